"""Small sparse/dense helpers shared by the suggestion models."""

from __future__ import annotations

import functools

import numpy as np
import scipy.sparse as sp


def one_blas_thread(fn):
    """Run `fn` with NumPy's BLAS on one thread. The products here are small or memory-bound: on a
    busy 2-core machine, BLAS threads waiting for each other made the factorisation model 5x slower
    (3.6 s against 0.6 s of CPU for 10,000 customers)."""

    @functools.wraps(fn)
    def run(*args, **kwargs):
        from threadpoolctl import threadpool_limits

        with threadpool_limits(limits=1, user_api="blas"):
            return fn(*args, **kwargs)

    return run


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
    # One float sort instead of a two-key sort: within row r the key lies in (r - 1, r], larger
    # values first. Values are scaled by their row's largest magnitude first.
    nonempty = counts > 0
    scale = np.ones(m.shape[0])
    scale[nonempty] = np.maximum.reduceat(np.abs(m.data), m.indptr[:-1][nonempty])
    scale[scale == 0] = 1.0
    key = rows + 0.5 - 0.45 * (m.data / scale[rows])
    order = np.argsort(key)
    rank = np.arange(m.nnz) - m.indptr[rows]
    keep = np.sort(order[rank < n])
    return sp.csr_matrix((m.data[keep], m.indices[keep], np.concatenate([[0], np.cumsum(np.minimum(counts, n))])),
                         shape=m.shape)


def row_argmax(m: sp.csr_matrix) -> tuple[np.ndarray, np.ndarray]:
    """Return (column of the largest positive stored entry per row, -1 when none; that value).
    Ties go to the first stored entry."""
    arg = np.full(m.shape[0], -1, dtype=np.int64)
    value = np.zeros(m.shape[0], dtype=np.float32)
    counts = np.diff(m.indptr)
    nonempty = counts > 0
    if m.nnz == 0:
        return arg, value
    # Rows are runs of m.data: the maximum of each run, then the first entry equal to it (no sort).
    mx = np.maximum.reduceat(m.data, m.indptr[:-1][nonempty])
    hit = np.flatnonzero(m.data == np.repeat(mx, counts[nonempty]))
    r = row_ids(m)[hit]
    first = np.concatenate([[True], r[1:] != r[:-1]])
    hit, r = hit[first], r[first]
    ok = m.data[hit] > 0
    arg[r[ok]] = m.indices[hit[ok]]
    value[r[ok]] = m.data[hit[ok]]
    return arg, value


def similarity_top_n(a: sp.csr_matrix, b: sp.csr_matrix, n: int, *, exclude_diagonal: bool,
                     block: int = 2000, min_value: float = 0.0, progress=None) -> sp.csr_matrix:
    """Return the `n` largest entries per row of a @ b.T, computed in row blocks to bound memory.

    `a` and `b` are row-normalised when the caller wants cosine similarity. Entries <= min_value
    are dropped.
    """
    bt = sp.csr_matrix(b.T)
    # When most pairs share something, a dense right-hand side is much faster than a sparse product.
    density = (a.nnz / max(a.shape[0], 1)) * (b.nnz / max(b.shape[1], 1)) / max(b.shape[0], 1)
    dense_b = bt.toarray() if density > 0.05 and b.shape[0] * b.shape[1] <= 1e8 else None
    parts = []
    total = a.shape[0]
    for start in range(0, total, block):
        stop = min(total, start + block)
        if dense_b is not None:
            parts.append(_dense_top(np.asarray(a[start:stop] @ dense_b), n, start if exclude_diagonal else None,
                                    min_value))
            if progress is not None:
                progress(stop / total, "")
            continue
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


def top_k_positive(scores: np.ndarray, k: int) -> sp.csr_matrix:
    """Return the k largest positive entries of each row of a dense array as CSR (exactly).

    The k-th largest value of a sample of columns is a lower bound for the row's k-th largest, so
    only entries above it need sorting: much faster than partitioning every row in full.
    """
    n_rows, n_cols = scores.shape
    sample = max(1024, 16 * k)
    if n_cols <= 2 * sample:
        idx, val = top_k_dense(scores, k)
        keep = val > 0
        return sp.csr_matrix((val[keep], idx[keep], np.concatenate([[0], np.cumsum(keep.sum(axis=1))])),
                             shape=scores.shape)
    # A contiguous block of columns is much faster to read than scattered ones; product order is
    # arbitrary with respect to scores, so it serves as the sample.
    start = (n_cols - sample) // 2
    bound = np.partition(scores[:, start:start + sample], sample - k, axis=1)[:, sample - k]
    bound = np.maximum(bound, np.float32(1e-30))
    # Row-major positions, rows then columns ascending (np.nonzero on 2-D is several times slower).
    flat = np.flatnonzero(scores >= bound[:, None])
    r, c = flat // n_cols, flat % n_cols
    indptr = np.concatenate([[0], np.cumsum(np.bincount(r, minlength=n_rows))])
    cand = sp.csr_matrix((scores[r, c], c, indptr), shape=scores.shape)
    return top_per_row(cand, k)


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
