"""Parse tree → report AST: sections, tables with keyed cells, metadata and dates.

What cannot be placed (a cell too many, a row missing, a line the grammar skipped) becomes a
:class:`~gixlint.read.document.Problem`; the rest of the report is still built and checked.
"""

from __future__ import annotations

import re
from pathlib import Path

from gixlint.grammar.parsers import Token, Tree
from gixlint.layout.lookalike import ordinary_hanzi
from gixlint.parse.lexer import Stream, parse_items
from gixlint.parse.model import UNREADABLE, Meta, Paragraph, Problem, Report, Row, Section, Table
from gixlint.parse.placing import orphan_candidates, place_rows, t4_block
from gixlint.parse.readstatus import (
    COUNT_MISMATCH,
    DETACHED,
    HEADER_ALIGN,
    OCR_LETTERS,
    PADDED_ROW,
    TEXT_BOXES_ONLY,
    apply_read_notes,
    read_status_problems,
)
from gixlint.read.document import CHROME, TEXT_BOXES, Item, Layout
from gixlint.vocab import labels as L
from gixlint.vocab.dates import find_dates, find_year, is_date_line
from gixlint.vocab.headings import parse_heading
from gixlint.vocab.values import looks_like_value, missing_cell, parse_cells

T4_WIDTH = len(L.T4_BLOCKS) * len(L.T4_FIELDS)


def parse(layout: Layout, path: str = "<text>") -> Report:
    """Parse a layout into a :class:`Report`. Never raises on odd input."""
    layout = ordinary_hanzi(layout)
    tree, items, skipped, stream = parse_items(layout)
    return _Builder(items, path, layout, stream).build(tree, skipped)


def parse_text(text: str, path: str = "<text>") -> Report:
    from gixlint.layout.text import from_text

    return parse(from_text(text), path)


def parse_file(path: Path) -> Report:
    from gixlint.layout import from_file

    return parse(from_file(path), str(path))


def _first_token(node: Tree | Token) -> Token | None:
    """The leftmost token under ``node`` (depth first), or None in a tree without tokens."""
    if isinstance(node, Token):
        return node
    for child in node.children:
        found = _first_token(child)
        if found is not None:
            return found
    return None


class _Builder:
    def __init__(self, items: list[Item], path: str, layout: Layout, stream: Stream):
        self.items = items
        self.kinds = stream.kinds    # each item's terminal
        self.starts = stream.starts  # token number → the index of its first item
        self.ends = stream.ends      # token number → the index after its last item
        self.path = path
        self.layout = layout
        # what the layout could not read (or only reconstructed) becomes each table's read status
        self.read_notes = [p for p in layout.problems if p.kind in ("unreadable-text", "reconstructed")]
        self.problems: list[Problem] = [p for p in layout.problems if p not in self.read_notes]
        self.fragments: dict[str, list[Tree]] = {"t2": [], "t3": [], "t4": []}

    # -- helpers ---------------------------------------------------------------------------
    def item(self, token: Token) -> Item:
        return self.items[self.starts[int(token.value)]]

    def span(self, token: Token) -> list[Item]:
        """Every item a token stands for: a row's label and cells, a run of paragraphs or headers."""
        number = int(token.value)
        return self.items[self.starts[number]:self.ends[number]]

    def problem(self, kind: str, line: int, message: str, **where) -> None:
        self.problems.append(Problem(kind, line, message, **where))

    def first_line(self, tree: Tree) -> int:
        token = _first_token(tree)
        return self.item(token).line if token is not None else 0

    def last_line(self, tree: Tree) -> int:
        while isinstance(tree, Tree) and tree.children:
            tree = tree.children[-1]
        return self.span(tree)[-1].line if isinstance(tree, Token) else 0

    # -- top level -------------------------------------------------------------------------
    def build(self, tree: Tree, skipped: list[Item]) -> Report:
        front: list[Paragraph] = []
        sections: list[Section] = []
        for child in tree.children:
            if child.data == "section":
                sections.append(self.section(child))
            else:
                self.block(child, front)
        for i, section in enumerate(sections):
            nxt = sections[i + 1].line - 1 if i + 1 < len(sections) else self.layout.line_count
            section.end_line = max(section.line, nxt)
        closing = self.closing(sections)
        self.format = self.detect_format()
        tables = {}
        for name, frags in self.fragments.items():
            if frags:
                table = self.table(name, frags)
                tables[table.name] = table
        for item in skipped:
            self.problem("unplaced", item.line, f"无法识别此行在报告中的位置：「{item.text[:30]}」")
        apply_read_notes(tables, self.read_notes, self.format)
        if self.layout.variant == TEXT_BOXES:
            for table in tables.values():           # a box is a line of the page, not a cell
                table.mark_unreadable(TEXT_BOXES_ONLY)
        # nothing of a table no cell of which can be trusted is a finding but that (GIX006): not a
        # row missing, a label guessed or a group row with numbers, all read from what was not read
        self.problems = [p for p in self.problems if not (p.table in tables and tables[p.table].status == UNREADABLE)]
        sections = infer_numbered_sections(sections, front)
        sections = infer_problems_section(sections, tables.get("t4"), self.layout.line_count)
        drop_table_debris(sections, tables)
        self.missing_tables(tables, sections)
        self.problems.extend(read_status_problems(tables))
        chrome = [Paragraph(it.line, it.text) for it in self.layout.items if it.role == CHROME]
        meta = self.meta(front) if sections or tables else Meta()
        if not meta.agency and closing and _looks_like_agency(closing[0].text):
            meta.agency = L.squash(closing[0].text)  # a title without the agency: take the sign-off's
        meta.format = self.format
        report = Report(path=self.path, meta=meta, front=front, sections=sections, tables=tables,
                        dates=[], problems=self.problems, chrome=chrome, closing=closing,
                        line_count=self.layout.line_count, layout=self.layout.variant,
                        encoding=self.layout.encoding,
                        sources={it.line: it.source for it in self.layout.items if it.source})
        report.dates = self.dates(report)
        if meta.year is None:
            period = next((d for d in report.dates if d.role == "period_start"), None)
            if period:
                meta.year, meta.year_line = period.year, period.line
        if not sections and not tables:
            self.problems.insert(0, Problem("not-a-report", 1, "未识别到年度报告的章节或统计表，可能不是政府信息公开工作年度报告"))
        starts = [s.line for s in sections if s.number == 1]
        if len(starts) > 1 and sum(1 for s in sections if s.number == 6) > 1:
            self.problems.insert(0, Problem(
                "several-reports", starts[1],
                f"文件中有多份报告（第 {starts[1]} 行又从「一、总体情况」开始），请把每份报告存为单独的文件再检查"))
        return report

    def block(self, node: Tree, paragraphs: list[Paragraph]) -> None:
        if node.data == "para":
            for item in self.span(node.children[0]):
                if item.text:
                    paragraphs.append(Paragraph(item.line, item.text))
        else:
            self.fragments["t" + node.data[-1]].append(node)

    def section(self, node: Tree) -> Section:
        item = self.item(node.children[0])
        heading = parse_heading(item.text) or parse_heading(item.text, parenthesized=True)
        assert heading is not None  # the lexer only emits SECTION for headings
        section = Section(heading.number, heading.numeral, heading.separator, heading.title,
                          item.line, item.line)
        for child in node.children[1:]:
            self.block(child, section.paragraphs)
        return section

    def closing(self, sections: list[Section]) -> list[Paragraph]:
        """Split the agency-and-date sign-off block off the end of the last section."""
        if not sections:
            return []
        paras = sections[-1].paragraphs
        for i in range(len(paras) - 1, max(len(paras) - 7, -1), -1):
            glued = _AGENCY_THEN_DATE.match(paras[i].text.strip())
            if glued and _looks_like_agency(glued.group(1)) and is_date_line(glued.group(2)):
                # 「示例局  2025年1月20日」: the agency and the date on one line
                line = paras[i].line
                paras[i:i + 1] = [Paragraph(line, glued.group(1)), Paragraph(line, glued.group(2))]
                i += 1
            if is_date_line(paras[i].text):
                start = i
                if i > 0 and _looks_like_agency(paras[i - 1].text):
                    start = i - 1
                closing = paras[start:]
                del paras[start:]
                return closing
        return []

    # -- tables ----------------------------------------------------------------------------
    def detect_format(self) -> str:
        """v2019 or v2021 from the labels only one of the formats uses (spec §B.4); else unknown."""
        texts = {it.text for it in self.items}      # each text once: cells repeat (0, 0, 0 …)
        keys = {L.label_key(text) for text in texts if len(text) <= 30}
        if keys & _V2021 and not keys & _V2019_COLUMNS:
            return "v2021"     # 2021 columns; a 政府集中采购 row added by habit does not make it 2019
        if keys & _V2019:
            return "v2019"
        if keys & _V2021 or keys & _T3_OTHER_LEAVES:
            return "v2021"
        return "unknown"

    def table(self, name: str, fragments: list[Tree]) -> Table:
        table = Table(name, self.first_line(fragments[0]), self.last_line(fragments[-1]))
        if name == "t2" and self.format == "v2019":
            table.name = "t2v19"
        getattr(self, name)(table, fragments)
        return table

    def cells(self, row: Tree) -> list[Item]:
        return self.span(row.children[0])[1:]

    def fit(self, table: Table, key: str, label: Item, cells: list[Item], columns: tuple[str, ...]) -> Row:
        """Assign a row's cells to its columns. A row with too many or too few cells cannot be
        placed cell by cell: it is kept for display but declared unread, never guessed."""
        width = len(columns)
        while len(cells) > width and not cells[-1].text:
            cells = cells[:-1]  # empty cells of the next row's merged label column
        values = parse_cells(cells)
        if len(values) != width and not self.unreadable(table.name, key):
            table.mark_unread(key, label.line, COUNT_MISMATCH, raw=_raw(cells), found=len(values), width=width)
        elif doubt := self.doubtful(cells):
            table.mark_unread(key, label.line, doubt, raw=_raw(cells))
        if len(values) != width:
            values = values[:width] + [missing_cell(label.line)] * (width - len(values))
        return Row(key, label.text, label.line, dict(zip(columns, values)))

    def doubtful(self, cells: list[Item]) -> str:
        """Why a row with the right count of cells still cannot be trusted, or ""."""
        # a letter among the digits is text recognition's slip — except in a Word file or a web
        # page, whose cells someone typed: there 「1O」 is what the file prints, a cell to fix
        if self.layout.variant not in _TYPED_LAYOUTS:
            letters = _OCR_LETTERS.search("".join([c.text for c in cells]))    # seldom: the whole row first
            if letters and any(_OCR_LETTER.match(c.text.strip()) for c in cells):
                return OCR_LETTERS
        # a converter that lost one number pads the row at its end: the numbers after the gap
        # have all moved one column left, so only the last cell is blank
        if (self.layout.variant in _PADDED_LAYOUTS and len(cells) > 2 and not cells[-1].text.strip()
                and all(c.text.strip() for c in cells[:-1])):
            return PADDED_ROW
        return ""

    def unreadable(self, table: str, row: str) -> bool:
        """The reader already reported this row's text as unreadable (numbers run together)."""
        return any(p.kind == "unreadable-text" and p.table == table and p.row == row for p in self.layout.problems)

    def add_row(self, table: Table, row: Row) -> None:
        if row.key in table.rows:
            first = table.rows[row.key]
            self.problem("table-shape", row.line,
                         f"「{L.row_label(table.name, row.key)}」重复出现（首次在第 {first.line} 行）",
                         table=table.name, row=row.key)
            return
        table.rows[row.key] = row

    def t2(self, table: Table, fragments: list[Tree]) -> None:
        rows, index = (L.T2V19_ROWS, L.T2V19_ROW_INDEX) if table.name == "t2v19" else (L.T2_ROWS, L.T2_ROW_INDEX)
        for fragment in fragments:
            for part in fragment.children:
                if part.data != "t2_row":
                    continue
                label = self.item(part.children[0])
                key = index.get(L.label_key(label.text))
                if key is None:
                    self.problem("unknown-label", label.line,
                                 f"「{label.text}」不是{_FORMAT_ZH[table.name]}表二的行", table=table.name)
                    continue
                self.add_row(table, self.fit(table, key, label, self.cells(part), rows[key][2]))
        for key, (text, block, _cols) in rows.items():
            if key not in table.rows:
                self.problem("table-shape", table.line, f"表二缺少第二十条第（{block}）项「{text}」一行",
                             table=table.name, row=key)

    def t3(self, table: Table, fragments: list[Tree]) -> None:
        """Rows by their labels; rows whose label was lost are placed by the table's fixed order
        when exactly one place fits (:func:`place_rows`), and declared unread otherwise."""
        columns = tuple(L.T3_COLUMNS)
        records: list[tuple[Item, tuple[str, ...], list[Item]]] = []
        bare_labels: list[tuple[str, Item]] = []      # a label printed apart from its numbers
        other_alone: tuple[Item, int] | None = None     # （六）其他处理 printed, its cells not all read
        for fragment in fragments:
            for part in fragment.children:
                if part.data != "t3_row":
                    continue
                token = part.children[0]
                label = self.item(token)
                cells = self.cells(part)
                if token.type == "T3_GROUP":
                    group = L.T3_GROUP_INDEX[L.label_key(label.text)]
                    if group == "other_total" and (any(c.text for c in cells) or len(cells) >= len(columns)):
                        records.append((label, ("other_total",), cells))  # （六） as one row, even if blank
                    elif group == "other_total":
                        other_alone = (label, len(cells))     # a group label, or a row whose blanks were lost
                    elif any(c.text for c in cells):
                        self.problem("format-deviation", label.line,
                                     f"分组标题「{label.text}」一行填有数字（小计）；按格式它不单独填报，"
                                     "gixlint 只检查其下各行", table="t3", row=group)
                    continue
                if token.type == "T3_ORPHAN":
                    records.append((label, orphan_candidates(label.text), cells))
                    continue
                key, confidence, guessed = L.match_t3_row(label.text)
                if guessed:
                    self.problem("unknown-label", label.line,
                                 f"表三行标签「{label.text}」与标准标签不一致，按「{L.T3_ROWS[key]}」处理"
                                 f"（相似度 {confidence:.0%}），请核对", table="t3", row=key)
                if cells:
                    records.append((label, (key,), cells))
                elif self.unreadable("t3", key):
                    self.add_row(table, self.fit(table, key, label, cells, columns))   # digits ran together
                else:
                    bare_labels.append((key, label))
        if any(k in L.T3_OTHER_LEAVES for _l, cands, _c in records if len(cands) == 1 for k in cands):
            records = [r for r in records if r[1] != ("other_total",) or any(c.text for c in r[2])]
        placed, doubtful = place_rows([cands for _l, cands, _c in records])
        for (label, _cands, cells), key in zip(records, placed):
            if key is not None:
                self.add_row(table, self.fit(table, key, label, cells, columns))
        detached = doubtful or any(key not in table.rows for key, _l in bare_labels)
        has_other_total = "other_total" in table.rows
        # the 2019 trial format prints （六）其他处理 as one row with no sub-rows: that row is expected
        one_other_row = has_other_total or (self.format == "v2019"
                                            and not any(k in table.rows for k in L.T3_OTHER_LEAVES))
        absent = [key for key in L.T3_ROWS if key not in table.rows
                  and not (one_other_row and key in L.T3_OTHER_LEAVES)]
        if one_other_row and not has_other_total:
            absent.insert(absent.index("total") if "total" in absent else len(absent), "other_total")
        # a report leaves out a row or two; many rows gone means the reading failed, not the report
        detached = detached or (len(absent) >= _MANY_MISSING and bool(table.rows))
        if detached and "other_total" not in absent and "other_total" not in table.rows \
                and not any(k in table.rows for k in L.T3_OTHER_LEAVES):
            # neither form of （六）其他处理 was read: which one the report prints is not known
            absent.insert(absent.index("total") if "total" in absent else len(absent), "other_total")
        for key in absent:
            if detached:
                table.mark_unread(key, table.line, DETACHED)
                continue
            if key == "other_total" and other_alone is not None:
                # the trial format's one （六） row, printed with fewer cells than columns (its blanks
                # dropped by a web export or crawler): there, but which cells it had is not known
                # (the reader may have said why already: its note then marks the row)
                label, found = other_alone
                if not self.unreadable("t3", key):
                    table.mark_unread(key, label.line, COUNT_MISMATCH, found=found, width=len(columns))
                continue
            self.problem("table-shape", table.line, f"表三缺少「{L.T3_ROWS.get(key) or L.T3_GROUPS[key]}」一行",
                         table="t3", row=key)
        if has_other_total and self.format == "v2021" and not any(k in table.rows for k in L.T3_OTHER_LEAVES):
            self.problem("format-deviation", table.rows["other_total"].line,
                         "「（六）其他处理」作为一行填报，未按 2021 年格式分为三个子项", table="t3",
                         row="other_total")

    def t4(self, table: Table, fragments: list[Tree]) -> None:
        """The 15 values of table 四: header words are never values; the data is anchored by its
        count (15 in a row, or three blocks of 5 each under its block's name)."""
        parts: list[tuple[str, Item]] = []
        for fragment in fragments:
            # one token: the table's first header cell, then its header cells and values
            number = int(fragment.children[0].value)
            start = self.starts[number]
            parts.append(("head", self.items[start]))
            for index in range(start + 1, self.ends[number]):
                parts.append(("head" if self.kinds[index] in ("T4_HEAD", "COMMON_HEAD") else "cell",
                              self.items[index]))
        runs: list[tuple[str | None, list[Item]]] = []
        hint: str | None = None
        current: list[Item] | None = None
        header_blanks: set[int] = set()     # runs of blanks followed by header words
        for kind, item in parts:
            if kind == "head":
                if current is not None and not any(c.text for c in current):
                    header_blanks.add(len(runs) - 1)
                hint = t4_block(item.text) or hint
                current = None
                continue
            if item.text and not looks_like_value(item.text) and set(L.squash(item.text)) <= L.T4_HEADER_CHARS:
                continue  # header words the layout glued together (「维持纠正结果审结」)
            if current is None:
                if item.text and not looks_like_value(item.text) and not runs:
                    self.problem("unknown-label", item.line, f"表四表头中有无法识别的内容「{item.text}」", table="t4")
                    continue
                current = []
                runs.append((hint, current))
                hint = None
            current.append(item)
        if header_blanks and sum(len(run) for _h, run in runs) > T4_WIDTH:
            # more places than values: blanks before header words lie in the header (the empty grid
            # places under 行政复议's five fields, which span two header rows), not a block of blanks
            kept = [(h, run) for i, (h, run) in enumerate(runs) if i not in header_blanks]
            if sum(len(run) for _h, run in kept) >= T4_WIDTH:
                runs = kept
        cells = [c for _h, run in runs for c in run]
        # more places than values: blanks at one end are not the table's; blanks at both ends
        # leave open which are, and a guess would shift every value (left unread below)
        blank_ends = len(cells) > T4_WIDTH and not cells[0].text and not cells[-1].text
        if not blank_ends:
            while len(cells) > T4_WIDTH and not cells[-1].text:
                cells.pop()
            while len(cells) > T4_WIDTH and not cells[0].text:
                cells.pop(0)
        fields = tuple(L.T4_FIELDS)
        width = len(fields)
        hints = [h for h, run in runs if run]
        by_block = (len(runs) == len(L.T4_BLOCKS) and all(len(run) == width for _h, run in runs)
                    and sorted(hints, key=str) == sorted(L.T4_BLOCKS))
        line = cells[0].line if cells else table.end_line
        if len(cells) != T4_WIDTH and not by_block and not self.unreadable("t4", ""):
            table.mark_unreadable(f"{HEADER_ALIGN}（读到 {len(cells)} 个格，应为 {T4_WIDTH} 个）")
        elif not by_block and (doubt := self.doubtful(cells)):
            table.mark_unreadable(doubt)
        for b, block in enumerate(L.T4_BLOCKS):
            if by_block:
                chunk_items = next(run for h, run in runs if h == block)
            else:
                chunk_items = cells[b * width:(b + 1) * width]
            chunk = parse_cells(chunk_items)
            chunk += [missing_cell(line)] * (width - len(chunk))
            table.rows[block] = Row(block, L.T4_BLOCKS[block], chunk[0].line, dict(zip(fields, chunk)))

    def missing_tables(self, tables: dict[str, Table], sections: list[Section]) -> None:
        for name, number in (("t2", 2), ("t3", 3), ("t4", 4)):
            if name in tables or (name == "t2" and "t2v19" in tables):
                continue
            section = next((s for s in sections if s.number == number), None)
            if sections or tables:
                self.problem("table-missing", section.line if section else 1,
                             f"未找到表{L.NUMERALS[number - 1]}（{L.SECTION_TITLES[number]}统计表）",
                             table=name)

    # -- metadata and dates ----------------------------------------------------------------
    def meta(self, front: list[Paragraph]) -> Meta:
        meta = Meta()
        head = front[:6]
        index = next((i for i, p in enumerate(head) if "报告" in p.text), None)
        if index is None:
            if not head:
                return meta
            index = 0
        title = head[index].text
        line = head[index].line
        # a line above belongs to the title when it holds the agency (「示例局」 / 「2024年…年度报告」)
        # or when the title wrapped mid-word, as a PDF prints a long one (「…政府信息公开工」 / 「作年度报告」);
        # a long title may take three lines (agency / year and name / its end)
        for above in (index - 1, index - 2):
            before = head[above].text if above >= 0 else ""
            wrapped = "政府信息公开" not in title and "政府信息公开" in before + title
            if not (before and len(before) <= 40 and (not _agency_part(title) or wrapped)):
                break
            if above < index - 1 and not _looks_like_agency(before):
                break       # a third line only when it names an agency (not a document number)
            title, line = before + title, head[above].line
        meta.title, meta.title_line = title, line
        meta.agency = _agency_part(title)
        meta.year = find_year(title)
        meta.year_line = line if meta.year else 0
        return meta

    def dates(self, report: Report) -> list:
        found = []
        for p in report.chrome:
            found.extend(find_dates(p.line, p.text))
        for p in report.all_paragraphs():
            found.extend(find_dates(p.line, p.text))
        for p in report.closing:
            found.extend(find_dates(p.line, p.text, "signoff" if is_date_line(p.text) else "body"))
        found.sort(key=lambda d: d.line)
        return found


def _raw(cells: list[Item]) -> str:
    """A row's cells as the report prints them, for saying what was read."""
    return " ".join(c.text for c in cells if c.text)


_SENTENCE = re.compile(r"[。；！？]")
_MANY_MISSING = 3
_AGENCY_THEN_DATE = re.compile(r"^(\S[^。，；]{1,38}?)[\s\u3000]+((?:\d{4}|[〇零○ＯO0一二三四五六七八九]{4})\s*年.{2,12})$")
_OCR_LETTER = re.compile(r"^(?=.*[OoIl])[0-9OoIl]+$")     # 「O」「1O」「l」: OCR read a digit as a letter
_OCR_LETTERS = re.compile(r"[OoIl]")
_PADDED_LAYOUTS = ("markdown", "tsv")
_TYPED_LAYOUTS = ("docx", "html")     # cells as someone typed them, not recognised from an image
_NUMBERED = re.compile(r"^(?P<num>[一二三四五六])(?P<sep>[、.．])\s*(?P<title>\S.*)$")


def infer_numbered_sections(sections: list[Section], front: list[Paragraph]) -> list[Section]:
    """A part whose heading is worded in a way the patterns do not know (「四、因政府信息公开申请
    行政复议…情况」) is still that part when it carries the part's own numeral, short, where that
    part belongs (after the part before it, before the part after it). The heading stays as
    written, so GIX104 can say its wording is off; no part is reported missing."""
    found = {s.number for s in sections}
    if not found:
        return sections     # no part recognised at all: not guessed into a report from numerals
    for number in range(1, 7):
        if number in found:
            continue
        before = [s for s in sections if s.number < number]
        after = [s for s in sections if s.number > number]
        low = before[-1].line if before else 0
        high = after[0].line if after else 1 << 30
        owners = [(None, front), *((s, s.paragraphs) for s in sections)]
        for owner, paragraphs in owners:
            hit = next((i for i, p in enumerate(paragraphs) if low < p.line < high and _heading_like(p.text, number)), None)
            if hit is None:
                continue
            first = paragraphs[hit]
            m = _NUMBERED.match(first.text.strip())
            new = Section(number, m.group("num"), m.group("sep"), m.group("title").strip(), first.line,
                          owner.end_line if owner else first.line, paragraphs[hit + 1:])
            del paragraphs[hit:]
            if owner is not None:
                owner.end_line = first.line - 1
            sections = sorted([*sections, new], key=lambda s: s.line)
            found.add(number)
            break
    return sections


def _heading_like(text: str, number: int) -> bool:
    m = _NUMBERED.match(text.strip())
    return bool(m and m.group("num") == L.NUMERALS[number - 1] and len(L.squash(text)) <= 32
                and not _SENTENCE.search(text) and "，" not in text and not L.match_t3_row(text)
                and L.label_key(text) not in L.T3_GROUP_INDEX)


def drop_table_debris(sections: list[Section], tables: dict[str, Table]) -> None:
    """Short fragments inside a table's lines (「（四）无」, 「年度办」: pieces of a merged label
    column a converter printed apart) are table furniture, not paragraphs of the section. In a
    table none of which could be read, every line after its first that is no sentence is: its
    rows read as text are not the section's sub-headings. A sentence is always kept (a fee
    statement printed after a table). (A crawled page holds its whole report on one line: what
    shares the table's first line is judged as before.)"""
    spans = [(t.line, _table_end(t, sections), t.status == UNREADABLE) for t in tables.values()
             if t.line and t.end_line >= t.line]
    if not spans:
        return
    for section in sections:
        section.paragraphs = [p for p in section.paragraphs
                              if _SENTENCE.search(p.text) or not any(
                                  a <= p.line <= b and ((whole and p.line > a) or len(L.squash(p.text)) <= 16)
                                  for a, b, whole in spans)]


def _table_end(table: Table, sections: list[Section]) -> int:
    """Where a table's lines end: where its last row was read; for a table none of which could
    be read (its extent unknown too), the end of the section that holds it, whose part the
    table closes in the format."""
    if table.status != UNREADABLE:
        return table.end_line
    holder = next((s for s in sections if s.line <= table.line <= s.end_line), None)
    return max(table.end_line, holder.end_line) if holder else table.end_line


_PROBLEMS_START = re.compile(r"^[（(]?[一1][)）、.．]?.{0,20}(存在(的)?(主要)?问题|改进情况|整改情况)")


def infer_problems_section(sections: list[Section], t4: Table | None, line_count: int) -> list[Section]:
    """五 without its heading: when 四's table is followed by a sub-heading about problems and
    improvements (「（一）2024 年工作中存在问题的改进情况」), that is where 五 starts. The section
    is marked ``inferred`` so the heading rule can say the heading is missing, not the section."""
    if any(s.number == 5 for s in sections) or t4 is None:
        return sections
    four = next((s for s in sections if s.number == 4), None)
    if four is None:
        return sections
    start = next((i for i, p in enumerate(four.paragraphs)
                  if p.line > t4.end_line and len(p.text) <= 40 and _PROBLEMS_START.match(L.squash(p.text))), None)
    if start is None:
        return sections
    first = four.paragraphs[start]
    five = Section(5, "", "", first.text, first.line, four.end_line, four.paragraphs[start:], inferred=True)
    del four.paragraphs[start:]
    four.end_line = first.line - 1
    index = sections.index(four) + 1
    return [*sections[:index], five, *sections[index:]]


_V2019 = {L.label_key(m) for m in L.V2019_MARKERS}
_V2021 = {L.label_key(m) for m in L.V2021_MARKERS}
# the trial format's own columns (not those of its （九）政府集中采购 block, which some 2021 reports keep)
_V2019_COLUMNS = {L.label_key(L.T2V19_COLUMNS[c]) for c in ("new_made", "new_published", "total_published",
                                                             "prev_items", "change", "decisions")} | {"本年增减"}
_T3_OTHER_LEAVES = {L.label_key(L.T3_ROWS[k]) for k in L.T3_OTHER_LEAVES}
_FORMAT_ZH = {"t2": "2021 年格式", "t2v19": "2019 年试行格式"}
_YEAR_WORD = re.compile(r"[（(]?(\d{4}|[〇零○一二三四五六七八九]{4})\s*年度?[）)]?")
_REPORT_NAME = re.compile(r"(政府)?(信息公开|信息)?(工作)?年度报告.*$|(政府)?信息公开.*报告.*$")
_AGENCY_END = re.compile(r"(局|办公室|政府|委员会|委|中心|厅|部|院|所|处|署|会|站|队|馆|街道|镇|乡|分局|办)$")


def _agency_part(title: str) -> str:
    """The agency named in a title: what is left once the year and the report name go."""
    name = _REPORT_NAME.sub("", _YEAR_WORD.sub("", L.squash(title)))
    return re.sub(r"(关于|的)$", "", name.strip("：:，,。 "))


def _looks_like_agency(text: str) -> bool:
    return len(text) <= 40 and not re.search(r"[。，；]", text) and bool(_AGENCY_END.search(text.strip()))
