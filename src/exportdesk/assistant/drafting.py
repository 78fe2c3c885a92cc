"""Reply drafts in the buyer's language: answers, qualifying questions and "strategic yes".

A draft is what a top seller writes by hand (DESIGN.md): answer what was asked from the
knowledge base, ask the qualifying questions the buyer has not answered yet (target market,
current customers, sales channel, price vs quality), and meet every hard request (custom work,
a small batch under the MOQ, a short lead time, a target price under the list price) with a
"strategic yes": yes, the next steps with dates, and options A/B/C to choose from. A fast,
concrete answer keeps the buyer talking; a "no" ends the conversation.

Everything is deterministic phrase templates (no randomness, no network): the optional LLM in
``llm.py`` may polish a draft afterwards, and a person approves every draft that is not sent by
the auto-reply policy (``policy.py``). Languages without templates get an English draft, and
the draft says so in its reasons.
"""

# Phrase tables are sentences: wrapping them mid-sentence would make them harder to review.
# ruff: noqa: E501

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from exportdesk.assistant.extract import Price, Quantity
from exportdesk.assistant.pipeline import Triage
from exportdesk.assistant.policy import Reason

# Units a buyer counts in that compare with an MOQ in pieces (a box or carton holds many).
PIECE_UNITS = frozenset({"pcs", "units", "bottles", "sets"})
# Custom formula, packaging printing and stability tests take about a month more than a
# standard run at Korean OEM makers; used only when the seller gives no custom lead time.
CUSTOM_EXTRA_DAYS = 30
# Hard requests, in the order the draft answers them.
HARD_REQUESTS = ("customization", "small_batch", "short_lead_time", "price_below_list")
QUALIFYING_TOPICS = ("target_market", "current_customers", "sales_channel", "price_quality")
TOPIC_NAMES = {
    "target_market": "target market",
    "current_customers": "current customers",
    "sales_channel": "sales channel",
    "price_quality": "price vs quality",
}
# Messages about an existing order or a problem are no moment to ask about the buyer's market.
_NO_QUESTIONS_INTENTS = frozenset({"order_followup", "complaint"})
# A quotation is the natural next step for these even without a hard request.
_QUOTE_INTENTS = frozenset({"price_quote", "moq", "sample"})


@dataclass(frozen=True)
class ArticleAnswer:
    """A knowledge article matched to the message, with its answers per language."""

    article_id: int
    title: str
    answers: Mapping[str, str]
    score: float = 1.0


@dataclass(frozen=True)
class BuyerFacts:
    """What the buyer record says. Qualifying facts: a value or ``True`` when known.

    ``grade`` is internal: it may steer the seller's choices but never appears in a draft.
    """

    contact_name: str = ""
    company: str = ""
    country: str | None = None
    grade: str | None = None
    target_market: str | bool | None = None
    current_customers: str | bool | None = None
    sales_channel: str | bool | None = None
    price_quality_priority: str | bool | None = None


@dataclass(frozen=True)
class SellerFacts:
    """The seller's terms the draft may promise, and today's date for the schedule.

    ``lead_time_days`` and ``custom_lead_time_days`` are calendar days, like the buyer's
    ``deadline_days``; next steps are counted in business days (no weekends, no ``holidays``).
    """

    company_name: str
    signer_name: str
    today: date
    moq: int | None = None
    lead_time_days: int = 30
    custom_lead_time_days: int | None = None
    list_price: float | None = None
    currency: str | None = None
    holidays: frozenset[date] = frozenset()
    reply_business_days: int = 2
    quote_business_days: int = 1
    stock_dispatch_business_days: int = 3

    @property
    def custom_lead(self) -> int:
        if self.custom_lead_time_days is not None:
            return self.custom_lead_time_days
        return self.lead_time_days + CUSTOM_EXTRA_DAYS


@dataclass(frozen=True)
class DraftContext:
    """Everything a draft may use beyond the triage: buyer, seller and matched articles."""

    buyer: BuyerFacts
    seller: SellerFacts
    articles: tuple[ArticleAnswer, ...] = ()


@dataclass(frozen=True)
class Option:
    """One of the A/B/C options offered for a hard request, in the draft's language."""

    request: str
    label: str
    text: str
    date: date | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "request": self.request,
            "label": self.label,
            "text": self.text,
            "date": self.date.isoformat() if self.date else None,
        }


@dataclass(frozen=True)
class Draft:
    """A reply draft. ``questions`` are qualifying topics asked (``QUALIFYING_TOPICS``).

    ``auto_send`` is always ``False`` here: only the auto-reply policy may send. ``reasons`` are
    English sentences; ``reason_codes`` the same as codes for the UI to translate.
    """

    language: str
    text: str
    auto_send: bool = False
    reasons: tuple[str, ...] = ()
    fell_back_to_english: bool = False
    strategic_yes: tuple[str, ...] = ()
    options: tuple[Option, ...] = ()
    questions: tuple[str, ...] = ()
    article_ids: tuple[int, ...] = ()
    buyer_language: str = ""
    next_step_dates: tuple[date, ...] = ()
    reason_codes: tuple[Reason, ...] = field(default=(), compare=False)

    def to_dict(self) -> dict[str, Any]:
        """The contract's draft shape (language, text, auto_send, reasons) plus detail."""
        return {
            "language": self.language,
            "text": self.text,
            "auto_send": self.auto_send,
            "reasons": list(self.reasons),
            "reason_codes": [reason.to_dict() for reason in self.reason_codes],
            "fell_back_to_english": self.fell_back_to_english,
            "buyer_language": self.buyer_language,
            "strategic_yes": list(self.strategic_yes),
            "options": [option.to_dict() for option in self.options],
            "questions": list(self.questions),
            "article_ids": list(self.article_ids),
            "next_step_dates": [day.isoformat() for day in self.next_step_dates],
        }


# ---------------------------------------------------------------------------------------------
# Phrase templates. Placeholders: {name} {seller} {quantity} {moq} {lead_days} {deadline}
# {target} {list_price} {date} {date2} {letter} {label} {text}. Every language has every key
# (a test checks it). Tone: a friendly Korean maker writing to a business customer.
# ---------------------------------------------------------------------------------------------

# fmt: off
PHRASES: dict[str, dict[str, str]] = {
    "en": {
        "greeting_name": "Dear {name},",
        "greeting": "Hello,",
        "thanks": "Thank you for your inquiry and for your interest in {seller}.",
        "articles_intro": "Here is the information you asked for:",
        "yes_customization": "Yes, we can make this product to your own specification (private label, logo, formula or packaging).",
        "yes_small_batch": "Yes, we can start with {quantity} pcs, even though our standard MOQ is {moq} pcs.",
        "yes_short_lead_time": "Yes, we can plan for your date of {deadline}, even though our standard lead time is {lead_days} days.",
        "yes_price_below_list": "Yes, we can work towards your target price of {target} (our list price is {list_price}).",
        "options_intro": "Here are three ways to do it:",
        "option_label": "Option {letter}",
        "option_line": "{label} – {text}",
        "opt_customization_a": "Keep the date of {date}: we use our standard container and formula and change only the label and logo.",
        "opt_customization_b": "Keep every custom detail: ready by {date}.",
        "opt_customization_c": "Adjust the formula or packaging: our proven base formula in your own packaging design, ready by {date}.",
        "opt_small_batch_a": "{quantity} pcs from our ready-stock items (no customisation), shipped by {date}.",
        "opt_small_batch_b": "Reach our MOQ of {moq} pcs by mixing several SKUs in one order.",
        "opt_small_batch_c": "{quantity} pcs of the item you chose, with a small-batch surcharge that we will quote for you.",
        "opt_short_lead_time_a": "Keep your date of {date}: our stock formula in standard packaging.",
        "opt_short_lead_time_b": "The full specification, ready by {date}.",
        "opt_short_lead_time_c": "Split shipment: a first part from stock by {date}, the rest by {date2}.",
        "opt_price_below_list_a": "A larger quantity tier, which lowers the unit price.",
        "opt_price_below_list_b": "Simpler packaging, for example a standard box instead of a printed gift box.",
        "opt_price_below_list_c": "A different size of the same product that fits your price point.",
        "next_steps": "Next steps:",
        "step_choose": "Please let us know your choice by {date}.",
        "step_confirm": "We will send the final quotation and production schedule by {date}.",
        "step_mockup": "We will send a label and packaging mock-up for your approval by {date}.",
        "step_quote": "We will send you a detailed quotation by {date}.",
        "questions_intro": "To prepare the best offer for you, could you tell us a little more about your business?",
        "q_target_market": "Which country or market will you sell our products in?",
        "q_current_customers": "Who are your current customers (for example shops, salons or online shoppers)?",
        "q_sales_channel": "Which sales channels do you use (online store, marketplace, retail shops or distribution)?",
        "q_price_quality": "What matters more for this line: the lowest price or premium quality?",
        "closing": "We look forward to working with you.",
        "sign_off": "Best regards,\n{signer}\n{seller}",
        "date": "{iso} ({weekday})",
        "weekdays": "Mon Tue Wed Thu Fri Sat Sun",
        "thousands": ",",
    },
    "ko": {
        "greeting_name": "{name}님, 안녕하세요.",
        "greeting": "안녕하세요.",
        "thanks": "{seller}에 문의해 주시고 관심 가져 주셔서 감사합니다.",
        "articles_intro": "문의하신 내용을 안내해 드립니다.",
        "yes_customization": "네, 원하시는 사양(자체 브랜드, 로고, 제형 또는 패키지)으로 제작해 드릴 수 있습니다.",
        "yes_small_batch": "네, 기본 MOQ는 {moq}개이지만 {quantity}개로도 시작하실 수 있습니다.",
        "yes_short_lead_time": "네, 기본 납기는 {lead_days}일이지만 요청하신 {deadline}에 맞춰 진행해 보겠습니다.",
        "yes_price_below_list": "네, 정가는 {list_price}이지만 목표 단가 {target}에 최대한 맞춰 보겠습니다.",
        "options_intro": "아래 세 가지 방법 중에서 골라 주세요.",
        "option_label": "{letter}안",
        "option_line": "[{label}] {text}",
        "opt_customization_a": "{date} 일정 유지: 표준 용기와 제형을 사용하고 라벨과 로고만 변경합니다.",
        "opt_customization_b": "모든 맞춤 사양 유지: {date}까지 준비합니다.",
        "opt_customization_c": "제형 또는 패키지 조정: 검증된 기본 제형을 고객님의 패키지 디자인에 담아 {date}까지 준비합니다.",
        "opt_small_batch_a": "재고 제품으로 {quantity}개 구성(맞춤 제작 제외), {date}까지 발송합니다.",
        "opt_small_batch_b": "여러 SKU를 한 주문에 섞어 MOQ {moq}개를 채웁니다.",
        "opt_small_batch_c": "선택하신 제품 {quantity}개를 소량 생산 추가 비용을 더해 진행합니다(견적을 보내 드리겠습니다).",
        "opt_short_lead_time_a": "요청하신 {date} 일정 유지: 재고 제형과 표준 패키지로 진행합니다.",
        "opt_short_lead_time_b": "모든 사양 그대로 {date}까지 준비합니다.",
        "opt_short_lead_time_c": "분할 선적: 1차분은 재고로 {date}까지, 나머지는 {date2}까지 보내 드립니다.",
        "opt_price_below_list_a": "주문 수량을 늘려 단가가 낮은 구간을 적용합니다.",
        "opt_price_below_list_b": "패키지를 단순화합니다(예: 인쇄 선물 상자 대신 표준 상자).",
        "opt_price_below_list_c": "같은 제품의 다른 용량으로 목표 가격대에 맞춥니다.",
        "next_steps": "다음 단계:",
        "step_choose": "{date}까지 원하시는 안을 알려 주세요.",
        "step_confirm": "{date}까지 최종 견적서와 생산 일정을 보내 드리겠습니다.",
        "step_mockup": "{date}까지 라벨과 패키지 시안을 보내 드리겠습니다.",
        "step_quote": "{date}까지 상세 견적서를 보내 드리겠습니다.",
        "questions_intro": "가장 알맞은 제안을 드리기 위해 몇 가지 여쭤봐도 될까요?",
        "q_target_market": "어느 국가나 시장에서 판매하실 예정인가요?",
        "q_current_customers": "현재 주요 고객은 어떤 분들인가요? (예: 매장, 살롱, 온라인 구매자)",
        "q_sales_channel": "주로 어떤 채널로 판매하시나요? (자사몰, 마켓플레이스, 오프라인 매장, 유통)",
        "q_price_quality": "이번 제품은 가격과 품질 중 어느 쪽이 더 중요하신가요?",
        "closing": "함께 일할 수 있기를 기대합니다.",
        "sign_off": "감사합니다.\n{seller} {signer} 드림",
        "date": "{iso}({weekday})",
        "weekdays": "월 화 수 목 금 토 일",
        "thousands": ",",
    },
    "es": {
        "greeting_name": "Hola, {name}:",
        "greeting": "Buenos días:",
        "thanks": "Muchas gracias por su consulta y por su interés en {seller}.",
        "articles_intro": "Le enviamos la información que nos solicitó:",
        "yes_customization": "Sí, podemos fabricar este producto según sus especificaciones (marca propia, logotipo, fórmula o envase).",
        "yes_small_batch": "Sí, podemos empezar con {quantity} unidades, aunque nuestro pedido mínimo habitual es de {moq} unidades.",
        "yes_short_lead_time": "Sí, podemos planificarlo para su fecha del {deadline}, aunque nuestro plazo de producción habitual es de {lead_days} días.",
        "yes_price_below_list": "Sí, podemos trabajar para acercarnos a su precio objetivo de {target} (nuestro precio de lista es {list_price}).",
        "options_intro": "Le proponemos tres opciones:",
        "option_label": "Opción {letter}",
        "option_line": "{label} – {text}",
        "opt_customization_a": "Mantener la fecha del {date}: usamos nuestro envase y fórmula estándar y cambiamos solo la etiqueta y el logotipo.",
        "opt_customization_b": "Mantener toda la personalización: listo el {date}.",
        "opt_customization_c": "Ajustar la fórmula o el envase: nuestra fórmula base probada en su propio diseño de envase, listo el {date}.",
        "opt_small_batch_a": "{quantity} unidades de nuestros productos en stock (sin personalización), enviadas antes del {date}.",
        "opt_small_batch_b": "Alcanzar nuestro pedido mínimo de {moq} unidades combinando varias referencias en un mismo pedido.",
        "opt_small_batch_c": "{quantity} unidades del producto elegido, con un recargo por lote pequeño que le cotizaremos.",
        "opt_short_lead_time_a": "Mantener su fecha del {date}: nuestra fórmula en stock con envase estándar.",
        "opt_short_lead_time_b": "La especificación completa, lista el {date}.",
        "opt_short_lead_time_c": "Envío parcial: una primera parte del stock antes del {date} y el resto antes del {date2}.",
        "opt_price_below_list_a": "Un tramo de cantidad mayor, que reduce el precio unitario.",
        "opt_price_below_list_b": "Un envase más sencillo, por ejemplo una caja estándar en lugar de una caja de regalo impresa.",
        "opt_price_below_list_c": "Otro tamaño del mismo producto que se ajuste a su precio.",
        "next_steps": "Próximos pasos:",
        "step_choose": "Indíquenos su elección antes del {date}.",
        "step_confirm": "Le enviaremos la cotización final y el calendario de producción antes del {date}.",
        "step_mockup": "Le enviaremos una maqueta de la etiqueta y del envase para su aprobación antes del {date}.",
        "step_quote": "Le enviaremos una cotización detallada antes del {date}.",
        "questions_intro": "Para prepararle la mejor oferta, ¿podría contarnos un poco más sobre su negocio?",
        "q_target_market": "¿En qué país o mercado venderá nuestros productos?",
        "q_current_customers": "¿Quiénes son sus clientes actuales (por ejemplo tiendas, salones o compradores en línea)?",
        "q_sales_channel": "¿Qué canales de venta utiliza (tienda en línea, marketplace, tiendas físicas o distribución)?",
        "q_price_quality": "¿Qué es más importante para esta línea: el precio más bajo o la máxima calidad?",
        "closing": "Quedamos a su disposición y esperamos trabajar con usted.",
        "sign_off": "Saludos cordiales,\n{signer}\n{seller}",
        "date": "{iso} ({weekday})",
        "weekdays": "lun mar mié jue vie sáb dom",
        "thousands": ".",
    },
    "pt": {
        "greeting_name": "Olá, {name},",
        "greeting": "Olá,",
        "thanks": "Muito obrigado pelo seu contato e pelo interesse em nossos produtos.",
        "articles_intro": "Seguem as informações que você solicitou:",
        "yes_customization": "Sim, podemos fabricar este produto conforme a sua especificação (marca própria, logotipo, fórmula ou embalagem).",
        "yes_small_batch": "Sim, podemos começar com {quantity} unidades, embora o nosso pedido mínimo padrão seja de {moq} unidades.",
        "yes_short_lead_time": "Sim, podemos planejar para a sua data de {deadline}, embora o nosso prazo de produção padrão seja de {lead_days} dias.",
        "yes_price_below_list": "Sim, podemos trabalhar para chegar ao seu preço-alvo de {target} (o nosso preço de tabela é {list_price}).",
        "options_intro": "Estas são três opções:",
        "option_label": "Opção {letter}",
        "option_line": "{label} – {text}",
        "opt_customization_a": "Manter a data de {date}: usamos o nosso frasco e a nossa fórmula padrão e mudamos apenas o rótulo e o logotipo.",
        "opt_customization_b": "Manter toda a personalização: pronto em {date}.",
        "opt_customization_c": "Ajustar a fórmula ou a embalagem: a nossa fórmula base aprovada no seu próprio design de embalagem, pronto em {date}.",
        "opt_small_batch_a": "{quantity} unidades dos nossos itens em estoque (sem personalização), enviadas até {date}.",
        "opt_small_batch_b": "Atingir o nosso pedido mínimo de {moq} unidades combinando vários SKUs em um só pedido.",
        "opt_small_batch_c": "{quantity} unidades do item escolhido, com uma taxa adicional de lote pequeno, que vamos cotar para você.",
        "opt_short_lead_time_a": "Manter a sua data de {date}: a nossa fórmula em estoque com embalagem padrão.",
        "opt_short_lead_time_b": "A especificação completa, pronta em {date}.",
        "opt_short_lead_time_c": "Envio parcial: uma primeira parte do estoque até {date} e o restante até {date2}.",
        "opt_price_below_list_a": "Uma faixa de quantidade maior, que reduz o preço unitário.",
        "opt_price_below_list_b": "Uma embalagem mais simples, por exemplo uma caixa padrão em vez de uma caixa de presente impressa.",
        "opt_price_below_list_c": "Outro tamanho do mesmo produto, que se encaixe no seu preço.",
        "next_steps": "Próximos passos:",
        "step_choose": "Por favor, informe a sua escolha até {date}.",
        "step_confirm": "Enviaremos a cotação final e o cronograma de produção até {date}.",
        "step_mockup": "Enviaremos um modelo do rótulo e da embalagem para a sua aprovação até {date}.",
        "step_quote": "Enviaremos uma cotação detalhada até {date}.",
        "questions_intro": "Para preparar a melhor oferta, poderia nos contar um pouco mais sobre o seu negócio?",
        "q_target_market": "Em qual país ou mercado você vai vender os nossos produtos?",
        "q_current_customers": "Quem são os seus clientes atuais (por exemplo lojas, salões ou compradores on-line)?",
        "q_sales_channel": "Quais canais de venda você usa (loja virtual, marketplace, lojas físicas ou distribuição)?",
        "q_price_quality": "O que é mais importante para esta linha: o menor preço ou a qualidade premium?",
        "closing": "Esperamos trabalhar com você em breve.",
        "sign_off": "Atenciosamente,\n{signer}\n{seller}",
        "date": "{iso} ({weekday})",
        "weekdays": "seg ter qua qui sex sáb dom",
        "thousands": ".",
    },
    "fr": {
        "greeting_name": "Bonjour {name},",
        "greeting": "Bonjour,",
        "thanks": "Merci beaucoup pour votre demande et pour l'intérêt que vous portez à {seller}.",
        "articles_intro": "Voici les informations demandées :",
        "yes_customization": "Oui, nous pouvons fabriquer ce produit selon votre cahier des charges (marque propre, logo, formule ou emballage).",
        "yes_small_batch": "Oui, nous pouvons commencer avec {quantity} pièces, même si notre minimum de commande habituel est de {moq} pièces.",
        "yes_short_lead_time": "Oui, nous pouvons viser votre date du {deadline}, même si notre délai de production habituel est de {lead_days} jours.",
        "yes_price_below_list": "Oui, nous pouvons travailler pour nous rapprocher de votre prix cible de {target} (notre prix catalogue est de {list_price}).",
        "options_intro": "Voici trois possibilités :",
        "option_label": "Option {letter}",
        "option_line": "{label} – {text}",
        "opt_customization_a": "Garder la date du {date} : nous utilisons notre flacon et notre formule standard et ne changeons que l'étiquette et le logo.",
        "opt_customization_b": "Garder toute la personnalisation : prêt le {date}.",
        "opt_customization_c": "Ajuster la formule ou l'emballage : notre formule de base éprouvée dans votre propre design d'emballage, prêt le {date}.",
        "opt_small_batch_a": "{quantity} pièces de nos articles en stock (sans personnalisation), expédiées avant le {date}.",
        "opt_small_batch_b": "Atteindre notre minimum de {moq} pièces en combinant plusieurs références dans une même commande.",
        "opt_small_batch_c": "{quantity} pièces de l'article choisi, avec un supplément petite série que nous vous chiffrerons.",
        "opt_short_lead_time_a": "Garder votre date du {date} : notre formule en stock avec un emballage standard.",
        "opt_short_lead_time_b": "La spécification complète, prête le {date}.",
        "opt_short_lead_time_c": "Expédition fractionnée : une première partie depuis le stock avant le {date}, le reste avant le {date2}.",
        "opt_price_below_list_a": "Un palier de quantité supérieur, qui baisse le prix unitaire.",
        "opt_price_below_list_b": "Un emballage plus simple, par exemple une boîte standard au lieu d'un coffret imprimé.",
        "opt_price_below_list_c": "Un autre format du même produit, adapté à votre prix.",
        "next_steps": "Prochaines étapes :",
        "step_choose": "Merci de nous indiquer votre choix avant le {date}.",
        "step_confirm": "Nous vous enverrons le devis final et le planning de production avant le {date}.",
        "step_mockup": "Nous vous enverrons une maquette de l'étiquette et de l'emballage pour validation avant le {date}.",
        "step_quote": "Nous vous enverrons un devis détaillé avant le {date}.",
        "questions_intro": "Pour vous préparer la meilleure offre, pourriez-vous nous en dire un peu plus sur votre activité ?",
        "q_target_market": "Dans quel pays ou sur quel marché allez-vous vendre nos produits ?",
        "q_current_customers": "Qui sont vos clients actuels (par exemple boutiques, instituts ou acheteurs en ligne) ?",
        "q_sales_channel": "Quels canaux de vente utilisez-vous (boutique en ligne, marketplace, magasins ou distribution) ?",
        "q_price_quality": "Qu'est-ce qui compte le plus pour cette gamme : le prix le plus bas ou la qualité premium ?",
        "closing": "Au plaisir de travailler avec vous.",
        "sign_off": "Bien cordialement,\n{signer}\n{seller}",
        "date": "{iso} ({weekday})",
        "weekdays": "lun mar mer jeu ven sam dim",
        "thousands": "\u202f",
    },
    "de": {
        "greeting_name": "Guten Tag {name},",
        "greeting": "Guten Tag,",
        "thanks": "vielen Dank für Ihre Anfrage und Ihr Interesse an {seller}.",
        "articles_intro": "Hier die gewünschten Informationen:",
        "yes_customization": "Ja, wir können dieses Produkt nach Ihren Vorgaben herstellen (Eigenmarke, Logo, Rezeptur oder Verpackung).",
        "yes_small_batch": "Ja, wir können mit {quantity} Stück starten, auch wenn unsere übliche Mindestbestellmenge {moq} Stück beträgt.",
        "yes_short_lead_time": "Ja, wir können Ihren Termin am {deadline} einplanen, auch wenn unsere übliche Lieferzeit {lead_days} Tage beträgt.",
        "yes_price_below_list": "Ja, wir arbeiten gern auf Ihren Zielpreis von {target} hin (unser Listenpreis liegt bei {list_price}).",
        "options_intro": "Dafür gibt es drei Möglichkeiten:",
        "option_label": "Option {letter}",
        "option_line": "{label} – {text}",
        "opt_customization_a": "Termin am {date} beibehalten: Wir verwenden unseren Standardbehälter und unsere Standardrezeptur und ändern nur Etikett und Logo.",
        "opt_customization_b": "Alle Sonderwünsche beibehalten: fertig am {date}.",
        "opt_customization_c": "Rezeptur oder Verpackung anpassen: unsere bewährte Basisrezeptur in Ihrem eigenen Verpackungsdesign, fertig am {date}.",
        "opt_small_batch_a": "{quantity} Stück aus unserem Lagerbestand (ohne Anpassungen), Versand bis {date}.",
        "opt_small_batch_b": "Unsere Mindestmenge von {moq} Stück erreichen, indem Sie mehrere Artikel in einer Bestellung kombinieren.",
        "opt_small_batch_c": "{quantity} Stück des gewählten Artikels mit einem Kleinmengenzuschlag, den wir Ihnen anbieten.",
        "opt_short_lead_time_a": "Ihren Termin am {date} beibehalten: unsere Lagerrezeptur in Standardverpackung.",
        "opt_short_lead_time_b": "Die vollständige Spezifikation, fertig am {date}.",
        "opt_short_lead_time_c": "Teillieferung: ein erster Teil aus dem Lager bis {date}, der Rest bis {date2}.",
        "opt_price_below_list_a": "Eine höhere Mengenstaffel, die den Stückpreis senkt.",
        "opt_price_below_list_b": "Eine einfachere Verpackung, zum Beispiel ein Standardkarton statt einer bedruckten Geschenkbox.",
        "opt_price_below_list_c": "Eine andere Größe desselben Produkts, die zu Ihrem Preis passt.",
        "next_steps": "Nächste Schritte:",
        "step_choose": "Bitte teilen Sie uns Ihre Wahl bis {date} mit.",
        "step_confirm": "Wir senden Ihnen das endgültige Angebot und den Produktionsplan bis {date}.",
        "step_mockup": "Wir senden Ihnen einen Entwurf für Etikett und Verpackung zur Freigabe bis {date}.",
        "step_quote": "Wir senden Ihnen ein detailliertes Angebot bis {date}.",
        "questions_intro": "Damit wir Ihnen das beste Angebot machen können: Dürfen wir Ihnen ein paar Fragen stellen?",
        "q_target_market": "In welchem Land oder Markt möchten Sie unsere Produkte verkaufen?",
        "q_current_customers": "Wer sind Ihre heutigen Kunden (zum Beispiel Geschäfte, Salons oder Online-Käufer)?",
        "q_sales_channel": "Über welche Kanäle verkaufen Sie (Onlineshop, Marktplatz, Ladengeschäfte oder Großhandel)?",
        "q_price_quality": "Was ist Ihnen bei dieser Linie wichtiger: der niedrigste Preis oder Premium-Qualität?",
        "closing": "Wir freuen uns auf die Zusammenarbeit.",
        "sign_off": "Mit freundlichen Grüßen\n{signer}\n{seller}",
        "date": "{iso} ({weekday})",
        "weekdays": "Mo Di Mi Do Fr Sa So",
        "thousands": ".",
    },
    "ru": {
        "greeting_name": "Здравствуйте, {name}!",
        "greeting": "Здравствуйте!",
        "thanks": "Спасибо за ваш запрос и интерес к компании {seller}.",
        "articles_intro": "Вот информация, которую вы запрашивали:",
        "yes_customization": "Да, мы можем изготовить этот продукт по вашим требованиям (собственная марка, логотип, формула или упаковка).",
        "yes_small_batch": "Да, хотя наш стандартный минимальный заказ — {moq} шт., мы можем начать с {quantity} шт.",
        "yes_short_lead_time": "Да, хотя наш стандартный срок производства — {lead_days} дн., мы можем ориентироваться на вашу дату: {deadline}.",
        "yes_price_below_list": "Да, мы постараемся приблизиться к вашей целевой цене {target} (наша цена по прайсу — {list_price}).",
        "options_intro": "Предлагаем три варианта:",
        "option_label": "Вариант {letter}",
        "option_line": "{label} – {text}",
        "opt_customization_a": "Сохранить срок {date}: используем нашу стандартную тару и формулу, меняем только этикетку и логотип.",
        "opt_customization_b": "Сохранить все индивидуальные параметры: готовность {date}.",
        "opt_customization_c": "Изменить формулу или упаковку: наша проверенная базовая формула в вашем дизайне упаковки, готовность {date}.",
        "opt_small_batch_a": "{quantity} шт. из наших складских позиций (без индивидуального оформления), отгрузка до {date}.",
        "opt_small_batch_b": "Набрать наш минимальный заказ {moq} шт., объединив несколько артикулов в одном заказе.",
        "opt_small_batch_c": "{quantity} шт. выбранного товара с доплатой за малую партию (мы пришлём расчёт).",
        "opt_short_lead_time_a": "Сохранить вашу дату {date}: складская формула в стандартной упаковке.",
        "opt_short_lead_time_b": "Полная спецификация, готовность {date}.",
        "opt_short_lead_time_c": "Отгрузка частями: первая часть со склада до {date}, остальное до {date2}.",
        "opt_price_below_list_a": "Более крупная партия со сниженной ценой за единицу.",
        "opt_price_below_list_b": "Более простая упаковка, например стандартная коробка вместо подарочной с печатью.",
        "opt_price_below_list_c": "Другой объём того же продукта, подходящий под вашу цену.",
        "next_steps": "Дальнейшие шаги:",
        "step_choose": "Пожалуйста, сообщите о своём выборе до {date}.",
        "step_confirm": "Мы пришлём окончательное коммерческое предложение и график производства до {date}.",
        "step_mockup": "Мы пришлём макет этикетки и упаковки на согласование до {date}.",
        "step_quote": "Мы пришлём подробное коммерческое предложение до {date}.",
        "questions_intro": "Чтобы подготовить для вас лучшее предложение, расскажите, пожалуйста, немного о вашем бизнесе:",
        "q_target_market": "В какой стране или на каком рынке вы планируете продавать нашу продукцию?",
        "q_current_customers": "Кто ваши текущие клиенты (например, магазины, салоны или онлайн-покупатели)?",
        "q_sales_channel": "Через какие каналы вы продаёте (интернет-магазин, маркетплейс, розничные магазины или дистрибуция)?",
        "q_price_quality": "Что для этой линейки важнее: минимальная цена или премиальное качество?",
        "closing": "Будем рады сотрудничеству.",
        "sign_off": "С уважением,\n{signer}\n{seller}",
        "date": "{iso} ({weekday})",
        "weekdays": "пн вт ср чт пт сб вс",
        "thousands": "\u202f",
    },
    "ja": {
        "greeting_name": "{name}様",
        "greeting": "ご担当者様",
        "thanks": "このたびは{seller}にお問い合わせいただき、誠にありがとうございます。",
        "articles_intro": "お問い合わせの件について、ご案内いたします。",
        "yes_customization": "はい、ご希望の仕様（自社ブランド、ロゴ、処方、パッケージ）で製造いたします。",
        "yes_small_batch": "はい、通常の最小ロットは{moq}個ですが、{quantity}個から始めていただけます。",
        "yes_short_lead_time": "はい、通常の納期は{lead_days}日ですが、ご希望の{deadline}に合わせて進めます。",
        "yes_price_below_list": "はい、定価は{list_price}ですが、ご希望価格の{target}に近づけるよう検討いたします。",
        "options_intro": "以下の3つの方法からお選びください。",
        "option_label": "{letter}案",
        "option_line": "【{label}】{text}",
        "opt_customization_a": "{date}の納期を維持：当社標準の容器と処方を使い、ラベルとロゴのみ変更します。",
        "opt_customization_b": "すべてのカスタム仕様を維持：{date}までにご用意します。",
        "opt_customization_c": "処方またはパッケージを調整：実績のある当社ベース処方をお客様のパッケージデザインで、{date}までにご用意します。",
        "opt_small_batch_a": "在庫品から{quantity}個（カスタマイズなし）、{date}までに発送します。",
        "opt_small_batch_b": "複数のSKUを1回のご注文にまとめ、最小ロット{moq}個を満たします。",
        "opt_small_batch_c": "ご希望の商品を{quantity}個、小ロット追加料金にて承ります（お見積りをお送りします）。",
        "opt_short_lead_time_a": "ご希望の{date}の納期を維持：在庫処方と標準パッケージで対応します。",
        "opt_short_lead_time_b": "すべての仕様どおり、{date}までにご用意します。",
        "opt_short_lead_time_c": "分納：第1便を在庫から{date}までに、残りを{date2}までにお届けします。",
        "opt_price_below_list_a": "ご注文数量を増やし、単価の低い価格帯を適用します。",
        "opt_price_below_list_b": "パッケージを簡素化します（例：印刷ギフトボックスではなく標準箱）。",
        "opt_price_below_list_c": "同じ製品の別容量で、ご希望の価格帯に合わせます。",
        "next_steps": "今後の流れ：",
        "step_choose": "{date}までにご希望の案をお知らせください。",
        "step_confirm": "{date}までに最終お見積りと生産スケジュールをお送りします。",
        "step_mockup": "{date}までにラベルとパッケージのデザイン案をお送りします。",
        "step_quote": "{date}までに詳細なお見積りをお送りします。",
        "questions_intro": "最適なご提案のため、いくつかお伺いしてもよろしいでしょうか。",
        "q_target_market": "どの国・市場で販売されるご予定ですか？",
        "q_current_customers": "現在の主なお客様はどのような方ですか？（例：店舗、サロン、オンライン購入者）",
        "q_sales_channel": "主な販売チャネルを教えてください（自社EC、マーケットプレイス、実店舗、卸売など）。",
        "q_price_quality": "今回の商品では、価格と品質のどちらを重視されますか？",
        "closing": "今後ともどうぞよろしくお願いいたします。",
        "sign_off": "{seller}\n{signer}",
        "date": "{iso}（{weekday}）",
        "weekdays": "月 火 水 木 金 土 日",
        "thousands": ",",
    },
    "zh": {
        "greeting_name": "{name}，您好！",
        "greeting": "您好！",
        "thanks": "感谢您的询盘以及对{seller}的关注。",
        "articles_intro": "关于您咨询的问题，说明如下：",
        "yes_customization": "可以，我们能按照您的要求定制生产（自有品牌、标志、配方或包装）。",
        "yes_small_batch": "可以，我们的标准起订量是{moq}件，但您可以先从{quantity}件开始。",
        "yes_short_lead_time": "可以，我们的标准交期是{lead_days}天，但我们会按照您要求的{deadline}来安排。",
        "yes_price_below_list": "可以，我们的标价是{list_price}，我们会尽量接近您的目标价{target}。",
        "options_intro": "您可以从以下三个方案中选择：",
        "option_label": "方案{letter}",
        "option_line": "【{label}】{text}",
        "opt_customization_a": "保持{date}的交期：使用我们的标准容器和配方，只更换标签和标志。",
        "opt_customization_b": "保留全部定制要求：{date}前完成。",
        "opt_customization_c": "调整配方或包装：采用我们成熟的基础配方，搭配您的包装设计，{date}前完成。",
        "opt_small_batch_a": "从现货产品中提供{quantity}件（不含定制），{date}前发货。",
        "opt_small_batch_b": "在同一订单中混合多个SKU，达到{moq}件的起订量。",
        "opt_small_batch_c": "您选择的产品{quantity}件，加收小批量附加费（我们会单独报价）。",
        "opt_short_lead_time_a": "保持您要求的{date}交期：使用现货配方和标准包装。",
        "opt_short_lead_time_b": "完全按规格生产，{date}前完成。",
        "opt_short_lead_time_c": "分批发货：第一批现货{date}前发出，其余{date2}前发出。",
        "opt_price_below_list_a": "提高订购数量，适用更低单价的档位。",
        "opt_price_below_list_b": "简化包装，例如用标准盒代替印刷礼盒。",
        "opt_price_below_list_c": "选择同一产品的其他规格，以符合您的价位。",
        "next_steps": "后续步骤：",
        "step_choose": "请在{date}前告知您选择的方案。",
        "step_confirm": "我们将在{date}前发送最终报价和生产计划。",
        "step_mockup": "我们将在{date}前发送标签和包装设计稿供您确认。",
        "step_quote": "我们将在{date}前发送详细报价。",
        "questions_intro": "为了给您提供最合适的方案，想请教几个问题：",
        "q_target_market": "您计划在哪个国家或市场销售我们的产品？",
        "q_current_customers": "您目前的主要客户是哪些（例如门店、美容院或网购消费者）？",
        "q_sales_channel": "您主要通过哪些渠道销售（自营网店、电商平台、实体店或分销）？",
        "q_price_quality": "对这条产品线来说，价格和品质哪个更重要？",
        "closing": "期待与您合作！",
        "sign_off": "祝商祺！\n{signer}\n{seller}",
        "date": "{iso}（{weekday}）",
        "weekdays": "周一 周二 周三 周四 周五 周六 周日",
        "thousands": ",",
    },
    "vi": {
        "greeting_name": "Kính gửi anh/chị {name},",
        "greeting": "Kính gửi Quý khách,",
        "thanks": "Cảm ơn anh/chị đã liên hệ và quan tâm đến {seller}.",
        "articles_intro": "Chúng tôi xin gửi thông tin anh/chị cần:",
        "yes_customization": "Vâng, chúng tôi có thể sản xuất sản phẩm này theo yêu cầu riêng của anh/chị (nhãn hiệu riêng, logo, công thức hoặc bao bì).",
        "yes_small_batch": "Vâng, dù MOQ tiêu chuẩn của chúng tôi là {moq} sản phẩm, anh/chị vẫn có thể bắt đầu với {quantity} sản phẩm.",
        "yes_short_lead_time": "Vâng, dù thời gian sản xuất tiêu chuẩn của chúng tôi là {lead_days} ngày, chúng tôi có thể lên kế hoạch theo ngày {deadline} của anh/chị.",
        "yes_price_below_list": "Vâng, dù giá niêm yết của chúng tôi là {list_price}, chúng tôi sẽ cố gắng tiến gần mức giá mục tiêu {target} của anh/chị.",
        "options_intro": "Dưới đây là ba phương án để anh/chị lựa chọn:",
        "option_label": "Phương án {letter}",
        "option_line": "{label} – {text}",
        "opt_customization_a": "Giữ nguyên ngày {date}: dùng bao bì và công thức tiêu chuẩn của chúng tôi, chỉ thay nhãn và logo.",
        "opt_customization_b": "Giữ toàn bộ yêu cầu tùy chỉnh: sẵn sàng trước {date}.",
        "opt_customization_c": "Điều chỉnh công thức hoặc bao bì: công thức nền đã được kiểm chứng của chúng tôi trong thiết kế bao bì của anh/chị, sẵn sàng trước {date}.",
        "opt_small_batch_a": "{quantity} sản phẩm từ hàng có sẵn (không tùy chỉnh), gửi đi trước {date}.",
        "opt_small_batch_b": "Gộp nhiều mã sản phẩm (SKU) trong một đơn để đạt MOQ {moq} sản phẩm.",
        "opt_small_batch_c": "{quantity} sản phẩm theo mẫu anh/chị chọn, kèm phụ phí lô nhỏ (chúng tôi sẽ báo giá).",
        "opt_short_lead_time_a": "Giữ nguyên ngày {date} của anh/chị: dùng công thức có sẵn và bao bì tiêu chuẩn.",
        "opt_short_lead_time_b": "Đầy đủ quy cách, sẵn sàng trước {date}.",
        "opt_short_lead_time_c": "Giao hàng từng phần: đợt đầu từ hàng có sẵn trước {date}, phần còn lại trước {date2}.",
        "opt_price_below_list_a": "Tăng số lượng đặt hàng để áp dụng mức giá thấp hơn.",
        "opt_price_below_list_b": "Bao bì đơn giản hơn, ví dụ hộp tiêu chuẩn thay cho hộp quà in.",
        "opt_price_below_list_c": "Một dung tích khác của cùng sản phẩm, phù hợp với mức giá của anh/chị.",
        "next_steps": "Các bước tiếp theo:",
        "step_choose": "Vui lòng cho chúng tôi biết lựa chọn của anh/chị trước {date}.",
        "step_confirm": "Chúng tôi sẽ gửi báo giá cuối cùng và lịch sản xuất trước {date}.",
        "step_mockup": "Chúng tôi sẽ gửi bản thiết kế mẫu nhãn và bao bì để anh/chị duyệt trước {date}.",
        "step_quote": "Chúng tôi sẽ gửi báo giá chi tiết trước {date}.",
        "questions_intro": "Để chuẩn bị đề xuất tốt nhất, anh/chị có thể cho chúng tôi biết thêm một chút về công việc kinh doanh không?",
        "q_target_market": "Anh/chị dự định bán sản phẩm của chúng tôi ở quốc gia hoặc thị trường nào?",
        "q_current_customers": "Khách hàng hiện tại của anh/chị là ai (ví dụ cửa hàng, salon hay người mua online)?",
        "q_sales_channel": "Anh/chị bán hàng qua những kênh nào (website riêng, sàn thương mại điện tử, cửa hàng hay phân phối)?",
        "q_price_quality": "Với dòng sản phẩm này, anh/chị ưu tiên giá thấp nhất hay chất lượng cao cấp?",
        "closing": "Rất mong được hợp tác cùng anh/chị.",
        "sign_off": "Trân trọng,\n{signer}\n{seller}",
        "date": "{iso} ({weekday})",
        "weekdays": "T2 T3 T4 T5 T6 T7 CN",
        "thousands": ".",
    },
}
# fmt: on
DRAFT_LANGUAGES: tuple[str, ...] = tuple(PHRASES)


# ---------------------------------------------------------------------------------------------
# Dates: next steps in business days, the buyer's and our calendar dates kept off weekends
# ---------------------------------------------------------------------------------------------


def is_business_day(day: date, holidays: frozenset[date] = frozenset()) -> bool:
    """Monday to Friday and not a listed holiday."""
    return day.weekday() < 5 and day not in holidays


def add_business_days(start: date, days: int, holidays: frozenset[date] = frozenset()) -> date:
    """``start`` plus ``days`` business days (Saturday, Sunday and ``holidays`` skipped)."""
    day = start
    remaining = days
    while remaining > 0:
        day += timedelta(days=1)
        if is_business_day(day, holidays):
            remaining -= 1
    return day


def ready_date(start: date, calendar_days: int, holidays: frozenset[date] = frozenset()) -> date:
    """When something that takes ``calendar_days`` is ready: moved forward off a weekend."""
    day = start + timedelta(days=calendar_days)
    while not is_business_day(day, holidays):
        day += timedelta(days=1)
    return day


def buyer_date(start: date, calendar_days: int, holidays: frozenset[date] = frozenset()) -> date:
    """The buyer's deadline: moved back off a weekend, since goods ship on a working day."""
    day = start + timedelta(days=calendar_days)
    while not is_business_day(day, holidays) and day > start:
        day -= timedelta(days=1)
    return day


# ---------------------------------------------------------------------------------------------
# Hard requests
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class HardRequest:
    """A request the seller cannot meet as asked; the draft answers it with options A/B/C."""

    kind: str
    reason: Reason


def detect_hard_requests(triage: Triage, seller: SellerFacts) -> tuple[HardRequest, ...]:
    """Which hard requests the message makes, given the seller's MOQ, lead time and price."""
    found: list[HardRequest] = []
    ex = triage.extraction
    if "customization" in triage.intents:
        found.append(
            HardRequest(
                "customization",
                Reason.of(
                    "strategic_yes",
                    "Custom work requested: strategic yes with options A/B/C.",
                    subject="request",
                    request="customization",
                ),
            )
        )
    if _below_moq(ex.quantity, seller.moq):
        assert ex.quantity is not None and seller.moq is not None  # narrowed by _below_moq
        found.append(
            HardRequest(
                "small_batch",
                Reason.of(
                    "strategic_yes",
                    "Quantity {quantity} {unit} is under the MOQ of {moq} pcs: "
                    "strategic yes with options A/B/C.",
                    subject="request",
                    request="small_batch",
                    quantity=ex.quantity.value,
                    unit=ex.quantity.unit,
                    moq=seller.moq,
                ),
            )
        )
    if ex.deadline_days is not None and ex.deadline_days < seller.lead_time_days:
        found.append(
            HardRequest(
                "short_lead_time",
                Reason.of(
                    "strategic_yes",
                    "Deadline of {deadline_days} days is shorter than the standard lead time of "
                    "{lead_time_days} days: strategic yes with options A/B/C.",
                    subject="request",
                    request="short_lead_time",
                    deadline_days=ex.deadline_days,
                    lead_time_days=seller.lead_time_days,
                ),
            )
        )
    if _below_list_price(ex.target_price, seller):
        assert ex.target_price is not None and seller.list_price is not None
        found.append(
            HardRequest(
                "price_below_list",
                Reason.of(
                    "strategic_yes",
                    "Target price {target} is under the list price {list_price}: "
                    "strategic yes with options A/B/C.",
                    subject="request",
                    request="price_below_list",
                    target=format_money(ex.target_price.amount, ex.target_price.currency),
                    list_price=format_money(seller.list_price, ex.target_price.currency),
                ),
            )
        )
    return tuple(found)


def _below_moq(quantity: Quantity | None, moq: int | None) -> bool:
    return (
        quantity is not None
        and moq is not None
        and quantity.unit in PIECE_UNITS
        and 0 < quantity.value < moq
    )


def _below_list_price(target: Price | None, seller: SellerFacts) -> bool:
    # Prices in different currencies or per carton are not comparable without rates and
    # packing data; the person reading the draft compares those.
    return (
        target is not None
        and seller.list_price is not None
        and seller.currency is not None
        and target.currency == seller.currency
        and (target.per is None or target.per in PIECE_UNITS)
        and target.amount < seller.list_price
    )


def format_money(amount: float, currency: str) -> str:
    """``USD 1.20``: the same in every language, so the LLM check can find it again."""
    return f"{currency} {amount:.2f}"


# ---------------------------------------------------------------------------------------------
# The draft
# ---------------------------------------------------------------------------------------------


def _known(value: str | bool | None) -> bool:
    return bool(value)


def unanswered_topics(triage: Triage, buyer: BuyerFacts) -> tuple[str, ...]:
    """Qualifying topics neither the buyer record nor this message answers yet."""
    known = {
        "target_market": _known(buyer.target_market) or triage.extraction.destination_country,
        "current_customers": _known(buyer.current_customers),
        "sales_channel": _known(buyer.sales_channel) or triage.business.sales_channels,
        "price_quality": _known(buyer.price_quality_priority),
    }
    return tuple(topic for topic in QUALIFYING_TOPICS if not known[topic])


class _Phrasebook:
    """Phrases of one language, with dates and numbers written that language's way."""

    def __init__(self, language: str) -> None:
        self.language = language
        self.phrases = PHRASES[language]
        self.weekdays = self.phrases["weekdays"].split()

    def __call__(self, key: str, **values: Any) -> str:
        return self.phrases[key].format(**values)

    def day(self, value: date) -> str:
        return self.phrases["date"].format(
            iso=value.isoformat(), weekday=self.weekdays[value.weekday()]
        )

    def number(self, value: float) -> str:
        if float(value).is_integer():
            return f"{int(value):,}".replace(",", self.phrases["thousands"])
        return f"{value:g}"


def draft_reply(triage: Triage, context: DraftContext) -> Draft:
    """Draft a reply to one triaged message; deterministic for the same inputs.

    The draft is in the buyer's language when templates exist for it, else in English (and
    ``fell_back_to_english`` with a reason says so). It answers with the matched articles
    (buyer-language answer, else English, and says so), meets every hard request with a
    strategic yes (options A/B/C and dated next steps), and asks the qualifying questions the
    buyer has not answered yet.
    """
    buyer, seller = context.buyer, context.seller
    reasons: list[Reason] = []
    language = triage.language if triage.language in PHRASES else "en"
    fell_back = language != triage.language
    if fell_back:
        reasons.append(
            Reason.of(
                "language_fallback",
                "No reply templates in '{language}': the draft is in English.",
                subject="language",
                language=triage.language,
            )
        )
    say = _Phrasebook(language)
    paragraphs: list[str] = []
    name = buyer.contact_name.strip()
    paragraphs.append(say("greeting_name", name=name) if name else say("greeting"))
    paragraphs.append(say("thanks", seller=seller.company_name))

    article_ids, article_block = _article_block(context.articles, language, reasons)
    if article_block:
        paragraphs.append("\n\n".join([say("articles_intro"), *article_block]))

    hard = detect_hard_requests(triage, seller)
    options: list[Option] = []
    for request in hard:
        reasons.append(request.reason)
        yes, request_options = _strategic_yes(request.kind, triage, seller, say)
        options.extend(request_options)
        lines = [say("option_line", label=say("option_label", letter=o.label), text=o.text)
                 for o in request_options]  # fmt: skip
        paragraphs.append("\n".join([yes, say("options_intro"), *lines]))

    steps = _next_steps(triage, hard, seller)
    if steps:
        step_lines = [
            f"{i}. {say(key, date=say.day(day))}" for i, (key, day) in enumerate(steps, 1)
        ]
        paragraphs.append("\n".join([say("next_steps"), *step_lines]))

    topics: tuple[str, ...] = ()
    if not triage.low_intent and not (
        set(triage.intents) and set(triage.intents) <= _NO_QUESTIONS_INTENTS
    ):
        topics = unanswered_topics(triage, buyer)
    if topics:
        questions = [f"- {say('q_' + topic)}" for topic in topics]
        paragraphs.append("\n".join([say("questions_intro"), *questions]))
        reasons.append(
            Reason.of(
                "qualifying_questions",
                "Qualifying questions asked: {topics}.",
                topics=", ".join(TOPIC_NAMES[topic] for topic in topics),
            )
        )

    paragraphs.append(say("closing"))
    paragraphs.append(say("sign_off", signer=seller.signer_name, seller=seller.company_name))
    return Draft(
        language=language,
        text="\n\n".join(paragraphs),
        auto_send=False,
        reasons=tuple(reason.text() for reason in reasons),
        fell_back_to_english=fell_back,
        strategic_yes=tuple(request.kind for request in hard),
        options=tuple(options),
        questions=topics,
        article_ids=article_ids,
        buyer_language=triage.language,
        next_step_dates=tuple(day for _, day in steps),
        reason_codes=tuple(reasons),
    )


def _article_block(
    articles: tuple[ArticleAnswer, ...], language: str, reasons: list[Reason]
) -> tuple[tuple[int, ...], list[str]]:
    """Answers of the matched articles, best match first, in the draft language if possible."""
    used: list[int] = []
    block: list[str] = []
    for article in sorted(articles, key=lambda a: (-a.score, a.article_id)):
        answer = (article.answers.get(language) or "").strip()
        if not answer and language != "en":
            answer = (article.answers.get("en") or "").strip()
            if answer:
                reasons.append(
                    Reason.of(
                        "article_in_english",
                        "Article {article_id} ({title}) has no answer in '{language}': "
                        "its English answer is used.",
                        subject="article_id",
                        article_id=article.article_id,
                        title=article.title,
                        language=language,
                    )
                )
        if not answer:
            reasons.append(
                Reason.of(
                    "article_skipped",
                    "Article {article_id} ({title}) has no answer in '{language}' or English: "
                    "left out.",
                    subject="article_id",
                    article_id=article.article_id,
                    title=article.title,
                    language=language,
                )
            )
            continue
        used.append(article.article_id)
        block.append(answer)
    if used:
        reasons.append(
            Reason.of(
                "articles_used",
                "Answered from knowledge articles {article_ids}.",
                article_ids=", ".join(str(i) for i in used),
            )
        )
    return tuple(used), block


def _strategic_yes(
    kind: str, triage: Triage, seller: SellerFacts, say: _Phrasebook
) -> tuple[str, list[Option]]:
    """The "yes" sentence and options A/B/C for one hard request."""
    ex = triage.extraction
    today, holidays = seller.today, seller.holidays
    standard_ready = ready_date(today, seller.lead_time_days, holidays)
    deadline = (
        buyer_date(today, ex.deadline_days, holidays) if ex.deadline_days is not None else None
    )
    dates: dict[str, tuple[date | None, date | None]]
    values: dict[str, Any] = {}
    if kind == "customization":
        keep_date = deadline or standard_ready
        custom_ready = max(ready_date(today, seller.custom_lead, holidays), keep_date)
        # A proven base formula skips formulation and stability tests: about half the extra
        # time of full custom work.
        adjusted_days = (seller.lead_time_days + seller.custom_lead) // 2
        adjusted_ready = max(ready_date(today, adjusted_days, holidays), keep_date)
        yes = say("yes_customization")
        dates = {"a": (keep_date, None), "b": (custom_ready, None), "c": (adjusted_ready, None)}
    elif kind == "small_batch":
        assert ex.quantity is not None and seller.moq is not None
        values = {"quantity": say.number(ex.quantity.value), "moq": say.number(seller.moq)}
        dispatch = add_business_days(today, seller.stock_dispatch_business_days, holidays)
        yes = say("yes_small_batch", **values)
        dates = {"a": (dispatch, None), "b": (None, None), "c": (None, None)}
    elif kind == "short_lead_time":
        assert deadline is not None
        yes = say("yes_short_lead_time", deadline=say.day(deadline),
                  lead_days=seller.lead_time_days)  # fmt: skip
        dates = {"a": (deadline, None), "b": (standard_ready, None),
                 "c": (deadline, standard_ready)}  # fmt: skip
    else:  # price_below_list
        assert ex.target_price is not None and seller.list_price is not None
        currency = ex.target_price.currency
        yes = say(
            "yes_price_below_list",
            target=format_money(ex.target_price.amount, currency),
            list_price=format_money(seller.list_price, currency),
        )
        dates = {"a": (None, None), "b": (None, None), "c": (None, None)}
    options = []
    for letter in ("a", "b", "c"):
        first, second = dates[letter]
        text = say(
            f"opt_{kind}_{letter}",
            **values,
            date=say.day(first) if first else "",
            date2=say.day(second) if second else "",
        )
        options.append(Option(kind, letter.upper(), text, first))
    return yes, options


def _next_steps(
    triage: Triage, hard: tuple[HardRequest, ...], seller: SellerFacts
) -> list[tuple[str, date]]:
    """Dated next steps (phrase key, date), in date order."""
    today, holidays = seller.today, seller.holidays
    if hard:
        choose_by = add_business_days(today, seller.reply_business_days, holidays)
        steps = [
            ("step_choose", choose_by),
            ("step_confirm", add_business_days(choose_by, 1, holidays)),
        ]
        if any(request.kind == "customization" for request in hard):
            steps.append(("step_mockup", add_business_days(choose_by, 3, holidays)))
        return steps
    if set(triage.intents) & _QUOTE_INTENTS and not triage.low_intent:
        return [("step_quote", add_business_days(today, seller.quote_business_days, holidays))]
    return []
