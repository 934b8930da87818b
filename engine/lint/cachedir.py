"""Where gixlint keeps what it may reuse between runs: the user's own cache folder, never a
shared temporary folder (a file another user could plant there would be loaded). Every stage
may need it (grammar tables, compiled patterns), so it is defined in :mod:`gixlint.vocab`."""

from __future__ import annotations

from gixlint.vocab.cachefolder import cache_folder as default_folder

__all__ = ["default_folder"]
