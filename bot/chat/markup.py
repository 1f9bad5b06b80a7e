"""Escape user- and catalog-supplied text placed into bot messages, per channel.

The cart page's widget (rasa-webchat) renders bot text as Markdown with link sanitising
off, so an echoed ``[click](javascript:...)`` or ``![x](http://...)`` would become a live
link or an image. Web channels (socket.io, REST and unknown ones) get every Markdown
character that can start a link, image, HTML tag, code span or emphasis (``*``, ``_``, ``~``)
backslash-escaped, so a catalog name like "Mug *Pro* [v2]" or "Snap_Cam" shows literally
(each is in remark's escapable set; the widget uses react-markdown 4). A ``(`` is escaped
only after ``]`` and a ``!`` only before ``[``: elsewhere they start nothing, and the
assistant's own "Care Basic ($4.99/month)" must reach a REST client without backslashes
(review s23). Slack's mrkdwn makes links from ``<...>``, so Slack gets ``&``, ``<`` and
``>`` as entities.
Telegram, Messenger and Twilio show plain text: nothing to escape there.
"""

from __future__ import annotations

import re

_MARKDOWN = re.compile(r"[\\`*_~\[\]<>]|(?<=\])\(|!(?=\[)")
"""What can start Markdown: a backslash, code, emphasis, a bracket, an HTML tag or autolink,
and "(" right after "]" or "!" right before "[" (a link's or image's own). A "(" or "!"
anywhere else is plain text with the brackets escaped, so the assistant's own words
("Care Basic ($4.99/month)", "Done!") never show a backslash (review s23)."""
PLAIN_CHANNELS = frozenset({"telegram", "facebook", "twilio"})


def escape_markdown(text: str) -> str:
    """Backslash-escape what can start Markdown (:data:`_MARKDOWN`): each shows as itself."""
    return _MARKDOWN.sub(r"\\\g<0>", text)


def escape_slack(text: str) -> str:
    """Slack's three control characters as entities (``&amp;``, ``&lt;``, ``&gt;``)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def escape_for(channel: str | None, value: object) -> object:
    """A template value made safe for the channel's renderer (non-strings as they are)."""
    if not isinstance(value, str):
        return value
    if channel in PLAIN_CHANNELS:
        return value
    if channel == "slack":
        return escape_slack(value)
    return escape_markdown(value)
