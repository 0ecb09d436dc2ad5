"""Legacy Word files (.doc, Word 97-2003): converted to .docx by LibreOffice, then read as one.

The binary format is not read here: its tables, merges and revisions are what LibreOffice's
import filter has spent decades on, and a .doc converted by it reads as the .docx Word itself
would save (the text-only extractors lose the tables' spans, so they are not used). The
conversion runs ``soffice`` from the PATH, headless, in a temporary folder with a profile of
its own (a user's running LibreOffice, or another conversion, would otherwise take the
file), within :data:`TIMEOUT` seconds; on time-out the whole process group is stopped.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Final

from govinfo.errors import ReadError, UnsupportedInput
from govinfo.formats import _docx
from govinfo.formats._document import CellDocument

__all__ = ["COMMAND", "CONVERTED", "TIMEOUT", "document"]

COMMAND: Final = "soffice"
"""LibreOffice's command."""
TIMEOUT: Final = 120.0
"""The most seconds a conversion may take; a report's takes a few."""
CONVERTED: Final = "converted to .docx by LibreOffice (soffice --headless --convert-to docx)"
"""How a .doc was read, for :attr:`~govinfo.formats.InputInfo.reason`."""


def document(data: bytes) -> CellDocument:
    """The document of a .doc file's bytes, through LibreOffice. Raises
    :class:`~govinfo.errors.UnsupportedInput` when LibreOffice is not installed, and
    :class:`ReadError` when it cannot convert the file in time."""
    command = shutil.which(COMMAND)
    if command is None:
        raise UnsupportedInput(
            f"reading legacy Word files (.doc) needs LibreOffice ({COMMAND} on the PATH): "
            f"install it, or convert the file with {COMMAND} --headless --convert-to docx FILE "
            "and read the .docx"
        )
    doc = _docx.document(_convert(command, data))
    doc.reading = CONVERTED
    return doc


def _convert(command: str, data: bytes) -> bytes:
    """The .docx that LibreOffice makes of ``data``."""
    with tempfile.TemporaryDirectory(prefix="govinfo-doc-") as folder:
        here = Path(folder)
        source = here / "input.doc"
        source.write_bytes(data)
        arguments = [
            command,
            f"-env:UserInstallation={(here / 'profile').as_uri()}",
            "--headless",
            "--convert-to",
            "docx",
            "--outdir",
            str(here),
            str(source),
        ]
        try:
            process = subprocess.Popen(
                arguments,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                start_new_session=True,  # its own process group, to stop it whole
            )
        except OSError as error:
            raise ReadError(f"could not run LibreOffice ({command}): {error}") from None
        try:
            out, err = process.communicate(timeout=TIMEOUT)
        except subprocess.TimeoutExpired:
            _stop(process)
            raise ReadError(
                f"LibreOffice did not convert the .doc file to .docx within {TIMEOUT:g} "
                "seconds: stopped"
            ) from None
        converted = here / "input.docx"
        if process.returncode != 0 or not converted.is_file():
            said = (err or out).decode("utf-8", errors="replace").strip()[-300:]
            raise ReadError(
                f"LibreOffice could not convert the .doc file to .docx (exit status "
                f"{process.returncode}{'; it said: ' + said if said else ''})"
            )
        return converted.read_bytes()


def _stop(process: subprocess.Popen[bytes]) -> None:
    """Stop ``process`` and whatever it started (LibreOffice runs a second process)."""
    if sys.platform == "win32":
        process.kill()
    else:
        with contextlib.suppress(ProcessLookupError):  # it ended just now
            os.killpg(process.pid, signal.SIGKILL)
    process.communicate()
