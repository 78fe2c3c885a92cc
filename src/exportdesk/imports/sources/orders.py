"""Orders with their lines from a file: one row per line, grouped by order number.

Order-level columns (buyer, date, status, currency, total) may repeat on every line or appear on
the first only; if two rows of one order disagree, the order is rejected. The buyer is found like
in a buyer import (platform ID, email, company + country) and created when the row names a company
and a country that match nobody. An order that already exists (same number) is updated only where
the file says something different, and its lines are replaced only if they differ, so importing
the same file twice changes nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from exportdesk.buyers.models import Buyer
from exportdesk.catalog.models import Product
from exportdesk.domain.money import UnknownCurrencyError
from exportdesk.imports.bulk import insert_objects
from exportdesk.imports.parsing import Table
from exportdesk.imports.regrade import (
    allocate_after_commit,
    chunks,
    regrade_existing,
    tag_new_buyers,
)
from exportdesk.imports.sources.base import (
    IDENTITY_PARSERS,
    BuyerEntity,
    BuyerResolver,
    ImportContext,
    Plan,
    Problem,
    RowReader,
    RowResult,
    add_preview_row,
    build_new_buyer,
    insert_events,
    new_buyer_problems,
    read_fields,
    visible_problem,
)
from exportdesk.imports.values import (
    Amount,
    ValueProblem,
    amount_to_minor,
    checked_currency,
    limit_length,
    parse_amount,
    parse_currency,
    parse_datetime,
    parse_order_status,
    parse_payment_channel,
    parse_quantity,
    same_instant,
)
from exportdesk.orders.models import Order, OrderLine

HEADER_FIELDS = (
    "ordered_at",
    "status",
    "payment_channel",
    "currency",
    "total",
    "paid_at",
    "shipped_at",
    "delivered_at",
    "cancelled_at",
)
IDENTITY_FIELDS = ("platform_buyer_id", "email", "company", "country", "contact_name")
LINE_FIELDS = ("sku", "product", "quantity", "unit_price", "line_total")
DATE_FIELDS = {
    "ordered_at": "quoted_at",
    "paid_at": "paid_at",
    "shipped_at": "shipped_at",
    "delivered_at": "delivered_at",
    "cancelled_at": "cancelled_at",
}
# Status implied by the latest date given, when the status column is empty.
STATUS_FROM_DATES = (
    ("cancelled_at", "cancelled"),
    ("delivered_at", "delivered"),
    ("shipped_at", "shipped"),
    ("paid_at", "paid"),
)


def order_parsers(ctx: ImportContext) -> dict[str, Callable[[str], Any]]:
    """Readers for every order column."""

    def when(text: str) -> datetime:
        return ctx.aware(parse_datetime(text))

    return {
        **IDENTITY_PARSERS,
        "number": lambda v: limit_length(v, 40),
        "ordered_at": when,
        "paid_at": when,
        "shipped_at": when,
        "delivered_at": when,
        "cancelled_at": when,
        "status": parse_order_status,
        "payment_channel": parse_payment_channel,
        "currency": parse_currency,
        "total": parse_amount,
        "sku": lambda v: limit_length(v, 40),
        "product": lambda v: limit_length(v, 200),
        "quantity": parse_quantity,
        "unit_price": parse_amount,
        "line_total": parse_amount,
    }


@dataclass
class OrderGroup:
    """The rows of one order number."""

    number: str
    rows: list[RowResult] = field(default_factory=list)
    header: dict[str, Any] = field(default_factory=dict)
    identity: dict[str, Any] = field(default_factory=dict)
    lines: list[dict[str, Any]] = field(default_factory=list)
    entity: BuyerEntity | None = None
    currency: str = ""
    total_minor: int = 0
    rejected: bool = False
    existing: Order | None = None
    outcome: str = ""

    @property
    def first_row(self) -> int:
        return self.rows[0].row


@dataclass
class OrderPlan(Plan):
    """The orders to create or update, and the buyers the file introduces."""

    new_orders: list[OrderGroup] = field(default_factory=list)
    changed_orders: list[tuple[OrderGroup, dict[str, list[Any]], bool]] = field(
        default_factory=list
    )
    new_buyers: list[BuyerEntity] = field(default_factory=list)

    def write(self) -> dict[str, int]:
        ctx = self.ctx
        now = ctx.now
        ctx.report(0.85, _("Saving new buyers"))
        buyers = [e.buyer for e in self.new_buyers if e.buyer is not None]
        insert_objects(Buyer, buyers)
        events = [
            ctx.event(e.buyer.pk, "imported", row=e.rows[0], grade=e.buyer.grade)
            for e in self.new_buyers
            if e.buyer is not None
        ]
        ctx.report(0.9, _("Saving orders"))
        orders: list[Order] = []
        for group in self.new_orders:
            assert group.entity is not None and group.entity.buyer is not None
            orders.append(_order_instance(group, Order(buyer=group.entity.buyer)))
        insert_objects(Order, orders)
        lines: list[OrderLine] = []
        for group, order in zip(self.new_orders, orders, strict=True):
            lines.extend(_line_instances(group, order))
            events.append(
                ctx.event(
                    order.buyer_id,
                    "order_imported",
                    rows=[r.row for r in group.rows],
                    number=order.number,
                    status=order.status,
                    currency=order.currency,
                    total_minor=order.total_minor,
                )
            )
        changed: list[Order] = []
        replace_lines: list[Order] = []
        for group, changes, lines_differ in self.changed_orders:
            assert group.existing is not None
            order = _order_instance(group, group.existing)
            changed.append(order)
            if lines_differ:
                replace_lines.append(order)
                lines.extend(_line_instances(group, order))
            events.append(
                ctx.event(
                    order.buyer_id,
                    "order_updated_from_import",
                    rows=[r.row for r in group.rows],
                    number=order.number,
                    changes=changes,
                )
            )
        if changed:
            Order.objects.bulk_update(
                changed,
                [
                    "status",
                    "channel",
                    "currency",
                    "total_minor",
                    "quoted_at",
                    "paid_at",
                    "shipped_at",
                    "delivered_at",
                    "cancelled_at",
                ],
                batch_size=500,
            )
        for part in chunks([o.pk for o in replace_lines]):
            OrderLine.objects.filter(order_id__in=part).delete()
        insert_objects(OrderLine, lines)
        ctx.report(0.95, _("Regrading buyers"))
        insert_events(events)
        tag_new_buyers(buyers, workspace=ctx.workspace, now=now)
        touched_ids = {o.buyer_id for o in orders} | {o.buyer_id for o in changed}
        regrade_existing(touched_ids, actor=ctx.actor)
        allocate_after_commit([b.pk for b in buyers if b.assigned_rep_id is None], actor=ctx.actor)
        return {
            "created": len(orders),
            "updated": len(changed),
            "unchanged": self.counts.get("orders_unchanged", 0),
            "lines": len(lines),
            "buyers_created": len(buyers),
            "events": len(events),
        }


def _order_instance(group: OrderGroup, order: Order) -> Order:
    """Set the file's order-level values on a new or existing order (empty cells skipped)."""
    header = group.header
    order.number = group.number
    if header.get("status"):
        order.status = header["status"]
    if header.get("payment_channel"):
        order.channel = header["payment_channel"]
    order.currency = group.currency
    order.total_minor = group.total_minor
    for source, target in DATE_FIELDS.items():
        if header.get(source):
            setattr(order, target, header[source])
    return order


def _line_instances(group: OrderGroup, order: Order) -> list[OrderLine]:
    return [
        OrderLine(
            order=order,
            product_id=line["product_id"],
            description=line["description"],
            quantity=line["quantity"],
            unit_price_minor=line["unit_price_minor"],
            total_minor=line["total_minor"],
        )
        for line in group.lines
    ]


def _line_key(line: dict[str, Any]) -> tuple[Any, ...]:
    return (
        line["product_id"],
        line["description"],
        line["quantity"],
        line["unit_price_minor"],
        line["total_minor"],
    )


def _group_rows(results: list[RowResult], reader: RowReader, plan: OrderPlan) -> list[OrderGroup]:
    groups: dict[str, OrderGroup] = {}
    for result in results:
        number = result.values.get("number")
        if not number:
            continue
        group = groups.setdefault(number, OrderGroup(number=number))
        group.rows.append(result)
    for group in groups.values():
        for result in group.rows:
            for key, target in ((HEADER_FIELDS, group.header), (IDENTITY_FIELDS, group.identity)):
                for name in key:
                    value = result.values.get(name)
                    if value in (None, ""):
                        continue
                    seen = target.get(name)
                    if seen is None:
                        target[name] = value
                    elif seen != value:
                        result.problems.append(
                            Problem(
                                result.row,
                                reader.column(name),
                                result.raw.get(name, ""),
                                _(
                                    "Row %(first)s of order %(number)s says %(other)s here; "
                                    "one order has one value."
                                )
                                % {
                                    "first": group.first_row,
                                    "number": group.number,
                                    "other": result.raw.get(name, ""),
                                },
                            )
                        )
    return list(groups.values())


def _reject_group(group: OrderGroup, plan: OrderPlan, reader: RowReader) -> None:
    """Reject every row of an order when one of them has a problem (no half orders)."""
    group.rejected = True
    bad = [r.row for r in group.rows if r.problems]
    for result in group.rows:
        plan.reject(result.problems)
        if not result.problems:
            plan.reject(
                [
                    Problem(
                        result.row,
                        reader.column("number"),
                        group.number,
                        _("Rejected with the rest of order %(number)s (see row %(row)s).")
                        % {"number": group.number, "row": bad[0] if bad else group.first_row},
                    )
                ]
            )


def _money(amount: Amount, currency: str) -> int:
    return amount_to_minor(amount, currency)


def _prepare_group(
    group: OrderGroup, reader: RowReader, products: dict[str, int], default_currency: str
) -> None:
    """Currency, lines and total of one order; problems go onto the rows."""
    header = group.header
    amounts = [header.get("total")] + [
        r.values.get(k) for r in group.rows for k in ("unit_price", "line_total")
    ]
    symbols = {a.currency for a in amounts if isinstance(a, Amount) and a.currency}
    currency = header.get("currency") or (symbols.pop() if len(symbols) == 1 else "")
    if not currency and symbols:
        group.rows[0].problems.append(
            Problem(
                group.first_row,
                reader.column("total"),
                "",
                _("The amounts of this order are in different currencies."),
            )
        )
        return
    try:
        group.currency = checked_currency(currency or default_currency)
    except UnknownCurrencyError as exc:
        group.rows[0].problems.append(
            Problem(group.first_row, reader.column("currency"), currency, str(exc))
        )
        return
    lines_total = 0
    for result in group.rows:
        values = result.values
        if not any(values.get(k) for k in LINE_FIELDS):
            continue
        try:
            quantity = values.get("quantity")
            unit = values.get("unit_price")
            line_total = values.get("line_total")
            if not quantity:
                raise ValueProblem(_("A product line needs a quantity."))
            if unit is None and line_total is None:
                raise ValueProblem(_("A product line needs a unit price or a line total."))
            if unit is not None:
                unit_minor = _money(unit, group.currency)
            else:
                assert line_total is not None
                unit_minor = _money(
                    Amount(line_total.value / Decimal(quantity), line_total.currency),
                    group.currency,
                )
            total_minor = (
                _money(line_total, group.currency)
                if line_total is not None
                else unit_minor * quantity
            )
        except ValueProblem as exc:
            column = "quantity" if not values.get("quantity") else "unit_price"
            result.problems.append(
                Problem(result.row, reader.column(column), result.raw.get(column, ""), str(exc))
            )
            continue
        sku = values.get("sku", "")
        name = values.get("product", "")
        description = name or sku
        if sku and name and sku not in name:
            description = f"{sku} {name}"
        group.lines.append(
            {
                "product_id": products.get(sku) if sku else None,
                "description": description[:200],
                "quantity": quantity,
                "unit_price_minor": unit_minor,
                "total_minor": total_minor,
            }
        )
        lines_total += total_minor
    if header.get("total") is not None:
        try:
            group.total_minor = _money(header["total"], group.currency)
        except ValueProblem as exc:
            group.rows[0].problems.append(
                Problem(
                    group.first_row,
                    reader.column("total"),
                    group.rows[0].raw.get("total", ""),
                    str(exc),
                )
            )
    elif group.lines:
        group.total_minor = lines_total
    else:
        group.total_minor = -1  # no total and no lines: keep an existing order's total
    if not header.get("status"):
        for date_field, status in STATUS_FROM_DATES:
            if header.get(date_field):
                header["status"] = status
                break


def plan_orders(table: Table, mapping: dict[str, int], ctx: ImportContext) -> OrderPlan:
    """Read every row, group lines into orders, find buyers and decide what to write."""
    reader = RowReader(table, mapping)
    parsers = order_parsers(ctx)
    plan = OrderPlan(ctx=ctx, total_rows=len(table.rows), blank_rows=table.blank_rows)
    plan.columns = [key for key in mapping if key in reader.mapping]
    results: list[RowResult] = []
    total = max(1, len(table.rows))
    for index, cells in enumerate(table.rows):
        row = table.row_number(index)
        result = read_fields(row, reader.values(cells), parsers, reader)
        if not result.values.get("number") and "number" not in result.raw:
            result.problems.append(
                Problem(row, reader.column("number"), "", _("The order number is missing."))
            )
        results.append(result)
        if index % 5000 == 0:
            ctx.report(0.3 + 0.3 * index / total, _("Checking rows"))
    groups = _group_rows(results, reader, plan)
    existing_orders: dict[str, Order] = {}
    for part in chunks(sorted(g.number for g in groups)):
        existing_orders.update((o.number, o) for o in Order.objects.filter(number__in=part))
    skus = {r.values["sku"] for r in results if r.values.get("sku")}
    products: dict[str, int] = {}
    for part in chunks(sorted(skus)):
        products.update(Product.objects.filter(sku__in=part).values_list("sku", "id"))
    for group in groups:
        existing = existing_orders.get(group.number)
        default = existing.currency if existing else (ctx.workspace.currency or "USD")
        _prepare_group(group, reader, products, default)
    ctx.report(0.6, _("Matching buyers and orders"))
    for group in groups:
        if any(r.problems for r in group.rows):
            _reject_group(group, plan, reader)
    for result in results:
        if not result.values.get("number"):
            plan.reject(result.problems)
    live = [g for g in groups if not g.rejected]
    resolver = BuyerResolver(g.identity for g in live)
    for group in live:
        if not any(group.identity.get(k) for k in ("platform_buyer_id", "email", "company")):
            group.rows[0].problems.append(
                Problem(
                    group.first_row,
                    reader.column("company"),
                    "",
                    _("The order names no buyer (platform buyer ID, email or company)."),
                )
            )
            _reject_group(group, plan, reader)
            continue
        group.entity, _matched = resolver.resolve(group.first_row, dict(group.identity))
    live = [g for g in live if not g.rejected]
    for group in live:
        entity = group.entity
        assert entity is not None
        if entity.is_new:
            problem = next(iter(new_buyer_problems(entity, reader)), None)
        else:
            problem = visible_problem(entity, ctx, group.first_row, reader.column("company"))
        if problem is not None:
            entity.rejected = True
            group.rows[0].problems.append(
                Problem(group.first_row, problem.column, problem.value, problem.reason)
            )
            _reject_group(group, plan, reader)
    live = [g for g in live if not g.rejected]
    resolver.load_buyers([g.entity for g in live if g.entity is not None and not g.entity.is_new])
    existing_lines: dict[int, list[tuple[Any, ...]]] = {}
    order_ids = [existing_orders[g.number].pk for g in live if g.number in existing_orders]
    for part in chunks(order_ids):
        for line in OrderLine.objects.filter(order_id__in=part).order_by("id"):
            existing_lines.setdefault(line.order_id, []).append(
                (
                    line.product_id,
                    line.description,
                    line.quantity,
                    line.unit_price_minor,
                    line.total_minor,
                )
            )
    for group in live:
        entity = group.entity
        assert entity is not None
        order = existing_orders.get(group.number)
        if order is None:
            group.outcome = "new"
            group.total_minor = max(0, group.total_minor)
            continue
        if entity.buyer_id is None or order.buyer_id != entity.buyer_id:
            group.rows[0].problems.append(
                Problem(
                    group.first_row,
                    reader.column("number"),
                    group.number,
                    _("Order %(number)s already exists for another buyer.")
                    % {"number": group.number},
                )
            )
            _reject_group(group, plan, reader)
            continue
        group.existing = order
        changes = _order_changes(group, order)
        lines_differ = bool(group.lines) and [
            _line_key(line) for line in group.lines
        ] != existing_lines.get(order.pk, [])
        if lines_differ:
            changes["lines"] = [len(existing_lines.get(order.pk, [])), len(group.lines)]
        if changes:
            plan.changed_orders.append((group, changes, lines_differ))
            group.outcome = "update"
        else:
            group.outcome = "unchanged"
    live = [g for g in live if not g.rejected]
    # Buyers that only rejected orders needed are not created.
    needed = {id(g.entity) for g in live if g.entity is not None}
    for entity in resolver.entities:
        if entity.is_new and not entity.rejected and id(entity) in needed:
            entity.buyer = build_new_buyer(entity, ctx)
            plan.new_buyers.append(entity)
    plan.new_orders = [g for g in live if g.outcome == "new"]
    plan.counts = {
        "orders_new": len(plan.new_orders),
        "orders_updated": len(plan.changed_orders),
        "orders_unchanged": sum(1 for g in live if g.outcome == "unchanged"),
        "lines": sum(len(g.lines) for g in live if g.outcome in ("new", "update")),
        "buyers_new": len(plan.new_buyers),
    }
    for group in live:
        entity = group.entity
        assert entity is not None
        if entity.buyer_id is not None:
            plan.merges_total += 1
            if len(plan.merges) < 100:
                plan.merges.append(
                    {
                        "row": group.first_row,
                        "target": "existing",
                        "buyer_id": entity.buyer_id,
                        "buyer": entity.label,
                        "by": entity.matched_by.get(group.first_row, ""),
                        "order": group.number,
                        "outcome": group.outcome,
                    }
                )
    group_of = {r.row: g for g in groups for r in g.rows}
    for result in results[:20]:
        row_group = group_of.get(result.row)
        if result.row in plan.rejected_rows or row_group is None or row_group.rejected:
            if not result.problems:
                result.problems = [p for p in plan.problems if p.row == result.row]
            outcome: dict[str, Any] = {"kind": "error"}
        else:
            entity = row_group.entity
            assert entity is not None
            outcome = {
                "kind": "order_" + row_group.outcome,
                "order": row_group.number,
                "buyer": entity.label,
                "buyer_id": entity.buyer_id,
                "new_buyer": entity.is_new,
                "by": entity.matched_by.get(row_group.first_row, ""),
            }
        add_preview_row(plan, result, outcome)
    return plan


def _order_changes(group: OrderGroup, order: Order) -> dict[str, list[Any]]:
    header = group.header
    changes: dict[str, list[Any]] = {}

    def check(name: str, old: Any, new: Any) -> None:
        if new not in (None, "") and not same_instant(old, new):
            changes[name] = [
                old.isoformat() if isinstance(old, datetime) else old,
                new.isoformat() if isinstance(new, datetime) else new,
            ]

    check("status", order.status, header.get("status"))
    check("channel", order.channel, header.get("payment_channel"))
    check("currency", order.currency, group.currency)
    if group.total_minor < 0:
        group.total_minor = order.total_minor
    check("total_minor", order.total_minor, group.total_minor)
    for source, target in DATE_FIELDS.items():
        check(target, getattr(order, target), header.get(source))
    return changes
