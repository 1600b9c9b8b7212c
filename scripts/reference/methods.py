"""Reference figures for the methods tests (test/fixtures/methods.json): scipy linkage heights and scikit-learn
AgglomerativeClustering labels (Mall and Wholesale, standard-scaled), GaussianMixture log-likelihood and BIC
from a fixed initialisation (Mall), and adjusted Rand / adjusted mutual information on fixed label pairs.

Run: /usr/bin/python3 scripts/reference/methods.py data > test/fixtures/methods.json
Needs Debian's python3-sklearn (scikit-learn 1.2, scipy 1.10) and python3-pandas.
"""
import json
import sys

import numpy as np
import pandas as pd
import scipy
import sklearn
from scipy.cluster.hierarchy import linkage
from sklearn.cluster import AgglomerativeClustering, KMeans
from sklearn.metrics import adjusted_mutual_info_score, adjusted_rand_score
from sklearn.mixture import GaussianMixture
from sklearn.preprocessing import StandardScaler

data = sys.argv[1]
sets = {
    "mall": (pd.read_csv(f"{data}/mall_customers.csv"), ["Age", "Annual Income (k$)", "Spending Score (1-100)"]),
    "wholesale": (pd.read_csv(f"{data}/wholesale_customers.csv"), ["Channel", "Region", "Fresh", "Milk", "Grocery", "Frozen", "Detergents_Paper", "Delicassen"]),
}
out = {"scipy": scipy.__version__, "sklearn": sklearn.__version__, "linkage": {}, "gmm": {}, "agreement": []}
for name, (df, cols) in sets.items():
    X = StandardScaler().fit_transform(df[cols].astype(float).values)
    out["linkage"][name] = {"columns": cols}
    for method in ["ward", "complete", "average"]:
        Z = linkage(X, method)
        labels = {str(k): AgglomerativeClustering(n_clusters=k, linkage=method).fit(X).labels_.tolist() for k in range(2, 9)}
        out["linkage"][name][method] = {"Z": Z.tolist(), "labels": labels}

# GMM on the Mall data (income and spending), initialised from fixed k-means labels by one M-step, as
# scikit-learn's init_params="kmeans" does; both full and diagonal covariances.
df, _ = sets["mall"]
X = StandardScaler().fit_transform(df[["Annual Income (k$)", "Spending Score (1-100)"]].astype(float).values)
for k in [3, 5]:
    init_labels = KMeans(n_clusters=k, n_init=10, random_state=0).fit(X).labels_
    for cov in ["full", "diag"]:
        resp = np.eye(k)[init_labels]
        nk = resp.sum(axis=0) + 10 * np.finfo(resp.dtype).eps
        means = resp.T @ X / nk[:, None]
        if cov == "full":
            covs = np.array([((resp[:, j:j + 1] * (X - means[j])).T @ (X - means[j])) / nk[j] + 1e-6 * np.eye(X.shape[1]) for j in range(k)])
            precisions = np.array([np.linalg.inv(c) for c in covs])
        else:
            avg_X2 = resp.T @ (X * X) / nk[:, None]
            covs = avg_X2 - 2 * means * (resp.T @ X / nk[:, None]) + means ** 2 + 1e-6
            precisions = 1 / covs
        gm = GaussianMixture(n_components=k, covariance_type=cov, weights_init=nk / len(X), means_init=means, precisions_init=precisions,
                             reg_covar=1e-6, tol=1e-3, max_iter=100, random_state=0).fit(X)
        out["gmm"][f"k{k}_{cov}"] = {
            "k": k, "covariance": cov, "init_labels": init_labels.tolist(),
            "score": float(gm.score(X)), "bic": float(gm.bic(X)), "lower_bound": float(gm.lower_bound_),
            "n_iter": int(gm.n_iter_), "converged": bool(gm.converged_), "labels": gm.predict(X).tolist(),
            "weights": gm.weights_.tolist(), "means": gm.means_.tolist(),
        }

rng = np.random.RandomState(0)
pairs = [([0, 0, 1, 1], [0, 1, 0, 1]), ([0, 0, 1, 1, 2, 2], [0, 0, 1, 2, 2, 2]), ([0, 1, 2, 3], [0, 0, 0, 0])]
pairs += [(rng.randint(0, a, 60).tolist(), rng.randint(0, b, 60).tolist()) for a, b in [(2, 3), (4, 4), (5, 2), (3, 7)]]
near = rng.randint(0, 4, 80)
noisy = near.copy()
noisy[:10] = rng.randint(0, 4, 10)
pairs.append((near.tolist(), noisy.tolist()))
for a, b in pairs:
    out["agreement"].append({"a": list(map(int, a)), "b": list(map(int, b)), "ari": float(adjusted_rand_score(a, b)), "ami": float(adjusted_mutual_info_score(a, b))})
json.dump(out, sys.stdout)
