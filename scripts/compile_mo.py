"""Compile gettext catalogues: ``python scripts/compile_mo.py file.po ...``."""

from pathlib import Path
from pythongettext.msgfmt import Msgfmt
import sys


def compile_po(po: Path) -> Path:
    """Write ``po``'s compiled ``.mo`` beside it and return its path."""
    mo = po.with_suffix(".mo")
    with po.open("rb") as source:
        mo.write_bytes(Msgfmt(source, name=str(po)).get())
    return mo


if __name__ == "__main__":
    for name in sys.argv[1:]:
        print(f"    compiled {compile_po(Path(name))}")
