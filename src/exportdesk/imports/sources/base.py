"""What the three import sources share: problems, plans, reading rows and finding buyers.

An import runs in two steps. ``plan`` reads every row in pure Python, validates it, and decides
what each row will do (create, merge, update, nothing) with read-only queries; it is the preview
and the dry run. ``Plan.write`` then makes all the changes in one transaction with bulk queries.
Rows with a problem never take part in the decisions, so "import valid rows only" writes exactly
what the preview showed for the other rows.
"""

from __future__ import annotations

import re
import zoneinfo
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache, partial
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext as _

from exportdesk.accounts.models import WorkspaceSettings
from exportdesk.buyers.models import Buyer
from exportdesk.domain.identity import LEGAL_SUFFIXES, normalise_company_name
from exportdesk.imports.bulk import new_instance
from exportdesk.imports.parsing import Table
from exportdesk.imports.regrade import Grader, chunks
from exportdesk.imports.values import (
    ValueProblem,
    limit_length,
    parse_country,
    parse_email,
)

PREVIEW_ROWS = 20
PREVIEW_MERGES = 100
# Below this many distinct keys, existing buyers are looked up by key; above, one scan is faster.
KEY_LOOKUP_LIMIT = 2000

ProgressFn = Callable[[float, str], None]


class ImportRejectedError(Exception):
    """Writing was refused: the file has problems and "valid rows only" was not chosen."""


@dataclass(frozen=True, slots=True)
class Problem:
    """One reason a row was rejected, pointing at the row and column the user sees."""

    row: int
    column: str
    value: str
    reason: str

    def as_dict(self) -> dict[str, Any]:
        """JSON form, as stored on the job and written to the rejection report."""
        return {"row": self.row, "column": self.column, "value": self.value, "reason": self.reason}


@dataclass
class ImportContext:
    """Who imports what, and the workspace facts that reading values needs."""

    kind: str
    file_name: str
    actor: AbstractBaseUser | None = None
    job_id: int | None = None
    progress: ProgressFn | None = None
    workspace: WorkspaceSettings = field(default_factory=WorkspaceSettings.current)
    now: datetime = field(default_factory=timezone.now)

    def __post_init__(self) -> None:
        try:
            self.tz = zoneinfo.ZoneInfo(self.workspace.timezone)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            self.tz = zoneinfo.ZoneInfo("Asia/Seoul")
        self.grader = Grader(self.workspace)
        self.restrict_to: int | None = None
        if self.actor is not None and self.actor.is_authenticated:
            from exportdesk.accounts.roles import sees_all_buyers

            if not sees_all_buyers(self.actor):
                self.restrict_to = self.actor.pk

    @property
    def actor_id(self) -> int | None:
        """The importing user's id, or None from the command line."""
        if self.actor is not None and self.actor.is_authenticated:
            return int(self.actor.pk)
        return None

    def aware(self, value: datetime) -> datetime:
        """A file's date-time in the workspace's time zone unless it carries its own offset."""
        if timezone.is_naive(value):
            return value.replace(tzinfo=self.tz)
        return value

    def report(self, fraction: float, note: str) -> None:
        """Tell the job (or the command line) how far we are."""
        if self.progress:
            self.progress(max(0.0, min(1.0, fraction)), note)

    def event(self, buyer_id: int, kind: str, **payload: Any) -> tuple[Any, ...]:
        """One BuyerEvent row for ``insert_events``: (buyer, kind, payload, actor, at)."""
        return (buyer_id, kind, self.event_payload(**payload), self.actor_id, self.now)

    def event_payload(self, **extra: Any) -> dict[str, Any]:
        """The common part of every import event: which file, which job."""
        payload: dict[str, Any] = {"file": self.file_name}
        if self.job_id:
            payload["import_job"] = self.job_id
        payload.update(extra)
        return payload


class RowReader:
    """Maps a row's cells to ``{field: text}`` through the column mapping."""

    def __init__(self, table: Table, mapping: dict[str, int]) -> None:
        self.table = table
        self.mapping = {f: i for f, i in mapping.items() if 0 <= i < len(table.headers)}
        self._items = list(self.mapping.items())

    def values(self, cells: Sequence[str]) -> dict[str, str]:
        """Non-empty cleaned cells by field."""
        out: dict[str, str] = {}
        width = len(cells)
        for field_key, index in self._items:
            if index < width:
                text = cells[index]
                if text:
                    # Readers strip cells; parsers clean further (no-break spaces, our ' prefix).
                    out[field_key] = text
        return out

    def column(self, field_key: str) -> str:
        """The header of the column the field is read from (for problem reports)."""
        index = self.mapping.get(field_key)
        if index is None:
            return field_key
        return self.table.headers[index] or f"#{index + 1}"


@dataclass
class RowResult:
    """One row after reading: its typed values, or the problems that reject it."""

    row: int
    raw: dict[str, str]
    values: dict[str, Any]
    problems: list[Problem] = field(default_factory=list)


def read_fields(
    row: int,
    raw: dict[str, str],
    parsers: dict[str, Callable[[str], Any]],
    reader: RowReader,
) -> RowResult:
    """Apply each field's parser to the row; every failure becomes a ``Problem``."""
    result = RowResult(row=row, raw=raw, values={})
    for key, text in raw.items():
        parser = parsers.get(key)
        if parser is None:
            result.values[key] = text
            continue
        try:
            result.values[key] = parser(text)
        except ValueProblem as exc:
            result.problems.append(Problem(row, reader.column(key), text, str(exc)))
    return result


IDENTITY_PARSERS: dict[str, Callable[[str], Any]] = {
    "platform_buyer_id": partial(limit_length, max_length=64),
    "email": parse_email,
    "company": partial(limit_length, max_length=200),
    "country": parse_country,
    "contact_name": partial(limit_length, max_length=120),
}


# --- finding buyers ---------------------------------------------------------------------------


@dataclass(eq=False)
class BuyerEntity:
    """One buyer a file talks about: an existing buyer, or a new one made from its rows."""

    buyer_id: int | None = None
    existing: dict[str, Any] | None = None  # key columns of the existing buyer
    values: dict[str, Any] = field(default_factory=dict)
    rows: list[int] = field(default_factory=list)
    matched_by: dict[int, str] = field(default_factory=dict)  # row → key it matched on
    merged_into_row: dict[int, int] = field(default_factory=dict)  # row → first row of entity
    rejected: bool = False
    buyer: Buyer | None = None  # the model instance to write (built or loaded later)

    @property
    def is_new(self) -> bool:
        """Whether the file creates this buyer."""
        return self.buyer_id is None

    def key(self, name: str) -> str:
        """A key column's current value: the file's if given, else the existing buyer's."""
        value = self.values.get(name)
        if value:
            return str(value)
        if self.existing:
            return str(self.existing.get(name) or "")
        return ""

    @property
    def label(self) -> str:
        """The company name to show in the preview."""
        return self.key("company") or self.key("email") or self.key("platform_buyer_id")


_NON_WORD = re.compile(r"[^\w]+", re.UNICODE)  # as in domain.identity


def _normalised_name(name: str) -> str:
    """``normalise_company_name``, without its per-character Unicode folding for ASCII names.

    ASCII text is unchanged by NFKD and NFC, has no combining marks, and casefolds to
    ``lower()``; what is left is the same punctuation split and legal-suffix filter.
    """
    if name and name.isascii():
        folded = name.lower().replace(".", "")
        return " ".join(w for w in _NON_WORD.split(folded) if w and w not in LEGAL_SUFFIXES)
    return normalise_company_name(name)


# The same names come back for every key lookup of a row; normalise each once.
normalised_name = lru_cache(maxsize=200_000)(_normalised_name)

MATCH_LABELS = {
    "platform_buyer_id": "platform_buyer_id",
    "email": "email",
    "company_country": "company_country",
}


def identity_keys(values: dict[str, Any]) -> tuple[str, str, tuple[str, str] | None]:
    """(platform id, lower-case email, (normalised company, country) or None) of a row."""
    pid = str(values.get("platform_buyer_id") or "")
    email = str(values.get("email") or "").casefold()
    company = values.get("company")
    country = values.get("country")
    name_key = None
    if company and country:
        normalised = normalised_name(str(company))
        if normalised:
            name_key = (normalised, str(country))
    return pid, email, name_key


class BuyerResolver:
    """Finds the buyer each row means: by platform ID, then email, then company + country.

    Existing buyers are indexed up front with a fixed number of queries; buyers created by
    earlier rows of the same file are indexed as rows arrive, so duplicates within the file
    merge the same way as duplicates against the database.
    """

    KEY_FIELDS = (
        "id",
        "platform_buyer_id",
        "email",
        "normalized_company",
        "country",
        "company",
        "assigned_rep_id",
        "grade_locked",
    )

    def __init__(
        self,
        rows: Iterable[dict[str, Any]] = (),
        *,
        keys: Iterable[tuple[str, str, tuple[str, str] | None]] | None = None,
    ) -> None:
        """Index the existing buyers that the rows' keys (``identity_keys``) could match.

        Callers that already computed the rows' ``identity_keys`` pass them as ``keys``.
        """
        pids: set[str] = set()
        emails: set[str] = set()
        names: set[str] = set()
        for pid, email, name_key in keys if keys is not None else map(identity_keys, rows):
            if pid:
                pids.add(pid)
            if email:
                emails.add(email)
            if name_key:
                names.add(name_key[0])
        self.db_pid: dict[str, int] = {}
        self.db_email: dict[str, int] = {}
        self.db_name: dict[tuple[str, str], int] = {}
        self.db_rows: dict[int, dict[str, Any]] = {}
        self._load(pids, emails, names)
        self.file_pid: dict[str, BuyerEntity] = {}
        self.file_email: dict[str, BuyerEntity] = {}
        self.file_name: dict[tuple[str, str], BuyerEntity] = {}
        self.by_buyer: dict[int, BuyerEntity] = {}
        self.entities: list[BuyerEntity] = []

    def _remember(self, rows: Iterable[tuple[Any, ...]]) -> None:
        for row in rows:
            data = dict(zip(self.KEY_FIELDS, row, strict=True))
            buyer_id = data["id"]
            self.db_rows[buyer_id] = data
            if data["platform_buyer_id"]:
                self.db_pid.setdefault(data["platform_buyer_id"], buyer_id)
            if data["email"]:
                self.db_email.setdefault(data["email"].casefold(), buyer_id)
            if data["normalized_company"]:
                self.db_name.setdefault((data["normalized_company"], data["country"]), buyer_id)

    def _load(self, pids: set[str], emails: set[str], names: set[str]) -> None:
        base = Buyer.objects.order_by("id")
        if len(pids) + len(emails) + len(names) > KEY_LOOKUP_LIMIT:
            self._remember(base.values_list(*self.KEY_FIELDS).iterator(chunk_size=5000))
            return
        for part in chunks(sorted(pids)):
            self._remember(base.filter(platform_buyer_id__in=part).values_list(*self.KEY_FIELDS))
        for part in chunks(sorted(emails)):
            self._remember(
                base.annotate(email_lower=Lower("email"))
                .filter(Q(email_lower__in=part))
                .values_list(*self.KEY_FIELDS)
            )
        for part in chunks(sorted(names)):
            self._remember(base.filter(normalized_company__in=part).values_list(*self.KEY_FIELDS))

    def _existing(self, buyer_id: int | None) -> BuyerEntity | None:
        if buyer_id is None:
            return None
        entity = self.by_buyer.get(buyer_id)
        if entity is None:
            entity = BuyerEntity(buyer_id=buyer_id, existing=self.db_rows[buyer_id])
            self.by_buyer[buyer_id] = entity
            self.entities.append(entity)
        return entity

    @staticmethod
    def _compatible(entity: BuyerEntity | None, pid: str) -> bool:
        """Two different platform IDs are two different buyers, whatever else they share."""
        if entity is None:
            return False
        other = entity.key("platform_buyer_id")
        return not pid or not other or other == pid

    def find(
        self, values: dict[str, Any], keys: tuple[str, str, tuple[str, str] | None] | None = None
    ) -> tuple[BuyerEntity | None, str]:
        """The buyer the row means and the key that matched, or ``(None, "")``."""
        pid, email, name_key = keys or identity_keys(values)
        if pid:
            entity = self.file_pid.get(pid) or self._existing(self.db_pid.get(pid))
            if entity is not None:
                return entity, "platform_buyer_id"
        if email:
            entity = self.file_email.get(email)
            if not self._compatible(entity, pid):
                entity = self._existing_if(self.db_email.get(email), pid)
            if entity is not None:
                return entity, "email"
        if name_key:
            entity = self.file_name.get(name_key)
            if not self._compatible(entity, pid):
                entity = self._existing_if(self.db_name.get(name_key), pid)
            if entity is not None:
                return entity, "company_country"
        return None, ""

    def _existing_if(self, buyer_id: int | None, pid: str) -> BuyerEntity | None:
        if buyer_id is None:
            return None
        other = self.db_rows[buyer_id]["platform_buyer_id"]
        if pid and other and other != pid:
            return None
        return self._existing(buyer_id)

    def new(self) -> BuyerEntity:
        """A buyer the file creates."""
        entity = BuyerEntity()
        self.entities.append(entity)
        return entity

    def attach(
        self,
        entity: BuyerEntity,
        row: int,
        values: dict[str, Any],
        matched_by: str,
        keys: tuple[str, str, tuple[str, str] | None] | None = None,
    ) -> None:
        """Add a row to the entity: merge its non-empty values and index its keys."""
        if entity.rows:
            entity.merged_into_row[row] = entity.rows[0]
        if matched_by:
            entity.matched_by[row] = matched_by
        entity.rows.append(row)
        merged = entity.values
        for key, value in values.items():
            if value is not None and value != "":
                merged[key] = value
        pid, email, name_key = keys or identity_keys(values)
        if pid:
            self.file_pid.setdefault(pid, entity)
        if email:
            self.file_email.setdefault(email, entity)
        if name_key:
            self.file_name.setdefault(name_key, entity)
        # The entity's own keys (from the database) index it too, for later rows.
        if entity.existing:
            for key, index in (
                (entity.existing["platform_buyer_id"], self.file_pid),
                ((entity.existing["email"] or "").casefold(), self.file_email),
            ):
                if key:
                    index.setdefault(key, entity)

    def resolve(
        self,
        row: int,
        values: dict[str, Any],
        keys: tuple[str, str, tuple[str, str] | None] | None = None,
    ) -> tuple[BuyerEntity, str]:
        """Find or create the row's buyer and attach the row to it (``keys``: its identity keys)."""
        keys = keys or identity_keys(values)
        entity, matched_by = self.find(values, keys)
        if entity is None:
            entity = self.new()
        self.attach(entity, row, values, matched_by, keys)
        return entity, matched_by

    def load_buyers(
        self, entities: Sequence[BuyerEntity], fields: Sequence[str] = ("id", "channel")
    ) -> None:
        """Fetch the existing buyers among ``entities``, with only the ``fields`` needed.

        Loading whole buyers (grade reasons and win factors are JSON) costs more than the rest
        of a 100k-row re-import; callers name what they read or write.
        """
        wanted = [e.buyer_id for e in entities if e.buyer_id is not None and e.buyer is None]
        by_id = {e.buyer_id: e for e in entities if e.buyer_id is not None}
        for part in chunks(wanted, 2000):
            for buyer in Buyer.objects.filter(pk__in=part).only(*fields):
                by_id[buyer.pk].buyer = buyer


def visible_problem(
    entity: BuyerEntity, ctx: ImportContext, row: int, column: str
) -> Problem | None:
    """A rep may only change their own and unassigned buyers."""
    if ctx.restrict_to is None or entity.existing is None:
        return None
    rep = entity.existing.get("assigned_rep_id")
    if rep in (None, ctx.restrict_to):
        return None
    return Problem(
        row,
        column,
        entity.label,
        _("This matches a buyer assigned to another rep; ask a manager to import this row."),
    )


def new_buyer_problems(entity: BuyerEntity, reader: RowReader) -> list[Problem]:
    """A new buyer needs a company and a country; one problem per row of the entity."""
    has_company = bool(entity.values.get("company"))
    has_country = bool(entity.values.get("country"))
    if has_company and has_country:
        return []
    if not has_company and not has_country:
        reason = _(
            "No existing buyer matches this row, and a new buyer needs a company and a country."
        )
    elif not has_company:
        reason = _("No existing buyer matches this row, and a new buyer needs a company name.")
    else:
        reason = _("No existing buyer matches this row, and a new buyer needs a country.")
    column = reader.column("company" if not has_company else "country")
    return [Problem(row, column, "", reason) for row in entity.rows]


# Fields a new buyer takes from the file as they are, when non-empty.
_NEW_BUYER_FIELDS = frozenset(
    (
        "contact_name",
        "email",
        "phone",
        "website",
        "channel",
        "platform_buyer_id",
        "platform_level",
        "company_size",
        "business_type",
        "notes",
    )
)


def build_new_buyer(entity: BuyerEntity, ctx: ImportContext) -> Buyer:
    """The model instance for a buyer the file creates, graded with the workspace rubric."""
    values = entity.values
    fields: dict[str, Any] = {k: v for k, v in values.items() if v and k in _NEW_BUYER_FIELDS}
    if values.get("annual_purchase_minor") is not None:
        fields["annual_purchase_minor"] = values["annual_purchase_minor"]
        fields["annual_purchase_currency"] = values["annual_purchase_currency"]
    if values.get("assigned_rep_id"):
        fields["assigned_rep_id"] = values["assigned_rep_id"]
    elif ctx.restrict_to is not None:
        # A rep's imported buyers are the rep's own, so they stay visible to them.
        fields["assigned_rep_id"] = ctx.restrict_to
    first = values.get("first_contact_at") or values.get("last_contact_at") or ctx.now
    last = values.get("last_contact_at") or first
    company = str(values["company"]).strip()
    buyer = new_instance(
        Buyer,
        company=company,
        normalized_company=normalised_name(company),
        country=values["country"],
        first_contact_at=min(first, last),
        last_contact_at=max(first, last),
        **fields,
    )
    ctx.grader.apply_new(buyer)
    return buyer


def preview_merge(entity: BuyerEntity, row: int) -> dict[str, Any] | None:
    """How the row merges (into an existing buyer or an earlier row), for the preview."""
    if entity.buyer_id is not None:
        return {
            "row": row,
            "target": "existing",
            "buyer_id": entity.buyer_id,
            "buyer": entity.label,
            "by": entity.matched_by.get(row, ""),
        }
    if row in entity.merged_into_row:
        return {
            "row": row,
            "target": "row",
            "target_row": entity.merged_into_row[row],
            "buyer": entity.label,
            "by": entity.matched_by.get(row, ""),
        }
    return None


def display_value(value: Any) -> str:
    """A typed value as the preview shows it."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        if value.hour == value.minute == value.second == 0:
            return value.date().isoformat()
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, set | list | tuple):
        return ", ".join(sorted(str(v) for v in value))
    return str(value)


def insert_events(rows: list[tuple[Any, ...]]) -> int:
    """Write BuyerEvent rows made by ``ImportContext.event``."""
    from exportdesk.buyers.models import BuyerEvent
    from exportdesk.imports.bulk import insert_rows

    return insert_rows(BuyerEvent, ["buyer", "kind", "payload", "actor", "at"], rows)


# --- plans ------------------------------------------------------------------------------------


@dataclass
class Plan:
    """What an import will do: problems, counts, the preview, and the writes to make."""

    ctx: ImportContext
    total_rows: int = 0
    blank_rows: int = 0
    problems: list[Problem] = field(default_factory=list)
    rejected_rows: set[int] = field(default_factory=set)
    counts: dict[str, int] = field(default_factory=dict)
    preview_rows: list[dict[str, Any]] = field(default_factory=list)
    merges: list[dict[str, Any]] = field(default_factory=list)
    merges_total: int = 0
    columns: list[str] = field(default_factory=list)

    @property
    def valid_rows(self) -> int:
        """Rows without any problem."""
        return self.total_rows - len(self.rejected_rows)

    def reject(self, problems: Iterable[Problem]) -> None:
        """Record problems and mark their rows rejected."""
        for problem in problems:
            self.problems.append(problem)
            self.rejected_rows.add(problem.row)

    def summary(self) -> dict[str, int]:
        """The counts shown in the preview and stored on the job."""
        return {
            "rows": self.total_rows,
            "blank_rows": self.blank_rows,
            "valid_rows": self.valid_rows,
            "rejected_rows": len(self.rejected_rows),
            "problems": len(self.problems),
            **self.counts,
        }

    def preview(self) -> dict[str, Any]:
        """The JSON the preview page renders (first rows, merges, first problems)."""
        return {
            "columns": self.columns,
            "rows": self.preview_rows,
            "merges": self.merges[:PREVIEW_MERGES],
            "merges_total": self.merges_total,
            "problems": [p.as_dict() for p in self.sorted_problems()[:PREVIEW_MERGES]],
        }

    def sorted_problems(self) -> list[Problem]:
        """Problems in file order."""
        return sorted(self.problems, key=lambda p: p.row)

    def apply(self, *, valid_only: bool = False) -> dict[str, int]:
        """Write everything in one transaction; refuse a file with problems unless valid_only."""
        from django.db import transaction

        if self.problems and not valid_only:
            raise ImportRejectedError(
                _(
                    "%(rows)s rows have problems, so nothing was imported. Fix them, or choose "
                    "to import the valid rows only."
                )
                % {"rows": len(self.rejected_rows)}
            )
        from exportdesk.imports.bulk import bulk_mode

        with bulk_mode(), transaction.atomic():
            return self.write()

    def write(self) -> dict[str, int]:
        """Make the changes (inside ``apply``'s transaction); return the result counts."""
        raise NotImplementedError


def add_preview_row(
    plan: Plan,
    result: RowResult,
    outcome: dict[str, Any],
) -> None:
    """Keep one of the first rows for the preview, with typed values and its outcome."""
    if len(plan.preview_rows) >= PREVIEW_ROWS:
        return
    cells = {}
    for key in plan.columns:
        if key in result.values:
            cells[key] = display_value(result.values[key])
        elif key in result.raw:
            cells[key] = result.raw[key]
    plan.preview_rows.append(
        {
            "row": result.row,
            "cells": cells,
            "outcome": outcome,
            "problems": [p.reason for p in result.problems],
        }
    )
