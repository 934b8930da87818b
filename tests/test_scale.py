"""A supervisor's run at scale: what travels back from workers, the cross-report step on digests,
a generated region's planted defects, and reports read from standard input."""

from __future__ import annotations

import json
import pickle
import random
import subprocess
import sys
from pathlib import Path

from gixlint.cli import main
from gixlint.lint import spill
from gixlint.lint.linter import Linter, lint_files
from gixlint.testing import TODAY, random_spec, render
from gixlint.testing.region import make_region

ROOT = Path(__file__).resolve().parents[1]
ARGS = ["--today", "2026-12-03", "--no-plugins", "--no-progress", "--no-cache"]


def _folder(tmp_path: Path, count: int) -> list[Path]:
    paths = []
    for i in range(count):
        spec = random_spec(random.Random(i))
        spec.agency, spec.year = f"示例县第{i}局", 2024
        path = tmp_path / f"{i}.txt"
        path.write_text(render(spec).text, encoding="utf-8")
        paths.append(path)
    return paths


def test_workers_send_back_a_record_not_the_report(tmp_path):
    paths = _folder(tmp_path, 3)
    linter = Linter.create(today=TODAY, load_plugins=False)
    light = lint_files(linter, paths, jobs=2, keep_report=False)
    for path, result in zip(paths, light):
        assert result.report is None and result.full_report() is None
        assert result.record.meta.agency.startswith("示例县第") and result.record.meta.year == 2024
        assert result.record.tables["t3"].status == "exact" and result.record.readable
        assert set(spill.value(result.digests)) >= {"GIX901", "GIX909", "GIX910"}     # what the cross rules compare
        in_process = linter.lint_file(path)
        assert len(pickle.dumps(result)) * 3 < len(pickle.dumps(in_process))
    kept = lint_files(linter, paths[:1], jobs=1, keep_report=True)[0]
    report = kept.full_report()
    assert kept.report is None and report is not None
    assert report.tables["t3"].rows["total"].cells["total"].value == \
        linter.lint_file(paths[0]).report.tables["t3"].rows["total"].cells["total"].value


def test_forked_workers_inherit_the_minhash_permutations(tmp_path):
    """numpy and the permutations are made once, before the workers are forked (each worker
    would otherwise import numpy on its first report); not at all when no digests are made."""
    from gixlint.checks.minhash import permutations
    from gixlint.lint import pool

    if pool.default_method() != "fork":
        return
    paths = _folder(tmp_path, 2)
    linter = Linter.create(today=TODAY, load_plugins=False)
    linter.context.options["digests"] = False
    permutations.cache_clear()
    lint_files(linter, paths, jobs=2, keep_report=False)
    assert permutations.cache_info().currsize == 0
    linter.context.options["digests"] = True
    results = lint_files(linter, paths, jobs=2, keep_report=False)
    assert permutations.cache_info().currsize == 1 and all(spill.digest(r, "GIX909") for r in results)


def test_a_run_holds_its_set_up_out_of_the_collector_and_puts_it_back(tmp_path, monkeypatch):
    """While the files are checked, the set-up is frozen out of the garbage collector (here and in
    the workers forked then) and the collector runs less often; once the run ends both are put
    back, and a program that froze objects of its own keeps them frozen."""
    import gc

    from gixlint.cli import checking

    _folder(tmp_path, 3)
    seen = []
    real = checking._lint
    monkeypatch.setattr(checking, "_lint", lambda *a, **k: seen.append((gc.get_freeze_count(), gc.get_threshold()))
                        or real(*a, **k))
    assert gc.get_freeze_count() == 0
    before = gc.get_threshold()
    main([str(tmp_path), *ARGS, "--format", "json", "--jobs", "2"])
    assert seen and seen[0][0] > 0 and gc.get_freeze_count() == 0
    # the collector runs rarely while files are checked (their objects form no cycles), then as before
    assert seen[0][1][0] >= 10_000 > before[0] and seen[0][1][1:] == before[1:] and gc.get_threshold() == before
    gc.freeze()
    try:
        mine = gc.get_freeze_count()
        main([str(tmp_path), *ARGS, "--format", "json"])
        assert gc.get_freeze_count() > mine // 2     # not put back (a frozen object may still be freed)
    finally:
        gc.unfreeze()


def test_one_file_makes_no_digests(tmp_path, capsys):
    """A clerk's single report is compared with nothing: no MinHash is made for it."""
    [path] = _folder(tmp_path, 1)
    code = subprocess.run([sys.executable, "-c", "import sys; from gixlint.cli import main; "
                           f"code = main([{str(path)!r}, '--no-cache', '--no-plugins', '--format', 'json']); "
                           "print('datasketch' in sys.modules, file=sys.stderr); sys.exit(code)"],
                          capture_output=True, text=True)
    assert code.stderr.strip().endswith("False"), code.stderr


def test_a_generated_region_gives_exactly_its_planted_cross_findings(tmp_path, capsys):
    region = make_region(agencies=24, years=(2023, 2024), seed=5, plant_every=6)
    assert {rule for rule, _f in region.planted} == {"GIX901", "GIX902", "GIX909", "GIX910"}
    region.write(tmp_path)
    main([str(tmp_path), *ARGS, "--format", "json"])
    data = json.loads(capsys.readouterr().out)
    cross = {(f["rule"], Path(x["path"]).name) for x in data["files"] for f in x["findings"] if f["category"] == "cross"}
    assert cross == region.planted
    others = [f["rule"] for x in data["files"] for f in x["findings"]
              if f["severity"] == "error" and f["category"] != "cross"]
    assert others == []          # the region's reports are themselves correct


def test_html_from_the_cache_still_shows_tables(tmp_path, capsys):
    """A first run that kept no reports (JSON only) fills the cache; an HTML run after it must
    still show each report's table with the faulty cell marked."""
    folder = tmp_path / "reports"
    folder.mkdir()
    spec = random_spec(random.Random(3))
    spec.t3["granted"][6] = spec.t3["granted"][6] + 5        # a total that does not add up
    (folder / "bad.txt").write_text(render(spec).text, encoding="utf-8")
    _folder(folder, 2)
    cache = ["--cache-dir", str(tmp_path / "cache"), "--today", "2026-12-03", "--no-plugins", "--no-progress"]
    main([str(folder), *cache, "--format", "json"])
    capsys.readouterr()
    out = tmp_path / "r.html"
    main([str(folder), *cache, "--format", f"html={out}"])
    page = out.read_text(encoding="utf-8")
    assert 'class="grid"' in page and "sev-error" in page and "GIX301" in page


def test_standard_input_is_a_report(tmp_path):
    text = (ROOT / "examples" / "03-unbalanced-tables.txt").read_text(encoding="utf-8")
    base = [sys.executable, "-m", "gixlint", *ARGS, "--format", "json"]
    piped = subprocess.run([*base, "-"], input=text.encode(), capture_output=True)
    assert piped.returncode == 1, piped.stderr.decode()
    [entry] = json.loads(piped.stdout)["files"]
    assert entry["path"] == "-"
    from_file = subprocess.run([*base, str(ROOT / "examples" / "03-unbalanced-tables.txt")], capture_output=True)
    [expected] = json.loads(from_file.stdout)["files"]
    assert entry["findings"] == expected["findings"] and entry["findings"]
    named = subprocess.run([*base, "-", "--stdin-filename", "某县/交通局.txt"], input=text.encode(), capture_output=True)
    assert json.loads(named.stdout)["files"][0]["path"] == "某县/交通局.txt"


def test_standard_input_carries_a_word_file(tmp_path):
    from gixlint.testing.formats import write_docx

    spec = random_spec(random.Random(8))
    path = write_docx(spec, tmp_path / "r.docx")
    run = subprocess.run([sys.executable, "-m", "gixlint", *ARGS, "--format", "json", "-", "--stdin-filename", "r.docx"],
                         input=path.read_bytes(), capture_output=True)
    [entry] = json.loads(run.stdout)["files"]
    assert entry["tables"]["t3"]["status"] == "exact" and entry["agency"] == spec.agency


def test_standard_input_misuse_is_refused(tmp_path):
    twice = subprocess.run([sys.executable, "-m", "gixlint", "-", "-"], input=b"", capture_output=True)
    assert twice.returncode == 2 and "只能读一次" in twice.stderr.decode()
    stray = subprocess.run([sys.executable, "-m", "gixlint", str(ROOT / "examples"), "--stdin-filename", "a.txt"],
                           capture_output=True)
    assert stray.returncode == 2 and "--stdin-filename" in stray.stderr.decode()


def test_spilled_digests_and_reports_come_back_whole(tmp_path):
    """What the main process puts on disk reads back as it was, also after a trip through pickle
    (the cache), and a spilled result still gives the cross step and the HTML what they need."""
    from gixlint.lint.spill import Packed, Spill, Stored, digest, pack, spill_result, value

    spill = Spill()
    stored = spill.keep(pack({"t3": (1, 2, 3)}))
    raw = spill.keep(b"\x00zlib-bytes")
    assert value(stored) == {"t3": (1, 2, 3)} and raw.read() == b"\x00zlib-bytes"
    assert isinstance(pickle.loads(pickle.dumps(stored)), Packed)
    after_a_read = spill.keep(b"kept after reading")        # written at the end, not where the read stopped
    assert after_a_read.read() == b"kept after reading" and raw.read() == b"\x00zlib-bytes"
    assert pickle.loads(pickle.dumps(raw)) == b"\x00zlib-bytes" and not isinstance(pickle.loads(pickle.dumps(raw)), Packed)
    paths = _folder(tmp_path, 2)
    linter = Linter.create(today=TODAY, load_plugins=False)
    [result] = lint_files(linter, paths[:1], jobs=1, keep_report=True)
    assert isinstance(result.digests, Packed)       # a worker's digests come in one pickle
    before = value(result.digests)
    spill_result(result, spill)
    assert isinstance(result.digests, Stored) and isinstance(result.record.packed, Stored)
    assert digest(result, "GIX901") == before["GIX901"] and digest(result, "GIX999") is None
    assert digest(pickle.loads(pickle.dumps(result)), "GIX901") == before["GIX901"]     # as the cache keeps it
    assert result.full_report().tables["t3"].status == "exact"


def test_the_spreadsheet_opens_in_a_real_spreadsheet_program(tmp_path, capsys):
    """LibreOffice Calc (what WPS and Excel users' files are most often checked with on a server)
    opens the workbook and reads both sheets back with a row per report and per finding."""
    import csv
    import shutil

    import pytest

    soffice = shutil.which("soffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    region = make_region(agencies=6, years=(2023, 2024), seed=2, plant_every=3)
    region.write(tmp_path / "reports")
    book = tmp_path / "问题.xlsx"
    main([str(tmp_path / "reports"), *ARGS, "--format", f"xlsx={book}", "-q"])
    out = tmp_path / "csv"
    run = subprocess.run([soffice, "--headless", f"-env:UserInstallation=file://{tmp_path / 'profile'}",
                          "--convert-to", 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1',
                          "--outdir", str(out), str(book)], capture_output=True, timeout=240)
    assert run.returncode == 0, run.stderr
    with open(out / "问题-汇总.csv", encoding="utf-8") as f:
        summary = list(csv.reader(f))
    with open(out / "问题-问题清单.csv", encoding="utf-8") as f:
        findings = list(csv.reader(f))
    assert summary[0][:5] == ["文件", "机关", "年度", "格式", "结论"]
    assert len(summary) == 1 + len(region.files)
    assert {(row[3], Path(row[0]).name) for row in findings[1:]} == region.planted


def test_parse_of_a_file_over_a_limit_says_which_limit(tmp_path):
    """``gixlint parse`` on a page nested deeper than the limit: the limit's message, no traceback."""
    page = tmp_path / "deep.html"
    page.write_text("<html><body>" + "<div>" * 1000 + "正文" + "</div>" * 1000 + "</body></html>", encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "gixlint", "parse", str(page)], capture_output=True, text=True)
    assert run.returncode == 2 and "Traceback" not in run.stderr
    assert "nesting-depth" in run.stderr or "嵌套" in run.stderr, run.stderr


def test_cross_rules_read_each_digest_from_disk_when_asked(tmp_path):
    """An entry holds where its digest lies, not the digest: a rule over 100,000 reports never has
    every digest at once, and each read gives the digest the worker made."""
    from gixlint.lint.kinds import Entry
    from gixlint.lint.spill import Spill, Stored, spill_result, value

    paths = _folder(tmp_path, 2)
    linter = Linter.create(today=TODAY, load_plugins=False)
    results = lint_files(linter, paths, jobs=1)
    made = [value(r.digests)["GIX901"] for r in results]
    spill = Spill()
    for r in results:
        spill_result(r, spill)
        assert isinstance(r.digests, Stored)
    entries = [Entry.stored(r.path, r.record.meta, r, "GIX901") for r in results]
    assert [e.data for e in entries] == made and made[0] is not None
    assert entries[0].data is not entries[0].data          # read afresh, not kept
    assert not hasattr(entries[0], "__dict__") and entries[0]._data is None
    assert Entry("a.txt", None, {"x": 1}).data == {"x": 1}   # made by hand (a plugin's tests) it holds its data


def test_records_share_what_most_records_hold_alike(tmp_path):
    """Every table read exactly and no places: one shared object for all such records, also after a
    trip from a worker or the cache; a record with a partly read table keeps its own, and the
    shared one cannot be changed by accident."""
    import pytest

    from gixlint.lint.record import READ_EXACTLY, ReportRecord, TableStatus
    from gixlint.parse.model import Meta

    records = [pickle.loads(pickle.dumps(ReportRecord(f"{i}.txt", Meta(agency=f"局{i}"),
                                                      tables={"t2": READ_EXACTLY, "t3": READ_EXACTLY})))
               for i in range(3)]
    assert records[0].tables is records[1].tables is records[2].tables
    assert records[0].sources is records[2].sources and records[0].tables["t3"].status == "exact"
    partial = ReportRecord("p.txt", Meta(), tables={"t3": TableStatus("partial", "两行没有读出", False, {})})
    back = pickle.loads(pickle.dumps(partial))
    assert back.tables["t3"].status == "partial" and back.tables is not records[0].tables
    with pytest.raises(TypeError):
        records[0].tables["t4"] = READ_EXACTLY
    assert type(pickle.loads(pickle.dumps(records[0].tables))) is dict


def test_candidate_pairs_are_every_pair_sharing_a_band():
    """The numpy banding finds exactly the pairs a dictionary of bands would: every pair of rows
    with some band alike, kept when its estimate reaches the threshold."""
    import numpy as np

    from gixlint.checks.copying import NUM_PERM, _banding, similar_rows

    rng = np.random.default_rng(5)
    matrix = rng.integers(0, 2**32, size=(300, NUM_PERM), dtype=np.uint64).astype("<u4")
    for copy, original, keep in ((10, 3, 1.0), (11, 3, 0.9), (40, 41, 0.8), (200, 7, 0.7), (201, 7, 0.3)):
        mask = rng.random(NUM_PERM) < keep
        matrix[copy] = np.where(mask, matrix[original], matrix[copy])
    matrix[[120, 121, 122]] = matrix[250]                   # a group of four alike
    threshold = 0.75
    bands, rows = _banding(threshold)
    expected = set()
    for a in range(len(matrix)):
        for b in range(a + 1, len(matrix)):
            shares = any((matrix[a, k * rows:(k + 1) * rows] == matrix[b, k * rows:(k + 1) * rows]).all()
                         for k in range(bands))
            score = float((matrix[a] == matrix[b]).mean())
            if shares and score >= threshold:
                expected.add((a, b))
    found = {(a, b) for a, b, _score in similar_rows(matrix, threshold)}
    assert found == expected and {(3, 10), (3, 11), (120, 121), (121, 250)} <= found


def test_the_view_summary_agrees_with_the_report_view(tmp_path):
    """The agency table's line per report (worked out from the result) says what the report's own
    view says: verdict, counts, categories, findings."""
    from gixlint.report.view import build, report_view

    paths = [*sorted((ROOT / "examples").glob("*.txt")), *_folder(tmp_path, 2)]
    linter = Linter.create(today=TODAY, load_plugins=False)
    results = lint_files(linter, paths, jobs=1, keep_report=True)
    view = build(results)
    assert len(view.reports) == len(paths)
    assert {s.verdict for s in view.reports} >= {"error", "clean"}
    for summary, result in zip(view.reports, results):
        full = report_view(result, summary.id)
        for name in ("id", "path", "name", "agency", "year", "format", "format_zh", "verdict", "verdict_zh",
                     "counts", "by_category", "waived"):
            assert getattr(summary, name) == getattr(full, name), name
        assert summary.findings == full.findings


def test_a_program_that_turned_automatic_collection_off_keeps_it_off():
    """Threshold 0 means no automatic collection: checking files does not turn it back on."""
    import gc

    from gixlint.cli.checking import _set_up_frozen

    before = gc.get_threshold()
    gc.set_threshold(0, *before[1:])
    try:
        with _set_up_frozen():
            assert gc.get_threshold()[0] == 0
        with _set_up_frozen():
            pass
        gc.set_threshold(*before)
        with _set_up_frozen():
            assert gc.get_threshold()[0] >= 10_000
        assert gc.get_threshold() == before
    finally:
        gc.set_threshold(*before)
