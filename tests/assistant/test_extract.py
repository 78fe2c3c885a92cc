"""Extraction of quantities, prices, countries, incoterms, certificates and deadlines."""

from __future__ import annotations

import pytest

from exportdesk.assistant.extract import (
    Price,
    Quantity,
    extract_business,
    extract_certifications,
    extract_deadline_days,
    extract_destination_country,
    extract_incoterm,
    extract_quantity,
    extract_target_price,
    parse_number,
)


@pytest.mark.parametrize(
    ("raw", "value"),
    [("5000", 5000), ("5,000", 5000), ("5.000", 5000), ("10 000", 10000), ("1,2", 1.2),
     ("1.5", 1.5), ("1,234.56", 1234.56), ("1.234,56", 1234.56), ("0.800", 0.8)],
)  # fmt: skip
def test_numbers_are_read_the_way_the_writer_meant_them(raw, value):
    assert parse_number(raw) == pytest.approx(value)


@pytest.mark.parametrize(
    ("text", "quantity"),
    [
        ("We need 5000 pcs of 50ml toner", Quantity(5000, "pcs")),
        ("Quantity: 10,000 units", Quantity(10000, "units")),
        ("5k pcs please", Quantity(5000, "pcs")),
        ("1만개 주문하고 싶어요", Quantity(10000, "pcs")),
        ("3천개 가능?", Quantity(3000, "pcs")),
        ("2만 5천개", Quantity(25000, "pcs")),
        ("5.000 db kellene", Quantity(5000, "pcs")),
        ("300 cartons", Quantity(300, "cartons")),
        ("200 boxes by DHL", Quantity(200, "boxes")),
        ("500 kg of cream base", Quantity(500, "kg")),
        ("order 3000", Quantity(3000, "pcs")),
        ("请问5000个的价格", Quantity(5000, "pcs")),
        ("10 ribu pcs", Quantity(10000, "pcs")),
    ],
)
def test_the_ordered_quantity_is_found_with_its_unit(text, quantity):
    assert extract_quantity(text) == quantity


@pytest.mark.parametrize(
    "text",
    ["What size is it, 50ml?", "12 bottles arrived broken", "Hello", "Call me at 5 pm"],
)
def test_sizes_damage_counts_and_chatter_are_not_quantities(text):
    assert extract_quantity(text) is None


@pytest.mark.parametrize(
    ("text", "price"),
    [
        ("target price $1.20/pc", Price(1.2, "USD", "pcs")),
        ("USD 0.8 per unit", Price(0.8, "USD", "units")),
        ("1,2 € la pièce", Price(1.2, "EUR", "pcs")),
        ("₩1,500 개당", Price(1500, "KRW", "pcs")),
        ("our budget is 2.5 USD each", Price(2.5, "USD", "pcs")),
        ("1.200 Ft/db", Price(1200, "HUF", "pcs")),
        ("15 000 руб", Price(15000, "RUB", None)),
        ("Your price of $3 is too high, our target is $2.10/pc", Price(2.1, "USD", "pcs")),
    ],
)
def test_the_target_price_has_amount_currency_and_unit(text, price):
    assert extract_target_price(text) == price


def test_a_message_without_currency_has_no_price():
    assert extract_target_price("We need 5000 pcs in 30 days") is None


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("for the Hungarian market", "HU"),
        ("Magyarországra szállítanak?", "HU"),
        ("ship to Dubai", "AE"),
        ("CIF Jebel Ali", "AE"),
        ("we are in Vietnam, are these made in Korea?", "VN"),
        ("Somos de México", "MX"),
        ("Мы из Казахстана", "KZ"),
        ("베트남으로 수출", "VN"),
        ("Доставка в Москву", "RU"),
        ("we sell in the UK", "GB"),
        ("Are these made in Korea or China?", None),
        ("Korean cosmetics please", None),
    ],
)
def test_the_destination_country_comes_from_names_demonyms_and_cities(text, country):
    assert extract_destination_country(text) == country


@pytest.mark.parametrize(
    ("text", "incoterm"),
    [("price fob busan", "FOB"), ("DDP to Budapest", "DDP"), ("C&F Jeddah", "CFR"),
     ("EXW Incheon", "EXW"), ("just a dap of cream", None), ("no terms", None)],
)  # fmt: skip
def test_incoterms_are_found_and_normalised(text, incoterm):
    assert extract_incoterm(text) == incoterm


def test_certifications_are_returned_in_canonical_spelling():
    text = "FDA, CPNP, ISO 22716, Halal, MSDS, COA? KFDA? CE mark, SGS, vegan and cruelty-free"
    assert extract_certifications(text) == [
        "FDA", "CPNP", "ISO 22716", "Halal", "MSDS", "COA", "MFDS", "CE", "SGS", "Vegan",
        "Cruelty-free",
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("text", "days"),
    [("within 30 days", 30), ("in 2 weeks", 14), ("by the end of next month", 45),
     ("한 달 안에", 30), ("в течение 2 недель", 14), ("30 napon belül", 30), ("2-3 weeks", 21),
     ("Precisamos em 45 dias", 45), ("shelf life 3 years", None), ("no rush", None)],
)  # fmt: skip
def test_deadlines_are_converted_to_days(text, days):
    assert extract_deadline_days(text) == days


@pytest.mark.parametrize(
    ("text", "business_type", "channels"),
    [
        ("we are a distributor with 40 pharmacies", "distributor", ("pharmacies",)),
        ("I sell on Amazon", "online_seller", ("amazon",)),
        ("We are an importer in Kenya", "importer", ()),
        ("Hi", None, ()),
    ],
)
def test_business_type_and_sales_channels_are_read_when_stated(text, business_type, channels):
    business = extract_business(text)
    assert (business.business_type, business.sales_channels) == (business_type, channels)
