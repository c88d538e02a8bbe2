"""The rules in force, built from the LOAD_RULES setting the way AUTH_PASSWORD_VALIDATORS
works, and the evaluation that runs them all.

    LOAD_RULES = [
        {"NAME": "logbook.load.spike.SingleRunSpike", "OPTIONS": {"spike_small": 0.15}},
        ...
    ]
    LOAD_THRESHOLDS = {"backward_factor": 1.3}  # the figures no single rule owns

Leaving an entry out switches its rule off; a NAME that cannot be imported, an unknown
option or a rule missing from the attention order stops the project at start with an
ImproperlyConfigured error that names the entry.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta, tzinfo
from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.utils.module_loading import import_string

from logbook.load.acwr import ACWR, Acwr
from logbook.load.core import (
    RULE_CLASSES,
    Facts,
    LoadWarning,
    Rule,
    SessionFacts,
    Thresholds,
    days_between,
    severity_rank,
)
from logbook.load.monotony import MONOTONY, Monotony
from logbook.load.pain import PAIN, Pain
from logbook.load.retro import RETRO_INCREASE, RetroIncrease
from logbook.load.spike import SINGLE_RUN_SPIKE, SingleRunSpike
from logbook.load.weekly import WEEKLY_INCREASE, WeeklyIncrease

BUILT_IN: tuple[type[Rule], ...] = (
    SingleRunSpike,
    WeeklyIncrease,
    Acwr,
    RetroIncrease,
    Monotony,
    Pain,
)

# What a coach looks at first (DOMAIN.md): an order of attention, not a ranking of risk,
# since Frandsen's three spike groups overlap.
ATTENTION_ORDER: list[tuple[str, str]] = [
    (PAIN, "sharp"),
    (SINGLE_RUN_SPIKE, "large"),
    (PAIN, "high"),
    (SINGLE_RUN_SPIKE, "moderate"),
    (SINGLE_RUN_SPIKE, "small"),
    (WEEKLY_INCREASE, "warning"),
    (ACWR, "high"),
    (RETRO_INCREASE, "caution"),
    (WEEKLY_INCREASE, "caution"),
    (ACWR, "caution"),
    (MONOTONY, "caution"),
]


def check_attention_order(rule_classes: Sequence[type[Rule]], *, complete: bool = True) -> None:
    """Every severity of every rule has exactly one place in ATTENTION_ORDER; with
    `complete`, ATTENTION_ORDER names nothing else."""
    for cls in rule_classes:
        missing = [s for s in cls.severities if (cls.code, s) not in ATTENTION_ORDER]
        if missing:
            raise ImproperlyConfigured(
                f"load rule {cls.code}: severities {', '.join(missing)} have no place in "
                "logbook.load.registry.ATTENTION_ORDER"
            )
    if len(set(ATTENTION_ORDER)) != len(ATTENTION_ORDER):
        raise ImproperlyConfigured("ATTENTION_ORDER names a rule and severity twice")
    if not complete:
        return
    known = {(cls.code, s) for cls in rule_classes for s in cls.severities}
    unknown = [pair for pair in ATTENTION_ORDER if pair not in known]
    if unknown:
        raise ImproperlyConfigured(f"ATTENTION_ORDER names unknown rules: {unknown}")


check_attention_order(BUILT_IN)

DEFAULT_LOAD_RULES: list[dict[str, Any]] = [
    {"NAME": f"{cls.__module__}.{cls.__qualname__}"} for cls in BUILT_IN
]


@dataclass(frozen=True)
class Registry:
    rules: tuple[Rule, ...]
    thresholds: Thresholds

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(rule.code for rule in self.rules)


def registry_build(
    entries: Sequence[Mapping[str, Any]], *, shared: Mapping[str, object] | None = None
) -> Registry:
    """One rule per entry, with one set of thresholds: the shared ones, then each rule's
    OPTIONS. Anything wrong is an ImproperlyConfigured that names the entry."""
    if isinstance(entries, Mapping | str):
        raise ImproperlyConfigured(
            "LOAD_RULES is a list of {'NAME': dotted path, 'OPTIONS': {...}} entries; "
            "thresholds that no single rule owns go in LOAD_THRESHOLDS"
        )
    rules: list[Rule] = []
    values: dict[str, object] = dict(shared or {})
    for position, entry in enumerate(entries):
        name = entry.get("NAME") if isinstance(entry, Mapping) else None
        if not isinstance(name, str):
            raise ImproperlyConfigured(f"LOAD_RULES[{position}] needs a NAME (a dotted path)")
        try:
            cls = import_string(name)
        except ImportError as error:
            raise ImproperlyConfigured(
                f"LOAD_RULES[{position}]: cannot import load rule {name!r}: {error}"
            ) from error
        if not (isinstance(cls, type) and issubclass(cls, Rule)):
            raise ImproperlyConfigured(
                f"LOAD_RULES[{position}]: {name!r} is not a logbook.load.core.Rule"
            )
        options = entry.get("OPTIONS", {})
        try:
            rule = cls(**options)
        except (TypeError, ValueError) as error:
            raise ImproperlyConfigured(f"LOAD_RULES[{position}] ({name}): {error}") from error
        if rule.code in {r.code for r in rules}:
            raise ImproperlyConfigured(f"LOAD_RULES names the rule {rule.code} twice")
        check_attention_order([cls], complete=False)
        values.update(rule.overrides)
        rules.append(rule)
    try:
        thresholds = Thresholds.from_mapping(values)
    except ValueError as error:
        raise ImproperlyConfigured(f"LOAD_RULES / LOAD_THRESHOLDS: {error}") from error
    return Registry(rules=tuple(rules), thresholds=thresholds)


@functools.cache
def active() -> Registry:
    """The registry of the project's settings (the defaults outside a configured project)."""
    from django.conf import settings

    if not settings.configured:
        return registry_build(DEFAULT_LOAD_RULES)
    return registry_build(
        getattr(settings, "LOAD_RULES", DEFAULT_LOAD_RULES),
        shared=getattr(settings, "LOAD_THRESHOLDS", {}),
    )


def active_thresholds() -> Thresholds:
    return active().thresholds


def default_rules() -> tuple[Rule, ...]:
    return tuple(cls() for cls in BUILT_IN)


# --- evaluation -------------------------------------------------------------------------------


def window_needed(
    first_day: date,
    last_day: date,
    thresholds: Thresholds,
    rules: Sequence[Rule] | None = None,
) -> tuple[date, date]:
    """The local days of sessions that `evaluate(first_day, last_day)` needs to see."""
    rules = default_rules() if rules is None else rules
    lookback = max((rule.days_back(thresholds) for rule in rules), default=0)
    return first_day - timedelta(days=lookback), last_day


def evaluate_day(
    sessions: Sequence[SessionFacts] | Facts,
    *,
    day: date,
    tz: tzinfo,
    thresholds: Thresholds,
    first_session_day: date | None,
    rules: Sequence[Rule] | None = None,
) -> list[LoadWarning]:
    """Every rule for one local day; all warnings are collected, none stops the others.

    `first_session_day` is the runner's first session ever (acwr's history minimum); when
    None it is taken from `sessions`, which can only make it later, never earlier.
    """
    facts = (
        sessions
        if isinstance(sessions, Facts)
        else Facts(sessions, tz=tz, thresholds=thresholds, first_session_day=first_session_day)
    )
    rules = default_rules() if rules is None else rules
    return [warning for rule in rules for warning in rule.evaluate(facts, day)]


def evaluate(
    sessions: Sequence[SessionFacts],
    *,
    first_day: date,
    last_day: date,
    tz: tzinfo,
    thresholds: Thresholds,
    first_session_day: date | None,
    earlier: Sequence[LoadWarning] = (),
    rules: Sequence[Rule] | None = None,
) -> list[LoadWarning]:
    """Every rule for each local day in [first_day, last_day], window rules thinned out.

    Pass the sessions of `window_needed(first_day, last_day, thresholds)`, and as `earlier`
    the warnings already stored for days before `first_day`, so a window warning is not
    repeated within `window_repeat_days` unless its severity rises. The facts the rules
    share (local days, daily loads, distances) are worked out once for the whole span.
    """
    facts = Facts(sessions, tz=tz, thresholds=thresholds, first_session_day=first_session_day)
    rules = default_rules() if rules is None else rules
    candidates = [
        warning
        for day in days_between(first_day, last_day)
        for rule in rules
        for warning in rule.evaluate(facts, day)
    ]
    return select_window_warnings(
        candidates, earlier=earlier, repeat_days=thresholds.window_repeat_days
    )


def is_window_rule(rule: str) -> bool:
    cls = RULE_CLASSES.get(rule)
    return cls is not None and cls.kind == "window"


def select_window_warnings(
    candidates: Sequence[LoadWarning], *, earlier: Sequence[LoadWarning], repeat_days: int
) -> list[LoadWarning]:
    """Keep a window-rule warning unless one of the same rule, at least as severe, was kept
    (or stored earlier) in the `repeat_days` - 1 days before it. Session rules pass through.

    The result keeps the order of `candidates`.
    """
    kept: dict[str, list[LoadWarning]] = {}
    for w in earlier:
        if is_window_rule(w.rule):
            kept.setdefault(w.rule, []).append(w)
    dropped: set[int] = set()
    order = sorted(range(len(candidates)), key=lambda i: candidates[i].day)
    for i in order:
        w = candidates[i]
        if not is_window_rule(w.rule):
            continue
        rank = severity_rank(w.rule, w.severity)
        repeated = any(
            0 <= (w.day - k.day).days < repeat_days and severity_rank(k.rule, k.severity) >= rank
            for k in kept.get(w.rule, [])
        )
        if repeated:
            dropped.add(i)
        else:
            kept.setdefault(w.rule, []).append(w)
    return [w for i, w in enumerate(candidates) if i not in dropped]
