"""Run the fuzz campaign of tests/test_fuzz.py on two cores and print its totals.

Run it from the repository root::

    python benchmarks/fuzz_campaign.py [--examples 10000] [--out fuzz-campaign]

Two pytest processes, each on one half of the tests (the halves take about as long), under
``HYPOTHESIS_PROFILE=fuzz`` with ``GOVINFO_FUZZ_EXAMPLES`` (a test worth 100 cases in the
default profile runs that many), ``GOVINFO_FUZZ_KEEP_GOING=1`` (a failure is recorded with its
shortest input, and the campaign goes on) and a ``GOVINFO_FUZZ_REPORT`` each. The two reports
are merged into ``OUT/totals.json`` and printed as the Markdown table of docs/reliability.md.
Exits 1 if any case broke a promise. Not a test.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from govinfo import errors  # noqa: E402

GROUPS = {
    "readers": (
        "test_parse_text or test_read_text or test_read_bytes or test_from_json"
        " or test_read_html or test_read_pdf or test_read_flat"
    ),
    "helpers": "test_helpers or test_read_all or test_read_json or test_read_docx",
}


def merge(parts: list[dict[str, Any]]) -> dict[str, Any]:
    """One campaign's totals from the reports of its processes."""
    cases: Counter[str] = Counter()
    failures: Counter[str] = Counter()
    notes: Counter[str] = Counter()
    outcomes: dict[str, Counter[str]] = {}
    slowest: dict[str, float] = {}
    failed: dict[str, dict[str, Any]] = {}
    for part in parts:
        cases.update(part["cases_by_entry"])
        failures.update(part["invariant_failures"])
        notes.update(part["notes"])
        for entry, counts in part["outcomes_by_entry"].items():
            outcomes.setdefault(entry, Counter()).update(counts)
        for entry, seconds in part["slowest_case_seconds"].items():
            slowest[entry] = max(seconds, slowest.get(entry, 0.0))
        for signature, seen in part["failed"].items():
            before = failed.get(signature)
            if before is None or len(seen["case"]) < len(before["case"]):
                failed[signature] = {
                    **seen,
                    "count": seen["count"] + (before or {"count": 0})["count"],
                }
            else:
                before["count"] += seen["count"]
    by_type: Counter[str] = Counter()
    for counts in outcomes.values():
        by_type.update(counts)
    return {
        "cases": sum(cases.values()),
        "seconds_per_process": [part["seconds"] for part in parts],
        "cases_by_entry": dict(sorted(cases.items())),
        "outcomes_by_entry": {k: dict(v.most_common()) for k, v in sorted(outcomes.items())},
        "exceptions_by_type": dict(by_type.most_common()),
        "invariant_failures": dict(sorted(failures.items())),
        "slowest_case_seconds": dict(sorted(slowest.items())),
        "failed": failed,
        "notes": dict(sorted(notes.items())),
    }


def _is_domain_error(name: str) -> bool:
    kind = getattr(errors, name, None)
    return isinstance(kind, type) and issubclass(kind, errors.GovInfoError)


def table(totals: dict[str, Any]) -> str:
    """The totals as a Markdown table, an entry point a row."""
    lines = [
        "| entry point | cases | answered | GovInfoError (by kind) | other exceptions | "
        "broken invariants | slowest case |",
        "|---|---:|---:|---|---:|---:|---:|",
    ]
    for entry, count in totals["cases_by_entry"].items():
        outcomes = dict(totals["outcomes_by_entry"].get(entry, {}))
        answered = outcomes.pop("ok", 0)
        domain = {k: v for k, v in outcomes.items() if _is_domain_error(k)}
        other = sum(v for k, v in outcomes.items() if k not in domain)
        shown = ", ".join(f"{k} {v:,}" for k, v in domain.items()) or "—"
        lines.append(
            f"| `{entry}` | {count:,} | {answered:,} | {shown} | {other:,} | "
            f"{totals['invariant_failures'].get(entry, 0):,} | "
            f"{totals['slowest_case_seconds'].get(entry, 0.0):.2f} s |"
        )
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--examples", type=int, default=10_000)
    parser.add_argument("--out", type=Path, default=ROOT / "fuzz-campaign")
    arguments = parser.parse_args()
    arguments.out.mkdir(parents=True, exist_ok=True)
    started = time.monotonic()
    # The campaign runs on a copy of the tree: Hypothesis reads the strategies' source while
    # it runs, so editing the checkout during a long campaign would break it.
    snapshot = Path(tempfile.mkdtemp(prefix="govinfo-fuzz-"))
    for part in ("src", "tests"):
        shutil.copytree(ROOT / part, snapshot / part, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy2(ROOT / "pyproject.toml", snapshot / "pyproject.toml")
    processes = []
    for name, selection in GROUPS.items():
        env = {
            **os.environ,
            "PYTHONPATH": str(snapshot / "src"),
            "HYPOTHESIS_PROFILE": "fuzz",
            "GOVINFO_FUZZ_EXAMPLES": str(arguments.examples),
            "GOVINFO_FUZZ_KEEP_GOING": "1",
            "GOVINFO_FUZZ_REPORT": str(arguments.out / f"{name}.json"),
        }
        command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider"]
        command += ["tests/test_fuzz.py", "-k", selection]
        log = (arguments.out / f"{name}.log").open("w")
        processes.append(subprocess.Popen(command, cwd=snapshot, env=env, stdout=log, stderr=log))
    codes = [process.wait() for process in processes]
    shutil.rmtree(snapshot, ignore_errors=True)
    parts = [json.loads((arguments.out / f"{name}.json").read_text()) for name in GROUPS]
    totals = merge(parts)
    totals["wall_seconds"] = round(time.monotonic() - started, 1)
    totals["examples"] = arguments.examples
    (arguments.out / "totals.json").write_text(
        json.dumps(totals, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
    print(table(totals))
    print(
        f"\n{totals['cases']:,} cases in {totals['wall_seconds']:,} s "
        f"(processes: {', '.join(f'{s:,} s' for s in totals['seconds_per_process'])})"
    )
    for signature, seen in totals["failed"].items():
        print(f"\n{signature} ({seen['count']} cases)\n  {seen['error']}\n  {seen['case']}")
    return 1 if any(codes) or totals["failed"] else 0


if __name__ == "__main__":
    sys.exit(main())
