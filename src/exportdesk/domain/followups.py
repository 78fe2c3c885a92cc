"""Follow-up rules: who to contact, when, why, and a friendly message to start from.

The best sellers do not wait for the reorder: they check in after delivery, ask how the goods
sell, tell buyers about new products and wake dormant buyers up. ``due_followups`` turns plain
facts about buyers into ``DueFollowUp`` items; each carries a ``key`` that names its reason
(``post_delivery_checkin:order:12``) so the caller never creates two follow-ups for one reason.

Rules (days from ``FollowUpRules``, defaults in brackets):

* post-delivery check-in: an order delivered → due ``checkin_days`` later [14];
* review request: a delivered order with no review → due ``review_days`` later [7];
* reorder due: a predicted next order → due ``reorder_lead_days`` before it [7] (once per last
  order: a prediction that moves day by day does not make a new follow-up);
* dormant reactivation: no contact for ``dormant_days[grade]`` [A 30, B 60, C 90] (once per
  last contact);
* sample follow-up: a sample delivered and no order since → due ``sample_days`` later [14];
* new-product alert: a product launched in the last ``new_product_days`` [30] in a category the
  buyer bought or asked about → due on launch.

Only items due by ``now + lookahead_days`` [0] are returned, and none older than
``stale_days`` [45] (a first run on years of history must not flood the Today page with
check-ins for orders delivered long ago). Items come A buyers first, then by due date.

Messages are templates in English, Korean and Spanish (``MESSAGE_LANGUAGES``); other languages
get English. Pure Python: no Django (DESIGN.md, rule 1).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, tzinfo

POST_DELIVERY_CHECKIN = "post_delivery_checkin"
REORDER_DUE = "reorder_due"
DORMANT = "dormant"
REVIEW_REQUEST = "review_request"
SAMPLE_FOLLOWUP = "sample_followup"
NEW_PRODUCT_ALERT = "new_product_alert"
KINDS = (
    POST_DELIVERY_CHECKIN,
    REORDER_DUE,
    DORMANT,
    REVIEW_REQUEST,
    SAMPLE_FOLLOWUP,
    NEW_PRODUCT_ALERT,
)
GRADE_ORDER = {"A": 0, "B": 1, "C": 2}


def _default_dormant_days() -> dict[str, int]:
    # A buyers are worth a nudge sooner: a month of silence from them is already a signal.
    return {"A": 30, "B": 60, "C": 90}


@dataclass(frozen=True)
class FollowUpRules:
    """The days the rules wait; the defaults are the house practice, not laws."""

    checkin_days: int = 14
    review_days: int = 7
    reorder_lead_days: int = 7
    dormant_days: Mapping[str, int] = field(default_factory=_default_dormant_days)
    sample_days: int = 14
    new_product_days: int = 30
    lookahead_days: int = 0
    stale_days: int = 45


@dataclass(frozen=True)
class DeliveredOrder:
    """An order the buyer has received."""

    order_id: int
    number: str
    delivered_at: datetime
    reviewed: bool = False
    product: str = ""  # the main product's name, for the message ("the serum")


@dataclass(frozen=True)
class DeliveredSample:
    """A sample the buyer has received; ``ordered_since`` if an order followed it."""

    sample_id: int
    delivered_at: datetime
    ordered_since: bool = False
    product: str = ""


@dataclass(frozen=True)
class Launch:
    """A product launched on ``launched_on`` in ``category``."""

    product_id: int
    name: str
    category: str
    launched_on: date


@dataclass(frozen=True)
class BuyerFacts:
    """What the rules read about one buyer."""

    buyer_id: int
    grade: str = "C"
    language: str = "en"
    contact_name: str = ""
    company: str = ""
    last_contact_at: datetime | None = None
    delivered_orders: Sequence[DeliveredOrder] = ()
    delivered_samples: Sequence[DeliveredSample] = ()
    next_order_on: date | None = None
    last_order_on: date | None = None
    last_product: str = ""
    categories: frozenset[str] = frozenset()


@dataclass(frozen=True)
class DueFollowUp:
    """One follow-up to create: ``key`` is unique per buyer, kind and subject."""

    buyer_id: int
    kind: str
    due_at: datetime
    key: str
    grade: str
    reason: str
    message: str
    # ``reason`` as numbers for the UI to say in the seller's language; the code is ``kind``.
    reason_params: Mapping[str, str | int] = field(default_factory=dict)


def _at_start_of(day: date, zone: tzinfo | None) -> datetime:
    return datetime.combine(day, time(9, 0), tzinfo=zone)


def due_followups(
    buyers: Iterable[BuyerFacts],
    *,
    now: datetime,
    launches: Sequence[Launch] = (),
    rules: FollowUpRules | None = None,
) -> list[DueFollowUp]:
    """Every follow-up due by ``now`` (+ lookahead) for these buyers, A buyers first.

    ``now`` must be timezone-aware; dates (next order, launch) become 09:00 in its zone.
    """
    if now.tzinfo is None:
        raise ValueError("now must be timezone-aware")
    rules = rules or FollowUpRules()
    horizon = now + timedelta(days=rules.lookahead_days)
    oldest = now - timedelta(days=rules.stale_days)
    recent_launches = [
        launch
        for launch in launches
        if now.date() - timedelta(days=rules.new_product_days) <= launch.launched_on <= now.date()
    ]
    items: list[DueFollowUp] = []

    for facts in buyers:
        for kind, due, key, (reason, params), product in _candidates(
            facts, now, rules, recent_launches
        ):
            if oldest <= due <= horizon:
                items.append(
                    DueFollowUp(
                        buyer_id=facts.buyer_id,
                        kind=kind,
                        due_at=due,
                        key=key,
                        grade=facts.grade,
                        reason=reason,
                        reason_params=params,
                        message=suggested_message(kind, facts, product=product),
                    )
                )
    items.sort(key=lambda item: (GRADE_ORDER.get(item.grade, 9), item.due_at, item.key))
    return items


# The English reason of each rule; the app translates the same texts (orders.templatetags).
REASONS = {
    POST_DELIVERY_CHECKIN: "Order %(number)s was delivered %(days)s days before.",
    REVIEW_REQUEST: "Order %(number)s was delivered and has no review yet.",
    REORDER_DUE: "The next order is expected around %(date)s.",
    DORMANT: "No contact for %(days)s days (grade %(grade)s).",
    SAMPLE_FOLLOWUP: "A sample was delivered %(days)s days before and no order followed.",
    NEW_PRODUCT_ALERT: "New product %(product)s in %(category)s, a category this buyer bought "
    "or asked about.",
}


def _reason(kind: str, **params: str | int) -> tuple[str, dict[str, str | int]]:
    return REASONS[kind] % params, params


def _candidates(
    facts: BuyerFacts, now: datetime, rules: FollowUpRules, launches: Sequence[Launch]
) -> Iterable[tuple[str, datetime, str, tuple[str, dict[str, str | int]], str]]:
    """(kind, due at, key, (reason, its numbers), product) of every rule that applies, due or
    not yet. The reason texts are ``REASONS[kind] % numbers``."""
    for order in facts.delivered_orders:
        yield (
            POST_DELIVERY_CHECKIN,
            order.delivered_at + timedelta(days=rules.checkin_days),
            f"{POST_DELIVERY_CHECKIN}:order:{order.order_id}",
            _reason(POST_DELIVERY_CHECKIN, number=order.number, days=rules.checkin_days),
            order.product,
        )
        if not order.reviewed:
            yield (
                REVIEW_REQUEST,
                order.delivered_at + timedelta(days=rules.review_days),
                f"{REVIEW_REQUEST}:order:{order.order_id}",
                _reason(REVIEW_REQUEST, number=order.number),
                order.product,
            )
    if facts.next_order_on is not None and facts.last_order_on is not None:
        due_day = facts.next_order_on - timedelta(days=rules.reorder_lead_days)
        yield (
            REORDER_DUE,
            _at_start_of(due_day, now.tzinfo),
            f"{REORDER_DUE}:buyer:{facts.buyer_id}:after:{facts.last_order_on.isoformat()}",
            _reason(REORDER_DUE, date=facts.next_order_on.isoformat()),
            facts.last_product,
        )
    dormant_after = rules.dormant_days.get(facts.grade)
    if facts.last_contact_at is not None and dormant_after:
        yield (
            DORMANT,
            facts.last_contact_at + timedelta(days=dormant_after),
            f"{DORMANT}:buyer:{facts.buyer_id}:since:{facts.last_contact_at.date().isoformat()}",
            _reason(DORMANT, days=dormant_after, grade=facts.grade),
            facts.last_product,
        )
    for sample in facts.delivered_samples:
        if not sample.ordered_since:
            yield (
                SAMPLE_FOLLOWUP,
                sample.delivered_at + timedelta(days=rules.sample_days),
                f"{SAMPLE_FOLLOWUP}:sample:{sample.sample_id}",
                _reason(SAMPLE_FOLLOWUP, days=rules.sample_days),
                sample.product,
            )
    for launch in launches:
        if launch.category in facts.categories:
            yield (
                NEW_PRODUCT_ALERT,
                _at_start_of(launch.launched_on, now.tzinfo),
                f"{NEW_PRODUCT_ALERT}:buyer:{facts.buyer_id}:product:{launch.product_id}",
                _reason(NEW_PRODUCT_ALERT, product=launch.name, category=launch.category),
                launch.name,
            )


# --------------------------------------------------------------------------------------------
# Suggested messages
# --------------------------------------------------------------------------------------------

MESSAGE_LANGUAGES = ("en", "ko", "es")
# Where a buyer wrote nothing yet, the country's main language is the best guess.
SPANISH_COUNTRIES = frozenset(
    {"ES", "MX", "AR", "CO", "CL", "PE", "VE", "EC", "GT", "CU", "BO"}
    | {"DO", "HN", "PY", "SV", "NI", "CR", "PA", "UY", "PR", "GQ"}
)

_GREETING = {"en": "Hi {name},", "ko": "{name}님, 안녕하세요.", "es": "Hola {name}:"}
_TEMPLATES: dict[str, dict[str, str]] = {
    POST_DELIVERY_CHECKIN: {
        "en": "How have you been? I hope the goods arrived in good shape. How is {product} "
        "selling so far, and is there anything your customers are asking about?",
        "ko": "잘 지내셨나요? 물건은 잘 받으셨는지요. {product} 판매는 어떠신가요? 고객분들이 "
        "궁금해하시는 점이 있으면 편하게 알려 주세요.",
        "es": "¿Cómo ha estado? Espero que la mercancía haya llegado bien. ¿Qué tal se está "
        "vendiendo {product}? Si sus clientes preguntan algo, con gusto le ayudo.",
    },
    REVIEW_REQUEST: {
        "en": "Thank you again for your order. If you have a minute, a short review of {product} "
        "would help us a lot, and any feedback is welcome.",
        "ko": "다시 한 번 주문 감사드립니다. 시간이 괜찮으시면 {product}에 대한 짧은 리뷰를 "
        "남겨 주시면 큰 도움이 됩니다. 어떤 의견이든 환영합니다.",
        "es": "Gracias de nuevo por su pedido. Si tiene un minuto, una breve reseña de {product} "
        "nos ayudaría mucho; cualquier comentario es bienvenido.",
    },
    REORDER_DUE: {
        "en": "How have you been? I was wondering how {product} is doing in your market. If "
        "stock is getting low, I can check our production schedule for you, no rush.",
        "ko": "잘 지내셨나요? {product} 반응은 어떤지 궁금해서 연락드렸어요. 재고가 얼마 남지 "
        "않았다면 생산 일정을 미리 확인해 드릴게요. 급하실 필요는 없습니다.",
        "es": "¿Cómo ha estado? Quería saber cómo va {product} en su mercado. Si el stock está "
        "bajando, puedo revisar nuestro calendario de producción, sin ninguna prisa.",
    },
    DORMANT: {
        "en": "It has been a while, I hope business is going well. We have a few updates that "
        "might interest you; would you like me to send our latest catalog?",
        "ko": "오랜만에 인사드립니다. 사업은 잘 되고 계시지요? 관심 가지실 만한 소식이 있어서요. "
        "최신 카탈로그를 보내 드려도 될까요?",
        "es": "Ha pasado un tiempo, espero que el negocio vaya bien. Tenemos algunas novedades "
        "que podrían interesarle; ¿le envío nuestro catálogo más reciente?",
    },
    SAMPLE_FOLLOWUP: {
        "en": "I hope the samples of {product} arrived safely. What did you and your team think? "
        "Happy to answer any questions about pricing or MOQ.",
        "ko": "{product} 샘플은 잘 받으셨나요? 사용해 보신 느낌이 어떠셨는지 궁금합니다. 가격이나 "
        "MOQ 관련해서 궁금하신 점이 있으면 편하게 물어봐 주세요.",
        "es": "Espero que las muestras de {product} hayan llegado bien. ¿Qué le parecieron a "
        "usted y a su equipo? Con gusto respondo cualquier pregunta sobre precio o MOQ.",
    },
    NEW_PRODUCT_ALERT: {
        "en": "We just launched {product}, and I thought of you right away. Would you like the "
        "details or a sample?",
        "ko": "이번에 {product}을(를) 새로 출시했는데, 바로 생각이 나서 연락드렸어요. 자세한 "
        "정보나 샘플이 필요하시면 말씀해 주세요.",
        "es": "Acabamos de lanzar {product} y pensé en usted enseguida. ¿Le gustaría recibir los "
        "detalles o una muestra?",
    },
}
_SIGN_OFF = {"en": "Best regards", "ko": "감사합니다.", "es": "Saludos cordiales"}
_PRODUCT_FALLBACK = {"en": "our products", "ko": "저희 제품", "es": "nuestros productos"}
_GREETING_NO_NAME = {"en": "Hello,", "ko": "안녕하세요.", "es": "Hola:"}


def message_language(language: str, country: str = "") -> str:
    """The template language for a buyer: their own if we have it, else by country, else en."""
    code = (language or "").lower()[:2]
    if code in MESSAGE_LANGUAGES:
        return code
    if not code:
        country = (country or "").upper()
        if country == "KR":
            return "ko"
        if country in SPANISH_COUNTRIES:
            return "es"
    return "en"


def suggested_message(kind: str, facts: BuyerFacts, *, product: str = "") -> str:
    """A friendly, not pushy opener for ``kind`` in the buyer's language (English fallback)."""
    language = facts.language if facts.language in MESSAGE_LANGUAGES else "en"
    templates = _TEMPLATES.get(kind)
    if templates is None:
        return ""
    name = facts.contact_name.strip()
    greeting = _GREETING[language].format(name=name) if name else _GREETING_NO_NAME[language]
    body = templates[language].format(product=product.strip() or _PRODUCT_FALLBACK[language])
    return f"{greeting}\n\n{body}\n\n{_SIGN_OFF[language]}"
