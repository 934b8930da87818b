"""Cross-report checks over a supervisor's folder: year chains, conflicting versions, copied tables
and copied text."""

from __future__ import annotations

import json
import random

import pytest

from gixlint.cli import main
from gixlint.testing import random_spec, render

ARGS = ["--today", "2026-11-23", "--no-plugins", "--no-progress", "--format", "json", "--select", "cross"]


def findings(folder, capsys, *extra):
    main([str(folder), *ARGS, *extra])
    data = json.loads(capsys.readouterr().out)
    return {f["path"].split("/")[-1]: [(x["rule"], x["row"], x["column"], x["expected"], x["actual"], x["line"])
                                       for x in f["findings"]] for f in data["files"]}


def _years():
    """The same agency in 2023 and 2024, both balanced, every year-to-year check satisfied:
    2024's 上年结转 equals 2023's 结转下年度, the documents in force add up, no count jumps."""
    for seed in range(100):
        old, new = random_spec(random.Random(seed)), random_spec(random.Random(seed + 1000))
        for c in range(7):  # keep 2024 balanced by moving the difference into 本年新收
            delta = old.t3["carried_forward"][c] - new.t3["carried_over"][c]
            new.t3["carried_over"][c] += delta
            new.t3["new_received"][c] -= delta
        made, repealed, _ = new.t2["normative_documents"]
        new.t2["normative_documents"][2] = old.t2["normative_documents"][2] + made - repealed
        new.t2["licensing"], new.t2["penalty"] = list(old.t2["licensing"]), list(old.t2["penalty"])
        ratio = max(new.t3["new_received"][6], old.t3["new_received"][6]) / max(1, min(new.t3["new_received"][6],
                                                                                         old.t3["new_received"][6]))
        if min(new.t3["new_received"]) >= 1 and ratio < 5:
            old.year, new.year = 2023, 2024
            old.signoff, new.signoff = "2024年1月20日", "2025年1月20日"
            return old, new
    raise AssertionError("no seed gives a chain")


def test_carry_over_chain(tmp_path, capsys):
    old, new = _years()
    (tmp_path / "2023.txt").write_text(render(old).text, encoding="utf-8")
    doc = render(new)
    (tmp_path / "2024.txt").write_text(doc.text, encoding="utf-8")
    assert findings(tmp_path, capsys) == {"2023.txt": [], "2024.txt": []}
    new.t3["carried_over"][0] += 1
    new.t3["new_received"][0] -= 1
    doc = render(new)
    (tmp_path / "2024.txt").write_text(doc.text, encoding="utf-8")
    found = findings(tmp_path, capsys)
    assert found["2023.txt"] == []
    [(rule, row, column, expected, actual, line)] = found["2024.txt"]
    assert (rule, row, column) == ("GIX901", "carried_over", "natural_person")
    assert actual - expected == 1 and line == doc.lines["t3.carried_over.natural_person"]


def test_conflicting_versions_and_copied_tables(tmp_path, capsys):
    spec = random_spec(random.Random(8))
    (tmp_path / "portal.txt").write_text(render(spec).text, encoding="utf-8")
    spec.t2["licensing"] = [int(spec.t2["licensing"][0]) + 5]
    (tmp_path / "column.txt").write_text(render(spec, "blank-lines").text, encoding="utf-8")
    spec.agency = "示例县另一个局"
    (tmp_path / "copy.txt").write_text(render(spec).text, encoding="utf-8")
    found = findings(tmp_path, capsys)
    # copy.txt is portal.txt under another agency's name: its text is copied too (GIX910)
    assert {r for r, *_ in found["portal.txt"]} == {"GIX904", "GIX908", "GIX910"}
    assert {r for r, *_ in found["column.txt"]} == {"GIX904", "GIX908", "GIX910"}
    assert {r for r, *_ in found["copy.txt"]} == {"GIX908", "GIX910"}


def test_identical_copies_and_unrelated_reports_are_fine(tmp_path, capsys):
    for name, seed in (("a.txt", 1), ("b.txt", 2)):
        spec = random_spec(random.Random(seed))
        spec.agency = f"示例县{name[0]}局"
        (tmp_path / name).write_text(render(spec).text, encoding="utf-8")
    (tmp_path / "a-again.txt").write_text((tmp_path / "a.txt").read_text(encoding="utf-8"), encoding="utf-8")
    assert all(v == [] for v in findings(tmp_path, capsys).values())


def _write(folder, name, spec):
    doc = render(spec)
    (folder / name).write_text(doc.text, encoding="utf-8")
    return doc


def test_documents_in_force_chain(tmp_path, capsys):
    old, new = _years()
    _write(tmp_path, "2023.txt", old)
    _write(tmp_path, "2024.txt", new)
    assert findings(tmp_path, capsys)["2024.txt"] == []
    new.t2["normative_documents"][2] += 2
    doc = _write(tmp_path, "2024.txt", new)
    [(rule, row, column, expected, actual, line)] = findings(tmp_path, capsys)["2024.txt"]
    assert (rule, row, column, actual - expected) == ("GIX902", "normative_documents", "in_force", 2)
    assert expected == old.t2["normative_documents"][2] + new.t2["normative_documents"][0] - new.t2["normative_documents"][1]
    assert line == doc.lines["t2.normative_documents.in_force"]


@pytest.mark.parametrize(("before", "after", "fires"), [(20, 200, True), (200, 20, True), (20, 90, False),
                                                        (3, 60, False), (0, 40, False)])
def test_year_on_year_jump(tmp_path, capsys, before, after, fires):
    old, new = _years()
    old.t2["licensing"], new.t2["licensing"] = [before], [after]
    _write(tmp_path, "2023.txt", old)
    doc = _write(tmp_path, "2024.txt", new)
    main([str(tmp_path), *ARGS, "--select", "GIX907"])
    files = {f["path"].split("/")[-1]: f["findings"] for f in json.loads(capsys.readouterr().out)["files"]}
    assert files["2023.txt"] == []
    if not fires:
        assert files["2024.txt"] == []
        return
    [hit] = files["2024.txt"]
    assert (hit["severity"], hit["row"], hit["expected"], hit["actual"]) == ("info", "licensing", None, after)
    assert f"为 {before}，" in hit["message"]
    assert hit["line"] == doc.lines["t2.licensing"]
    assert "行政许可" in hit["message"] and ("是上一年的 10.0 倍" in hit["message"] or "只有上一年的约 1/10" in hit["message"])


def test_narrative_copied_from_last_year(tmp_path, capsys):
    old, new = _years()
    _write(tmp_path, "2023.txt", old)
    _write(tmp_path, "2024.txt", new)
    assert findings(tmp_path, capsys) == {"2023.txt": [], "2024.txt": []}
    # 2024 reuses 2023's section 五 word for word and 2023's overview with the year changed
    new.problems = list(old.problems)
    new.overview = [p.replace("2023", "2024") for p in old.overview]
    doc = _write(tmp_path, "2024.txt", new)
    main([str(tmp_path), *ARGS])
    data = json.loads(capsys.readouterr().out)
    files = {f["path"].split("/")[-1]: f["findings"] for f in data["files"]}
    assert files["2023.txt"] == []
    hits = sorted((h["rule"], h["line"], h["section"], h["actual"]) for h in files["2024.txt"])
    assert hits == [("GIX909", doc.lines["sec.1"], "一、总体情况", "100%"),
                    ("GIX909", doc.lines["sec.5"], "五、存在的主要问题及改进情况", "100%")]
    assert "2023 年度报告" in files["2024.txt"][0]["message"]


def test_narrative_copied_from_another_agency(tmp_path, capsys):
    a = random_spec(random.Random(21))
    b = random_spec(random.Random(22))
    a.agency, b.agency = "示例县交通运输局", "示例县水利局"
    # b took a's overview: a's name replaced by b's and some figures changed
    b.overview = [p.replace("本机关", "示例县水利局") for p in a.overview]
    b.overview[1] += "全年发布信息128条。"
    a.overview[1] += "全年发布信息35条。"
    _write(tmp_path, "a.txt", a)
    doc = _write(tmp_path, "b.txt", b)
    c = random_spec(random.Random(23))
    c.agency = "示例县教育局"
    _write(tmp_path, "c.txt", c)
    found = findings(tmp_path, capsys)
    assert found["c.txt"] == []
    assert [(r, line) for r, _row, _col, _e, _a, line in found["b.txt"]] == [("GIX910", doc.lines["sec.1"])]
    assert [r for r, *_ in found["a.txt"]] == ["GIX910"]


def test_similar_pairs_agree_with_exact_jaccard_away_from_the_threshold():
    """The MinHash LSH pairs are the pairs a full exact comparison finds, give or take pairs
    within the estimate's error of the threshold: every pair clearly above it is found, none
    clearly below it is reported, and an identical pair estimates exactly 100%."""
    from itertools import combinations

    from gixlint.checks.copying import jaccard, signature, similar_pairs

    rng = random.Random(5)
    base = [f"共同片段{i}" for i in range(300)]
    sets = []
    for _ in range(60):
        drop = rng.choice([0.01, 0.03, 0.1, 0.3, 0.5])
        kept = [s for s in base if rng.random() > drop]
        sets.append(frozenset(kept + [f"独有{rng.randint(0, 10**6)}" for _ in range(rng.randint(0, 20))]))
    sets += [sets[0]]                                   # an exact copy
    signatures = [signature(s) for s in sets]
    for threshold in (0.6, 0.75, 0.8):
        found = {(j, i): score for j, i, score in similar_pairs(signatures, threshold)}
        exact = {(j, i): jaccard(sets[j], sets[i]) for j, i in combinations(range(len(sets)), 2)}
        # 128 permutations: the estimate's standard error is about 0.04; 0.15 is ~4 of them
        clearly_above = {p for p, v in exact.items() if v >= threshold + 0.15}
        clearly_below = {p for p, v in exact.items() if v < threshold - 0.15}
        assert clearly_above and clearly_above <= set(found), threshold
        assert not clearly_below & set(found), threshold
        assert all(score >= threshold for score in found.values())
        assert found[(0, len(sets) - 1)] == 1.0


def test_one_agency_written_with_and_without_its_city(tmp_path, capsys):
    """南通市海门区X局 on one portal, 海门区X局 on another: one agency, not a copy of another's."""
    spec = random_spec(random.Random(31))
    spec.agency = "南通市海门区水利局"
    _write(tmp_path, "portal.txt", spec)
    spec.agency = "海门区水利局"
    _write(tmp_path, "column.txt", spec)
    assert findings(tmp_path, capsys) == {"portal.txt": [], "column.txt": []}
    old, new = _years()
    old.agency, new.agency = "海门区交通运输局", "南通市海门区交通运输局"
    new.t3["carried_over"][0] += 1
    new.t3["new_received"][0] -= 1
    _write(tmp_path, "2023.txt", old)
    _write(tmp_path, "2024.txt", new)
    found = findings(tmp_path, capsys)
    assert [r for r, *_ in found["2024.txt"]] == ["GIX901"]          # the chain is checked across the names


def test_light_edits_and_lists_of_figures(tmp_path, capsys):
    old, new = _years()
    # 2024 is 2023's overview with a handful of words swapped for synonyms: still a copy
    swaps = {"认真": "切实", "及时": "按时", "持续": "不断", "加强": "强化", "严格": "从严", "做到": "实现"}
    new.overview = list(old.overview)
    for a, b in swaps.items():
        new.overview = [p.replace(a, b) for p in new.overview]
    new.overview = [p.replace("2023", "2024") for p in new.overview]
    _write(tmp_path, "2023.txt", old)
    _write(tmp_path, "2024.txt", new)
    assert [r for r, *_ in findings(tmp_path, capsys)["2024.txt"]] == ["GIX909"]
    # an overview that is a list of figures has the same words every year: not a copy
    figures = "主动公开政府信息{}条，其中政策文件{}条，政策解读{}篇，工作动态{}条，人事信息{}条，财政信息{}条，其他信息{}条。"
    old.overview = [figures.format(*range(11, 18)) + figures.format(*range(21, 28))]
    new.overview = [figures.format(*range(31, 38)) + figures.format(*range(41, 48))]
    _write(tmp_path, "2023.txt", old)
    _write(tmp_path, "2024.txt", new)
    assert findings(tmp_path, capsys)["2024.txt"] == []


def test_per_file_ignores_cover_cross_report_findings(tmp_path, capsys, monkeypatch):
    old, new = _years()
    old.t2["licensing"], new.t2["licensing"] = [20], [200]
    _write(tmp_path, "2023.txt", old)
    _write(tmp_path, "2024.txt", new)
    (tmp_path / "gixlint.toml").write_text('per-file-ignores = { "2024.txt" = ["GIX907"] }\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert findings(tmp_path, capsys)["2024.txt"] == []


def test_year_on_year_values_must_be_numbers(tmp_path):
    from gixlint.lint.linter import Linter
    from gixlint.lint.packs import ConfigError

    pack = tmp_path / "p.toml"
    pack.write_text('''[pack]
name = "p"
prefix = "P"

[[rule]]
id = "P907"
name = "jump"
category = "cross"
severity = "info"
kind = "year-on-year"
values = ["t2.licensing.count == t2.penalty.count"]
message = "{value}"
''', encoding="utf-8")
    with pytest.raises(ConfigError, match="比较式"):
        Linter.create(packs=[pack], load_plugins=False)


@pytest.mark.parametrize("threshold", [0.5, 0.6, 0.75, 0.8, 0.9])
def test_bands_are_datasketchs_choice(threshold):
    """The banding worked out without scipy is the one datasketch's MinHash LSH would choose."""
    from datasketch import MinHashLSH

    from gixlint.checks.copying import NUM_PERM, _banding

    lsh = MinHashLSH(threshold=max(0.05, threshold - 0.1), num_perm=NUM_PERM)
    assert _banding(threshold) == (lsh.b, lsh.r)


def test_the_cross_step_needs_no_scipy(tmp_path):
    """The main process estimates and bands signatures with numpy alone (datasketch pulls in scipy),
    and draws the permutations without numpy.random."""
    import subprocess
    import sys

    for seed in range(4):
        spec = random_spec(random.Random(seed))
        spec.agency = f"示例县第{seed}局"
        (tmp_path / f"{seed}.txt").write_text(render(spec).text, encoding="utf-8")
    code = ("import sys; from gixlint.cli import main; "
            f"main([{str(tmp_path)!r}, '--no-cache', '--no-plugins', '--format', 'json', '--jobs', '2']); "
            "print('scipy' in sys.modules, 'numpy' in sys.modules, 'numpy.random' in sys.modules, file=sys.stderr)")
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert run.stderr.strip().splitlines()[-1] == "False True False", run.stderr


@pytest.mark.parametrize("seed", [0, 1, 7, 2**31 + 5, 2**32 - 1])
@pytest.mark.parametrize("num_perm", [1, 128, 700])
def test_permutations_are_numpys_draws(seed, num_perm):
    """The affine maps drawn with the standard library are numpy's RandomState draws, which are
    datasketch's: past 624 draws (the twister's block) as well as within it."""
    import numpy as np

    from gixlint.checks.minhash import permutations

    gen = np.random.RandomState(seed)
    a = gen.randint(0, 1 << 31, num_perm, dtype=np.uint32) * np.uint32(2) + np.uint32(1)
    b = gen.randint(0, 1 << 32, num_perm, dtype=np.uint32)
    ours = permutations(num_perm, seed)
    assert ours[0].dtype == ours[1].dtype == np.uint32
    assert np.array_equal(ours[0], a) and np.array_equal(ours[1], b)


def test_a_seed_numpy_refuses_is_refused():
    from gixlint.checks.minhash import _numpy_legacy_stream

    with pytest.raises(ValueError):
        _numpy_legacy_stream(1 << 32)


def test_a_row_one_copy_could_not_read_is_no_difference(tmp_path, capsys):
    """The same report as a Word export and as a PDF whose 予以公开 and 总计 rows print their
    numbers run together (rows the reader cannot split and so does not read): every row both
    were read in is the same, so they are not conflicting versions. A number changed in a row
    both read still is one."""
    pytest.importorskip("reportlab")
    from gixlint.testing.pdf import write_pdf

    spec = random_spec(random.Random(8))
    (tmp_path / "portal.txt").write_text(render(spec).text, encoding="utf-8")
    write_pdf(spec, tmp_path / "website.pdf", joined={"granted", "total"})
    found = findings(tmp_path, capsys, "--select", "GIX904,GIX006")
    assert [r for r, *_ in found["website.pdf"]] == ["GIX006"]     # the unread rows, said once
    assert found["portal.txt"] == []
    spec.t3["new_received"][0] += 1
    spec.t3["carried_forward"][0] += 1      # still balanced: only the other copy differs
    (tmp_path / "portal.txt").write_text(render(spec).text, encoding="utf-8")
    found = findings(tmp_path, capsys, "--select", "GIX904")
    assert [r for r, *_ in found["portal.txt"]] == ["GIX904"]
    assert [r for r, *_ in found["website.pdf"]] == ["GIX904"]
