"""Backup and restore: a round trip keeps everything; a bad file changes nothing."""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.db import connection

from exportdesk.backup import (
    BACKUP_FORMAT,
    BACKUP_VERSION,
    BackupError,
    backup_read_manifest,
    backup_restore,
    backup_write,
    database_has_data,
)
from exportdesk.buyers.models import Buyer, BuyerEvent, Tag
from exportdesk.buyers.services import buyer_tag_add
from tests.factories import PASSWORD, make_buyer, make_conversation, make_order

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media_root(settings: Any, tmp_path: Path) -> Path:
    """A private MEDIA_ROOT holding one uploaded product image."""
    root = tmp_path / "media"
    (root / "products").mkdir(parents=True)
    (root / "products" / "toner.png").write_bytes(b"\x89PNG fake image")
    settings.MEDIA_ROOT = root
    return root


def snapshot() -> dict[str, Any]:
    """The rows a round trip must keep, compared by value."""
    buyers = list(Buyer.objects.order_by("pk").values())
    tags = {b.pk: sorted(t.name for t in b.tags.all()) for b in Buyer.objects.all()}
    events = list(BuyerEvent.objects.order_by("pk").values())
    users = list(
        get_user_model()
        .objects.order_by("pk")
        .values("pk", "username", "password", "email", "is_staff", "is_superuser")
    )
    groups = {
        u.username: sorted(g.name for g in u.groups.all()) for u in get_user_model().objects.all()
    }
    return {"buyers": buyers, "tags": tags, "events": events, "users": users, "groups": groups}


@pytest.fixture
def workspace(cast: Any) -> dict[str, Any]:
    """A small workspace: buyers with reps, tags, an order and a conversation."""
    seoul = make_buyer(
        company="Seoul Glow Trading", country="KR", assigned_rep=cast.rep, platform_level="L3"
    )
    budapest = make_buyer(company="Budapest Beauty Kft", country="HU", actor=cast.senior_rep)
    make_buyer(company="Lagos Naturals", country="NG")
    buyer_tag_add(buyer=budapest, actor=cast.manager, name="trade-show-2025")
    make_order(seoul)
    make_conversation(budapest, body="Do you ship to Hungary? 한국 제품 맞나요?")
    return snapshot()


def write_backup(tmp_path: Path) -> Path:
    path = tmp_path / "backup.zip"
    backup_write(path)
    return path


def test_a_backup_restores_to_the_same_data(
    workspace: dict[str, Any], tmp_path: Path, media_root: Path
) -> None:
    path = write_backup(tmp_path)
    Buyer.objects.all().delete()
    get_user_model().objects.exclude(username="owner").delete()
    Tag.objects.all().delete()
    (media_root / "products" / "toner.png").unlink()

    backup_restore(path)

    assert snapshot() == workspace
    assert (media_root / "products" / "toner.png").read_bytes() == b"\x89PNG fake image"
    assert get_user_model().objects.get(username="rep").check_password(PASSWORD)


def test_the_restored_database_accepts_new_rows(workspace: dict[str, Any], tmp_path: Path) -> None:
    # On PostgreSQL the sequences must be moved past the restored ids, or this insert collides.
    path = write_backup(tmp_path)
    backup_restore(path)
    newcomer = make_buyer(company="After Restore GmbH", country="DE")
    buyer_tag_add(buyer=newcomer, actor=None, name="after-restore")
    assert newcomer.pk > max(b["id"] for b in workspace["buyers"])
    assert Buyer.objects.count() == len(workspace["buyers"]) + 1


def test_restoring_replaces_rows_added_after_the_backup(
    workspace: dict[str, Any], tmp_path: Path, media_root: Path
) -> None:
    path = write_backup(tmp_path)
    make_buyer(company="Written Later Ltd", country="US")
    (media_root / "later.txt").write_text("uploaded after the backup")

    backup_restore(path)

    assert snapshot() == workspace
    assert not (media_root / "later.txt").exists()


def test_the_manifest_describes_the_backup(workspace: dict[str, Any], tmp_path: Path) -> None:
    path = write_backup(tmp_path)
    manifest = backup_read_manifest(path)
    assert manifest["format"] == BACKUP_FORMAT
    assert manifest["version"] == BACKUP_VERSION
    assert manifest["engine"] == connection.vendor
    assert manifest["counts"]["buyers.buyer"] == 3
    assert manifest["counts"]["auth.user"] == 6
    assert "contenttypes.contenttype" not in manifest["counts"]
    assert "auth.permission" not in manifest["counts"]
    with zipfile.ZipFile(path) as archive:
        assert "media/products/toner.png" in archive.namelist()


def test_backup_does_not_overwrite_an_existing_file(tmp_path: Path) -> None:
    path = tmp_path / "backup.zip"
    path.write_text("an older backup")
    with pytest.raises(BackupError, match="already exists"):
        backup_write(path)
    assert path.read_text() == "an older backup"
    backup_write(path, overwrite=True)
    assert backup_read_manifest(path)["format"] == BACKUP_FORMAT


def rewrite_zip(source: Path, target: Path, changes: Mapping[str, bytes | None]) -> Path:
    """Copy a backup, replacing (or, with None, dropping) some members."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w") as new:
        for name in old.namelist():
            if name not in changes:
                new.writestr(name, old.read(name))
        for name, content in changes.items():
            if content is not None:
                new.writestr(name, content)
    return target


def tampered_manifest(path: Path, **changes: Any) -> bytes:
    with zipfile.ZipFile(path) as archive:
        manifest = json.loads(archive.read("manifest.json"))
    manifest.update(changes)
    return json.dumps(manifest).encode()


def assert_refused(path: Path, message: str, before: dict[str, Any]) -> None:
    with pytest.raises(BackupError, match=message):
        backup_restore(path)
    assert snapshot() == before


def test_it_refuses_a_file_that_is_not_a_backup(workspace: dict[str, Any], tmp_path: Path) -> None:
    path = tmp_path / "notes.zip"
    path.write_bytes(b"these are not the rows you are looking for")
    assert_refused(path, "not a zip file", workspace)


def test_it_refuses_a_zip_without_a_manifest(workspace: dict[str, Any], tmp_path: Path) -> None:
    path = rewrite_zip(write_backup(tmp_path), tmp_path / "bare.zip", {"manifest.json": None})
    assert_refused(path, "no manifest.json", workspace)


def test_it_refuses_a_manifest_of_another_format(workspace: dict[str, Any], tmp_path: Path) -> None:
    good = write_backup(tmp_path)
    changes = {"manifest.json": tampered_manifest(good, format="someone-elses-backup")}
    path = rewrite_zip(good, tmp_path / "other.zip", changes)
    assert_refused(path, "unknown manifest format", workspace)


def test_it_refuses_a_backup_format_version_it_does_not_read(
    workspace: dict[str, Any], tmp_path: Path
) -> None:
    good = write_backup(tmp_path)
    changes = {"manifest.json": tampered_manifest(good, version=BACKUP_VERSION + 1)}
    path = rewrite_zip(good, tmp_path / "future.zip", changes)
    assert_refused(path, "format version 2", workspace)


def test_it_refuses_a_manifest_whose_counts_were_changed(
    workspace: dict[str, Any], tmp_path: Path
) -> None:
    good = write_backup(tmp_path)
    counts = backup_read_manifest(good)["counts"]
    changes = {
        "manifest.json": tampered_manifest(good, counts={**counts, "buyers.buyer": 2}),
    }
    path = rewrite_zip(good, tmp_path / "tampered.zip", changes)
    assert_refused(path, "does not match its manifest", workspace)


def test_it_refuses_a_manifest_that_is_not_json(workspace: dict[str, Any], tmp_path: Path) -> None:
    path = rewrite_zip(write_backup(tmp_path), tmp_path / "bad.zip", {"manifest.json": b"{oops"})
    assert_refused(path, "not valid JSON", workspace)


def test_it_refuses_data_that_is_not_json(workspace: dict[str, Any], tmp_path: Path) -> None:
    path = rewrite_zip(write_backup(tmp_path), tmp_path / "bad.zip", {"data.json": b"[{"})
    assert_refused(path, "data.json is not valid JSON", workspace)


def test_it_refuses_a_media_path_that_escapes_the_media_folder(
    workspace: dict[str, Any], tmp_path: Path
) -> None:
    changes = {"media/../../../etc/cron.d/evil": b"* * * * * root true"}
    path = rewrite_zip(write_backup(tmp_path), tmp_path / "evil.zip", changes)
    assert_refused(path, "unsafe file name", workspace)


def test_a_restore_that_fails_halfway_leaves_the_old_data(
    workspace: dict[str, Any], tmp_path: Path, media_root: Path
) -> None:
    good = write_backup(tmp_path)
    with zipfile.ZipFile(good) as archive:
        records = json.loads(archive.read("data.json"))
    # Counts still match the manifest, so only loading can find the event of a missing buyer.
    event = next(r for r in records if r["model"] == "buyers.buyerevent")
    event["fields"]["buyer"] = 999_999
    path = rewrite_zip(good, tmp_path / "broken.zip", {"data.json": json.dumps(records).encode()})
    make_buyer(company="Kept Through The Failure", country="JP")
    before = snapshot()

    with pytest.raises(BackupError, match="nothing was changed"):
        backup_restore(path)

    assert snapshot() == before
    assert (media_root / "products" / "toner.png").exists()


def test_the_database_has_data_once_a_user_exists(cast: Any) -> None:
    assert database_has_data()


def test_a_freshly_migrated_database_has_no_data() -> None:
    assert not database_has_data()


def test_the_restore_command_asks_for_yes_before_replacing_data(
    workspace: dict[str, Any], tmp_path: Path
) -> None:
    path = write_backup(tmp_path)
    make_buyer(company="Not Yet Backed Up", country="US")
    before = snapshot()
    with pytest.raises(CommandError, match="--yes"):
        call_command("restore", str(path))
    assert snapshot() == before

    out = io.StringIO()
    call_command("restore", str(path), yes=True, stdout=out)
    assert snapshot() == workspace
    assert "Restored" in out.getvalue()


def test_the_backup_command_writes_a_backup(workspace: dict[str, Any], tmp_path: Path) -> None:
    out = io.StringIO()
    call_command("backup", str(tmp_path / "desk.zip"), stdout=out)
    assert "Backup written" in out.getvalue()
    assert backup_read_manifest(tmp_path / "desk.zip")["counts"]["buyers.buyer"] == 3


def test_the_restore_command_turns_a_bad_file_into_a_command_error(tmp_path: Path) -> None:
    path = tmp_path / "random.bin"
    path.write_bytes(b"\x00" * 64)
    with pytest.raises(CommandError, match="not an ExportDesk backup"):
        call_command("restore", str(path), yes=True)


def test_restore_refuses_a_database_with_pending_migrations(
    workspace: dict[str, Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write_backup(tmp_path)
    monkeypatch.setattr("exportdesk.backup.pending_migrations", lambda: ["buyers.9999_future"])
    with pytest.raises(CommandError, match="exportdesk migrate"):
        call_command("restore", str(path), yes=True)
    assert snapshot() == workspace
