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
    """Print the bundled reference report as JSON."""
    print(govinfo.to_json(govinfo.load_example()))
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="govinfo",
        description="政府信息公开工作年度报告 (open government information reports) as data.",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    demo = commands.add_parser("demo", help="show the bundled reference report as JSON")
    demo.set_defaults(run=_demo)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    status: int = args.run(args)
    return status


if __name__ == "__main__":
    sys.exit(main())
