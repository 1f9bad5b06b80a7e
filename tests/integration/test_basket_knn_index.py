"""The in-process basket-kNN index: built once per neighbour build, refreshed by a rebuild."""

from sqlalchemy import func, select

from bot.domain.basket_knn import KnnParams
from bot.services.basket_knn import KNN, cart_votes, current_index, warm_up
from bot.services.neighbours import rebuild_neighbours
from bot.store.tables import OrderLineRow


def _index(shop, params=KNN, recheck_after=0.0):
    with shop.session_factory.begin() as session:
        return current_index(session, params, recheck_after)


def test_the_index_holds_the_history_and_is_reused_until_the_lists_are_rebuilt(shop) -> None:
    with shop.session_factory.begin() as session:
        orders = session.scalar(select(func.count(func.distinct(OrderLineRow.order_id))))

    assert warm_up(shop) == orders > 0
    first = _index(shop)
    assert _index(shop) is first  # no rebuild: the same object, nothing read again

    rebuild_neighbours(shop)

    assert _index(shop, recheck_after=3600.0) is first  # the record checked a moment ago
    fresh = _index(shop)
    assert fresh is not first and fresh.baskets == orders


def test_the_window_bounds_the_indexed_orders(shop) -> None:
    assert _index(shop, KnnParams(window=5)).baskets == 5


def test_cart_votes_come_from_baskets_holding_the_cart_items(shop) -> None:
    with shop.session_factory.begin() as session:
        product = session.scalar(select(OrderLineRow.product_id).limit(1))
        partners = set(
            session.scalars(
                select(OrderLineRow.product_id).where(
                    OrderLineRow.order_id.in_(
                        select(OrderLineRow.order_id).where(OrderLineRow.product_id == product)
                    )
                )
            )
        )
        votes = cart_votes(session, [product])

    assert product in votes and set(votes) <= partners
