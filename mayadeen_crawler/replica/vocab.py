"""Word pools the corpus draws from: names, places, sources, keywords, text words."""

from __future__ import annotations

DESK = "Al Mayadeen English"

AUTHORS: tuple[str, ...] = (
    "Hadi Khalil",
    "Sarah Mansour",
    "Karim Daher",
    "Lina Haddad",
    "Omar Farouk",
    "Maya Saleh",
    "Rami Nasser",
    "Nour Khoury",
    "Youssef Barakat",
    "Hiba Awad",
    "Daniel Morgan",
    "Elena Petrova",
    "Marco Rossi",
    "Amal Zein",
    "Jamal Rizk",
)

SOURCES: tuple[str, ...] = (
    "Agencies",
    "Reuters",
    "AFP",
    "Responsible Statecraft",
    "Al Mayadeen Net",
    "Mondoweiss",
    "The Cradle",
    "Press TV",
    "Anadolu",
    "Middle East Eye",
    "TASS",
    "Xinhua",
    "The Grayzone",
    "Declassified UK",
)

# tawsiyat "country" values that are not region labels: never truth regions.
COUNTRIES: tuple[str, ...] = (
    "Lebanon",
    "Iran",
    "Syria",
    "Yemen",
    "Iraq",
    "Russia",
    "Ukraine",
    "China",
    "Venezuela",
    "Cuba",
    "Egypt",
    "Jordan",
)

COVERAGES: dict[str, str] = {
    "War on Gaza": "Day by day coverage of the war on the Gaza Strip and its regional fallout.",
    "Russia & NATO": "Sanctions, weapons and diplomacy: how will things unfold between Moscow and the West?",
    "Red Sea Operations": "Yemen's naval operations in the Red Sea and the Bab al-Mandab Strait.",
    "Lebanon Under Attack": "Israeli aggression on Lebanon and the response of the Resistance.",
    "Syria in Transition": "Politics, security and reconstruction in post-war Syria.",
}

KEYWORDS: tuple[str, ...] = (
    "Gaza",
    "Israel",
    "Lebanon",
    "Iran",
    "Yemen",
    "Syria",
    "Iraq",
    "Russia",
    "Ukraine",
    "war in Ukraine",
    "European Union",
    "United States",
    "China",
    "Venezuela",
    "West Bank",
    "Hezbollah",
    "Hamas",
    "Red Sea",
    "Strait of Hormuz",
    "NATO",
    "UN Security Council",
    "sanctions",
    "oil prices",
    "Donald Trump",
    "Benjamin Netanyahu",
    "Vladimir Putin",
    "Africa",
    "BRICS",
    "Palestinian Resistance",
    "genocide",
)

SUBJECTS: tuple[str, ...] = (
    "Lebanese army",
    "Yemeni Armed Forces",
    "Kremlin",
    "Iranian FM",
    "UN rapporteur",
    "Palestinian official",
    "Hezbollah MP",
    "Cuban government",
    "Venezuelan president",
    "Chinese envoy",
    "EU foreign ministers",
    "US senators",
    "Al-Quds Brigades",
    "Qassam Brigades",
    "Iraqi PM",
    "Egyptian mediators",
    "Jordanian protesters",
    "Turkish parliament",
    "Israeli media",
    "Pentagon",
    "UNRWA",
    "African Union",
    "Brazilian president",
    "South Africa",
    "Russian Defense Ministry",
    "Syrian authorities",
    "British MPs",
    "French unions",
    "Pakistani FM",
    "Indian farmers",
)

VERBS: tuple[str, ...] = (
    "condemns",
    "warns of",
    "rejects",
    "announces",
    "calls for",
    "slams",
    "confirms",
    "denies",
    "backs",
    "launches",
    "halts",
    "demands",
    "reveals",
    "mourns",
    "vows",
    "questions",
    "welcomes",
    "suspends",
    "targets",
    "blocks",
)

OBJECTS: tuple[str, ...] = (
    "new sanctions",
    "ceasefire talks",
    "aid convoy",
    "naval assets",
    "fuel tankers",
    "drone strikes",
    "arms shipments",
    "border crossing",
    "prisoner exchange",
    "oil exports",
    "military drills",
    "peace plan",
    "settlement expansion",
    "trade deal",
    "energy pipeline",
    "press freedom",
    "hunger strike",
    "refugee camps",
    "airspace violations",
    "nuclear talks",
    "grain corridor",
    "water crisis",
    "election results",
    "debt relief",
    "rail project",
    "port blockade",
    "hospital raids",
    "food prices",
    "missile tests",
    "cyber attacks",
)

PLACES: tuple[str, ...] = (
    "south Lebanon",
    "the West Bank",
    "Gaza",
    "Sanaa",
    "Baalbek",
    "the Red Sea",
    "Tehran",
    "Damascus",
    "Baghdad",
    "Caracas",
    "Havana",
    "Moscow",
    "Kiev",
    "Beijing",
    "Brussels",
    "Washington",
    "al-Naqab",
    "Jenin",
    "Rafah",
    "Khan Younis",
    "Sahel",
    "Niamey",
    "Pretoria",
    "Brasilia",
    "Islamabad",
)

OPERATIONS: tuple[str, ...] = ("True Promise", "Al-Aqsa Flood", "Steadfast Shield", "Red Line")

HEADINGS: tuple[str, ...] = (
    "Russia’s red lines vs. Europe’s strategic calculations",
    "Why postwar troop plans could backfire",
    "Is Europe sincere about a ceasefire?",
    "Risky gamble for regional stability",
    "Choosing between escalation, engagement",
    "What the numbers say",
    "A pattern of violations",
    "The economic toll",
    "“Israel” and the limits of deterrence",
    "Washington’s double standards",
    "Voices from the ground",
    "What comes next",
)

PEOPLE: tuple[str, ...] = (
    "Kaya",
    "Al-Ghamari",
    "Abu Hamza",
    "Petro",
    "Lavrov",
    "Araghchi",
    "Guterres",
    "Albanese",
    "Qassem",
    "Ramaphosa",
    "Lula",
    "Maduro",
)

TWEETERS: tuple[tuple[str, str], ...] = (
    ("Quds News Network", "QudsNen"),
    ("Al Mayadeen English", "MayadeenEnglish"),
    ("Francesca Albanese", "FranceskAlbs"),
    ("Press Office", "PressOffice"),
)

_WORD_TEXT = """
the of and to in a that for on with as by was is said officials government
forces military country people war attack attacks strikes talks security
region regional international statement minister president army resistance
occupation civilians children hospital aid border city town village since
after before during against between while amid despite following under over
new several many more most other further recent latest major key senior
report reports reported according sources local authorities ministry spokesperson
warned stressed noted added confirmed announced called urged accused denied
operation operations campaign support supply economic political diplomatic
sanctions pressure negotiations agreement ceasefire deal plan proposal crisis
situation escalation response measures decision policy strategy power energy
oil gas prices markets trade growth workers unions protest protests rally
thousands hundreds dozens families residents displaced killed wounded injured
martyred arrested detained released prisoners soldiers troops officers units
drone drones missile missiles rockets vehicles tanks positions sites base bases
west east north south western eastern northern southern coastal rural urban
week month year day hours morning evening night today yesterday weeks months
first second third last early late long short large small high low full
public private national global local foreign domestic military civil legal
court ruling law laws rights freedom justice violations crimes evidence
investigation inquiry council parliament committee session vote votes election
media journalists press coverage footage images video broadcast channel
continue continued remain remained become became expected likely possible
clear direct indirect serious strong weak broad wide deep severe urgent
"""
WORDS: tuple[str, ...] = tuple(_WORD_TEXT.split())
