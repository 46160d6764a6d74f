"""Decisions as grants in the 360Giving Data Standard (https://standard.threesixtygiving.org).

Pure: maps supervisor fundings (I3) and efforts (I1, I2) to 360Giving grant objects. Only
decisions are published; by policy there is nothing like a cash grant to publish (F1).
Organisation ids use the org-id.guide list ``SE-ON`` (Bolagsverket's organisation
numbers) with the ten digits of the org number. Amounts are exact ``Decimal``s from öre:
encode them as JSON numbers (``msgspec``'s ``decimal_format="number"``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from domain.aggregates import Effort, Partner, SupervisorFunding
from domain.catalogue import translate
from domain.reference import ASSOCIATION, MEASURES, PARTIES, TARGET_GROUPS

ID_PREFIX = "360G-samordningsforbundet-stockholm"
CURRENCY = "SEK"

Grant = dict[str, Any]


def org_id(org_nr: str) -> str:
    """``556677-8899`` → ``SE-ON-5566778899``."""
    return "SE-ON-" + org_nr.replace("-", "")


def grant_id(kind: str, ref: str) -> str:
    """Unique and stable: refs are unique per kind only, so the kind is part of the id."""
    return f"{ID_PREFIX}-{kind}-{ref}"


def amount(ore: int) -> int | Decimal:
    """Exact SEK: an integer when whole, else a ``Decimal`` with two decimals."""
    if ore % 100 == 0:
        return ore // 100
    return Decimal(ore).scaleb(-2)


def _planned(starts_on: date, ends_on: date | None) -> list[dict[str, str]]:
    dates = {"startDate": starts_on.isoformat()}
    if ends_on is not None:
        dates["endDate"] = ends_on.isoformat()
    return [dates]


def _partner_name(partners: Mapping[str, Partner], org_nr: str) -> str:
    partner = partners.get(org_nr)
    return partner.name if partner else org_nr


def _party(code: str) -> list[dict[str, str]]:
    """The recipient is the party that receives the money: under R1 the supervisor's
    employer, for an effort the party that runs it. The ASF is named in the title and
    description: publishing it as the recipient would read as a grant to a business (F1)."""
    party = PARTIES[code]
    return [{"id": org_id(party.org_nr), "name": party.name}]


def _funder() -> list[dict[str, str]]:
    return [{"id": org_id(ASSOCIATION.org_nr), "name": ASSOCIATION.name}]


def _modified(value: object) -> dict[str, str]:
    return {"lastModified": value.isoformat()} if isinstance(value, datetime) else {}


def funding_grant(funding: SupervisorFunding, partners: Mapping[str, Partner],
                  lang: str) -> Grant:
    name = _partner_name(partners, funding.org_nr)
    employer = PARTIES[funding.employer].name
    groups = ", ".join(TARGET_GROUPS[g].text(lang) if g in TARGET_GROUPS else g
                       for g in funding.target_groups)
    return {
        "id": grant_id(SupervisorFunding.KIND, funding.key),
        "title": translate("export.funding.title", lang, ref=funding.key, partner=name),
        "description": translate("export.funding.description", lang,
                                 measure=MEASURES["I3"].quote(lang), employer=employer,
                                 fte=funding.fte_percent, partner=name, groups=groups,
                                 decision=funding.decision_ref),
        "currency": CURRENCY,
        "amountAwarded": amount(funding.amount_ore),
        "awardDate": funding.decided_on.isoformat(),
        "plannedDates": _planned(funding.starts_on, funding.ends_on),
        "recipientOrganization": _party(funding.employer),
        "fundingOrganization": _funder(),
        "grantProgramme": [{"code": "I3", "title": MEASURES["I3"].text(lang)}],
        **_modified(getattr(funding, "modified_on", None)),
    }


def effort_grant(effort: Effort, partners: Mapping[str, Partner], lang: str) -> Grant:
    name = _partner_name(partners, effort.org_nr)
    run_by = PARTIES[effort.run_by].name
    term = MEASURES[effort.measure]
    return {
        "id": grant_id(Effort.KIND, effort.key),
        "title": translate("export.effort.title", lang, ref=effort.key,
                           measure_title=term.text(lang), partner=name),
        "description": translate("export.effort.description", lang, measure=term.quote(lang),
                                 run_by=run_by, decision=effort.decision_ref),
        "currency": CURRENCY,
        "amountAwarded": amount(effort.budget_ore),
        "awardDate": effort.starts_on.isoformat(),
        "plannedDates": _planned(effort.starts_on, effort.ends_on),
        "recipientOrganization": _party(effort.run_by),
        "fundingOrganization": _funder(),
        "grantProgramme": [{"code": effort.measure, "title": term.text(lang)}],
        **_modified(getattr(effort, "modified_on", None)),
    }


def grants(fundings: Iterable[SupervisorFunding], efforts: Iterable[Effort],
           partners: Mapping[str, Partner], lang: str) -> list[Grant]:
    """Every funding and effort as a grant, ordered by award date, then id."""
    found = [funding_grant(f, partners, lang) for f in fundings]
    found += [effort_grant(e, partners, lang) for e in efforts]
    return sorted(found, key=lambda g: (g["awardDate"], g["id"]))
