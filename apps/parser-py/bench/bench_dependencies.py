"""The peers' packages live in the `bench` extra of apps/parser-py/pyproject.toml, outside the runtime
image. The benchmark installs them into the running interpreter's environment (.venv) on first use,
or, with --no-install, stops with the command that would. ocrmypdf gets a virtual environment of its
own (bench/.venv-ocrmypdf, made the same way): it pins a pdfminer.six and a pikepdf of its own."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
import tomllib
from pathlib import Path

PYPROJECT = Path(__file__).resolve().parents[1] / "pyproject.toml"
# The module each peer imports, to tell whether the extra is installed.
PEER_MODULES = {"camelot": "camelot"}
# ocrmypdf 17 rasterises with pypdfium2 and writes plain PDF without Ghostscript (bench/ocrmypdf_peer.py).
OCRMYPDF_REQUIREMENT = "ocrmypdf>=17,<18"


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


def ensure_ocrmypdf(readers: list[str], install: bool) -> None:
    """bench/.venv-ocrmypdf with ocrmypdf in it, made on first use; tesseract is the system's, the
    parser's own (`tesseract --version` must answer)."""
    if "ocrmypdf" not in readers:
        return
    from ocrmypdf_peer import EXECUTABLE, VENV

    if EXECUTABLE.exists():
        return
    commands = [
        [sys.executable, "-m", "venv", str(VENV)],
        [
            str(VENV / "bin" / "python"),
            "-m",
            "pip",
            "install",
            "--disable-pip-version-check",
            OCRMYPDF_REQUIREMENT,
        ],
    ]
    if not install:
        shown = "\n".join(
            "  " + " ".join(repr(p) if ">" in p else p for p in command) for command in commands
        )
        raise SystemExit(
            f"the ocrmypdf peer needs its own virtual environment: run\n{shown}\n"
            f"or drop it with --readers parser,baseline"
        )
    print(f"installing the ocrmypdf peer into {VENV}: {OCRMYPDF_REQUIREMENT}", file=sys.stderr)
    subprocess.run(commands[0], check=True)
    subprocess.run([*commands[1], "--quiet"], check=True)
