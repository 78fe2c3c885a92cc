"""``exportdesk token create|list|revoke``: per-user API tokens from the command line.

``create USERNAME --name NAME`` prints the token alone on standard output (so scripts can
capture it) and a note on standard error; the token is shown this once and never stored.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser, no_translations

from exportdesk.accounts.management.commands.createuser import validation_message
from exportdesk.api.models import PREFIX_LENGTH, ApiToken
from exportdesk.api.services import api_token_create, api_token_revoke


def _when(value: Any) -> str:
    return value.strftime("%Y-%m-%d %H:%M") if value else "-"


class Command(BaseCommand):
    help = "Create, list and revoke API tokens (Authorization: Bearer <token> for /api/v1/)."

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
        create = actions.add_parser("create", help="create a token for a user (shown once)")
        create.add_argument("username")
        create.add_argument("--name", required=True, help="what the token is for, e.g. 'n8n'")
        listing = actions.add_parser("list", help="list tokens (prefix, user, name, use, status)")
        listing.add_argument("username", nargs="?", help="only this user's tokens")
        revoke = actions.add_parser("revoke", help="revoke a token by its prefix (edk_xxxx)")
        revoke.add_argument("prefix", help="the first 8 characters (or the whole token)")

    @no_translations
    def handle(self, *args: Any, **options: Any) -> None:
        getattr(self, f"_{options['action']}")(options)

    def _user(self, username: str) -> Any:
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"No user {username!r}.")
        return user

    def _create(self, options: dict[str, Any]) -> None:
        user = self._user(options["username"])
        try:
            token, raw = api_token_create(user=user, name=options["name"])
        except ValidationError as error:
            raise CommandError(f"Token not created. {validation_message(error)}") from error
        self.stdout.write(raw)
        self.stderr.write(
            f"Created token {token.prefix}… {token.name!r} for {user.get_username()}. "
            "Copy it now: it is not shown again."
        )

    def _list(self, options: dict[str, Any]) -> None:
        tokens = ApiToken.objects.select_related("user").order_by("user__username", "-created_at")
        if options["username"]:
            tokens = tokens.filter(user=self._user(options["username"]))
        rows = [
            (
                t.prefix,
                t.user.get_username(),
                t.name,
                _when(t.created_at),
                _when(t.last_used_at),
                "active" if t.is_active else f"revoked {_when(t.revoked_at)}",
            )
            for t in tokens
        ]
        if not rows:
            self.stdout.write("No API tokens.")
            return
        header = ("PREFIX", "USER", "NAME", "CREATED", "LAST USED", "STATUS")
        widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(len(header))]
        for row in [header, *rows]:
            cells = (str(v).ljust(w) for v, w in zip(row, widths, strict=True))
            self.stdout.write("  ".join(cells).rstrip())

    def _revoke(self, options: dict[str, Any]) -> None:
        prefix = options["prefix"].strip()[:PREFIX_LENGTH]
        token = ApiToken.objects.select_related("user").filter(prefix=prefix).first()
        if token is None:
            raise CommandError(f"No API token starts with {prefix!r}.")
        if not token.is_active:
            self.stdout.write(f"Token {token.prefix}… was already revoked.")
            return
        api_token_revoke(token=token, actor=None)
        self.stdout.write(
            self.style.SUCCESS(
                f"Revoked token {token.prefix}… {token.name!r} of {token.user.get_username()}."
            )
        )
