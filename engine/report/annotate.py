"""The clerk's own Word file back, with a comment (批注) on each paragraph or cell that has a finding.

Clerks draft in Word and most never open a terminal: a comment beside the cell is where they
look. Pure functions over a report and its findings, so the command line and a web page give the
same file. The input is read, never written; the copy is new bytes.
"""

from __future__ import annotations

import io

from gixlint.lint.findings import SEVERITY_ZH, numeric, plain

AUTHOR, INITIALS = "gixlint", "GIX"
WHOLE = ""      # the place of a finding about the whole report (a missing part, no fee statement)
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def comment_text(f) -> str:
    """One finding as a comment: severity, rule, message, and reported against expected."""
    text = f"{SEVERITY_ZH[f.severity]} {f.rule}：{f.message}"
    if numeric(f.actual) and numeric(f.expected) and f.suggestions == []:
        text += f"（填报 {plain(f.actual)}，应为 {plain(f.expected)}）"     # not 「填报 ，应为 数字」
    return text


def comments(report, findings) -> dict[str, list[str]]:
    """Place (as the Word reader wrote it) → the comments to put there, in order.

    A balance finding that names a likely wrong cell goes on that cell, where the clerk must
    change something; a finding for many cells goes on each; one with no place on the title.
    """
    out: dict[str, list[str]] = {}
    for f in findings:
        lines = [s.get("line") for s in f.suggestions] or [c.get("line") for c in f.cells if c.get("line")]
        places = [report.sources.get(line, "") for line in lines] if lines else [f.source]
        text = comment_text(f)
        for place in dict.fromkeys(p or WHOLE for p in places) if places else [WHOLE]:
            if text not in out.setdefault(place, []):
                out[place].append(text)
    return out


def annotate(data: bytes, report, findings) -> tuple[bytes, int]:
    """The .docx ``data`` with the findings as comments: (new file's bytes, number of comments)."""
    import docx

    from gixlint.read.word import elements

    document = docx.Document(io.BytesIO(data))
    places = elements(document)
    body = document.element.body
    title = next((p for p in body.iter(f"{_W}p") if "".join(t.text or "" for t in p.iter(f"{_W}t")).strip()),
                 None)
    count = 0
    for place, texts in comments(report, findings).items():
        element = places.get(place) if place else None
        if element is None:
            element = title if title is not None else body.add_p()
            texts = [f"（针对全文）{t}" for t in texts]
        comment = document.add_comment(_runs(element, document), text=texts[0], author=AUTHOR, initials=INITIALS)
        for more in texts[1:]:
            comment.add_paragraph(more)
        count += 1
    out = io.BytesIO()
    document.save(out)
    return out.getvalue(), count


def _runs(element, document) -> list:
    """The runs of a paragraph or cell to anchor a comment on; an empty one gets an empty run."""
    from docx.text.paragraph import Paragraph

    paragraphs = [element] if element.tag == f"{_W}p" else list(element.iter(f"{_W}p"))
    if not paragraphs:
        paragraphs = [element.add_p()]
    wrapped = [Paragraph(p, document._body) for p in paragraphs]
    runs = [r for p in wrapped for r in p.runs]
    return runs or [wrapped[0].add_run("")]
