"""Plain strata-cli generate (no --timeframes) reads the data source of --settings: with
data.source: postgres it reads the private PostgreSQL cluster of the postgres fixture
(tests/services/postgres.sh), never the bundled CSV. Prints 'N passed, N failed'."""
import os
import socket
import subprocess

from cli_harness import args, check, finish, run

env = dict(line.split("=", 1) for line in open(os.path.join(args.pg_state, "postgres.env")).read().split())
host, port, user = env["STRATA_TEST_PG_HOST"], env["STRATA_TEST_PG_PORT"], env["STRATA_TEST_PG_USER"]
database = "strata_cli_generate"
psql = [os.path.join(env["STRATA_TEST_PG_BIN"], "psql"), "-X", "-q", "-h", host, "-p", port, "-U", user,
        "-d", "postgres", "-v", "ON_ERROR_STOP=1"]
created = subprocess.run([*psql, "-c", f"DROP DATABASE IF EXISTS {database} WITH (FORCE)",
                          "-c", f"CREATE DATABASE {database}"], capture_output=True, text=True, timeout=60)
check("a fresh database", created.returncode == 0, created.stderr)
dsn = f"host={host} port={port} user={user} dbname={database}"
os.makedirs(args.work, exist_ok=True)


def work(name):
    return os.path.join(args.work, name)


def settings(name, dsn_text):
    with open(work(name), "w") as f:
        f.write(f"data:\n  source: postgres\n  postgres_dsn: \"{dsn_text}\"\n  connect_timeout_s: 5\n"
                "cache:\n  enabled: false\n")
    return work(name)


# AAPL as in the bundled data, and SPX's bars under a symbol only PostgreSQL holds.
for symbol, csv in [("AAPL", "AAPL.csv"), ("PGONLY", "SPX.csv")]:
    i = run("import", "--dsn", dsn, "--symbol", symbol, os.path.join(args.data_dir, csv))
    check(f"import {symbol}", i.returncode == 0, i.stderr)
pg = settings("postgres.yaml", dsn)


def same_bytes(a, b):
    return os.path.exists(a) and os.path.exists(b) and open(a, "rb").read() == open(b, "rb").read()


for label, extra in [("daily", []), ("--timeframe 1w", ["--timeframe", "1w"])]:
    name = label.replace(" ", "_").replace("-", "")
    p = run("generate", "--settings", pg, "--symbol", "AAPL", *extra, "--out", work(f"pg_{name}.csv"))
    c = run("generate", "--data-dir", args.data_dir, "--symbol", "AAPL", *extra, "--out", work(f"csv_{name}.csv"))
    check(f"AAPL {label} from postgres: exit 0", p.returncode == 0, p.stderr[-800:])
    check(f"AAPL {label}: postgres == bundled CSV, byte for byte", same_bytes(work(f"pg_{name}.csv"), work(f"csv_{name}.csv")))

only = run("generate", "--settings", pg, "--symbol", "PGONLY", "--out", work("pgonly.csv"))
check("a symbol only postgres holds: exit 0", only.returncode == 0, only.stderr[-800:])
spx = run("generate", "--data-dir", args.data_dir, "--symbol", "SPX", "--out", work("spx.csv"))
check("... its matrix is that of the bars imported", same_bytes(work("pgonly.csv"), work("spx.csv")))
absent = run("generate", "--data-dir", args.data_dir, "--symbol", "PGONLY", "--out", work("never.csv"))
check("... which the bundled CSV does not hold (exit 3)", absent.returncode == 3, absent.stderr)

# With the server gone the same command fails on the server, not on a CSV file.
sock = socket.socket()
sock.bind(("127.0.0.1", 0))
unused = sock.getsockname()[1]
sock.close()
dead = run("generate", "--settings", settings("dead.yaml", f"host=127.0.0.1 port={unused} dbname=x"),
           "--symbol", "AAPL", "--out", work("dead.csv"))
check("server down: exit 1 (the work failed, not the input), said",
      dead.returncode == 1 and "cannot connect" in dead.stderr, dead.stderr)
check("server down: nothing written", not os.path.exists(work("dead.csv")))

finish()
