"""R9 in the partners screen: an onboarded partner whose latest assessment of a criterion
is "not met" shows as "criteria not met since DATE"."""

from __future__ import annotations

from datetime import date

from asfledger.ledger import Ledger
from domain.aggregates import Partner
from tests.domain.builders import ORG_A, assess, must_get, onboarded_partner_commands
from tui.screens.parts.partners import STATUS_KEYS, partner_status
from tui.text import translate


def test_a_partner_not_meeting_a_criterion_shows_since_when(ledger: Ledger) -> None:
    ledger.execute([*onboarded_partner_commands(ORG_A),
                    assess(ORG_A, "C4", met=False, on=date(2026, 3, 1))])
    partner = must_get(ledger, Partner, ORG_A)

    assert partner_status(partner, date(2026, 2, 1)) == ("onboarded", date(2026, 1, 15))
    status, since = partner_status(partner, date(2026, 6, 1))
    assert (status, since) == ("criteria_not_met", date(2026, 3, 1))
    assert since is not None
    shown = (translate(STATUS_KEYS[status], "en") + " "
             + translate("ui.partners.since", "en", day=since.isoformat()))
    assert shown == "criteria not met since 2026-03-01"
