"""Optional LLM polish: a grounded prompt, replayed responses, and a fallback for every failure.

The responses in tests/data/llm/ are chat completions in the OpenAI wire format, served by a
real local HTTP server (127.0.0.1, no internet) so the real ``openai`` client is exercised:
request building, JSON parsing, HTTP errors and timeouts.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import date
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from exportdesk.assistant.drafting import (
    ArticleAnswer,
    BuyerFacts,
    DraftContext,
    SellerFacts,
    draft_reply,
)
from exportdesk.assistant.llm import (
    GroundingFacts,
    LlmConfig,
    build_messages,
    missing_facts,
    polish_draft,
    required_facts,
)
from exportdesk.assistant.pipeline import TriageContext, triage

DATA = Path(__file__).resolve().parent.parent / "data" / "llm"
HUNGARIAN_INQUIRY = (
    "Jó napot! 300 darabot szeretnénk rendelni, a célár 0,90 USD/db. "
    "Mennyi a szállítási díj Magyarországra?"
)
CONTEXT = DraftContext(
    buyer=BuyerFacts(contact_name="Anna", company="Beauty Kft", country="HU", grade="B",
                     sales_channel="own webshop"),
    seller=SellerFacts(company_name="Seoul Skin Lab", signer_name="Minji Park",
                       today=date(2026, 11, 27), moq=1000, lead_time_days=30,
                       list_price=1.50, currency="USD"),
    articles=(
        ArticleAnswer(7, "Shipping", {"en": "We ship by DHL Express: 3-5 working days to Europe."},
                      0.82),
        ArticleAnswer(8, "Halal", {"ko": "클렌저는 할랄 인증을 받았습니다."}, 0.05),
    ),
)  # fmt: skip
# Article 8 has no answer the English draft can use, so the draft leaves it out, and so does the
# grounding: only what the draft says may be polished.
USED_ARTICLES = (CONTEXT.articles[0],)
# model name -> what the replay server does
ROUTES = {
    "replay-translated": (200, "translated_hu.json"),
    "replay-dropped-date": (200, "dropped_date_hu.json"),
    "replay-empty": (200, "empty.json"),
    "replay-500": (500, "server_error.json"),
    "replay-timeout": (200, "translated_hu.json"),
}
SLOW_SECONDS = 2.0


@dataclass
class ReplayServer:
    base_url: str
    requests: list[dict[str, Any]] = field(default_factory=list)

    def config(self, model: str, timeout: float = 5.0) -> LlmConfig:
        return LlmConfig(base_url=self.base_url, model=model, api_key="sk-test", timeout=timeout)


@pytest.fixture(scope="module")
def replay_server() -> Iterator[ReplayServer]:
    state = ReplayServer(base_url="")

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
            state.requests.append(
                {"path": self.path, "body": body, "auth": self.headers.get("Authorization")}
            )
            if self.path != "/v1/chat/completions" or body.get("model") not in ROUTES:
                self._send(404, b'{"error": {"message": "not found"}}')
                return
            status, name = ROUTES[body["model"]]
            if body["model"] == "replay-timeout":
                time.sleep(SLOW_SECONDS)
            self._send(status, (DATA / name).read_bytes())

        def _send(self, status: int, payload: bytes) -> None:
            try:
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client gave up waiting (the timeout test)

        def log_message(self, format: str, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    server.block_on_close = False
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    state.base_url = f"http://127.0.0.1:{server.server_address[1]}/v1"
    yield state
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def draft():
    return draft_reply(triage(HUNGARIAN_INQUIRY, TriageContext(use_embeddings=False)), CONTEXT)


@pytest.fixture(scope="module")
def facts(draft):
    return GroundingFacts.from_context(CONTEXT, draft)


def _recorded_text(name: str) -> str:
    data = json.loads((DATA / name).read_text(encoding="utf-8"))
    return data["choices"][0]["message"]["content"]


def test_the_draft_under_test_is_an_english_fallback_with_dates_and_prices(draft):
    assert (draft.language, draft.buyer_language) == ("en", "hu")
    # "300 darabot" (accusative) is read as 300 pcs, under the MOQ: the small-batch option
    # ships by 2026-12-02, so that date comes first
    assert "Yes, we can start with 300 pcs" in draft.text
    assert required_facts(draft.text) == ("2026-12-02", "2026-12-01", "USD 0.90", "USD 1.50")


def test_the_prompt_forbids_invented_facts_and_asks_for_the_buyers_language(draft, facts):
    system, user = build_messages(draft, facts=facts, target_language="hu")
    assert system["role"] == "system" and user["role"] == "user"
    assert "Rewrite the draft in Hungarian" in system["content"]
    assert "Never invent facts, prices, discounts, quantities, dates" in system["content"]
    assert "Keep every option (A, B, C) and every next step" in system["content"]
    assert (
        "Dates and prices to copy exactly: 2026-12-02, 2026-12-01, USD 0.90, USD 1.50"
        in (user["content"])
    )
    assert "[article 7] We ship by DHL Express" in user["content"]
    assert "- sales channel: own webshop" in user["content"]
    assert user["content"].endswith(draft.text)


def test_the_prompt_holds_only_the_articles_the_draft_used_and_never_the_grade(draft, facts):
    assert dict(facts.articles) == {7: USED_ARTICLES[0].answers["en"]}
    prompt = json.dumps(
        build_messages(draft, facts=facts, target_language="hu"), ensure_ascii=False
    )
    assert "할랄" not in prompt
    assert "grade" not in prompt.lower()


def test_the_prompt_is_a_pure_function_of_its_inputs(draft, facts):
    first = build_messages(draft, facts=facts, target_language="hu")
    assert first == build_messages(draft, facts=facts, target_language="hu")


def test_a_replayed_translation_is_used_and_flagged_for_approval(replay_server, draft, facts):
    result = polish_draft(draft, config=replay_server.config("replay-translated"), facts=facts)
    assert result.used_llm
    assert result.needs_approval
    assert result.text == _recorded_text("translated_hu.json")
    assert result.note == "Polished by the LLM (replay-translated); check it before sending."
    request = replay_server.requests[-1]
    assert request["path"] == "/v1/chat/completions"
    assert request["auth"] == "Bearer sk-test"
    assert request["body"]["model"] == "replay-translated"
    assert request["body"]["messages"] == build_messages(draft, facts=facts, target_language="hu")


def test_a_server_error_falls_back_to_the_template_draft_with_a_note(replay_server, draft, facts):
    result = polish_draft(draft, config=replay_server.config("replay-500"), facts=facts)
    assert not result.used_llm
    assert result.text == draft.text
    assert result.note.startswith(
        "Template draft kept: the LLM request failed (InternalServerError"
    )


def test_a_timeout_falls_back_to_the_template_draft_with_a_note(replay_server, draft, facts):
    started = time.monotonic()
    result = polish_draft(
        draft, config=replay_server.config("replay-timeout", timeout=0.3), facts=facts
    )
    assert time.monotonic() - started < SLOW_SECONDS
    assert not result.used_llm
    assert result.text == draft.text
    assert result.note.startswith("Template draft kept: the LLM request failed (APITimeoutError")


def test_an_answer_that_drops_a_date_falls_back_and_names_the_date(replay_server, draft, facts):
    result = polish_draft(draft, config=replay_server.config("replay-dropped-date"), facts=facts)
    assert not result.used_llm
    assert result.text == draft.text
    assert result.note == "Template draft kept: the LLM answer left out 2026-12-02."


def test_an_empty_answer_falls_back(replay_server, draft, facts):
    result = polish_draft(draft, config=replay_server.config("replay-empty"), facts=facts)
    assert not result.used_llm
    assert result.note == "Template draft kept: the LLM returned an empty answer."


def test_an_unreachable_endpoint_falls_back(draft, facts):
    config = LlmConfig(base_url="http://127.0.0.1:9/v1", model="m", api_key="k", timeout=1)
    result = polish_draft(draft, config=config, facts=facts)
    assert not result.used_llm
    assert "APIConnectionError" in result.note


def test_a_client_factory_can_stand_in_for_the_openai_client(draft, facts):
    class Broken:
        def __init__(self, config: LlmConfig) -> None:
            raise RuntimeError("no key configured")

    result = polish_draft(draft, config=replace(LlmConfig("u", "m", "k")), facts=facts,
                          client_factory=Broken)  # fmt: skip
    assert result.note == (
        "Template draft kept: the LLM request failed (RuntimeError: no key configured)."
    )


@pytest.mark.parametrize(
    ("polished", "missing"),
    [
        ("Choose by 2026-12-01. Quote by 2026-12-02. Target USD 0.90, list USD 1.50.", ()),
        ("Choose by 2026-12-01. Target USD 0.90, list USD 1.50.", ("2026-12-02",)),
        ("Choose by 2026-12-01, 2026-12-02. Target 0,90 USD, list USD 1.50.", ("USD 0.90",)),
    ],
)
def test_missing_facts_lists_the_dates_and_prices_a_polished_text_lost(draft, polished, missing):
    assert missing_facts(draft.text, polished) == missing


def test_the_api_key_is_not_shown_in_the_config_repr():
    assert "sk-secret" not in repr(LlmConfig("http://x/v1", "m", "sk-secret"))
