"""Portable backups: one zip that restores on SQLite and PostgreSQL alike.

The zip holds ``manifest.json`` (what the file is and how many rows of each model it carries),
``data.json`` (Django fixture JSON, as ``dumpdata`` writes it, with content types and
permissions referred to by natural key because their ids differ between databases) and the
uploaded files under ``media/``. Admin history and sessions are deliberately left out: they
belong to the old installation.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
import zipfile
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, time
from pathlib import Path, PurePosixPath
from typing import Any, TextIO, cast

from django.apps import AppConfig, apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import serializers
from django.core.management.color import no_style
from django.core.serializers.base import DeserializedObject
from django.core.serializers.json import DjangoJSONEncoder
from django.core.serializers.json import Serializer as JSONSerializer
from django.db import connection, router, transaction
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder
from django.db.models import ForeignKey, Model, Prefetch, QuerySet

import exportdesk
from exportdesk.accounts.management.commands.serve import pending_migrations

BACKUP_FORMAT = "exportdesk-backup"
BACKUP_VERSION = 1
MANIFEST_NAME = "manifest.json"
DATA_NAME = "data.json"
MEDIA_PREFIX = "media/"
# Rows that are not the workspace's data: they are rebuilt by `migrate` (content types,
# permissions) or belong to the old installation (sessions, admin history).
EXCLUDED_MODELS = frozenset(
    {"contenttypes.contenttype", "auth.permission", "sessions.session", "admin.logentry"}
)
# Tables emptied by a restore that keep nothing from the backup.
CLEARED_NOT_RESTORED = frozenset({"sessions.session", "admin.logentry"})


class BackupError(Exception):
    """A backup cannot be written or restored; the message says why and what to do."""


@dataclass(frozen=True)
class RestoreResult:
    """What a restore put back."""

    counts: dict[str, int]
    media_files: int


def _our_app_labels() -> list[str]:
    return [
        config.label for config in apps.get_app_configs() if config.name.startswith("exportdesk.")
    ]


def backed_up_models() -> list[type[Model]]:
    """The models whose rows a backup carries: our apps, users and groups, queued tasks."""
    labels = [*_our_app_labels(), "auth"]
    # The app's label is not its module name ("django_tasks_database"), so look it up by name.
    labels += [c.label for c in apps.get_app_configs() if c.name == "django_tasks_db"]
    models: list[type[Model]] = []
    for label in labels:
        for model in apps.get_app_config(label).get_models():
            meta = model._meta
            if meta.label_lower in EXCLUDED_MODELS or meta.proxy or not meta.managed:
                continue
            if router.allow_migrate_model(connection.alias, model):
                models.append(model)
    return models


def _applied_migrations_of_our_apps() -> list[str]:
    ours = set(_our_app_labels())
    applied = MigrationRecorder(connection).applied_migrations()
    return sorted(f"{app}.{name}" for app, name in applied if app in ours)


def _model_counts(models: list[type[Model]]) -> dict[str, int]:
    return {m._meta.label_lower: m._base_manager.using(connection.alias).count() for m in models}


def _media_files(root: Path) -> list[Path]:
    if not root.is_dir():
        return []
    return sorted(p for p in root.rglob("*") if p.is_file() and not p.is_symlink())


@contextmanager
def _snapshot() -> Iterator[None]:
    """A read-only transaction in which every query sees the same state of the database.

    On SQLite this must not be ``atomic()``: the settings make that ``BEGIN IMMEDIATE``, which
    would hold the write lock for the whole dump and make writers time out on a large
    workspace. A plain (deferred) read transaction in WAL mode sees a fixed snapshot and
    blocks nobody. On PostgreSQL, REPEATABLE READ gives one snapshot for all the statements.
    """
    if connection.in_atomic_block:
        # Already inside a transaction (as in tests): it is the snapshot.
        with transaction.atomic():
            yield
        return
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        with connection.cursor() as cursor:
            cursor.execute("BEGIN DEFERRED")
        try:
            yield
        finally:
            with connection.cursor() as cursor:
                cursor.execute("ROLLBACK")
        return
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        yield


def backup_write(path: str | os.PathLike[str], *, overwrite: bool = False) -> dict[str, Any]:
    """Write a backup of the whole workspace to ``path`` and return its manifest.

    The data is read in one read-only snapshot, so the file is consistent even while the desk
    is in use, and writers are not held up. The zip is written beside the target and renamed
    into place, so an interrupted backup never leaves a half-written file under that name.
    """
    target = Path(path)
    if target.exists() and not overwrite:
        raise BackupError(f"{target} already exists; choose another name or remove it first.")
    if not target.parent.is_dir():
        raise BackupError(f"The folder {target.parent} does not exist.")
    models = backed_up_models()
    with tempfile.TemporaryDirectory(prefix="exportdesk-backup-") as scratch:
        data_file = Path(scratch) / DATA_NAME
        with _snapshot():
            counts = _model_counts(models)
            with data_file.open("w", encoding="utf-8") as stream:
                _dump(models, stream)
            migrations = _applied_migrations_of_our_apps()
        manifest = {
            "format": BACKUP_FORMAT,
            "version": BACKUP_VERSION,
            "created_at": datetime.now(UTC).isoformat(timespec="seconds"),
            "app_version": exportdesk.__version__,
            "engine": connection.vendor,
            "counts": counts,
            "migrations": migrations,
        }
        media_root = Path(settings.MEDIA_ROOT)
        partial = target.with_name(f".{target.name}.partial")
        try:
            with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED) as archive:
                archive.writestr(MANIFEST_NAME, json.dumps(manifest, indent=2, sort_keys=True))
                archive.write(data_file, DATA_NAME)
                for file in _media_files(media_root):
                    relative = file.relative_to(media_root).as_posix()
                    archive.write(file, MEDIA_PREFIX + relative)
            os.replace(partial, target)
        finally:
            partial.unlink(missing_ok=True)
    return manifest


class _ExactJSONEncoder(DjangoJSONEncoder):
    """Django's encoder rounds times to milliseconds; a backup must give back what it took."""

    def default(self, o: Any) -> Any:
        if isinstance(o, datetime | time):
            return o.isoformat()
        return super().default(o)


def _by_natural_key(model: type[Model] | Any) -> bool:
    """Whether references to the model are written as natural keys.

    Only rows the backup does not carry (content types, permissions) are: `migrate` recreates
    them with other ids. Every other row keeps its id, so it is referred to by id, which loads
    without a lookup per reference.
    """
    return model is not None and model._meta.label_lower in EXCLUDED_MODELS


class _BackupSerializer(JSONSerializer):
    """Django's JSON serializer with natural keys for content types and permissions only."""

    def handle_fk_field(self, obj: Model, field: Any) -> None:
        self.use_natural_foreign_keys = _by_natural_key(field.remote_field.model)
        super().handle_fk_field(obj, field)

    def handle_m2m_field(self, obj: Model, field: Any) -> None:
        self.use_natural_foreign_keys = _by_natural_key(field.remote_field.model)
        super().handle_m2m_field(obj, field)


def _rows_of(model: type[Model]) -> QuerySet[Model]:
    """All rows of the model, with what the serializer reads per row fetched in bulk.

    Natural keys and many-to-many lists would otherwise cost a query per row: minutes instead of
    seconds on a real workspace.
    """
    natural_fks = [
        field.name
        for field in model._meta.concrete_fields
        if field.remote_field is not None and _by_natural_key(field.remote_field.model)
    ]
    m2m = [
        # A permission's natural key includes its content type: fetch it with it.
        Prefetch(field.name, queryset=field.remote_field.model._base_manager.select_related())
        for field in model._meta.local_many_to_many
        if field.remote_field.through is not None and field.remote_field.through._meta.auto_created
    ]
    queryset = model._base_manager.using(connection.alias).order_by(model._meta.pk.name)
    return queryset.select_related(*natural_fks).prefetch_related(*m2m)


def _dump(models: list[type[Model]], stream: TextIO) -> None:
    """Write the rows as Django fixture JSON (``loaddata`` reads it too)."""
    by_app: dict[AppConfig, list[type[Model]]] = {}
    for model in models:
        by_app.setdefault(model._meta.app_config, []).append(model)
    ordered = serializers.sort_dependencies(by_app.items(), allow_cycles=True)

    def rows() -> Iterator[Model]:
        for model in ordered:
            yield from _rows_of(model).iterator(chunk_size=2000)

    _BackupSerializer().serialize(rows(), stream=stream, cls=_ExactJSONEncoder)


def _open_backup(path: Path) -> zipfile.ZipFile:
    if not path.is_file():
        raise BackupError(f"{path} does not exist or is not a file.")
    try:
        return zipfile.ZipFile(path)
    except zipfile.BadZipFile as exc:
        raise BackupError(f"{path} is not an ExportDesk backup (it is not a zip file).") from exc


def _validate_manifest(manifest: Any, path: Path) -> dict[str, Any]:
    if not isinstance(manifest, dict) or manifest.get("format") != BACKUP_FORMAT:
        raise BackupError(f"{path} is not an ExportDesk backup (unknown manifest format).")
    if manifest.get("version") != BACKUP_VERSION:
        raise BackupError(
            f"{path} is an ExportDesk backup of format version {manifest.get('version')!r}; "
            f"this ExportDesk reads version {BACKUP_VERSION}."
        )
    counts = manifest.get("counts")
    if not isinstance(counts, dict) or not all(
        isinstance(k, str) and type(v) is int and v >= 0 for k, v in counts.items()
    ):
        raise BackupError(f"{path} has a damaged manifest (the row counts are unreadable).")
    migrations = manifest.get("migrations", [])
    if not isinstance(migrations, list) or not all(isinstance(m, str) for m in migrations):
        raise BackupError(f"{path} has a damaged manifest (the migration list is unreadable).")
    return manifest


def backup_read_manifest(path: str | os.PathLike[str]) -> dict[str, Any]:
    """Return the manifest of a backup file, or raise BackupError if it is not one."""
    source = Path(path)
    with _open_backup(source) as archive:
        try:
            raw = archive.read(MANIFEST_NAME)
        except KeyError as exc:
            raise BackupError(
                f"{source} is not an ExportDesk backup (it has no {MANIFEST_NAME})."
            ) from exc
        except (zipfile.BadZipFile, OSError) as exc:
            raise BackupError(f"{source} is damaged: {exc}") from exc
    try:
        manifest = json.loads(raw)
    except ValueError as exc:
        raise BackupError(f"{source} has a damaged manifest (not valid JSON).") from exc
    return _validate_manifest(manifest, source)


def _safe_media_name(name: str) -> PurePosixPath | None:
    """The member's path below media/, or None if it would escape MEDIA_ROOT."""
    relative = PurePosixPath(name[len(MEDIA_PREFIX) :])
    if relative.is_absolute() or ".." in relative.parts or not relative.parts or "\\" in name:
        return None
    return relative


def _check_archive(archive: zipfile.ZipFile, source: Path, manifest: dict[str, Any]) -> None:
    """Refuse damaged files and data that does not match the manifest, before touching anything."""
    try:
        broken = archive.testzip()
    except (zipfile.BadZipFile, OSError) as exc:
        raise BackupError(f"{source} is damaged: {exc}") from exc
    if broken is not None:
        raise BackupError(f"{source} is damaged: {broken} fails its checksum.")
    names = set(archive.namelist())
    if DATA_NAME not in names:
        raise BackupError(f"{source} is not a complete ExportDesk backup (no {DATA_NAME}).")
    for name in names:
        is_media_file = name.startswith(MEDIA_PREFIX) and not name.endswith("/")
        if is_media_file and _safe_media_name(name) is None:
            raise BackupError(f"{source} holds an unsafe file name: {name!r}.")

    known = {m._meta.label_lower for m in backed_up_models()}
    unknown = sorted(set(manifest["counts"]) - known)
    if unknown:
        raise BackupError(
            f"{source} holds data this ExportDesk does not know ({', '.join(unknown)}); "
            "restore it with the version that wrote it."
        )
    loader = MigrationLoader(None, ignore_no_migrations=True)
    newer = sorted(
        m
        for m in manifest.get("migrations", [])
        if tuple(m.split(".", 1)) not in loader.graph.nodes
    )
    if newer:
        raise BackupError(
            f"{source} was written by a newer ExportDesk (schema {newer[0]}); upgrade first."
        )

    try:
        with archive.open(DATA_NAME) as stream:
            objects = json.load(stream)
    except ValueError as exc:
        raise BackupError(f"{source} is damaged: {DATA_NAME} is not valid JSON.") from exc
    if not isinstance(objects, list) or not all(
        isinstance(o, dict) and isinstance(o.get("model"), str) for o in objects
    ):
        raise BackupError(f"{source} is damaged: {DATA_NAME} is not a list of records.")
    found = Counter(o["model"] for o in objects)
    del objects
    expected = {label: n for label, n in manifest["counts"].items() if n}
    if dict(found) != expected:
        raise BackupError(
            f"{source} does not match its manifest (the row counts differ); "
            "the file was changed after it was written."
        )


def ensure_database_current() -> None:
    """Refuse to restore into a database whose schema is behind the code."""
    pending = pending_migrations()
    if pending:
        raise BackupError(
            f"The database is not up to date ({len(pending)} migrations pending); "
            "run `exportdesk migrate` first."
        )


def database_has_data() -> bool:
    """Whether the database holds any users or workspace data a restore would replace."""
    from exportdesk.accounts.models import WorkspaceSettings

    if get_user_model()._base_manager.exists():
        return True
    for model in backed_up_models():
        # The settings row appears with defaults on the first page view; it is not user data.
        ours = model._meta.app_config.name.startswith("exportdesk.")
        if ours and model is not WorkspaceSettings and model._base_manager.exists():
            return True
    return False


def _clear_tables() -> None:
    """Empty every table a restore refills (and sessions/admin history), resetting sequences."""
    models = backed_up_models()
    tables: set[str] = set()
    for model in models:
        tables.add(model._meta.db_table)
        for field in model._meta.local_many_to_many:
            through = field.remote_field.through
            # A declared through model is a model of its own, already in the list.
            if through is not None and through._meta.auto_created:
                tables.add(field.m2m_db_table())
    for label in CLEARED_NOT_RESTORED:
        app_label, model_name = label.split(".")
        try:
            tables.add(apps.get_model(app_label, model_name)._meta.db_table)
        except LookupError:
            continue
    if connection.vendor == "postgresql":
        # TRUNCATE refuses tables with deferred foreign-key checks still pending in this
        # transaction; running the checks now clears them.
        connection.check_constraints()
    existing = set(connection.introspection.table_names())
    statements = connection.ops.sql_flush(
        no_style(), sorted(tables & existing), reset_sequences=True
    )
    connection.ops.execute_sql_flush(statements)


def backup_restore(path: str | os.PathLike[str]) -> RestoreResult:
    """Replace the workspace's data with the backup's, all or nothing.

    The file is checked completely before anything changes; the database is emptied and
    refilled in one transaction, so any failure leaves the old data as it was. Uploaded files
    are swapped in only after the database commit.
    """
    source = Path(path)
    manifest = backup_read_manifest(source)
    ensure_database_current()
    media_root = Path(settings.MEDIA_ROOT)
    media_root.parent.mkdir(parents=True, exist_ok=True)
    staged_media = Path(tempfile.mkdtemp(prefix=".media-restore-", dir=media_root.parent))
    try:
        with _open_backup(source) as archive, tempfile.TemporaryDirectory() as scratch:
            _check_archive(archive, source, manifest)
            media_files = 0
            for info in archive.infolist():
                if info.filename.startswith(MEDIA_PREFIX) and not info.is_dir():
                    relative = _safe_media_name(info.filename)
                    assert relative is not None  # _check_archive refused unsafe names
                    destination = staged_media.joinpath(*relative.parts)
                    destination.parent.mkdir(parents=True, exist_ok=True)
                    with archive.open(info) as src, destination.open("wb") as dst:
                        shutil.copyfileobj(src, dst)
                    media_files += 1
            data_file = Path(scratch) / DATA_NAME
            with archive.open(DATA_NAME) as src, data_file.open("wb") as dst:
                shutil.copyfileobj(src, dst)

            try:
                counts = _replace_data(data_file, manifest["counts"])
            except BackupError:
                raise
            except Exception as exc:
                # Whatever broke, the transaction was rolled back: say so plainly.
                raise BackupError(
                    f"{source} could not be restored, and nothing was changed: {exc}"
                ) from exc
        _swap_media(staged_media, media_root)
    finally:
        shutil.rmtree(staged_media, ignore_errors=True)
    return RestoreResult(counts=counts, media_files=media_files)


def _replace_data(data_file: Path, expected: dict[str, int]) -> dict[str, int]:
    """Empty the tables and load the backup's rows in one transaction; return the row counts."""
    with transaction.atomic():
        _clear_tables()
        _load(data_file)
        counts = _model_counts(backed_up_models())
        wrong = {
            label: (expected.get(label, 0), n)
            for label, n in counts.items()
            if n != expected.get(label, 0)
        }
        if wrong:
            detail = ", ".join(f"{k}: {a} expected, {b} loaded" for k, (a, b) in wrong.items())
            raise BackupError(
                f"The restored data does not match the manifest ({detail}); nothing was changed."
            )
    return counts


def _load(data_file: Path) -> None:
    """Insert the backup's rows in batches, as they were: ids, timestamps and all.

    ``loaddata`` saves row by row (an UPDATE then an INSERT each, plus the many-to-many lists):
    a minute for the demo workspace on PostgreSQL. Raw batched inserts do what it does, without
    the per-row round trips; foreign keys are checked once at the end, as ``loaddata`` does.
    """
    loaded: set[type[Model]] = set()
    deferred: list[DeserializedObject] = []
    batch: list[DeserializedObject] = []
    with data_file.open("rb") as stream:
        for record in serializers.deserialize("json", stream, handle_forward_references=True):
            if batch and (type(record.object) is not type(batch[0].object) or len(batch) >= 2000):
                _insert(batch)
                batch = []
            batch.append(record)
            loaded.add(type(record.object))
            if record.deferred_fields:
                deferred.append(record)
        if batch:
            _insert(batch)
    for record in deferred:
        record.save_deferred_fields()
    tables = {m._meta.db_table for m in loaded}
    for model in loaded:
        tables.update(
            f.remote_field.through._meta.db_table
            for f in model._meta.local_many_to_many
            if f.remote_field.through is not None
        )
    connection.check_constraints(table_names=sorted(tables))
    with connection.cursor() as cursor:
        for statement in connection.ops.sequence_reset_sql(no_style(), list(loaded)):
            cursor.execute(statement)


def _insert(batch: list[DeserializedObject]) -> None:
    """Insert rows of one model and their many-to-many links."""
    model = type(batch[0].object)
    objects = [record.object for record in batch]
    if model._meta.parents:
        # Multi-table inheritance spreads a row over tables; let Django save those one by one.
        for record in batch:
            record.save()
        return
    fields = list(model._meta.local_concrete_fields)
    size = connection.ops.bulk_batch_size(fields, objects) or len(objects)
    manager = model._base_manager.using(connection.alias)
    for start in range(0, len(objects), size):
        # raw=True keeps auto_now/auto_now_add fields as stored, as loaddata's raw saves do.
        manager._insert(objects[start : start + size], fields=fields, raw=True)  # type: ignore[attr-defined]
    for field in model._meta.local_many_to_many:
        through = field.remote_field.through
        if through is None or not through._meta.auto_created:
            continue
        source = cast(
            "ForeignKey[Any, Any]", through._meta.get_field(field.m2m_field_name())
        ).attname
        target = cast(
            "ForeignKey[Any, Any]", through._meta.get_field(field.m2m_reverse_field_name())
        ).attname
        links = [
            through(**{source: record.object.pk, target: pk})
            for record in batch
            for pk in (record.m2m_data or {}).get(field.name, [])
        ]
        through._base_manager.using(connection.alias).bulk_create(links, batch_size=size)


def _swap_media(staged: Path, media_root: Path) -> None:
    """Put the restored files in place of the old ones, keeping the old until the swap is done."""
    old = media_root.with_name(f".{media_root.name}-before-restore")
    shutil.rmtree(old, ignore_errors=True)
    if media_root.exists():
        os.replace(media_root, old)
    os.replace(staged, media_root)
    shutil.rmtree(old, ignore_errors=True)
