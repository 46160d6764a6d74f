"""Two writers at once (SPEC §7): one wins, the other is decided again on fresh state and
either succeeds or is refused with one clear sentence; nothing is lost or written twice.

Each writer is its own process running ``asfledger import`` (through ``writer.py``, which
only arranges the timing). Two timings, on SQLite and on PostgreSQL:

- ``decided-together``: both writers decide their batch on the same state and only then
  race to save: a conflict on the same aggregate is certain, so the retry is exercised
  every time (and asserted: exactly one writer decides twice).
- ``started-together``: both processes are released by one barrier file, already
  imported; whatever interleaving the scheduler picks, the outcome must be the same
  (three of the races: same funding, same partner, different aggregates).

Every writer records under its own ``--actor``, so each stored event can be traced to the
file that produced it: the events of the writers that exited 0 are exactly the new events.
"""

from __future__ import annotations

import subprocess
import sys
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pytest

from asfledger.ledger import Ledger
from domain import commands as c
from domain.aggregates.action_plan import ActionPlan
from domain.aggregates.funding import SupervisorFunding
from tests.domain.builders import (
    add_action,
    decide_funding,
    draft_plan,
    hold_activity,
    make_org_nr,
    onboarded_partner_commands,
    pay_funding,
    plan_activity,
)

from .harness import (
    REPO,
    TIMEOUT,
    asfledger,
    assert_consistent,
    assert_one_sentence,
    events_jsonl,
    wait_until,
    write_jsonl,
)

Check = Callable[[Ledger], None]


@dataclass
class Scenario:
    name: str
    base: list[c.Command]
    a: list[c.Command]
    b: list[c.Command]
    codes: tuple[int, int]  # sorted exit codes: (0, 0) both applied, (0, 1) one refused
    same_aggregate: bool
    refusal: str = ""  # a word the refused writer's sentence must contain
    check: Check = field(default=lambda ledger: None)


def scenarios(round_: int) -> list[Scenario]:
    """The races of one round; refs and org numbers are unique per round."""
    org = make_org_nr(600 + 10 * round_)
    new_org = make_org_nr(601 + 10 * round_)
    other_org = make_org_nr(602 + 10 * round_)
    year = 2026 + round_
    hf_pay, hf_over = f"HF-{round_}-1", f"HF-{round_}-2"

    def paid(ref: str, ore: int) -> Check:
        def check(ledger: Ledger) -> None:
            funding = ledger.get(SupervisorFunding, ref)
            assert funding is not None and funding.paid_ore == ore, ref
        return check

    def actions(*ids: str) -> Check:
        def check(ledger: Ledger) -> None:
            plan = ledger.get(ActionPlan, str(year))
            assert plan is not None and set(plan.actions) == set(ids), plan
        return check

    return [
        Scenario(
            "both pay the same funding",
            [*onboarded_partner_commands(org), decide_funding(hf_pay, org),
             decide_funding(hf_over, org, amount_sek="100000")],
            [pay_funding(hf_pay, voucher_ref=f"VER-{round_}-A", amount_sek="30000")],
            [pay_funding(hf_pay, voucher_ref=f"VER-{round_}-B", amount_sek="20000")],
            (0, 0), True, check=paid(hf_pay, 5_000_000)),
        Scenario(
            "together they would pay more than was decided (R5)",
            [],
            [pay_funding(hf_over, voucher_ref=f"VER-{round_}-C", amount_sek="60000")],
            [pay_funding(hf_over, voucher_ref=f"VER-{round_}-D", amount_sek="60000")],
            (0, 1), True, refusal="R5", check=paid(hf_over, 6_000_000)),
        Scenario(
            "both register and onboard the same partner",
            [],
            onboarded_partner_commands(new_org),
            onboarded_partner_commands(new_org),
            (0, 1), True, refusal="already"),
        Scenario(
            "both add actions to the same plan",
            [draft_plan(year, operations_plan_ref=f"Verksamhetsplan {year}")],
            [add_action("A1", year=year, due_on=date(year, 11, 30)),
             add_action("A2", year=year, measure="S4", due_on=date(year, 10, 1))],
            [add_action("B1", year=year, due_on=date(year, 9, 30))],
            (0, 0), True, check=actions("A1", "A2", "B1")),
        Scenario(
            "different aggregates",
            [],
            [plan_activity(f"AKT-{round_}-A"), hold_activity(f"AKT-{round_}-A")],
            onboarded_partner_commands(other_org),
            (0, 0), False),
    ]


# Running writers --------------------------------------------------------------------------

@dataclass
class Outcome:
    actor: str
    code: int
    stdout: str
    stderr: str


def writer(sync: Path, name: str, options: Sequence[str], db: str, actor: str,
           *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "tests.faults.writer", str(sync), name, *options, "--",
         "--db", db, "--lang", "en", "--actor", actor, *args],
        cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def finish(process: subprocess.Popen[str], actor: str) -> Outcome:
    try:
        out, err = process.communicate(timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        process.kill()
        process.communicate()
        raise AssertionError(f"writer {actor} did not finish in {TIMEOUT} s") from None
    return Outcome(actor, process.returncode, out, err)


def race(tmp: Path, db: str, mode: str, a: list[c.Command], b: list[c.Command],
         tag: str) -> tuple[Outcome, Outcome, Path]:
    sync = tmp / f"sync-{tag}"
    sync.mkdir()
    files = write_jsonl(tmp / f"{tag}-A.jsonl", a), write_jsonl(tmp / f"{tag}-B.jsonl", b)
    actors = f"{tag}-A", f"{tag}-B"
    if mode == "decided-together":
        options = (["--after-decide", "B.decided.1"], ["--after-decide", "A.decided.1"])
    else:
        options = (["--start"], ["--start"])
    processes = [writer(sync, name, opts, db, actor, "import", file)
                 for name, opts, actor, file in zip("AB", options, actors, files, strict=True)]
    try:
        if mode == "started-together":
            wait_until(lambda: all((sync / f"{n}.ready").exists() for n in "AB"), TIMEOUT,
                       "both writers to be ready")
            (sync / "go").touch()
        outcomes = [finish(p, actor) for p, actor in zip(processes, actors, strict=True)]
    finally:
        for p in processes:
            if p.poll() is None:
                p.kill()
                p.wait(timeout=10)
    return outcomes[0], outcomes[1], sync


def expected_events(tmp: Path, history: list[c.Command], batch: list[c.Command]
                    ) -> list[tuple[str, str]]:
    """(type, subject) of the events ``batch`` stores on top of ``history``, alone."""
    db = str(tmp / f"reference-{len(list(tmp.glob('reference-*')))}.sqlite")
    with Ledger(db, actor="reference") as ledger:
        if history:
            ledger.execute(history)
        head = ledger.head()
        ledger.execute(batch)
    return [(e["type"], e["subject"]) for e in events_jsonl(db) if e["position"] > head]


# Tests ------------------------------------------------------------------------------------

@pytest.mark.parametrize("mode", ["decided-together", "started-together"])
def test_two_writers_at_once_lose_nothing_and_write_nothing_twice(
        db: str, tmp_path: Path, mode: str) -> None:
    history: list[c.Command] = []
    races = scenarios(0)
    if mode == "started-together":  # the black-box timing: the races that differ most
        races = [races[0], races[2], races[4]]
    for round_, scenario in enumerate(races):
        with Ledger(db, actor="base") as ledger:
            if scenario.base:
                ledger.execute(scenario.base)
            head = ledger.head()
        history += scenario.base
        tag = f"r{round_}"

        a, b, sync = race(tmp_path, db, mode, scenario.a, scenario.b, tag)
        where = f"{scenario.name} ({mode})"

        # Exit codes: applied (0), or refused on fresh state (1) with one sentence.
        assert tuple(sorted((a.code, b.code))) == scenario.codes, (where, a, b)
        for o in (a, b):
            assert o.code in (0, 1, 3), (where, o)
            if o.code == 0:
                assert o.stdout.startswith("applied "), (where, o)
                assert o.stderr == "", (where, o)
            else:
                assert_one_sentence(o.stderr)
                assert scenario.refusal in o.stderr, (where, o)
        if mode == "decided-together":
            retried = [n for n in "AB" if (sync / f"{n}.deciding.2").exists()]
            assert len(retried) == (1 if scenario.same_aggregate else 0), (where, retried)

        # Nothing lost, nothing twice: the new events are exactly the applied files'.
        new = [e for e in events_jsonl(db) if e["position"] > head]
        by_actor = Counter(e["actor"] for e in new)
        assert set(by_actor) <= {a.actor, b.actor}, (where, by_actor)
        for o, batch in ((a, scenario.a), (b, scenario.b)):
            stored = [(e["type"], e["subject"]) for e in new if e["actor"] == o.actor]
            if o.code == 0:
                assert stored == expected_events(tmp_path, history, batch), (where, o)
                history += batch
            else:
                assert stored == [], (where, o)
        assert_consistent(db)
        with Ledger(db, actor="check", read_only=True) as ledger:
            scenario.check(ledger)


def test_a_writer_that_loses_twice_gets_a_conflict_and_writes_nothing(
        db: str, tmp_path: Path) -> None:
    """Exit 3 (SPEC §3, "conflict after retry"): L decides, W1 saves first; L decides
    again on fresh state, W2 saves first again; L gives up with one sentence."""
    org = make_org_nr(700)
    with Ledger(db, actor="base") as ledger:
        ledger.execute([*onboarded_partner_commands(org), decide_funding("HF-L", org)])
        head = ledger.head()
    sync = tmp_path / "sync"
    sync.mkdir()
    late = write_jsonl(tmp_path / "L.jsonl", [pay_funding("HF-L", voucher_ref="VER-L")])
    loser = writer(sync, "L", ["--after-decide", "W1.done,W2.done"], db, "L",
                   "import", late)
    try:
        for n in (1, 2):
            wait_until(lambda n=n: (sync / f"L.decided.{n}").exists()  # type: ignore[misc]
                       or loser.poll() is not None, TIMEOUT, f"L to decide ({n})")
            first = write_jsonl(tmp_path / f"W{n}.jsonl",
                                [pay_funding("HF-L", voucher_ref=f"VER-W{n}")])
            done = asfledger(db, "import", first, actor=f"W{n}")
            assert done.returncode == 0, done.stderr
            (sync / f"W{n}.done").touch()
        outcome = finish(loser, "L")
    finally:
        if loser.poll() is None:
            loser.kill()
            loser.wait(timeout=10)

    assert outcome.code == 3, outcome
    assert_one_sentence(outcome.stderr)
    assert "another writer" in outcome.stderr and "nothing was written" in outcome.stderr
    new = [e for e in events_jsonl(db) if e["position"] > head]
    assert [(e["actor"], e["type"]) for e in new] == [
        ("W1", "SupervisorFunding.Paid"), ("W2", "SupervisorFunding.Paid")]
    assert_consistent(db)
