"""The ``exportdesk`` console script.

``exportdesk serve|migrate|demo|createuser|backup|restore ...`` run the management command of the
same name; ``exportdesk manage <command> ...`` reaches every other Django management command.
"""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> None:
    """Run a management command with ExportDesk's settings."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "exportdesk.settings")
    from django.core.management import execute_from_command_line

    args = list(sys.argv[1:] if argv is None else argv)
    if args and args[0] == "manage":
        args = args[1:]
    execute_from_command_line(["exportdesk", *args])


if __name__ == "__main__":
    main()
