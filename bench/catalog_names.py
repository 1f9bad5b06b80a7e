"""A deterministic, realistic product catalog of any size, and queries with known answers."""

from __future__ import annotations

import random
import re
from collections import defaultdict
from dataclasses import dataclass

import common  # noqa: F401  (puts the repository on sys.path)

from bot.domain.language import ENGLISH

BRAND_PARTS = (
    ("Ar", "Zo", "Ke", "Lu", "Ma", "No", "Or", "Pe", "Qui", "Ri", "So", "Ta", "Ve", "Wi", "Xa",
     "Ya", "Bri", "Cor", "Da", "Fen", "Gal", "Hal", "Jun", "Tor"),
    ("ria", "nix", "stra", "mo", "vo", "lex", "rin", "dex", "tek", "va", "lon", "ris", "ko",
     "sa", "mir", "don"),
)  # fmt: skip
# noun, kind of variant it takes
NOUNS = (
    ("Phone", "capacity"), ("Tablet", "capacity"), ("Laptop", "screen"), ("Monitor", "screen"),
    ("SD Card", "capacity"), ("USB Stick", "capacity"), ("Hard Drive", "capacity"),
    ("Power Bank", "mah"), ("Charger", "watts"), ("Wall Charger", "watts"),
    ("USB-C Cable", "length"), ("HDMI Cable", "length"), ("Extension Lead", "length"),
    ("Headphones", "model"), ("Earbuds", "model"), ("Speaker", "model"), ("Soundbar", "model"),
    ("Camera", "model"), ("Action Cam", "model"), ("Tripod", "length"), ("Drone", "model"),
    ("Router", "model"), ("Smart Plug", "pack"), ("Light Bulb", "pack"), ("Keyboard", "model"),
    ("Mouse", "model"), ("Desk Lamp", "model"), ("Office Chair", "model"), ("Desk", "width"),
    ("Water Bottle", "volume"), ("Travel Mug", "volume"), ("Ceramic Mug", "volume"),
    ("Kettle", "volume"), ("Blender", "watts"), ("Toaster", "model"), ("Frying Pan", "width"),
    ("Saucepan", "width"), ("Chef Knife", "width"), ("Cutting Board", "width"),
    ("Coffee Grinder", "model"), ("Espresso Machine", "model"), ("Coffee Beans", "weight"),
    ("Green Tea", "pack"), ("Olive Oil", "volume"), ("Dish Soap", "volume"), ("Towel", "size"),
    ("Pillow", "size"), ("Duvet Cover", "size"), ("Bed Sheet", "size"), ("Candle", "pack"),
    ("Yoga Mat", "width"), ("Dumbbell", "weight"), ("Running Shoes", "shoe"),
    ("Hiking Boots", "shoe"), ("Rain Jacket", "size"), ("Hoodie", "size"), ("T-Shirt", "size"),
    ("Wool Socks", "pack"), ("Backpack", "volume"), ("Suitcase", "volume"), ("Tent", "model"),
    ("Sleeping Bag", "model"), ("Bike Helmet", "size"), ("Bike Light", "model"),
    ("Toothbrush", "pack"), ("Shampoo", "volume"), ("Face Cream", "volume"),
    ("Notebook", "pack"), ("Pen Set", "pack"), ("Board Game", "model"), ("Puzzle", "pieces"),
    ("Dog Leash", "length"), ("Cat Food", "weight"), ("Drill", "watts"),
    ("Screwdriver Set", "pieces"), ("Tape Measure", "length"), ("Vase", "size"),
    ("Picture Frame", "size"), ("Wall Clock", "width"), ("Plant Pot", "width"),
    ("Garden Hose", "length"), ("Watering Can", "volume"), ("Baby Monitor", "model"),
)  # fmt: skip
ATTRIBUTES = (
    "Stainless Steel", "Ceramic", "Leather", "Wireless", "Bamboo", "Cotton", "Glass",
    "Aluminium", "Organic", "Waterproof", "Noise Cancelling", "Ergonomic", "Foldable",
    "Rechargeable", "Non-Stick", "Merino", "Insulated", "Compact", "Heavy Duty", "Slim",
    "Black", "White", "Red", "Navy", "Grey", "Green", "Rose Gold", "Silver", "Blue", "Oak",
)  # fmt: skip
VARIANTS = {
    "capacity": ("32 GB", "64 GB", "128 GB", "256 GB", "512 GB", "1 TB", "2 TB"),
    "screen": ("13-inch", "14-inch", "15-inch", "16-inch", "24-inch", "27-inch", "32-inch"),
    "mah": ("5000 mAh", "10000 mAh", "20000 mAh", "26800 mAh"),
    "watts": ("20W", "30W", "45W", "65W", "100W", "600W", "1000W"),
    "length": ("1m", "2m", "3m", "5m", "10m", "0.5m"),
    "model": ("X1", "X2", "Pro", "Max", "Lite", "Mini", "S3", "Gen 2", "V8", "Ultra", "A15"),
    "pack": ("2-Pack", "3-Pack", "4-Pack", "6-Pack", "10-Pack", "12-Pack"),
    "width": ("20 cm", "24 cm", "28 cm", "30 cm", "120 cm", "140 cm"),
    "volume": ("250 ml", "350 ml", "500 ml", "750 ml", "1 l", "1.7 l", "20 l", "40 l"),
    "weight": ("250 g", "500 g", "1 kg", "2 kg", "5 kg", "10 kg"),
    "size": ("S", "M", "L", "XL", "Single", "Double", "King"),
    "shoe": ("Size 7", "Size 8", "Size 9", "Size 10", "Size 11", "Size 12"),
    "pieces": ("500 Pieces", "1000 Pieces", "24-Piece", "40-Piece"),
}
QUERY_KINDS = ("exact", "partial", "plural", "typo1", "typo2", "units", "reordered")


def catalog(size: int, seed: int = 11) -> list[tuple[str, str]]:
    """``size`` distinct ``(sku, name)`` pairs, the same for the same size and seed."""
    rng = random.Random(seed)
    brands = sorted({a + b for a in BRAND_PARTS[0] for b in BRAND_PARTS[1]})
    names: dict[tuple[str, ...], str] = {}
    while len(names) < size:
        noun, kind = rng.choice(NOUNS)
        parts = [rng.choice(brands)]
        if rng.random() < 0.6:
            parts.append(rng.choice(ATTRIBUTES))
        parts.append(noun)
        if rng.random() < 0.85:
            parts.append(rng.choice(VARIANTS[kind]))
        name = " ".join(parts)
        names.setdefault(tuple(sorted(ENGLISH.terms(name))), name)
    return [(f"SKU{n:06d}", name) for n, name in enumerate(names.values())]


@dataclass(frozen=True)
class Query:
    """A query, the SKU it must resolve to, and the kind of change made to the name."""

    text: str
    sku: str
    kind: str


def _typo(word: str, rng: random.Random) -> str:
    at = rng.randrange(1, len(word) - 1)
    kind = rng.randrange(4)
    if kind == 0:
        return word[:at] + word[at + 1] + word[at] + word[at + 2 :] if at < len(word) - 1 else word
    if kind == 1:
        return word[:at] + word[at + 1 :]
    if kind == 2:
        return word[:at] + rng.choice("aeiorstn") + word[at:]
    return word[:at] + rng.choice("aeiorstn".replace(word[at].lower(), "")) + word[at + 1 :]


def _misspell(name: str, edits: int, rng: random.Random) -> str | None:
    words = name.split(" ")
    long = [i for i, w in enumerate(words) if len(w) >= 5 and w.isalpha()]
    if not long:
        return None
    for i in rng.sample(long, min(edits, len(long))) if len(long) >= edits else long * edits:
        words[i] = _typo(words[i], rng)
    return " ".join(words)


def misspelt(name: str, seed: int = 1) -> str:
    """A one-edit misspelling of a name (the name itself when no word is long enough)."""
    return _misspell(name, 1, random.Random(seed)) or name


def _units(name: str) -> str | None:
    changed = re.sub(r"(\d) (GB|TB|ml|l|g|kg|cm|mAh)\b", r"\1\2", name)
    if changed == name:
        changed = re.sub(r"(\d)(W|m)\b", r"\1 \2", name)
    return changed.lower() if changed != name else None


def _plural(name: str) -> str | None:
    words = name.split(" ")
    for i in range(len(words) - 1, -1, -1):
        w = words[i]
        if w.isalpha() and len(w) > 3 and not w.endswith("s") and w[0].isupper():
            words[i] = w[:-1] + "ies" if w.endswith("y") and w[-2] not in "aeiou" else w + "s"
            return " ".join(words)
    return None


class _Unique:
    """Which products contain every term of a query (so a partial query is fair)."""

    def __init__(self, products: list[tuple[str, str]]) -> None:
        self.index: dict[str, set[str]] = defaultdict(set)
        for sku, name in products:
            for term in ENGLISH.terms(name):
                self.index[term].add(sku)

    def unique(self, text: str, sku: str) -> bool:
        sets = [self.index.get(term, set()) for term in ENGLISH.terms(text)]
        return bool(sets) and set.intersection(*sets) == {sku}


def _partial(name: str, sku: str, unique: _Unique, rng: random.Random) -> str | None:
    words = name.split(" ")
    for drop in rng.sample(range(len(words)), len(words)):
        text = " ".join(words[:drop] + words[drop + 1 :])
        if len(words) > 2 and unique.unique(text, sku):
            return text
    return None


def _variant(kind: str, name: str, sku: str, unique: _Unique, rng: random.Random) -> str | None:
    if kind == "exact":
        return name
    if kind == "partial":
        return _partial(name, sku, unique, rng)
    if kind == "plural":
        return _plural(name)
    if kind in ("typo1", "typo2"):
        return _misspell(name, int(kind[-1]), rng)
    if kind == "units":
        return _units(name)
    words = name.split(" ")
    return " ".join(rng.sample(words, len(words)))


def queries(products: list[tuple[str, str]], count: int, seed: int = 5) -> list[Query]:
    """About ``count`` queries spread evenly over :data:`QUERY_KINDS`, each with its answer."""
    rng = random.Random(seed)
    unique = _Unique(products)
    found: list[Query] = []
    per_kind = max(1, count // len(QUERY_KINDS))
    for kind in QUERY_KINDS:
        made = 0
        for _ in range(per_kind * 20):
            if made == per_kind:
                break
            sku, name = rng.choice(products)
            text = _variant(kind, name, sku, unique, rng)
            if text and text != (name if kind != "exact" else None):
                found.append(Query(text, sku, kind))
                made += 1
    rng.shuffle(found)  # any prefix (the baseline's share) mixes the kinds
    return found
