"""Low-intent filter: spam, scams, service pitches, job seekers and empty greetings.

These messages reach every seller on Alibaba.com and by email; they will never buy, and a rep who
answers them loses the minutes a real buyer needed. Each signal below carries a weight and a
reason; the score combines the weights like independent evidence (1 - prod(1 - w)), so one
strong signal or several weak ones cross the threshold, and the reasons say which fired.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

LOW_INTENT_THRESHOLD = 0.5

# (kind, weight, pattern). Weights: how sure one hit makes us that the sender will not buy.
_SIGNALS: tuple[tuple[str, float, re.Pattern[str]], ...] = tuple(
    (kind, weight, re.compile(pattern, re.IGNORECASE))
    for kind, weight, pattern in (
        ("service_pitch", 0.75,
         r"(?<![a-z])seo(?![a-z])|search engine|first page of google|google ranking|"
         r"rank(?:ing)? (?:higher|on)|"
         r"backlinks?|web(?:site)? (?:design|development|redesign)|digital marketing|"
         r"social media (?:marketing|management)|marketing agency|lead generation|"
         r"increase (?:your|the) (?:sales|traffic|revenue)|boost your (?:sales|store|listing)|"
         r"grow your (?:business|sales|brand)|more customers for you|"
         r"we (?:can|will) help you (?:sell|grow|increase|get)|our (?:seo|marketing) services|"
         r"amazon (?:listing|account) (?:optimi[sz]ation|management|services)|"
         r"продвижени\w* (?:сайта|бизнеса)|увелич\w* (?:ваши |ваших )?продаж|"
         r"aumentar sus ventas|aumentar (?:tus|suas) vendas|posicionamiento web|"
         r"매출(?:을)? (?:올려|증대)|마케팅 대행|상위 노출|tăng doanh số|"
         r"növelj\w* (?:az )?eladás|satışlarınızı artır|زيادة مبيعاتك|تحسين محركات البحث|"
         # agencies that build sites and shops, in more languages
         r"we (?:design|build|create|develop) (?:\w+ ){0,3}(?:websites?|web ?shops|"
         r"online stores|shopify stores|apps)|(?:shopify|wordpress) (?:websites?|stores?) for|"
         r"diseño (?:web|de páginas)|marketing digital|servicios de (?:diseño|marketing|seo)|"
         r"(?:aument|duplic|multiplic|triplic)\w* (?:sus|tus|suas) (?:ventas|vendas)|"
         r"création de sites?|augmente[rz] vos ventes|webdesign-agentur|ihren umsatz steigern|"
         r"criação de sites|aumentare le (?:tue|vostre) vendite|"
         r"外贸推广|推广公司|推广服务|询盘量|提升询盘|谷歌排名|谷歌首页|网站建设|建站服务|"
         r"seo优化|seo対策|集客|ホームページ制作|tăng tương tác|jasa (?:seo|pembuatan website)|"
         r"(?:i|we) can help you (?:get|make|boost|double) more (?:sales|orders|customers)|"
         r"do you need a (?:new )?(?:website|logo|web ?shop|app)|product photography|"
         r"(?:marketing|seo|design|photography|video) (?:agency|services) for|"
         r"r[ée]f[ée]rencement|услуг\w* по продвижению|продвижени\w* (?:вашего|магазин)|"
         r"خدمات التسويق|dịch vụ (?:seo|marketing|quảng cáo)"),
        ("service_pitch", 0.7,
         r"(?:we are|i am|i'm) (?:a |an )?(?:freight forwarder|logistics (?:company|agent|"
         r"provider)|shipping agent|forwarding agent|sourcing agent)|"
         r"(?:freight )?forwarder here|(?:logistics|shipping) company here|"
         r"best (?:freight |shipping )?rates in the market|"
         r"our (?:logistics|freight|shipping) (?:services?|rates)|"
         r"(?:best|cheap(?:est)?|competitive) (?:freight|shipping) rates? (?:from|to)|"
         r"door[- ]to[- ]door (?:service|logistics) from korea|"
         r"we (?:offer|provide) (?:freight|shipping|logistics|warehousing|fulfil?lment)|"
         r"экспедитор|логистическ\w+ компани|agente de carga|transitario|"
         r"물류 대행|포워딩 업체|công ty logistics|nakliye firmas|"
         r"предлагаем (?:услуги|доставку)|таможенн\w* брокер|карго из (?:кореи|китая)|"
         r"ofrecemos (?:servicios|nuestros servicios)|oferecemos (?:servi[cç]os|os nossos)|"
         r"nous proposons (?:nos |des )?services|we offer (?:our )?(?:services|solutions)|"
         r"dịch vụ vận chuyển|hizmeti sunuyoruz|hizmetlerimiz|"
         r"매출 ?\d+ ?배|상위 ?노출|바이어 ?db|마케팅 전문|무료 상담|"
         r"logistikl[öo]sungen|wir bieten (?:professionelle |Ihnen )?(?:logistik|fulfillment|"
         r"marketing|seo|zollabfertigung)|agencj\w* marketingow|zwi[eę]kszymy (?:twoj|wasz)\w* "
         r"sprzeda|شركة شحن|أفضل أسعار الشحن|نقدم خدمات|代运营|提升销量|推广服务|"
         r"chúng tôi (?:cung cấp|nhận) dịch vụ|kami (?:menyediakan|menawarkan) jasa|"
         r"influencer (?:agency|marketing)|promote your (?:brand|products?|store)|"
         r"(?:we )?(?:can )?build (?:a |your )?(?:shopify )?(?:store|website|web ?shop|app)|"
         r"mobile app for your|пропонуємо послуги|syarikat logistik|tawarkan penghantaran|"
         r"influenciador\w*|divulgar (?:seus|sus|vos) produtos|em troca de permuta|"
         r"logistikunternehmen|bieten (?:\w+ )?(?:seefracht|luftfracht|logistik)|"
         r"unverbindliches angebot f[uü]r ihre|"
         r"we are a (?:freight|logistics|shipping) (?:company|agent)"),
        ("job_seeker", 0.8,
         r"looking for (?:a )?(?:job|work|position|internship)|my (?:cv|resume|résumé)|"
         r"attached (?:my|is my) (?:cv|resume)|job (?:opening|vacanc|opportunit)|"
         r"vacanc(?:y|ies)|hire me|internship|apply for (?:a|the) (?:job|position)|"
         r"(?:work|job) as (?:a|an|your) |"
         r"ищу работу|резюме|вакансi?и|busco (?:trabajo|empleo)|mi curr[ií]culum|"
         r"procuro emprego|meu curr[ií]culo|구직|이력서|채용|tìm việc|xin việc|"
         r"állást keresek|önéletrajz|iş arıyorum|özgeçmiş|أبحث عن عمل|سيرتي الذاتية|"
         r"mencari pekerjaan|lamaran kerja|lowongan|"
         r"recherche (?:un |une )?(?:stage|emploi|alternance)|stagiaire|candidature|"
         r"bewerbung|praktikum|lebenslauf|pasant[ií]a|pr[aá]cticas profesionales|"
         r"est[aá]gio|vaga de emprego|tirocinio|curriculum vitae|staj|i[sş] ba[sş]vurusu|"
         r"ứng tuyển|thực tập|стажировк|인턴|지원하고 싶|"
         r"应聘|求职|招人|招聘|简历|应届毕业生|实习|応募|求人|履歴書|アルバイト|"
         r"สมัครงาน|وظيفة شاغرة|أبحث عن وظيفة|أبحث عن عمل|"
         r"are you hiring|(?:want|like|love) to work (?:in|for|with|at) your company|"
         r"buscando (?:trabajo|empleo)|procuro (?:trabalho|emprego)|cerco (?:lavoro|impiego)|"
         r"ich suche (?:eine )?(?:stelle|arbeit|job)|szukam pracy|mencari kerja|"
         r"je cherche (?:un )?(?:emploi|travail|stage)|ищу (?:работу|вакансию)|"
         r"iş arıyorum|xin việc làm|일자리를 찾|仕事を探して|找工作|"
         r"procurando (?:emprego|trabalho)|est[aã]o contratando|est[aá]n contratando|"
         r"vous recrutez|assumete|zatrudniacie|işçi alıyor|नौकरी चाहिए|बायोडाटा|"
         r"नौकरी की तलाश|part[- ]time job|full[- ]time (?:job|position)|"
         r"looking for (?:a )?(?:part|full)[- ]time"),
        ("scam", 0.85,
         r"verify your (?:account|store|payment)|account (?:will be|has been) (?:suspended|"
         r"closed|locked)|click (?:here|the link|this link) to|login (?:here|to confirm)|"
         r"confirm your (?:password|login|identity)|gift cards?|inheritance|lottery|"
         r"you (?:have )?won|claim your (?:prize|funds|payment)|release (?:the|your) funds|"
         r"beneficiary|bitcoin|crypto(?:currency)?|usdt (?:investment|profit)|"
         r"investment (?:opportunity|plan)|guaranteed (?:profit|returns)|"
         r"send (?:the )?(?:money|payment) (?:first|via western union)|"
         r"pay (?:a |the )?(?:small )?(?:registration|clearance|release|activation) fee|"
         r"selected for a free (?:listing|membership|trial)|पार्सल|शुल्क भरें|"
         r"(?:has been )?flagged and will be|will be suspended|verify your details|"
         r"log ?in with your email to (?:view|download|see)|"
         r"alibaba (?:security|verification|compliance) (?:team|department|center)|"
         r"ваш аккаунт (?:будет )?заблокирован|криптовалют|подтвердите (?:ваш )?аккаунт|"
         r"계정(?:이)? (?:정지|차단)|비트코인|당첨|"
         r"su cuenta (?:será|ha sido) (?:suspendida|bloqueada)|ganado un premio|"
         r"tài khoản (?:của bạn )?(?:sẽ )?bị khóa|حسابك سيتم|ربحت|"
         r"(?:payment|account|funds|transfer) (?:is|are|has been|was) (?:on hold|frozen)|"
         r"(?:banking|bank|login) credentials|invoice\.html?|\.html? attachment|"
         r"(?:parcel|package) (?:could not|couldn't|cannot) be delivered|redelivery fee|"
         r"paket konnte nicht zugestellt|unter folgendem link|votre colis|vous avez gagn[ée]|"
         r"su paquete|ha ganado|voc[eê] ganhou|вы выиграли|ваша посылка|"
         r"anda memenangkan|memenangkan hadiah|klaim hadiah|trúng thưởng|当選|中奖|"
         r"您的包裹|お荷物のお届け|dear winner|account (?:has been|is) (?:limited|restricted)|"
         r"(?:package|parcel) is (?:waiting|on hold)|pay the (?:customs|delivery|redelivery) "
         r"fee (?:here|via|at|online)|"
         r"(?:account|store) has been selected for|verification bonus|"
         r"confirm your bank (?:login|details|account)|"
         r"selected (?:for|to receive) (?:a |an )?(?:bonus|reward|prize|gift)|"
         r"(?:customs )?clearance fee|pay (?:via|through|using) this link|"
         r"release the (?:goods|cargo|parcel|funds)|su pago (?:está|ha sido) retenido|"
         r"descargue el (?:documento|archivo)|"
         r"confirm(?:ar)? su cuenta|votre paiement est (?:bloqué|suspendu)|"
         r"ihre zahlung (?:wurde|ist) (?:gesperrt|blockiert)|ваш платеж заблокирован|"
         r"(?:package|parcel|shipment) is held|held at customs|download the (?:file|attachment|"
         r"document)s? to (?:confirm|view|see)|\.zip\b|password:? \d+|\[국제발신\]|"
         r"계정이 \S* ?(?:정지|차단|잠금)|본인 ?확인:|アカウント(?:は|が)\S*停止|情報を更新して|"
         r"tài khoản \S* ?bị khóa|вашу учетную запись|"
         r"akun anda (?:telah )?(?:diblokir|ditangguhkan)"),
        ("spam", 0.8,
         r"casino|(?<![a-z])betting(?![a-z])|porn|xxx|viagra|cialis|dating|hot (?:girls|singles)|"
         r"weight loss pills|make money (?:fast|online|from home)|earn \$?\d+ (?:per|a) day|"
         r"work from home|unsubscribe|cheap (?:followers|likes)|buy followers|"
         r"заработ\w* (?:в интернете|онлайн)|казино|ставки на спорт|돈 버는|카지노|"
         r"ganar dinero|kiếm tiền online|"
         r"earn (?:\$|usd ?|us\$)?\d+ ?(?:usd|dollars|\$)? ?(?:daily|weekly|per (?:day|week)|"
         r"a (?:day|week))|"
         r"replica (?:watch|handbag|bag|shoe|designer|rolex)\w*|cheap replica|"
         r"(?:buy|sell|selling) (?:aged |verified )?(?:facebook|instagram|tiktok|gmail|"
         r"zalo) accounts|accounts for sale|email (?:list|database|leads) for sale|"
         r"mua bán tài khoản|bán tài khoản|продам баз|баз[аыу] (?:email|e-mail|емейл|"
         r"клиентов|данных)|для рассылки|副業|月収|稼げ|在宅ワーク|兼职|日赚|刷单|"
         # easy money and side-job adverts in more languages
         r"gagnez \d|depuis chez vous|cliquez ici|ganhe (?:r\$ ?)?\d|gane \d|"
         r"verdienen sie \d|zarabiaj|tuyển cộng tác viên|không cần vốn|thu nhập \d+|"
         r"penghasilan (?:jutaan|\d)|kerja dari rumah|evden (?:çalış|para kazan)|"
         r"make \$?\d+ (?:a|per) (?:day|week)|working from home|no experience needed|"
         r"재택 ?부업|부업|수익 보장|"
         r"заработ\w* от \d|без вложений|vay tiền|giải ngân|cho vay|pinjaman (?:cepat|online)|"
         r"贷款|借钱|대출|business loan|no credit check|quick loan|empréstimo rápido|"
         r"préstamo rápido"),
        ("spam", 0.35, r"https?://\S+|www\.\S+|bit\.ly|t\.me/|wa\.me/"),
    )
)  # fmt: skip

# Words that make up an empty greeting (with punctuation and emoji, nothing else).
_GREETING_WORDS = {
    "hi", "hello", "hey", "dear", "sir", "madam", "friend", "good", "morning", "afternoon",
    "evening", "day", "there", "are", "you", "how", "is", "it", "going", "ok", "okay", "thanks",
    "thank", "yes", "available", "anyone", "here", "please", "reply", "hola", "buenos", "buenas",
    "dias", "días", "tardes", "olá", "ola", "oi", "bom", "dia", "bonjour", "salut", "hallo",
    "guten", "tag", "привет", "здравствуйте", "добрый", "день", "вечер", "안녕하세요", "안녕",
    "네", "여보세요", "xin", "chào", "chao", "bạn", "ơi", "مرحبا", "السلام", "عليكم", "اهلا",
    "أهلا", "szia", "helló", "jó", "napot", "üdv", "merhaba", "selam", "halo", "hai", "selamat",
    "pagi", "siang", "ciao", "buongiorno", "cześć", "dzień", "dobry", "goedendag",
    "こんにちは", "你好", "您好", "在吗", "สวัสดี", "ครับ", "ค่ะ", "नमस्ते", "ji", "assalamualaikum",
    "salam", "mr", "ms", "seller", "supplier", "team", "greetings", "regards", "best", "wish",
    "buen", "the", "a", "to", "my", "i", "am", "m", "me", "we", "talk", "can", "chat",
    # more languages
    "boa", "tarde", "noite", "noches", "qué", "tal", "saludos", "iyi", "günler", "akşamlar",
    "sabahlar", "günaydın", "kolay", "gelsin", "bonsoir", "madame", "monsieur", "morgen",
    "abend", "buonasera", "salve", "goedemorgen", "goedemiddag", "hoi", "reggelt", "estét",
    "kívánok", "доброе", "утро", "приветствую", "здравствуй", "buổi", "sáng", "anh", "chị",
    "em", "shop", "kak", "sore", "malam", "gan", "صباح", "مساء", "الخير", "النور",
    "좋은", "아침", "아침입니다", "오후", "저녁", "반갑습니다", "감사합니다", "수고하세요",
    "안녕하십니까", "하루", "되세요", "早上好", "下午好", "晚上好", "大家好", "おはようございます",
    "こんばんは", "はじめまして", "よろしくお願いします", "คะ", "นะ", "ครับผม",
    "สวัสดีค่ะ", "dobrý", "den", "dobro", "jutro", "hyvää", "päivää", "nice", "meet",
    "meeting", "doing", "today", "this", "glad", "selamlar", "ورحمة", "الله", "وبركاته",
    "كيف", "حالك", "जी", "สบายดี", "ไหม", "สบายดีไหม", "tudo", "bem", "bien", "va",
    "wie", "geht", "es", "ihnen", "как", "дела", "sirs", "what", "s", "up", "whats",
    "hope", "message", "finds", "well", "all", "fine", "your", "family", "trust", "greet",
    "привіт", "вітаю", "ott", "vagy", "itt", "alo", "permisi", "sziasztok", "sziasztok!",
}  # fmt: skip
# Scripts written without spaces (Thai, Chinese, Japanese): a greeting is one run of letters
# ("สวัสดีครับ"), so a run is an empty greeting when greeting words cover it end to end.
_SPACELESS_GREETINGS = sorted(
    (w for w in _GREETING_WORDS if w and ord(w[0]) >= 0x0E00 and not 0xAC00 <= ord(w[0]) <= 0xD7AF),
    key=len,
    reverse=True,
)
# Letters plus the combining vowel and tone marks of Thai and Devanagari (not "\w" in Python).
_MARKS = "\u0e31\u0e34-\u0e3a\u0e47-\u0e4e\u0900-\u0903\u093a-\u094f\u0962\u0963"
_TOKEN = re.compile(rf"(?:[^\W\d_]|[{_MARKS}])+|\d+", re.UNICODE)


@dataclass(frozen=True)
class LowIntent:
    """Score in [0, 1], the verdict at ``LOW_INTENT_THRESHOLD``, and why."""

    score: float
    is_low: bool
    reasons: tuple[str, ...]
    kinds: tuple[str, ...]


def is_empty_greeting(text: str) -> bool:
    """True when the message says hello (or nothing) and asks for nothing."""
    tokens = [t.lower() for t in _TOKEN.findall(text)]
    return all(t in _GREETING_WORDS or _is_spaceless_greeting(t) for t in tokens)


def _is_spaceless_greeting(token: str) -> bool:
    if not token or ord(token[0]) < 0x0E00 or len(token) > 40:
        return False
    covered = [True] + [False] * len(token)  # covered[i]: token[:i] is greeting words
    for i in range(len(token)):
        if covered[i]:
            for word in _SPACELESS_GREETINGS:
                if token.startswith(word, i):
                    covered[i + len(word)] = True
    return covered[-1]


def score_low_intent(text: str, *, has_buying_signal: bool = False) -> LowIntent:
    """Score how unlikely the sender is to buy.

    ``has_buying_signal`` (an intent, a quantity or a target price was found) damps the score:
    a real buyer who pastes a link or says "hello" first is still a buyer. It does not damp a
    strong signal (weight >= 0.7: scams, pitches, job seekers, outright spam), which often
    imitate buyers ("we want to increase your sales", "earn $500 a day").
    """
    reasons: list[str] = []
    kinds: list[str] = []
    remaining = 1.0
    strong = False
    for kind, weight, pattern in _SIGNALS:
        match = pattern.search(text)
        if match:
            remaining *= 1 - weight
            strong = strong or weight >= 0.7
            reasons.append(f"{kind.replace('_', ' ')}: “{match.group(0)[:40]}”")
            kinds.append(kind)
    if is_empty_greeting(text):
        remaining *= 1 - 0.8
        reasons.append("empty greeting: no question or request")
        kinds.append("empty_greeting")
    score = 1 - remaining
    if has_buying_signal and not strong:
        score *= 0.4
    if not reasons and not has_buying_signal:
        # nothing bad, but nothing asked either: mildly suspicious, well below the threshold
        score = 0.2
        reasons.append("no recognisable request")
    score = round(min(1.0, max(0.0, score)), 2)
    return LowIntent(
        score, score >= LOW_INTENT_THRESHOLD, tuple(reasons), tuple(dict.fromkeys(kinds))
    )
