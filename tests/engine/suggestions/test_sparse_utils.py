import numpy as np
import scipy.sparse as sp

from desktop.engine.suggestions.sparse_utils import row_argmax, top_k_positive


def test_row_argmax_matches_dense_argmax():
    rng = np.random.default_rng(0)
    dense = rng.random((50, 30)).astype(np.float32) * (rng.random((50, 30)) < 0.2)
    dense[3] = 0.0  # an empty row
    dense[4, [2, 7]] = 0.9  # a tie: the first stored entry wins
    arg, value = row_argmax(sp.csr_matrix(dense))
    for i in range(50):
        if dense[i].max() > 0:
            assert arg[i] == int(np.argmax(dense[i])) and value[i] == dense[i].max()
        else:
            assert arg[i] == -1 and value[i] == 0
    assert arg[4] == 2


def test_top_k_positive_is_exact_on_wide_rows():
    # Wide enough for the sampled lower bound; some rows have fewer positives than k.
    rng = np.random.default_rng(1)
    scores = rng.standard_normal((40, 5000)).astype(np.float32)
    scores[5] = -1.0
    scores[6, :] = -1.0
    scores[6, [10, 4000]] = [0.5, 0.25]
    top = top_k_positive(scores, 20)
    for i in range(40):
        positive = np.flatnonzero(scores[i] > 0)
        want = positive[np.argsort(-scores[i, positive], kind="stable")][:20]
        row = top[i]
        assert set(row.indices) == set(want)
        assert np.allclose(np.sort(row.data), np.sort(scores[i, want]))
    assert top[5].nnz == 0 and set(top[6].indices) == {10, 4000}
