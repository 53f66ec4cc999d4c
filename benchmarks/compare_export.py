"""Strata's export against pandas to_csv and DuckDB's own Parquet writer, on the same matrix (the
default pipeline over seeded synthetic 1m bars), side by side in one run: medians, ratios, sizes.

  /usr/bin/python3 benchmarks/compare_export.py --build build [--rows 131400] [--repeat 3]
      [--pandas-repeat 1] [--work DIR]

bench_export times Strata and dumps the matrix; pandas builds its DataFrame from that dump
(untimed) and times to_csv; DuckDB (npm @duckdb/node-api, from the build tree's export test
readers) loads Strata's Parquet into a table (untimed) and times COPY ... TO ... (FORMAT parquet)
with the same codec.
"""
import argparse
import json
import os
import subprocess
import tempfile
import time

import numpy as np
import pandas as pd

DUCK_SIDE = r'''
import { DuckDBInstance } from '@duckdb/node-api';
import { statSync } from 'node:fs';
const [source, dir, repeat] = process.argv.slice(2);
const db = await (await DuckDBInstance.create(':memory:')).connect();
await db.run(`CREATE TABLE m AS SELECT * FROM read_parquet('${source}')`);
const result = {};
for (const codec of ['zstd', 'snappy']) {
  const runs = [], path = `${dir}/duckdb.${codec}.parquet`;
  for (let r = 0; r < Number(repeat); r++) {
    const start = process.hrtime.bigint();
    await db.run(`COPY m TO '${path}' (FORMAT parquet, COMPRESSION ${codec})`);
    runs.push(Number(process.hrtime.bigint() - start) / 1e9);
  }
  const sorted = [...runs].sort((a, b) => a - b);
  result[codec] = { runs, median_s: sorted[Math.floor(sorted.length / 2)], bytes: statSync(path).size };
}
console.log(JSON.stringify(result));
'''


def pandas_to_csv(work, rows, repeat):
    names = json.load(open(os.path.join(work, "columns.json")))
    matrix = np.fromfile(os.path.join(work, "matrix.f64"), dtype="<f8").reshape(len(names), rows).T
    frame = pd.DataFrame(matrix, columns=names, copy=False)
    frame.insert(0, "timestamp", pd.to_datetime(np.fromfile(os.path.join(work, "timestamps.i64"), dtype="<i8"),
                                                unit="us", utc=True))
    frame["target"] = pd.array(np.fromfile(os.path.join(work, "target.f64"), dtype="<f8"), dtype="Float64").astype("Int8")
    path = os.path.join(work, "pandas.csv")
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        frame.to_csv(path, index=False, date_format="%Y-%m-%dT%H:%M:%SZ")
        runs.append(time.perf_counter() - start)
    return {"runs": runs, "median_s": sorted(runs)[len(runs) // 2], "bytes": os.path.getsize(path)}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--build", default="build")
    parser.add_argument("--rows", type=int, default=131400)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--pandas-repeat", type=int, default=1)
    parser.add_argument("--work")
    args = parser.parse_args()
    work = args.work or tempfile.mkdtemp(prefix="strata-bench-export-")
    os.makedirs(work, exist_ok=True)
    strata = json.loads(subprocess.run([os.path.join(args.build, "bin", "bench_export"), "--dir", work,
                                        "--rows", str(args.rows), "--repeat", str(args.repeat)],
                                       capture_output=True, text=True, check=True).stdout)
    readers = os.path.abspath(os.path.join(args.build, "tests", "export-readers"))
    script = os.path.join(readers, "bench_duckdb_copy.mjs")
    with open(script, "w") as f:
        f.write(DUCK_SIDE)
    duck = json.loads(subprocess.run(["node", script, strata["parquet_zstd"]["path"], work, str(args.repeat)],
                                     capture_output=True, text=True, check=True, cwd=readers).stdout)
    pandas = pandas_to_csv(work, args.rows, args.pandas_repeat)
    mib = lambda b: f"{b / 2**20:,.0f} MiB"
    runs = lambda r: ", ".join(f"{s:.2f}" for s in r["runs"])
    print(f"{strata['rows']:,} rows x {strata['columns']} columns (timestamp, {strata['columns'] - 2} features, target)\n")
    print("| writer | median | runs (s) | file size | ratio |")
    print("| --- | --- | --- | --- | --- |")
    print(f"| Strata CSV | {strata['csv']['median_s']:.2f} s | {runs(strata['csv'])} | {mib(strata['csv']['bytes'])} | "
          f"**{pandas['median_s'] / strata['csv']['median_s']:.1f}x faster** than pandas |")
    print(f"| pandas {pd.__version__} to_csv | {pandas['median_s']:.2f} s | {runs(pandas)} | {mib(pandas['bytes'])} | |")
    for codec in ("zstd", "snappy"):
        mine, theirs = strata[f"parquet_{codec}"], duck[codec]
        print(f"| Strata Parquet {codec} | {mine['median_s']:.2f} s | {runs(mine)} | {mib(mine['bytes'])} | "
              f"**{mine['median_s'] / theirs['median_s']:.2f}x** DuckDB's time |")
        print(f"| DuckDB COPY {codec} | {theirs['median_s']:.2f} s | {runs(theirs)} | {mib(theirs['bytes'])} | |")


if __name__ == "__main__":
    main()
