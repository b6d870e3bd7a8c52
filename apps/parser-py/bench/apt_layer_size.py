"""The size of the parser image's apt layer (the tesseract RUN of apps/parser-py/Dockerfile), measured
where no Docker engine runs: that RUN replayed in a Debian bookworm root made to look like the base
image, and the files it adds or changes summed, as a layer holds them.

    sudo python3 apps/parser-py/bench/apt_layer_size.py [--root DIR] [--keep]

Needs root, debootstrap (`apt-get install debootstrap`) and Debian's mirrors. About 3 minutes.

The base: `debootstrap --variant=minbase bookworm` (the packages of priority required, as
debian:bookworm-slim has), with what the official images add: the slim dpkg path excludes (no
manuals, documentation but copyright files, or translations), the docker-clean apt settings (no
.deb or package cache left behind), bookworm-updates and -security, and the packages python:3.11-slim
installs or keeps (ca-certificates, netbase, tzdata and the libraries its Python links to). Python
itself lives in /usr/local and shares no file with the layer, so it is left out. Then the Dockerfile's
apt-get line is run as written, the files it added or changed are listed (size and mtime compared;
hard links once), and their total, tar and gzip sizes printed with the packages apt added and the sum
of their Installed-Size.
"""

from __future__ import annotations

import argparse
import gzip
import os
import re
import shutil
import subprocess
import tarfile
import tempfile
from collections import Counter
from pathlib import Path

DOCKERFILE = Path(__file__).resolve().parents[1] / "Dockerfile"
MIRROR = "http://deb.debian.org/debian"
SOURCES = f"""deb {MIRROR} bookworm main
deb {MIRROR} bookworm-updates main
deb http://deb.debian.org/debian-security bookworm-security main
"""
# debuerreotype's slim images: /etc/dpkg/dpkg.cfg.d/docker.
SLIM_EXCLUDES = """path-exclude /usr/share/doc/*
path-include /usr/share/doc/*/copyright
path-exclude /usr/share/groff/*
path-exclude /usr/share/info/*
path-exclude /usr/share/linda/*
path-exclude /usr/share/lintian/overrides/*
path-exclude /usr/share/locale/*
path-exclude /usr/share/man/*
"""
_CLEAN = (
    '"rm -f /var/cache/apt/archives/*.deb /var/cache/apt/archives/partial/*.deb /var/cache/apt/*.bin || true"'
)
DOCKER_CLEAN = f"""DPkg::Post-Invoke {{ {_CLEAN}; }};
APT::Update::Post-Invoke {{ {_CLEAN}; }};
Dir::Cache::pkgcache "";
Dir::Cache::srcpkgcache "";
"""
# python:3.11-slim-bookworm: its runtime packages and the libraries its build links to, kept by its
# Dockerfile's `ldd | dpkg-query --search | apt-mark manual` step.
PYTHON_SLIM_PACKAGES = (
    "ca-certificates netbase tzdata libbz2-1.0 libcrypt1 libdb5.3 libexpat1 libffi8 libgdbm6 "
    "libgdbm-compat4 liblzma5 libncursesw6 libnsl2 libreadline8 libsqlite3-0 libssl3 libtinfo6 "
    "libtirpc3 libuuid1 zlib1g"
)


def apt_run_line() -> str:
    """The Dockerfile's RUN that calls apt-get, its continuation lines joined."""
    text = DOCKERFILE.read_text(encoding="utf-8").replace("\\\n", " ")
    found = re.search(r"^RUN (apt-get update .*)$", text, re.MULTILINE)
    if found is None:
        raise SystemExit(f"no `RUN apt-get update ...` in {DOCKERFILE}")
    return re.sub(r"\s+", " ", found.group(1))


def in_root(root: Path, command: str, capture: bool = False) -> str:
    done = subprocess.run(
        ["chroot", str(root), "/bin/sh", "-c", f"export DEBIAN_FRONTEND=noninteractive; {command}"],
        check=True,
        capture_output=capture,
        text=True,
    )
    return done.stdout if capture else ""


def snapshot(root: Path) -> dict[str, tuple[int, int, int]]:
    files: dict[str, tuple[int, int, int]] = {}
    for folder, dirs, names in os.walk(root):
        if Path(folder) == root:
            dirs[:] = [d for d in dirs if d not in ("proc", "sys", "dev")]
        links = [d for d in dirs if (Path(folder) / d).is_symlink()]
        for name in names + links:
            path = Path(folder) / name
            stat = path.lstat()
            files["/" + str(path.relative_to(root))] = (stat.st_size, stat.st_mtime_ns, stat.st_ino)
    return files


def installed_sizes(root: Path) -> dict[str, int]:
    rows = in_root(root, "dpkg-query -W -f='${Package}\\t${Installed-Size}\\n'", capture=True)
    return {name: int(size or 0) for name, size in (row.split("\t") for row in rows.splitlines())}


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--root", type=Path, help="the bookworm root to make (default: a temporary one)")
    parser.add_argument("--keep", action="store_true", help="keep the root afterwards")
    args = parser.parse_args()
    root = args.root or Path(tempfile.mkdtemp(prefix="bookworm-slim-"))
    line = apt_run_line()
    try:
        if not (root / "usr" / "bin" / "apt-get").exists():
            subprocess.run(
                ["debootstrap", "--variant=minbase", "bookworm", str(root), MIRROR],
                check=True,
                stdout=subprocess.DEVNULL,
            )
        (root / "etc/apt/sources.list").write_text(SOURCES)
        (root / "etc/dpkg/dpkg.cfg.d/docker").write_text(SLIM_EXCLUDES)
        (root / "etc/apt/apt.conf.d/docker-clean").write_text(DOCKER_CLEAN)
        (root / "etc/apt/apt.conf.d/docker-no-languages").write_text('Acquire::Languages "none";\n')
        in_root(
            root,
            "apt-get update -qq && apt-get upgrade -y -qq >/dev/null && apt-get install -y -qq "
            f"--no-install-recommends {PYTHON_SLIM_PACKAGES} >/dev/null && rm -rf /var/lib/apt/lists/*",
        )
        before, packages_before = snapshot(root), installed_sizes(root)
        print(f"RUN {line}")
        in_root(root, f"({line}) >/dev/null 2>&1")
        after, packages_after = snapshot(root), installed_sizes(root)
        added = {name: size for name, size in packages_after.items() if name not in packages_before}
        layer = sorted(path for path, value in after.items() if before.get(path, (-1, -1))[:2] != value[:2])
        inodes: set[int] = set()
        total, by_folder = 0, Counter[str]()
        for path in layer:
            size, _, inode = after[path]
            if inode not in inodes:
                inodes.add(inode)
                total += size
                by_folder["/".join(path.split("/")[:4])] += size
        with tempfile.TemporaryDirectory() as scratch:
            archive = Path(scratch) / "layer.tar"
            with tarfile.open(archive, "w") as tar:
                for path in layer:
                    tar.add(root / path.lstrip("/"), arcname=path.lstrip("/"), recursive=False)
            tar_bytes = archive.stat().st_size
            with archive.open("rb") as raw, gzip.open(Path(scratch) / "layer.tar.gz", "wb", 6) as packed:
                shutil.copyfileobj(raw, packed)
            gzip_bytes = (Path(scratch) / "layer.tar.gz").stat().st_size
        print(f"packages added: {len(added)}, Installed-Size sum {sum(added.values()) / 1024:.1f} MiB")
        print(" ".join(sorted(added)))
        print(f"files added or changed: {len(layer)}, {total / 1e6:.1f} MB ({total / 2**20:.1f} MiB)")
        print(f"as a layer: tar {tar_bytes / 1e6:.1f} MB, gzip {gzip_bytes / 1e6:.1f} MB")
        for folder, size in by_folder.most_common(6):
            print(f"  {size / 1e6:6.1f} MB {folder}")
    finally:
        if not args.keep and args.root is None:
            shutil.rmtree(root, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
