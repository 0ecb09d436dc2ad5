"""Every session in docs/cli.md is real: run its commands, compare the output shown.

A ``console`` block is a shell session: lines starting with ``$ `` are commands, the lines
after one are its output (stdout and stderr together). A block after the comment
``<!-- requires: MODULE -->`` runs only when that module exists. The blocks of the page share
one folder, prepared as the page says.
"""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import govinfo
from govinfo import _samples
from test_cli import GOVINFO

PAGE = Path(__file__).parent.parent / "docs" / "cli.md"
_BLOCK = re.compile(
    r"(?:<!-- requires: (?P<requires>[\w.]+) -->\n)?```console\n(?P<body>.*?)```", re.S
)


def sessions() -> list[tuple[str | None, list[tuple[str, str]]]]:
    """Each block: the module it requires, and its (command, expected output) pairs."""
    blocks = []
    for match in _BLOCK.finditer(PAGE.read_text("utf-8")):
        pairs: list[tuple[str, list[str]]] = []
        for line in match["body"].splitlines():
            if line.startswith("$ "):
                pairs.append((line[2:], []))
            else:
                pairs[-1][1].append(line)
        blocks.append(
            (match["requires"], [(c, "".join(f"{o}\n" for o in out)) for c, out in pairs])
        )
    return blocks


def _prepare(folder: Path) -> dict[str, str]:
    shutil.copy(govinfo.example_path(".txt"), folder / "lucheng.txt")
    shutil.copy(govinfo.example_path(".json"), folder / "lucheng.json")
    reports = folder / "reports"
    reports.mkdir()
    a, b = _samples.variants(2, seed=2022)
    (reports / "a.json").write_text(_samples.render(a, ".json"), encoding="utf-8")
    (reports / "b.json").write_text(_samples.render(b, ".json"), encoding="gbk")
    (reports / "broken.txt").write_bytes(b"PK\x03\x04\x14\x00\x06\x00")  # a .docx by mistake
    bin_dir = folder.parent / "bin"
    bin_dir.mkdir()
    shim = bin_dir / "govinfo"
    shim.write_text("#!/bin/sh\nexec " + " ".join(f"'{part}'" for part in GOVINFO) + ' "$@"\n')
    shim.chmod(0o755)
    (bin_dir / "python3").symlink_to(sys.executable)
    env = {**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}", "LC_ALL": "C.UTF-8"}
    if env.get("PYTHONPATH"):  # the sessions run in another folder: PYTHONPATH=src must still hold
        paths = env["PYTHONPATH"].split(os.pathsep)
        env["PYTHONPATH"] = os.pathsep.join(str(Path(p).resolve()) for p in paths if p)
    return env


def test_the_page_has_a_session_per_command() -> None:
    commands = {
        c.split()[1] for _, pairs in sessions() for c, _ in pairs if c.startswith("govinfo")
    }
    assert commands >= {"parse", "render", "check", "convert", "schema", "demo"}


def test_every_session_runs_as_shown(tmp_path: Path) -> None:
    folder = tmp_path / "work"
    folder.mkdir()
    env = _prepare(folder)
    ran = 0
    for requires, pairs in sessions():
        if requires and importlib.util.find_spec(requires) is None:
            continue
        marker = "@@govinfo-docs@@"
        script = "".join(f"echo {marker}\n{command}\n" for command, _ in pairs)
        result = subprocess.run(
            ["bash", "-c", script],
            cwd=folder,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            check=False,
            timeout=120,
        )
        outputs = result.stdout.split(f"{marker}\n")[1:]
        assert len(outputs) == len(pairs), result.stdout
        for (command, expected), output in zip(pairs, outputs, strict=True):
            assert (command, output) == (command, expected)
        ran += 1
    assert ran >= 3
