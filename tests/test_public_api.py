"""The public Python surface is small, typed and pinned: changing it must be a deliberate edit here."""

from __future__ import annotations

import importlib.metadata
import inspect
import subprocess
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import eventcoder

ROOT = Path(__file__).resolve().parents[1]

# The exact public names of `import eventcoder`. Adding or removing one is an API change: update this
# list, README.md's "Python API" section and the package docstring together.
PUBLIC = ["__version__", "Document", "Event", "extract", "pipe", "to_document"]

# Functions of public modules that README.md documents (`from eventcoder.frames import ...`).
DOCUMENTED_FUNCTIONS = [
    ("eventcoder.frames", "to_arrow"),
    ("eventcoder.frames", "to_pandas"),
    ("eventcoder.frames", "to_polars"),
]


def test_all_is_pinned() -> None:
    assert eventcoder.__all__ == PUBLIC, (
        "eventcoder.__all__ changed: if deliberate, update PUBLIC in tests/test_public_api.py and the README"
    )
    assert len(set(eventcoder.__all__)) == len(eventcoder.__all__)


def test_star_import_gives_exactly_all() -> None:
    namespace: dict[str, Any] = {}
    exec("from eventcoder import *", namespace)
    assert sorted(k for k in namespace if k != "__builtins__") == sorted(PUBLIC)


@pytest.mark.parametrize("name", [n for n in PUBLIC if n != "__version__"])
def test_public_name_is_documented(name: str) -> None:
    obj = getattr(eventcoder, name)
    doc = inspect.getdoc(obj) or ""
    assert doc.strip(), f"eventcoder.{name} has no docstring"
    assert doc != inspect.getdoc(type(obj)), f"eventcoder.{name} only inherits its type's docstring"
    assert getattr(obj, "__module__", "").startswith("eventcoder"), f"eventcoder.{name} is not ours"


def _public_callables() -> list[tuple[str, Callable[..., Any]]]:
    found: list[tuple[str, Callable[..., Any]]] = []
    for name in PUBLIC:
        obj = getattr(eventcoder, name)
        if inspect.isfunction(obj):
            found.append((f"eventcoder.{name}", obj))
    for module_name, name in DOCUMENTED_FUNCTIONS:
        module = __import__(module_name, fromlist=[name])
        found.append((f"{module_name}.{name}", getattr(module, name)))
    return found


@pytest.mark.parametrize("qualname,func", _public_callables(), ids=[q for q, _ in _public_callables()])
def test_public_functions_are_typed_and_documented(qualname: str, func: Callable[..., Any]) -> None:
    assert (inspect.getdoc(func) or "").strip(), f"{qualname} has no docstring"
    sig = inspect.signature(func)
    untyped = [
        p.name
        for p in sig.parameters.values()
        if p.annotation is inspect.Parameter.empty and p.kind not in (p.VAR_POSITIONAL, p.VAR_KEYWORD)
    ]
    assert not untyped, f"{qualname}: parameters without a type hint: {untyped}"
    assert sig.return_annotation is not inspect.Signature.empty, f"{qualname} has no return type hint"


def test_version_matches_the_package_metadata() -> None:
    with (ROOT / "pyproject.toml").open("rb") as fh:
        project = tomllib.load(fh)["project"]
    assert eventcoder.__version__ == project["version"]
    assert importlib.metadata.version("eventcoder") == project["version"], (
        "installed metadata is stale: reinstall with `python -m pip install -e .`"
    )


def test_py_typed_is_shipped() -> None:
    marker = ROOT / "eventcoder" / "py.typed"
    assert marker.is_file(), "eventcoder/py.typed is missing (PEP 561 marker)"
    with (ROOT / "pyproject.toml").open("rb") as fh:
        package_data = tomllib.load(fh)["tool"]["setuptools"]["package-data"]
    assert "py.typed" in package_data.get("eventcoder", []), "pyproject package-data must include py.typed"
    tracked = subprocess.run(
        ["git", "ls-files", "--error-unmatch", "eventcoder/py.typed"],
        cwd=ROOT,
        capture_output=True,
        check=False,
    )
    if tracked.returncode == 128 and b"not a git repository" in tracked.stderr:
        return  # running from an unpacked sdist: the file's presence above is what counts
    assert tracked.returncode == 0, "eventcoder/py.typed is not tracked by git, so it would not be released"
