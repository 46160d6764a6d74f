"""``asfledger export 360giving``: fundings and efforts as 360Giving grants (SPEC §3).

Validated against the official 360Giving schema 1.4.3 (vendored under
``tests/data/360giving`` with its licence) with ``jsonschema``; beyond the schema, the
checks the data-quality tool makes: ``dateModified``, planned dates, recipient and
beneficiary location, data source, the recipient of each payment, the decision date.
"""

from __future__ import annotations

import io
import json
import re
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import jsonschema
import pytest
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

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
PREFIX = "360G-sfstockholm-"
SOURCE = "https://example.org/oppna-data/360giving.json"
PUBLISH = ("--prefix", "sfstockholm", "--data-source", SOURCE)
SCHEMAS = Path(__file__).resolve().parents[1] / "data" / "360giving"


@pytest.fixture(autouse=True)
def no_settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The tests' own settings folder: no prefix or data source unless a test writes one."""
    monkeypatch.setenv("ASFLEDGER_CONFIG_DIR", str(tmp_path / "config"))


def cli(db: str, *args: str, lang: str = "en") -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    chosen = {"--draft", "--prefix", "--data-source"} & set(args)
    if args[:2] == ("export", "360giving") and not chosen:
        args = (*args, *PUBLISH)
    code = run(["--db", db, "--lang", lang, *args], out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def package_of(text: str) -> dict[str, Any]:
    package: dict[str, Any] = json.loads(text, parse_float=Decimal)
    return package


def grants_of(text: str) -> list[dict[str, Any]]:
    """Parse the export with exact amounts (a JSON number becomes a ``Decimal``)."""
    grants: list[dict[str, Any]] = package_of(text)["grants"]
    return grants


def validator() -> jsonschema.protocols.Validator:
    grant = json.loads((SCHEMAS / "360-giving-schema.json").read_text(encoding="utf-8"))
    package = json.loads((SCHEMAS / "360-giving-package-schema.json").read_text(
        encoding="utf-8"))
    resource = Resource.from_contents(grant, default_specification=DRAFT202012)
    # The package refers to the grant schema of 1.4.2 by address: the vendored 1.4.3
    # answers both addresses, so nothing is fetched.
    registry: Registry[Any] = Registry().with_resources(
        (address, resource) for address in (
            grant["$id"], grant["$id"].replace("/1.4.3/", "/1.4.2/")))
    # The schema names Draft 2020-12 by an address jsonschema does not know (http, no
    # "#"), so the draft is chosen here.
    return jsonschema.Draft202012Validator(package, registry=registry,
                                           format_checker=FORMATS)


FORMATS = jsonschema.FormatChecker()


@FORMATS.checks("date-time", raises=ValueError)
def _date_time(value: object) -> bool:
    """RFC 3339: a date, ``T``, a time and an offset (jsonschema checks this format only
    with an optional package; here it must be checked, or the schema's ``oneOf`` of a
    date-time and a plain date would reject every plain date)."""
    if not isinstance(value, str):
        return True
    parsed = datetime.fromisoformat(value)
    return "T" in value and parsed.tzinfo is not None


@FORMATS.checks("uri")
def _uri(value: object) -> bool:
    if not isinstance(value, str):
        return True
    parts = urlsplit(value)
    return bool(parts.scheme and parts.netloc)


@pytest.fixture
def history_ledger(ledger: Ledger) -> Ledger:
    import_bytes(ledger, realistic_history())
    return ledger


def decision_dates(commands: list[c.Command]) -> dict[str, str]:
    """Each effort's decision date: the board meeting its decision_ref names, else the
    date written in the reference."""
    meetings = {cmd.ref: str(cmd.held_on) for cmd in commands
                if isinstance(cmd, c.HoldBoardMeeting)}
    found = {}
    for cmd in commands:
        if isinstance(cmd, c.StartEffort):
            meeting = next((day for ref, day in meetings.items()
                            if cmd.decision_ref.startswith(ref + " ")), None)
            written = re.search(r"\d{4}-\d{2}-\d{2}", cmd.decision_ref)
            found[cmd.ref] = meeting or (written.group(0) if written else str(cmd.starts_on))
    return found


def test_every_funding_and_effort_is_a_grant_with_its_exact_amount(
        history_ledger: Ledger) -> None:
    code, out, err = cli(history_ledger.db, "export", "360giving")
    assert (code, err) == (0, "")
    grants = {g["id"]: g for g in grants_of(out)}
    commands = realistic_commands()
    decided = decision_dates(commands)
    expected: dict[str, tuple[int, str, str, str]] = {}
    for cmd in commands:
        if isinstance(cmd, c.DecideSupervisorFunding):
            expected[f"{PREFIX}supervisor_funding-{cmd.ref}"] = (
                parse_sek(cmd.amount_sek), str(cmd.decided_on), cmd.employer, "I3")
        elif isinstance(cmd, c.StartEffort):
            expected[f"{PREFIX}effort-{cmd.ref}"] = (
                parse_sek(cmd.budget_sek), decided[cmd.ref], cmd.run_by, cmd.measure)
    assert len(expected) > 20
    assert set(expected) <= set(grants)
    for grant_id, (ore, award_date, party, measure) in expected.items():
        grant = grants[grant_id]
        assert grant["awardDate"] == award_date
        assert grant["recipientOrganization"][0]["id"] == (
            "SE-ON-" + PARTIES[party].org_nr.replace("-", ""))
        assert grant["recipientOrganization"][0]["name"] == PARTIES[party].name
        assert grant["grantProgramme"][0]["code"] == measure
        # The split: the parts of one decision add up to the amount decided.
        parts = [g for i, g in grants.items()
                 if i == grant_id or i.startswith(grant_id + "-SE-ON-")]
        assert sum(Decimal(g["amountAwarded"]) * 100 for g in parts) == ore, grant_id


def test_the_recipient_is_who_received_each_payment(history_ledger: Ledger) -> None:
    """In the history, the 47 effort payments went to the party that runs each effort: to
    the ASF it would be money to an ASF outside an agreement (F1, issue 14)."""
    code, out, _ = cli(history_ledger.db, "export", "360giving", lang="sv")
    assert code == 0
    grants = grants_of(out)
    payments = [cmd for cmd in realistic_commands()
                if isinstance(cmd, c.RecordExpenditure) and cmd.purpose == "effort_financing"]
    to_asf = [p for p in payments if p.payee_kind == "partner"]
    assert (len(payments), len(to_asf)) == (47, 0)
    listed = {t["id"]: (g, t) for g in grants for t in g.get("disbursementTransaction", [])}
    assert len(listed) == 47
    for payment in payments:
        grant, transaction = listed[f"{PREFIX}expenditure-{payment.ref}"]
        payee = (PARTIES[payment.payee].org_nr if payment.payee_kind == "party"
                 else payment.payee)
        recipient = "SE-ON-" + payee.replace("-", "")
        assert transaction["recipient"] == recipient
        assert grant["recipientOrganization"][0]["id"] == recipient
        assert Decimal(transaction["value"]) * 100 == parse_sek(payment.amount_sek)
        assert transaction["transactionDate"] == str(payment.paid_on)
    assert not [g for g in grants if g["id"].startswith(f"{PREFIX}effort-")
                and "-SE-ON-" in g["id"]]  # no part of an effort's grant to an ASF


def test_the_export_is_valid_against_the_official_360giving_schema(
        history_ledger: Ledger) -> None:
    for lang in ("sv", "en"):
        code, out, _ = cli(history_ledger.db, "export", "360giving", lang=lang)
        assert code == 0
        errors = [f"{list(e.absolute_path)}: {e.message}"
                  for e in validator().iter_errors(json.loads(out))]
        assert errors == []
    # The validator is not a rubber stamp: the field the standard does not know fails.
    broken = json.loads(out)
    broken["grants"][0]["amountAwarded"] = "many"
    assert list(validator().iter_errors(broken))


def test_what_the_data_quality_tool_looks_for(history_ledger: Ledger) -> None:
    code, out, _ = cli(history_ledger.db, "export", "360giving", lang="sv")
    assert code == 0
    package = package_of(out)
    assert package["version"] == "1.4"
    assert package["publisher"]["name"] == ASSOCIATION.name
    assert package["license"].startswith("https://creativecommons.org/")
    assert package["accessURL"] == SOURCE
    for grant in package["grants"]:
        assert "lastModified" not in grant
        assert re.match(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}", grant["dateModified"])
        assert grant["dataSource"] == SOURCE
        assert grant["plannedDates"] and grant["plannedDates"][0]["startDate"]
        dates = grant["plannedDates"][0]
        assert "endDate" in dates or "har inget slutdatum" in dates["description"]
        assert grant["beneficiaryLocation"]
        for location in grant["beneficiaryLocation"]:
            assert location["countryCode"] == "SE"
            assert location["name"].endswith("Stockholms stad")
        for org in grant["recipientOrganization"]:
            assert (org["addressLocality"], org["addressCountry"]) == ("Stockholm", "SE")
        assert grant["locationScope"] in ("GLS050", "GLS060")
    names = {loc["name"] for g in package["grants"] for loc in g["beneficiaryLocation"]}
    assert "Farsta, Stockholms stad" in names or "Järva, Stockholms stad" in names


def test_a_published_export_needs_the_registered_prefix_and_the_data_source(
        history_ledger: Ledger, tmp_path: Path) -> None:
    target = tmp_path / "grants.json"
    code, out, err = cli(history_ledger.db, "export", "360giving", "--data-source", SOURCE,
                         "-o", str(target), lang="sv")
    assert (code, out) == (2, "")
    assert "360Giving-prefixet saknas" in err and "--draft" in err
    assert not target.exists()
    code, _, err = cli(history_ledger.db, "export", "360giving", "--prefix", "sfstockholm")
    assert code == 2 and "the data source is missing" in err
    code, _, err = cli(history_ledger.db, "export", "360giving", "--prefix", "360G-UTKAST",
                       "--data-source", SOURCE)
    assert code == 2 and "prefix is missing" in err
    code, _, err = cli(history_ledger.db, "export", "360giving", "--prefix", "a b",
                       "--data-source", SOURCE)
    assert code == 2 and "360G- followed by letters" in err
    code, _, err = cli(history_ledger.db, "export", "360giving", "--prefix", "x",
                       "--data-source", "ftp:/nowhere")
    assert code == 2 and "must be a web address" in err
    # A draft is allowed, with the placeholder prefix.
    code, out, _ = cli(history_ledger.db, "export", "360giving", "--draft")
    assert code == 0
    assert all(g["id"].startswith("360G-UTKAST-") for g in grants_of(out))


def test_the_prefix_and_data_source_can_come_from_the_settings(
        history_ledger: Ledger, tmp_path: Path) -> None:
    from tui.settings import Settings, save_settings, settings_path

    save_settings(Settings(giving360_prefix="360G-fromsettings",
                           giving360_data_source=SOURCE), settings_path())
    out_, err_ = io.StringIO(), io.StringIO()
    code = run(["--db", history_ledger.db, "export", "360giving"], out=out_, err=err_)
    assert (code, err_.getvalue()) == (0, "")
    grants = grants_of(out_.getvalue())
    assert grants and all(g["id"].startswith("360G-fromsettings-") for g in grants)


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
            {"id": "SE-ON-2220001776", "name": "Samordningsförbundet Stockholms stad",
             "addressLocality": "Stockholm", "addressCountry": "SE"}]
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
    # No end date known: the planned dates say so.
    assert effort["plannedDates"] == [{"startDate": "2026-03-01", "description":
                                       "Until further notice: the decision has no end date."}]
    # Neither a board meeting nor a date in "SB 2026-02 §3": the start date, and said so.
    assert effort["awardDate"] == "2026-03-01"
    assert "does not hold the date of the decision" in effort["description"]


def test_an_empty_ledger_exports_no_grants(sqlite_db: str) -> None:
    Ledger(sqlite_db).close()  # created empty: the export opens it read-only
    code, out, _ = cli(sqlite_db, "export", "360giving")
    assert code == 0 and json.loads(out)["grants"] == []


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
    assert err.startswith(f"-o {target}: mappen {target.parent} finns inte")
    assert not target.exists()


def test_export_needs_a_format(sqlite_db: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = cli(sqlite_db, "export")
    assert (code, out) == (2, "")
    assert "required: EXPORT_COMMAND" in err
