"""The ``govinfo`` command line.

Exit codes: 0 fine, 1 findings or failed inputs, 2 usage error.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

import govinfo

__all__ = ["main"]


def _demo(args: argparse.Namespace) -> int:
    """Parse the bundled reference report's text, as published, and print it as JSON."""
    with open(govinfo.example_path(".txt"), encoding="utf-8") as f:
        report = govinfo.parse_text(f.read())
    print(govinfo.to_json(report))
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="govinfo",
        description="政府信息公开工作年度报告 (open government information reports) as data.",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    demo = commands.add_parser(
        "demo", help="parse the bundled reference report's text and print it as JSON"
    )
    demo.set_defaults(run=_demo)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    status: int = args.run(args)
    return status


if __name__ == "__main__":
    sys.exit(main())
