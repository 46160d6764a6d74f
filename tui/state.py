"""The ledger as the screens of the policy's parts show it: now, or as it was.

``LedgerState`` is the app's one holder of the ``Snapshot`` the ``Ledger`` replays
(``Ledger.snapshot``, ``asfledger.queries.snapshot``): it asks for one in a thread worker
when a screen first needs it, again when the ledger grows or the user looks back
(``LookBack``), and tells the screens through a signal. The worker posts what it read
(``Replayed``) to the app, whose handler hands it back here on the UI thread. While looking
back the app is read-only. The forms' choices ask the ledger for the same snapshot now.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, Any

from textual.message import Message
from textual.signal import Signal

from asfledger.queries.snapshot import LookBack, Snapshot
from projections.readmodel import ReadModel
from tui.screens.common import went_wrong
from tui.text import translate

if TYPE_CHECKING:
    from textual.app import App

    from asfledger.ledger import Ledger


def look_back_words(look_back: LookBack, lang: str) -> str:
    """Where the user looks back to, in ``lang`` (the header and the notices say it)."""
    if look_back.position is not None:
        return translate("ui.travel.at_position", lang, position=look_back.position)
    if look_back.decided_on is not None:
        return translate("ui.travel.at_decided", lang, day=look_back.decided_on.isoformat())
    assert look_back.as_of is not None
    return translate("ui.travel.at_date", lang, day=look_back.as_of.isoformat())


@dataclass
class Replayed(Message, bubble=False):
    """From the replay's worker: the snapshot of replay ``generation``, or why there is
    none (``error``)."""

    generation: int
    snapshot: Snapshot | None
    error: Exception | None = None


class LedgerState:
    """The app's one replayed view of the ledger, shared by the screens.

    ``want()`` when a screen needs it; ``changed`` is published (with the snapshot) each
    time a replay finishes. Replays run in a thread worker; a replay overtaken by a newer
    request is dropped when it finishes.

    A screen with a read model of its own (the dashboard's persisted projection) can
    ``fold_when_looking_back(Model)``: while the user looks back, the replay folds the
    model over the same events and ``snapshot.models[Model.name]`` is the model as of then.
    """

    def __init__(self, app: App[Any], ledger: Ledger) -> None:
        self.app = app
        self.ledger = ledger
        self.look_back: LookBack | None = None
        self.snapshot: Snapshot | None = None
        self.loading = False
        self.changed: Signal[Snapshot] = Signal(app, "ledger-state-changed")
        self.read_models: dict[str, type[ReadModel]] = {}
        self._wanted = False
        self._generation = 0

    @property
    def current(self) -> Snapshot | None:
        """The snapshot, if it shows what is asked for now (not a stale one)."""
        snapshot = self.snapshot
        if snapshot is None or self.loading or snapshot.look_back != self.look_back:
            return None
        return snapshot

    @property
    def until(self) -> int | None:
        """The last position shown while looking back (None: now, or not known yet)."""
        if self.look_back is None:
            return None
        if self.look_back.position is not None:
            return self.look_back.position
        current = self.current
        return current.until if current is not None else None

    def want(self) -> None:
        """A screen needs the state: replay unless it is there or on its way."""
        self._wanted = True
        if self.snapshot is None and not self.loading:
            self.reload()

    def fold_when_looking_back(self, model: type[ReadModel]) -> None:
        """Fold ``model`` too while looking back (see the class)."""
        if model.name not in self.read_models:
            self.read_models[model.name] = model
            if self.look_back is not None:
                self.reload()

    def travel(self, look_back: LookBack | None) -> None:
        """Look back to ``look_back`` (None: now) and replay."""
        self.look_back = look_back
        self._wanted = self._wanted or look_back is not None
        self.reload()

    def ledger_grew(self) -> None:
        if self._wanted:
            self.reload()

    def reload(self) -> None:
        if not self._wanted:
            return
        self._generation += 1
        self.loading = True
        models = list(self.read_models.values()) if self.look_back is not None else []
        self.app.run_worker(partial(self._load, self._generation, self.look_back, models),
                            thread=True, group="ledger-state", name="replay")

    def _load(self, generation: int, look_back: LookBack | None,
              models: list[type[ReadModel]]) -> None:
        try:
            snapshot = self.ledger.snapshot(look_back, models=models)
        except Exception as error:  # unreadable history or storage gone: say so, go on
            self.app.post_message(Replayed(generation, None, error))
            return
        self.app.post_message(Replayed(generation, snapshot))

    def replayed(self, message: Replayed) -> None:
        """What a replay read (the app's handler of ``Replayed`` calls this)."""
        if message.snapshot is not None:
            self._loaded(message.generation, message.snapshot)
        else:
            self._failed(message.generation, message.error or RuntimeError())

    def _loaded(self, generation: int, snapshot: Snapshot) -> None:
        if generation != self._generation:
            return  # a newer replay is on its way
        self.snapshot = snapshot
        self.loading = False
        self.changed.publish(snapshot)

    def _failed(self, generation: int, error: Exception) -> None:
        if generation != self._generation:
            return
        self.loading = False
        lang = str(getattr(self.app, "lang", "en"))
        self.app.notify(went_wrong(error, lang), severity="error")
        # The screens stop waiting: they show what was there before, or nothing.
        if self.snapshot is None or self.snapshot.look_back != self.look_back:
            self.snapshot = Snapshot.empty(self.look_back)
        self.changed.publish(self.snapshot)
