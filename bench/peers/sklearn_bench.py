"""scikit-learn / scipy / pandas side of `npm run bench` (run by bench/run.mjs with Debian's /usr/bin/python3).

Usage: sklearn_bench.py WORKLOAD FILE ROWS COLS [K] [N_INIT]
Prints one JSON line: {"ms": wall time of the timed part, "maxRssMB": peak memory, plus quality figures}.
"""
import json
import resource
import sys
import os
import time

import numpy as np

workload, path = sys.argv[1], sys.argv[2]
rows, cols = int(sys.argv[3]), int(sys.argv[4])
k = int(sys.argv[5]) if len(sys.argv) > 5 else 8
n_init = int(sys.argv[6]) if len(sys.argv) > 6 else 1
out = {}
if workload == "e2e":
    import pandas as pd
    from sklearn.cluster import KMeans
    from sklearn.metrics import silhouette_score
    from sklearn.preprocessing import StandardScaler
    t = time.perf_counter()
    df = pd.read_csv(path)
    X = StandardScaler().fit_transform(df.drop(columns=["id"]).values)
    rng = np.random.RandomState(0)
    sample = rng.choice(len(X), size=min(5000, len(X)), replace=False)
    scores, labels = {}, {}
    for kk in range(2, 11):
        km = KMeans(n_clusters=kk, n_init=n_init, random_state=0, algorithm="lloyd").fit(X)
        scores[kk] = silhouette_score(X[sample], km.labels_[sample])
        labels[kk] = km.labels_
    out["ms"] = (time.perf_counter() - t) * 1000
    out["k"] = max(scores, key=scores.get)
    # Not timed: the chosen k's labels (int32, row order) for the agreement with Segmenta's segments.
    if os.environ.get("LABELS_OUT"):
        labels[out["k"]].astype(np.int32).tofile(os.environ["LABELS_OUT"])
elif workload == "predict":
    import pandas as pd
    from sklearn.cluster import KMeans
    from sklearn.preprocessing import StandardScaler
    import tempfile, os
    df = pd.read_csv(path)
    scaler = StandardScaler().fit(df.drop(columns=["id"]).values)
    model = KMeans(n_clusters=k, n_init=1, random_state=0).fit(scaler.transform(df.drop(columns=["id"]).values))
    # Timed: read the file, preprocess, assign, write the scored file (as segmenta predict does).
    t = time.perf_counter()
    new = pd.read_csv(path)
    labels = model.predict(scaler.transform(new.drop(columns=["id"]).values))
    new.insert(1, "segment", labels + 1)
    with tempfile.TemporaryDirectory() as d:
        new.to_csv(os.path.join(d, "segments.csv"), index=False)
    out["ms"] = (time.perf_counter() - t) * 1000
    out["k"] = k
else:
    X = np.fromfile(path, dtype=np.float64).reshape(rows, cols)
    if workload == "kmeans":
        from sklearn.cluster import KMeans
        t = time.perf_counter()
        km = KMeans(n_clusters=k, n_init=n_init, random_state=0, algorithm="lloyd").fit(X)
        out["ms"] = (time.perf_counter() - t) * 1000
        out["inertia"] = float(km.inertia_)
    elif workload == "silhouette":
        from sklearn.metrics import silhouette_score
        labels = np.fromfile(path + ".labels", dtype=np.int32)
        t = time.perf_counter()
        out["silhouette"] = float(silhouette_score(X, labels))
        out["ms"] = (time.perf_counter() - t) * 1000
    elif workload == "ward":
        from scipy.cluster.hierarchy import linkage
        t = time.perf_counter()
        Z = linkage(X, "ward")
        out["ms"] = (time.perf_counter() - t) * 1000
        out["topHeight"] = float(Z[-1, 2])
out["maxRssMB"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps(out))
