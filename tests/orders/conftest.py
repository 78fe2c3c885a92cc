"""Helpers for the sample tests: buyers of a fixed grade, products, samples in any status."""

from __future__ import annotations

import itertools
from typing import Any

import pytest

from exportdesk.buyers.models import Buyer
from exportdesk.catalog.models import Product
from exportdesk.orders.models import Order, Sample
from exportdesk.orders.services import (
    sample_cancel,
    sample_convert,
    sample_mark_delivered,
    sample_mark_lost,
    sample_mark_sent,
    sample_request,
)
from tests.factories import make_buyer, make_order

_seq = itertools.count(1)


def graded_buyer(grade: str, **fields: Any) -> Buyer:
    """A registered buyer held at ``grade`` (locked, so the rubric cannot move it mid-test)."""
    buyer = make_buyer(**fields)
    Buyer.objects.filter(pk=buyer.pk).update(
        grade=grade, grade_locked=True, grade_lock_reason="test"
    )
    buyer.refresh_from_db()
    return buyer


def make_product(**fields: Any) -> Product:
    n = next(_seq)
    fields.setdefault("sku", f"SKU-{n:04d}")
    fields.setdefault("name_en", f"Serum {n}")
    fields.setdefault("name_ko", f"세럼 {n}")
    fields.setdefault("category", "skincare")
    return Product.objects.create(**fields)


def request_sample(buyer: Buyer, actor: Any = None, **kwargs: Any) -> Sample:
    kwargs.setdefault("cost_minor", 10_000)
    kwargs.setdefault("courier_cost_minor", 2_501)
    kwargs.setdefault("currency", "USD")
    return sample_request(buyer=buyer, actor=actor, **kwargs)


def bring_to(sample: Sample, status: str, actor: Any = None, order: Order | None = None) -> Sample:
    """Move a requested sample to ``status`` through the services, the way a user would."""
    if status == "requested":
        return sample
    if status == "cancelled":
        return sample_cancel(sample=sample, actor=actor)
    sample_mark_sent(sample=sample, actor=actor)
    if status == "sent":
        return sample
    sample_mark_delivered(sample=sample, actor=actor)
    if status == "delivered":
        return sample
    if status == "lost":
        return sample_mark_lost(sample=sample, actor=actor, reason="No reply after delivery")
    assert status == "converted"
    return sample_convert(sample=sample, actor=actor, order=order or make_order(sample.buyer))


@pytest.fixture
def products(db: None) -> list[Product]:
    return [make_product(sku="SER-01"), make_product(sku="TON-02"), make_product(sku="MSK-03")]
