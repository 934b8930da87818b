"""The cell value model: what a table cell holds, kept honest.

A blank cell, a slash, a dash and a word are different facts about a report and are never
turned into 0; only real numbers get a numeric ``value``.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from gixlint.vocab import limits
from gixlint.vocab.labels import label_key

# kinds of cell content
NUMBER = "number"      # 12, 0.5, 52（其中…）
BLANK = "blank"        # an empty cell
DASH = "dash"          # / — - 无
TEXT = "text"          # anything else
MISSING = "missing"    # the layout had no cell here at all

# 〇 is the Chinese numeral zero; a lone O, o or l in a table is OCR's misreading of 0 or 1 (the
# parser declares such a row unread rather than guess)
ZERO_LIKE = {"〇", "○", "O", "o", "l"}
DASHES = {"/", "\\", "—", "——", "-", "--", "–", "―", "无", "空", "／", "－", "N/A", "n/a"}
_ANNOTATION = re.compile(r"^([(\[【]|(个|件|条|项|份|次|宗|万元|元)([(\[【，,；;].*)?$)")
_SPACED_THOUSANDS = re.compile(r"^\d{1,3}(?: \d{3})+(?=$|\D)")   # 「12 345」: a space between thousands
_NUMBER = re.compile(r"^([+-]?)(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?(.*)$", re.S)
_VALUE_START = re.compile(r"[+-]?\d")     # how _NUMBER's match starts


@dataclass(frozen=True, init=False)
class Cell:
    """One table cell: the text as written, its value and where it stands."""

    raw: str
    line: int
    kind: str
    value: int | Decimal | None = None
    annotation: str = ""

    def __init__(self, raw: str, line: int, kind: str, value: int | Decimal | None = None, annotation: str = ""):
        # a report has hundreds of cells: the fields go straight into the instance's dict, a third
        # of the cost of a frozen dataclass's generated __init__ (object.__setattr__ per field)
        fields = self.__dict__
        fields["raw"] = raw
        fields["line"] = line
        fields["kind"] = kind
        fields["value"] = value
        fields["annotation"] = annotation

    @property
    def is_number(self) -> bool:
        return self.kind == NUMBER

    def to_json(self) -> dict:
        value = self.value
        if isinstance(value, Decimal):
            value = float(value)
        data = {"raw": self.raw, "value": value, "kind": self.kind, "line": self.line}
        if self.annotation:
            data["annotation"] = self.annotation
        return data


def missing_cell(line: int) -> Cell:
    return Cell("", line, MISSING)


def parse_cell(raw: str, line: int) -> Cell:
    """Classify and read one cell's text."""
    kind, value, annotation = _read(raw, limits.current().number_digits)
    return Cell(raw, line, kind, value, annotation)


def parse_cells(items) -> list[Cell]:
    """:func:`parse_cell` of each of a row's items (anything with ``text`` and ``line``), with
    the digit limit looked up once for the row."""
    most = limits.current().number_digits
    read = _read
    out = []
    for item in items:
        raw = item.text
        kind, value, annotation = read(raw, most)
        out.append(Cell(raw, item.line, kind, value, annotation))
    return out


@lru_cache(maxsize=8192)
def _read(raw: str, most_digits: int) -> tuple[str, int | Decimal | None, str]:
    """(kind, value, annotation) of a cell's text; cached, as reports repeat small numbers (keyed by
    the digit limit too, which a configuration may change)."""
    text = unicodedata.normalize("NFKC", raw).replace("\u00a0", " ").strip()
    text = _SPACED_THOUSANDS.sub(lambda m: m.group(0).replace(" ", ""), text)
    if not text:
        return BLANK, None, ""
    if text in DASHES:
        return DASH, None, ""
    if text in ("〇", "○"):
        return NUMBER, 0, ""                  # the Chinese numeral zero
    m = _NUMBER.match(text)
    if not m:
        return TEXT, None, ""
    sign, digits, frac, rest = m.groups()
    rest = rest.strip()
    if len(digits.replace(",", "")) > most_digits or len(frac or "") > most_digits:
        return TEXT, None, ""                 # no count has this many digits
    # "1.5万元" or "52（其中…）" keep their number; "3a" or "7 13" are text
    if rest and not _ANNOTATION.match(rest):
        return TEXT, None, ""
    try:
        number = Decimal(sign + digits.replace(",", "") + (frac or ""))
    except InvalidOperation:
        return TEXT, None, ""
    return NUMBER, (int(number) if frac is None else number), rest


@lru_cache(maxsize=8192)
def looks_like_value(text: str) -> bool:
    """Could this line be a table cell value (as opposed to a label or prose)?"""
    # a value's label key is its dash or starts with its number: the key (which the lexer and
    # the layout have worked out already) tells prose apart without normalising it again
    key = label_key(text)
    if not (_VALUE_START.match(key) or key in DASHES or key in ZERO_LIKE):
        return False
    return reads_as_value(text)


def reads_as_value(text: str) -> bool:
    """The text, normalised, is a dash, a zero-like word, or a number with at most a short tail."""
    squashed = unicodedata.normalize("NFKC", text).strip()
    if squashed in DASHES or squashed in ZERO_LIKE:
        return True
    m = _NUMBER.match(squashed)
    if not m:
        return False
    rest = m.group(4).strip()
    return not rest or rest[0] in "(（[【个件条项万元" or len(rest) <= 24
