"""Run-on text: a report saved by a site crawler with the whole page on a few lines.

The page text arrives as one line of several thousand characters: portal chrome (当前位置、来源、
时间、微信 微博…), then the report with its headings inline (「…本报告。一、总体情况2021年，…」) and
its tables flattened, label after label with the cells' digits run together
(「一、本年新收政府信息公开申请数量640020470二、上年结转…」).

This module lays such text out as the other layouts do, one item per paragraph or cell:

* the chrome before the report and after it (附件下载) becomes CHROME items, kept for its dates;
* the text is split at the six numbered section headings, at sentence ends and at sub-headings;
* in sections 二、三、四 the table labels are found by their known text (:mod:`gixlint.vocab.labels`) and
  the digits between one label and the next are that row's run; a list number glued to the
  digits before it (「00000002.其他法律…」) belongs to the label whose text follows.

A run of digits is split into cells only when exactly one split fits what the table prints: the
number of cells in the row, no leading zero in a number of several digits, a minus sign only in
the 本年增/减 column, a decimal point only in an amount column, and in table 三 (each row) and
table 四 (each block) the 总计 cell equal to the sum of the others. A table all of whose runs have
exactly one such split is read with a ``reconstructed`` problem; a table with a run that fits no
split or several is ``unreadable-text`` (row "" = the whole table) and none of its numbers is
read. Nothing is guessed.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import cache

from gixlint.read.document import CELL, CHROME, TEXT, Item, Layout, Problem
from gixlint.read.furniture import clean
from gixlint.vocab import labels as L

VARIANT = "run-on"

# --- detection -------------------------------------------------------------------------------

_LONG_LINE = 1000          # a crawled page holds thousands of characters on a line
_MAX_LINES = 20            # …on very few lines
_MIN_HEADINGS = 3          # …with numbered section headings inside the text, not at line starts


def is_run_on(lines: list[str]) -> bool:
    """Very few, very long lines with the report's section headings inline."""
    filled = []
    for line in lines:
        if line.strip():
            filled.append(line)
            if len(filled) > _MAX_LINES:
                return False       # a report of ordinary lines: decided within its first lines
    if not filled:
        return False
    for line in filled:
        if len(line) >= _LONG_LINE and len({h.number for h in find_headings(line) if h.start > 0}) >= _MIN_HEADINGS:
            return True
    return False


# --- section headings inside the text -----------------------------------------------------------

_NUMBERED = re.compile(r"(?<![０-９十第])([一二三四五六]|[1-6])[ \t\u3000]*([、.．])")
_TITLE_MAX = 38


@dataclass(frozen=True)
class InlineHeading:
    """A section heading found inside run-on text, by character offsets."""

    start: int
    end: int
    number: int
    text: str


def find_headings(text: str) -> list[InlineHeading]:
    """Numbered section headings (「一、总体情况」, 「3、收到和处理…」) anywhere in a run of text."""
    from gixlint.vocab.headings import parse_heading

    found: list[InlineHeading] = []
    for m in _NUMBERED.finditer(text):
        if found and m.start() < found[-1].end:
            continue
        if m.group(1).isdigit() and m.group(2) in ".．" and m.start() > 0 and text[m.start() - 1] == ".":
            continue
        best = None
        for length in range(1, _TITLE_MAX + 1):
            title = text[m.end():m.end() + length]
            if len(title) < length or title[-1] in "\n":
                break
            if title[-1].isspace():
                continue
            heading = parse_heading(f"{m.group(1)}{m.group(2)}{title}")
            if heading is not None and heading.numeral:
                best = (m.end() + length, heading.number)
        glued = m.start() > 0 and text[m.start() - 1].isdigit()
        if best and glued:
            # a numeral glued to the table's last digits (「…33123315四、政府信息公开…」) is a heading
            # only with the part's exact title; 「…20123、…」 is not part 3
            end, number = best
            title = text[m.end():end]
            if m.group(1).isdigit() or L.squash(title) != L.squash(L.SECTION_TITLES[number]):
                best = None
        if best:
            end, number = best
            found.append(InlineHeading(m.start(), end, number, text[m.start():end]))
    return found


# --- page chrome ------------------------------------------------------------------------------

_CHROME_WORD = re.compile(
    r"^(当前位置|您的位置|来源[:：]|信息来源|发布(时间|日期|机构)|(更新|成文|发文)?(时间|日期)[:：]|浏览(次数)?|点击|访问量|"
    r"字体|字号|【|打印|关闭|分享|扫一扫|微信|微博|QQ空间|全真版|文字版|文件下载|附件下载|附件[:：]|相关链接|"
    r"上一篇|下一篇|返回顶部|-->|<!--|索引号|发文字号|主题分类|首页)"
)
_TAIL_WORD = re.compile(
    r"^(附件下载|附件[:：]?|【?打印|【?关闭|分享到?|扫一扫|相关链接|上一篇|下一篇|返回顶部|微信|微博|QQ空间|-->|【[大中小]】)"
)
_PROSE_MARK = re.compile(r"[。，；！？]")
_TOKEN = re.compile(r"\S+")


def _head_end(text: str, first_heading: int) -> int:
    """Where the report's own text begins: the first sentence, a long run, or a section heading."""
    for m in _TOKEN.finditer(text):
        if m.start() >= first_heading:
            return first_heading
        word = m.group()
        if _PROSE_MARK.search(word) or len(word) > 60:
            return m.start()
    return min(first_heading, len(text))


@dataclass
class _Source:
    """The text joined into one string, with the source line of every character."""

    text: str
    starts: list[int]

    def line(self, pos: int) -> int:
        lo, hi = 0, len(self.starts) - 1
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if self.starts[mid] <= pos:
                lo = mid
            else:
                hi = mid - 1
        return lo + 1


def _chrome_items(src: _Source, start: int, end: int, allow_title: bool) -> list[Item]:
    """The page's furniture before the report: each chrome word starts an item, the rest follow it."""
    items: list[Item] = []
    current: tuple[int, list[str]] | None = None
    for m in _TOKEN.finditer(src.text, start, end):
        word = m.group()
        if _CHROME_WORD.match(word) and not (current and word.startswith("首页")):
            if current:
                items.append(Item(src.line(current[0]), " ".join(current[1]), CHROME))
            current = (m.start(), [word])
        elif current is None or (allow_title and "报告" in word and not any(it.role == TEXT for it in items)
                                 and not _has_title(items)):
            if current:
                items.append(Item(src.line(current[0]), " ".join(current[1]), CHROME))
                current = None
            items.append(Item(src.line(m.start()), word, TEXT))
        else:
            current[1].append(word)
    if current:
        items.append(Item(src.line(current[0]), " ".join(current[1]), CHROME))
    return items


def _has_title(items: list[Item]) -> bool:
    return any(it.role == TEXT and "报告" in it.text for it in items)


def _tail_start(text: str, start: int, end: int) -> int:
    """Where the page's furniture after the report begins (附件下载, 打印, 关闭…)."""
    words = list(_TOKEN.finditer(text, start, end))
    cut = end
    for m in reversed(words):
        if _TAIL_WORD.match(m.group()) and len(m.group()) <= 12:
            cut = m.start()
        else:
            break
    return cut


# --- prose: sentences and sub-headings ---------------------------------------------------------

_OPEN, _CLOSE = "（(“‘《「『【〔", "）)”’》」』】〕"
_ENDS = "。！？!?"
_SUB_HEADING = re.compile(r"[（(]([一二三四五六七八九十]{1,2}|\d{1,2})[)）](?=[\u4e00-\u9fff])")


def _inside(text: str) -> list[bool]:
    """Which characters stand inside a matched pair of brackets or quotes (within 300 characters)."""
    inside = [False] * len(text)
    stack: list[int] = []
    for i, ch in enumerate(text):
        if ch in _OPEN and not (ch in "“‘" and stack and text[stack[-1]] == ch):
            stack.append(i)
        elif ch in _CLOSE:
            want = _OPEN[_CLOSE.index(ch)]
            for k in range(len(stack) - 1, -1, -1):
                if text[stack[k]] == want:
                    if i - stack[k] <= 300:
                        for j in range(stack[k] + 1, i):
                            inside[j] = True
                    del stack[k:]
                    break
    return inside


def _prose_items(src: _Source, start: int, end: int) -> list[Item]:
    """A stretch of report text → paragraphs, split after sentence ends and before sub-headings."""
    text = src.text[start:end]
    inside = _inside(text)
    cuts = {0, len(text)}
    i = 0
    while i < len(text):
        ch = text[i]
        if ch in _ENDS and not inside[i]:
            j = i + 1
            while j < len(text) and (text[j] in "”’）)」』" or text[j].isspace()):
                j += 1
            cuts.add(j)
            i = j
            continue
        i += 1
    for m in _SUB_HEADING.finditer(text):
        before = text[m.start() - 1] if m.start() else ""
        after = text[m.end()]
        if before in "第" or before.isdigit() or inside[m.start()] or after in "项条款章节":
            continue
        cuts.add(m.start())
    items = []
    points = sorted(cuts)
    for a, b in zip(points, points[1:]):
        body = clean(text[a:b]).strip(" \t\n\u3000\u00a0")
        if body:
            offset = a + len(text[a:b]) - len(text[a:b].lstrip(" \t\n\u3000\u00a0"))
            items.append(Item(src.line(start + offset), " ".join(body.split()) if "\n" in body else body, TEXT))
    return items


# --- table vocabulary ---------------------------------------------------------------------------

HEAD, BLOCK, NOTE, ROW, GROUP = "head", "block", "note", "row", "group"


def _vocabulary() -> dict[str, dict[str, tuple[str, str]]]:
    """Per table: label_key → (kind, row key) of every text its printed form holds."""
    t2: dict[str, tuple[str, str]] = {}
    for text in L.T2_HEADERS:
        t2[L.label_key(text)] = (HEAD, "")
    for numeral in L.NUMERALS:
        t2[L.label_key(f"第二十条第（{numeral}）项")] = (BLOCK, "")
    for key, row in {**L.T2V19_ROW_INDEX, **L.T2_ROW_INDEX}.items():
        t2[key] = (ROW, row)
    t3: dict[str, tuple[str, str]] = {}
    for text in (*L.T3_HEADERS, *L.T3_COLUMNS.values(), *L.COMMON_HEADERS):
        t3[L.label_key(text)] = (HEAD, "")
    t3[L.label_key(L.T3_NOTE)] = (NOTE, "")
    for key, row in L.T3_ROW_INDEX.items():
        t3[key] = (ROW, row)
    for key, group in L.T3_GROUP_INDEX.items():
        t3[key] = (GROUP, group)
    t4: dict[str, tuple[str, str]] = {}
    for text in (*L.T4_HEADERS, *L.T4_FIELDS.values(), *L.COMMON_HEADERS, "行政复议", "行政诉讼"):
        t4[L.label_key(text)] = (HEAD, "")
    return {"t2": t2, "t3": t3, "t4": t4}


def _trie(words: dict[str, tuple[str, str]]) -> dict:
    root: dict = {}
    for word, value in words.items():
        node = root
        for ch in word:
            node = node.setdefault(ch, {})
        node[None] = (word, value)
    return root


@cache
def tries() -> dict[str, dict]:
    """Per table, a trie of its vocabulary: built when run-on text is first met (few files are),
    not at every start-up."""
    return {name: _trie(words) for name, words in _vocabulary().items()}



def _match(trie: dict, text: str, pos: int, end: int) -> tuple[int, str, tuple[str, str]] | None:
    """The longest known text starting at ``pos`` (spaces inside it allowed): (end, key, value)."""
    if pos >= end or text[pos].isspace():
        return None
    node, best, i = trie, None, pos
    while i < end and node:
        ch = text[i]
        if ch.isspace():
            i += 1
            continue
        for part in L.label_key(ch):
            node = node.get(part) if node else None
            if node is None:
                break
        if node is None:
            break
        i += 1
        if None in node:
            best = (i, *node[None])
    return best


# table starts: what may open each table in a section's text
_STARTS = {
    "t2": {L.label_key(f"第二十条第（{n}）项") for n in L.NUMERALS} | {L.label_key("信息内容")},
    "t3": {L.label_key(L.T3_NOTE), L.label_key("申请人情况"), L.label_key(L.T3_ROWS["new_received"])},
    "t4": {L.label_key("行政复议")},
}
_T4_FOLLOW = {L.label_key(w) for w in ("行政诉讼", "结果维持", "维持", "结果")}


def _table_start(text: str, start: int, end: int) -> tuple[int, str] | None:
    """The first place in ``text[start:end]`` where a table (t2, t3, t4) begins."""
    for pos in range(start, end):
        for name, trie in tries().items():
            hit = _match(trie, text, pos, end)
            if hit is None or hit[1] not in _STARTS[name]:
                continue
            if name == "t4":
                after = pos + len(text[pos:hit[0]])
                while after < end and text[after].isspace():
                    after += 1
                nxt = _match(trie, text, after, end)
                if nxt is None or nxt[1] not in _T4_FOLLOW:
                    continue
            return pos, name
    return None


# --- table tokens -------------------------------------------------------------------------------

VALUE, OTHER = "value", "text"
_NUMBERING_AHEAD = re.compile(r"\d[.．、](?=[\u4e00-\u9fff])")
_UNIT = re.compile(r"万元|元")
_DASH_CELLS = "/／—–―"


@dataclass
class Token:
    """A piece of a run-on table: a known label or header, a run of values, or other text."""

    kind: str              # HEAD, BLOCK, NOTE, ROW, GROUP, VALUE, OTHER
    start: int
    end: int
    text: str              # as printed (whitespace kept for values: it separates cells)
    row: str = ""          # row (or group) key for ROW and GROUP
    guessed: bool = False  # a label recognised by similarity, not by its exact text


_SIGNS = "-－−+＋"      # a sign before digits: the trial format's 本年增/减 prints 「-2」 and 「+1」


def _digit(ch: str) -> bool:
    return unicodedata.normalize("NFKC", ch).isdigit()


def _value_start(text: str, pos: int) -> bool:
    ch = text[pos]
    if _digit(ch):
        return True
    nxt = text[pos + 1] if pos + 1 < len(text) else ""
    return (ch in _SIGNS and _digit(nxt)) or ch in _DASH_CELLS


def _tokens(text: str, start: int, end: int, name: str) -> tuple[list[Token], int]:
    """Tokens of one table from ``start``; returns them and where the table's text ends."""
    trie = tries()[name]
    tokens: list[Token] = []
    pos = start
    other_from = None

    def close_other(upto: int) -> bool:
        """An unknown stretch: a label by similarity, short table text, or prose (the table ends)."""
        nonlocal other_from
        if other_from is None:
            return True
        raw = text[other_from:upto].strip()
        at = other_from
        other_from = None
        if not raw:
            return True
        if name == "t3" and len(raw) <= 60:
            match = L.match_t3_row(raw)
            if match:
                tokens.append(Token(ROW, at, upto, raw, match[0], match[2]))
                return True
        if _PROSE_MARK.search(raw) or len(L.squash(raw)) > 40:
            return False
        tokens.append(Token(OTHER, at, upto, raw))
        return True

    while pos < end:
        if text[pos].isspace():
            pos += 1
            continue
        hit = _match(trie, text, pos, end)
        if hit is not None:
            if not close_other(pos):
                return tokens, _back(text, tokens, start)
            stop, _key, (kind, row) = hit
            tokens.append(Token(kind, pos, stop, text[pos:stop], row))
            pos = stop
            continue
        if other_from is None and _value_start(text, pos) and not _NUMBERING_AHEAD.match(text, pos):
            stop = _value_end(text, pos, end, trie)
            tokens.append(Token(VALUE, pos, stop, text[pos:stop]))
            pos = stop
            continue
        if other_from is not None and _value_start(text, pos) and not _NUMBERING_AHEAD.match(text, pos):
            if not close_other(pos):
                return tokens, _back(text, tokens, start)
            continue
        if other_from is None:
            other_from = pos
        pos += 1
    if not close_other(end):
        return tokens, _back(text, tokens, start)
    return tokens, end


def _back(text: str, tokens: list[Token], start: int) -> int:
    return tokens[-1].end if tokens else start


def _value_end(text: str, pos: int, end: int, trie: dict) -> int:
    """A run of digits (and the spaces, signs, points and dashes among them) up to the next label."""
    i = pos
    last = pos
    while i < end:
        ch = text[i]
        if ch.isspace():
            i += 1
            continue
        if i > pos and (_match(trie, text, i, end) or _NUMBERING_AHEAD.match(text, i)):
            break
        if _digit(ch) or ch in ".．" or ch in _DASH_CELLS or (ch in _SIGNS and i + 1 < end and _digit(text[i + 1])):
            i += 1
            last = i
            continue
        unit = _UNIT.match(text, i)
        if unit and last == i:
            i = last = unit.end()
            break
        break
    return last


# --- splitting a run of digits into cells -------------------------------------------------------

_BUDGET = 200_000


@dataclass
class Column:
    """What a column's values may look like when a digit run is split."""

    decimal: bool = False     # an amount: a decimal point may occur
    negative: bool = False    # 本年增/减: may start with a minus sign


@dataclass
class Fit:
    """How a run of glued digits splits into a row's cells: the ways found."""

    pieces: list[str]
    readings: list[list[str]] = field(default_factory=list)
    exhausted: bool = False   # too many possibilities to list: at least two

    @property
    def count(self) -> int:
        return len(self.readings)


def pieces_of(run: str) -> list[str]:
    """The separately printed parts of a run: split at spaces; a dash is a cell of its own."""
    text = unicodedata.normalize("NFKC", run).replace("−", "-")
    out: list[str] = []
    for part in text.split():
        for bit in re.split(r"([/／—–―]+)", part):
            if bit:
                out.append(bit)
    return out


_INT = re.compile(r"^(0|[1-9]\d*)$")
_NEG = re.compile(r"^[-+][1-9]\d*$")       # (a signed count: 本年增/减)
_DEC = re.compile(r"^(0|[1-9]\d*)(\.\d+)?$")


def _cell_ok(cell: str, column: Column) -> bool:
    if cell[0] in _DASH_CELLS:
        return True
    if column.decimal and _DEC.match(cell):
        return True
    if column.negative and _NEG.match(cell):
        return True
    return bool(_INT.match(cell))


def split_run(pieces: list[str], columns: list[Column], check=None, limit: int = 2) -> Fit:
    """Every way of cutting the printed pieces into one cell per column (at most ``limit``).

    A piece is cut only between characters; a cell never spans two pieces. ``check`` (cells so
    far, index of the last column filled) may reject a partial reading, e.g. a 总计 that is not
    the sum of its parts.
    """
    fit = Fit(list(pieces))
    unit = ""
    if pieces and (m := re.search(r"(万元|元)$", pieces[-1])):
        unit = m.group()
        pieces = [*pieces[:-1], pieces[-1][:-len(unit)]]
        if not pieces[-1]:
            return fit
    steps = 0

    def walk(p: int, offset: int, cells: list[str]) -> None:
        nonlocal steps
        steps += 1
        if steps > _BUDGET:
            fit.exhausted = True
        if fit.exhausted or len(fit.readings) >= limit:
            return
        c = len(cells)
        if p == len(pieces):
            if c == len(columns):
                fit.readings.append([*cells[:-1], cells[-1] + unit] if unit and cells else list(cells))
            return
        if c == len(columns):
            return
        piece = pieces[p]
        rest_cols = len(columns) - c
        for stop in range(offset + 1, len(piece) + 1):
            cell = piece[offset:stop]
            if not _cell_ok(cell, columns[c]):
                if cell[0] == "0" and not columns[c].decimal:
                    break
                continue
            nxt = (p + 1, 0) if stop == len(piece) else (p, stop)
            remaining = len(pieces) - nxt[0] - 1 if nxt[1] else len(pieces) - nxt[0]
            if remaining + (1 if nxt[1] else 0) > rest_cols - 1:
                continue
            cells.append(cell)
            if check is None or check(cells, c):
                walk(*nxt, cells)
            cells.pop()

    try:
        if pieces:
            walk(0, 0, [])
    finally:
        walk = None     # it calls itself through its closure: unlinked here, or only the garbage collector frees it
    if fit.exhausted and len(fit.readings) < 2:
        fit.readings += [[]] * (2 - len(fit.readings))
    return fit


def _number(cell: str) -> float | None:
    try:
        return float(cell.rstrip("万元"))
    except ValueError:
        return None


def _sum_check(parts: int):
    """Check for a table whose every ``parts + 1``-th cell is the total of the ``parts`` before it."""
    def check(cells: list[str], c: int) -> bool:
        if c % (parts + 1) != parts:
            return True
        block = [_number(x) for x in cells[c - parts:c + 1]]
        if any(v is None for v in block):
            return True     # a dash: nothing to add up, the rules report it
        return abs(sum(block[:-1]) - block[-1]) < 1e-9
    return check


# --- tables ---------------------------------------------------------------------------------------


def _columns(table: str, row: str) -> list[Column]:
    if table == "t3":
        return [Column() for _ in L.T3_COLUMNS]
    if table == "t4":
        return [Column() for _ in range(len(L.T4_BLOCKS) * len(L.T4_FIELDS))]
    spec = L.T2V19_ROWS if table == "t2v19" else L.T2_ROWS
    return [Column(decimal=c == "amount", negative=c == "change") for c in spec[row][2]]


@dataclass
class _Row:
    """A run-on table row: its label token and the runs of values after it."""

    label: Token | None          # None: table 四's values after its header
    key: str
    runs: list[Token]
    fit: Fit | None = None       # None: nothing to split (one printed piece per cell, or no run)
    short: bool = False          # fewer pieces than cells in a table printed with its separators

    @property
    def pieces(self) -> list[str]:
        return [p for run in self.runs for p in pieces_of(run.text)]


_ZH = {"t2": "表二", "t2v19": "表二", "t3": "表三", "t4": "表四"}
_CELL_LOST = "有一格在转存时丢失，多为空白格，无法确定缺的是哪一格"


def _label_text(table: str, row: _Row) -> str:
    if row.label is not None:
        return row.label.text.strip()
    return "复议诉讼各格"


def _reading(cells: list[str]) -> str:
    return "/".join(cells)


class _Table:
    def __init__(self, src: _Source, name: str, tokens: list[Token]):
        self.src = src
        self.name = name
        self.tokens = tokens
        if name == "t2":
            v19 = {L.label_key(m) for m in L.V2019_MARKERS}
            if any(L.label_key(t.text) in v19 for t in tokens if t.kind in (HEAD, BLOCK, ROW)):
                self.name = "t2v19"
        self.rows: list[_Row] = []
        self.heads: list[Token] = []

    def group_rows(self) -> None:
        """Each label with the value tokens that follow it (table 四: the values after its header)."""
        if self.name == "t4":
            values = [t for t in self.tokens if t.kind == VALUE]
            if values:
                self.rows.append(_Row(None, "", values))
            return
        current: _Row | None = None
        for token in self.tokens:
            if token.kind == ROW or (token.kind == GROUP and token.row == "other_total"):
                key = token.row
                if self.name in ("t2", "t2v19"):
                    index = L.T2V19_ROW_INDEX if self.name == "t2v19" else L.T2_ROW_INDEX
                    key = index.get(L.label_key(token.text), "")
                current = _Row(token, key, [])
                self.rows.append(current)
            elif token.kind == VALUE and current is not None:
                current.runs.append(token)
            elif token.kind != VALUE:
                current = None
        for row in self.rows:
            if row.label is not None and row.label.kind == GROUP and not row.runs:
                row.key = ""          # a group label with no numbers of its own

    def width(self, row: _Row) -> list[Column]:
        if self.name in ("t2", "t2v19") and row.key not in (L.T2V19_ROWS if self.name == "t2v19" else L.T2_ROWS):
            return []
        return _columns(self.name, row.key)

    def split(self, spaced: bool) -> None:
        """Each row's pieces into its cells; ``spaced``: the page prints a space between cells
        (:func:`_printed_spaced`), so a row short of pieces lost a cell and is not split."""
        check = {"t3": _sum_check(len(L.T3_APPLICANTS)), "t4": _sum_check(len(L.T4_PARTS))}.get(self.name)
        for row, columns in self.sized_rows():
            pieces = row.pieces
            if len(pieces) >= len(columns) and pieces:
                continue              # one printed piece per cell (or too many: the builder says so)
            if spaced and pieces and all(any(_cell_ok(p, c) for c in columns) for p in pieces):
                row.short = True      # (a piece no cell can be, 「000」, ran together: split below)
                continue
            row.fit = split_run(pieces, columns, check)

    def sized_rows(self) -> list[tuple[_Row, list[Column]]]:
        """The rows that have cells to read, each with its columns."""
        rows = [(row, self.width(row)) for row in self.rows if row.key or row.label is None]
        return [(row, columns) for row, columns in rows if columns]

    def bad(self) -> list[_Row]:
        return [r for r in self.rows if r.fit is not None and r.fit.count != 1]

    def rebuilt(self) -> list[_Row]:
        return [r for r in self.rows if r.fit is not None and r.fit.count == 1 and len(r.pieces) < len(r.fit.readings[0])]

    # -- output ------------------------------------------------------------------------------
    def items(self, problems: list[Problem], spaced: bool) -> list[Item]:
        """The table's items (its rows grouped already, :meth:`group_rows`)."""
        self.split(spaced)
        bad = self.bad()
        if bad:
            problems.append(self.unreadable(bad))
        elif self.rebuilt():
            problems.append(self.reconstructed(self.rebuilt()))
        problems.extend(self.cell_lost(r) for r in self.rows if r.short)
        by_label = {id(r.label): r for r in self.rows if r.label is not None}
        t4_row = next((r for r in self.rows if r.label is None), None)
        out: list[Item] = []
        t4_done = False
        for token in self.tokens:
            line = self.src.line(token.start)
            if token.kind == VALUE:
                if self.name == "t4" and t4_row is not None:
                    if not t4_done:
                        t4_done = True
                        out.extend(self.values(t4_row, bool(bad)))
                    continue
                if not any(token in r.runs for r in self.rows):
                    out.extend(Item(line, p, CELL) for p in pieces_of(token.text))
                continue
            text = " ".join(token.text.split())
            role = TEXT if token.kind == OTHER and len(L.squash(text)) > 12 else CELL
            out.append(Item(line, text, role))
            row = by_label.get(id(token))
            if row is not None:
                out.extend(self.values(row, bool(bad)))
        return out

    def values(self, row: _Row, unreadable: bool) -> list[Item]:
        if not row.runs or unreadable or row.short:
            return []
        line = self.src.line(row.runs[0].start)
        cells = row.fit.readings[0] if row.fit is not None else row.pieces
        return [Item(line, cell, CELL) for cell in cells]

    def unreadable(self, bad: list[_Row]) -> Problem:
        first = bad[0]
        line = self.src.line((first.label or first.runs[0]).start)
        several = [r for r in bad if r.fit.count > 1]
        none = [r for r in bad if r.fit.count == 0]
        parts = []
        if several:
            r = several[0]
            readings = [x for x in r.fit.readings if x]
            how = "，也可以拆成 ".join(_reading(x) for x in readings[:2])
            example = f"「{_label_text(self.name, r)}」的「{' '.join(r.pieces)}」可以拆成 {how}" if len(readings) > 1 else \
                f"「{_label_text(self.name, r)}」的「{' '.join(r.pieces)}」可能的拆法太多"
            parts.append(f"{len(several)} 处数字串有不止一种拆法（如{example}）")
        if none:
            r = none[0]
            printed = " ".join(r.pieces) or "（没有数字）"
            parts.append(f"{len(none)} 处数字串拆不成应有的 {len(self.width(r))} 格（如「{_label_text(self.name, r)}」的「{printed}」）")
        # what follows from it (no cell checked; compare with the original) the table's one
        # read-status finding says (parse.readstatus)
        message = "数字连在一起，数字之间的分隔丢失：" + "；".join(parts)
        return Problem("unreadable-text", line, message, table=self.name, row="")

    def cell_lost(self, row: _Row) -> Problem:
        """A row of a table printed with its separators, short of cells: which one was lost cannot
        be told, so the row is not read (table 四, one row of 15, is the whole table)."""
        line = self.src.line((row.label or row.runs[0]).start)
        width, raw = len(self.width(row)), " ".join(row.pieces)
        if row.label is None:
            return Problem("unreadable-text", line, f"读到 {len(row.pieces)} 个数（「{raw[:40]}」），应为 {width} 个：{_CELL_LOST}",
                           table=self.name)
        message = (f"{_ZH[self.name]}「{_label_text(self.name, row)}」应有 {width} 个数，此处只读到 {len(row.pieces)} 个"
                   f"（「{raw}」）：{_CELL_LOST}")
        return Problem("unreadable-text", line, message, table=self.name, row=row.key, expected=width,
                       actual=len(row.pieces), cells=[{"raw": raw, "line": line, "why": _CELL_LOST}])

    def reconstructed(self, rows: list[_Row]) -> Problem:
        first = rows[0]
        line = self.src.line((first.label or first.runs[0]).start)
        rule = {"t3": "每行 7 格、总计等于各申请人之和", "t4": "15 格、每栏总计等于前四格之和"}.get(self.name, "每行的格数")
        shown = "，".join(f"「{_label_text(self.name, r)}」「{' '.join(r.pieces)}」→ {_reading(r.fit.readings[0])}"
                         for r in rows[:3])
        more = f"等 {len(rows)} 处" if len(rows) > 3 else ""
        message = (f"{_ZH[self.name]}的数字连在一起（数字之间的分隔丢失），按表格结构（{rule}、多位数不以 0 开头）"
                   f"只有一种拆法，已按此读取：{shown}{more}；请对照原件核实")
        return Problem("reconstructed", line, message, table=self.name, row="")


# --- the layout --------------------------------------------------------------------------------


def _printed_spaced(tables: list[_Table]) -> bool:
    """Does the page print a space between its cells? Yes when most rows of several cells, over
    all its tables, print one piece per cell (a crawler's 「get_text(" ")」): a row short of
    pieces then lost a cell (mostly a blank one), and no piece is digits run together to be
    split. Rows of one cell tell nothing; table 四 is one row, table 二 has two of several."""
    telling = [len(row.pieces) == len(columns) for table in tables for row, columns in table.sized_rows()
               if len(columns) > 1 and row.pieces]
    return len(telling) >= 2 and sum(telling) * 2 > len(telling)


def layout_run_on(lines: list[str], encoding: str = "utf-8") -> Layout:
    """Lay out crawled text with the whole report on a few lines (variant ``run-on``)."""
    starts, pos = [], 0
    for line in lines:
        starts.append(pos)
        pos += len(line) + 1
    src = _Source("\n".join(lines), starts)
    text = src.text
    headings = find_headings(text)
    first = headings[0].start if headings else len(text)
    head_end = _head_end(text, first)
    tail = _tail_start(text, max(head_end, headings[-1].end if headings else head_end), len(text))
    problems: list[Problem] = []
    parts: list[list[Item] | _Table] = [_chrome_items(src, 0, head_end, allow_title=True),
                                        _prose_items(src, head_end, first)]
    for i, heading in enumerate(headings):
        end = headings[i + 1].start if i + 1 < len(headings) else tail
        parts.append([Item(src.line(heading.start), " ".join(heading.text.split()), TEXT)])
        parts.extend(_section_parts(src, heading.end, max(heading.end, end)))
    tables = [part for part in parts if isinstance(part, _Table)]
    for table in tables:
        table.group_rows()
    spaced = _printed_spaced(tables)         # decided for the page before any table is split
    items = [item for part in parts for item in (part.items(problems, spaced) if isinstance(part, _Table) else part)]
    _sign_off(items)
    items.extend(_chrome_items(src, tail, len(text), allow_title=False))
    return Layout(items=items, variant=VARIANT, encoding=encoding, line_count=len(lines) - (lines[-1:] == [""]), problems=problems)


_SIGN_OFF = re.compile(r"^(?P<agency>[^。，；！？]{2,40}?)\s*(?P<date>(\d{4}|[〇零○一二三四五六七八九]{4})\s*年\s*"
                       r"[\d一二三四五六七八九十]{1,3}\s*月\s*[\d一二三四五六七八九十]{1,3}\s*日)$")


def _sign_off(items: list[Item]) -> None:
    """The agency's name and the date run together at the end (「…情况。示例局2025年1月20日」): two lines."""
    if not items or items[-1].role != TEXT:
        return
    last = items[-1]
    m = _SIGN_OFF.match(last.text)
    if m:
        items[-1:] = [Item(last.line, m.group("agency").strip(), TEXT), Item(last.line, m.group("date"), TEXT)]


def _section_parts(src: _Source, start: int, end: int) -> list[list[Item] | _Table]:
    """A section's text: its prose as items, and the tables found in it (laid out later)."""
    parts: list[list[Item] | _Table] = []
    pos = start
    while pos < end:
        found = _table_start(src.text, pos, end)
        if found is None:
            break
        at, name = found
        tokens, stop = _tokens(src.text, at, end, name)
        if not tokens:
            break
        parts.append(_prose_items(src, pos, at))
        parts.append(_Table(src, name, tokens))
        pos = max(stop, at + 1)
    parts.append(_prose_items(src, pos, end))
    return parts
