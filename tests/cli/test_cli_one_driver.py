"""Every strata-cli generate path (--data FILE, --data-dir, --settings, with and without
--timeframes) reads its bars through the same DataSource: ONE bad CSV file (a duplicate, an
out-of-order and a missing row) is rejected identically on each (exit 3, the same message naming
file:line), and under bad_rows drop or repair each path writes the same bytes. Read back by
pandas. Prints 'N passed, N failed'."""
import os
import shutil

import pandas as pd

from cli_harness import args, check, finish, run

work = os.path.join(args.work, "one-driver")
shutil.rmtree(work, ignore_errors=True)
data_dir = os.path.join(work, "data")
os.makedirs(data_dir)

# 300 clean 1m bars, then the three defects. Line numbers count the header as line 1.
clean = os.path.join(work, "clean.csv")
s = run("synth", "--rows", "300", "--seed", "11", "--out", clean)
check("synth exits 0", s.returncode == 0, s.stderr)
with open(clean) as f:
    header, *rows = f.read().splitlines()
rows.insert(50, rows[49])                      # line 52 repeats line 51's timestamp
rows[100], rows[101] = rows[101], rows[100]    # line 103 is before line 102
fields = rows[200].split(",")
fields[4] = ""                                 # line 202 has no close
rows[200] = ",".join(fields)
bad = os.path.join(data_dir, "BAD.csv")
with open(bad, "w") as f:
    f.write("\n".join([header, *rows]) + "\n")
moved_ts = rows[101].split(",")[0]


def settings(name, policy):
    path = os.path.join(work, name)
    with open(path, "w") as f:
        f.write(f"data:\n  source: csv\n  csv_dir: \"{data_dir}\"\n  bad_rows: {policy}\ncache:\n  enabled: false\n")
    return path


def paths(settings_file):
    """The ways to name the same file: --data, --data-dir, --settings' csv_dir."""
    return {
        "--data": ["--data", bad, "--settings", settings_file],
        "--data-dir": ["--data-dir", data_dir, "--symbol", "BAD", "--settings", settings_file],
        "--settings": ["--settings", settings_file, "--symbol", "BAD"],
    }


TIMEFRAMES = {"plain": [], "--timeframe 5m": ["--timeframe", "5m"], "--timeframes 1m,5m": ["--timeframes", "1m,5m"]}


def out_path(label):
    return os.path.join(work, label.replace(" ", "_").replace("-", "").replace(",", "_") + ".csv")


# reject (the default, and from settings): exit 3, one message, every bad line named.
rejected = {}
reject_paths = {"--data, no settings": ["--data", bad]} | paths(settings("reject.yaml", "reject"))
for source, source_args in reject_paths.items():
    for tf, tf_args in TIMEFRAMES.items():
        g = run("generate", *source_args, *tf_args, "--out", out_path(f"reject {source} {tf}"))
        rejected[f"{source} {tf}"] = g
        check(f"reject, {source} {tf}: exit 3", g.returncode == 3, f"{g.returncode} {g.stderr[-800:]}")
check("reject: nothing written", not [n for n in os.listdir(work) if n.startswith("reject_")],
      str(os.listdir(work)))
first = next(iter(rejected.values())).stderr
for line in (52, 103, 202):
    check(f"reject names {bad}:{line}", f"{bad}:{line}:" in first, first)
check("reject says the policy", "bad_rows: reject" in first, first)
for label, g in rejected.items():
    check(f"reject, {label}: the same message as plain --data", g.stderr == first, g.stderr)

# drop and repair: accepted, the same bytes and the same warnings on every path.
for policy, kept in [("drop", 298), ("repair", 299)]:
    for tf, tf_args in TIMEFRAMES.items():
        written, warnings = {}, {}
        for source, source_args in paths(settings(f"{policy}.yaml", policy)).items():
            out = out_path(f"{policy} {source} {tf}")
            g = run("generate", *source_args, *tf_args, "--raw", "--out", out)
            check(f"{policy}, {source} {tf}: exit 0", g.returncode == 0, g.stderr[-800:])
            names = [out.replace(".csv", f"_{t}.csv") for t in ("1m", "5m")] if "timeframes" in tf else [out]
            written[source] = [open(n, "rb").read() if os.path.exists(n) else b"" for n in names]
            warnings[source] = [l for l in g.stderr.splitlines() if l.startswith("warning:")]
            check(f"{policy}, {source} {tf}: says what it did", any(f"bad_rows: {policy}" in w for w in warnings[source]),
                  g.stderr[-800:])
        reference = written["--data"]
        for source in written:
            check(f"{policy}, {source} {tf}: same bytes as --data", written[source] == reference)
            check(f"{policy}, {source} {tf}: same warnings as --data", warnings[source] == warnings["--data"],
                  f"{warnings[source]} vs {warnings['--data']}")
    minutes = pd.read_csv(out_path(f"{policy} --data plain"))
    check(f"{policy}: {kept} bars kept", len(minutes) == kept, str(len(minutes)))
    check(f"{policy}: sorted and unique", minutes["timestamp"].is_monotonic_increasing and minutes["timestamp"].is_unique)
    moved_kept = (minutes["timestamp"] == moved_ts).any()
    check(f"{policy}: the out-of-order bar is {'sorted back' if policy == 'repair' else 'left out'}",
          moved_kept == (policy == "repair"), moved_ts)

# One timeframe through --timeframes equals plain generate, and --data takes --timeframes too.
a = run("generate", "--data", os.path.join(args.data_dir, "AAPL.csv"), "--timeframes", "1w", "--out",
        os.path.join(work, "aapl_data_1w.csv"))
b = run("generate", "--data-dir", args.data_dir, "--symbol", "AAPL", "--timeframe", "1w", "--out",
        os.path.join(work, "aapl_dir_1w.csv"))
check("--data with --timeframes exits 0", a.returncode == 0 and b.returncode == 0, a.stderr + b.stderr)
if a.returncode == 0 and b.returncode == 0:
    check("--data --timeframes 1w == --data-dir --timeframe 1w, byte for byte",
          open(os.path.join(work, "aapl_data_1w.csv"), "rb").read() == open(os.path.join(work, "aapl_dir_1w.csv"), "rb").read())
missing = run("generate", "--data", os.path.join(work, "nothing.csv"), "--out", os.path.join(work, "never.csv"))
check("--data FILE that does not exist: exit 3, named", missing.returncode == 3 and "nothing.csv does not exist" in missing.stderr,
      missing.stderr)

finish()
