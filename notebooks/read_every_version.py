"""Reads eventlake Delta tables at every version with delta-rs, polars and DuckDB and prints the row counts.

Usage:
    .venv/bin/python notebooks/read_every_version.py <lake-root>/gold/daily_store_sales [<table path> ...]
    .venv/bin/python notebooks/read_every_version.py --json <table path> ...   (machine-readable, for the tests)

Each version is read for real (every data file opened), not answered from the log's statistics: a version whose
files were vacuumed away fails here, as it would in a notebook.
"""
import json
import sys

import duckdb
import duckdb_ext
import polars as pl
from deltalake import DeltaTable


def counts(path: str) -> dict:
    """{version: {"deltalake": rows, "polars": rows, "duckdb": rows}} for every version of the table at path."""
    latest = DeltaTable(path).version()
    con = duckdb.connect()
    duckdb_ext.init(con)  # the bundled delta extension (no download)
    result = {}
    for version in range(latest + 1):
        alias = f"v{version}"
        con.sql(f"ATTACH '{path}' AS {alias} (TYPE delta, VERSION {version})")
        result[version] = {
            "deltalake": DeltaTable(path, version=version).to_pyarrow_table().num_rows,
            "polars": pl.read_delta(path, version=version).height,
            "duckdb": con.sql(f"SELECT count(*) FROM {alias}").fetchone()[0],
        }
        con.sql(f"DETACH {alias}")
    return result


def main(args: list) -> int:
    as_json = args[:1] == ["--json"]
    paths = args[1:] if as_json else args
    if not paths:
        print(__doc__, file=sys.stderr)
        return 2
    tables = {path: counts(path) for path in paths}
    if as_json:
        print(json.dumps(tables))
        return 0
    for path, versions in tables.items():
        print(path)
        for version, readers in versions.items():
            same = len(set(readers.values())) == 1
            print(f"  v{version:<4} " + "  ".join(f"{r} {n:>8}" for r, n in readers.items())
                  + ("" if same else "  <- readers disagree"))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
