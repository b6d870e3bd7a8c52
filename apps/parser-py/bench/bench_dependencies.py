"""The peers' packages live in the `bench` extra of apps/parser-py/pyproject.toml, outside the runtime
image. The benchmark installs them into the running interpreter's environment (.venv) on first use,
or, with --no-install, stops with the command that would."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
import tomllib
from pathlib import Path

PYPROJECT = Path(__file__).resolve().parents[1] / "pyproject.toml"
# The module each peer imports, to tell whether the extra is installed.
PEER_MODULES = {"camelot": "camelot"}


def bench_requirements() -> list[str]:
    project = tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))["project"]
    return list(project["optional-dependencies"]["bench"])


def ensure_peers(readers: list[str], install: bool) -> None:
    missing = [r for r in readers if r in PEER_MODULES and importlib.util.find_spec(PEER_MODULES[r]) is None]
    if not missing:
        return
    requirements = bench_requirements()
    command = [sys.executable, "-m", "pip", "install", "--disable-pip-version-check", *requirements]
    if not install:
        raise SystemExit(
            f"the {', '.join(missing)} peer needs the bench extra of apps/parser-py: run\n"
            f"  {' '.join(command[: -len(requirements)])} "
            f"{' '.join(repr(r) for r in requirements)}\n"
            f"or drop it with --readers parser,baseline"
        )
    print(f"installing the bench extra for {', '.join(missing)}: {' '.join(requirements)}", file=sys.stderr)
    subprocess.run([*command, "--quiet"], check=True)
    importlib.invalidate_caches()
