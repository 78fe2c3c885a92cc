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
        # "1개당" / "per 1 pc" is the unit a price is per; the order is the other count
        ("1개당 3,000원에 500박스 가능할까요?", Quantity(500, "boxes")),
        ("$1.20 per 1 pc, 3000 pcs", Quantity(3000, "pcs")),
        ("за 1 шт 120 рублей, нужно 3000 шт", Quantity(3000, "pcs")),
        # "per"/"за"/"za" before a real count mean "for"
        ("1개 가격이 5,000원이면 1000개 주문할게요", Quantity(1000, "pcs")),
        ("目標価格は1個150円です。5000個必要です。", Quantity(5000, "pcs")),
        ("Can I buy 1 set as a sample?", Quantity(1, "sets")),
        ("Qual è il prezzo per 1000 pezzi?", Quantity(1000, "pcs")),
        ("Какая цена за 10 000 шт?", Quantity(10000, "pcs")),
        # Chinese and Japanese myriads and counters
        ("我们需要1万个", Quantity(10000, "pcs")),
        ("5千瓶可以吗", Quantity(5000, "bottles")),
        ("2万個の見積もり", Quantity(20000, "pcs")),
        # more unit words
        ("نحتاج 2000 علبة", Quantity(2000, "boxes")),
        ("500 Flaschen bitte", Quantity(500, "bottles")),
        ("1000 unità", Quantity(1000, "units")),
        ("ต้องการ 5000ชิ้นครับ", Quantity(5000, "pcs")),
        ("1,000EA 주문 가능한가요?", Quantity(1000, "pcs")),
        # counts written in words, and thousands/millions as words in more languages
        ("We'd like to start with a thousand pieces.", Quantity(1000, "pcs")),
        ("Need two hundred boxes of masks", Quantity(200, "boxes")),
        ("Zamówimy 3 tysiące sztuk kremu", Quantity(3000, "pcs")),
        ("Precisamos de 2 mil unidades", Quantity(2000, "units")),
        ("Нужно 5 тысяч шт", Quantity(5000, "pcs")),
        # more unit words: Japanese 本 (bottles), coffrets, flaconi
        ("5,000本の化粧水を発注予定です", Quantity(5000, "bottles")),
        ("化粧水2千本お願いします", Quantity(2000, "bottles")),
        ("avant notre commande de 600 coffrets", Quantity(600, "sets")),
        ("Vorremmo 400 flaconi di tonico", Quantity(400, "bottles")),
        # goods already received are not the quantity asked for now
        ("We got 300 bottles last month, now we want 500 bottles", Quantity(500, "bottles")),
        # product nouns that count pieces; packing specs are not the order
        ("5000 sheet masks please", Quantity(5000, "pcs")),
        ("2,000 sachets of cleansing foam", Quantity(2000, "pcs")),
        ("50 pieces per carton, 100 cartons", Quantity(100, "cartons")),
        ("24 bottles/box, 300 boxes", Quantity(300, "boxes")),
        # a bare count after "quote for" / "price for"
        ("Please quote for 5000", Quantity(5000, "pcs")),
        ("Price for 2,000?", Quantity(2000, "pcs")),
        # the content of one pack, a supplier's MOQ and samples lose to the order count
        (
            "Not more than USD 18 per carton of 24 masks please. We need 300 cartons.",
            Quantity(300, "cartons"),
        ),
        (
            "Podemos pagar hasta 95 USD por caja de 50 unidades. Pedido: 60 cajas.",
            Quantity(60, "boxes"),
        ),
        (
            "Unser Budget liegt bei 60 € pro Karton (48 Stück), wir möchten 150 Kartons.",
            Quantity(150, "cartons"),
        ),
        ("Koli başına 80 dolar, koli 40 adet, 100 koli istiyoruz.", Quantity(100, "cartons")),
        (
            "Your MOQ of 3000 pcs is too high for us. Could we start with 1000 pcs?",
            Quantity(1000, "pcs"),
        ),
        ("我们先要3个样品，之后大货大概5千件。", Quantity(5000, "pcs")),
        # thousands words and numerals of more languages; more counters
        ("精华液五千个，每个8块可以吗？", Quantity(5000, "pcs")),
        ("洗发水两千瓶", Quantity(2000, "bottles")),
        ("Cleanser 1 lakh units ka bulk order", Quantity(100000, "units")),
        ("Baad mein 3 hazaar pcs order karenge.", Quantity(3000, "pcs")),
        ("saya mau order 1rb pcs sunscreen", Quantity(1000, "pcs")),
        ("Mình cần 1 vạn hũ kem", Quantity(10000, "pcs")),
        ("số lượng 5.000 lọ", Quantity(5000, "bottles")),
        ("ต้องการครีมกันแดด 1 พันชิ้น", Quantity(1000, "pcs")),
        ("نطلب 10 آلاف قطعة من الماسكات", Quantity(10000, "pcs")),
        ("نريد 1000 طقم", Quantity(1000, "sets")),
        ("마스크팩 2만장 필요합니다. 장당 300원", Quantity(20000, "pcs")),
        ("日焼け止めを10ケース注文したいです。", Quantity(10, "cartons")),
        ("Önöknél mennyi 1 000 darabnál?", Quantity(1000, "pcs")),
        ("500 darabot szeretnénk rendelni", Quantity(500, "pcs")),
        ("1万枚のシートマスクが必要です", Quantity(10000, "pcs")),
        # a range is its lower end; the scale of the upper end belongs to both
        ("We need 2-3k pcs of toner.", Quantity(2000, "pcs")),
        ("Can you do 1,000 to 2,000 pieces?", Quantity(1000, "pcs")),
        ("Necesitamos entre 3.000 y 5.000 unidades", Quantity(3000, "units")),
        # the content of one carton loses to the cartons ordered
        ("Each carton holds 48 pcs, we need 100 cartons.", Quantity(100, "cartons")),
        ("我们需要50箱", Quantity(50, "cartons")),
        # a product noun with no unit word counts pieces; a size does not
        ("Can you deliver 8000 hydrogel eye patches within 3 weeks?", Quantity(8000, "pcs")),
        ("A$5 each for 600 serums possible?", Quantity(600, "pcs")),
        ("Pouvez-vous faire 1,20 € par pièce pour 8 000 patchs ?", Quantity(8000, "pcs")),
        ("Чи можна замовити невелику кількість, штук 50?", Quantity(50, "pcs")),
        ("Giá 25.000đ/miếng cho 10.000 miếng được không?", Quantity(10000, "pcs")),
        ("립틴트 1,000개 주문하려 하는데 유통기한 얼마나 남았나요?", Quantity(1000, "pcs")),
        ("Can you do US$ 1.05/pc for 50k snail patches?", Quantity(50000, "pcs")),
        ("Your MOQ says 1,000 pcs but can we start with 300 pcs?", Quantity(300, "pcs")),
        ("Wij nemen 1000 dozen als de prijs €6 per doos is.", Quantity(1000, "boxes")),
        ("样品费多少？我们先要3个样品，运费我们出，之后大货大概5千件。", Quantity(5000, "pcs")),
    ],
)
def test_the_ordered_quantity_is_found_with_its_unit(text, quantity):
    assert extract_quantity(text) == quantity


@pytest.mark.parametrize(
    "text",
    [
        "What size is it, 50ml?",
        "12 bottles arrived broken",
        "Hello",
        "Call me at 5 pm",
        "Our first order of 5000 USD was fine",
        "개당 단가 1개당 얼마인가요?",
        # delivered, damaged or short counts in a complaint
        "We received 20 cartons last week but 3 cartons were crushed",
        "받은 토너 중 50개가 깨져 있었습니다",
        "数が足りません。500個注文したのに480個しか届きませんでした",
        "收到的货少了200件",
        # "in order 4471" is an order reference
        "The toner we got in order 4471 smells different",
        "Is our order 1532 shipped?",
        # durations, sizes and years after "price for" are not counts
        "price for 30 days storage",
        "price for 50 ml",
        "What is your price for 2026?",
        "pero may 3 bottles na basag",
        # expired or missing goods
        "이번에 받은 물건 중 20개가 유통기한이 지났습니다.",
        "Recebi o pedido mas faltam 2 caixas.",
        "We want a refund for 1,500 pcs.",
        "We need 50 ml serums, 3 colours of tints",
        # a delivered order's count, the cartons of a freight question, a price
        "Our order of 5,000 tubes arrived with 280 tubes leaking.",
        "How much is shipping for 5 cartons of sheet masks?",
        "Ongkir kemarin Rp 2.500.000 untuk 3 karton, mahal sekali.",
        "US$ 0.75 ea",
        "Até R$ 35 por kit conseguimos pagar.",
        "Nous avons reçu la commande mais 60 tubes sont abîmés.",
        "Пришло 40 коробок вместо 50, и часть тюбиков раздавлена.",
        "combien coûte le transport aérien pour 3 cartons ?",
        "두바이로 항공 배송 가능한가요? 10박스 정도 배송비 궁금합니다.",
        "받은 제품 유통기한이 3개월밖에 안 남았어요.",
    ],
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
        # CJK, Thai and Arabic glue particles and units onto the currency
        ("목표 단가는 개당 1,500원입니다.", Price(1500, "KRW", "pcs")),
        ("1개당 3,000원에 500박스 가능할까요?", Price(3000, "KRW", "pcs")),
        ("2만원 정도면 좋겠어요", Price(20000, "KRW", None)),
        ("박스당 1만 5천원", Price(15000, "KRW", "boxes")),
        ("每个5元可以吗", Price(5, "CNY", "pcs")),
        # "unit price" alone names no unit: per stays unset (a unit named after it wins)
        ("单价USD1.2", Price(1.2, "USD", None)),
        ("单价每个5元", Price(5, "CNY", "pcs")),
        ("5元一个", Price(5, "CNY", "pcs")),
        ("1個あたり200円", Price(200, "JPY", "pcs")),
        ("ราคา 50บาทต่อชิ้นครับ", Price(50, "THB", "pcs")),
        ("السعر 5 دولارات للقطعة", Price(5, "USD", "pcs")),
        ("3 دولار لكل علبة", Price(3, "USD", "boxes")),
        ("₹40 प्रति पीस", Price(40, "INR", "pcs")),
        # "per piece" in many languages, with decimal commas
        ("Prix cible 0,70 € l'unité", Price(0.7, "EUR", "units")),
        ("0,70 € à l'unité", Price(0.7, "EUR", "units")),
        ("Zielpreis 1,10 EUR pro Stück", Price(1.1, "EUR", "pcs")),
        ("1,10 € je Stück", Price(1.1, "EUR", "pcs")),
        ("prezzo obiettivo 0,90 € al pezzo", Price(0.9, "EUR", "pcs")),
        ("doelprijs € 0,95 per stuk", Price(0.95, "EUR", "pcs")),
        ("cena docelowa 4,50 zł za sztukę", Price(4.5, "PLN", "pcs")),
        ("120 рублей за штуку", Price(120, "RUB", "pcs")),
        ("не дороже 95 рубля за шт", Price(95, "RUB", "pcs")),
        ("Célárunk 900 Ft darabonként", Price(900, "HUF", "pcs")),
        ("2 dólares por pieza", Price(2, "USD", "pcs")),
        ("1,50 USD c/u", Price(1.5, "USD", "pcs")),
        ("R$ 4,50 a unidade", Price(4.5, "BRL", "units")),
        ("USD 45 per karton", Price(45, "USD", "cartons")),
        ("$1.20 apiece", Price(1.2, "USD", "pcs")),
        ("Price per piece: USD 0.85", Price(0.85, "USD", "pcs")),
        ("unit price would be 2 EUR", Price(2, "EUR", None)),
        # ranges read as their lower end; the unit after the range still counts
        ("target $1.20-1.50/pc", Price(1.2, "USD", "pcs")),
        ("1,20-1,50 € la pièce", Price(1.2, "EUR", "pcs")),
        ("between USD 2 to 2.5 per bottle", Price(2, "USD", "bottles")),
        ("between $1 and $1.5 per piece", Price(1, "USD", "pcs")),
        ("$2 to 1000 pcs", Price(2, "USD", None)),
        ("1개 가격이 5,000원이면", Price(5000, "KRW", "pcs")),
        # thousands written as words, other currencies and signs
        ("Budget 15k VND/cái", Price(15000, "VND", "pcs")),
        ("Rp 25rb per pcs", Price(25000, "IDR", "pcs")),
        ("S$ 3.50 each", Price(3.5, "SGD", "pcs")),
        ("Rs. 120 per piece", Price(120, "INR", "pcs")),
        ("0,95 € pro St.", Price(0.95, "EUR", "pcs")),
        ("Harga Rp 25.000,- per botol", Price(25000, "IDR", "bottles")),
        ("1 500 ₽ за штуку", Price(1500, "RUB", "pcs")),
        ("€ 1.234,56 per carton", Price(1234.56, "EUR", "cartons")),
        ("CHF 2.40 per unit", Price(2.4, "CHF", "units")),
        ("20.000 VNĐ mỗi hộp", Price(20000, "VND", "boxes")),
        # ISO codes of more markets; "each"-words of more languages
        ("around PHP 25 each pls", Price(25, "PHP", "pcs")),
        ("max ZAR 95 per bottle", Price(95, "ZAR", "bottles")),
        ("NZD 3.20 per unit", Price(3.2, "NZD", "units")),
        ("consegue R$ 4,50 cada?", Price(4.5, "BRL", "pcs")),
        ("RM 12 seunit", Price(12, "MYR", "units")),
        # a currency written on both sides, and Japanese per-bottle counters
        ("最多能接受人民币12元/件", Price(12, "CNY", "pcs")),
        ("希望価格は1本あたり300円です", Price(300, "JPY", "bottles")),
        ("1本2ドル以下でお願いできますか", Price(2, "USD", "bottles")),
        # someone else's price is a reference; the buyer's own is the target
        ("Our competitor sells at $3, we need $2.50 per piece", Price(2.5, "USD", "pcs")),
        # a cap written after the price ("X or less", "X max"); the unit may follow it
        ("2 USD or less per unit", Price(2, "USD", "units")),
        ("Price $3 is too high; 2,50 € maximum pro Stück", Price(2.5, "EUR", "pcs")),
        ("0.5 dollar per sachet", Price(0.5, "USD", "pcs")),
        # small amounts in words; cents in tens after the currency word
        ("Can you do two dollars a bottle?", Price(2, "USD", "bottles")),
        ("¿Pueden hacerlo a dos dólares la pieza?", Price(2, "USD", "pcs")),
        ("Nous pouvons payer deux euros la pièce", Price(2, "EUR", "pcs")),
        ("¿Nos dejarían la unidad en dos dólares?", Price(2, "USD", "units")),
        ("4,800 units at one pound ninety each", Price(1.9, "GBP", "units")),
        # "between X and Y" ranges in many languages read as the lower end
        ("Precio entre 1,80 y 2,10 dólares por unidad", Price(1.8, "USD", "units")),
        ("Prix visé : entre 9 et 11 € le kilo", Price(9, "EUR", "kg")),
        ("Prezzo indicativo tra 3 e 3,50 € l'unità", Price(3, "EUR", "units")),
        ("السعر المستهدف بين 3 و 3.5 دولار للعبوة", Price(3, "USD", "bottles")),
        ("Onze prijs ligt tussen € 0,85 en € 0,95 per stuk", Price(0.85, "EUR", "pcs")),
        ("giá khoảng 20-25 nghìn/hũ", Price(20000, "VND", "pcs")),
        # more currency words and per-unit words, before or after the price
        ("Pouvez-vous faire 1 200 FCFA la pièce ?", Price(1200, "XOF", "pcs")),
        ("El tudják fogadni az 1,20 eurót darabonként?", Price(1.2, "EUR", "pcs")),
        ("Цільова ціна — 2 долара за штуку", Price(2, "USD", "pcs")),
        ("Максимум 25 євро за коробку з 12 шт.", Price(25, "EUR", "boxes")),
        ("Accettereste 1,15 euro a flacone?", Price(1.15, "EUR", "bottles")),
        ("Ons maximum is EUR 35 per doos van 20 stuks", Price(35, "EUR", "boxes")),
        ("Podemos pagar 18 € por kilo", Price(18, "EUR", "kg")),
        ("Hedef fiyatımız tanesi 25 TL", Price(25, "TRY", "pcs")),
        ("Koli başına yaklaşık 80 dolar bütçemiz var", Price(80, "USD", "cartons")),
        ("개당 1.2불 이하면 진행하겠습니다", Price(1.2, "USD", "pcs")),
        ("장당 300원 이하로", Price(300, "KRW", "pcs")),
        ("1ケースあたり15,000円以下", Price(15000, "JPY", "cartons")),
        ("1セット1,200円で", Price(1200, "JPY", "sets")),
        ("目標價每個港幣15元", Price(15, "HKD", "pcs")),
        ("ราคาขวดละ 55 บาท", Price(55, "THB", "bottles")),
        ("เซ็ตละ 250 บาท", Price(250, "THB", "sets")),
        ("harga sasaran RM3 sekeping", Price(3, "MYR", "pcs")),
        ("harga maksimum RM 12 satu set", Price(12, "MYR", "sets")),
        ("بسعر 45 ريال للطقم", Price(45, "SAR", "sets")),
        # "rb"/"ribu" and Vietnamese "k"/"nghìn" before a per-unit word imply the currency
        ("maksimal 8rb per pcs ya", Price(8000, "IDR", "pcs")),
        ("Harga target 25 ribu per botol", Price(25000, "IDR", "bottles")),
        ("giá mong muốn 15k/hộp", Price(15000, "VND", "boxes")),
        ("giá 90k một hộp được không?", Price(90000, "VND", "boxes")),
        ("Mục tiêu 25k/hộp, 500 hộp", Price(25000, "VND", "boxes")),
        # words that make a price someone else's need their context: these are targets
        ("As a retailer our target is $2 per piece", Price(2, "USD", "pcs")),
        ("We sell on Amazon and need $1.50 per piece", Price(1.5, "USD", "pcs")),
        ("Target incl. shipping USD 1.20 per pc", Price(1.2, "USD", "pcs")),
        ("Can you sell it at $2 per piece?", Price(2, "USD", "pcs")),
        # a total after the unit price, a market or shelf price before the target
        ("$1.2 per piece for 5000 pcs, total $6000", Price(1.2, "USD", "pcs")),
        ("The market price is $3, we need $2", Price(2, "USD", None)),
        ("We sell it at $20 in our store. Can you do $7?", Price(7, "USD", None)),
        # cents; tax and trade terms between the price and its unit
        ("can you do it for 95 cents each?", Price(0.95, "USD", "pcs")),
        ("50 centimes la pièce", Price(0.5, "EUR", "pcs")),
        ("prix max 1 € HT la pièce", Price(1, "EUR", "pcs")),
        ("USD 1.2 FOB per pc", Price(1.2, "USD", "pcs")),
        ("Meg tudják csinálni 400 Ft-ért darabját?", Price(400, "HUF", "pcs")),
        # a singular piece word right after the price needs no "per"
        ("Vous pouvez faire 1,50 € pièce ?", Price(1.5, "EUR", "pcs")),
        ("Tanesini 20 liraya yapabilir misiniz?", Price(20, "TRY", "pcs")),
        # a bare "each" is per the unit the order counts, in any language
        ("2.000 unidades, preço alvo R$ 5,00 cada", Price(5, "BRL", "units")),
        ("400 sets, can you do $12 each?", Price(12, "USD", "sets")),
        # "unit price" alone names no unit; a unit named after it wins
        ("필리핀 바이어입니다. 에센스 2천개 단가 0.9달러에 맞춰주세요.", Price(0.9, "USD", None)),
        ("목표 단가는 개당 1,500원", Price(1500, "KRW", "pcs")),
        # the unit named before the price, in the buyer's own grammar
        ("hi dear, 3000 lip tints, each one 1 dollar ok?", Price(1, "USD", "pcs")),
        ("kg당 3만원 이하면 좋겠습니다", Price(30000, "KRW", "kg")),
        ("Коробка масок по 900 рублей — реально?", Price(900, "RUB", "boxes")),
        ("maks. 45 zł za zestaw", Price(45, "PLN", "sets")),
        ("500 doboz maszk kellene, dobozonként max 2500 Ft.", Price(2500, "HUF", "boxes")),
        ("şişe başı 60 TL'yi geçmesin", Price(60, "TRY", "bottles")),
        ("希望単価は1枚あたり80円です", Price(80, "JPY", "pcs")),
        ("Prijs per doos maximaal 8 euro", Price(8, "EUR", "boxes")),
        # CJK numerals; the buyer's counter-offer after the seller's quote
        ("ヘアオイル2,000本、1本あたり千二百円で可能ですか？", Price(1200, "JPY", "bottles")),
        (
            "Seller quoted me $2.80 but I can only pay $2.30 per bottle.",
            Price(2.3, "USD", "bottles"),
        ),
        (
            "견적 주신 단가 1,800원은 좀 높네요. 1,500원이면 바로 발주하겠습니다.",
            Price(1500, "KRW", None),
        ),
        ("Te puedo pagar $45 MXN por pieza", Price(45, "MXN", "pcs")),
        # a counter-offer in the currency of the seller's quote
        ("you quoted 2.5 USD for the lip tint, we can do 2.1. qty 5k.", Price(2.1, "USD", None)),
        ("Podemos pagar hasta 1 dólar por mascarilla.", Price(1, "USD", "pcs")),
        ("Нам нужно 500 штук по 90 рублей.", Price(90, "RUB", "pcs")),
        ("цена до 40 долларов за кг", Price(40, "USD", "kg")),
        ("洗发水500箱，每箱不超过180元", Price(180, "CNY", "cartons")),
        ("我们的目标价是每片0.5美元", Price(0.5, "USD", "pcs")),
        (
            "Vocês cotaram US$ 4,10 por kit, conseguimos pagar até US$ 3,60 por kit.",
            Price(3.6, "USD", "sets"),
        ),
        (
            "Cena 4,20 USD jest za wysoka. Możemy zapłacić 3,50 USD za zestaw.",
            Price(3.5, "USD", "sets"),
        ),
        ("Bên em lấy 3.000 chai, giá 2 đô một chai được không?", Price(2, "USD", "bottles")),
        ("目标价每公斤30美元", Price(30, "USD", "kg")),
        ("Can you do $2 instead of $2.50?", Price(2, "USD", None)),
        ("Az ajánlott 1,90 eurós ár helyett 1,60 euró / üveg", Price(1.6, "EUR", "bottles")),
    ],
)
def test_the_target_price_has_amount_currency_and_unit(text, price):
    assert extract_target_price(text) == price


@pytest.mark.parametrize(
    "text",
    [
        "We need 5000 pcs in 30 days",
        # a currency word must be a word of its own ("tl" is not a lira inside "title")
        "the title 5 is",
        "Payment 30% T/T, 70% before shipment",
        "Mục tiêu 25k/500 hộp",
        # prices another supplier asked or charged are references, not targets
        "Another supplier offered us $0.95/pc. What is your best price?",
        "Competitor quoted us US$0.55/pc for hydrogel patches",
        "Last year you sold us at $1.10/pc, has the price changed?",
        "Другой поставщик предлагал нам 150 рублей за штуку.",
        "Ein anderer Lieferant bietet 0,90 € pro Stück.",
        "Le fournisseur précédent nous vendait à 1,80 € l'unité.",
        "别家报价1.1美元一个，你们能给多少？",
        "Harga di supplier lain Rp 18.000, bisa kasih harga berapa?",
        "Su competidor nos ofrece 1,10 € por mascarilla.",
        "其他供應商報價每個NT$38，你們可以做到嗎？",
        # a price paid before
        "Pagamos 2,50 USD por unidad la última vez.",
        "Pagamos R$ 6,50 por unidade no último pedido.",
        "Letztes Mal haben wir 2,80 € pro Einheit bezahlt.",
        "A múltkor 480 Ft-ot fizettünk darabonként.",
        "В прошлый раз платили 1,80 USD за штуку.",
        "前回の購入価格は1個180円でした。",
        "上次买的是6元一个，这次价格能不能保持？",
        # a shelf or retail price
        "It sells for $24 on Amazon here in the US.",
        "Prezzo al pubblico nel nostro negozio: 24,90 €.",
        "저희 매장 판매가는 2만8천원인데, 공급가는 얼마인가요?",
        "我們門市售價是HK$98，請問批發價是多少？",
        "Harga ecer di toko kami Rp 89.000, berapa harga grosir?",
        "SRP namin sa store is ₱299",
        "Hamara MRP ₹499 hai",
        # shipping costs, sample fees, totals and service charges
        "Shipping quote of $650 seems high for 10 cartons.",
        "Happy to pay the $35 sample fee plus courier.",
        "Die Versandkosten nach Berlin waren letztes Mal 380 €.",
        "美容液のサンプルを送ってください。送料は2,500円まで負担します。",
        "تكلفة الشحن 1500 دولار مرتفعة جداً",
        "Our budget is $5,000 total for a first trial order.",
        "Notre budget ne dépasse pas 1.250 € au total.",
        "ميزانيتنا الإجمالية 20,000 ريال",
        "월 30만원에 네이버 1페이지 보장!",
        "Gagnez 10 000 € par mois depuis chez vous !",
        "Tuyển cộng tác viên bán hàng online, thu nhập 10-15 triệu/tháng",
        "Last year we bought this toner from another Korean supplier at $3.50/pc.",
        # the seller's own price, quoted back or found too high
        "Your price of $2.50 is too high for us. What can you do for 5000 pcs?",
        "You quoted 1.80 USD last week, can you do better?",
        "귀사 견적 2,500원은 너무 비쌉니다.",
        "Вы предложили 2 доллара за штуку, это дорого.",
        "Ihr Angebot von 1,90 € pro Stück ist zu hoch.",
        "Votre prix de 2,10 € est trop élevé pour nous.",
        "Giá 30.000đ/hộp bên bạn báo hơi cao",
        "The Alibaba listing says US$ 1.5-2.0, what is the price for 3000 pcs?",
        "We were offered $0.95 by a factory in Guangzhou. Can you beat it?",
        # feet, not forints
        "We need 12 x 20ft containers",
        # comparisons, fees, invoices
        "Your price is much cheaper than others, $4.10 vs $6 at other sellers.",
        "다른 업체는 세트당 1만2천원에 준다는데 여기는 왜 1만8천원인가요?",
        "샘플비 5만원 입금했습니다.",
        "Les frais de port de 320 € pour 2 cartons, c'est beaucoup trop.",
        "Ihr Preis von 4,90 € pro Flasche ist zu hoch. Bei Ihrem Mitbewerber zahlen wir 3,90 €.",
        "Вы прислали счёт на 12 400 долларов, но мы договаривались о 11 000.",
        "サンプル代は3,000円とのことですが、本注文時に相殺できますか？",
        "上次我们买的是每片1.8元，这次报价2.3元，太贵了。",
        "Is L/C at sight ok for orders above 50k USD?",
        "Your listed price is US$12.90 per set. For 1,500 sets, what's your best price?",
        "We need a credit note of 280 x $1.20.",
        "Invoice INV-0931 shows USD 14,250 but the agreed total was USD 13,800.",
        "El año pasado les compramos a 1,90 USD la unidad.",
        "Im Laden verkaufen wir die Maske für 4,99 €.",
        "御社のAlibabaの表示価格は1個2.8ドルですが、10,000個ならいくらになりますか。",
        "invoice INV-2024-118 shows 4,520 USD but we agreed on 4,250 USD.",
        "Pedí 50 cajas y llegaron 45, y pagamos 1.200 USD por ese pedido.",
        "We have paid invoice INV-0934 (USD 3,450). When will the goods be ready to ship?",
        "Our budget for the whole first order is about USD 5,000.",
        "Chez nous en boutique le cushion se vend 29 €.",
        "你们阿里巴巴上标价3.5美元，这个价格包含运费吗？",
        "届いた商品のうち15個が破損していました。合計18,000円分の返金をお願いします。",
    ],
)
def test_a_message_without_currency_has_no_price(text):
    assert extract_target_price(text) is None


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
        # Thai, Chinese and Japanese names follow other letters with no space
        ("御社の代理店として日本で販売したいです", "JP"),
        ("ลูกค้าของเราอยู่ภาคใต้ของไทย", "TH"),
        ("我们要进口到上海", "CN"),
        # cities that stand for a market
        ("Our buyer in Manchester requires it", "GB"),
        ("prowadzimy drogerię w Warszawie", "PL"),
        ("für unseren Salon in Zürich", "CH"),
        ("Công ty mình ở TP.HCM", "VN"),
        ("CIF Mombasa as before", "KE"),
        ("Lieferung nach Graz", "AT"),
        ("bloquée en douane à Abidjan", "CI"),
        ("我们是马来西亚的经销商", "MY"),
        ("शीट मास्क चाहिए। मुंबई डिलीवरी।", "IN"),
        ("شحن إلى الشارقة", "AE"),
        # market adjectives and "the US"
        ("Es para registrar los productos en el mercado argentino.", "AR"),
        ("I'm an Amazon FBA seller in the US.", "US"),
        ("Chcemy zostać dystrybutorem w Polsce.", "PL"),
        ("Are these made in Korea or China?", None),
        ("Korean cosmetics please", None),
    ],
)
def test_the_destination_country_comes_from_names_demonyms_and_cities(text, country):
    assert extract_destination_country(text) == country


@pytest.mark.parametrize(
    ("text", "incoterm"),
    [("price fob busan", "FOB"), ("DDP to Budapest", "DDP"), ("C&F Jeddah", "CFR"),
     ("EXW Incheon", "EXW"), ("just a dap of cream", None), ("no terms", None),
     ("Target ex-works price under USD 1.80", "EXW"), ("delivered duty paid to Lyon", "DDP")],
)  # fmt: skip
def test_incoterms_are_found_and_normalised(text, incoterm):
    assert extract_incoterm(text) == incoterm


def test_certifications_are_returned_in_canonical_spelling():
    text = "FDA, CPNP, ISO 22716, Halal, MSDS, COA? KFDA? CE mark, SGS, vegan and cruelty-free"
    assert extract_certifications(text) == [
        "FDA", "CPNP", "ISO 22716", "Halal", "MSDS", "COA", "MFDS", "CE", "SGS", "Vegan",
        "Cruelty-free",
    ]  # fmt: skip
    assert extract_certifications("请问有NMPA备案吗？") == ["NMPA"]
    assert extract_certifications("มีใบรับรองฮาลาลไหมคะ") == ["Halal"]


@pytest.mark.parametrize(
    ("text", "days"),
    [("within 30 days", 30), ("in 2 weeks", 14), ("by the end of next month", 45),
     ("한 달 안에", 30), ("в течение 2 недель", 14), ("30 napon belül", 30), ("2-3 weeks", 21),
     ("Precisamos em 45 dias", 45), ("shelf life 3 years", None), ("no rush", None),
     # "ago" inside "Lagos" is not "ago"; CJK numbers follow letters with no space
     ("Delivery in 45 days to Lagos", 45), ("最好30天内", 30), ("两个月内到货", 60),
     ("納期は6週間以内で", 42), ("5月15日までに", None), ("we started 2 weeks ago", None),
     # how long the buyer has waited is not the time they ask for
     ("commande passée il y a 3 semaines", None), ("Оплатили 10 дней назад.", None),
     ("2주 전에 주문했는데", None), ("The parcel arrived 3 weeks late", None),
     # "3달러" is three dollars, "다음 주문" is the next order
     ("개당 3달러 가능한지요?", None), ("다음 주문부터는 해운으로", None),
     ("400 cups expire next month", None), ("Wir warten schon 3 Wochen.", None),
     ("دفعنا العربون قبل أسبوعين", None), ("我们的订单什么时候发货？已经付款两周了。", None),
     ("Meu pedido ainda não chegou, já faz 20 dias.", None),
     ("Will discuss with the team and get back to you next week.", None),
     ("Kunnen jullie binnen 10 werkdagen leveren?", 10), ("за 3 тижні", 21),
     ("15 दिन में डिलीवरी चाहिए", 15)],
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
