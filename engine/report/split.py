"""Grouping a run by agency, for one file per agency to send back; file names safe on every system."""

from __future__ import annotations

from pathlib import Path

UNKNOWN = "未识别机关"


def agency_of(result) -> str:
    meta = result.record.meta if result.record else None
    return (meta.agency if meta else "") or ""


def safe_name(name: str) -> str:
    """A file name from an agency name: no separators or reserved words, fits Windows and WPS."""
    from pathvalidate import sanitize_filename

    cleaned = name.replace("/", "_").replace("\\", "_").strip(" ._")
    cleaned = sanitize_filename(cleaned, replacement_text="_", platform="universal", max_len=120)
    return cleaned if cleaned.strip(" ._") else UNKNOWN


def by_agency(results) -> list[tuple[str, list]]:
    """(file name, that agency's results) in first-seen order; a report naming no agency goes with
    others of its folder under 「未识别机关」. Two agencies never share a file."""
    groups: dict[str, list] = {}
    for r in results:
        if r.roster:
            continue
        groups.setdefault(agency_of(r) or f"{UNKNOWN}（{Path(r.path).parent.name}）", []).append(r)
    out, taken = [], set()
    for agency, members in groups.items():
        name = safe_name(agency)
        base, n = name, 2
        while name.lower() in taken:
            name, n = f"{base}_{n}", n + 1
        taken.add(name.lower())
        out.append((name, members))
    return out
