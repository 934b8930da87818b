"""The bundled examples/: reports we wrote, clean and with the defects agencies commonly make.

Regenerate with ``python -m gixlint.testing.examples examples/``; a test keeps the folder in
step with this file and checks which rules each example triggers.
"""

from __future__ import annotations

import random
import sys
from collections.abc import Callable
from pathlib import Path

from gixlint.testing.generate import ReportSpec, random_spec, render


def _clean(spec: ReportSpec) -> None:
    spec.agency = "示例市示例区生态环境局"


def _web(spec: ReportSpec) -> None:
    spec.agency = "示例市示例区人民政府办公室"
    spec.published = "2025-01-17 09:30"
    spec.signoff = "2025年1月16日"


def _unbalanced(spec: ReportSpec) -> None:
    spec.agency = "示例县交通运输局"
    spec.t3["granted"][0] = int(spec.t3["granted"][0]) + 2      # 予以公开 total no longer adds up
    spec.t4[4] = int(spec.t4[4]) + 1                             # 行政复议 总计


def _no_fee(spec: ReportSpec) -> None:
    spec.agency = "示例县市场监督管理局"
    spec.other_matters = ["无其他需要报告的事项。"]


def _numbering_and_dates(spec: ReportSpec) -> None:
    spec.agency = "示例县农业农村局"
    spec.headings = {3: "3、收到和处理政府信息公开申请情况", 5: "五、存在的主要问题及改进措施"}
    spec.period = "2024年1月1日至2024年6月30日"
    spec.signoff = "2025年2月30日"


def _cells(spec: ReportSpec) -> None:
    spec.agency = "示例县教育局"
    spec.t3["denied_state_secret"][3] = "/"
    spec.t4[8] = ""
    spec.t2["licensing"] = ["126（其中新办98件，变更28件）"]


EXAMPLES: dict[str, tuple[str, Callable[[ReportSpec], None], int]] = {
    # file name: (layout, defects, random seed)
    "01-clean-word-export.txt": ("word-tabs", _clean, 11),
    "02-clean-web-export.txt": ("blank-lines", _web, 12),
    "03-unbalanced-tables.txt": ("word-tabs", _unbalanced, 13),
    "04-no-fee-statement.txt": ("blank-lines", _no_fee, 14),
    "05-numbering-and-dates.txt": ("word-tabs", _numbering_and_dates, 15),
    "06-blank-slash-and-notes.txt": ("word-tabs", _cells, 16),
}


def example_texts() -> dict[str, str]:
    out = {}
    for name, (layout, mutate, seed) in EXAMPLES.items():
        spec = random_spec(random.Random(seed))
        mutate(spec)
        out[name] = render(spec, layout).text
    return out


def write_examples(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in example_texts().items():
        (folder / name).write_text(text, encoding="utf-8")


if __name__ == "__main__":
    write_examples(Path(sys.argv[1] if len(sys.argv) > 1 else "examples"))
