"""Does gixlint read a real report the same however it was saved or converted?

Every file of ../shared/real is written again as other tools would have passed it on
(:mod:`gixlint.testing.variants`: line endings, encodings, HTML tables, squeezed columns …) and
linted. For each variant: the hand-keyed cells read exactly, declared unread, or misread, and the
errors the original does not have. The goal: no misread cell and no new error, anywhere; a
variant may only make gixlint less sure (more cells unread), never wrong.

    python benchmarks/variants.py [--shared ../shared]
"""

from __future__ import annotations

import argparse
import tempfile
from collections import Counter
from datetime import date
from pathlib import Path

from gixlint.lint.linter import Linter
from gixlint.testing.truth import load, score
from gixlint.testing.variants import file_name, new_errors, variants_for


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=Path(__file__).resolve().parents[2] / "shared")
    args = parser.parse_args()
    real = args.shared / "real"
    if not real.is_dir():
        raise SystemExit(f"no {real}")
    linter = Linter.create(today=date(2026, 12, 3), load_plugins=False)
    print(f"{'file':32} {'variant':20} {'exact':>6} {'unread':>6} {'misread':>7}   new errors")
    bad = 0
    with tempfile.TemporaryDirectory() as tmp:
        for path in sorted(p for p in real.iterdir() if p.is_file() and p.name != "README.md"):
            data = path.read_bytes()
            kinds = variants_for(path.name, data)
            if not kinds:
                continue
            truth = load(real, path.name)
            original = linter.lint_file(path)
            for name, variant in kinds.items():
                copy = Path(tmp) / file_name(path.name, data, name)
                copy.write_bytes(variant(data))
                result = linter.lint_file(copy)
                counts, wrong = score(result.report, truth) if truth and result.report else (Counter(), [])
                new = new_errors(result, original)
                cells = (f"{counts['exact']:>6} {counts['unreadable']:>6} {counts['misread']:>7}" if truth
                         else f"{'-':>6} {'-':>6} {'-':>7}")
                shown = " ".join(f"{rule}{'·' + (row or '') if row else ''}×{n}" for (rule, _t, row, _c), n in new.items())
                print(f"{path.name:32} {name:20} {cells}   {shown or '-'}")
                for line in wrong[:5]:
                    print(f"    misread {line}")
                bad += bool(wrong or new)
    print(f"\n{bad} variant(s) read wrong" if bad else "\nevery variant read honestly")


if __name__ == "__main__":
    main()
