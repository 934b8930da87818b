"""The row layout's vocabulary: what a table text is, and lines of positioned words.

Lines come in as :class:`Line` objects: words with horizontal positions (character offsets for
text, points for PDF) and a flag saying whether a wide gap (a cell boundary) precedes a word.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from gixlint.read.document import Item
from gixlint.vocab import labels as L
from gixlint.vocab.normal import nfkc
from gixlint.vocab.textcache import cached_when_short
from gixlint.vocab.values import DASHES, ZERO_LIKE

# --- what the table texts are ----------------------------------------------------------------

ROW, GROUP, BLOCK, HEAD, NOTE = "row", "group", "block", "head", "note"


def _known() -> dict[str, str]:
    known: dict[str, str] = {}
    for text in (*L.T2_HEADERS, *L.T3_HEADERS, *L.T4_HEADERS, *L.COMMON_HEADERS, *L.T3_COLUMNS.values(),
                 *L.T4_FIELDS.values(), "行政复议", "行政诉讼", "未经复议直接起诉", "复议后起诉"):
        known[L.label_key(text)] = HEAD
    for numeral in L.NUMERALS:
        known[L.label_key(f"第二十条第（{numeral}）项")] = BLOCK
    known[L.label_key(L.T3_NOTE)] = NOTE
    for key in L.T3_GROUP_INDEX:
        known[key] = GROUP
    for key in (*L.T3_ROW_INDEX, *L.T2_ROW_INDEX):
        known[key] = ROW
    return known


KNOWN = _known()
_PREFIXES: dict[str, set[str]] = {}
for _key, _kind in KNOWN.items():
    for _n in range(1, len(_key)):
        _PREFIXES.setdefault(_key[:_n], set()).add(_kind)
del _key, _kind, _n
_T4_FIELD_WORDS = {L.label_key(w) for w in (*L.T4_FIELDS.values(), "结果", "维持", "纠正", "其他", "尚未", "审结")}
_T3_COLUMN_WORDS = {L.label_key(w) for w in (*L.T3_COLUMNS.values(), "商业", "科研", "社会公益", "法律服务")}

_VALUE = re.compile(r"^[+-]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?(个|件|条|项|份|次|宗|万元|元)?([(\[【].*)?$")
_DIGITS = re.compile(r"^\d+$")
_SENTENCE_END = re.compile(r"[。！？；：:!?;]$")
_LIST_START = re.compile(r"^([一二三四五六七八九十]+[、.．]|[(（][一二三四五六七八九十\d]+[)）]|\d+[、.．])")
_PROSE = re.compile(r"[。，；！？]")


@cached_when_short
def is_value_token(word: str) -> bool:
    """A whitespace-free word that is one cell's value: 35, 0.35, 52（其中…）, /, —. Cached: the
    row splitter asks it of every word at a line's end, and tables repeat their numbers. A line of
    prose is one word (Chinese has no spaces): :func:`nfkc` normalises it quickly."""
    text = nfkc(word).strip()
    return text in DASHES or text in ZERO_LIKE or bool(_VALUE.match(text))


def status(key: str) -> str:
    """'full' for a known table text, 'prefix' for the start of one, '' otherwise."""
    if key in KNOWN:
        return "full"
    return "prefix" if key in _PREFIXES else ""


def _is_cjk(ch: str) -> bool:
    return ord(ch) > 0x2E80


def _key(words) -> str:
    return L.label_key("".join(w.text for w in words))


def join_words(parts: list[str]) -> str:
    """Join words of one line: no space between CJK characters, one space otherwise."""
    out = ""
    for part in parts:
        if out and not (_is_cjk(out[-1]) or _is_cjk(part[0])):
            out += " "
        out += part
    return out


# --- input ---------------------------------------------------------------------------------


@dataclass(slots=True)
class Word:
    """A run of text on a line, with its horizontal extent."""

    text: str
    x0: float
    x1: float
    gap: bool = False        # a wide gap (a cell boundary) comes before this word

    @property
    def xc(self) -> float:
        return (self.x0 + self.x1) / 2


@dataclass(slots=True)
class Line:
    """A printed line as words with positions, and where it came from."""

    number: int
    words: list[Word]
    page: int = 0
    source: str = ""
    indented: bool = False   # starts further right than the text block (a new paragraph)
    full: bool = False       # reaches the right margin (prose that wraps on)
    raw: str = ""

    @property
    def text(self) -> str:
        return self.raw or join_words([w.text for w in self.words])




_GLUED_NUMBER = re.compile(r"^(.*[\u4e00-\u9fff）)])\d+(?:\.\d+)?$")


def text_line(number: int, raw: str) -> Line:
    """A line of pdftotext-style text: words with character offsets; 2+ spaces or a tab is a gap."""
    words: list[Word] = []
    end = None
    find = raw.find
    # the \S+ runs are str.split()'s words (both split at str.isspace); each starts at the first
    # place it occurs after the word before, as what lies between is space
    for text in raw.split():
        start = find(text, end or 0)
        gap = end is None or start - end >= 2 or raw[end] in "\t\u3000"
        end = start + len(text)
        if text[-1].isdigit() and not text.isdigit():
            label = _GLUED_NUMBER.match(text)
            if label and KNOWN.get(L.label_key(label.group(1))) == ROW:
                # a row's label with its first number printed against it (「行政规范性文件3」, a
                # cell's text that filled its width): two words, a cell boundary between them
                cut = start + len(label.group(1))
                words.append(Word(label.group(1), start, cut, gap))
                words.append(Word(text[len(label.group(1)):], cut, end, True))
                continue
        words.append(Word(text, start, end, gap))
    stripped = raw.lstrip(" \u3000\t")
    return Line(number, words, indented=len(raw) - len(stripped) >= 2, raw=raw.strip(" \t\u3000\u00a0"))


def text_lines(lines: list[str]) -> list[Line]:
    """Lay out pdftotext-style lines; prose lines as wide as the text block wrap on."""
    out = [text_line(n, raw) for n, raw in enumerate(lines, start=1)]
    widths = [len(line.raw) for line in out
              if len(line.raw) > 10 and _PROSE.search(line.raw) and not any(w.gap for w in line.words[1:])]
    if widths:
        widths.sort()
        width = widths[int(len(widths) * 0.9) - 1 if len(widths) > 1 else 0]
        for line in out:
            line.full = len(line.raw) + (2 if line.indented else 0) >= width - 2
    return out


@dataclass
class Entry:
    """A label (or any text) and the cells printed with it, before blanks are filled."""

    item: Item
    kind: str = ""                         # ROW, GROUP, HEAD, …; "cell"; "" for prose and unknown text
    cells: list[tuple[Word, Item]] = field(default_factory=list)
    x: float | None = None                 # where a header stood (the columns of table 四)


def split_cells(words: list[Word]) -> int:
    """Index of the first cell: the line ends in a run of values (a row's numbers)."""
    cut = len(words)
    while cut > 0 and is_value_token(words[cut - 1].text):
        cut -= 1
    return cut
