"""``asfledger export 360giving``: the ledger's fundings as 360Giving open data (JSON).

The aggregates are rebuilt by replaying the history (``asfledger.audit.replay``), then
mapped by ``projections.giving360``. The output is one JSON object ``{"grants": [...]}``;
amounts are exact JSON numbers in SEK.
"""

from __future__ import annotations

import msgspec

from asfledger.audit.replay import replay_state
from asfledger.ledger import Ledger
from domain.aggregates import Effort, Partner, SupervisorFunding
from projections.giving360 import grants

_encoder = msgspec.json.Encoder(decimal_format="number")


def export_360giving(ledger: Ledger, *, lang: str = "sv") -> tuple[bytes, int]:
    """The 360Giving JSON of every supervisor funding and effort, and how many grants."""
    state = replay_state(ledger.recorder, ledger.mapper)
    partners = {p.org_nr: p for p in state.all(Partner)}
    found = grants(state.all(SupervisorFunding), state.all(Effort), partners, lang)
    data = msgspec.json.format(_encoder.encode({"grants": found}), indent=2) + b"\n"
    return data, len(found)
