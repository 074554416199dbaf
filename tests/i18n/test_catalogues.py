"""The translation catalogues of the domain ospa.social are complete."""

from babel.messages.pofile import read_po
from pathlib import Path
import gettext
import ospa.social
import subprocess
import sys


PACKAGE_DIR = Path(ospa.social.__file__).parent
LOCALES = PACKAGE_DIR / "locales"
POT = LOCALES / "ospa.social.pot"
I18NDUDE = Path(sys.executable).parent / "i18ndude"


def msgids(path: Path) -> set[str]:
    with path.open("rb") as handle:
        return {m.id for m in read_po(handle) if m.id}


def translations(lang: str) -> dict[str, str]:
    path = LOCALES / lang / "LC_MESSAGES" / "ospa.social.po"
    with path.open("rb") as handle:
        return {m.id: m.string for m in read_po(handle) if m.id}


def test_template_lists_every_message_of_the_sources(tmp_path):
    fresh = tmp_path / "fresh.pot"
    subprocess.run(
        [
            str(I18NDUDE),
            *("rebuild-pot", "--pot", str(fresh)),
            *("--create", "ospa.social", str(PACKAGE_DIR)),
        ],
        check=True,
        capture_output=True,
    )
    missing = msgids(fresh) - msgids(POT)
    assert not missing, f"run `make i18n`: {sorted(missing)}"
    assert msgids(fresh), "the sources should hold translatable messages"


def test_every_message_has_a_german_translation():
    german = translations("de")
    untranslated = sorted(m for m in msgids(POT) if not german.get(m))
    assert untranslated == []


def test_english_catalogue_lists_every_message():
    assert msgids(POT) <= set(translations("en"))


def test_compiled_german_catalogue_translates():
    mo = LOCALES / "de" / "LC_MESSAGES" / "ospa.social.mo"
    with mo.open("rb") as handle:
        catalogue = gettext.GNUTranslations(handle)
    assert catalogue.gettext("ospa.social: uninstall") == "ospa.social: deinstallieren"
