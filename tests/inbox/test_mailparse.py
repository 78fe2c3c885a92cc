"""Parsing raw mails: headers in any charset, the buyer's new text, attachments, notifications."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from exportdesk.inbox.mailparse import (
    MalformedMail,
    html_to_text,
    parse_mail,
    strip_quoted_history,
)

MAILS = Path(__file__).resolve().parents[1] / "data" / "mail"
NOW = datetime(2026, 11, 29, 12, 0, tzinfo=UTC)


def mail(name: str) -> bytes:
    return (MAILS / name).read_bytes()


@pytest.mark.parametrize(
    ("file", "from_name", "from_address", "subject", "date"),
    [
        (
            "plain_utf8.eml",
            "Anna Dubois",
            "anna@lumiere-import.fr",
            "Price request for sheet masks",
            datetime(2026, 11, 27, 8, 15, tzinfo=UTC),
        ),
        (
            "korean_euckr.eml",
            "김민수",
            "minsu.kim@hanbit-trade.co.kr",
            "견적 요청: 마스크팩 5000개",
            datetime(2026, 11, 28, 1, 30, tzinfo=UTC),
        ),
        (
            "korean_raw_8bit_header.eml",
            "박지영",
            "jiyoung@daum.net",
            "샘플 문의",
            NOW,  # no Date header: the time it arrived
        ),
        (
            "html_only.eml",
            "Mehmet Yilmaz",
            "mehmet@istanbul-kozmetik.com.tr",
            "Catalogue request",
            datetime(2026, 11, 26, 11, 0, tzinfo=UTC),
        ),
        (
            "alibaba_notification.eml",
            "Alibaba.com",
            "notification@service.alibaba.com",
            "You have a new inquiry from Peter Novak",
            datetime(2026, 11, 28, 14, 41, 7, tzinfo=UTC),
        ),
    ],
)
def test_headers_are_decoded_and_the_date_is_utc(
    file: str, from_name: str, from_address: str, subject: str, date: datetime
) -> None:
    parsed = parse_mail(mail(file), now=NOW)
    assert (parsed.from_name, parsed.from_address, parsed.subject, parsed.date) == (
        from_name,
        from_address,
        subject,
        date,
    )
    assert parsed.date.tzinfo is UTC


@pytest.mark.parametrize(
    ("file", "body"),
    [
        (
            "korean_euckr.eml",
            "안녕하세요,\n마스크팩 5000개 견적 부탁드립니다.\n"
            "납기는 언제쯤 가능한가요?\n\n김민수 드림",
        ),
        (
            "korean_raw_8bit_header.eml",
            "샘플 3종 보내주실 수 있나요? 배송비는 제가 부담하겠습니다.",
        ),
        (
            "html_only.eml",
            "Hello,\n\nPlease send your full catalogue and price list.\n"
            "We are a distributor in Turkey & Azerbaijan.\n\nRegards,\nMehmet",
        ),
        (
            "reply_in_reply_to.eml",
            "Thank you! 3,000 masks at USD 0.85 works for us. Please send the proforma invoice."
            "\n\nAnna",
        ),
        (
            "multipart_attachment.eml",
            "Hi, attached is our purchase order for 1,200 toners. Please confirm the delivery"
            " date.\nJan",
        ),
    ],
)
def test_the_body_is_the_buyers_new_text(file: str, body: str) -> None:
    assert parse_mail(mail(file), now=NOW).body == body


def test_plain_text_is_preferred_to_html_and_attachments_are_listed() -> None:
    parsed = parse_mail(mail("multipart_attachment.eml"), now=NOW)
    assert "<p>" not in parsed.body
    assert parsed.attachments == ("PO-2026-118.pdf", "발주서_2026.xlsx")
    assert parsed.message_body().endswith("[Attachments: PO-2026-118.pdf, 발주서_2026.xlsx]")


def test_a_reply_carries_its_message_id_in_reply_to_and_references() -> None:
    parsed = parse_mail(mail("reply_in_reply_to.eml"), now=NOW)
    assert parsed.message_id == "<20261129080500.99@lumiere-import.fr>"
    assert parsed.in_reply_to == "<reply.1@seoulglow.co.kr>"
    assert parsed.references == (
        "<20261127091500.4711@lumiere-import.fr>",
        "<reply.1@seoulglow.co.kr>",
    )


def test_a_mail_without_message_id_gets_a_stable_one_from_its_bytes() -> None:
    raw = mail("korean_raw_8bit_header.eml")
    first, second = parse_mail(raw, now=NOW), parse_mail(raw)
    assert first.message_id == second.message_id
    assert first.message_id.endswith("@exportdesk.invalid>")


def test_an_alibaba_notification_speaks_for_the_buyer_inside_it() -> None:
    parsed = parse_mail(mail("alibaba_notification.eml"), now=NOW)
    assert parsed.alibaba is not None
    assert (parsed.alibaba.contact_name, parsed.alibaba.country) == ("Peter Novak", "HU")
    assert parsed.body.startswith("Hello, we are a cosmetics distributor")
    assert parsed.body.endswith("Quantity: 5,000 Pieces")
    assert not parsed.automated  # Alibaba marks it auto-generated; it is still an inquiry


@pytest.mark.parametrize(
    "file",
    ["plain_utf8.eml", "korean_euckr.eml", "html_only.eml", "reply_in_reply_to.eml"],
)
def test_ordinary_mails_are_not_alibaba_notifications(file: str) -> None:
    assert parse_mail(mail(file), now=NOW).alibaba is None


@pytest.mark.parametrize(
    ("file", "reason"),
    [
        ("malformed_no_from.eml", "no usable From address"),
        ("malformed_empty_body.eml", "no text and no attachment"),
        ("malformed_undecodable.eml", "cannot be decoded"),
    ],
)
def test_an_unusable_mail_raises_malformed_mail_with_the_reason(file: str, reason: str) -> None:
    with pytest.raises(MalformedMail) as caught:
        parse_mail(mail(file), now=NOW)
    assert reason in caught.value.reason


@pytest.mark.parametrize("raw", [b"", b"   \r\n", b"\x00\xff\xfe garbage without headers"])
def test_empty_or_headerless_bytes_are_malformed(raw: bytes) -> None:
    with pytest.raises(MalformedMail):
        parse_mail(raw, now=NOW)


@pytest.mark.parametrize(
    ("header", "automated"),
    [
        (b"Auto-Submitted: auto-replied\r\n", True),
        (b"Auto-Submitted: no\r\n", False),
        (b"", False),
    ],
)
def test_automatic_replies_are_flagged(header: bytes, automated: bool) -> None:
    raw = (
        b"From: Anna <anna@lumiere-import.fr>\r\nSubject: Out of office\r\n"
        + header
        + b"\r\nI am away until Monday.\r\n"
    )
    assert parse_mail(raw, now=NOW).automated is automated


def test_a_bounce_from_the_mailer_daemon_is_flagged_automated() -> None:
    raw = b"From: MAILER-DAEMON@mx.example.net\r\nSubject: Undelivered\r\n\r\nUser unknown\r\n"
    assert parse_mail(raw, now=NOW).automated


def test_a_date_far_in_the_future_is_replaced_by_the_arrival_time() -> None:
    raw = b"From: a@example.com\r\nDate: Mon, 1 Jan 2035 00:00:00 +0000\r\n\r\nHello there\r\n"
    assert parse_mail(raw, now=NOW).date == NOW


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        (
            "Yes, go ahead.\n\nOn Sat, 28 Nov 2026, Seoul Glow wrote:\n> Shall we ship?",
            "Yes, go ahead.",
        ),
        ("OK\n\nOn Sat, 28 Nov 2026 at 11:00, Seoul Glow <s@x.kr>\nwrote:\n> old", "OK"),
        (
            "좋습니다.\n\n2026년 11월 28일 (토) 오후 3:04, Seoul Glow <s@x.kr>님이 작성:\n> 견적",
            "좋습니다.",
        ),
        ("Fine.\n\n-----Original Message-----\nFrom: Seoul Glow\nSent: Monday", "Fine."),
        ("Fine.\n\nFrom: Seoul Glow <s@x.kr>\nSent: Monday, 30 November\nTo: me", "Fine."),
        ("Great\n> quoted line\nThanks", "Great\nThanks"),
        ("> only quoted text", "> only quoted text"),
        ("From: our side, the price is fine.", "From: our side, the price is fine."),
    ],
)
def test_quoted_history_is_dropped_but_never_everything(text: str, kept: str) -> None:
    assert strip_quoted_history(text) == kept


def test_html_quotes_scripts_and_entities_are_handled() -> None:
    html = (
        "<div>New text &amp; more</div><blockquote><p>old quoted</p></blockquote>"
        "<script>var x = 1;</script>"
    )
    text = html_to_text(html)
    assert text.startswith("New text & more")
    assert "var x" not in text
    assert strip_quoted_history(text) == "New text & more"


@settings(max_examples=60, deadline=None)
@given(st.binary(max_size=600))
def test_any_bytes_either_parse_or_raise_malformed_mail(raw: bytes) -> None:
    try:
        parsed = parse_mail(b"From: a@example.com\r\n" + raw, now=NOW)
    except MalformedMail:
        return
    assert parsed.from_address
