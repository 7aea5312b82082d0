import numpy as np
import scipy.sparse as sp

from desktop.engine.suggestions.blend import (ValidationSet, combine, padded_candidates, prepare, recall_at_k,
                                              search_weights)


def test_prepare_keeps_best_allowed_and_scales_to_one():
    raw = sp.csr_matrix(np.array([[0.0, 4.0, 2.0, 1.0], [3.0, 0.0, 0.0, 6.0]], dtype=np.float32))
    blocked = np.array([0 * 4 + 1])  # customer 0 may not get product 1
    excluded = np.array([False, False, False, True])  # product 3 is never offered
    out = prepare(raw, blocked, excluded, m=1).toarray()
    assert out[0].tolist() == [0, 0, 1, 0]
    assert out[1].tolist() == [1, 0, 0, 0]
    dense = prepare(raw.toarray(), blocked, None, m=2).toarray()
    assert dense[0].tolist() == [0, 0, 1, 0.5]
    assert dense[1].tolist() == [0.5, 0, 0, 1]


def test_combine_ranks_by_weighted_sum_and_names_main_model():
    a = sp.csr_matrix(np.array([[1.0, 0.5, 0.0]], dtype=np.float32))
    b = sp.csr_matrix(np.array([[0.0, 1.0, 0.2]], dtype=np.float32))
    pop = sp.csr_matrix(np.array([[0.1, 0.1, 1.0]], dtype=np.float32))
    cands = {"a": a, "b": b, "popularity": pop}
    r, rank, col, score, main = combine(cands, {"a": 1.0, "b": 1.0}, np.zeros(3, dtype=np.float32), k=3)
    assert col.tolist() == [1, 0, 2] and rank.tolist() == [0, 1, 2]
    assert np.all(np.diff(score) <= 0)
    names = list(cands)
    assert [names[m] for m in main[:2]] == ["b", "a"]  # product 1: b gave 1.0 > a's 0.5
    assert main[2] == names.index("b")  # popularity has weight 0, so b's 0.2 counts
    # Only customers' allowed candidates are ranked; k cuts the list.
    assert len(combine(cands, {"a": 1.0}, np.zeros(3, dtype=np.float32), k=1)[2]) == 1


def _validation(good_cols, noise_cols, relevant):
    n = len(relevant)
    cands = {
        "good": sp.csr_matrix((np.ones(n), (np.arange(n), good_cols)), shape=(n, 20)),
        "noise": sp.csr_matrix((np.ones(n), (np.arange(n), noise_cols)), shape=(n, 20)),
        "popularity": sp.csr_matrix((n, 20)),
    }
    return padded_candidates(cands, relevant, np.zeros(20, dtype=np.float32))


def test_search_falls_back_to_the_best_single_model_when_blending_does_not_help():
    rng = np.random.default_rng(0)
    relevant = [{int(c)} for c in rng.integers(0, 10, 200)]
    good = np.array([next(iter(r)) for r in relevant])
    good[:50] = (good[:50] + 1) % 10  # right 75% of the time
    noise = rng.integers(10, 20, 200)  # never right
    vs = _validation(good, noise, relevant)
    assert abs(recall_at_k(vs, {"good": 1.0}, 1) - 0.75) < 1e-9
    weights, fig = search_weights(vs, ["good", "noise", "popularity"], k=1)
    assert weights == {"good": 1.0}
    assert fig["best_single"] == "good" and not fig["used_blend"]


def test_search_blends_two_models_that_each_know_half():
    # a is sure and right for the first half, b for the second; each gives the right product a
    # lower score where the other one is sure but wrong.
    n = 200
    right = np.arange(n) % 10
    first = np.arange(n) < n // 2

    def model(sure_rows, wrong):
        rows = np.concatenate([np.arange(n), np.arange(n)[~sure_rows]])
        cols = np.concatenate([np.where(sure_rows, right, wrong), right[~sure_rows]])
        vals = np.concatenate([np.ones(n), np.full((~sure_rows).sum(), 0.3)])
        return sp.csr_matrix((vals, (rows, cols)), shape=(n, 20))

    cands = {"a": model(first, 15), "b": model(~first, 16)}
    vs = padded_candidates(cands, [{int(c)} for c in right], np.zeros(20, dtype=np.float32))
    weights, fig = search_weights(vs, ["a", "b"], k=1)
    assert fig["single_recall"]["a"] == fig["single_recall"]["b"] == 0.5
    assert fig["used_blend"] and set(weights) == {"a", "b"}
    assert fig["blend_recall"] == 1.0
    assert isinstance(vs, ValidationSet)
