"""The action plan, per year (R6)."""

from __future__ import annotations

from collections import Counter
from datetime import date

from rich.text import Text

from asfledger.queries.snapshot import Snapshot
from domain.aggregates import ActionPlan
from domain.reference import MEASURES
from projections.timeline import term
from tui.screens.parts.part_screen import PartScreen, Row, day, row, short
from tui.text import translate
from tui.widgets.detail import Detail


class ActionPlanScreen(PartScreen):
    PART = "plan"
    TITLE_KEY = "ui.screen.plan"
    COLUMNS = ("ui.col.year", "ui.col.action", "ui.col.status", "ui.col.due",
               "ui.col.measure", "ui.col.description", "ui.col.owner")
    PRIORITIES = (0, 0, 0, 0, 1, 2, 3)
    SHRINK = frozenset({5, 6})

    def action_status(self, status: str, closed_on: date | None, lang: str) -> str:
        if status == "open":
            return translate("ui.status.open", lang)
        return translate("ui.status.completed_on" if status == "completed"
                         else "ui.status.dropped_on", lang, day=day(closed_on))

    def rows(self, snapshot: Snapshot, lang: str) -> list[Row]:
        order = {code: i for i, code in enumerate(MEASURES)}
        out = []
        for plan in sorted(snapshot.state.all(ActionPlan), key=lambda p: -p.year):
            actions = sorted(plan.actions.values(),
                             key=lambda a: (order.get(a.measure, 99), a.action_id))
            out += [row(f"{plan.year}/{a.action_id}", str(plan.year), a.action_id,
                        self.action_status(a.status, a.closed_on, lang), day(a.due_on),
                        a.measure, short(a.description), short(a.owner, 20))
                    for a in actions]
        return out

    def plan_line(self, plan: ActionPlan, lang: str) -> str:
        statuses = Counter(a.status for a in plan.actions.values())
        state = (translate("ui.plan.adopted", lang, day=day(plan.adopted_on))
                 if plan.adopted_on is not None else translate("ui.plan.draft", lang))
        return translate("ui.plan.line", lang, year=plan.year, state=state,
                         completed=statuses["completed"], total=len(plan.actions),
                         dropped=statuses["dropped"])

    def summarise(self, snapshot: Snapshot, lang: str) -> str:
        plans = sorted(snapshot.state.all(ActionPlan), key=lambda p: -p.year)
        return " · ".join(self.plan_line(p, lang) for p in plans) or translate(
            "ui.plan.none", lang)

    def detail(self, snapshot: Snapshot, key: str) -> Text:
        year, _, action_id = key.partition("/")
        plan = snapshot.state.get(ActionPlan, year)
        if plan is None or action_id not in plan.actions:
            return Text(key)
        t, lang = self.t, self.lang
        a = plan.actions[action_id]
        d = Detail(f"{a.action_id} · {a.measure} {term(MEASURES, a.measure, lang)}")
        d.field(t("ui.col.description"), a.description)
        d.field(t("ui.col.owner"), a.owner)
        d.field(t("ui.col.due"), day(a.due_on))
        d.field(t("ui.col.status"), self.action_status(a.status, a.closed_on, lang))
        if a.decision_ref:
            d.field(t("ui.col.decision"), a.decision_ref)
        d.heading(t("ui.plan.title", year=plan.year))
        d.line(self.plan_line(plan, lang), 0)
        d.field(t("ui.plan.operations_plan"), plan.operations_plan_ref)
        if plan.decision_ref:
            d.field(t("ui.col.decision"), plan.decision_ref)
        by_measure: dict[str, Counter[str]] = {}
        for x in plan.actions.values():
            by_measure.setdefault(x.measure, Counter())[x.status] += 1
        d.heading(t("ui.plan.by_measure"))
        for code in MEASURES:
            if code in by_measure:
                c = by_measure[code]
                d.line(t("ui.plan.measure_line", measure=code, completed=c["completed"],
                         total=sum(c.values()), dropped=c["dropped"]))
        return d.text
