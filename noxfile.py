"""Sessions people and CI run: ``nox -s tests``, ``nox -s lint``, ``nox -s bench``."""

import nox

nox.options.default_venv_backend = "venv"
nox.options.sessions = ["tests", "lint"]


@nox.session
def tests(session: nox.Session) -> None:
    """Install gixlint as a wheel (not editable) so the tests see what users get, then run pytest."""
    session.install(".[test]")
    session.run("pytest", *session.posargs)


@nox.session
def lint(session: nox.Session) -> None:
    session.install("ruff")
    session.run("ruff", "check", "engine", "tests", "benchmarks", "noxfile.py")


@nox.session
def bench(session: nox.Session) -> None:
    """Throughput on generated reports (and on ../shared/seeds when present)."""
    session.install(".")
    session.run("python", "benchmarks/bench.py", *session.posargs)
