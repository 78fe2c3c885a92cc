"""Message templates for the demo: what buyers write to a Korean cosmetics maker, and the replies.

Inquiries are keyed by language and topic (the assistant's intent names, plus ``reorder``,
``tracking``, ``spam`` and ``greeting``). Slots in braces are filled per message:
``{product}``, ``{product2}``, ``{qty}`` ("5,000 pcs", "1만개", "5 000 pièces"), ``{price}``
("$1.20/pc", "개당 1,600원"), ``{country}`` (in the message's language), ``{cert}``, ``{days}``,
``{incoterm}``, ``{order}`` and ``{seller}``. A template with ``{qty}`` counts as a buyer asking
for a specific quantity and one with ``{price}`` as a buyer giving a target price when grading.
"""

from __future__ import annotations

import random
from functools import lru_cache

from babel import Locale

INQUIRIES: dict[str, dict[str, tuple[str, ...]]] = {
    "en": {
        "price_quote": (
            "Hello, we are interested in your {product}. Please quote your best price for {qty}, "
            "{incoterm} to {country}. Our target price is {price}.",
            "Hi, what is the price for {qty} of {product}? We need it delivered to {country}.",
            "Dear supplier, please send the price list for {product} and {product2}. Quantity "
            "{qty}, target {price}.",
            "Hi {seller}, can you do {price} for {qty} {product}? If yes we can place the order "
            "this month.",
            "Good day. I'm looking for {product} for my shop in {country}. How much for {qty}?",
            "We are comparing 3 Korean suppliers for {product}. Please send your FOB price for "
            "{qty} and the price break for double quantity.",
        ),
        "moq": (
            "What is your MOQ for {product}? We are a small online store and want to start with "
            "a smaller quantity.",
            "Hello, is it possible to mix {product} and {product2} to reach the MOQ? We want to "
            "test the market first.",
            "Can you accept a trial order of {qty} for {product}? After we see the sell-through "
            "we will reorder bigger.",
        ),
        "sample": (
            "Hi, could you send samples of {product} and {product2}? We will pay the shipping. "
            "Address is in {country}.",
            "Before placing an order of {qty} we need samples of {product}. Are samples free? We "
            "can use our DHL account.",
            "Please send 2-3 samples of your best sellers (sunscreen, serum, sheet mask). We are a "
            "distributor in {country}.",
        ),
        "customization": (
            "We want private label {product} with our logo. MOQ and price for {qty}? Also can you "
            "change the fragrance?",
            "Hello, we are a new brand from {country}. We are looking for an OEM manufacturer for "
            "a vegan serum line (3 SKUs). Can you develop a custom formula and help with packaging "
            "design?",
            "Can you print our logo on the box and the tube of {product}? We need {qty} and the "
            "artwork is ready.",
        ),
        "certification": (
            "Does {product} have {cert}? We cannot import to {country} without it. Please send the "
            "certificate and MSDS.",
            "Hello, we need the {cert} certificate, COA and ingredient list (INCI) for {product} "
            "before we can list it.",
            "Is your factory ISO 22716 / GMP certified? Our retailer in {country} asks for the "
            "audit report.",
        ),
        "lead_time": (
            "We have a launch event in {country} and need {qty} of {product} within {days} days. "
            "Is that possible?",
            "What is the production lead time for {qty} {product}? We need the goods in our "
            "warehouse within {days} days.",
        ),
        "shipping": (
            "How much is shipping for {qty} {product} to {country} by air and by sea? Please quote "
            "{incoterm}.",
            "Can you ship DDP to {country}? We don't have an import license yet.",
        ),
        "authenticity": (
            "Are you the manufacturer or a trading company? Is {product} really made in Korea?",
            "Hi, is this product original? Some sellers sell fakes. Can you show the factory and "
            "the Made in Korea label?",
        ),
        "catalog": (
            "Please send me your full catalog and price list. Do you have new products this "
            "season?",
            "Hello! Do you have anything new for summer? Our customers in {country} like "
            "sunscreens and toners.",
        ),
        "payment": (
            "Do you accept L/C at sight, or 30% T/T deposit and 70% before shipment? The order "
            "would be {qty} of {product}.",
            "Can we pay by PayPal for the first small order? Then Trade Assurance for the next "
            "ones.",
        ),
        "partnership": (
            "We are one of the biggest beauty distributors in {country} with 120 stores. We want "
            "to become your exclusive distributor. Can we talk about terms?",
            "We are looking for a long-term Korean partner for {country}. Annual volume could be "
            "{qty}. Can we have a video call next week?",
        ),
        "tracking": (
            "Hi, any update on order {order}? Please send the tracking number.",
            "Our customer is asking about order {order}. When will it ship?",
        ),
        "reorder": (
            "We received the goods, thank you. We want to reorder {product}, same quantity as last "
            "time. Please send the PI.",
            "Our customers love {product}. Please prepare another {qty}, and add {product2} this "
            "time.",
            "Stock of {product} is almost sold out. Can you produce {qty} again before {days} "
            "days?",
        ),
        "complaint": (
            "We received order {order} but 3 cartons were damaged and some bottles leaked. Please "
            "advise how you will compensate.",
            "The expiry date on the last shipment ({order}) is too short, less than 12 months. Our "
            "distributor refused it. What can you do?",
            "The colour of {product} in order {order} is different from the sample. Customers are "
            "complaining.",
        ),
        "spam": (
            "We can increase your Alibaba store ranking to the top 3 with our SEO service. Reply "
            "for the price list.",
            "Dear Sir, we are a freight forwarder from Guangzhou, best price for sea and air "
            "shipping to all countries. WhatsApp me.",
            "I am looking for a job in your company, I can speak English and Korean. Please "
            "consider my CV.",
            "Please check the attached invoice and confirm the payment urgently.",
            "Hello, we offer website design and Google Ads. 50% discount this week only.",
            "Send me free samples of all products, I will promote them on my TikTok.",
        ),
        "greeting": ("hi", "Hello dear, how are you?", "Hello", "hi, are you there?"),
    },
    "es": {
        "price_quote": (
            "Hola, estamos interesados en {product}. ¿Cuál es el precio por {qty}? Nuestro precio "
            "objetivo es {price}, {incoterm} a {country}.",
            "Buenos días, ¿me pueden cotizar {qty} de {product} y {product2}? Somos importadores "
            "en {country}.",
        ),
        "moq": (
            "Buenas tardes, ¿cuál es el pedido mínimo (MOQ) de {product}? Somos una tienda online "
            "en {country}.",
        ),
        "sample": (
            "Hola, ¿nos pueden enviar muestras de {product} y {product2}? Pagamos el envío.",
        ),
        "customization": (
            "Queremos fabricar {product} con nuestra marca y logo (marca blanca). ¿Precio para "
            "{qty}?",
        ),
        "certification": (
            "¿El producto tiene registro {cert}? Lo necesitamos para importar a {country}.",
        ),
        "lead_time": (
            "Necesitamos {qty} de {product} en {days} días para una feria. ¿Es posible?",
        ),
        "authenticity": (
            "¿Son ustedes fabricantes o distribuidores? ¿El producto es hecho en Corea?",
        ),
        "partnership": (
            "Somos distribuidores de cosmética en {country} con 40 farmacias. Nos interesa ser "
            "distribuidor exclusivo de su marca.",
        ),
        "tracking": ("Hola, ¿tienen el número de seguimiento del pedido {order}? Gracias.",),
        "reorder": (
            "Hola, queremos repetir el pedido de {product}, {qty}. Por favor envíen la proforma.",
        ),
        "complaint": ("Recibimos el pedido {order} pero faltan 2 cajas. Por favor revisen.",),
        "shipping": ("¿Cuánto cuesta el envío de {qty} a {country}? Preferimos {incoterm}.",),
        "catalog": ("Hola, ¿nos pueden enviar el catálogo completo y la lista de precios?",),
        "payment": ("¿Aceptan PayPal o transferencia? Es nuestro primer pedido de {product}.",),
        "greeting": ("hola", "Hola amigo, ¿me regalas muestras?"),
    },
    "pt": {
        "authenticity": ("Vocês são fabricantes? O produto é feito na Coreia mesmo?",),
        "lead_time": ("Qual o prazo de produção para {qty}? Precisamos em {days} dias.",),
        "price_quote": (
            "Olá, qual o preço de {qty} de {product}? Preço alvo {price}, entrega no {country}.",
        ),
        "customization": (
            "Vocês fazem marca própria? Queremos {product} com a nossa logo, {qty}.",
        ),
        "sample": ("Podem enviar amostras de {product}? Pagamos o frete.",),
        "certification": (
            "O produto tem registro {cert}? A ANVISA exige documentação para importar.",
        ),
        "moq": ("Bom dia, qual é o pedido mínimo de {product}? Somos uma loja online.",),
        "tracking": (
            "Olá, alguma novidade sobre o pedido {order}? Precisamos do código de rastreio.",
        ),
        "reorder": ("Vendeu tudo! Queremos repetir o pedido de {product}, {qty}.",),
        "greeting": ("Olá, tudo bem?",),
    },
    "ru": {
        "price_quote": (
            "Здравствуйте! Интересует {product}. Какая цена за {qty}? Целевая цена {price}, "
            "доставка в {country}.",
            "Добрый день. Пришлите, пожалуйста, прайс на {product} и {product2}, объём {qty}.",
        ),
        "moq": (
            "Добрый день. Какой минимальный заказ (MOQ) на {product}? Мы небольшой "
            "интернет-магазин.",
        ),
        "sample": ("Можно получить образцы {product} и {product2}? Доставку оплатим.",),
        "authenticity": (
            "Вы производитель или посредник? Товар действительно произведён в Корее?",
        ),
        "certification": (
            "Есть ли у продукции сертификат {cert} / декларация ЕАЭС? Без этого не можем ввезти в "
            "{country}.",
        ),
        "customization": (
            "Хотим заказать {product} под нашим брендом (private label), партия {qty}. Какие сроки "
            "и цена?",
        ),
        "partnership": (
            "Мы дистрибьютор корейской косметики в {country}, ищем эксклюзивного поставщика. "
            "Готовы обсудить условия.",
        ),
        "tracking": (
            "Добрый день, когда будет отгрузка заказа {order}? Пришлите, пожалуйста, трек-номер.",
        ),
        "reorder": ("Товар закончился, хотим повторить заказ {product}, {qty}. Пришлите счёт.",),
        "lead_time": ("Сколько времени займёт производство {qty}? Нам нужно через {days} дней.",),
        "shipping": ("Сколько стоит доставка {qty} {product} в {country}? Условия {incoterm}.",),
        "catalog": ("Пришлите, пожалуйста, каталог и прайс. Есть ли новинки?",),
        "complaint": ("В заказе {order} несколько флаконов протекли. Как решим вопрос?",),
        "greeting": ("Здравствуйте",),
    },
    "ko": {
        "price_quote": (
            "안녕하세요, {product} {qty} 견적 부탁드립니다. 목표 단가는 {price}이고 {country}로 "
            "{incoterm} 조건 희망합니다.",
        ),
        "moq": (
            "{product} 최소 주문 수량(MOQ)이 어떻게 되나요? 소량으로 먼저 테스트해보고 싶습니다.",
        ),
        "sample": (
            "샘플 받아볼 수 있을까요? {product}, {product2} 각 2개씩 부탁드립니다. 배송비는 저희가 "
            "부담하겠습니다.",
        ),
        "customization": (
            "저희 브랜드 로고로 OEM 가능할까요? {product} 기준 {qty} 생각하고 있습니다.",
        ),
        "lead_time": (
            "{days}일 안에 {qty} 납품 가능한지 확인 부탁드립니다. 현지 행사 일정이 있습니다.",
        ),
        "reorder": (
            "지난번 주문한 {product} 반응이 좋아서 재주문하려고 합니다. 같은 수량으로 견적서(PI) "
            "보내주세요.",
        ),
        "tracking": ("주문 {order} 배송 조회 번호 알려주실 수 있나요?",),
        "certification": ("{product} {cert} 인증서 있으신가요? {country} 수입 통관에 필요합니다.",),
        "authenticity": ("직접 제조하시는 건가요? 한국 공장에서 생산되는 제품인지 궁금합니다.",),
        "catalog": ("전체 카탈로그랑 도매 가격표 받아볼 수 있을까요? 신제품도 궁금합니다.",),
        "shipping": ("{country}까지 {qty} 기준 항공, 해상 운임 각각 알려주세요.",),
        "payment": ("첫 주문은 소량이라 PayPal 결제 가능할까요?",),
        "partnership": (
            "{country}에서 K-뷰티 편집숍 12곳을 운영 중입니다. 독점 유통 조건 논의하고 싶습니다.",
        ),
        "complaint": ("주문 {order} 받았는데 박스 3개가 파손되어 왔습니다. 처리 방법 알려주세요.",),
    },
    "vi": {
        "certification": ("Sản phẩm đã có {cert} chưa ạ? Bên em cần để nhập khẩu về {country}.",),
        "price_quote": (
            "Chào anh/chị, em muốn hỏi giá {product} số lượng {qty}. Giá mục tiêu {price}, giao về "
            "{country}.",
        ),
        "moq": ("Cho em hỏi MOQ của {product} là bao nhiêu ạ? Shop em bán online trên Shopee.",),
        "sample": ("Bên mình có gửi mẫu thử {product} không ạ? Em chịu phí ship.",),
        "authenticity": (
            "Sản phẩm có phải hàng chính hãng sản xuất tại Hàn Quốc không ạ? Có giấy tờ CO, CQ "
            "không?",
        ),
        "customization": (
            "Em muốn làm OEM {product} với logo riêng, số lượng {qty}. Thời gian sản xuất bao lâu "
            "ạ?",
        ),
        "tracking": ("Đơn hàng {order} đã gửi chưa ạ? Cho em xin mã vận đơn.",),
        "reorder": ("Hàng bán chạy lắm ạ, em muốn đặt thêm {qty} {product}.",),
    },
    "ar": {
        "moq": ("ما هو الحد الأدنى للطلب من {product}؟ نحن متجر إلكتروني صغير.",),
        "customization": ("هل يمكنكم تصنيع {product} بعلامتنا التجارية؟ الكمية {qty}.",),
        "price_quote": (
            "السلام عليكم، نحن مهتمون بمنتج {product}. ما هو السعر لكمية {qty}؟ السعر المستهدف "
            "{price} مع الشحن إلى {country}.",
        ),
        "certification": ("هل المنتجات حاصلة على شهادة حلال؟ نحتاجها للاستيراد إلى {country}.",),
        "sample": ("هل يمكن إرسال عينات من {product}؟ سندفع تكلفة الشحن.",),
        "partnership": ("نحن موزع كبير في {country} ونرغب في أن نكون الوكيل الحصري لمنتجاتكم.",),
        "authenticity": ("هل أنتم المصنع؟ وهل المنتج صنع في كوريا فعلاً؟",),
        "greeting": ("مرحبا",),
    },
    "hu": {
        "customization": ("Saját márkás gyártást vállalnak? {product}, {qty}, saját logóval.",),
        "lead_time": ("{qty} rendelésnél mennyi a gyártási idő? {days} napon belül kellene.",),
        "price_quote": (
            "Jó napot! Érdeklődünk a(z) {product} iránt. Mennyi az ár {qty} esetén? Célár: "
            "{price}, szállítás: {country}.",
        ),
        "certification": (
            "Van CPNP bejelentése a termékeknek? Enélkül nem tudjuk forgalmazni az EU-ban.",
        ),
        "sample": ("Tudnának mintát küldeni a(z) {product} termékből? A szállítást kifizetjük.",),
        "moq": ("Mi a minimális rendelési mennyiség? Kis webáruház vagyunk Budapesten.",),
        "tracking": ("Mikor szállítják a(z) {order} rendelést? Kérem a csomagkövetési számot.",),
    },
    "fr": {
        "moq": ("Quelle est la quantité minimum de commande pour {product} ?",),
        "authenticity": ("Êtes-vous le fabricant ? Les produits sont-ils fabriqués en Corée ?",),
        "price_quote": (
            "Bonjour, nous sommes intéressés par {product}. Quel est votre prix pour {qty} ? Prix "
            "cible {price}, livraison {incoterm} {country}.",
        ),
        "certification": (
            "Vos produits sont-ils notifiés sur le portail {cert} ? C'est obligatoire pour vendre "
            "chez nous.",
        ),
        "sample": ("Pouvez-vous nous envoyer des échantillons de {product} et {product2} ?",),
        "customization": (
            "Nous voulons lancer notre propre marque. Pouvez-vous fabriquer {product} avec notre "
            "logo, {qty} ?",
        ),
        "lead_time": (
            "Bonjour, quel est le délai de production pour {qty} ? Nous en avons besoin sous "
            "{days} jours.",
        ),
        "complaint": (
            "Nous avons reçu la commande {order} mais plusieurs flacons ont fui. Merci de nous "
            "proposer une solution.",
        ),
    },
    "tr": {
        "sample": ("Numune gönderebilir misiniz? {product} için kargo ücretini biz öderiz.",),
        "moq": (
            "{product} için minimum sipariş miktarı nedir? Önce küçük bir deneme siparişi "
            "vermek istiyoruz.",
        ),
        "price_quote": (
            "Merhaba, {product} için {qty} fiyatı nedir? Hedef fiyatımız {price}, teslimat "
            "{country}.",
        ),
        "certification": ("Ürünlerinizin helal sertifikası var mı? Numune gönderebilir misiniz?",),
        "customization": (
            "Minimum sipariş miktarı nedir? Kendi markamızla üretim yapıyor musunuz?",
        ),
        "authenticity": ("Üretici misiniz yoksa aracı firma mı? Ürünler Kore'de mi üretiliyor?",),
    },
    "id": {
        "moq": ("Minimal order {product} berapa kak? Kami reseller online di Shopee.",),
        "authenticity": ("Apakah ini produk asli buatan Korea? Kalian pabriknya langsung?",),
        "price_quote": (
            "Halo kak, berapa harga {product} untuk {qty}? Target harga {price}, kirim ke "
            "{country}.",
        ),
        "certification": (
            "Apakah produk sudah ada sertifikat Halal dan BPOM? Kami butuh untuk impor.",
        ),
        "sample": ("Bisa kirim sampel {product}? Ongkir kami yang bayar.",),
        "customization": ("Kami mau bikin brand sendiri (maklon/OEM), minimal order berapa?",),
    },
    "de": {
        "moq": ("Wie hoch ist die Mindestbestellmenge für {product}? Wir möchten klein anfangen.",),
        "customization": (
            "Können Sie {product} als Eigenmarke mit unserem Logo herstellen? Menge {qty}.",
        ),
        "price_quote": (
            "Guten Tag, wir interessieren uns für {product}. Was kosten {qty}? Zielpreis {price}, "
            "Lieferung {incoterm} {country}.",
        ),
        "certification": (
            "Haben Ihre Produkte eine {cert}-Notifizierung und eine Sicherheitsbewertung (CPSR)?",
        ),
        "sample": (
            "Können Sie uns Muster von {product} schicken? Die Versandkosten übernehmen wir.",
        ),
    },
    "ja": {
        "moq": ("{product}の最小ロットを教えてください。まずは少量でテストしたいです。",),
        "customization": ("自社ブランドでOEMは可能ですか？{qty}を検討しています。",),
        "catalog": ("カタログと卸価格表をいただけますか？新商品も知りたいです。",),
        "price_quote": (
            "はじめまして。{product}を{qty}で見積もりをお願いします。希望単価は{price}です。",
        ),
        "sample": ("サンプルを送っていただけますか？{product}と{product2}を各2個お願いします。",),
        "authenticity": ("御社はメーカーですか？韓国製でしょうか？",),
    },
}

# What a buyer writes back in the middle of a conversation, by kind; the seller's answer to
# each kind is ``REPLIES[language]["re:<kind>"]``. In ``better_price`` the ``{qty}`` is a larger
# quantity than the buyer first asked about.
FOLLOW_UPS: dict[str, dict[str, str]] = {
    "en": {
        "better_price": "Thank you. Can you do a better price if we order {qty}?",
        "send_pi": "Thanks, please send the PI and your bank details.",
        "later": "OK, we will discuss internally and come back to you next week.",
        "photos": "Received, thank you! Could you also send high-resolution product photos?",
        "any_update": "Any update? We are waiting for your reply.",
        "samples_ok": "Samples received, the quality is good. We will prepare the first order.",
        "sea": "Can you ship by sea to save cost? Air is too expensive for us.",
        "lead_time": "Please confirm the lead time, our customer is asking.",
    },
    "es": {
        "better_price": "Gracias. ¿Pueden mejorar el precio si pedimos {qty}?",
        "send_pi": "Perfecto, envíennos la proforma por favor.",
        "later": "Lo comentamos internamente y les respondemos.",
    },
    "pt": {
        "send_pi": "Obrigado! Podem enviar a fatura proforma?",
        "later": "Vamos analisar e retornamos em breve.",
    },
    "ru": {
        "better_price": "Спасибо. Можно скидку при заказе {qty}?",
        "send_pi": "Хорошо, пришлите, пожалуйста, инвойс.",
        "later": "Обсудим с коллегами и вернёмся.",
    },
    "ko": {
        "better_price": "감사합니다. {qty} 주문하면 단가 조정 가능할까요?",
        "send_pi": "네 확인했습니다. PI 보내주세요.",
        "later": "내부 검토 후 다시 연락드리겠습니다.",
    },
    "vi": {
        "better_price": "Cảm ơn ạ. Nếu lấy {qty} thì có giảm giá không ạ?",
        "send_pi": "Dạ em cảm ơn, gửi em báo giá (PI) nhé.",
    },
    "ar": {
        "better_price": "شكرا لكم. هل يمكن تخفيض السعر إذا طلبنا {qty}؟",
        "send_pi": "تمام، أرسلوا الفاتورة المبدئية من فضلكم.",
    },
    "hu": {
        "send_pi": "Köszönjük! Küldjék el a proforma számlát.",
        "better_price": "Kaphatunk kedvezményt {qty} esetén?",
    },
    "fr": {
        "better_price": "Merci. Pouvez-vous faire un meilleur prix pour {qty} ?",
        "send_pi": "Parfait, merci de nous envoyer la facture proforma.",
    },
    "tr": {
        "better_price": "Teşekkürler. {qty} için indirim yapabilir misiniz?",
        "send_pi": "Tamam, proforma fatura gönderin lütfen.",
    },
    "id": {
        "better_price": "Terima kasih kak. Kalau order {qty} bisa diskon?",
        "send_pi": "Oke, tolong kirim PI ya.",
    },
    "de": {
        "better_price": "Danke. Ist bei {qty} ein besserer Preis möglich?",
        "send_pi": "Gut, bitte senden Sie uns die Proforma-Rechnung.",
    },
    "ja": {
        "better_price": "ありがとうございます。{qty}の場合、単価の調整は可能でしょうか？",
        "send_pi": "承知しました。請求書を送ってください。",
    },
}

# A buyer's last word that needs no answer.
CLOSINGS: dict[str, tuple[str, ...]] = {
    "en": ("Thank you!", "Great, thanks a lot.", "Received, thank you.", "Perfect 👍"),
    "es": ("¡Muchas gracias!",),
    "pt": ("Muito obrigado!",),
    "ru": ("Спасибо!",),
    "ko": ("감사합니다!",),
    "vi": ("Dạ em cảm ơn ạ!",),
    "ar": ("شكراً جزيلاً",),
    "hu": ("Köszönöm!",),
    "fr": ("Merci beaucoup !",),
    "tr": ("Çok teşekkürler!",),
    "id": ("Terima kasih banyak!",),
    "de": ("Vielen Dank!",),
    "ja": ("ありがとうございます！",),
}

# The seller's replies. Slots: {contact}, {product}, {moq}, {unit_price}, {lead}, {cert_list},
# {country}, {order}, {tracking}, {new_product} and {rep} (the signature, filled last).
REPLIES: dict[str, dict[str, tuple[str, ...]]] = {
    "en": {
        "price_quote": (
            "Hi {contact}, thank you for your inquiry! For {product} our price is {unit_price}/pc "
            "at the MOQ of {moq} pcs, and it goes down at 5x and 20x MOQ. Lead time is about "
            "{lead} days. Could you tell me your target market and sales channel (online, "
            "pharmacy, retail)? Then I can suggest the best option.\n\nBest regards,\n{rep}",
            "Dear {contact}, thanks for your interest. Yes, we can work with your quantity.\n"
            "Option A: {unit_price}/pc with our standard packaging, ready in {lead} days.\n"
            "Option B: a lower price if you take 2x the quantity.\n"
            "Option C: mixed SKUs at {moq} pcs each to test the market first.\n"
            "Which works best for you?\n\n{rep}",
        ),
        "moq": (
            "Hi {contact}, the MOQ for {product} is {moq} pcs, and you can mix up to 3 SKUs in the "
            "first trial order. Many of our buyers start small and reorder every month.\n\n{rep}",
        ),
        "sample": (
            "Hi {contact}, sure! We can send samples of {product} within 3 working days by DHL. I "
            "will share the sample invoice and the tracking number. What is your target launch "
            "date?\n\n{rep}",
        ),
        "customization": (
            "Hi {contact}, yes, we are an OEM/ODM manufacturer. For private label {product} the "
            "MOQ is 1,000 pcs with your logo on the box and container; custom formulas from 3,000 "
            "pcs. Timeline: sample 2 weeks, packaging design 2 weeks, production {lead} days. I "
            "will send you our project checklist.\n\n{rep}",
        ),
        "certification": (
            "Dear {contact}, {product} has {cert_list}. I attach the certificates, COA and the "
            "full INCI list. Our factory is ISO 22716 (CGMP) certified.\n\n{rep}",
        ),
        "lead_time": (
            "Hi {contact}, yes, we can make it: production takes {lead} days, plus shipping. If we "
            "confirm the order this week, the goods can leave Busan in time. Shall I reserve the "
            "production slot?\n\n{rep}",
        ),
        "shipping": (
            "Hi {contact}, for your quantity air express (DHL/FedEx) takes 3-5 days and sea "
            "freight 25-40 days. I can quote FOB Busan, CIF or DDP to {country}. Which do you "
            "prefer?\n\n{rep}",
        ),
        "authenticity": (
            "Hi {contact}, yes, we are the manufacturer: our factory is in Gyeonggi-do, Korea, and "
            "every product is made in Korea (printed on the label). We can do a video factory "
            "tour anytime.\n\n{rep}",
        ),
        "catalog": (
            "Hi {contact}, please find our catalog and price list attached. New this season: "
            "{new_product}. Happy to send samples of the new items.\n\n{rep}",
        ),
        "payment": (
            "Hi {contact}, we accept Trade Assurance, T/T (30% deposit, 70% before shipment), "
            "PayPal for orders under US$3,000 and L/C at sight for large orders.\n\n{rep}",
        ),
        "partnership": (
            "Dear {contact}, thank you for your proposal. We are open to a distribution "
            "partnership in {country}. Could you share your current brands, channels and the "
            "volume you expect in the first year? Let's schedule a video call.\n\n{rep}",
        ),
        "tracking": (
            "Hi {contact}, order {order} left our warehouse. Tracking number: {tracking}. Please "
            "let me know when it arrives!\n\n{rep}",
        ),
        "reorder": (
            "Hi {contact}, thank you for the reorder! I will send the PI today; production takes "
            "{lead} days. Would you like to add our new {new_product}? Samples are on us.\n\n{rep}",
        ),
        "complaint": (
            "Dear {contact}, I'm very sorry about this. Please send photos of the affected items "
            "and we will replace them in your next shipment or refund the amount, as you prefer."
            "\n\n{rep}",
        ),
        "greeting": (
            "Hello, thank you for your message! Which products are you interested in, and which "
            "market do you sell in?\n\n{rep}",
        ),
        "re:better_price": (
            "Hi {contact}, at that quantity you reach our next price tier, about 8% lower. I'll "
            "send the updated quote today.\n\n{rep}",
            "Hi {contact}, yes. For that volume we can offer a better unit price, and free "
            "samples of our new {new_product} with the order.\n\n{rep}",
        ),
        "re:send_pi": (
            "Hi {contact}, thank you! I have attached the PI. Please check it and let me know if "
            "anything needs to change.\n\n{rep}",
            "Hi {contact}, the PI is attached. Production starts as soon as the deposit arrives; "
            "I will keep you updated.\n\n{rep}",
        ),
        "re:later": (
            "Thank you {contact}, take your time. If it helps, I can prepare two options with "
            "different quantities for your team.\n\n{rep}",
        ),
        "re:photos": (
            "Hi {contact}, sure! I have attached high-resolution photos and short product videos; "
            "you may use them on your store.\n\n{rep}",
        ),
        "re:any_update": (
            "Hi {contact}, sorry for the wait! {product}: {unit_price}/pc, MOQ {moq} pcs, lead "
            "time {lead} days. Anything else I can check for you?\n\n{rep}",
        ),
        "re:samples_ok": (
            "That's great to hear, {contact}! Shall I prepare the PI with the quantities we "
            "discussed? I can reserve a production slot this week.\n\n{rep}",
        ),
        "re:sea": (
            "Hi {contact}, yes: sea freight to {country} takes about 25-40 days and costs much "
            "less for your volume. I'll send a CIF quote by sea.\n\n{rep}",
        ),
        "re:lead_time": (
            "Hi {contact}, production takes {lead} days after payment, plus 3-5 days by air "
            "express.\n\n{rep}",
        ),
    },
    "es": {
        "price_quote": (
            "Hola {contact}, gracias por su consulta. El precio de {product} es {unit_price} por "
            "unidad con un pedido mínimo de {moq} unidades; el plazo de producción es de {lead} "
            "días. ¿En qué canal lo van a vender?\n\nSaludos,\n{rep}",
        ),
        "sample": (
            "Hola {contact}, claro, enviamos muestras de {product} en 3 días hábiles por DHL.\n\n"
            "Saludos,\n{rep}",
        ),
        "re:send_pi": (
            "Hola {contact}, le adjunto la factura proforma. Quedo atento a sus comentarios.\n\n"
            "{rep}",
        ),
        "re:better_price": (
            "Hola {contact}, con esa cantidad pasan al siguiente tramo de precio (un 8% menos). "
            "Hoy le envío la cotización actualizada.\n\n{rep}",
        ),
        "re:later": ("Gracias {contact}, quedo a su disposición para cualquier duda.\n\n{rep}",),
    },
    "pt": {
        "price_quote": (
            "Olá {contact}, obrigado pelo contato! O preço de {product} é {unit_price} por "
            "unidade, pedido mínimo de {moq} unidades, produção em {lead} dias.\n\n{rep}",
        ),
        "re:send_pi": ("Olá {contact}, segue a fatura proforma em anexo.\n\n{rep}",),
        "re:later": ("Obrigado, {contact}! Fico à disposição para qualquer dúvida.\n\n{rep}",),
    },
    "ru": {
        "price_quote": (
            "Здравствуйте, {contact}! Цена на {product}: {unit_price} за шт. при минимальном "
            "заказе {moq} шт., срок производства {lead} дней. Подскажите, пожалуйста, ваш канал "
            "продаж?\n\n{rep}",
        ),
        "sample": (
            "Здравствуйте, {contact}! Образцы {product} отправим DHL в течение 3 рабочих дней.\n\n"
            "{rep}",
        ),
        "re:send_pi": (
            "{contact}, высылаю инвойс во вложении. Жду вашего подтверждения.\n\n{rep}",
        ),
        "re:better_price": (
            "{contact}, при таком объёме действует следующая ценовая ступень (примерно на 8% "
            "ниже). Сегодня пришлю обновлённое предложение.\n\n{rep}",
        ),
        "re:later": ("Спасибо, {contact}! Если появятся вопросы, пишите.\n\n{rep}",),
    },
    "ko": {
        "price_quote": (
            "{contact}님 안녕하세요, 문의 감사합니다. {product}은(는) MOQ {moq}개 기준 개당 "
            "{unit_price}이며 생산 기간은 약 {lead}일입니다. 판매 채널을 알려주시면 가장 맞는 "
            "조건을 제안드리겠습니다.\n\n{rep} 드림",
        ),
        "re:send_pi": ("{contact}님, PI 첨부드립니다. 확인 부탁드립니다.\n\n{rep} 드림",),
        "re:better_price": (
            "{contact}님, 해당 수량이면 다음 단가 구간이 적용되어 약 8% 낮아집니다. 오늘 수정 "
            "견적 보내드리겠습니다.\n\n{rep} 드림",
        ),
        "re:later": (
            "{contact}님, 천천히 검토하시고 궁금한 점 있으시면 연락 주세요.\n\n{rep} 드림",
        ),
    },
    "fr": {
        "price_quote": (
            "Bonjour {contact}, merci pour votre demande. Le prix de {product} est de {unit_price} "
            "l'unité pour un minimum de {moq} pièces, délai de production {lead} jours.\n\n"
            "Cordialement,\n{rep}",
        ),
        "re:send_pi": (
            "Bonjour {contact}, vous trouverez la facture proforma en pièce jointe.\n\n{rep}",
        ),
        "re:better_price": (
            "Bonjour {contact}, pour cette quantité vous passez au palier de prix suivant "
            "(environ 8 % de moins). Je vous envoie le devis mis à jour aujourd'hui.\n\n{rep}",
        ),
    },
}

SUBJECTS: dict[str, str] = {
    "price_quote": "Price inquiry: {product}",
    "moq": "MOQ for {product}",
    "sample": "Sample request: {product}",
    "customization": "Private label / OEM: {product}",
    "certification": "{cert} documents for {product}",
    "lead_time": "Lead time for {product}",
    "shipping": "Shipping quote to {country_en}",
    "authenticity": "Manufacturer / made in Korea?",
    "catalog": "Catalog and new products",
    "payment": "Payment terms",
    "partnership": "Distribution partnership in {country_en}",
    "tracking": "Tracking for order {order}",
    "reorder": "Reorder: {product}",
    "complaint": "Problem with order {order}",
}

REVIEWS: dict[int, tuple[tuple[str, str], ...]] = {
    5: (
        ("en", "Great quality and fast shipping. Our customers love it!"),
        ("en", "Excellent supplier, very responsive. Will reorder."),
        ("en", "Second order, same good quality. Packaging was perfect."),
        ("en", "Genuine Korean products, exactly as described."),
        ("es", "Excelente calidad y envío rápido. ¡Recomendado!"),
        ("ru", "Отличное качество, быстрая доставка. Будем заказывать ещё."),
    ),
    4: (
        ("en", "Good products. Delivery took a bit longer than expected."),
        ("en", "Good quality, the outer cartons could be stronger."),
        ("en", "Nice supplier, good communication."),
    ),
    3: (
        ("en", "Average. Some bottles were damaged in transit."),
        ("en", "Products OK but the expiry date was shorter than we hoped."),
    ),
    2: (("en", "Late shipment and slow answers."),),
    1: (("en", "Several items leaked, still waiting for the refund."),),
}

INCOTERMS: tuple[tuple[str, int], ...] = (
    ("FOB", 35),
    ("CIF", 25),
    ("DDP", 25),
    ("EXW", 10),
    ("DAP", 5),
)


def _grouped(n: int, sep: str) -> str:
    return f"{n:,}".replace(",", sep)


def _decimal(amount: float, comma: bool) -> str:
    text = f"{amount:.2f}"
    return text.replace(".", ",") if comma else text


def format_quantity(lang: str, n: int, rng: random.Random) -> str:
    """A quantity as a buyer writing in the language would put it."""
    thousands = n % 1000 == 0 and n >= 1000
    options: list[str]
    if lang == "ko":
        options = [f"{n:,}개", f"{n}개"] + ([f"{n // 10000}만개"] if n % 10000 == 0 else [])
    elif lang == "ja":
        options = [f"{n:,}個"] + ([f"{n // 10000}万個"] if n % 10000 == 0 else [])
    elif lang == "es":
        options = [f"{_grouped(n, '.')} unidades", f"{_grouped(n, '.')} piezas", f"{n} pzs"]
    elif lang == "pt":
        options = [f"{_grouped(n, '.')} unidades", f"{_grouped(n, '.')} peças"]
    elif lang == "fr":
        options = [f"{_grouped(n, ' ')} pièces", f"{_grouped(n, ' ')} unités"]
    elif lang == "de":
        options = [f"{_grouped(n, '.')} Stück", f"{_grouped(n, '.')} Stk."]
    elif lang == "ru":
        options = [f"{n} шт", f"{_grouped(n, ' ')} штук"] + (
            [f"{n // 1000} тыс. шт"] if thousands else []
        )
    elif lang == "vi":
        options = [f"{_grouped(n, '.')} hộp", f"{_grouped(n, '.')} sản phẩm", f"{n} cái"]
    elif lang == "ar":
        options = [f"{n} قطعة", f"{n:,} قطعة"]
    elif lang == "hu":
        options = [f"{_grouped(n, ' ')} db", f"{n} darab"]
    elif lang == "tr":
        options = [f"{_grouped(n, '.')} adet"]
    elif lang == "id":
        options = [f"{_grouped(n, '.')} pcs", f"{_grouped(n, '.')} buah"]
    else:
        options = [f"{n:,} pcs", f"{n} pcs", f"{n:,} pieces", f"{n:,} units"] + (
            [f"{n // 1000}k units"] if thousands else []
        )
    return rng.choice(options)


def format_price(lang: str, cents: int, rng: random.Random) -> str:
    """A target unit price as a buyer writing in the language would put it (USD, or won)."""
    usd = cents / 100
    options: list[str]
    if lang == "ko":
        won = round(usd * 1350, -1)
        options = [f"개당 ${usd:.2f}", f"개당 {won:,.0f}원"]
    elif lang == "ja":
        options = [f"1個あたり{usd:.2f}ドル", f"単価${usd:.2f}"]
    elif lang in {"es", "pt"}:
        options = [
            f"{_decimal(usd, True)} USD por unidad"
            if lang == "es"
            else f"US$ {_decimal(usd, True)} por unidade",
            f"US$ {_decimal(usd, True)}",
        ]
    elif lang == "fr":
        options = [f"{_decimal(usd, True)} USD/pièce", f"{_decimal(usd * 0.92, True)} € l'unité"]
    elif lang == "de":
        options = [
            f"{_decimal(usd, True)} USD pro Stück",
            f"{_decimal(usd * 0.92, True)} € pro Stück",
        ]
    elif lang == "ru":
        options = [f"${usd:.2f} за шт", f"{_decimal(usd, True)} USD/шт"]
    elif lang == "vi":
        options = [f"{_decimal(usd, True)} USD/sp", f"${usd:.2f}/hộp"]
    elif lang == "ar":
        options = [f"{usd:.2f} دولار للقطعة", f"${usd:.2f} للقطعة"]
    elif lang == "hu":
        options = [f"{_decimal(usd, True)} USD/db", f"{_decimal(usd * 0.92, True)} EUR/db"]
    elif lang == "tr":
        options = [f"adet başı {usd:.2f} USD", f"{_decimal(usd, True)} $/adet"]
    elif lang == "id":
        options = [f"${usd:.2f}/pcs", f"USD {_decimal(usd, True)} per pcs"]
    else:
        options = [
            f"${usd:.2f}/pc",
            f"USD {usd:.2f} per piece",
            f"{usd:.2f} USD/pcs",
            f"US${usd:.2f} each",
        ]
    return rng.choice(options)


@lru_cache(maxsize=1024)
def country_name(lang: str, code: str) -> str:
    """The country's name in the language (falls back to English, then to the code)."""
    for locale in (lang, "en"):
        name = Locale.parse(locale).territories.get(code)
        if name:
            return str(name)
    return code
