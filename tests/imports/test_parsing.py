"""Reading files: every encoding Korean offices produce, TSV, XLSX, and bad input."""

from __future__ import annotations

import io
import zipfile
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from exportdesk.imports import parsing
from exportdesk.imports.parsing import ImportFileError, read_table
from tests.imports.conftest import csv_bytes, xlsx_bytes

ROWS = [
    ["회사명", "국가", "이메일", "담당자"],
    ["서울뷰티 주식회사", "대한민국", "kim@seoulbeauty.kr", "김민지"],
    ["Budapest Beauty Kft.", "헝가리", "anna@bb.hu", "Anna"],
]


@pytest.mark.parametrize(
    ("encoding", "delimiter", "detected"),
    [
        ("utf-8", ",", "utf-8"),
        ("utf-8-sig", ",", "utf-8-bom"),
        ("cp949", ",", "cp949"),
        ("euc-kr", ",", "cp949"),
        ("utf-16", "\t", "utf-16"),  # Excel's "Unicode text": UTF-16 LE with BOM, tabs
        ("utf-16-le", "\t", "utf-16-le"),
        ("utf-16-be", "\t", "utf-16-be"),
        ("utf-8", ";", "utf-8"),
    ],
)
def test_it_reads_every_encoding_korean_excel_writes(
    encoding: str, delimiter: str, detected: str
) -> None:
    data = csv_bytes(ROWS, encoding=encoding, delimiter=delimiter)
    if encoding == "utf-16":
        assert data[:2] == b"\xff\xfe"
    table = read_table(data, "buyers.txt")
    assert table.headers == ROWS[0]
    assert table.rows == ROWS[1:]
    assert table.encoding == detected
    assert table.row_numbers == [2, 3]


def test_it_reads_a_cp949_file_from_korean_excel() -> None:
    data = "업체명,국가\r\n㈜한국화장품,한국\r\n".encode("cp949")
    table = read_table(data, "바이어.csv")
    assert table.rows == [["㈜한국화장품", "한국"]]


def test_undecodable_bytes_give_a_clear_error_with_the_position() -> None:
    data = b"company,country\r\nSeoul,KR\r\n\xff\xfe\xfd\x80\x81"
    with pytest.raises(ImportFileError, match=r"encoding could not be read \(byte"):
        read_table(data, "broken.csv")


def test_blank_rows_are_counted_not_imported() -> None:
    table = read_table(csv_bytes([["company"], [""], ["A"], ["", ""], ["B"]]), "x.csv")
    assert table.rows == [["A"], ["B"]]
    assert table.blank_rows == 2
    assert table.row_numbers == [3, 5]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty"),
        (b"\r\n\r\n", "empty"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "old Excel file"),
        (b"company\x00,country\x00\x00\x00", "binary"),
    ],
)
def test_it_refuses_files_that_are_not_tables(data: bytes, message: str) -> None:
    with pytest.raises(ImportFileError, match=message):
        read_table(data, "file.csv")


def test_a_file_named_xlsx_that_is_not_a_workbook_is_refused() -> None:
    with pytest.raises(ImportFileError, match="not a valid Excel workbook"):
        read_table(b"company,country\nA,KR\n", "buyers.xlsx")


def test_the_size_limit_is_a_setting_with_a_clear_message(settings: Any) -> None:
    settings.EXPORTDESK_IMPORT_MAX_BYTES = 1024
    with pytest.raises(ImportFileError, match="files up to 1 kB can be imported"):
        read_table(b"company\n" + b"x" * 2000, "big.csv")


def test_it_reads_the_first_sheet_of_an_xlsx_file() -> None:
    table = read_table(xlsx_bytes([[], ROWS[0], *ROWS[1:], [None, None]]), "buyers.xlsx")
    assert table.file_format == "xlsx"
    assert table.headers == ROWS[0]
    assert table.rows == ROWS[1:]
    assert table.row_numbers == [3, 4]


def test_xlsx_numbers_and_dates_become_text_the_values_module_reads() -> None:
    from datetime import datetime

    table = read_table(
        xlsx_bytes([["qty", "price", "date"], [5000, 1.25, datetime(2026, 11, 29)]]), "o.xlsx"
    )
    assert table.rows == [["5000", "1.25", "2026-11-29"]]


def _workbook_with_formulas() -> bytes:
    """A sheet whose formula cells carry the values Excel cached (as Excel saves them)."""
    data = xlsx_bytes([["company", "total"], ["Seoul", "=1+1"], ['=HYPERLINK("x")', 7]])
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            content = source.read(item)
            if item.filename == "xl/worksheets/sheet1.xml":
                content = content.replace(b"<f>1+1</f><v></v>", b"<f>1+1</f><v>2</v>").replace(
                    b"<f>1+1</f><v />", b"<f>1+1</f><v>2</v>"
                )
            target.writestr(item, content)
    return out.getvalue()


@pytest.mark.parametrize("reader", ["calamine", "openpyxl"])
def test_formula_cells_are_read_as_their_saved_values_never_evaluated(reader: str) -> None:
    data = _workbook_with_formulas()
    read = parsing.read_xlsx_table if reader == "calamine" else parsing.read_xlsx_with_openpyxl
    table = read(data)
    # The cached value when there is one; nothing (not the formula, not a computed value)
    # when the file never went through Excel.
    assert table.rows[0][0] == "Seoul"
    assert table.rows[0][1] in ("2", "")
    assert not any(cell.startswith("=") for row in table.rows for cell in row)


def _zip(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return out.getvalue()


def test_a_zip_bomb_is_refused_before_it_is_unpacked() -> None:
    bomb = _zip(
        {
            "[Content_Types].xml": b"<Types/>",
            "xl/worksheets/sheet1.xml": b"<worksheet>"
            + b" " * (50 * 1024 * 1024)
            + b"</worksheet>",
        }
    )
    assert len(bomb) < 200 * 1024
    with pytest.raises(ImportFileError, match="zip bomb"):
        read_table(bomb, "bomb.xlsx")


def test_a_workbook_that_unpacks_too_far_is_refused(settings: Any) -> None:
    settings.EXPORTDESK_IMPORT_MAX_UNCOMPRESSED_BYTES = 100_000
    data = xlsx_bytes([["company"], *[[f"Buyer {n} with a long name"] for n in range(5000)]])
    with pytest.raises(ImportFileError, match="unpacks to"):
        read_table(data, "many.xlsx")


def test_a_sheet_with_two_far_apart_cells_is_refused_before_reading() -> None:
    """Two cells at A1 and XFD1048576 would make a reader allocate 17 billion cells."""
    sheet = (
        b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        b'<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>company</t></is></c></row>'
        b'<row r="1048576"><c r="XFD1048576"><v>1</v></c></row></sheetData></worksheet>'
    )
    data = xlsx_bytes([["company"], ["Seoul"]])
    source = zipfile.ZipFile(io.BytesIO(data))
    members = {i.filename: source.read(i) for i in source.infolist()}
    members["xl/worksheets/sheet1.xml"] = sheet
    with pytest.raises(ImportFileError, match="used area is 16,384 columns"):
        read_table(_zip(members), "far.xlsx")


def test_a_zip_that_is_not_a_workbook_is_refused() -> None:
    with pytest.raises(ImportFileError, match="not an Excel workbook"):
        read_table(_zip({"hello.txt": b"hi"}), "archive.xlsx")


def test_a_damaged_workbook_gives_a_clear_error() -> None:
    data = xlsx_bytes([["company"], ["Seoul"]])
    source = zipfile.ZipFile(io.BytesIO(data))
    members = {i.filename: source.read(i) for i in source.infolist()}
    members["xl/worksheets/sheet1.xml"] = b"<worksheet><sheetData><row><c"
    with pytest.raises(ImportFileError):
        read_table(_zip(members), "damaged.xlsx")


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=2048))
def test_random_bytes_as_csv_give_a_table_or_a_clear_error(data: bytes) -> None:
    try:
        table = read_table(data, "random.csv")
    except ImportFileError as exc:
        assert str(exc)
    else:
        assert isinstance(table.headers, list)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=2048))
def test_random_bytes_as_xlsx_give_a_clear_error(data: bytes) -> None:
    with pytest.raises(ImportFileError):
        read_table(b"PK\x03\x04" + data, "random.xlsx")


_VALID_XLSX = xlsx_bytes([["company", "country"], ["Seoul", "KR"]])


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(0, len(_VALID_XLSX) - 1), st.binary(min_size=1, max_size=64))
def test_corrupted_workbooks_give_a_table_or_a_clear_error(position: int, noise: bytes) -> None:
    data = _VALID_XLSX[:position] + noise + _VALID_XLSX[position + len(noise) :]
    try:
        table = read_table(data, "corrupted.xlsx")
    except ImportFileError as exc:
        assert str(exc)
    else:
        assert table.file_format == "xlsx"
