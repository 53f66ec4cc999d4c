"""Shared by the strata-cli end-to-end scripts: arguments, checks, running the real binary."""
import argparse
import os
import subprocess
import sys

parser = argparse.ArgumentParser()
parser.add_argument("--cli", required=True)
parser.add_argument("--data-dir", required=True)
parser.add_argument("--work", required=True)
parser.add_argument("--bad-plugin-dir", help="the purpose-built bad plugins (tests/bad_plugins)")
parser.add_argument("--formula-cases", help="formula_reference.py's cases (the documented formulas)")
parser.add_argument("--pg-state", help="the postgres fixture's state directory (tests/services/postgres.sh)")
args = parser.parse_args()
os.makedirs(args.work, exist_ok=True)

results = {"passed": 0, "failed": 0}


def check(name, condition, detail=""):
    results["passed" if condition else "failed"] += 1
    print(f"{'PASS' if condition else 'FAIL'}: {name}" + ("" if condition else f": {detail}"))


def run(*cli_args, timeout=300):
    # generate caches through Redis by default (127.0.0.1:6379): never touch a server the user
    # runs. The cache has its own end-to-end tests against a private server.
    if cli_args and cli_args[0] == "generate" and "--help" not in cli_args and "--no-cache" not in cli_args:
        cli_args = (*cli_args, "--no-cache")
    return subprocess.run([args.cli, *cli_args], capture_output=True, text=True, timeout=timeout)


def finish():
    print(f"{results['passed']} passed, {results['failed']} failed")
    sys.exit(1 if results["failed"] else 0)
