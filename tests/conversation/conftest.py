"""Print the NLU paraphrase accuracy in pytest's summary, passed or failed."""

from __future__ import annotations

import pytest

METRICS: list[str] = []


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """Show the metrics the conversation tests recorded."""
    if METRICS:
        terminalreporter.section("conversation metrics")
        for line in METRICS:
            terminalreporter.write_line(line)
