"""Decisions as grants in the 360Giving Data Standard 1.4 (https://standard.threesixtygiving.org).

Pure: maps supervisor fundings (I3) and efforts (I1, I2) to 360Giving grant objects, and
wraps them in a data package with its metadata. Only decisions are published; by policy
there is nothing like a cash grant to publish (F1).

- Ids start with the publisher's prefix, ``360G-`` and the prefix 360Giving assigns when
  the association registers (``Publisher.prefix``); ``DRAFT_PREFIX`` is a placeholder that
  the CLI accepts only for a draft.
- Organisation ids use the org-id.guide list ``SE-ON`` (Bolagsverket's organisation
  numbers) with the ten digits of the org number.
- ``awardDate`` is the date of the decision: a funding's ``decided_on``; for an effort, the
  board meeting its ``decision_ref`` names (``SB 2024-05-28 §6`` → the meeting
  ``SB 2024-05-28``), else the date written in the reference (``Delegationsbeslut FC
  2026-06-23``), else its start date, and the description says so.
- The recipient is who received the money. A supervisor funding's payments go to the
  supervisor's employer (R1). An effort's payments (expenditure ``effort_financing``
  linked to it) go to the party that runs it or, under the agreement with it, to the ASF:
  each recipient other than the running party becomes a grant of its own with the amount
  it was paid, and the running party keeps the rest of the budget. Every grant lists its
  payments as ``disbursementTransaction``s naming the recipient.
- ``beneficiaryLocation``: the ASF's districts of Stockholm (or the whole city).

Amounts are exact ``Decimal``s from öre: encode them as JSON numbers (``msgspec``'s
``decimal_format="number"``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from domain.aggregates import BoardMeeting, Effort, Expenditure, Partner, SupervisorFunding
from domain.reference import (
    ASSOCIATION,
    DISTRICTS,
    MEASURES,
    PARTIES,
    target_group_name,
)
from projections.text import translate

STANDARD_VERSION = "1.4"
CURRENCY = "SEK"
COUNTRY = "SE"
PREFIX_START = "360G-"
# Not a registered prefix: only a draft may be exported with it.
DRAFT_PREFIX = "360G-UTKAST"
CITY_WIDE = "city_wide"
EFFORT_FINANCING = "effort_financing"
LICENSE = "https://creativecommons.org/licenses/by/4.0/"
# 360Giving's location scope codes: a district is a local area, the city a municipality.
SCOPE_LOCAL_AREA = "GLS060"
SCOPE_MUNICIPALITY = "GLS050"

Grant = dict[str, Any]
_ISO_DATE = re.compile(r"\b(\d{4}-\d{2}-\d{2})\b", re.ASCII)


@dataclass(frozen=True, slots=True)
class Publisher:
    """Who publishes: the 360Giving prefix (``360G-…``) and where the data is published."""

    prefix: str = DRAFT_PREFIX
    data_source: str | None = None  # a web address: the page or file the data comes from


def org_id(org_nr: str) -> str:
    """``556677-8899`` → ``SE-ON-5566778899``."""
    return "SE-ON-" + org_nr.replace("-", "")


def amount(ore: int) -> int | Decimal:
    """Exact SEK: an integer when whole, else a ``Decimal`` with two decimals."""
    if ore % 100 == 0:
        return ore // 100
    return Decimal(ore).scaleb(-2)


@dataclass(frozen=True, slots=True)
class Recipient:
    id: str
    name: str

    def organization(self) -> dict[str, str]:
        # Every party and every partner ASF of the association is in Stockholm.
        return {"id": self.id, "name": self.name, "addressLocality": "Stockholm",
                "addressCountry": COUNTRY}


class Grants:
    """The grants of one ledger state, for one publisher, in one language."""

    def __init__(self, publisher: Publisher, lang: str, *,
                 partners: Mapping[str, Partner],
                 meetings: Iterable[BoardMeeting] = (),
                 expenditures: Iterable[Expenditure] = ()) -> None:
        self.publisher = publisher
        self.lang = lang
        self.partners = partners
        # Longest ref first, so "SB 2024-05-28 extra" wins over "SB 2024-05-28".
        self.meetings = sorted(((m.key, m.held_on) for m in meetings),
                               key=lambda m: -len(m[0]))
        self.payments: dict[str, list[Expenditure]] = {}
        for e in expenditures:
            # A reversed expenditure was never paid, in the corrected state (issue 15).
            if e.purpose == EFFORT_FINANCING and e.linked_ref and not e.reversed:
                self.payments.setdefault(e.linked_ref, []).append(e)

    def t(self, key: str, **params: Any) -> str:
        return translate(key, self.lang, **params)

    # -- parts shared by every grant ----------------------------------------------------
    def grant_id(self, kind: str, ref: str, recipient: Recipient | None = None) -> str:
        """Unique and stable: refs are unique per kind only, so the kind is part of it."""
        base = f"{self.publisher.prefix}-{kind}-{ref}"
        return f"{base}-{recipient.id}" if recipient else base

    def partner_name(self, org_nr: str) -> str:
        partner = self.partners.get(org_nr)
        return partner.name if partner else org_nr

    def party(self, code: str) -> Recipient:
        party = PARTIES[code]
        return Recipient(org_id(party.org_nr), party.name)

    def payee(self, payment: Expenditure) -> Recipient:
        if payment.payee_kind == "party" and payment.payee in PARTIES:
            return self.party(payment.payee)
        if payment.payee_kind == "partner":
            return Recipient(org_id(payment.payee), self.partner_name(payment.payee))
        # A supplier has no org number in the ledger: an id within the publisher's prefix.
        return Recipient(f"{self.publisher.prefix}-org-{payment.payee}", payment.payee)

    def locations(self, org_nr: str) -> tuple[list[dict[str, str]], str]:
        """The ASF's districts as beneficiary locations, and the grant's location scope."""
        partner = self.partners.get(org_nr)
        districts = list(dict.fromkeys(partner.districts)) if partner else [CITY_WIDE]
        city = translate("export.location.city", self.lang)
        found = []
        for code in districts:
            if code == CITY_WIDE:
                found.append({"id": f"{COUNTRY}-stockholm", "name": city,
                              "countryCode": COUNTRY})
            else:
                found.append({"id": f"{COUNTRY}-stockholm-{code.replace('_', '-')}",
                              "name": f"{DISTRICTS.get(code, code)}, {city}",
                              "countryCode": COUNTRY})
        scope = SCOPE_MUNICIPALITY if CITY_WIDE in districts else SCOPE_LOCAL_AREA
        return found, scope

    def planned(self, starts_on: date, ends_on: date | None) -> list[dict[str, str]]:
        dates = {"startDate": starts_on.isoformat()}
        if ends_on is not None:
            dates["endDate"] = ends_on.isoformat()
        else:
            dates["description"] = self.t("export.open_ended")
        return [dates]

    def common(self, modified: object, org_nr: str) -> Grant:
        locations, scope = self.locations(org_nr)
        grant: Grant = {
            "fundingOrganization": [Recipient(org_id(ASSOCIATION.org_nr),
                                              ASSOCIATION.name).organization()],
            "beneficiaryLocation": locations,
            "locationScope": scope,
        }
        if isinstance(modified, datetime):
            grant["dateModified"] = modified.isoformat()
        if self.publisher.data_source:
            grant["dataSource"] = self.publisher.data_source
        return grant

    def decision_date(self, decision_ref: str) -> date | None:
        for ref, held_on in self.meetings:
            if decision_ref == ref or decision_ref.startswith(ref + " "):
                return held_on
        written = _ISO_DATE.search(decision_ref)
        if written:
            try:
                return date.fromisoformat(written.group(1))
            except ValueError:
                return None
        return None

    # -- the grants ----------------------------------------------------------------------
    def funding(self, funding: SupervisorFunding) -> Grant:
        name = self.partner_name(funding.org_nr)
        employer = PARTIES[funding.employer].name
        groups = ", ".join(target_group_name(g, self.lang) for g in funding.target_groups)
        return {
            "id": self.grant_id(SupervisorFunding.KIND, funding.key),
            "title": self.t("export.funding.title", ref=funding.key, partner=name),
            "description": self.t("export.funding.description",
                                  measure=MEASURES["I3"].quote(self.lang), employer=employer,
                                  fte=funding.fte_percent, partner=name, groups=groups,
                                  decision=funding.decision_ref),
            "currency": CURRENCY,
            "amountAwarded": amount(funding.amount_ore),
            "awardDate": funding.decided_on.isoformat(),
            "plannedDates": self.planned(funding.starts_on, funding.ends_on),
            "recipientOrganization": [self.party(funding.employer).organization()],
            "grantProgramme": [{"code": "I3", "title": MEASURES["I3"].text(self.lang)}],
            **self.common(getattr(funding, "modified_on", None), funding.org_nr),
        }

    def effort(self, effort: Effort) -> list[Grant]:
        """One grant for the running party, and one per other recipient of its payments."""
        name = self.partner_name(effort.org_nr)
        runner = self.party(effort.run_by)
        term = MEASURES[effort.measure]
        decided_on = self.decision_date(effort.decision_ref)
        by_recipient: dict[Recipient, list[Expenditure]] = {}
        for payment in sorted(self.payments.get(effort.key, ()),
                              key=lambda p: (p.paid_on, p.key)):
            by_recipient.setdefault(self.payee(payment), []).append(payment)
        others = {r: ps for r, ps in by_recipient.items() if r != runner}
        to_others = sum(p.amount_ore for ps in others.values() for p in ps)
        description = self.t("export.effort.description", measure=term.quote(self.lang),
                             run_by=runner.name, decision=effort.decision_ref)
        if decided_on is None:
            description += " " + self.t("export.effort.no_decision_date")

        def grant(recipient: Recipient, ore: int, payments: list[Expenditure],
                  title: str, text: str) -> Grant:
            return {
                "id": self.grant_id(Effort.KIND, effort.key,
                                    None if recipient == runner else recipient),
                "title": title,
                "description": text,
                "currency": CURRENCY,
                "amountAwarded": amount(ore),
                "awardDate": (decided_on or effort.starts_on).isoformat(),
                "plannedDates": self.planned(effort.starts_on, effort.ends_on),
                **({"actualDates": [{"startDate": effort.starts_on.isoformat(),
                                     "endDate": effort.completed_on.isoformat()}]}
                   if effort.completed_on else {}),
                "recipientOrganization": [recipient.organization()],
                "grantProgramme": [{"code": effort.measure, "title": term.text(self.lang)}],
                **({"disbursementTransaction": [self.transaction(p, recipient)
                                                for p in payments]} if payments else {}),
                **self.common(getattr(effort, "modified_on", None), effort.org_nr),
            }

        title = self.t("export.effort.title", ref=effort.key,
                       measure_title=term.text(self.lang), partner=name)
        found = []
        rest = effort.budget_ore - to_others
        if rest > 0 or not others or runner in by_recipient:  # no payment left out
            found.append(grant(runner, max(rest, 0), by_recipient.get(runner, []), title,
                               description))
        for recipient, payments in others.items():
            found.append(grant(
                recipient, sum(p.amount_ore for p in payments), payments,
                self.t("export.effort.paid_title", ref=effort.key, recipient=recipient.name),
                description + " " + self.t("export.effort.paid_to", recipient=recipient.name,
                                           run_by=runner.name)))
        return found

    def transaction(self, payment: Expenditure, recipient: Recipient) -> dict[str, Any]:
        return {"id": self.grant_id(Expenditure.KIND, payment.key),
                "transactionDate": payment.paid_on.isoformat(),
                "currency": CURRENCY,
                "value": amount(payment.amount_ore),
                "provider": org_id(ASSOCIATION.org_nr),
                "recipient": recipient.id}


def grants(fundings: Iterable[SupervisorFunding], efforts: Iterable[Effort],
           partners: Mapping[str, Partner], lang: str, *,
           publisher: Publisher | None = None, meetings: Iterable[BoardMeeting] = (),
           expenditures: Iterable[Expenditure] = ()) -> list[Grant]:
    """Every funding and effort as grants, ordered by award date, then id."""
    mapper = Grants(publisher or Publisher(), lang, partners=partners, meetings=meetings,
                    expenditures=expenditures)
    # A voided decision was a mistake: it is published nowhere (issue 15).
    found = [mapper.funding(f) for f in fundings if not f.voided]
    for effort in efforts:
        if not effort.voided:
            found += mapper.effort(effort)
    return sorted(found, key=lambda g: (g["awardDate"], g["id"]))


def package(found: list[Grant], publisher: Publisher, lang: str, *,
            issued: date) -> dict[str, Any]:
    """The 360Giving data package: metadata, then the grants."""
    modified = max((g["dateModified"] for g in found if "dateModified" in g), default=None)
    meta: dict[str, Any] = {
        "version": STANDARD_VERSION,
        "title": translate("export.package.title", lang, funder=ASSOCIATION.name),
        "description": translate("export.package.description", lang),
        "identifier": f"{publisher.prefix}-{issued.isoformat()}",
        "issued": issued.isoformat(),
        **({"modified": modified} if modified else {}),
        "publisher": {"identifier": org_id(ASSOCIATION.org_nr), "name": ASSOCIATION.name,
                      **({"website": publisher.data_source} if publisher.data_source
                         else {})},
        "license": LICENSE,
    }
    if publisher.data_source:
        meta["accessURL"] = publisher.data_source
    return {**meta, "grants": found}
