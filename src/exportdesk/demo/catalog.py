"""The demo seller: Hanbit Cosmetics, its team, its K-beauty catalog and its knowledge base.

Static data only; :mod:`exportdesk.demo.generator` turns it into rows. Prices are US cents,
weights grams, dimensions millimetres.
"""

from __future__ import annotations

from dataclasses import dataclass

from exportdesk.accounts.roles import Role

SELLER_NAME = "Hanbit Cosmetics"
SELLER_NAME_KO = "한빛코스메틱"
WORKSPACE_NAME = "Hanbit Cosmetics (demo)"
# A reserved TLD: the team's addresses can never reach a real mailbox.
TEAM_EMAIL_DOMAIN = "hanbit-cosmetics.example"


@dataclass(frozen=True, slots=True)
class TeamMember:
    """One user of the demo team (Korean names; the romanised name signs English replies)."""

    username: str
    role: Role
    last_name: str
    first_name: str
    romanised: str
    languages: tuple[str, ...] = ()
    capacity: int = 200


TEAM: tuple[TeamMember, ...] = (
    TeamMember("demo", Role.OWNER, "박", "서연", "Seoyeon Park", ("ko", "en")),
    TeamMember("jihoon.lee", Role.MANAGER, "이", "지훈", "Jihoon Lee", ("ko", "en", "ja")),
    TeamMember("minjun.kim", Role.SENIOR_REP, "김", "민준", "Minjun Kim", ("ko", "en", "es"), 150),
    TeamMember("haeun.choi", Role.SENIOR_REP, "최", "하은", "Haeun Choi", ("ko", "en", "ru"), 150),
    TeamMember("doyoon.jung", Role.REP, "정", "도윤", "Doyoon Jung", ("ko", "en", "vi"), 300),
    TeamMember("seoa.kang", Role.REP, "강", "서아", "Seoa Kang", ("ko", "en", "ar"), 300),
    TeamMember("jiwoo.han", Role.REP, "한", "지우", "Jiwoo Han", ("ko", "en", "fr", "pt"), 300),
)


@dataclass(frozen=True, slots=True)
class ProductSpec:
    """One SKU of the demo catalog."""

    sku: str
    name_ko: str
    name_en: str
    category: str
    moq: int
    price_cents: int
    lead_time_days: int
    actual_weight_g: int
    listed_weight_g: int | None
    dimensions_mm: tuple[int, int, int]
    certifications: tuple[str, ...]
    launched_days_ago: int | None = None
    # Relative share of inquiries that mention the product.
    popularity: int = 3


EU_US = ("CPNP", "FDA", "ISO 22716")
EU_US_HALAL = ("CPNP", "FDA", "Halal", "ISO 22716")

# A handful of listings carry a wrong weight on purpose (1,000 g listed for a 320 g toner, a
# 4 g lip tint listed at 300 g...): the listing-weight audit is expected to find them.
PRODUCTS: tuple[ProductSpec, ...] = (
    ProductSpec(
        "HB-SR-001",
        "스네일 96 뮤신 파워 에센스 100ml",
        "Snail Mucin 96% Power Essence 100ml",
        "Serum",
        100,
        320,
        14,
        220,
        220,
        (45, 45, 150),
        EU_US_HALAL,
        None,
        10,
    ),
    ProductSpec(
        "HB-SR-002",
        "나이아신아마이드 10% 브라이트닝 세럼 30ml",
        "Niacinamide 10% Brightening Serum 30ml",
        "Serum",
        100,
        260,
        14,
        95,
        95,
        (35, 35, 110),
        EU_US_HALAL,
        None,
        8,
    ),
    ProductSpec(
        "HB-SR-003",
        "시카 리페어 앰플 50ml",
        "Cica Repair Ampoule 50ml",
        "Serum",
        100,
        290,
        14,
        130,
        130,
        (40, 40, 125),
        EU_US,
        None,
        6,
    ),
    ProductSpec(
        "HB-SR-004",
        "비타민C 15% 글로우 세럼 30ml",
        "Vitamin C 15% Glow Serum 30ml",
        "Serum",
        100,
        310,
        18,
        95,
        95,
        (35, 35, 110),
        ("CPNP", "ISO 22716"),
        21,
        6,
    ),
    ProductSpec(
        "HB-SR-005",
        "레티놀 0.1% 나이트 세럼 30ml",
        "Retinol 0.1% Night Serum 30ml",
        "Serum",
        100,
        340,
        18,
        95,
        95,
        (35, 35, 110),
        ("CPNP", "FDA"),
        46,
        4,
    ),
    ProductSpec(
        "HB-SR-006",
        "연어 PDRN 앰플 30ml",
        "Salmon PDRN Ampoule 30ml",
        "Serum",
        100,
        480,
        21,
        100,
        100,
        (35, 35, 115),
        ("ISO 22716",),
        12,
        7,
    ),
    ProductSpec(
        "HB-TN-001",
        "어성초 77 수딩 토너 250ml",
        "Heartleaf 77% Soothing Toner 250ml",
        "Toner",
        100,
        240,
        14,
        320,
        1000,
        (55, 55, 170),
        EU_US_HALAL,
        None,
        8,
    ),
    ProductSpec(
        "HB-TN-002",
        "쌀 발효 글로우 토너 150ml",
        "Rice Ferment Glow Toner 150ml",
        "Toner",
        100,
        220,
        14,
        210,
        210,
        (50, 50, 150),
        EU_US,
        None,
        5,
    ),
    ProductSpec(
        "HB-TN-003",
        "AHA BHA PHA 클래리파잉 토너 150ml",
        "AHA BHA PHA Clarifying Toner 150ml",
        "Toner",
        100,
        230,
        14,
        210,
        210,
        (50, 50, 150),
        ("CPNP", "ISO 22716"),
        None,
        4,
    ),
    ProductSpec(
        "HB-TN-004",
        "히알루론산 7겹 토너 200ml",
        "Hyaluronic 7-Layer Toner 200ml",
        "Toner",
        100,
        250,
        14,
        270,
        270,
        (55, 55, 160),
        EU_US,
        None,
        4,
    ),
    ProductSpec(
        "HB-MK-001",
        "히알루론산 시트 마스크 10매",
        "Hyaluronic Acid Sheet Mask (10 pcs)",
        "Sheet mask",
        50,
        280,
        10,
        260,
        260,
        (190, 135, 30),
        EU_US_HALAL,
        None,
        9,
    ),
    ProductSpec(
        "HB-MK-002",
        "콜라겐 하이드로겔 마스크 5매",
        "Collagen Hydrogel Mask (5 pcs)",
        "Sheet mask",
        50,
        320,
        12,
        180,
        1000,
        (180, 120, 25),
        EU_US,
        None,
        5,
    ),
    ProductSpec(
        "HB-MK-003",
        "티트리 진정 시트 마스크 10매",
        "Tea Tree Calming Sheet Mask (10 pcs)",
        "Sheet mask",
        50,
        260,
        10,
        260,
        260,
        (190, 135, 30),
        EU_US_HALAL,
        None,
        5,
    ),
    ProductSpec(
        "HB-MK-004",
        "화산송이 워시오프 팩 100g",
        "Volcanic Mud Wash-off Pack 100g",
        "Sheet mask",
        100,
        270,
        14,
        160,
        160,
        (70, 70, 80),
        ("CPNP", "ISO 22716"),
        None,
        3,
    ),
    ProductSpec(
        "HB-MK-005",
        "오버나이트 슬리핑 마스크 80ml",
        "Overnight Sleeping Mask 80ml",
        "Sheet mask",
        100,
        290,
        14,
        140,
        140,
        (75, 75, 60),
        EU_US,
        None,
        3,
    ),
    ProductSpec(
        "HB-SN-001",
        "데일리 워터리 선크림 SPF50+ PA++++ 50ml",
        "Daily Watery Sun Cream SPF50+ PA++++ 50ml",
        "Sunscreen",
        100,
        290,
        14,
        85,
        85,
        (40, 30, 140),
        EU_US_HALAL,
        None,
        10,
    ),
    ProductSpec(
        "HB-SN-002",
        "무기자차 선스틱 SPF50+ 20g",
        "Mineral Sun Stick SPF50+ 20g",
        "Sunscreen",
        100,
        330,
        18,
        50,
        50,
        (30, 30, 110),
        ("CPNP", "ISO 22716"),
        30,
        6,
    ),
    ProductSpec(
        "HB-SN-003",
        "톤업 선 에센스 SPF50+ 50ml",
        "Tone-up Sun Essence SPF50+ 50ml",
        "Sunscreen",
        100,
        300,
        14,
        85,
        85,
        (40, 30, 140),
        EU_US,
        None,
        5,
    ),
    ProductSpec(
        "HB-CU-001",
        "글로우 커버 쿠션 SPF50+ 15g (리필 포함)",
        "Glow Cover Cushion SPF50+ 15g (with refill)",
        "Cushion",
        50,
        450,
        21,
        120,
        500,
        (90, 90, 35),
        ("CPNP", "FDA"),
        None,
        6,
    ),
    ProductSpec(
        "HB-CU-002",
        "매트 핏 쿠션 SPF40 14g",
        "Matte Fit Cushion SPF40 14g",
        "Cushion",
        50,
        430,
        21,
        115,
        115,
        (90, 90, 35),
        ("CPNP",),
        None,
        3,
    ),
    ProductSpec(
        "HB-CL-001",
        "약산성 젤 클렌저 150ml",
        "Low-pH Gel Cleanser 150ml",
        "Cleanser",
        100,
        190,
        12,
        190,
        190,
        (45, 35, 160),
        EU_US_HALAL,
        None,
        6,
    ),
    ProductSpec(
        "HB-CL-002",
        "녹차 클렌징 오일 200ml",
        "Green Tea Cleansing Oil 200ml",
        "Cleanser",
        100,
        270,
        14,
        260,
        260,
        (50, 50, 170),
        EU_US,
        None,
        5,
    ),
    ProductSpec(
        "HB-CL-003",
        "멜팅 클렌징 밤 100ml",
        "Melting Cleansing Balm 100ml",
        "Cleanser",
        100,
        300,
        14,
        170,
        170,
        (80, 80, 55),
        ("CPNP", "ISO 22716"),
        None,
        5,
    ),
    ProductSpec(
        "HB-CL-004",
        "쌀뜨물 폼 클렌저 150ml",
        "Rice Water Foam Cleanser 150ml",
        "Cleanser",
        100,
        180,
        12,
        180,
        180,
        (45, 35, 165),
        EU_US_HALAL,
        None,
        4,
    ),
    ProductSpec(
        "HB-CR-001",
        "세라마이드 장벽 크림 50ml",
        "Ceramide Barrier Cream 50ml",
        "Cream",
        100,
        350,
        14,
        110,
        110,
        (60, 60, 60),
        EU_US,
        None,
        6,
    ),
    ProductSpec(
        "HB-CR-002",
        "달팽이 재생 크림 50g",
        "Snail Repair Cream 50g",
        "Cream",
        100,
        330,
        14,
        120,
        120,
        (60, 60, 60),
        EU_US_HALAL,
        None,
        5,
    ),
    ProductSpec(
        "HB-CR-003",
        "펩타이드 아이크림 30ml",
        "Peptide Eye Cream 30ml",
        "Cream",
        100,
        370,
        18,
        70,
        70,
        (40, 40, 100),
        ("CPNP", "ISO 22716"),
        None,
        3,
    ),
    ProductSpec(
        "HB-HC-001",
        "비오틴 탈모 케어 샴푸 500ml",
        "Biotin Anti-Hair-Loss Shampoo 500ml",
        "Hair care",
        60,
        380,
        14,
        560,
        560,
        (75, 55, 220),
        ("FDA", "ISO 22716"),
        None,
        5,
    ),
    ProductSpec(
        "HB-HC-002",
        "단백질 헤어 트리트먼트 300ml",
        "Protein Hair Treatment 300ml",
        "Hair care",
        60,
        340,
        14,
        350,
        350,
        (70, 50, 180),
        ("ISO 22716",),
        None,
        3,
    ),
    ProductSpec(
        "HB-HC-003",
        "두피 스케일러 150ml",
        "Scalp Scaler 150ml",
        "Hair care",
        60,
        320,
        18,
        190,
        100,
        (45, 45, 160),
        ("ISO 22716",),
        52,
        3,
    ),
    ProductSpec(
        "HB-BC-001",
        "세라마이드 바디로션 400ml",
        "Ceramide Body Lotion 400ml",
        "Body care",
        60,
        360,
        14,
        450,
        450,
        (70, 50, 200),
        EU_US,
        None,
        3,
    ),
    ProductSpec(
        "HB-LP-001",
        "워터 글로우 립 틴트 4g",
        "Water Glow Lip Tint 4g",
        "Lip",
        200,
        160,
        14,
        30,
        300,
        (20, 20, 95),
        ("CPNP",),
        None,
        4,
    ),
    ProductSpec(
        "HB-OEM-001",
        "OEM 베이스: 나이아신아마이드 세럼 (벌크, kg)",
        "OEM base: Niacinamide serum (bulk, per kg)",
        "OEM base",
        50,
        1800,
        30,
        1000,
        1000,
        (120, 120, 140),
        ("ISO 22716", "CGMP"),
        None,
        3,
    ),
    ProductSpec(
        "HB-OEM-002",
        "OEM 베이스: 수분 크림 (벌크, kg)",
        "OEM base: Moisture cream (bulk, per kg)",
        "OEM base",
        50,
        2200,
        30,
        1000,
        1000,
        (120, 120, 140),
        ("ISO 22716", "CGMP"),
        None,
        2,
    ),
    ProductSpec(
        "HB-OEM-003",
        "OEM 베이스: 선크림 SPF50+ (벌크, kg)",
        "OEM base: Sunscreen SPF50+ (bulk, per kg)",
        "OEM base",
        50,
        2600,
        35,
        1000,
        1000,
        (120, 120, 140),
        ("ISO 22716", "CGMP"),
        None,
        2,
    ),
    ProductSpec(
        "HB-OEM-004",
        "프라이빗 라벨 시트 마스크 (맞춤 에센스·파우치)",
        "Private label sheet mask (custom essence and pouch)",
        "OEM base",
        3000,
        45,
        35,
        25,
        25,
        (190, 135, 3),
        ("ISO 22716", "CGMP"),
        8,
        3,
    ),
)


def price_tiers(spec: ProductSpec) -> list[dict[str, int]]:
    """Three price breaks: MOQ, 5 x MOQ (-8 %) and 20 x MOQ (-15 %)."""
    return [
        {"min_qty": spec.moq, "unit_price_minor": spec.price_cents},
        {"min_qty": spec.moq * 5, "unit_price_minor": round(spec.price_cents * 0.92)},
        {"min_qty": spec.moq * 20, "unit_price_minor": round(spec.price_cents * 0.85)},
    ]


@dataclass(frozen=True, slots=True)
class ArticleSpec:
    """One knowledge-base article."""

    title: str
    question_variants: tuple[str, ...]
    answers: dict[str, str]
    intents: tuple[str, ...]
    auto_reply_allowed: bool


KNOWLEDGE: tuple[ArticleSpec, ...] = (
    ArticleSpec(
        "Shipping methods and costs",
        (
            "How much is shipping to my country?",
            "Do you ship by sea or by air?",
            "Can you ship DDP?",
            "배송비가 얼마인가요?",
            "¿Cuánto cuesta el envío?",
        ),
        {
            "en": "We ship from Busan/Incheon. Air express (DHL, FedEx, UPS) takes 3–5 working "
            "days and costs about US$8–12 per kg; sea freight takes 25–40 days and suits "
            "orders above 300 kg. We quote EXW, FOB Busan, CIF or DDP on request.",
            "ko": "부산/인천에서 출고합니다. 항공 특송(DHL, FedEx, UPS)은 영업일 기준 3–5일, kg당 "
            "약 8–12달러이며, 해상 운송은 25–40일로 300kg 이상 주문에 적합합니다. EXW, FOB 부산, "
            "CIF, DDP 조건 견적이 가능합니다.",
            "es": "Enviamos desde Busan/Incheon. Courier aéreo (DHL, FedEx) 3–5 días hábiles, "
            "unos 8–12 USD por kg; marítimo 25–40 días para pedidos de más de 300 kg.",
        },
        ("shipping",),
        True,
    ),
    ArticleSpec(
        "Are you the manufacturer? Made in Korea?",
        (
            "Are you the manufacturer or a trading company?",
            "Is this product made in Korea?",
            "Is it original?",
            "Вы производитель?",
            "هل أنتم المصنع؟",
        ),
        {
            "en": "Yes. Hanbit Cosmetics is the manufacturer: our CGMP (ISO 22716) factory is in "
            "Hwaseong, Gyeonggi-do, and every product is made in Korea, as printed on the "
            "label. We are happy to show the factory on a video call.",
            "ko": "네, 한빛코스메틱은 제조사입니다. 경기도 화성의 CGMP(ISO 22716) 공장에서 "
            "모든 제품을 생산하며 라벨에 Made in Korea가 표기됩니다. 화상 통화로 공장 "
            "투어도 가능합니다.",
        },
        ("authenticity",),
        True,
    ),
    ArticleSpec(
        "Minimum order quantity (MOQ)",
        (
            "What is your MOQ?",
            "Can I order a smaller quantity?",
            "Can I mix products to reach the MOQ?",
            "최소 주문 수량이 어떻게 되나요?",
        ),
        {
            "en": "Our MOQ is 50–200 pcs per SKU for stock products (see each product), and you "
            "may mix up to three SKUs in a first trial order. Private label starts at 1,000 "
            "pcs, custom formulas at 3,000 pcs.",
            "ko": "재고 제품의 MOQ는 품목당 50–200개이며(제품별 상이), 첫 시험 주문은 최대 3개 "
            "품목까지 혼합 가능합니다. 프라이빗 라벨은 1,000개, 맞춤 처방은 3,000개부터입니다.",
        },
        ("moq",),
        True,
    ),
    ArticleSpec(
        "Samples",
        (
            "Can you send samples?",
            "Are samples free?",
            "샘플 받을 수 있나요?",
            "¿Pueden enviar muestras?",
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
    ArticleSpec(
        "Payment terms",
        (
            "What payment methods do you accept?",
            "Can I pay by PayPal?",
            "Do you accept L/C?",
            "결제 조건이 어떻게 되나요?",
        ),
        {
            "en": "We accept Alibaba Trade Assurance, T/T (30 % deposit, 70 % before shipment), "
            "PayPal for orders under US$3,000 and L/C at sight for orders above US$30,000.",
            "ko": "알리바바 Trade Assurance, T/T(선금 30%, 선적 전 잔금 70%), 3,000달러 미만 "
            "주문은 PayPal, 30,000달러 이상은 일람불 L/C가 가능합니다.",
        },
        ("payment",),
        True,
    ),
    ArticleSpec(
        "Certifications (CPNP, FDA, Halal, ISO 22716)",
        (
            "Do you have CPNP?",
            "Is the product FDA registered?",
            "Do you have a Halal certificate?",
            "Can you send the MSDS and COA?",
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
    ArticleSpec(
        "Production lead time",
        (
            "What is the lead time?",
            "How long does production take?",
            "Can you deliver in 30 days?",
            "생산 기간이 얼마나 걸리나요?",
        ),
        {
            "en": "Stock products ship in 10–21 days after payment; private label takes 30–35 "
            "days after artwork approval. Add 3–5 days for air express or 25–40 days by sea.",
            "ko": "재고 제품은 결제 후 10–21일, 프라이빗 라벨은 디자인 확정 후 30–35일이 "
            "소요됩니다. 항공 특송은 3–5일, 해상은 25–40일이 추가됩니다.",
        },
        ("lead_time",),
        True,
    ),
    ArticleSpec(
        "Private label and OEM",
        (
            "Can you put our logo on the product?",
            "Do you do OEM/ODM?",
            "Can you develop a custom formula?",
            "OEM 가능한가요?",
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
    ArticleSpec(
        "Catalog and new products",
        ("Can you send your catalog?", "Do you have new products?", "카탈로그 보내주세요"),
        {
            "en": "Please find our current catalog and price list attached. New this season: "
            "Salmon PDRN Ampoule, Vitamin C 15% Glow Serum and Mineral Sun Stick SPF50+.",
            "ko": "최신 카탈로그와 가격표를 첨부합니다. 이번 시즌 신제품: 연어 PDRN 앰플, 비타민C "
            "15% 글로우 세럼, 무기자차 선스틱 SPF50+.",
        },
        ("catalog",),
        True,
    ),
    ArticleSpec(
        "Order status and tracking",
        ("Where is my order?", "Please send the tracking number", "주문 배송 조회"),
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


@dataclass(frozen=True, slots=True)
class ReplyTemplateSpec:
    """One reply template; placeholders in braces are filled from the buyer and product."""

    name: str
    purpose: str
    language: str
    body: str
    country: str = ""


REPLY_TEMPLATES: tuple[ReplyTemplateSpec, ...] = (
    ReplyTemplateSpec(
        "Price quote (EN)",
        "price_quote",
        "en",
        "Hi {contact_name},\n\nThank you for your inquiry about {product}. Our price is "
        "{unit_price} per piece at the MOQ of {moq} pcs, with better prices at 5x and 20x MOQ. "
        "Lead time is about {lead_time_days} days.\n\nMay I ask your target market and sales "
        "channel (online, pharmacy, retail)? Then I can suggest the best option for you.\n\n"
        "Best regards,\n{rep_name}",
    ),
    ReplyTemplateSpec(
        "견적 (KO)",
        "price_quote",
        "ko",
        "{contact_name}님 안녕하세요,\n\n{product} 문의 감사합니다. MOQ {moq}개 기준 단가는 "
        "{unit_price}이며, 5배·20배 수량에서 단가가 내려갑니다. 생산 기간은 약 "
        "{lead_time_days}일입니다.\n\n판매하실 국가와 채널(온라인, 약국, 오프라인)을 알려주시면 "
        "가장 적합한 안을 제안드리겠습니다.\n\n{rep_name} 드림",
    ),
    ReplyTemplateSpec(
        "Cotización (ES)",
        "price_quote",
        "es",
        "Hola {contact_name}:\n\nGracias por su consulta sobre {product}. El precio es "
        "{unit_price} por unidad con un pedido mínimo de {moq} unidades; el plazo de producción "
        "es de unos {lead_time_days} días.\n\n¿En qué mercado y canal de venta lo van a vender?\n\n"
        "Saludos,\n{rep_name}",
    ),
    ReplyTemplateSpec(
        "MOQ (EN)",
        "moq",
        "en",
        "Hi {contact_name},\n\nThe MOQ for {product} is {moq} pcs, and you may mix up to three "
        "SKUs in your first trial order. Many of our partners start small and reorder monthly.\n\n"
        "Best regards,\n{rep_name}",
    ),
    ReplyTemplateSpec(
        "Samples (EN)",
        "sample",
        "en",
        "Hi {contact_name},\n\nSure, we can send samples of {product} within 3 working days by "
        "DHL. I will share the sample invoice and tracking number. What is your target launch "
        "date?\n\nBest regards,\n{rep_name}",
    ),
    ReplyTemplateSpec(
        "Muestras (ES)",
        "sample",
        "es",
        "Hola {contact_name}:\n\nClaro, podemos enviar muestras de {product} en 3 días hábiles "
        "por DHL. Le enviaré la factura de muestras y el número de seguimiento.\n\nSaludos,\n"
        "{rep_name}",
    ),
    ReplyTemplateSpec(
        "Shipping (EN)",
        "shipping",
        "en",
        "Hi {contact_name},\n\nAir express (DHL/FedEx) takes 3–5 working days; sea freight 25–40 "
        "days. I can quote FOB Busan, CIF or DDP to your country — which do you prefer?\n\n"
        "Best regards,\n{rep_name}",
    ),
    ReplyTemplateSpec(
        "Authenticity (EN)",
        "authenticity",
        "en",
        "Hi {contact_name},\n\nYes, we are the manufacturer: our factory is in Gyeonggi-do, "
        "Korea, and every product is made in Korea. We are happy to show you the factory on a "
        "video call.\n\nBest regards,\n{rep_name}",
    ),
    ReplyTemplateSpec(
        "정품·제조사 (KO)",
        "authenticity",
        "ko",
        "{contact_name}님 안녕하세요,\n\n네, 저희가 직접 제조합니다. 경기도 공장에서 모든 제품을 "
        "한국에서 생산하며, 화상 통화로 공장을 보여드릴 수 있습니다.\n\n{rep_name} 드림",
    ),
    ReplyTemplateSpec(
        "Private label (EN)",
        "customization",
        "en",
        "Hi {contact_name},\n\nYes, we can make {product} under your brand. Private label starts "
        "at 1,000 pcs; timeline: sample 2 weeks, packaging design 2 weeks, production "
        "{lead_time_days} days. Option A: our formula, your logo. Option B: adjusted fragrance "
        "and colour. Option C: a custom formula from 3,000 pcs.\n\nBest regards,\n{rep_name}",
    ),
    ReplyTemplateSpec(
        "Post-delivery check-in (EN)",
        "post_delivery_checkin",
        "en",
        "Hi {contact_name},\n\nYour order should have arrived by now — is everything in good "
        "condition? I would love to hear how {product} is selling with your customers.\n\n"
        "Best regards,\n{rep_name}",
    ),
    ReplyTemplateSpec(
        "Reorder reminder (EN)",
        "reorder_due",
        "en",
        "Hi {contact_name},\n\nIt has been a while since your last order of {product}. If your "
        "stock is getting low, I can reserve a production slot now so the goods arrive on time."
        "\n\nBest regards,\n{rep_name}",
    ),
    ReplyTemplateSpec(
        "Review request (EN)",
        "review_request",
        "en",
        "Hi {contact_name},\n\nThank you again for your order! If you are happy with it, a short "
        "review on our store would help us a lot.\n\nBest regards,\n{rep_name}",
    ),
    ReplyTemplateSpec(
        "New product alert (EN)",
        "new_product_alert",
        "en",
        "Hi {contact_name},\n\nWe just launched {product}. Since you liked our serums, I thought "
        "you might want samples before anyone else in your market.\n\nBest regards,\n{rep_name}",
    ),
    ReplyTemplateSpec(
        "Dormant buyer (EN)",
        "dormant",
        "en",
        "Hi {contact_name},\n\nIt has been a few months — how is business? We have new products "
        "and better prices at larger quantities; happy to send an updated price list.\n\n"
        "Best regards,\n{rep_name}",
    ),
)


@dataclass(frozen=True, slots=True)
class ProjectSpec:
    """An OEM project template: its title, steps (name, days from start, done) and updates."""

    title: str
    steps: tuple[tuple[str, int, bool], ...]
    updates: tuple[tuple[int, str], ...]
    option_plans: tuple[tuple[str, str, int], ...]


PROJECTS: tuple[ProjectSpec, ...] = (
    ProjectSpec(
        "Private label {product} for {company}",
        (
            ("Brief and target price confirmed", 0, True),
            ("Lab sample (2 fragrance options)", 14, True),
            ("Buyer approves the sample", 21, True),
            ("Packaging artwork approved", 35, False),
            ("Stability and challenge test", 49, False),
            ("CPNP notification", 56, False),
            ("Mass production", 77, False),
            ("Shipment from Busan", 84, False),
        ),
        (
            (3, "Brief received: 3,000 pcs, 100 ml, pump bottle, target US$2.40."),
            (15, "Two lab samples sent by DHL (citrus and unscented)."),
            (23, "The buyer chose the unscented version; artwork draft requested."),
        ),
        (
            ("A", "Stock formula with your logo, 3,000 pcs, ships in 35 days", 35),
            ("B", "Adjusted fragrance, 5,000 pcs, ships in 45 days", 45),
            ("C", "Custom formula, 10,000 pcs, ships in 70 days", 70),
        ),
    ),
    ProjectSpec(
        "Halal sunscreen line launch for {company}",
        (
            ("Halal documents collected", 0, True),
            ("Samples of 3 SKUs sent", 7, True),
            ("Local registration dossier", 30, False),
            ("Retail packaging in Arabic and English", 40, False),
            ("First container booked", 60, False),
        ),
        (
            (2, "Halal certificates and COA shared with the buyer."),
            (9, "Samples delivered; the buyer is testing with two retail chains."),
        ),
        (
            ("A", "Sun cream + sun stick, 5,000 pcs each, air", 30),
            ("B", "Full sun line (3 SKUs), 20,000 pcs, sea freight", 60),
        ),
    ),
)
