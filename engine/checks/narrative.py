"""Narrative numbers against the tables: 「共收到申请 60 件」 must be a value the tables give."""

from __future__ import annotations

import re
from typing import NamedTuple

from gixlint.checks.common import evaluator as shared_evaluator
from gixlint.checks.common import matching, scope_paragraphs, where
from gixlint.lint.formula import Uncheckable, compile_formula
from gixlint.lint.hookspecs import hookimpl
from gixlint.lint.kinds import CheckKind, Hit, Param, formula_list, regex_value, scope_value
from gixlint.vocab import labels as L
from gixlint.vocab.dates import cn_number

# --- which year a number speaks of ---------------------------------------------------------------

# the last of these before a number says which year it is about: 「2023年予以公开5件」「上一年度…」
_YEAR_MARK = re.compile(
    r"(?P<year>\d{4}|[〇零○Ｏ一二三四五六七八九]{4})\s*年"
    r"|(?P<other>上一?个?年(?!度?结转)度?|去年|前一年度?|往年|历年|以往|同期)"
    r"|(?P<this>本年度?|今年|当年|全年|年内)")


def other_year(before: str, year: int | None) -> bool:
    """Whether the text leading up to a number (its sentence so far) last named a year other than
    the report's: 「2023年予以公开5件」 in a 2024 report, 「上一年度予以公开12件」."""
    last = next(reversed(list(_YEAR_MARK.finditer(before))), None)
    if last is None or last.group("this"):
        return False
    if last.group("other"):
        return True
    written = last.group("year")
    value = int(written) if written.isdigit() else cn_number(written)
    return year is not None and value is not None and value != year


def _fmt(number) -> str:
    return str(int(number)) if number == int(number) else str(number)


def narrative_number(rule, report, context):
    """Numbers captured by ``pattern`` (group ``n``) must equal one of the ``accept`` formulas."""
    evaluator = shared_evaluator(report, context)
    accepted = []
    for text in rule.params["accept"]:
        try:
            accepted.append(evaluator.evaluate(compile_formula(text)).number)
        except (Uncheckable, ZeroDivisionError):
            return  # the table itself is unreadable there; the table rules say so
    pattern = re.compile(rule.params["pattern"])
    unless = re.compile(rule.params["unless"]) if rule.params["unless"] else None
    paragraphs, _section = scope_paragraphs(report, str(rule.params["scope"]))
    for line, sentence, _first in matching(paragraphs, rule.params["pattern"]):     # most hold no such number
        for m in pattern.finditer(sentence):
            if other_year(sentence[:m.start()], report.meta.year):
                continue            # 「2023年共收到申请 10 件」: last year's figure, not this table's
            if unless and unless.search(sentence[:m.end()]):
                continue            # 「全区共收到申请 320 件」: a wider scope than this agency's table
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
_CATEGORY_WORDS = (
    r"(?P<gp>(?<!不)(?:予以|同意)公开(?:以及|[及和与、或])部分公开|(?<!不)(?:予以|同意)公开[（(]含部分公开[)）])"
    r"|(?P<granted>(?<!不)(?:予以|同意)公开)|(?P<partial>部分公开)|(?P<denied>不予(?:以)?公开)"
    r"|(?P<unable>无法提供)|(?P<not_processed>不予处理)|(?P<other>其他处理)")
# every match starts with one of these characters: the look-ahead turns most places of a text down
# at one character, where re would otherwise try each of the seven words (and their look-behinds)
_CATEGORY = re.compile(f"(?=[予同部不无其])(?:{_CATEGORY_WORDS})")
# 「予以公开 208 件」「不予处理（信访举报投诉类）80件」 … or 「3件予以公开」
_AFTER = re.compile(r"(?P<filler>(?:[^，。；、,;\d%（()）]|[（(][^）)\d]*[）)]){0,12}?)(?P<n>\d+)件")
_BEFORE = re.compile(r"(?P<n>\d+)件(?:申请)?(?:被|为|属于|属|均)?$")
_COMPARED = re.compile(r"增|减|上升|下降|同比|较|多|少|占")
# the text speaks for more than the agency whose table this is
_AGGREGATE = re.compile(r"全(市|区|县|省|州|旗|盟|系统)|各(区|县|市|部门|单位|乡镇|街道)|辖区|系统内|下属|所属")
_TOTAL = re.compile(r"(?P<verb>答复|办结|办理完毕|作出答复|处理|办理)[^，。；、,;\d（(]{0,14}?(?P<n>\d+)件")
_FINAL = ("答复", "办结", "办理完毕", "作出答复")     # completed applications; 办理/处理 may include pending ones
_PENDING = re.compile(r"结转|顺延|正在办理|办理中|尚未办结|未办结|继续办理|延期")


# a reason named before (or in brackets after) a result: the count is that row's, not the group's
_ROW_WORDS = {
    "denied_state_secret": r"国家秘密|涉密",
    "denied_other_laws": r"法律[、和及]?(?:行政)?法规禁止|禁止公开",
    "denied_three_security_one_stability": r"三安全一稳定|国家安全|公共安全|经济安全|社会稳定",
    "denied_third_party": r"第三方|商业秘密|个人隐私",
    "denied_internal_affairs": r"内部事务|人事管理|后勤管理|内部工作流程",
    "denied_process_info": r"过程性",
    "denied_enforcement_file": r"执法案卷",
    "denied_query_matter": r"查询事项|行政查询",
    "unable_not_held": r"不掌握|不存在|未制作|未获取|没有制作",
    "unable_needs_creation": r"没有现成|另行制作|加工",
    "unable_unclear_after_correction": r"补正后|不明确",
    "not_processed_petition": r"信访|举报|投诉",
    "not_processed_duplicate": r"重复申请|重复提(?:出|交)",
    "not_processed_publication": r"出版物",
    "not_processed_mass_repeat": r"大量反复|反复申请",
    "not_processed_confirm_info": r"确认或重新出具|重新出具|要求(?:行政机关)?确认",
    "other_no_correction": r"不补正|未补正",
    "other_fee_unpaid": r"收费通知|缴纳费用|缴费",
}
# the clause names a part of the applications, not all of them: 「上年结转的申请中」「涉及征地拆迁的」
_PART = re.compile(r"结转|涉及|关于")
# … or an earlier clause of the sentence does: 「上年结转的申请中，予以公开 3 件」
_PART_SCOPE = re.compile(r"(?:结转|涉及|关于)[^，,；;。\d]{0,12}?(?:中|里|当中)(?:[，,]|$)")
_CLAUSE = re.compile(r"[，,。；;：:！？!?]|\d+件")


class Mention(NamedTuple):
    group: str            # a key of RESULT_GROUPS, or "gp" (予以公开及部分公开)
    n: int
    start: int
    end: int
    phrase: str
    rows: tuple[str, ...] | None = None    # None: the whole group; rows named by their reason; () unplaceable


def _rows_named(qualifier: str, group: str) -> tuple[str, ...] | None:
    """Which rows of a group the words around a count name: None for the whole group (no reason
    named, or 「…等原因」), the rows whose reason is named, or () when the count is some part the
    table does not show (another group's reason, 「涉及征地拆迁的」, 「上年结转的」)."""
    if _PART.search(qualifier):
        return ()
    named = tuple(row for row, words in _ROW_WORDS.items() if re.search(words, qualifier))
    if not named or group == "gp" or re.search(r"等", qualifier):
        return None
    mine = set(_group_rows_all(group))
    return named if set(named) <= mine else ()


def _group_rows_all(group: str) -> tuple[str, ...]:
    return RESULT_GROUPS[group][1] if group in RESULT_GROUPS else ()


def result_mentions(text: str) -> list[Mention]:
    """Every result category stated with a count, with the rows its reason names (if any)."""
    out = []
    for m in _CATEGORY.finditer(text):
        group = m.lastgroup
        after = _AFTER.match(text, m.end())
        if after and not _COMPARED.search(after.group("filler")) and not _CATEGORY.search(after.group("filler")):
            start, end, n, filler = m.start(), after.end(), int(after.group("n")), after.group("filler")
        else:
            before = _BEFORE.search(text[max(0, m.start() - 12):m.start()])
            if not before:
                continue
            start, end, n, filler = m.start() - len(before.group(0)), m.end(), int(before.group("n")), ""
        clause = 0
        for c in _CLAUSE.finditer(text, 0, start):
            clause = c.end()
        out.append(Mention(group, n, start, end, text[start:end], _rows_named(text[clause:start] + filler, group)))
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
    return rows_reading(table, tuple(row for group in groups for row in _group_rows(table, group)))


def rows_reading(table, rows: tuple[str, ...]):
    """(lower bound, exact, applicant-only sum or None) for rows of table 三 added up; None if unread."""
    low, exact, by_applicants = 0, True, 0
    for row in rows:
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


_SPACES = re.compile(r"\s+")


def _scoped_paragraphs(rule, report):
    paragraphs, _section = scope_paragraphs(report, str(rule.params["scope"]))
    for p in paragraphs:
        if "申" not in p.text or "请" not in p.text:
            continue        # no 申请 even once its spaces go
        text = _SPACES.sub("", p.text)
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
        separate_partial = any(m.group == "partial" for m in mentions)
        for mention in mentions:
            group, n, start = mention.group, mention.n, mention.start
            before = _sentence_before(text, start)
            if mention.rows == () or _AGGREGATE.search(_context(text, start)) \
                    or other_year(before, report.meta.year) or _PART_SCOPE.search(_strip_brackets(before)):
                continue
            if mention.rows:            # 「因属于国家秘密不予公开的 6 件」: that row, not the group
                options = [mention.rows]
                names = ["、".join(L.row_label("t3", row) for row in mention.rows)]
                readings = [rows_reading(table, mention.rows)]
            else:
                if group == "gp":
                    options = [("granted", "partial")]
                elif group == "granted" and not separate_partial:
                    options = [("granted",), ("granted", "partial")]
                else:
                    options = [(group,)]
                names = ["".join(RESULT_GROUPS[g][0] if i == 0 else "及" + RESULT_GROUPS[g][0]
                                 for i, g in enumerate(o)) for o in options]
                readings = [group_reading(table, o) for o in options]
            if any(r is None for r in readings) or any(_fits(n, r) for r in readings):
                continue
            shown = " 或 ".join(f"{name} {low}" if exact else f"{name} 至少 {low}（总计列空白，按各申请人列之和）"
                               for name, (low, exact, _a) in zip(names, readings))
            yield Hit(line=line, section=where(report, line), table="t3", expected=shown, actual=n,
                      values={"phrase": mention.phrase, "number": n, "table_value": shown, "category": names[0]})


def _sentence_before(text: str, at: int) -> str:
    """The sentence of a position, up to it."""
    return re.split(r"[。；;！？!?]", text[:at])[-1]


def narrative_breakdown(rule, report, context):
    """A breakdown by result stated after a total of answered applications must add up to it:
    exactly when every result group is named, and never to more than the total."""
    for line, text in _scoped_paragraphs(rule, report):
        mentions = result_mentions(text)
        if len(mentions) < 2:
            continue
        first = mentions[0].start
        totals = [m for m in _TOTAL.finditer(text[:first]) if not _inside_brackets(text, m.start())]
        if not totals:
            continue
        total = totals[-1]
        between = text[total.end():first]
        if _CATEGORY.search(between) or len(re.findall(r"[。；;]", between)) > 1 or _AGGREGATE.search(
                _context(text, total.start()) + text[total.start():first]):
            continue
        run, seen = [], set()
        for group, n, start, end, phrase, rows in mentions:
            if _inside_brackets(text, start):
                continue                      # 「（其中不予公开 3 件）」: a part of a part
            if rows is not None:
                break                         # 「因属于国家秘密不予公开 6 件」: one row, not the group
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
            "unless": Param(str, "句中到该数字为止的文字匹配此正则时不比较（如「全区」「各部门」：说的不是本机关）",
                            default="", validate=lambda v: regex_value(v) if v else None),
        }, doc="正文中写的数字等于统计表算出的某个值（如收到申请件数、行政许可件数）；句中先说了别的年度的数不比较。",
            placeholders=("number", "phrase", "accepted")),
        CheckKind("narrative-results", narrative_results, {
            "scope": Param((str, int), "在哪里找：\"report\"、\"title\" 或 \"一\"…\"六\"", default="report",
                           validate=scope_value),
        }, doc="正文写的办理结果件数（予以公开、部分公开、予以公开及部分公开、不予公开、无法提供、不予处理、其他处理）"
               "等于表三该组各行「总计」之和；总计列空白时按各申请人列之和（其中的空白格使之只是下限）。"
               "写全市、各部门等汇总口径的句子不比较；无法读出的行不比较。写明一种理由的件数与表三那一行比较；"
               "说的是表三没有的部分或别的年度的，不比较。",
            placeholders=("phrase", "number", "table_value", "category")),
        CheckKind("narrative-breakdown", narrative_breakdown, {
            "scope": Param((str, int), "在哪里找：\"report\"、\"title\" 或 \"一\"…\"六\"", default="report",
                           validate=scope_value),
        }, doc="正文先写答复（办结、办理）申请的总数，接着按办理结果分列件数：分项之和不能多于总数；"
               "六类结果写全且总数是已答复（办结）的件数时，分项之和应等于总数。",
            placeholders=("total_phrase", "total", "sum", "parts")),
    ]
