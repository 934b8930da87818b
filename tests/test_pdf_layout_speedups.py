"""The PDF layout's fast paths (#11) lay out what the plain ones lay out.

* a grid's cells are joined with each boundary's strokes found once, not every stroke asked for
  every unit (:meth:`Grid._drawn_v`, :meth:`Grid._drawn_h`);
* the merged cells the three steps of :meth:`Grid.infer` look at are worked out once per change;
* each character's grid unit is found once and serves both :meth:`Grid.infer` and the page's
  cells, since borders added later never move a boundary.

Checked on generated reports (reportlab, read by pdfminer), the LibreOffice and Chromium fixtures
and the real WPS report where it is there.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from gixlint.layout.pdf import grid as G
from gixlint.layout.pdf import lines as L
from gixlint.read import pdf
from gixlint.testing import random_spec

REAL = Path(__file__).resolve().parents[2] / "shared" / "real" / "hongze-qu-2023.pdf"
FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="module")
def documents(tmp_path_factory) -> list[pdf.PdfPages]:
    pytest.importorskip("reportlab")
    from gixlint.testing.pdf import write_pdf

    folder = tmp_path_factory.mktemp("pdfs")
    paths = [FIXTURES / "libreoffice" / "template-2031.pdf", FIXTURES / "libreoffice" / "generated-2032.pdf",
             FIXTURES / "chromium" / "template-2041.pdf"]
    for seed, valign in [(3, "middle"), (4, "top")]:
        write_pdf(random_spec(random.Random(seed)), folder / f"{seed}.pdf", valign=valign)
        paths.append(folder / f"{seed}.pdf")
    if REAL.is_file():
        paths.append(REAL)
    documents = [pdf.read(path) for path in paths]
    return [*documents, _side_by_side(documents[-1])]


def _side_by_side(document: pdf.PdfPages) -> pdf.PdfPages:
    """Each two pages as one, the second moved to the right of the first: pages with several grids."""
    def moved(page):
        chars, segs = page
        return ([None if c is None else pdf.Char(c.ch, c.x0 + 1000, c.x1 + 1000, c.y, c.size, c.yc) for c in chars],
                [pdf.Seg(s.horizontal, s.pos if s.horizontal else s.pos + 1000, s.lo + s.horizontal * 1000,
                         s.hi + s.horizontal * 1000) for s in segs])

    pages = document.pages
    return pdf.PdfPages([(a[0] + b[0], a[1] + b[1]) for a, b in zip(pages, map(moved, pages[1:]))])


def _plain_join(grid: G.Grid) -> list[int]:
    """The cells as joined with every stroke asked for every unit: the reference."""
    rows, cols = grid.rows, grid.cols
    parent = list(range(rows * cols))

    def find(i: int) -> int:
        while parent[i] != i:
            i = parent[i]
        return i

    for r in range(rows):
        for c in range(cols):
            if c + 1 < cols and not grid._drawn_v(r, c + 1):
                parent[find(r * cols + c + 1)] = find(r * cols + c)
            if r + 1 < rows and not grid._drawn_h(r + 1, c):
                parent[find((r + 1) * cols + c)] = find(r * cols + c)
    return [find(i) for i in range(rows * cols)]


def _same_cells(a: list[int], b: list[int]) -> bool:
    """Two joins make the same cells (the id a cell goes by may differ)."""
    return len(a) == len(b) and len(set(a)) == len(set(zip(a, b))) == len(set(b))


def _grids(documents):
    for document in documents:
        for chars, segs in document.pages:
            glyphs = [c for c in chars if c is not None]
            for grid in G.find_grids(segs):
                yield grid, glyphs


def test_cells_join_as_every_stroke_asked_for_every_unit(documents):
    seen = 0
    for grid, glyphs in _grids(documents):
        assert _same_cells(grid.id, _plain_join(grid))
        grid.infer(glyphs)
        assert _same_cells(grid.id, _plain_join(grid))      # with the borders the text put back
        seen += 1
    assert seen >= 10


def test_a_character_s_unit_stays_while_borders_are_added(documents):
    for grid, glyphs in _grids(documents):
        before = grid.units(glyphs)
        grid.infer(glyphs, before)
        assert grid.units(glyphs) == before == [grid.unit_at(c) for c in glyphs]
        assert [grid.cell_at(c) for c in glyphs] == [None if u is None else grid.id[u] for u in before]


def _layout(document) -> list[tuple]:
    return [(it.line, it.text, it.role, it.page, it.source) for it in L.lay_out(document).items]


def test_the_pages_lay_out_as_with_the_plain_paths(documents, monkeypatch):
    fast = [_layout(document) for document in documents]

    def plain_join(grid):
        grid.id = _plain_join(grid)
        grid.top, grid.span = {}, {}
        for i, cell in enumerate(grid.id):
            grid.top.setdefault(cell, i // grid.cols)
            grid.span[cell] = i // grid.cols - grid.top[cell] + 1

    monkeypatch.setattr(G.Grid, "_join", plain_join)
    monkeypatch.setattr(G.Grid, "_cells", G.Grid._find_cells)
    assert [_layout(document) for document in documents] == fast
    assert sum(len(items) for items in fast) > 500


def _plain_by_cell(chars, grids):
    """Each character placed by asking each grid for its cell: the reference for ``_by_cell``."""
    free, buckets, target = [], {}, None
    for c in chars:
        if c is None:
            if target is not None:
                target.append(None)
            continue
        target = free
        for g, grid in enumerate(grids):
            cell = grid.cell_at(c)
            if cell is not None:
                target = buckets.setdefault((g, cell), [])
                break
        target.append(c)
    return free, buckets


def test_characters_go_to_the_cells_each_grid_would_say(documents):
    several = 0
    for document in documents:
        for chars, segs in document.pages:
            grids = G.find_grids(segs)
            glyphs = [c for c in chars if c is not None]
            units = [grid.units(glyphs) for grid in grids]
            for grid, placed in zip(grids, units):
                grid.infer(glyphs, placed)
            free, buckets = L._by_cell(chars, grids, units)
            plain_free, plain_buckets = _plain_by_cell(chars, grids)
            assert free == plain_free and list(buckets.items()) == list(plain_buckets.items())
            several += len(grids) > 1 and len({g for g, _cell in buckets}) > 1
    assert several


# --- lines and words ----------------------------------------------------------------------------

def _plain_lines(chars):
    """Lines as grouped with a (character, space) tuple for each and Python sort keys: the reference."""
    tagged = []
    for c in chars:
        if c is None:
            if tagged:
                tagged[-1] = (tagged[-1][0], True)
            continue
        tagged.append((c, False))
    tagged.sort(key=lambda t: -t[0].y)
    lines = []
    for c, space in tagged:
        if lines and abs(lines[-1][0][0].y - c.y) <= 0.3 * max(c.size, lines[-1][0][0].size):
            lines[-1].append((c, space))
        else:
            lines.append([(c, space)])
    out = []
    for line in lines:
        line.sort(key=lambda t: t[0].x0)
        seq = []
        for c, space in line:
            seq.append(c)
            if space:
                seq.append(None)
        out.append(seq)
    return out


def _plain_words(seq):
    """Words grown a character at a time: the reference."""
    from gixlint.layout.pdf.chars import _CELL_GAP, _CJK_GAP, _WORD_GAP, _is_cjk
    from gixlint.layout.rows.words import Word

    words, prev, space = [], None, False
    for c in seq:
        if c is None:
            space = True
            continue
        if prev is None:
            words.append(Word(c.ch, c.x0, c.x1, True))
        else:
            gap = c.x0 - prev.x1
            size = max(c.size, prev.size)
            if gap > _CELL_GAP * size:
                words.append(Word(c.ch, c.x0, c.x1, True))
            elif (space and gap > 0) or gap > (_CJK_GAP if _is_cjk(c.ch) and _is_cjk(prev.ch) else _WORD_GAP) * size:
                words.append(Word(c.ch, c.x0, c.x1, False))
            else:
                words[-1].text += c.ch
                words[-1].x1 = max(words[-1].x1, c.x1)
        prev, space = c, False
    return words


def _same_lines(chars) -> None:
    from gixlint.layout.pdf.chars import _lines, _words

    lines = _lines(chars)
    assert [[id(c) for c in seq] for seq in lines] == [[id(c) for c in seq] for seq in _plain_lines(chars)]
    for seq in lines:
        assert _words(seq) == _plain_words(seq)


def test_lines_and_words_on_the_pages(documents):
    for document in documents:
        for chars, _segs in document.pages:
            _same_lines(chars)
            _same_lines(chars[:1] + [None])


def test_lines_and_words_on_any_characters():
    """Ties in baseline and position, spaces anywhere, sizes apart, CJK and Latin, overlaps."""
    from hypothesis import given, settings
    from hypothesis import strategies as st

    coordinate = st.integers(0, 12).map(lambda n: n * 1.5)
    char = st.builds(lambda ch, x, w, y, size: pdf.Char(ch, x, x + w, y, size, y),
                     st.sampled_from("1二a三 ."), coordinate, st.integers(-1, 4), coordinate, st.sampled_from([2.0, 5.0, 9.0]))

    @settings(max_examples=1500, deadline=None)
    @given(st.lists(st.none() | char, max_size=14))
    def check(chars):
        _same_lines(chars)

    check()


def test_prose_marks_as_asked_mark_by_mark():
    for text in ["", "，", "。", "一，二", "句。", "12 34", "、；", "，。"]:
        assert L._has_prose_marks(text) == any(ch in text for ch in "，。")
