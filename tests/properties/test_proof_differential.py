"""``prove()`` (the fast path: pages, a second process, the sieve, inline decoding, the R7
scan of whole pages) gives exactly what the plain fold gives — every stored event decoded
and fed to ``ComplianceProof.feed`` — on random histories: decisions the guards accept,
decisions forged past them (violations of every rule), free text that names forbidden
things or holds a personnummer, corrections and voids, any page size, with or without the
worker, judged on any day.

This is what guards the fast path's assumptions about the stored bytes (the timestamp
first in each record, what the R7 byte scan may pass over) and CPython's (``tuple.__new__``
for a ``LedgerEvent``): a change that breaks one makes the two disagree here.
"""

from __future__ import annotations

import contextlib
import tempfile
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any, cast

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from asfledger.audit import compliance as audit_compliance
from asfledger.audit.compliance import as_json, prove
from asfledger.audit.sqlite_recorder import ChainedSQLiteApplicationRecorder
from asfledger.decode import decode_rows
from asfledger.history import stream
from asfledger.ledger import Ledger
from domain import commands as c
from domain.errors import InvalidCommand
from projections.compliance import ComplianceProof
from tests.audit.test_compliance_proof import force
from tests.domain import builders as b
from tests.properties.strategies import personal_identity_numbers

ORGS = (b.ORG_A, b.make_org_nr(2), b.make_org_nr(3))
DAYS = st.dates(date(2025, 11, 1), date(2027, 2, 1))
YEARS = st.sampled_from((2025, 2026, 2027))
TEXTS = st.one_of(
    st.sampled_from(["Lokalhyra för seminarium", "Startbidrag till föreningen",
                     "Affärsutveckling för personalen", "ſubsidy for a start-up",
                     "Fika med parterna", "Resa 2026-03-01–2026-03-04"]),
    personal_identity_numbers().map(lambda pin: f"Kontakt {pin}"))
PURPOSES = st.sampled_from(["administration", "effort_financing", "procured_service",
                            "membership_fee", "cash_grant", "asf_startup",
                            "asf_staff_development"])


def _spend(ref: str, purpose: str, day: date, text: str, to_partner: bool, org_nr: str,
           linked: str | None) -> list[c.Command]:
    """An expenditure, when the command can be written at all (effort financing names its
    effort, a membership fee its membership …)."""
    kind = cast(c.Purpose, purpose)
    try:
        if to_partner:
            return [b.pay_partner(ref, org_nr, paid_on=day, purpose=kind, linked_ref=linked,
                                  description=text)]
        return [b.expenditure(ref, paid_on=day, purpose=kind, linked_ref=linked,
                              description=text)]
    except InvalidCommand:
        return []


def _steps() -> st.SearchStrategy[list[c.Command]]:
    org, ref, day = st.sampled_from(ORGS), st.sampled_from(("1", "2")), DAYS
    one: list[st.SearchStrategy[list[c.Command]]] = [
        st.builds(lambda o, d, met: [b.register(o), *b.assess_all(o, on=d, met=met),
                                     b.onboard(o, on=d)], org, day, st.booleans()),
        st.builds(lambda o, d: [b.offboard(o, on=d)], org, day),
        st.builds(lambda o, d: [*b.assess_all(o, on=d, met=False)], org, day),
        st.builds(lambda r, o, d, v: [b.sign_agreement(f"AVT-{r}", o, starts_on=d,
                                                       value_sek=v)],
                  ref, org, day, st.sampled_from([None, 50_000])),
        st.builds(lambda r, d: [b.end_agreement(f"AVT-{r}", on=d)], ref, day),
        st.builds(lambda r, o, e, d: [b.decide_funding(f"HF-{r}", o, employer=e,
                                                       decided_on=d, starts_on=d)],
                  ref, org, st.sampled_from(["stockholms_stad", "Gröna Jobb AB"]), day),
        st.builds(lambda r, v, d, p, a: [b.pay_funding(f"HF-{r}", voucher_ref=f"V-{v}",
                                                       paid_on=d, payee=p, amount_sek=a)],
                  ref, st.integers(1, 3), day, st.sampled_from(["stockholms_stad", "region"]),
                  st.sampled_from([25_000, 90_000])),
        st.builds(lambda r, v: [b.reverse_payment(f"HF-{r}", f"V-{v}")], ref,
                  st.integers(1, 3)),
        st.builds(lambda r, o, d: [b.start_effort(f"INS-{r}", o, starts_on=d)], ref, org, day),
        st.builds(lambda r, p, d, t, partner, o, linked: _spend(f"UTG-{r}", p, d, t,
                                                                 partner, o, linked),
                  st.integers(1, 4), PURPOSES, day, TEXTS, st.booleans(), org,
                  st.sampled_from([None, "AVT-1", "INS-1", "MED-1"])),
        st.builds(lambda r: [b.reverse_expenditure(f"UTG-{r}")], st.integers(1, 4)),
        st.builds(lambda r, k, o: [b.join(f"MED-{r}", kind=k, org_nr=o)], ref,
                  st.sampled_from(["network", "asf", "other"]), st.sampled_from([None, *ORGS])),
        st.builds(lambda d, t: [b.log_structural_work(f"SA-{d.isoformat()}", done_on=d,
                                                      description=t)], day, TEXTS),
        st.builds(lambda d: [b.board_meeting(f"STYR-{d.isoformat()}", held_on=d)], day),
        st.builds(lambda y: [b.draft_plan(y)], YEARS),
        st.builds(lambda y, a: [b.add_action(f"A{a}", year=y)], YEARS, st.integers(1, 2)),
        st.builds(lambda y, d, meeting: [b.adopt_plan(y, adopted_on=d, decision_ref=(
            f"STYR-{d.isoformat()} §7" if meeting else "STYR-X"))], YEARS, day, st.booleans()),
        st.builds(lambda y, a, d: [b.complete_action(f"A{a}", year=y, completed_on=d)],
                  YEARS, st.integers(1, 2), day),
        st.builds(lambda r, amount: [b.correct_fact("supervisor_funding", f"HF-{r}",
                                                    "amount_sek", amount)],
                  ref, st.sampled_from(["10000", "500000"])),
        st.builds(lambda r, d: [b.correct_fact("effort", f"INS-{r}", "starts_on",
                                               d.isoformat())], ref, day),
        st.builds(lambda r: [b.void_decision("supervisor_funding", f"HF-{r}")], ref),
        st.builds(lambda r: [b.void_decision("effort", f"INS-{r}")], ref),
        st.builds(lambda o: [b.void_decision("partner", o)], org),
    ]
    return st.lists(st.one_of(one), min_size=3, max_size=25).map(
        lambda steps: [cmd for step in steps for cmd in step])


# A valid start that uses every command (partner A onboarded, AVT-1, HF-1, INS-1, MED-1,
# the 2026 plan …): the random steps then have decisions to pay, correct and void.
BASE = b.every_command_once()


def _record(ledger: Ledger, commands: list[c.Command], forged: list[bool]) -> None:
    """Each command through the guards; one they refuse forged past them where ``forged``
    says so, or left out (as is one with nothing to forge it on)."""
    for cmd, forge in zip(commands, forged, strict=False):
        try:
            ledger.execute([cmd])
        except Exception:  # refused
            if forge:
                with contextlib.suppress(Exception):  # nothing to forge it on
                    force(ledger, cmd)


def _plain(ledger: Ledger, as_of: date | None) -> ComplianceProof:
    proof = ComplianceProof(as_of)
    for _, decoded in decode_rows(stream(ledger.store), as_of=as_of):
        proof.feed(decoded)
    return proof


def _ends(proof: ComplianceProof) -> list[tuple[Any, ...] | None]:
    return [None if e is None else (e.position, e.recorded, e.type, e.subject_id, e.subject)
            for e in (proof.first, proof.last)]


WHERE: dict[str, Callable[[pytest.MonkeyPatch], object]] = {
    "here": lambda mp: mp.setattr(audit_compliance, "WORKER_FROM", 10**12),
    "reader": lambda mp: (mp.setattr(audit_compliance, "WORKER_FROM", 0),
                          mp.setattr(audit_compliance, "HEAD_START", 3)),
    "worker": lambda mp: (mp.setattr(audit_compliance, "WORKER_FROM", 0),
                          mp.setattr(ChainedSQLiteApplicationRecorder, "worker_source",
                                     lambda self, page: None)),
}


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(commands=_steps(), forged=st.lists(st.booleans(), min_size=60, max_size=60),
       page=st.sampled_from([1, 3, 7, 2000]), where=st.sampled_from(sorted(WHERE)),
       as_of=st.sampled_from([None, 0, 1, 400]))
def test_prove_gives_what_the_plain_fold_gives(commands: list[c.Command], forged: list[bool],
                                               page: int, where: str, as_of: int | None,
                                               ) -> None:
    """``as_of``: judged that many days before today (the events' recorded day), or on
    today's date without a cut."""
    with tempfile.TemporaryDirectory() as tmp, pytest.MonkeyPatch.context() as mp:
        db = str(Path(tmp) / "ledger.sqlite")
        with Ledger(db, actor="test") as ledger:
            ledger.execute(BASE)
            _record(ledger, commands, forged)
        mp.setattr(audit_compliance, "PAGE", page)
        WHERE[where](mp)
        with Ledger(db, read_only=True) as ledger:
            judged = None if as_of is None else date.today() - timedelta(days=as_of)
            fast = prove(ledger.store, ledger_id=ledger.ledger_id(), as_of=judged)
            plain = _plain(ledger, judged)
            assert fast.proof.events == plain.events
            assert fast.proof.violations == plain.violations
            assert fast.proof.to_review == plain.to_review
            assert fast.proof.redactions == plain.redactions
            assert {code: t.examined for code, t in fast.proof.tallies.items()} == {
                code: t.examined for code, t in plain.tallies.items()}
            # The history's ends as reported (a reader that decodes no field of a type no
            # check reads has them without their data).
            assert _ends(fast.proof) == _ends(plain)
            for code in sorted({v.rule for v in plain.violations}):
                event(f"violates {code}")
            event("to review" if plain.to_review else "nothing to review")
            fast_json: dict[str, Any] = as_json(fast, "en")
            fast.proof = plain
            assert as_json(fast, "en") == fast_json
