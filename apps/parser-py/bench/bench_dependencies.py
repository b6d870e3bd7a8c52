"""The peers' packages live in the `bench` extra of apps/parser-py/pyproject.toml, outside the runtime
image. The benchmark installs them into the running interpreter's environment (.venv) on first use,
or, with --no-install, stops with the command that would. The ocrmypdf peer and the RapidOCR engine
each get a virtual environment of their own in bench/ (made the same way): ocrmypdf pins a
pdfminer.six and a pikepdf of its own, RapidOCR brings onnxruntime and opencv."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
import tomllib
from pathlib import Path

PYPROJECT = Path(__file__).resolve().parents[1] / "pyproject.toml"
# The module each peer imports, to tell whether the extra is installed.
PEER_MODULES = {"camelot": "camelot"}
HERE = Path(__file__).resolve().parent
# Reader -> (its virtual environment's folder in bench/, what pip installs there). ocrmypdf 17
# rasterises with pypdfium2 and writes plain PDF without Ghostscript (bench/ocrmypdf_peer.py); RapidOCR
# 3.10 carries its models in the wheel, onnxruntime runs them (bench/rapidocr_engine.py).
OWN_ENVIRONMENTS = {
    "ocrmypdf": (".venv-ocrmypdf", ("ocrmypdf>=17,<18",)),
    "rapidocr": (".venv-rapidocr", ("rapidocr==3.10.0", "onnxruntime>=1.17,<2")),
}


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


def environment(reader: str) -> Path:
    """The folder of the reader's own virtual environment."""
    return HERE / OWN_ENVIRONMENTS[reader][0]


def ensure_own_environments(readers: list[str], install: bool) -> None:
    """The virtual environment of each reader that has its own (OWN_ENVIRONMENTS), made on first use."""
    for reader in readers:
        if reader not in OWN_ENVIRONMENTS:
            continue
        venv, requirements = environment(reader), OWN_ENVIRONMENTS[reader][1]
        if (venv / "bin" / "python").exists():
            continue
        commands = [
            [sys.executable, "-m", "venv", str(venv)],
            [
                str(venv / "bin" / "python"),
                "-m",
                "pip",
                "install",
                "--disable-pip-version-check",
                *requirements,
            ],
        ]
        if not install:
            shown = "\n".join("  " + " ".join(repr(p) if "=" in p else p for p in c) for c in commands)
            raise SystemExit(
                f"the {reader} reader needs its own virtual environment: run\n{shown}\n"
                f"or drop it with --readers parser,baseline"
            )
        print(f"installing the {reader} reader into {venv}: {' '.join(requirements)}", file=sys.stderr)
        subprocess.run(commands[0], check=True)
        subprocess.run([*commands[1], "--quiet"], check=True)
