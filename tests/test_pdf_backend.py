"""The fast PDF reader (pdf-oxide) gives exactly what the fallback (pdfminer) gives, or declines.

Each file is read both ways: where the fast reader takes it, every character (text, box,
baseline, size, the box's vertical centre), every ruling line, the rebuilt items and the report's
cells must be the same as pdfminer's; where it declines (fonts not embedded, character spacing,
broken, encrypted, scanned or unmapped files) the file is read, and judged, by pdfminer.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from gixlint.layout import from_file
from gixlint.parse import parse
from gixlint.read import ReadError, pdf, pdf_miner, pdf_oxide
from gixlint.testing import random_spec
from gixlint.testing.generate import report_cells

pytest.importorskip("pdf_oxide")
pytest.importorskip("reportlab")

REAL = Path(__file__).resolve().parents[2] / "shared" / "real" / "hongze-qu-2023.pdf"
FIXTURES = Path(__file__).parent / "fixtures"
CJK_TTF = Path("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc")


def _same_pages(fast, slow) -> None:
    assert len(fast) == len(slow)
    for (fc, fs), (sc, ss) in zip(fast, slow):
        assert [c and c.ch for c in fc] == [c and c.ch for c in sc]
        for a, b in zip(fc, sc):
            if a is not None:
                assert (a.x0, a.x1, a.y, a.size, a.yc) == pytest.approx((b.x0, b.x1, b.y, b.size, b.yc), abs=2e-3)
        assert [(s.horizontal, s.pos, s.lo, s.hi) for s in fs] == \
            [(s.horizontal, pytest.approx(s.pos, abs=2e-3), pytest.approx(s.lo, abs=2e-3),
              pytest.approx(s.hi, abs=2e-3)) for s in ss]


def _both(path: Path, monkeypatch):
    """(items, cells) read with the fast reader where it takes the file, then with pdfminer."""
    def read():
        layout = from_file(path)
        return [(it.text, it.line, it.page, it.role) for it in layout.items], report_cells(parse(layout, str(path)))
    fast = read()
    monkeypatch.setattr(pdf, "_pages", pdf_miner.pages)
    return fast, read()


@pytest.fixture(scope="module")
def embedded(tmp_path_factory) -> Path:
    """A generated report in an embedded CJK TrueType font (reportlab subsets it, with ToUnicode)."""
    if not CJK_TTF.is_file():
        pytest.skip("no CJK TrueType font to embed (Debian: fonts-wqy-zenhei)")
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    from gixlint.testing import pdf as writer

    if "WQY" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("WQY", str(CJK_TTF), subfontIndex=0))
    path = tmp_path_factory.mktemp("emb") / "embedded.pdf"
    font = writer.FONT
    writer.FONT = "WQY"
    try:
        writer.write_pdf(random_spec(random.Random(101)), path, valign="top")
    finally:
        writer.FONT = font
    return path


def test_embedded_cjk_font_reads_the_same_both_ways(embedded, monkeypatch):
    fast = pdf_oxide.pages(embedded)
    assert fast is not None                       # taken by the fast reader …
    _same_pages(fast, pdf_miner.pages(embedded))  # … character for character, line for line
    (items, cells), (items2, cells2) = _both(embedded, monkeypatch)
    assert items == items2 and cells == cells2 and len(cells) > 150


def test_non_embedded_cid_font_is_left_to_pdfminer(tmp_path, monkeypatch):
    """reportlab's STSong-Light is not embedded: pdf-oxide's own widths would move the digits."""
    from gixlint.testing.pdf import write_pdf

    path = tmp_path / "r.pdf"
    write_pdf(random_spec(random.Random(7)), path)
    assert pdf_oxide.pages(path) is None
    (items, cells), (items2, cells2) = _both(path, monkeypatch)
    assert items == items2 and cells == cells2


@pytest.mark.parametrize("name", ["libreoffice/template-2031.pdf", "libreoffice/generated-2032.pdf",
                                  "chromium/template-2041.pdf"])
def test_fixture_pdfs_read_the_same(name, monkeypatch):
    path = FIXTURES / name
    fast = pdf_oxide.pages(path)
    if "chromium" in name:
        assert fast is None                        # Type 3 fonts: pdf-oxide's text is mojibake
    else:
        _same_pages(fast, pdf_miner.pages(path))
    (items, cells), (items2, cells2) = _both(path, monkeypatch)
    assert items == items2 and cells == cells2


@pytest.mark.skipif(not REAL.is_file(), reason="needs ../shared/real")
def test_real_wps_pdf_with_a_vertical_label_reads_the_same(monkeypatch):
    """WPS writes 「三、本年度办理结果」 in a vertical (Identity-V) font; its boxes are rebuilt."""
    fast = pdf_oxide.pages(REAL)
    assert fast is not None
    slow = pdf_miner.pages(REAL)
    for (fc, fs), (sc, ss) in zip(fast, slow):
        # the same characters and boxes; the order differs where pdf-oxide merged two runs on a line
        fc = sorted(filter(None, fc), key=lambda c: (c.ch, round(c.y), c.x0))
        sc = sorted(filter(None, sc), key=lambda c: (c.ch, round(c.y), c.x0))
        assert [c.ch for c in fc] == [c.ch for c in sc]
        for a, b in zip(fc, sc):
            assert (a.x0, a.x1, a.y, a.size, a.yc) == pytest.approx((b.x0, b.x1, b.y, b.size, b.yc), abs=2e-3)
        assert len(fs) == len(ss)
    (items, cells), (items2, cells2) = _both(REAL, monkeypatch)
    assert items == items2 and cells == cells2


@pytest.mark.skipif(not REAL.is_file(), reason="needs ../shared/real")
def test_fonts_without_unicode_map_are_still_found(tmp_path):
    data = REAL.read_bytes()
    path = tmp_path / "unmapped.pdf"
    path.write_bytes(re.sub(rb"/ToUnicode\s+\d+\s+0\s+R", lambda m: b" " * len(m.group()), data))
    assert pdf_oxide.pages(path) is None
    with pytest.raises(ReadError, match="字符映射"):
        pdf.read(path)
    assert REAL.read_bytes() == data


def test_character_spacing_is_left_to_pdfminer(embedded, tmp_path):
    """pdf-oxide adds Tc after a run's last glyph (as the standard says), pdfminer does not."""
    from reportlab.pdfgen import canvas

    path = tmp_path / "spaced.pdf"
    c = canvas.Canvas(str(path))
    text = c.beginText(72, 720)
    text.setFont("WQY", 11)
    text.setCharSpace(3)
    text.textOut("本年度共收到申请 12 件")
    text.textOut("，办结 10 件，结转 2 件。")
    c.drawText(text)
    c.save()
    assert pdf_oxide.pages(path) is None
    assert "".join(ch.ch for ch in pdf._pages(path)[0][0] if ch).startswith("本年度共收到申请12件")


@pytest.mark.parametrize("damage", ["xref", "truncated"])
def test_a_broken_file_still_reads_or_fails_as_before(embedded, tmp_path, damage, monkeypatch):
    data = embedded.read_bytes()
    path = tmp_path / "bad.pdf"
    if damage == "xref":     # the startxref offset points nowhere: pdfminer rebuilds the xref
        at = data.rindex(b"startxref")
        path.write_bytes(data[:at] + b"startxref\n123\n%%EOF\n")
    else:
        path.write_bytes(data[: len(data) // 3])
    fast = pdf_oxide.pages(path)
    try:
        slow = pdf_miner.pages(path)
    except Exception:
        slow = None
    if fast is not None:
        _same_pages(fast, slow)
    if slow is None:
        with pytest.raises(ReadError):
            pdf.read(path)
    else:
        assert pdf._pages(path)


def test_encrypted_and_scanned_files_keep_their_messages(tmp_path):
    from reportlab.pdfgen import canvas

    locked = tmp_path / "locked.pdf"
    c = canvas.Canvas(str(locked), encrypt="secret")
    c.setFont("Helvetica", 12)
    c.drawString(72, 720, "report " * 20)
    c.save()
    assert pdf_oxide.pages(locked) is None
    with pytest.raises(ReadError, match="加密"):
        pdf.read(locked)
    scan = tmp_path / "scan.pdf"
    c = canvas.Canvas(str(scan))
    c.rect(60, 60, 470, 700, fill=1)
    c.save()
    assert pdf_oxide.pages(scan) is None
    with pytest.raises(ReadError, match="扫描件"):
        pdf.read(scan)


def test_the_spacing_operators_are_found_as_the_whole_stream_scan_finds_them():
    """pdf_oxide.spacing() tries the pattern only before each operator; it must find exactly
    what findall over the whole content stream finds, letters, signs and blanks in any order."""
    from hypothesis import given, settings
    from hypothesis import strategies as st

    @settings(max_examples=5000, deadline=None)
    @given(st.binary(max_size=40) | st.lists(st.sampled_from(
        [b"0", b"12", b".5", b"-", b" ", b"\n", b"\t", b"\x0b", b"T", b"c", b"w", b"s", b"z", b"J", b"a",
         b"1 Tc", b"0 Tw ", b"100 Tz", b"-0.2 Ts", b"BT", b"ET"]), max_size=25).map(b"".join))
    def check(data):
        assert pdf_oxide.spacing(data) == pdf_oxide._SPACING.findall(data)

    check()
    assert pdf_oxide.spacing(b"BT 1.5 Tc x2 Tw 100 Tz 0 Tsq") == [(b"1.5", b"Tc"), (b"100", b"Tz")]


@pytest.mark.parametrize("name", ["chromium/template-2041.pdf", "libreoffice/generated-2032.pdf"])
def test_the_fast_reader_keeps_its_log_messages_off_standard_error(name):
    """pdf-oxide reports what it repairs through Python's logging (「Dictionary used where Stream
    expected」 47 times for a Chromium print): with no handler set, Python printed each one on the
    clerk's screen. A file's troubles are gixlint's findings, not a library's log."""
    import subprocess
    import sys

    out = subprocess.run([sys.executable, "-m", "gixlint", str(FIXTURES / name), "--no-cache", "--no-progress"],
                         capture_output=True, text=True)
    assert out.returncode in (0, 1), out.stderr
    assert out.stderr == ""
