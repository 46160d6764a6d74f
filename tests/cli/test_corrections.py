"""Corrections as decisions, through the import (issue 15): reverse a payment or an
expenditure, correct a recorded fact, void a registration or decision made by mistake.

Bokföringslagen 5 kap. 5 §: the original and the correction both stay in the history, and
the correction shows how, when, by whom and why. Reports use the corrected state.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tests.cli.test_import import ORG, OTHER_ORG, cli, events, jsonl, onboarded, register, write

Json = dict[str, Any]

AGREEMENT = {"command": "sign_agreement", "ref": "AVT-1", "org_nr": ORG, "kind": "iop",
             "starts_on": "2026-02-01", "decision_ref": "Styrelsen §6"}
FUNDING = {"command": "decide_supervisor_funding", "ref": "HF-1", "org_nr": ORG,
           "employer": "stockholms_stad", "amount_sek": "100000", "decided_on": "2026-01-20",
           "starts_on": "2026-02-01", "ends_on": "2026-12-31", "fte_percent": 50,
           "target_groups": ["long_term_unemployed"], "decision_ref": "Styrelsen §5"}
EFFORT = {"command": "start_effort", "ref": "INS-1", "org_nr": ORG, "measure": "I1",
          "run_by": "stockholms_stad", "starts_on": "2026-02-01", "budget_sek": "50000",
          "decision_ref": "Styrelsen §7"}


def pay(voucher: str, amount: str, paid_on: str = "2026-03-31") -> Json:
    return {"command": "pay_supervisor_funding", "ref": "HF-1", "voucher_ref": voucher,
            "paid_on": paid_on, "amount_sek": amount, "payee": "stockholms_stad"}


def spend(ref: str, amount: str, paid_on: str = "2026-04-30") -> Json:
    return {"command": "record_expenditure", "ref": ref, "paid_on": paid_on,
            "amount_sek": amount, "purpose": "effort_financing", "payee_kind": "party",
            "payee": "stockholms_stad", "linked_ref": "INS-1",
            "description": "Handledning april"}


def reverse_payment(voucher: str, **extra: Any) -> Json:
    return {"command": "reverse_payment", "ref": "HF-1", "voucher_ref": voucher,
            "reversed_on": "2026-04-02", "reason": "Fel belopp utbetalt", **extra}


def correct(kind: str, key: str, field: str, value: Any, **extra: Any) -> Json:
    return {"command": "correct_fact", "kind": kind, "key": key, "field": field,
            "value": value, "reason": "Fel vid registreringen", **extra}


def void(kind: str, key: str, **extra: Any) -> Json:
    return {"command": "void_decision", "kind": kind, "key": key,
            "reason": "Registrerad av misstag", **extra}


def run_import(db: str, tmp_path: Path, *lines: Json, name: str = "c.jsonl",
               lang: str = "en") -> tuple[int, str, str]:
    return cli(db, "import", write(tmp_path, jsonl(*lines), name), lang=lang)


def imported(db: str, tmp_path: Path, *lines: Json, name: str = "c.jsonl") -> None:
    code, _, err = run_import(db, tmp_path, *lines, name=name)
    assert (code, err) == (0, ""), err


def board(db: str, period: str = "2026") -> Json:
    code, out, err = cli(db, "report", "board", "--period", period, "--format", "json")
    assert code in (0, 1), err
    figures: Json = json.loads(out)
    return figures


def proven(db: str) -> tuple[int, str]:
    code, out, _ = cli(db, "audit", "compliance")
    return code, out


# Reversing a payment -------------------------------------------------------------------

def test_a_reversed_payment_stays_in_the_history_and_the_totals_net_it(
        db: str, tmp_path: Path) -> None:
    imported(db, tmp_path, *onboarded(), FUNDING, pay("VER-1", "30000"), pay("VER-2", "1000"))

    imported(db, tmp_path, reverse_payment("VER-2", decision_ref="Förbundschef 2026-04-02"),
             name="r.jsonl")

    types = [e["type"] for e in events(db)]
    assert types.count("SupervisorFunding.Paid") == 2
    assert types[-1] == "SupervisorFunding.PaymentReversed"
    figures = board(db)
    assert figures["supervisor_funding"]["paid_sek"] == "30000.00"
    assert figures["expenditure"]["by_purpose"]["supervisor_funding"] == "30000.00"
    assert figures["expenditure"]["total_sek"] == "30000.00"
    assert proven(db)[0] == 0
    assert cli(db, "audit", "verify")[0] == 0


def test_R5_counts_the_net_after_a_reversal(db: str, tmp_path: Path) -> None:
    imported(db, tmp_path, *onboarded(), FUNDING, pay("VER-1", "100000"))
    code, _, out = run_import(db, tmp_path, pay("VER-2", "1"), name="over.jsonl")
    assert code == 1 and "R5" in out

    imported(db, tmp_path, reverse_payment("VER-1"), pay("VER-2", "100000", "2026-04-30"),
             name="again.jsonl")

    assert board(db)["supervisor_funding"]["paid_sek"] == "100000.00"
    assert proven(db)[0] == 0


def test_a_reversal_of_a_payment_never_made_is_refused_under_R5(
        db: str, tmp_path: Path) -> None:
    imported(db, tmp_path, *onboarded(), FUNDING, pay("VER-1", "1000"))

    code, _, out = run_import(db, tmp_path, reverse_payment("VER-9"), name="r.jsonl")

    assert code == 1
    assert "R5" in out and "VER-9" in out
    code, _, out = run_import(db, tmp_path, reverse_payment("VER-1"), reverse_payment("VER-1"),
                              name="twice.jsonl")
    assert code == 1 and "line 2" in out and "R5" in out


def test_a_reversal_dated_before_its_payment_is_refused(db: str, tmp_path: Path) -> None:
    imported(db, tmp_path, *onboarded(), FUNDING, pay("VER-1", "1000"))

    code, _, out = run_import(db, tmp_path, reverse_payment("VER-1", reversed_on="2026-03-01"),
                              name="r.jsonl")

    assert code == 1 and "reversed_on" in out


# Reversing an expenditure --------------------------------------------------------------

def test_a_reversed_expenditure_is_netted_and_frees_the_effort_budget(
        db: str, tmp_path: Path) -> None:
    imported(db, tmp_path, *onboarded(), EFFORT, spend("UTG-1", "50000"))
    reverse = {"command": "reverse_expenditure", "ref": "UTG-1", "reversed_on": "2026-05-02",
               "reason": "Dubbelbetalning, återbetald"}

    imported(db, tmp_path, reverse, spend("UTG-2", "50000", "2026-05-31"), name="r.jsonl")

    figures = board(db)
    assert figures["expenditure"]["by_purpose"]["effort_financing"] == "50000.00"
    assert [e["type"] for e in events(db)].count("Expenditure.Reversed") == 1
    code, _, out = run_import(db, tmp_path, reverse, name="twice.jsonl")
    assert code == 1 and "already reversed" in out
    assert proven(db)[0] == 0


# Correcting a recorded fact ------------------------------------------------------------

def test_a_partners_name_and_districts_are_corrected_by_a_new_event(
        db: str, tmp_path: Path) -> None:
    imported(db, tmp_path, *onboarded())

    imported(db, tmp_path, correct("partner", ORG, "name", "Returverket ekonomisk förening"),
             correct("partner", ORG, "districts", ["jarva", "farsta"]), name="c2.jsonl")

    stored = events(db)
    corrections = [e for e in stored if e["type"] == "Partner.FactCorrected"]
    assert [(e["data"]["field"], e["data"]["old"], e["data"]["new"]) for e in corrections] == [
        ("name", "Returverket ek. för.", "Returverket ekonomisk förening"),
        ("districts", ["farsta"], ["jarva", "farsta"])]
    assert all(e["data"]["corrects"] == 1 and e["data"]["reason"] for e in corrections)
    assert stored[0]["data"]["name"] == "Returverket ek. för."  # the original is kept
    by_district = board(db)["partners"]["by_district"]
    assert (by_district["jarva"], by_district["farsta"]) == (1, 1)


def test_a_decided_amount_is_corrected_and_the_report_uses_it(
        db: str, tmp_path: Path) -> None:
    imported(db, tmp_path, *onboarded(), FUNDING, pay("VER-1", "30000"))

    imported(db, tmp_path, correct("supervisor_funding", "HF-1", "amount_sek", "80000",
                                   decision_ref="Styrelsen 2026-04-10 §3"), name="c.jsonl")

    assert board(db)["supervisor_funding"]["decided_sek"] == "80000.00"
    assert proven(db)[0] == 0


def test_a_correction_of_a_decision_needs_a_decision_ref(db: str, tmp_path: Path) -> None:
    imported(db, tmp_path, *onboarded(), FUNDING)

    code, _, err = run_import(db, tmp_path,
                              correct("supervisor_funding", "HF-1", "amount_sek", "80000"),
                              name="c.jsonl")

    assert code == 2 and "decision_ref" in err


def test_a_correction_that_would_break_R5_is_refused(db: str, tmp_path: Path) -> None:
    imported(db, tmp_path, *onboarded(), FUNDING, pay("VER-1", "30000"))

    code, _, out = run_import(db, tmp_path, correct(
        "supervisor_funding", "HF-1", "amount_sek", "20000", decision_ref="SB §1"),
        name="c.jsonl")

    assert code == 1 and "R5" in out and "SEK 30,000.00 is already paid" in out


def test_a_correction_that_would_break_R3_is_refused(db: str, tmp_path: Path) -> None:
    imported(db, tmp_path, *onboarded(), FUNDING)

    code, _, out = run_import(db, tmp_path, correct(
        "supervisor_funding", "HF-1", "starts_on", "2026-01-01", decision_ref="SB §1"),
        name="c.jsonl")

    assert code == 1 and "R3" in out


def test_a_correction_to_the_same_value_or_of_an_unknown_field_is_refused(
        db: str, tmp_path: Path) -> None:
    imported(db, tmp_path, *onboarded())

    code, _, out = run_import(db, tmp_path, correct("partner", ORG, "name",
                                                    "Returverket ek. för."), name="same.jsonl")
    assert code == 1 and "nothing to correct" in out
    # Its key is what names it: a partner registered under the wrong number is voided.
    code, _, err = run_import(db, tmp_path, correct("partner", ORG, "org_nr", "5566778899"),
                              name="field.jsonl")
    assert code == 2 and "org_nr" in err and "name, districts, legal_form" in err
    code, _, err = run_import(db, tmp_path, correct("partner", ORG, "districts", ["mars"]),
                              name="value.jsonl")
    assert code == 2 and "mars" in err


# Voiding -------------------------------------------------------------------------------

def test_a_partner_registered_twice_is_voided_and_counts_nowhere(
        db: str, tmp_path: Path) -> None:
    imported(db, tmp_path, *onboarded(), register(OTHER_ORG))
    before = board(db)["partners"]

    imported(db, tmp_path, void("partner", OTHER_ORG), name="v.jsonl")

    assert board(db)["partners"] == before
    assert events(db)[-1]["type"] == "Partner.Voided"
    code, _, out = run_import(db, tmp_path, {
        "command": "assess_criterion", "org_nr": OTHER_ORG, "criterion": "C1", "met": True,
        "evidence": "Stadgar", "assessed_on": "2026-02-01"}, name="after.jsonl")
    assert code == 1 and "void" in out


def test_a_void_is_refused_saying_what_depends_on_it(db: str, tmp_path: Path) -> None:
    imported(db, tmp_path, *onboarded(), AGREEMENT, FUNDING, pay("VER-1", "1000"))

    code, _, out = run_import(db, tmp_path, void("supervisor_funding", "HF-1",
                                                 decision_ref="SB §2"), name="v.jsonl")
    assert code == 1 and "VER-1" in out
    code, _, out = run_import(db, tmp_path, void("partner", ORG), name="p.jsonl")
    assert code == 1 and "AVT-1" in out and "onboarded_on 2026-01-15" in out


def test_a_funding_decided_on_the_wrong_partner_is_voided_once_its_payments_are_reversed(
        db: str, tmp_path: Path) -> None:
    imported(db, tmp_path, *onboarded(), FUNDING, pay("VER-1", "1000"))

    imported(db, tmp_path, reverse_payment("VER-1"),
             void("supervisor_funding", "HF-1", decision_ref="SB 2026-04-10 §2"),
             name="v.jsonl")

    funding = board(db)["supervisor_funding"]
    assert (funding["decided_sek"], funding["paid_sek"], funding["fte_active"]) == (
        "0.00", "0.00", "0.00")
    code, _, out = run_import(db, tmp_path, pay("VER-2", "1000"), name="after.jsonl")
    assert code == 1 and "void" in out
    assert proven(db)[0] == 0


# What the history shows ----------------------------------------------------------------

def test_the_replay_shows_original_and_correction_with_who_when_and_why(
        db: str, tmp_path: Path) -> None:
    imported(db, tmp_path, *onboarded(), FUNDING, pay("VER-1", "1000"))
    code, _, err = cli(db, "--actor", "ekonom.eva", "import", write(tmp_path, jsonl(
        reverse_payment("VER-1", decision_ref="Förbundschef 2026-04-02")), "r.jsonl"))
    assert code == 0, err

    code, out, _ = cli(db, "audit", "replay")

    assert code == 0
    paid = next(line for line in out.splitlines() if "paid SEK 1,000.00" in line)
    reversed_line = next(line for line in out.splitlines() if "reversed payment" in line)
    position = paid.split()[0]
    assert f"corrects position {position}" in reversed_line
    assert "ekonom.eva" in reversed_line and "Fel belopp utbetalt" in reversed_line
    assert "Förbundschef 2026-04-02" in reversed_line
    code, out, _ = cli(db, "audit", "replay", lang="sv")
    assert "återfördes" in out and f"rättar position {position}" in out


# The dashboard, 360Giving and the replayed state use the corrected state ---------------

def test_the_dashboard_nets_reversals_and_reads_corrected_and_voided_decisions(
        db: str, tmp_path: Path) -> None:
    from datetime import date

    from asfledger.decode import ledger_events
    from asfledger.ledger import Ledger
    from projections.dashboard import figures, fold

    second = {**FUNDING, "ref": "HF-2", "amount_sek": "7000"}
    imported(db, tmp_path, *onboarded(), FUNDING, second, pay("VER-1", "30000"),
             pay("VER-2", "500"), {**EFFORT}, spend("UTG-1", "2000"))
    imported(db, tmp_path, reverse_payment("VER-2"),
             {"command": "reverse_expenditure", "ref": "UTG-1", "reversed_on": "2026-05-02",
              "reason": "Fel insats"},
             correct("supervisor_funding", "HF-1", "amount_sek", "90000",
                     decision_ref="SB §9"),
             correct("supervisor_funding", "HF-1", "decided_on", "2026-01-25",
                     decision_ref="SB §9"),
             void("supervisor_funding", "HF-2", decision_ref="SB §10"), name="c.jsonl")

    with Ledger(db, read_only=True) as ledger:
        dash = figures(fold(ledger_events(ledger.store)), 2026, today=date(2026, 12, 4))
    assert (dash.fundings_decided, dash.funding_decided_ore) == (1, 9_000_000)
    assert (dash.funding_paid_ore, dash.expenditure_ore) == (3_000_000, 3_000_000)


def test_360giving_publishes_the_corrected_decisions_and_not_the_voided(
        db: str, tmp_path: Path) -> None:
    second = {**FUNDING, "ref": "HF-2"}
    imported(db, tmp_path, *onboarded(), FUNDING, second)
    imported(db, tmp_path, correct("supervisor_funding", "HF-1", "amount_sek", "80000",
                                   decision_ref="SB §9"),
             correct("partner", ORG, "name", "Returverket ekonomisk förening"),
             void("supervisor_funding", "HF-2", decision_ref="SB §10"), name="c.jsonl")

    code, out, err = cli(db, "export", "360giving", "--draft")

    assert code == 0, err
    grants = json.loads(out)["grants"]
    assert [g["amountAwarded"] for g in grants] == [80000]
    assert "HF-2" not in out and "Returverket ekonomisk förening" in out
    assert "Returverket ek. för." not in out


def test_the_replayed_state_leaves_a_voided_partner_out(db: str, tmp_path: Path) -> None:
    imported(db, tmp_path, *onboarded(), register(OTHER_ORG))
    code, before, _ = cli(db, "audit", "replay")
    imported(db, tmp_path, void("partner", OTHER_ORG), name="v.jsonl")

    code, after, _ = cli(db, "audit", "replay")

    assert code == 0
    state = [line for line in after.splitlines() if line.startswith("Partners:")]
    assert state and state[0] == next(line for line in before.splitlines()
                                      if line.startswith("Partners:")).replace("2", "1", 1)
    assert "voided the registration of partner" in after


# More facts, and what a void of an effort depends on -----------------------------------

def test_an_effort_with_participants_reported_cannot_be_voided_but_its_budget_is_corrected(
        db: str, tmp_path: Path) -> None:
    participants = {"command": "report_participants", "ref": "INS-1", "period": "2026-Q1",
                    "counts": {"long_term_unemployed": {"women": 2, "men": 1}}}
    imported(db, tmp_path, *onboarded(), EFFORT, participants, spend("UTG-1", "20000"))

    code, _, out = run_import(db, tmp_path, void("effort", "INS-1", decision_ref="SB §1"),
                              name="v.jsonl")
    assert code == 1
    assert "record_expenditure UTG-1" in out and "report_participants 2026-Q1" in out
    code, _, out = run_import(db, tmp_path, correct("effort", "INS-1", "budget_sek", "19999",
                                                    decision_ref="SB §2"), name="low.jsonl")
    assert code == 1 and "R5" in out
    imported(db, tmp_path, correct("effort", "INS-1", "budget_sek", "20000",
                                   decision_ref="SB §2"), name="ok.jsonl")
    code, _, out = run_import(db, tmp_path, spend("UTG-2", "0.01"), name="over.jsonl")
    assert code == 1 and "R5" in out  # the corrected budget is the limit now


def test_a_text_and_a_date_are_corrected_and_the_report_counts_the_work_where_it_was_done(
        db: str, tmp_path: Path) -> None:
    work = {"command": "log_structural_work", "ref": "SA-1", "measure": "S3",
            "done_on": "2026-03-31", "description": "Seminarium för handläggare"}
    imported(db, tmp_path, work)
    assert board(db, "2026-Q1")["structural_work"]["by_measure"]["S3"] == 1

    imported(db, tmp_path, correct("structural_work", "SA-1", "done_on", "2026-04-02"),
             correct("structural_work", "SA-1", "description",
                     "Seminarium för handläggare på Arbetsförmedlingen"), name="c.jsonl")

    assert board(db, "2026-Q1")["structural_work"]["by_measure"]["S3"] == 0
    assert board(db, "2026-Q2")["structural_work"]["by_measure"]["S3"] == 1
    code, out, _ = cli(db, "audit", "replay")
    assert code == 0
    assert "from 2026-03-31 to 2026-04-02 (corrects position 1)" in out


def test_R7_no_personal_identity_number_in_a_corrected_value_or_reason(
        db: str, tmp_path: Path) -> None:
    imported(db, tmp_path, *onboarded())

    for line in (correct("partner", ORG, "name", "Kontakt 811218-9876"),
                 {**correct("partner", ORG, "name", "Returverket"),
                  "reason": "Begärt av 811218-9876"}):
        code, _, out = run_import(db, tmp_path, line, name="r7.jsonl")
        assert code == 1 and "R7" in out
    assert [e["type"] for e in events(db)][-1] == "Partner.Onboarded"
