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
from typing import Any

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
        "片", "支", "قطع", "पीस", "नग", "штуку", "tubes", "jars", "ea", "tubos", "tubi",
        "sheet masks", "masks", "sheets", "sachets", "pouches", "patches",
        "tuben", "potes", "tarros", "vasetti", "barattoli", "tubek", "darabnál",
        "darabra", "hũ", "แท่ง", "장",
        # more inflections and spellings: Hungarian accusative, plurals, "items"
        "枚", "miếng", "sachet", "lembar", "darabot", "tubust", "банок", "банки", "items", "tiegel",
        "stuk", "stücke",
        "pezzo", "adedi", "tuýp", "ampoules", "vials", "баночек", "тюбиков", "масок", "штучек",
    ),
    "units": ("units", "unit", "unidades", "unidad", "unidade", "unités", "unité", "einheiten",
              "единиц", "egység", "birim", "unità", "eenheden", "одиниць", "وحدة", "यूनिट",
              "egységet", "หน่วย", "uds", "unid"),
    "boxes": ("boxes", "box", "cajas", "caja", "caixas", "caixa", "boîtes", "коробок",
              "коробки", "doboz", "kutu", "hộp", "kotak", "박스", "상자", "علبة",
              "盒", "scatole", "schachteln", "boxen", "علب", "กล่อง", "pudełek",
              "dobozt", "packs", "pack", "packungen", "paquetes", "упаковок", "opakowań",
              "kutusu"),
    "cartons": ("cartons", "carton", "ctns", "ctn", "cartones", "caixas de papelão",
                "kartons", "karton", "коробов", "thùng", "카톤", "koli", "cartoni",
                "kartonów", "كرتون", "كراتين", "ケース", "kartont",
                # a Chinese 箱 is a shipping case (一箱 = one carton), as in price units
                "箱"),
    "bottles": ("bottles", "bottle", "botellas", "frascos", "flacons", "бутылок", "флаконов",
                "üveg", "şişe", "chai", "botol", "병", "瓶", "bottiglie", "flaschen", "flessen",
                "butelek", "пляшок", "garrafas", "bouteilles", "زجاجة", "عبوة", "ขวด", "flaconi",
                "flacone", "本", "flesjes", "fläschchen", "flakon", "flakonów", "lọ",
                "üveget", "palack", "palackot", "бутылки", "флаконы", "şişesi"),
    "sets": ("sets", "set", "juegos", "kits", "наборов", "bộ", "세트", "套", "zestawów",
             "セット", "coffrets", "coffret", "estojos", "cofanetti", "confezioni regalo",
             "เซ็ต", "طقم", "أطقم", "kit", "szett", "szettet", "наборы", "набора",
             "zestawy", "комплектов", "キット", "zestawach", "zestawu"),
}  # fmt: skip
_MEASURE_UNITS: dict[str, tuple[str, ...]] = {
    "kg": ("kg", "kgs", "kilograms", "kilos", "кг", "킬로", "kilo", "公斤", "千克", "キロ",
           "กิโล", "كيلو", "किलो", "kilogramm"),
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
_SCALE = (
    r"(?P<scale>k|K|thousand|mil|mille|mila|тыс\.?|тысяч[иа]?|ngàn|nghìn|ribu|ezer|bin|"
    r"tysi[aą]c[eaiy]?|tysięcy|tys\.?|duizend|tausend|million|mln|млн|rb|hazaar|hazar|"
    r"lakh|vạn|พัน|หมื่น|آلاف|ألف)?"
)
_QUANTITY = re.compile(
    rf"(?<![0-9A-Za-z_$€£₩¥.,/])(?P<num>{_NUMBER})\s?{_SCALE}\s?(?:x\s?)?(?P<unit>{_UNIT_ALT})"
    r"(?![a-zA-Z\u00c0-\u024f\u0400-\u04ff\u1e00-\u1eff]|당|월)",
    re.IGNORECASE,
)
# Korean, Chinese and Japanese counts with myriads: 1만개, 3천개, 2만 5천개, 500개, 1万个.
# "1개당" / "100개당" is "per piece" / "per hundred", not a count.
_KOREAN_QUANTITY = re.compile(
    r"(?=\d)(?:(?P<man>\d+(?:\.\d+)?)\s?[만万萬])?\s?(?:(?P<cheon>\d+)\s?[천千])?\s?(?P<rest>\d+)?\s?"
    r"(?P<unit>개(?!월)|박스|세트|병|상자|장|pcs|个|個|件|盒|瓶|套|箱|片|支|本|枚|ケース|セット)(?!당)"
)
# A bare number after an order word is a quantity in pieces: "order 3000", "cantidad: 2000".
_BARE_QUANTITY = re.compile(
    rf"(?:quantity|qty|order(?:ing)? of|order|cantidad|quantidade|quantité|menge|количество|"
    rf"mennyiség|miktar|số lượng|jumlah|수량|数量|(?:quote|quotation|price|prices|pricing) for|"
    rf"cotizaci[oó]n para|or[cç]amento para|devis pour|angebot f[uü]r|цен[аыу] на)\s*"
    rf"(?:is|of|:|-|=|de|около)?\s*"
    rf"(?P<num>{_NUMBER})\s?{_SCALE}(?![\w%$€])"
    # not a duration, a size or a time of day ("price for 30 days", "quote for 50 ml")
    rf"(?!\s?(?:days?|weeks?|months?|years?|ml|g|gr|kg|l|%|hours?|pm|am|min|días|dias|jours))",
    re.IGNORECASE,
)
# "in order 4471", "our order 1532", "the order 88": a reference to an existing order, not a count.
_ORDER_REFERENCE = re.compile(
    r"(?:\bin|\bon|\bfrom|\bwith|\bfor|\bmy|\bour|\byour|\bthe|\bthis|\bthat|\blast|"
    r"\bprevious|\bsame)\s$",
    re.IGNORECASE,
)
_SCALE_FACTOR = {"k": 1000, "thousand": 1000, "mil": 1000, "mille": 1000, "тыс": 1000,
                 "тыс.": 1000, "тысяч": 1000, "ngàn": 1000, "nghìn": 1000, "ribu": 1000,
                 "ezer": 1000, "bin": 1000, "rb": 1000, "mila": 1000, "тысячи": 1000,
                 "тысяча": 1000, "tysiące": 1000, "tysiace": 1000, "tysięcy": 1000,
                 "tysiąc": 1000, "tysiac": 1000, "tys": 1000, "tys.": 1000, "duizend": 1000,
                 "tausend": 1000, "million": 1_000_000, "mln": 1_000_000,
                 "млн": 1_000_000, "hazaar": 1000, "hazar": 1000, "lakh": 100_000,
                 "vạn": 10_000, "พัน": 1000, "หมื่น": 10_000, "آلاف": 1000,
                 "ألف": 1000}  # fmt: skip


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
    r"تالف|مكسور|ناقص|crush|leaked|smash|dented|깨져|깨짐|불량|모자|足りな|足りま|不足|割れ|"
    r"破損|漏れ|しか|缺少|少了|破损|损坏|漏液|只收到|basag|sira|kulang|"
    # expired or short-shipped goods: "20개가 유통기한이 지났습니다", "faltam 2 caixas"
    r"faltam|faltando|manqu|mancan|expired|유통기한이 지|지났|abgelaufen|caducad|vencid|périmé|"
    r"scadut|просроч|hết hạn|kadaluarsa|期限切れ|过期|過期|หมดอายุ|منتهي|lejárt|"
    r"przetermin|wrong (?:colou?r|item|product)|refund|reembolso|rembourse|erstattung|"
    r"возврат|환불|rozbit|潰れ|leaking|zwrot|ontbre|beschadigd|kapot|ab[iî]m|unbrauchbar|"
    r"ausgelaufen|пришло|вместо|móp|eltört|t[oö]rt|แตก|danneggiat",
    re.IGNORECASE,
)


# Counts of goods already delivered ("we received 20 cartons", "받은 토너 중 50개") describe a
# past shipment, not the quantity asked for now.
_RECEIVED_BEFORE = re.compile(
    r"(?:received|got|arrived|delivered|recibimos|recebemos|reçu|erhalten|получили|"
    r"otrzymali|aldık|nhận được|menerima|받은|届いた|收到)(?:\s(?:only|just|solo|nur))?\s?$",
    re.IGNORECASE,
)


# "Our order of 5,000 tubes arrived with 280 leaking": the count of a delivered order.
_ARRIVED_AFTER = re.compile(
    r"\s?(?:[^\W\d_]+\s){0,2}(?:arrived|came|were delivered|has arrived|llegaron|llegó|"
    r"chegaram|chegou|sont arriv|est arriv|kamen|kam|пришл|도착|届いた|到了)",
    re.IGNORECASE,
)


def _is_damage_count(text: str, start: int, end: int) -> bool:
    if _RECEIVED_BEFORE.search(text[max(0, start - 20) : start]):
        return True
    if _FREIGHT_BEFORE.search(text[max(0, start - 60) : start]) or _FREIGHT_AFTER.match(text, end):
        return True
    if _ARRIVED_AFTER.match(text, end):
        return True
    return bool(_DAMAGE_NEAR.search(text[max(0, start - 25) : end + 25]))


# Quantities written in English words: "a thousand pieces", "two hundred boxes".
_WORD_VALUES = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
                "seven": 7, "eight": 8, "nine": 9, "ten": 10, "twenty": 20,
                "fifty": 50}  # fmt: skip
_WORD_QUANTITY = re.compile(
    rf"(?<![a-z])(?P<n>{'|'.join(_WORD_VALUES)})\s(?P<mult>hundred|thousand)\s(?:of\s)?"
    rf"(?P<unit>{_UNIT_ALT})(?![a-z])",
    re.IGNORECASE,
)


# "$1.20 per 1 pc", "за 1 шт", "每1个": the one piece a price is per, not the quantity ordered
# ("per"/"за"/"za" before a larger count mean "for": "цена за 10 000 шт").
_PER_BEFORE_COUNT = re.compile(
    r"(?:/|\bper|\bpor|\bpar|\bpro|\bje|\bza|\bза|每|\beach|\bmỗi|ต่อ|प्रति)\s?$", re.IGNORECASE
)


# "1個あたり150円", "1개당": the one piece a price is per, written after the count.
_PER_ONE_AFTER = re.compile(r"\s?(?:あたり|当たり|につき|당)")


def _is_per_one(text: str, start: int, end: int | None = None) -> bool:
    if end is not None and _PER_ONE_AFTER.match(text, end):
        return True
    return bool(_PER_BEFORE_COUNT.search(text[max(0, start - 8) : start]))


# "50 pieces per carton", "24 bottles/box", "12 pcs in each case": how goods are packed, not
# how many are ordered.
_PACKING_AFTER = re.compile(
    r"\s?(?:per|/|in (?:a|each|one|every)|each|a|por|par|pro|je|в|на|mỗi|setiap|her)\s?"
    r"(?:carton|ctn|box|case|pack|bag|inner|master|outer|caja|caixa|carton|karton|коробк|"
    r"thùng|kardus|koli|kutu|箱|박스)",
    re.IGNORECASE,
)


# Counts written with Chinese numerals: "五千个", "一萬個", "两千瓶".
_CHINESE_DIGITS = {"一": 1, "二": 2, "两": 2, "兩": 2, "三": 3, "四": 4, "五": 5, "六": 6,
                   "七": 7, "八": 8, "九": 9, "十": 10}  # fmt: skip
_CHINESE_QUANTITY = re.compile(
    r"(?<![\d一二两兩三四五六七八九十百千万萬])(?P<d>[一二两兩三四五六七八九十])(?P<m>[百千万萬])"
    r"(?P<unit>个|個|件|瓶|盒|套|箱|片|支)"
)
_CHINESE_SCALE = {"百": 100, "千": 1000, "万": 10_000, "萬": 10_000}
# What a count is when it is not the order: the content of one pack ("per carton of 24 masks",
# "por caja de 50 unidades", "pro Karton (48 Stück)", "koli 40 adet"), a supplier's MOQ, or
# samples ("3个样品", "3 samples"). Such counts lose to any other count in the message.
_PACK_CONTENT_BEFORE = re.compile(
    r"(?:carton|ctn|box|case|pack|caja|caixa|karton|doos|коробк\w*|koli|كرتونة|كرتون|"
    r"scatola|boîte|pallet)(?:e?s)?\s?(?:of|de|com|con|à|a|van|z|з|с|mit|with|by|holds|"
    r"contains|has|includes|contiene|contient|enthält|содержит)?\s?\(?\s?$",
    re.IGNORECASE,
)
_MOQ_BEFORE = re.compile(r"(?:moq|minimum order(?: quantity)?|mindestmenge|最小起订量|최소 주문)"
                         r"\s?(?:of|is|:|de|=|says|is only)?\s?$", re.IGNORECASE)  # fmt: skip
_SAMPLE_AFTER = re.compile(r"\s?(?:of\s)?(?:samples?|样品|樣品|サンプル|샘플|muestras|amostras)",
                           re.IGNORECASE)  # fmt: skip


# The cartons a freight question is about ("how much is shipping for 5 cartons", "ongkir ...
# untuk 3 karton") size a shipment, not an order.
_FREIGHT_BEFORE = re.compile(
    r"(?:shipping|freight|postage|courier|ongkir|ongkos kirim|frais de port|env[ií]o|frete|"
    r"versand|fracht|доставк\w*|배송비|택배비|운임|运费|送料|phí ship|الشحن|"
    r"co[uû]te le transport|transport a[ée]rien|transport maritime)"
    r"(?:[^.?!。？؟\n，,;]|(?<=\d)[.,](?=\d)){0,40}$",
    re.IGNORECASE,
)
_FREIGHT_AFTER = re.compile(
    r"[^.?!。？\n]{0,8}?"
    r"(?:배송비|운송비|택배비|shipping cost|freight cost|运费|送料|phí ship|ongkir)",
    re.IGNORECASE,
)
# A few pieces right after a sample request ("samples pls. 3 pcs each of toner") are samples.
_SAMPLE_BEFORE = re.compile(
    r"(?:samples?|muestras?|amostras?|[ée]chantillons?|muster|образц\w*|샘플|样品|サンプル|"
    r"sampel|mẫu)[^\d]{0,30}$",
    re.IGNORECASE,
)


def _is_side_count(text: str, start: int, end: int, value: float = 0) -> bool:
    before = text[max(0, start - 30) : start]
    return bool(
        _PACK_CONTENT_BEFORE.search(before)
        or _MOQ_BEFORE.search(before)
        or _SAMPLE_AFTER.match(text, end)
        or (0 < value <= 20 and _SAMPLE_BEFORE.search(before))
    )


# The lower end of a quantity range: "2,000-3,000 pcs", "1,000 to 2,000 pieces", "2-3k pcs",
# "от 5 до 10 тысяч штук".
_QUANTITY_RANGE_BEFORE = re.compile(
    rf"(?<![\d.,])(?P<low>{_NUMBER})\s?{_SCALE.replace('(?P<scale>', '(?P<lowscale>')}\s?"
    r"(?:-|–|~|to|a|à|bis|до|đến|sampai|hingga|ile|tot|do|és|e|y)\s?$",
    re.IGNORECASE,
)


# "8000 hydrogel eye patches", "600 serums", "8 000 patchs": a count of a product noun with no
# unit word is a count of pieces. Up to three describing words may sit between; a measure right
# after the number ("50 ml serums") is a size, not a count.
_PRODUCT_NOUNS = (
    "serums",
    "creams",
    "toners",
    "cleansers",
    "lotions",
    "ampoules",
    "essences",
    "sunscreens",
    "sunblocks",
    "compacts",
    "cushions",
    "tints",
    "lipsticks",
    "balms",
    "glosses",
    "palettes",
    "mists",
    "foams",
    "gels",
    "shampoos",
    "conditioners",
    "pads",
    "eye patches",
    "soaps",
    "bars",
    "perfumes",
    "brushes",
    "puffs",
    "sponges",
    "wipes",
    "moisturi[sz]ers",
    "emulsions",
    "patchs",
    "masques",
    "crèmes",
    "sérums",
    "baumes",
    "nettoyants",
    "toniques",
    "rouges",
    "mascarillas",
    "cremas",
    "parches",
    "protectores",
    "labiales",
    "champús",
    "tónicos",
    "máscaras",
    "cremes",
    "séruns",
    "protetores",
    "batons",
    "masken",
    "tuchmasken",
    "seren",
    "lippenstifte",
    "maschere",
    "sieri",
    "rossetti",
    "maskers",
    "кремов",
    "сывороток",
    "патчей",
    "помад",
    "шампуней",
    "тоников",
    "kremów",
    "masek",
    "pomadek",
)
_PRODUCT_QUANTITY = re.compile(
    rf"(?<![\d.,$€£₩¥#№])(?P<num>{_NUMBER})\s?{_SCALE}\s"
    r"(?!(?:ml|g|gr|oz|l|kg|mg|cm|mm|days?|weeks?|months?|years?)\b)"
    r"(?:(?!(?:of|for|and|with|to|in|de|du|des|la|le|les|el|los|für|und|per|por|par|pro|za|"
    r"je|a|à|al|по|для)\b)"
    r"[^\W\d_]+[\s-]){0,4}?"
    rf"(?P<noun>{'|'.join(_PRODUCT_NOUNS)}|{_UNIT_ALT})(?![^\W\d_])",
    re.IGNORECASE,
)
_DUTCH_BOXES_CONTEXT = re.compile(r"\b(?:doos|we (?:nemen|willen|bestellen)|graag)\b", re.I)
_DOZEN = re.compile(rf"(?<![\d.,])(?P<num>{_NUMBER})\s?dozen\b", re.IGNORECASE)
# "штук 50", "штук 200": the count after the unit word (Russian and Ukrainian speech).
_COUNT_AFTER_UNIT = re.compile(r"(?<![^\W\d_])(?:штук|шт\.?)\s?(?P<num>\d+)(?![\d.,])")


def _range_low(text: str, start: int, value: float, scale: str | None) -> float:
    """``value``, or the lower end of the range it closes ("2-3k pcs" -> 2000)."""
    found = _QUANTITY_RANGE_BEFORE.search(text[max(0, start - 24) : start])
    if not found:
        return value
    try:
        low = _scaled(found.group("low"), found.group("lowscale"))
    except ValueError:
        return value
    if scale and not found.group("lowscale"):
        low = _scaled(found.group("low"), scale)  # "2-3k": the k belongs to both ends
    return low if 0 < low < value and value <= low * 10 else value


# Cached: the target price asks for the order's unit when a price says only "each", and
# extract_all asks again for the same text; the result is frozen and pure.
@lru_cache(maxsize=256)
def extract_quantity(text: str) -> Quantity | None:
    """The quantity the buyer asks for, preferring counted units over sizes and weights.

    A range ("2,000-3,000 pcs") reads as its lower end, as target prices do.
    """
    counted: list[tuple[int, Quantity]] = []
    measured: list[tuple[int, Quantity]] = []
    side: set[int] = set()
    for match in _QUANTITY.finditer(text):
        if _is_damage_count(text, match.start(), match.end()):
            continue
        unit = _UNIT_OF[match.group("unit").lower()]
        value = _scaled(match.group("num"), match.group("scale"))
        if value <= 0 or (value == 1 and _is_per_one(text, match.start(), match.end())):
            continue
        # "US$ 0.75 ea" is a price; a fraction of a piece is never a count
        if unit in _COUNT_UNITS and (value != int(value) or _currency_before(text, match.start())):
            continue
        if unit in _COUNT_UNITS:
            value = _range_low(text, match.start(), value, match.group("scale"))
        if unit not in ("cartons", "boxes") and _PACKING_AFTER.match(text, match.end()):
            continue
        quantity = Quantity(_clean(value), unit)
        (counted if unit in _COUNT_UNITS else measured).append((match.start(), quantity))
        if _is_side_count(text, match.start(), match.end(), value):
            side.add(match.start())
    for match in _KOREAN_QUANTITY.finditer(text):
        if not (match.group("man") or match.group("cheon") or match.group("rest")):
            continue
        value = (
            float(match.group("man") or 0) * 10_000
            + float(match.group("cheon") or 0) * 1_000
            + float(match.group("rest") or 0)
        )
        unit = _UNIT_OF.get(match.group("unit").lower(), "pcs")
        if _is_damage_count(text, match.start(), match.end()):
            continue
        if value > 0 and not (value == 1 and _is_per_one(text, match.start(), match.end())):
            counted.append((match.start(), Quantity(_clean(value), unit)))
            if _is_side_count(text, match.start(), match.end(), value):
                side.add(match.start())
    for match in _CHINESE_QUANTITY.finditer(text):
        value = _CHINESE_DIGITS[match.group("d")] * _CHINESE_SCALE[match.group("m")]
        unit = _UNIT_OF.get(match.group("unit"), "pcs")
        if not _is_damage_count(text, match.start(), match.end()):
            counted.append((match.start(), Quantity(value, unit)))
    lowered = text.lower()
    if "hundred" in lowered or "thousand" in lowered:
        for match in _WORD_QUANTITY.finditer(text):
            value = _WORD_VALUES[match.group("n").lower()] * (
                1000 if match.group("mult").lower() == "thousand" else 100
            )
            unit = _UNIT_OF[match.group("unit").lower()]
            if unit in _COUNT_UNITS and not _is_damage_count(text, match.start(), match.end()):
                counted.append((match.start(), Quantity(value, unit)))
    # Dutch "dozen" are boxes ("we nemen 250 dozen"); in English a dozen is twelve.
    if _DUTCH_BOXES_CONTEXT.search(text):
        for match in _DOZEN.finditer(text):
            counted.append(
                (match.start(), Quantity(_clean(parse_number(match.group("num"))), "boxes"))
            )
    # "1개 가격", "1個150円", "price for 1 pc": a single piece is what a price is quoted for;
    # the order is another count when there is one.
    more_than_one = [item for item in counted if item[1].value != 1]
    if more_than_one:
        counted = more_than_one
    main = [item for item in counted if item[0] not in side]
    if main:
        counted = main
    if counted:
        return min(counted, key=lambda item: item[0])[1]
    for match in _PRODUCT_QUANTITY.finditer(text):
        if _currency_before(text, match.start()):
            continue
        if _CURRENCY_NEXT.match(text, match.end("num")) or _is_damage_count(
            text, match.start(), match.end()
        ):
            continue
        value = _range_low(
            text, match.start(), _scaled(match.group("num"), match.group("scale")), None
        )
        unit = _UNIT_OF.get(match.group("noun").lower(), "pcs")
        if value >= 2 and unit in _COUNT_UNITS and value == int(value):
            return Quantity(_clean(value), unit)
    after_unit = _COUNT_AFTER_UNIT.search(text)
    if after_unit and int(after_unit.group("num")) >= 2:
        return Quantity(int(after_unit.group("num")), "pcs")
    bare = _BARE_QUANTITY.search(text)
    if (
        bare
        and not _CURRENCY_NEXT.match(text, bare.end())
        and not _ORDER_REFERENCE.search(text[max(0, bare.start() - 12) : bare.start()])
    ):
        value = _scaled(bare.group("num"), bare.group("scale"))
        # "order 2" is more likely a reference than a quantity; "price for 2026" is a year
        is_year = bare.group("num").isdigit() and 2015 <= value <= 2035
        if value >= 10 and not is_year:
            return Quantity(_clean(value), "pcs")
    # Sizes like "50ml" alone describe the product, not the order; keep only bulk measures.
    bulk = [q for _, q in measured if q.unit in ("kg", "tons", "liters") or q.value >= 1000]
    return bulk[0] if bulk else None


# ---------------------------------------------------------------------------------------------
# Target price
# ---------------------------------------------------------------------------------------------

# A Latin or Cyrillic letter: words in those scripts need edges ("tl" must not match inside
# "title"), but CJK, Hangul, Thai and Arabic glue particles and units straight onto currency
# words and units ("1,500원입니다", "5元一个", "50บาทต่อชิ้น"), so letters of those scripts do
# not block a match.
_WORD_LETTER = r"a-zA-Z\u00c0-\u024f\u0400-\u04ff"
_CURRENCY_SIGNS: dict[str, str] = {
    "us$": "USD", "$": "USD", "€": "EUR", "£": "GBP", "₩": "KRW", "¥": "JPY", "₽": "RUB",
    "₫": "VND", "₺": "TRY", "r$": "BRL", "₹": "INR", "zł": "PLN", "rm": "MYR", "rp": "IDR",
    "฿": "THB", "₴": "UAH", "₱": "PHP", "₸": "KZT", "a$": "AUD", "au$": "AUD", "c$": "CAD",
    "ca$": "CAD", "s$": "SGD", "hk$": "HKD", "nt$": "TWD", "mx$": "MXN", "￥": "JPY",
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
    # inflected and local forms
    "рубля": "RUB", "рубль": "RUB", "руб.": "RUB", "рублях": "RUB", "долларах": "USD",
    "гривень": "UAH", "гривен": "UAH", "гривні": "UAH", "гривня": "UAH", "тенге": "KZT",
    "vnđ": "VND", "dollari": "USD", "dollaro": "USD", "złotych": "PLN",
    "złote": "PLN", "zloty": "PLN", "forintot": "HUF", "forintért": "HUF", "lirası": "TRY",
    "liraya": "TRY", "liradan": "TRY",
    "dolara": "USD", "dolardan": "USD", "euroya": "EUR", "eurodan": "EUR", "chf": "CHF",
    "sgd": "SGD", "hkd": "HKD", "twd": "TWD",
    "czk": "CZK", "kč": "CZK", "egp": "EGP", "جنيه": "EGP",
    "kwd": "KWD", "qar": "QAR", "دينار": "KWD", "دولارات": "USD", "ريالات": "SAR",
    "دراهم": "AED", "يورو": "EUR", "रुपये": "INR", "रुपए": "INR", "रु": "INR", "块": "CNY",
    "塊": "CNY", "人民币": "CNY", "人民幣": "CNY", "美元": "USD", "美金": "USD", "欧元": "EUR",
    "歐元": "EUR", "日元": "JPY", "韩元": "KRW", "ドル": "USD", "ユーロ": "EUR", "유로": "EUR",
    "엔": "JPY", "ดอลลาร์": "USD", "ยูโร": "EUR", "ringgit malaysia": "MYR", "rupee": "INR",
    "rupees": "INR", "rs": "INR", "rs.": "INR",
    # ISO codes buyers write outside the main markets
    "php": "PHP", "zar": "ZAR", "nzd": "NZD", "sek": "SEK", "nok": "NOK", "dkk": "DKK",
    "ron": "RON", "bgn": "BGN", "ils": "ILS", "ngn": "NGN", "kes": "KES", "pkr": "PKR",
    "bdt": "BDT", "lkr": "LKR", "ars": "ARS", "clp": "CLP", "cop": "COP", "omr": "OMR",
    "bhd": "BHD", "jod": "JOD", "rsd": "RSD", "uzs": "UZS", "mnt": "MNT", "khr": "KHR",
    "rand": "ZAR", "naira": "NGN", "₦": "NGN", "shekel": "ILS", "₪": "ILS", "zlotys": "PLN",
    "złoty": "PLN", "美刀": "USD", "bucks": "USD",
    # more inflections and local names
    "eurót": "EUR", "euróért": "EUR", "євро": "EUR", "долара": "USD", "доларів": "USD",
    "долари": "USD", "fcfa": "XOF", "cfa": "XOF", "xof": "XOF", "불": "USD", "港幣": "HKD",
    "港币": "HKD", "港元": "HKD", "台幣": "TWD", "新台幣": "TWD", "新台币": "TWD",
    "ดอลลาร์สหรัฐ": "USD", "euró": "EUR", "eurós": "EUR", "dollár": "USD", "đô": "USD",
    "đô la": "USD", "đô-la": "USD", "डॉलर": "USD", "यूरो": "EUR",
}  # fmt: skip
_SIGN_ALT = "|".join(re.escape(s) for s in sorted(_CURRENCY_SIGNS, key=len, reverse=True))
_WORD_ALT = "|".join(re.escape(w) for w in sorted(_CURRENCY_WORDS, key=len, reverse=True))
_CURRENCY_AFTER = rf"(?:{_SIGN_ALT}|{_WORD_ALT})(?![{_WORD_LETTER}])"
# "order of 5000 USD" is an amount of money, not a count.
_CURRENCY_NEXT = re.compile(rf"\s?{_CURRENCY_AFTER}", re.IGNORECASE)
# Words that mark "per one unit" after a price ("per piece", "la pièce", "за штуку", "/db").
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
    # more languages and spellings
    "pce": "pcs", "tube": "pcs", "jar": "pcs", "stuk": "pcs", "eenheid": "units",
    "fles": "bottles", "unità": "units", "bottiglia": "bottles", "scatola": "boxes",
    "einheit": "units", "flasche": "bottles", "packung": "boxes", "schachtel": "boxes",
    "sztuka": "pcs", "butelkę": "bottles", "opakowanie": "boxes", "одиницю": "units",
    "пляшку": "bottles", "hộp": "boxes", "chai": "bottles", "thùng": "cartons",
    "bộ": "sets", "biji": "pcs", "kotak": "boxes", "doboz": "boxes", "üveg": "bottles",
    "şişe": "bottles", "birim": "units", "koli": "cartons", "unid": "units", "und": "units",
    "garrafa": "bottles", "bouteille": "bottles", "juego": "sets", "kit": "sets",
    "박스": "boxes", "병": "bottles", "세트": "sets", "상자": "boxes", "个": "pcs", "個": "pcs",
    "件": "pcs", "片": "pcs", "支": "pcs", "瓶": "bottles", "盒": "boxes", "套": "sets",
    "箱": "cartons", "وحدة": "units", "علبة": "boxes", "عبوة": "bottles", "زجاجة": "bottles",
    "كرتون": "cartons", "หน่วย": "units", "กล่อง": "boxes", "ขวด": "bottles", "पीस": "pcs",
    "नग": "pcs", "यूनिट": "units", "टुकड़ा": "pcs", "ton": "tons", "liter": "liters",
    "litre": "liters", "st": "pcs", "本": "bottles", "coffret": "sets", "sachet": "pcs",
    "sheet": "pcs", "pouch": "pcs", "mask": "pcs", "patch": "pcs", "pack": "boxes",
    "kilo": "kg", "kilogram": "kg", "flacone": "bottles", "doos": "boxes", "كرتونة": "cartons",
    "قطعه": "pcs", "طقم": "sets", "장": "pcs", "เซ็ต": "sets",
    "lọ": "bottles", "hũ": "pcs", "botolnya": "bottles", "keping": "pcs", "セット": "sets",
    "ケース": "cartons", "枚": "pcs", "miếng": "pcs", "zestaw": "sets", "킬로": "kg",
    "sachê": "pcs", "lembar": "pcs", "cây": "pcs", "tuýp": "pcs", "банку": "pcs",
    "банка": "pcs", "公斤": "kg", "千克": "kg", "кг": "kg", "кило": "kg", "mascarilla": "pcs",
    "máscara": "pcs", "masque": "pcs", "maske": "pcs", "маску": "pcs", "tiegel": "pcs",
    "tarro": "pcs", "pot": "pcs", "pote": "pcs", "tubo": "pcs", "tuba": "pcs", "ampoule": "pcs",
}  # fmt: skip
# "each"-words that carry their own unit (Malay/Indonesian "se-" + unit).
_EACH_UNIT = {"seunit": "units", "sebotol": "bottles", "sekotak": "boxes", "sekeping": "pcs"}
_PER_ALT = "|".join(re.escape(w) for w in sorted(_PER_UNIT, key=len, reverse=True))
# "per", "/", "la", "l'", "à l'", "za", "je", "mỗi", "每", "ต่อ", "प्रति", Arabic "لكل"/"لل".
_PER_WORDS = (
    r"/|per|a|an|por|par|pro|je|za|за|每|一|la|le|l['’]|à l['’]|à la|al|das|the|each|cada|"
    r"mỗi|một|ต่อ|प्रति|لكل|لل|for (?:one|each|1)|untuk|setiap|для|satu|pro"
)
_PER = re.compile(
    rf"^\s?(?:{_PER_WORDS})\s?(?:1\s?)?(?P<unit>{_PER_ALT})(?![{_WORD_LETTER}])"
    # a singular piece word right after the price needs no "per": "1,50 € pièce"
    rf"|^\s(?P<bare>pièce|pieza|peça|stück|stk|szt|шт|darabját|darabja|cái)(?![{_WORD_LETTER}])"
    rf"|^\s?(?P<each>each|apiece|a piece|cada un[oa]|c/u|chacun|chacune|jeweils|cadauno|"
    rf"ciascuno|za штуку|darabonként|darabja|adeti|tanesi|adet başına|mỗi cái|per piece|개당|"
    rf"한 개에|sebiji|sebuah|seunit|sebotol|sekotak|sekeping|cada(?![{_WORD_LETTER}])|"
    rf"chaque(?![{_WORD_LETTER}])|ea\.?(?![{_WORD_LETTER}]))",
    re.IGNORECASE,
)
# Words before a price that make it a unit price ("단가", "unit price:", "每个", "ชิ้นละ"). A few
# filler words may sit between ("unit price would be", "단가는 개당").
_PER_BEFORE = re.compile(
    rf"(?:(?:^|[^\d])(?:1\s?|한\s?)?(?P<kunit>개|박스|병|세트|상자|kg|킬로)당|"
    rf"(?:^|[^\d.,])(?:1|한|一)\s?(?P<one>개|個|个|件|병|瓶|盒|박스|세트|套|本|枚|セット|ケース)|"
    rf"adet başı(?:na)?|tanesi\w*|"
    rf"(?P<bunit>koli|kutu|şişe|set) başı(?:na)?|"
    # "each one 1 dollar", "cada uno a 2 €": a bare each before the price
    rf"(?P<beach>\beach(?: one)?|cada un[oa]|chaque)\b|"
    # Hungarian "-nként" ("dobozonként 2500 Ft"), Russian "коробка масок по 900 рублей"
    rf"(?P<hunit>doboz|darab|üveg|szett|karton|palack)(?:onként|enként|ként)|"
    rf"(?P<ruunit>коробк|бутылк|флакон|набор|упаковк|штук|шт)\w*\.?(?:\s\w+)?\sпо|"
    # Hindi "हर यूनिट की कीमत" (each unit's price)
    rf"हर (?P<hiunit>यूनिट|पीस|बोतल)|"
    # "장당" (per sheet), "1ケースあたり", Thai "<unit>ละ" ("ขวดละ 55 บาท")
    rf"(?P<jang>장)당|(?P<case>ケース|箱|セット)(?:あたり|につき)|"
    rf"(?P<thai>ชิ้น|ขวด|เซ็ต|กล่อง|ลัง)ละ|"
    # "la unidad en dos dólares", "the unit at $2"
    rf"(?:la|le|el|the)\s(?P<lunit>{_PER_ALT})\s(?:en|à|a|at|for|por|pour)|"
    # "unit price" names no unit: the price is per whatever the buyer counts (per stays unset)
    rf"(?P<generic>단가|birim fiyat\w*|unit price|unit cost|preço unitário|precio unitario|"
    rf"prix unitaire|prezzo unitario|đơn giá|harga satuan|egységár|einzelpreis|"
    rf"cena jednostkowa|单价|單價|単価)|"
    rf"(?:price|cost|precio|preço|prix|prezzo|preis|prijs|цена|ціна|cena|giá|harga|ár|fiyat)\s?"
    rf"(?:per|por|par|pro|je|za|за|à l['’]|à la|al|mỗi|untuk|a|de)\s?(?:1\s)?(?P<unit>{_PER_ALT})|"
    rf"цена за штуку|stückpreis|個あたり|個につき|"
    rf"每\s?1?\s?(?P<zunit>个|個|件|瓶|盒|套|片|支|公斤|千克|箱)|"
    rf"ชิ้นละ|ราคาต่อ(?P<tunit>ชิ้น|หน่วย)|"
    rf"سعر (?:الوحدة|القطعة)|प्रति (?:पीस|यूनिट))"
    rf"[^\d.!?\n]{{0,14}}$",
    re.IGNORECASE,
)
# Units named before the price in words that carry no entry of their own in _PER_UNIT.
_PER_BEFORE_UNIT = {
    "koli": "cartons", "kutu": "boxes", "şişe": "bottles", "set": "sets", "ケース": "cartons",
    "箱": "cartons", "セット": "sets", "ชิ้น": "pcs", "ขวด": "bottles", "เซ็ต": "sets",
    "กล่อง": "boxes", "ลัง": "cartons", "doboz": "boxes", "darab": "pcs", "üveg": "bottles",
    "szett": "sets", "karton": "cartons", "palack": "bottles", "коробк": "boxes",
    "бутылк": "bottles", "флакон": "bottles", "набор": "sets", "упаковк": "boxes", "штук": "pcs",
    "шт": "pcs",
}  # fmt: skip
# Thousands written as words: "15k", "25 ribu", "3 mil", "10 ezer", "5 тыс".
_PRICE_SCALE = (
    rf"(?:\s?(?P<scale>k|K|mil|ribu|rb|nghìn|ngàn|ezer|bin|тыс\.?|тысяч)(?![{_WORD_LETTER}]))?"
)
# Prices are found number-first: numbers are rare in a message and a digit is a cheap anchor,
# so each number is checked for a currency token right before or right after it (dictionary
# look-ups of the few possible token lengths) instead of running currency alternations at
# every position of the text.
# "25.000,-" / "5,-": a round amount with its decimals dashed out (Indonesian, German, Dutch).
_AMOUNT = re.compile(rf"(?P<num>{_NUMBER})(?:[.,]-)?{_PRICE_SCALE}", re.IGNORECASE)
# Signs win over words when both end at the same place ("us$" over "$" is by length anyway).
_CURRENCY_TOKENS: dict[str, str] = {**_CURRENCY_WORDS, **_CURRENCY_SIGNS}
_LONGEST_TOKEN = max(len(token) for token in _CURRENCY_TOKENS)
_LETTER_RE = re.compile(f"[{_WORD_LETTER}]")


def _is_word_letter(ch: str) -> bool:
    return bool(_LETTER_RE.match(ch))


def _currency_before(text: str, start: int) -> tuple[int, str] | None:
    """(token start, currency) of a currency token ending right before ``start`` (one space ok)."""
    for end in (start, start - 1):
        if end < start and (end < 0 or not text[end].isspace()):
            break
        for length in range(min(_LONGEST_TOKEN, end), 0, -1):
            begin = end - length
            code = _CURRENCY_TOKENS.get(text[begin:end].lower())
            # a token that starts with a letter must start a word ("tl" is not in "title")
            if code and not (
                text[begin].isalpha() and begin > 0 and _is_word_letter(text[begin - 1])
            ):
                return begin, code
    return None


def _currency_after(text: str, end: int) -> tuple[int, str] | None:
    """(token end, currency) of a currency token starting right at ``end`` (one space ok)."""
    for begin in (end, end + 1):
        if begin > end and (begin > len(text) or not text[end].isspace()):
            break
        for length in range(min(_LONGEST_TOKEN, len(text) - begin), 0, -1):
            stop = begin + length
            code = _CURRENCY_TOKENS.get(text[begin:stop].lower())
            if code and not (stop < len(text) and _is_word_letter(text[stop])):
                return stop, code
    return None


_CONTAINER_AFTER = re.compile(
    r"\s?(?:containers?|cont\b|hc\b|high cube|dc\b|gp\b|dv\b|reefer|konténer|kontejner|контейнер)",
    re.IGNORECASE,
)
_DOLLAR_FAMILY = frozenset({"MXN", "CAD", "AUD", "SGD", "HKD", "NZD", "TWD", "ARS", "CLP", "COP"})
# Korean, Chinese and Japanese myriads: "2만원", "1만 5천원", "5千元".
_MYRIAD_PRICE = re.compile(
    r"(?=\d)(?:(?P<man>\d+(?:\.\d+)?)\s?[만万萬])?\s?(?:(?P<cheon>\d+(?:\.\d+)?)\s?[천千])?\s?"
    r"(?P<rest>\d+)?\s?(?P<cur>원|元|円|块|塊|日元|韩元)"
)
# Prices in CJK numerals: "千二百円", "十五元", "两千韩元".
_KANJI_PRICE = re.compile(
    r"(?P<n>[一二两兩三四五六七八九十百千万萬]+)(?P<cur>円|元|块|塊|日元|韩元)"
)
_KANJI_DIGIT = {"一": 1, "二": 2, "两": 2, "兩": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7,
                "八": 8, "九": 9}  # fmt: skip
_KANJI_UNIT = {"十": 10, "百": 100, "千": 1000}


def _kanji_number(numeral: str) -> int:
    """Value of a CJK numeral up to the myriads ("千二百" -> 1200, "两万五千" -> 25000)."""
    total = section = digit = 0
    for ch in numeral:
        if ch in _KANJI_DIGIT:
            digit = _KANJI_DIGIT[ch]
        elif ch in _KANJI_UNIT:
            section += (digit or 1) * _KANJI_UNIT[ch]
            digit = 0
        else:  # 万 / 萬
            total += (section + digit or 1) * 10_000
            section = digit = 0
    return total + section + digit


# The upper end of a price range right after a price ("$1.20-1.50/pc", "1,20 a 1,50 USD").
_RANGE_AFTER = re.compile(
    rf"^\s?(?:-|–|~|to|a|à|bis|до|hasta|até|ila|hingga|sampai|đến|and|y|e|et|und|и|en|و)\s?"
    rf"(?:{_SIGN_ALT})?\s?(?P<num>{_NUMBER})(?:\s?{_CURRENCY_AFTER})?",
    re.IGNORECASE,
)
# The lower end of a range whose currency is written only once, after it ("1,20-1,50 €").
_RANGE_BEFORE = re.compile(
    rf"(?<![\d.,])(?P<num>{_NUMBER})\s?(?:-|–|~|to|a|à|bis|до|hasta|até)\s?$"
    # "between 9 and 11 €", "entre 1,80 y 2,10 dólares", "tra 3 e 3,50 €", "بين 3 و 3.5 دولار"
    rf"|(?:between|entre|zwischen|tra|fra|tussen|między|между|між|között|arasında|بين|từ|"
    rf"antara)\s(?:{_SIGN_ALT})?\s?(?P<num2>{_NUMBER})\s?(?:{_SIGN_ALT})?\s?"
    rf"(?:and|y|et|und|e|en|i|и|і|és|ve|و|và|dan|to|a|à)\s?$",
    re.IGNORECASE,
)
_TARGET_WORDS = re.compile(
    r"target|budget|max(?:imum)?|no more than|around|about|(?<!y)our price|we can pay|offer|"
    r"(?:i|we) (?:can|could) (?:only )?pay|can only pay|"
    r"under|below|up to|less than|at most|"
    r"objetivo|presupuesto|alvo|orçamento|cible|budget|zielpreis|целев|бюджет|célár|"
    r"hedef|giá mục tiêu|ngân sách|harga target|目标|希望|목표|예산|السعر المستهدف|ميزانية|"
    r"menos de|máximo|moins de|höchstens|unter|не более|не дороже|до |alatt|altında|"
    r"không quá|dưới|maksimal|이하|以下|以内|不超过|ไม่เกิน|أقل من|prezzo obiettivo|doelprijs|"
    r"cena docelowa|budżet",
    re.IGNORECASE,
)


# A price someone else asked or charged ("another supplier offered us $0.95", "competitor quoted
# US$0.55", "last year you sold us at $1.10", "别家报价1.1美元") is the buyer's reference, not
# the price they target; the clause before the price says so.
_REFERENCE_PRICE = re.compile(
    r"competitor|other supplier|another supplier|other vendor|another vendor|current supplier|"
    # "another Korean supplier", "our previous OEM factory", "we bought them at"
    r"(?:another|other|previous|old|current|existing|former)(?: [\w-]+){0,2} "
    r"(?:suppliers?|vendors?|factory|factories|manufacturers?|sellers?|brands?)|"
    r"we (?:bought|purchased|used to (?:buy|pay)|were buying)|"
    # the seller's own price, quoted back: "your price of $2.50", "you quoted", "귀사 견적"
    r"your (?:price|quote|quotation|offer|listing|list price|website|catalog(?:ue)?)|"
    r"you (?:quoted|offered|are (?:asking|charging)|charge|ask)|"
    r"(?:listing|website|catalog(?:ue)?|price list) (?:says|shows|price|lists)|"
    r"(?:we )?(?:currently|now) (?:buy|pay|get)|we (?:buy|get) (?:it|them|a similar|the same)|"
    r"(?:we )?(?:were|was|been) offered|offered by|"
    r"귀사 견적|견적(?:가|을|이|은|에서)|제시하신|주신 (?:가격|견적)|말씀하신|"
    r"你们的?(?:价格|报价)|贵司(?:的)?报价|你们报|御社の(?:価格|見積|提示)|提示された|"
    r"вы (?:предложили|указали|просите)|ваш[аеи]? (?:цена|цены|предложение|прайс)|ваша ціна|"
    r"ihr(?:e|en)? (?:angebot|preis)|sie (?:haben )?angeboten|"
    r"votre (?:prix|offre|devis|tarif)|vous (?:avez )?propos|"
    r"su (?:precio|oferta|cotizaci[oó]n)|(?:nos )?cotizaron|ustedes (?:ofrecen|cobran)|"
    r"(?:o )?seu (?:pre[cç]o|or[cç]amento)|voc[eê]s (?:cobram|ofereceram)|"
    r"il vostro prezzo|vostra offerta|uw prijs|wasza cena|pa[nń]stwa cena|fiyat[ıi]n[ıi]z|"
    r"harga (?:anda|kalian)|سعركم|báo giá (?:bên|của) (?:bạn|shop)|"
    r"quoted (?:me|us)|other (?:sellers|shops|stores)|mitbewerber|여기는|여기선|"
    r"listed price|listing price|表示価格|御社の|표시 ?가격|견적 ?주신|주신 단가|제시해 ?주신|"
    r"credit note|gutschrift|refund of|remboursement de|"
    r"instead of|aj[aá]nlott|en (?:lugar|vez) de|au lieu de|\b(?:an)?statt|invece di|em vez de|"
    r"zamiast|вместо|"
    r"invoice \S+ (?:shows|says)|\bshows\b|agreed (?:total|price|amount|on|upon)|we agreed|"
    r"合計|合计|總計|总计|返金|환불|\binvoice\b|factura|rechnung|сч[её]т|发票|請求書|인보이스|"
    r"(?<!目)标价|(?<!目)標價|cotaram|cotizaron|cotaron|avez propos[ée]|ви запропонували|"
    r"se vend|en boutique|chez nous|"
    r"(?:orders?|amounts?) (?:above|over|of more than|exceeding)|"
    r"el año pasado|les compramos|compramos a|l['’]ann[ée]e derni[eè]re|letztes jahr|"
    r"в прошлом году|去年|昨年|tahun lalu|năm ngoái|ge[cç]en y[ıi]l|w zesz[lł]ym roku|tavaly|"
    r"l['’]anno scorso|vorig jaar|ano passado|"
    r"im laden|in (?:the|our) shop|en (?:la )?tienda|na loja|en magasin|в магазине|매장에서|"
    r"店里|verkaufen wir|vendemos (?:a|por|en)|nous (?:le |les )?vendons|"
    r"这次报价|你们(?:的)?报价|对方报价|"
    # fees, invoices and costs that are not the goods' unit price
    r"샘플비|샘플 ?비용|サンプル代|サンプル費|frais de (?:port|livraison|transport)|"
    r"frais d['’]envoi|сч[её]т на|рахунок на|invoice (?:of|for|amount)|factura (?:de|por)|"
    r"rechnung (?:über|von)|\bvs\.?\s?$|"
    r"previous supplier|old supplier|existing supplier|other factor(?:y|ies)|quoted us|"
    r"offered us|sold (?:it )?(?:to )?us|we (?:were|are) (?:currently )?paying|we paid|"
    r"(?:is )?selling (?:it )?(?:for|at)|retails? (?:for|at)|"
    r"otro proveedor|competencia|proveedor actual|outro fornecedor|concorrente|"
    r"autre fournisseur|fournisseur (?:précédent|actuel)|concurrent|vendait|"
    r"anderer lieferant|andere lieferanten|konkurrenz|bisheriger lieferant|"
    r"altro fornitore|inny dostawca|konkurencj|andere leverancier|"
    r"другой поставщик|други[ех] поставщик|конкурент|предлагал|"
    r"інший постачальник|másik beszállító|konkurencia|başka (?:bir )?tedarikçi|rakip|"
    r"supplier lain|pemasok lain|pembekal lain|nhà cung cấp khác|bên khác|"
    r"다른 업체|타사|경쟁사|别家|其他供应商|其他厂家|同行|他社|別の業者|競合|"
    r"مورد آخر|المنافس|ผู้ขายอื่น|ร้านอื่น|competidor|wettbewerber|versenytárs|concorrent|"
    r"其他供應商|其他供应商|別家|bên kia|เจ้าอื่น|ibang supplier|dusre supplier|supplier lain|"
    r"pembekal lain|"
    # a price paid before: the last order, not this one
    r"last time|last order|previous order|last year|we paid|paid us|pagábamos|"
    r"payé|bezahlt|betaald|płaciliśmy|fizettünk|ödedik|geçen sefer|в прошлый раз|платили|"
    r"минулого разу|دفعنا|الطلب السابق|작년|지난번|이전 구매|前回|上次|以前|lần trước|"
    r"sebelumnya|letztes mal|vorige keer|la dernière fois|la última vez|"
    r"última vez|ostatnio|múltkor|"
    # a shelf or retail price, the buyer's selling price
    r"retail price|retail (?:is|at)|sells? for|selling price|\bPVP\b|\bMRP\b|\bSRP\b|"
    r"\bRRP\b|prezzo al pubblico|"
    r"prix de vente|precio de venta|preço de venda|verkaufspreis|продаётся|продается|"
    r"розничн|판매가|소비자가|售價|售价|零售|門市價|giá bán lẻ|harga ecer|سعر البيع|"
    r"ขายปลีก|se vende|في المتاجر|we sell (?:it |them |this )?(?:at|for)|"
    r"market price|prix du marché|precio de mercado|preço de mercado|marktpreis|рыночн|"
    r"시장가|市场价|市場價|giá thị trường|harga pasar|"
    # costs that are not the goods' price: shipping, samples, services
    r"shipping (?:cost|fee|charge|quote|rate)|freight (?:cost|charge|rate)|"
    r"courier (?:charge|fee|cost)|cost of shipping|envío|flete|frete|frais d['’]|versand|"
    r"wysyłk|szállítás|"
    r"kargo|доставк|الشحن|배송비|운송비|送料|运费|運費|phí ship|ongkir|penghantaran|ค่าส่ง|"
    r"sample fee|muestras|amostras|musterkosten|mintadíj|próbek|numune|样品费|樣品費|"
    r"cost us|tarif mulai|mulai dari|starting (?:from|at)|รายได้|monthly|per month|"
    r"(?:^|\s)월\s?$|每月|毎月",
    re.IGNORECASE,
)
# Words right after a price, in the same clause, that make it not a target: a total budget
# ("$5,000 total", "1.250 € au total") rather than a unit price.
_NOT_TARGET_AFTER = re.compile(
    r"(?:[^.,!?。！？\n;，]|[.,](?=\d)){0,30}?"
    r"(?:\btotal|au total|insgesamt|in totale|łącznie|összesen|"
    r"toplam|всего|итого|総額|总共|總共|"
    # a past order: "R$ 6,50 por unidade no último pedido"
    r"último pedido|ultimo ordine|dernière commande|letzten bestellung|last order|"
    r"la última vez|last time|الطلب السابق|lần trước|in (?:our|the|my) (?:store|shop)|"
    # a fee, not the goods: "the $35 sample fee"
    r"sample fee|\bfee\b|shipping cost|(?:[aá]r )?helyett|"
    r"(?:por|for|pour|für) (?:ese|el|este|that|the|this|cette|la|die|diese) "
    r"(?:pedido|order|commande|bestellung)|"
    r"\s?vs\.?\s|at other (?:sellers|suppliers|shops|stores)|"
    # a price the buyer finds too high is the seller's, not the buyer's target
    r"(?:is |are |seems |est |ist |es |è |jest )?(?:too (?:high|expensive|much)|"
    r"trop (?:[ée]lev[ée]|cher)|muy alto|demasiado|zu (?:hoch|teuer)|troppo|"
    r"te (?:hoog|duur)|(?:слишком|очень) дорог|это дорого|дороговато|너무 비싸|비쌉니다|"
    r"비싸요|太贵|太高|高すぎ|hơi cao|quá cao|bên (?:bạn|shop|em) báo|terlalu mahal|"
    r"çok pahal|za drogo|za wysok|t[uú]l dr[aá]ga|غالي جدا|แพงไป|caro demais|muito caro|"
    r"높네요|높아요|"
    r"높습니다|비싸네요|비싼가요|나왔는데|mahal sekali)|"
    r"(?:from|dari|de|от|von|du) (?:our |the |a |kami )?(?:old |previous |current |another )?"
    r"(?:supplier|factory|pemasok|supplier lama)|"
    # an income, not a price: "10 000 € par mois", "$500 per day", "10-15 triệu/tháng"
    r"(?:per|a|par|al|por|pro|im|в|за|mỗi|/)\s?(?:month|day|week|mois|jour|mes|día|mês|dia|"
    r"monat|tag|месяц|день|tháng|ngày|bulan|hari|ay|gün)(?![a-zà-ÿ])|"
    r"/(?:th|mo)\b|每月|每天|毎月|한 달|매달|매월|하루|ต่อเดือน|شهري|شهريا)",
    re.IGNORECASE,
)
# Words just before a price that make it a total budget, not a unit price.
_TOTAL_BEFORE = re.compile(
    r"total budget|budget total|budget ne dépasse|budget global|gesamtbudget|"
    r"الإجمالية|الإجمالي|งบประมาณรวม|총 예산|总预算|總預算|予算総額|tổng ngân sách|"
    r"total de|order value|bestellwert|"
    r"\btotal\s?(?:of|is|was|amount|value|price|cost)?\s?:?\s?$|"
    r"budget for the (?:whole|entire|first|complete)|for the whole (?:first )?order",
    re.IGNORECASE,
)
_CLAUSE_END = re.compile(r"[!?。！？\n;，、]|[.,](?!\d)")


def _is_reference_price(text: str, start: int, previous_end: int) -> bool:
    """Whether the clause before the price (back to the previous price) names someone else's."""
    before = text[max(0, start - 60, previous_end) : start]
    cut = [m.end() for m in _CLAUSE_END.finditer(before)]
    if cut:
        before = before[cut[-1] :]
    return bool(_REFERENCE_PRICE.search(before) or _TOTAL_BEFORE.search(before))


# "2 USD or less per unit", "3 € maximum": a cap written after the price; the unit may follow.
_OR_LESS = re.compile(
    r"\s?,?\s?(?:or (?:less|lower|below|under|cheaper)|max(?:imum)?\.?|at most|tops|"
    r"o menos|ou menos|ou moins|au maximum|maximal|h[öo]chstens|oder weniger|"
    r"или (?:меньше|дешевле)|максимум|o meno|al massimo|hoặc thấp hơn|atau kurang|"
    rf"veya daha az|vagy kevesebb|lub mniej|of minder)(?![{_WORD_LETTER}])",
    re.IGNORECASE,
)


_COUNTER_OFFER = re.compile(
    r"(?:we can do|can you do|could you do|we can pay|i can pay|how about|what about|"
    r"we offer|i can do|we can go|make it|podemos pagar|on peut faire|wir können)\s"
    r"(?:it )?(?:at |for )?(?P<num>\d+(?:[.,]\d+)?)(?![\d.,]*\s?(?:%|pcs|units|k\b|x\b))",
    re.IGNORECASE,
)
_GENERIC_EACH = re.compile(r"\b(?:each|apiece)\b", re.IGNORECASE)
# "each" words that name no unit of their own ("cada", "chacun", "jeweils", "each").
_BARE_EACH = frozenset({
    "each", "apiece", "cada uno", "cada una", "c/u", "chacun", "chacune", "jeweils", "cadauno",
    "ciascuno", "cada", "chaque", "ea", "ea.",
})  # fmt: skip
# Units a bare "each" can stand for; measures (kg, ml) are priced per their own unit.
_COUNTED_UNITS = frozenset({"pcs", "units", "bottles", "boxes", "cartons", "sets"})


# Tax and trade terms between a price and its unit ("1 € HT la pièce", "$1.2 FOB per pc"),
# and Hungarian case endings on the currency ("400 Ft-ért darabját").
_PRICE_TERMS = re.compile(
    r"\s?(?:HT|TTC|net|netto|excl\.? VAT|ex\.? VAT|\+ ?VAT|zzgl\.? MwSt\.?|FOB|CIF|EXW|DDP|"
    r"CFR|DAP|(?<=\S)-(?:ért|ot|et|os|tól))(?![A-Za-z])"
)
# Cents: "95 cents each", "50 centimes la pièce".
_CENTS = re.compile(
    rf"(?<![\d.,])(?P<num>\d{{1,2}})\s?(?P<cur>cents|centimes|céntimos|eurocent|euro ?cents)"
    rf"(?![{_WORD_LETTER}])",
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


# Small amounts written in words: "two dollars a bottle", "deux euros la pièce", "dos dólares",
# "one pound ninety each" (the cents in tens after the currency word).
_AMOUNT_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "un": 1, "uno": 1, "una": 1, "dos": 2, "tres": 3, "cuatro": 4,
    "cinco": 5, "diez": 10, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "dix": 10, "ein": 1,
    "einen": 1, "zwei": 2, "drei": 3, "vier": 4, "fünf": 5, "zehn": 10, "due": 2, "tre": 3,
    "quattro": 4, "cinque": 5, "dieci": 10, "dois": 2, "duas": 2, "três": 3, "dwa": 2, "trzy": 3,
    "два": 2, "три": 3, "пять": 5, "iki": 2, "üç": 3, "beş": 5, "két": 2, "három": 3,
}  # fmt: skip
_CENTS_WORDS = {"ten": 10, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
                "seventy": 70, "eighty": 80, "ninety": 90}  # fmt: skip
_WORD_PRICE = re.compile(
    rf"(?<![{_WORD_LETTER}])(?P<n>{'|'.join(sorted(_AMOUNT_WORDS, key=len, reverse=True))})\s"
    rf"(?P<cur>[{_WORD_LETTER}]+)(?:\s(?P<cents>{'|'.join(_CENTS_WORDS)})(?![{_WORD_LETTER}]))?",
    re.IGNORECASE,
)
_SPELLED_CURRENCIES = {**_CURRENCY_WORDS, "pound": "GBP", "pounds": "GBP"}


# Thousands words that name the currency too when no currency is written: "rb"/"ribu" are
# rupiah, "nghìn"/"ngàn" (and "k" in a Vietnamese message) are dong.
_SCALED_PRICE = re.compile(r"\d\s?(?:k|rb|ribu|nghìn|ngàn|mil|ezer|bin|тыс)", re.IGNORECASE)
_IMPLIED_CURRENCY = {"rb": "IDR", "ribu": "IDR", "nghìn": "VND", "ngàn": "VND", "k": "VND?"}
_VIETNAMESE = re.compile(r"[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]")


def _price_matches(text: str) -> list[tuple[int, int, float, str]]:
    """(start, end, amount, currency) of every price written in ``text``, without overlaps."""
    found: list[tuple[int, int, float, str]] = []
    taken: list[tuple[int, int]] = []

    def add(start: int, end: int, amount: float, currency: str) -> None:
        if currency == "HUF" and _CONTAINER_AFTER.match(text, end):
            return  # "2 x 40ft containers": feet, not forints
        if amount > 0 and not any(s < end and start < e for s, e in taken):
            found.append((start, end, amount, currency))
            taken.append((start, end))

    if any(mark in text for mark in "만천万千萬"):
        for match in _MYRIAD_PRICE.finditer(text):
            if not (match.group("man") or match.group("cheon")):
                continue
            amount = (
                float(match.group("man") or 0) * 10_000
                + float(match.group("cheon") or 0) * 1_000
                + float(match.group("rest") or 0)
            )
            add(match.start(), match.end(), amount, _CURRENCY_WORDS[match.group("cur")])
    for match in _KANJI_PRICE.finditer(text):
        add(
            match.start(),
            match.end(),
            _kanji_number(match.group("n")),
            _CURRENCY_WORDS[match.group("cur")],
        )
    for match in _CENTS.finditer(text):
        cents_code = "USD" if match.group("cur").lower() == "cents" else "EUR"
        add(match.start(), match.end(), int(match.group("num")) / 100, cents_code)
    for match in _WORD_PRICE.finditer(text):
        spelled = _SPELLED_CURRENCIES.get(match.group("cur").lower())
        if spelled and len(match.group("cur")) >= 3:
            amount = float(_AMOUNT_WORDS[match.group("n").lower()])
            if match.group("cents"):
                amount += _CENTS_WORDS[match.group("cents").lower()] / 100
            add(match.start(), match.end(), amount, spelled)
    for match in _AMOUNT.finditer(text):
        start, end = match.span()
        before = _currency_before(text, start)
        if before:
            start, currency = before
            # "人民币12元/件", "$5 USD per piece": the currency said twice belongs to the price
            again = _currency_after(text, end)
            if again and again[1] == currency:
                end = again[0]
            elif again and currency == "USD" and again[1] in _DOLLAR_FAMILY:
                end, currency = again  # "$45 MXN", "$20 CAD": the code says which dollar
        else:
            after = _currency_after(text, end)
            if after is None:
                implied = _IMPLIED_CURRENCY.get((match.group("scale") or "").lower())
                if implied == "VND?":
                    implied = "VND" if _VIETNAMESE.search(text) else None
                # "8rb per pcs", "15k/hộp": a thousands word only Indonesian or Vietnamese
                # prices use, right before a per-unit word, implies the local currency
                if implied is None or not _PER.match(text[end : end + 24]):
                    continue
                currency = implied
            else:
                end, currency = after
        try:
            amount = _scaled(match.group("num"), match.group("scale"))
        except ValueError:
            continue
        add(start, end, amount, currency)
    return found


def extract_target_price(text: str) -> Price | None:
    """The price the buyer targets; a price next to "target"/"budget" wins over the first one.

    A range ("$1.20-1.50/pc") reads as its lower end, which is what the buyer aims for.
    """
    found: list[tuple[int, Price, bool, bool]] = []
    previous_end = 0
    reference_currency: str | None = None
    for start, end, amount, currency in sorted(_price_matches(text)):
        reference = _is_reference_price(text, start, previous_end) or bool(
            _NOT_TARGET_AFTER.match(text, end)
        )
        previous_end = end
        if reference:
            reference_currency = reference_currency or currency
            continue
        before = text[max(0, start - 40) : start]
        lower = _RANGE_BEFORE.search(before)
        if lower:
            low = _scaled(lower.group("num") or lower.group("num2"), None)
            # "20-25 nghìn/hũ": the thousands word of the upper end belongs to both
            if _SCALED_PRICE.search(text[start:end]) and low * 1000 <= amount * 5:
                low *= 1000
            if 0 < low < amount:
                amount = low
        upper = _RANGE_AFTER.match(text[end : end + 24])
        if upper:
            try:
                high = parse_number(upper.group("num"))
            except ValueError:
                high = 0
            if amount < high <= amount * 5:
                end += upper.end()
        filler = _OR_LESS.match(text, end)
        if filler:
            end = filler.end()
        terms = _PRICE_TERMS.match(text, end)
        if terms:
            end = terms.end()
        per_match = _PER.match(text[end : end + 24])
        per: str | None = None
        bare_each = False
        if per_match:
            each = (per_match.group("each") or "").lower()
            per = _PER_UNIT.get(
                (per_match.group("unit") or "").lower(), _EACH_UNIT.get(each, "pcs")
            )
            bare_each = each in _BARE_EACH
        else:
            per_before = _PER_BEFORE.search(before)
            if per_before and per_before.group("generic"):
                # "목표 단가는 개당", "单价每个": a unit named after "unit price" wins
                per_before = _PER_BEFORE.search(before, per_before.end("generic")) or per_before
            if per_before:
                groups = per_before.group("kunit", "one", "unit", "zunit", "tunit", "lunit")
                unit = next((g for g in groups if g), None)
                per = _PER_UNIT.get((unit or "").lower(), "pcs")
                if per_before.group("generic"):
                    per = None
                elif per_before.group("beach"):
                    per, bare_each = "pcs", True
                elif per_before.group("hiunit"):
                    per = {"यूनिट": "units", "बोतल": "bottles"}.get(
                        per_before.group("hiunit"), "pcs"
                    )
                elif per_before.group("hunit") or per_before.group("ruunit"):
                    word = (per_before.group("hunit") or per_before.group("ruunit")).lower()
                    per = _PER_BEFORE_UNIT.get(word, "pcs")
                elif per_before.group("bunit"):
                    per = _PER_BEFORE_UNIT.get(per_before.group("bunit").lower(), "pcs")
                elif per_before.group("case"):
                    per = _PER_BEFORE_UNIT.get(per_before.group("case"), "cartons")
                elif per_before.group("thai"):
                    per = _PER_BEFORE_UNIT.get(per_before.group("thai"), "pcs")
        targeted = bool(filler) or bool(_TARGET_WORDS.search(before))
        found.append((start, Price(_clean(amount), currency, per), targeted, bare_each))
    if not found and reference_currency:
        # "you quoted 2.5 USD, we can do 2.1": a counter-offer in the currency of the quote
        counter = _COUNTER_OFFER.search(text)
        if counter:
            return Price(_clean(parse_number(counter.group("num"))), reference_currency, None)
    if not found:
        return None
    found.sort(key=lambda item: item[0])
    aimed = [item for item in found if item[2]]
    _, price, _, bare_each = (aimed or found)[0]
    # "4,800 units at one pound ninety each", "2.000 unidades ... R$ 5,00 cada": a bare "each"
    # is per the unit the order counts
    if price.per == "pcs" and (bare_each or _GENERIC_EACH.search(text)):
        quantity = extract_quantity(text)
        if quantity is not None and quantity.unit in _COUNTED_UNITS:
            price = Price(price.amount, price.currency, quantity.unit)
    return price


# ---------------------------------------------------------------------------------------------
# Destination country
# ---------------------------------------------------------------------------------------------

# Names and demonyms pycountry does not know, in the languages buyers write in; cities that
# stand for a market. The seller's own country (KR) is left out: "Korean cosmetics" and "made in
# Korea" describe the goods, not the destination.
_EXTRA_COUNTRY_NAMES: dict[str, tuple[str, ...]] = {
    "HU": ("hungary", "magyarország", "magyarorszag", "hungarian", "magyar", "magyarországi",
           "hungría", "hungria", "hongrie", "ungarn", "венгрия", "венгрии", "헝가리", "macaristan",
           "hungaria", "budapest", "匈牙利", "ハンガリー", "węgry", "hungarije", "debrecen",
           "szeged", "győr", "pécs", "miskolc"),
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
           "estados unidos", "eeuu", "états-unis", "сша", "미국", "amerika", "abd", "texas",
           "california", "florida", "miami", "chicago", "houston", "美国"),
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
    "AT": ("austria", "österreich", "autriche", "vienna", "wien", "오스트리아"),
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
# Cities buyers name as their market or ship-to port, beyond the capitals above.
_EXTRA_CITIES: dict[str, tuple[str, ...]] = {
    "VN": ("tp.hcm", "tphcm", "hcmc", "tp hcm", "da nang", "đà nẵng", "hải phòng", "haiphong"),
    "RU": ("санкт-петербург", "петербург", "st petersburg", "saint petersburg", "екатеринбург",
           "новосибирск", "казань", "краснодар", "владивосток", "vladivostok"),
    "UA": ("одеса", "одесса", "харків", "львів", "lviv", "kharkiv", "odesa", "odessa"),
    "KZ": ("астана", "astana", "шымкент"),
    # "in the US", market adjectives ("mercado argentino", "للسوق السعودي", "w Polsce")
    "PE": ("callao", "peruano", "peruana", "arequipa"),
    "AR": ("argentino", "argentina", "argentinian", "rosario", "mendoza"),
    "CL": ("chileno", "chilena", "valparaíso"),
    "US": ("the us", "the u.s.", "u.s.a.", "u.s.a", "the states", "seattle", "san francisco",
           "atlanta", "dallas", "boston", "las vegas",
           "new jersey", "san diego", "philadelphia", "portland"),
    "GB": ("manchester", "birmingham", "glasgow", "edinburgh", "liverpool", "leeds", "bristol"),
    "IE": ("dublin",),
    "AE": ("al ain", "ajman", "الشارقة", "أبوظبي", "ابوظبي", "عجمان", "迪拜", "ドバイ"),
    "SA": ("السعودي", "saudita", "dammam", "makkah", "mecca", "medina", "الدمام", "مكة"),
    "QA": ("الدوحة",),
    "OM": ("muscat", "مسقط"),
    "BH": ("manama", "المنامة"),
    "LB": ("beirut", "بيروت"),
    "EG": ("alexandria", "الإسكندرية"),
    "ES": ("valencia", "sevilla", "seville", "málaga", "bilbao"),
    "MX": ("cdmx", "ciudad de méxico", "mexico city", "tijuana"),
    "CO": ("cartagena", "barranquilla"),
    "BR": ("brasília", "curitiba", "belo horizonte", "porto alegre", "salvador da bahia"),
    "FR": ("lyon", "marseille", "toulouse", "bordeaux", "lille", "strasbourg"),
    "BE": ("antwerp", "antwerpen", "anvers", "ghent", "liège", "brussel"),
    "CH": ("zürich", "zurich", "geneva", "genève", "genf", "basel", "lausanne", "schweiz",
           "suisse", "svizzera"),
    "DE": ("frankfurt", "köln", "düsseldorf", "stuttgart", "leipzig", "dresden"),
    "IT": ("napoli", "naples", "torino", "turin", "firenze", "bologna", "venezia"),
    "NL": ("utrecht", "den haag", "the hague", "eindhoven"),
    "PL": ("polsce", "polskim", "polskiego", "polskiej", "warszawie", "warszawy", "kraków",
           "krakow", "krakowie", "wrocław", "wrocławiu",
           "gdańsk", "gdańsku", "poznań", "poznaniu", "łódź", "łodzi"),
    "SE": ("stockholm", "göteborg", "gothenburg", "malmö"),
    "GR": ("athens", "thessaloniki"),
    "TR": ("izmir", "i̇zmir", "antalya"),
    "IN": ("chennai", "kolkata", "hyderabad", "pune", "ahmedabad"),
    "PK": ("islamabad",),
    "BD": ("chittagong", "chattogram"),
    "ID": ("medan", "bandung", "bali", "semarang", "makassar", "yogyakarta"),
    "MY": ("penang", "pulau pinang", "johor bahru", "johor", "kota kinabalu", "kuching", "ipoh"),
    "TH": ("chiang mai", "phuket", "pattaya", "เชียงใหม่", "ภูเก็ต", "พัทยา", "หาดใหญ่"),
    "PH": ("cebu", "davao", "quezon city", "makati"),
    "JP": ("東京", "大阪", "京都", "名古屋", "福岡", "札幌", "横浜", "kyoto", "yokohama",
           "nagoya", "fukuoka", "sapporo"),
    "CN": ("北京", "上海", "广州", "深圳", "杭州", "成都", "beijing", "shenzhen", "hangzhou",
           "chengdu", "廣州"),
    "TW": ("台北", "臺北", "高雄", "kaohsiung", "taichung"),
    "AU": ("brisbane", "adelaide", "perth"),
    "NZ": ("wellington", "christchurch"),
    "CA": ("montreal", "montréal", "calgary", "ottawa"),
    "KE": ("mombasa",),
    "NG": ("abuja",),
    "GH": ("accra", "ghana"),
    "ZA": ("cape town", "durban", "pretoria"),
}  # fmt: skip
# Country and city names in the buyers' own scripts, and more cities of note.
_NATIVE_NAMES: dict[str, tuple[str, ...]] = {
    "MY": ("马来西亚", "馬來西亞", "マレーシア", "말레이시아", "ماليزيا"),
    "SG": ("新加坡", "シンガポール", "싱가포르", "سنغافورة"),
    "TH": ("泰国", "泰國", "태국", "ประเทศไทย", "กรุงเทพ", "تايلاند"),
    "ID": ("印尼", "印度尼西亚", "インドネシア", "인도네시아", "إندونيسيا"),
    "PH": ("菲律宾", "菲律賓", "フィリピン", "필리핀", "الفلبين"),
    "IN": ("भारत", "मुंबई", "दिल्ली", "बेंगलुरु", "कोलकाता", "चेन्नई", "印度", "インド", "인도",
           "الهند"),
    "CI": ("abidjan", "côte d'ivoire", "cote d'ivoire", "ivory coast"),
    "SN": ("dakar",),
    "AT": ("graz", "linz", "salzburg", "innsbruck", "wien", "vienna", "österreich"),
    "UA": ("україні", "києві", "львові", "одесі", "харкові"),
}  # fmt: skip
# pycountry short names that are also common words or people's names.
_AMBIGUOUS_NAMES = {"chad", "jordan", "georgia", "niger", "guinea", "turkey", "china", "korea",
                    "mali", "oman", "peru", "cuba", "togo", "jersey", "bermuda", "panama",
                    "france", "india"}  # fmt: skip
_NOT_A_DESTINATION = re.compile(
    r"(?:made in|from|produced in|manufactured in|origin|제조|산)\s*$", re.IGNORECASE
)


def _trie_regex(words: dict[str, str]) -> str:
    """One regex for many literal words, factored by common prefixes (a trie).

    ``words`` maps each word to what must follow it ("" or a lookahead). The engine then tests
    one branch per character instead of every name at every word start; longer words are tried
    before the shorter words they extend, as in a longest-first alternation.
    """
    trie: dict[str, Any] = {}
    for word, tail in words.items():
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = tail

    def emit(node: dict[str, Any]) -> str:
        branches = [re.escape(ch) + emit(child) for ch, child in node.items() if ch]
        if "" in node:
            branches.append(node[""])
        if len(branches) == 1:
            return branches[0]
        return "(?:" + "|".join(branches) + ")"

    return emit(trie)


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
    for table in (_EXTRA_COUNTRY_NAMES, _EXTRA_CITIES, _NATIVE_NAMES):
        for code, extra in table.items():
            for name in extra:
                names[name.lower()] = code
    names["china"] = "CN"

    # Latin names need word edges; Hangul/Han/Arabic names may carry particles ("헝가리에").
    # Names of five letters or more may carry a case ending ("Magyarországra", "Vietnamba",
    # "Казахстана"); shorter ones must end at a word edge ("UK" is not "Ukraine").
    # Hangul, Han and Arabic names carry particles with no space ("베트남으로").
    def may_inflect(name: str) -> bool:
        return len(name) >= 5 or any(ord(ch) >= 0x0600 for ch in name)

    # Thai, Chinese and Japanese are written without spaces: a name there follows any letter
    # ("として日本で", "ของไทย").
    def spaceless(name: str) -> bool:
        return 0x0E00 <= ord(name[0]) <= 0x0E7F or 0x3040 <= ord(name[0]) <= 0x9FFF

    edge = r"(?![^\W\d_])"
    free = _trie_regex({n: "" for n in names if spaceless(n)})
    spaced = _trie_regex({n: "" if may_inflect(n) else edge for n in names if not spaceless(n)})
    pattern = re.compile(
        rf"(?=[\u0e00-\u0e7f\u3040-\u9fff]){free}|(?<![^\W\d_]){spaced}", re.IGNORECASE
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
# Incoterms spelled out: "ex-works price", "free on board", "delivered duty paid".
_INCOTERM_WORDS = re.compile(
    r"\b(?P<EXW>ex[- ]?works|ab werk|franco f[aá]brica)\b|\b(?P<FOB>free on board)\b|"
    r"\b(?P<CIF>cost,? insurance,? (?:and|&) freight)\b|\b(?P<DDP>delivered duty paid)\b|"
    r"\b(?P<DAP>delivered at place)\b",
    re.IGNORECASE,
)


def extract_incoterm(text: str) -> str | None:
    """The first Incoterm the buyer names (CNF/C&F read as CFR, DDU as DAP)."""
    for match in _INCOTERM.finditer(text):
        token = match.group(1)
        # lowercase "fob"/"cif" are common in chat; lowercase "dap"/"fas"/"cpt" are rarely terms
        if token.islower() and token.upper() not in ("FOB", "CIF", "EXW", "DDP"):
            continue
        code = token.upper()
        return _INCOTERM_ALIASES.get(code, code)
    spelled = _INCOTERM_WORDS.search(text)
    return spelled.lastgroup if spelled else None


_CERTIFICATIONS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (name, re.compile(pattern, flags))
    for name, pattern, flags in (
        ("FDA", r"(?<![A-Za-z-])(?:US[- ]?)?FDA(?![A-Za-z])", 0),
        ("CPNP", r"\bCPNP\b|cosmetic products? notification portal|EU notification", re.I),
        ("GMP", r"(?<![A-Za-z])c?GMP(?![A-Za-z])", re.I),
        ("ISO 22716", r"ISO[- ]?22716", re.I),
        ("ISO 9001", r"ISO[- ]?9001", re.I),
        ("Halal", r"halal|helal|حلال|할랄|халяль|halál|ฮาลาล|清真|ハラール", re.I),
        ("MSDS", r"(?<![A-Za-z])M?SDS(?![A-Za-z])|safety data sheet|sicherheitsdatenblatt|"
                 r"ficha de (?:datos de )?seguridad|fiche de données de sécurité", re.I),
        ("COA", r"(?<![A-Za-z])COA(?![A-Za-z])|certificate of analysis|성적서", re.I),
        ("MFDS", r"(?<![A-Za-z])(?:K-?FDA|MFDS)(?![A-Za-z])|식약처", re.I),
        ("CE", r"(?<![A-Za-z])CE(?![A-Za-z])(?:[- ]mark(?:ing)?)?", 0),
        ("SGS", r"(?<![A-Za-z])SGS(?![A-Za-z])", re.I),
        ("EAC", r"(?<![A-Za-z])EAC(?![A-Za-z])|ЕАС|декларац\w+ соответствия", 0),
        ("BPOM", r"(?<![A-Za-z])BPOM(?![A-Za-z])", re.I),
        ("SFDA", r"(?<![A-Za-z])SFDA(?![A-Za-z])", re.I),
        ("NMPA", r"(?<![A-Za-z])(?:NMPA|CFDA)(?![A-Za-z])", re.I),
        ("ECOCERT", r"ecocert|cosmos organic", re.I),
        ("Vegan", r"\bveg[aá]n\w*|비건|vegano|vegana|végan|веган\w*|thuần chay", re.I),
        ("Cruelty-free", r"cruelty[- ]?free|leaping bunny|not tested on animals|"
                         r"sin crueldad|동물실험|tierversuchsfrei|sans cruauté|"
                         r"sem crueldade", re.I),
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
    r"ngày|hari|일|天|日|يوم|أيام|dni|giorni|dagen|วัน|werkdagen|arbeitstage|werktage|"
    r"días hábiles|dias úteis|jours ouvrés|рабочих дней|робочих днів|영업일|営業日|工作日|"
    r"hari kerja|ngày làm việc|iş günü|munkanap|दिन|दिनों"
)
_WEEK_WORDS = (
    r"weeks?|semanas?|semaines?|wochen|woche|недел[ьиюя]|hét(?:en|re)?|hafta|tuần|minggu|주|周|週|أسابيع|"
    r"أسبوع|tygodni|tygodnie|settimane|weken|тижні|тижнів|тиждень|हफ्ते|हफ़्ते|सप्ताह"
)
_MONTH_WORDS = (
    r"months?|mes|meses|mois|monat|monate|monaten|месяц[аев]*|hónap(?:on|ra)?|ay|tháng|bulan|달(?!러)|개월|"
    r"个月|"
    r"ヶ月|か月|شهر|أشهر|miesiąc|miesiące|mesi|maanden|місяц\w*|महीने|महीना"
)
_KOREAN_NUMERALS = {"한": 1, "두": 2, "세": 3, "네": 4, "one": 1, "two": 2, "three": 3,
                    "four": 4, "a": 1, "un": 1, "una": 1, "um": 1, "uma": 1, "ein": 1,
                    "einem": 1, "один": 1, "два": 2, "две": 2, "три": 3, "egy": 1, "két": 2,
                    "bir": 1, "iki": 2, "một": 1, "hai": 2, "satu": 1, "dua": 2, "deux": 2,
                    "dos": 2, "dois": 2, "zwei": 2, "tres": 3, "três": 3, "trois": 3,
                    "drei": 3, "一": 1, "两": 2, "兩": 2, "二": 2, "三": 3, "四": 4,
                    "五": 5, "六": 6}  # fmt: skip
_NUMERAL_ALT = "|".join(sorted(_KOREAN_NUMERALS, key=len, reverse=True))
_DURATION = re.compile(
    rf"(?<![\d.,{_WORD_LETTER}月年])(?P<num>\d+(?:[.,]5)?|{_NUMERAL_ALT})(?:\s?-\s?(?P<upper>\d+))?\s?"
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
        (r"next week|próxima semana|semaine prochaine|следующей неделе|다음 주(?!문)|tuần sau|"
         r"minggu depan|jövő hét|gelecek hafta|nächste woche", 7),
        (r"\btomorrow\b|mañana|demain|завтра|내일|ngày mai|besok|holnap|yarın", 1),
        # Arabic duals: "two weeks", "two months", "two days" in one word
        (r"أسبوعين|اسبوعين", 14), (r"شهرين", 60), (r"يومين", 2),
    )
)  # fmt: skip
# Durations that are about something other than delivery ("payment within 30 days", "a
# 2-week trial of the sample") still mostly mean the buyer's timing, so they are kept; but
# numbers that belong to shelf life / expiry are not deadlines.
_NOT_DEADLINE = re.compile(r"shelf life|expir|유통기한|срок годности|caducidad|validade|"
                           r"hạn sử dụng|lejárat|raf ömrü|\bold\b|\bago\b|\bsince\b|"
                           r"experience|\byears\b|"
                           # a delay already suffered: "arrived 3 weeks late"
                           r"\blate\b|delay|versp[aä]tung|retras|atras|retard|опозд|задержк|"
                           r"\blewat\b|terlambat|trễ|지연|늦게|遅れ|延误|延迟|késés|gecik|"
                           # how long the buyer has been waiting
                           r"\bwait|warten|esperando|attend|жд[её]м|ждем|기다리|待って|等了|"
                           r"已经|已經|\balready\b|j[aá] faz|\bfaz\b|ya hace|get back to|"
                           r"discuss with|will (?:reply|answer|confirm)",
                           re.IGNORECASE)  # fmt: skip


# A time in the past ("ordered 3 weeks ago", "il y a 3 semaines", "Оплатили 10 дней назад") is
# how long the buyer has waited, not the time they ask for.
_AGO_AFTER = re.compile(
    r"\s?(?:ago|назад|тому|önce|trước|yang lalu|lalu|전에|전|前|ที่แล้ว|पहले|geleden|"
    r"ezelőtt|temu|fa(?![a-z]))",
    re.IGNORECASE,
)
_AGO_BEFORE = re.compile(
    r"(?:il y a|hace|há|vor|منذ|قبل|seit|desde hace|since|od)\s?$", re.IGNORECASE
)


def extract_deadline_days(text: str) -> int | None:
    """The lead time or delivery deadline the buyer asks for, in days (months count 30)."""
    for match in _DURATION.finditer(text):
        around = text[max(0, match.start() - 30) : match.end() + 15]
        if _NOT_DEADLINE.search(around):
            continue
        if _AGO_AFTER.match(text, match.end()) or _AGO_BEFORE.search(
            text[max(0, match.start() - 14) : match.start()]
        ):
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
        found = pattern.search(text)
        if found:
            around = text[max(0, found.start() - 30) : found.end() + 15]
            before = text[max(0, found.start() - 14) : found.start()]
            if _NOT_DEADLINE.search(around) or _AGO_BEFORE.search(before):
                continue
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
