"""A mixin for Rasa input channels that take keys of ours from their credentials entry."""

from __future__ import annotations

from typing import Any, ClassVar

from rasa.core.channels.channel import InputChannel


class ExtraCredentials:
    """Build the channel as Rasa does, then set each key of ``extra_credentials`` on it.

    Put it first in the bases (``class SlackChannel(ExtraCredentials, SlackInput)``); the
    keys come from ``bot.channels.config`` (e.g. ``api_base_url`` for a local fake in tests)
    and are ``None`` when unset.
    """

    extra_credentials: ClassVar[tuple[str, ...]] = ()

    @classmethod
    def from_credentials(cls, credentials: dict[str, Any] | None) -> InputChannel:
        """Build the channel from its ``credentials`` entry (see ``bot.channels.config``)."""
        channel: InputChannel = super().from_credentials(credentials)  # type: ignore[misc]
        for key in cls.extra_credentials:
            setattr(channel, key, (credentials or {}).get(key))
        return channel
