"""Reference RFM figures for test/fixtures/online_retail_rfm.csv, computed with pandas independently of Segmenta.

Run: /usr/bin/python3 scripts/reference/online_retail_rfm.py data/online_retail.csv.gz > test/fixtures/online_retail_rfm.csv
and, for the engine tests' first 100,000 lines (test/helpers.ts retailHead):
  zcat data/online_retail.csv.gz | head -n 100001 > /tmp/head.csv
  /usr/bin/python3 scripts/reference/online_retail_rfm.py /tmp/head.csv > test/fixtures/online_retail_100k_rfm.csv
Needs Debian's python3-pandas. The rule (as documented in the README's RFM section):
- lines without a customer id or date are dropped; ids like "17850.0" become "17850";
- lines with UnitPrice <= 0 are dropped, and lines whose Quantity * UnitPrice is 0;
- cancellations (InvoiceNo starting with C) and returns (negative quantity) count as negative revenue,
  netted against purchases, and neither as orders nor for recency;
- customers with returns only are dropped;
- as-of date = the day after the last date among kept lines; recency = days between the last purchase's
  date and the as-of date; frequency = distinct purchase invoices; monetary = net revenue.
"""
import sys

import numpy as np
import pandas as pd

df = pd.read_csv(sys.argv[1], dtype=str, keep_default_na=False)
customer = df["CustomerID"].str.strip().str.replace(r"\.0+$", "", regex=True)
ts = pd.to_datetime(df["InvoiceDate"].str.strip(), format="%Y-%m-%d %H:%M:%S", errors="coerce")
quantity = pd.to_numeric(df["Quantity"].str.strip())
price = pd.to_numeric(df["UnitPrice"].str.strip())
invoice = df["InvoiceNo"].str.strip()
value = quantity * price
keep = (customer != "") & ts.notna() & ~(price <= 0) & (value != 0)
d = pd.DataFrame({"customer": customer, "ts": ts, "value": value, "invoice": invoice})[keep]
is_return = d["invoice"].str.upper().str.startswith("C") | (d["value"] < 0)
d["net"] = np.where(is_return, -d["value"].abs(), d["value"])
purchases = d[~is_return]
as_of = d["ts"].max().normalize() + pd.Timedelta(days=1)
out = pd.DataFrame({
    "frequency": purchases.groupby("customer")["invoice"].nunique(),
    "last": purchases.groupby("customer")["ts"].max(),
})
out["monetary"] = d.groupby("customer")["net"].sum()
out["recency"] = (as_of - out["last"].dt.normalize()).dt.days
out = out.sort_index()
sys.stdout.write("customer,recency,frequency,monetary\n")
for cust, row in out.iterrows():
    sys.stdout.write(f"{cust},{int(row['recency'])},{int(row['frequency'])},{row['monetary']:.6f}\n")
