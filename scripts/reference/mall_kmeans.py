"""Reference figures for the Mall Customers k-means tests (test/fixtures/mall_kmeans.json).

Run: /usr/bin/python3 scripts/reference/mall_kmeans.py data/mall_customers.csv > test/fixtures/mall_kmeans.json
Needs Debian's python3-sklearn (scikit-learn 1.2) and python3-pandas. The test suite only reads the JSON.

For each feature set, the data is standard-scaled exactly as Segmenta does by default (population std),
then for k = 2..10 scikit-learn's KMeans is run with 500 k-means++ restarts (best inertia kept, "near the
optimum"), and silhouette / Calinski-Harabasz / Davies-Bouldin of that best solution are recorded with the
labels and the PCA explained-variance ratios.
"""
import json
import sys

import numpy as np
import pandas as pd
import sklearn
from sklearn.cluster import KMeans
from sklearn.decomposition import PCA
from sklearn.metrics import calinski_harabasz_score, davies_bouldin_score, silhouette_score
from sklearn.preprocessing import StandardScaler

path = sys.argv[1]
df = pd.read_csv(path)
income, spending = "Annual Income (k$)", "Spending Score (1-100)"
sets = {
    "income_spending": df[[income, spending]].astype(float),
    "age_income_spending": df[["Age", income, spending]].astype(float),
    # all columns: CustomerID is the key; Gender one-hot encoded (both levels), then everything scaled,
    # and the two Gender columns divided by sqrt(2) so that Gender weighs as one feature (Segmenta's default)
    "all": pd.concat(
        [df[["Age", income, spending]].astype(float), pd.get_dummies(df["Gender"], prefix="Gender").astype(float)],
        axis=1,
    ),
}
out = {"sklearn": sklearn.__version__, "restarts": 500, "sets": {}}
for name, frame in sets.items():
    X = StandardScaler().fit_transform(frame.values)
    gender = [i for i, c in enumerate(frame.columns) if c.startswith("Gender_")]
    if gender:
        X[:, gender] /= np.sqrt(len(gender))
    per_k = []
    for k in range(2, 11):
        km = KMeans(n_clusters=k, n_init=500, random_state=0, algorithm="lloyd").fit(X)
        lab = km.labels_
        per_k.append({
            "k": k,
            "inertia": float(km.inertia_),
            "silhouette": float(silhouette_score(X, lab)),
            "calinski_harabasz": float(calinski_harabasz_score(X, lab)),
            "davies_bouldin": float(davies_bouldin_score(X, lab)),
            "labels": [int(v) for v in lab],
        })
    pca = PCA().fit(X)
    out["sets"][name] = {
        "columns": list(frame.columns),
        "per_k": per_k,
        "pca_explained_variance_ratio": [float(v) for v in pca.explained_variance_ratio_],
    }
json.dump(out, sys.stdout, indent=1)
