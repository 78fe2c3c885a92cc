"""The rules of the trade, as plain Python: no Django imports here."""
