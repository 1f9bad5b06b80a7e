"""Deterministic demo catalog: products, subscription plans and shipping constants."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class DemoProduct:
    """One product of the demo shop.

    Attributes:
        sku: Stable stock-keeping unit, e.g. ``"PH-ARIA-128"``.
        name: Unique human name a shopper would type, e.g. ``"Aria Phone 128 GB"``.
        category: Category slug, e.g. ``"phones"``.
        price: Price as a decimal string with two places (never a float).
        stock: Units in stock; ``0`` means sold out.
        role: ``"main"`` for a primary purchase, ``"accessory"`` otherwise.
        family: Product family for up/downsell, or ``None``.
        tier: 1-based rank within the family (1 = entry), or ``None``.
        tier_label: Short label of the tier, e.g. ``"256 GB"``, or ``None``.
        complements: Curated complement SKUs, best first.
    """

    sku: str
    name: str
    category: str
    price: str
    stock: int
    role: str
    family: str | None = None
    tier: int | None = None
    tier_label: str | None = None
    complements: tuple[str, ...] = ()


@dataclass(frozen=True)
class DemoPlan:
    """One subscription plan (device protection).

    Attributes:
        code: Stable plan code, e.g. ``"care-basic"``.
        name: Human name, e.g. ``"Care Basic"``.
        price: Price per interval as a decimal string.
        interval: Billing interval, e.g. ``"month"``.
        tier: 1-based rank within the plan family (1 = cheapest).
    """

    code: str
    name: str
    price: str
    interval: str
    tier: int


CURRENCY = "USD"
FREE_SHIPPING_THRESHOLD = "50.00"
FLAT_SHIPPING = "4.99"

_P = DemoProduct
_ARIA = ("PA-CASE-CLR", "PA-SCR-GLS", "PA-CHG-30W", "PA-CASE-LTH")
_SNAP_ENT = ("CA-SD-64", "CA-BAG", "CA-TRIPOD", "CA-BATT")
_SNAP_UP = ("CA-SD-128", "CA-BAG", "CA-BATT", "CA-TRIPOD")
_PULSE = ("AU-CASE", "AU-CBL-AUX", "AU-STAND")
_BREW = ("CF-BEANS-ESP", "CF-FILTER", "CF-MUG", "CF-DESCALE")

# fmt: off
PRODUCTS: tuple[DemoProduct, ...] = (
    # phones
    _P("PH-ARIA-128", "Aria Phone 128 GB", "phones", "699.00", 25, "main",
       "Aria Phone", 1, "128 GB", _ARIA),
    _P("PH-ARIA-256", "Aria Phone 256 GB", "phones", "799.00", 14, "main",
       "Aria Phone", 2, "256 GB", _ARIA),
    _P("PH-ARIA-512", "Aria Phone 512 GB", "phones", "999.00", 2, "main",
       "Aria Phone", 3, "512 GB", _ARIA),
    _P("PH-NOVA-LITE", "Nova Lite Phone", "phones", "299.00", 18, "main",
       complements=("PA-CASE-CLR", "PA-SCR-GLS", "PA-CBL-USBC")),
    # phone accessories
    _P("PA-CASE-CLR", "Clear Phone Case", "phone-accessories", "19.00", 120, "accessory"),
    _P("PA-CASE-LTH", "Leather Phone Case", "phone-accessories", "39.00", 3, "accessory"),
    _P("PA-CHG-30W", "Fast Charger 30W", "phone-accessories", "29.00", 60, "accessory"),
    _P("PA-SCR-GLS", "Glass Screen Protector", "phone-accessories", "12.00", 200, "accessory"),
    _P("PA-CBL-USBC", "USB-C Cable 1m", "phone-accessories", "6.00", 300, "accessory"),
    _P("PA-PAD-WRL", "Wireless Charging Pad", "phone-accessories", "35.00", 0, "accessory"),
    _P("PA-GRIP", "Phone Grip Stand", "phone-accessories", "9.00", 80, "accessory"),
    # cameras
    _P("CM-SNAP-ENT", "Snap Camera Entry", "cameras", "449.00", 9, "main",
       "Snap Camera", 1, "Entry", _SNAP_ENT),
    _P("CM-SNAP-MID", "Snap Camera Mid", "cameras", "799.00", 6, "main",
       "Snap Camera", 2, "Mid", _SNAP_UP),
    _P("CM-SNAP-PRO", "Snap Camera Pro", "cameras", "1499.00", 3, "main",
       "Snap Camera", 3, "Pro", _SNAP_UP),
    _P("CM-ACT-4K", "Action Cam 4K", "cameras", "249.00", 12, "main",
       complements=("CA-SD-64", "CA-BATT", "CA-STRAP")),
    # camera accessories
    _P("CA-SD-64", "64 GB SD Card", "camera-accessories", "14.00", 150, "accessory",
       "SD Card", 1, "64 GB"),
    _P("CA-SD-128", "128 GB SD Card", "camera-accessories", "24.00", 90, "accessory",
       "SD Card", 2, "128 GB"),
    _P("CA-SD-256", "256 GB SD Card", "camera-accessories", "44.00", 0, "accessory",
       "SD Card", 3, "256 GB"),
    _P("CA-BAG", "Camera Shoulder Bag", "camera-accessories", "49.00", 20, "accessory"),
    _P("CA-TRIPOD", "Travel Tripod", "camera-accessories", "59.00", 15, "accessory"),
    _P("CA-BATT", "Spare Camera Battery", "camera-accessories", "39.00", 0, "accessory"),
    _P("CA-STRAP", "Padded Neck Strap", "camera-accessories", "15.00", 40, "accessory"),
    _P("CA-CLEAN", "Lens Cleaning Kit", "camera-accessories", "8.00", 70, "accessory"),
    # laptops
    _P("LP-ORBIT-13", "Orbit Laptop 13-inch", "laptops", "1099.00", 8, "main",
       "Orbit Laptop", 1, "13-inch", ("LA-SLEEVE-13", "LA-MOUSE", "LA-HUB", "LA-STAND")),
    _P("LP-ORBIT-15", "Orbit Laptop 15-inch", "laptops", "1399.00", 1, "main",
       "Orbit Laptop", 2, "15-inch", ("LA-SLEEVE-15", "LA-MOUSE", "LA-CHG-65W", "LA-HUB")),
    _P("LP-CHROMA", "Chroma Notebook", "laptops", "549.00", 10, "main",
       complements=("LA-MOUSE", "LA-SLEEVE-13", "LA-PAD")),
    # laptop accessories
    _P("LA-SLEEVE-13", "Laptop Sleeve 13-inch", "laptop-accessories", "29.00", 35, "accessory",
       "Laptop Sleeve", 1, "13-inch"),
    _P("LA-SLEEVE-15", "Laptop Sleeve 15-inch", "laptop-accessories", "35.00", 2, "accessory",
       "Laptop Sleeve", 2, "15-inch"),
    _P("LA-MOUSE", "Wireless Mouse", "laptop-accessories", "25.00", 75, "accessory"),
    _P("LA-CHG-65W", "USB-C Laptop Charger 65W", "laptop-accessories", "49.00", 30, "accessory"),
    _P("LA-HUB", "USB-C Hub 7-in-1", "laptop-accessories", "39.00", 1, "accessory"),
    _P("LA-STAND", "Aluminium Laptop Stand", "laptop-accessories", "34.00", 22, "accessory"),
    _P("LA-PAD", "Mouse Pad", "laptop-accessories", "7.00", 110, "accessory"),
    # audio
    _P("AU-PULSE-LITE", "Pulse Headphones Lite", "audio", "99.00", 30, "main",
       "Pulse Headphones", 1, "Lite", _PULSE),
    _P("AU-PULSE-STUDIO", "Pulse Headphones Studio", "audio", "199.00", 16, "main",
       "Pulse Headphones", 2, "Studio", _PULSE),
    _P("AU-PULSE-MAX", "Pulse Headphones Max", "audio", "349.00", 0, "main",
       "Pulse Headphones", 3, "Max", _PULSE),
    _P("AU-ECHO-BUDS", "Echo Earbuds", "audio", "129.00", 40, "main",
       complements=("AU-TIPS", "PA-PAD-WRL", "PA-CBL-USBC")),
    _P("AU-CASE", "Headphone Carry Case", "audio", "19.00", 45, "accessory"),
    _P("AU-CBL-AUX", "3.5 mm Audio Cable", "audio", "5.00", 140, "accessory"),
    _P("AU-TIPS", "Foam Ear Tips", "audio", "11.00", 65, "accessory"),
    _P("AU-STAND", "Headphone Stand", "audio", "24.00", 3, "accessory"),
    # coffee
    _P("CF-BREW-BASIC", "Brew Coffee Machine Basic", "coffee", "149.00", 20, "main",
       "Brew Coffee Machine", 1, "Basic", _BREW),
    _P("CF-BREW-PLUS", "Brew Coffee Machine Plus", "coffee", "299.00", 11, "main",
       "Brew Coffee Machine", 2, "Plus", _BREW),
    _P("CF-BREW-BARISTA", "Brew Coffee Machine Barista", "coffee", "549.00", 4, "main",
       "Brew Coffee Machine", 3, "Barista", ("CF-BEANS-ESP", "CF-FROTHER", "CF-GRINDER")),
    _P("CF-BEANS-ESP", "Espresso Beans 1 kg", "coffee", "18.00", 95, "accessory"),
    _P("CF-BEANS-DEC", "Decaf Beans 500 g", "coffee", "12.00", 50, "accessory"),
    _P("CF-FILTER", "Paper Coffee Filters", "coffee", "4.00", 250, "accessory"),
    _P("CF-MUG", "Ceramic Mug", "coffee", "9.00", 130, "accessory"),
    _P("CF-DESCALE", "Descaling Tablets", "coffee", "8.00", 85, "accessory"),
    _P("CF-FROTHER", "Milk Frother", "coffee", "29.00", 2, "accessory"),
    _P("CF-GRINDER", "Burr Coffee Grinder", "coffee", "89.00", 7, "accessory"),
)
# fmt: on

PLANS: tuple[DemoPlan, ...] = (
    DemoPlan("care-basic", "Care Basic", "4.99", "month", 1),
    DemoPlan("care-plus", "Care Plus", "9.99", "month", 2),
    DemoPlan("care-premium", "Care Premium", "14.99", "month", 3),
)


# Cheap consumables the demo shop lists as free-shipping gap fillers (the fallback closer).
GAP_FILLERS = ("CF-FILTER", "CF-DESCALE", "PA-CBL-USBC", "AU-CBL-AUX", "LA-PAD", "CA-CLEAN")


def product_by_sku() -> dict[str, DemoProduct]:
    """Index the demo catalog by SKU.

    Returns:
        A new dict mapping each SKU to its product, in catalog order.
    """
    return {product.sku: product for product in PRODUCTS}
