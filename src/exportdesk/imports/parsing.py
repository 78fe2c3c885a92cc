"""Reading uploaded tables: CSV and TSV in the encodings Korean offices produce, and XLSX.

Every failure becomes an ``ImportFileError`` whose message can be shown to the user as it is;
nothing here writes to the database.

Text encodings are tried in a fixed order instead of guessed statistically: a byte-order mark
(UTF-8, UTF-16 LE/BE), then the NUL pattern of BOM-less UTF-16, then strict UTF-8, then CP949
(the superset of EUC-KR that Korean Excel writes). A file that is none of these is refused with
the position of the first byte that could not be read.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
import zipfile
import zlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import Any

from django.conf import settings
from django.utils.translation import gettext as _

DEFAULT_MAX_BYTES = 50 * 1024 * 1024
# An XLSX whose parts inflate past this is refused before openpyxl opens it.
DEFAULT_MAX_UNCOMPRESSED_BYTES = 512 * 1024 * 1024
# Zip parts bigger than 1 MB must not inflate more than this (zip-bomb guard; POI uses 100 too).
MAX_COMPRESSION_RATIO = 100
RATIO_CHECK_FROM_BYTES = 1024 * 1024
MAX_ZIP_MEMBERS = 10_000
MAX_COLUMNS = 200
MAX_ROWS = 1_048_576  # Excel's own limit
MAX_FIELD_CHARS = 1_000_000

TEXT_EXTENSIONS = (".csv", ".tsv", ".txt", ".tab")
XLSX_EXTENSIONS = (".xlsx", ".xlsm")
ACCEPTED_EXTENSIONS = TEXT_EXTENSIONS + XLSX_EXTENSIONS

ProgressCallback = Callable[[int, int], None]


class ImportFileError(Exception):
    """The file cannot be read as a table; the message says why, for the user."""


@dataclass
class Table:
    """A file's header row and data rows (cells as stripped strings).

    ``first_row_number`` is the spreadsheet row number of ``rows[0]`` so problems can point at
    the row the user sees in Excel (the header is usually row 1, so data starts at row 2).
    """

    headers: list[str]
    rows: list[list[str]]
    file_format: str
    encoding: str = ""
    first_row_number: int = 2
    row_numbers: list[int] = field(default_factory=list)
    blank_rows: int = 0

    def row_number(self, index: int) -> int:
        """The spreadsheet row number of ``rows[index]``."""
        if self.row_numbers:
            return self.row_numbers[index]
        return self.first_row_number + index


def max_upload_bytes() -> int:
    """The upload size limit (setting ``EXPORTDESK_IMPORT_MAX_BYTES``, 50 MB by default)."""
    return int(getattr(settings, "EXPORTDESK_IMPORT_MAX_BYTES", DEFAULT_MAX_BYTES))


def max_uncompressed_bytes() -> int:
    """How far an XLSX may inflate (setting ``EXPORTDESK_IMPORT_MAX_UNCOMPRESSED_BYTES``)."""
    return int(
        getattr(
            settings, "EXPORTDESK_IMPORT_MAX_UNCOMPRESSED_BYTES", DEFAULT_MAX_UNCOMPRESSED_BYTES
        )
    )


def format_size(size: int) -> str:
    """``52428800`` → ``"50 MB"``; bytes and kB below that."""
    if size >= 1024 * 1024:
        return f"{size / (1024 * 1024):.1f}".rstrip("0").rstrip(".") + " MB"
    if size >= 1024:
        return f"{size / 1024:.0f} kB"
    return f"{size} B"


def check_size(size: int) -> None:
    """Refuse a file over the upload limit, saying both sizes."""
    limit = max_upload_bytes()
    if size > limit:
        raise ImportFileError(
            _("The file is %(size)s; files up to %(limit)s can be imported.")
            % {"size": format_size(size), "limit": format_size(limit)}
        )


def sniff_format(data: bytes, filename: str) -> str:
    """``"xlsx"`` or ``"text"`` from the content (zip magic), not trusting the extension alone."""
    name = (filename or "").lower()
    if data[:4] == b"PK\x03\x04":
        return "xlsx"
    if data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        raise ImportFileError(
            _(
                "This is an old Excel file (.xls). Open it in Excel and save it as .xlsx "
                "or CSV, then upload it again."
            )
        )
    if name.endswith(XLSX_EXTENSIONS):
        raise ImportFileError(
            _("The file is named .xlsx but is not a valid Excel workbook (it may be damaged).")
        )
    return "text"


# --- text files -------------------------------------------------------------------------------


def _utf16_without_bom(data: bytes) -> str | None:
    """'utf-16-le' or 'utf-16-be' when NULs sit on odd or even bytes, as in Latin/ASCII text."""
    sample = data[:4096]
    if len(sample) < 4:
        return None
    even_nuls = sample[0::2].count(0)
    odd_nuls = sample[1::2].count(0)
    half = len(sample) // 2
    if odd_nuls > half * 0.3 and even_nuls < half * 0.05:
        return "utf-16-le"
    if even_nuls > half * 0.3 and odd_nuls < half * 0.05:
        return "utf-16-be"
    return None


def decode_text(data: bytes) -> tuple[str, str]:
    """Decode a text file; return ``(text, encoding name)`` or raise ``ImportFileError``."""
    candidates: list[str]
    if data.startswith(codecs.BOM_UTF8):
        candidates = ["utf-8-sig"]
    elif data.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)) and len(data) % 4 == 0:
        candidates = ["utf-32"]
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        candidates = ["utf-16"]
    else:
        utf16 = _utf16_without_bom(data)
        candidates = [utf16] if utf16 else ["utf-8", "cp949"]
    first_error: UnicodeDecodeError | None = None
    for encoding in candidates:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError as exc:
            first_error = first_error or exc
            continue
        if "\x00" in text:
            raise ImportFileError(
                _("The file contains binary data, not text. Upload a CSV, TSV or XLSX file.")
            )
        return text, {"utf-8-sig": "utf-8-bom", "utf-32": "utf-32"}.get(encoding, encoding)
    position = first_error.start if first_error else 0
    raise ImportFileError(
        _(
            "The file's text encoding could not be read (byte %(position)s). Save it as "
            "CSV UTF-8, CSV from Korean Excel (CP949/EUC-KR) or Unicode text, and try again."
        )
        % {"position": position}
    )


def _delimiter(first_line: str, filename: str) -> str:
    counts = {d: first_line.count(d) for d in (",", "\t", ";")}
    if filename.lower().endswith((".tsv", ".tab")) and counts["\t"]:
        return "\t"
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def read_text_table(
    data: bytes,
    filename: str = "",
    progress: ProgressCallback | None = None,
    max_rows: int | None = None,
) -> Table:
    """Read CSV/TSV bytes: detect encoding and delimiter, return the header and data rows."""
    text, encoding = decode_text(data)
    first_line = text.lstrip("\r\n").split("\n", 1)[0]
    delimiter = _delimiter(first_line, filename)
    csv.field_size_limit(MAX_FIELD_CHARS)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=False)
    headers: list[str] | None = None
    rows: list[list[str]] = []
    numbers: list[int] = []
    blank = 0
    lines = max(1, text.count("\n"))
    try:
        for record in reader:
            if headers is None:
                if not any(cell.strip() for cell in record):
                    continue
                if len(record) > MAX_COLUMNS:
                    raise ImportFileError(
                        _("The file has %(count)s columns; at most %(max)s are supported.")
                        % {"count": len(record), "max": MAX_COLUMNS}
                    )
                headers = [clean_header(cell) for cell in record]
                continue
            cells = [cell.strip() for cell in record[: len(headers) + 20]]
            if not any(cells):
                blank += 1
                continue
            rows.append(cells)
            numbers.append(reader.line_num)
            if max_rows is not None and len(rows) >= max_rows:
                break
            if len(rows) > MAX_ROWS:
                raise ImportFileError(
                    _("The file has more than %(max)s rows.") % {"max": f"{MAX_ROWS:,}"}
                )
            if progress and len(rows) % 5000 == 0:
                progress(min(reader.line_num, lines), lines)
    except csv.Error as exc:
        raise ImportFileError(
            _("The file is not valid CSV near line %(line)s: %(error)s")
            % {"line": reader.line_num, "error": exc}
        ) from exc
    if headers is None or not any(headers):
        raise ImportFileError(_("The file is empty: no header row was found."))
    return Table(
        headers=headers,
        rows=rows,
        file_format="tsv" if delimiter == "\t" else "csv",
        encoding=encoding,
        row_numbers=numbers,
        blank_rows=blank,
    )


# --- XLSX -------------------------------------------------------------------------------------


def check_zip_safety(data: bytes) -> None:
    """Refuse zip files that would inflate too far (bombs) before any XML is parsed."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (
        zipfile.BadZipFile,
        zipfile.LargeZipFile,
        ValueError,
        OSError,
        NotImplementedError,
        EOFError,
    ) as exc:
        raise ImportFileError(
            _("The file is not a valid Excel workbook (.xlsx): it could not be opened.")
        ) from exc
    with archive:
        members = archive.infolist()
        if len(members) > MAX_ZIP_MEMBERS:
            raise ImportFileError(_("The workbook has too many parts to be a normal .xlsx file."))
        total = 0
        for member in members:
            total += member.file_size
            if (
                member.file_size > RATIO_CHECK_FROM_BYTES
                and member.file_size > MAX_COMPRESSION_RATIO * max(1, member.compress_size)
            ):
                raise ImportFileError(
                    _(
                        "The workbook is compressed suspiciously well (%(ratio)s:1) and was "
                        "refused to protect the server (zip bomb guard)."
                    )
                    % {"ratio": member.file_size // max(1, member.compress_size)}
                )
        if total > max_uncompressed_bytes():
            raise ImportFileError(
                _(
                    "The workbook unpacks to %(size)s, more than the %(limit)s allowed "
                    "(zip bomb guard)."
                )
                % {"size": format_size(total), "limit": format_size(max_uncompressed_bytes())}
            )
        names = {m.filename for m in members}
        if "[Content_Types].xml" not in names or not any(
            n.startswith("xl/worksheets/") for n in names
        ):
            raise ImportFileError(_("The file is a zip archive but not an Excel workbook (.xlsx)."))


def cell_text(value: Any) -> str:
    """A spreadsheet cell as text: whole floats without '.0', dates in ISO form."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        return repr(value)
    if isinstance(value, datetime):
        if value.time() == time(0, 0) and value.tzinfo is None:
            return value.date().isoformat()
        return value.isoformat(sep=" ")
    if isinstance(value, date | time):
        return value.isoformat()
    return str(value).strip()


# A worksheet's used area is read into memory as a dense grid: bound it before reading.
MAX_XLSX_CELLS = 10_000_000
_LETTERS = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ"
_REF = re.compile(rb'\sr="([A-Z]{0,3})([0-9]{1,7})"')
# Cell references (r="AB12") and row references (r="123456") that go beyond column Z or row
# 99,999; anything else is a small area, so only these few need looking at.
_FAR_REF = re.compile(rb'\sr="([A-Z]{2,3}[0-9]{1,7}|[A-Z]?[0-9]{6,7})"')
# Cells and rows without a reference follow the previous one.
_UNREFERENCED = (b"<c>", b"<c/>", b"<row>", b"<row/>")


def _column_number(letters: bytes) -> int:
    number = 0
    for char in letters:
        number = number * 26 + (char - 64)
    return number


def _scan_sheet(handle: Any, exact_rows: bool) -> tuple[int, int, int]:
    """(widest column, highest row, cells and rows without a reference) of a worksheet's XML.

    Cheap by default: only references past column Z or row 99,999 are parsed, single-letter
    columns are found with ``bytes.find``, and the row bound is 99,999 unless a row beyond it
    exists. ``exact_rows`` parses every reference for the true highest row (wide sheets).
    """
    max_col = max_row = unreferenced = 0
    tail = b""
    while True:
        chunk = handle.read(4 * 1024 * 1024)
        if not chunk:
            break
        # Keep an unfinished tag for the next round so no reference is cut in two.
        text = tail + chunk
        cut = text.rfind(b"<")
        text, tail = (text[:cut], text[cut:]) if cut > 0 else (text, b"")
        if exact_rows:
            for _letters, digits in _REF.findall(text):
                max_row = max(max_row, int(digits))
        for ref in _FAR_REF.findall(text):
            digits = ref.lstrip(_LETTERS)
            max_col = max(max_col, _column_number(ref[: len(ref) - len(digits)]))
            max_row = max(max_row, int(digits))
        for index in range(25, max_col - 1 if max_col <= 26 else 25, -1):
            if text.find(b'r="' + _LETTERS[index : index + 1]) >= 0:
                max_col = max(max_col, index + 1)
                break
        unreferenced += sum(text.count(tag) for tag in _UNREFERENCED)
    return max_col, max_row, unreferenced


def check_sheet_extent(data: bytes) -> None:
    """Refuse worksheets whose used area would be a huge grid (a few far-apart cells).

    Readers allocate rows × columns cells for the used area, so two cells at A1 and
    XFD1048576 in a 2 kB file would ask for 17 billion cells. The worksheet XML is scanned for
    cell and row references (cells and rows without one follow the previous one).
    """
    try:
        _check_sheet_extent(data)
    except (
        zipfile.BadZipFile,
        zlib.error,
        EOFError,
        OSError,
        ValueError,
        NotImplementedError,
    ) as exc:
        # A damaged or encrypted member: say so instead of letting the error escape.
        raise ImportFileError(
            _("The file is not a valid Excel workbook (.xlsx): %(error)s")
            % {"error": type(exc).__name__}
        ) from exc


def _check_sheet_extent(data: bytes) -> None:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for member in archive.infolist():
            if not member.filename.startswith("xl/worksheets/") or member.is_dir():
                continue
            with archive.open(member) as handle:
                max_col, max_row, unreferenced = _scan_sheet(handle, exact_rows=False)
            width = max(1, max_col) + unreferenced
            height = max(max_row, 99_999) + unreferenced
            if width * height > MAX_XLSX_CELLS and max_row < 100_000:
                with archive.open(member) as handle:
                    _col, max_row, _unref = _scan_sheet(handle, exact_rows=True)
                height = max_row + unreferenced
            if width * height > MAX_XLSX_CELLS:
                raise ImportFileError(
                    _(
                        "The worksheet's used area is %(width)s columns × %(height)s rows, "
                        "more than can be imported. Delete the unused rows and columns (or "
                        "copy the table to a new workbook) and try again."
                    )
                    % {"width": f"{width:,}", "height": f"{height:,}"}
                )


def read_xlsx_table(
    data: bytes, progress: ProgressCallback | None = None, max_rows: int | None = None
) -> Table:
    """Read the first worksheet of an XLSX file, taking the values Excel saved for formulas.

    Formulas are never evaluated: a formula cell reads as the value Excel last computed (empty
    if the file never went through Excel). python-calamine (Rust) reads it when installed; it
    is ~20× faster than openpyxl, which is the fallback (``read_only=True, data_only=True``).
    """
    check_zip_safety(data)
    check_sheet_extent(data)
    try:
        from python_calamine import CalamineWorkbook
    except ImportError:  # pragma: no cover - calamine is a dependency; openpyxl is the fallback
        return read_xlsx_with_openpyxl(data, progress, max_rows)
    try:
        workbook = CalamineWorkbook.from_filelike(io.BytesIO(data))
        names = workbook.sheet_names
        if not names:
            raise ImportFileError(_("The workbook has no worksheet."))
        sheet = workbook.get_sheet_by_index(0)
        # iter_rows() starts at the sheet's first row (A1), empty leading rows included.
        return _table_from_rows(sheet.iter_rows(), 1, progress, max_rows, sheet.height)
    except ImportFileError:
        raise
    except BaseException as exc:  # calamine's Rust panics arrive as BaseException
        if isinstance(exc, KeyboardInterrupt | SystemExit | GeneratorExit | MemoryError):
            raise
        raise ImportFileError(
            _("The file is not a valid Excel workbook (.xlsx): %(error)s")
            % {"error": type(exc).__name__}
        ) from exc


def read_xlsx_with_openpyxl(
    data: bytes, progress: ProgressCallback | None = None, max_rows: int | None = None
) -> Table:
    """The openpyxl reader (streaming, ``data_only``): used when python-calamine is missing."""
    import openpyxl

    try:
        workbook = openpyxl.load_workbook(
            io.BytesIO(data), read_only=True, data_only=True, keep_links=False
        )
    except Exception as exc:  # openpyxl raises many kinds for damaged files
        raise ImportFileError(
            _("The file is not a valid Excel workbook (.xlsx): %(error)s")
            % {"error": type(exc).__name__}
        ) from exc
    try:
        sheets = workbook.worksheets
        if not sheets:
            raise ImportFileError(_("The workbook has no worksheet."))
        sheet = sheets[0]
        declared = min(MAX_ROWS, int(sheet.max_row or 0))
        # A forged <dimension> must not make openpyxl pad every row to 16,384 columns.
        sheet.reset_dimensions()
        rows = sheet.iter_rows(max_col=MAX_COLUMNS, values_only=True)
        return _table_from_rows(rows, 1, progress, max_rows, declared)
    except ImportFileError:
        raise
    except Exception as exc:
        raise ImportFileError(
            _("The workbook could not be read (%(error)s). Save it again in Excel and retry.")
            % {"error": type(exc).__name__}
        ) from exc
    finally:
        workbook.close()


def _table_from_rows(
    rows: Iterable[Sequence[Any]],
    first_row: int,
    progress: ProgressCallback | None,
    max_rows: int | None,
    estimate: int,
) -> Table:
    """Header (the first non-empty row) and data rows from a sheet's rows of values."""
    headers: list[str] | None = None
    width = 0
    data_rows: list[list[str]] = []
    numbers: list[int] = []
    blank = 0
    estimate = max(1, estimate)
    for number, values in enumerate(rows, start=first_row):
        if number > MAX_ROWS:
            raise ImportFileError(
                _("The file has more than %(max)s rows.") % {"max": f"{MAX_ROWS:,}"}
            )
        if headers is None:
            cells = [cell_text(v) for v in values[:MAX_COLUMNS]]
            if any(cells):
                while cells and not cells[-1]:
                    cells.pop()
                headers = [clean_header(c) for c in cells]
                width = len(headers)
            continue
        cells = [cell_text(v) for v in values[:width]]
        if not any(cells):
            blank += 1
            continue
        data_rows.append(cells)
        numbers.append(number)
        if max_rows is not None and len(data_rows) >= max_rows:
            break
        if progress and len(data_rows) % 5000 == 0:
            progress(min(number, estimate), max(estimate, number))
    if not headers:
        raise ImportFileError(_("The first worksheet is empty: no header row was found."))
    return Table(
        headers=headers, rows=data_rows, file_format="xlsx", row_numbers=numbers, blank_rows=blank
    )


# --- both -------------------------------------------------------------------------------------


def clean_header(value: str) -> str:
    """A header cell without surrounding space, BOM remnants or line breaks."""
    return " ".join((value or "").replace("\ufeff", "").split())


def read_table(
    data: bytes,
    filename: str = "",
    progress: ProgressCallback | None = None,
    max_rows: int | None = None,
) -> Table:
    """Read any supported file into a ``Table``; raise ``ImportFileError`` with a clear message.

    ``max_rows`` stops after that many data rows (the upload page needs only the header and a
    few examples).
    """
    check_size(len(data))
    if not data.strip():
        raise ImportFileError(_("The file is empty."))
    if sniff_format(data, filename) == "xlsx":
        return read_xlsx_table(data, progress, max_rows)
    return read_text_table(data, filename, progress, max_rows)
