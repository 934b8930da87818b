"""Page furniture: portal chrome (来源/发布时间/打印…), page numbers, Word's bookmarks.

Kept apart from the report's own text (chrome for its dates); never a paragraph or a cell.
"""

from __future__ import annotations

import re

from gixlint.vocab.textcache import cached_when_short

BOOKMARK = re.compile(r"\[bookmark:[^\]]*\]")
_CHROME = re.compile(
    r"^(来源[:：]|发布(时间|日期)[:：]|浏览次数|字体[:：]|【?打印|扫一扫|【?关闭|分享到|信息来源[:：]"
    r"|索引号[:：]|访问量|点击(数|率|量)|当前位置|首页\s*[>＞»]"
    r"|时间[:：]\s*\d{4}[-/.]\d{1,2}[-/.]\d{1,2}(\s+\d{1,2}:\d{2}(:\d{2})?)?\s*$)"   # a page's 时间：2022-02-08 16:34
)
_CHROME_ANYWHERE = re.compile(r"扫一扫在手机打开当前页|字体[:：]\s*\[|【\s*[大中小]\s*】")
_PAGE_NUMBER = re.compile(r"^([-—–－]\s*\d{1,3}\s*[-—–－]|第\s*\d{1,3}\s*页(\s*[/，,]?\s*共\s*\d{1,3}\s*页)?|\d{1,3}\s*/\s*\d{1,3})$")


def clean(text: str) -> str:
    """Remove Word artifacts and stray control characters from one line."""
    if "[bookmark:" in text:
        text = BOOKMARK.sub("", text)
    return text.replace("\ufeff", "").replace("\u200b", "").replace("\x0c", "")


@cached_when_short
def is_chrome(text: str) -> bool:
    """Portal furniture."""
    stripped = text.strip()
    return bool(_CHROME.match(stripped) or _CHROME_ANYWHERE.search(stripped))


@cached_when_short
def is_page_number(text: str) -> bool:
    """A page's number (-3-, 第 3 页, 3/12); remembered, as the row layout asks of every line."""
    return bool(_PAGE_NUMBER.match(text.strip()))
