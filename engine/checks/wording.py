"""Slips in the wording that careful proofreading catches (怀化's 「文字严谨」): a year with its 年
left out (「现公布2024长春市…」), a paragraph that stops on a comma, a word typed twice."""

from __future__ import annotations

import re

from ..hookspecs import hookimpl
from ..kinds import CheckKind, Hit, Param
from .common import where

DEFECTS = {
    # a four-digit year run straight into a word; 〔2024〕 document numbers and 2024年 are fine
    "year-without-nian": (re.compile(r"(?<![\d.〔\[［（(])(?:19|20)\d{2}(?=[\u4e00-\u9fff])(?![年])"),
                          "年份后缺少「年」字"),
    "dangling-comma": (re.compile(r"[，,、]\s*$"), "段落以逗号结尾，句子没有写完"),
    "repeated-word": (re.compile(r"([\u4e00-\u9fff]{2,8})\1"), "词语重复"),
}


def text_defects(rule, report, context):
    """Each chosen defect, once per paragraph, with the words around it."""
    chosen = [DEFECTS[name] for name in rule.params["checks"]]
    for paragraph in report.all_paragraphs() + report.closing:
        for pattern, defect in chosen:
            m = pattern.search(paragraph.text)
            if m:
                text, start, end = paragraph.text, max(0, m.start() - 8), m.end() + 8
                around = ("…" if start else "") + text[start:end].strip() + ("…" if end < len(text) else "")
                yield Hit(line=paragraph.line, section=where(report, paragraph.line), actual=m.group(0),
                          values={"defect": defect, "match": m.group(0), "context": around})


def _known(value) -> str | None:
    unknown = [v for v in value if v not in DEFECTS]
    return f"不认识 {', '.join(map(str, unknown))}；可用：{', '.join(DEFECTS)}" if unknown else None


@hookimpl
def gixlint_check_kinds():
    return [CheckKind("text-defects", text_defects, {
        "checks": Param(list, "查哪些：" + "、".join(DEFECTS), default=list(DEFECTS), validate=_known),
    }, doc="文字疏漏：年份缺「年」字、段落以逗号结尾、词语重复。", placeholders=("defect", "match", "context"))]
