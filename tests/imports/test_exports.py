"""Exports: UTF-8 with BOM, formula neutralisation, visibility, and round trips."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from exportdesk.buyers.models import Buyer
from exportdesk.imports.exports import export_buyers, export_orders, neutralise
from exportdesk.imports.services import import_file, rejection_report_csv
from exportdesk.orders.models import Order, OrderLine
from tests.factories import make_buyer, make_order

pytestmark = pytest.mark.django_db

DANGEROUS = ['=HYPERLINK("http://evil")', "+1+1", "-2+3", "@SUM(A1)", "\tTab", "\rCR"]


@pytest.mark.parametrize("value", DANGEROUS)
def test_formula_like_text_is_prefixed_with_an_apostrophe(value: str) -> None:
    assert neutralise(value) == "'" + value


@pytest.mark.parametrize("value", ["Seoul Trade", "a=b", "", 5, None])
def test_other_values_are_left_alone(value: Any) -> None:
    assert neutralise(value) == value


def _csv_rows(data: bytes) -> list[list[str]]:
    assert data.startswith(b"\xef\xbb\xbf"), "Korean Excel needs the BOM"
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))


def test_a_buyer_export_neutralises_csv_injection() -> None:
    make_buyer(company="=cmd|' /C calc'!A0", contact_name="@SUM(1)", notes="+82 10", country="KR")
    rows = _csv_rows(export_buyers(Buyer.objects.all(), "csv"))
    assert rows[1][0] == "'=cmd|' /C calc'!A0"
    assert rows[1][1] == "'@SUM(1)"
    xlsx = load_workbook(io.BytesIO(export_buyers(Buyer.objects.all(), "xlsx")))
    sheet = xlsx.worksheets[0]
    assert sheet["A2"].value == "'=cmd|' /C calc'!A0"
    assert sheet["A2"].data_type == "s"


def test_an_exported_file_imports_back_unchanged(tmp_path: Path) -> None:
    make_buyer(
        company="Seoul Trade",
        country="KR",
        email="info@st.kr",
        platform_level="L2",
        annual_purchase_minor=150_000_000,
        annual_purchase_currency="KRW",
        notes="=VIP",
    )
    make_buyer(company="Budapest Beauty", country="HU", platform_buyer_id="ali-1")
    before = list(Buyer.objects.order_by("pk").values())
    for fmt in ("csv", "xlsx"):
        path = tmp_path / f"buyers.{fmt}"
        path.write_bytes(export_buyers(Buyer.objects.all(), fmt))
        outcome = import_file(kind="buyers", path=path)
        assert outcome.result["created"] == 0 and outcome.result["updated"] == 0, fmt
    assert list(Buyer.objects.order_by("pk").values()) == before


def test_an_order_export_has_one_row_per_line_and_imports_back(tmp_path: Path) -> None:
    order = make_order(
        make_buyer(email="anna@bb.hu"), number="A-1", currency="USD", total_minor=250
    )
    OrderLine.objects.create(
        order=order, description="Cream", quantity=2, unit_price_minor=100, total_minor=200
    )
    OrderLine.objects.create(
        order=order, description="Toner", quantity=1, unit_price_minor=50, total_minor=50
    )
    data = export_orders(Order.objects.all(), "csv")
    rows = _csv_rows(data)
    assert len(rows) == 3
    path = tmp_path / "orders.csv"
    path.write_bytes(data)
    outcome = import_file(kind="orders", path=path)
    assert outcome.result["created"] == 0 and outcome.result["updated"] == 0


def test_the_rejection_report_lists_row_column_value_and_reason() -> None:
    data = rejection_report_csv(
        [
            {"row": 3, "column": "국가", "value": "Atlantis", "reason": "Unknown country"},
            {"row": 5, "column": "Email", "value": "=evil()", "reason": "not an email"},
        ]
    )
    assert _csv_rows(data) == [
        ["Row", "Column", "Value", "Reason"],
        ["3", "국가", "Atlantis", "Unknown country"],
        ["5", "Email", "'=evil()", "not an email"],
    ]
