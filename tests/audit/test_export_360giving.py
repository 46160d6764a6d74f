"""``asfledger export 360giving``: fundings and efforts as 360Giving grants (SPEC §3).

``jsonschema`` is not a dependency, so the standard's required fields are checked by hand
(id, title, description, currency, amountAwarded, awardDate, recipientOrganization,
fundingOrganization, each organisation with id and name).
"""

from __future__ import annotations

import io
import json
import re
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from asfledger.cli import run
from asfledger.importer import import_bytes
from asfledger.ledger import Ledger
from domain import commands as c
from domain.reference import ASSOCIATION, PARTIES
from domain.values import normalise_org_nr, parse_sek
from tests.audit.realistic import realistic_commands, realistic_history
from tests.domain.builders import make_org_nr

REQUIRED = ("id", "title", "description", "currency", "amountAwarded", "awardDate",
            "recipientOrganization", "fundingOrganization")
ORG_ID = re.compile(r"^SE-ON-\d{10}$")
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
PREFIX = "360G-samordningsforbundet-stockholm-"


def cli(db: str, *args: str, lang: str = "en") -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = run(["--db", db, "--lang", lang, *args], out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def grants_of(text: str) -> list[dict[str, Any]]:
    """Parse the export with exact amounts (a JSON number becomes a ``Decimal``)."""
    data = json.loads(text, parse_float=Decimal)
    assert list(data) == ["grants"]
    grants: list[dict[str, Any]] = data["grants"]
    return grants


@pytest.fixture
def history_ledger(ledger: Ledger) -> Ledger:
    import_bytes(ledger, realistic_history())
    return ledger


def test_every_funding_and_effort_is_one_grant_with_its_exact_amount(
        history_ledger: Ledger) -> None:
    code, out, err = cli(history_ledger.db, "export", "360giving")
    assert (code, err) == (0, "")
    grants = grants_of(out)
    commands = realistic_commands()
    expected: dict[str, tuple[int, str, str, str]] = {}
    for cmd in commands:
        if isinstance(cmd, c.DecideSupervisorFunding):
            expected[f"{PREFIX}supervisor_funding-{cmd.ref}"] = (
                parse_sek(cmd.amount_sek), str(cmd.decided_on), cmd.employer, "I3")
        elif isinstance(cmd, c.StartEffort):
            expected[f"{PREFIX}effort-{cmd.ref}"] = (
                parse_sek(cmd.budget_sek), str(cmd.starts_on), cmd.run_by, cmd.measure)
    assert len(expected) > 20
    ids = [g["id"] for g in grants]
    assert len(ids) == len(set(ids))
    assert sorted(ids) == sorted(expected)
    for grant in grants:
        ore, award_date, party, measure = expected[grant["id"]]
        assert Decimal(grant["amountAwarded"]) * 100 == ore
        assert grant["awardDate"] == award_date
        # The money goes to a party (R1: the supervisor's employer), never to the ASF.
        assert grant["recipientOrganization"] == [
            {"id": "SE-ON-" + PARTIES[party].org_nr.replace("-", ""),
             "name": PARTIES[party].name}]
        assert grant["grantProgramme"][0]["code"] == measure


def test_every_grant_has_the_fields_the_standard_requires(history_ledger: Ledger) -> None:
    code, out, _ = cli(history_ledger.db, "export", "360giving", lang="sv")
    assert code == 0
    for grant in grants_of(out):
        for key in REQUIRED:
            assert grant.get(key) not in (None, "", []), (grant["id"], key)
        assert grant["id"].startswith(PREFIX)
        assert grant["currency"] == "SEK"
        assert isinstance(grant["amountAwarded"], int | Decimal)
        assert grant["amountAwarded"] > 0
        assert DATE.match(grant["awardDate"])
        for dates in grant["plannedDates"]:
            assert DATE.match(dates["startDate"])
            assert "endDate" not in dates or dates["startDate"] <= dates["endDate"]
        for org in (*grant["recipientOrganization"], *grant["fundingOrganization"]):
            assert ORG_ID.match(org["id"]) and org["name"]
        assert grant["fundingOrganization"] == [
            {"id": "SE-ON-2220001776", "name": "Samordningsförbundet Stockholms stad"}]
        assert grant["title"].startswith(("Handledarfinansiering", "Insats"))


def test_the_association_org_number_is_a_valid_org_number() -> None:
    assert normalise_org_nr(ASSOCIATION.org_nr) == ASSOCIATION.org_nr


def test_an_amount_with_ore_is_an_exact_json_number(sqlite_db: str) -> None:
    org = make_org_nr(4711)
    lines = [
        {"command": "register_partner", "org_nr": org, "name": "Macken ek. för.",
         "legal_form": "ekonomisk_forening", "districts": ["farsta"]},
        *({"command": "assess_criterion", "org_nr": org, "criterion": k, "met": True,
           "evidence": "Stadgar", "assessed_on": "2026-01-10"}
          for k in ("C1", "C2", "C3", "C4")),
        {"command": "onboard_partner", "org_nr": org, "onboarded_on": "2026-01-15",
         "decision_ref": "SB 2026-01 §4"},
        {"command": "decide_supervisor_funding", "ref": "HF-1", "org_nr": org,
         "employer": "stockholms_stad", "amount_sek": "250000.50",
         "decided_on": "2026-01-20", "starts_on": "2026-02-01", "ends_on": "2026-12-31",
         "fte_percent": 50, "target_groups": ["long_term_unemployed"],
         "decision_ref": "SB 2026-01 §5"},
        {"command": "start_effort", "ref": "HF-1", "org_nr": org, "measure": "I1",
         "run_by": "arbetsformedlingen", "starts_on": "2026-03-01",
         "budget_sek": "99999.05", "decision_ref": "SB 2026-02 §3"},
    ]
    with Ledger(sqlite_db, actor="test") as ledger:
        import_bytes(ledger, "\n".join(json.dumps(x) for x in lines).encode())
    code, out, _ = cli(sqlite_db, "export", "360giving")
    assert code == 0
    assert '"amountAwarded": 250000.50' in out and '"amountAwarded": 99999.05' in out
    grants = {g["id"]: g for g in grants_of(out)}
    # The same ref for a funding and an effort: two grants, two ids.
    funding = grants[f"{PREFIX}supervisor_funding-HF-1"]
    effort = grants[f"{PREFIX}effort-HF-1"]
    assert funding["amountAwarded"] == Decimal("250000.50")
    assert funding["plannedDates"] == [{"startDate": "2026-02-01", "endDate": "2026-12-31"}]
    assert "Stockholms stad" in funding["description"]
    assert effort["amountAwarded"] == Decimal("99999.05")
    assert effort["plannedDates"] == [{"startDate": "2026-03-01"}]  # no end date known
    assert effort["awardDate"] == "2026-03-01"


def test_an_empty_ledger_exports_no_grants(sqlite_db: str) -> None:
    Ledger(sqlite_db).close()  # created empty: the export opens it read-only
    code, out, _ = cli(sqlite_db, "export", "360giving")
    assert code == 0 and json.loads(out) == {"grants": []}


def test_output_file(history_ledger: Ledger, tmp_path: Path) -> None:
    target = tmp_path / "grants.json"
    code, out, err = cli(history_ledger.db, "export", "360giving", "-o", str(target))
    assert (code, err) == (0, "")
    grants = grants_of(target.read_text(encoding="utf-8"))
    assert out == f"{len(grants)} grants in the 360Giving format written to {target}\n"
    _, stdout_version, _ = cli(history_ledger.db, "export", "360giving")
    assert target.read_text(encoding="utf-8") == stdout_version


def test_an_unwritable_output_file_is_a_usage_error(sqlite_db: str, tmp_path: Path) -> None:
    Ledger(sqlite_db).close()
    target = tmp_path / "missing-dir" / "grants.json"
    code, out, err = cli(sqlite_db, "export", "360giving", "-o", str(target), lang="sv")
    assert (code, out) == (2, "")
    assert err.startswith(f"kan inte skriva {target}")
    assert not target.exists()


def test_export_needs_a_format(sqlite_db: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = cli(sqlite_db, "export")
    assert (code, out) == (2, "")
    assert "required: EXPORT_COMMAND" in capsys.readouterr().err
