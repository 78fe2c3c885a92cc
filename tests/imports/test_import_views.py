"""The import screens: upload → mapping → check → confirm, permissions and downloads."""

from __future__ import annotations

import csv
import io
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from exportdesk.buyers.models import Buyer
from exportdesk.imports.models import ImportJob
from tests.factories import make_buyer
from tests.imports.conftest import csv_bytes, xlsx_bytes

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("immediate_tasks")]

ROWS = [
    ["업체명", "국가/지역", "E-mail", "담당자"],
    ["서울뷰티", "대한민국", "kim@seoulbeauty.kr", "김민지"],
    ["Budapest Beauty Kft.", "Hungary", "anna@bb.hu", "Anna"],
]
BAD_ROWS = [*ROWS, ["Nowhere", "Atlantis", "x@nowhere.com", ""]]


def upload(
    client: Any,
    rows: list[list[str]],
    *,
    name: str = "buyers.csv",
    kind: str = "buyers",
    **options: Any,
) -> Any:
    data = xlsx_bytes(rows) if name.endswith(".xlsx") else csv_bytes(rows, **options)
    return client.post(
        reverse("imports:index"), {"kind": kind, "file": SimpleUploadedFile(name, data)}
    )


def map_and_check(client: Any, job: ImportJob) -> Any:
    page = client.get(reverse("imports:mapping", args=[job.pk]))
    form = page.context["form"]
    data = {f"col_{c['index']}": c["field"].value() or "" for c in form.columns}
    return client.post(reverse("imports:mapping", args=[job.pk]), data, follow=True)


def test_the_owner_imports_buyers_through_the_web(cast: Any, client_for: Any) -> None:
    client = client_for(cast.owner)
    response = upload(client, ROWS, encoding="cp949")
    job = ImportJob.objects.get()
    assert response.url == reverse("imports:mapping", args=[job.pk])
    assert job.encoding == "cp949"
    assert job.mapping == {"company": 0, "country": 1, "email": 2, "contact_name": 3}
    assert job.file.name.startswith("imports/")

    page = client.get(reverse("imports:mapping", args=[job.pk]))
    assert page.status_code == 200
    assert "서울뷰티" in page.content.decode()

    checked = map_and_check(client, job)
    job.refresh_from_db()
    assert job.status == "ready"
    assert job.counts["new"] == 2
    content = checked.content.decode()
    assert "New buyer" in content and "kim@seoulbeauty.kr" in content
    assert Buyer.objects.count() == 0, "checking writes nothing"

    done = client.post(reverse("imports:confirm", args=[job.pk]), follow=True)
    job.refresh_from_db()
    assert job.status == "done" and job.finished_at is not None
    assert job.counts["result_created"] == 2
    assert Buyer.objects.count() == 2
    assert "Imported at" in done.content.decode()


def test_a_file_with_problems_needs_valid_rows_only(cast: Any, client_for: Any) -> None:
    client = client_for(cast.owner)
    upload(client, BAD_ROWS)
    job = ImportJob.objects.get()
    page = map_and_check(client, job)
    content = page.content.decode()
    assert "Atlantis" in content and "Download every rejected row" in content

    refused = client.post(reverse("imports:confirm", args=[job.pk]), follow=True)
    assert "choose to import the valid rows only" in refused.content.decode()
    assert Buyer.objects.count() == 0

    client.post(reverse("imports:confirm", args=[job.pk]), {"valid_only": "on"})
    job.refresh_from_db()
    assert job.status == "done"
    assert Buyer.objects.count() == 2

    report = client.get(reverse("imports:rejected", args=[job.pk]))
    rows = list(csv.reader(io.StringIO(report.content.decode("utf-8-sig"))))
    assert rows[0] == ["Row", "Column", "Value", "Reason"]
    assert rows[1][:3] == ["4", "국가/지역", "Atlantis"]


def test_merges_with_existing_buyers_are_shown_before_importing(cast: Any, client_for: Any) -> None:
    make_buyer(company="Budapest Beauty", country="HU", email="ANNA@bb.hu")
    client = client_for(cast.owner)
    upload(client, ROWS, name="buyers.xlsx")
    page = map_and_check(client, ImportJob.objects.get())
    content = page.content.decode()
    assert "existing buyer Budapest Beauty" in content
    assert "by email" in content


def test_the_preview_page_makes_a_fixed_number_of_queries(
    cast: Any, client_for: Any, django_assert_num_queries: Any
) -> None:
    client = client_for(cast.owner)
    upload(client, BAD_ROWS * 20)
    job = ImportJob.objects.get()
    map_and_check(client, job)
    url = reverse("imports:job", args=[job.pk])
    client.get(url)
    # session, user, workspace settings, the job (problems list deferred), whatever its size,
    # and the inbox count in the navigation
    with django_assert_num_queries(5):
        response = client.get(url)
    assert response.status_code == 200


def test_progress_polls_while_running_and_reloads_when_done(cast: Any, client_for: Any) -> None:
    client = client_for(cast.owner)
    upload(client, ROWS)
    job = ImportJob.objects.get()
    ImportJob.objects.filter(pk=job.pk).update(
        status="running", progress=42, progress_note="Checking rows"
    )
    running = client.get(reverse("imports:progress", args=[job.pk]))
    body = running.content.decode()
    assert 'hx-trigger="every 1s"' in body and "42%" in body and "progress-bar" in body
    assert "HX-Refresh" not in running.headers
    ImportJob.objects.filter(pk=job.pk).update(status="done", progress=100)
    finished = client.get(reverse("imports:progress", args=[job.pk]))
    assert finished.headers["HX-Refresh"] == "true"


def test_a_viewer_cannot_import(cast: Any, client_for: Any) -> None:
    client = client_for(cast.viewer)
    assert client.get(reverse("imports:index")).status_code == 403
    assert upload(client, ROWS).status_code == 403
    assert ImportJob.objects.count() == 0


def test_a_rep_imports_but_sees_only_their_own_jobs(cast: Any, client_for: Any) -> None:
    client = client_for(cast.owner)
    upload(client, ROWS)
    owners_job = ImportJob.objects.get()
    rep = client_for(cast.rep)
    assert rep.get(reverse("imports:job", args=[owners_job.pk])).status_code == 404
    assert upload(rep, ROWS).status_code == 302
    assert ImportJob.objects.filter(created_by=cast.rep).count() == 1


def test_unreadable_and_oversized_uploads_are_refused_with_a_message(
    cast: Any, client_for: Any, settings: Any
) -> None:
    client = client_for(cast.owner)
    bad = client.post(
        reverse("imports:index"),
        {"kind": "buyers", "file": SimpleUploadedFile("b.csv", b"company\r\n\xff\xfe\x80\x81")},
    )
    assert "encoding could not be read" in bad.content.decode()
    settings.EXPORTDESK_IMPORT_MAX_BYTES = 10
    big = upload(client, ROWS)
    assert "files up to 10 B can be imported" in big.content.decode()
    old = client.post(
        reverse("imports:index"), {"kind": "buyers", "file": SimpleUploadedFile("b.xls", b"x")}
    )
    assert "old Excel file" in old.content.decode()
    assert ImportJob.objects.count() == 0


def test_cancel_deletes_the_uploaded_file(cast: Any, client_for: Any) -> None:
    client = client_for(cast.owner)
    upload(client, ROWS)
    job = ImportJob.objects.get()
    path = job.file.path
    client.post(reverse("imports:cancel", args=[job.pk]))
    job.refresh_from_db()
    assert job.status == "cancelled"
    import os

    assert not os.path.exists(path)


def test_exports_respect_what_the_user_may_see(cast: Any, client_for: Any) -> None:
    make_buyer(company="Mine", assigned_rep=cast.rep)
    make_buyer(company="Unassigned")
    make_buyer(company="Theirs", assigned_rep=cast.outsider)
    response = client_for(cast.rep).get(reverse("imports:export_buyers", args=["csv"]))
    assert response["Content-Disposition"].startswith('attachment; filename="exportdesk-buyers-')
    text = response.content.decode("utf-8-sig")
    assert "Mine" in text and "Unassigned" in text and "Theirs" not in text
    owner = client_for(cast.owner).get(reverse("imports:export_buyers", args=["xlsx"]))
    assert owner["Content-Type"].startswith("application/vnd.openxmlformats")
    assert (
        client_for(cast.owner).get(reverse("imports:export_orders", args=["csv"])).status_code
        == 200
    )
    assert (
        client_for(cast.owner).get(reverse("imports:export_buyers", args=["pdf"])).status_code
        == 404
    )
