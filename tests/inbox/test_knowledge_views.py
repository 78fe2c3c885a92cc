"""The knowledge pages: list, form, delete and the "try a question" box."""

from __future__ import annotations

import pytest
from django.urls import reverse

from exportdesk.inbox.knowledge_base import clear_knowledge_cache
from exportdesk.inbox.knowledge_services import knowledge_article_create
from exportdesk.inbox.models import KnowledgeArticle

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture(autouse=True)
def _fresh_cache() -> None:
    clear_knowledge_cache()


def make_article(title: str = "Shipping", **fields):  # type: ignore[no-untyped-def]
    fields.setdefault("question_variants", ["How much is shipping to my country?", "배송비?"])
    fields.setdefault("answers", {"en": "DHL 3-5 days.", "ko": "DHL 3-5일."})
    fields.setdefault("intents", ["shipping"])
    return knowledge_article_create(actor=None, title=title, **fields)


def test_everyone_reads_the_list_but_only_editors_see_the_edit_buttons(cast, client_for) -> None:  # type: ignore[no-untyped-def]
    make_article(auto_reply_allowed=True)
    page = client_for(cast.viewer).get(reverse("inbox:knowledge"))
    assert page.status_code == 200
    html = page.content.decode()
    assert "Shipping" in html and "Auto-reply" in html
    assert reverse("inbox:knowledge_create") not in html
    html = client_for(cast.senior_rep).get(reverse("inbox:knowledge")).content.decode()
    assert reverse("inbox:knowledge_create") in html


def test_the_list_filters_by_search_and_intent_and_htmx_gets_only_the_results(
    cast, client_for
) -> None:  # type: ignore[no-untyped-def]
    make_article()
    make_article("MOQ", question_variants=["What is your MOQ?"], intents=["moq"])
    client = client_for(cast.rep)
    response = client.get(reverse("inbox:knowledge"), {"intent": "moq"}, **HTMX)
    html = response.content.decode()
    assert "<html" not in html
    assert "MOQ" in html and "How much is shipping" not in html
    assert "1 article" in html
    html = client.get(reverse("inbox:knowledge"), {"q": "배송비"}, **HTMX).content.decode()
    assert "How much is shipping" in html and "What is your MOQ" not in html


def test_the_list_makes_a_fixed_number_of_queries(
    cast, client_for, django_assert_max_num_queries
) -> None:  # type: ignore[no-untyped-def]
    client = client_for(cast.owner)
    client.get(reverse("inbox:knowledge"))
    for n in range(30):
        make_article(f"Article {n}", intents=["shipping", "moq"])
    with django_assert_max_num_queries(8):
        response = client.get(reverse("inbox:knowledge"))
    assert response.content.decode().count("bi-pencil") == 30


def test_reps_and_viewers_may_not_open_the_form_or_delete(cast, client_for) -> None:  # type: ignore[no-untyped-def]
    article = make_article()
    for user in (cast.rep, cast.viewer):
        client = client_for(user)
        assert client.get(reverse("inbox:knowledge_create")).status_code == 403
        assert (
            client.post(reverse("inbox:knowledge_edit", args=[article.pk]), {}).status_code == 403
        )
        assert client.post(reverse("inbox:knowledge_delete", args=[article.pk])).status_code == 403
    assert KnowledgeArticle.objects.count() == 1


def test_a_senior_rep_creates_an_article_with_an_extra_language(cast, client_for) -> None:  # type: ignore[no-untyped-def]
    response = client_for(cast.senior_rep).post(
        reverse("inbox:knowledge_create"),
        {
            "title": "",
            "questions": "Can you send samples?\r\n¿Pueden enviar muestras?\r\n",
            "answer_ko": "네, 3일 안에 보냅니다.",
            "answer_en": "Yes, within 3 days.",
            "intents": ["sample"],
            "auto_reply_allowed": "on",
            "extra_language": ["es", ""],
            "extra_answer": ["Sí, en 3 días.", ""],
        },
    )
    assert response.status_code == 302
    article = KnowledgeArticle.objects.get()
    assert article.title == "Can you send samples?"
    assert article.question_variants == ["Can you send samples?", "¿Pueden enviar muestras?"]
    assert article.answers == {
        "es": "Sí, en 3 días.",
        "ko": "네, 3일 안에 보냅니다.",
        "en": "Yes, within 3 days.",
    }
    assert article.intents == ["sample"] and article.auto_reply_allowed


def test_bad_input_shows_clear_errors_and_keeps_what_was_typed(cast, client_for) -> None:  # type: ignore[no-untyped-def]
    response = client_for(cast.manager).post(
        reverse("inbox:knowledge_create"),
        {
            "questions": "  \n ",
            "answer_ko": "",
            "answer_en": "",
            "intents": ["not_an_intent"],
            "extra_language": ["es"],
            "extra_answer": ["Sí."],
        },
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Write at least one question" in html
    assert "Write the answer in Korean or English." in html
    assert "Nothing was saved" in html
    assert "Sí." in html  # the extra answer is kept
    assert not KnowledgeArticle.objects.exists()


def test_the_create_form_is_prefilled_from_a_suggestion_link(cast, client_for) -> None:  # type: ignore[no-untyped-def]
    html = (
        client_for(cast.owner)
        .get(
            reverse("inbox:knowledge_create"),
            {"question": "Do you ship to Chile?", "intent": "shipping"},
        )
        .content.decode()
    )
    assert "Do you ship to Chile?" in html
    assert 'value="shipping" ' in html and "checked" in html


def test_editing_shows_the_article_and_saves_changes(cast, client_for) -> None:  # type: ignore[no-untyped-def]
    article = make_article(answers={"en": "DHL.", "ko": "DHL.", "vi": "DHL (vi)."})
    client = client_for(cast.owner)
    html = client.get(reverse("inbox:knowledge_edit", args=[article.pk])).content.decode()
    assert "DHL (vi)." in html and "How much is shipping" in html
    response = client.post(
        reverse("inbox:knowledge_edit", args=[article.pk]),
        {
            "title": "Shipping costs",
            "questions": "Shipping cost?",
            "answer_en": "About $10/kg.",
            "intents": ["shipping"],
            "extra_language": ["vi"],
            "extra_answer": ["Khoảng 10 USD/kg."],
        },
    )
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.title == "Shipping costs"
    assert article.answers == {"vi": "Khoảng 10 USD/kg.", "en": "About $10/kg."}


def test_deleting_asks_first_then_deletes(cast, client_for) -> None:  # type: ignore[no-untyped-def]
    article = make_article()
    client = client_for(cast.manager)
    page = client.get(reverse("inbox:knowledge_delete", args=[article.pk]))
    assert "cannot be undone" in page.content.decode()
    assert KnowledgeArticle.objects.exists()
    assert client.post(reverse("inbox:knowledge_delete", args=[article.pk])).status_code == 302
    assert not KnowledgeArticle.objects.exists()


def test_the_language_row_partial_offers_languages(cast, client_for) -> None:  # type: ignore[no-untyped-def]
    html = (
        client_for(cast.owner).get(reverse("inbox:knowledge_language_row"), **HTMX).content.decode()
    )
    assert 'name="extra_language"' in html and 'value="es"' in html


def test_trying_a_question_shows_the_articles_retrieval_finds_with_scores(cast, client_for) -> None:  # type: ignore[no-untyped-def]
    shipping = make_article(auto_reply_allowed=True)
    make_article("MOQ", question_variants=["What is your minimum order quantity?"], intents=["moq"])
    response = client_for(cast.viewer).get(
        reverse("inbox:knowledge_try"), {"q": "How much does shipping cost to Hungary?"}, **HTMX
    )
    html = response.content.decode()
    assert "<html" not in html
    assert shipping.title in html
    assert 'data-testid="score"' in html
    assert html.index("Shipping") < html.index('data-testid="score"')


def test_trying_a_question_nothing_answers_says_so(cast, client_for) -> None:  # type: ignore[no-untyped-def]
    client = client_for(cast.rep)
    html = client.get(
        reverse("inbox:knowledge_try"), {"q": "Do you ship?"}, **HTMX
    ).content.decode()
    assert "knowledge base is empty" in html
    make_article("MOQ", question_variants=["What is your minimum order quantity?"], intents=["moq"])
    html = client.get(
        reverse("inbox:knowledge_try"), {"q": "Can you send a halal certificate?"}, **HTMX
    ).content.decode()
    assert "No article answers this question" in html
    # without HTMX the same result comes in a whole page
    assert "<html" in client.get(reverse("inbox:knowledge_try"), {"q": "MOQ?"}).content.decode()
