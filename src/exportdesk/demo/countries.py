"""Buyer countries for the demo: how many buyers, which languages, and how names look there.

Company names are built from per-country patterns (``"{city} Beauty Kft."``,
``"Công ty TNHH Mỹ phẩm {l}"``) with slots for a shared brand word ``{a}``/``{a2}``, an industry
word ``{b}``, a local word ``{l}`` and a city. Contact names follow the country's naming custom
(family name first in Vietnam, feminine surnames in Russia, Poland, Czechia and Greece).
"""

from __future__ import annotations

import random
import re
import unicodedata
from dataclasses import dataclass

from exportdesk.domain.identity import normalise_company_name

BRAND_WORDS: tuple[str, ...] = (
    "Glow", "Seoul", "Pure Skin", "Luna", "Bloom", "Dewy", "Hana", "Aura", "Velvet", "Jeju",
    "Lotus", "Coral", "Golden", "Silk", "Blossom", "Crystal", "Bamboo", "Peony", "Nova",
    "Radiant", "Honey", "Pearl", "Camellia", "Cherry", "Moonlight", "Green Tea", "Sunny",
    "Ocean", "Rose", "Ivory", "Orchid", "Daily", "Fresh", "Skin Story", "Beauty Box",
    "Glass Skin", "Han River", "Busan", "Snow", "K-Glow", "Morning Dew", "Petal", "Mint",
)  # fmt: skip
INDUSTRY_WORDS: tuple[str, ...] = (
    "Import", "Beauty", "Cosmetics", "Skincare", "Trading", "Distribution", "Beauty Supply",
    "Wholesale", "Brands", "Beauty Lab", "Global", "Essentials",
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class NamingCustom:
    """First and family names of a culture and how a woman's family name is formed."""

    female: tuple[str, ...]
    male: tuple[str, ...]
    family: tuple[str, ...] = ()
    # "western": first family; "eastern": family middle first; "full": names are complete;
    # "ru"/"pl"/"cz"/"gr": western with a feminine family-name form.
    style: str = "western"


ANGLO = NamingCustom(
    ("Emily", "Sarah", "Jessica", "Ashley", "Megan", "Lauren", "Rachel", "Olivia", "Hannah",
     "Sophie", "Grace", "Chloe", "Jenny", "Michelle", "Amanda", "Nicole"),
    ("James", "Michael", "David", "Daniel", "Chris", "Ryan", "Kevin", "Jason", "Brian",
     "Tyler", "Jack", "Liam", "Andrew", "Eric", "Justin", "Matthew"),
    ("Smith", "Johnson", "Brown", "Miller", "Davis", "Wilson", "Taylor", "Anderson", "Thomas",
     "Moore", "Martin", "Clark", "Lewis", "Walker", "Hall", "Young", "King", "Wright", "Scott",
     "Green", "Baker", "Kim", "Park", "Lee", "Nguyen", "Garcia", "Chen", "Patel", "Lopez"),
)  # fmt: skip
SPANISH = NamingCustom(
    ("María", "Carmen", "Lucía", "Sofía", "Elena", "Laura", "Ana", "Valentina", "Camila",
     "Isabel", "Gabriela", "Daniela", "Paula"),
    ("José", "Javier", "Alejandro", "Pablo", "Diego", "Carlos", "Miguel", "Andrés",
     "Fernando", "Luis", "Jorge", "Sergio"),
    ("García", "Martínez", "López", "Sánchez", "González", "Rodríguez", "Fernández", "Pérez",
     "Gómez", "Díaz", "Torres", "Ruiz", "Ramírez", "Flores", "Morales", "Vargas", "Castro",
     "Rojas", "Herrera", "Medina"),
)  # fmt: skip
PORTUGUESE = NamingCustom(
    ("Ana", "Mariana", "Juliana", "Beatriz", "Camila", "Larissa", "Fernanda", "Patrícia"),
    ("João", "Pedro", "Lucas", "Rafael", "Gabriel", "Thiago", "Bruno", "Rodrigo"),
    ("Silva", "Santos", "Oliveira", "Souza", "Lima", "Pereira", "Costa", "Ferreira",
     "Almeida", "Carvalho", "Ribeiro", "Gomes", "Martins", "Rocha"),
)  # fmt: skip
GERMAN = NamingCustom(
    ("Anna", "Julia", "Laura", "Lea", "Sarah", "Katharina", "Lena", "Sabine", "Miriam"),
    ("Lukas", "Felix", "Jonas", "Maximilian", "Tobias", "Paul", "Stefan", "Florian"),
    ("Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker",
     "Hoffmann", "Schulz", "Koch", "Richter", "Wolf", "Neumann"),
)  # fmt: skip
FRENCH = NamingCustom(
    ("Camille", "Chloé", "Manon", "Léa", "Sarah", "Inès", "Claire", "Émilie", "Julie"),
    ("Julien", "Thomas", "Nicolas", "Antoine", "Maxime", "Hugo", "Mathieu", "Louis"),
    ("Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand", "Leroy",
     "Moreau", "Simon", "Laurent", "Lefebvre", "Michel"),
)  # fmt: skip
ITALIAN = NamingCustom(
    ("Giulia", "Francesca", "Chiara", "Sara", "Martina", "Elena", "Alessia"),
    ("Marco", "Luca", "Alessandro", "Matteo", "Andrea", "Davide", "Lorenzo"),
    ("Rossi", "Russo", "Ferrari", "Esposito", "Bianchi", "Romano", "Colombo", "Ricci",
     "Marino", "Greco", "Bruno", "Gallo"),
)  # fmt: skip
DUTCH = NamingCustom(
    ("Sanne", "Lotte", "Emma", "Fleur", "Anouk", "Iris"),
    ("Daan", "Bram", "Thijs", "Ruben", "Jeroen", "Sem"),
    ("de Jong", "Jansen", "de Vries", "van den Berg", "Bakker", "Visser", "Smit", "Meijer",
     "Mulder", "de Boer"),
)  # fmt: skip
POLISH = NamingCustom(
    ("Anna", "Katarzyna", "Magdalena", "Agnieszka", "Joanna", "Natalia", "Aleksandra"),
    ("Piotr", "Tomasz", "Paweł", "Michał", "Krzysztof", "Marcin", "Kamil"),
    ("Nowak", "Kowalski", "Wiśniewski", "Wójcik", "Kowalczyk", "Kamiński", "Lewandowski",
     "Zieliński", "Szymański", "Woźniak", "Dąbrowski", "Mazur"),
    "pl",
)  # fmt: skip
HUNGARIAN = NamingCustom(
    ("Anna", "Eszter", "Zsófia", "Réka", "Dóra", "Kata", "Petra", "Noémi"),
    ("Bence", "Gábor", "László", "Péter", "Tamás", "Balázs", "Ádám", "Zoltán"),
    ("Nagy", "Kovács", "Tóth", "Szabó", "Horváth", "Varga", "Kiss", "Molnár", "Németh",
     "Farkas", "Balogh", "Papp"),
)  # fmt: skip
ROMANIAN = NamingCustom(
    ("Andreea", "Elena", "Ioana", "Maria", "Ana", "Cristina"),
    ("Alexandru", "Mihai", "Andrei", "Cristian", "Bogdan", "Vlad"),
    ("Popescu", "Ionescu", "Popa", "Dumitru", "Stan", "Stoica", "Gheorghe", "Matei",
     "Constantin"),
)  # fmt: skip
CZECH = NamingCustom(
    ("Tereza", "Lucie", "Kateřina", "Veronika", "Eliška", "Petra"),
    ("Jakub", "Tomáš", "Martin", "Petr", "Jan", "Ondřej"),
    ("Novák", "Svoboda", "Dvořák", "Černý", "Procházka", "Kučera", "Veselý", "Horák"),
    "cz",
)  # fmt: skip
GREEK = NamingCustom(
    ("Maria", "Eleni", "Katerina", "Sofia", "Georgia"),
    ("Giorgos", "Nikos", "Dimitris", "Kostas", "Yannis"),
    ("Papadopoulos", "Georgiou", "Nikolaidis", "Papadakis", "Oikonomou", "Vlachos",
     "Karagiannis"),
    "gr",
)  # fmt: skip
SWEDISH = NamingCustom(
    ("Emma", "Maja", "Elsa", "Linnea", "Astrid", "Ebba"),
    ("Erik", "Oskar", "Lars", "Johan", "Anders", "Nils"),
    ("Andersson", "Johansson", "Karlsson", "Nilsson", "Eriksson", "Larsson", "Olsson",
     "Persson", "Svensson", "Lindberg"),
)  # fmt: skip
RUSSIAN = NamingCustom(
    ("Anna", "Elena", "Olga", "Natalia", "Ekaterina", "Irina", "Svetlana", "Yulia", "Maria",
     "Daria", "Anastasia", "Ksenia"),
    ("Dmitry", "Sergey", "Alexey", "Ivan", "Maxim", "Andrey", "Pavel", "Nikolay", "Artem",
     "Mikhail"),
    ("Ivanov", "Petrov", "Smirnov", "Kuznetsov", "Popov", "Sokolov", "Volkov", "Morozov",
     "Novikov", "Lebedev", "Kozlov", "Fedorov", "Orlov", "Pavlov", "Belov", "Vinogradov"),
    "ru",
)  # fmt: skip
UKRAINIAN = NamingCustom(
    ("Olena", "Oksana", "Iryna", "Natalia", "Kateryna", "Yulia"),
    ("Andriy", "Taras", "Oleksandr", "Dmytro", "Serhiy", "Volodymyr"),
    ("Shevchenko", "Kovalenko", "Bondarenko", "Tkachenko", "Kravchenko", "Melnyk", "Boyko",
     "Marchenko"),
)  # fmt: skip
KAZAKH = NamingCustom(
    ("Aigerim", "Dana", "Madina", "Aruzhan", "Saule", "Dinara"),
    ("Nurlan", "Yerlan", "Askar", "Daniyar", "Timur", "Arman"),
    ("Nurlanov", "Abenov", "Omarov", "Bekov", "Seitkaliev", "Zhaksylykov", "Akhmetov"),
    "ru",
)  # fmt: skip
UZBEK = NamingCustom(
    ("Dilnoza", "Nodira", "Malika", "Gulnora"),
    ("Aziz", "Jasur", "Sardor", "Bekzod"),
    ("Karimov", "Rakhimov", "Tursunov", "Yusupov", "Alimov"),
    "ru",
)  # fmt: skip
TURKISH = NamingCustom(
    ("Ayşe", "Elif", "Zeynep", "Merve", "Fatma", "Selin", "Büşra"),
    ("Mehmet", "Ahmet", "Emre", "Burak", "Murat", "Can", "Oğuz"),
    ("Yılmaz", "Kaya", "Demir", "Şahin", "Çelik", "Yıldız", "Aydın", "Öztürk", "Arslan",
     "Doğan"),
)  # fmt: skip
GULF = NamingCustom(
    ("Fatima", "Aisha", "Mariam", "Noura", "Layla", "Huda", "Reem", "Sara", "Hessa"),
    ("Mohammed", "Ahmed", "Omar", "Khalid", "Abdullah", "Youssef", "Faisal", "Hassan",
     "Tariq", "Saeed"),
    ("Al-Harbi", "Al-Qahtani", "Al-Mansouri", "Al-Nuaimi", "Haddad", "Khalil", "Nasser",
     "Saleh", "Al-Farsi", "Al-Shamsi", "Al-Otaibi", "Al-Mutairi"),
)  # fmt: skip
EGYPTIAN = NamingCustom(
    ("Mona", "Yasmin", "Nour", "Salma", "Heba", "Dina"),
    ("Mohamed", "Ahmed", "Mostafa", "Karim", "Amr", "Tarek"),
    ("Mahmoud", "El-Sayed", "Ibrahim", "Abdel Aziz", "Farouk", "Hassan", "Mostafa", "Fathy"),
)  # fmt: skip
MOROCCAN = NamingCustom(
    ("Salma", "Imane", "Khadija", "Yasmine", "Meryem"),
    ("Youssef", "Mehdi", "Hamza", "Karim", "Anas"),
    ("Benali", "El Amrani", "Alaoui", "Bennani", "Tazi", "Chraibi", "Idrissi"),
)  # fmt: skip
ISRAELI = NamingCustom(
    ("Noa", "Tamar", "Maya", "Shira", "Yael"),
    ("Yossi", "Itai", "Daniel", "Avi", "Eitan"),
    ("Cohen", "Levi", "Mizrahi", "Peretz", "Biton", "Friedman"),
)  # fmt: skip
NIGERIAN = NamingCustom(
    ("Chiamaka", "Ngozi", "Funmilayo", "Aisha", "Blessing", "Temitope", "Adaeze"),
    ("Chinedu", "Emeka", "Tunde", "Ibrahim", "Oluwaseun", "Kelechi", "Segun"),
    ("Okafor", "Adeyemi", "Okonkwo", "Bello", "Eze", "Olawale", "Nwosu", "Abubakar"),
)  # fmt: skip
KENYAN = NamingCustom(
    ("Wanjiku", "Achieng", "Faith", "Mercy", "Njeri"),
    ("Kamau", "Otieno", "Brian", "Kipchoge", "Mwangi"),
    ("Mwangi", "Odhiambo", "Kariuki", "Njoroge", "Wambui", "Ochieng"),
)  # fmt: skip
SOUTH_AFRICAN = NamingCustom(
    ("Thandiwe", "Lerato", "Naledi", "Chantel", "Megan", "Zanele"),
    ("Sipho", "Thabo", "Pieter", "Johan", "Themba", "Ruan"),
    ("Nkosi", "Dlamini", "van der Merwe", "Botha", "Mokoena", "Naidoo", "Pillay", "Khumalo"),
)  # fmt: skip
INDIAN = NamingCustom(
    ("Priya", "Ananya", "Neha", "Pooja", "Kavya", "Divya", "Sneha", "Ritu"),
    ("Rahul", "Amit", "Rohan", "Vikram", "Arjun", "Sanjay", "Karan", "Nikhil"),
    ("Sharma", "Patel", "Gupta", "Singh", "Reddy", "Mehta", "Iyer", "Nair", "Kapoor", "Joshi",
     "Agarwal"),
)  # fmt: skip
PAKISTANI = NamingCustom(
    ("Ayesha", "Fatima", "Hira", "Sana", "Zainab"),
    ("Ali", "Usman", "Bilal", "Hamza", "Imran"),
    ("Khan", "Ahmed", "Malik", "Hussain", "Qureshi", "Sheikh", "Butt"),
)  # fmt: skip
BANGLADESHI = NamingCustom(
    ("Nusrat", "Farzana", "Tahmina", "Sadia"),
    ("Rahim", "Tanvir", "Sabbir", "Arif"),
    ("Rahman", "Hossain", "Islam", "Chowdhury", "Akter"),
)  # fmt: skip
VIETNAMESE = NamingCustom(
    ("Linh", "Trang", "Ngọc", "Hương", "Thảo", "Mai", "Hà", "Vy", "Anh", "Hạnh"),
    ("Minh", "Tuấn", "Hùng", "Dũng", "Quang", "Huy", "Long", "Khánh"),
    ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Phan"),
    "eastern",
)  # fmt: skip
INDONESIAN = NamingCustom(
    ("Siti", "Dewi", "Putri", "Ayu", "Rina", "Fitri", "Indah"),
    ("Budi", "Agus", "Rizky", "Andi", "Dimas", "Hendra", "Yusuf"),
    ("Santoso", "Wijaya", "Saputra", "Hidayat", "Lestari", "Pratama", "Kusuma", "Halim"),
)  # fmt: skip
MALAYSIAN = NamingCustom(
    ("Nurul Huda Ahmad", "Tan Mei Ling", "Siti Aishah Rahman", "Farah Nadia", "Chong Li Ying",
     "Priya Kumari"),
    ("Muhammad Faiz", "Lim Wei Jie", "Ahmad Hafiz", "Wong Kar Hoe", "Raj Kumar",
     "Mohd Azlan"),
    style="full",
)  # fmt: skip
THAI = NamingCustom(
    ("Siriporn Chaiyaporn", "Pimchanok Wongsa", "Supaporn Thongdee", "Chutima Saelim",
     "Nattaya Kittisak"),
    ("Nattapong Srisuk", "Kittisak Boonmee", "Anan Rattanakul", "Wichai Pongpanich",
     "Somchai Jaidee"),
    style="full",
)  # fmt: skip
FILIPINO = NamingCustom(
    ("Maria", "Kristine", "Angelica", "Joy", "Patricia", "Camille"),
    ("Juan", "Mark", "John Paul", "Carlo", "Miguel", "Paolo"),
    ("Santos", "Reyes", "Cruz", "Bautista", "Ocampo", "Garcia", "Mendoza", "Villanueva",
     "dela Cruz"),
)  # fmt: skip
SINGAPOREAN = NamingCustom(
    ("Tan Wei Ling", "Ng Hui Min", "Wong Xin Yi", "Lee Jia Hui", "Rachel Tan", "Siti Rahmah"),
    ("Lim Jun Hao", "Goh Chee Keong", "Kenneth Lim", "Arjun Pillai", "Daniel Ong"),
    style="full",
)  # fmt: skip
JAPANESE = NamingCustom(
    ("Yuki", "Haruka", "Aoi", "Misaki", "Sakura", "Nanami", "Emi"),
    ("Haruto", "Takumi", "Kenji", "Daiki", "Hiroshi", "Shota", "Ryo"),
    ("Sato", "Suzuki", "Takahashi", "Tanaka", "Watanabe", "Ito", "Yamamoto", "Nakamura",
     "Kobayashi", "Kato"),
)  # fmt: skip

_FEMININE_ENDINGS: dict[str, tuple[tuple[str, str], ...]] = {
    "ru": (("sky", "skaya"), ("ov", "ova"), ("ev", "eva"), ("in", "ina")),
    "pl": (("ski", "ska"), ("cki", "cka"), ("dzki", "dzka")),
    "cz": (("ý", "á"), ("a", "ová"), ("", "ová")),
    "gr": (("os", "ou"), ("is", "i"), ("as", "a")),
}


def _feminine(family: str, style: str) -> str:
    for ending, replacement in _FEMININE_ENDINGS.get(style, ()):
        if family.endswith(ending):
            return family[: len(family) - len(ending)] + replacement
    return family


def person_name(custom: NamingCustom, rng: random.Random) -> tuple[str, str]:
    """A contact's display name and the first name used to greet them."""
    female = rng.random() < 0.58  # K-beauty buying desks skew female
    firsts = custom.female if female else custom.male
    first = rng.choice(firsts)
    if custom.style == "full":
        words = first.split()
        if words[0] in _FAMILY_FIRST and len(words) >= 3:
            return first, " ".join(words[1:])
        return first, words[0]
    family = rng.choice(custom.family)
    if custom.style == "eastern":
        middle = "Thị" if female else rng.choice(("Văn", "Đức", "Minh", "Quốc"))
        return f"{family} {middle} {first}", first
    if female:
        family = _feminine(family, custom.style)
    return f"{first} {family}", first


# Family names that come first in the "full" names above (Chinese-Malaysian, Singaporean).
_FAMILY_FIRST = frozenset({"Tan", "Lim", "Wong", "Chong", "Ng", "Lee", "Goh"})


@dataclass(frozen=True, slots=True)
class CountryProfile:
    """How buyers from one country look: share, languages, names, phone and domain."""

    code: str
    weight: float
    languages: tuple[tuple[str, int], ...]
    naming: NamingCustom
    patterns: tuple[str, ...]
    local_words: tuple[str, ...]
    cities: tuple[str, ...]
    tld: str
    phone: str
    eu: bool = False
    halal: bool = False


def _country(
    code: str,
    weight: float,
    languages: tuple[tuple[str, int], ...],
    naming: NamingCustom,
    patterns: tuple[str, ...],
    local_words: tuple[str, ...],
    cities: tuple[str, ...],
    tld: str,
    phone: str,
    *,
    eu: bool = False,
    halal: bool = False,
) -> CountryProfile:
    return CountryProfile(
        code, weight, languages, naming, patterns, local_words, cities, tld, phone, eu, halal
    )


EN = (("en", 1),)
ANGLO_PATTERNS = ("{a} {b}", "{a} {a2} {b}", "{city} {b}", "{a} Import", "{a} & {a2}")

# Weights are rough shares of a K-beauty exporter's inquiries: the US and Europe first, then
# the Middle East, Southeast Asia and the CIS, with a long tail.
COUNTRIES: tuple[CountryProfile, ...] = (
    _country("US", 15, (("en", 88), ("ko", 8), ("es", 4)), ANGLO,
             (*(f"{p} LLC" for p in ANGLO_PATTERNS), "{a} {b} Inc.", "{a} {b} Corp.",
              "K-{a} Distribution LLC"),
             (), ("Los Angeles", "New York", "Dallas", "Atlanta", "Houston", "Seattle",
                  "Chicago", "Miami", "Fort Lee", "San Jose"), ".com", "+1 ###-555-01##"),
    _country("CA", 3.5, (("en", 86), ("fr", 8), ("ko", 6)), ANGLO,
             ("{a} {b} Inc.", "{city} {b} Ltd.", "{a} Beauté Inc.", "{a} {a2} {b} Inc."), (),
             ("Toronto", "Vancouver", "Montréal", "Calgary"), ".ca", "+1 ###-555-01##"),
    _country("GB", 4, EN, ANGLO,
             ("{a} {b} Ltd", "{city} {b} Ltd", "{a} & {a2} Ltd", "The {a} Beauty Company Ltd",
              "{a} {a2} {b} Ltd"), (),
             ("London", "Manchester", "Birmingham", "Leeds", "Glasgow"), ".co.uk",
             "+44 7### ######"),
    _country("AU", 3, (("en", 90), ("ko", 10)), ANGLO,
             ("{a} {b} Pty Ltd", "{city} {b} Pty Ltd", "{a} {a2} Pty Ltd"), (),
             ("Sydney", "Melbourne", "Brisbane", "Perth"), ".com.au", "+61 4## ### ###"),
    _country("NZ", 0.5, EN, ANGLO, ("{a} {b} Limited", "{city} {b} Limited"), (),
             ("Auckland", "Wellington", "Christchurch"), ".co.nz", "+64 21 ### ####"),
    _country("DE", 3.5, (("en", 70), ("de", 30)), GERMAN,
             ("{a} Kosmetik GmbH", "{a} {b} GmbH", "{l} Kosmetikhandel GmbH",
              "K-Beauty {city} GmbH", "{a} {a2} Handels GmbH"),
             ("Berliner", "Hamburger", "Münchner", "Kölner", "Frankfurter", "Düsseldorfer"),
             ("Berlin", "Hamburg", "München", "Köln", "Frankfurt"), ".de", "+49 15# ########",
             eu=True),
    _country("FR", 3, (("fr", 60), ("en", 40)), FRENCH,
             ("{a} Cosmétiques SARL", "{l} Beauté SAS", "Maison {a} SAS", "{city} Import SARL",
              "{a} {a2} SAS"),
             ("Belle", "Douce", "Éclat", "Lumière", "Rose", "Perle"),
             ("Paris", "Lyon", "Marseille", "Lille", "Bordeaux"), ".fr", "+33 6 ## ## ## ##",
             eu=True),
    _country("ES", 3, (("es", 70), ("en", 30)), SPANISH,
             ("Belleza Coreana {l} S.L.", "{a} Cosmética S.L.", "Distribuciones {l} S.L.",
              "{city} Beauty S.L.", "Importaciones {a} S.A."),
             ("Sol", "Mediterráneo", "Ibérica", "Luna", "Aurora", "del Sur"),
             ("Madrid", "Barcelona", "Valencia", "Sevilla", "Málaga"), ".es", "+34 6## ### ###",
             eu=True),
    _country("IT", 2, EN, ITALIAN,
             ("{a} Cosmetici S.r.l.", "{l} Bellezza S.r.l.", "{city} Beauty S.r.l.",
              "Importazioni {a} S.p.A."),
             ("Bella", "Dolce", "Stella", "Luce"), ("Milano", "Roma", "Napoli", "Torino"),
             ".it", "+39 3## ### ####", eu=True),
    _country("NL", 1.5, EN, DUTCH, ("{a} Beauty B.V.", "{city} Cosmetics B.V.", "{a} Trading B.V."),
             (), ("Amsterdam", "Rotterdam", "Utrecht", "Den Haag"), ".nl", "+31 6 ########",
             eu=True),
    _country("PL", 2.5, EN, POLISH,
             ("{a} Kosmetyki Sp. z o.o.", "{l} Beauty Sp. z o.o.", "{city} Import Sp. z o.o."),
             ("Piękna", "Uroda", "Koreańska"), ("Warszawa", "Kraków", "Wrocław", "Poznań",
                                                 "Gdańsk"), ".pl", "+48 5## ### ###", eu=True),
    _country("HU", 2, (("hu", 60), ("en", 40)), HUNGARIAN,
             ("{city} Beauty Kft.", "{a} Kozmetika Kft.", "{l} Kereskedelmi Kft.",
              "{a} Import Zrt."),
             ("Szépség", "Dunai", "Pannon", "Rózsa"), ("Budapest", "Debrecen", "Szeged", "Győr",
                                                       "Pécs"), ".hu", "+36 30 ### ####",
             eu=True),
    _country("RO", 1, EN, ROMANIAN,
             ("{a} Cosmetics S.R.L.", "{city} Beauty S.R.L.", "Frumusețe {l} S.R.L."),
             ("Carpați", "Dunărea", "Aurora"), ("București", "Cluj-Napoca", "Iași", "Timișoara"),
             ".ro", "+40 7## ### ###", eu=True),
    _country("CZ", 1, EN, CZECH, ("{a} Kosmetika s.r.o.", "{city} Beauty s.r.o.", "{a} Trade a.s."),
             (), ("Praha", "Brno", "Ostrava", "Plzeň"), ".cz", "+420 6## ### ###", eu=True),
    _country("GR", 0.7, EN, GREEK, ("{a} Cosmetics S.A.", "{l} Beauty I.K.E."),
             ("Aegean", "Olympus", "Athena", "Hellas"), ("Athens", "Thessaloniki"), ".gr",
             "+30 69# ### ####", eu=True),
    _country("PT", 0.8, (("pt", 60), ("en", 40)), PORTUGUESE,
             ("{a} Cosméticos Lda.", "{city} Beleza Lda.", "Importadora {l} Lda."),
             ("Atlântico", "Lusa", "Tejo"), ("Lisboa", "Porto", "Braga"), ".pt",
             "+351 9## ### ###", eu=True),
    _country("SE", 0.8, EN, SWEDISH, ("{a} Beauty AB", "{city} Hudvård AB", "{a} Import AB"), (),
             ("Stockholm", "Göteborg", "Malmö"), ".se", "+46 7# ### ## ##", eu=True),
    _country("RU", 4, (("ru", 85), ("en", 15)), RUSSIAN,
             ("ООО «{l}»", "OOO {a} {b}", "{a} Cosmetics LLC", "ООО «{a} Корея»"),
             ("Корея Бьюти", "Сеул Косметик", "Красота Востока", "Азия Стиль", "К-Бьюти Маркет",
              "Лотос", "Жемчуг", "Восток Трейд"),
             ("Москва", "Санкт-Петербург", "Новосибирск", "Екатеринбург", "Казань"), ".ru",
             "+7 9## ###-##-##"),
    _country("UA", 1.5, (("en", 60), ("ru", 40)), UKRAINIAN,
             ("TOV {a} {b}", "ТОВ «{l}»", "{a} Ukraine LLC"),
             ("Краса Сходу", "Сеул Стиль", "Корейська Косметика"),
             ("Kyiv", "Lviv", "Odesa", "Kharkiv"), ".com.ua", "+380 ## ### ####"),
    _country("KZ", 1.5, (("ru", 75), ("en", 15), ("ko", 10)), KAZAKH,
             ("ТОО «{l}»", "{a} {b} LLP", "TOO {a} Kazakhstan"),
             ("Корея Бьюти", "Алтын Косметик", "Азия Трейд"), ("Almaty", "Astana", "Shymkent"),
             ".kz", "+7 7## ### ####"),
    _country("UZ", 0.6, (("ru", 75), ("en", 15), ("ko", 10)), UZBEK, ("OOO {a} {b}", "{l} MChJ"),
             ("Samarqand Beauty", "Toshkent Kosmetika", "Silk Road Trade"), ("Tashkent",),
             ".uz", "+998 9# ### ## ##"),
    _country("TR", 2, (("tr", 60), ("en", 40)), TURKISH,
             ("{a} Kozmetik Ltd. Şti.", "{l} Güzellik A.Ş.",
              "{city} Kozmetik Dış Ticaret Ltd. Şti."),
             ("Boğaziçi", "Anadolu", "Lale", "Işıl"), ("İstanbul", "Ankara", "İzmir", "Bursa"),
             ".com.tr", "+90 5## ### ## ##", halal=True),
    _country("SA", 2.5, (("ar", 50), ("en", 50)), GULF,
             ("{l} Trading Est.", "{l} Cosmetics Co.", "{a} Beauty Trading LLC"),
             ("Al Noor", "Al Waha", "Al Yasmeen", "Al Rawda", "Al Majd", "Al Falak", "Al Reem"),
             ("Riyadh", "Jeddah", "Dammam"), ".com.sa", "+966 5# ### ####", halal=True),
    _country("AE", 3, (("en", 70), ("ar", 30)), GULF,
             ("{l} General Trading LLC", "{a} Cosmetics Trading FZE", "{a} {b} FZCO",
              "{l} Beauty DMCC"),
             ("Al Noor", "Al Waha", "Al Yasmeen", "Desert Rose", "Al Marjan", "Emirates Glow"),
             ("Dubai", "Abu Dhabi", "Sharjah"), ".ae", "+971 5# ### ####", halal=True),
    _country("QA", 0.5, (("en", 60), ("ar", 40)), GULF, ("{l} Trading W.L.L.",),
             ("Al Doha", "Pearl Gulf", "Al Sadd"), ("Doha",), ".qa", "+974 ## ### ###",
             halal=True),
    _country("KW", 0.5, (("en", 60), ("ar", 40)), GULF, ("{l} General Trading Co. W.L.L.",),
             ("Al Salmiya", "Gulf Star", "Al Dana"), ("Kuwait City",), ".com.kw",
             "+965 ### #####", halal=True),
    _country("EG", 1, (("ar", 50), ("en", 50)), EGYPTIAN,
             ("{l} for Import & Export", "{a} Cosmetics Egypt S.A.E."),
             ("El Nour", "Nile Star", "Cairo Pearl", "El Salam"), ("Cairo", "Alexandria", "Giza"),
             ".com.eg", "+20 1## ### ####", halal=True),
    _country("MA", 0.6, (("fr", 60), ("ar", 20), ("en", 20)), MOROCCAN,
             ("{l} Cosmétiques SARL", "{a} Beauté Maroc SARL"),
             ("Atlas", "Argane", "Médina", "Oasis"), ("Casablanca", "Rabat", "Marrakech"), ".ma",
             "+212 6## ######", halal=True),
    _country("IL", 0.5, EN, ISRAELI, ("{a} {b} Ltd.",), (), ("Tel Aviv", "Haifa"), ".co.il",
             "+972 5# ### ####"),
    _country("NG", 1.5, EN, NIGERIAN,
             ("{a} {b} Ltd", "{l} Ventures Nigeria Ltd", "{l} Global Concept Ltd"),
             ("Lagos Glow", "Divine Grace", "Royal Touch", "Golden Heritage", "Zenith Beauty"),
             ("Lagos", "Abuja", "Port Harcourt"), ".com.ng", "+234 80# ### ####"),
    _country("KE", 0.5, EN, KENYAN, ("{a} {b} Ltd", "{l} Enterprises Ltd"),
             ("Savannah", "Nairobi Glow", "Safari"), ("Nairobi", "Mombasa"), ".co.ke",
             "+254 7## ######"),
    _country("ZA", 1, EN, SOUTH_AFRICAN, ("{a} {b} (Pty) Ltd", "{city} Beauty (Pty) Ltd"), (),
             ("Johannesburg", "Cape Town", "Durban", "Pretoria"), ".co.za", "+27 8# ### ####"),
    _country("IN", 3, EN, INDIAN,
             ("{a} {b} Pvt. Ltd.", "{l} Enterprises", "{l} Cosmetics Pvt. Ltd."),
             ("Shree Balaji", "Lakshmi", "Sai Krishna", "Aarav", "Mumbai Glow", "Delhi Beauty"),
             ("Mumbai", "Delhi", "Bengaluru", "Chennai", "Kolkata"), ".in", "+91 9#### #####"),
    _country("PK", 0.7, EN, PAKISTANI, ("{l} Traders", "{a} Cosmetics (Pvt) Ltd"),
             ("Al Rehman", "Karachi Glow", "Lahore Beauty", "Madina"), ("Karachi", "Lahore"),
             ".pk", "+92 3## #######", halal=True),
    _country("BD", 0.4, EN, BANGLADESHI, ("{l} Trade International", "{a} Cosmetics BD"),
             ("Dhaka Glow", "Bengal", "Padma"), ("Dhaka", "Chittagong"), ".com.bd",
             "+880 1### ######", halal=True),
    _country("VN", 3, (("vi", 75), ("en", 17), ("ko", 8)), VIETNAMESE,
             ("Công ty TNHH Mỹ phẩm {l}", "Công ty Cổ phần {l}", "{a} Beauty Vietnam Co., Ltd",
              "Shop Mỹ phẩm Hàn {l}"),
             ("Sài Gòn", "Hà Nội", "Hoa Sen", "Ngọc Lan", "Minh Châu", "Thiên Phúc", "Bảo Anh",
              "Kim Ngân", "An Khang", "Phương Đông"),
             ("Hồ Chí Minh", "Hà Nội", "Đà Nẵng", "Hải Phòng"), ".vn", "+84 9# ### ## ##"),
    _country("ID", 2.5, (("id", 60), ("en", 40)), INDONESIAN,
             ("PT {l} Kosmetik Indonesia", "PT {a} Beauty Indonesia", "CV {l} Jaya",
              "Toko Kosmetik {l}"),
             ("Cahaya", "Mutiara", "Melati", "Nusantara", "Bintang", "Cantik", "Sehat Abadi"),
             ("Jakarta", "Surabaya", "Bandung", "Medan"), ".co.id", "+62 8## #### ####",
             halal=True),
    _country("MY", 2.5, EN, MALAYSIAN,
             ("{a} {b} Sdn. Bhd.", "{l} Enterprise", "{l} Cosmetics Sdn. Bhd."),
             ("Cahaya", "Mutiara", "Bunga Raya", "KL Glow", "Seri"),
             ("Kuala Lumpur", "Penang", "Johor Bahru"), ".com.my", "+60 1# ### ####", halal=True),
    _country("TH", 2, EN, THAI, ("{a} {b} Co., Ltd.", "{l} Cosmetics Co., Ltd."),
             ("Siam", "Chao Phraya", "Lotus Bangkok", "Sabai"), ("Bangkok", "Chiang Mai"),
             ".co.th", "+66 8# ### ####"),
    _country("PH", 2, EN, FILIPINO, ("{a} {b} Trading", "{l} Beauty Corp.", "{a} Enterprises Inc."),
             ("Manila", "Luzon", "Mabuhay", "Perlas"), ("Manila", "Cebu", "Davao", "Quezon City"),
             ".com.ph", "+63 9## ### ####"),
    _country("SG", 1.5, (("en", 90), ("ko", 10)), SINGAPOREAN,
             ("{a} {b} Pte. Ltd.", "{l} Beauty Pte. Ltd."),
             ("Lion City", "Marina", "Orchard", "Merlion"), ("Singapore",), ".com.sg",
             "+65 8### ####"),
    _country("JP", 2, (("ja", 60), ("en", 20), ("ko", 20)), JAPANESE,
             ("株式会社{l}", "{a} Japan K.K.", "{a} Japan Co., Ltd.", "合同会社{l}"),
             ("ソウルビューティー", "コスメ韓国", "さくら商事", "ハナトレーディング",
              "ミライコスメ"),
             ("Tokyo", "Osaka", "Fukuoka"), ".co.jp", "+81 90-####-####"),
    _country("MX", 3, (("es", 85), ("en", 15)), SPANISH,
             ("{l} Cosméticos S.A. de C.V.", "Belleza Coreana {l} S.A. de C.V.",
              "{a} Beauty México", "Importadora {l} S. de R.L."),
             ("Azteca", "Valle Real", "Monterrey", "Jalisco", "Sol", "Maya"),
             ("Ciudad de México", "Guadalajara", "Monterrey", "Puebla"), ".com.mx",
             "+52 55 #### ####"),
    _country("BR", 2.5, (("pt", 90), ("en", 10)), PORTUGUESE,
             ("{l} Cosméticos Ltda.", "{a} Beauty Brasil Ltda.", "Importadora {l} Ltda.",
              "{l} Beleza Coreana ME"),
             ("Paulista", "Carioca", "Sol", "Brisa", "Tropical", "Estrela"),
             ("São Paulo", "Rio de Janeiro", "Belo Horizonte", "Curitiba"), ".com.br",
             "+55 11 9####-####"),
    _country("CL", 1.5, (("es", 90), ("en", 10)), SPANISH,
             ("{l} Cosmética SpA", "Importadora {a} Ltda.", "{a} Beauty Chile SpA"),
             ("Andes", "Pacífico", "Austral"), ("Santiago", "Valparaíso"), ".cl",
             "+56 9 #### ####"),
    _country("CO", 1, (("es", 90), ("en", 10)), SPANISH, ("{l} Cosméticos S.A.S.",),
             ("Andina", "Caribe", "Bogotá Glow"), ("Bogotá", "Medellín"), ".com.co",
             "+57 3## ### ####"),
    _country("PE", 0.7, (("es", 90), ("en", 10)), SPANISH,
             ("{l} Import S.A.C.", "{a} Cosmética Perú S.A.C."), ("Inca", "Lima", "Pacífico"),
             ("Lima", "Arequipa"), ".pe", "+51 9## ### ###"),
    _country("AR", 0.8, (("es", 90), ("en", 10)), SPANISH,
             ("{l} Cosmética S.R.L.", "Importadora {a} S.A."), ("Porteña", "Plata", "Patagonia"),
             ("Buenos Aires", "Córdoba"), ".com.ar", "+54 9 11 ####-####"),
)  # fmt: skip
COUNTRY_BY_CODE: dict[str, CountryProfile] = {c.code: c for c in COUNTRIES}


def company_name(country: CountryProfile, rng: random.Random) -> tuple[str, str]:
    """A company name for the country and the brand word it used (for the web domain)."""
    pattern = rng.choice(country.patterns)
    a, a2 = rng.sample(BRAND_WORDS, 2)
    local = rng.choice(country.local_words) if country.local_words else a
    name = pattern.format(
        a=a,
        a2=a2,
        b=rng.choice(INDUSTRY_WORDS),
        l=local,
        city=rng.choice(country.cities),
    )
    return name, a


_CYRILLIC_LATIN = (
    "a", "b", "v", "g", "d", "e", "e", "zh", "z", "i", "y", "k", "l", "m", "n", "o", "p", "r",
    "s", "t", "u", "f", "kh", "ts", "ch", "sh", "shch", "", "y", "", "e", "yu", "ya",
    "i", "yi", "ye", "g",
)  # fmt: skip
_CYRILLIC = dict(zip("абвгдеёжзийклмнопрстуфхцчшщъыьэюяіїєґ", _CYRILLIC_LATIN, strict=True))
_SPECIAL_LATIN = {"đ": "d", "ł": "l", "ø": "o", "æ": "ae", "ß": "ss", "ı": "i", "œ": "oe"}
# Words a web domain drops: legal forms and filler that ``normalise_company_name`` keeps
# (single letters, from "S.A. de C.V." or "s.r.o.", are dropped as well).
_DOMAIN_STOPWORDS = frozenset(
    {"cong", "ty", "tnhh", "phan", "pt", "cv", "toko", "the", "and", "of", "for", "de", "del",
     "la", "el", "est", "fze", "fzco", "dmcc", "wll", "sae", "pvt", "me", "sac", "mchj", "too",
     "tov", "ooo", "ltda", "lda", "ike", "dis", "ticaret", "sti", "general", "shop", "kk"}
)  # fmt: skip
_NOT_DOMAIN = re.compile(r"[^a-z0-9]+")


def ascii_slug(text: str) -> str:
    """Lower-case ASCII letters and digits only (accents folded, Cyrillic transliterated)."""
    out: list[str] = []
    for ch in unicodedata.normalize("NFKD", text.casefold()):
        if unicodedata.combining(ch):
            continue
        ch = _SPECIAL_LATIN.get(ch, ch)
        ch = _CYRILLIC.get(ch, ch)
        out.append(ch)
    return _NOT_DOMAIN.sub("", "".join(out))


def company_domain(company: str, brand: str, tld: str) -> str:
    """A plausible web domain for the company (``Glow Import LLC`` -> ``glowimport.com``)."""
    words = [ascii_slug(w) for w in normalise_company_name(company).split()]
    slug = ""
    for word in words:
        if len(word) < 2 or word in _DOMAIN_STOPWORDS:
            continue
        if slug and len(slug) + len(word) > 22:
            break  # long names get short domains: the first words only
        slug += word
    if len(slug) < 4:
        slug = ascii_slug(brand) + "beauty"
    return slug[:30] + tld


def phone_number(country: CountryProfile, rng: random.Random) -> str:
    """A phone number in the country's format (US/CA numbers use the fictional 555-01xx)."""
    digits: list[str] = []
    previous = ""
    for ch in country.phone:
        if ch == "#":
            # A group never starts with 0 (that would read as a trunk prefix).
            ch = str(rng.randrange(0 if previous.isdigit() else 1, 10))
        digits.append(ch)
        previous = ch
    return "".join(digits)
