"""Build a realistic demo workspace: team, catalog, knowledge base and thousands of buyers.

The data tells the stories ExportDesk is built for: inquiries in a dozen languages from 45+
countries, conversations still waiting for a reply (some past the 4-hour line), buyers who
reorder every few weeks and buyers who ordered once, samples priced by the policy for the
buyer's grade, reviews, and a timeline of events for every buyer.

Deterministic: one ``random.Random(seed)`` drives every choice, and every time is an offset
from a "now" anchor, so the same seed gives the same companies, messages and orders on any
day while the data always looks fresh (the newest inquiries arrived minutes ago).

Bulk inserts bypass the per-row services (``buyer_register`` and friends) on purpose: at
50,000 buyers and half a million messages their per-row queries, validation and event writes
would take hours. The generator computes what the services would have stored (grade and
reasons from the rubric, normalised company, system tags, timeline events) and writes the
rows in batches, one transaction per chunk of buyers. The small reference tables (team,
catalog, knowledge base, projects) still go through ``user_create``, ``bulk_create`` and
``create``; the high-volume tables go through :class:`RowWriter`, because ``bulk_create``
spends about 20 µs per value preparing fields and compiling SQL, several minutes at 2.5 million
rows.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any, Generic, TypeVar

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.db import connection, models, transaction
from django.utils import timezone

from exportdesk.accounts.models import WorkspaceSettings
from exportdesk.accounts.roles import Role
from exportdesk.accounts.services import user_create, workspace_settings_update
from exportdesk.assistant.pipeline import TriageContext, triage
from exportdesk.buyers.models import Buyer, BuyerEvent, Tag
from exportdesk.catalog.models import Product
from exportdesk.demo.catalog import (
    PRODUCTS,
    PROJECTS,
    REPLY_TEMPLATES,
    SELLER_NAME,
    SELLER_NAME_KO,
    TEAM,
    TEAM_EMAIL_DOMAIN,
    WORKSPACE_NAME,
    ProductSpec,
    TeamMember,
    price_tiers,
)
from exportdesk.demo.countries import (
    COUNTRIES,
    COUNTRY_BY_CODE,
    CountryProfile,
    ascii_slug,
    company_domain,
    company_name,
    person_name,
    phone_number,
)
from exportdesk.demo.knowledge_seed import seed_knowledge
from exportdesk.demo.texts import (
    CLOSINGS,
    FOLLOW_UPS,
    INCOTERMS,
    INQUIRIES,
    REPLIES,
    REVIEWS,
    SUBJECTS,
    country_name,
    format_price,
    format_quantity,
)
from exportdesk.domain.grading import FAST_REPLY_HOURS, BuyerSignals, grade_buyer
from exportdesk.domain.identity import normalise_company_name
from exportdesk.domain.money import Money, approx_usd
from exportdesk.domain.samples import SamplePolicy, split_sample_cost
from exportdesk.inbox.models import Conversation, KnowledgeArticle, Message, ReplyTemplate
from exportdesk.orders.models import Order, OrderLine, Review, Sample
from exportdesk.projects.models import Project, ProjectStep, ProjectUpdate

DEMO_USERNAME = "demo"
# Public on purpose (printed after every run); passes Django's password validators.
DEMO_PASSWORD = "exportdesk-demo"  # noqa: S105
DEMO_URL = "http://127.0.0.1:8000"
DEFAULT_BUYERS = 300
DEFAULT_SEED = 42
# Buyers planned and written per transaction: keeps memory flat (about 20k messages at a time).
CHUNK_BUYERS = 2000
HISTORY_DAYS = 548  # about 18 months of history
SYSTEM_TAGS = (
    "grade:A", "grade:B", "grade:C", "level:L0", "level:L1", "level:L2", "level:L3", "level:L4",
    "transacted", "reordered", "sample-sent", "dormant",
)  # fmt: skip
USER_TAGS = ("vip", "halal-market", "private-label", "trade-show-2026")
NEW_PRODUCT_DAYS = 60
TRADE_SHOWS = (
    "Met at Cosmoprof Asia, Hong Kong.",
    "Met at Cosmoprof Worldwide Bologna.",
    "Met at Beautyworld Middle East, Dubai.",
    "Met at K-Beauty Expo, Seoul.",
    "Met at in-cosmetics Global, Paris.",
)
SAMPLE_LOST_REASONS = (
    "No reply after the samples arrived.",
    "Chose a cheaper supplier.",
    "Their customers preferred another texture.",
    "Project postponed to next season.",
)
# First replies an assistant may send on its own (routine questions answered from the KB).
AUTO_REPLY_TOPICS = frozenset({"authenticity", "shipping", "catalog", "payment"})
LOW_INTENT_TOPICS = frozenset({"spam", "greeting"})
REGULATORY_CERTS = {
    "US": "FDA",
    "CA": "Health Canada",
    "GB": "SCPN",
    "RU": "EAC",
    "KZ": "EAC",
    "UZ": "EAC",
    "UA": "EAC",
    "BR": "ANVISA",
}
TRANSACTED_STATUSES = frozenset({Order.Status.PAID, Order.Status.SHIPPED, Order.Status.DELIVERED})

T = TypeVar("T")


class Weighted(Generic[T]):
    """A fixed weighted choice (cumulative weights computed once)."""

    def __init__(self, pairs: Sequence[tuple[T, float]]) -> None:
        self.values = [value for value, _weight in pairs]
        self.cumulative: list[float] = []
        total = 0.0
        for _value, weight in pairs:
            total += weight
            self.cumulative.append(total)

    def pick(self, rng: random.Random) -> T:
        """One value, drawn with one call to ``rng.random()``."""
        return rng.choices(self.values, cum_weights=self.cumulative)[0]

    def sample(self, rng: random.Random, k: int) -> list[T]:
        """``k`` draws with replacement."""
        return rng.choices(self.values, cum_weights=self.cumulative, k=k)


CHANNELS = Weighted(
    [("alibaba", 60), ("email", 15), ("whatsapp", 10), ("website", 10), ("tradeshow", 5)]
)
LOW_INTENT_CHANNELS = Weighted([("alibaba", 70), ("website", 20), ("whatsapp", 10)])
# Platform level by buyer tier: most inquirers are L0/L1, L4 buyers are rare.
LEVELS = {
    "low": Weighted([("L0", 75), ("L1", 22), ("L2", 3)]),
    0: Weighted([("L0", 45), ("L1", 35), ("L2", 15), ("L3", 5)]),
    1: Weighted([("L0", 25), ("L1", 35), ("L2", 25), ("L3", 12), ("L4", 3)]),
    2: Weighted([("L0", 8), ("L1", 17), ("L2", 30), ("L3", 27), ("L4", 18)]),
}
SIZES = {
    "low": Weighted([("", 40), ("micro", 55), ("small", 5)]),
    0: Weighted([("", 10), ("micro", 55), ("small", 30), ("medium", 5)]),
    1: Weighted([("", 5), ("micro", 25), ("small", 40), ("medium", 25), ("large", 5)]),
    2: Weighted([("small", 15), ("medium", 35), ("large", 35), ("enterprise", 15)]),
}
BUSINESS_TYPES = {
    "low": Weighted([("", 50), ("other", 30), ("online_seller", 20)]),
    "any": Weighted(
        [
            ("importer", 22),
            ("distributor", 18),
            ("retailer", 14),
            ("online_seller", 28),
            ("brand_owner", 10),
            ("other", 4),
            ("", 4),
        ]
    ),
}
INQUIRY_QUANTITIES = {
    "": (300, 500, 1000),
    "micro": (100, 200, 300, 500),
    "small": (300, 500, 1000, 2000),
    "medium": (1000, 2000, 3000, 5000),
    "large": (5000, 10000, 20000),
    "enterprise": (10000, 20000, 50000, 100000),
}
# Multiples of the MOQ a buyer of each size orders per line.
ORDER_MULTIPLES = {
    "": (1.0, 2.0),
    "micro": (1.0, 1.6),
    "small": (1.0, 3.0),
    "medium": (2.0, 6.0),
    "large": (4.0, 15.0),
    "enterprise": (8.0, 30.0),
}
FIRST_TOPICS = Weighted(
    [
        ("price_quote", 32),
        ("moq", 12),
        ("sample", 13),
        ("customization", 10),
        ("certification", 8),
        ("shipping", 5),
        ("lead_time", 5),
        ("authenticity", 7),
        ("catalog", 4),
        ("payment", 2),
        ("partnership", 2),
    ]
)
LATER_TOPICS = Weighted(
    [
        ("price_quote", 20),
        ("sample", 18),
        ("certification", 12),
        ("shipping", 12),
        ("lead_time", 10),
        ("payment", 10),
        ("catalog", 10),
        ("customization", 8),
    ]
)
EXTRA_CONVERSATIONS = {
    "prospect": Weighted([(0, 50), (1, 30), (2, 15), (3, 5)]),
    "customer": Weighted([(0, 60), (1, 30), (2, 10)]),
}
# Share of buyers with a conversation started in the last 30 hours (the live inbox).
FRESH_SHARE = 0.09
ROUNDS = Weighted([(1, 45), (2, 35), (3, 15), (4, 5)])
CYCLES = Weighted([("once", 35), ("fast", 12), ("monthly", 35), ("slow", 18)])
CYCLE_DAYS = {"fast": (14.0, 21.0), "monthly": (30.0, 60.0), "slow": (60.0, 120.0)}
LINE_COUNTS = Weighted([(1, 45), (2, 30), (3, 15), (4, 10)])
ALIBABA_PAYMENT = Weighted([("trade_assurance", 80), ("tt", 10), ("paypal", 8), ("lc", 2)])
DIRECT_PAYMENT = Weighted([("tt", 55), ("paypal", 30), ("lc", 8), ("other", 7)])
RATINGS = Weighted([(5, 62), (4, 25), (3, 8), (2, 3), (1, 2)])
INCOTERM_CHOICE = Weighted(INCOTERMS)


@dataclass
class DemoReport:
    """What the generator made, for the command's summary."""

    buyers: int = 0
    countries: int = 0
    languages: int = 0
    conversations: int = 0
    messages: int = 0
    orders: int = 0
    order_lines: int = 0
    samples: int = 0
    reviews: int = 0
    events: int = 0
    projects: int = 0
    products: int = 0
    articles: int = 0
    reply_templates: int = 0
    users_created: list[str] = field(default_factory=list)
    users_existing: list[str] = field(default_factory=list)
    grades: dict[str, int] = field(default_factory=lambda: {"A": 0, "B": 0, "C": 0})
    awaiting_reply: int = 0
    seconds: float = 0.0


class RowWriter:
    """Fast inserts of plain tuples into one model's table.

    Values are adapted once per column type (datetimes and JSON through the backend's own
    adapters). Rows go in as multi-row ``INSERT`` statements (``RETURNING`` the new keys when
    they are needed, SQLite ≥ 3.35), or on PostgreSQL with ``COPY``, the new keys reserved from
    the table's sequence first: psycopg merges parameters into the SQL text in Python, which
    costs more than the insert itself at millions of values. Columns not given get the model
    field's default, so a new nullable or defaulted field does not break the generator.
    """

    def __init__(self, model: type[models.Model], fields: Sequence[str]) -> None:
        meta = model._meta
        given = [meta.get_field(name) for name in fields]
        rest = [f for f in meta.concrete_fields if not f.primary_key and f not in given]
        self.defaults: tuple[Any, ...] = ()
        for extra in rest:
            default = extra.get_default()
            if default is None and not extra.null:
                raise ValueError(f"{meta.label}.{extra.name} needs a value from the generator.")
            self.defaults += (extra.get_db_prep_save(default, connection),)
        quote = connection.ops.quote_name
        columns = [quote(str(f.column)) for f in (*given, *rest)]  # type: ignore[union-attr]
        self.width = len(columns)
        self.table = quote(str(meta.db_table))
        self.pk_column = quote(meta.pk.column)  # type: ignore[union-attr]
        # Identifiers come from model metadata and are quoted; values are always parameters.
        self.head = f"INSERT INTO {self.table} ({', '.join(columns)}) VALUES "  # noqa: S608
        self.columns = columns
        self.db_table = str(meta.db_table)
        self.pk_name = meta.pk.column  # type: ignore[union-attr]
        self.use_copy = connection.vendor == "postgresql"
        self.row_sql = "(" + ", ".join(["%s"] * self.width) + ")"
        self.adapters: list[tuple[int, Callable[[Any], Any]]] = []
        for index, f in enumerate(given):
            if isinstance(f, models.DateTimeField):
                self.adapters.append((index, _datetime_adapter()))
            elif isinstance(f, models.DateField):
                self.adapters.append((index, connection.ops.adapt_datefield_value))
            elif isinstance(f, models.JSONField):
                self.adapters.append((index, _json_adapter(f)))
        # SQLite's limit is 999 variables a statement (as Django assumes); 500 rows at most
        # keeps PostgreSQL statements a reasonable size.
        max_params = connection.features.max_query_params or 65535
        self.rows_per_statement = max(1, min(500, max_params // self.width))

    def _adapt(self, rows: Sequence[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
        if not self.adapters:
            return [row + self.defaults for row in rows]
        adapted = []
        for row in rows:
            values = list(row)
            for index, adapt in self.adapters:
                if values[index] is not None:
                    values[index] = adapt(values[index])
            adapted.append(tuple(values) + self.defaults)
        return adapted

    def _statements(
        self, rows: list[tuple[Any, ...]], suffix: str = ""
    ) -> Iterator[tuple[str, list[Any]]]:
        """(sql, params) per multi-row statement; full batches share one SQL text.

        One statement per batch rather than ``executemany``: PostgreSQL would otherwise get
        one round trip per row, and SQLite reuses the prepared statement of a repeated text.
        """
        step = self.rows_per_statement
        full_sql = self.head + ", ".join([self.row_sql] * step) + suffix
        for start in range(0, len(rows), step):
            batch = rows[start : start + step]
            sql = full_sql
            if len(batch) < step:
                sql = self.head + ", ".join([self.row_sql] * len(batch)) + suffix
            yield sql, [value for row in batch for value in row]

    def insert(self, rows: Sequence[tuple[Any, ...]]) -> None:
        """Insert the rows."""
        if not rows:
            return
        if self.use_copy:
            self._copy(self._adapt(rows), None)
            return
        with connection.cursor() as cursor:
            for sql, params in self._statements(self._adapt(rows)):
                cursor.execute(sql, params)

    def insert_returning_ids(self, rows: Sequence[tuple[Any, ...]]) -> list[int]:
        """Insert the rows and return their new primary keys, in the rows' order."""
        if not rows:
            return []
        adapted = self._adapt(rows)
        if self.use_copy:
            return self._copy(adapted, self._reserve_ids(len(adapted)))
        ids: list[int] = []
        with connection.cursor() as cursor:
            if not connection.features.can_return_rows_from_bulk_insert:
                # SQLite before 3.35: one row at a time, slower but correct.
                for row in adapted:
                    cursor.execute(self.head + self.row_sql, row)
                    ids.append(int(cursor.lastrowid))
                return ids
            for sql, params in self._statements(adapted, f" RETURNING {self.pk_column}"):
                cursor.execute(sql, params)
                # New keys rise in insertion order; RETURNING itself promises no order.
                ids.extend(sorted(int(r[0]) for r in cursor.fetchall()))
        return ids

    def _reserve_ids(self, count: int) -> list[int]:
        """Take ``count`` keys from the table's sequence (PostgreSQL), safe with other writers."""
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                [self.db_table, self.pk_name, count],
            )
            return [int(row[0]) for row in cursor.fetchall()]

    def _copy(self, rows: list[tuple[Any, ...]], ids: list[int] | None) -> list[int]:
        """``COPY ... FROM STDIN`` the rows (PostgreSQL), with explicit keys when given."""
        columns = self.columns if ids is None else [self.pk_column, *self.columns]
        sql = f"COPY {self.table} ({', '.join(columns)}) FROM STDIN"
        with connection.cursor() as cursor, cursor.cursor.copy(sql) as copy:
            if ids is None:
                for row in rows:
                    copy.write_row(row)
            else:
                for pk, row in zip(ids, rows, strict=True):
                    copy.write_row((pk, *row))
        return ids or []


def _json_adapter(json_field: models.JSONField) -> Callable[[Any], Any]:
    adapt_json = connection.ops.adapt_json_value
    encoder = json_field.encoder

    def adapt(value: Any) -> Any:
        return adapt_json(value, encoder)

    return adapt


def _datetime_adapter() -> Callable[[Any], Any]:
    """The backend's datetime adapter, or a faster equivalent for SQLite storing UTC.

    Django's SQLite adapter makes an aware datetime naive in the connection's time zone and
    stores ``str()`` of it; with UTC that is the same text as below, without the generic checks
    that cost more than the insert itself at a million timestamps.
    """
    utc = getattr(connection, "timezone_name", None) == "UTC"
    if not (connection.vendor == "sqlite" and settings.USE_TZ and utc):
        return connection.ops.adapt_datetimefield_value

    def adapt(value: datetime) -> str:
        if value.tzinfo is not UTC:
            value = value.astimezone(UTC)
        return str(value.replace(tzinfo=None))

    return adapt


@dataclass(slots=True)
class _TeamUser:
    user: AbstractBaseUser
    member: TeamMember

    @property
    def pk(self) -> int:
        return int(self.user.pk)

    def signature(self, language: str) -> str:
        if language == "ko":
            return f"{self.member.last_name}{self.member.first_name}"
        return f"{self.member.romanised}\n{SELLER_NAME}"


@dataclass(frozen=True, slots=True, eq=False)
class _Product:
    """What planning needs of a product (plain attributes: model instances hash slowly)."""

    pk: int
    sku: str
    name_en: str
    name_ko: str
    moq: int
    list_price: int
    tiers: tuple[tuple[int, int], ...]
    lead_time_days: int
    certifications: tuple[str, ...]

    def unit_price(self, quantity: float) -> int:
        """The tier price for the quantity (the first tier below the MOQ)."""
        price = self.list_price
        for min_qty, unit in self.tiers:
            if quantity >= min_qty:
                price = unit
        return price

    def name(self, language: str) -> str:
        return self.name_ko if language == "ko" else self.name_en


@dataclass(slots=True)
class _Message:
    direction: str
    body: str
    language: str
    age_h: float
    auto: bool = False
    closing: bool = False
    # What the message asks for: a quantity in pieces, a target unit price in US cents.
    quantity: int | None = None
    target_cents: int | None = None
    at: datetime | None = None
    triage: dict[str, Any] | None = None


@dataclass(slots=True)
class _Conversation:
    topic: str
    subject: str
    channel: str
    messages: list[_Message]
    status: str = Conversation.Status.CLOSED
    is_spam: bool = False
    deadline_age_h: float | None = None
    awaiting_age_h: float | None = None
    pk: int | None = None


@dataclass(slots=True)
class _Line:
    product: _Product
    quantity: int
    unit_minor: int


@dataclass(slots=True)
class _Order:
    number: str
    channel: str
    currency: str
    lines: list[_Line]
    status: str
    quoted_h: float
    paid_h: float | None = None
    shipped_h: float | None = None
    delivered_h: float | None = None
    cancelled_h: float | None = None
    pk: int | None = None

    @property
    def total_minor(self) -> int:
        return sum(line.quantity * line.unit_minor for line in self.lines)


@dataclass(slots=True)
class _Sample:
    products: list[_Product]
    cost_minor: int
    courier_minor: int
    status: str
    requested_h: float
    sent_h: float | None = None
    delivered_h: float | None = None
    converted: _Order | None = None
    lost_h: float | None = None
    lost_reason: str = ""
    cancelled_h: float | None = None
    # Priced once the buyer's grade is known (the policy share for that grade).
    grade: str = "C"
    seller_pct: int = 0
    seller_minor: int = 0
    buyer_minor: int = 0
    pk: int | None = None


@dataclass(slots=True)
class _Review:
    order: _Order
    rating: int
    text: str
    age_h: float


@dataclass(slots=True)
class _Context:
    """What planning one buyer's history needs to know about the buyer."""

    country: CountryProfile
    language: str
    archetype: str
    greeting: str
    size: str
    channel: str
    currency: str
    first_age_h: float
    interests: list[_Product]


@dataclass(slots=True)
class _Buyer:
    """The buyer row, as plain attributes in the order of ``BUYER_FIELDS``."""

    company: str
    contact_name: str
    email: str
    phone: str
    country: str
    website: str
    channel: str
    platform_buyer_id: str
    platform_level: str
    verified: bool
    company_size: str
    business_type: str
    annual_purchase_minor: int | None
    rep_id: int | None
    grade: str
    grade_score: int
    grade_reasons: list[dict[str, object]]
    notes: str
    first_contact_at: datetime
    last_contact_at: datetime
    pk: int | None = None

    def row(self, now: datetime) -> tuple[Any, ...]:
        return (
            self.company,
            normalise_company_name(self.company),
            self.contact_name,
            self.email,
            self.phone,
            self.country,
            self.website,
            self.channel,
            self.platform_buyer_id,
            self.platform_level,
            self.verified,
            self.company_size,
            self.business_type,
            self.annual_purchase_minor,
            "USD",
            self.rep_id,
            self.grade,
            self.grade_score,
            self.grade_reasons,
            self.notes,
            self.first_contact_at,
            self.last_contact_at,
            self.first_contact_at,
            now,
        )


BUYER_FIELDS = (
    "company", "normalized_company", "contact_name", "email", "phone", "country", "website",
    "channel", "platform_buyer_id", "platform_level", "verified", "company_size", "business_type",
    "annual_purchase_minor", "annual_purchase_currency", "assigned_rep", "grade", "grade_score",
    "grade_reasons", "notes", "first_contact_at", "last_contact_at", "created_at", "updated_at",
)  # fmt: skip


@dataclass(slots=True)
class _BuyerPlan:
    buyer: _Buyer
    context: _Context
    conversations: list[_Conversation]
    orders: list[_Order]
    samples: list[_Sample]
    reviews: list[_Review]
    tags: list[str]
    responder: _TeamUser | None


def workspace_has_buyers() -> bool:
    """Whether any buyer exists (``--if-empty`` then leaves the workspace alone)."""
    return Buyer.objects.exists()


def build_demo_workspace(
    *,
    buyers: int = DEFAULT_BUYERS,
    seed: int = DEFAULT_SEED,
    now: datetime | None = None,
    progress: Callable[[str], None] | None = None,
    chunk_size: int = CHUNK_BUYERS,
    triage_messages: bool = True,
) -> DemoReport:
    """Create the demo team, catalog, knowledge base and ``buyers`` buyers with their history.

    Existing users, products, articles, templates and tags with the demo's names are reused,
    so running it twice adds buyers without failing. ``progress`` receives one line per stage.
    ``triage_messages`` stores the assistant's understanding on every inbound message (lexical
    cues only, so the demo needs no model; off for the largest benchmark datasets).
    """
    if buyers < 0:
        raise ValueError("The number of buyers cannot be negative.")
    return _DemoBuilder(
        buyers=buyers,
        seed=seed,
        now=now,
        progress=progress,
        chunk_size=max(1, chunk_size),
        triage_messages=triage_messages,
    ).run()


class _DemoBuilder:
    def __init__(
        self,
        *,
        buyers: int,
        seed: int,
        now: datetime | None,
        progress: Callable[[str], None] | None,
        chunk_size: int,
        triage_messages: bool = True,
    ) -> None:
        self.total = buyers
        self.triage_messages = triage_messages
        self.triage_cache: dict[str, dict[str, Any]] = {}
        self.rng = random.Random(seed)
        self.now = (now or timezone.now()).replace(second=0, microsecond=0)
        self.progress = progress or (lambda _line: None)
        self.chunk_size = chunk_size
        self.report = DemoReport()
        self.used_company_names: set[str] = set()
        self.order_seq = 0
        self.grade_cache: dict[BuyerSignals, tuple[str, int, list[dict[str, object]]]] = {}
        self.project_buyers: dict[str, _BuyerPlan] = {}
        self.countries_seen: set[str] = set()
        self.languages_seen: set[str] = set()

    # -- the run --------------------------------------------------------------------------

    def run(self) -> DemoReport:
        started = time.perf_counter()
        with transaction.atomic():
            self.workspace = WorkspaceSettings.current()
            if self.workspace.name == WorkspaceSettings._meta.get_field("name").default:
                self.workspace = workspace_settings_update(changes={"name": WORKSPACE_NAME})
            self.team = self._ensure_team()
            self.products = self._ensure_catalog()
            self._ensure_knowledge()
            self.tags = self._ensure_tags()
            # Continue the numbering of an earlier demo run instead of colliding with it.
            self.order_seq = Order.objects.filter(number__startswith="ED-").count()
        self.progress(
            f"Team: {len(self.team)} users; catalog: {self.report.products} products; "
            f"knowledge base: {self.report.articles} articles, "
            f"{self.report.reply_templates} reply templates."
        )
        self.seniors = [t for t in self.team if t.member.role is Role.SENIOR_REP]
        self.juniors = [t for t in self.team if t.member.role is Role.REP]
        self.responders = self.seniors + self.juniors
        self.product_choice = Weighted(
            [(p, spec.popularity) for p, spec in zip(self.products, PRODUCTS, strict=True)]
        )
        self.new_products = [
            p
            for p, spec in zip(self.products, PRODUCTS, strict=True)
            if spec.launched_days_ago is not None and spec.launched_days_ago <= NEW_PRODUCT_DAYS
        ]
        self.sample_policy = SamplePolicy(
            self.workspace.sample_share_a,
            self.workspace.sample_share_b,
            self.workspace.sample_share_c,
        )
        self._prepare_writers()
        countries = self._country_sequence()
        for start in range(0, self.total, self.chunk_size):
            end = min(start + self.chunk_size, self.total)
            plans = [self._plan_buyer(countries[i]) for i in range(start, end)]
            with transaction.atomic():
                self._write_chunk(plans)
            self.progress(
                f"Buyers {end:,}/{self.total:,}: {self.report.conversations:,} conversations, "
                f"{self.report.messages:,} messages, {self.report.orders:,} orders "
                f"({time.perf_counter() - started:.1f} s)"
            )
        with transaction.atomic():
            self._make_projects()
        self.report.countries = len(self.countries_seen)
        self.report.languages = len(self.languages_seen)
        self.report.seconds = time.perf_counter() - started
        return self.report

    def _at(self, age_h: float) -> datetime:
        return self.now - timedelta(hours=age_h)

    def _maybe_at(self, age_h: float | None) -> datetime | None:
        return None if age_h is None else self.now - timedelta(hours=age_h)

    # -- reference data -------------------------------------------------------------------

    def _ensure_team(self) -> list[_TeamUser]:
        user_model = get_user_model()
        team: list[_TeamUser] = []
        for member in TEAM:
            user: AbstractBaseUser | None = user_model.objects.filter(
                username__iexact=member.username
            ).first()
            if user is None:
                user = user_create(
                    username=member.username,
                    password=DEMO_PASSWORD,
                    role=member.role,
                    email=f"{member.username}@{TEAM_EMAIL_DOMAIN}",
                    first_name=member.first_name,
                    last_name=member.last_name,
                    capacity=member.capacity,
                    languages=list(member.languages),
                )
                self.report.users_created.append(member.username)
            else:
                self.report.users_existing.append(member.username)
            team.append(_TeamUser(user, member))
        return team

    def _ensure_catalog(self) -> list[_Product]:
        today = self.now.date()
        skus = [spec.sku for spec in PRODUCTS]
        existing = set(Product.objects.filter(sku__in=skus).values_list("sku", flat=True))
        Product.objects.bulk_create(
            [
                _product_row(spec, index, today)
                for index, spec in enumerate(PRODUCTS)
                if spec.sku not in existing
            ]
        )
        by_sku = {p.sku: p for p in Product.objects.filter(sku__in=skus)}
        self.report.products = len(by_sku)
        return [_product_info(by_sku[sku]) for sku in skus]

    def _ensure_knowledge(self) -> None:
        # The FAQ articles and per-intent templates live in knowledge_seed (also used alone);
        # the generator adds its follow-up and Spanish templates.
        seed_knowledge()
        names = set(ReplyTemplate.objects.values_list("name", flat=True))
        ReplyTemplate.objects.bulk_create(
            [
                ReplyTemplate(
                    name=spec.name,
                    purpose=spec.purpose,
                    language=spec.language,
                    country=spec.country,
                    body=spec.body,
                )
                for spec in REPLY_TEMPLATES
                if spec.name not in names
            ]
        )
        self.report.articles = KnowledgeArticle.objects.count()
        self.report.reply_templates = ReplyTemplate.objects.count()

    def _ensure_tags(self) -> dict[str, int]:
        ids: dict[str, int] = {}
        for name in SYSTEM_TAGS + USER_TAGS:
            tag, _created = Tag.objects.get_or_create(
                name=name, defaults={"is_system": name in SYSTEM_TAGS}
            )
            ids[name] = tag.pk
        return ids

    def _country_sequence(self) -> list[str]:
        """Countries of all buyers: weighted, with every country present in larger runs."""
        codes = [c.code for c in COUNTRIES]
        sequence = self.rng.choices(codes, weights=[c.weight for c in COUNTRIES], k=self.total)
        if self.total >= 2 * len(codes):
            sequence[: len(codes)] = codes
            self.rng.shuffle(sequence)
        return sequence

    # -- planning one buyer ---------------------------------------------------------------

    def _plan_buyer(self, code: str) -> _BuyerPlan:
        rng = self.rng
        country = COUNTRY_BY_CODE[code]
        quality = rng.random()
        if rng.random() < 0.09:
            archetype = "low"
        elif rng.random() < 0.31 + 0.32 * quality:
            archetype = "customer"
        else:
            archetype = "prospect"
        tier: str | int = "low" if archetype == "low" else (0 if quality < 0.45 else 1)
        if archetype != "low" and quality >= 0.82:
            tier = 2
        language = _language_choice(country).pick(rng)
        contact, greeting = person_name(country.naming, rng)
        company, brand = self._unique_company(country)
        domain = company_domain(company, brand, country.tld)
        channel = (LOW_INTENT_CHANNELS if archetype == "low" else CHANNELS).pick(rng)
        level = LEVELS[tier].pick(rng) if channel == "alibaba" else ""
        size = SIZES[tier].pick(rng)
        business_type = BUSINESS_TYPES["low" if archetype == "low" else "any"].pick(rng)
        annual_minor: int | None = None
        if archetype != "low" and rng.random() < 0.2 + 0.4 * quality:
            usd = 10 ** (3.7 + 1.8 * quality + rng.uniform(-0.3, 0.3))
            annual_minor = int(round(usd, -3)) * 100
        currency = "EUR" if country.eu and rng.random() < 0.3 else "USD"
        context = _Context(
            country=country,
            language=language,
            archetype=archetype,
            greeting=greeting,
            size=size,
            channel=channel,
            currency=currency,
            first_age_h=HISTORY_DAYS * 24 * rng.random() ** 1.5 + 0.5,
            interests=self._products(rng.randint(1, 3)),
        )
        orders = self._plan_orders(context, quality) if archetype == "customer" else []
        conversations = self._plan_conversations(context, orders)
        wants_sample = any(c.topic == "sample" for c in conversations) or (
            bool(orders) and rng.random() < 0.3
        )
        samples = self._plan_samples(context, conversations, orders) if wants_sample else []
        # Alibaba shows "verified" on the buyers it has checked: the bigger ones, mostly.
        verified = (channel == "alibaba" and level in {"L3", "L4"} and rng.random() < 0.5) or (
            channel == "tradeshow" and rng.random() < 0.3
        )
        grade, score, reasons = self._grade(
            _signals(
                context,
                conversations,
                orders,
                samples,
                level=level,
                business_type=business_type,
                annual_minor=annual_minor,
                verified=verified,
            )
        )
        self._price_samples(samples, grade)
        rep = self._assign_rep(grade, language, archetype)
        # Someone answers unassigned buyers too (whoever picked the inquiry up).
        responder = rep
        if responder is None and self.responders:
            responder = rng.choice(self.responders)
        reviews = self._plan_reviews(context, orders)
        ages = [m.age_h for c in conversations for m in c.messages]
        last_age = min(ages)
        buyer = _Buyer(
            company=company,
            contact_name=contact,
            email=self._email(contact, greeting, domain),
            phone=phone_number(country, rng),
            country=code,
            website=f"https://www.{domain}" if rng.random() < 0.55 else "",
            channel=channel,
            platform_buyer_id=(
                f"{code.lower()}{rng.randrange(10**9, 10**10)}" if channel == "alibaba" else ""
            ),
            platform_level=level,
            verified=verified,
            company_size=size,
            business_type=business_type,
            annual_purchase_minor=annual_minor,
            rep_id=rep.pk if rep else None,
            grade=grade,
            grade_score=score,
            grade_reasons=reasons,
            notes=rng.choice(TRADE_SHOWS) if channel == "tradeshow" else "",
            first_contact_at=self._at(max(ages)),
            last_contact_at=self._at(last_age),
        )
        tags = self._tags(buyer, context, conversations, orders, samples, last_age, quality)
        plan = _BuyerPlan(buyer, context, conversations, orders, samples, reviews, tags, responder)
        if grade == "A":
            if "private-label" in tags:
                self.project_buyers.setdefault("private-label", plan)
            if country.halal:
                self.project_buyers.setdefault("halal", plan)
            self.project_buyers.setdefault("any", plan)
        return plan

    def _grade(self, signals: BuyerSignals) -> tuple[str, int, list[dict[str, object]]]:
        """The rubric's grade, score and reasons (cached: many buyers share their signals)."""
        cached = self.grade_cache.get(signals)
        if cached is None:
            result = grade_buyer(
                signals,
                weights=self.workspace.rubric_weights,
                a_threshold=self.workspace.grade_a_threshold,
                b_threshold=self.workspace.grade_b_threshold,
                priority_countries=self.workspace.priority_countries or (),
            )
            cached = (result.grade, result.score, result.reasons_as_dicts())
            self.grade_cache[signals] = cached
        return cached

    def _unique_company(self, country: CountryProfile) -> tuple[str, str]:
        name, brand = company_name(country, self.rng)
        for _attempt in range(5):
            if name not in self.used_company_names:
                break
            name, brand = company_name(country, self.rng)
        self.used_company_names.add(name)
        return name, brand

    def _email(self, contact: str, greeting: str, domain: str) -> str:
        first = ascii_slug(greeting.split()[0]) or "info"
        others = [ascii_slug(w) for w in contact.split() if w not in greeting.split()]
        others = [w for w in others if w]
        roll = self.rng.random()
        if roll < 0.4:
            local = first
        elif roll < 0.6 and others:
            local = f"{first}.{others[-1]}"
        elif roll < 0.75:
            local = "info"
        elif roll < 0.85:
            local = "sales"
        elif roll < 0.93:
            local = "purchasing"
        else:
            local = "import"
        return f"{local}@{domain}"

    def _products(self, count: int) -> list[_Product]:
        return list(dict.fromkeys(self.product_choice.sample(self.rng, count)))

    def _assign_rep(self, grade: str, language: str, archetype: str) -> _TeamUser | None:
        """Senior reps take A buyers; speakers of the buyer's language are preferred."""
        rng = self.rng
        if rng.random() < (0.6 if archetype == "low" else 0.08):
            return None
        senior_share = {"A": 0.85, "B": 0.3, "C": 0.15}[grade]
        pool = self.seniors if rng.random() < senior_share else self.juniors
        pool = pool or self.responders
        if not pool:
            return None
        speakers = [t for t in pool if language in t.member.languages]
        if speakers and language not in {"en", "ko"} and rng.random() < 0.7:
            pool = speakers
        return rng.choice(pool)

    # -- orders ---------------------------------------------------------------------------

    def _plan_orders(self, context: _Context, quality: float) -> list[_Order]:
        rng = self.rng
        cycle = CYCLES.pick(rng)
        age = context.first_age_h - rng.uniform(5, 40) * 24
        orders: list[_Order] = []
        growth = 1.0
        pace = 1.0
        while age > 0 and len(orders) < 30:
            orders.append(self._plan_order(context, age, growth))
            if cycle == "once" or rng.random() < 0.07:
                break
            low, high = CYCLE_DAYS[cycle]
            age -= rng.uniform(low, high) * 24 * pace
            growth = min(growth * rng.uniform(1.03, 1.2), 3.0)
            # Buyers who are looked after well order more often (1-2 months -> 2-3 weeks).
            if cycle == "monthly" and quality > 0.7:
                pace = max(0.45, pace * 0.92)
        return orders

    def _plan_order(self, context: _Context, age: float, growth: float) -> _Order:
        rng = self.rng
        self.order_seq += 1
        number = f"ED-{self._at(age).year}-{self.order_seq:06d}"
        wanted = LINE_COUNTS.pick(rng)
        products = list(dict.fromkeys(context.interests + self._products(wanted)))[:wanted]
        low, high = ORDER_MULTIPLES[context.size]
        lines = []
        for product in products:
            quantity = max(product.moq, round(product.moq * rng.uniform(low, high) * growth, -1))
            unit = product.unit_price(quantity)
            if context.currency == "EUR":
                unit = round(unit * 0.92)
            lines.append(_Line(product, int(quantity), unit))
        order = _Order(
            number=number,
            channel="",
            currency=context.currency,
            lines=lines,
            status=Order.Status.QUOTED,
            quoted_h=age,
        )
        payments = ALIBABA_PAYMENT if context.channel == "alibaba" else DIRECT_PAYMENT
        channel = payments.pick(rng)
        if channel == "lc" and order.total_minor < 2_000_000:
            channel = "tt"  # nobody opens an L/C for a small order
        order.channel = channel
        paid = age - rng.uniform(12, 96)
        lead = max(p.lead_time_days for p in products) * 24 * rng.uniform(0.8, 1.2)
        shipped = paid - lead
        delivered = shipped - rng.uniform(4, 12) * 24
        if rng.random() < 0.04:
            cancelled = age - rng.uniform(6, 72)
            if cancelled > 0:
                order.status, order.cancelled_h = Order.Status.CANCELLED, cancelled
            return order
        if paid > 0:
            order.status, order.paid_h = Order.Status.PAID, paid
        if shipped > 0:
            order.status, order.shipped_h = Order.Status.SHIPPED, shipped
        if delivered > 0:
            order.status, order.delivered_h = Order.Status.DELIVERED, delivered
        return order

    # -- conversations --------------------------------------------------------------------

    def _plan_conversations(self, context: _Context, orders: list[_Order]) -> list[_Conversation]:
        rng = self.rng
        first = context.first_age_h
        specs: list[tuple[float, str, _Order | None]] = []
        if context.archetype == "low":
            specs.append((first, "spam" if rng.random() < 0.6 else "greeting", None))
        else:
            specs.append((first, FIRST_TOPICS.pick(rng), None))
            for _ in range(EXTRA_CONVERSATIONS[context.archetype].pick(rng)):
                specs.append((rng.uniform(0, first), LATER_TOPICS.pick(rng), None))
            for index, order in enumerate(orders):
                if index and rng.random() < 0.6:
                    specs.append(
                        (order.quoted_h + rng.uniform(24, 96), "reorder", orders[index - 1])
                    )
                if order.shipped_h is not None and rng.random() < 0.25:
                    specs.append((order.shipped_h - rng.uniform(48, 144), "tracking", order))
                if order.delivered_h is not None and rng.random() < 0.05:
                    specs.append((order.delivered_h - rng.uniform(24, 120), "complaint", order))
            if orders and rng.random() < 0.25:
                specs.append((rng.uniform(0, first), "catalog", None))
            if orders and context.size in {"large", "enterprise"} and rng.random() < 0.25:
                specs.append((rng.uniform(0, first), "partnership", None))
            if rng.random() < FRESH_SHARE:
                # The live inbox: something arrived in the last 30 hours, most of it recently.
                fresh = 0.1 + 30 * rng.random() ** 2
                if orders and orders[-1].delivered_h is not None:
                    specs.append((fresh, "reorder", orders[-1]))
                else:
                    specs.append((fresh, LATER_TOPICS.pick(rng), None))
        specs.sort(key=lambda spec: -spec[0])
        conversations = []
        for start, topic, about in specs:
            conversation = self._plan_conversation(context, min(start, first), topic, about)
            if conversation is not None:
                conversations.append(conversation)
        return conversations

    def _plan_conversation(
        self, context: _Context, start: float, topic: str, order: _Order | None
    ) -> _Conversation | None:
        rng = self.rng
        language = context.language
        if language != "en" and rng.random() < 0.1:
            language = "en"  # even a Madrid buyer writes English now and then
        templates = INQUIRIES.get(language, {}).get(topic)
        if not templates:
            language, templates = "en", INQUIRIES["en"][topic]
        template = rng.choice(templates)
        if order is not None and topic == "reorder":
            product = order.lines[0].product
        else:
            product = rng.choice(context.interests)
        quantity = rng.choice(INQUIRY_QUANTITIES[context.size])
        slots, target = self._inquiry_slots(template, language, context, product, order, quantity)
        messages = [
            _Message(
                "in",
                template.format_map(slots),
                language,
                start,
                quantity=quantity if "{qty}" in template else None,
                target_cents=target,
            )
        ]
        if topic in LOW_INTENT_TOPICS:
            if rng.random() < (0.6 if topic == "greeting" else 0.15):
                text = rng.choice(REPLIES["en"]["greeting"])
                messages.append(_Message("out", text, "en", start - self._reply_delay_h()))
        else:
            # One reply language per thread: the buyer's, where the team has replies in it.
            out_language = "en"
            if language in REPLIES and topic in REPLIES[language] and rng.random() < 0.85:
                out_language = language
            reply_slots = _LazySlots(
                lambda key: self._reply_slot(key, out_language, context, product, order)
            )
            follow_ups = [
                (kind, text)
                for kind, text in (FOLLOW_UPS.get(language) or FOLLOW_UPS["en"]).items()
                if kind != "samples_ok" or topic == "sample"
            ]
            rounds = min(ROUNDS.pick(rng), len(follow_ups) + 1)
            asks = rng.sample(follow_ups, rounds - 1)
            reply_key = topic
            t = start
            for round_no in range(rounds):
                t -= self._reply_delay_h()
                text = self._reply_text(reply_key, out_language)
                auto = round_no == 0 and topic in AUTO_REPLY_TOPICS and rng.random() < 0.3
                messages.append(
                    _Message("out", text.format_map(reply_slots), out_language, t, auto=auto)
                )
                if round_no == rounds - 1:
                    break
                t -= rng.uniform(1, 72)
                kind, follow_up = asks[round_no]
                # Haggling is about a bigger order than the first ask.
                bigger = quantity * rng.choice((2, 3, 5))
                follow_slots, _target = self._inquiry_slots(
                    follow_up, language, context, product, order, bigger
                )
                messages.append(
                    _Message(
                        "in",
                        follow_up.format_map(follow_slots),
                        language,
                        t,
                        quantity=bigger if "{qty}" in follow_up else None,
                    )
                )
                reply_key = f"re:{kind}"
            if rng.random() < 0.3:
                t -= rng.uniform(1, 48)
                closing = rng.choice(CLOSINGS.get(language) or CLOSINGS["en"])
                messages.append(_Message("in", closing, language, t, closing=True))
        # Whatever would happen after "now" has not happened yet: the conversation stops there,
        # which is what leaves recent inquiries waiting for our reply.
        kept = [m for m in messages if m.age_h > 0]
        if not kept:
            return None
        subject = self._subject(topic, context, product, order, slots, kept[0].body)
        conversation = _Conversation(topic, subject, context.channel, kept)
        self._settle(conversation)
        return conversation

    def _reply_delay_h(self) -> float:
        """Hours until the seller answers: mostly within the 4-hour line, sometimes not."""
        rng = self.rng
        roll = rng.random()
        if roll < 0.55:
            return rng.uniform(0.1, 2)
        if roll < 0.8:
            return rng.uniform(2, 4)
        if roll < 0.92:
            return rng.uniform(4, 12)
        return rng.uniform(12, 48)

    def _reply_text(self, key: str, language: str) -> str:
        options = REPLIES[language].get(key) or REPLIES["en"][key]
        return self.rng.choice(options)

    def _inquiry_slots(
        self,
        template: str,
        language: str,
        context: _Context,
        product: _Product,
        order: _Order | None,
        quantity: int,
    ) -> tuple[dict[str, str], int | None]:
        """The slots the template uses, and the target price in cents if it gives one.

        Only the slots the template uses are filled: each draw consumes the shared generator.
        """
        rng = self.rng
        slots: dict[str, str] = {}
        target: int | None = None
        if "{product}" in template:
            slots["product"] = product.name(language)
        if "{product2}" in template:
            others = [p for p in self._products(2) if p is not product] or self.products[:1]
            slots["product2"] = others[0].name(language)
        if "{qty}" in template:
            slots["qty"] = format_quantity(language, quantity, rng)
        if "{price}" in template:
            target = max(1, round(product.list_price * rng.uniform(0.65, 0.95)))
            slots["price"] = format_price(language, target, rng)
        if "{country}" in template:
            slots["country"] = country_name(language, context.country.code)
        if "{cert}" in template:
            slots["cert"] = self._certification(context.country)
        if "{days}" in template:
            slots["days"] = str(rng.choice((14, 21, 30, 45, 60)))
        if "{incoterm}" in template:
            slots["incoterm"] = INCOTERM_CHOICE.pick(rng)
        if "{order}" in template:
            slots["order"] = order.number if order else f"ED-{rng.randrange(100000, 999999)}"
        if "{seller}" in template:
            slots["seller"] = SELLER_NAME
        return slots, target

    def _reply_slot(
        self, key: str, language: str, context: _Context, product: _Product, order: _Order | None
    ) -> str:
        rng = self.rng
        if key == "contact":
            return context.greeting
        if key == "product":
            return product.name(language)
        if key == "moq":
            return f"{product.moq:,}"
        if key == "unit_price":
            return f"US${product.list_price / 100:.2f}"
        if key == "lead":
            return str(product.lead_time_days)
        if key == "cert_list":
            certs = list(product.certifications) or ["ISO 22716"]
            return ", ".join(certs[:-1]) + (" and " if len(certs) > 1 else "") + certs[-1]
        if key == "country":
            return country_name(language, context.country.code)
        if key == "order":
            return order.number if order else ""
        if key == "tracking":
            return f"DHL {rng.randrange(10**9, 10**10)}"
        if key == "new_product":
            return rng.choice(self.new_products or self.products).name(language)
        if key == "rep":
            return "{rep}"  # the signature goes in once the responder is known
        raise KeyError(key)

    def _certification(self, country: CountryProfile) -> str:
        if country.eu:
            return "CPNP"
        if country.halal:
            return "Halal"
        return REGULATORY_CERTS.get(country.code) or self.rng.choice(("ISO 22716", "GMP", "MSDS"))

    def _subject(
        self,
        topic: str,
        context: _Context,
        product: _Product,
        order: _Order | None,
        slots: dict[str, str],
        first_body: str,
    ) -> str:
        if topic in LOW_INTENT_TOPICS:
            return first_body[:60]
        template = SUBJECTS[topic]
        cert = ""
        if "{cert}" in template:
            cert = slots.get("cert") or self._certification(context.country)
        return template.format(
            product=product.name_en,
            cert=cert,
            country_en=country_name("en", context.country.code),
            order=order.number if order else "",
        )[:255]

    def _settle(self, conversation: _Conversation) -> None:
        """Status, SLA deadline and spam flag from where the conversation stopped."""
        messages = conversation.messages
        for message in messages:
            message.at = self._at(message.age_h)
        last = messages[-1]
        answered = [i for i, m in enumerate(messages) if m.direction == "out"]
        if last.direction == "in" and not last.closing:
            unanswered = messages[answered[-1] + 1] if answered else messages[0]
            if conversation.topic in LOW_INTENT_TOPICS and unanswered.age_h > 72:
                conversation.status = Conversation.Status.CLOSED
                conversation.is_spam = conversation.topic == "spam"
            else:
                conversation.status = (
                    Conversation.Status.AWAITING_US if answered else Conversation.Status.NEW
                )
                conversation.deadline_age_h = unanswered.age_h - self.workspace.sla_hours
                conversation.awaiting_age_h = unanswered.age_h
        elif last.direction == "out" and last.age_h < 14 * 24:
            conversation.status = Conversation.Status.AWAITING_BUYER
        else:
            conversation.status = Conversation.Status.CLOSED

    # -- samples, reviews, tags -----------------------------------------------------------

    def _plan_samples(
        self,
        context: _Context,
        conversations: list[_Conversation],
        orders: list[_Order],
    ) -> list[_Sample]:
        """The buyer's sample request and what became of it (priced later, by grade)."""
        rng = self.rng
        talk = next((c for c in conversations if c.topic == "sample"), None)
        if talk is not None:
            requested = talk.messages[0].age_h - rng.uniform(1, 24)
            if requested <= 0:
                requested = talk.messages[0].age_h / 2
        elif orders:
            requested = min(orders[0].quoted_h + rng.uniform(5, 15) * 24, context.first_age_h)
        else:
            return []
        products = list(dict.fromkeys(context.interests + self._products(3)))[: rng.randint(1, 4)]
        # Three units of each product plus packing; the courier is DHL Express.
        sample = _Sample(
            products=products,
            cost_minor=sum(p.list_price * 3 for p in products) + 500,
            courier_minor=rng.randrange(28, 66) * 100,
            status=Sample.Status.REQUESTED,
            requested_h=requested,
        )
        sent = requested - rng.uniform(24, 96)
        delivered = sent - rng.uniform(72, 240)
        if rng.random() < 0.05:
            cancelled = requested - rng.uniform(12, 72)
            if cancelled > 0:
                sample.status, sample.cancelled_h = Sample.Status.CANCELLED, cancelled
            return [sample]
        if sent > 0:
            sample.status, sample.sent_h = Sample.Status.SENT, sent
        if delivered > 0:
            sample.status, sample.delivered_h = Sample.Status.DELIVERED, delivered
            # Converted when an order followed the sample's arrival.
            sample.converted = next(
                (
                    o
                    for o in orders
                    if o.quoted_h < delivered and o.status != Order.Status.CANCELLED
                ),
                None,
            )
            if sample.converted is not None:
                sample.status = Sample.Status.CONVERTED
            elif rng.random() < 0.5:
                lost = delivered - rng.uniform(30, 60) * 24
                if lost > 0:
                    sample.status, sample.lost_h = Sample.Status.LOST, lost
                    sample.lost_reason = rng.choice(SAMPLE_LOST_REASONS)
        return [sample]

    def _price_samples(self, samples: list[_Sample], grade: str) -> None:
        """Who pays what, by the workspace's sample policy for the buyer's grade."""
        for sample in samples:
            split = split_sample_cost(
                sample.cost_minor, sample.courier_minor, grade, self.sample_policy
            )
            sample.grade = grade
            sample.seller_pct = split.seller_share_pct
            sample.seller_minor = split.seller_minor
            sample.buyer_minor = split.buyer_minor

    def _plan_reviews(self, context: _Context, orders: list[_Order]) -> list[_Review]:
        rng = self.rng
        reviews = []
        for order in orders:
            if order.delivered_h is None or rng.random() >= 0.3:
                continue
            age = order.delivered_h - rng.uniform(2, 20) * 24
            if age <= 0:
                continue
            rating = RATINGS.pick(rng)
            options = [text for lang, text in REVIEWS[rating] if lang in {"en", context.language}]
            reviews.append(_Review(order, rating, rng.choice(options), age))
        return reviews

    def _tags(
        self,
        buyer: _Buyer,
        context: _Context,
        conversations: list[_Conversation],
        orders: list[_Order],
        samples: list[_Sample],
        last_age_h: float,
        quality: float,
    ) -> list[str]:
        """System tags as ``buyer_sync_system_tags`` would set them, plus a few user tags."""
        rng = self.rng
        tags = [f"grade:{buyer.grade}"]
        if buyer.platform_level:
            tags.append(f"level:{buyer.platform_level}")
        transacted = sum(o.status in TRANSACTED_STATUSES for o in orders)
        if transacted:
            tags.append("transacted")
        if transacted >= 2:
            tags.append("reordered")
        if any(s.status not in {Sample.Status.REQUESTED, Sample.Status.CANCELLED} for s in samples):
            tags.append("sample-sent")
        if last_age_h > self.workspace.dormant_days * 24:
            tags.append("dormant")
        if buyer.grade == "A" and (transacted >= 4 or quality > 0.9) and rng.random() < 0.6:
            tags.append("vip")
        if context.country.halal and (
            any("Halal" in m.body or "حلال" in m.body for c in conversations for m in c.messages)
            or rng.random() < 0.3
        ):
            tags.append("halal-market")
        if any(c.topic == "customization" for c in conversations):
            tags.append("private-label")
        if buyer.channel == "tradeshow":
            tags.append("trade-show-2026")
        return tags

    # -- writing --------------------------------------------------------------------------

    def _prepare_writers(self) -> None:
        self.buyer_writer = RowWriter(Buyer, BUYER_FIELDS)
        self.conversation_writer = RowWriter(
            Conversation,
            (
                "buyer", "channel", "subject", "status", "first_inbound_at", "first_response_at",
                "deadline_at", "last_message_at", "is_spam", "created_at", "awaiting_since",
                "language", "intents", "low_intent", "preview",
            ),
        )  # fmt: skip
        self.message_writer = RowWriter(
            Message,
            (
                "conversation",
                "direction",
                "author",
                "body",
                "language",
                "sent_at",
                "auto_reply",
                "triage",
            ),
        )
        self.order_writer = RowWriter(
            Order,
            (
                "buyer", "number", "channel", "status", "currency", "total_minor", "quoted_at",
                "paid_at", "shipped_at", "delivered_at", "cancelled_at", "created_at",
            ),
        )  # fmt: skip
        self.line_writer = RowWriter(
            OrderLine,
            ("order", "product", "description", "quantity", "unit_price_minor", "total_minor"),
        )
        self.sample_writer = RowWriter(
            Sample,
            (
                "buyer", "currency", "cost_minor", "courier_cost_minor", "grade_at_request",
                "policy_snapshot", "seller_share_pct", "seller_share_minor", "buyer_share_minor",
                "status", "requested_at", "sent_at", "delivered_at", "converted_at",
                "converted_order", "lost_at", "lost_reason", "cancelled_at",
            ),
        )  # fmt: skip
        self.sample_product_writer = RowWriter(Sample.products.through, ("sample", "product"))
        self.review_writer = RowWriter(
            Review, ("buyer", "order", "rating", "text", "received_at", "recorded_by")
        )
        self.event_writer = RowWriter(BuyerEvent, ("buyer", "kind", "payload", "actor", "at"))
        self.buyer_tag_writer = RowWriter(Buyer.tags.through, ("buyer", "tag"))

    def _write_chunk(self, plans: list[_BuyerPlan]) -> None:
        now = self.now
        ids = self.buyer_writer.insert_returning_ids([p.buyer.row(now) for p in plans])
        for plan, pk in zip(plans, ids, strict=True):
            plan.buyer.pk = pk

        conversations = [(p.buyer.pk, c) for p in plans for c in p.conversations]
        understood = [self._understand(c) for _buyer_id, c in conversations]
        ids = self.conversation_writer.insert_returning_ids(
            [
                (
                    buyer_id,
                    c.channel,
                    c.subject,
                    c.status,
                    c.messages[0].at,
                    next((m.at for m in c.messages if m.direction == "out"), None),
                    self._maybe_at(c.deadline_age_h),
                    c.messages[-1].at,
                    c.is_spam,
                    c.messages[0].at,
                    self._maybe_at(c.awaiting_age_h),
                    latest.get("language", ""),
                    latest.get("intents", []),
                    bool(latest.get("low_intent")),
                    " ".join(latest.get("preview", "").split())[:160],
                )
                for (buyer_id, c), latest in zip(conversations, understood, strict=True)
            ]
        )
        for (_buyer_id, c), pk in zip(conversations, ids, strict=True):
            c.pk = pk

        orders = [(p.buyer.pk, o) for p in plans for o in p.orders]
        ids = self.order_writer.insert_returning_ids(
            [
                (
                    buyer_id,
                    o.number,
                    o.channel,
                    o.status,
                    o.currency,
                    o.total_minor,
                    self._at(o.quoted_h),
                    self._maybe_at(o.paid_h),
                    self._maybe_at(o.shipped_h),
                    self._maybe_at(o.delivered_h),
                    self._maybe_at(o.cancelled_h),
                    self._at(o.quoted_h),
                )
                for buyer_id, o in orders
            ]
        )
        for (_buyer_id, o), pk in zip(orders, ids, strict=True):
            o.pk = pk
        lines = [
            (
                o.pk,
                line.product.pk,
                line.product.name_en,
                line.quantity,
                line.unit_minor,
                line.quantity * line.unit_minor,
            )
            for _buyer_id, o in orders
            for line in o.lines
        ]
        self.line_writer.insert(lines)

        samples = [(p.buyer.pk, s) for p in plans for s in p.samples]
        policy_snapshot = self.sample_policy.as_snapshot()
        ids = self.sample_writer.insert_returning_ids(
            [
                (
                    buyer_id,
                    "USD",
                    s.cost_minor,
                    s.courier_minor,
                    s.grade,
                    policy_snapshot,
                    s.seller_pct,
                    s.seller_minor,
                    s.buyer_minor,
                    s.status,
                    self._at(s.requested_h),
                    self._maybe_at(s.sent_h),
                    self._maybe_at(s.delivered_h),
                    self._at(s.converted.quoted_h) if s.converted else None,
                    s.converted.pk if s.converted else None,
                    self._maybe_at(s.lost_h),
                    s.lost_reason,
                    self._maybe_at(s.cancelled_h),
                )
                for buyer_id, s in samples
            ]
        )
        for (_buyer_id, s), pk in zip(samples, ids, strict=True):
            s.pk = pk
        self.sample_product_writer.insert(
            [(s.pk, p.pk) for _buyer_id, s in samples for p in s.products]
        )
        reviews = [
            (
                p.buyer.pk,
                r.order.pk,
                r.rating,
                r.text,
                self._at(r.age_h),
                p.responder.pk if p.responder else None,
            )
            for p in plans
            for r in p.reviews
        ]
        self.review_writer.insert(reviews)

        messages: list[tuple[Any, ...]] = []
        events: list[tuple[Any, ...]] = []
        for plan in plans:
            self._message_rows(plan, messages, events)
            events.extend(self._history_events(plan))
        self.message_writer.insert(messages)
        self.event_writer.insert(events)
        self.buyer_tag_writer.insert(
            [(p.buyer.pk, self.tags[name]) for p in plans for name in p.tags]
        )

        for plan in plans:
            self.countries_seen.add(plan.buyer.country)
            self.report.grades[plan.buyer.grade] += 1
            self.report.awaiting_reply += sum(
                c.status in Conversation.AWAITING_REPLY for c in plan.conversations
            )
        self.report.buyers += len(plans)
        self.report.conversations += len(conversations)
        self.report.messages += len(messages)
        self.report.orders += len(orders)
        self.report.order_lines += len(lines)
        self.report.samples += len(samples)
        self.report.reviews += len(reviews)
        self.report.events += len(events)

    def _understand(self, conversation: _Conversation) -> dict[str, Any]:
        """Triage the buyer's messages as ``message_receive`` would (lexical cues, cached).

        Returns what the conversation row copies from its latest inbound message.
        """
        latest: dict[str, Any] = {}
        for m in conversation.messages:
            if m.direction != "in":
                continue
            if self.triage_messages:
                result = self.triage_cache.get(m.body)
                if result is None:
                    result = triage(m.body, TriageContext(use_embeddings=False)).to_dict()
                    self.triage_cache[m.body] = result
                m.triage = result
            latest = {
                "language": m.language,
                "intents": list((m.triage or {}).get("intents", [])),
                "low_intent": bool((m.triage or {}).get("low_intent")),
                "preview": m.body,
            }
        return latest

    def _message_rows(
        self, plan: _BuyerPlan, messages: list[tuple[Any, ...]], events: list[tuple[Any, ...]]
    ) -> None:
        buyer = plan.buyer
        events.append(
            (
                buyer.pk,
                "registered",
                {"channel": buyer.channel, "grade": buyer.grade, "score": buyer.grade_score},
                None,
                buyer.first_contact_at,
            )
        )
        responder = plan.responder
        for c in plan.conversations:
            payload = {"conversation": c.pk}
            for m in c.messages:
                author_id = None
                body = m.body
                if m.direction == "out":
                    if m.auto or responder is None:
                        body = body.replace("{rep}", _auto_signature(m.language))
                    else:
                        author_id = responder.pk
                        body = body.replace("{rep}", responder.signature(m.language))
                messages.append(
                    (c.pk, m.direction, author_id, body, m.language, m.at, m.auto, m.triage)
                )
                kind = "message_received" if m.direction == "in" else "message_sent"
                events.append((buyer.pk, kind, payload, author_id, m.at))
                self.languages_seen.add(m.language)

    def _history_events(self, plan: _BuyerPlan) -> list[tuple[Any, ...]]:
        buyer_id = plan.buyer.pk
        events: list[tuple[Any, ...]] = []
        for o in plan.orders:
            events.append(
                (buyer_id, "order_placed", {"number": o.number}, None, self._at(o.quoted_h))
            )
            if o.delivered_h is not None:
                events.append(
                    (
                        buyer_id,
                        "order_delivered",
                        {"number": o.number},
                        None,
                        self._at(o.delivered_h),
                    )
                )
        for s in plan.samples:
            # The same kinds and payloads as the orders.services sample services record.
            requested = {
                "sample": s.pk,
                "grade": s.grade,
                "seller_share_pct": s.seller_pct,
                "seller_minor": s.seller_minor,
                "buyer_minor": s.buyer_minor,
                "currency": "USD",
                "products": [p.sku for p in s.products],
            }
            events.append((buyer_id, "sample_requested", requested, None, self._at(s.requested_h)))
            plain = {"sample": s.pk}
            for kind, age in (
                ("sample_sent", s.sent_h),
                ("sample_delivered", s.delivered_h),
                ("sample_cancelled", s.cancelled_h),
            ):
                if age is not None:
                    events.append((buyer_id, kind, plain, None, self._at(age)))
            if s.converted is not None:
                converted = {"sample": s.pk, "order": s.converted.pk, "number": s.converted.number}
                at = self._at(s.converted.quoted_h)
                events.append((buyer_id, "sample_converted", converted, None, at))
            if s.lost_h is not None:
                lost = {"sample": s.pk, "reason": s.lost_reason}
                events.append((buyer_id, "sample_lost", lost, None, self._at(s.lost_h)))
        for r in plan.reviews:
            events.append(
                (buyer_id, "review_received", {"rating": r.rating}, None, self._at(r.age_h))
            )
        return events

    # -- projects -------------------------------------------------------------------------

    def _make_projects(self) -> None:
        """One or two OEM projects with checklists and updates for A buyers."""
        candidates = [
            self.project_buyers.get("private-label") or self.project_buyers.get("any"),
            self.project_buyers.get("halal"),
        ]
        made: set[int] = set()
        for spec, plan in zip(PROJECTS, candidates, strict=True):
            if plan is None or plan.buyer.pk is None or plan.buyer.pk in made:
                continue
            made.add(plan.buyer.pk)
            started = self.now - timedelta(days=30)
            product = plan.context.interests[0]
            title = spec.title.format(product=product.name_en, company=plan.buyer.company)
            project = Project.objects.create(
                buyer_id=plan.buyer.pk,
                title=title[:200],
                status=Project.Status.ACTIVE,
                option_plans=[
                    {
                        "label": label,
                        "summary": summary,
                        "due": (started + timedelta(days=days)).date().isoformat(),
                    }
                    for label, summary, days in spec.option_plans
                ],
            )
            ProjectStep.objects.bulk_create(
                [
                    ProjectStep(
                        project=project,
                        position=position,
                        name=name,
                        due_date=(started + timedelta(days=offset)).date(),
                        done=done,
                        done_at=started + timedelta(days=offset) if done else None,
                    )
                    for position, (name, offset, done) in enumerate(spec.steps)
                ]
            )
            author_id = plan.responder.pk if plan.responder else None
            ProjectUpdate.objects.bulk_create(
                [
                    ProjectUpdate(
                        project=project,
                        author_id=author_id,
                        body=body,
                        at=started + timedelta(days=offset),
                    )
                    for offset, body in spec.updates
                ]
            )
            self.report.projects += 1


class _LazySlots(dict[str, str]):
    """A ``format_map`` mapping that computes a slot only when the template asks for it.

    Computing on demand keeps the random draws tied to the template actually chosen.
    """

    def __init__(self, compute: Callable[[str], str]) -> None:
        super().__init__()
        self.compute = compute

    def __missing__(self, key: str) -> str:
        value = self.compute(key)
        self[key] = value
        return value


def _signals(
    context: _Context,
    conversations: list[_Conversation],
    orders: list[_Order],
    samples: list[_Sample],
    *,
    level: str,
    business_type: str,
    annual_minor: int | None,
    verified: bool,
) -> BuyerSignals:
    """The rubric's inputs, read off the generated history.

    The same facts ``buyers.services.buyer_facts_bulk`` collects from the tables: paid orders in
    US dollars, samples not cancelled, the largest quantity asked and the target price given
    with it, inquiries and messages, and how the buyer answers us (fast replies are within
    ``FAST_REPLY_HOURS``; an answer to a reply of ours with a question counts as answered).
    """
    paid = [o for o in orders if o.status in TRANSACTED_STATUSES]
    amounts = [approx_usd(Money(o.total_minor, o.currency)) or 0.0 for o in paid]
    quantity: int | None = None
    target: int | None = None
    conversations_count = inbound = replies = fast = answered = 0
    for conversation in conversations:
        if conversation.topic in LOW_INTENT_TOPICS:
            continue
        conversations_count += 1
        waiting_since: datetime | None = None
        asked = False
        for m in conversation.messages:
            if m.direction == "out":
                waiting_since = m.at
                asked = asked or "?" in m.body or "？" in m.body
                continue
            inbound += 1
            if waiting_since is not None and m.at is not None:
                replies += 1
                fast += m.at - waiting_since <= timedelta(hours=FAST_REPLY_HOURS)
                answered += asked
                waiting_since, asked = None, False
            if m.quantity is not None and (quantity is None or m.quantity > quantity):
                quantity = m.quantity
                target = m.target_cents if m.target_cents is not None else target
            elif m.target_cents is not None and (target is None or m.quantity is None):
                target = m.target_cents
    return BuyerSignals(
        company_size=context.size,
        platform_level=level,
        business_type=business_type,
        annual_purchase_usd=annual_minor / 100 if annual_minor else None,
        largest_order_usd=max(amounts) if amounts else None,
        average_order_usd=sum(amounts) / len(amounts) if amounts else None,
        order_count=len(paid),
        has_orders=bool(paid),
        asked_sample=any(c.topic == "sample" for c in conversations),
        samples_requested=sum(s.status != Sample.Status.CANCELLED for s in samples),
        quantity=float(quantity) if quantity is not None else None,
        quantity_unit="pcs" if quantity is not None else "",
        target_price=target / 100 if target is not None else None,
        target_price_currency="USD" if target is not None else "",
        target_price_per="pcs" if target is not None else "",
        conversations=conversations_count,
        inbound_messages=inbound,
        questions_answered=answered,
        replies=replies,
        fast_replies=fast,
        verified=verified,
        country=context.country.code,
    )


_LANGUAGE_CHOICES: dict[str, Weighted[str]] = {}


def _language_choice(country: CountryProfile) -> Weighted[str]:
    choice = _LANGUAGE_CHOICES.get(country.code)
    if choice is None:
        choice = _LANGUAGE_CHOICES[country.code] = Weighted(country.languages)
    return choice


def _auto_signature(language: str) -> str:
    if language == "ko":
        return f"{SELLER_NAME_KO} 자동 응답"
    return f"{SELLER_NAME} (automatic reply)"


def _product_info(product: Product) -> _Product:
    tiers = tuple(
        (int(t["min_qty"]), int(t["unit_price_minor"])) for t in (product.price_tiers or [])
    )
    return _Product(
        pk=int(product.pk),
        sku=product.sku,
        name_en=product.name_en,
        name_ko=product.name_ko,
        moq=product.moq,
        list_price=tiers[0][1] if tiers else 0,
        tiers=tiers,
        lead_time_days=product.lead_time_days,
        certifications=tuple(product.certifications or ()),
    )


def _product_row(spec: ProductSpec, index: int, today: date) -> Product:
    length, width, height = spec.dimensions_mm
    # Older products launched at spread-out dates between about 1 and 3.5 years ago.
    launched_days_ago = spec.launched_days_ago
    if launched_days_ago is None:
        launched_days_ago = 400 + (index * 53) % 900
    return Product(
        sku=spec.sku,
        name_ko=spec.name_ko,
        name_en=spec.name_en,
        category=spec.category,
        moq=spec.moq,
        currency="USD",
        price_tiers=price_tiers(spec),
        lead_time_days=spec.lead_time_days,
        listed_weight_g=spec.listed_weight_g,
        actual_weight_g=spec.actual_weight_g,
        length_mm=length,
        width_mm=width,
        height_mm=height,
        certifications=list(spec.certifications),
        launched_at=today - timedelta(days=launched_days_ago),
    )
