"""The command palette's providers: each lists its entries (name, help, what it does) in
the app's language; discovering and finding them by what is typed is shared."""

from __future__ import annotations

from collections.abc import Callable

from textual.command import DiscoveryHit, Hit, Hits, Provider

Entry = tuple[str, str, Callable[[], object]]  # name, help, what it does


class ListedCommands(Provider):
    """A provider of a list of entries: all of them with an empty prompt, the names that
    match what is typed otherwise."""

    def entries(self) -> list[Entry]:
        raise NotImplementedError

    async def discover(self) -> Hits:
        for name, help_text, command in self.entries():
            yield DiscoveryHit(name, command, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, help_text, command in self.entries():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), command, help=help_text)
