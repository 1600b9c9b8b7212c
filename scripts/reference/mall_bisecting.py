"""Reference bisecting k-means for the bisecting test (test/fixtures/mall_bisecting.json).

Run: /usr/bin/python3 scripts/reference/mall_bisecting.py data/mall_customers.csv > test/fixtures/mall_bisecting.json
Needs Debian's python3-sklearn and python3-pandas. The test suite only reads the JSON.

scikit-learn's BisectingKMeans (Lloyd, one start per split, both bisecting strategies, random_state 1: the first seed where the two strategies part) on
the standardized income and spending, for k = 2..6. Its default init ("random": two distinct rows of the
cluster being split) is recorded by a subclass as it draws them, so the test can
start every split where scikit-learn did: `starts` holds, split by split, the two rows (0-based, of the
whole file) of the k = 6 fit; the fits for k < 6 draw the same rows first (checked here).
"""
import json
import sys

import numpy as np
import pandas as pd
import sklearn
from sklearn.cluster import BisectingKMeans
from sklearn.preprocessing import StandardScaler

df = pd.read_csv(sys.argv[1])
columns = ["Annual Income (k$)", "Spending Score (1-100)"]
X = StandardScaler().fit_transform(df[columns].astype(float).values)
centred = X - X.mean(axis=0)


class Recording(BisectingKMeans):
    """BisectingKMeans with its default init ("random": a permutation of the cluster's rows, the first two),
    recording the rows each split starts from."""

    def _init_centroids(self, X, x_squared_norms, init, random_state, init_size=None, n_centroids=None):
        centres = super()._init_centroids(X, x_squared_norms, init, random_state, init_size=init_size, n_centroids=n_centroids)
        rows = []
        for c in centres:
            matches = np.where(np.all(np.abs(centred - c) < 1e-12, axis=1))[0]
            rows.append(int(matches[0]))
        self.starts.append(rows)
        return centres


out = {"sklearn": sklearn.__version__, "columns": columns, "strategies": {}}
for strategy in ["biggest_inertia", "largest_cluster"]:
    per_k = []
    all_starts = None
    for k in range(2, 7):
        model = Recording(n_clusters=k, init="random", n_init=1, random_state=1, bisecting_strategy=strategy, algorithm="lloyd")
        model.starts = starts = []
        fit = model.fit(X)
        per_k.append({"k": k, "labels": [int(l) for l in fit.labels_], "inertia": float(fit.inertia_)})
        if all_starts is not None:
            assert starts[: len(all_starts)] == all_starts, "a larger k's first splits start elsewhere"
        all_starts = starts
    out["strategies"][strategy] = {"starts": all_starts, "per_k": per_k}
json.dump(out, sys.stdout)
sys.stdout.write("\n")
