"""Low-intent filter: every kind is caught and explained; real buyers are not."""

from __future__ import annotations

import pytest

from exportdesk.assistant.lowintent import score_low_intent


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("We can increase your sales with our SEO services!", "service_pitch"),
        ("We are a freight forwarder with the best freight rates from Korea.", "service_pitch"),
        ("I am looking for a job, attached my CV.", "job_seeker"),
        ("Your account will be suspended. Click here to verify your account.", "scam"),
        ("Make money fast at our casino www.win.biz", "spam"),
        ("Hello dear", "empty_greeting"),
        ("안녕하세요", "empty_greeting"),
        # greetings in more languages, and in scripts written without spaces
        ("안녕하세요~ 좋은 아침입니다", "empty_greeting"),
        ("สวัสดีครับ", "empty_greeting"),
        ("早上好", "empty_greeting"),
        ("Boa tarde", "empty_greeting"),
        ("Merhaba, iyi günler", "empty_greeting"),
        ("Доброе утро!", "empty_greeting"),
        # pitches, scams, spam and job seekers in more languages and wordings
        ("Freight forwarder here: best rates in the market. Contact us today!", "service_pitch"),
        ("We design modern Shopify websites for beauty brands.", "service_pitch"),
        ("Ofrecemos diseño web y marketing digital. ¡Duplique sus ventas!", "service_pitch"),
        ("我们是外贸推广公司，帮您提升询盘量，谷歌排名首页。", "service_pitch"),
        ("Your payment is on hold. Confirm your banking credentials.", "scam"),
        ("Ihr Paket konnte nicht zugestellt werden. Zahlen Sie unter folgendem Link.", "scam"),
        ("Selamat! Anda memenangkan hadiah. Klik link ini.", "scam"),
        ("Cheap replica watches and handbags, free shipping", "spam"),
        ("ПРОДАМ БАЗЫ EMAIL ДЛЯ РАССЫЛКИ", "spam"),
        ("副業で月収100万円！簡単に稼げます", "spam"),
        ("Mua bán tài khoản Facebook giá rẻ", "spam"),
        ("Je recherche un stage, seriez-vous intéressés par un stagiaire ?", "job_seeker"),
        ("您好，我是应届毕业生，想应聘贵公司的业务员", "job_seeker"),
        ("Are you hiring?", "job_seeker"),
        ("Estoy buscando trabajo", "job_seeker"),
        ("Ich suche eine Stelle im Vertrieb", "job_seeker"),
        ("I can help you get more sales on Amazon", "service_pitch"),
        ("Мы предлагаем услуги по продвижению вашего магазина", "service_pitch"),
        ("Dear winner, claim now", "scam"),
        ("Earn 500 USD daily from home", "spam"),
        ("Hello! Nice to meet you", "empty_greeting"),
        ("السلام عليكم ورحمة الله", "empty_greeting"),
        ("नमस्ते जी", "empty_greeting"),
        ("Dear Sir/Madam, Good day! I hope this message finds you well.", "empty_greeting"),
        (
            "Congratulations! Your Alibaba account has been selected for a verification bonus.",
            "scam",
        ),
        ("Gagnez 10 000 € par mois depuis chez vous ! Cliquez ici", "spam"),
        ("Tuyển cộng tác viên bán hàng online, thu nhập 10-15 triệu/tháng, không cần vốn", "spam"),
        ("Olá, sou maquiadora e estou procurando emprego. Vocês estão contratando?", "job_seeker"),
        ("Предлагаем услуги таможенного брокера и карго из Кореи в Россию", "service_pitch"),
        ("Your package is held at customs. Pay the customs fee of $2.99 here", "scam"),
        ("Please download the file to confirm: PO_details.zip (password 1234)", "scam"),
        ("Заработок от 5000$ в неделю без вложений!", "spam"),
        ("We are an influencer agency, we can promote your brand to Gen Z.", "service_pitch"),
        ("Need a quick business loan? Get up to $50,000 approved, no credit check.", "spam"),
        ("Your supplier account has been flagged and will be suspended within 24 hours.", "scam"),
        ("Hi, I'm looking for a part-time job in export sales.", "job_seeker"),
    ],
)
def test_each_kind_of_low_intent_message_is_flagged_with_its_reason(text, kind):
    verdict = score_low_intent(text)
    assert verdict.is_low
    assert kind in verdict.kinds
    assert verdict.reasons


@pytest.mark.parametrize(
    "text",
    [
        "Hello, what is your MOQ for the sheet masks?",
        "Please see our website www.shop.hu and send a quotation for 500 pcs.",
        "สวัสดีครับ ขอราคา 500 ชิ้น",
        "Boa tarde, preciso de 2.000 peças",
        "Please send your bank details so we can pay the deposit",
    ],
)
def test_a_real_buyer_is_not_flagged(text):
    assert not score_low_intent(text, has_buying_signal=True).is_low


def test_the_score_is_between_zero_and_one():
    verdict = score_low_intent("SEO casino bitcoin job resume click here " * 20)
    assert 0.0 <= verdict.score <= 1.0
