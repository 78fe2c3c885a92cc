"""Inquiry understanding and drafting, as plain Python: no Django imports here."""
