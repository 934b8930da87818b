"""Hostile PDFs and per-file limits (issue #12): every one becomes one finding for that file,
within its budget, and the good report beside it is still checked. Every file is built here."""

from __future__ import annotations

import json
import random
import zlib

import pytest

from gixlint.cli import main
from gixlint.lint.linter import Linter, lint_files
from gixlint.read import READERS
from gixlint.testing import TODAY, random_spec, render
from gixlint.vocab import limits


def _pdf(objects: list[bytes]) -> bytes:
    """A PDF from numbered object bodies (1: catalog, 2: pages, …) with a correct xref table."""
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def _stream(data: bytes, extra: bytes = b"", flate: bool = True) -> bytes:
    body = zlib.compress(data, 9) if flate else data
    return (b"<< /Length %d %s%s >>\nstream\n" % (len(body), b"/Filter /FlateDecode " if flate else b"", extra)
            + body + b"\nendstream")


def _page_pdf(content: bytes, resources: bytes = b"<< >>", extra: list[bytes] = (), flate=True) -> bytes:
    return _pdf([b"<< /Type /Catalog /Pages 2 0 R >>",
                 b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                 b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 600 800] /Contents 4 0 R /Resources %s >>" % resources,
                 _stream(content, flate=flate), *extra])


def zeros_pdf() -> bytes:
    """About 1 MB holding a flate stream of 1 GB of zeros, as the page's content."""
    inflater = zlib.compressobj(9)
    chunk = bytes(1 << 20)
    body = b"".join(inflater.compress(chunk) for _ in range(1024)) + inflater.flush()
    head = b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(body)
    return _pdf([b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                 b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 600 800] /Contents 4 0 R >>",
                 head + body + b"\nendstream"])


def paths_pdf() -> bytes:
    """A small file whose content stream inflates to 64 MB of path operators."""
    ops = b"10 10 m 20 20 l S\n" * (64 * 1024 * 1024 // 18)
    return _page_pdf(ops)


def fanout_pdf(depth: int = 12) -> bytes:
    """Form XObjects that each draw the next one four times: 4**12 (16 million) draws from 2 KB."""
    first = 5
    forms = []
    for level in range(depth):
        nxt = first + level + 1
        if level + 1 < depth:
            body = _stream(b"/F Do /F Do /F Do /F Do", b"/Type /XObject /Subtype /Form /BBox [0 0 10 10] "
                                           b"/Resources << /XObject << /F %d 0 R >> >>" % nxt, flate=False)
        else:
            body = _stream(b"0 0 m 5 5 l S", b"/Type /XObject /Subtype /Form /BBox [0 0 10 10]", flate=False)
        forms.append(body)
    return _page_pdf(b"/F Do", b"<< /XObject << /F %d 0 R >> >>" % first, forms, flate=False)


def ligature_pdf() -> bytes:
    """A text layer whose font maps one glyph to two characters (ﬁ → "fi") and one to several."""
    cmap = (b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CMapName /L def "
            b"1 begincodespacerange <00> <FF> endcodespacerange 3 beginbfchar "
            b"<01> <00660069> <02> <4E0053414E09> <03> <0031> endbfchar endcmap end end")
    text = b"BT /F1 12 Tf 50 700 Td (" + b"\x01\x02\x03" * 20 + b") Tj ET"
    font = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /ToUnicode 6 0 R >>"
    return _page_pdf(text, b"<< /Font << /F1 5 0 R >> >>", [font, _stream(cmap, flate=False)], flate=False)


HOSTILE = {
    "zeros.pdf": (zeros_pdf, "pdf-stream-mb"),
    "paths.pdf": (paths_pdf, "pdf-stream-mb"),
    "fanout.pdf": (fanout_pdf, "pdf-objects"),
}


@pytest.fixture(scope="module")
def good_text():
    return render(random_spec(random.Random(3)), "blank-lines").text


def _run(folder, *extra) -> tuple[int, dict]:
    import contextlib
    import io

    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        isolated = [] if "--config" in extra else ["--isolated"]
        code = main([str(folder), "--format", "json", "--no-progress", *isolated, "--no-plugins",
                     "--today", TODAY.isoformat(), *extra])
    return code, json.loads(out.getvalue())


def _files(data: dict) -> dict:
    return {f["path"].rsplit("/", 1)[-1]: f for f in data["files"]}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_pdf_is_one_clear_finding_and_the_good_report_is_checked(tmp_path, good_text, name):
    build, setting = HOSTILE[name]
    data = build()
    (tmp_path / name).write_bytes(data)
    (tmp_path / "good.txt").write_text(good_text, encoding="utf-8")
    code, out = _run(tmp_path)
    files = _files(out)
    [finding] = files[name]["findings"]
    assert finding["rule"] == "GIX000" and setting in finding["message"], finding["message"]
    assert not [f for f in files["good.txt"]["findings"] if f["severity"] == "error"]
    assert (tmp_path / name).read_bytes() == data
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([name, "good.txt"])   # nothing written


def test_sizes_of_the_hostile_pdfs():
    assert len(zeros_pdf()) < 1_200_000 and len(paths_pdf()) < 200_000 and len(fanout_pdf()) < 3000


def test_a_ligature_glyph_is_read_as_its_characters(tmp_path):
    from gixlint.read import pdf

    path = tmp_path / "lig.pdf"
    path.write_bytes(ligature_pdf())
    chars = [c.ch for chars, _ in pdf._pages(path) for c in chars if c]
    assert "".join(chars).startswith("fi一十三1fi")
    assert all(len(c) == 1 for c in chars)
    linter = Linter.create(today=TODAY, load_plugins=False)
    [finding] = linter.lint_file(path).findings          # too little text to be a report, no crash
    assert finding.rule == "GIX000"


def test_a_file_over_its_time_budget_is_killed_and_the_run_goes_on(tmp_path, good_text, monkeypatch):
    """A reader that never returns (simulated: the forked worker inherits the patch) costs one worker."""
    import time

    from gixlint.read import text

    real = text.read

    def slow(path):
        if path.name == "hang.txt":
            time.sleep(600)
        return real(path)

    monkeypatch.setitem(READERS, ".txt", slow)
    for name in ("hang.txt", "good.txt", "good2.txt"):
        (tmp_path / name).write_text(good_text, encoding="utf-8")
    linter = Linter.create(today=TODAY, load_plugins=False)
    start = time.monotonic()
    with limits.using(limits.Limits(seconds_per_file=3)):
        results = lint_files(linter, sorted(tmp_path.iterdir()), jobs=1)
    assert time.monotonic() - start < 30
    by_name = {r.path.rsplit("/", 1)[-1]: r for r in results}
    [finding] = by_name["hang.txt"].findings
    assert "检查超时" in finding.message and "seconds-per-file" in finding.message
    assert by_name["good.txt"].full_report() is not None and by_name["good2.txt"].full_report() is not None


def test_a_file_over_its_memory_ceiling_is_one_finding(tmp_path, good_text, monkeypatch):
    from gixlint.read import text

    real = text.read

    def greedy(path):
        if path.name == "big.txt":
            hoard = [bytearray(64 * 1024 * 1024) for _ in range(64)]     # 4 GB
            return hoard
        return real(path)

    monkeypatch.setitem(READERS, ".txt", greedy)
    for name in ("big.txt", "good.txt"):
        (tmp_path / name).write_text(good_text, encoding="utf-8")
    linter = Linter.create(today=TODAY, load_plugins=False)
    with limits.using(limits.Limits(memory_mb=1500)):
        results = lint_files(linter, sorted(tmp_path.iterdir()), jobs=2)
    by_name = {r.path.rsplit("/", 1)[-1]: r for r in results}
    [finding] = by_name["big.txt"].findings
    assert "内存超限" in finding.message and "memory-mb" in finding.message
    assert by_name["good.txt"].full_report() is not None


def test_limits_from_the_configuration_name_their_setting(tmp_path, good_text):
    (tmp_path / "gixlint.toml").write_text("[limits]\nline-chars = 50\n", encoding="utf-8")
    (tmp_path / "r.txt").write_text(good_text, encoding="utf-8")
    code, out = _run(tmp_path / "r.txt", "--config", str(tmp_path / "gixlint.toml"))
    [finding] = out["files"][0]["findings"]
    assert "line-chars" in finding["message"] and "超过上限" in finding["message"]


@pytest.mark.parametrize("jobs", [1, 2])
def test_files_sent_on_behind_a_file_that_kills_its_worker_are_still_checked(tmp_path, good_text, monkeypatch,
                                                                             jobs):
    """A worker is sent its next file before it finishes the one it runs: when that one hangs or
    dies, the files waiting behind it go to a fresh worker, each checked once, in order."""
    import os
    import time

    from gixlint.read import text

    real = text.read

    def hostile(path):
        if path.name.startswith("hang"):
            time.sleep(600)
        if path.name.startswith("die"):
            os._exit(3)
        return real(path)

    monkeypatch.setitem(READERS, ".txt", hostile)
    names = ["a.txt", "hang1.txt", "b.txt", "c.txt", "die1.txt", "d.txt", "e.txt", "f.txt", "g.txt"]
    for name in names:
        (tmp_path / name).write_text(good_text, encoding="utf-8")
    linter = Linter.create(today=TODAY, load_plugins=False)
    arrived = []
    with limits.using(limits.Limits(seconds_per_file=3)):
        results = lint_files(linter, [tmp_path / n for n in names], jobs=jobs,
                             arrived=lambda index, result: arrived.append(index))
    assert sorted(arrived) == list(range(len(names)))
    assert [r.path.rsplit("/", 1)[-1] for r in results] == names
    for name, result in zip(names, results):
        if name.startswith(("hang", "die")):
            [finding] = result.findings
            assert ("检查超时" if name.startswith("hang") else "意外终止") in finding.message
        else:
            assert result.full_report() is not None, name
