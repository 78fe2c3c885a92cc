"""Tests of the pure inquiry-understanding package (no database)."""
