"""The HTML report: one self-contained page to open offline, file and mail.

Rendered by Jinja2 from the report view (:mod:`gixlint.report.view`) with templates shipped in the
wheel; charts are inline SVG and the little script that sorts the agency table is inline too, so
the page needs no network. The page's parts are template macros a ``gixlint serve`` page can reuse.
"""

from __future__ import annotations

from datetime import datetime

from gixlint.report.view import RunView

TITLE = "政府信息公开工作年度报告检查结果"
SEVERITY_COLOUR = {"error": "#c62828", "warning": "#b26a00", "info": "#1565c0"}


def environment():
    from jinja2 import Environment, PackageLoader, StrictUndefined

    env = Environment(loader=PackageLoader("gixlint.report", "templates"), autoescape=True,
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    env.globals["colour"] = SEVERITY_COLOUR
    return env


def render(view: RunView, title: str = TITLE) -> str:
    return "".join(chunks(view, title))


def chunks(view: RunView, title: str = TITLE):
    """The page piece by piece, each report's part made as it is written: a page about 10,000
    reports never holds them all at once."""
    return environment().get_template("report.html.j2").generate(
        view=view, title=title, generated=datetime.now().strftime("%Y-%m-%d %H:%M"))
