"""``exportdesk triage``: one message as an argument, or JSON lines in and out, in order."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import CommandError, call_command


def _run(*args: str, stdin: str = "", monkeypatch: pytest.MonkeyPatch) -> list[dict]:
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    out = io.StringIO()
    call_command("triage", *args, "--no-embeddings", stdout=out)
    return [json.loads(line) for line in out.getvalue().splitlines()]


def test_a_message_given_as_argument_prints_the_contract_json(monkeypatch):
    [result] = _run("MOQ and price for 5000 pcs, FOB?", monkeypatch=monkeypatch)
    assert result["intents"] == ["price_quote", "moq"]
    assert result["quantity"] == {"value": 5000, "unit": "pcs"}
    assert result["incoterm"] == "FOB"


def test_jsonl_from_stdin_answers_every_line_in_input_order(monkeypatch):
    lines = [
        json.dumps({"text": "가격?"}),
        "not json",
        json.dumps({"text": "Hola, ¿pedido mínimo?"}),
        json.dumps({"body": "no text key"}),
        json.dumps({"text": "Hello"}),
    ]
    results = _run("--jsonl", "-", stdin="\n".join(lines) + "\n", monkeypatch=monkeypatch)
    assert [r.get("language") for r in results] == ["ko", None, "es", None, "en"]
    assert "error" in results[1] and "error" in results[3]
    assert results[4]["low_intent"] is True


def test_jsonl_from_a_file(tmp_path, monkeypatch):
    path = tmp_path / "messages.jsonl"
    path.write_text(json.dumps({"text": "Can you send samples?"}) + "\n", encoding="utf-8")
    [result] = _run("--jsonl", str(path), monkeypatch=monkeypatch)
    assert result["intents"] == ["sample"]


def test_a_missing_file_is_a_clear_error(tmp_path, monkeypatch):
    with pytest.raises(CommandError, match="no such file"):
        _run("--jsonl", str(tmp_path / "missing.jsonl"), monkeypatch=monkeypatch)
