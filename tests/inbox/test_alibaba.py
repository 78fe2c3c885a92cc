"""Reading Alibaba.com inquiries pasted by the seller or sent as notification mails."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from exportdesk.inbox.alibaba import (
    is_alibaba_sender,
    parse_alibaba_notification,
    parse_pasted_inquiry,
    resolve_country,
)

SAMPLES = Path(__file__).resolve().parents[1] / "data" / "inquiries"


def sample(name: str) -> str:
    return (SAMPLES / name).read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("file", "contact_name", "company", "country", "subject", "quantity", "level"),
    [
        (
            "en_notification.txt",
            "Peter Novak",
            "Budapest Beauty Kft",
            "HU",
            "Snail Mucin Repair Essence 100ml",
            "5,000 Pieces",
            "L3",
        ),
        (
            "en_message_centre.txt",
            "Maria Gonzalez",
            "Distribuidora Belleza S.A. de C.V.",
            "MX",
            "Inquiry about Centella Toner 200ml",
            "2000 Bottle/Bottles",
            "",
        ),
        (
            "ko_message_centre.txt",
            "Ahmed Al-Farsi",
            "Gulf Glow Trading LLC",
            "AE",
            "비타민C 세럼 30ml",
            "1,000개",
            "L2",
        ),
        (
            "vn_notification_korean_ui.txt",
            "Nguyen Thi Lan",
            "",
            "VN",
            "Hyaluronic Acid Cream 50g",
            "300 pcs",
            "",
        ),
    ],
)
def test_a_pasted_inquiry_yields_the_buyer_and_what_they_asked_for(
    file: str,
    contact_name: str,
    company: str,
    country: str,
    subject: str,
    quantity: str,
    level: str,
) -> None:
    inquiry = parse_pasted_inquiry(sample(file))
    assert (
        inquiry.contact_name,
        inquiry.company,
        inquiry.country,
        inquiry.subject,
        inquiry.quantity,
        inquiry.platform_level,
    ) == (contact_name, company, country, subject, quantity, level)


@pytest.mark.parametrize(
    ("file", "starts", "ends"),
    [
        ("en_notification.txt", "Hello,\nWe are a cosmetics distributor", "Best regards,\nPeter"),
        ("en_message_centre.txt", "Hi, we saw your centella toner", "What is the lead time?"),
        ("ko_message_centre.txt", "Salam, we need halal certificate", "for private label."),
        ("vn_notification_korean_ui.txt", "Chào bạn", "Hà Nội không?"),
    ],
)
def test_the_body_is_only_the_buyers_message_without_labels_or_alibaba_footer(
    file: str, starts: str, ends: str
) -> None:
    body = parse_pasted_inquiry(sample(file)).body
    assert body.startswith(starts)
    assert body.endswith(ends)
    for boilerplate in ("Reply Now", "Dear Supplier", "답장하기", "Country/Region", "발신 전용"):
        assert boilerplate not in body


def test_a_buyers_own_quantity_line_stays_in_the_body() -> None:
    inquiry = parse_pasted_inquiry(sample("en_message_centre.txt"))
    assert "Quantity: 2000 bottles for the first order" in inquiry.body


def test_a_shown_email_address_is_kept_lower_case() -> None:
    assert parse_pasted_inquiry(sample("en_message_centre.txt")).email == "compras@belleza-mx.com"


def test_text_without_any_label_is_all_body() -> None:
    text = sample("bare_message.txt")
    inquiry = parse_pasted_inquiry(text)
    assert inquiry.body == text.strip()
    assert (inquiry.contact_name, inquiry.company, inquiry.country) == ("", "", "")


def test_the_message_text_adds_the_form_fields_triage_would_otherwise_miss() -> None:
    inquiry = parse_pasted_inquiry(sample("ko_message_centre.txt"))
    assert inquiry.message_text().endswith("Product: 비타민C 세럼 30ml\nQuantity: 1,000개")
    assert inquiry.buyer_fields() == {"platform_level": "L2"}


@pytest.mark.parametrize(
    ("shown", "code"),
    [
        ("Hungary", "HU"),
        ("헝가리", "HU"),
        ("United States", "US"),
        ("🇩🇪 Germany", "DE"),
        ("Dubai, United Arab Emirates", "AE"),
        ("Atlantis", ""),
        ("", ""),
    ],
)
def test_a_shown_country_or_region_becomes_an_iso_code_or_nothing(shown: str, code: str) -> None:
    assert resolve_country(shown) == code


@pytest.mark.parametrize(
    ("sender", "expected"),
    [
        ("notification@service.alibaba.com", True),
        ("noreply@alibaba.com", True),
        ("buyer@notalibaba.com", False),
        ("alibaba.com@gmail.com", False),
    ],
)
def test_only_alibaba_domains_count_as_alibaba_senders(sender: str, expected: bool) -> None:
    assert is_alibaba_sender(sender) is expected


@pytest.mark.parametrize(
    ("subject", "sender", "recognised"),
    [
        ("You have a new inquiry from Peter Novak", "notification@service.alibaba.com", True),
        ("New message from Peter Novak", "noreply@alibaba.com", True),
        ("Nguyen Thi Lan님으로부터 새 문의가 도착했습니다", "notice@alibaba.com", True),
        ("You have a new inquiry from Peter Novak", "", True),
        ("You have a new inquiry from Peter Novak", "phisher@example.com", False),
        ("Price request for sheet masks", "notification@service.alibaba.com", False),
        ("Re: New message from Peter Novak", "peter@budapest-beauty.hu", False),
    ],
)
def test_a_notification_is_recognised_by_subject_and_alibaba_sender(
    subject: str, sender: str, recognised: bool
) -> None:
    found = parse_alibaba_notification(subject, sample("en_notification.txt"), "", sender=sender)
    assert (found is not None) is recognised


def test_a_notification_with_only_html_is_read_from_the_html() -> None:
    html = (
        "<html><body><p>Dear Supplier,</p><p>You have received a new inquiry from Ana Lima"
        " of Rio Beleza Ltda (Brazil).</p><p>Message:</p><p>Do you have an ANVISA"
        " registration?</p><p>Reply Now</p><p>Alibaba.com</p></body></html>"
    )
    found = parse_alibaba_notification("New inquiry from Ana Lima", "", html)
    assert found is not None
    assert (found.contact_name, found.company, found.country) == (
        "Ana Lima",
        "Rio Beleza Ltda",
        "BR",
    )
    assert found.body == "Do you have an ANVISA registration?"


def test_a_notification_names_the_buyer_from_the_subject_when_the_text_does_not() -> None:
    found = parse_alibaba_notification(
        "New message from Omar Haddad", "Message:\nHow much for 200 pcs?\nAlibaba.com", ""
    )
    assert found is not None
    assert found.contact_name == "Omar Haddad"


@given(st.text(max_size=400))
def test_any_pasted_text_parses_without_losing_the_text(text: str) -> None:
    inquiry = parse_pasted_inquiry(text)
    if text.strip():
        assert inquiry.body.strip()
