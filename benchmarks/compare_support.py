"""Shared by the compare_*.py scripts: seeded synthetic bars and benchmark child processes."""
import json
import os
import subprocess


def synthesize_bars(build, rows, path):
    """Writes `rows` seeded synthetic 1m bars (seed 42) to `path` with strata-cli synth."""
    subprocess.run([os.path.join(build, "bin", "strata-cli"), "synth", "--rows", str(rows),
                    "--seed", "42", "--out", path], check=True, capture_output=True)


def run_child(cmd):
    """Runs one benchmark process and returns the JSON object on its last stdout line."""
    out = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout
    return json.loads(out.strip().splitlines()[-1])
