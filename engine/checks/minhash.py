"""MinHash signatures of shingle sets, with numpy alone.

The numbers are datasketch's ``MinHash(num_perm=128, seed=1, scheme="affine32")`` with crc32 as
the hash of a shingle (a test holds the two equal): each shingle's crc32 is mixed by MurmurHash3's
finaliser, put through 128 affine maps ``a·h + b`` (mod 2³², ``a`` odd) drawn from numpy's
``RandomState(seed)``, and the least value of each map over the set is kept. Worked out here
because importing datasketch brings in scipy, about a second of every worker process of a
folder run, and its object per signature cost more than the hashing.
"""

from __future__ import annotations

import random
import zlib
from functools import lru_cache

CHUNK = 4096        # shingles hashed at a time: 4,096 × 128 × 4 bytes = 2 MB at most


@lru_cache(maxsize=4)
def permutations(num_perm: int, seed: int):
    """(a, b) of the affine maps, as datasketch draws them for the affine32 scheme:
    ``RandomState(seed).randint(0, 2**31, num_perm, uint32) * 2 + 1``, then
    ``randint(0, 2**32, num_perm, uint32)``. Drawn here from the same Mersenne Twister stream
    with the standard library, which saves importing ``numpy.random`` (~12 ms before a folder
    run's workers can start; tests/test_cross.py holds the two equal)."""
    import numpy as np

    stream = _numpy_legacy_stream(seed)
    # randint over [0, 2**31): numpy masks each 32-bit draw to 31 bits, and a mask equal to the
    # range never rejects; over [0, 2**32) it takes the draws as they are
    a = [((stream.getrandbits(32) & 0x7FFFFFFF) << 1) | 1 for _ in range(num_perm)]
    b = [stream.getrandbits(32) for _ in range(num_perm)]
    return np.array(a, dtype=np.uint32), np.array(b, dtype=np.uint32)


def _numpy_legacy_stream(seed: int) -> random.Random:
    """A ``random.Random`` that draws what ``numpy.random.RandomState(seed)`` draws: numpy seeds
    MT19937 from one 32-bit integer by Matsumoto and Nishimura's ``init_genrand``, where
    ``random.seed`` would use ``init_by_array``, so the state is set directly."""
    if not 0 <= seed < 1 << 32:
        raise ValueError("seed must be between 0 and 2**32 - 1")
    state = [seed]
    for i in range(1, 624):
        previous = state[-1]
        state.append((1812433253 * (previous ^ (previous >> 30)) + i) & 0xFFFFFFFF)
    stream = random.Random()
    stream.setstate((3, (*state, 624), None))     # position 624: the next draw regenerates the block
    return stream


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
