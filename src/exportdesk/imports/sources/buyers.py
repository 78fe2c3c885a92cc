"""Buyers from a file: create new ones, merge duplicates, fill in what existing ones lack.

Non-empty cells overwrite the existing value (empty cells never do); first and last contact
only ever move outward (earlier first contact, later last contact), so re-importing an old file
does not make a buyer look dormant. A buyer whose values would not change is left alone: no
save, no event, so importing the same file twice changes nothing the second time.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from functools import partial
from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils.translation import gettext as _

from exportdesk.buyers.models import Buyer
from exportdesk.buyers.services import is_system_tag
from exportdesk.domain.money import UnknownCurrencyError
from exportdesk.imports.bulk import insert_objects
from exportdesk.imports.parsing import Table
from exportdesk.imports.regrade import (
    allocate_after_commit,
    chunks,
    link_tags,
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
    identity_keys,
    insert_events,
    new_buyer_problems,
    normalised_name,
    preview_merge,
    read_fields,
    visible_problem,
)
from exportdesk.imports.values import (
    ValueProblem,
    amount_to_minor,
    checked_currency,
    clean_cell,
    limit_length,
    parse_amount,
    parse_business_type,
    parse_channel,
    parse_company_size,
    parse_currency,
    parse_datetime,
    parse_platform_level,
    parse_website,
    same_instant,
)

# Profile fields a file may set on an existing buyer, in the order changes are reported.
UPDATABLE = (
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
    "annual_purchase_minor",
    "annual_purchase_currency",
    "assigned_rep_id",
    "notes",
    "first_contact_at",
    "last_contact_at",
)


# What the comparison reads and bulk_update may write (the rest of a buyer stays unloaded).
LOADED_FIELDS = (
    "id",
    *(("assigned_rep" if f == "assigned_rep_id" else f) for f in UPDATABLE),
    "normalized_company",
    "updated_at",
    "grade",
    "grade_locked",
)


def _tags(text: str) -> set[str]:
    names = set()
    for part in re.split(r"[,;|\n]", text):
        name = " ".join(part.split()).lower()
        if not name or is_system_tag(name):
            continue
        if len(name) > 60:
            raise ValueProblem(_("A tag can be at most 60 characters: %(tag)s") % {"tag": name})
        names.add(name)
    return names


def buyer_parsers(ctx: ImportContext) -> dict[str, Callable[[str], Any]]:
    """Readers for every buyer column; dates become aware in the workspace time zone."""

    def when(text: str) -> datetime:
        return ctx.aware(parse_datetime(text))

    return {
        **IDENTITY_PARSERS,
        "phone": partial(limit_length, max_length=40),
        "website": parse_website,
        "channel": parse_channel,
        "platform_level": parse_platform_level,
        "company_size": parse_company_size,
        "business_type": parse_business_type,
        "annual_purchase": parse_amount,
        "annual_purchase_currency": parse_currency,
        "assigned_rep": lambda v: v.strip(),
        "tags": _tags,
        "notes": clean_cell,
        "first_contact_at": when,
        "last_contact_at": when,
    }


class UserDirectory:
    """Finds a user by user name, email or full name (one query for all active users)."""

    def __init__(self) -> None:
        self.lookup: dict[str, int] = {}
        users = get_user_model().objects.filter(is_active=True).order_by("id")
        for pk, username, email, first, last in users.values_list(
            "pk", "username", "email", "first_name", "last_name"
        ):
            for key in (username, email, f"{first} {last}", f"{last}{first}", f"{last} {first}"):
                key = " ".join((key or "").split()).casefold()
                if key:
                    self.lookup.setdefault(key, pk)

    def find(self, text: str) -> int | None:
        """The user's id, or None."""
        return self.lookup.get(" ".join(text.split()).casefold())


def _money_fields(result: RowResult, reader: RowReader, ctx: ImportContext) -> None:
    """Turn the annual purchase amount (+ currency column) into minor units and a code."""
    amount = result.values.pop("annual_purchase", None)
    currency = result.values.pop("annual_purchase_currency", None)
    if amount is None:
        return
    code = currency or amount.currency or ctx.workspace.currency or "USD"
    try:
        code = checked_currency(code)
        result.values["annual_purchase_minor"] = amount_to_minor(amount, code)
        result.values["annual_purchase_currency"] = code
    except (ValueProblem, UnknownCurrencyError) as exc:
        result.problems.append(
            Problem(
                result.row,
                reader.column("annual_purchase"),
                result.raw["annual_purchase"],
                str(exc),
            )
        )


@dataclass
class BuyerPlan(Plan):
    """The buyers to create and to update, with their events and tags."""

    new_entities: list[BuyerEntity] = field(default_factory=list)
    changed: list[tuple[BuyerEntity, dict[str, list[Any]], str]] = field(default_factory=list)
    user_tags: dict[int, set[str]] = field(default_factory=dict)  # id(entity) → new tags

    def write(self) -> dict[str, int]:
        ctx = self.ctx
        now = ctx.now
        new_buyers = [e.buyer for e in self.new_entities if e.buyer is not None]
        ctx.report(0.85, _("Saving new buyers"))
        insert_objects(Buyer, new_buyers)
        updated: list[Buyer] = []
        fields: set[str] = set()
        for entity, changes, _old_grade in self.changed:
            assert entity.buyer is not None
            entity.buyer.updated_at = now
            updated.append(entity.buyer)
            fields |= {("assigned_rep" if f == "assigned_rep_id" else f) for f in changes}
        if updated:
            ctx.report(0.9, _("Updating existing buyers"))
            fields |= {"normalized_company", "updated_at"}
            fields.discard("tags")
            Buyer.objects.bulk_update(updated, sorted(fields), batch_size=500)
        events: list[tuple[Any, ...]] = []
        payload = ctx.event_payload()
        actor_id = ctx.actor_id
        for entity in self.new_entities:
            buyer = entity.buyer
            assert buyer is not None
            # ctx.event(buyer.id, "imported", row=..., grade=...), without its per-call overhead.
            rows = entity.rows
            extra = {**payload, "row": rows[0], "grade": buyer.grade}
            if len(rows) > 1:
                extra["merged_rows"] = rows[1:]
            events.append((buyer.id, "imported", extra, actor_id, now))
        for entity, changes, _old_grade in self.changed:
            assert entity.buyer is not None
            events.append(
                ctx.event(
                    entity.buyer.pk,
                    "merged_from_import",
                    rows=entity.rows,
                    matched_by=entity.matched_by.get(entity.rows[0], ""),
                    changes=changes,
                )
            )
        ctx.report(0.95, _("Recording events and tags"))
        insert_events(events)
        tag_new_buyers(
            new_buyers,
            workspace=ctx.workspace,
            now=now,
            user_tags={
                e.buyer.id: self.user_tags[id(e)]
                for e in self.new_entities
                if e.buyer is not None and id(e) in self.user_tags
            },
        )
        link_tags(
            {
                e.buyer.pk: self.user_tags[id(e)]
                for e, _c, _g in self.changed
                if e.buyer is not None and self.user_tags.get(id(e))
            }
        )
        # Grade, system tags and "graded" events of changed buyers, from all their data.
        regrade_existing([b.pk for b in updated], actor=ctx.actor)
        allocate_after_commit(
            [b.pk for b in new_buyers if b.assigned_rep_id is None], actor=ctx.actor
        )
        return {
            "created": len(new_buyers),
            "updated": len(updated),
            "unchanged": self.counts.get("unchanged", 0),
            "events": len(events),
        }


def _jsonable(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, set):
        return sorted(value)
    return value


def _diff(entity: BuyerEntity) -> dict[str, list[Any]]:
    """Apply the file's values to the loaded buyer; return ``{field: [old, new]}``."""
    buyer = entity.buyer
    assert buyer is not None
    changes: dict[str, list[Any]] = {}
    for key in UPDATABLE:
        if key not in entity.values:
            continue
        new = entity.values[key]
        old = getattr(buyer, key)
        if same_instant(old, new):
            continue
        if key == "first_contact_at" and old is not None:
            new = min(old, new)
        elif key == "last_contact_at" and old is not None:
            new = max(old, new)
        if new != old:
            changes[key] = [_jsonable(old), _jsonable(new)]
            setattr(buyer, key, new)
    if "company" in changes:
        buyer.normalized_company = normalised_name(buyer.company)
    return changes


def plan_buyers(table: Table, mapping: dict[str, int], ctx: ImportContext) -> BuyerPlan:
    """Read and check every row, match it to a buyer and decide what to write."""
    reader = RowReader(table, mapping)
    parsers = buyer_parsers(ctx)
    plan = BuyerPlan(ctx=ctx, total_rows=len(table.rows), blank_rows=table.blank_rows)
    plan.columns = [key for key in mapping if key in reader.mapping]
    users = UserDirectory() if "assigned_rep" in mapping else None
    results: list[RowResult] = []
    total = max(1, len(table.rows))
    for index, cells in enumerate(table.rows):
        row = table.row_number(index)
        raw = reader.values(cells)
        result = read_fields(row, raw, parsers, reader)
        _money_fields(result, reader, ctx)
        rep_text = result.values.pop("assigned_rep", None)
        if rep_text and users is not None:
            rep_id = users.find(rep_text)
            if rep_id is None:
                result.problems.append(
                    Problem(
                        row,
                        reader.column("assigned_rep"),
                        rep_text,
                        _("No active user is called %(name)s.") % {"name": repr(rep_text)},
                    )
                )
            elif ctx.restrict_to is not None and rep_id != ctx.restrict_to:
                result.problems.append(
                    Problem(
                        row,
                        reader.column("assigned_rep"),
                        rep_text,
                        _("You can assign imported buyers only to yourself."),
                    )
                )
            else:
                result.values["assigned_rep_id"] = rep_id
        found = result.values
        if not ("platform_buyer_id" in found or "email" in found or "company" in found) and not (
            result.problems
        ):
            result.problems.append(
                Problem(
                    row,
                    reader.column("company"),
                    "",
                    _("The row has no platform buyer ID, email or company to identify the buyer."),
                )
            )
        if result.problems:
            plan.reject(result.problems)
        results.append(result)
        if index % 5000 == 0:
            ctx.report(0.3 + 0.3 * index / total, _("Checking rows"))

    ctx.report(0.6, _("Matching buyers"))
    valid = [r for r in results if not r.problems]
    keys = [identity_keys(r.values) for r in valid]
    resolver = BuyerResolver(keys=keys)
    entity_of: dict[int, BuyerEntity] = {}
    tags_of: dict[int, set[str]] = {}
    for result, row_keys in zip(valid, keys, strict=True):
        values = result.values
        tags = None
        if "tags" in values:
            values = dict(values)
            tags = values.pop("tags")
        entity, _matched = resolver.resolve(result.row, values, row_keys)
        entity_of[result.row] = entity
        if tags:
            tags_of.setdefault(id(entity), set()).update(tags)

    # Whole-buyer checks: a new buyer needs a company and a country; reps stay in their lane.
    for entity in resolver.entities:
        problems: list[Problem] = []
        if entity.is_new:
            problems = new_buyer_problems(entity, reader)
        else:
            for row in entity.rows:
                problem = visible_problem(entity, ctx, row, reader.column("company"))
                if problem:
                    problems.append(problem)
        if problems:
            entity.rejected = True
            plan.reject(problems)
    live = [e for e in resolver.entities if not e.rejected]
    ctx.report(0.7, _("Comparing with existing buyers"))
    resolver.load_buyers(live, LOADED_FIELDS)
    existing = [e for e in live if not e.is_new]
    existing_tags = _existing_user_tags(existing, tags_of)
    outcome_of: dict[int, str] = {}
    for entity in live:
        if entity.is_new:
            entity.buyer = build_new_buyer(entity, ctx)
            plan.new_entities.append(entity)
            if tags_of.get(id(entity)):
                plan.user_tags[id(entity)] = tags_of[id(entity)]
            outcome_of[id(entity)] = "new"
            continue
        assert entity.buyer is not None
        old_grade = entity.buyer.grade
        changes = _diff(entity)
        added_tags = tags_of.get(id(entity), set()) - existing_tags.get(entity.buyer.pk, set())
        if added_tags:
            plan.user_tags[id(entity)] = added_tags
            changes["tags"] = [[], sorted(added_tags)]
        if changes:
            plan.changed.append((entity, changes, old_grade))
            outcome_of[id(entity)] = "update"
        else:
            outcome_of[id(entity)] = "unchanged"

    # Counts, merges and the preview.
    plan.counts = {
        "new": len(plan.new_entities),
        "updated": len(plan.changed),
        "unchanged": sum(1 for e in existing if outcome_of.get(id(e)) == "unchanged"),
        "merged_rows": 0,
    }
    for result in valid:
        entity = entity_of[result.row]
        if entity.rejected:
            continue
        merge = preview_merge(entity, result.row)
        if merge:
            plan.counts["merged_rows"] += 1
            plan.merges_total += 1
            if len(plan.merges) < 100:
                merge["outcome"] = outcome_of.get(id(entity), "")
                plan.merges.append(merge)
    for result in results[:20]:
        row_entity = entity_of.get(result.row)
        if result.row in plan.rejected_rows or row_entity is None:
            outcome: dict[str, Any] = {"kind": "error"}
            if not result.problems:
                result.problems = [p for p in plan.problems if p.row == result.row]
        else:
            merge = preview_merge(row_entity, result.row)
            outcome = {"kind": outcome_of.get(id(row_entity), "new"), "buyer": row_entity.label}
            if merge:
                outcome.update(merge)
                outcome["kind"] = "merge_" + outcome_of.get(id(row_entity), "new")
        add_preview_row(plan, result, outcome)
    return plan


def _existing_user_tags(
    entities: list[BuyerEntity], tags_of: dict[int, set[str]]
) -> dict[int, set[str]]:
    """The file's tag names each existing buyer already carries (one query per 500 buyers)."""
    wanted = {e.buyer_id: tags_of[id(e)] for e in entities if tags_of.get(id(e)) and e.buyer_id}
    if not wanted:
        return {}
    names = set().union(*wanted.values())
    through = Buyer.tags.through
    have: dict[int, set[str]] = {}
    for part in chunks(list(wanted)):
        for buyer_id, name in through.objects.filter(
            Q(buyer_id__in=part), Q(tag__name__in=names)
        ).values_list("buyer_id", "tag__name"):
            have.setdefault(buyer_id, set()).add(name)
    return have
