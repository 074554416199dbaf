"""File names of uploads, made safe to store, show and download.

The name of an upload is whatever the client sent: ``../../x.txt``, a
Windows path, control characters, a right-to-left override that shows
``exe.txt`` as ``txt.exe``, a leading dot that hides the file on download.
Post attachments and the files and images of ideas keep a cleaned name
(:func:`safe`): the last path segment, without control and formatting
(bidi, zero-width) characters, without leading dots, at most
:data:`MAX_LENGTH` characters with the extension kept; ``attachment``
when nothing is left.
"""

from Acquisition import aq_inner
from Acquisition import aq_parent
from ospa.social.interfaces import IIdea
import re
import unicodedata


FALLBACK = "attachment"
MAX_LENGTH = 120
MAX_EXTENSION = 16
# Control, format (bidi marks, zero-width), surrogate and line/paragraph
# separator characters: invisible or misleading in a name.
DROPPED = {"Cc", "Cf", "Cs", "Zl", "Zp"}
SPACES = re.compile(r"\s+")


def safe(name) -> str:
    """``name`` as a safe file name (see the module); never empty."""
    if not isinstance(name, str):
        return FALLBACK
    name = unicodedata.normalize("NFC", name)
    name = re.split(r"[/\\]", name)[-1]
    name = "".join(c for c in name if unicodedata.category(c) not in DROPPED)
    name = SPACES.sub(" ", name).strip().lstrip(".").strip()
    if not name:
        return FALLBACK
    if len(name) > MAX_LENGTH:
        stem, dot, extension = name.rpartition(".")
        if dot and stem and len(extension) < MAX_EXTENSION:
            keep = MAX_LENGTH - len(extension) - 1
            name = f"{stem[:keep].rstrip()}.{extension}"
        else:
            name = name[:MAX_LENGTH].rstrip()
    return name


def clean(value) -> None:
    """Give the named file ``value`` (if it is one) a safe file name."""
    filename = getattr(value, "filename", None)
    if filename is not None and safe(filename) != filename:
        value.filename = safe(filename)


def idea_file_changed(obj, event) -> None:
    """A file or image added to (or changed in) an idea keeps a safe name:
    they come through plone.restapi's and Plone's own forms, with the name
    the upload gave."""
    if not IIdea.providedBy(aq_parent(aq_inner(obj))):
        return
    for name in ("file", "image"):
        clean(getattr(obj, name, None))
