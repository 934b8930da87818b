"""GitHub Actions workflow commands: each finding becomes an annotation on the file in a pull request."""

from __future__ import annotations

from gixlint.report.text import location

COMMAND = {"error": "error", "warning": "warning", "info": "notice"}


def _data(text: str) -> str:
    """Escape a message the way the runner unescapes it (a newline would end the command)."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def render(results) -> str:
    lines = []
    for r in results:
        for f in r.findings:
            props = [f"file={_property(r.path)}"]
            if f.line:
                props.append(f"line={f.line}")
            props.append(f"title={_property(f'{f.rule} {f.name}')}")
            where = location(f)
            message = f"{f.message}（{where}）" if where else f.message
            lines.append(f"::{COMMAND[f.severity]} {','.join(props)}::{_data(message)}")
    return "".join(line + "\n" for line in lines)
