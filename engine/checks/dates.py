"""Date kinds: dates that exist, one report year, the full-year period, published on time.

Deadlines follow 条例 art. 49: a department publishes by 1月31日 of the next year, a
people's government's own report by 3月31日; both are parameters of the rule, and a supervisor's
roster may set an agency's type or its own local deadline (:mod:`gixlint.corpus.roster`).
"""

from __future__ import annotations

import re
from datetime import date

from gixlint.checks.common import sentences, where
from gixlint.lint.hookspecs import hookimpl
from gixlint.lint.kinds import CheckKind, Hit, Param
from gixlint.vocab.dates import cn_number
from gixlint.vocab.deadlines import deadline as agency_deadline
from gixlint.vocab.deadlines import deadline_params, due_date

CHECKS = ("impossible", "year-mismatch", "period-wrong", "period-missing", "before-year-end", "late",
          "future", "missing", "signoff-missing", "stale-year")
# a sentence that opens on a year (「2023年，本局……」) says what that year's work was; in the 2024
# report it should be 2024. 「2023年以来」「2023年底」「与2023年相比」 do not open this way.
_CN_YEAR = re.compile(r"[〇零○Ｏ一二三四五六七八九]{4}(?=年)")        # 二〇二三年，… as well
_OPENING_YEAR = re.compile(r"^\s*(?:（[一二三四五六七八九十\d]+）\s*)?(20\d{2})\s*年度?\s*[，,]")


def _iso(d) -> str:
    return d.iso if hasattr(d, "iso") else f"{d.year:04d}-{d.month:02d}-{d.day:02d}"


def _issued(report):
    """Sign-off and publication dates that exist in the calendar."""
    return [d for d in report.dates if d.role in ("signoff", "published") and d.valid]


def run(rule, report, context):
    check = rule.params["check"]
    year = report.meta.year
    hit = lambda d, **kw: Hit(line=d.line, section=where(report, d.line), **kw)  # noqa: E731
    if check == "impossible":
        for d in report.dates:
            if not d.valid:
                yield hit(d, actual=d.text, values={"date": d.text})
    elif check == "year-mismatch" and year:
        for d in report.dates:
            if d.role in ("period_start", "period_end") and d.year != year:
                yield hit(d, expected=year, actual=d.year, values={"date": d.text, "year": year,
                                                                    "title_year": year})
                break
    elif check == "period-wrong" and year:
        starts = [d for d in report.dates if d.role == "period_start"]
        ends = [d for d in report.dates if d.role == "period_end"]
        for s, e in zip(starts, ends):
            if (s.year, s.month, s.day) != (year, 1, 1) or (e.year, e.month, e.day) != (year, 12, 31):
                yield hit(s, expected=f"{year}年1月1日至{year}年12月31日", actual=s.text,
                          values={"period": s.text, "year": year})
    elif check == "period-missing":
        if not any(d.role == "period_start" for d in report.dates):
            yield Hit(line=report.meta.title_line or 1, values={"year": year or "当"})
    elif check == "before-year-end" and year:
        for d in _issued(report):   # a month-only date (2024年12月): only if even its last day is
            if d.latest <= date(year, 12, 31):
                yield hit(d, expected=f"晚于 {year}-12-31", actual=_iso(d),
                          values={"date": d.text, "year": year, "role": _ROLE[d.role]})
    elif check == "late" and year:
        issued = _issued(report)
        if not issued:
            return
        first = min(issued, key=lambda d: d.earliest)
        entry = context.roster.find(report.meta.agency) if context.roster else None
        mmdd, who, basis = agency_deadline(entry, report.meta.agency, rule.params)
        deadline = due_date(mmdd, year + 1)
        if first.earliest > deadline:       # a month-only date (2025年2月): only if even its first day is
            yield hit(first, expected=f"不晚于 {deadline.isoformat()}", actual=_iso(first),
                      values={"date": first.text, "deadline": f"{deadline.year}年{deadline.month}月{deadline.day}日",
                              "role": _ROLE[first.role], "who": who, "basis": basis})
    elif check == "future":
        for d in _issued(report):  # plans in the text (「2026年底前完成」) may lie ahead; the report's own dates may not
            if d.earliest > context.today:
                yield hit(d, expected=f"不晚于 {context.today.isoformat()}", actual=_iso(d),
                          values={"date": d.text, "today": context.today.isoformat()})
    elif check == "missing":
        if not any(d.role in ("signoff", "published") for d in report.dates):
            yield Hit(line=report.sections[-1].end_line if report.sections else 1)
    elif check == "stale-year" and year and report.section(1):
        # only 一 narrates the year's work; 五 rightly tells how last year's problems were fixed
        paragraph_of = {p.line: p.text for p in report.section(1).paragraphs}
        for line, sentence in sentences(report.section(1).paragraphs):
            if "年" not in sentence:
                continue        # _OPENING_YEAR needs a 年, and _CN_YEAR would change nothing
            m = _OPENING_YEAR.match(_CN_YEAR.sub(lambda y: str(cn_number(y.group())), sentence))
            # 「2023年…，2024年继续」「2023年收到40件；2024年收到50件」: a comparison, not a copy
            if m and int(m.group(1)) == year - 1 and f"{year}年" not in paragraph_of.get(line, sentence):
                yield Hit(line=line, section=where(report, line), actual=int(m.group(1)),
                          values={"date": m.group(0).strip(),
                                  "sentence": sentence if len(sentence) <= 40 else sentence[:40] + "…"})
    elif check == "signoff-missing":
        roles = {d.role for d in report.dates}
        if "published" in roles and "signoff" not in roles:
            yield Hit(line=report.sections[-1].end_line if report.sections else 1)


_ROLE = {"signoff": "落款日期", "published": "发布时间"}


@hookimpl
def gixlint_check_kinds():
    return [CheckKind("date", run, {
        "check": Param(str, "、".join(CHECKS) + " 之一", required=True, choices=CHECKS),
        "policy": Param(str, "期限按谁算：auto（机关名称以「人民政府」或地名（市、区、县、镇、实验区……）结尾按政府，否则按部门）、department、government",
                        default="auto", choices=("auto", "department", "government")),
        "department_deadline": Param(str, "政府部门的发布期限（次年 月-日）", default="01-31"),
        "government_deadline": Param(str, "本级人民政府的发布期限（次年 月-日）", default="03-31"),
    }, doc="日期：真实存在、年度一致、统计期为全年、年度结束后按时发布、不在将来。",
        placeholders=("date", "title_year", "period", "role", "deadline", "who", "basis", "today", "sentence"),
        validate=deadline_params)]

