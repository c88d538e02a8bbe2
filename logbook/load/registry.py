"""The rules in force, built from the LOAD_RULES setting the way AUTH_PASSWORD_VALIDATORS
works, and the evaluation that runs them all.

    LOAD_RULES = [
        {"NAME": "logbook.load.spike.SingleRunSpike", "OPTIONS": {"spike_small": 0.15}},
        ...
    ]
    LOAD_THRESHOLDS = {"backward_factor": 1.3}  # the figures no single rule owns

Leaving an entry out switches its rule off; a NAME that cannot be imported, an unknown
option or two severities with the same attention rank stop the project at start with an
ImproperlyConfigured error that names the entry. The registry holds no table of its own:
the attention order is the rules' severities sorted by the ranks they declare.
"""

from __future__ import annotations

import dataclasses
import functools
import itertools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta, tzinfo
from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.utils.module_loading import import_string

from logbook.load.acwr import Acwr
from logbook.load.core import RULE_CLASSES, LoadWarning, Rule, Shared, severity_rank
from logbook.load.facts import Facts, SessionFacts, days_between
from logbook.load.monotony import Monotony
from logbook.load.pain import Pain
from logbook.load.retro import RetroIncrease
from logbook.load.spike import SingleRunSpike
from logbook.load.weekly import WeeklyIncrease

BUILT_IN: tuple[type[Rule], ...] = (
    SingleRunSpike,
    WeeklyIncrease,
    Acwr,
    RetroIncrease,
    Monotony,
    Pain,
)

DEFAULT_LOAD_RULES: list[dict[str, Any]] = [
    {"NAME": f"{cls.__module__}.{cls.__qualname__}"} for cls in BUILT_IN
]


def attention_order(rules: Sequence[type[Rule]]) -> list[tuple[str, str]]:
    """Every (rule, severity) of these rules, what a coach looks at first first (DOMAIN.md:
    an order of attention, not a ranking of risk). Two severities may not share a rank."""
    ranked = sorted((s.rank, cls.code, s.code) for cls in rules for s in cls.severities)
    for (rank, *first), (next_rank, *second) in itertools.pairwise(ranked):
        if rank == next_rank:
            raise ImproperlyConfigured(
                f"load rule severities {'/'.join(first)} and {'/'.join(second)} share "
                f"attention rank {rank}; give each its own"
            )
    return [(code, severity) for _rank, code, severity in ranked]


class Thresholds:
    """Every figure in force read by its name (`default_rpe`, `spike_window_days`), for a
    caller that wants one figure: looked up where it lives, in the shared figures
    (LOAD_THRESHOLDS) or in the options of the rule that owns it. Nothing is copied, so
    each figure keeps one home; a rule switched off answers with its defaults."""

    def __init__(self, shared: Shared | None = None, rules: Sequence[Rule] = ()) -> None:
        self.shared = shared or Shared()
        active_codes = {rule.code for rule in rules}
        self._owners: tuple[Any, ...] = (
            self.shared,
            *(rule.options for rule in rules),
            *(cls.Options() for cls in BUILT_IN if cls.code not in active_codes),
        )

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):
            raise AttributeError(name)
        for owner in self._owners:
            if name in {f.name for f in dataclasses.fields(owner)}:
                return getattr(owner, name)
        raise AttributeError(f"no load rule or shared figure has the option {name!r}")


@dataclass(frozen=True)
class Registry:
    rules: tuple[Rule, ...]
    shared: Shared = field(default_factory=Shared)

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(rule.code for rule in self.rules)

    @property
    def thresholds(self) -> Thresholds:
        return Thresholds(self.shared, self.rules)

    @functools.cached_property
    def order(self) -> dict[tuple[str, str], int]:
        return {pair: n for n, pair in enumerate(attention_order([type(r) for r in self.rules]))}

    def attention_position(self, rule: str, severity: str) -> int:
        """Place of the pair in the attention order of the rules in force, 0 first; a pair
        of a rule switched off goes where its rank puts it."""
        if (rule, severity) in self.order:
            return self.order[(rule, severity)]
        rank = RULE_CLASSES[rule].severity(severity).rank
        return sum(1 for r in self.rules for s in type(r).severities if s.rank < rank)

    def rule(self, code: str) -> Rule:
        """The rule in force with this code, or the rule with its default options when it
        is switched off (its stored warnings still need their texts)."""
        for rule in self.rules:
            if rule.code == code:
                return rule
        return RULE_CLASSES[code]()

    def rule_of[R: Rule](self, cls: type[R]) -> R:
        """The instance of this rule class in force, or one with its defaults."""
        return next((r for r in self.rules if isinstance(r, cls)), None) or cls()


def _rule_build(position: int, entry: object) -> Rule:
    name = entry.get("NAME") if isinstance(entry, Mapping) else None
    if not isinstance(entry, Mapping) or not isinstance(name, str):
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
    try:
        return cls(**entry.get("OPTIONS", {}))
    except (TypeError, ValueError) as error:
        raise ImproperlyConfigured(f"LOAD_RULES[{position}] ({name}): {error}") from error


def registry_build(
    entries: Sequence[Mapping[str, Any]], *, shared: Mapping[str, object] | None = None
) -> Registry:
    """One rule per entry, each with its OPTIONS over its own defaults, and the shared
    figures. Anything wrong is an ImproperlyConfigured that names the entry."""
    if isinstance(entries, Mapping | str):
        raise ImproperlyConfigured(
            "LOAD_RULES is a list of {'NAME': dotted path, 'OPTIONS': {...}} entries; "
            "thresholds that no single rule owns go in LOAD_THRESHOLDS"
        )
    rules: list[Rule] = []
    for position, entry in enumerate(entries):
        rule = _rule_build(position, entry)
        if rule.code in {r.code for r in rules}:
            raise ImproperlyConfigured(f"LOAD_RULES names the rule {rule.code} twice")
        rules.append(rule)
    attention_order([type(r) for r in rules])
    try:
        figures = Shared.from_mapping(shared or {})
    except ValueError as error:
        raise ImproperlyConfigured(f"LOAD_THRESHOLDS: {error}") from error
    return Registry(rules=tuple(rules), shared=figures)


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
    """Every figure in force by name (migration 0005 reads them)."""
    return active().thresholds


def default_rules() -> tuple[Rule, ...]:
    return tuple(cls() for cls in BUILT_IN)


# --- evaluation -------------------------------------------------------------------------------


def _shared(thresholds: Thresholds | Shared | None) -> Shared:
    if thresholds is None:
        return Shared()
    return thresholds if isinstance(thresholds, Shared) else thresholds.shared


def window_needed(
    first_day: date,
    last_day: date,
    thresholds: Thresholds | Shared | None = None,
    rules: Sequence[Rule] | None = None,
) -> tuple[date, date]:
    """The local days of sessions that `evaluate(first_day, last_day)` needs to see: each
    rule knows how far back it looks (`thresholds` is not needed for it any more)."""
    rules = default_rules() if rules is None else rules
    lookback = max((rule.days_back() for rule in rules), default=0)
    return first_day - timedelta(days=lookback), last_day


def facts_build(
    sessions: Sequence[SessionFacts],
    *,
    tz: tzinfo,
    thresholds: Thresholds | Shared | None = None,
    first_session_day: date | None = None,
) -> Facts:
    return Facts(
        sessions,
        tz=tz,
        backward_factor=_shared(thresholds).backward_factor,
        first_session_day=first_session_day,
    )


def evaluate_day(
    sessions: Sequence[SessionFacts] | Facts,
    *,
    day: date,
    tz: tzinfo,
    thresholds: Thresholds | Shared | None = None,
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
        else facts_build(
            sessions, tz=tz, thresholds=thresholds, first_session_day=first_session_day
        )
    )
    rules = default_rules() if rules is None else rules
    return [warning for rule in rules for warning in rule.evaluate(facts, day)]


def evaluate(
    sessions: Sequence[SessionFacts],
    *,
    first_day: date,
    last_day: date,
    tz: tzinfo,
    thresholds: Thresholds | Shared | None = None,
    first_session_day: date | None,
    earlier: Sequence[LoadWarning] = (),
    rules: Sequence[Rule] | None = None,
) -> list[LoadWarning]:
    """Every rule for each local day in [first_day, last_day], window rules thinned out.

    Pass the sessions of `window_needed(first_day, last_day, rules=rules)`, and as `earlier`
    the warnings already stored for days before `first_day`, so a window warning is not
    repeated within `window_repeat_days` unless its severity rises. The facts the rules
    share (local days, daily loads, distances) are worked out once for the whole span.
    """
    facts = facts_build(sessions, tz=tz, thresholds=thresholds, first_session_day=first_session_day)
    rules = default_rules() if rules is None else rules
    candidates = [
        warning
        for day in days_between(first_day, last_day)
        for rule in rules
        for warning in rule.evaluate(facts, day)
    ]
    return select_window_warnings(
        candidates, earlier=earlier, repeat_days=_shared(thresholds).window_repeat_days
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
