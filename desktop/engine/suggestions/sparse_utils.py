"""Small sparse/dense helpers shared by the suggestion models."""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp


def row_ids(m: sp.csr_matrix) -> np.ndarray:
    """Return the row number of every stored entry of a CSR matrix."""
    return np.repeat(np.arange(m.shape[0], dtype=np.int32), np.diff(m.indptr))


def top_per_row(m: sp.csr_matrix, n: int) -> sp.csr_matrix:
    """Return a copy of `m` keeping only the `n` largest entries of each row."""
    m = sp.csr_matrix(m)
    m.eliminate_zeros()
    counts = np.diff(m.indptr)
    if m.nnz == 0 or counts.max() <= n:
        return m
    rows = row_ids(m)
    order = np.lexsort((-m.data, rows))
    rank = np.arange(m.nnz) - m.indptr[rows]
    keep = np.sort(order[rank < n])
    return sp.csr_matrix((m.data[keep], (rows[keep], m.indices[keep])), shape=m.shape)


def similarity_top_n(a: sp.csr_matrix, b: sp.csr_matrix, n: int, *, exclude_diagonal: bool,
                     block: int = 2000, min_value: float = 0.0, progress=None) -> sp.csr_matrix:
    """Return the `n` largest entries per row of a @ b.T, computed in row blocks to bound memory.

    `a` and `b` are row-normalised when the caller wants cosine similarity. Entries <= min_value
    are dropped.
    """
    bt = sp.csr_matrix(b.T)
    parts = []
    total = a.shape[0]
    for start in range(0, total, block):
        stop = min(total, start + block)
        prod = sp.csr_matrix(a[start:stop] @ bt)
        if prod.nnz > 0.05 * prod.shape[0] * prod.shape[1]:
            parts.append(_dense_top(prod.toarray(), n, start if exclude_diagonal else None, min_value))
        else:
            if exclude_diagonal:
                r = row_ids(prod) + start
                prod.data[prod.indices == r] = 0.0
            if min_value is not None:
                prod.data[prod.data <= min_value] = 0.0
            parts.append(top_per_row(prod, n))
        if progress is not None:
            progress(stop / total, "")
    if not parts:
        return sp.csr_matrix((a.shape[0], b.shape[0]), dtype=np.float32)
    out = sp.vstack(parts, format="csr")
    out.data = out.data.astype(np.float32)
    return out


def _dense_top(block: np.ndarray, n: int, diagonal_offset: int | None, min_value: float | None) -> sp.csr_matrix:
    """Return the n largest entries per row of a dense block as CSR (entries <= min_value dropped)."""
    block = block.astype(np.float32, copy=False)
    if diagonal_offset is not None:
        r = np.arange(block.shape[0])
        c = r + diagonal_offset
        ok = c < block.shape[1]
        block[r[ok], c[ok]] = 0.0
    n = min(n, block.shape[1])
    idx = np.argpartition(-block, n - 1, axis=1)[:, :n]
    vals = np.take_along_axis(block, idx, axis=1)
    rows = np.repeat(np.arange(block.shape[0]), n)
    keep = vals.ravel() > (0.0 if min_value is None else min_value)
    return sp.csr_matrix((vals.ravel()[keep], (rows[keep], idx.ravel()[keep])), shape=block.shape)


def normalize_rows(m: sp.csr_matrix) -> sp.csr_matrix:
    """Return `m` with every row scaled to unit length (empty rows stay empty)."""
    m = sp.csr_matrix(m, dtype=np.float32, copy=True)
    sq = np.asarray(m.multiply(m).sum(axis=1)).ravel()
    norm = np.sqrt(sq)
    norm[norm == 0] = 1.0
    m.data /= np.repeat(norm, np.diff(m.indptr)).astype(np.float32)
    return m


def top_k_dense(scores: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    """Return (column indices, values) of the k best entries per row, best first (-inf = not allowed)."""
    k = min(k, scores.shape[1])
    if k <= 0:
        return np.zeros((scores.shape[0], 0), dtype=np.int64), np.zeros((scores.shape[0], 0), dtype=scores.dtype)
    part = np.argpartition(-scores, k - 1, axis=1)[:, :k]
    vals = np.take_along_axis(scores, part, axis=1)
    order = np.argsort(-vals, axis=1, kind="stable")
    idx = np.take_along_axis(part, order, axis=1)
    return idx, np.take_along_axis(vals, order, axis=1)
