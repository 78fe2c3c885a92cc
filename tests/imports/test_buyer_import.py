"""Importing buyers: merges, idempotency, all-or-nothing, grades, tags and events."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from exportdesk.buyers.models import Buyer, BuyerEvent
from exportdesk.buyers.services import buyer_register
from exportdesk.imports.mapping import MappingError
from exportdesk.imports.parsing import ImportFileError
from exportdesk.imports.services import ImportRejectedError, import_file
from tests.factories import make_buyer, make_user

pytestmark = pytest.mark.django_db

HEADER = ["업체명", "국가", "이메일", "Buyer ID", "담당자", "바이어 등급", "직원 수", "연간 구매액"]


def run(path: Path, **options: Any) -> Any:
    return import_file(kind="buyers", path=path, **options)


def test_it_creates_graded_tagged_buyers_with_an_imported_event(
    write_file: Callable[..., Path],
) -> None:
    path = write_file(
        "buyers.csv",
        [
            HEADER,
            [
                "Budapest Beauty Kft.",
                "헝가리",
                "anna@bb.hu",
                "ali-1",
                "Anna",
                "L3",
                "35",
                "US$ 120,000",
            ],
        ],
    )
    outcome = run(path)
    buyer = Buyer.objects.get()
    assert outcome.result["created"] == 1
    assert (buyer.company, buyer.country, buyer.platform_level, buyer.company_size) == (
        "Budapest Beauty Kft.",
        "HU",
        "L3",
        "small",
    )
    assert (buyer.annual_purchase_minor, buyer.annual_purchase_currency) == (12_000_000, "USD")
    assert buyer.normalized_company == "budapest beauty"
    reference = buyer_register(
        actor=None,
        company="Twin",
        country="HU",
        platform_level="L3",
        company_size="small",
        annual_purchase_minor=12_000_000,
        annual_purchase_currency="USD",
        email="twin@x.hu",
    )
    assert (buyer.grade, buyer.grade_score) == (reference.grade, reference.grade_score)
    assert buyer.grade_reasons == reference.grade_reasons
    assert {t.name for t in buyer.tags.all()} >= {f"grade:{buyer.grade}", "level:L3"}
    event = BuyerEvent.objects.get(buyer=buyer)
    assert event.kind == "imported"
    assert event.payload["file"] == "buyers.csv"
    assert event.payload["row"] == 2


@pytest.mark.parametrize(
    ("existing", "row", "matched_by"),
    [
        (
            {"platform_buyer_id": "ali-7", "email": "old@x.com"},
            ["Other Name", "US", "new@x.com", "ali-7"],
            "platform_buyer_id",
        ),
        ({"email": "Anna@BB.hu"}, ["Whatever Ltd", "DE", "anna@bb.HU", ""], "email"),
        (
            {"company": "Budapest Beauty Kft.", "country": "HU"},
            ["BUDAPEST BEAUTY KFT", "헝가리", "", ""],
            "company_country",
        ),
    ],
)
def test_rows_merge_into_existing_buyers_by_platform_id_then_email_then_name_and_country(
    write_file: Callable[..., Path], existing: dict[str, str], row: list[str], matched_by: str
) -> None:
    buyer = make_buyer(**existing)
    outcome = run(write_file("b.csv", [HEADER[:4], row]))
    assert Buyer.objects.count() == 1
    assert outcome.plan.merges[0]["buyer_id"] == buyer.pk
    assert outcome.plan.merges[0]["by"] == matched_by
    event = BuyerEvent.objects.filter(buyer=buyer, kind="merged_from_import").get()
    assert event.payload["matched_by"] == matched_by
    assert event.payload["rows"] == [2]


def test_a_platform_id_beats_an_email_match(write_file: Callable[..., Path]) -> None:
    by_email = make_buyer(email="shared@x.com", platform_buyer_id="")
    by_id = make_buyer(email="other@x.com", platform_buyer_id="ali-9")
    run(write_file("b.csv", [HEADER[:4], ["Acme", "US", "shared@x.com", "ali-9"]]))
    by_id.refresh_from_db()
    by_email.refresh_from_db()
    assert by_id.email == "shared@x.com"
    assert by_email.platform_buyer_id == ""


def test_different_platform_ids_are_different_buyers_even_with_one_email(
    write_file: Callable[..., Path],
) -> None:
    make_buyer(email="team@x.com", platform_buyer_id="ali-1", company="Acme", country="US")
    run(write_file("b.csv", [HEADER[:4], ["Acme", "US", "team@x.com", "ali-2"]]))
    assert Buyer.objects.count() == 2


def test_duplicates_within_the_file_merge_into_one_new_buyer(
    write_file: Callable[..., Path],
) -> None:
    outcome = run(
        write_file(
            "b.csv",
            [
                HEADER[:5],
                ["Seoul Trade", "KR", "info@st.kr", "", "Kim"],
                ["SEOUL TRADE Co., Ltd.", "대한민국", "", "", ""],
                ["", "", "INFO@st.kr", "st-1", ""],
            ],
        )
    )
    buyer = Buyer.objects.get()
    assert buyer.platform_buyer_id == "st-1"
    assert buyer.contact_name == "Kim"
    assert outcome.plan.counts["merged_rows"] == 2
    event = BuyerEvent.objects.get(buyer=buyer)
    assert event.payload["merged_rows"] == [3, 4]


def test_empty_cells_never_overwrite_existing_values(write_file: Callable[..., Path]) -> None:
    buyer = make_buyer(
        email="anna@bb.hu", contact_name="Anna", phone="+36 1 234", platform_level="L2"
    )
    run(
        write_file(
            "b.csv", [["Email", "Contact", "Phone", "Buyer Level"], ["anna@bb.hu", "", "", "L4"]]
        )
    )
    buyer.refresh_from_db()
    assert (buyer.contact_name, buyer.phone, buyer.platform_level) == ("Anna", "+36 1 234", "L4")
    event = BuyerEvent.objects.get(buyer=buyer, kind="merged_from_import")
    assert event.payload["changes"] == {"platform_level": ["L2", "L4"]}


def test_importing_the_same_file_twice_changes_nothing(write_file: Callable[..., Path]) -> None:
    path = write_file(
        "b.csv",
        [
            [*HEADER, "태그", "최초 문의일"],
            [
                "Seoul Trade",
                "KR",
                "info@st.kr",
                "",
                "Kim",
                "2",
                "120",
                "₩150,000,000",
                "vip",
                "2026.01.05",
            ],
            ["Budapest Beauty", "HU", "anna@bb.hu", "ali-1", "Anna", "L3", "", "", "", ""],
            ["Budapest Beauty", "HU", "", "", "Anna K", "", "", "", "eu, vip", ""],
        ],
    )
    first = run(path)
    snapshot = list(Buyer.objects.order_by("pk").values())
    events = BuyerEvent.objects.count()
    links = Buyer.tags.through.objects.count()
    second = run(path)
    assert first.result["created"] == 2
    assert second.result == {"created": 0, "updated": 0, "unchanged": 2, "events": 0}
    assert list(Buyer.objects.order_by("pk").values()) == snapshot
    assert BuyerEvent.objects.count() == events
    assert Buyer.tags.through.objects.count() == links


def test_a_file_with_errors_imports_nothing(write_file: Callable[..., Path]) -> None:
    path = write_file(
        "b.csv", [HEADER[:3], ["Good Co", "US", "a@good.com"], ["Bad Co", "Atlantis", "b@bad.com"]]
    )
    with pytest.raises(ImportRejectedError, match="nothing was imported"):
        run(path)
    assert Buyer.objects.count() == 0
    assert BuyerEvent.objects.count() == 0


def test_valid_only_imports_the_good_rows_and_reports_the_rest(
    write_file: Callable[..., Path],
) -> None:
    path = write_file(
        "b.csv",
        [
            HEADER[:3],
            ["Good Co", "US", "a@good.com"],
            ["Bad Co", "Atlantis", "b@bad.com"],
            ["", "", "x@y.com"],
        ],
    )
    outcome = run(path, valid_only=True)
    assert list(Buyer.objects.values_list("company", flat=True)) == ["Good Co"]
    problems = [(p.row, p.column) for p in outcome.plan.sorted_problems()]
    assert problems == [(3, "국가"), (4, "업체명")]


def test_a_dry_run_writes_nothing(write_file: Callable[..., Path]) -> None:
    outcome = run(write_file("b.csv", [HEADER[:3], ["Good Co", "US", "a@good.com"]]), dry_run=True)
    assert outcome.plan.counts["new"] == 1
    assert outcome.result is None
    assert Buyer.objects.count() == 0


def test_a_rep_cannot_change_another_reps_buyer(write_file: Callable[..., Path]) -> None:
    rep, other = make_user(), make_user()
    make_buyer(email="theirs@x.com", assigned_rep=other)
    path = write_file(
        "b.csv", [HEADER[:3], ["Theirs", "US", "theirs@x.com"], ["Mine", "US", "mine@x.com"]]
    )
    outcome = run(path, actor=rep, valid_only=True)
    assert "another rep" in outcome.plan.problems[0].reason
    mine = Buyer.objects.get(email="mine@x.com")
    assert mine.assigned_rep == rep


def test_assigned_reps_are_found_by_user_name_or_email(write_file: Callable[..., Path]) -> None:
    rep = make_user(username="minji", email="minji@seller.kr")
    path = write_file(
        "b.csv",
        [
            ["Company", "Country", "Sales Rep"],
            ["A", "US", "minji"],
            ["B", "US", "MINJI@seller.kr"],
            ["C", "US", "nobody"],
        ],
    )
    outcome = run(path, valid_only=True)
    assert set(Buyer.objects.values_list("assigned_rep", flat=True)) == {rep.pk}
    assert outcome.plan.problems[0].row == 4


def test_an_xlsx_file_imports_like_its_csv(write_file: Callable[..., Path]) -> None:
    rows = [HEADER[:4], ["Seoul Trade", "KR", "info@st.kr", "st-1"]]
    run(write_file("b.xlsx", rows))
    assert Buyer.objects.get().platform_buyer_id == "st-1"


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.binary(max_size=600), name=st.sampled_from(["b.csv", "b.xlsx", "b.txt"]))
def test_random_bytes_never_crash_or_import_part_of_a_file(
    tmp_path: Path, data: bytes, name: str
) -> None:
    path = tmp_path / name
    path.write_bytes(b"company,country\r\nSeoul Trade,KR\r\n" + data if data[:1] == b"+" else data)
    before = (Buyer.objects.count(), BuyerEvent.objects.count())
    try:
        outcome = run(path)
    except (ImportFileError, ImportRejectedError, MappingError) as exc:
        assert str(exc)
        assert (Buyer.objects.count(), BuyerEvent.objects.count()) == before
    else:
        assert outcome.result is not None
        assert not outcome.plan.problems
