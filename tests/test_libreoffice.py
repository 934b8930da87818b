"""Files made by real office software (LibreOffice 7.4), not by our own writers.

The fixtures in ``fixtures/libreoffice`` were made from ``random_spec(random.Random(N))``, so no
expected values are stored: the spec is regenerated here from the same N. Regenerate with::

    spec = random_spec(random.Random(2031))
    fill_template(spec, Path("../shared/templates/report-2021-template.docx"), Path("template-2031.docx"))
    write_docx(random_spec(random.Random(2032)), Path("generated-2032.docx"))
    # soffice --headless --convert-to pdf  template-2031.docx generated-2032.docx
    # soffice --headless --convert-to html template-2031.docx
    # pdftotext -layout template-2031.pdf template-2031.pdftotext.txt  (and generated-2032)

LibreOffice's PDFs are what real reports look like: labels wrapped inside their cells (in
``generated-2032.pdf`` two characters a line), group labels centred in merged columns, cells of
one row at different heights, rows broken over a page, table 四's values on the page after its
header. Every table-二/三/四 value must read back exactly, with no table-shape or balance finding.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from gixlint.layout import from_file as read
from gixlint.lint.linter import Linter
from gixlint.parse import parse
from gixlint.testing import TODAY, random_spec
from gixlint.testing.generate import report_cells, spec_cells

FIXTURES = Path(__file__).parent / "fixtures" / "libreoffice"
FILES = {"template-2031.pdf": 2031, "generated-2032.pdf": 2032, "template-2031.html": 2031,
         # the two PDFs through ``pdftotext -layout`` (poppler 22.12): a tall cell's number at its
         # top, the rest of the row beside the label's second line; merged labels side by side
         "template-2031.pdftotext.txt": 2031, "generated-2032.pdftotext.txt": 2032}


@pytest.fixture(scope="module")
def linter():
    return Linter.create(today=TODAY, load_plugins=False)


@pytest.mark.parametrize("name", FILES)
def test_every_cell_reads_back(name):
    report = parse(read(FIXTURES / name))
    assert report.problems == []
    want = spec_cells(random_spec(random.Random(FILES[name])))
    got = report_cells(report)
    assert len(want) == 10 + 175 + 15
    assert {k: got.get(k) for k in want} == want
    assert set(got) == set(want)


@pytest.mark.parametrize("name", FILES)
def test_no_shape_or_balance_findings(name, linter):
    result = linter.lint_file(FIXTURES / name)
    assert [(f.rule, f.message) for f in result.findings if f.category in ("parse", "counts", "balance")] == []
