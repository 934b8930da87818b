"""One uploaded file checked the way ``gixlint FILE`` checks it, inside a worker process.

The bytes are written to a private folder only because the readers open paths; the folder is
emptied before the answer goes back. The JSON and the xlsx come from the command line's own output
code, so the web page and ``gixlint --format json`` cannot disagree.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

NAME_BYTES = 200       # a file name longer than this is cut (file systems allow 255 bytes)


@dataclass
class Checked:
    """Everything the page shows and offers for one file: plain data, sent between processes."""

    name: str
    verdict: str
    json: str
    xlsx: bytes
    view: object                         # gixlint.report.view.ReportView
    docs: dict[str, dict] = field(default_factory=dict)   # rule → what, why, source
    annotated: bytes | None = None       # the .docx with the findings as comments


def safe_name(filename: str) -> str:
    """The upload's own name without folders or characters a file system refuses."""
    from pathvalidate import sanitize_filename

    base = filename.replace("\\", "/").rsplit("/", 1)[-1]
    name = sanitize_filename(base, replacement_text="_").strip() or "报告"
    while len(name.encode("utf-8")) > NAME_BYTES:
        stem, dot, suffix = name.rpartition(".")
        name = f"{stem[:-1]}.{suffix}" if dot and stem else name[:-1]
    return name


def make_linter():
    """The linter ``gixlint FILE`` would use with no configuration file: installed plugins, built-in packs."""
    from gixlint.lint import bounds
    from gixlint.lint.linter import Linter

    linter = Linter.create(limits=bounds.Limits())
    linter.context.options["roster_coverage"] = False      # one file: no list of the others
    linter.context.options["digests"] = False              # nor anything to compare it with
    return linter


def check(linter, data: bytes, filename: str, folder: Path) -> Checked:
    """Check ``data`` as a file called ``filename``; ``folder`` is private and left empty."""
    from gixlint.corpus.step import check_corpus

    name = safe_name(filename)
    path = folder / name
    linter.timed_out.clear()             # one upload's slow rule must not be skipped for the next
    linter.context.shared.clear()        # nor may one clerk's report reach another's cross-report checks
    linter.context.today = date.today()
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as out:
            out.write(data)
        result = linter.lint_file(path)
    finally:
        _empty(folder)
    result.rename(name)
    check_corpus(linter, [result])
    return answer(linter, result, data)


def answer(linter, result, data: bytes | None = None) -> Checked:
    """The page's data for a linted file (or for one that could not be checked at all)."""
    from gixlint.cli import outputs
    from gixlint.report.verdict import verdict
    from gixlint.report.view import report_view

    run = outputs.Run([result], linter.rules)
    annotated = None
    if data is not None and result.report is not None and result.report.layout == "docx":
        from gixlint.report.annotate import annotate

        try:
            annotated, _count = annotate(data, result.report, result.findings)
        except Exception:      # a Word file python-docx cannot rewrite: the page still shows the findings
            annotated = None
    by_id = {r.id: r for r in linter.rules}
    docs = {f.rule: rule_doc(by_id[f.rule]) for f in result.findings if f.rule in by_id}
    return Checked(name=result.path, verdict=verdict(result.findings), json=outputs.render("json", run),
                   xlsx=outputs.render("xlsx", run), view=report_view(result, "r1"), docs=docs, annotated=annotated)


def rule_doc(rule) -> dict:
    """What ``gixlint rule CODE`` explains first: what is checked, why, and the legal source."""
    return {key: (rule.doc.get(key) or "").strip() for key in ("what", "why", "source")}


def _empty(folder: Path) -> None:
    for child in folder.iterdir():
        if child.is_dir() and not child.is_symlink():
            shutil.rmtree(child, ignore_errors=True)
        else:
            child.unlink(missing_ok=True)
