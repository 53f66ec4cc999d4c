#!/usr/bin/env python3
"""Fails when a test, benchmark, script or CI file names a network address other than loopback.

Tests, benchmarks and tools may contact only 127.0.0.0/8, ::1 or hosts in network namespaces
they create themselves, so no other literal address belongs in these folders. Checked:
IPv4 literals, bracketed IPv6 literals, and the hosts of URLs and of DSN host words.
Usage: check_loopback_only.py REPO_ROOT
"""
import ipaddress
import pathlib
import re
import sys

CHECKED = ["tests", "benchmarks", "scripts", ".ci", "examples"]
SKIPPED_SUFFIXES = {".png", ".csv", ".parquet", ".so", ".gz", ".zst"}
IPV4 = re.compile(r"(?<![\w.])(\d{1,3}(?:\.\d{1,3}){3})(?![\w.])")
IPV6 = re.compile(r"\[([0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*)\]")
URL_HOST = re.compile(r"\b[a-z][a-z0-9+.-]*://(?:[^@/\s\"']*@)?([A-Za-z0-9_.-]+)")
DSN_HOST = re.compile(r"\bhost=([A-Za-z0-9_.:-]+)")
LOOPBACK_NAMES = {"localhost", "ip6-localhost"}


def loopback(host: str) -> bool:
    if host.lower() in LOOPBACK_NAMES or host.startswith("%"):  # %1: filled in from a test server
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False  # a name: only loopback names are allowed


def offending(line: str):
    for match in IPV4.finditer(line):
        try:
            address = ipaddress.IPv4Address(match.group(1))
        except ValueError:
            continue  # 999.1.2.3: a version string or similar, not an address
        if not address.is_loopback:
            yield match.group(1)
    for match in IPV6.finditer(line):
        try:
            if not ipaddress.IPv6Address(match.group(1)).is_loopback:
                yield match.group(1)
        except ValueError:
            continue
    for pattern in (URL_HOST, DSN_HOST):
        for match in pattern.finditer(line):
            host = match.group(1)
            if host.startswith("/") or host == "x":  # a socket directory; "x": a refused DSN
                continue
            if not loopback(host):
                yield host


def main() -> int:
    root = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else ".")
    problems = []
    for folder in CHECKED:
        for path in sorted((root / folder).rglob("*")):
            if not path.is_file() or path.suffix in SKIPPED_SUFFIXES or "node_modules" in path.parts:
                continue
            try:
                text = path.read_text(encoding="utf-8")
            except (UnicodeDecodeError, OSError):
                continue
            for number, line in enumerate(text.splitlines(), 1):
                for address in dict.fromkeys(offending(line)):
                    problems.append(f"{path.relative_to(root)}:{number}: non-loopback address {address!r}")
    for problem in problems:
        print(problem)
    if problems:
        print(f"{len(problems)} non-loopback address(es): tests and tools contact only 127.0.0.0/8 and ::1")
        return 1
    print("loopback only: no other address in " + ", ".join(CHECKED))
    return 0


if __name__ == "__main__":
    sys.exit(main())
