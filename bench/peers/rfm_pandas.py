"""pandas + scikit-learn side of `node bench/rfm-1m.mjs`: the same RFM work on the same order log.

Usage: rfm_pandas.py ORDERS.csv
Reads the log, drops lines without a customer and cancellations (invoice starting with C, quantity <= 0),
computes per customer recency (days from the day after the last date), frequency (distinct invoices) and
monetary (sum of quantity x price), quintile scores 1..5, then k-means on standardized log1p(R, F, M) for
k = 2..8 (n_init 10) keeping the best silhouette on a 5,000-row sample, as Segmenta's rfm does at least.
Prints one JSON line: {"ms", "customers", "k", "maxRssMB"}.
"""
import json
import resource
import sys
import time

import numpy as np
import pandas as pd
from sklearn.cluster import KMeans
from sklearn.metrics import silhouette_score
from sklearn.preprocessing import StandardScaler

t = time.perf_counter()
df = pd.read_csv(sys.argv[1], dtype={"InvoiceNo": str, "CustomerID": str}, parse_dates=["InvoiceDate"])
df = df[df["CustomerID"].notna() & ~df["InvoiceNo"].str.startswith("C") & (df["Quantity"] > 0)]
df["amount"] = df["Quantity"] * df["UnitPrice"]
reference = df["InvoiceDate"].max().normalize() + pd.Timedelta(days=1)
table = df.groupby("CustomerID").agg(last=("InvoiceDate", "max"), frequency=("InvoiceNo", "nunique"), monetary=("amount", "sum"))
table["recency"] = (reference - table["last"]).dt.days
for col, ascending in (("recency", False), ("frequency", True), ("monetary", True)):
    ranks = table[col].rank(method="first", ascending=ascending)
    table[col[0].upper()] = pd.qcut(ranks, 5, labels=False) + 1
X = StandardScaler().fit_transform(np.log1p(table[["recency", "frequency", "monetary"]].values))
rng = np.random.RandomState(0)
sample = rng.choice(len(X), size=min(5000, len(X)), replace=False)
scores = {}
for k in range(2, 9):
    km = KMeans(n_clusters=k, n_init=10, random_state=0).fit(X)
    scores[k] = silhouette_score(X[sample], km.labels_[sample])
ms = (time.perf_counter() - t) * 1000
print(json.dumps({"ms": ms, "customers": int(len(table)), "k": max(scores, key=scores.get), "maxRssMB": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
