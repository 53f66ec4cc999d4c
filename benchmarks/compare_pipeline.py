"""Engine vs the pandas reference on the same bars and the same (default) pipeline, side by side
in one run: median seconds, the ratio, and peak RSS of each.

  /usr/bin/python3 benchmarks/compare_pipeline.py --build build [--rows 525600] [--repeat 5]
      [--config FILE]   # the engine's pipeline, e.g. default.yaml plus "precision: float32"

Each side runs in its own process, so its peak RSS (ru_maxrss) is its own.
"""
import argparse
import os
import sys
import tempfile

from compare_support import run_child, synthesize_bars

HERE = os.path.dirname(os.path.abspath(__file__))
PANDAS_SIDE = r'''
import json, sys, time, resource
import numpy as np, pandas as pd
sys.path.insert(0, sys.argv[1])
import reference, make_cases
bars = pd.read_csv(sys.argv[2])
runs = []
for _ in range(int(sys.argv[3])):
    start = time.perf_counter()
    cols = reference.compute_raw(bars, make_cases.DEFAULT, exact=False)
    matrix = np.column_stack(list(cols.values()))
    target = reference.target(bars, make_cases.DEFAULT)
    normalized = reference.normalize(matrix, make_cases.DEFAULT)
    runs.append(time.perf_counter() - start)
    del cols, matrix, normalized
runs.sort()
print(json.dumps({"engine": "pandas", "rows": len(bars), "runs": runs, "median_s": runs[len(runs) // 2],
                  "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0}))
'''



def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--build", default="build")
    parser.add_argument("--rows", type=int, default=525600)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--pandas-repeat", type=int, default=3)
    parser.add_argument("--threads", type=int, default=0)
    parser.add_argument("--config", help="engine pipeline config (the pandas side always runs the default)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        bars = os.path.join(tmp, "bars.csv")
        synthesize_bars(args.build, args.rows, bars)
        engine = run_child([os.path.join(args.build, "bin", "bench_pipeline"), "--data", bars,
                            "--repeat", str(args.repeat), "--threads", str(args.threads)]
                           + (["--config", args.config] if args.config else []))
        pandas = run_child([sys.executable, "-c", PANDAS_SIDE, os.path.join(HERE, "..", "tests", "reference"),
                            bars, str(args.pandas_repeat)])
    ratio = pandas["median_s"] / engine["median_s"]
    print(f"rows {engine['rows']}, feature columns {engine['columns']}, {engine.get('precision', 'float64')} matrix {engine['matrix_mb']:.0f} MiB")
    print(f"engine  median {engine['median_s']:.3f} s  runs {engine['runs']}  peak RSS {engine['peak_rss_mb']:.0f} MiB"
          f" ({engine['peak_rss_mb'] / engine['matrix_mb']:.2f}x the matrix)")
    print(f"pandas  median {pandas['median_s']:.3f} s  runs {[round(r, 3) for r in pandas['runs']]}  peak RSS {pandas['peak_rss_mb']:.0f} MiB")
    print(f"engine is {ratio:.1f}x faster than pandas (ratio of medians)")


if __name__ == "__main__":
    main()
