"""Reference trees for the segment-rules test (test/fixtures/mall_rules.json).

Run: /usr/bin/python3 scripts/reference/mall_rules.py data/mall_customers.csv > test/fixtures/mall_rules.json
Needs Debian's python3-sklearn and python3-pandas. The test suite only reads the JSON.

The labels are scikit-learn's own k = 5 k-means on income and spending (test/fixtures/mall_kmeans.json).
For every segment, one against the rest, a DecisionTreeClassifier (Gini, max_depth 3, random_state 0) is
fitted on the unscaled income and spending; the root split and the rows the tree puts in the segment are
recorded.
"""
import json
import sys

import pandas as pd
import sklearn
from sklearn.tree import DecisionTreeClassifier

df = pd.read_csv(sys.argv[1])
ref = json.load(open("test/fixtures/mall_kmeans.json"))["sets"]["income_spending"]
columns = ref["columns"]
labels = next(p["labels"] for p in ref["per_k"] if p["k"] == 5)
X = df[columns].astype(float).values
out = {"sklearn": sklearn.__version__, "columns": columns, "depth": 3, "segments": []}
for j in sorted(set(labels)):
    y = [1 if l == j else 0 for l in labels]
    tree = DecisionTreeClassifier(max_depth=3, random_state=0).fit(X, y)
    t = tree.tree_
    out["segments"].append(
        {
            "label": j,
            "root": {"feature": int(t.feature[0]), "threshold": float(t.threshold[0])},
            "inSegment": [int(i) for i, p in enumerate(tree.predict(X)) if p == 1],
        }
    )
json.dump(out, sys.stdout)
sys.stdout.write("\n")
