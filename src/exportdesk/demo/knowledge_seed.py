"""The demo knowledge base: a K-beauty maker's answers to the questions buyers ask every day.

Question variants are written the way buyers write them, in English and in the languages the
demo's inquiries come in (Korean, Spanish, Russian, Vietnamese, Japanese, Arabic, Hungarian...),
so retrieval has something to match across languages. Routine answers (shipping, authenticity,
MOQ, payment, certifications, lead time, catalog) may be sent automatically; answers that
depend on the buyer (samples are priced by grade, private label needs a conversation, order
status needs the order) are left to a person.

``exportdesk demo`` calls ``seed_knowledge()`` first and adds its follow-up templates.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction

from exportdesk.inbox.knowledge_services import knowledge_article_create
from exportdesk.inbox.models import KnowledgeArticle, ReplyTemplate


@dataclass(frozen=True, slots=True)
class SeedArticle:
    """One demo article."""

    title: str
    questions: tuple[str, ...]
    answers: dict[str, str]
    intents: tuple[str, ...]
    auto_reply: bool


ARTICLES: tuple[SeedArticle, ...] = (
    SeedArticle(
        "Shipping methods and costs",
        (
            "How much is shipping to my country?",
            "Do you ship by sea or by air?",
            "Can you ship DDP to Europe?",
            "What courier do you use, DHL or FedEx?",
            "배송비가 얼마인가요?",
            "¿Cuánto cuesta el envío a México?",
            "Сколько стоит доставка в Россию?",
            "Phí vận chuyển về Việt Nam là bao nhiêu?",
            "日本までの送料はいくらですか？",
            "Mennyi a szállítási díj Magyarországra?",
        ),
        {
            "en": "We ship from Busan/Incheon. Air express (DHL, FedEx, UPS) takes 3–5 working "
            "days and costs about US$8–12 per kg; sea freight takes 25–40 days and suits "
            "orders above 300 kg. We quote EXW, FOB Busan, CIF or DDP on request.",
            "ko": "부산/인천에서 출고합니다. 항공 특송(DHL, FedEx, UPS)은 영업일 기준 3–5일, kg당 "
            "약 8–12달러이며, 해상 운송은 25–40일로 300kg 이상 주문에 적합합니다. EXW, FOB 부산, "
            "CIF, DDP 조건 견적이 가능합니다.",
            "es": "Enviamos desde Busan/Incheon. Courier aéreo (DHL, FedEx) 3–5 días hábiles, "
            "unos 8–12 USD por kg; marítimo 25–40 días para pedidos de más de 300 kg. "
            "Cotizamos EXW, FOB Busan, CIF o DDP.",
        },
        ("shipping",),
        True,
    ),
    SeedArticle(
        "Are you the manufacturer? Made in Korea?",
        (
            "Are you the manufacturer or a trading company?",
            "Is this product made in Korea?",
            "Is it original? Are your products genuine?",
            "Do you have your own factory?",
            "제조사인가요? 한국산 맞나요?",
            "¿Son ustedes fabricantes? ¿Es hecho en Corea?",
            "Вы производитель? Это оригинальная корейская продукция?",
            "Sản phẩm có phải hàng chính hãng Hàn Quốc không?",
            "韓国製の正規品ですか？",
            "هل أنتم المصنع؟",
        ),
        {
            "en": "Yes. We are the manufacturer: our CGMP (ISO 22716) factory is in Hwaseong, "
            "Gyeonggi-do, and every product is made in Korea, as printed on the label. We are "
            "happy to show the factory on a video call and to send the business registration.",
            "ko": "네, 저희가 제조사입니다. 경기도 화성의 CGMP(ISO 22716) 공장에서 모든 제품을 "
            "생산하며 라벨에 Made in Korea가 표기됩니다. 화상 통화로 공장 투어가 가능하고 "
            "사업자등록증도 보내드립니다.",
            "es": "Sí. Somos el fabricante: nuestra fábrica CGMP (ISO 22716) está en Gyeonggi-do y "
            "todos los productos están hechos en Corea. Podemos mostrarle la fábrica por "
            "videollamada.",
        },
        ("authenticity",),
        True,
    ),
    SeedArticle(
        "Minimum order quantity (MOQ)",
        (
            "What is your MOQ?",
            "Can I order a smaller quantity for a first trial?",
            "Can I mix products to reach the MOQ?",
            "최소 주문 수량이 어떻게 되나요?",
            "¿Cuál es el pedido mínimo?",
            "Какой минимальный заказ?",
            "Số lượng đặt hàng tối thiểu là bao nhiêu?",
            "最小ロットはいくつですか？",
        ),
        {
            "en": "Our MOQ is 50–200 pcs per SKU for stock products (see each product), and you "
            "may mix up to three SKUs in a first trial order. Private label starts at 1,000 "
            "pcs, custom formulas at 3,000 pcs.",
            "ko": "재고 제품의 MOQ는 품목당 50–200개이며(제품별 상이), 첫 시험 주문은 최대 3개 "
            "품목까지 혼합 가능합니다. 프라이빗 라벨은 1,000개, 맞춤 처방은 3,000개부터입니다.",
            "es": "El pedido mínimo es de 50–200 unidades por referencia en productos de stock; en "
            "el primer pedido de prueba puede combinar hasta tres referencias.",
        },
        ("moq",),
        True,
    ),
    SeedArticle(
        "Samples",
        (
            "Can you send samples?",
            "Are samples free?",
            "How much do samples cost with shipping?",
            "샘플 받을 수 있나요?",
            "¿Pueden enviar muestras?",
            "Можно получить образцы?",
            "Có thể gửi hàng mẫu không?",
            "サンプルを送ってもらえますか？",
        ),
        {
            "en": "Yes, we send samples within 3 working days by DHL. Depending on the order "
            "plan, the samples are free or shared; courier cost can go on your DHL/FedEx "
            "account. Sample cost is credited on your first order.",
            "ko": "네, 영업일 3일 이내 DHL로 발송합니다. 주문 계획에 따라 샘플은 무상 또는 "
            "비용 분담이며, 특송비는 바이어 DHL/FedEx 계정으로도 가능합니다. 샘플 비용은 "
            "첫 주문 시 차감해 드립니다.",
        },
        ("sample",),
        False,
    ),
    SeedArticle(
        "Payment terms",
        (
            "What payment methods do you accept?",
            "Can I pay by PayPal?",
            "Do you accept L/C or Trade Assurance?",
            "결제 조건이 어떻게 되나요?",
            "¿Qué formas de pago aceptan?",
            "Какие условия оплаты?",
            "Phương thức thanh toán là gì?",
        ),
        {
            "en": "We accept Alibaba Trade Assurance, T/T (30 % deposit, 70 % before shipment), "
            "PayPal for orders under US$3,000 and L/C at sight for orders above US$30,000.",
            "ko": "알리바바 Trade Assurance, T/T(선금 30%, 선적 전 잔금 70%), 3,000달러 미만 "
            "주문은 PayPal, 30,000달러 이상은 일람불 L/C가 가능합니다.",
            "es": "Aceptamos Alibaba Trade Assurance, T/T (30 % de anticipo, 70 % antes del "
            "envío), PayPal para pedidos de menos de 3.000 USD y carta de crédito a la vista desde "
            "30.000 USD.",
        },
        ("payment",),
        True,
    ),
    SeedArticle(
        "Certifications (CPNP, FDA, Halal, ISO 22716)",
        (
            "Do you have CPNP notification for the EU?",
            "Is the product FDA registered?",
            "Can you send the MSDS and COA?",
            "Do you have a Halal certificate?",
            "인증서(CPNP, FDA) 있나요?",
            "¿Tienen registro FDA y certificado de análisis?",
            "Есть ли сертификаты и декларации?",
            "Có giấy chứng nhận CPNP, FDA không?",
        ),
        {
            "en": "Our factory is ISO 22716 / CGMP certified. Most products are notified on the EU "
            "CPNP portal and registered with the US FDA (MoCRA); a range is Halal certified. "
            "We send certificates, COA, MSDS and the INCI list on request.",
            "ko": "공장은 ISO 22716 / CGMP 인증을 받았습니다. 대부분의 제품이 EU CPNP 등록 "
            "및 미국 FDA(MoCRA) 등록이 되어 있으며 일부는 할랄 인증 제품입니다. 인증서, "
            "COA, MSDS, 전성분을 요청 시 보내드립니다.",
        },
        ("certification",),
        True,
    ),
    SeedArticle(
        "Production lead time",
        (
            "What is the lead time?",
            "How long does production take?",
            "Can you deliver in 30 days?",
            "생산 기간이 얼마나 걸리나요?",
            "¿Cuál es el plazo de entrega?",
            "Какой срок производства?",
            "Thời gian sản xuất mất bao lâu?",
            "納期はどのくらいですか？",
        ),
        {
            "en": "Stock products ship in 10–21 days after payment; private label takes 30–35 "
            "days after artwork approval. Add 3–5 days for air express or 25–40 days by sea.",
            "ko": "재고 제품은 결제 후 10–21일, 프라이빗 라벨은 디자인 확정 후 30–35일이 "
            "소요됩니다. 항공 특송은 3–5일, 해상은 25–40일이 추가됩니다.",
            "es": "Los productos en stock salen en 10–21 días tras el pago; marca blanca "
            "30–35 días tras aprobar el diseño. Añada 3–5 días por aéreo o 25–40 días por mar.",
        },
        ("lead_time",),
        True,
    ),
    SeedArticle(
        "Private label and OEM",
        (
            "Can you put our logo on the product?",
            "Do you do OEM/ODM?",
            "Can you develop a custom formula for our brand?",
            "Can we change the packaging design?",
            "OEM 가능한가요?",
            "¿Hacen marca blanca con nuestro logo?",
            "Возможно ли производство под нашим брендом?",
            "Có nhận gia công OEM không?",
            "OEMは可能ですか？",
        ),
        {
            "en": "Yes, we are an OEM/ODM maker. Private label (your logo on our formulas) starts "
            "at 1,000 pcs; custom formulas at 3,000 pcs. Typical timeline: sample 2 weeks, "
            "packaging design 2 weeks, production 30–35 days. We share a project checklist "
            "and progress updates at every step.",
            "ko": "네, OEM/ODM 제조사입니다. 프라이빗 라벨(당사 처방에 바이어 로고)은 "
            "1,000개, 맞춤 처방은 3,000개부터 가능합니다. 샘플 2주, 패키지 디자인 2주, 생산 "
            "30–35일이 일반적이며 단계별 체크리스트와 진행 상황을 공유합니다.",
        },
        ("customization",),
        False,
    ),
    SeedArticle(
        "Catalog and new products",
        (
            "Can you send your catalog and price list?",
            "Do you have new products?",
            "카탈로그 보내주세요",
            "¿Pueden enviar su catálogo?",
            "Пришлите, пожалуйста, каталог",
            "Cho tôi xin catalogue sản phẩm",
            "カタログを送ってください",
        ),
        {
            "en": "Please find our current catalog and price list attached. New this season: "
            "Salmon PDRN Ampoule, Vitamin C 15% Glow Serum and Mineral Sun Stick SPF50+.",
            "ko": "최신 카탈로그와 가격표를 첨부합니다. 이번 시즌 신제품: 연어 PDRN 앰플, 비타민C "
            "15% 글로우 세럼, 무기자차 선스틱 SPF50+.",
            "es": "Adjuntamos nuestro catálogo y lista de precios. Novedades de la temporada: "
            "Ampolla PDRN de salmón, Sérum Vitamina C 15 % y Stick solar mineral SPF50+.",
        },
        ("catalog",),
        True,
    ),
    SeedArticle(
        "Order status and tracking",
        (
            "Where is my order?",
            "Please send the tracking number",
            "주문 배송 조회",
            "¿Dónde está mi pedido?",
            "Где мой заказ?",
        ),
        {
            "en": "We send the tracking number on the day of shipment. Air express arrives in 3–5 "
            "working days; your rep checks every shipment until delivery.",
            "ko": "출고 당일 운송장 번호를 보내드립니다. 항공 특송은 영업일 3–5일 내 도착하며 "
            "담당자가 배송 완료까지 확인합니다.",
        },
        ("order_followup",),
        False,
    ),
)

# (purpose, English body, Korean body): one reply template per intent and language.
_TEMPLATES: tuple[tuple[str, str, str], ...] = (
    (
        "price_quote",
        "Hi {contact_name},\n\nThank you for your inquiry about {product}. Our price is "
        "{unit_price} per piece at the MOQ of {moq} pcs, with better prices for larger "
        "quantities. May I ask your target market and sales channel?\n\nBest regards,\n{rep_name}",
        "{contact_name}님 안녕하세요,\n\n{product} 문의 감사합니다. MOQ {moq}개 기준 단가는 "
        "{unit_price}이며 수량이 늘면 단가가 내려갑니다. 판매 국가와 채널을 알려주시겠어요?\n\n"
        "{rep_name} 드림",
    ),
    (
        "moq",
        "Hi {contact_name},\n\nThe MOQ for {product} is {moq} pcs, and you may mix up to three "
        "SKUs in your first trial order.\n\nBest regards,\n{rep_name}",
        "{contact_name}님 안녕하세요,\n\n{product}의 MOQ는 {moq}개이며, 첫 시험 주문은 최대 3개 "
        "품목까지 혼합 가능합니다.\n\n{rep_name} 드림",
    ),
    (
        "sample",
        "Hi {contact_name},\n\nSure, we can send samples of {product} within 3 working days by "
        "DHL. What is your target launch date?\n\nBest regards,\n{rep_name}",
        "{contact_name}님 안녕하세요,\n\n{product} 샘플을 영업일 3일 이내 DHL로 보내드릴 수 "
        "있습니다. 출시 목표일이 언제인가요?\n\n{rep_name} 드림",
    ),
    (
        "shipping",
        "Hi {contact_name},\n\nAir express (DHL/FedEx) takes 3–5 working days; sea freight "
        "25–40 days. I can quote FOB Busan, CIF or DDP — which do you prefer?\n\nBest regards,\n"
        "{rep_name}",
        "{contact_name}님 안녕하세요,\n\n항공 특송은 영업일 3–5일, 해상 운송은 25–40일 "
        "소요됩니다. FOB 부산, CIF, DDP 중 원하시는 조건으로 견적드리겠습니다.\n\n{rep_name} 드림",
    ),
    (
        "lead_time",
        "Hi {contact_name},\n\nProduction of {product} takes about {lead_time_days} days after "
        "payment. When do you need the goods?\n\nBest regards,\n{rep_name}",
        "{contact_name}님 안녕하세요,\n\n{product} 생산은 결제 후 약 {lead_time_days}일이 "
        "걸립니다. 언제까지 받으셔야 하나요?\n\n{rep_name} 드림",
    ),
    (
        "customization",
        "Hi {contact_name},\n\nYes, we can make {product} under your brand. Private label starts "
        "at 1,000 pcs. Option A: our formula with your logo; option B: your packaging design; "
        "option C: a custom formula. Which fits your plan?\n\nBest regards,\n{rep_name}",
        "{contact_name}님 안녕하세요,\n\n{product}를 바이어 브랜드로 생산할 수 있습니다"
        "(1,000개부터). "
        "A안: 당사 처방+로고, B안: 패키지 디자인 변경, C안: 맞춤 처방. 어떤 안이 맞으실까요?\n\n"
        "{rep_name} 드림",
    ),
    (
        "certification",
        "Hi {contact_name},\n\nOur factory is ISO 22716 / CGMP certified, and {product} has CPNP "
        "and FDA registration. I attach the COA and MSDS.\n\nBest regards,\n{rep_name}",
        "{contact_name}님 안녕하세요,\n\n당사 공장은 ISO 22716 / CGMP 인증을 받았으며 {product}는 "
        "CPNP, FDA 등록 제품입니다. COA와 MSDS를 첨부합니다.\n\n{rep_name} 드림",
    ),
    (
        "authenticity",
        "Hi {contact_name},\n\nYes, we are the manufacturer and every product is made in Korea. "
        "We are happy to show you the factory on a video call.\n\nBest regards,\n{rep_name}",
        "{contact_name}님 안녕하세요,\n\n네, 저희가 직접 제조하며 모든 제품은 한국에서 생산합니다. "
        "화상 통화로 공장을 보여드릴 수 있습니다.\n\n{rep_name} 드림",
    ),
    (
        "payment",
        "Hi {contact_name},\n\nWe accept Trade Assurance, T/T (30 % deposit), PayPal under "
        "US$3,000 and L/C at sight above US$30,000.\n\nBest regards,\n{rep_name}",
        "{contact_name}님 안녕하세요,\n\nTrade Assurance, T/T(선금 30%), 3,000달러 미만 PayPal, "
        "30,000달러 이상 일람불 L/C가 가능합니다.\n\n{rep_name} 드림",
    ),
    (
        "catalog",
        "Hi {contact_name},\n\nPlease find our catalog and price list attached, with this "
        "season's new products. Which categories interest you most?\n\nBest regards,\n{rep_name}",
        "{contact_name}님 안녕하세요,\n\n이번 시즌 신제품을 포함한 카탈로그와 가격표를 "
        "첨부합니다. 관심 있는 카테고리를 알려주세요.\n\n{rep_name} 드림",
    ),
    (
        "order_followup",
        "Hi {contact_name},\n\nYour order has shipped; the tracking number follows. I will check "
        "the delivery with you.\n\nBest regards,\n{rep_name}",
        "{contact_name}님 안녕하세요,\n\n주문하신 제품이 출고되었습니다. 운송장 번호를 "
        "보내드리며 도착까지 확인하겠습니다.\n\n{rep_name} 드림",
    ),
    (
        "partnership",
        "Hi {contact_name},\n\nThank you for your interest in distributing our products. Could "
        "you tell me about your current customers, sales channels and yearly volume?\n\n"
        "Best regards,\n{rep_name}",
        "{contact_name}님 안녕하세요,\n\n유통에 관심 가져주셔서 감사합니다. 현재 고객, 판매 채널, "
        "연간 예상 물량을 알려주시겠어요?\n\n{rep_name} 드림",
    ),
    (
        "complaint",
        "Hi {contact_name},\n\nI am sorry for the trouble. Could you send photos and the order "
        "number? I will come back with a solution within one working day.\n\nBest regards,\n"
        "{rep_name}",
        "{contact_name}님 안녕하세요,\n\n불편을 드려 죄송합니다. 사진과 주문 번호를 보내주시면 "
        "영업일 1일 이내 해결 방안을 드리겠습니다.\n\n{rep_name} 드림",
    ),
)


# Template names per purpose, English and Korean; the same names as the generator's own
# templates (``demo.catalog.REPLY_TEMPLATES``) where both exist, so neither duplicates the other.
_TEMPLATE_NAMES: dict[str, tuple[str, str]] = {
    "price_quote": ("Price quote", "견적"),
    "moq": ("MOQ", "최소 주문 수량"),
    "sample": ("Samples", "샘플"),
    "shipping": ("Shipping", "배송"),
    "lead_time": ("Lead time", "납기"),
    "customization": ("Private label", "프라이빗 라벨·OEM"),
    "certification": ("Certifications", "인증"),
    "authenticity": ("Authenticity", "정품·제조사"),
    "payment": ("Payment", "결제"),
    "catalog": ("Catalog", "카탈로그"),
    "order_followup": ("Order status", "주문 상태"),
    "partnership": ("Partnership", "파트너십"),
    "complaint": ("Complaint", "클레임"),
}


def _template_name(purpose: str, language: str) -> str:
    english, korean = _TEMPLATE_NAMES[purpose]
    return f"{korean if language == 'ko' else english} ({language.upper()})"


@transaction.atomic
def seed_knowledge() -> int:
    """Create the demo articles when the knowledge base is empty, and the missing templates.

    Returns the number of articles created (0 when there were articles already). Reply
    templates (one per intent, English and Korean) are added by name when missing.
    """
    created = 0
    if not KnowledgeArticle.objects.exists():
        for spec in ARTICLES:
            knowledge_article_create(
                actor=None,
                title=spec.title,
                question_variants=spec.questions,
                answers=spec.answers,
                intents=spec.intents,
                auto_reply_allowed=spec.auto_reply,
            )
            created += 1
    existing = set(ReplyTemplate.objects.values_list("name", flat=True))
    ReplyTemplate.objects.bulk_create(
        [
            ReplyTemplate(
                name=_template_name(purpose, language),
                purpose=purpose,
                language=language,
                body=body,
            )
            for purpose, en, ko in _TEMPLATES
            for language, body in (("en", en), ("ko", ko))
            if _template_name(purpose, language) not in existing
        ]
    )
    return created
