"""Narrative numbers against the tables: 「共收到申请 60 件」 must be a value the tables give."""

from __future__ import annotations

import re

from gixlint.checks.common import scope_paragraphs, sentences, where
from gixlint.lint.formula import Evaluator, Uncheckable, compile_formula
from gixlint.lint.hookspecs import hookimpl
from gixlint.lint.kinds import CheckKind, Hit, Param, formula_list, regex_value, scope_value
from gixlint.vocab import labels as L


def _fmt(number) -> str:
    return str(int(number)) if number == int(number) else str(number)


def narrative_number(rule, report, context):
    """Numbers captured by ``pattern`` (group ``n``) must equal one of the ``accept`` formulas."""
    evaluator = Evaluator(report)
    accepted = []
    for text in rule.params["accept"]:
        try:
            accepted.append(evaluator.evaluate(compile_formula(text)).number)
        except (Uncheckable, ZeroDivisionError):
            return  # the table itself is unreadable there; the table rules say so
    pattern = re.compile(rule.params["pattern"])
    paragraphs, _section = scope_paragraphs(report, str(rule.params["scope"]))
    for line, sentence in sentences(paragraphs):
        for m in pattern.finditer(sentence):
            value = int(m.group("n"))
            if value not in accepted:
                yield Hit(line=line, section=where(report, line),
                          expected=" 或 ".join(map(_fmt, accepted)), actual=value,
                          values={"number": value, "phrase": m.group(0),
                                  "accepted": " 或 ".join(map(_fmt, accepted))})


# --- 办理结果 stated in the text against table 三 ------------------------------------------------

# the result groups of table 三: rows summed for each (（六）其他处理 may be one row, other_total)
RESULT_GROUPS = {
    "granted": ("予以公开", ("granted",)),
    "partial": ("部分公开", ("partially_granted",)),
    "denied": ("不予公开", tuple(k for k in L.T3_ROWS if k.startswith("denied_"))),
    "unable": ("无法提供", tuple(k for k in L.T3_ROWS if k.startswith("unable_"))),
    "not_processed": ("不予处理", tuple(k for k in L.T3_ROWS if k.startswith("not_processed_"))),
    "other": ("其他处理", L.T3_OTHER_LEAVES),
}
_CATEGORY = re.compile(
    r"(?P<gp>(?<!不)(?:予以|同意)公开(?:以及|[及和与、或])部分公开|(?<!不)(?:予以|同意)公开[（(]含部分公开[)）])"
    r"|(?P<granted>(?<!不)(?:予以|同意)公开)|(?P<partial>部分公开)|(?P<denied>不予(?:以)?公开)"
    r"|(?P<unable>无法提供)|(?P<not_processed>不予处理)|(?P<other>其他处理)")
# 「予以公开 208 件」「不予处理（信访举报投诉类）80件」 … or 「3件予以公开」
_AFTER = re.compile(r"(?P<filler>(?:[^，。；、,;\d%（()）]|[（(][^）)\d]*[）)]){0,12}?)(?P<n>\d+)件")
_BEFORE = re.compile(r"(?P<n>\d+)件(?:申请)?(?:被|为|属于|属|均)?$")
_COMPARED = re.compile(r"增|减|上升|下降|同比|较|多|少|占")
# the text speaks for more than the agency whose table this is
_AGGREGATE = re.compile(r"全(市|区|县|省|州|旗|盟|系统)|各(区|县|市|部门|单位|乡镇|街道)|辖区|系统内|下属|所属")
_TOTAL = re.compile(r"(?P<verb>答复|办结|办理完毕|作出答复|处理|办理)[^，。；、,;\d（(]{0,14}?(?P<n>\d+)件")
_FINAL = ("答复", "办结", "办理完毕", "作出答复")     # completed applications; 办理/处理 may include pending ones
_PENDING = re.compile(r"结转|顺延|正在办理|办理中|尚未办结|未办结|继续办理|延期")


def result_mentions(text: str):
    """(group, number, start, end, phrase) for every result category stated with a count."""
    out = []
    for m in _CATEGORY.finditer(text):
        group = m.lastgroup
        after = _AFTER.match(text, m.end())
        if after and not _COMPARED.search(after.group("filler")) and not _CATEGORY.search(after.group("filler")):
            out.append((group, int(after.group("n")), m.start(), after.end(), text[m.start():after.end()]))
            continue
        before = _BEFORE.search(text[max(0, m.start() - 12):m.start()])
        if before:
            start = m.start() - len(before.group(0))
            out.append((group, int(before.group("n")), start, m.end(), text[start:m.end()]))
    return out


def _row_reading(table, row: str):
    """(lower bound, exact) for one row of table 三: its 总计, or failing that the sum of the
    applicant cells (a blank there is unknown, so the sum is only a lower bound); None if unread."""
    if table.unread(row) or row not in table.rows:
        return None
    cells = table.rows[row].cells
    total = cells.get("total")
    if total is not None and total.is_number:
        return int(total.value), True
    parts = [cells.get(c) for c in L.T3_APPLICANTS]
    numbers = [int(c.value) for c in parts if c is not None and c.is_number]
    return sum(numbers), len(numbers) == len(parts)


def _applicant_reading(table, row: str):
    """The applicant cells' sum when every one is a number (the 总计 may itself be wrong)."""
    if table.unread(row) or row not in table.rows:
        return None
    cells = [table.rows[row].cells.get(c) for c in L.T3_APPLICANTS]
    return sum(int(c.value) for c in cells) if all(c is not None and c.is_number for c in cells) else None


def _group_rows(table, group: str) -> tuple[str, ...]:
    rows = RESULT_GROUPS[group][1]
    if group == "other" and "other_total" in table.rows and not any(k in table.rows for k in rows):
        return ("other_total",)
    return rows


def group_reading(table, groups: tuple[str, ...]):
    """(lower bound, exact, applicant-only sum or None) for the union of result groups; None if unread."""
    low, exact, by_applicants = 0, True, 0
    for group in groups:
        for row in _group_rows(table, group):
            reading = _row_reading(table, row)
            if reading is None:
                return None
            low, exact = low + reading[0], exact and reading[1]
            alt = _applicant_reading(table, row)
            by_applicants = None if alt is None or by_applicants is None else by_applicants + alt
    return low, exact, by_applicants


def _fits(n: int, reading) -> bool:
    low, exact, by_applicants = reading
    return (n == low if exact else n >= low) or n == by_applicants


def _scoped_paragraphs(rule, report):
    paragraphs, _section = scope_paragraphs(report, str(rule.params["scope"]))
    for p in paragraphs:
        text = re.sub(r"\s+", "", p.text)
        if "申请" in text:
            yield p.line, text


def _context(text: str, start: int) -> str:
    """The sentence of a mention back to the nearest earlier one about applications with a count."""
    begin = 0
    for m in re.finditer(r"[^。；;！？!?]*[。；;！？!?]", text[:start]):
        if re.search(r"申请[^。；]*\d|\d+件", m.group(0)) and not _CATEGORY.search(m.group(0)):
            begin = m.start()
    return text[begin:start]


def narrative_results(rule, report, context):
    """Counts of 予以公开, 部分公开, 不予公开, 无法提供, 不予处理, 其他处理 stated in the text must
    be what table 三 gives for that group (the 总计 column; where it is blank, the applicant
    columns, of which the blanks make only a lower bound)."""
    table = report.tables.get("t3")
    if table is None:
        return
    for line, text in _scoped_paragraphs(rule, report):
        mentions = result_mentions(text)
        separate_partial = any(g == "partial" for g, *_ in mentions)
        for group, n, start, _end, phrase in mentions:
            if _AGGREGATE.search(_context(text, start)):
                continue
            if group == "gp":
                options = [("granted", "partial")]
            elif group == "granted" and not separate_partial:
                options = [("granted",), ("granted", "partial")]
            else:
                options = [(group,)]
            readings = [group_reading(table, o) for o in options]
            if any(r is None for r in readings) or any(_fits(n, r) for r in readings):
                continue
            names = ["".join(RESULT_GROUPS[g][0] if i == 0 else "及" + RESULT_GROUPS[g][0] for i, g in enumerate(o))
                     for o in options]
            shown = " 或 ".join(f"{name} {low}" if exact else f"{name} 至少 {low}（总计列空白，按各申请人列之和）"
                               for name, (low, exact, _a) in zip(names, readings))
            yield Hit(line=line, section=where(report, line), table="t3", expected=shown, actual=n,
                      values={"phrase": phrase, "number": n, "table_value": shown, "category": names[0]})


def narrative_breakdown(rule, report, context):
    """A breakdown by result stated after a total of answered applications must add up to it:
    exactly when every result group is named, and never to more than the total."""
    for line, text in _scoped_paragraphs(rule, report):
        mentions = result_mentions(text)
        if len(mentions) < 2:
            continue
        first = mentions[0][2]
        totals = [m for m in _TOTAL.finditer(text[:first]) if not _inside_brackets(text, m.start())]
        if not totals:
            continue
        total = totals[-1]
        between = text[total.end():first]
        if _CATEGORY.search(between) or len(re.findall(r"[。；;]", between)) > 1 or _AGGREGATE.search(
                _context(text, total.start()) + text[total.start():first]):
            continue
        run, seen = [], set()
        for group, n, start, end, phrase in mentions:
            if _inside_brackets(text, start):
                continue                      # 「（其中不予公开 3 件）」: a part of a part
            parts = {"gp": {"granted", "partial"}}.get(group, {group})
            gap = re.sub(r"\d+(\.\d+)?[%％]", "", _strip_brackets(text[run[-1][3]:start])) if run else ""
            if parts & seen or re.search(r"\d", gap) or len(gap) > 24:
                break
            seen |= parts
            run.append((group, n, start, end, phrase))
        if len(run) < 2:
            continue
        stated = sum(n for _g, n, *_ in run)
        n_total = int(total.group("n"))
        complete = seen >= set(RESULT_GROUPS)
        exact = total.group("verb") in _FINAL or not _PENDING.search(text[total.start():])
        if stated > n_total or (complete and exact and stated != n_total):
            listed = "＋".join(f"{RESULT_GROUPS[g][0] if g != 'gp' else '予以公开及部分公开'} {n}"
                              for g, n, *_ in run)
            yield Hit(line=line, section=where(report, line), expected=n_total, actual=stated,
                      values={"total_phrase": total.group(0), "total": n_total, "sum": stated, "parts": listed})


def _inside_brackets(text: str, at: int) -> bool:
    before = text[:at]
    return before.count("（") + before.count("(") > before.count("）") + before.count(")")


def _strip_brackets(text: str) -> str:
    return re.sub(r"[（(][^（()）]*[)）]", "", text)


@hookimpl
def gixlint_check_kinds():
    return [
        CheckKind("narrative-number", narrative_number, {
            "pattern": Param(str, "正则表达式，用命名组 (?P<n>\\d+) 取出正文中的数字", required=True,
                             validate=regex_value),
            "accept": Param(list, "可接受的值：公式列表，如 [\"t3.new_received.total\"]", required=True,
                            validate=formula_list),
            "scope": Param((str, int), "在哪里找：\"report\"、\"title\" 或 \"一\"…\"六\"", default="一",
                           validate=scope_value),
        }, doc="正文中写的数字等于统计表算出的某个值（如收到申请件数、行政许可件数）。",
            placeholders=("number", "phrase", "accepted")),
        CheckKind("narrative-results", narrative_results, {
            "scope": Param((str, int), "在哪里找：\"report\"、\"title\" 或 \"一\"…\"六\"", default="report",
                           validate=scope_value),
        }, doc="正文写的办理结果件数（予以公开、部分公开、予以公开及部分公开、不予公开、无法提供、不予处理、其他处理）"
               "等于表三该组各行「总计」之和；总计列空白时按各申请人列之和（其中的空白格使之只是下限）。"
               "写全市、各部门等汇总口径的句子不比较；无法读出的行不比较。",
            placeholders=("phrase", "number", "table_value", "category")),
        CheckKind("narrative-breakdown", narrative_breakdown, {
            "scope": Param((str, int), "在哪里找：\"report\"、\"title\" 或 \"一\"…\"六\"", default="report",
                           validate=scope_value),
        }, doc="正文先写答复（办结、办理）申请的总数，接着按办理结果分列件数：分项之和不能多于总数；"
               "六类结果写全且总数是已答复（办结）的件数时，分项之和应等于总数。",
            placeholders=("total_phrase", "total", "sum", "parts")),
    ]
