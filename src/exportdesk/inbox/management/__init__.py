"""Management commands of the inbox app."""
