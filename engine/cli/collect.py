"""Which files a run checks: folders searched for reports, staying inside each folder.

A downloaded folder is the sender's: a link in it may point anywhere on the supervisor's disk,
and a named pipe or device would block the first read. So a folder is walked without following
links out of it, only regular files are read, and whatever is skipped — a link leaving the
folder, a broken or looping link, a pipe, a device, a folder that cannot be opened — gets one
line saying so. Word's lock files (~$报告.docx) and a folder's notes (README) are left out silently.
"""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path
from typing import NamedTuple

_FOLDER_NOTES = re.compile(r"^(readme|license|changelog)(\.\w+)?$", re.I)


class Collected(NamedTuple):
    files: list[Path]       # to lint, in path order, each file once
    missing: list[str]      # named on the command line but not there
    notes: list[str]        # what was skipped and why, one line each (plain Chinese)


def collect(paths: list[Path], scope=None) -> Collected:
    """Files to lint (folders searched recursively), paths that do not exist, and skipped entries.
    ``scope`` (:class:`gixlint.cli.scope.Scope`) leaves out excluded files and folders silently."""
    files: list[Path] = []
    missing: list[str] = []
    notes: list[str] = []
    for path in paths:
        try:
            mode = path.stat().st_mode
        except (OSError, RuntimeError):     # not there, a broken link, or a loop of links
            missing.append(str(path))
            continue
        if scope is not None and scope.force_exclude and scope.excluded(path, stat.S_ISDIR(mode)):
            continue        # --force-exclude: excluded even when named
        if stat.S_ISDIR(mode):
            found: list[Path] = []
            _walk(path, found, notes, scope)
            files.extend(sorted(found))
        elif stat.S_ISREG(mode):
            files.append(path)      # named by the user: checked wherever it is
        else:
            notes.append(f"{path} 不是普通文件（{_what(mode)}），已跳过")
    return Collected(_once(files), missing, notes)


def _walk(root: Path, found: list[Path], notes: list[str], scope=None) -> None:
    from gixlint.read import SUFFIXES

    top = root.resolve()
    folders = [root]
    while folders:
        folder = folders.pop()
        try:
            with os.scandir(folder) as listing:
                entries = sorted(listing, key=lambda e: e.name)
        except OSError as exc:
            notes.append(f"无法打开文件夹 {folder}（{exc.strerror or exc}），其中的文件没有检查")
            continue
        for entry in entries:
            path = Path(entry.path)
            try:
                if entry.is_symlink():
                    _link(path, top, found, notes, SUFFIXES, scope)
                elif entry.is_dir(follow_symlinks=False):
                    if scope is None or not scope.excluded(path, True):
                        folders.append(path)
                elif entry.is_file(follow_symlinks=False):
                    if _wanted(path, SUFFIXES, scope):
                        found.append(path)
                else:
                    notes.append(f"{path} 不是普通文件（{_what(entry.stat(follow_symlinks=False).st_mode)}），已跳过")
            except OSError as exc:
                notes.append(f"无法读取 {path} 的信息（{exc.strerror or exc}），已跳过")


def _link(path: Path, top: Path, found: list[Path], notes: list[str], suffixes, scope=None) -> None:
    """A link inside the folder: a file it points to inside the folder is checked; links to
    folders are not followed (what they point to inside is walked anyway)."""
    try:
        target = path.resolve(strict=True)
    except FileNotFoundError:
        notes.append(f"链接 {path} 指向不存在的位置，已跳过")
        return
    except (OSError, RuntimeError):
        notes.append(f"链接 {path} 形成循环，已跳过")
        return
    if target != top and top not in target.parents:
        notes.append(f"链接 {path} 指向被检查的文件夹以外（{target}），已跳过")
        return
    mode = target.stat().st_mode
    if stat.S_ISDIR(mode):
        if target == top or target in path.parents or any(p.resolve() == target for p in path.parents):
            notes.append(f"链接 {path} 指向它所在的文件夹，形成循环，已跳过")
    elif stat.S_ISREG(mode):
        if _wanted(path, suffixes, scope):
            found.append(path)
    else:
        notes.append(f"链接 {path} 指向的不是普通文件（{_what(mode)}），已跳过")


def _wanted(path: Path, suffixes, scope=None) -> bool:
    if scope is not None:
        if scope.excluded(path, False):
            return False
        chosen = scope.wanted(path)
        if chosen is not None:
            return chosen
    # ~$报告.docx is Word's lock file beside an open document, not a report; a README beside
    # downloaded reports describes the folder (name it to have it checked)
    return path.suffix.lower() in suffixes and not path.name.startswith("~$") and not _FOLDER_NOTES.match(path.name)


def _what(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "命名管道"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "设备"
    if stat.S_ISSOCK(mode):
        return "套接字"
    return "特殊文件"


def _once(files: list[Path]) -> list[Path]:
    """Each file once, however many links or arguments lead to it. A file that is no link is
    its resolved folder and its name: each folder is resolved once, not once per file."""
    seen: set[str] = set()
    folders: dict[str, str] = {}        # a folder as written → resolved (text keys: no Path per file)
    out = []
    for f in files:
        try:
            if f.is_symlink():
                key = str(f.resolve())
            else:
                folder = os.path.dirname(f)
                if folder not in folders:
                    folders[folder] = str(f.parent.resolve())
                key = os.path.join(folders[folder], f.name)
        except (OSError, RuntimeError):
            key = str(f)
        if key not in seen:
            seen.add(key)
            out.append(f)
    return out
