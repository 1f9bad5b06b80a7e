"""The idempotency-key retention setting (no I/O)."""

from datetime import timedelta

import pytest

from bot.services.housekeeping import RetentionSettingError, key_retention


def test_default_retention_is_seven_days() -> None:
    assert key_retention({}) == timedelta(days=7)
    assert key_retention({"SHOP_KEY_RETENTION_DAYS": "  "}) == timedelta(days=7)


@pytest.mark.parametrize(("raw", "days"), [("1", 1), ("30", 30), (" 3650 ", 3650)])
def test_whole_days_in_range_are_taken(raw: str, days: int) -> None:
    assert key_retention({"SHOP_KEY_RETENTION_DAYS": raw}) == timedelta(days=days)


@pytest.mark.parametrize("raw", ["0", "-1", "1.5", "3651", "seven", "7d", "1e3"])
def test_anything_else_is_refused_with_the_range(raw: str) -> None:
    with pytest.raises(RetentionSettingError) as caught:
        key_retention({"SHOP_KEY_RETENTION_DAYS": raw})
    assert "from 1 to 3650" in caught.value.message
    assert repr(raw) in caught.value.message
