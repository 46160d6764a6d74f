"""The facts corrected in the second round (issue 15) in the UI: "x" on a funding's or a
partner's row offers its employer, FTE, target groups and legal form, and an agreement's
scope; the confirm step shows before and after in words. Pilot, on a real SQLite ledger."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import OptionList

from asfledger.ledger import Ledger
from domain.aggregates import ActionPlan, Agreement, Partner, SupervisorFunding
from tests.domain import builders as b
from tests.tui.test_corrections_registrations_ui import fill_and_confirm, from_part
from tests.tui.test_corrections_ui import correct_row, drive, settle
from tui.app import LedgerApp
from tui.corrections import CorrectionPicker

REGISTERED, DECIDED, SIGNED = 1, 7, 9  # the funding's link to the partner is 8


@pytest.fixture
def db(tmp_path: Path) -> str:
    path = str(tmp_path / "ledger.sqlite")
    with Ledger(path, actor="setup") as ledger:
        ledger.execute([*b.onboarded_partner_commands(b.ORG_A), b.decide_funding(),
                        b.sign_agreement("AVT-1", scope=None)])
    return path


async def pick(app: LedgerApp, pilot: Pilot[int], position: int, field: str) -> None:
    await correct_row(app, pilot, position)
    picker = app.screen
    assert isinstance(picker, CorrectionPicker)
    fields = [c.field for c in picker.choices]
    assert field in fields, fields
    picker.query_one(OptionList).highlighted = fields.index(field)
    await pilot.press("enter")
    await settle(pilot)


def test_a_fundings_employer_fte_and_groups_are_corrected_with_before_and_after(
        db: str) -> None:
    summaries: list[str] = []

    async def scenario(app: LedgerApp, pilot: Pilot[int]) -> None:
        for field, value in (("employer", "region_stockholm"), ("fte_percent", "75"),
                             ("target_groups", "mental_disability, other:Unga vuxna")):
            await pick(app, pilot, DECIDED, field)
            summaries.append(await fill_and_confirm(app, pilot, value, "Fel i beslutet",
                                                    "SB 2026-04-10 §2"))
            await pilot.press("escape")
            await settle(pilot)

    drive(db, scenario)
    assert "Before: “Stockholms stad”" in summaries[0]
    assert "After: “Region Stockholm”" in summaries[0]
    assert "Before: 50 %" in summaries[1] and "After: 75 %" in summaries[1]
    assert "After: " in summaries[2] and "Unga vuxna" in summaries[2]
    with Ledger(db, read_only=True) as ledger:
        funding = ledger.get(SupervisorFunding, "HF-1")
        assert funding is not None
        assert (funding.employer, funding.fte_percent, funding.target_groups) == (
            "region_stockholm", 75, ["mental_disability", "other:Unga vuxna"])


def test_a_partners_legal_form_and_an_agreements_scope_are_corrected(db: str) -> None:
    summaries: list[str] = []

    async def scenario(app: LedgerApp, pilot: Pilot[int]) -> None:
        await pick(app, pilot, REGISTERED, "legal_form")
        summaries.append(await fill_and_confirm(app, pilot, "aktiebolag_svb",
                                                "Fel företagsform"))
        await pilot.press("escape")
        await settle(pilot)
        await pick(app, pilot, SIGNED, "scope")
        summaries.append(await fill_and_confirm(app, pilot, "Arbetsträning, 20 platser",
                                                "Omfattningen saknades", "SB §5"))

    drive(db, scenario, lang="sv")
    assert "Före: ”ekonomisk förening”" in summaries[0]
    assert "Efter: ”aktiebolag med särskild vinstutdelningsbegränsning (svb)”" in summaries[0]
    assert "Efter: ”Arbetsträning, 20 platser”" in summaries[1]
    with Ledger(db, read_only=True) as ledger:
        partner = ledger.get(Partner, b.ORG_A)
        agreement = ledger.get(Agreement, "AVT-1")
        assert partner is not None and partner.legal_form == "aktiebolag_svb"
        assert agreement is not None and agreement.scope == "Arbetsträning, 20 platser"


def test_an_action_plan_drafted_by_mistake_is_voided_from_the_plan_screen(
        tmp_path: Path) -> None:
    path = str(tmp_path / "plan.sqlite")
    with Ledger(path, actor="setup") as ledger:
        ledger.execute([b.draft_plan(), b.add_action()])

    async def scenario(app: LedgerApp, pilot: Pilot[int]) -> None:
        picker = await from_part(app, pilot, "plan")
        assert picker is not None
        commands = [(c.command, c.kind) for c in picker.choices]
        assert commands[-1] == ("void_decision", "action_plan")
        picker.query_one(OptionList).highlighted = len(commands) - 1
        await pilot.press("enter")
        await settle(pilot)
        summary = await fill_and_confirm(app, pilot, None, "Upprättad för fel år")
        assert "Reason: Upprättad för fel år" in summary

    drive(path, scenario)
    with Ledger(path, read_only=True) as ledger:
        plan = ledger.get(ActionPlan, "2026")
        assert plan is not None and plan.voided
