"""The layers' import direction, read from every module's own imports (``ast``).

``tui → asfledger → projections → domain``: a layer imports only itself and the layers
after it. The domain imports only the standard library, msgspec and eventsourcing.domain.
Only the composition root (asfledger/cli.py, asfledger/__main__.py) imports the UI. The UI
asks the ``Ledger`` for plain data: it imports no eventsourcing and no module that reads
or writes the store, and reads none of the Ledger's insides (its recorder, mapper,
cipher). Every import counts, lazy ones and typing-only ones too.
"""

from __future__ import annotations

import ast
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LAYERS = ("tui", "asfledger", "projections", "domain")  # each imports only those after it
COMPOSITION_ROOT = {"asfledger/cli.py", "asfledger/__main__.py"}
DOMAIN_MAY_IMPORT = {"msgspec", "eventsourcing.domain"}
# The store, its rows and its configuration: reached only through asfledger.ledger.Ledger.
STORE_MODULES = (
    "eventsourcing",
    "asfledger.audit.chain_store",
    "asfledger.audit.postgres_recorder",
    "asfledger.audit.sqlite_recorder",
    "asfledger.bulk",
    "asfledger.decode",
    "asfledger.history",
    "asfledger.mapper",
    "asfledger.readmodels.postgres",
    "asfledger.readmodels.sqlite",
    "asfledger.readmodels.store",
    "asfledger.redaction",
    "asfledger.storage",
)


def _modules(layer: str) -> list[Path]:
    return sorted((ROOT / layer).rglob("*.py"))


def _imports(path: Path) -> Iterator[tuple[int, str]]:
    """Every module ``path`` imports (absolute names), with its line."""
    package = ".".join(path.relative_to(ROOT).with_suffix("").parts[:-1])
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom):
            if node.level:  # relative: resolved against the module's package
                base = package.split(".")[:len(package.split(".")) - node.level + 1]
                name = ".".join([*base, node.module] if node.module else base)
            else:
                name = node.module or ""
            yield node.lineno, name
            for alias in node.names:  # ``from asfledger import storage`` names a module
                yield node.lineno, f"{name}.{alias.name}"


def _within(name: str, module: str) -> bool:
    return name == module or name.startswith(module + ".")


def _where(path: Path, line: int, name: str) -> str:
    return f"{path.relative_to(ROOT)}:{line} imports {name}"


def _upward(layer: str) -> list[str]:
    higher = LAYERS[:LAYERS.index(layer)]
    found = []
    for path in _modules(layer):
        if str(path.relative_to(ROOT)) in COMPOSITION_ROOT:
            continue
        found += [_where(path, line, name) for line, name in _imports(path)
                  if any(_within(name, up) for up in higher)]
    return found


@pytest.mark.parametrize("layer", LAYERS[1:])
def test_a_layer_imports_no_layer_above_it(layer: str) -> None:
    assert _upward(layer) == []


def test_only_the_composition_root_imports_the_ui() -> None:
    found = [str(path.relative_to(ROOT)) for layer in LAYERS[1:] for path in _modules(layer)
             if any(_within(name, "tui") for _, name in _imports(path))]
    assert set(found) <= COMPOSITION_ROOT
    assert "asfledger/cli.py" in found  # the rule above is about a real import


def test_the_domain_imports_only_the_standard_library_msgspec_and_eventsourcing_domain(
        ) -> None:
    found = []
    for path in _modules("domain"):
        for line, name in _imports(path):
            top = name.split(".")[0]
            if top in sys.stdlib_module_names or top == "domain":
                continue
            if not any(_within(name, allowed) for allowed in DOMAIN_MAY_IMPORT):
                found.append(_where(path, line, name))
    assert found == []


def test_the_ui_imports_neither_eventsourcing_nor_the_store() -> None:
    found = [_where(path, line, name) for path in _modules("tui")
             for line, name in _imports(path)
             if any(_within(name, store) for store in STORE_MODULES)]
    assert found == []


# What the Ledger is built from: the UI asks it for plain data instead.
LEDGER_INSIDES = frozenset({"store", "recorder", "mapper", "cipher"})


def _reached_into(path: Path) -> Iterator[tuple[int, str]]:
    """Attributes of those names read anywhere in ``path`` (``app.ledger.store``)."""
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Attribute) and node.attr in LEDGER_INSIDES:
            yield node.lineno, node.attr


def test_the_ui_reaches_into_no_ledger_insides() -> None:
    found = [f"{path.relative_to(ROOT)}:{line} .{name}" for path in _modules("tui")
             for line, name in _reached_into(path)]
    assert found == []
    assert list(_reached_into(ROOT / "asfledger" / "ledger.py"))  # the reader finds them


def test_the_import_reader_sees_the_imports_it_judges() -> None:
    """The checks above pass vacuously if the reader finds nothing: it finds the Ledger's
    own store imports, and a lazy import inside a function."""
    ledger = {name for _, name in _imports(ROOT / "asfledger" / "ledger.py")}
    assert "eventsourcing.application" in ledger
    cli = {name for _, name in _imports(ROOT / "asfledger" / "cli.py")}
    assert "tui.app" in cli  # imported inside ``run_tui``, not at the top
