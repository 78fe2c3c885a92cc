"""The fast write path: index rebuilds around big SQLite inserts, and its shortcuts' equivalence."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.db import connection, transaction

from exportdesk.accounts.models import WorkspaceSettings
from exportdesk.buyers.models import Buyer, BuyerEvent
from exportdesk.buyers.services import BuyerFacts, signals_from
from exportdesk.domain.grading import grade_buyer
from exportdesk.domain.identity import LEGAL_SUFFIXES, normalise_company_name
from exportdesk.imports import bulk
from exportdesk.imports.regrade import Grader
from exportdesk.imports.services import import_file
from exportdesk.imports.sources import base
from tests.factories import make_buyer

pytestmark = pytest.mark.django_db

sqlite_only = pytest.mark.skipif(
    connection.vendor != "sqlite", reason="the index rebuild is SQLite-only"
)

HEADER = ["업체명", "국가", "이메일", "Buyer ID", "바이어 등급", "직원 수", "연간 구매액", "태그"]


def indexes(table: str) -> list[tuple[str, str]]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = %s "
            "AND sql IS NOT NULL ORDER BY name",
            [table],
        )
        return list(cursor.fetchall())


def all_indexes() -> dict[str, list[tuple[str, str]]]:
    tables = (Buyer._meta.db_table, BuyerEvent._meta.db_table, Buyer.tags.through._meta.db_table)
    return {table: indexes(table) for table in tables}


def buyer_rows(count: int, start: int = 0) -> list[list[str]]:
    return [
        [
            f"Rebuild Trading {n} Ltd",
            ["미국", "DE", "Japan"][n % 3],
            f"r{n}@example{n % 7}.com",
            f"rb-{n}",
            f"L{n % 5}",
            "35",
            "US$ 120,000" if n % 4 == 0 else "",
            "vip, fair-2025" if n % 5 == 0 else "",
        ]
        for n in range(start, start + count)
    ]


@pytest.fixture
def rebuild_always(monkeypatch: pytest.MonkeyPatch) -> None:
    """Rebuild indexes for any insert (the real threshold is thousands of rows)."""
    monkeypatch.setattr(bulk, "REBUILD_MIN_ROWS", 1)
    monkeypatch.setattr(bulk, "REBUILD_RATIO", 1_000_000)


@sqlite_only
def test_the_indexes_are_dropped_during_the_insert_and_recreated_exactly(
    rebuild_always: None,
) -> None:
    table = Buyer._meta.db_table
    before = indexes(table)
    assert len(before) >= 10
    with transaction.atomic(), bulk.indexes_rebuilt(table, 10) as dropped:
        assert sorted(dropped) == sorted(name for name, _sql in before)
        assert indexes(table) == []
    assert indexes(table) == before


@sqlite_only
def test_unique_indexes_stay_during_the_insert(rebuild_always: None) -> None:
    table = Buyer.tags.through._meta.db_table
    unique = [(n, s) for n, s in indexes(table) if s.upper().startswith("CREATE UNIQUE")]
    assert unique
    with transaction.atomic(), bulk.indexes_rebuilt(table, 10) as dropped:
        assert not set(dropped) & {n for n, _s in unique}
        assert indexes(table) == unique


@sqlite_only
def test_small_inserts_and_inserts_into_big_tables_keep_their_indexes(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    table = Buyer._meta.db_table
    make_buyer()
    with transaction.atomic():
        with bulk.indexes_rebuilt(table, bulk.REBUILD_MIN_ROWS - 1) as dropped:
            assert dropped == []
        monkeypatch.setattr(bulk, "REBUILD_MIN_ROWS", 1)
        monkeypatch.setattr(bulk, "REBUILD_RATIO", 1)
        with bulk.indexes_rebuilt(table, 1) as dropped:
            assert dropped  # as many new rows as the table holds: rebuild
        make_buyer()
        with bulk.indexes_rebuilt(table, 1) as dropped:
            assert dropped == []  # fewer new rows than the table holds: update in place


@sqlite_only
def test_a_failure_during_the_insert_rolls_the_drop_back(rebuild_always: None) -> None:
    before = all_indexes()
    with (
        pytest.raises(RuntimeError),
        transaction.atomic(),
        bulk.indexes_rebuilt(Buyer._meta.db_table, 10),
    ):
        raise RuntimeError("disk full")
    assert all_indexes() == before


@sqlite_only
def test_a_caught_failure_still_rolls_the_transaction_back(rebuild_always: None) -> None:
    """Catching the error inside the transaction must not commit a table without indexes."""
    before = all_indexes()
    make_buyer(company="Kept Ltd")
    with transaction.atomic():
        make_buyer(company="Lost Ltd")
        try:
            with bulk.indexes_rebuilt(Buyer._meta.db_table, 10):
                raise RuntimeError("disk full")
        except RuntimeError:
            pass
    assert all_indexes() == before
    assert list(Buyer.objects.values_list("company", flat=True)) == ["Kept Ltd"]


@sqlite_only
def test_a_failed_large_import_keeps_every_index_and_writes_nothing(
    rebuild_always: None,
    write_file: Callable[..., Path],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    before = all_indexes()
    path = write_file("buyers.csv", [HEADER, *buyer_rows(30)])
    execute = bulk._execute

    def failing(sql: str, rows: Any) -> None:
        # The buyers go in, then the events insert fails while its indexes are dropped.
        if "buyerevent" in sql:
            assert indexes(BuyerEvent._meta.db_table) == []
            raise RuntimeError("event insert failed")
        execute(sql, rows)

    monkeypatch.setattr(bulk, "_execute", failing)
    with pytest.raises(RuntimeError):
        import_file(kind="buyers", path=path)
    assert all_indexes() == before
    assert not Buyer.objects.exists()
    assert not BuyerEvent.objects.exists()


def _snapshot() -> list[tuple[Any, ...]]:
    buyers = Buyer.objects.order_by("platform_buyer_id").values_list(
        "company",
        "normalized_company",
        "country",
        "email",
        "platform_level",
        "annual_purchase_minor",
        "grade",
        "grade_score",
        "grade_reasons",
        "win_factors",
    )
    tags = sorted(Buyer.tags.through.objects.values_list("buyer__platform_buyer_id", "tag__name"))
    events = sorted(
        (e.buyer.platform_buyer_id, e.kind, e.payload["row"], e.payload["grade"])
        for e in BuyerEvent.objects.filter(kind="imported").select_related("buyer")
    )
    return [*buyers, *tags, *events]


def test_a_large_import_writes_what_the_row_by_row_path_writes(
    write_file: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write_file("buyers.csv", [HEADER, *buyer_rows(40)])
    monkeypatch.setattr(bulk, "REBUILD_MIN_ROWS", 10**9)
    first = import_file(kind="buyers", path=path)
    assert first.result is not None and first.result["created"] == 40
    expected = _snapshot()
    before = all_indexes() if connection.vendor == "sqlite" else {}
    Buyer.objects.all().delete()

    monkeypatch.setattr(bulk, "REBUILD_MIN_ROWS", 1)
    monkeypatch.setattr(bulk, "REBUILD_RATIO", 1_000_000)
    second = import_file(kind="buyers", path=path)
    assert second.result == first.result
    assert _snapshot() == expected
    if connection.vendor == "sqlite":
        assert all_indexes() == before
    # And importing the same file again changes nothing.
    again = import_file(kind="buyers", path=path)
    assert again.result is not None
    assert (again.result["created"], again.result["updated"]) == (0, 0)
    assert again.result["unchanged"] == 40


def test_new_buyers_store_empty_json_defaults_and_shared_grade_reasons(
    write_file: Callable[..., Path],
) -> None:
    path = write_file("buyers.csv", [HEADER, *buyer_rows(6)])
    import_file(kind="buyers", path=path)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT win_factors, grade_reasons FROM {Buyer._meta.db_table}")  # noqa: S608
        stored = cursor.fetchall()
    assert {row[0] for row in stored} == {"{}"}
    for buyer in Buyer.objects.all():
        assert isinstance(buyer.grade_reasons, list) and buyer.grade_reasons


@pytest.mark.parametrize(
    "name",
    [
        "Budapest Beauty Kft.",
        "BUDAPEST BEAUTY KFT",
        "ABC Co., Ltd.",
        "X-Y (Pvt) Ltd",
        "a_b  c",
        "...",
        "",
        "Müller GmbH",
        "(주)한국무역",
        "Ｆｕｌｌ Ｗｉｄｔｈ Inc",
        *(f"Acme {suffix} Trading {suffix.upper()}." for suffix in sorted(LEGAL_SUFFIXES)),
    ],
)
def test_the_ascii_shortcut_normalises_names_like_the_domain_does(name: str) -> None:
    assert base.normalised_name(name) == normalise_company_name(name)


def test_the_grader_cache_grades_like_the_rubric_for_every_country() -> None:
    workspace = WorkspaceSettings.current()
    workspace.priority_countries = ["us", "DE"]
    grader = Grader(workspace)
    for country in ("US", "DE", "HU", "JP", "VN", ""):
        for level in ("", "L1", "L4"):
            for minor in (None, 12_000_000):
                buyer = bulk.new_instance(
                    Buyer,
                    company="Cache Ltd",
                    country=country,
                    platform_level=level,
                    company_size="small",
                    business_type="importer",
                    annual_purchase_minor=minor,
                    annual_purchase_currency="USD" if minor else "",
                )
                grader.apply_new(buyer)
                fresh = grade_buyer(
                    signals_from(buyer, BuyerFacts()),
                    weights=grader.weights,
                    a_threshold=grader.a_threshold,
                    b_threshold=grader.b_threshold,
                    priority_countries=grader.priority,
                )
                assert (buyer.grade, buyer.grade_score) == (fresh.grade, fresh.score)
                assert buyer.grade_reasons == fresh.reasons_as_dicts()
