"""Writing a run's findings in the formats asked for, so that ``lint`` only decides what to check."""

from __future__ import annotations

import sys
from dataclasses import dataclass, field


@dataclass
class Run:
    """What every output format may need from one lint run."""

    results: list
    rules: list
    stale: list = field(default_factory=list)
    waived: int = 0
    show_clean: bool = False


def write(fmt: str, run: Run) -> None:
    """Print the run to standard output in ``fmt`` (text, json or csv)."""
    if fmt == "json":
        from gixlint.report import json as json_reporter

        sys.stdout.write(json_reporter.render(run.results, run.stale, run.waived, run.rules) + "\n")
    elif fmt == "csv":
        from gixlint.report import csv as csv_reporter

        if hasattr(sys.stdout, "reconfigure"):
            sys.stdout.reconfigure(newline="")  # the CSV writer already ends rows with CRLF
        sys.stdout.write(csv_reporter.render(run.results))
    else:
        from rich.console import Console

        from gixlint.report import text as text_reporter

        text_reporter.render(run.results, Console(highlight=False), show_clean=run.show_clean, rules=run.rules)
