"""MinHash signatures of shingle sets, with numpy alone.

The numbers are datasketch's ``MinHash(num_perm=128, seed=1, scheme="affine32")`` with crc32 as
the hash of a shingle (a test holds the two equal): each shingle's crc32 is mixed by MurmurHash3's
finaliser, put through 128 affine maps ``a·h + b`` (mod 2³², ``a`` odd) drawn from numpy's
``RandomState(seed)``, and the least value of each map over the set is kept. Worked out here
because importing datasketch brings in scipy, about a second of every worker process of a
folder run, and its object per signature cost more than the hashing.
"""

from __future__ import annotations

import zlib
from functools import lru_cache

CHUNK = 4096        # shingles hashed at a time: 4,096 × 128 × 4 bytes = 2 MB at most


@lru_cache(maxsize=4)
def permutations(num_perm: int, seed: int):
    """(a, b) of the affine maps, as datasketch draws them for the affine32 scheme."""
    import numpy as np

    gen = np.random.RandomState(seed)
    a = gen.randint(0, 1 << 31, num_perm, dtype=np.uint32) * np.uint32(2) + np.uint32(1)
    b = gen.randint(0, 1 << 32, num_perm, dtype=np.uint32)
    return a, b


def _fmix32(h):
    """MurmurHash3's 32-bit finaliser, element by element (multiplication wraps mod 2³²)."""
    import numpy as np

    h = h ^ (h >> np.uint32(16))
    h = h * np.uint32(0x85EBCA6B)
    h = h ^ (h >> np.uint32(13))
    h = h * np.uint32(0xC2B2AE35)
    return h ^ (h >> np.uint32(16))


def signature(pieces, num_perm: int = 128, seed: int = 1) -> bytes:
    """The ``num_perm`` minima of a non-empty set of strings, as little-endian 32-bit values."""
    import numpy as np

    a, b = permutations(num_perm, seed)
    hashes = np.fromiter(map(zlib.crc32, map(str.encode, pieces)), dtype=np.uint32, count=len(pieces))  # UTF-8
    mixed = _fmix32(hashes)
    least = None
    for start in range(0, len(mixed), CHUNK):
        images = np.multiply.outer(mixed[start:start + CHUNK], a)     # one array, added to in place:
        images += b                                                     # a second costs 4x the time
        chunk = images.min(axis=0)
        least = chunk if least is None else np.minimum(least, chunk)
    return least.astype("<u4").tobytes()
