"""Repositories over one session. They read and stage writes; they never commit."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import delete, func, insert, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from bot.store.subscriptions import SubscriptionRepository
from bot.store.tables import (
    CartLineRow,
    CartRow,
    ComplementRow,
    CustomerRow,
    IdempotencyKeyRow,
    ProductRow,
    ShippingPolicyRow,
    utcnow,
)

__all__ = [
    "CartRepository",
    "CatalogRepository",
    "CustomerRepository",
    "SubscriptionRepository",
    "dialect_insert",
]


def dialect_insert(session: Session, table: Any) -> Any:
    """An INSERT that supports ``on_conflict_*`` on both SQLite and PostgreSQL."""
    name = session.get_bind().dialect.name
    return (postgresql.insert if name == "postgresql" else sqlite.insert)(table)


class CatalogRepository:
    """Products, curated complements and the shipping policy."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def products(self, active_only: bool = True) -> list[ProductRow]:
        """Every product, ordered by SKU."""
        query = select(ProductRow).order_by(ProductRow.sku)
        if active_only:
            query = query.where(ProductRow.active.is_(True))
        return list(self.session.scalars(query))

    def by_sku(self, sku: str) -> ProductRow | None:
        """One product by SKU."""
        return self.session.scalar(select(ProductRow).where(ProductRow.sku == sku))

    def sold_out(self, options: Iterable[tuple[str, str]]) -> frozenset[str]:
        """The names of the ``(sku, name)`` options that can't be added: out of stock."""
        named = dict(options)
        rows = self.by_skus(named)
        return frozenset(named[sku] for sku, row in rows.items() if row.stock <= 0)

    def by_skus(self, skus: Iterable[str]) -> dict[str, ProductRow]:
        """Products by SKU (unknown SKUs are left out)."""
        wanted = set(skus)
        if not wanted:
            return {}
        rows = self.session.scalars(select(ProductRow).where(ProductRow.sku.in_(wanted)))
        return {row.sku: row for row in rows}

    def by_ids(self, ids: Iterable[int]) -> dict[int, ProductRow]:
        """Products by id."""
        wanted = set(ids)
        if not wanted:
            return {}
        rows = self.session.scalars(select(ProductRow).where(ProductRow.id.in_(wanted)))
        return {row.id: row for row in rows}

    def family(self, family: str) -> list[ProductRow]:
        """Every active product of a family, by tier."""
        query = (
            select(ProductRow)
            .where(ProductRow.family == family, ProductRow.active.is_(True))
            .order_by(ProductRow.tier)
        )
        return list(self.session.scalars(query))

    def complements(self, product_ids: Iterable[int]) -> dict[int, list[ProductRow]]:
        """Curated complements of each given product."""
        ids = set(product_ids)
        if not ids:
            return {}
        query = (
            select(ComplementRow.product_id, ProductRow)
            .join(ProductRow, ProductRow.id == ComplementRow.complement_id)
            .where(ComplementRow.product_id.in_(ids))
            .order_by(ComplementRow.product_id, ProductRow.sku)
        )
        found: dict[int, list[ProductRow]] = defaultdict(list)
        for product_id, row in self.session.execute(query):
            found[product_id].append(row)
        return found

    def price_stock_and_size(self) -> tuple[int, int, int]:
        """``(highest price_minor, highest stock, products)`` over all products (0s when empty)."""
        query = select(
            func.max(ProductRow.price_minor), func.max(ProductRow.stock), func.count(ProductRow.id)
        )
        price, stock, products = self.session.execute(query).one()
        return price or 0, stock or 0, products or 0

    def shipping_policy(self) -> ShippingPolicyRow | None:
        """The shop's shipping policy."""
        return self.session.scalar(select(ShippingPolicyRow).order_by(ShippingPolicyRow.id))

    def set_shipping_policy(self, currency: str, threshold_minor: int, fee_minor: int) -> None:
        """Store the shop's one shipping policy (the first row; created if there is none)."""
        row = self.shipping_policy() or ShippingPolicyRow(id=1)
        row.currency, row.threshold_minor, row.flat_rate_minor = (
            currency,
            threshold_minor,
            fee_minor,
        )
        self.session.add(row)

    def currencies(self) -> dict[str, int]:
        """How many products are priced in each currency."""
        query = select(ProductRow.currency, func.count()).group_by(ProductRow.currency)
        return dict(self.session.execute(query).all())  # type: ignore[arg-type]

    def upsert_product(self, values: dict[str, Any], update: bool = True) -> None:
        """Insert a product; an existing SKU is updated, or left as it is with ``update=False``."""
        statement = dialect_insert(self.session, ProductRow).values(**values)
        if not update:
            self.session.execute(statement.on_conflict_do_nothing(index_elements=["sku"]))
            return
        changes = {k: statement.excluded[k] for k in values if k != "sku"}
        self.session.execute(statement.on_conflict_do_update(index_elements=["sku"], set_=changes))

    def upsert_products(self, rows: Sequence[Mapping[str, Any]]) -> tuple[int, int]:
        """Insert new SKUs in bulk and update changed ones; identical rows are left alone.

        Columns missing from a row keep their stored value (a new product gets price 0,
        stock 0 and the accessory role). A SKU given twice takes its last values.

        Returns:
            ``(added, updated)`` counts.
        """
        wanted = {row["sku"]: dict(row) for row in rows}
        existing = self.by_skus(wanted)
        new, updated = [], 0
        for sku, values in wanted.items():
            row = existing.get(sku)
            if row is None:
                new.append(
                    {"price_minor": 0, "stock": 0, "role": "accessory", "active": True, **values}
                )
            elif any(getattr(row, key) != value for key, value in values.items()):
                for key, value in values.items():
                    setattr(row, key, value)
                updated += 1
        for keys in {tuple(sorted(v)) for v in new}:  # one executemany per column set
            self.session.execute(insert(ProductRow), [v for v in new if tuple(sorted(v)) == keys])
        return len(new), updated

    def ids_and_prices(self, skus: Iterable[str]) -> dict[str, tuple[int, int]]:
        """``{sku: (id, price_minor)}`` for the known SKUs among ``skus``."""
        wanted = list(set(skus))
        found: dict[str, tuple[int, int]] = {}
        for start in range(0, len(wanted), 900):
            query = select(ProductRow.sku, ProductRow.id, ProductRow.price_minor).where(
                ProductRow.sku.in_(wanted[start : start + 900])
            )
            found.update({sku: (pid, price) for sku, pid, price in self.session.execute(query)})
        return found

    def add_complement(self, product_id: int, complement_id: int) -> None:
        """Record a curated complement (idempotent)."""
        statement = dialect_insert(self.session, ComplementRow).values(
            product_id=product_id, complement_id=complement_id
        )
        self.session.execute(statement.on_conflict_do_nothing())


class CustomerRepository:
    """Customers."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def get(self, customer_id: int) -> CustomerRow | None:
        """A customer by id."""
        return self.session.get(CustomerRow, customer_id)

    def by_ref(self, external_ref: str) -> CustomerRow | None:
        """A customer by the shop's own reference."""
        query = select(CustomerRow).where(CustomerRow.external_ref == external_ref)
        return self.session.scalar(query)

    def create(self, external_ref: str | None = None) -> CustomerRow:
        """Create a customer and return it with its id."""
        row = CustomerRow(external_ref=external_ref)
        self.session.add(row)
        self.session.flush()
        return row


class CartRepository:
    """Carts, their lines and the idempotency keys of cart changes."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def create(self, customer_id: int, currency: str) -> CartRow:
        """Create an empty open cart."""
        row = CartRow(customer_id=customer_id, currency=currency)
        self.session.add(row)
        self.session.flush()
        return row

    def get(self, cart_id: int, for_update: bool = False) -> CartRow | None:
        """A cart by id, optionally locking it for the rest of the transaction."""
        query = select(CartRow).where(CartRow.id == cart_id)
        if for_update:
            query = query.with_for_update()
        return self.session.scalar(query)

    def lines(self, cart_id: int) -> list[tuple[CartLineRow, ProductRow]]:
        """The cart's lines with their products, in the order they were added."""
        query = (
            select(CartLineRow, ProductRow)
            .join(ProductRow, ProductRow.id == CartLineRow.product_id)
            .where(CartLineRow.cart_id == cart_id)
            .order_by(CartLineRow.id)
        )
        return [(line, product) for line, product in self.session.execute(query)]

    def line_count(self, cart_id: int) -> int:
        """How many lines (distinct products) the cart holds."""
        query = select(func.count()).select_from(CartLineRow).where(CartLineRow.cart_id == cart_id)
        return int(self.session.scalar(query) or 0)

    def holds(self, cart_id: int, product_id: int) -> bool:
        """Whether the cart has a line for the product."""
        query = select(CartLineRow.id).where(
            CartLineRow.cart_id == cart_id, CartLineRow.product_id == product_id
        )
        return self.session.scalar(query) is not None

    def set_quantity(self, cart: CartRow, product_id: int, quantity: int) -> None:
        """Set a line's quantity, creating the line if needed."""
        line = self.session.scalar(
            select(CartLineRow).where(
                CartLineRow.cart_id == cart.id, CartLineRow.product_id == product_id
            )
        )
        if line is None:
            self.session.add(CartLineRow(cart_id=cart.id, product_id=product_id, quantity=quantity))
        else:
            line.quantity = quantity
        cart.updated_at = utcnow()

    def remove(self, cart: CartRow, product_id: int) -> None:
        """Delete a line."""
        self.session.execute(
            delete(CartLineRow).where(
                CartLineRow.cart_id == cart.id, CartLineRow.product_id == product_id
            )
        )
        cart.updated_at = utcnow()

    def claim_key(self, key: str, request_hash: str | None = None) -> bool:
        """Claim an idempotency key; ``False`` if a previous request already used it.

        ``request_hash`` is kept with the key, so that a later use of it can be told apart
        from a retry of the same request (:meth:`stored_key`).
        """
        statement = dialect_insert(self.session, IdempotencyKeyRow).values(
            key=key, request_hash=request_hash
        )
        result = self.session.execute(statement.on_conflict_do_nothing())
        return bool(result.rowcount)

    def prune_keys(self, before: datetime) -> int:
        """Delete every idempotency key recorded before ``before``; returns how many."""
        statement = delete(IdempotencyKeyRow).where(IdempotencyKeyRow.created_at < before)
        return int(self.session.execute(statement).rowcount or 0)

    def stored_key(self, key: str) -> IdempotencyKeyRow | None:
        """An idempotency key already used, with the request hash and answer stored with it."""
        return self.session.get(IdempotencyKeyRow, key)

    def store_key(self, key: str, request_hash: str, status: int, response: str) -> None:
        """Record a key with its request's hash and the answer to replay.

        Raises:
            sqlalchemy.exc.IntegrityError: The key was stored meanwhile (a concurrent request
                that did not lock the same cart; the caller's transaction rolls back).
        """
        self.session.add(
            IdempotencyKeyRow(key=key, request_hash=request_hash, status=status, response=response)
        )
        self.session.flush()
