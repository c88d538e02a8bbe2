"""The plan check: the load rules run over the history plus the planned sessions, so that a
planned session on which a load rule would fire is marked before it is run.

Pure: plain values and an explicit day, no database and no clock. Nothing here is stored;
the rules' findings for a plan are derived again on every read (coaching.selectors).

Our readings of "the load rules run over the history plus the planned sessions":
- Each rule says whether it judges a plan and which planned session a finding marks
  (`Rule.judges_plans`, `Rule.plan_marks`). Of the built-in rules the ones about load
  rising do: the single-run spike (every severity), the weekly increase at its upper
  severity (over 30 % by default) and the backward-minutes increase. Pain, ACWR and
  monotony do not: pain cannot be planned. A rule switched off in LOAD_RULES stays off.
- A planned session becomes a hypothetical session on its local day, at noon (several on
  one day a minute apart, in the order planned), with load = target minutes x target RPE
  (the default RPE without one), its target distance and its backward minutes. Without a
  target distance it adds nothing to the distance rules, as a logged session without one.
- Every planned session goes into the facts, so week 2 of a plan is checked against week 1
  as planned. Window warnings are not thinned out as stored ones are (once a week): every
  planned session that pushes a window over the line is marked.
- A window rule's finding on a day marks the planned sessions of that day that add to what
  it measures: a run with a distance (weekly increase), backward minutes (backward rule).
  A spike marks the planned run that jumps (a planned session's id is negated).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, time, timedelta, tzinfo
from typing import Final

from logbook.load.core import LoadWarning, Rule, Shared
from logbook.load.facts import PlannedFacts, SessionFacts, session_load
from logbook.load.registry import facts_build

PLANNED_AT: Final = time(12, 0)


def plan_rules(rules: Sequence[Rule]) -> list[Rule]:
    """The rules in force that judge a plan."""
    return [rule for rule in rules if rule.judges_plans]


def hypothetical(
    planned: Sequence[PlannedFacts], *, tz: tzinfo, default_rpe: int
) -> list[SessionFacts]:
    """The planned sessions as sessions the rules can read; a planned session's id is its
    own id negated, so it never meets a logged session's."""
    facts = []
    per_day: dict[date, int] = {}
    for p in sorted(planned, key=lambda p: (p.day, p.id)):
        nth = per_day.get(p.day, 0)
        per_day[p.day] = nth + 1
        start = datetime.combine(p.day, PLANNED_AT, tzinfo=tz) + timedelta(minutes=nth)
        duration = p.duration_s or 0
        load, _estimated = session_load(duration_s=duration, rpe=p.rpe, default_rpe=default_rpe)
        facts.append(
            SessionFacts(
                id=-p.id,
                start=start,
                kind=p.kind,
                duration_s=duration,
                distance_m=p.distance_m,
                backward_s=min(p.backward_s, duration) if duration else p.backward_s,
                load=load,
            )
        )
    return facts


def plan_check(
    history: Sequence[SessionFacts],
    planned: Sequence[PlannedFacts],
    *,
    tz: tzinfo,
    shared: Shared,
    rules: Sequence[Rule],
) -> dict[int, list[LoadWarning]]:
    """Per planned session id, what the rules that judge a plan find on its day over the
    history plus every planned session. Pass the history from `days_back` days before the
    first planned day (logbook.load.window_needed)."""
    applying = plan_rules(rules)
    found: dict[int, list[LoadWarning]] = {p.id: [] for p in planned}
    if not planned or not applying:
        return found
    facts = facts_build(
        [*history, *hypothetical(planned, tz=tz, default_rpe=shared.default_rpe)],
        tz=tz,
        thresholds=shared,
    )
    by_day: dict[date, list[PlannedFacts]] = {}
    for p in planned:
        by_day.setdefault(p.day, []).append(p)
    for day in sorted(by_day):
        for rule in applying:
            for warning in rule.evaluate(facts, day):
                for p in by_day[day]:
                    if rule.plan_marks(warning, p):
                        found[p.id].append(warning)
    return found
