"""A data scientist's first look at eventlake's gold tables, notebook style (run it, or paste cells into Jupyter).

    .venv/bin/python notebooks/explore_gold.py [<lake root>] [<training set path>]

<lake root> defaults to lake-data/demo (what `./lake demo` builds). A training set is what
`./lake features training-set --labels <csv> --out <path>` wrote; its commit records the feature versions it read.
Reads by path with delta-rs and polars: no Spark, no catalog, no running service needed.
"""
import json
import sys
from pathlib import Path

import polars as pl
from deltalake import DeltaTable

lake = Path(sys.argv[1] if len(sys.argv) > 1 else "lake-data/demo").resolve()
training_set = Path(sys.argv[2]).resolve() if len(sys.argv) > 2 else None

# %% Gold sales, by path, with delta-rs into pandas
sales_path = lake / "gold" / "daily_store_sales"
sales = DeltaTable(str(sales_path))
print(f"gold.daily_store_sales: version {sales.version()}, {len(sales.file_uris())} files")
frame = sales.to_pandas()
eur = frame[frame["currency"] == "EUR"]
print("top stores by net revenue (EUR):")
print(eur.groupby("store_id")["net_revenue"].sum().sort_values(ascending=False).head(5).to_string())

# %% The same table with polars: revenue per day and currency, newest first
per_day = (pl.read_delta(str(sales_path))
           .group_by("event_date", "currency").agg(pl.col("net_revenue").sum(), pl.col("orders").sum())
           .sort("event_date", "currency", descending=[True, False]))
print(per_day.head(5))

# %% Time travel: an older version, and what each commit was (eventlake tags every commit with its run)
first = DeltaTable(str(sales_path), version=1).to_pyarrow_table().num_rows
print(f"version 1 had {first} rows; now {len(frame)}")
for commit in sales.history()[:5]:
    meta = json.loads(commit.get("userMetadata") or "{}")
    print(f"  v{commit['version']} {commit['operation']:<8} run {meta.get('run', '-')}  {meta.get('tag', '')}")

# %% Customer features, as of the latest version
features = pl.read_delta(str(lake / "gold" / "customer_features"))
print(f"gold.customer_features: {features.height} rows, {features['customer_id'].n_unique()} customers")

# %% A training set: into pandas, and the feature versions it was built from (to rebuild it exactly)
if training_set is not None:
    ts = DeltaTable(str(training_set))
    labels = ts.to_pandas()
    tag = json.loads(ts.history(1)[0].get("userMetadata") or "{}").get("tag", "")
    versions = json.loads(tag[len("training-set:"):]) if tag.startswith("training-set:") else {}
    versions.pop("labels_sha256", None)
    print(f"training set {training_set}: {len(labels)} labels, built from {versions}")
    built_from = versions.get("gold.customer_features")
    assert built_from is not None, "a training set records the version of gold.customer_features it read"
    assert built_from <= DeltaTable(str(lake / "gold" / "customer_features")).version(), \
        "that version exists in the features table (time travel rebuilds the same set)"
    print(f"rebuild it with: ./lake features training-set --as-of-versions gold.customer_features={built_from} ...")
