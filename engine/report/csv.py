"""CSV for supervisors' spreadsheets: one row per finding, with the agency and year of its report.

Written with a UTF-8 byte-order mark so that Excel opens the Chinese text correctly. Every text
cell is made inert (:func:`gixlint.report.inert.inert`): an agency name or a line of report text
that starts with = + - @ must not become a formula when the supervisor opens the file.
"""

from __future__ import annotations

import csv
import io

from gixlint.report.inert import inert
from gixlint.report.json import finding_json

COLUMNS = ("path", "agency", "year", "rule", "name", "category", "severity", "message", "line", "source",
           "section", "table", "row_label", "column_label", "expected", "actual")


def render(results) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for r in results:
        meta = r.record.meta if r.record else None
        for f in r.findings:
            data = finding_json(f)
            # a roster finding is about the agency on its row (an agency with no report)
            agency = f.row if r.roster else meta.agency if meta else ""
            row = {"path": r.path, "agency": agency, "year": meta.year if meta else "", **data}
            writer.writerow(["" if row.get(c) is None else inert(row.get(c)) for c in COLUMNS])
    return "\ufeff" + out.getvalue()
