"""``exportdesk triage [TEXT]``: print the inquiry-understanding contract JSON for a message.

``--jsonl FILE|-`` reads one JSON object per line (``{"text": ...}``) and writes one result per
line, in input order; a line that is not such an object yields ``{"error": ...}`` in its place,
so output line N always answers input line N.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any, TextIO

from django.core.management.base import BaseCommand, CommandError, CommandParser

from exportdesk.assistant.pipeline import TriageContext, triage


class Command(BaseCommand):
    help = "Understand a buyer message: language, intents, quantities, prices, low intent (JSON)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("text", nargs="?", help="the message; read from stdin when omitted")
        parser.add_argument(
            "--jsonl",
            metavar="FILE",
            help='read {"text": ...} per line from FILE ("-" for stdin), write one result per line',
        )
        parser.add_argument(
            "--no-embeddings",
            action="store_true",
            help="lexical cues only (faster backfills; intents with no cue become 'other')",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        context = TriageContext(use_embeddings=not options["no_embeddings"])
        if options["jsonl"]:
            if options["text"]:
                raise CommandError("give either TEXT or --jsonl, not both")
            self._jsonl(options["jsonl"], context)
            return
        text = options["text"] if options["text"] is not None else sys.stdin.read()
        self.stdout.write(json.dumps(triage(text, context).to_dict(), ensure_ascii=False))

    def _jsonl(self, source: str, context: TriageContext) -> None:
        if source == "-":
            self._stream(sys.stdin, context)
            return
        path = Path(source)
        if not path.is_file():
            raise CommandError(f"no such file: {source}")
        with path.open(encoding="utf-8-sig", errors="replace") as stream:
            self._stream(stream, context)

    def _stream(self, stream: TextIO, context: TriageContext) -> None:
        for line in stream:
            if not line.strip():
                continue
            self.stdout.write(json.dumps(_triage_line(line, context), ensure_ascii=False))


def _triage_line(line: str, context: TriageContext) -> dict[str, Any]:
    """One output object for one input line, never raising on bad input."""
    try:
        item = json.loads(line)
    except json.JSONDecodeError as error:
        return {"error": f"not JSON: {error.msg}"}
    if not isinstance(item, dict) or not isinstance(item.get("text"), str):
        return {"error": 'expected an object with a "text" string'}
    return triage(item["text"], context).to_dict()
