"""Small helpers shared by the built-in check kinds."""

from __future__ import annotations

import re
from functools import lru_cache

from gixlint.checks.needles import needles
from gixlint.lint.formula import Evaluator
from gixlint.parse.model import Paragraph, Report, Section
from gixlint.vocab import labels as L
from gixlint.vocab.textcache import cached_when_short

_NUMERAL = {n: i + 1 for i, n in enumerate(L.NUMERALS[:6])}
_SENTENCE_END = re.compile(r"(?<=[。；;！？!?])")


def section_number(value: int | str) -> int:
    """6, "6" or "六" → 6."""
    if isinstance(value, int):
        return value
    value = str(value).strip()
    return int(value) if value.isdigit() else _NUMERAL[value]


TABLE_SECTION = {"t2": 2, "t2v19": 2, "t3": 3, "t4": 4}   # which section holds each table


def section_name(number: int) -> str:
    return f"{L.NUMERALS[number - 1]}、{L.SECTION_TITLES[number]}"


def scope_paragraphs(report: Report, scope: str) -> tuple[list[Paragraph], Section | None]:
    """Paragraphs a statement rule looks in: the whole report, the title, or one section."""
    if scope == "report":
        return report.all_paragraphs() + report.closing, None
    if scope == "title":
        return [Paragraph(report.meta.title_line, report.meta.title)], None
    section = report.section(section_number(scope))
    return (list(section.paragraphs) if section else []), section


def sentences(paragraphs: list[Paragraph]):
    """(line, sentence) pairs: statements are judged one sentence at a time."""
    for p in paragraphs:
        for s in split_sentences(p.text):
            yield p.line, s


def matching(paragraphs: list[Paragraph], pattern: str):
    """(line, sentence, match) for each sentence of ``paragraphs`` that ``pattern`` matches (its
    first match): :func:`sentences` searched, passing over paragraphs and sentences that hold
    none of the words every match contains (:mod:`gixlint.checks.needles`)."""
    words = needles(pattern)
    search = _sentence_search(pattern)
    for p in paragraphs:
        text = p.text
        if words is not None and not _holds_any(words, text):
            continue
        for s in split_sentences(text):
            if words is None or _holds_any(words, s):
                m = search(s)
                if m:
                    yield p.line, s, m


SENTENCES_KEPT = 512     # sentences remembered per pattern


@lru_cache(maxsize=256)
def _sentence_search(pattern: str):
    """``re.compile(pattern).search``, remembered per short sentence: a run's reports share many
    sentences word for word (the fee statement, the reporting period, the template's own words),
    and a rule searches each of a report's sentences."""
    return cached_when_short(re.compile(pattern).search, SENTENCES_KEPT)


def _holds_any(words: tuple[str, ...], text: str) -> bool:
    for word in words:
        if word in text:
            return True
    return False


@lru_cache(maxsize=512)
def split_sentences(text: str) -> tuple[str, ...]:
    """A paragraph's sentences, stripped; cached, as a dozen rules read the same paragraphs (a
    report's paragraphs, not a run's: a few hundred). Split where ``_SENTENCE_END`` matches, after
    each sentence end: a mark put after each by str.replace, and str.split at the marks (a
    look-behind tried at every character cost more than the rest)."""
    if _CUT in text:
        return tuple(filter(None, map(str.strip, _SENTENCE_END.split(text))))
    for end in _ENDS:
        if end in text:
            text = text.replace(end, end + _CUT)
    return tuple(filter(None, map(str.strip, text.split(_CUT))))


_ENDS = "。；;！？!?"       # _SENTENCE_END's look-behind
_CUT = "\x00"      # seldom in a paragraph (a text file holding it is refused); where it is, the pattern splits


def where(report: Report, line: int) -> str:
    """The canonical name of the section a line falls in."""
    section = report.section_at(line)
    return section_name(section.number) if section else ""


def place(sources: dict[int, str], line: int) -> str:
    """Where a person finds a line's text: its place in a .docx, .html or .pdf (表格 2 第 6 行第 4 格,
    段落 12, 第 2 页: the file has no line numbers), else 第N行 of a text file."""
    return sources.get(line) or f"第{line}行"


def read_cells(report, tables):
    """(table name, row, column key, cell) for every cell that was read in ``tables``; cells of
    unread rows are left out (their table's GIX006 says so; they are never findings)."""
    for name in tables:
        table = report.tables.get(name)
        if table is None:
            continue
        for row in table.rows.values():
            if table.unread(row.key):
                continue
            for column, cell in row.cells.items():
                yield name, row, column, cell


def evaluator(report, context, blanks_as_zero: bool = False):
    """One formula evaluator per report (and way of reading blanks), shared by the rules that
    check it, so each cell is resolved and read once a report."""
    shared = getattr(context, "shared", None)
    if not isinstance(shared, dict):
        return Evaluator(report, blanks_as_zero)
    key = ("evaluator", blanks_as_zero)
    cached = shared.get(key)
    if cached is None or cached[0] is not report:
        other = shared.get(("evaluator", not blanks_as_zero))
        like = other[1] if other is not None and other[0] is report else None
        cached = shared[key] = (report, Evaluator(report, blanks_as_zero, like=like))
    return cached[1]
