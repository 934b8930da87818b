"""Section kinds: the six statutory sections present, in order, numbered as the format has them."""

from __future__ import annotations

import re

from gixlint.checks.common import section_name, section_number
from gixlint.lint.hookspecs import hookimpl
from gixlint.lint.kinds import CheckKind, Hit, Param, section_map
from gixlint.vocab import labels as L


def presence(rule, report, context):
    found = {s.number for s in report.sections}
    for number in range(1, 7):
        if number in found:
            continue
        after = [s for s in report.sections if s.number > number]
        line = after[0].line if after else (report.sections[-1].end_line if report.sections else 1)
        yield Hit(line=line, section=section_name(number),
                  values={"number": L.NUMERALS[number - 1], "title": L.SECTION_TITLES[number]})


def order(rule, report, context):
    highest = 0
    for s in report.sections:
        if s.number < highest:
            yield Hit(line=s.line, section=section_name(s.number),
                      values={"heading": s.heading, "previous": L.NUMERALS[highest - 1]})
        highest = max(highest, s.number)


def numbering(rule, report, context):
    for s in report.sections:
        expected = L.NUMERALS[s.number - 1]
        if s.inferred:
            yield Hit(line=s.line, section=section_name(s.number), expected=f"{expected}、{L.SECTION_TITLES[s.number]}",
                      actual=None, message=f"第{expected}部分没有标题：从「{s.title[:30]}」起的内容按第{expected}部分检查；"
                      f"应加标题「{expected}、{L.SECTION_TITLES[s.number]}」")
            continue
        if s.numeral == expected and s.separator == "、":
            continue
        yield Hit(line=s.line, section=section_name(s.number), expected=f"{expected}、", actual=s.heading,
                  values={"heading": s.heading, "numbering": f"{s.numeral}{s.separator}" or "（无编号）"})


# The titles of 条例 art. 50 (and of the 2019 trial format), which the 2021 format shortened:
# a report that heads its parts with the law's own words is not off the format.
STATUTORY_TITLES = {
    2: ("行政机关主动公开政府信息的情况", "主动公开政府信息的情况"),
    3: ("行政机关收到和处理政府信息公开申请的情况", "收到和处理政府信息公开申请的情况"),
    4: ("因政府信息公开工作被申请行政复议、提起行政诉讼的情况", "因政府信息公开工作被申请行政复议、提起行政诉讼情况"),
    5: ("政府信息公开工作存在的主要问题及改进情况",),
}


def title_wording(rule, report, context):
    for s in report.sections:
        canonical = L.SECTION_TITLES[s.number]
        accepted = {L.label_key(t) for t in (canonical, *STATUTORY_TITLES.get(s.number, ()))}
        if not s.inferred and L.label_key(s.title) not in accepted:
            yield Hit(line=s.line, section=section_name(s.number), expected=canonical, actual=s.title,
                      values={"heading": s.heading, "canonical": canonical})


_SUB = re.compile(r"^\s*[（(]\s*([一二三四五六七八九十]+|\d+)\s*[)）]")


def _value(numeral: str) -> tuple[int | None, str]:
    """The number and style of a subheading's numeral; None for one that reads as no number (十十)."""
    if numeral.isdigit():
        return int(numeral), "arabic"
    from gixlint.vocab.dates import cn_number

    return cn_number(numeral), "chinese"


def subsection_numbering(rule, report, context):
    """（一）（二）… inside a section: no duplicates, no gaps, one numeral style.

    Items in the other style are a nested level (（一） … （1）（2） … （二）) and are left alone,
    unless one stands exactly where the main sequence's next number belongs (（1） before （二）:
    written in the wrong style)."""
    for s in report.sections:
        items = [(p.line, m.group(0).strip(), *_value(m.group(1)))
                 for p in s.paragraphs if (m := _SUB.match(p.text))]
        items = [item for item in items if item[2] is not None]     # （十十）: no number to check
        if len(items) < 2:
            continue
        styles = [style for *_, style in items]
        restarts = {st: sum(1 for *_, v, s2 in items if s2 == st and v == 1) for st in set(styles)}
        nested = {st for st, n in restarts.items() if n >= 2}   # a style that starts over is the inner list
        outer = sorted(set(styles) - nested) if len(nested) < len(set(styles)) else sorted(set(styles))
        main = max(outer, key=styles.count)
        expected = 1
        for index, (line, written, value, style) in enumerate(items):
            problem = ""
            if style != main:
                following = next((v for _l, _w, v, st in items[index + 1:] if st == main), None)
                if value != expected or following != value + 1:
                    continue    # a nested list
                problem = "编号样式与本部分其他小标题不一致"
            elif value == expected - 1:
                problem = "小标题编号重复"
            elif value != expected:
                problem = "小标题编号不连续"
            if problem:
                want = f"（{L.NUMERALS[expected - 1]}）" if main == "chinese" and expected <= 10 else f"（{expected}）"
                yield Hit(line=line, section=section_name(s.number), expected=want, actual=written,
                          values={"numbering": written, "problem": problem})
            expected = value + 1 if style == main else expected + 1


def length(rule, report, context):
    """Too short (or only 无) under ``min_chars``; too long over ``max_chars``."""
    limits = [(key, n, "min") for key, n in (rule.params["min_chars"] or {}).items()]
    limits += [(key, n, "max") for key, n in (rule.params["max_chars"] or {}).items()]
    for key, limit, side in limits:
        number = section_number(key)
        s = report.section(number)
        if s is None:
            continue
        body = re.sub(r"\s", "", s.text)
        short = side == "min" and (len(body) < limit or re.fullmatch(r"无[。.]?", body))
        if short or (side == "max" and len(body) > limit):
            yield Hit(line=s.line, section=section_name(number),
                      values={"chars": len(body), "minimum": limit, "maximum": limit, "limit": limit,
                              "body": s.text[:20]})


def title_format(rule, report, context):
    phrase = rule.params["phrase"]
    title = L.squash(report.meta.title)
    missing = []
    if phrase not in title:
        missing.append(f"「{phrase}」")
    if report.meta.year is None:
        missing.append("年度")
    if not report.meta.agency:
        missing.append("机关名称")
    if missing:
        yield Hit(line=report.meta.title_line or 1, actual=report.meta.title,
                  values={"title": report.meta.title or "（未找到标题）", "missing": "、".join(missing)})


@hookimpl
def gixlint_check_kinds():
    return [
        CheckKind("section-presence", presence, {}, doc="六个法定部分（一至六）都要有。",
                  placeholders=("number", "title")),
        CheckKind("section-order", order, {}, doc="各部分按一至六的顺序出现。", placeholders=("heading", "previous")),
        CheckKind("section-numbering", numbering, {}, doc="一级标题用「一、」至「六、」编号。",
                  placeholders=("heading", "numbering")),
        CheckKind("section-title-wording", title_wording, {}, doc="一级标题与格式规定的标题一致。",
                  placeholders=("heading", "canonical")),
        CheckKind("subsection-numbering", subsection_numbering, {},
                  doc="部分内的（一）（二）…小标题不重复、不跳号、样式一致。", placeholders=("numbering", "problem")),
        CheckKind("section-length", length, {
            "min_chars": Param(dict, "各部分的最少字数，如 { \"一\" = 100, \"五\" = 20 }", default={},
                               validate=section_map),
            "max_chars": Param(dict, "各部分的最多字数，如 { \"一\" = 1000 }", default={}, validate=section_map),
        }, doc="部分内容过短、只写「无」，或超过字数上限。", placeholders=("chars", "minimum", "maximum", "limit", "body")),
        CheckKind("title-format", title_format, {
            "phrase": Param(str, "标题应含的报告名称", default="政府信息公开工作年度报告"),
        }, doc="标题含机关名称、年度和报告名称。", placeholders=("title", "missing")),
    ]
