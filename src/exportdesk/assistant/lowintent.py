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
         r"növelj\w* (?:az )?eladás|satışlarınızı artır|زيادة مبيعاتك|تحسين محركات البحث"),
        ("service_pitch", 0.7,
         r"(?:we are|i am|i'm) (?:a |an )?(?:freight forwarder|logistics (?:company|agent|"
         r"provider)|shipping agent|forwarding agent|sourcing agent)|"
         r"our (?:logistics|freight|shipping) (?:services?|rates)|"
         r"(?:best|cheap(?:est)?|competitive) (?:freight|shipping) rates? (?:from|to)|"
         r"door[- ]to[- ]door (?:service|logistics) from korea|"
         r"we (?:offer|provide) (?:freight|shipping|logistics|warehousing|fulfil?lment)|"
         r"экспедитор|логистическ\w+ компани|agente de carga|transitario|"
         r"물류 대행|포워딩 업체|công ty logistics|nakliye firmas"),
        ("job_seeker", 0.8,
         r"looking for (?:a )?(?:job|work|position|internship)|my (?:cv|resume|résumé)|"
         r"attached (?:my|is my) (?:cv|resume)|job (?:opening|vacanc|opportunit)|"
         r"vacanc(?:y|ies)|hire me|internship|apply for (?:a|the) (?:job|position)|"
         r"(?:work|job) as (?:a|an|your) |"
         r"ищу работу|резюме|вакансi?и|busco (?:trabajo|empleo)|mi curr[ií]culum|"
         r"procuro emprego|meu curr[ií]culo|구직|이력서|채용|tìm việc|xin việc|"
         r"állást keresek|önéletrajz|iş arıyorum|özgeçmiş|أبحث عن عمل|سيرتي الذاتية|"
         r"mencari pekerjaan|lamaran kerja"),
        ("scam", 0.85,
         r"verify your (?:account|store|payment)|account (?:will be|has been) (?:suspended|"
         r"closed|locked)|click (?:here|the link|this link) to|login (?:here|to confirm)|"
         r"confirm your (?:password|login|identity)|gift cards?|inheritance|lottery|"
         r"you (?:have )?won|claim your (?:prize|funds|payment)|release (?:the|your) funds|"
         r"beneficiary|bitcoin|crypto(?:currency)?|usdt (?:investment|profit)|"
         r"investment (?:opportunity|plan)|guaranteed (?:profit|returns)|"
         r"send (?:the )?(?:money|payment) (?:first|via western union)|"
         r"pay (?:a )?(?:small )?(?:registration|clearance|release) fee|"
         r"alibaba (?:security|verification|compliance) (?:team|department|center)|"
         r"ваш аккаунт (?:будет )?заблокирован|криптовалют|подтвердите (?:ваш )?аккаунт|"
         r"계정(?:이)? (?:정지|차단)|비트코인|당첨|"
         r"su cuenta (?:será|ha sido) (?:suspendida|bloqueada)|ganado un premio|"
         r"tài khoản (?:của bạn )?(?:sẽ )?bị khóa|حسابك سيتم|ربحت"),
        ("spam", 0.8,
         r"casino|(?<![a-z])betting(?![a-z])|porn|xxx|viagra|cialis|dating|hot (?:girls|singles)|"
         r"weight loss pills|make money (?:fast|online|from home)|earn \$?\d+ (?:per|a) day|"
         r"work from home|unsubscribe|cheap (?:followers|likes)|buy followers|"
         r"заработ\w* (?:в интернете|онлайн)|казино|ставки на спорт|돈 버는|카지노|"
         r"ganar dinero|kiếm tiền online"),
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
}  # fmt: skip
_TOKEN = re.compile(r"[^\W\d_]+|\d+", re.UNICODE)


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
    return all(t in _GREETING_WORDS for t in tokens)


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
