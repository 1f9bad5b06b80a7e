"""Named domain errors; adapters turn them into chat replies or HTTP 4xx answers."""

from __future__ import annotations


class DomainError(Exception):
    """Base class of every expected, user-facing error."""

    status = 400

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class InvalidInput(DomainError):
    """A request is malformed (bad JSON field, bad quantity, ...)."""


class InvalidQuantity(InvalidInput):
    """A quantity is not a whole number in the allowed range."""

    def __init__(self, max_quantity: int) -> None:
        super().__init__(f"quantity must be a whole number from 1 to {max_quantity}")
        self.max_quantity = max_quantity


class RefusedQuantity(InvalidQuantity):
    """A quantity the shopper wrote that is no whole number in range ("1.5", "0", "-2")."""

    def __init__(self, said: str, max_quantity: int) -> None:
        super().__init__(max_quantity)
        self.said = said


class LineLimitExceeded(InvalidQuantity):
    """Adding would take a line over the maximum quantity (the cart holds ``have``)."""

    def __init__(self, name: str, have: int, max_quantity: int) -> None:
        super().__init__(max_quantity)
        self.name = name
        self.have = have

    @property
    def room(self) -> int:
        """How many can still be added to the line."""
        return max(self.max_quantity - self.have, 0)


class NotEnoughInCart(DomainError):
    """Taking more of a product out of the cart than its line holds."""

    status = 409

    def __init__(self, name: str, have: int, asked: int) -> None:
        super().__init__(f"only {have} x {name} in the cart, cannot take {asked} out")
        self.name = name
        self.have = have
        self.asked = asked


class NothingToSwap(DomainError):
    """A swap whose new product has no line in the cart to replace."""

    status = 409

    def __init__(
        self, name: str, options: tuple[str, ...] = (), skus: tuple[str, ...] = ()
    ) -> None:
        super().__init__(f"no line of the cart for {name} to replace")
        self.name = name
        self.options = options  # several lines could be meant: their names
        self.skus = skus  # those lines' SKUs
        self.asked = False  # set once the lines wait in the store as the pending question


class InvalidToken(DomainError):
    """A token is missing, malformed, forged or expired."""

    status = 401


class Forbidden(DomainError):
    """A valid token that does not grant access to the requested resource."""

    status = 403


class NotFound(DomainError):
    """A referenced resource does not exist."""

    status = 404


class UnknownProduct(NotFound):
    """No product matches a SKU or a name."""

    def __init__(
        self, query: str, suggestions: tuple[str, ...] = (), skus: tuple[str, ...] = ()
    ) -> None:
        super().__init__(f"unknown product: {query}")
        self.query = query
        self.suggestions = suggestions
        self.skus = skus  # the suggestions' SKUs, when they are products of the store
        self.asked = False  # set once the suggestions wait in the store for an answer
        self.operation: str | None = None  # the flow the answer completes ("remove_item")
        self.sold_out: frozenset[str] = frozenset()  # an add's suggestions out of stock


class AmbiguousProduct(DomainError):
    """A product name matches several products equally well."""

    status = 409

    def __init__(self, query: str, options: tuple[str, ...], skus: tuple[str, ...] = ()) -> None:
        super().__init__(f"{query!r} matches several products: {', '.join(options)}")
        self.query = query
        self.options = options
        self.skus = skus
        self.asked = False  # set once the options wait in the store for the shopper's answer
        self.operation: str | None = None  # the flow the answer completes ("remove_item")
        self.settled = False  # the options name every word of the query (no misspelling)
        self.sold_out: frozenset[str] = frozenset()  # an add's options out of stock (names)


class NotInCart(DomainError):
    """The product is not a line of the cart."""

    status = 404

    def __init__(self, name: str) -> None:
        super().__init__(f"{name} is not in the cart")
        self.name = name


class CartFull(DomainError):
    """A new line would take the cart past the most distinct products it may hold."""

    status = 409

    def __init__(self, max_lines: int) -> None:
        super().__init__(
            f"a cart holds at most {max_lines} different products; remove one to add another"
        )
        self.max_lines = max_lines


class OutOfStock(DomainError):
    """Not enough stock to fulfil a quantity."""

    status = 409

    def __init__(self, name: str, available: int) -> None:
        super().__init__(f"only {available} x {name} in stock")
        self.name = name
        self.available = available


class OtherCurrency(OutOfStock):
    """A product priced in another currency than the cart: not sold into it (none available)."""

    def __init__(self, name: str, currency: str, cart_currency: str) -> None:
        super().__init__(name, 0)
        self.message = f"{name} is priced in {currency}, the cart is in {cart_currency}"
        self.args = (self.message,)
        self.currency = currency
        self.cart_currency = cart_currency


class NoActiveSubscription(NotFound):
    """The customer has no active subscription to change or cancel."""

    def __init__(self) -> None:
        super().__init__("no active subscription")


class PlanNotHeld(DomainError):
    """A request names a plan the customer holds no live subscription to (review s23, T10).

    "cancel care basic" while on Care Premium: nothing changes, and the reply says which
    subscription the customer has (never the one held, canceled on the guess).
    """

    status = 409

    def __init__(self, plan: str, held: tuple[str, ...]) -> None:
        super().__init__(f"no {plan} subscription")
        self.plan = plan
        self.held = held  # the live subscriptions, as "Care Premium ($14.99/month)"


class InvalidLinkCode(DomainError):
    """A link code that is malformed, unknown, expired or used already."""

    status = 400


class LinkLocked(InvalidLinkCode):
    """Too many failed link-code attempts from this sender or for this code: wait."""

    status = 429


class IdempotencyMismatch(DomainError):
    """An ``Idempotency-Key`` reused for a different request."""

    status = 422


class SessionConflict(DomainError):
    """A conversation bound to one cart got a token for another cart or customer."""

    status = 409
