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
import re
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


# The UI's thread workers report by posting Textual messages; the handlers, on the UI
# thread, are what change widgets and the screens' state.
WIDGET_CALLS = frozenset({
    "call_from_thread", "call_later", "call_after_refresh", "query", "query_one", "mount",
    "remove", "update", "refresh", "focus", "notify", "push_screen", "pop_screen",
    "dismiss", "switch_mode", "set_class", "add_class", "remove_class", "set_timer",
    "set_interval", "refresh_bindings",
})


def _is_thread_worker(node: ast.FunctionDef) -> bool:
    """``@work(thread=True)``."""
    return any(isinstance(d, ast.Call) and getattr(d.func, "id", None) == "work"
               and any(k.arg == "thread" and isinstance(k.value, ast.Constant)
                       and k.value.value is True for k in d.keywords)
               for d in node.decorator_list)


def _run_in_threads(tree: ast.AST) -> set[str]:
    """Methods handed to ``run_worker(..., thread=True)`` (``self._load`` or
    ``partial(self._load, ...)``)."""
    found = set()
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Call) and getattr(node.func, "attr", None) == "run_worker"
                and any(k.arg == "thread" for k in node.keywords) and node.args):
            continue
        target = node.args[0]
        if isinstance(target, ast.Call) and target.args:  # partial(self._load, ...)
            target = target.args[0]
        if isinstance(target, ast.Attribute):
            found.add(target.attr)
    return found


def _thread_workers(tree: ast.AST) -> Iterator[ast.FunctionDef]:
    threaded = _run_in_threads(tree)
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef) and (_is_thread_worker(node)
                                                  or node.name in threaded):
            yield node


def _touches_the_ui(worker: ast.FunctionDef) -> Iterator[tuple[int, str]]:
    """What a worker's body does that only the UI thread may: a widget call, or setting
    an attribute of the screen (``self.x = ...``)."""
    for node in ast.walk(worker):
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                and node.func.attr in WIDGET_CALLS):
            yield node.lineno, f"{node.func.attr}()"
        targets = (node.targets if isinstance(node, ast.Assign)
                   else [node.target] if isinstance(node, (ast.AugAssign, ast.AnnAssign))
                   else [])
        for target in targets:
            if (isinstance(target, ast.Attribute) and isinstance(target.value, ast.Name)
                    and target.value.id == "self"):
                yield target.lineno, f"self.{target.attr} ="


def test_no_ui_module_calls_call_from_thread() -> None:
    found = [f"{path.relative_to(ROOT)}:{node.lineno}" for path in _modules("tui")
             for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
             if isinstance(node, ast.Attribute) and node.attr == "call_from_thread"]
    assert found == []


def test_thread_workers_post_messages_and_touch_no_widget() -> None:
    workers: list[str] = []
    found: list[str] = []
    for path in _modules("tui"):
        for worker in _thread_workers(ast.parse(path.read_text(encoding="utf-8"))):
            where = f"{path.relative_to(ROOT)}:{worker.name}"
            workers.append(where)
            found += [f"{where}:{line} {what}" for line, what in _touches_the_ui(worker)]
    assert found == []
    # The reader finds the workers it judges: the forms' (a recording form's and the
    # correction form's), and the replay run_worker starts.
    assert {"tui/forms/form.py:_write", "tui/corrections.py:_write",
            "tui/corrections.py:_try_out", "tui/state.py:_load"} <= set(workers)


def test_the_worker_reader_sees_a_widget_touched_from_a_thread() -> None:
    tree = ast.parse(
        "class S:\n"
        "    @work(thread=True, group='g')\n"
        "    def _load(self):\n"
        "        self.rows = read()\n"
        "        self.app.call_from_thread(self._shown)\n"
        "        self.query_one('#x').update('y')\n")
    [worker] = _thread_workers(tree)
    assert [what for _, what in _touches_the_ui(worker)] == [
        "self.rows =", "call_from_thread()", "update()", "query_one()"]


# One figure, one definition (issue 19): a summary line of a part's screen formats what
# projections.figures computes, so it cannot drift from the dashboard or the board report.
MONEY_AND_HEADS = re.compile(r"_ore$|^(attendance|participants|outcomes|counts)$")


def _adds_up(function: ast.FunctionDef) -> Iterator[tuple[int, str]]:
    """What in ``function`` adds figures up itself: sum(), a Counter, ``+=``, or reading
    an aggregate's money or head counts."""
    for node in ast.walk(function):
        if isinstance(node, ast.Call) and getattr(node.func, "id", None) in ("sum", "Counter"):
            yield node.lineno, f"{getattr(node.func, 'id', '')}()"
        elif isinstance(node, ast.AugAssign) and isinstance(node.op, ast.Add):
            yield node.lineno, "+="
        elif isinstance(node, ast.Attribute) and MONEY_AND_HEADS.search(node.attr):
            yield node.lineno, f".{node.attr}"


def test_the_parts_summary_lines_add_up_nothing_themselves() -> None:
    found: list[str] = []
    summaries = 0
    for path in _modules("tui"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef) and node.name == "summarise":
                summaries += 1
                found += [f"{path.relative_to(ROOT)}:{line} {what}"
                          for line, what in _adds_up(node)]
    assert summaries >= 9  # every part's screen has one
    assert found == []


def test_the_summary_reader_sees_a_screen_adding_up() -> None:
    tree = ast.parse(
        "def summarise(self, snapshot, lang):\n"
        "    total = sum(f.amount_ore for f in snapshot.state.all(F))\n"
        "    groups = Counter()\n"
        "    groups['x'] += a.attendance['x']\n")
    [function] = [n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef)]
    assert sorted(what for _, what in _adds_up(function)) == [
        "+=", ".amount_ore", ".attendance", "Counter()", "sum()"]
