"""What the ledger holds that a form can offer: partners, agreements, fundings, activities,
efforts, memberships and action plans, as they stand now, in the form's words.

Read from the ledger's state now (``Ledger.snapshot``: the history replayed into the
aggregates, the same state the guards see), which the screens share; replayed off the
UI thread, once per head.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TypeVar

from asfledger.audit.replay import ReplayedState
from asfledger.ledger import Ledger
from domain.aggregates import (
    ActionPlan,
    Activity,
    Agreement,
    Effort,
    LedgerAggregate,
    Membership,
    Partner,
    SupervisorFunding,
)
from domain.reference import PARTIES
from domain.text import KIND_NAMES
from domain.words import fill
from tui.text import translate

A = TypeVar("A", bound=LedgerAggregate)


@dataclass
class Choices:
    head: int
    state: ReplayedState = field(default_factory=ReplayedState)

    def all(self, cls: type[A]) -> list[A]:
        return self.state.all(cls)

    def get(self, cls: type[A], key: str | int) -> A | None:
        return self.state.get(cls, key)

    # Partners ---------------------------------------------------------------------------

    def partner_name(self, org_nr: str) -> str:
        partner = self.get(Partner, org_nr)
        return f"{partner.name} ({org_nr})" if partner else org_nr

    def partners(self, which: str, lang: str) -> list[tuple[str, str]]:
        """Registered partners, by name: ``all``, ``onboarded`` or ``not_onboarded``."""
        found = []
        for p in sorted(self.all(Partner), key=lambda p: p.name.casefold()):
            if which == "onboarded" and not p.is_onboarded:
                continue
            if which == "not_onboarded" and p.is_onboarded:
                continue
            status = translate("form.partner.onboarded" if p.is_onboarded
                               else "form.partner.not_onboarded", lang)
            found.append((f"{p.name} ({p.org_nr}) · {status}", p.org_nr))
        return found

    def unmet_criteria(self, org_nr: str, on: date) -> list[str]:
        partner = self.get(Partner, org_nr)
        return partner.unmet_criteria(on) if partner else []

    # Things acted on by ref -------------------------------------------------------------

    def refs(self, what: str, lang: str) -> list[tuple[str, str]]:
        """The refs a command of kind ``what`` may act on, each with words to know it by."""
        name = self.partner_name
        if what == "open_agreement":
            return [(f"{a.key} · {name(a.org_nr)} · {a.kind}", a.key)
                    for a in self.all(Agreement) if a.ended_on is None]
        if what in ("funding", "open_funding"):
            return [(f"{f.key} · {name(f.org_nr)} · {_party(f.employer)}", f.key)
                    for f in self.all(SupervisorFunding)
                    if what == "funding" or f.ended_on is None]
        if what == "planned_activity":
            return [(f"{a.key} · {a.planned_on} · {a.title}", a.key)
                    for a in self.all(Activity) if a.held_on is None and not a.cancelled]
        if what in ("effort", "running_effort"):
            return [(f"{e.key} · {e.measure} · {name(e.org_nr)}", e.key)
                    for e in self.all(Effort)
                    if what == "effort" or e.completed_on is None]
        if what == "current_membership":
            return [(f"{m.key} · {m.name}", m.key)
                    for m in self.all(Membership) if m.left_on is None]
        if what == "linked":
            # F1: money to a partner is paid under its agreement; effort financing
            # against its effort; a membership fee for its membership.
            agreement = fill(KIND_NAMES["agreement"], lang)
            effort = fill(KIND_NAMES["effort"], lang)
            membership = fill(KIND_NAMES["membership"], lang)
            agreements = [(f"{agreement} {a.key} · {name(a.org_nr)} · {a.kind}", a.key)
                          for a in self.all(Agreement)]
            efforts = [(f"{effort} {e.key} · {name(e.org_nr)}", e.key)
                       for e in self.all(Effort)]
            return agreements + efforts + [(f"{membership} {m.key} · {m.name}", m.key)
                                           for m in self.all(Membership)]
        raise ValueError(f"no choices of kind {what!r}")

    def funding_employer(self, ref: str) -> str | None:
        funding = self.get(SupervisorFunding, ref)
        return funding.employer if funding else None

    # Action plans -----------------------------------------------------------------------

    def plan_years(self, which: str, lang: str) -> list[tuple[str, int]]:
        found = []
        for plan in sorted(self.all(ActionPlan), key=lambda p: p.year):
            adopted = plan.adopted_on is not None
            if (which == "draft" and adopted) or (which == "adopted" and not adopted):
                continue
            status = (translate("ui.dash.plan_adopted", lang, day=plan.adopted_on) if adopted
                      else translate("ui.dash.plan_draft", lang))
            found.append((f"{plan.year} · {status}", plan.year))
        return found

    def open_actions(self, year: int) -> list[tuple[str, str]]:
        plan = self.get(ActionPlan, str(year))
        if plan is None:
            return []
        return [(f"{a.action_id} · {a.measure} · {a.description}", a.action_id)
                for a in plan.actions.values() if a.status == "open"]


def _party(code: str) -> str:
    return PARTIES[code].name if code in PARTIES else code


def cached_choices(ledger: Ledger) -> Choices | None:
    """The choices now, if the ledger's state now is already replayed (no replay here:
    safe on the UI thread)."""
    now = ledger.replayed_now()
    return None if now is None else Choices(now.head, now.state)


def load_choices(ledger: Ledger) -> Choices:
    """The choices as of the ledger's head now (replayed only when it moved)."""
    now = ledger.snapshot()
    return Choices(now.head, now.state)
