"""Fixtures for import tests: files written in the encodings and formats sellers send."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pytest

Rows = Sequence[Sequence[Any]]


def csv_bytes(rows: Rows, *, encoding: str = "utf-8", delimiter: str = ",") -> bytes:
    """Rows as delimited text in the given encoding (``utf-8-sig`` adds the BOM)."""
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    return buffer.getvalue().encode(encoding)


def xlsx_bytes(rows: Rows) -> bytes:
    """Rows as an Excel workbook (first sheet)."""
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(list(row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


@pytest.fixture
def write_file(tmp_path: Path) -> Callable[..., Path]:
    """``write_file("buyers.csv", rows, encoding="cp949")`` → the path of the written file."""

    def write(name: str, rows: Rows, **options: Any) -> Path:
        path = tmp_path / name
        if name.endswith(".xlsx"):
            path.write_bytes(xlsx_bytes(rows))
        else:
            path.write_bytes(csv_bytes(rows, **options))
        return path

    return write


@pytest.fixture
def immediate_tasks(settings: Any, tmp_path: Path) -> None:
    """Background tasks run at once; uploads go to a temporary MEDIA_ROOT."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.MEDIA_ROOT = tmp_path / "media"
