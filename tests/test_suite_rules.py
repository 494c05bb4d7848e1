"""The test suite's own rules: fakes are built by the fixtures in conftest.py, no test module
imports another test module or conftest at runtime, modules stay small, and unit tests assert
behaviour rather than wall-clock time."""

from __future__ import annotations

import ast
from pathlib import Path

TESTS = Path(__file__).resolve().parent
MODULES = sorted(p for p in TESTS.glob("*.py") if p.name != "conftest.py")
TEST_MODULES = [p for p in MODULES if p.name.startswith("test_")]
MAX_LINES = 400


def _runtime_imports(tree: ast.Module) -> list[str]:
    """Modules imported outside `if TYPE_CHECKING:` blocks."""
    found: list[str] = []

    def visit(node: ast.AST) -> None:
        if isinstance(node, ast.If) and getattr(node.test, "id", None) == "TYPE_CHECKING":
            for child in node.orelse:
                visit(child)
            return
        if isinstance(node, ast.Import):
            found.extend(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            found.append(node.module)
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(tree)
    return found


def test_no_runtime_import_of_a_test_module_or_conftest() -> None:
    """Shared fakes come from fixtures; shared inputs from helper modules (scenarios,
    faultserver, ...), imported by their bare names."""
    bad = {}
    for p in MODULES:
        imported = _runtime_imports(ast.parse(p.read_text(encoding="utf-8")))
        if found := [
            m
            for m in imported
            if m.split(".")[0] in ("tests", "conftest", "fakes") or m.startswith("test_")
        ]:
            bad[p.name] = found
    assert bad == {}


def test_fakes_are_built_in_conftest_only() -> None:
    built = {
        p.name: [
            n.func.id
            for n in ast.walk(ast.parse(p.read_text(encoding="utf-8")))
            if isinstance(n, ast.Call)
            and isinstance(n.func, ast.Name)
            and n.func.id in ("FakeChatModel", "FakeEmbedder")
        ]
        for p in MODULES
    }
    assert {name: calls for name, calls in built.items() if calls} == {}


def test_modules_stay_under_the_size_limit() -> None:
    long = {p.name: n for p in MODULES if (n := len(p.read_text().splitlines())) > MAX_LINES}
    assert long == {}


def test_no_assertion_on_elapsed_time() -> None:
    """Timing belongs in benchmarks/ (its figures are printed, not asserted)."""
    clocks = ("perf_counter", "monotonic", "elapsed", "time.time")
    found = []
    for p in TEST_MODULES:
        text = p.read_text(encoding="utf-8")
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, ast.Assert):
                src = ast.get_source_segment(text, node) or ""
                found += [f"{p.name}:{node.lineno}" for c in clocks if c in src]
    assert found == []
