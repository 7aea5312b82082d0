import numpy as np
import scipy.sparse as sp

import pytest

from desktop.engine.suggestions.blend import (ValidationSet, _recall_of_totals, combine, mean_recall, padded_candidates,
                                              prepare, recall_at_k, search_weights, tied_models)


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


def _cands(n, parts):
    """Candidates {model: CSR} from (model, rows, columns, value) parts."""
    out = {}
    for name in dict.fromkeys(p[0] for p in parts):
        rows = np.concatenate([p[1] for p in parts if p[0] == name])
        cols = np.concatenate([p[2] for p in parts if p[0] == name])
        vals = np.concatenate([np.full(len(p[1]), p[3]) for p in parts if p[0] == name])
        out[name] = sp.csr_matrix((vals, (rows, cols)), shape=(n, 20))
    return out


def _complementary(n, seed):
    """a is sure and right for the first half, b for the second; each also has the other half's
    right product lower down (so a blend of the two is right for everyone)."""
    right = np.random.default_rng(seed).integers(0, 10, n)
    first, second = np.arange(n // 2), np.arange(n // 2, n)
    cands = _cands(n, [("a", first, right[first], 1.0), ("a", second, np.full(len(second), 15), 1.0),
                       ("a", second, right[second], 0.3), ("b", second, right[second], 1.0),
                       ("b", first, np.full(len(first), 16), 1.0), ("b", first, right[first], 0.3)])
    return padded_candidates(cands, [{int(c)} for c in right], np.zeros(20, dtype=np.float32))


def _clashing(n, seed):
    """a is right for everyone, but for a fifth of the customers less sure than b, which is wrong."""
    right = np.random.default_rng(seed).integers(0, 10, n)
    harmed, rest = np.arange(n // 5), np.arange(n // 5, n)
    cands = _cands(n, [("a", rest, right[rest], 1.0), ("a", harmed, right[harmed], 0.6),
                       ("b", harmed, np.full(len(harmed), 16), 1.0)])
    return padded_candidates(cands, [{int(c)} for c in right], np.zeros(20, dtype=np.float32))


def test_blend_must_not_lose_in_any_period():
    # Blending a and b gains half the customers in one period and loses a fifth in the other: on
    # average a gain, but not a real one, so the best single model (a) is used alone.
    sets = [_complementary(300, 1), _clashing(300, 2)]
    assert mean_recall(sets, {"a": 1.0, "b": 1.0}, 1) > mean_recall(sets, {"a": 1.0}, 1)
    weights, fig = search_weights(sets, ["a", "b"], k=1)
    assert fig["best_single"] == "a" and fig["periods"] == 2
    assert min(fig["gain_per_period"]) < 0 and not fig["used_blend"]
    assert weights == {"a": 1.0}


def test_blend_kept_when_it_gains_in_every_period_and_held_out():
    sets = [_complementary(300, 3), _complementary(300, 4)]
    weights, fig = search_weights(sets, ["a", "b"], k=1)
    assert fig["used_blend"] and set(weights) == {"a", "b"}
    assert len(fig["held_out_gain"]) == 2 and min(fig["held_out_gain"]) > 0
    assert mean_recall(sets, weights, 1) == 1.0 > max(fig["single_recall"].values())


@pytest.mark.parametrize("seed", range(6))
def test_blend_never_below_the_best_single_model_where_it_was_chosen(seed):
    # Noisy models with random strengths: whatever is chosen scores at least the best single model.
    rng = np.random.default_rng(seed)
    n, n_cols, names = 200, 40, ["m0", "m1", "m2", "popularity"]
    sets = []
    for _ in range(int(rng.integers(1, 4))):
        relevant = [set(rng.choice(n_cols, int(rng.integers(1, 4)), replace=False).tolist()) for _ in range(n)]
        cands = {}
        for j, name in enumerate(names):
            dense = rng.random((n, n_cols)) * (rng.random((n, n_cols)) < 0.3)
            skill = 0.5 * j / len(names)
            for i, rel in enumerate(relevant):  # some models see the truth more often than others
                for c in rel:
                    if rng.random() < skill:
                        dense[i, c] = 1.0
            cands[name] = sp.csr_matrix(dense.astype(np.float32))
        sets.append(padded_candidates(cands, relevant, rng.random(n_cols).astype(np.float32)))
    weights, fig = search_weights(sets, names, k=5)
    best = max(fig["single_recall"].values())
    assert mean_recall(sets, weights, 5) >= best - 1e-12
    if fig["used_tie_mix"]:
        assert weights == {m: 1.0 for m in fig["tied"]} and fig["best_single"] in weights
    elif not fig["used_blend"]:
        assert weights == {fig["best_single"]: 1.0}


def _right_for(n, rows, right, wrong_col):
    """One candidate per customer: the right product for the given customers, a wrong one for the rest."""
    hit = np.isin(np.arange(n), rows)
    return sp.csr_matrix((np.ones(n), (np.arange(n), np.where(hit, right, wrong_col))), shape=(n, 20))


def test_models_within_noise_of_the_best_are_tied_and_mixed():
    n = 400
    right = np.random.default_rng(5).integers(0, 10, n)
    # a and b are each right for 60% of the customers (different ones); c for 20%.
    cands = {"a": _right_for(n, np.arange(0, 240), right, 15), "b": _right_for(n, np.arange(160, 400), right, 16),
             "c": _right_for(n, np.arange(0, 80), right, 17)}
    # Best sellers (the tie-break) are the wrong products 15 and 16.
    pop = np.where(np.arange(20) >= 15, 1.0, 0.1).astype(np.float32)
    vs = padded_candidates(cands, [{int(c)} for c in right], pop)
    assert tied_models([vs], ["a", "b", "c"], "a", 1) == ["a", "b"]
    assert tied_models([vs], ["b", "c"], "b", 1) == ["b"]
    # Mixed, a and b would cancel out where they disagree: worse on validation, so a alone.
    weights, fig = search_weights([vs], ["a", "b", "c"], k=1)
    assert fig["tied"] == ["a", "b"] and not fig["used_tie_mix"] and not fig["used_blend"]
    assert weights == {"a": 1.0} and fig["tie_mix_recall"] < fig["single_recall"]["a"]

    # a and b right for the same customers, wrong in different ways: the mix is as good, and used.
    cands["b"] = _right_for(n, np.arange(0, 240), right, 16)
    vs = padded_candidates(cands, [{int(c)} for c in right], np.where(np.arange(20) < 10, 1.0, 0.1).astype(np.float32))
    weights, fig = search_weights([vs], ["a", "b", "c"], k=1)
    assert fig["tied"] == ["a", "b"] and fig["used_tie_mix"] and not fig["used_blend"]
    assert weights == {"a": 1.0, "b": 1.0} and mean_recall([vs], weights, 1) >= fig["single_recall"]["a"]


def test_padded_candidates_line_up_every_model_and_the_relevant_products():
    a = sp.csr_matrix(np.array([[0.0, 1.0, 0.5, 0.0], [0.0, 0.0, 0.0, 0.0], [1.0, 0.0, 0.0, 0.2]], dtype=np.float32))
    b = sp.csr_matrix(np.array([[0.0, 0.0, 1.0, 0.7], [0.0, 1.0, 0.0, 0.0], [0.0, 0.0, 0.0, 0.0]], dtype=np.float32))
    vs = padded_candidates({"a": a, "b": b}, [{3, 0}, {1}, {2}], np.array([0.1, 0.2, 0.3, 0.4], dtype=np.float32))
    for i in range(3):
        cols = [c for c, ok in zip(vs.popularity[i], vs.valid[i]) if ok]
        union = sorted(set(np.flatnonzero(a[i].toarray())) | set(np.flatnonzero(b[i].toarray())))
        assert len(cols) == len(union)
        got = {int(round(p * 10)) - 1: (va, vb, r) for p, va, vb, r, ok in
               zip(vs.popularity[i], vs.values["a"][i], vs.values["b"][i], vs.relevant[i], vs.valid[i]) if ok}
        for c in union:
            assert got[c][0] == a[i, c] and got[c][1] == b[i, c]
    assert vs.relevant[0].sum() == 1  # product 3 was proposed, product 0 was not
    assert vs.n_relevant.tolist() == [2, 1, 1]
    assert recall_at_k(vs, {"a": 1.0, "b": 1.0}, 1) == pytest.approx((0 + 1 + 0) / 3)  # 2, 1, 0 come first
    assert recall_at_k(vs, {"a": 1.0, "b": 1.0}, 3) == pytest.approx((0.5 + 1 + 0) / 3)


def test_validation_recall_counts_ties_for_the_last_places_as_expected():
    # Scores with many exact ties: each tied product has the same chance of the places left.
    rng = np.random.default_rng(3)
    n, width, k = 300, 12, 4
    values = rng.integers(0, 4, (n, width)).astype(np.float32)
    relevant = rng.random((n, width)) < 0.3
    vs = ValidationSet(values={"m": values}, relevant=relevant, n_relevant=np.maximum(relevant.sum(axis=1), 1),
                       valid=np.ones((n, width), dtype=bool), popularity=np.zeros((n, width), dtype=np.float32))
    got = _recall_of_totals(vs, values.copy(), k)
    for i in range(n):
        kth = np.sort(values[i])[::-1][k - 1]
        above, tied = values[i] > kth, values[i] == kth
        expected = (relevant[i] & above).sum() + (k - above.sum()) * (relevant[i] & tied).sum() / tied.sum()
        assert abs(got[i] - expected / vs.n_relevant[i]) < 1e-9
