"""Sessions people and CI run: ``nox -s tests``, ``nox -s lint``, ``nox -s bench``."""

from pathlib import Path

import nox

nox.options.default_venv_backend = "venv"
nox.options.sessions = ["tests", "lint"]


PLUGIN = "plugins/gixlint-example-office"


@nox.session
def tests(session: nox.Session) -> None:
    """Install gixlint and the example plugin as wheels (not editable), so tests see what users get."""
    session.install(".[test,web]", "httpx2", f"./{PLUGIN}")
    session.run("pytest", "tests", f"{PLUGIN}/tests", *session.posargs)
    session.run("gixlint", "test-rules", "tests/rules", f"{PLUGIN}/tests")


@nox.session
def lint(session: nox.Session) -> None:
    session.install("ruff")
    session.run("ruff", "check", "engine", "tests", "benchmarks", "plugins", "grammar/generate.py", "noxfile.py")


@nox.session
def grammar(session: nox.Session) -> None:
    """Generate grammar/parsers.py again after editing grammar/*.lark (tests/test_grammar_tables.py
    says when it is due)."""
    session.install("-e", ".")
    session.run("python", "-m", "gixlint.grammar.generate")


@nox.session
def bench(session: nox.Session) -> None:
    """Speed as ratios (benchmarks/speed.py), throughput, accuracy per input format and on the
    real reports, then a supervisor's run at scale (benchmarks/region.py, several minutes).

    benchmarks/realworld.py (LibreOffice-made PDFs/HTML) needs soffice and is run by hand.
    """
    session.install(".[test]")
    session.run("python", "benchmarks/speed.py")                    # ratios against references, same run
    session.run("python", "benchmarks/bench.py", *session.posargs)
    session.run("python", "benchmarks/layouts.py")                  # accuracy beside speed
    if Path("../shared/real").is_dir():
        session.run("python", "benchmarks/real.py")
        session.run("python", "benchmarks/variants.py")             # the same reports saved other ways
    session.run("python", "benchmarks/region.py")                   # 10,000 reports; 100,000 digests


@nox.session
def fuzz(session: nox.Session) -> None:
    """Bounded fuzzing (hypothesis) of readers, layout, parser, formulas, config, roster and the CLI:
    ``nox -s fuzz -- --minutes 10``. Corpus in .fuzz/corpus, shrunk crashers in .fuzz/crashers."""
    session.install(".[test]")
    session.run("python", "tests/fuzz/run.py", *session.posargs)
