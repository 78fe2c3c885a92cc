"""``exportdesk triage`` and other inbox commands."""
