"""Messages from a file (an inbox export, a chat log): one row per message.

Messages land in a conversation per buyer, channel and subject (an existing one when it exists).
Each message gets a stable ``external_id``: the file's message ID when there is one, otherwise a
hash of the buyer's identity, time, direction and text, so importing the same file twice adds
nothing the second time. Conversation dates and status and the buyer's contact dates follow
the imported messages.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.utils.translation import gettext as _

from exportdesk.buyers.models import Buyer
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
    limit_length,
    parse_channel,
    parse_datetime,
    parse_direction,
)
from exportdesk.inbox.models import Conversation, Message
from exportdesk.inbox.sla import conversation_deadline
from exportdesk.inbox.understanding import understand

IDENTITY_FIELDS = ("platform_buyer_id", "email", "company", "country", "contact_name")
MAX_BODY_CHARS = 100_000


def message_parsers(ctx: ImportContext) -> dict[str, Callable[[str], Any]]:
    """Readers for every message column."""

    def when(text: str) -> datetime:
        return ctx.aware(parse_datetime(text))

    return {
        **IDENTITY_PARSERS,
        "sent_at": when,
        "direction": parse_direction,
        "body": lambda v: limit_length(v, MAX_BODY_CHARS),
        "channel": parse_channel,
        "subject": lambda v: limit_length(v, 255),
        "external_id": lambda v: limit_length(v, 255),
    }


def message_key(result: RowResult) -> str:
    """The message's ``external_id``: the file's ID, else a hash of what makes it unique."""
    if result.values.get("external_id"):
        return str(result.values["external_id"])
    identity = "|".join(
        str(result.values.get(k) or "").casefold()
        for k in ("platform_buyer_id", "email", "company")
    )
    sent = result.values["sent_at"]
    text = "\x1f".join(
        [identity, sent.isoformat(), result.values.get("direction", "in"), result.values["body"]]
    )
    return "import:" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:40]


@dataclass
class PendingMessage:
    """A message to create, with the row it came from."""

    result: RowResult
    entity: BuyerEntity
    key: str
    channel: str = ""
    subject: str = ""


@dataclass
class MessagePlan(Plan):
    """The messages to add, grouped into conversations, and the buyers the file introduces."""

    pending: list[PendingMessage] = field(default_factory=list)
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
        ctx.report(0.9, _("Saving messages"))
        buyer_ids = sorted({p.entity.buyer.pk for p in self.pending if p.entity.buyer})
        conversations: dict[tuple[int, str, str], Conversation] = {}
        for part in chunks(buyer_ids):
            for conversation in Conversation.objects.filter(buyer_id__in=part).order_by("id"):
                conversations.setdefault(
                    (conversation.buyer_id, conversation.channel, conversation.subject),
                    conversation,
                )
        new_conversations: list[Conversation] = []
        for item in self.pending:
            assert item.entity.buyer is not None
            key = (item.entity.buyer.pk, item.channel, item.subject)
            if key not in conversations:
                conversation = Conversation(
                    buyer=item.entity.buyer, channel=item.channel, subject=item.subject
                )
                conversations[key] = conversation
                new_conversations.append(conversation)
        insert_objects(Conversation, new_conversations)
        messages: list[Message] = []
        rows_by_conversation: dict[int, list[int]] = defaultdict(list)
        for item in self.pending:
            assert item.entity.buyer is not None
            conversation = conversations[(item.entity.buyer.pk, item.channel, item.subject)]
            values = item.result.values
            messages.append(
                Message(
                    conversation=conversation,
                    direction=values.get("direction", "in"),
                    body=values["body"],
                    sent_at=values["sent_at"],
                    external_id=item.key,
                )
            )
            rows_by_conversation[conversation.pk].append(item.result.row)
        insert_objects(Message, messages)
        touched = [c for c in conversations.values() if c.pk in rows_by_conversation]
        _refresh_conversations(touched)
        for conversation in touched:
            rows = rows_by_conversation[conversation.pk]
            events.append(
                ctx.event(
                    conversation.buyer_id,
                    "messages_imported",
                    rows=rows[:50],
                    count=len(rows),
                    conversation=conversation.pk,
                    subject=conversation.subject,
                )
            )
        insert_events(events)
        ctx.report(0.95, _("Updating buyers"))
        contact = _contact_bounds(self.pending)
        touched_buyers: list[Buyer] = []
        for part in chunks(sorted(contact)):
            touched_buyers.extend(Buyer.objects.filter(pk__in=part))
        moved: list[Buyer] = []
        for buyer in touched_buyers:
            first, last = contact[buyer.pk]
            changed = False
            if buyer.first_contact_at is None or first < buyer.first_contact_at:
                buyer.first_contact_at, changed = first, True
            if buyer.last_contact_at is None or last > buyer.last_contact_at:
                buyer.last_contact_at, changed = last, True
            if changed:
                buyer.updated_at = now
                moved.append(buyer)
        Buyer.objects.bulk_update(
            moved, ["first_contact_at", "last_contact_at", "updated_at"], batch_size=500
        )
        tag_new_buyers(buyers, workspace=ctx.workspace, now=now)
        regrade_existing(contact, actor=ctx.actor)
        allocate_after_commit([b.pk for b in buyers if b.assigned_rep_id is None], actor=ctx.actor)
        return {
            "created": len(messages),
            "conversations_created": len(new_conversations),
            "unchanged": self.counts.get("messages_unchanged", 0),
            "buyers_created": len(buyers),
            "events": len(events),
        }


def _contact_bounds(pending: list[PendingMessage]) -> dict[int, tuple[datetime, datetime]]:
    bounds: dict[int, tuple[datetime, datetime]] = {}
    for item in pending:
        assert item.entity.buyer is not None
        sent = item.result.values["sent_at"]
        first, last = bounds.get(item.entity.buyer.pk, (sent, sent))
        bounds[item.entity.buyer.pk] = (min(first, sent), max(last, sent))
    return bounds


def _refresh_conversations(conversations: list[Conversation]) -> None:
    """Recompute dates, status and the SLA clock of conversations from all their messages.

    The importer writes messages in bulk instead of through ``message_receive`` (a history of
    100k rows would take minutes one by one), so it keeps the same columns here: a conversation
    whose last message is the buyer's waits for us from the first unanswered message, with the
    workspace's deadline, and its latest message is understood for the queue. History gets no
    automatic replies.
    """
    by_id = {c.pk: c for c in conversations}
    timeline: dict[int, list[tuple[datetime, str, int]]] = defaultdict(list)
    for part in chunks(sorted(by_id)):
        for conversation_id, sent_at, direction, message_id in Message.objects.filter(
            conversation_id__in=part
        ).values_list("conversation_id", "sent_at", "direction", "id"):
            timeline[conversation_id].append((sent_at, direction, message_id))
    waiting: dict[int, int] = {}  # conversation id -> its latest inbound message id
    for conversation_id, items in timeline.items():
        items.sort()
        conversation = by_id[conversation_id]
        inbound = [t for t, d, _m in items if d == "in"]
        conversation.first_inbound_at = inbound[0] if inbound else None
        conversation.first_response_at = next(
            (t for t, d, _m in items if d == "out" and inbound and t >= inbound[0]), None
        )
        conversation.last_message_at = items[-1][0]
        conversation.awaiting_since = conversation.deadline_at = None
        if conversation.status == Conversation.Status.CLOSED:
            continue
        if items[-1][1] == "in":
            conversation.status = Conversation.Status.AWAITING_US
            last_out = max((i for i, (_t, d, _m) in enumerate(items) if d == "out"), default=-1)
            conversation.awaiting_since = items[last_out + 1][0]
            conversation.deadline_at = conversation_deadline(conversation.awaiting_since)
            waiting[conversation_id] = items[-1][2]
        else:
            conversation.status = Conversation.Status.AWAITING_BUYER
    _understand_latest(by_id, waiting)
    Conversation.objects.bulk_update(
        conversations,
        [
            "first_inbound_at", "first_response_at", "last_message_at", "status",
            "awaiting_since", "deadline_at", "language", "intents", "low_intent", "preview",
        ],
        batch_size=500,
    )  # fmt: skip


def _understand_latest(by_id: dict[int, Conversation], waiting: dict[int, int]) -> None:
    """Triage the latest buyer message of each conversation left waiting for a reply."""
    messages: list[Message] = []
    for part in chunks(sorted(waiting.values())):
        messages.extend(Message.objects.filter(pk__in=part).only("id", "body", "conversation_id"))
    for message in messages:
        result = understand(message.body)
        message.triage = result.to_dict()
        message.language = result.language
        conversation = by_id[message.conversation_id]
        conversation.language = result.language
        conversation.intents = list(result.intents)
        conversation.low_intent = result.low_intent
        conversation.preview = " ".join(message.body.split())[:160]
    Message.objects.bulk_update(messages, ["triage", "language"], batch_size=500)


def plan_messages(table: Table, mapping: dict[str, int], ctx: ImportContext) -> MessagePlan:
    """Read every row, find each message's buyer and skip messages imported before."""
    reader = RowReader(table, mapping)
    parsers = message_parsers(ctx)
    plan = MessagePlan(ctx=ctx, total_rows=len(table.rows), blank_rows=table.blank_rows)
    plan.columns = [key for key in mapping if key in reader.mapping]
    results: list[RowResult] = []
    total = max(1, len(table.rows))
    for index, cells in enumerate(table.rows):
        row = table.row_number(index)
        result = read_fields(row, reader.values(cells), parsers, reader)
        for required in ("sent_at", "body"):
            if required not in result.raw:
                result.problems.append(
                    Problem(
                        row,
                        reader.column(required),
                        "",
                        _("This cell is empty; a message needs a date and a text."),
                    )
                )
        if not any(result.values.get(k) for k in ("platform_buyer_id", "email", "company")):
            result.problems.append(
                Problem(
                    row,
                    reader.column("company"),
                    "",
                    _("The row names no buyer (platform buyer ID, email or company)."),
                )
            )
        plan.reject(result.problems)
        results.append(result)
        if index % 5000 == 0:
            ctx.report(0.3 + 0.3 * index / total, _("Checking rows"))
    ctx.report(0.6, _("Matching buyers"))
    valid = [r for r in results if not r.problems]
    keys = {id(r): message_key(r) for r in valid}
    known: set[str] = set()
    for part in chunks(sorted(set(keys.values()))):
        known.update(
            Message.objects.filter(external_id__in=part).values_list("external_id", flat=True)
        )
    resolver = BuyerResolver(
        {k: r.values.get(k) for k in IDENTITY_FIELDS if r.values.get(k)} for r in valid
    )
    entity_of: dict[int, BuyerEntity] = {}
    for result in valid:
        identity = {k: result.values[k] for k in IDENTITY_FIELDS if result.values.get(k)}
        entity_of[result.row], _matched = resolver.resolve(result.row, identity)
    for entity in resolver.entities:
        if entity.is_new:
            problems = new_buyer_problems(entity, reader)
        else:
            problems = [
                p
                for row in entity.rows
                if (p := visible_problem(entity, ctx, row, reader.column("company")))
            ]
        if problems:
            entity.rejected = True
            plan.reject(problems)
    resolver.load_buyers([e for e in resolver.entities if not e.rejected and not e.is_new])
    seen: dict[str, int] = {}
    outcome_of: dict[int, dict[str, Any]] = {}
    unchanged = 0
    for result in valid:
        entity = entity_of[result.row]
        if entity.rejected:
            continue
        key = keys[id(result)]
        base = {"buyer": entity.label, "buyer_id": entity.buyer_id, "new_buyer": entity.is_new}
        if key in known or key in seen:
            unchanged += 1
            outcome_of[result.row] = {
                "kind": "message_duplicate",
                "target_row": seen.get(key),
                **base,
            }
            continue
        seen[key] = result.row
        plan.pending.append(
            PendingMessage(
                result=result,
                entity=entity,
                key=key,
                channel=result.values.get("channel", ""),
                subject=result.values.get("subject", ""),
            )
        )
        outcome_of[result.row] = {"kind": "message_new", **base}
    needed = {id(p.entity) for p in plan.pending}
    for entity in resolver.entities:
        if entity.is_new and not entity.rejected and id(entity) in needed:
            entity.buyer = build_new_buyer(entity, ctx)
            plan.new_buyers.append(entity)
    for item in plan.pending:
        if item.entity.buyer is not None and not item.result.values.get("channel"):
            item.channel = item.entity.buyer.channel
    plan.counts = {
        "messages_new": len(plan.pending),
        "messages_unchanged": unchanged,
        "buyers_new": len(plan.new_buyers),
    }
    for entity in resolver.entities:
        if entity.rejected or entity.is_new:
            continue
        plan.merges_total += 1
        if len(plan.merges) < 100:
            plan.merges.append(
                {
                    "row": entity.rows[0],
                    "target": "existing",
                    "buyer_id": entity.buyer_id,
                    "buyer": entity.label,
                    "by": entity.matched_by.get(entity.rows[0], ""),
                    "count": len(entity.rows),
                }
            )
    for result in results[:20]:
        if result.row in plan.rejected_rows:
            if not result.problems:
                result.problems = [p for p in plan.problems if p.row == result.row]
            outcome: dict[str, Any] = {"kind": "error"}
        else:
            outcome = outcome_of.get(result.row, {"kind": "error"})
        add_preview_row(plan, result, outcome)
    return plan
