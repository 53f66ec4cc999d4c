"""strata-cli cache (and, once generate uses the cache, generate twice) against the real
redis-server started by tests/services/redis.sh (the redis_server CTest fixture).
Prints PASS/FAIL lines and exits non-zero on any failure."""
import argparse
import os
import queue
import signal
import subprocess
import sys
import threading
import time

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
for bad, named in [("BAD\x1b[2J", "control character"), ("", "")]:
    c = run("cache", "clear", "--symbol", bad, "--redis-port", port)
    check(f"clear --symbol {bad!r} is refused before anything is removed",
          c.returncode == 2 and "--symbol" in c.stderr and named in c.stderr
          and stats()[1].get("values") == "1", c.stdout + c.stderr)
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

# generate: the second identical request is served from Redis (a new process: nothing in memory),
# byte-identical; a changed parameter, raw values or other bars are not.
redis("FLUSHDB")


def generate(out, *extra):
    return run("generate", "--data-dir", args.data_dir, "--symbol", "AAPL", "--redis-port", port,
               "--out", os.path.join(args.work, out), *extra)


def cache_line(p):
    return next((line for line in p.stderr.splitlines() if "cache" in line and ": cache " in line), "")


first = generate("first.csv")
check("first generate computes", first.returncode == 0
      and cache_line(first) == "1d: cache miss (computed and stored in redis)", first.stderr)
second = generate("second.csv")
check("second generate is a redis hit", second.returncode == 0
      and cache_line(second) == "1d: cache hit (redis)", second.stderr)
with open(os.path.join(args.work, "first.csv"), "rb") as a, open(os.path.join(args.work, "second.csv"), "rb") as b:
    check("served matrix is byte-identical", a.read() == b.read())
manifests = [k for k in redis("--scan", "--pattern", "strata:v1:features:AAPL:1d:*").split("\n")
             if ":chunk:" not in k]
ttl = int(redis("TTL", manifests[0])) if len(manifests) == 1 else -1
chunk_ttls = {int(redis("TTL", k)) for k in redis("--scan", "--pattern", "*:chunk:*").split("\n")}
check("default ttl is the settings' 3600 s", 3500 < ttl <= 3600, str(ttl))
check("chunks outlive their manifest by a minute", chunk_ttls and min(chunk_ttls) > ttl + 50, str(chunk_ttls))

changed = os.path.join(args.work, "rsi15.yaml")
with open(os.path.join(os.path.dirname(args.data_dir), "configs", "default.yaml")) as f:
    text = f.read()
with open(changed, "w") as f:
    f.write(text.replace("params: {window: 14, smoothing: sma}", "params: {window: 15, smoothing: sma}", 1))
c = generate("changed.csv", "--config", changed)
check("a changed parameter is a miss", c.returncode == 0 and "cache miss" in cache_line(c), c.stderr)
c = generate("changed2.csv", "--config", changed)
check("... and then a hit of its own", "cache hit (redis)" in cache_line(c), c.stderr)
r = generate("raw.csv", "--raw")
check("raw values are not the normalised entry", "cache miss" in cache_line(r), r.stderr)
w = generate("weekly.csv", "--timeframe", "1w")
check("another timeframe is a miss", cache_line(w).startswith("1w: cache miss"), w.stderr)
n = generate("nocache.csv", "--no-cache")
check("--no-cache skips the cache", n.returncode == 0 and cache_line(n) == "", n.stderr)
t = generate("ttl.csv", "--ttl", "100", "--timeframe", "1w", "--raw")
keys = redis("--scan", "--pattern", "strata:v1:features:AAPL:1w:*").split("\n")
check("--ttl sets the lifetime of new values", any(0 < int(redis("TTL", k)) <= 100 for k in keys), str(keys))

# several timeframes and the aligned matrix through FeatureEngineer: one line per lookup
multi = [generate("multi.csv", "--timeframes", "1d,1w", "--aligned") for _ in range(2)]
lines = [sorted(l for l in p.stderr.splitlines() if ": cache " in l) for p in multi]
check("multi-timeframe generate exits 0", all(p.returncode == 0 for p in multi), multi[0].stderr)
check("first multi-timeframe run: the aligned matrix is new", "aligned 1d: cache miss (computed and stored in redis)"
      in lines[0], str(lines[0]))
check("second multi-timeframe run: every lookup is a redis hit",
      lines[1] == ["1d: cache hit (redis)", "1w: cache hit (redis)", "aligned 1d: cache hit (redis)"], str(lines[1]))



def manifest_keys(pattern="strata:v1:features:AAPL:1d:*"):
    return {k for k in redis("--scan", "--pattern", pattern).split("\n")
            if k and ":chunk:" not in k and not k.endswith(":lock")}


def same_file(a, b):
    with open(os.path.join(args.work, a), "rb") as x, open(os.path.join(args.work, b), "rb") as y:
        return x.read() == y.read()


# A valid value copied under another key, chunks and all, is refused: a --raw run was once
# served the normalised matrix this way.
redis("FLUSHDB")
generate("copy-normalised.csv")
(normalised_key,) = manifest_keys()
generate("copy-raw.csv", "--raw")
(raw_key,) = manifest_keys() - {normalised_key}
for chunk in redis("--scan", "--pattern", raw_key + ":chunk:*").split():
    redis("DEL", chunk)
for chunk in redis("--scan", "--pattern", normalised_key + ":chunk:*").split():
    redis("COPY", chunk, chunk.replace(normalised_key, raw_key), "REPLACE")
redis("COPY", normalised_key, raw_key, "REPLACE")
copied = generate("copy-raw-again.csv", "--raw")
check("a value copied under another key is a miss", copied.returncode == 0
      and "1d: cache miss (computed and stored in redis)" in copied.stderr.splitlines(), copied.stderr)
check("... refused with a warning naming the key it was stored under",
      f"stored under {normalised_key}" in copied.stderr, copied.stderr)
check("... and --raw writes the raw matrix", same_file("copy-raw.csv", "copy-raw-again.csv"))
again = generate("copy-raw-third.csv", "--raw")
check("... which is then a hit of its own", cache_line(again) == "1d: cache hit (redis)"
      and same_file("copy-raw.csv", "copy-raw-third.csv"), again.stderr)


def generate_args(out, *extra):
    return [args.cli, "generate", "--data-dir", args.data_dir, "--symbol", "AAPL", "--redis-port", port,
            "--out", os.path.join(args.work, out), *extra]


def stderr_lines(process):
    """A queue of the process's stderr lines (None at the end), read by a thread."""
    lines = queue.Queue()

    def pump():
        for line in process.stderr:
            lines.put(line.rstrip("\n"))
        lines.put(None)
    threading.Thread(target=pump, daemon=True).start()
    return lines


def read_until(lines, wanted, seconds):
    """The lines read until one contains `wanted` (found) or `seconds` pass."""
    seen, deadline = [], time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            line = lines.get(timeout=max(0.01, deadline - time.monotonic()))
        except queue.Empty:
            break
        if line is None:
            break
        seen.append(line)
        if wanted in line:
            return True, seen
    return False, seen


# A lock that no live process renews (set by hand, no expiry) made generate wait forever, saying
# nothing, deaf to Ctrl-C. Now it says what it waits for after about a second, gives up after
# cache.lock_wait_s, removes the stale lock and computes here; Ctrl-C during the wait ends it.
redis("FLUSHDB")
generate("lock-plain.csv", "--no-cache")
generate("lock-first.csv")
(locked_key,) = manifest_keys()
lock_key = locked_key + ":lock"
run("cache", "clear", "--redis-port", port)
redis("SET", lock_key, "left-by-hand")
wait_settings = os.path.join(args.work, "lock-wait.yaml")
with open(wait_settings, "w") as f:
    f.write("cache:\n  lock_wait_s: 2\n")
started = time.monotonic()
try:
    stuck = subprocess.run(generate_args("lock-stuck.csv", "--settings", wait_settings), capture_output=True,
                           text=True, timeout=60)
except subprocess.TimeoutExpired as e:
    stuck = subprocess.CompletedProcess(e.cmd, None, "", "killed after 60 s (a hang)")
took = time.monotonic() - started
check("a lock with no expiry does not hang generate", stuck.returncode == 0 and took < 30,
      f"exit {stuck.returncode} after {took:.1f} s: {stuck.stderr}")
check("... it says what it waits for, naming the lock", f"1d: waiting for another process computing AAPL 1d "
      f"normalised features (lock {lock_key})" in stuck.stderr.splitlines(), stuck.stderr)
check("... and that the lock was stale and removed", f"1d: lock {lock_key} has no expiry: stale after 2 s of "
      "waiting, removed" in stuck.stderr.splitlines(), stuck.stderr)
check("... then computes and stores the matrix", "1d: cache miss (computed and stored in redis)"
      in stuck.stderr.splitlines() and redis("EXISTS", locked_key) == "1" and redis("EXISTS", lock_key) == "0",
      stuck.stderr)
check("... identical to --no-cache", os.path.exists(os.path.join(args.work, "lock-stuck.csv"))
      and same_file("lock-plain.csv", "lock-stuck.csv"))

run("cache", "clear", "--redis-port", port)
redis("SET", lock_key, "left-by-hand")
cancelled_out = os.path.join(args.work, "lock-cancelled.csv")
waiting = subprocess.Popen(generate_args("lock-cancelled.csv"), stdout=subprocess.DEVNULL,
                           stderr=subprocess.PIPE, text=True)
lines = stderr_lines(waiting)
told, seen = read_until(lines, "waiting for another process computing", 10)
check("generate behind a lock says it waits within a few seconds", told, "\n".join(seen))
waiting.send_signal(signal.SIGINT)
interrupted = time.monotonic()
try:
    waiting.wait(timeout=10)
    took = time.monotonic() - interrupted
except subprocess.TimeoutExpired:
    waiting.kill()
    waiting.wait()
    took = None
rest = read_until(lines, "\0", 5)[1]
check("Ctrl-C during the wait ends generate promptly, exit 130", took is not None and took < 3
      and waiting.returncode == 130, f"exit {waiting.returncode} after {took} s")
check("... saying it was cancelled and writing nothing", any("cancelled" in line for line in rest)
      and not os.path.exists(cancelled_out), "\n".join(seen + rest))

d = run("generate", "--data-dir", args.data_dir, "--symbol", "AAPL", "--redis-port", dead,
        "--out", os.path.join(args.work, "dead.csv"))
check("generate without redis still writes the matrix", d.returncode == 0
      and os.path.getsize(os.path.join(args.work, "dead.csv")) > 0, d.stderr)
check("... and warns on stderr", "warning: cache: redis unavailable" in d.stderr, d.stderr)
check("... and says it was not stored", "redis unavailable, not stored" in cache_line(d), d.stderr)

sys.exit(1 if failures else 0)
