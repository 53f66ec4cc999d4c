"""strata-cli cache (and, once generate uses the cache, generate twice) against the real
redis-server started by tests/services/redis.sh (the redis_server CTest fixture).
Prints PASS/FAIL lines and exits non-zero on any failure."""
import argparse
import os
import subprocess
import sys

parser = argparse.ArgumentParser()
parser.add_argument("--cli", required=True)
parser.add_argument("--probe", required=True)
parser.add_argument("--redis-dir", required=True)
parser.add_argument("--data-dir", required=True)
parser.add_argument("--work", required=True)
args = parser.parse_args()
os.makedirs(args.work, exist_ok=True)
with open(os.path.join(args.redis_dir, "port")) as f:
    port = f.read().strip()

failures = 0


def check(name, condition, detail=""):
    global failures
    failures += 0 if condition else 1
    print(f"{'PASS' if condition else 'FAIL'}: {name}" + ("" if condition else f": {detail}"))


def run(*cli_args, env=None):
    return subprocess.run([args.cli, *cli_args], capture_output=True, text=True, timeout=240, env=env)


def redis(*command):
    return subprocess.run(["/usr/bin/redis-cli", "-p", port, *command], capture_output=True,
                          text=True, timeout=30).stdout.strip()


def stats():
    s = run("cache", "stats", "--redis-port", port)
    fields = dict(line.split(":", 1) for line in s.stdout.splitlines()[1:] if ":" in line)
    return s, {k.strip(): v.strip().split(" ")[0] for k, v in fields.items()}


redis("FLUSHDB")  # our private server: start from nothing
h = run("cache", "--help")
check("cache --help exits 0", h.returncode == 0, h.stderr)
check("help names both actions and --symbol", "stats" in h.stdout and "clear" in h.stdout
      and "--symbol" in h.stdout and "--ttl" in h.stdout, h.stdout)
check("no action is a usage error", run("cache").returncode == 2)
check("unknown action is a usage error", run("cache", "flush").returncode == 2)
check("bad port is a usage error", run("cache", "stats", "--redis-port", "0").returncode == 2)
missing = run("cache", "stats", "--settings", os.path.join(args.work, "missing.yaml"))
check("missing settings file is invalid input", missing.returncode == 3, missing.stderr)

s, fields = stats()
check("stats on an empty database", s.returncode == 0 and fields.get("values") == "0",
      s.stdout + s.stderr)

for symbol in ["AAA", "BBB:X"]:
    p = subprocess.run([args.probe, port, symbol, "0", "5000"], capture_output=True, text=True,
                       timeout=60)
    check(f"probe stored {symbol}", p.returncode == 0 and "computed" in p.stdout, p.stderr)
redis("SET", "other:app:key", "keep me")
s, fields = stats()
check("stats counts two values", fields.get("values") == "2", s.stdout)
check("stats counts chunks", int(fields.get("chunks", "0")) > 2, s.stdout)
check("stats counts bytes", int(fields.get("bytes", "0")) > 2 * 300 * 6 * 8, s.stdout)

c = run("cache", "clear", "--symbol", "BBB:X", "--redis-port", port)
check("clear --symbol exits 0", c.returncode == 0, c.stderr)
check("clear --symbol says what it removed", "removed" in c.stdout and "BBB:X" in c.stdout, c.stdout)
s, fields = stats()
check("only that symbol's value is gone", fields.get("values") == "1", s.stdout)
c = run("cache", "clear", "--redis-port", port)
s, fields = stats()
check("clear removes every Strata key", c.returncode == 0 and fields.get("values") == "0"
      and fields.get("chunks") == "0", c.stdout + s.stdout)
check("other applications' keys survive", redis("GET", "other:app:key") == "keep me")

dead = subprocess.run(["/usr/bin/python3", "-c", "import socket; s=socket.socket(); "
                       "s.bind(('127.0.0.1', 0)); print(s.getsockname()[1])"],
                      capture_output=True, text=True).stdout.strip()
d = run("cache", "stats", "--redis-port", dead)
check("stats with no server fails with a message", d.returncode == 1 and "redis" in d.stderr,
      d.stderr)

sys.exit(1 if failures else 0)
