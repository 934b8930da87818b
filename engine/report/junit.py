"""JUnit XML for CI dashboards (GitLab, Jenkins): one suite per report, one failing case per finding.

A clean report gets one passing case, so the dashboard shows it was checked.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from gixlint.report.text import location

# characters XML 1.0 cannot hold (a form feed from a PDF's text, say): dropped, not escaped
_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _x(text) -> str:
    return _ILLEGAL.sub("", str(text))


def _suite(r) -> ET.Element:
    meta = r.record.meta if r.record else None
    name = _x(" ".join(str(p) for p in (meta.agency if meta else "", meta.year if meta else "") if p) or r.path)
    suite = ET.Element("testsuite", name=_x(r.path), tests=str(max(len(r.findings), 1)),
                       failures=str(len(r.findings)), errors="0", skipped="0")
    if not r.findings:
        ET.SubElement(suite, "testcase", classname=name, name="无问题")
    for f in r.findings:
        case = ET.SubElement(suite, "testcase", classname=name, name=_x(f"{f.rule} {f.name}（第 {f.line or '-'} 行）"))
        failure = ET.SubElement(case, "failure", message=_x(f.message), type=f.severity)
        failure.text = _x("\n".join(p for p in (f.message, location(f)) if p))
    return suite


def render(results) -> str:
    root = ET.Element("testsuites", name="gixlint")
    suites = [_suite(r) for r in results]
    root.extend(suites)
    root.set("tests", str(sum(int(s.get("tests")) for s in suites)))
    root.set("failures", str(sum(int(s.get("failures")) for s in suites)))
    ET.indent(root)
    return ET.tostring(root, encoding="unicode", xml_declaration=True) + "\n"
