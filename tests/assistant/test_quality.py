"""Quality bars of issue 5, measured on the labelled messages in tests/data/triage.

``dev`` (dev.jsonl) is all the tuning data: 1,879 messages from eleven writers (see
tests/assistant/quality.py), including five blind sets retired into it after they had been
measured once each. ``heldout`` (heldout7.jsonl) was written blind by a twelfth writer who
never saw the code or any other set. Both are reported (run with ``-s`` to see the report)
and the bars are asserted on both; the held-out tests skip, saying so, while the blind file
does not exist yet.
"""

from __future__ import annotations

import pytest

from tests.assistant.quality import Report, evaluate, exists, load, path_of

BARS = {
    "language_accuracy": 0.95,
    "intent_macro_f1": 0.85,
    "quantity_exact": 0.90,
    "price_exact": 0.90,
    "low_precision": 0.90,
}


class _Reports(dict[str, Report]):
    """Each split evaluated (and its report printed) the first time a test asks for it."""

    def __missing__(self, split: str) -> Report:
        report = self[split] = evaluate(split)
        print("\n".join(report.lines()))
        return report


@pytest.fixture(scope="module")
def reports() -> dict[str, Report]:
    return _Reports()


def _measures(report: Report) -> dict[str, float]:
    return {
        "language_accuracy": report.language_accuracy,
        "intent_macro_f1": report.intent_macro_f1,
        "quantity_exact": report.field_exact["quantity"],
        "price_exact": report.field_exact["target_price"],
        "low_precision": report.low_precision,
    }


def test_the_labelled_set_is_big_and_varied_enough():
    # on the tuning split alone: it must hold whether or not the blind file is there yet
    rows = load("dev")
    assert len(rows) >= 200
    assert len({row["language"] for row in rows}) >= 8
    intents = {intent for row in rows for intent in row["intents"]}
    assert intents >= {
        "price_quote", "moq", "sample", "shipping", "lead_time", "customization",
        "certification", "authenticity", "payment", "catalog", "order_followup",
        "partnership", "complaint", "other",
    }  # fmt: skip
    kinds = {row["low_intent_kind"] for row in rows if row["low_intent"]}
    assert kinds == {"spam", "scam", "service_pitch", "job_seeker", "empty_greeting"}
    for name in ("quantity", "target_price", "destination_country", "incoterm", "deadline_days"):
        assert sum(row[name] is not None for row in rows) >= 5, name
    assert sum(bool(row["certifications"]) for row in rows) >= 5


@pytest.mark.parametrize("bar", sorted(BARS))
def test_the_dev_split_meets_every_bar(reports, bar):
    assert _measures(reports["dev"])[bar] >= BARS[bar]


# Each blind set was measured once, aggregates only, before anyone read it; then it was read,
# tuned on and retired into dev, and a new writer wrote the next one. First measurements
# (language, intent macro-F1, quantity, target price):
#   heldout2 0.993 0.866 0.868 0.773    heldout3 0.988 0.865 0.888 0.800
#   heldout4 0.996 0.886 0.918 0.827    heldout5 0.996 0.903 0.910 0.878
#   heldout6 0.992 0.879 0.897 0.900    heldout7 0.992 0.884 0.965 0.946  (the file in use)
# Every bar holds on heldout7. The sets are about 95 target prices each, so one set's figure
# moves by about three points either way; the trend, not the last step, is the evidence.
@pytest.mark.parametrize("bar", sorted(BARS))
def test_the_heldout_split_meets_every_bar(reports, bar):
    if not exists("heldout"):
        pytest.skip(f"the blind held-out set {path_of('heldout')} is not written yet")
    assert _measures(reports["heldout"])[bar] >= BARS[bar]
