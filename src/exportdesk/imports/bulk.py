"""Inserting many rows fast: Django's ``bulk_create`` everywhere, a leaner path on SQLite.

``bulk_create`` spends most of a 100k-row import compiling SQL: it renders a fresh statement
for every batch of 999 parameters and prepares every value through several field methods. On
SQLite the same rows go in with one prepared ``INSERT`` and ``executemany``: values are prepared
once per field type, and primary keys are assigned from the table's current maximum, which is
safe because imports write inside one transaction and ExportDesk opens SQLite transactions with
``BEGIN IMMEDIATE`` (no other writer can insert meanwhile). Other databases use ``bulk_create``.

Most of a big SQLite insert is then the table's secondary indexes (the buyer table has 13): each
row is an incremental insert into every B-tree. When a batch is large next to the table, the
plain (non-unique) indexes are dropped inside the transaction and rebuilt after the insert from
their own ``CREATE INDEX`` text in ``sqlite_master``; building an index once from sorted keys costs
a fraction of that. SQLite DDL is transactional, so a failed import rolls the drop back too.
"""

from __future__ import annotations

import gc
import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from functools import lru_cache
from operator import itemgetter
from typing import Any

from django.conf import settings
from django.db import connection, models, transaction
from django.db.models.base import ModelState
from django.utils import timezone

BATCH = 5000
# Rebuild a table's plain indexes instead of updating them row by row when at least this many
# rows go in, and at least as many as the table already holds divided by ``REBUILD_RATIO``
# (rebuilding reads the whole table, so a small import into a big table updates in place).
REBUILD_MIN_ROWS = 5000
REBUILD_RATIO = 4


def _sqlite_datetime(value: datetime) -> str:
    """What Django's SQLite backend stores for a datetime: naive UTC, ``str()`` form."""
    if value.tzinfo is not None:
        value = value.astimezone(UTC).replace(tzinfo=None)
    return str(value)


_JSON = json.JSONEncoder()  # what json.dumps(value) uses, without its per-call checks
_EMPTY_JSON: dict[type, str] = {dict: "{}", list: "[]"}


def _json(value: Any) -> str | None:
    if value is None:
        return None
    if not value and type(value) in _EMPTY_JSON:
        return _EMPTY_JSON[type(value)]  # default=dict/list: a fresh empty value per instance
    return _JSON.encode(value)


def _converter(field: models.Field[Any, Any]) -> Callable[[Any], Any] | None:
    """How to turn a non-None Python value into what the SQLite driver takes (None: as it is)."""
    kind = field.get_internal_type()
    if kind == "DateTimeField" and settings.USE_TZ:
        return _sqlite_datetime
    if kind == "DateTimeField":
        return connection.ops.adapt_datetimefield_value
    if kind == "DateField":
        return connection.ops.adapt_datefield_value
    if kind in (
        "CharField",
        "TextField",
        "EmailField",
        "URLField",
        "SlugField",
        "IntegerField",
        "BigIntegerField",
        "PositiveIntegerField",
        "PositiveSmallIntegerField",
        "PositiveBigIntegerField",
        "SmallIntegerField",
        "BooleanField",
        "ForeignKey",
        "AutoField",
        "BigAutoField",
    ):
        return None
    if kind == "JSONField" and getattr(field, "encoder", None) is None:
        # What JSONField.get_db_prep_save produces (json.dumps), without its per-value overhead.
        return _json
    return lambda value: field.get_db_prep_save(value, connection)


def _column(field: models.Field[Any, Any], values: list[Any]) -> list[Any]:
    """One column's values as the SQLite driver takes them (None stays None).

    Dates and JSON values are converted once per distinct value (imports repeat timestamps and
    share grade reasons): dates keyed by value (equal instants store equally), JSON by ``id()``,
    which is safe while ``values`` keeps them all alive.
    """
    convert = _converter(field)
    if convert is None:
        return values
    kind = field.get_internal_type()
    if kind == "JSONField":
        keys = list(map(id, values))
        distinct = dict(zip(keys, values, strict=True))
        done = {key: None if v is None else convert(v) for key, v in distinct.items()}
        return list(map(done.__getitem__, keys))
    if kind in ("DateTimeField", "DateField"):
        cache = {v: None if v is None else convert(v) for v in set(values)}
        return list(map(cache.__getitem__, values))
    return [None if v is None else convert(v) for v in values]


def _fast() -> bool:
    return connection.vendor == "sqlite"


def _next_id(meta: Any) -> int:
    """The first free primary key (also past ids AUTOINCREMENT has handed out and freed)."""
    table = connection.ops.quote_name(meta.db_table)
    column = connection.ops.quote_name(meta.pk.column)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COALESCE(MAX({column}), 0) FROM {table}")  # noqa: S608
        highest = int(cursor.fetchone()[0])
        cursor.execute("SELECT seq FROM sqlite_sequence WHERE name = %s", [meta.db_table])
        row = cursor.fetchone()
    return max(highest, int(row[0]) if row else 0) + 1


def _execute(sql: str, rows: Sequence[Sequence[Any]]) -> None:
    with connection.cursor() as cursor:
        for start in range(0, len(rows), BATCH):
            cursor.executemany(sql, rows[start : start + BATCH])


def _plain_indexes(table: str) -> list[tuple[str, str]]:
    """(name, CREATE INDEX text) of the table's non-unique indexes made by ``CREATE INDEX``.

    Unique indexes stay: they enforce constraints (and ``INSERT OR IGNORE`` relies on them), as
    do the automatic ones behind UNIQUE and PRIMARY KEY, which cannot be dropped anyway.
    """
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute(f"PRAGMA index_list({quote(table)})")
        plain = {row[1] for row in cursor.fetchall() if not row[2] and row[3] == "c"}
        cursor.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = %s "
            "AND sql IS NOT NULL ORDER BY name",
            [table],
        )
        return [(name, sql) for name, sql in cursor.fetchall() if name in plain]


def _table_rows(table: str) -> int:
    """About how many rows the table holds (its highest rowid: no full count needed)."""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COALESCE(MAX(rowid), 0) FROM {connection.ops.quote_name(table)}")  # noqa: S608
        return int(cursor.fetchone()[0])


@contextmanager
def indexes_rebuilt(table: str, adding: int) -> Iterator[list[str]]:
    """Drop the table's plain indexes around a large insert and recreate them after it.

    Only on SQLite, inside a transaction, for at least ``REBUILD_MIN_ROWS`` new rows and at least
    a ``REBUILD_RATIO``-th of the rows already there; otherwise nothing changes. Yields the names
    of the indexes dropped. If the body fails, the transaction is marked for rollback, which
    restores the indexes (SQLite DDL is transactional): the database never keeps the drop.
    """
    if (
        not _fast()
        or adding < REBUILD_MIN_ROWS
        or not connection.in_atomic_block
        or adding * REBUILD_RATIO < _table_rows(table)
    ):
        yield []
        return
    indexes = _plain_indexes(table)
    quote = connection.ops.quote_name
    try:
        with connection.cursor() as cursor:
            for name, _sql in indexes:
                cursor.execute(f"DROP INDEX {quote(name)}")
        yield [name for name, _sql in indexes]
        with connection.cursor() as cursor:
            for _name, sql in indexes:
                cursor.execute(sql)
    except BaseException:
        # Whoever catches this inside the transaction must not commit a table without indexes.
        transaction.set_rollback(True)
        raise


@lru_cache(maxsize=64)
def _field_defaults(model: type[models.Model]) -> tuple[dict[str, Any], list[tuple[str, Any]]]:
    """({attname: constant default}, [(attname, default factory)]) of the concrete fields."""
    constants: dict[str, Any] = {}
    factories: list[tuple[str, Any]] = []
    for field in model._meta.concrete_fields:
        if field.has_default() and callable(field.default):
            factories.append((field.attname, field.default))
        else:
            constants[field.attname] = field.get_default()
    return constants, factories


def new_instance(model: type[models.Model], **values: Any) -> Any:
    """An unsaved instance with its fields set directly (several times faster than ``Model()``).

    ``values`` are by attname (``assigned_rep_id``); the rest get the fields' defaults. Models
    with their own ``__init__`` or ``pre_init``/``post_init`` receivers must not be built so.
    """
    constants, factories = _field_defaults(model)
    obj = model.__new__(model)
    data = obj.__dict__
    data.update(constants)
    for attname, factory in factories:
        if attname not in values:
            data[attname] = factory()
    data.update(values)
    obj._state = ModelState()
    return obj


def insert_objects(model: type[models.Model], objs: list[Any]) -> None:
    """Insert new instances and set their primary keys (``bulk_create`` semantics)."""
    if not objs:
        return
    if not _fast():
        model._default_manager.bulk_create(objs, batch_size=2000)
        return
    meta = model._meta
    fields = [f for f in meta.concrete_fields if not f.primary_key]
    now = timezone.now()
    for field in fields:
        if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
            for obj in objs:
                setattr(obj, field.attname, now)
    assert transaction.get_connection().in_atomic_block, "insert_objects needs a transaction"
    first = _next_id(meta)
    pks = range(first, first + len(objs))
    pk_name = meta.pk.attname
    alias = connection.alias
    datas = [obj.__dict__ for obj in objs]  # field values live here; no descriptors on the way
    for pk, obj, data in zip(pks, objs, datas, strict=True):
        data[pk_name] = pk
        state = obj._state
        state.adding = False
        state.db = alias
    # Column by column: each value list is taken and converted in C loops (map, zip).
    columns = [_column(field, list(map(itemgetter(field.attname), datas))) for field in fields]
    rows = list(zip(pks, *columns, strict=True))
    quote = connection.ops.quote_name
    names = ", ".join(quote(f.column) for f in [meta.pk, *fields])
    marks = ", ".join(["%s"] * (len(fields) + 1))
    with indexes_rebuilt(meta.db_table, len(rows)):
        _execute(f"INSERT INTO {quote(meta.db_table)} ({names}) VALUES ({marks})", rows)  # noqa: S608


def insert_rows(
    model: type[models.Model],
    field_names: Sequence[str],
    rows: Iterable[Sequence[Any]],
    *,
    ignore_conflicts: bool = False,
) -> int:
    """Insert plain tuples (values in ``field_names`` order, foreign keys as ids); no pks back."""
    meta = model._meta
    fields = [meta.get_field(name) for name in field_names]
    materialised = list(rows)
    if not materialised:
        return 0
    if not _fast():
        attnames = [f.attname for f in fields]  # type: ignore[union-attr]
        objs = [model(**dict(zip(attnames, row, strict=True))) for row in materialised]
        model._default_manager.bulk_create(objs, batch_size=2000, ignore_conflicts=ignore_conflicts)
        return len(objs)
    if any(_converter(f) is not None for f in fields):  # type: ignore[arg-type]
        columns = [
            _column(f, list(values))  # type: ignore[arg-type]
            for f, values in zip(fields, zip(*materialised, strict=True), strict=True)
        ]
        materialised = list(zip(*columns, strict=True))
    quote = connection.ops.quote_name
    names = ", ".join(quote(f.column) for f in fields)  # type: ignore[union-attr,arg-type]
    marks = ", ".join(["%s"] * len(fields))
    verb = "INSERT OR IGNORE" if ignore_conflicts else "INSERT"
    with indexes_rebuilt(meta.db_table, len(materialised)):
        _execute(f"{verb} INTO {quote(meta.db_table)} ({names}) VALUES ({marks})", materialised)
    return len(materialised)


@contextmanager
def bulk_mode() -> Iterator[None]:
    """Settings for writing or checking 100k rows at once.

    The cyclic garbage collector is paused (creating 100k model instances otherwise triggers
    repeated full collections that scan all of them), and on SQLite the page cache grows to
    128 MB so the buyer table's ten indexes are updated in memory.
    """
    enabled = gc.isenabled()
    gc.disable()
    previous = None
    try:
        if _fast():
            with connection.cursor() as cursor:
                cursor.execute("PRAGMA cache_size")
                previous = cursor.fetchone()[0]
                cursor.execute("PRAGMA cache_size = -131072")
        yield
    finally:
        if enabled:
            gc.enable()
        if previous is not None:
            with connection.cursor() as cursor:
                cursor.execute(f"PRAGMA cache_size = {int(previous)}")
