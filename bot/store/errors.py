"""Store errors: faults of the code that uses the store, never of the shopper's input."""

from __future__ import annotations


class ReadOnlyViolation(RuntimeError):
    """A read-only unit of work tried to write (a bug in the use case, not a user error).

    Raised before the statement reaches the database; the unit is rolled back, so the store
    is unchanged. Not a :class:`~bot.domain.errors.DomainError`: no adapter turns it into a
    polite 4xx, it must surface as the fault it is.
    """

    def __init__(self, statement: str) -> None:
        first = " ".join(statement.split())[:120]
        super().__init__(f"a read-only unit of work tried to write: {first}")
        self.statement = statement
