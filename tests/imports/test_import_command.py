"""``exportdesk import`` and ``exportdesk export`` on the command line."""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from exportdesk.buyers.models import Buyer, BuyerEvent
from exportdesk.imports.models import ImportJob
from tests.factories import make_buyer

pytestmark = pytest.mark.django_db

ROWS = [
    ["회사명", "국가", "이메일"],
    ["Seoul Trade", "대한민국", "info@st.kr"],
    ["Bad", "Atlantis", "b@x.com"],
]


def call(*args: str) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("import", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_a_dry_run_writes_nothing(
    write_file: Callable[..., Path], settings, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    settings.MEDIA_ROOT = tmp_path / "media"
    path = write_file("b.csv", ROWS[:2], encoding="cp949")
    out, err = call("buyers", str(path), "--dry-run")
    assert "Dry run: nothing was written." in out
    assert "new=1" in out
    assert "%" in err  # the progress bar
    assert Buyer.objects.count() == 0 and BuyerEvent.objects.count() == 0
    assert ImportJob.objects.count() == 0
    assert not (tmp_path / "media").exists()


def test_errors_import_nothing_and_exit_non_zero(write_file: Callable[..., Path]) -> None:
    with pytest.raises(CommandError, match="nothing was imported"):
        call("buyers", str(write_file("b.csv", ROWS)))
    assert Buyer.objects.count() == 0


def test_valid_only_imports_the_rest_and_writes_the_report(
    write_file: Callable[..., Path],
    settings,
    tmp_path: Path,  # type: ignore[no-untyped-def]
) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"
    report = tmp_path / "rejected.csv"
    out, _err = call(
        "buyers", str(write_file("b.csv", ROWS)), "--valid-only", "--report", str(report)
    )
    assert "created=1" in out
    assert "row 3" in out
    assert "Atlantis" in report.read_text(encoding="utf-8-sig")
    job = ImportJob.objects.get()
    assert job.status == "done" and job.counts["rejected_rows"] == 1
    assert Path(job.file.path).read_bytes() == (tmp_path / "b.csv").read_bytes()


def test_a_mapping_file_names_the_columns(write_file: Callable[..., Path], tmp_path: Path) -> None:
    mapping = tmp_path / "m.json"
    mapping.write_text(json.dumps({"company": "Firm", "country": 2}), encoding="utf-8")
    path = write_file("b.csv", [["Firm", "Nation"], ["Seoul Trade", "KR"]])
    call("buyers", str(path), "--mapping", str(mapping), "--dry-run")
    with pytest.raises(CommandError, match="no column named"):
        mapping.write_text(json.dumps({"company": "Nope"}), encoding="utf-8")
        call("buyers", str(path), "--mapping", str(mapping))


def test_an_unreadable_file_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "b.xlsx"
    path.write_bytes(b"not a workbook")
    with pytest.raises(CommandError, match="not a valid Excel workbook"):
        call("buyers", str(path))


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_export_writes_buyers_and_orders(tmp_path: Path, fmt: str) -> None:
    make_buyer(company="=evil()", country="KR")
    target = tmp_path / f"buyers.{fmt}"
    out = io.StringIO()
    call_command("export", "buyers", str(target), stdout=out)
    assert "Wrote 1 buyers" in out.getvalue()
    assert target.stat().st_size > 0
    call_command("export", "orders", str(tmp_path / f"orders.{fmt}"), stdout=io.StringIO())
    with pytest.raises(CommandError, match="exists"):
        call_command("export", "buyers", str(target), stdout=io.StringIO())
