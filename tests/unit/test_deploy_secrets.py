"""Secrets are never a value anyone can read in the repository."""

from __future__ import annotations

import re

import pytest

from bot.config import PROJECT_ROOT, server_api_key, shop_secret


@pytest.mark.parametrize("value", ["change-me-too", "CHANGE-ME", "changeme123", "secret"])
@pytest.mark.parametrize(
    ("variable", "read"), [("SHOP_SECRET", shop_secret), ("SHOP_API_KEY", server_api_key)]
)
def test_a_published_placeholder_is_refused_at_start_up(monkeypatch, variable, read, value):
    monkeypatch.setenv(variable, value)

    with pytest.raises(SystemExit, match=variable):
        read()


def test_a_real_value_is_used(monkeypatch):
    monkeypatch.setenv("SHOP_SECRET", "k3Qv9-random-enough-value")

    assert shop_secret() == "k3Qv9-random-enough-value"


def test_compose_has_no_fallback_for_any_secret_and_no_open_demo_endpoint():
    compose = (PROJECT_ROOT / "deploy" / "compose.yml").read_text()

    for variable in ("POSTGRES_PASSWORD", "SHOP_SECRET", "SHOP_API_KEY"):
        uses = re.findall(r"\$\{" + variable + r"([^}]*)\}", compose)
        assert uses, variable
        assert all(use.startswith(":?") for use in uses), (variable, uses)  # required, no default
    assert "${SHOP_DEMO_PAGE:-0}" in compose
