"""Offer experiments: definitions, deterministic assignment and what each variant changes.

An experiment splits *units* (customers or conversations) into variants by hashing the
experiment key with the unit id into one of :data:`BUCKETS` buckets, so every replica and
every restart puts a unit in the same variant without storing an assignment. A variant
changes the selling settings (:class:`VariantSettings`): offers on or off (the holdout),
the number of unsolicited offers, the offer moment, the reason wording and the retention
offer kind. Pure rules, no I/O: the config file is parsed by :func:`parse_experiments` from
already-loaded data.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, field
from datetime import date, datetime, time, timezone
from typing import Any

from bot.domain.errors import DomainError
from bot.domain.offers import Moment

BUCKETS = 10_000
UNITS = ("customer", "conversation")
OFFER_MOMENTS = ("any", Moment.MAIN_ITEM_ADDED.value, Moment.CHECKOUT.value)
REASON_STYLES = ("data", "brief")
RETENTION_KINDS = ("auto", "cheaper_plan", "pause", "discount")
_KEY = re.compile(r"^[a-z0-9][a-z0-9_-]{0,62}$")


class ExperimentConfigError(DomainError):
    """The experiments file is malformed, or changes an experiment that is running."""


@dataclass(frozen=True)
class VariantSettings:
    """What a variant changes; the defaults are the assistant's normal behaviour.

    Attributes:
        offers: ``False`` makes the variant a holdout: no unsolicited add-on and no
            retention offer (asked-for suggestions are still answered).
        max_unsolicited: Unsolicited offers per conversation (``None``: the shop's setting).
        offer_moment: ``any``, ``main_item_added`` or ``checkout``: when unsolicited offers come.
        reason_style: ``data`` (the computed reason) or ``brief`` (a shorter true wording).
        retention: ``auto`` (cheaper plan, else pause, else discount), ``cheaper_plan``
            (same), ``pause`` or ``discount`` (that kind first; see ``bot.domain.retention``).
    """

    offers: bool = True
    max_unsolicited: int | None = None
    offer_moment: str = "any"
    reason_style: str = "data"
    retention: str = "auto"

    def shows_at(self, moment: Moment) -> bool:
        """Whether this variant shows an unsolicited offer at ``moment``."""
        return self.offers and self.offer_moment in ("any", moment.value)


@dataclass(frozen=True)
class Variant:
    """One arm: a name, a weight (any positive whole number) and its settings."""

    name: str
    weight: int
    settings: VariantSettings = field(default_factory=VariantSettings)


@dataclass(frozen=True)
class Experiment:
    """An experiment: who is split (``unit``), into which variants, and when it runs.

    ``start`` is inclusive and ``stop`` exclusive (UTC); ``control`` is the arm the others
    are compared with (the first variant unless named).
    """

    key: str
    unit: str
    variants: tuple[Variant, ...]
    start: datetime
    stop: datetime
    control: str

    def running(self, now: datetime) -> bool:
        """Whether ``now`` falls in the experiment's window."""
        return self.start <= now < self.stop

    def variant(self, name: str) -> Variant:
        """The variant called ``name`` (raises ``KeyError`` for an unknown one)."""
        for variant in self.variants:
            if variant.name == name:
                return variant
        raise KeyError(name)

    @property
    def weights(self) -> dict[str, int]:
        """Variant name -> weight."""
        return {v.name: v.weight for v in self.variants}

    def design(self) -> str:
        """The part that may not change once the experiment runs: unit, variants, weights."""
        arms = [[v.name, v.weight, asdict(v.settings)] for v in self.variants]
        payload = {"unit": self.unit, "variants": arms, "control": self.control}
        return json.dumps(payload, sort_keys=True, separators=(",", ":"))


def bucket(experiment_key: str, unit_id: str) -> int:
    """The unit's bucket in ``[0, BUCKETS)``: SHA-256 of ``"<key>:<unit>"``, stable everywhere."""
    digest = hashlib.sha256(f"{experiment_key}:{unit_id}".encode()).digest()
    return int.from_bytes(digest[:8], "big") % BUCKETS


def assign(experiment: Experiment, unit_id: str) -> Variant:
    """The variant a unit belongs to: buckets are cut in proportion to the weights."""
    position = bucket(experiment.key, unit_id) * sum(v.weight for v in experiment.variants)
    edge = 0
    for variant in experiment.variants:
        edge += variant.weight * BUCKETS
        if position < edge:
            return variant
    return experiment.variants[-1]


_BRIEF = (
    (re.compile(r"^bought together in \S+ of orders with your (?P<x>.+)$"),
     "often bought with your {x}"),
    (re.compile(r"^a best seller: in \S+ of all orders$"), "one of our best sellers"),
    (re.compile(r"^it closes your free-shipping gap.*$"), "it gets you free shipping"),
)  # fmt: skip


def phrase_reason(reason: str, style: str) -> str:
    """Word a computed reason in a variant's style; ``brief`` keeps only what stays true.

    A compound reason (a gap closer's "<add-on reason>; it closes your free-shipping gap
    ...") is worded part by part; a part without a brief form is kept as computed.
    """
    if style != "brief":
        return reason
    return "; ".join(_brief_part(part) for part in reason.split("; "))


def _brief_part(part: str) -> str:
    for pattern, template in _BRIEF:
        match = pattern.match(part)
        if match:
            return template.format(**match.groupdict())
    return part


def _fail(where: str, problem: str) -> ExperimentConfigError:
    return ExperimentConfigError(f"experiments: {where}: {problem}")


def _moment_in_time(value: Any, where: str) -> datetime:
    if isinstance(value, datetime):
        moment = value
    elif isinstance(value, date):
        moment = datetime.combine(value, time())
    elif isinstance(value, str):
        try:
            moment = datetime.fromisoformat(value)
        except ValueError as exc:
            raise _fail(where, f"{value!r} is not an ISO date or time") from exc
    else:
        raise _fail(where, "needs a date or time (2026-12-01 or 2026-12-01T09:00)")
    return moment.replace(tzinfo=timezone.utc) if moment.tzinfo is None else moment


def _choice(raw: Mapping[str, Any], name: str, allowed: Sequence[str], where: str) -> str:
    value = str(raw.get(name, allowed[0]))
    if value not in allowed:
        raise _fail(where, f"{name} must be one of {', '.join(allowed)} (got {value!r})")
    return value


def _settings(raw: Any, where: str) -> VariantSettings:
    if raw is None:
        return VariantSettings()
    if not isinstance(raw, Mapping):
        raise _fail(where, "'settings' must be a mapping")
    unknown = set(raw) - set(VariantSettings.__dataclass_fields__)
    if unknown:
        raise _fail(where, f"unknown setting(s): {', '.join(sorted(unknown))}")
    limit = raw.get("max_unsolicited")
    if limit is not None and (not isinstance(limit, int) or isinstance(limit, bool) or limit < 0):
        raise _fail(where, "max_unsolicited must be a whole number ≥ 0")
    offers = raw.get("offers", True)
    if not isinstance(offers, bool):
        raise _fail(where, "offers must be true or false")
    return VariantSettings(
        offers=offers,
        max_unsolicited=limit,
        offer_moment=_choice(raw, "offer_moment", OFFER_MOMENTS, where),
        reason_style=_choice(raw, "reason_style", REASON_STYLES, where),
        retention=_choice(raw, "retention", RETENTION_KINDS, where),
    )


def _variant(raw: Any, where: str) -> Variant:
    if not isinstance(raw, Mapping) or not isinstance(raw.get("name"), str):
        raise _fail(where, "each variant needs a 'name'")
    weight = raw.get("weight")
    if not isinstance(weight, int) or isinstance(weight, bool) or weight <= 0:
        raise _fail(f"{where} {raw['name']}", "weight must be a positive whole number")
    return Variant(raw["name"], weight, _settings(raw.get("settings"), f"{where} {raw['name']}"))


def _experiment(raw: Any, index: int) -> Experiment:
    if not isinstance(raw, Mapping):
        raise _fail(f"entry {index + 1}", "must be a mapping")
    key = str(raw.get("key", ""))
    if not _KEY.match(key):
        raise _fail(f"entry {index + 1}", "key must be 1-63 of a-z, 0-9, '-' and '_'")
    unit = _choice(raw, "unit", UNITS, key)
    variants = tuple(_variant(v, f"{key} variant") for v in raw.get("variants") or [])
    names = [v.name for v in variants]
    if len(variants) < 2 or len(set(names)) != len(names):
        raise _fail(key, "needs at least two variants with different names")
    start = _moment_in_time(raw.get("start"), f"{key} start")
    stop = _moment_in_time(raw.get("stop"), f"{key} stop")
    if stop <= start:
        raise _fail(key, "stop must come after start")
    control = str(raw.get("control", names[0]))
    if control not in names:
        raise _fail(key, f"control {control!r} is not one of its variants")
    return Experiment(key, unit, variants, start, stop, control)


def parse_experiments(data: Any) -> tuple[Experiment, ...]:
    """Validate the loaded experiments file: ``{"experiments": [ {...}, ... ]}``.

    Raises:
        ExperimentConfigError: A malformed entry, a repeated key, or two experiments that
            run at the same time and change the same setting
            (:mod:`bot.domain.experiment_layers`).
    """
    if data is None:
        return ()
    if not isinstance(data, Mapping) or not isinstance(data.get("experiments") or [], list):
        raise _fail("file", "must be a mapping with an 'experiments' list")
    experiments = tuple(_experiment(raw, i) for i, raw in enumerate(data.get("experiments") or []))
    keys = [e.key for e in experiments]
    if len(set(keys)) != len(keys):
        raise _fail("file", "experiment keys must be unique")
    from bot.domain.experiment_layers import conflict  # the layers module builds on this one

    problem = conflict(experiments)
    if problem is not None:
        raise _fail("file", problem)
    return experiments


def check_unchanged(stored_design: str, experiment: Experiment) -> None:
    """Refuse a changed unit, variant list, weight or setting of a started experiment.

    Raises:
        ExperimentConfigError: The design differs from the one stored when it started.
    """
    if stored_design == experiment.design():
        return
    before = json.loads(stored_design)
    was = {name: weight for name, weight, _ in before["variants"]}
    raise _fail(
        experiment.key,
        f"it is running with weights {was} and unit {before['unit']!r}; changing its variants, "
        "weights or settings would mix two designs — give the new design a new key",
    )


def from_design(key: str, design: str, start: datetime, stop: datetime) -> Experiment:
    """Rebuild a stored experiment from its :meth:`Experiment.design` text and window."""
    data = json.loads(design)
    variants = tuple(
        Variant(name, weight, VariantSettings(**settings))
        for name, weight, settings in data["variants"]
    )
    return Experiment(key, data["unit"], variants, start, stop, data["control"])
