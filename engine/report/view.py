"""The report view: a run's findings laid out the way people read them, for every visual output.

The HTML report, the spreadsheet and a future ``gixlint serve`` page all show the same things:
the overview, each report's verdict and counts, and each finding pinned to the table cell, row,
table or section it is about. Building that once here keeps those outputs telling the same story.
A report's full view is plain data (:func:`dataclasses.asdict` gives JSON for a web page); a run's
line per report (:class:`ReportSummary`) works its figures out from the result when read.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from gixlint import __version__
from gixlint.lint.findings import SEVERITY_RANK, SEVERITY_ZH, TABLE_ZH, numeric, plain
from gixlint.report.summary import all_findings, overview
from gixlint.report.text import likely_cell, likely_words, location
from gixlint.vocab import labels as L

CATEGORY_ZH = {"parse": "格式与读取", "sections": "章节", "counts": "数据填报", "balance": "勾稽平衡",
               "fee": "信息处理费", "dates": "日期与期限", "narrative": "正文与表格", "text": "文字",
               "cross": "跨报告核对"}
VERDICT_ZH = {"unreadable": "无法读取", "error": "有错误", "warning": "有警告", "info": "仅有提示", "clean": "无问题"}
FORMAT_ZH = {"v2021": "2021 年格式", "v2019": "2019 年试行格式"}
STATUS_ZH = {"exact": "已完整读取", "partial": "部分行未能读取", "unreadable": "未能读取"}
OVERVIEW_ZH = (("balanced", "表格勾稽平衡"), ("fee_statement", "说明了信息处理费"), ("on_time", "按时发布"))


def category_zh(category: str) -> str:
    return CATEGORY_ZH.get(category, category)


@dataclass
class FindingView:
    id: str                     # anchor, unique in the run: r3-f2
    rule: str
    name: str
    category: str
    severity: str
    message: str
    line: int
    where: str                  # section · table · row · column · the numbers, in Chinese
    section: str = ""
    table: str = ""
    row: str = ""
    column: str = ""
    expected: object = None
    actual: object = None
    waived: bool = False        # accepted by the baseline or per-file-ignores: shown apart, not counted
    likely: str = ""            # the one cell the table points to as mistyped, when it names one
    source: str = ""            # its place in a .docx/.html/.pdf, which has no line numbers to show

    @property
    def severity_zh(self) -> str:
        return SEVERITY_ZH[self.severity]

    @property
    def category_zh(self) -> str:
        return category_zh(self.category)

    @property
    def row_label(self) -> str:
        return L.row_label(self.table, self.row) if self.row and self.table else ""

    @property
    def column_label(self) -> str:
        return L.column_label(self.table, self.column) if self.column and self.table else ""


@dataclass
class CellView:
    column: str
    text: str                   # as written in the report
    line: int
    findings: list[str] = field(default_factory=list)   # ids of findings about this cell
    role: str = ""              # "finding": the cell a finding is about; "operand": a cell it adds up
    severity: str = ""          # the worst of its findings


@dataclass
class ParagraphView:
    line: int
    text: str
    findings: list[str] = field(default_factory=list)   # ids of findings about this paragraph


@dataclass
class RowView:
    key: str
    label: str
    line: int
    cells: list[CellView | None]                         # aligned with the table's columns
    findings: list[str] = field(default_factory=list)   # about the whole row
    unread: str = ""            # why the row could not be read; its cells were not checked


@dataclass
class TableView:
    name: str
    title: str
    status: str                 # exact, partial, unreadable: how far it was read
    reason: str
    reconstructed: bool
    columns: list[tuple[str, str]]                       # (key, label)
    rows: list[RowView]
    findings: list[str] = field(default_factory=list)   # about the table, no one row
    line: int = 0

    @property
    def status_zh(self) -> str:
        return STATUS_ZH.get(self.status, self.status)


@dataclass
class SectionView:
    number: int
    heading: str
    line: int
    findings: list[str] = field(default_factory=list)   # about the part, no one paragraph
    end_line: int = 0
    paragraphs: list[ParagraphView] = field(default_factory=list)


@dataclass
class ReportView:
    id: str
    path: str
    agency: str
    year: int | None
    format: str
    verdict: str
    counts: dict[str, int]                 # error, warning, info: reported findings only
    by_category: dict[str, int]
    waived: int
    findings: list[FindingView]           # reported first, then waived
    sections: list[SectionView]
    tables: list[TableView]
    other: list[str] = field(default_factory=list)   # findings about the report as a whole
    front: list[ParagraphView] = field(default_factory=list)     # title and lines before part 一
    closing: list[ParagraphView] = field(default_factory=list)   # agency name and sign-off date

    @property
    def name(self) -> str:
        return Path(self.path).name

    @property
    def verdict_zh(self) -> str:
        return VERDICT_ZH[self.verdict]

    @property
    def format_zh(self) -> str:
        return _format_zh(self.format)

    def body(self, section: SectionView) -> list[ParagraphView | TableView]:
        """A part's paragraphs and the tables printed in it, in the report's order."""
        tables = [t for t in self.tables if section.line <= t.line <= section.end_line]
        return sorted([*section.paragraphs, *tables], key=lambda block: block.line)

    def loose_tables(self) -> list[TableView]:
        """Tables that lie in no part (a report that lost its headings)."""
        return [t for t in self.tables if not any(s.line <= t.line <= s.end_line for s in self.sections)]

    def named(self, ids: list[str]) -> list[FindingView]:
        """The findings with these anchors, for a place that lists them (a cell's hint, a table's
        notes): a person reads rule numbers and messages, never the anchors themselves."""
        wanted = set(ids)
        return [f for f in self.findings if f.id in wanted]


@dataclass
class RunView:
    version: str
    reports: list[ReportSummary]          # one line per report, in the run's order
    roster: list[FindingView]             # agencies on the roster without a report
    overview: dict                         # summary.overview: the reports' own figures
    categories: list[str]                  # every category with a finding, in a stable order
    by_category: list[tuple[str, str, int]]         # (category, Chinese, findings)
    by_rule: list[tuple[str, str, int, int]]        # (rule, name, findings, reports)
    totals: dict[str, int]
    waived: int

    def detailed(self):
        """Each report's full view, made when asked for: its tables with the findings pinned."""
        for summary in self.reports:
            yield report_view(summary.result, summary.id)

    def category_chart(self) -> list[tuple[str, int, str]]:
        """(label, findings, tooltip) per category, for a bar chart."""
        return [(zh, n, f"{zh}（{c}）：{n} 个问题") for c, zh, n in self.by_category]

    def rule_chart(self, most: int = 15) -> list[tuple[str, int, str]]:
        """(label, findings, tooltip) for the rules with most findings."""
        return [(f"{rule} {name}", n, f"{rule} {name}：{n} 个问题，涉及 {files} 份报告")
                for rule, name, n, files in self.by_rule[:most]]

    def overview_lines(self) -> list[tuple[str, str, object, int]]:
        """(key, label, figure, out of): the overview as the HTML page and the sheet print it."""
        n = self.overview["reports"]
        lines = [("reports", "报告", n, 0)]
        lines += [(f"format-{k}", FORMAT_ZH.get(k, "格式不明"), v, n) for k, v in sorted(self.overview["formats"].items())]
        lines += [(key, label, self.overview[key], n) for key, label in OVERVIEW_ZH]
        if self.overview.get("balanced") is not None and self.overview.get("balance_unchecked"):
            at = [key for key, *_ in lines].index("balanced") + 1
            lines.insert(at, ("balance_unchecked", "勾稽关系无法核对（表格未能完整读出）",
                              self.overview["balance_unchecked"], n))
        if self.overview.get("roster_missing") is not None:
            lines.append(("roster_missing", "名单上逾期未发布的机关", self.overview["roster_missing"], 0))
        return lines


def build(results, rules=None) -> RunView:
    """The view of a run: ``results`` as the linter (and any baseline) left them. Its ``reports``
    are one :class:`ReportSummary` a report (verdict, counts, findings, worked out when read);
    :meth:`RunView.detailed` makes each report's full view, tables and parts, one at a time, so a
    page of 10,000 reports is written report by report and never held whole."""
    reports, roster = [], []
    for r in results:
        if r.roster:
            roster += [_finding(f, f"roster-f{i}", False) for i, f in enumerate(all_findings(r))]
        else:
            reports.append(ReportSummary(len(reports) + 1, r))
    shown = [f for s in reports for f in s.result.findings] + [f for f in roster if not f.waived]
    by_cat = Counter(f.category for f in shown)
    order = {c: i for i, c in enumerate(CATEGORY_ZH)}
    categories = sorted(by_cat, key=lambda c: (order.get(c, len(order)), c))
    findings_by_rule = Counter(f.rule for f in shown)
    reports_by_rule = Counter(rule for s in reports for rule in {f.rule for f in s.result.findings})
    names = {f.rule: f.name for f in shown}
    by_rule = sorted(((rule, names[rule], n, reports_by_rule.get(rule, 0)) for rule, n in findings_by_rule.items()),
                     key=lambda t: (-t[2], t[0]))
    totals = Counter(f.severity for f in shown)
    return RunView(
        version=__version__, reports=reports, roster=roster, overview=overview(results, rules),
        categories=categories, by_category=[(c, category_zh(c), by_cat[c]) for c in categories],
        by_rule=by_rule, totals={s: totals.get(s, 0) for s in ("error", "warning", "info")},
        waived=sum(len(getattr(r, "waived", ())) for r in results),
    )


class ReportSummary:
    """One report's line in the agency table and the spreadsheet: who, which year, the verdict and
    the counts. It holds only the result and works the rest out when asked, so a run of 100,000
    reports keeps about a hundred bytes a report for its outputs."""

    __slots__ = ("number", "result")

    def __init__(self, number: int, result) -> None:
        self.number, self.result = number, result

    id = property(lambda self: f"r{self.number}")
    path = property(lambda self: self.result.path)
    name = property(lambda self: Path(self.result.path).name)
    agency = property(lambda self: (self.result.record.meta.agency if self.result.record else "") or "")
    year = property(lambda self: self.result.record.meta.year if self.result.record else None)
    format = property(lambda self: self.result.record.meta.format if _readable(self.result) else "")
    format_zh = property(lambda self: _format_zh(self.format))
    verdict = property(lambda self: _verdict(self.result))
    verdict_zh = property(lambda self: VERDICT_ZH[self.verdict])
    counts = property(lambda self: _counts(self.result.findings))
    by_category = property(lambda self: dict(Counter(f.category for f in self.result.findings)))
    waived = property(lambda self: len(getattr(self.result, "waived", ())))

    @property
    def findings(self) -> list[FindingView]:
        """Reported first, then waived (made afresh on each call)."""
        return _findings(self.result, self.id)


def _readable(result) -> bool:
    return result.record is not None and result.record.readable


def _format_zh(fmt: str) -> str:
    return FORMAT_ZH.get(fmt, "格式不明") if fmt else "—"


def _counts(findings) -> dict[str, int]:
    counts = Counter(f.severity for f in findings)
    return {s: counts.get(s, 0) for s in ("error", "warning", "info")}


def _verdict(result) -> str:
    """unreadable, or the worst severity reported, or clean."""
    if not _readable(result):
        return "unreadable"
    worst = max((SEVERITY_RANK[f.severity] for f in result.findings), default=0)
    return next((s for s, rank in SEVERITY_RANK.items() if rank == worst), "clean")


def _findings(result, rid: str) -> list[FindingView]:
    return ([_finding(f, f"{rid}-f{i + 1}", False) for i, f in enumerate(result.findings)]
            + [_finding(f, f"{rid}-w{i + 1}", True) for i, f in enumerate(getattr(result, "waived", ()))])


def report_view(result, rid: str) -> ReportView:
    """One report: its findings, each pinned to the narrowest place it names, and its parts and
    tables when the report was kept."""
    report = result.full_report()
    record = result.record
    findings = _findings(result, rid)
    reported = [f for f in findings if not f.waived]
    sections = [SectionView(s.number, s.heading, s.line, end_line=s.end_line, paragraphs=_paragraphs(s.paragraphs))
                for s in report.sections] if report else []
    tables = [_table(t) for t in report.tables.values()] if report else []
    view = ReportView(
        id=rid, path=result.path, agency=(record.meta.agency if record else "") or "",
        year=record.meta.year if record else None, format=record.meta.format if _readable(result) else "",
        verdict=_verdict(result), counts=_counts(result.findings),
        by_category=dict(Counter(f.category for f in reported)), waived=len(findings) - len(reported),
        findings=findings, sections=sections, tables=tables,
        front=_paragraphs(report.front) if report else [], closing=_paragraphs(report.closing) if report else [],
    )
    if report is None:
        return view
    for f, raw in zip(reported, result.findings):
        _pin(view, f, raw)
    for f in findings[len(reported):]:
        _pin(view, f, None)
    return view


def _finding(f, fid: str, waived: bool) -> FindingView:
    likely = likely_cell(f)
    # 填报/应为 as a pair of numbers, or what a cell prints (「1O」) alone; not a count of cells
    # against 「数字」, and with a likely cell, not a total's that is most likely right
    pair = numeric(f.actual) and numeric(f.expected) and not likely
    printed = isinstance(f.actual, str) and f.actual.strip() and not likely
    return FindingView(id=fid, rule=f.rule, name=f.name, category=f.category, severity=f.severity,
                       message=f.message, line=f.line or 0, where=location(f), section=f.section or "",
                       table=f.table or "",
                       row=f.row or "", column=f.column or "",
                       expected=plain(f.expected) if pair else None,
                       actual=plain(f.actual) if pair or printed else None,
                       waived=waived, likely=likely_words(likely) if likely else "", source=f.source or "")


def _paragraphs(paragraphs) -> list[ParagraphView]:
    return [ParagraphView(p.line, p.text) for p in paragraphs]


def _table(t) -> TableView:
    columns: list[str] = []
    for row in t.rows.values():
        columns += [c for c in row.cells if c not in columns]
    rows = [RowView(key, L.row_label(t.name, key), row.line,
                    [CellView(c, row.cells[c].raw, row.cells[c].line) if c in row.cells else None for c in columns],
                    unread=(t.unread_rows.get(key) or {}).get("reason", ""))
            for key, row in t.rows.items()]
    return TableView(t.name, TABLE_ZH.get(t.name, t.name), t.status, t.reason, t.reconstructed,
                     [(c, L.column_label(t.name, c)) for c in columns], rows, line=t.line)


def _pin(view: ReportView, f: FindingView, raw) -> None:
    """Attach a finding to its cell (and the cells it adds up), else its row, table or section."""
    table = next((t for t in view.tables if t.name == f.table), None)
    likely = False
    if table is not None and not f.waived:
        suspect = likely_cell(raw) if raw is not None else None
        if suspect is not None:     # the mistyped cell stands out; the total it upsets is one of the sums
            name, row, column = (str(suspect.get("key", "")).split(".") + ["", "", ""])[:3]
            likely = name == table.name and _mark(table, row, column, f, "finding")
        for name, row, column in _operands(raw):
            if name == table.name:
                _mark(table, row, column, f, "operand")
    if table is None:
        paragraph = next((p for p in _all_paragraphs(view) if f.line and p.line == f.line), None)
        if paragraph is not None:
            paragraph.findings.append(f.id)
            return
        section = next((s for s in view.sections if f.section and f.section in (s.heading, _canonical(s.number))),
                       None)
        (section.findings if section else view.other).append(f.id)
    elif f.row and f.column and _mark(table, f.row, f.column, f, "operand" if likely else "finding"):
        pass
    elif f.row and any(r.key == f.row for r in table.rows):
        next(r for r in table.rows if r.key == f.row).findings.append(f.id)
    else:
        table.findings.append(f.id)


def _all_paragraphs(view: ReportView) -> list[ParagraphView]:
    return [*view.front, *(p for s in view.sections for p in s.paragraphs), *view.closing]


def _canonical(number: int) -> str:
    """How findings name a section: 「六、其他需要报告的事项」, whatever the report printed."""
    return f"{L.NUMERALS[number - 1]}、{L.SECTION_TITLES.get(number, '')}" if 1 <= number <= len(L.NUMERALS) else ""


def _operands(raw) -> list[tuple[str, str, str]]:
    """(table, row, column) of every cell a finding names besides its own."""
    if raw is None:
        return []
    out = []
    for o in raw.operands or ():
        parts = str(o.get("key", "")).split(".")
        if len(parts) >= 2:
            out.append((parts[0], parts[1], parts[2] if len(parts) > 2 else ""))
    for c in raw.cells or ():
        if c.get("row"):
            out.append((raw.table, c["row"], c.get("column") or ""))
    return out


def _mark(table: TableView, row_key: str, column: str, f: FindingView, role: str) -> bool:
    row = next((r for r in table.rows if r.key == row_key), None)
    if row is None:
        return False
    keys = [c for c, _ in table.columns]
    cells = [row.cells[keys.index(column)]] if column in keys else [c for c in row.cells if c] if not column else []
    cells = [c for c in cells if c is not None]
    if column in ("count", "amount") and not cells:
        cells = [c for c in row.cells if c][:1]
    for cell in cells:
        if f.id not in cell.findings:
            cell.findings.append(f.id)
        if role == "finding" or not cell.role:
            cell.role = role
        if SEVERITY_RANK[f.severity] > SEVERITY_RANK.get(cell.severity, 0):
            cell.severity = f.severity
    return bool(cells)
