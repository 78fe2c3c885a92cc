"""ExportDesk: the buyer desk for small B2B export sellers."""

__version__ = "0.1.0"
