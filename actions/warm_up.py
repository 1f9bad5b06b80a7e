"""Warm the shop's in-process indexes when the action server starts (not when tests import).

rasa_sdk creates its Sanic app, then imports this package; a listener on that app starts
:func:`bot.services.basket_knn.start_warm_up` once the server runs, in a background thread,
so the first cart does not pay for building the basket-kNN index.
"""

from __future__ import annotations

import logging
from typing import Any

from bot.services.basket_knn import start_warm_up

logger = logging.getLogger(__name__)
SANIC_APP = "rasa_sdk"


def warm_up_shop(*_: Any) -> None:
    """Start the background warm-up of the actions' shop (a failure is logged, never raised)."""
    from actions import common

    try:
        start_warm_up(common.shop_provider())
    except Exception:  # noqa: BLE001 - the action server must start even without its index
        logger.exception("basket-kNN warm-up not started; the first cart will build the index")


def attach_warm_up() -> bool:
    """Run :func:`warm_up_shop` after the action server starts, if one is being created.

    Returns:
        Whether a rasa_sdk app was found (``False`` when the actions are imported elsewhere).
    """
    try:
        from sanic import Sanic

        app = Sanic.get_app(SANIC_APP)
    except Exception:  # noqa: BLE001 - no action server in this process (tests, tools)
        return False
    if not getattr(app.ctx, "knn_warm_up", False):  # once, even if the package reloads
        app.register_listener(warm_up_shop, "after_server_start")
        app.ctx.knn_warm_up = True
    return True
