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
class ReplyTemplateSpec:
    """One reply template; placeholders in braces are filled from the buyer and product."""

    name: str
    purpose: str
    language: str
    body: str
    country: str = ""


REPLY_TEMPLATES: tuple[ReplyTemplateSpec, ...] = (
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
        "Muestras (ES)",
        "sample",
        "es",
        "Hola {contact_name}:\n\nClaro, podemos enviar muestras de {product} en 3 días hábiles "
        "por DHL. Le enviaré la factura de muestras y el número de seguimiento.\n\nSaludos,\n"
        "{rep_name}",
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
