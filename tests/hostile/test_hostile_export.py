"""Exports under signals and onto hostile destinations, through the real strata-cli (issue 20,
items 11, 12, 14 and the export items of the smaller list):

- SIGINT, SIGTERM and SIGHUP in the middle of writing a large matrix: exit 128 + the signal, no
  temporary left, an existing destination kept. A temporary left by a SIGKILLed export (and one
  made to look so) is swept by the next export into the directory; one still being written (its
  writer stopped, alive), one locked by another process, one of a live pid, and files that only
  look like ours are not.
- --out naming a FIFO, a device, a socket, a directory, or a symlink (followed: its target is
  replaced and the link stays a link; a link to a FIFO or a loop is refused).
- Several timeframes: every file is checked before the first is written (a --columns pattern
  matching nothing in one file, a bad destination for one file), and a cancel during the second
  file names the file written and those not.
- --out "", CSV delimiters and NaN texts that would make the file unreadable (exit 2; those
  accepted are read back by pandas as numbers), Parquet footers whose length or content does not
  describe the file (exit 3 from inspect and --config-from).
"""
import fcntl
import os
import signal
import socket
import stat
import struct
import subprocess
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "cli"))
from cli_harness import args, check, finish, run  # noqa: E402

import pandas as pd  # noqa: E402

LARGE_ROWS = 40_000  # 1m bars: a ~460 MB CSV (~145 MB Parquet), a few seconds of writing
work = args.work
DATA = ("--data-dir", args.data_dir)


def path(*parts):
    return os.path.join(work, *parts)


def fresh_dir(name):
    d = path(name)
    subprocess.run(["rm", "-rf", d], check=True)
    os.makedirs(d)
    return d


def temporaries(d):
    """Hidden files: the temporaries of this naming and of any other (the directories here hold
    no other hidden file but those the sweep checks make)."""
    return sorted(n for n in os.listdir(d) if n.startswith("."))


def default_signals():
    # A shell without job control starts background jobs with SIGINT ignored, nohup SIGHUP; an
    # ignored signal is left ignored by strata-cli (as it should be), so the child starts clean.
    for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        signal.signal(sig, signal.SIG_DFL)


def start_export(*cli_args):
    err = open(path(f"export-stderr-{time.monotonic_ns()}.txt"), "w+")
    child = subprocess.Popen([args.cli, "generate", "--no-cache", *cli_args],
                             stdout=subprocess.DEVNULL, stderr=err, preexec_fn=default_signals)
    return child, err


def stderr_of(err):
    err.seek(0)
    return err.read()


def wait_for_temporary(d, min_bytes, child, prefix=".", timeout=120):
    """The name of a temporary in d starting with prefix once it holds min_bytes (the export is
    writing), or None."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and child.poll() is None:
        for name in temporaries(d):
            if not name.startswith(prefix):
                continue
            try:
                if os.path.getsize(os.path.join(d, name)) >= min_bytes:
                    return name
            except OSError:
                pass
        time.sleep(0.02)
    return None


def wait(child, timeout=60):
    try:
        return child.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        child.kill()
        child.wait()
        return "a hang"


def quick(out, *more):
    """A small export (AAPL weekly from the bundled data)."""
    return run("generate", *DATA, "--timeframe", "1w", "--out", out, *more)


large_bars = path("large-1m.csv")
made = run("synth", "--rows", str(LARGE_ROWS), "--seed", "20", "--out", large_bars)
check("synth the large 1m bars", made.returncode == 0, made.stderr)

# 11. SIGINT, SIGTERM and SIGHUP mid-write: cancelled alike, the temporary removed.
for sig, out_name, min_bytes in [(signal.SIGTERM, "m.csv", 20 << 20), (signal.SIGHUP, "m.parquet", 10 << 20),
                                 (signal.SIGINT, "m.csv", 20 << 20)]:
    name = signal.Signals(sig).name
    d = fresh_dir(f"signal-{name}")
    out = os.path.join(d, out_name)
    with open(out, "w") as f:
        f.write("the previous export")
    child, err = start_export("--data", large_bars, "--out", out)
    temporary = wait_for_temporary(d, min_bytes, child)
    check(f"{name}: the export is writing its temporary", temporary is not None, stderr_of(err))
    child.send_signal(sig)
    code = wait(child)
    text = stderr_of(err)
    check(f"{name}: exit {128 + sig} (128 + the signal)", code == 128 + sig, f"exit {code}: {text[-500:]}")
    check(f"{name}: no temporary left", temporaries(d) == [], str(temporaries(d)))
    check(f"{name}: says it was cancelled and what was not written",
          f"cancelled ({name})" in text and f"not written: {out}" in text, text[-500:])
    check(f"{name}: the existing destination is kept", open(out, "rb").read() == b"the previous export")

# 11. Stale temporaries: only ours, only those whose writer is gone.
d = fresh_dir("sweep")
stopped, stopped_err = start_export("--data", large_bars, "--out", os.path.join(d, "stopped.csv"))
live = wait_for_temporary(d, 20 << 20, stopped, ".stopped.csv")
stopped.send_signal(signal.SIGSTOP)
check("an export is writing, then stopped (alive, its lock held)", live is not None)
killed, err = start_export("--data", large_bars, "--out", os.path.join(d, "killed.csv"))
left = wait_for_temporary(d, 20 << 20, killed, ".killed.csv")
killed.kill()
wait(killed)
check("a second one, SIGKILLed, leaves its temporary (nothing can remove it then); the stopped "
      "one's is kept", left is not None and left in temporaries(d) and live in temporaries(d), str(temporaries(d)))

gone = subprocess.Popen(["true"])
gone.wait()
dead_pid = gone.pid


def fabricate(name):
    with open(os.path.join(d, name), "w") as f:
        f.write("x")
    return name


dead_unlocked = fabricate(f".made.csv.strata-{dead_pid}.abc123")
dead_locked = fabricate(f".remote.csv.strata-{dead_pid}.def456")  # a writer on another host
live_pid = fabricate(f".mine.csv.strata-{os.getpid()}.ghi789")
not_ours = [fabricate(".plain.csv.Ab12Cd"), fabricate(f"visible.csv.strata-{dead_pid}.jkl012"),
            fabricate(f".name.strata-{dead_pid}.toolong7"), fabricate(f".name.strata-x{dead_pid}.mno345")]
lock = open(os.path.join(d, dead_locked), "r+")
fcntl.flock(lock, fcntl.LOCK_EX)
swept = quick(os.path.join(d, "next.csv"))
remaining = set(os.listdir(d))
check("the next export into the directory succeeds", swept.returncode == 0, swept.stderr)
check("it swept the SIGKILLed export's temporary", left not in remaining, str(sorted(remaining)))
check("it swept a temporary of a dead pid that nobody locks", dead_unlocked not in remaining)
check("it kept the stopped export's temporary (pid alive, locked)", live in remaining, str(sorted(remaining)))
check("it kept a dead pid's temporary that another process locks", dead_locked in remaining)
check("it kept a live pid's temporary", live_pid in remaining)
check("it kept files that only look like ours", all(n in remaining for n in not_ours),
      str(sorted(set(not_ours) - remaining)))
fcntl.flock(lock, fcntl.LOCK_UN)
lock.close()
stopped.send_signal(signal.SIGCONT)
code = wait(stopped, timeout=120)
check("the stopped export, continued, completes", code == 0 and os.path.getsize(os.path.join(d, "stopped.csv")) > 0,
      f"exit {code}: {stderr_of(stopped_err)[-400:]}")
check("and its temporary is gone", live not in os.listdir(d))

# 12. Destinations that are not regular files are refused before any work; none is replaced.
d = fresh_dir("destinations")
fifo = os.path.join(d, "fifo.csv")
os.mkfifo(fifo)
result = quick(fifo)
check("--out a FIFO: exit 2, named", result.returncode == 2 and "fifo.csv: is a FIFO (named pipe)" in result.stderr,
      result.stderr)
check("the FIFO is still a FIFO", stat.S_ISFIFO(os.lstat(fifo).st_mode))
sock_path = os.path.join(d, "socket.csv")
listener = socket.socket(socket.AF_UNIX)
listener.bind(sock_path)
result = quick(sock_path)
check("--out a socket: exit 2, named", result.returncode == 2 and "is a socket" in result.stderr, result.stderr)
check("the socket is still a socket", stat.S_ISSOCK(os.lstat(sock_path).st_mode))
listener.close()
device = os.path.join(d, "null.csv")
try:
    os.mknod(device, stat.S_IFCHR | 0o666, os.makedev(1, 3))  # a /dev/null of our own
except PermissionError:
    device = None
    print("SKIP: --out a device node (mknod needs root); a symlink to /dev/null is not tried, as a "
          "regression would replace the system's device")
if device:
    result = quick(device)
    check("--out a character device: exit 2, named", result.returncode == 2 and "is a character device" in result.stderr,
          result.stderr)
    check("the device node is still a device", stat.S_ISCHR(os.lstat(device).st_mode))
    os.symlink("null.csv", os.path.join(d, "to-device.csv"))
    result = quick(os.path.join(d, "to-device.csv"))
    check("--out a symlink to a device: exit 2, the target named",
          result.returncode == 2 and f"(the link's target {device})" in result.stderr, result.stderr)
result = quick(d, "--format", "csv")
check("--out a directory: exit 2", result.returncode == 2 and "is a directory" in result.stderr, result.stderr)
result = quick(d + "/", "--format", "csv")
check("--out a directory with a slash: exit 2", result.returncode == 2 and "is a directory" in result.stderr, result.stderr)
os.symlink("fifo.csv", os.path.join(d, "to-fifo.csv"))
result = quick(os.path.join(d, "to-fifo.csv"))
check("--out a symlink to a FIFO: exit 2", result.returncode == 2 and "is a FIFO" in result.stderr, result.stderr)
os.symlink("loop-b.csv", os.path.join(d, "loop-a.csv"))
os.symlink("loop-a.csv", os.path.join(d, "loop-b.csv"))
result = quick(os.path.join(d, "loop-a.csv"))
check("--out a symlink loop: exit 2", result.returncode == 2 and "symbolic links to follow" in result.stderr, result.stderr)

os.makedirs(os.path.join(d, "real"))
target = os.path.join(d, "real", "target.csv")
with open(target, "w") as f:
    f.write("old")
os.chmod(target, 0o640)
link = os.path.join(d, "link.csv")
os.symlink("real/target.csv", link)
result = quick(link)
check("--out a symlink to a file: exit 0", result.returncode == 0, result.stderr)
check("the link stays a link to its target", os.path.islink(link) and os.readlink(link) == "real/target.csv")
check("the target is replaced, its mode kept", open(target).read().startswith("timestamp,") and
      stat.S_IMODE(os.stat(target).st_mode) == 0o640, oct(os.stat(target).st_mode))
check("the temporary was written beside the target, and is gone",
      temporaries(os.path.join(d, "real")) == [] and temporaries(d) == [])
dangling = os.path.join(d, "dangling.parquet")
os.symlink("real/new.parquet", dangling)
result = quick(dangling)
check("--out a dangling symlink: its target is created, the link kept",
      result.returncode == 0 and os.path.islink(dangling) and os.path.isfile(os.path.join(d, "real", "new.parquet")),
      result.stderr)

# Smaller: --out "".
result = run("generate", *DATA, "--out", "")
check('--out "": a usage error', result.returncode == 2 and "--out is empty" in result.stderr, result.stderr)

# 14. Several timeframes: every file is checked before any is written.
d = fresh_dir("several")
out = os.path.join(d, "aapl.csv")
result = run("generate", *DATA, "--timeframes", "1d,1w", "--aligned", "--columns", "rsi*", "--out", out)
check("a pattern matching no aligned column: exit 2, before any file is written",
      result.returncode == 2 and os.listdir(d) == [] and
      f"{out}: --columns pattern 'rsi*' matches no feature column" in result.stderr and "nothing written" in result.stderr,
      f"{os.listdir(d)} {result.stderr}")
d = fresh_dir("several")
os.mkfifo(os.path.join(d, "aapl_1w.csv"))
result = run("generate", *DATA, "--timeframes", "1d,1w", "--out", out)
check("the second file's destination is a FIFO: exit 2, nothing written",
      result.returncode == 2 and sorted(os.listdir(d)) == ["aapl_1w.csv"] and "aapl_1w.csv: is a FIFO" in result.stderr,
      f"{os.listdir(d)} {result.stderr}")
d = fresh_dir("several")
os.symlink("aapl.csv", os.path.join(d, "aapl_1d.csv"))
result = run("generate", *DATA, "--timeframes", "1d,1w", "--aligned", "--out", out)
check("two outputs naming one file: exit 2", result.returncode == 2 and "are the same file" in result.stderr
      and sorted(os.listdir(d)) == ["aapl_1d.csv"], result.stderr)
d = fresh_dir("several")

# 14. Cancelled during the second file: the first is on disk and named, the second not.
out = os.path.join(d, "m.csv")
first, second = os.path.join(d, "m_5m.csv"), os.path.join(d, "m_1m.csv")
child, err = start_export("--data", large_bars, "--timeframes", "5m,1m", "--out", out)
deadline = time.monotonic() + 120
while not os.path.exists(first) and child.poll() is None and time.monotonic() < deadline:
    time.sleep(0.02)
temporary = wait_for_temporary(d, 20 << 20, child, ".m_1m.csv")
check("the second file is being written after the first", os.path.exists(first) and temporary is not None,
      str(os.listdir(d)))
child.send_signal(signal.SIGTERM)
code = wait(child)
text = stderr_of(err)
check("cancelled during the second file: exit 143", code == 143, f"exit {code}: {text[-500:]}")
check("says the first was written and the second not",
      f"written: {first}" in text and f"not written: {second}" in text and "nothing written" not in text, text[-600:])
first_rows = [line for line in text.splitlines() if line.startswith(f"wrote {first}: ")]
check("the first file is complete, the second absent, no temporary",
      len(first_rows) == 1 and f", {sum(1 for _ in open(first)) - 1} rows x " in first_rows[0]
      and not os.path.exists(second) and temporaries(d) == [], f"{os.listdir(d)} {first_rows}")

# Smaller: CSV delimiters and NaN texts that make the file unreadable are refused.
d = fresh_dir("csv-options")
out = os.path.join(d, "x.csv")
for delimiter in [".", "-", "+", "e", "E", "5", "T", ":", '"', "a", "\n"]:
    result = quick(out, "--csv-delimiter", delimiter)
    check(f"--csv-delimiter {delimiter!r}: exit 2", result.returncode == 2 and "the CSV delimiter" in result.stderr,
          f"exit {result.returncode}: {result.stderr[-300:]}")
for nan_text, why in [(".", "number characters"), ("-", "number characters"), ("e", "number characters"),
                      ("+.e", "number characters"), ("0", "a digit"), ("1e5", "a digit"), ("NaN1", "a digit"),
                      ("a\nb", "line break"), ("\r", "line break"), ('"', "a quote"), (",", "the delimiter"),
                      ("n,a", "the delimiter"), (" NaN", "space"), ("inf", "infinity"), ("-Inf", "infinity"),
                      ("infinity", "infinity"), ("x" * 65, "longer than 64 bytes")]:
    result = quick(out, "--csv-nan", nan_text)
    check(f"--csv-nan {nan_text[:10]!r}: exit 2, {why}", result.returncode == 2 and why in result.stderr,
          f"exit {result.returncode}: {result.stderr[-300:]}")
result = quick(out, "--csv-delimiter", ";", "--csv-nan", ";")
check("--csv-nan holding a ';' delimiter: exit 2", result.returncode == 2 and "the delimiter" in result.stderr, result.stderr)
check("nothing written by the refused CSV options", os.listdir(d) == [], str(os.listdir(d)))
for delimiter, nan_text in [(";", "NaN"), ("\\t", "NA"), ("|", "null"), (" ", "nan"), (",", "#N/A"), (",", "")]:
    result = quick(out, "--csv-delimiter", delimiter, "--csv-nan", nan_text)
    readable = False
    if result.returncode == 0:
        frame = pd.read_csv(out, sep="\t" if delimiter == "\\t" else delimiter, na_values=[nan_text] if nan_text else None,
                            keep_default_na=not nan_text)
        features = frame.drop(columns=["timestamp"])
        readable = all(pd.api.types.is_numeric_dtype(t) for t in features.dtypes) and features.isna().to_numpy().any()
    check(f"accepted: --csv-delimiter {delimiter!r} --csv-nan {nan_text!r} reads back as numbers with NaN",
          readable, result.stderr[-300:])


# Smaller: Parquet footers that do not describe the file are refused (exit 3).
def parquet_parts(data):
    length = struct.unpack("<I", data[-8:-4])[0]
    return data[:-8 - length], data[-8 - length:-8]


def with_footer(name, body, footer, length=None):
    p = path(name)
    with open(p, "wb") as f:
        f.write(body + footer + struct.pack("<I", len(footer) if length is None else length) + b"PAR1")
    return p


good = path("good.parquet")
made = quick(good)
check("a real Parquet to mutate", made.returncode == 0, made.stderr)
body, footer = parquet_parts(open(good, "rb").read())
inspected = run("inspect", good)
check("inspect the real file: exit 0", inspected.returncode == 0, inspected.stderr)
hostile = []
for delta in [1, 2, 7, 100, 1000, len(body) // 2]:  # the length points into the data pages
    hostile.append((f"a footer length {delta} bytes too long", with_footer(f"longer{delta}.parquet", body, footer, len(footer) + delta)))
for delta in [1, 5, len(footer) // 2]:  # it starts inside the footer
    hostile.append((f"a footer length {delta} bytes too short", with_footer(f"shorter{delta}.parquet", body, footer, len(footer) - delta)))
hostile.append(("bytes after the FileMetaData", with_footer("trailing.parquet", body, footer + b"\x00\x00")))
hostile.append(("a footer of data-page bytes", with_footer("datapage.parquet", body, body[4:4 + len(footer)])))
hostile.append(("a truncated body (chunks past the footer's start)", with_footer("truncated.parquet", body[:len(body) // 2], footer)))
for what, p in hostile:
    result = run("inspect", p)
    check(f"inspect {what}: exit 3, corrupt footer", result.returncode == 3 and "corrupt footer" in result.stderr
          or result.returncode == 3 and "exceeds the file" in result.stderr, f"exit {result.returncode}: {result.stderr[-300:]}")
    result = run("generate", *DATA, "--config-from", p, "--out", path("from.csv"))
    check(f"--config-from {what}: exit 3", result.returncode == 3 and p in result.stderr,
          f"exit {result.returncode}: {result.stderr[-300:]}")
check("nothing written from a corrupt footer", not os.path.exists(path("from.csv")))

finish()
