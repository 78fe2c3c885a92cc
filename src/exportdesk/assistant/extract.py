"""Pull the facts a seller needs out of a buyer message: quantity, target price, market, terms.

Everything here is a pure function over text returning small dataclasses (or ``None`` when the
message does not say). The rules are deliberately lexical: buyers write numbers, currency signs,
incoterms and certification acronyms the same way in every language, and a wrong guess costs
more than a missing one (a rep fills a blank; a wrong quantity misprices a quote).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

# ---------------------------------------------------------------------------------------------
# Numbers
# ---------------------------------------------------------------------------------------------

# A number as buyers write it: 5000, 5,000, 5.000, 10 000, 1.5, 1,2 (decimal comma).
_NUMBER = r"\d{1,3}(?:[ .,\u00a0\u202f]\d{3})+(?:[.,]\d+)?|\d+(?:[.,]\d+)?"


def parse_number(raw: str) -> float:
    """Read "5,000", "5.000", "10 000", "1,2" or "1.5" the way the writer meant it.

    A separator followed by exactly three digits groups thousands; any other separator is the
    decimal point. "1,500" is therefore 1500 and "1,50" is 1.5 - the usual reading in both
    English and continental writing.
    """
    text = raw.replace("\u00a0", " ").replace("\u202f", " ").strip()
    separators = re.findall(r"[ .,]", text)
    if not separators:
        return float(text)
    groups = re.split(r"[ .,]", text)
    if len(set(separators)) == 1:
        grouped = all(len(g) == 3 for g in groups[1:]) and groups[0] not in ("", "0")
        if grouped or separators[0] == " ":
            return float("".join(groups))
        return float(f"{''.join(groups[:-1])}.{groups[-1]}")
    # mixed marks: the last one is the decimal point, the others group thousands
    return float(f"{''.join(groups[:-1])}.{groups[-1]}")


def _clean(value: float) -> float | int:
    return int(value) if float(value).is_integer() else round(value, 4)


# ---------------------------------------------------------------------------------------------
# Quantity
# ---------------------------------------------------------------------------------------------

# Words for a counted unit, per normalised unit. Counted units beat measures ("5000 pcs of 50 ml
# toner" orders pieces; the ml is the product size).
_COUNT_UNITS: dict[str, tuple[str, ...]] = {
    "pcs": (
        "pcs", "pc", "pieces", "piece", "pzs", "piezas", "pieza", "peças", "peça", "pçs",
        "pièces", "pièce", "stück", "stk", "szt", "sztuk", "sztuki", "шт", "штук", "штуки",
        "db", "darab", "adet", "cái", "chiếc", "buah", "pz", "pezzi", "stuks", "개", "个",
        "個", "件", "قطعة", "حبة", "ชิ้น", "टुकड़े", "sản phẩm", "biji",
    ),
    "units": ("units", "unit", "unidades", "unidad", "unidade", "unités", "unité", "einheiten",
              "единиц", "egység", "birim"),
    "boxes": ("boxes", "box", "cajas", "caja", "caixas", "caixa", "boîtes", "коробок",
              "коробки", "doboz", "kutu", "hộp", "kotak", "박스", "상자", "箱", "علبة"),
    "cartons": ("cartons", "carton", "ctns", "ctn", "cartones", "caixas de papelão",
                "cartons", "kartons", "karton", "коробов", "thùng", "카톤", "koli"),
    "bottles": ("bottles", "bottle", "botellas", "frascos", "flacons", "бутылок", "флаконов",
                "üveg", "şişe", "chai", "botol", "병"),
    "sets": ("sets", "set", "juegos", "kits", "наборов", "bộ", "세트"),
}  # fmt: skip
_MEASURE_UNITS: dict[str, tuple[str, ...]] = {
    "kg": ("kg", "kgs", "kilograms", "kilos", "кг", "킬로"),
    "tons": ("tons", "tonnes", "ton", "mt", "тонн", "톤"),
    "ml": ("ml", "мл"),
    "liters": ("liters", "litres", "l", "литров", "리터"),
}  # fmt: skip
_UNIT_OF: dict[str, str] = {
    word: unit for table in (_COUNT_UNITS, _MEASURE_UNITS) for unit, words in table.items()
    for word in words
}  # fmt: skip
_UNIT_WORDS = sorted(_UNIT_OF, key=len, reverse=True)
_UNIT_ALT = "|".join(re.escape(w) for w in _UNIT_WORDS)
_SCALE = r"(?P<scale>k|K|thousand|mil|mille|тыс\.?|тысяч|ngàn|nghìn|ribu|ezer|bin)?"
_QUANTITY = re.compile(
    rf"(?<![0-9A-Za-z_$€£₩¥.,/])(?P<num>{_NUMBER})\s?{_SCALE}\s?(?:x\s?)?(?P<unit>{_UNIT_ALT})"
    r"(?![a-zA-Z\u00c0-\u024f\u0400-\u04ff])",
    re.IGNORECASE,
)
# Korean counts with myriads: 1만개, 3천개, 2만 5천개, 500개.
_KOREAN_QUANTITY = re.compile(
    r"(?:(?P<man>\d+(?:\.\d+)?)\s?만)?\s?(?:(?P<cheon>\d+)\s?천)?\s?(?P<rest>\d+)?\s?"
    r"(?P<unit>개|박스|세트|병|상자|pcs)"
)
# A bare number after an order word is a quantity in pieces: "order 3000", "cantidad: 2000".
_BARE_QUANTITY = re.compile(
    rf"(?:quantity|qty|order(?:ing)? of|order|cantidad|quantidade|quantité|menge|количество|"
    rf"mennyiség|miktar|số lượng|jumlah|수량|数量)\s*(?:is|of|:|-|=|de|около)?\s*"
    rf"(?P<num>{_NUMBER})\s?{_SCALE}(?![\w%$€])",
    re.IGNORECASE,
)
_SCALE_FACTOR = {"k": 1000, "thousand": 1000, "mil": 1000, "mille": 1000, "тыс": 1000,
                 "тыс.": 1000, "тысяч": 1000, "ngàn": 1000, "nghìn": 1000, "ribu": 1000,
                 "ezer": 1000, "bin": 1000}  # fmt: skip


@dataclass(frozen=True)
class Quantity:
    """How much the buyer wants: a number and a normalised unit ("pcs", "boxes", "kg" ...)."""

    value: float | int
    unit: str

    def to_dict(self) -> dict[str, object]:
        return {"value": self.value, "unit": self.unit}


def _scaled(num: str, scale: str | None) -> float:
    value = parse_number(num)
    if scale:
        value *= _SCALE_FACTOR.get(scale.lower(), 1)
    return value


# Counts of broken or missing goods ("10 bottles were broken") are not the quantity ordered.
_DAMAGE_NEAR = re.compile(
    r"broken|damaged|missing|leak|defect|rot[oa]s|faltan|dañad|da[nñ]ific|quebrad|cass[ée]|"
    r"manquant|besch[aä]digt|fehl|поврежд|разбит|не хватает|brak|bị vỡ|vỡ|hỏng|thiếu|"
    r"s[eé]r[uü]lt|hi[aá]nyz|t[oö]r[oö]tt|hasarl|k[ıi]r[ıi]k|eksik|rusak|pecah|파손|깨진|누락|"
    r"تالف|مكسور|ناقص",
    re.IGNORECASE,
)


def _is_damage_count(text: str, start: int, end: int) -> bool:
    return bool(_DAMAGE_NEAR.search(text[max(0, start - 25) : end + 25]))


def extract_quantity(text: str) -> Quantity | None:
    """The quantity the buyer asks for, preferring counted units over sizes and weights."""
    counted: list[tuple[int, Quantity]] = []
    measured: list[tuple[int, Quantity]] = []
    for match in _QUANTITY.finditer(text):
        if _is_damage_count(text, match.start(), match.end()):
            continue
        unit = _UNIT_OF[match.group("unit").lower()]
        value = _scaled(match.group("num"), match.group("scale"))
        if value <= 0:
            continue
        quantity = Quantity(_clean(value), unit)
        (counted if unit in _COUNT_UNITS else measured).append((match.start(), quantity))
    for match in _KOREAN_QUANTITY.finditer(text):
        if not (match.group("man") or match.group("cheon") or match.group("rest")):
            continue
        value = (
            float(match.group("man") or 0) * 10_000
            + float(match.group("cheon") or 0) * 1_000
            + float(match.group("rest") or 0)
        )
        unit = _UNIT_OF.get(match.group("unit").lower(), "pcs")
        if value > 0:
            counted.append((match.start(), Quantity(_clean(value), unit)))
    if counted:
        return min(counted, key=lambda item: item[0])[1]
    bare = _BARE_QUANTITY.search(text)
    if bare:
        value = _scaled(bare.group("num"), bare.group("scale"))
        if value >= 10:  # "order 2" is more likely a reference than a quantity
            return Quantity(_clean(value), "pcs")
    # Sizes like "50ml" alone describe the product, not the order; keep only bulk measures.
    bulk = [q for _, q in measured if q.unit in ("kg", "tons", "liters") or q.value >= 1000]
    return bulk[0] if bulk else None


# ---------------------------------------------------------------------------------------------
# Target price
# ---------------------------------------------------------------------------------------------

_CURRENCY_SIGNS: dict[str, str] = {
    "us$": "USD", "$": "USD", "€": "EUR", "£": "GBP", "₩": "KRW", "¥": "JPY", "₽": "RUB",
    "₫": "VND", "₺": "TRY", "r$": "BRL", "₹": "INR", "zł": "PLN", "rm": "MYR", "rp": "IDR",
}  # fmt: skip
_CURRENCY_WORDS: dict[str, str] = {
    "usd": "USD", "eur": "EUR", "euro": "EUR", "euros": "EUR", "dollars": "USD",
    "dollar": "USD", "dólares": "USD", "dolares": "USD", "dólar": "USD", "dolar": "USD",
    "долларов": "USD", "доллара": "USD", "доллар": "USD", "долл": "USD", "евро": "EUR",
    "gbp": "GBP", "krw": "KRW", "won": "KRW", "원": "KRW", "jpy": "JPY", "yen": "JPY",
    "円": "JPY", "cny": "CNY", "rmb": "CNY", "yuan": "CNY", "元": "CNY", "rub": "RUB",
    "руб": "RUB", "рублей": "RUB", "vnd": "VND", "đồng": "VND", "đ": "VND", "try": "TRY",
    "tl": "TRY", "lira": "TRY", "huf": "HUF", "ft": "HUF", "forint": "HUF", "pln": "PLN",
    "brl": "BRL", "reais": "BRL", "mxn": "MXN", "idr": "IDR", "rupiah": "IDR", "myr": "MYR",
    "ringgit": "MYR", "inr": "INR", "aed": "AED", "dirham": "AED", "sar": "SAR",
    "riyal": "SAR", "ريال": "SAR", "درهم": "AED", "دولار": "USD", "thb": "THB",
    "baht": "THB", "บาท": "THB", "aud": "AUD", "cad": "CAD", "uah": "UAH", "грн": "UAH",
    "kzt": "KZT", "usdt": "USD", "달러": "USD",
}  # fmt: skip
_SIGN_ALT = "|".join(re.escape(s) for s in sorted(_CURRENCY_SIGNS, key=len, reverse=True))
_WORD_ALT = "|".join(re.escape(w) for w in sorted(_CURRENCY_WORDS, key=len, reverse=True))
# Words that mark "per one unit" after a price.
_PER_UNIT = {
    "pc": "pcs", "pcs": "pcs", "piece": "pcs", "each": "pcs", "ea": "pcs", "unit": "units",
    "item": "pcs", "pieza": "pcs", "unidad": "units", "peça": "pcs", "unidade": "units",
    "pièce": "pcs", "unité": "units", "stück": "pcs", "stk": "pcs", "шт": "pcs", "штуку": "pcs",
    "штука": "pcs", "единицу": "units", "db": "pcs", "darab": "pcs", "darabonként": "pcs",
    "adet": "pcs", "adeti": "pcs", "cái": "pcs", "chiếc": "pcs", "sản phẩm": "pcs",
    "buah": "pcs", "pcs.": "pcs", "개": "pcs", "개당": "pcs", "box": "boxes", "bottle": "bottles",
    "set": "sets", "kg": "kg", "carton": "cartons", "sztukę": "pcs", "szt": "pcs",
    "قطعة": "pcs", "حبة": "pcs", "ชิ้น": "pcs", "pz": "pcs", "pezzo": "pcs",
    "коробку": "boxes", "упаковку": "boxes", "caja": "boxes", "caixa": "boxes", "boîte": "boxes",
    "flacon": "bottles", "frasco": "bottles", "botella": "bottles", "botol": "bottles",
    "бутылку": "bottles", "флакон": "bottles", "karton": "cartons", "kutu": "boxes",
}  # fmt: skip
_PER_ALT = "|".join(re.escape(w) for w in sorted(_PER_UNIT, key=len, reverse=True))
_PER = re.compile(
    rf"^\s?(?:/|per|a|an|por|par|pro|за|每|la|le|the|each)\s?(?:1\s)?(?P<unit>{_PER_ALT})(?![^\W\d_])"
    rf"|^\s?(?P<each>each|cada|chacun|jeweils|за штуку|darabonként|adeti|mỗi cái|per piece|개당)",
    re.IGNORECASE,
)
_PER_BEFORE = re.compile(
    rf"(?:개당|단가|adet başı|birim fiyat\w*|unit price|price per (?:{_PER_ALT})|preço unitário|"
    rf"precio unitario|prix unitaire|цена за штуку|birim fiyat|"
    rf"đơn giá|harga satuan|egységár|stückpreis)\s*:?\s*$",
    re.IGNORECASE,
)
_PRICE_PATTERNS = (
    re.compile(rf"(?P<cur>{_SIGN_ALT})\s?(?P<num>{_NUMBER})", re.IGNORECASE),
    re.compile(rf"(?<![^\W\d_])(?P<cur>{_WORD_ALT})\s?(?P<num>{_NUMBER})", re.IGNORECASE),
    re.compile(
        rf"(?P<num>{_NUMBER})\s?(?P<cur>{_SIGN_ALT}|{_WORD_ALT})(?![^\W\d_])", re.IGNORECASE
    ),
)
_TARGET_WORDS = re.compile(
    r"target|budget|max(?:imum)?|no more than|around|about|(?<!y)our price|we can pay|offer|"
    r"objetivo|presupuesto|alvo|orçamento|cible|budget|zielpreis|целев|бюджет|célár|"
    r"hedef|giá mục tiêu|ngân sách|harga target|目标|希望|목표|예산|السعر المستهدف|ميزانية",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Price:
    """A price the buyer names: amount, ISO 4217 currency, and the unit it is per (or None)."""

    amount: float | int
    currency: str
    per: str | None

    def to_dict(self) -> dict[str, object]:
        return {"amount": self.amount, "currency": self.currency, "per": self.per}


def _currency_of(token: str) -> str | None:
    lowered = token.lower()
    return _CURRENCY_SIGNS.get(lowered) or _CURRENCY_WORDS.get(lowered)


def extract_target_price(text: str) -> Price | None:
    """The price the buyer targets; a price next to "target"/"budget" wins over the first one."""
    found: list[tuple[int, int, Price, bool]] = []
    taken: list[tuple[int, int]] = []
    for pattern in _PRICE_PATTERNS:
        for match in pattern.finditer(text):
            start, end = match.span()
            if any(s < end and start < e for s, e in taken):
                continue
            currency = _currency_of(match.group("cur"))
            if currency is None:
                continue
            try:
                amount = parse_number(match.group("num"))
            except ValueError:
                continue
            if amount <= 0:
                continue
            per_match = _PER.match(text[end : end + 24])
            per: str | None = None
            if per_match:
                per = _PER_UNIT.get((per_match.group("unit") or "").lower(), "pcs")
            elif _PER_BEFORE.search(text[max(0, start - 24) : start]):
                per = "pcs"
            window = text[max(0, start - 40) : start]
            found.append((start, end, Price(_clean(amount), currency, per),
                          bool(_TARGET_WORDS.search(window))))  # fmt: skip
            taken.append((start, end))
    if not found:
        return None
    found.sort(key=lambda item: item[0])
    targeted = [item for item in found if item[3]]
    return (targeted or found)[0][2]


# ---------------------------------------------------------------------------------------------
# Destination country
# ---------------------------------------------------------------------------------------------

# Names and demonyms pycountry does not know, in the languages buyers write in; cities that
# stand for a market. The seller's own country (KR) is left out: "Korean cosmetics" and "made in
# Korea" describe the goods, not the destination.
_EXTRA_COUNTRY_NAMES: dict[str, tuple[str, ...]] = {
    "HU": ("hungary", "magyarország", "magyarorszag", "hungarian", "magyar", "magyarországi",
           "hungría", "hungria", "hongrie", "ungarn", "венгрия", "венгрии", "헝가리", "macaristan",
           "hungaria", "budapest", "匈牙利", "ハンガリー", "węgry", "hungarije"),
    "VN": ("vietnam", "viet nam", "việt nam", "vietnamese", "hanoi", "hà nội", "ho chi minh",
           "hồ chí minh", "saigon", "sài gòn", "вьетнам", "베트남", "越南"),
    "RU": ("russia", "russian federation", "russian", "россия", "россии", "россию", "рф",
           "moscow", "москва", "москве", "москву", "러시아", "rusia", "rússia", "russie",
           "russland", "rusya"),
    "UA": ("ukraine", "ukrainian", "україна", "україни", "україну", "украину", "украина",
           "украины", "kyiv", "київ", "우크라이나"),
    "KZ": ("kazakhstan", "казахстан", "казахстана", "almaty", "алматы", "카자흐스탄"),
    "UZ": ("uzbekistan", "узбекистан", "tashkent", "ташкент"),
    "US": ("usa", "united states", "america", "american", "los angeles", "new york",
           "estados unidos", "eeuu", "états-unis", "сша", "미국", "amerika", "abd"),
    "GB": ("uk", "united kingdom", "britain", "british", "england", "london", "영국",
           "reino unido", "royaume-uni"),
    "AE": ("uae", "united arab emirates", "emirates", "dubai", "abu dhabi", "jebel ali",
           "sharjah", "الإمارات", "دبي", "두바이", "эмираты", "дубай"),
    "SA": ("saudi arabia", "saudi", "ksa", "riyadh", "jeddah", "السعودية", "الرياض", "جدة",
           "사우디"),
    "EG": ("egypt", "egyptian", "cairo", "مصر", "القاهرة"),
    "MA": ("morocco", "moroccan", "casablanca", "المغرب", "maroc"),
    "IQ": ("iraq", "العراق", "baghdad", "بغداد", "erbil"),
    "JO": ("الأردن", "amman", "عمان"),
    "KW": ("kuwait", "الكويت"),
    "QA": ("qatar", "قطر", "doha"),
    "ES": ("spain", "españa", "espanha", "espagne", "spanien", "испания", "스페인", "madrid",
           "barcelona", "mercado español", "spanish market"),
    "MX": ("mexico", "méxico", "mexican", "mexicano", "mexicana", "guadalajara", "monterrey",
           "멕시코"),
    "CO": ("colombia", "colombian", "colombiano", "bogotá", "bogota", "medellín"),
    "PE": ("peru", "perú", "lima"),
    "CL": ("chile", "chilean", "santiago de chile"),
    "AR": ("argentina", "buenos aires"),
    "BR": ("brazil", "brasil", "brazilian", "brasileiro", "brasileira", "são paulo", "sao paulo",
           "rio de janeiro", "브라질", "brésil"),
    "PT": ("portugal", "portuguese market", "lisboa", "lisbon", "porto"),
    "FR": ("france", "franciaország", "fransa", "french market", "paris", "marché français",
           "프랑스", "francia", "frankreich", "франция"),
    "BE": ("belgium", "belgique", "belgië", "brussels", "bruxelles"),
    "DE": ("germany", "németország", "almanya", "german market", "deutschland", "berlin",
           "hamburg", "münchen", "독일", "alemania", "allemagne", "германия", "германии", "niemcy"),
    "IT": ("italy", "italia", "italian market", "milan", "milano", "roma", "이탈리아"),
    "NL": ("netherlands", "nederland", "holland", "dutch", "amsterdam", "rotterdam"),
    "PL": ("poland", "polska", "polish", "polski", "warsaw", "warszawa", "폴란드", "польша"),
    "CZ": ("czech republic", "czechia", "prague", "praha"),
    "RO": ("romania", "românia", "bucharest"),
    "TR": ("turkey", "türkiye", "turkiye", "turkish", "istanbul", "i̇stanbul", "ankara", "튀르키예",
           "터키", "турция"),
    "IN": ("india", "indien", "hindistan", "indian", "mumbai", "delhi", "भारत", "인도",
           "bangalore"),
    "PK": ("pakistan", "karachi", "lahore"),
    "BD": ("bangladesh", "dhaka"),
    "ID": ("indonesia", "indonesian", "jakarta", "surabaya", "인도네시아", "индонезия"),
    "MY": ("malaysia", "malaysian", "kuala lumpur", "말레이시아"),
    "SG": ("singapore", "싱가포르"),
    "TH": ("thailand", "thai market", "bangkok", "ประเทศไทย", "ไทย", "กรุงเทพ", "태국"),
    "PH": ("philippines", "filipino", "manila", "필리핀"),
    "JP": ("japan", "japanese market", "tokyo", "osaka", "日本", "일본"),
    "CN": ("mainland china", "shanghai", "guangzhou", "中国", "中國", "중국"),
    "TW": ("taiwan", "taipei", "台湾", "台灣", "대만"),
    "HK": ("hong kong", "香港", "홍콩"),
    "AU": ("australia", "australian", "sydney", "melbourne", "호주"),
    "NZ": ("new zealand", "auckland"),
    "CA": ("canada", "canadian", "toronto", "vancouver", "캐나다"),
    "NG": ("nigeria", "nigerian", "lagos"),
    "KE": ("kenya", "nairobi"),
    "ZA": ("south africa", "johannesburg"),
    "IL": ("israel", "tel aviv"),
    "MN": ("mongolia", "ulaanbaatar", "몽골"),
    "GE": ("tbilisi",),
    "AZ": ("azerbaijan", "baku"),
}  # fmt: skip
# pycountry short names that are also common words or people's names.
_AMBIGUOUS_NAMES = {"chad", "jordan", "georgia", "niger", "guinea", "turkey", "china", "korea",
                    "mali", "oman", "peru", "cuba", "togo", "jersey", "bermuda", "panama",
                    "france", "india"}  # fmt: skip
_NOT_A_DESTINATION = re.compile(
    r"(?:made in|from|produced in|manufactured in|origin|제조|산)\s*$", re.IGNORECASE
)


@lru_cache(maxsize=1)
def _country_index() -> tuple[re.Pattern[str], dict[str, str]]:
    """One alternation over every country name we know, longest first, built once."""
    import pycountry

    names: dict[str, str] = {}
    for country in pycountry.countries:
        code = country.alpha_2
        if code == "KR":
            continue
        for attr in ("name", "common_name"):
            name = getattr(country, attr, None)
            if name and name.lower() not in _AMBIGUOUS_NAMES and "," not in name:
                names[name.lower()] = code
    for code, extra in _EXTRA_COUNTRY_NAMES.items():
        for name in extra:
            names[name.lower()] = code
    names["china"] = "CN"

    # Latin names need word edges; Hangul/Han/Arabic names may carry particles ("헝가리에").
    # Names of five letters or more may carry a case ending ("Magyarországra", "Vietnamba",
    # "Казахстана"); shorter ones must end at a word edge ("UK" is not "Ukraine").
    # Hangul, Han and Arabic names carry particles with no space ("베트남으로").
    def may_inflect(name: str) -> bool:
        return len(name) >= 5 or any(ord(ch) >= 0x0600 for ch in name)

    ordered = sorted(names, key=len, reverse=True)
    long_names = "|".join(re.escape(n) for n in ordered if may_inflect(n))
    short_names = "|".join(re.escape(n) for n in ordered if not may_inflect(n))
    pattern = re.compile(
        rf"(?<![^\W\d_])(?:(?:{long_names})|(?:{short_names})(?![^\W\d_]))", re.IGNORECASE
    )
    return pattern, names


def extract_destination_country(text: str) -> str | None:
    """ISO 3166 alpha-2 of the buyer's market or ship-to country, from names, demonyms, cities.

    "to"/"for"/"market" mentions beat plain mentions; "made in X" and "from China" (the goods'
    origin) do not count.
    """
    pattern, names = _country_index()
    candidates: list[tuple[int, int, str]] = []
    for match in pattern.finditer(text):
        before = text[max(0, match.start() - 20) : match.start()]
        if _NOT_A_DESTINATION.search(before) and names.get(match.group(0).lower()) == "CN":
            continue
        if re.search(r"made in\b[^.?!]{0,15}$", before, re.IGNORECASE):
            continue
        code = names.get(match.group(0).lower())
        if code is None:
            continue
        after = text[match.end() : match.end() + 12].lower()
        strong = bool(re.search(r"(?:to|for|into|in|market|a|para|pour|nach|в|во)\s*$",
                                before.lower())) or "market" in after  # fmt: skip
        candidates.append((0 if strong else 1, match.start(), code))
    if not candidates:
        return None
    return min(candidates)[2]


# ---------------------------------------------------------------------------------------------
# Incoterms and certifications
# ---------------------------------------------------------------------------------------------

_INCOTERM = re.compile(
    r"(?<![A-Za-z])(EXW|FCA|FAS|FOB|CFR|CNF|C&F|CIF|CPT|CIP|DAP|DPU|DDP|DDU|DAT)(?![A-Za-z])",
    re.IGNORECASE,
)
_INCOTERM_ALIASES = {"CNF": "CFR", "C&F": "CFR", "DDU": "DAP", "DAT": "DPU"}


def extract_incoterm(text: str) -> str | None:
    """The first Incoterm the buyer names (CNF/C&F read as CFR, DDU as DAP)."""
    for match in _INCOTERM.finditer(text):
        token = match.group(1)
        # lowercase "fob"/"cif" are common in chat; lowercase "dap"/"fas"/"cpt" are rarely terms
        if token.islower() and token.upper() not in ("FOB", "CIF", "EXW", "DDP"):
            continue
        code = token.upper()
        return _INCOTERM_ALIASES.get(code, code)
    return None


_CERTIFICATIONS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (name, re.compile(pattern, flags))
    for name, pattern, flags in (
        ("FDA", r"(?<![A-Za-z-])(?:US[- ]?)?FDA(?![A-Za-z])", 0),
        ("CPNP", r"\bCPNP\b|cosmetic products? notification portal|EU notification", re.I),
        ("GMP", r"(?<![A-Za-z])c?GMP(?![A-Za-z])", re.I),
        ("ISO 22716", r"ISO[- ]?22716", re.I),
        ("ISO 9001", r"ISO[- ]?9001", re.I),
        ("Halal", r"halal|helal|حلال|할랄|халяль|halál", re.I),
        ("MSDS", r"(?<![A-Za-z])M?SDS(?![A-Za-z])|safety data sheet", re.I),
        ("COA", r"(?<![A-Za-z])COA(?![A-Za-z])|certificate of analysis|성적서", re.I),
        ("MFDS", r"(?<![A-Za-z])(?:K-?FDA|MFDS)(?![A-Za-z])|식약처", re.I),
        ("CE", r"(?<![A-Za-z])CE(?![A-Za-z])(?:[- ]mark(?:ing)?)?", 0),
        ("SGS", r"(?<![A-Za-z])SGS(?![A-Za-z])", re.I),
        ("EAC", r"(?<![A-Za-z])EAC(?![A-Za-z])|ЕАС|декларац\w+ соответствия", 0),
        ("BPOM", r"(?<![A-Za-z])BPOM(?![A-Za-z])", re.I),
        ("SFDA", r"(?<![A-Za-z])SFDA(?![A-Za-z])", re.I),
        ("ECOCERT", r"ecocert|cosmos organic", re.I),
        ("Vegan", r"\bvegan\w*|비건|vegano|vegana|végan|веган\w*|thuần chay", re.I),
        ("Cruelty-free", r"cruelty[- ]?free|leaping bunny|not tested on animals|"
                         r"sin crueldad|동물실험", re.I),
    )
)  # fmt: skip


def extract_certifications(text: str) -> list[str]:
    """Certificates and documents the buyer mentions, in a stable canonical spelling."""
    return [name for name, pattern in _CERTIFICATIONS if pattern.search(text)]


# ---------------------------------------------------------------------------------------------
# Deadline / lead time
# ---------------------------------------------------------------------------------------------

_DAY_WORDS = (
    r"days?|business days|working days|días|dias|jours|tage|tagen|дней|дня|день|nap|napon|gün|"
    r"ngày|hari|일|天|日|يوم|أيام|dni|giorni|dagen|วัน"
)
_WEEK_WORDS = (
    r"weeks?|semanas?|semaines?|wochen|woche|недел[ьиюя]|hét|hafta|tuần|minggu|주|周|週|أسابيع|"
    r"أسبوع|tygodni|tygodnie|settimane|weken"
)
_MONTH_WORDS = (
    r"months?|mes|meses|mois|monat|monate|monaten|месяц[аев]*|hónap|ay|tháng|bulan|달|개월|个月|"
    r"ヶ月|か月|شهر|أشهر|miesiąc|miesiące|mesi|maanden"
)
_KOREAN_NUMERALS = {"한": 1, "두": 2, "세": 3, "네": 4, "one": 1, "two": 2, "three": 3,
                    "four": 4, "a": 1, "un": 1, "una": 1, "um": 1, "uma": 1, "ein": 1,
                    "einem": 1, "один": 1, "два": 2, "две": 2, "три": 3, "egy": 1, "két": 2,
                    "bir": 1, "iki": 2, "một": 1, "hai": 2, "satu": 1, "dua": 2, "deux": 2,
                    "dos": 2, "dois": 2, "zwei": 2, "tres": 3, "três": 3, "trois": 3,
                    "drei": 3}  # fmt: skip
_NUMERAL_ALT = "|".join(sorted(_KOREAN_NUMERALS, key=len, reverse=True))
_DURATION = re.compile(
    rf"(?<![\w.,])(?P<num>\d+(?:[.,]5)?|{_NUMERAL_ALT})(?:\s?-\s?(?P<upper>\d+))?\s?"
    rf"(?P<unit>{_MONTH_WORDS}|{_WEEK_WORDS}|{_DAY_WORDS})(?![a-z])",
    re.IGNORECASE,
)
_FIXED_PHRASES: tuple[tuple[re.Pattern[str], int], ...] = tuple(
    (re.compile(pattern, re.IGNORECASE), days)
    for pattern, days in (
        (r"end of next month|fin del próximo mes|fin du mois prochain|конц[ае] следующего "
         r"месяца|다음 달 말|cuối tháng sau|akhir bulan depan|jövő hónap végé", 45),
        (r"end of (?:this|the) month|fin de mes|fin du mois|конц[ае] месяца|이번 달 말|"
         r"cuối tháng này|akhir bulan ini|hónap végé", 15),
        (r"next month|próximo mes|mois prochain|следующем месяце|다음 달|tháng sau|"
         r"bulan depan|jövő hónap|gelecek ay|próximo mês|nächsten monat", 30),
        (r"next week|próxima semana|semaine prochaine|следующей неделе|다음 주|tuần sau|"
         r"minggu depan|jövő hét|gelecek hafta|nächste woche", 7),
        (r"\btomorrow\b|mañana|demain|завтра|내일|ngày mai|besok|holnap|yarın", 1),
    )
)  # fmt: skip
# Durations that are about something other than delivery ("payment within 30 days", "a
# 2-week trial of the sample") still mostly mean the buyer's timing, so they are kept; but
# numbers that belong to shelf life / expiry are not deadlines.
_NOT_DEADLINE = re.compile(r"shelf life|expir|유통기한|срок годности|caducidad|validade|"
                           r"hạn sử dụng|lejárat|raf ömrü|old|ago|since|experience|years",
                           re.IGNORECASE)  # fmt: skip


def extract_deadline_days(text: str) -> int | None:
    """The lead time or delivery deadline the buyer asks for, in days (months count 30)."""
    for match in _DURATION.finditer(text):
        around = text[max(0, match.start() - 30) : match.end() + 15]
        if _NOT_DEADLINE.search(around):
            continue
        raw = match.group("upper") or match.group("num")
        number = _KOREAN_NUMERALS.get(raw.lower()) if not raw[0].isdigit() else None
        value = number if number is not None else float(raw.replace(",", "."))
        unit = match.group("unit").lower()
        if re.fullmatch(_MONTH_WORDS, unit, re.IGNORECASE):
            days = value * 30
        elif re.fullmatch(_WEEK_WORDS, unit, re.IGNORECASE):
            days = value * 7
        else:
            days = value
        if 0 < days <= 366:
            return round(days)
    for pattern, days in _FIXED_PHRASES:
        if pattern.search(text):
            return days
    return None


# ---------------------------------------------------------------------------------------------
# Business type and sales channel
# ---------------------------------------------------------------------------------------------

_BUSINESS_TYPES: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (name, re.compile(pattern, re.IGNORECASE))
    for name, pattern in (
        ("distributor", r"distribut|дистрибьют|distribuidor|distributeur|forgalmaz|"
                        r"nhà phân phối|distributör|유통|총판|موزع|wholesal|оптов|mayorista|"
                        r"grossiste|nagyker|toptan|bán buôn|grosir"),
        ("importer", r"import(?:er|ing|ador|ateur|eur)|импорт|수입|importőr|ithalat|"
                     r"nhập khẩu|مستورد"),
        ("brand_owner", r"our (?:own )?brand|my brand|brand owner|nuestra marca|notre marque|"
                        r"наш бренд|자체 브랜드|saját márk|markamız|thương hiệu riêng"),
        ("online_seller", r"online (?:shop|store|seller)|e-?commerce|i sell on|we sell on|"
                          r"интернет-магазин|tienda online|loja online|webshop|webáruház|"
                          r"온라인|cửa hàng online|toko online"),
        ("retailer", r"retail|shop|store|salon|pharmac|аптек|магазин|tienda|loja|boutique|"
                     r"üzlet|mağaza|cửa hàng|toko|매장|صيدلي|متجر"),
    )
)  # fmt: skip
_SALES_CHANNELS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (name, re.compile(pattern, re.IGNORECASE))
    for name, pattern in (
        ("amazon", r"\bamazon\b"), ("shopee", r"\bshopee\b"), ("lazada", r"\blazada\b"),
        ("tiktok", r"tik ?tok"), ("instagram", r"instagram|\binsta\b"), ("ebay", r"\bebay\b"),
        ("wildberries", r"wildberries|вайлдберриз"), ("ozon", r"\bozon\b|озон"),
        ("tokopedia", r"tokopedia"), ("noon", r"\bnoon\.com|\bon noon\b"),
        ("mercadolibre", r"mercado ?libre|mercado ?livre"), ("etsy", r"\betsy\b"),
        ("own_website", r"our (?:own )?(?:website|web shop|webshop|online store)|"
                        r"nuestra (?:web|tienda online)|notre site"),
        ("pharmacies", r"pharmac|аптек|farmacia|farmácia|gyógyszertár|eczane|nhà thuốc|"
                       r"apotek|약국|صيدلي"),
        ("salons", r"salon|салон|spa\b|클리닉|clinic"),
        ("supermarkets", r"supermarket|hypermarket|супермаркет|supermercado|siêu thị"),
    )
)  # fmt: skip


@dataclass(frozen=True)
class Business:
    """What the buyer says about their own business, when they say it."""

    business_type: str | None
    sales_channels: tuple[str, ...]


def extract_business(text: str) -> Business:
    """Business type (first match wins: distributor before retailer) and sales channels named."""
    business_type = next((name for name, p in _BUSINESS_TYPES if p.search(text)), None)
    channels = tuple(name for name, p in _SALES_CHANNELS if p.search(text))
    return Business(business_type, channels)


# ---------------------------------------------------------------------------------------------
# Everything at once
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Extraction:
    """All structured facts of one message."""

    quantity: Quantity | None
    target_price: Price | None
    destination_country: str | None
    incoterm: str | None
    certifications: tuple[str, ...]
    deadline_days: int | None
    business: Business


def extract_all(text: str) -> Extraction:
    """Run every extractor over ``text``."""
    return Extraction(
        quantity=extract_quantity(text),
        target_price=extract_target_price(text),
        destination_country=extract_destination_country(text),
        incoterm=extract_incoterm(text),
        certifications=tuple(extract_certifications(text)),
        deadline_days=extract_deadline_days(text),
        business=extract_business(text),
    )
