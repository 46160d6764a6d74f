"""``asfledger export 360giving``: the ledger's fundings as 360Giving open data (JSON).

The aggregates are rebuilt by replaying the history (``asfledger.audit.replay``), then
mapped by ``projections.giving360``. The output is one 360Giving data package (metadata
and ``grants``); amounts are exact JSON numbers in SEK.

The prefix of the ids and the address the data is published at come from the options or
the settings (``giving360_prefix``, ``giving360_data_source``). Without a registered
prefix only a draft can be exported (``--draft``): ids then start with ``360G-UTKAST``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, datetime
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

import msgspec

from asfledger.audit.checkpoint import Checkpoint
from asfledger.ledger import Ledger
from asfledger.text import translate
from domain.aggregates import BoardMeeting, Effort, Expenditure, Partner, SupervisorFunding
from projections.giving360 import DRAFT_PREFIX, PREFIX_START, Publisher, grants, package

STOCKHOLM = ZoneInfo("Europe/Stockholm")
_encoder = msgspec.json.Encoder(decimal_format="number")
_PREFIX = re.compile(r"360G-[A-Za-z0-9][A-Za-z0-9-]*", re.ASCII)


class PublisherError(ValueError):
    """The prefix or the data source cannot be used (one sentence, exit 2)."""


def publisher(prefix: str | None, data_source: str | None, *, draft: bool,
              lang: str) -> Publisher:
    """The publisher of the export; refuses a missing or placeholder prefix and a missing
    or malformed data source unless it is a draft."""
    if prefix:
        prefix = prefix.strip()
        if not prefix.startswith(PREFIX_START):
            prefix = PREFIX_START + prefix
        if not _PREFIX.fullmatch(prefix):
            raise PublisherError(translate("export.bad_prefix", lang, prefix=prefix))
    if data_source:
        parts = urlsplit(data_source.strip())
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise PublisherError(translate("export.bad_data_source", lang, url=data_source))
        data_source = data_source.strip()
    if draft:
        return Publisher(prefix or DRAFT_PREFIX, data_source)
    if not prefix or prefix == DRAFT_PREFIX:
        raise PublisherError(translate("export.no_prefix", lang))
    if not data_source:
        raise PublisherError(translate("export.no_data_source", lang))
    return Publisher(prefix, data_source)


def export_360giving(ledger: Ledger, *, lang: str = "sv",
                     publisher: Publisher | None = None,
                     issued: date | None = None,
                     checkpoints: Sequence[Checkpoint] = ()) -> tuple[bytes, int]:
    """The 360Giving package of every supervisor funding and effort, and how many grants;
    from a history that passes the trust check in the same pass (``audit.trust``: else
    ``HistoryNotTrusted``, and nothing is exported)."""
    state = ledger.replayed(check=ledger.chain_check(checkpoints))
    chosen = publisher or Publisher()
    partners = {p.org_nr: p for p in state.all(Partner)}
    found = grants(state.all(SupervisorFunding), state.all(Effort), partners, lang,
                   publisher=chosen, meetings=state.all(BoardMeeting),
                   expenditures=state.all(Expenditure))
    day = issued or datetime.now(STOCKHOLM).date()
    data = package(found, chosen, lang, issued=day)
    return msgspec.json.format(_encoder.encode(data), indent=2) + b"\n", len(found)
