"""One line a clerk can act on: may this report be published as it is?"""

from __future__ import annotations


def verdict(findings) -> str:
    """「可以发布」 when nothing is wrong or doubtful; 「无法检查」 when the file could not be read;
    else how many errors and warnings to fix.

    Hints (info) do not hold a report back.
    """
    if any(f.name == "unreadable-file" for f in findings):
        return "无法检查：文件未能读取或未能检查完，请按提示处理后再检查"   # nothing checked, nothing to fix yet
    errors = sum(1 for f in findings if f.severity == "error")
    warnings = sum(1 for f in findings if f.severity == "warning")
    if not errors and not warnings:
        return "可以发布"
    return f"需修改：{errors} 个错误、{warnings} 个警告"
