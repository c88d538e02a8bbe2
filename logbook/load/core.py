"""What every load rule shares: the rule itself with its options and severities, the
figures no single rule owns, and the warning a rule raises.

A rule is one module: a `Rule` subclass with its code, kind, severities (each with its
attention rank and its word), its own frozen options dataclass, `evaluate`, its texts and
how it judges a planned week. The registry (logbook.load.registry) builds the rules in
force from LOAD_RULES and asks them; it holds no table of its own.

Pure: plain values and an explicit day, no database and no clock.
"""

from __future__ import annotations

import dataclasses
import math
import typing
from collections.abc import Iterator, Mapping
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any, ClassVar, Literal

from django.utils.functional import Promise

from logbook.load.facts import Facts, PlannedFacts

if TYPE_CHECKING:
    from logbook.load.registry import Registry

# --- options ------------------------------------------------------------------------------


def options_build(options_class: type[Any], values: Mapping[str, object], *, owner: str) -> Any:
    """An options dataclass from its defaults overridden by `values` (a settings dict).

    Every option is a number >= 0; an int where a float is expected (acwr_high=2) is fine,
    the reverse is not. An unknown name or a bad value is a ValueError naming `owner`.
    """
    hints = typing.get_type_hints(options_class)
    known = {f.name: hints[f.name] for f in dataclasses.fields(options_class)}
    unknown = sorted(set(values) - set(known))
    if unknown:
        raise ValueError(
            f"{owner} has no option {', '.join(unknown)}; "
            f"it knows {', '.join(sorted(known)) or 'none'}"
        )
    changes: dict[str, Any] = {}
    for name, value in values.items():
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise ValueError(f"{owner} option {name} must be a number, not {value!r}")
        if known[name] is int and not isinstance(value, int):
            raise ValueError(f"{owner} option {name} must be a whole number, not {value!r}")
        if not math.isfinite(value) or value < 0:
            raise ValueError(f"{owner} option {name} must be finite and >= 0: {value!r}")
        changes[name] = float(value) if known[name] is float else value
    return dataclasses.replace(options_class(), **changes)


@dataclass(frozen=True)
class Shared:
    """The figures no single rule owns, from the LOAD_THRESHOLDS setting."""

    default_rpe: int = 5  # a session without an RPE (session_load)
    backward_factor: float = 1.3  # a backward metre counts as this many forward metres
    # A window warning is stored at most once in this many days unless its severity rises.
    window_repeat_days: int = 7

    def __post_init__(self) -> None:
        if not 1 <= self.default_rpe <= 10:
            raise ValueError(f"default_rpe must be 1-10, not {self.default_rpe}")
        if self.window_repeat_days < 1:
            raise ValueError("window_repeat_days must be at least 1")

    @classmethod
    def from_mapping(cls, values: Mapping[str, object]) -> Shared:
        return typing.cast(Shared, options_build(cls, values, owner="LOAD_THRESHOLDS"))


@dataclass(frozen=True)
class NoOptions:
    """The options of a rule that has none."""


# --- the rule -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Severity:
    """One severity of a rule: its code (stored), its attention rank (lower is looked at
    first, compared across every rule in force) and its word, translated when shown.

    The built-in ranks go in tens (sharp pain 10 ... monotony 110), so that a rule from
    outside can take a place between two of them; a warning stores its position in the
    resulting order (`LoadWarning.risk_rank`)."""

    code: str
    rank: int
    word: str | Promise


RULE_CLASSES: dict[str, type[Rule]] = {}


def severity_rank(rule: str, severity: str) -> int:
    """Position of `severity` within its rule, 0 for the lowest."""
    try:
        return RULE_CLASSES[rule].severity_codes().index(severity)
    except (KeyError, ValueError):
        raise ValueError(f"unknown rule/severity: {rule}/{severity}") from None


class Rule:
    """One load rule. Subclasses set the class attributes and implement `evaluate` and the
    texts; a rule with figures to tune names its frozen options dataclass in `Options`.

    Like a password validator: the registry builds one instance per LOAD_RULES entry, with
    that entry's OPTIONS over the options' defaults.
    """

    code: ClassVar[str]
    severities: ClassVar[tuple[Severity, ...]]  # lowest first
    # An alarm is shown at once and e-mailed; a window rule is context, stored at most once
    # per `window_repeat_days` unless its severity rises.
    kind: ClassVar[Literal["alarm", "window"]]
    Options: ClassVar[type[Any]] = NoOptions
    # Whether the rule judges a planned week (coaching's plan check), see `plan_marks`.
    judges_plans: ClassVar[bool] = False

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if "code" in cls.__dict__:
            RULE_CLASSES[cls.code] = cls

    def __init__(self, **options: object) -> None:
        self.options: Any = options_build(self.Options, options, owner=type(self).__name__)

    @classmethod
    def severity_codes(cls) -> tuple[str, ...]:
        return tuple(s.code for s in cls.severities)

    @classmethod
    def severity(cls, code: str) -> Severity:
        for severity in cls.severities:
            if severity.code == code:
                return severity
        raise ValueError(f"unknown rule/severity: {cls.code}/{code}")

    def days_back(self) -> int:
        """How many local days before the evaluated day the rule looks at."""
        raise NotImplementedError

    def evaluate(self, facts: Facts, day: date) -> list[LoadWarning]:
        raise NotImplementedError

    def plan_marks(self, warning: LoadWarning, planned: PlannedFacts) -> bool:
        """Whether `warning`, found on the day of `planned` over the history plus the plan,
        marks that planned session (only asked when `judges_plans`)."""
        return False

    @classmethod
    def name(cls) -> str:
        raise NotImplementedError

    def message(self, w: LoadWarning) -> str:
        raise NotImplementedError

    def advice(self, w: LoadWarning) -> str:
        raise NotImplementedError

    @classmethod
    def source(cls, w: LoadWarning) -> str:
        raise NotImplementedError


class _AlarmCodes(AbstractSet[str]):
    """The codes of every alarm rule defined, read when asked: a rule from outside the
    project is one as soon as its module is imported (by the registry)."""

    def _codes(self) -> frozenset[str]:
        return frozenset(code for code, cls in RULE_CLASSES.items() if cls.kind == "alarm")

    def __contains__(self, code: object) -> bool:
        return code in self._codes()

    def __iter__(self) -> Iterator[str]:
        return iter(sorted(self._codes()))

    def __len__(self) -> int:
        return len(self._codes())


# Alarms are shown at once and e-mailed (the models and the coach's digest filter on them).
ALARM_RULES: AbstractSet[str] = _AlarmCodes()


# --- warnings -----------------------------------------------------------------------------

Number = int | float | str | None


@dataclass(frozen=True)
class LoadWarning:
    rule: str
    severity: str
    day: date  # local date of the session (session rules) or the evaluated day (window rules)
    session_id: int | None
    numbers: Mapping[str, Number] = field(hash=False)  # JSON-serialisable

    def __post_init__(self) -> None:
        severity_rank(self.rule, self.severity)  # raises on an unknown pair

    @property
    def rule_class(self) -> type[Rule]:
        return RULE_CLASSES[self.rule]

    @property
    def is_alarm(self) -> bool:
        return self.rule_class.kind == "alarm"

    @property
    def risk_rank(self) -> int:
        """Position in the attention order of the rules in force, 0 for what to look at
        first."""
        return _active().attention_position(self.rule, self.severity)

    def title(self) -> str:
        from logbook.load import text

        return text.title(self.rule_class.name(), str(self.rule_class.severity(self.severity).word))

    def message(self) -> str:
        return _active().rule(self.rule).message(self)

    def advice(self) -> str:
        return _active().rule(self.rule).advice(self)

    def source(self) -> str:
        return self.rule_class.source(self)


def _active() -> Registry:
    # The texts say "more than 10 %" with the options in force, and the attention order is
    # that of the rules in force; outside a configured project (the pure tests) the defaults.
    from logbook.load.registry import active

    return active()
