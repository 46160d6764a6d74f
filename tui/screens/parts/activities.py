"""Inspiration days, seminars and study visits (S7)."""

from __future__ import annotations

from typing import Final

from rich.text import Text

from asfledger.queries.snapshot import Snapshot
from domain.aggregates import Activity
from domain.reference import ACTIVITY_KINDS, PARTIES
from projections.figures import activities_held, attendance, total
from projections.timeline import attendance_group, term
from tui.screens.parts.part_screen import PartScreen, Row, day, districts, row, short
from tui.text import translate
from tui.widgets.detail import Detail

# Each status ``activity_status`` gives, in words.
STATUS_KEYS: Final[dict[str, str]] = {
    "planned": "ui.status.planned", "held": "ui.status.held", "cancelled": "ui.status.cancelled"}


def activity_status(a: Activity) -> str:
    return "cancelled" if a.cancelled else "held" if a.held_on is not None else "planned"


class ActivitiesScreen(PartScreen):
    PART = "activities"
    TITLE_KEY = "ui.screen.activities"
    COLUMNS = ("ui.col.date", "ui.col.ref", "ui.col.kind", "ui.col.title", "ui.col.status",
               "ui.col.attendance")
    PRIORITIES = (0, 0, 2, 1, 0, 3)
    SHRINK = frozenset({3})

    def rows(self, snapshot: Snapshot, lang: str) -> list[Row]:
        activities = sorted(snapshot.state.all(Activity),
                            key=lambda a: (a.held_on or a.planned_on, a.key), reverse=True)
        return [row(a.key, day(a.held_on or a.planned_on), a.key,
                    term(ACTIVITY_KINDS, a.kind, lang), short(a.title),
                    translate(STATUS_KEYS[activity_status(a)], lang),
                    Text(str(sum(a.attendance.values())), justify="right"))
                for a in activities]

    def summarise(self, snapshot: Snapshot, lang: str) -> str:
        statuses = [activity_status(a) for a in snapshot.state.all(Activity)]
        groups = attendance(snapshot.flows)
        return translate("ui.activities.summary", lang, planned=statuses.count("planned"),
                         held=total(activities_held(snapshot.flows)),
                         cancelled=statuses.count("cancelled"),
                         attendance=total(groups),
                         groups=", ".join(f"{attendance_group(g, lang)} {groups[g]}"
                                          for g in (*PARTIES, "asf", "participants", "other")
                                          if groups.get(g)) or "–")

    def detail(self, snapshot: Snapshot, key: str) -> Text:
        a = snapshot.state.get(Activity, key)
        if a is None:
            return Text(key)
        t, lang = self.t, self.lang
        d = Detail(f"{a.key} · {a.title}")
        d.field(t("ui.col.kind"), term(ACTIVITY_KINDS, a.kind, lang))
        d.field(t("ui.activities.planned_on"), day(a.planned_on))
        d.field(t("ui.col.districts"), districts(a.districts))
        d.field(t("ui.col.status"), t(STATUS_KEYS[activity_status(a)]))
        if a.held_on is not None:
            d.field(t("ui.activities.held_on"), day(a.held_on))
            d.heading(t("ui.activities.attendance", total=sum(a.attendance.values())))
            for group, n in a.attendance.items():
                d.line(f"{attendance_group(group, lang)}: {n}")
        return d.text
