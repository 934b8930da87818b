"""Slips in the wording that careful proofreading catches (怀化's 「文字严谨」): a year with its 年
left out (「现公布2024长春市…」), a paragraph that stops on a comma, a word typed twice.

Each pattern is narrow on purpose; ordinary report language must not trip it:
counts (「主动公开信息2036条」), 「2024版」「2024届」「2024—2025学年」, 「一件一件抓落实」, and a
year inside a title or quotation (《现在为您导航！2019上海再出发》, 「2024政务公开」, “2024我来说”).
"""

from __future__ import annotations

import re

from gixlint.checks.common import where
from gixlint.lint.hookspecs import hookimpl
from gixlint.lint.kinds import CheckKind, Hit, Param

# after 第 a number is an ordinal (第2021号, 第2020区), not a year
_YEAR = re.compile(r"(?<![\d.〔\[［（(—–\-/~～第])(?:19|20)\d{2}(?![\d年])(?=[\u4e00-\u9fff])")
# _YEAR less its look-behind, which keeps re from skipping ahead to a 1 or a 2: every match of
# _YEAR is one of this, so a paragraph without any is passed over after one quick search
_YEAR_AT_ALL = re.compile(r"(?:19|20)\d{2}(?![\d年])(?=[\u4e00-\u9fff])")
# what may follow a four-digit number without 年: units of a count, or a year used as a name
_NOT_A_SLIP = set("条件个份项篇次人名场张宗批册台套部卷余多万千百家户元月日届级版期号学季至到起止")
_COMMA_END = re.compile(r"[，,、]\s*$")
_TWICE = re.compile(r"([\u4e00-\u9fff]{2,8})\1")
_WRAPPED = 3        # more paragraphs than this ending on a comma: the text is hard-wrapped, not unfinished

DEFECTS = {
    "year-without-nian": "年份后缺少「年」字",
    "dangling-comma": "段落以逗号结尾，句子没有写完",
    "repeated-word": "词语重复",
}


# a title or a quotation: 《现在为您导航！2019上海再出发》 names a work, its year is no slip
_QUOTED = re.compile(r"《[^《》]*》|〈[^〈〉]*〉|「[^「」]*」|『[^『』]*』|“[^“”]*”|\"[^\"]*\"")


def _slips(check: str, text: str, year: int | None):
    """Matches of one defect in one paragraph's text."""
    if check == "year-without-nian":
        if not _YEAR_AT_ALL.search(text):
            return          # no year without 年 anywhere (most paragraphs write 2024年)
        quoted = None       # worked out at the first candidate: most paragraphs have none
        for m in _YEAR.finditer(text):
            if quoted is None:
                quoted = [q.span() for q in _QUOTED.finditer(text)]
            if any(a < m.start() < b for a, b in quoted):
                continue
            near = year is None or abs(int(m.group(0)) - year) <= 2
            standard = re.search(r"[A-Za-z/]\s*$", text[:m.start()])       # GB/T 2024, ISO 2023
            if near and not standard and text[m.end()] not in _NOT_A_SLIP:
                yield m
    elif check == "dangling-comma":
        if _ends_on_comma(text):
            yield from _COMMA_END.finditer(text)
    else:
        for m in _TWICE.finditer(text):
            if m.group(1)[0] not in "一两几每":        # 一件一件, 一项一项: said on purpose
                yield m


def _ends_on_comma(text: str) -> bool:
    """Does ``_COMMA_END`` match: the text's last character but whitespace is a comma (\\s is
    str.isspace, which rstrip strips)? Without a search through the whole paragraph."""
    return text.rstrip()[-1:] in _COMMAS


_COMMAS = ("，", ",", "、")


def text_defects(rule, report, context):
    """Every chosen defect, with the words around it."""
    paragraphs = report.all_paragraphs() + report.closing
    checks = list(rule.params["checks"])
    if sum(1 for p in paragraphs if _ends_on_comma(p.text)) > _WRAPPED:
        checks = [c for c in checks if c != "dangling-comma"]
    for paragraph in paragraphs:
        text = paragraph.text
        for check in checks:
            for m in _slips(check, text, report.meta.year):
                start, end = max(0, m.start() - 8), m.end() + 8
                around = ("…" if start else "") + text[start:end].strip() + ("…" if end < len(text) else "")
                yield Hit(line=paragraph.line, section=where(report, paragraph.line), actual=m.group(0),
                          values={"defect": DEFECTS[check], "match": m.group(0), "context": around})


def _known(value) -> str | None:
    unknown = [v for v in value if v not in DEFECTS]
    return f"不认识 {', '.join(map(str, unknown))}；可用：{', '.join(DEFECTS)}" if unknown else None


@hookimpl
def gixlint_check_kinds():
    return [CheckKind("text-defects", text_defects, {
        "checks": Param(list, "查哪些：" + "、".join(DEFECTS), default=list(DEFECTS), validate=_known),
    }, doc="文字疏漏：年份缺「年」字、段落以逗号结尾、词语重复。", placeholders=("defect", "match", "context"))]
