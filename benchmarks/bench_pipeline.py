"""Time parse_text on the reference report before and after the reading pipeline, in one run.

Run it from the repository root (a git checkout)::

    python benchmarks/bench_pipeline.py [--before REF]

``REF`` (default: the last commit before the front-end/assembler split) is exported with
``git archive`` into a temporary folder. Two worker processes, one importing that tree and one
this working tree, time rounds of CALLS calls of ``parse_text`` (and ``from_json``, the yard
stick) on the bundled reference report; the parent asks them for rounds in turn, so machine
noise falls on both alike, and prints the medians. The target: no slower than before. Not a
test: the figures go in docs/text.md.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BEFORE = "5cef7d0"  # "One junk sweep over every entry point": the parser before the split
ROUNDS = 41
CALLS = 100

WORKER = r"""
import json, sys, time
from pathlib import Path
import govinfo
text = Path(govinfo.example_path(".txt")).read_text(encoding="utf-8")
json_text = Path(govinfo.example_path(".json")).read_text(encoding="utf-8")
assert govinfo.parse_text(text) == govinfo.from_json(json_text)
calls = int(sys.argv[1])
def per_call(function, argument):
    start = time.perf_counter()
    for _ in range(calls):
        function(argument)
    return (time.perf_counter() - start) / calls
for _ in range(3):
    per_call(govinfo.parse_text, text)
    per_call(govinfo.from_json, json_text)
print("ready", flush=True)
for line in sys.stdin:
    timings = {"parse_text": per_call(govinfo.parse_text, text),
               "from_json": per_call(govinfo.from_json, json_text)}
    print(json.dumps(timings), flush=True)
"""


def _export(ref: str, into: Path) -> Path:
    archive = subprocess.run(
        ["git", "-C", str(ROOT), "archive", ref, "src"], check=True, capture_output=True
    ).stdout
    with tarfile.open(fileobj=__import__("io").BytesIO(archive)) as tar:
        tar.extractall(into, filter="data")
    return into / "src"


def _worker(src: Path) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": str(src)}
    process = subprocess.Popen(
        [sys.executable, "-c", WORKER, str(CALLS)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env=env,
        cwd=src,
    )
    assert process.stdout is not None
    assert process.stdout.readline().strip() == "ready"
    return process


def _round(process: subprocess.Popen[str]) -> dict[str, float]:
    assert process.stdin is not None
    assert process.stdout is not None
    process.stdin.write("round\n")
    process.stdin.flush()
    result: dict[str, float] = json.loads(process.stdout.readline())
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--before", default=BEFORE, help=f"git ref to compare (default {BEFORE})")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as temp:
        workers = {
            "before": _worker(_export(args.before, Path(temp))),
            "after": _worker(ROOT / "src"),
        }
        timings: dict[str, list[dict[str, float]]] = {name: [] for name in workers}
        try:
            for _ in range(ROUNDS):
                for name, process in workers.items():
                    timings[name].append(_round(process))
        finally:
            for process in workers.values():
                assert process.stdin is not None
                process.stdin.close()
                process.wait()
    medians = {
        name: {f: statistics.median(r[f] for r in rounds) for f in ("parse_text", "from_json")}
        for name, rounds in timings.items()
    }
    print(f"python {sys.version.split()[0]}; {ROUNDS} rounds of {CALLS} calls, alternating")
    for name, m in medians.items():
        ratio = m["parse_text"] / m["from_json"]
        print(
            f"{name:6} parse_text {m['parse_text'] * 1e3:.3f} ms, "
            f"from_json {m['from_json'] * 1e3:.3f} ms, ratio {ratio:.2f}"
        )
    change = medians["after"]["parse_text"] / medians["before"]["parse_text"]
    print(f"parse_text after / before = {change:.2f} (target ≤ 1)")


if __name__ == "__main__":
    main()
