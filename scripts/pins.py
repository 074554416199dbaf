"""Keep buildout's ``versions.cfg`` equal to pip's ``constraints.txt``.

    python scripts/pins.py          # rewrite versions.cfg from constraints.txt

``constraints.txt`` is the source; ``tests/setup/test_pins.py`` uses
``read_constraints`` and ``read_versions`` to fail when the two disagree.
"""

from configparser import ConfigParser
from pathlib import Path
import re


ROOT = Path(__file__).resolve().parent.parent
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;#]+)")


def canonical(name: str) -> str:
    """Normalise a distribution name the way PEP 503 does."""
    return re.sub(r"[-_.]+", "-", name).lower()


def read_constraints(path: Path = ROOT / "constraints.txt") -> dict[str, str]:
    """Return ``{canonical name: version}`` of the pip constraints file."""
    pins = {}
    for line in path.read_text().splitlines():
        match = PIN.match(line.strip())
        if match:
            pins[canonical(match.group(1))] = match.group(2)
    return pins


def read_versions(path: Path = ROOT / "versions.cfg") -> dict[str, str]:
    """Return ``{canonical name: version}`` of buildout's ``[versions]``."""
    parser = ConfigParser(interpolation=None)
    parser.optionxform = str
    parser.read(path)
    return {canonical(k): v for k, v in parser.items("versions")}


def write_versions(path: Path = ROOT / "versions.cfg") -> None:
    """Rewrite ``versions.cfg`` from ``constraints.txt``, keeping its spelling."""
    lines = [
        "# Generated from constraints.txt by scripts/pins.py: edit that file.",
        "[versions]",
    ]
    for line in (ROOT / "constraints.txt").read_text().splitlines():
        match = PIN.match(line.strip())
        if match:
            lines.append(f"{match.group(1)} = {match.group(2)}")
    path.write_text("\n".join(lines) + "\n")


if __name__ == "__main__":
    write_versions()
    print(f"    versions.cfg: {len(read_versions())} pins")
