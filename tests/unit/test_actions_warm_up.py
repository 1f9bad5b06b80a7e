"""The action server warms the shop's indexes after it starts, and only then."""

from __future__ import annotations

from actions import warm_up


def test_without_an_action_server_nothing_is_attached(monkeypatch) -> None:
    from sanic import Sanic

    def missing(cls, name):
        raise LookupError(name)  # sanic raises SanicException: no app of that name

    monkeypatch.setattr(Sanic, "get_app", classmethod(missing))

    assert warm_up.attach_warm_up() is False


def test_the_listener_is_attached_once_to_the_rasa_sdk_app(monkeypatch) -> None:
    from sanic import Sanic

    class App:
        def __init__(self) -> None:
            self.ctx = type("Ctx", (), {})()
            self.listeners: list[tuple] = []

        def register_listener(self, listener, event) -> None:
            self.listeners.append((listener, event))

    app = App()
    monkeypatch.setattr(Sanic, "get_app", classmethod(lambda cls, name: app))

    assert warm_up.attach_warm_up() and warm_up.attach_warm_up()
    assert app.listeners == [(warm_up.warm_up_shop, "after_server_start")]


def test_a_failure_to_start_the_warm_up_is_logged_not_raised(monkeypatch, caplog) -> None:
    from actions import common

    def no_shop():
        raise RuntimeError("no database")

    monkeypatch.setattr(common, "shop_provider", no_shop)

    warm_up.warm_up_shop(object(), object())

    assert "basket-kNN warm-up not started" in caplog.text


def test_the_warm_up_starts_with_the_actions_shop(monkeypatch) -> None:
    from actions import common

    shop, started = object(), []
    monkeypatch.setattr(common, "shop_provider", lambda: shop)
    monkeypatch.setattr(warm_up, "start_warm_up", started.append)

    warm_up.warm_up_shop(object(), object())

    assert started == [shop]
