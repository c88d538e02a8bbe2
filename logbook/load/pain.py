"""pain: pain recorded after a session. The thresholds are runningcoach's own cautious
choices, after the back-care advice that light nagging pain is acceptable, sharp pain not."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import ClassVar, Literal

from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy

from logbook.load.core import LoadWarning, Rule, Severity
from logbook.load.facts import Facts

PAIN = "pain"


@dataclass(frozen=True)
class PainOptions:
    pain_high: int = 5


class Pain(Rule):
    code: ClassVar[str] = PAIN
    severities: ClassVar[tuple[Severity, ...]] = (
        Severity("high", 30, pgettext_lazy("load warning severity", "high")),
        Severity("sharp", 10, pgettext_lazy("load warning severity", "sharp")),
    )
    kind: ClassVar[Literal["alarm", "window"]] = "alarm"
    Options: ClassVar[type[PainOptions]] = PainOptions
    options: PainOptions

    def days_back(self) -> int:
        return 0

    def evaluate(self, facts: Facts, day: date) -> list[LoadWarning]:
        warnings = []
        for s in facts.sessions_on(day):
            if s.sharp_pain:
                severity = "sharp"
            elif s.pain is not None and s.pain >= self.options.pain_high:
                severity = "high"
            else:
                continue
            warnings.append(LoadWarning(PAIN, severity, day, s.id, {"pain": s.pain}))
        return warnings

    @classmethod
    def name(cls) -> str:
        return _("Pain after a session")

    def message(self, w: LoadWarning) -> str:
        if w.severity == "sharp":
            if w.numbers.get("pain") is None:
                return _("Sharp pain recorded after this session")
            return _("Sharp pain recorded after this session (%(pain)s/10)") % {
                "pain": w.numbers["pain"]
            }
        return _("Pain of %(pain)s/10 recorded after this session") % {"pain": w.numbers["pain"]}

    def advice(self, w: LoadWarning) -> str:
        return _(
            "Rest from running until the pain has settled and read the list of warning signs; "
            "if any of them applies, or the pain keeps coming back, see a physiotherapist or "
            "doctor."
        )

    @classmethod
    def source(cls, w: LoadWarning) -> str:
        return _(
            "Where the line lies (sharp pain always, other pain from 5/10) is runningcoach's "
            "own cautious choice, not a study result; it follows back-care advice for runners "
            "that light, nagging pain is acceptable and sharp pain is not. A prompt to pause "
            "and check, not a diagnosis."
        )
