import numpy as np

from desktop.engine.segments.quality import assess, silhouette, size_balance, stability


def test_silhouette_ignores_unusual_and_needs_two_groups():
    rng = np.random.default_rng(0)
    X = np.vstack([rng.normal(0, 0.1, (50, 2)), rng.normal(5, 0.1, (50, 2))])
    labels = np.repeat([0, 1], 50)
    assert silhouette(X, labels) > 0.9
    assert silhouette(X, np.zeros(100, dtype=int)) is None
    noisy = labels.copy()
    noisy[:5] = -1
    assert silhouette(X, noisy) > 0.9


def test_balance_and_warnings():
    assert size_balance(np.array([0, 0, 1, 1]))["balance"] == 1.0
    lopsided = size_balance(np.array([0] * 99 + [1]))
    assert lopsided["smallest_share"] == 0.01 and lopsided["balance"] < 0.2
    rng = np.random.default_rng(0)
    X = rng.uniform(size=(20, 2))
    labels = (X[:, 0] > 0.5).astype(int)
    q, warnings = assess(X, labels, stability_ari=0.4)
    texts = " ".join(w.text() for w in warnings)
    assert "Only 20 customers" in texts and "not stable" in texts
    assert q["customers"] == 20 and q["segments"] == 2
    assert all(w.text("zh") != w.text("en") for w in warnings)  # every warning has its Chinese text


def test_stability_tells_stable_from_arbitrary_splits():
    from sklearn.cluster import KMeans

    rng = np.random.default_rng(0)
    blobs = np.vstack([rng.normal(c, 0.2, (100, 2)) for c in (0, 4, 8)])
    fit = lambda X, seed: KMeans(3, n_init=1, random_state=seed).fit_predict(X)  # noqa: E731
    labels = fit(blobs, 0)
    assert stability(fit, blobs, labels) > 0.95
    uniform = rng.uniform(size=(300, 2))
    split = lambda X, seed: KMeans(8, n_init=1, random_state=seed).fit_predict(X)  # noqa: E731
    assert stability(split, uniform, split(uniform, 0)) < stability(fit, blobs, labels)
