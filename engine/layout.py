"""The layout stage: source text → a list of items, one per cell or paragraph, with its line.

Word exports put every table cell on its own tab-indented line with blank lines between rows;
web exports put every cell and paragraph on its own line between blank lines. Both become the
same item list here. Readers for other layouts (pdftotext rows, markdown tables, .docx, .html,
.pdf) produce the same items, so the parser never needs to know where a report came from.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .model import Problem

# roles of an item
TEXT = "text"      # a paragraph, heading or label
CELL = "cell"      # a table cell (the layout marks it as one, e.g. a tab-indented line)
EMPTY = "empty"    # an explicitly empty table cell
CHROME = "chrome"  # web-portal furniture: 来源/发布时间/字体/打印…; kept for its dates
PAGE = "page"      # a page number

BOOKMARK = re.compile(r"\[bookmark:[^\]]*\]")
_CHROME = re.compile(
    r"^(来源[:：]|发布(时间|日期)[:：]|浏览次数|字体[:：]|【?打印|扫一扫|【?关闭|分享到|信息来源[:：]"
    r"|索引号[:：]|访问量|点击(数|率|量)|当前位置|首页\s*[>＞»])"
)
_CHROME_ANYWHERE = re.compile(r"扫一扫在手机打开当前页|字体[:：]\s*\[|【\s*[大中小]\s*】")
_PAGE_NUMBER = re.compile(r"^([-—–－]\s*\d{1,3}\s*[-—–－]|第\s*\d{1,3}\s*页(\s*[/，,]?\s*共\s*\d{1,3}\s*页)?|\d{1,3}\s*/\s*\d{1,3})$")


@dataclass(frozen=True)
class Item:
    """One unit of the layout: a line of text or a cell, with its 1-based source line."""

    line: int
    text: str
    role: str = TEXT
    page: int = 0
    source: str = ""   # where in a non-text file: "段落 12", "表格 3 第 5 行第 2 格", "第 2 页"


@dataclass
class Layout:
    items: list[Item]
    variant: str = "text"            # which layout the reader recognised
    encoding: str = "utf-8"
    line_count: int = 0
    problems: list[Problem] = field(default_factory=list)   # what the reader could not lay out

    @property
    def content(self) -> list[Item]:
        """Items the parser reads (not chrome, not page numbers)."""
        return [it for it in self.items if it.role in (TEXT, CELL, EMPTY)]


def clean(text: str) -> str:
    """Remove Word artifacts and stray control characters from one line."""
    text = BOOKMARK.sub("", text)
    return text.replace("\ufeff", "").replace("\u200b", "").replace("\x0c", "")


def is_chrome(text: str) -> bool:
    stripped = text.strip()
    return bool(_CHROME.match(stripped) or _CHROME_ANYWHERE.search(stripped))


def from_text(text: str, encoding: str = "utf-8") -> Layout:
    """Lay out one-cell-per-line text (both the tab-indented and the blank-line variant)."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    tabbed = sum(1 for line in lines if line.startswith("\t"))
    variant = "word-tabs" if tabbed >= 20 else "blank-lines"
    items: list[Item] = []
    for number, raw in enumerate(lines, start=1):
        line = clean(raw)
        body = line.strip(" \t\u00a0\u3000")
        if variant == "word-tabs" and line.startswith("\t"):
            items.append(Item(number, body, CELL if body else EMPTY))
            continue
        if not body:
            continue
        if is_chrome(body):
            items.append(Item(number, body, CHROME))
        elif _PAGE_NUMBER.match(body) or (variant == "word-tabs" and body.isdigit() and len(body) <= 3):
            # in a Word export, cells are tab-indented: a bare number at the margin is a page number
            items.append(Item(number, body, PAGE))
        else:
            items.append(Item(number, body, TEXT))
    return Layout(items=items, variant=variant, encoding=encoding, line_count=len(lines))
