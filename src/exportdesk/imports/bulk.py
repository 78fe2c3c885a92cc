"""Inserting many rows fast: Django's ``bulk_create`` everywhere, a leaner path on SQLite.

``bulk_create`` spends most of a 100k-row import compiling SQL: it renders a fresh statement
for every batch of 999 parameters and prepares every value through several field methods. On
SQLite the same rows go in with one prepared ``INSERT`` and ``executemany``: values are prepared
once per field type, and primary keys are assigned from the table's current maximum, which is
safe because imports write inside one transaction and ExportDesk opens SQLite transactions with
``BEGIN IMMEDIATE`` (no other writer can insert meanwhile). Other databases use ``bulk_create``.
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


def _sqlite_datetime(value: datetime) -> str:
    """What Django's SQLite backend stores for a datetime: naive UTC, ``str()`` form."""
    if value.tzinfo is not None:
        value = value.astimezone(UTC).replace(tzinfo=None)
    return str(value)


def _memoised(convert: Callable[[Any], Any], by_identity: bool = False) -> Callable[[Any], Any]:
    """Convert each distinct value once (imports repeat timestamps and grade reasons a lot).

    ``by_identity`` keys unhashable values (lists, dicts) by ``id()``; the cache lives only as
    long as one insert, while all the values are alive, so ids cannot be reused meanwhile.
    """
    cache: dict[Any, Any] = {}

    def converted(value: Any) -> Any:
        key = id(value) if by_identity else value
        try:
            return cache[key]
        except KeyError:
            result = cache[key] = convert(value)
            return result

    return converted


def _converter(field: models.Field[Any, Any]) -> Callable[[Any], Any] | None:
    """How to turn a Python value into what the SQLite driver takes (None: as it is)."""
    kind = field.get_internal_type()
    if kind == "DateTimeField" and settings.USE_TZ:
        return _memoised(_sqlite_datetime)
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
        return _memoised(json.dumps, by_identity=True)
    if kind == "JSONField":
        return _memoised(lambda value: field.get_db_prep_save(value, connection), by_identity=True)
    return lambda value: field.get_db_prep_save(value, connection)


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
    plain = [f for f in fields if _converter(f) is None]
    converted = [(f, _converter(f)) for f in fields if _converter(f) is not None]
    assert transaction.get_connection().in_atomic_block, "insert_objects needs a transaction"
    first = _next_id(meta)
    pk_name = meta.pk.attname
    alias = connection.alias
    names = [f.attname for f in plain]
    take: Callable[[dict[str, Any]], tuple[Any, ...]] = (
        itemgetter(*names) if len(names) > 1 else lambda d: tuple(d[n] for n in names)
    )
    conversions: list[tuple[str, Callable[[Any], Any]]] = [
        (f.attname, convert) for f, convert in converted if convert is not None
    ]
    rows: list[tuple[Any, ...]] = []
    for offset, obj in enumerate(objs):
        data = obj.__dict__  # plain field values live here; no descriptors on the way
        data[pk_name] = first + offset
        extra = [None if data[a] is None else convert(data[a]) for a, convert in conversions]
        rows.append((first + offset, *take(data), *extra))
        obj._state.adding = False
        obj._state.db = alias
    quote = connection.ops.quote_name
    ordered = [meta.pk, *plain, *(f for f, _c in converted)]
    columns = ", ".join(quote(f.column) for f in ordered)
    marks = ", ".join(["%s"] * len(ordered))
    _execute(f"INSERT INTO {quote(meta.db_table)} ({columns}) VALUES ({marks})", rows)  # noqa: S608


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
    converters = [_converter(f) for f in fields]  # type: ignore[arg-type]
    if any(converters):
        materialised = [
            tuple(
                v if c is None or v is None else c(v) for v, c in zip(row, converters, strict=True)
            )
            for row in materialised
        ]
    quote = connection.ops.quote_name
    columns = ", ".join(quote(f.column) for f in fields)  # type: ignore[union-attr,arg-type]
    marks = ", ".join(["%s"] * len(fields))
    verb = "INSERT OR IGNORE" if ignore_conflicts else "INSERT"
    _execute(f"{verb} INTO {quote(meta.db_table)} ({columns}) VALUES ({marks})", materialised)
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
