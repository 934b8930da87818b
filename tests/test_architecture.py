"""The package layout keeps the pipeline: each stage imports only the stages below it, no circles.

Every ``import`` in every module of ``engine/`` (module level and inside functions) is read with
:mod:`ast`; an import of a stage above the importer's fails, naming the file and line. See
docs/architecture.md for the stages.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ENGINE = Path(__file__).resolve().parents[1] / "engine"

# stage → rank: a module may import its own stage and the stages below it
STAGES = {
    "vocab": 0,      # the 2021 format's words, headings, values, dates, deadlines
    "read": 1,       # a file → text, items or PDF characters
    "layout": 2,     # → items, one per cell or paragraph
    "parse": 3,      # → the report AST
    "lint": 4,       # rules run as check kinds → findings
    "checks": 4,     # the built-in check kinds (registered by lint.plugins, as a plugin's are)
    "corpus": 5,     # cross-report step, roster, baseline
    "report": 6,     # text, JSON, CSV, the AST view, the overview
    "cli": 7,        # interfaces
    "web": 7,        # interfaces: gixlint serve
    "testing": 7,    # test support for plugin authors (used by `gixlint test-rules`)
}
TOP = 8              # gixlint/__init__ and the deprecated aliases gixlint.kinds, .engine, .hookspecs
# shipped beside engine/ (grammar/, rules/): data any stage may read, below every stage; grammar/
# also holds the parsers generated from its grammars (grammar/generate.py), which import no stage
SHIPPED = {"grammar": 0, "rules": 0}


def _module(path: Path, engine: Path = ENGINE) -> str:
    parts = list(path.relative_to(engine).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(["gixlint", *parts])


def _rank(module: str) -> int:
    parts = module.split(".")
    if module == "gixlint":
        return 0         # the package root holds only __version__ and the plugin facade
    if len(parts) >= 2 and parts[1] in SHIPPED:
        return SHIPPED[parts[1]]
    if len(parts) < 2 or parts[1] not in STAGES:
        return TOP
    return STAGES[parts[1]]


def _exists(module: str, engine: Path) -> bool:
    path = engine.joinpath(*module.split(".")[1:])
    return path.with_suffix(".py").exists() or (path / "__init__.py").exists()


def _imports(path: Path, engine: Path = ENGINE) -> list[tuple[int, str]]:
    """(line, absolute module) for every import of a gixlint module in the file."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    here = _module(path, engine)
    package = here if path.name == "__init__.py" else here.rpartition(".")[0]
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out += [(node.lineno, a.name) for a in node.names if a.name.startswith("gixlint")]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                name = ".".join([*base, node.module] if node.module else base)
            else:
                name = node.module or ""
            if not name.startswith("gixlint"):
                continue
            for alias in node.names:       # `from gixlint.x import y`: y may be a module itself
                sub = f"{name}.{alias.name}"
                out.append((node.lineno, sub if _exists(sub, engine) else name))
    return out


def back_imports(engine: Path = ENGINE) -> list[str]:
    bad = []
    for path in sorted(engine.rglob("*.py")):
        here = _module(path, engine)
        if here == "gixlint":
            continue     # the facade: ``gixlint.hookimpl`` for plugins
        for line, target in _imports(path, engine):
            if _rank(target) > _rank(here):
                bad.append(f"{path.relative_to(engine.parent)}:{line}: {here} imports {target}, a later stage")
    return bad


def test_every_module_belongs_to_a_stage():
    loose = [p.name for p in ENGINE.glob("*.py") if p.stem not in ("__init__", "__main__", "kinds", "engine", "hookspecs")]
    assert loose == [], f"modules outside any stage package: {loose}"
    packages = {p.name for p in ENGINE.iterdir() if p.is_dir() and (p / "__init__.py").exists()}
    assert packages == set(STAGES)


def test_no_stage_imports_a_later_stage():
    assert back_imports() == []


def test_the_check_catches_a_back_import(tmp_path):
    """The circle this layout removed: the row layout taking heading parsing from the parser."""
    engine = tmp_path / "engine"
    for package in ("layout", "parse"):
        (engine / package).mkdir(parents=True)
        (engine / package / "__init__.py").write_text("", encoding="utf-8")
    (engine / "parse" / "lexer.py").write_text("def parse_heading(text): ...\n", encoding="utf-8")
    (engine / "layout" / "rows.py").write_text("def f():\n    from gixlint.parse.lexer import parse_heading\n",
                                                encoding="utf-8")
    assert back_imports(engine) == [
        "engine/layout/rows.py:2: gixlint.layout.rows imports gixlint.parse.lexer, a later stage"]


def test_no_import_circles_between_modules():
    modules = sorted(ENGINE.rglob("*.py"))
    graph = {_module(p): {t for _l, t in _imports(p) if t != _module(p)} for p in modules}
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on: set[str] = set()
    cycles: list[list[str]] = []

    def visit(v: str) -> None:           # Tarjan's strongly connected components
        index[v] = low[v] = len(index)
        stack.append(v)
        on.add(v)
        for w in sorted(graph.get(v, ())):
            if w not in graph:
                continue
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                cycles.append(sorted(component))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    assert cycles == []


@pytest.mark.parametrize("old, new", [("gixlint.kinds", "gixlint.lint.kinds"), ("gixlint.engine", "gixlint.lint.linter"),
                                      ("gixlint.hookspecs", "gixlint.lint.hookspecs")])
def test_old_public_names_still_import(old, new):
    import importlib

    assert importlib.import_module(old) is importlib.import_module(new)


def test_the_wheel_ships_every_package():
    import tomli

    config = tomli.loads((ENGINE.parent / "pyproject.toml").read_text(encoding="utf-8"))
    listed = set(config["tool"]["setuptools"]["packages"])
    present = {_module(p.parent / "__init__.py") for p in ENGINE.rglob("__init__.py")}
    assert present <= listed, sorted(present - listed)


def test_the_shipped_grammar_package_imports_no_stage():
    """grammar/ sits below every stage (SHIPPED): its generated parsers and their generator import
    nothing of gixlint's."""
    grammar = ENGINE.parent / "grammar"
    found = []
    for path in grammar.glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else \
                [node.module or ""] if isinstance(node, ast.ImportFrom) else []
            found += [f"{path.name}: {n}" for n in names if n.startswith("gixlint")]
    assert found == []
