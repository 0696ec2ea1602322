"""Seeds and random generators, shared by every stochastic function.

Every stochastic function takes ``seed``: an int, a
:class:`numpy.random.SeedSequence`, a :class:`numpy.random.Generator` (used as
is) or ``None`` (fresh entropy, not reproducible). Work split into chunks draws
each chunk from ``SeedSequence(seed).spawn(n_chunks)[k]``, so a result depends
only on the seed, the number of draws and the chunk size — not on where or in
what order the chunks run.
"""

from __future__ import annotations

import numpy as np

__all__ = ["SeedLike", "chunk_seeds", "rng_from", "seed_sequence"]

SeedLike = int | np.integer | np.random.Generator | np.random.SeedSequence | None


def rng_from(seed: SeedLike) -> np.random.Generator:
    """A Generator from ``seed``.

    Examples
    --------
    >>> float(rng_from(3).random()) == float(rng_from(3).random())
    True
    """
    if isinstance(seed, np.random.Generator):
        return seed
    if seed is None or isinstance(seed, int | np.integer | np.random.SeedSequence):
        return np.random.default_rng(seed)
    raise ValueError(
        f"seed: expected an int, a SeedSequence, a numpy Generator or None, got {seed!r}"
    )


def seed_sequence(seed: SeedLike) -> np.random.SeedSequence:
    """A SeedSequence from ``seed`` (a Generator contributes fresh entropy drawn from it)."""
    if isinstance(seed, np.random.SeedSequence):
        return seed
    if isinstance(seed, np.random.Generator):
        return np.random.SeedSequence(int(seed.integers(0, 2**63)))
    if seed is None or isinstance(seed, int | np.integer):
        return np.random.SeedSequence(None if seed is None else int(seed))
    raise ValueError(
        f"seed: expected an int, a SeedSequence, a numpy Generator or None, got {seed!r}"
    )


def chunk_seeds(seed: SeedLike, n_chunks: int) -> list[np.random.SeedSequence]:
    """Independent child seeds, one per chunk: ``SeedSequence(seed).spawn(n_chunks)``."""
    if n_chunks < 1:
        raise ValueError(f"n_chunks: need at least 1, got {n_chunks}")
    return seed_sequence(seed).spawn(n_chunks)
