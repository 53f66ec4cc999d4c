"""strata-cli check-config end to end: the real binary on the documented formulas (every one
passes the truncation check, exit 0), on the bundled data (--symbol), on a pipeline whose step
looks ahead (the purpose-built test_lookahead plugin, and a formula reading its column: both
fail, exit 1), on bad formulas (file:line:column and a caret, exit 3) and on a bad command line
(exit 2)."""
import glob
import os

from cli_harness import args, check, finish, run


def write(name, text):
    path = os.path.join(args.work, name)
    with open(path, "w") as f:
        f.write(text)
    return path


def documented_formulas_pass():
    pipelines = sorted(glob.glob(os.path.join(args.formula_cases, "spx", "*", "pipeline.yaml")))
    check("the documented formulas' cases exist", len(pipelines) >= 20, f"{len(pipelines)} found")
    for pipeline in pipelines:
        name = os.path.basename(os.path.dirname(pipeline))
        r = run("check-config", pipeline, "--cuts", "10")
        check(f"{name}: no look-ahead", r.returncode == 0 and "result: PASS" in r.stdout and "FAIL" not in r.stdout,
              r.stdout + r.stderr)


def issue_example_on_real_bars():
    config = write("example.yaml", "indicators:\n  - plugin: expression\n"
                   "    params: {name: close_z20, formula: \"(close - sma(close, 20)) / stddev(close, 20)\"}\n"
                   "  - plugin: rsi\n    params: {window: 14}\n"
                   "  - plugin: expression\n    params: {name: rsi_slope, formula: \"diff(rsi, 3) / 3\"}\n")
    r = run("check-config", config, "--symbol", "AAPL", "--data-dir", args.data_dir)
    check("the issue's example on AAPL: valid", f"{config}: valid, 3 steps, 3 columns" in r.stdout, r.stdout + r.stderr)
    check("the issue's example on AAPL: every step passes, on the symbol's bars too",
          r.returncode == 0 and r.stdout.count("PASS  step") == 3 and "x 3 inputs" in r.stdout, r.stdout + r.stderr)


def look_ahead_is_caught():
    config = write("lookahead.yaml", "indicators:\n  - plugin: test_lookahead\n"
                   "  - plugin: expression\n    params: {name: later, formula: \"test_lookahead * 2 + lag(close)\"}\n"
                   "  - plugin: expression\n    params: {name: honest, formula: \"lag(close, 2)\"}\n")
    r = run("check-config", config, "--plugin-dir", args.bad_plugin_dir)
    check("a step that looks ahead: exit 1", r.returncode == 1, f"exit {r.returncode}: {r.stdout}{r.stderr}")
    check("the plugin that looks ahead is named", "FAIL  step 1: test_lookahead" in r.stdout, r.stdout)
    check("so is the formula that reads its column", "FAIL  step 2: expression 'later'" in r.stdout, r.stdout)
    check("the honest formula passes", "PASS  step 3: expression 'honest'" in r.stdout, r.stdout)
    check("the failure says which row moved and why",
          "the value moves when later bars arrive (look-ahead)" in r.stdout and " row " in r.stdout, r.stdout)
    check("the verdict counts them", "result: FAIL, 2 of 3 steps look ahead" in r.stdout, r.stdout)


def bad_formulas_are_located():
    negative = write("negative.yaml", "indicators:\n  - plugin: expression\n"
                     "    params: {name: future, formula: \"close / lag(close, -1) - 1\"}\n")
    r = run("check-config", negative)
    check("a negative lag: exit 3", r.returncode == 3, f"exit {r.returncode}")
    check("a negative lag: file:line:column of the offending token, and why",
          f"{negative}:3:57: indicators[0].params.formula: lag shifts forward only" in r.stderr
          and "look-ahead" in r.stderr, r.stderr)
    check("a negative lag: a caret under it", "  close / lag(close, -1) - 1\n                     ^^" in r.stderr, r.stderr)
    typo = write("typo.yaml", "indicators:\n  - plugin: expression\n    params:\n      name: z\n"
                 "      formula: (close - sma(clsoe, 20)) / stddev(close, 20)\n")
    r = run("check-config", typo)
    check("an unknown column, found when planning: located, with did you mean",
          r.returncode == 3 and f"{typo}:5:29: indicators[0].params.formula: unknown column 'clsoe' (did you mean 'close'?)"
          in r.stderr and "               ^^^^^" in r.stderr, r.stderr)
    types = write("types.yaml", "indicators:\n  - plugin: expression\n    params: {name: t, formula: \"sma(close > open, 5)\"}\n")
    r = run("check-config", types)
    check("a condition where a number belongs: exit 3, located", r.returncode == 3 and f"{types}:3:" in r.stderr, r.stderr)


def command_line():
    r = run("check-config")
    check("no file: exit 2", r.returncode == 2 and "give one pipeline file" in r.stderr, r.stderr)
    r = run("check-config", os.path.join(args.work, "missing.yaml"))
    check("a missing file: exit 3, named", r.returncode == 3 and "missing.yaml" in r.stderr, r.stderr)
    r = run("check-config", os.path.join(args.work, "example.yaml"), "--cuts", "0")
    check("--cuts 0: exit 2", r.returncode == 2, r.stderr)


documented_formulas_pass()
issue_example_on_real_bars()
look_ahead_is_caught()
bad_formulas_are_located()
command_line()
finish()
