"""``exportdesk export buyers|orders FILE.csv|FILE.xlsx``: write buyers or orders to a file."""

from __future__ import annotations

from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from exportdesk.buyers.models import Buyer
from exportdesk.buyers.selectors import buyers_visible_to
from exportdesk.imports.exports import FORMATS, export_buyers, export_orders
from exportdesk.orders.models import Order


class Command(BaseCommand):
    help = (
        "Export buyers or orders to CSV (UTF-8 with BOM, opens in Korean Excel) or XLSX; the "
        "format follows the file's extension. Formula-like cells are neutralised."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("kind", choices=["buyers", "orders"])
        parser.add_argument("file", help="where to write, ending in .csv or .xlsx")
        parser.add_argument("--user", help="export only what this user may see")
        parser.add_argument("--force", action="store_true", help="replace an existing file")

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["file"])
        fmt = path.suffix.lower().lstrip(".")
        if fmt not in FORMATS:
            raise CommandError("The file name must end in .csv or .xlsx.")
        if path.exists() and not options["force"]:
            raise CommandError(f"{path} exists; use --force to replace it.")
        buyers = Buyer.objects.all()
        if options["user"]:
            user = get_user_model().objects.filter(username=options["user"]).first()
            if user is None:
                raise CommandError(f"No user is called {options['user']!r}.")
            buyers = buyers_visible_to(user)
        if options["kind"] == "buyers":
            data = export_buyers(buyers, fmt)
            count = buyers.count()
        else:
            orders = Order.objects.filter(buyer__in=buyers)
            data = export_orders(orders, fmt)
            count = orders.count()
        path.write_bytes(data)
        self.stdout.write(self.style.SUCCESS(f"Wrote {count} {options['kind']} to {path}."))
