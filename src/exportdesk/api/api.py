"""The REST API under /api/v1/ (OpenAPI docs at /api/v1/docs).

Every endpoint but ``/health`` needs ``Authorization: Bearer edk_…`` (a per-user token from the
"API tokens" page or ``exportdesk token create``) and acts as that user, with the user's role:
viewers read but change nothing (403), and a rep reaches only their own and unassigned buyers —
anything else is 404, as if it did not exist. Writes go through the same services as the pages.

Errors are always JSON ``{"detail": ...}``: a string for 401/403/404/413, and for 422 a list of
``{"loc": [...], "msg": ..., "type": ...}`` items, whether the request did not parse or a service
refused it.
"""

from __future__ import annotations

import logging
from datetime import datetime
from typing import Any, Literal

import pydantic
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied, RequestDataTooBig
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import Field, NinjaAPI, Schema, Status
from ninja.errors import AuthenticationError, HttpError

from exportdesk.api.auth import ApiTokenAuth
from exportdesk.assistant.pipeline import TriageContext, triage
from exportdesk.buyers.models import Buyer
from exportdesk.buyers.selectors import buyers_visible_to
from exportdesk.catalog.models import Product
from exportdesk.inbox.models import Conversation, Message
from exportdesk.inbox.selectors import conversations_visible_to
from exportdesk.inbox.services import message_receive, message_send
from exportdesk.orders.models import Order
from exportdesk.orders.services import (
    order_create,
    order_mark_cancelled,
    order_mark_delivered,
    order_mark_paid,
    order_mark_shipped,
)

logger = logging.getLogger(__name__)

# Longer texts are not buyer messages; triage time grows with length.
TRIAGE_TEXT_MAX = 20_000

api = NinjaAPI(
    title="ExportDesk API",
    version="1",
    urls_namespace="api",
    auth=ApiTokenAuth(),
    description=(
        "Record buyer messages and replies, read conversations, record orders and run the "
        "inquiry triage. Authenticate with `Authorization: Bearer <token>`; create tokens on "
        "the **API tokens** page (`/api/tokens/`) or with `exportdesk token create`. A token "
        "acts as its user: viewers get 403 on writes, and buyers the user may not see are 404."
    ),
)


# --- error shapes and handlers ------------------------------------------------------------------


class ErrorOut(Schema):
    """A refusal: ``detail`` says why, in the request's language."""

    detail: str


class FieldError(Schema):
    loc: list[str | int] = Field(..., description='Where: ["body", "<field>"] or ["body"].')
    msg: str
    type: str


class ValidationErrorOut(Schema):
    """The request was understood but refused: one item per problem."""

    detail: list[FieldError]


AUTH_ERRORS: dict[int, Any] = {401: ErrorOut, 403: ErrorOut}
WRITE_ERRORS: dict[int, Any] = {**AUTH_ERRORS, 404: ErrorOut, 422: ValidationErrorOut}


def _error(request: HttpRequest, detail: Any, status: int) -> HttpResponse:
    return api.create_response(request, {"detail": detail}, status=status)


def _validation_items(error: DjangoValidationError) -> list[dict[str, Any]]:
    """A Django ValidationError as ninja-style items: field errors keep their field name."""
    if hasattr(error, "error_dict"):
        return [
            {
                "loc": ["body"] if field == "__all__" else ["body", field],
                "msg": message,
                "type": code or "invalid",
            }
            for field, errors in error.error_dict.items()
            for item in errors
            for message, code in [(_message(item), item.code)]
        ]
    return [
        {"loc": ["body"], "msg": _message(item), "type": item.code or "invalid"}
        for item in error.error_list
    ]


def _message(error: DjangoValidationError) -> str:
    message = str(error.message)
    return message % error.params if error.params else message


@api.exception_handler(DjangoValidationError)
def _service_refused(request: HttpRequest, exc: DjangoValidationError) -> HttpResponse:
    return _error(request, _validation_items(exc), 422)


@api.exception_handler(ValueError)
def _bad_value(request: HttpRequest, exc: ValueError) -> HttpResponse:
    if isinstance(exc, pydantic.ValidationError):
        # A response that does not fit its schema is our bug, not the client's.
        return _server_error(request, exc)
    return _error(request, [{"loc": ["body"], "msg": str(exc), "type": "value_error"}], 422)


@api.exception_handler(AuthenticationError)
def _unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    response = _error(
        request, _("Give a valid API token: Authorization: Bearer <token>."), exc.status_code
    )
    response["WWW-Authenticate"] = 'Bearer realm="api"'
    return response


@api.exception_handler(PermissionDenied)
def _forbidden(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
    return _error(request, str(exc) or _("Your role does not allow this."), 403)


@api.exception_handler(Http404)
def _not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return _error(request, _("Not found."), 404)


@api.exception_handler(RequestDataTooBig)
def _too_big(request: HttpRequest, exc: RequestDataTooBig) -> HttpResponse:
    return _error(request, _("The request is too large."), 413)


@api.exception_handler(HttpError)
def _http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    return _error(request, str(exc), exc.status_code)


@api.exception_handler(Exception)
def _server_error(request: HttpRequest, exc: Exception) -> HttpResponse:
    logger.exception("API error on %s %s", request.method, request.path, exc_info=exc)
    return _error(request, _("Something went wrong on the server. Nothing was lost."), 500)


def _require(request: HttpRequest, permission: str) -> None:
    if not request.user.has_perm(permission):
        raise PermissionDenied(_("Your role does not allow this."))


def _visible_buyer(request: HttpRequest, buyer_id: int) -> Buyer:
    buyer = buyers_visible_to(request.user).filter(pk=buyer_id).first()
    if buyer is None:
        raise Http404("No such buyer")
    return buyer


def _visible_conversation(request: HttpRequest, conversation_id: int) -> Conversation:
    conversation = (
        conversations_visible_to(request.user)
        .select_related("buyer")
        .filter(pk=conversation_id)
        .first()
    )
    if conversation is None:
        raise Http404("No such conversation")
    return conversation


def _actor(request: HttpRequest) -> AbstractBaseUser:
    """The token's user (ApiTokenAuth has set it; unauthenticated requests never get here)."""
    return request.user  # type: ignore[return-value]


# --- health -------------------------------------------------------------------------------------


class Health(Schema):
    status: str
    version: str


@api.get("/health", response=Health, auth=None, summary="Is the server up?", tags=["server"])
def health(request: object) -> dict[str, str]:
    """Liveness check for monitors and load balancers (no token needed)."""
    from exportdesk import __version__

    return {"status": "ok", "version": __version__}


# --- messages -----------------------------------------------------------------------------------

# Spelled out so the schema lists them; a test keeps it equal to buyers.models.Channel.
ChannelName = Literal["alibaba", "email", "whatsapp", "website", "tradeshow", "other"]


class MessageIn(Schema):
    body: str = Field(..., description="The buyer's message as written.")
    channel: ChannelName = Field(..., description="Where it came in.")
    sent_at: datetime | None = Field(None, description="When the buyer sent it; default now.")
    buyer_id: int | None = Field(
        None, description="A known buyer; otherwise matched or registered from the fields below."
    )
    email: str = ""
    platform_buyer_id: str = Field("", description="The buyer's ID on Alibaba.com etc.")
    company: str = ""
    country: str = Field("", description="ISO-3166 alpha-2 code or country name.")
    contact_name: str = ""
    subject: str = ""
    external_id: str = Field(
        "", description="The message's ID at the source; posting the same ID again is a no-op."
    )


class MessageReceivedOut(Schema):
    message_id: int
    conversation_id: int
    buyer_id: int
    buyer_created: bool = Field(..., description="A new buyer was registered for the message.")
    duplicate: bool = Field(
        ..., description="The external_id was seen before: nothing changed, the ids are the old."
    )
    triage: dict[str, Any] | None = Field(
        ..., description="The triage contract JSON stored with the message (see POST /triage)."
    )


@api.post(
    "/messages",
    response={201: MessageReceivedOut, **WRITE_ERRORS},
    summary="Record an inbound buyer message",
    tags=["inbox"],
)
def messages_create(request: HttpRequest, payload: MessageIn) -> Status[dict[str, Any]]:
    """Record a message from a buyer, as the web inbox and the mail sync do: match the buyer
    (by `buyer_id`, else platform ID, email, company + country) or register a new one, thread
    it into a conversation, triage it, start the reply clock and regrade the buyer.

    Needs a role that may add messages (not viewers). A `buyer_id` the user may not see is 404.
    """
    _require(request, "inbox.add_message")
    buyer = _visible_buyer(request, payload.buyer_id) if payload.buyer_id is not None else None
    received = message_receive(
        body=payload.body,
        channel=payload.channel,
        actor=_actor(request),
        sent_at=payload.sent_at,
        buyer=buyer,
        email=payload.email,
        platform_buyer_id=payload.platform_buyer_id,
        company=payload.company,
        country=payload.country,
        contact_name=payload.contact_name,
        subject=payload.subject,
        external_id=payload.external_id,
    )
    return Status(
        201,
        {
            "message_id": received.message.pk,
            "conversation_id": received.conversation.pk,
            "buyer_id": received.buyer.pk,
            "buyer_created": received.buyer_created,
            "duplicate": received.duplicate,
            "triage": received.message.triage,
        },
    )


# --- conversations ------------------------------------------------------------------------------


class BuyerBrief(Schema):
    id: int
    company: str
    country: str
    grade: str


class MessageOut(Schema):
    id: int
    direction: Literal["in", "out"]
    author: str | None = Field(..., description="Username of the rep who wrote a reply.")
    body: str
    language: str
    sent_at: datetime
    triage: dict[str, Any] | None
    auto_reply: bool
    delivery: str = Field(..., description="Replies: email, clipboard, manual or failed.")
    external_id: str


class ConversationOut(Schema):
    id: int
    buyer: BuyerBrief
    channel: str
    subject: str
    status: str = Field(..., description="new, awaiting_us, awaiting_buyer or closed.")
    first_inbound_at: datetime | None
    first_response_at: datetime | None
    deadline_at: datetime | None = Field(..., description="When a reply is due (SLA).")
    last_message_at: datetime | None
    language: str
    intents: list[str]
    low_intent: bool
    messages: list[MessageOut]


def _message_out(message: Message) -> dict[str, Any]:
    return {
        "id": message.pk,
        "direction": message.direction,
        "author": message.author.get_username() if message.author else None,
        "body": message.body,
        "language": message.language,
        "sent_at": message.sent_at,
        "triage": message.triage,
        "auto_reply": message.auto_reply,
        "delivery": message.delivery,
        "external_id": message.external_id,
    }


@api.get(
    "/conversations/{conversation_id}",
    response={200: ConversationOut, **AUTH_ERRORS, 404: ErrorOut},
    summary="A conversation with all its messages",
    tags=["inbox"],
)
def conversation_detail(request: HttpRequest, conversation_id: int) -> dict[str, Any]:
    """The thread with one buyer, oldest message first. A conversation of a buyer the user may
    not see (another rep's) is 404."""
    conversation = _visible_conversation(request, conversation_id)
    messages = conversation.messages.select_related("author").order_by("sent_at", "id")
    buyer = conversation.buyer
    return {
        "id": conversation.pk,
        "buyer": {
            "id": buyer.pk,
            "company": buyer.company,
            "country": buyer.country,
            "grade": buyer.grade,
        },
        "channel": conversation.channel,
        "subject": conversation.subject,
        "status": conversation.status,
        "first_inbound_at": conversation.first_inbound_at,
        "first_response_at": conversation.first_response_at,
        "deadline_at": conversation.deadline_at,
        "last_message_at": conversation.last_message_at,
        "language": conversation.language,
        "intents": list(conversation.intents or []),
        "low_intent": conversation.low_intent,
        "messages": [_message_out(m) for m in messages],
    }


class ReplyIn(Schema):
    body: str = Field(..., description="The reply as sent to the buyer.")
    via: Literal["email", "clipboard", "manual"] | None = Field(
        None,
        description=(
            "How it leaves: `email` sends it by SMTP, `clipboard` / `manual` only record it. "
            "Default: by the conversation's channel (email for email, clipboard for Alibaba)."
        ),
    )


@api.post(
    "/conversations/{conversation_id}/replies",
    response={201: MessageOut, **WRITE_ERRORS},
    summary="Record (or send) a reply to the buyer",
    tags=["inbox"],
)
def conversation_reply(
    request: HttpRequest, conversation_id: int, payload: ReplyIn
) -> Status[dict[str, Any]]:
    """Record an outbound reply in the conversation; it stops the reply clock. An email reply
    that could not be sent is kept with `delivery: "failed"` (and does not stop the clock).

    Needs a role that may add messages; another rep's conversation is 404."""
    _require(request, "inbox.add_message")
    conversation = _visible_conversation(request, conversation_id)
    message = message_send(
        conversation=conversation, author=_actor(request), body=payload.body, via=payload.via
    )
    return Status(201, _message_out(message))


# --- orders -------------------------------------------------------------------------------------

OrderStatusName = Literal["quoted", "paid", "shipped", "delivered", "cancelled"]
# The services each status is reached through, in order, from a new (quoted) order.
_STATUS_PATH: dict[str, tuple[tuple[Any, str], ...]] = {
    "quoted": (),
    "paid": ((order_mark_paid, "paid_at"),),
    "shipped": ((order_mark_paid, "paid_at"), (order_mark_shipped, "shipped_at")),
    "delivered": (
        (order_mark_paid, "paid_at"),
        (order_mark_shipped, "shipped_at"),
        (order_mark_delivered, "delivered_at"),
    ),
    "cancelled": ((order_mark_cancelled, "cancelled_at"),),
}


class OrderLineIn(Schema):
    product_sku: str | None = Field(None, description="A catalog product, by SKU.")
    description: str = Field("", description="The goods, when not a catalog product.")
    quantity: int = Field(..., description="Whole units, at least 1.")
    unit_price_minor: int = Field(
        ..., description="Unit price in minor units of the currency (cents for USD)."
    )


class OrderIn(Schema):
    buyer_id: int
    number: str = Field(..., description="Your order number; unique.")
    channel: Literal["trade_assurance", "tt", "paypal", "lc", "other"] = Field(
        ..., description="Payment channel."
    )
    currency: str = Field(..., description="ISO 4217 code, e.g. USD.")
    lines: list[OrderLineIn]
    quoted_at: datetime | None = Field(None, description="Default now.")
    status: OrderStatusName = Field(
        "quoted",
        description=(
            "Record an order that has moved on: `paid`, `shipped` and `delivered` pass through "
            "the earlier statuses; `cancelled` cancels the quote."
        ),
    )
    paid_at: datetime | None = None
    shipped_at: datetime | None = None
    delivered_at: datetime | None = None
    cancelled_at: datetime | None = None


class OrderLineOut(Schema):
    product_sku: str | None
    description: str
    quantity: int
    unit_price_minor: int
    total_minor: int


class OrderOut(Schema):
    id: int
    number: str
    buyer_id: int
    channel: str
    status: OrderStatusName
    currency: str
    total_minor: int
    quoted_at: datetime | None
    paid_at: datetime | None
    shipped_at: datetime | None
    delivered_at: datetime | None
    cancelled_at: datetime | None
    lines: list[OrderLineOut]


def _order_lines(lines: list[OrderLineIn]) -> list[dict[str, Any]]:
    skus = {line.product_sku.strip() for line in lines if line.product_sku}
    products = {p.sku: p for p in Product.objects.filter(sku__in=skus)}
    out = []
    for index, line in enumerate(lines, start=1):
        product = None
        if line.product_sku:
            product = products.get(line.product_sku.strip())
            if product is None:
                raise DjangoValidationError(
                    {
                        "lines": _("Line %(n)d: no product has the SKU %(sku)s.")
                        % {"n": index, "sku": line.product_sku}
                    }
                )
        out.append(
            {
                "product": product,
                "description": line.description,
                "quantity": line.quantity,
                "unit_price_minor": line.unit_price_minor,
            }
        )
    return out


def _order_out(order: Order) -> dict[str, Any]:
    return {
        "id": order.pk,
        "number": order.number,
        "buyer_id": order.buyer_id,
        "channel": order.channel,
        "status": order.status,
        "currency": order.currency,
        "total_minor": order.total_minor,
        "quoted_at": order.quoted_at,
        "paid_at": order.paid_at,
        "shipped_at": order.shipped_at,
        "delivered_at": order.delivered_at,
        "cancelled_at": order.cancelled_at,
        "lines": [
            {
                "product_sku": line.product.sku if line.product else None,
                "description": line.description,
                "quantity": line.quantity,
                "unit_price_minor": line.unit_price_minor,
                "total_minor": line.total_minor,
            }
            for line in order.lines.select_related("product").order_by("id")
        ],
    }


@api.post(
    "/orders",
    response={201: OrderOut, **WRITE_ERRORS},
    summary="Record an order with its lines",
    tags=["orders"],
)
def orders_create(request: HttpRequest, payload: OrderIn) -> Status[dict[str, Any]]:
    """Record a quoted order for a buyer; the total is the sum of the lines. With `status`, the
    order is moved on at once (paid → shipped → delivered, or cancelled) with the given dates,
    under the same rules as the Orders page — if any step is refused, nothing is saved.

    Needs a role that may add orders (and change them, for a status past `quoted`). A buyer the
    user may not see is 404."""
    _require(request, "orders.add_order")
    steps = _STATUS_PATH[payload.status]
    if steps:
        _require(request, "orders.change_order")
    buyer = _visible_buyer(request, payload.buyer_id)
    with transaction.atomic():
        order = order_create(
            buyer=buyer,
            actor=_actor(request),
            number=payload.number,
            channel=payload.channel,
            currency=payload.currency,
            lines=_order_lines(payload.lines),
            quoted_at=payload.quoted_at,
        )
        for service, date_field in steps:
            order = service(order=order, actor=_actor(request), at=getattr(payload, date_field))
    return Status(201, _order_out(order))


# --- triage -------------------------------------------------------------------------------------


class TriageIn(Schema):
    text: str = Field(..., description=f"The buyer's message (at most {TRIAGE_TEXT_MAX} chars).")
    embeddings: bool = Field(
        True,
        description=(
            "Use the embedding model (default). `false` is lexical cues only, as "
            "`exportdesk triage --no-embeddings`: faster; intents with no cue become `other`."
        ),
    )


class _Open(Schema):
    model_config = pydantic.ConfigDict(extra="allow")


class QuantityOut(_Open):
    value: int | float
    unit: str


class TargetPriceOut(_Open):
    amount: int | float
    currency: str | None
    per: str | None


class KnowledgeHitOut(_Open):
    article_id: int
    score: float


class TriageOut(_Open):
    """The inquiry-understanding contract, exactly as `exportdesk triage` prints it."""

    language: str = Field(..., description="ISO 639-1.")
    intents: list[str] = Field(..., description="Multi-label, from the intent taxonomy.")
    quantity: QuantityOut | None
    target_price: TargetPriceOut | None
    destination_country: str | None = Field(..., description="ISO-3166 alpha-2.")
    incoterm: str | None
    certifications: list[str]
    deadline_days: int | None
    low_intent: bool
    low_intent_score: float
    knowledge: list[KnowledgeHitOut]
    draft: dict[str, Any] | None


@api.post(
    "/triage",
    response={200: TriageOut, **AUTH_ERRORS, 413: ErrorOut, 422: ValidationErrorOut},
    summary="Understand a buyer message (nothing is stored)",
    tags=["assistant"],
)
def triage_text(request: HttpRequest, payload: TriageIn) -> dict[str, Any]:
    """Language, intents, quantity, target price, destination, incoterm, certifications,
    deadline and low-intent score of a text: the same JSON as `exportdesk triage TEXT`.
    Nothing is stored. Texts over the limit are refused with 413."""
    if len(payload.text) > TRIAGE_TEXT_MAX:
        raise HttpError(
            413,
            _("The text is %(length)d characters long; triage takes at most %(max)d.")
            % {"length": len(payload.text), "max": TRIAGE_TEXT_MAX},
        )
    # The same context as the command line, so both answer alike.
    context = TriageContext(use_embeddings=payload.embeddings)
    return triage(payload.text, context).to_dict()
