"""Where gixlint keeps what it may reuse between runs: the user's own cache folder, never a
shared temporary folder (a file another user could plant there would be loaded). The parse
stage needs it first (the grammars' tables), so it is defined there."""

from __future__ import annotations

from gixlint.parse.grammars import cache_folder as default_folder

__all__ = ["default_folder"]
