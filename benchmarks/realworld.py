"""Cell accuracy on files made by real office software, not by our own writers.

Fills the official blank Word template (../shared/templates) and our generated .docx with
random balanced values (the template also with 「重复标题行」 set), converts each with
LibreOffice to PDF and to HTML, prints our HTML and LibreOffice's HTML to PDF with Chromium (as a
supervisor saving a web page would), and reads every file back with gixlint. Needs `soffice` (Debian: libreoffice-writer-nogui,
fonts-noto-cjk); the Chromium rows need `chromium` and are skipped without it.

    python benchmarks/realworld.py [--count 10] [--keep DIR]
"""

from __future__ import annotations

import argparse
import random
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

from gixlint.layout import from_file as read
from gixlint.parse import parse
from gixlint.testing import random_spec
from gixlint.testing.formats import fill_template, write_docx, write_html
from gixlint.testing.generate import report_cells, spec_cells

TEMPLATE = Path(__file__).resolve().parents[2] / "shared" / "templates" / "report-2021-template.docx"


def convert(src: Path, fmt: str, out: Path) -> Path:
    subprocess.run(["soffice", "--headless", "--convert-to", fmt, "--outdir", str(out), str(src)],
                   capture_output=True, timeout=180, check=True)
    return out / (src.stem + "." + fmt.split(":")[0])


def repeat_headers(docx: Path, out: Path) -> Path:
    """The same document with 「重复标题行」 on the long tables' first three rows, as many agencies
    set it: the header is printed again at the top of every page the table runs on."""
    from docx import Document
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    document = Document(str(docx))
    for table in document.tables:
        if len(table.rows) > 10:
            for row in table.rows[:3]:
                mark = OxmlElement("w:tblHeader")
                mark.set(qn("w:val"), "true")
                row._tr.get_or_add_trPr().append(mark)
    path = out / (docx.stem + "-headers.docx")
    document.save(str(path))
    return path


def print_pdf(html: Path, out: Path) -> Path:
    """Chromium's own print to PDF, no header or footer, as "save page as PDF" gives."""
    pdf = out / (html.stem + "-chromium.pdf")
    subprocess.run([shutil.which("chromium") or "chromium", "--headless", "--no-sandbox", "--disable-gpu",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--no-first-run", f"--user-data-dir={out / 'chromium-profile'}", "--no-pdf-header-footer",
                    f"--print-to-pdf={pdf}", html.as_uri()], capture_output=True, timeout=180, check=True)
    return pdf


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--count", type=int, default=10)
    ap.add_argument("--keep", type=Path, default=None)
    args = ap.parse_args()
    if not shutil.which("soffice"):
        raise SystemExit("needs LibreOffice (soffice)")
    tally: dict[str, list] = {}
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        for i in range(args.count):
            spec = random_spec(random.Random(1000 + i))
            sources = {"template": fill_template(spec, TEMPLATE, work / f"template-{i}.docx")} if TEMPLATE.is_file() else {}
            sources["generated"] = write_docx(spec, work / f"generated-{i}.docx")
            files: dict[str, Path] = {}
            for origin, docx in sources.items():
                html = convert(docx, "html", work)
                files |= {f"{origin}.docx": docx, f"{origin}.pdf (LibreOffice)": convert(docx, "pdf", work),
                          f"{origin}.html (LibreOffice)": html}
                if shutil.which("chromium"):
                    files[f"{origin}.html (LO) > Chromium pdf"] = print_pdf(html, work)
            if TEMPLATE.is_file():
                files["template, repeated headers .pdf (LO)"] = convert(repeat_headers(sources["template"], work), "pdf", work)
            if shutil.which("chromium"):
                files["ours.html > Chromium pdf"] = print_pdf(write_html(spec, work / f"ours-{i}.html"), work)
            for name, path in files.items():
                start = time.perf_counter()
                got = report_cells(parse(read(path), str(path)))
                seconds = time.perf_counter() - start
                want = spec_cells(spec)
                right = sum(1 for k, v in want.items() if got.get(k) == v)
                tally.setdefault(name, []).append((right, len(want), seconds))
                if args.keep:
                    args.keep.mkdir(parents=True, exist_ok=True)
                    shutil.copy(path, args.keep / path.name)
    print(f"{'file':<40} {'cells right':>12} {'reports exact':>14} {'ms/file':>8}")
    for name, rows in tally.items():
        right = sum(r for r, _n, _s in rows)
        total = sum(n for _r, n, _s in rows)
        exact = sum(1 for r, n, _s in rows if r == n)
        ms = 1000 * sum(s for *_x, s in rows) / len(rows)
        print(f"{name:<40} {100 * right / total:>11.1f}% {exact:>9}/{len(rows):<4} {ms:>8.0f}")


if __name__ == "__main__":
    main()
