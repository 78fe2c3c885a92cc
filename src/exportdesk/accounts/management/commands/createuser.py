"""``exportdesk createuser USERNAME --role ROLE``: add a person to the workspace."""

from __future__ import annotations

import getpass
import sys
from argparse import ArgumentParser
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, no_translations

from exportdesk.accounts.roles import Role
from exportdesk.accounts.services import user_create


def validation_message(error: ValidationError) -> str:
    """One readable line from a ValidationError, field names first."""
    if hasattr(error, "error_dict"):
        return " ".join(
            f"{field}: {' '.join(messages)}" if field != "__all__" else " ".join(messages)
            for field, messages in error.message_dict.items()
        )
    return " ".join(error.messages)


class Command(BaseCommand):
    help = "Create a user with a role (owner, manager, senior_rep, rep, viewer)."
    # Tests hand the password stream in through call_command(stdin=...).
    stealth_options = ("stdin",)

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("username")
        parser.add_argument("--role", required=True, choices=[r.value for r in Role])
        parser.add_argument("--email", default="")
        parser.add_argument("--first-name", default="")
        parser.add_argument("--last-name", default="")
        source = parser.add_mutually_exclusive_group()
        source.add_argument(
            "--password", help="the password (visible to other users of this machine)"
        )
        source.add_argument(
            "--password-stdin",
            action="store_true",
            help="read the password from the first line of standard input",
        )

    @no_translations
    def handle(self, *args: Any, **options: Any) -> None:
        password = self._password(options)
        role = Role(options["role"])
        try:
            user = user_create(
                username=options["username"],
                password=password,
                role=role,
                email=options["email"],
                first_name=options["first_name"],
                last_name=options["last_name"],
            )
        except ValidationError as exc:
            raise CommandError(f"User not created. {validation_message(exc)}") from exc
        self.stdout.write(self.style.SUCCESS(f"Created {user.get_username()!r} ({role.value})."))

    def _password(self, options: dict[str, Any]) -> str:
        if options["password"] is not None:
            return str(options["password"])
        if options["password_stdin"]:
            line = (options.get("stdin") or sys.stdin).readline()
            password = line.rstrip("\r\n")
            if not password:
                raise CommandError("No password on standard input.")
            return password
        if not sys.stdin.isatty():
            raise CommandError(
                "Give the password with --password-stdin (or --password); "
                "standard input is not a terminal, so it cannot be asked for."
            )
        password = getpass.getpass("Password: ")
        if password != getpass.getpass("Password (again): "):
            raise CommandError("The passwords do not match; user not created.")
        if not password:
            raise CommandError("The password is empty; user not created.")
        return password
