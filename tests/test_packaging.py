"""How govinfo is installed and imported: its distribution name, declared once; the extras
named in messages; what ``import govinfo`` costs; the bounds of its dependencies."""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

import govinfo
from govinfo import _distribution
from govinfo.cli import main

ROOT = Path(__file__).resolve().parent.parent
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def _python(code: str) -> subprocess.CompletedProcess[str]:
    """``code`` run by a fresh interpreter that imports the govinfo under test."""
    tree = str(Path(govinfo.__file__).resolve().parent.parent)
    return subprocess.run(
        [sys.executable, "-c", f"import sys; sys.path.insert(0, {tree!r}); {code}"],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )


def test_the_distribution_is_named_once_and_not_govinfo() -> None:
    # "govinfo" on the package index is another project, with an import package of that name.
    assert PYPROJECT["project"]["name"] == _distribution.NAME != "govinfo"
    extras = PYPROJECT["project"]["optional-dependencies"]
    assert all(_distribution.NAME in r for r in extras["dev"] if r.startswith("govinfo"))


def test_version_names_this_distribution(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stopped:
        main(["--version"])
    assert stopped.value.code == 0
    assert capsys.readouterr().out == f"govinfo {_distribution.version()} (govinfo-cn)\n"


def test_the_pdf_message_names_the_extra_by_the_distribution() -> None:
    # Without the extra (pdfplumber blocked, as in a venv of the core alone): the error names
    # the extra by the distribution's name.
    blocked = "sys.modules['pdfplumber'] = None; import govinfo; govinfo.read(b'%PDF-1.7\\n')"
    result = _python(blocked)
    assert result.returncode == 1
    assert result.stderr.splitlines()[-1] == (
        "govinfo.errors.UnsupportedInput: reading PDF needs pdfplumber, which the core of "
        "govinfo does not install: pip install 'govinfo-cn[pdf]'"
    )
    assert re.search(r"\bpdfplumber\b", result.stderr)


def test_strategies_without_hypothesis_say_which_extra_brings_it() -> None:
    blocked = "sys.modules['hypothesis'] = None; import govinfo.strategies"
    result = _python(blocked)
    assert result.returncode == 1
    assert result.stderr.splitlines()[-1] == (
        "ModuleNotFoundError: govinfo.strategies needs hypothesis, which the core of govinfo "
        "does not install: pip install 'govinfo-cn[strategies]'"
    )


def test_import_govinfo_leaves_babel_and_the_optional_extras_unloaded() -> None:
    heavy = ("babel", "hypothesis", "pyarrow", "pandas", "dask", "distributed")
    result = _python(
        "import govinfo, govinfo.tidy, govinfo.cli, govinfo.batch; "
        f"print(sorted(m for m in sys.modules if m.split('.')[0] in {heavy!r}))"
    )
    assert result.stdout == "[]\n", result.stderr


def test_babel_is_loaded_when_a_locale_style_needs_it() -> None:
    result = _python(
        "import datetime; from govinfo.zh.dates import format_date; "
        "format_date(datetime.date(2022, 1, 18), style='official'); "
        "print('babel' in sys.modules); "
        "format_date(datetime.date(2022, 1, 18), style='full'); print('babel' in sys.modules)"
    )
    assert result.stdout == "False\nTrue\n", result.stderr


def test_the_cn2an_bound_is_a_version_the_differential_tests_pass_with() -> None:
    # cn2an 0.5.22 and 0.5.23 read some numerals differently: 4 tests of
    # tests/test_cn2an_differential.py fail with them.
    (bound,) = [r for r in PYPROJECT["project"]["optional-dependencies"]["test"] if "cn2an" in r]
    assert bound == "cn2an>=0.5.24"


API_PAGE = ROOT / "docs" / "api.md"


def _documented_modules() -> list[str]:
    """The modules the API reference renders (its ``::: module`` lines)."""
    return re.findall(r"^::: ([\w.]+)$", API_PAGE.read_text(encoding="utf-8"), re.M)


def _undocumented(module_name: str) -> list[str]:
    """The public names defined in ``module_name`` (its ``__all__``) without a docstring: a
    function's or a class's own, or for a constant the string right after its assignment (as
    the API reference reads it)."""
    import ast
    import importlib.util

    # Read, not imported: govinfo.strategies cannot be imported without its extra.
    spec = importlib.util.find_spec(module_name)
    assert spec is not None, module_name
    assert spec.origin is not None, module_name
    tree = ast.parse(Path(spec.origin).read_text(encoding="utf-8"))
    documented: set[str] = set()
    defined: set[str] = set()
    body = tree.body
    for i, node in enumerate(body):
        names: list[str] = []
        if isinstance(node, ast.FunctionDef | ast.ClassDef):
            names = [node.name]
            if ast.get_docstring(node):
                documented.add(node.name)
        elif isinstance(node, ast.Assign | ast.AnnAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            names = [t.id for t in targets if isinstance(t, ast.Name)]
            after = body[i + 1] if i + 1 < len(body) else None
            if (
                isinstance(after, ast.Expr)
                and isinstance(after.value, ast.Constant)
                and isinstance(after.value.value, str)
            ):
                documented.update(names)
        defined.update(names)
    public = next(
        ast.literal_eval(node.value)
        for node in body
        if isinstance(node, ast.Assign)
        and any(isinstance(t, ast.Name) and t.id == "__all__" for t in node.targets)
    )
    return [f"{module_name}.{n}" for n in public if n in defined and n not in documented]


def test_the_api_reference_covers_the_public_modules() -> None:
    assert {"govinfo", "govinfo.tidy", "govinfo.model", "govinfo.errors"} <= set(
        _documented_modules()
    )


def test_every_public_name_has_a_docstring() -> None:
    missing = [name for module in _documented_modules() for name in _undocumented(module)]
    assert missing == []


def test_the_readme_links_absolutely_to_files_that_exist() -> None:
    # The README is the package index's project page, where relative links break.
    home = PYPROJECT["project"]["urls"]["Homepage"]
    links = re.findall(r"\]\(([^)]+)\)", (ROOT / "README.md").read_text(encoding="utf-8"))
    assert links
    for link in links:
        assert link.startswith(f"{home}/blob/main/"), link
        assert (ROOT / link.removeprefix(f"{home}/blob/main/")).is_file(), link


def test_the_readme_says_how_to_install_by_the_distribution_name() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert f"python3 -m pip install {_distribution.NAME}" in readme
    assert f"'{_distribution.extra('parquet')}'" in readme
