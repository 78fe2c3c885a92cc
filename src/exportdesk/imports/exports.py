"""Buyers and orders out to CSV (UTF-8 with BOM, for Korean Excel) and XLSX.

Every text cell that a spreadsheet would read as a formula (starting with ``= + - @``, tab or
carriage return) is prefixed with an apostrophe (OWASP "CSV injection"). The columns use the
import's own headers and stored codes, so an exported file imports back unchanged.
"""

from __future__ import annotations

import csv
import io
import zoneinfo
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from datetime import datetime
from decimal import Decimal
from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from exportdesk.accounts.models import WorkspaceSettings
from exportdesk.buyers.models import Buyer
from exportdesk.domain.money import minor_exponent
from exportdesk.imports.mapping import labels_for
from exportdesk.imports.regrade import chunks
from exportdesk.orders.models import Order, OrderLine

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
FORMATS = tuple(CONTENT_TYPES)


def neutralise(value: Any) -> Any:
    """Prefix text a spreadsheet would run as a formula with ``'``; leave other values alone."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def write_csv(headers: Sequence[str], rows: Iterable[Sequence[Any]]) -> bytes:
    """CSV bytes in UTF-8 with a BOM (so Excel shows Korean correctly), cells neutralised."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([neutralise(h) for h in headers])
    for row in rows:
        writer.writerow(["" if v is None else neutralise(str(v)) for v in row])
    return buffer.getvalue().encode("utf-8-sig")


def write_xlsx(headers: Sequence[str], rows: Iterable[Sequence[Any]], title: str) -> bytes:
    """An XLSX workbook (streamed with openpyxl's write-only mode), text cells neutralised."""
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=title[:31] or "Sheet1")
    sheet.append([neutralise(h) for h in headers])
    for row in rows:
        sheet.append([_xlsx_value(v) for v in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _xlsx_value(value: Any) -> Any:
    if value is None:
        return None
    if isinstance(value, Decimal):
        return float(value) if value != value.to_integral_value() else int(value)
    if isinstance(value, int | float):
        return value
    return neutralise(str(value))


def render(headers: Sequence[str], rows: Iterable[Sequence[Any]], fmt: str, title: str) -> bytes:
    """The file in the requested format (``csv`` or ``xlsx``)."""
    if fmt == "xlsx":
        return write_xlsx(headers, rows, title)
    if fmt == "csv":
        return write_csv(headers, rows)
    raise ValueError(f"Unknown export format: {fmt!r}")


def _local(value: datetime | None, tz: zoneinfo.ZoneInfo) -> str:
    if value is None:
        return ""
    local = timezone.localtime(value, tz)
    if local.hour == local.minute == local.second == 0:
        return local.strftime("%Y-%m-%d")
    return local.strftime("%Y-%m-%d %H:%M:%S")


def _major(minor: int | None, currency: str) -> Decimal | None:
    if minor is None:
        return None
    try:
        exponent = minor_exponent(currency)
    except ValueError:
        exponent = 2
    return Decimal(minor).scaleb(-exponent)


def _workspace_tz() -> zoneinfo.ZoneInfo:
    try:
        return zoneinfo.ZoneInfo(WorkspaceSettings.current().timezone)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return zoneinfo.ZoneInfo("Asia/Seoul")


BUYER_EXPORT_FIELDS = (
    "company",
    "contact_name",
    "email",
    "phone",
    "country",
    "website",
    "channel",
    "platform_buyer_id",
    "platform_level",
    "company_size",
    "business_type",
    "annual_purchase",
    "annual_purchase_currency",
    "assigned_rep",
    "tags",
    "notes",
    "first_contact_at",
    "last_contact_at",
)


def buyer_rows(buyers: QuerySet[Buyer]) -> tuple[list[str], Iterator[list[Any]]]:
    """Headers and rows of a buyer export (one query per 500 buyers for tags)."""
    labels = labels_for("buyers")
    headers = [labels[f] for f in BUYER_EXPORT_FIELDS] + [_("Grade"), _("Grade score")]
    tz = _workspace_tz()
    usernames = dict(get_user_model().objects.values_list("pk", "username"))

    def rows() -> Iterator[list[Any]]:
        ids = list(buyers.order_by("id").values_list("id", flat=True))
        through = Buyer.tags.through
        for part in chunks(ids, 2000):
            tags: dict[int, list[str]] = defaultdict(list)
            for buyer_id, name in (
                through.objects.filter(buyer_id__in=part)
                .order_by("tag__name")
                .values_list("buyer_id", "tag__name")
            ):
                tags[buyer_id].append(name)
            for buyer in Buyer.objects.filter(pk__in=part).order_by("id"):
                yield [
                    buyer.company,
                    buyer.contact_name,
                    buyer.email,
                    buyer.phone,
                    buyer.country,
                    buyer.website,
                    buyer.channel,
                    buyer.platform_buyer_id,
                    buyer.platform_level,
                    buyer.company_size,
                    buyer.business_type,
                    _major(buyer.annual_purchase_minor, buyer.annual_purchase_currency),
                    buyer.annual_purchase_currency if buyer.annual_purchase_minor else "",
                    usernames.get(buyer.assigned_rep_id, "") if buyer.assigned_rep_id else "",
                    ", ".join(tags.get(buyer.pk, [])),
                    buyer.notes,
                    _local(buyer.first_contact_at, tz),
                    _local(buyer.last_contact_at, tz),
                    buyer.grade,
                    buyer.grade_score,
                ]

    return headers, rows()


ORDER_EXPORT_FIELDS = (
    "number",
    "platform_buyer_id",
    "email",
    "company",
    "country",
    "ordered_at",
    "status",
    "payment_channel",
    "currency",
    "total",
    "sku",
    "product",
    "quantity",
    "unit_price",
    "line_total",
    "paid_at",
    "shipped_at",
    "delivered_at",
    "cancelled_at",
)


def order_rows(orders: QuerySet[Order]) -> tuple[list[str], Iterator[list[Any]]]:
    """Headers and rows of an order export: one row per line (order columns repeated)."""
    labels = labels_for("orders")
    headers = [labels[f] for f in ORDER_EXPORT_FIELDS]
    tz = _workspace_tz()

    def rows() -> Iterator[list[Any]]:
        ids = list(orders.order_by("id").values_list("id", flat=True))
        for part in chunks(ids, 2000):
            lines: dict[int, list[OrderLine]] = defaultdict(list)
            for line in (
                OrderLine.objects.filter(order_id__in=part).select_related("product").order_by("id")
            ):
                lines[line.order_id].append(line)
            for order in Order.objects.filter(pk__in=part).select_related("buyer").order_by("id"):
                buyer = order.buyer
                head = [
                    order.number,
                    buyer.platform_buyer_id,
                    buyer.email,
                    buyer.company,
                    buyer.country,
                    _local(order.quoted_at, tz),
                    order.status,
                    order.channel,
                    order.currency,
                    _major(order.total_minor, order.currency),
                ]
                dates = [
                    _local(order.paid_at, tz),
                    _local(order.shipped_at, tz),
                    _local(order.delivered_at, tz),
                    _local(order.cancelled_at, tz),
                ]
                if not lines.get(order.pk):
                    yield [*head, "", "", None, None, None, *dates]
                    continue
                for line in lines[order.pk]:
                    sku = line.product.sku if line.product else ""
                    description = line.description
                    if sku and description.startswith(sku + " "):
                        description = description[len(sku) + 1 :]
                    yield [
                        *head,
                        sku,
                        description,
                        line.quantity,
                        _major(line.unit_price_minor, order.currency),
                        _major(line.total_minor, order.currency),
                        *dates,
                    ]

    return headers, rows()


def export_buyers(buyers: QuerySet[Buyer], fmt: str) -> bytes:
    """The buyers as a CSV or XLSX file."""
    headers, rows = buyer_rows(buyers)
    return render(headers, rows, fmt, _("Buyers"))


def export_orders(orders: QuerySet[Order], fmt: str) -> bytes:
    """The orders (one row per line) as a CSV or XLSX file."""
    headers, rows = order_rows(orders)
    return render(headers, rows, fmt, _("Orders"))


def export_filename(kind: str, fmt: str) -> str:
    """``exportdesk-buyers-2026-11-29.csv``."""
    return f"exportdesk-{kind}-{timezone.localdate():%Y-%m-%d}.{fmt}"
