"""Hostile input through the real strata-cli (issue 20, items 1, 2, 3, 8): each reproducer must end
with a clear message and the documented exit code (2 usage, 3 invalid input), never a signal, a
hang or unbounded memory. Every run is bounded: killed after a few seconds or past an RSS limit,
which fails the check instead of eating the machine."""
import os
import struct
import subprocess
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "cli"))
from cli_harness import args, check, finish  # noqa: E402

TIMEOUT_S = 10
RSS_LIMIT_MB = 1024


def rss_mb(pid):
    try:
        with open(f"/proc/{pid}/status") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) // 1024
    except OSError:
        pass
    return 0


def run_bounded(*cli_args, stdin=subprocess.DEVNULL):
    """(exit code, stderr, what went wrong or None): killed past TIMEOUT_S or RSS_LIMIT_MB."""
    if cli_args[0] == "generate":
        cli_args = (*cli_args, "--no-cache")
    err_path = os.path.join(args.work, "stderr.txt")
    with open(err_path, "w") as err:
        child = subprocess.Popen([args.cli, *cli_args], stdin=stdin, stdout=subprocess.DEVNULL, stderr=err)
        started, peak, problem = time.monotonic(), 0, None
        while child.poll() is None:
            peak = max(peak, rss_mb(child.pid))
            if peak > RSS_LIMIT_MB:
                problem = f"used more than {RSS_LIMIT_MB} MB"
            elif time.monotonic() - started > TIMEOUT_S:
                problem = f"still running after {TIMEOUT_S} s (a hang)"
            if problem:
                child.kill()
                child.wait()
                break
            time.sleep(0.02)
    with open(err_path, errors="replace") as err:
        stderr = err.read()
    if problem is None and child.returncode < 0:
        problem = f"killed by signal {-child.returncode}"
    return child.returncode, stderr, problem


def expect(name, cli_args, code, *messages):
    returned, stderr, problem = run_bounded(*cli_args)
    missing = [m for m in messages if m not in stderr]
    check(name, problem is None and returned == code and not missing,
          problem or f"exit {returned} (expected {code}); missing {missing} in: {stderr[-600:]}")


def write(name, data):
    path = os.path.join(args.work, name)
    with open(path, "wb") as f:
        f.write(data)
    return path


# Thrift compact encoding of a Parquet footer, just enough for these files.
def varint(n):
    out = bytearray()
    while n >= 0x80:
        out.append((n & 0x7F) | 0x80)
        n >>= 7
    out.append(n)
    return bytes(out)


def parquet(footer):
    return b"PAR1" + footer + struct.pack("<I", len(footer)) + b"PAR1"


def yaml_in_parquet(yaml, complete=True):
    """FileMetaData {5: [KeyValue {1: "strata.pipeline.yaml", 2: yaml}]}, after the required fields
    of an empty file (version 1, a root-only schema, 0 rows, no row groups) unless not complete:
    the footer checks refuse such a footer before its YAML is read."""
    key = b"strata.pipeline.yaml"
    pair = b"\x18" + varint(len(key)) + key + b"\x18" + varint(len(yaml)) + yaml + b"\x00"
    if not complete:
        return parquet(b"\x59\x1c" + pair + b"\x00")
    empty_file = b"\x15\x02" + b"\x19\x1c\x48\x06schema\x15\x00\x00" + b"\x16\x00" + b"\x19\x0c"
    return parquet(empty_file + b"\x19\x1c" + pair + b"\x00")


def alias_bomb():
    lines = [b"indicators:", b"  - plugin: rsi", b"    params:", b"      window: 14", b"      x:"]
    previous = None
    for level in b"abcdefghi":
        items = b", ".join([b"*" + previous if previous else b"x"] * 9)
        lines.append(b"        - &" + bytes([level]) + b" [" + items + b"]")
        previous = bytes([level])
    return b"\n".join(lines) + b"\n"


out = os.path.join(args.work, "out.csv")

# 1. A stray ',' made yaml-cpp's LoadAll loop forever, growing memory.
for name, text, where in [("comma", b",", ":1:1:"), ("comment then comma", b"#c\n,", ":2:1:"),
                          ("second document", b"---\n,", ":2:1:")]:
    path = write("stray.yaml", text)
    expect(f"--config {name}", ("generate", "--config", path, "--out", out), 3,
           path + where, "unexpected ','")
comma_41 = write("comma41.parquet", yaml_in_parquet(b",", complete=False))
check("the comma Parquet is 41 bytes", os.path.getsize(comma_41) == 41)
expect("--config-from the 41-byte Parquet: its incomplete footer is refused first",
       ("generate", "--config-from", comma_41, "--out", out), 3, "corrupt footer: the format version is missing")
comma_parquet = write("comma.parquet", yaml_in_parquet(b","))
expect("--config-from a Parquet holding ','", ("generate", "--config-from", comma_parquet, "--out", out), 3,
       "[strata.pipeline.yaml]:1:1:", "unexpected ','")

# 2. A few hundred bytes of aliases stood for 387 million nodes.
bomb = write("bomb.yaml", alias_bomb())
expect("--config alias bomb", ("generate", "--config", bomb, "--out", out), 3,
       bomb + ":", "once aliases are expanded")
bomb_parquet = write("bomb.parquet", yaml_in_parquet(alias_bomb()))
expect("--config-from alias bomb", ("generate", "--config-from", bomb_parquet, "--out", out), 3,
       "[strata.pipeline.yaml]:", "once aliases are expanded")
expect("inspect shows the bomb's text without expanding it", ("inspect", bomb_parquet), 0)

# 3. 50,000 nested Thrift lists overflowed the stack; a 20 MB footer took 3.7 GB.
nested = write("nested.parquet", parquet(b"\x29" + b"\x19" * 50000 + b"\x10\x00"))
expect("inspect 50,000 nested lists", ("inspect", nested), 3, "nests containers more than 64 deep")
expect("--config-from 50,000 nested lists", ("generate", "--config-from", nested, "--out", out), 3,
       "nests containers more than 64 deep")
wide = write("wide.parquet", parquet(b"\x29\xf1" + varint(20_000_000) + b"\x01" * 20_000_000 + b"\x00"))
expect("inspect a 20 MB footer of one-byte values", ("inspect", wide), 3, "holds more than 8000000 values")
os.remove(wide)

# Fuzzing: three `lag` steps on every column with 200 periods each planned ~57 million columns
# inside the plugins' plan(), without bound; a list of 100,000 periods, as many checks.
exploding = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "fuzz", "corpus", "pipeline_yaml",
                         "regression-planned-columns-explode.yaml")
expect("three lag steps on every column, 200 periods each",
       ("generate", "--config", exploding, "--out", out), 3,
       "step 3 (transformations, plugin 'lag'): the pipeline would plan over 250000 columns, more than the limit")
long_list = write("long-list.yaml", b"transformations:\n  - plugin: lag\n    params: {periods: [" +
                  b", ".join(str(i).encode() for i in range(1, 100_001)) + b"]}\n")
expect("a list of 100,000 periods", ("generate", "--config", long_list, "--out", out), 3,
       "params.periods: the list has 100000 elements, more than the limit of 10000")

# 8. Devices named as inputs, absurd numbers.
expect("--config /dev/zero", ("generate", "--config", "/dev/zero", "--out", out), 3,
       "/dev/zero", "larger than the 16 MiB accepted (not a regular file)")
expect("--settings /dev/zero", ("generate", "--settings", "/dev/zero", "--out", out), 3,
       "larger than the 16 MiB accepted")
expect("--data /dev/zero", ("generate", "--data", "/dev/zero", "--out", out), 3, "is not a regular file")
expect("import /dev/zero (read before any connection)",
       ("import", "--dsn", "host=127.0.0.1 port=1 dbname=none", "--symbol", "Z", "/dev/zero"), 3,
       "line 1 is longer than the 1 MiB accepted")
expect("--threads 100000", ("generate", "--threads", "100000", "--out", out), 2, "--threads takes a whole number from 0 to 256")
expect("--threads -1", ("generate", "--threads", "-1", "--out", out), 2, "--threads")
expect("synth --rows 10^12", ("synth", "--rows", "1000000000000", "--out", out), 2, "--rows from 1 to 100000000")
check("nothing written by the refused runs", not os.path.exists(out))

finish()
