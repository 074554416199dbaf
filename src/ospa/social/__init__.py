"""ospa.social: a social intranet for Plone."""

from pathlib import Path
from zope.i18nmessageid import MessageFactory
import logging


PACKAGE_NAME = "ospa.social"
PROFILE_ID = "profile-ospa.social:default"
__version__ = (Path(__file__).parent / "version.txt").read_text().strip()

_ = MessageFactory(PACKAGE_NAME)

logger = logging.getLogger(PACKAGE_NAME)


# Modules that held persistent classes before the one-folder-per-feature
# layout (1.0.0a6). Existing databases hold pickles that name them, and
# ZODB imports a pickle's module by name: each old name stays importable as
# the module that holds those classes now (the same module object, so the
# classes are identical and are written under their new names when saved).
MOVED_MODULES = {
    "ospa.social.storage": "ospa.social.core.storage",
    "ospa.social.pas": "ospa.social.employees.pas",
    "ospa.social.group_listings": "ospa.social.communities.group_listings",
    "ospa.social.content": None,  # the old package: only a parent now
    "ospa.social.content.community": "ospa.social.communities.content",
    "ospa.social.content.containers": "ospa.social.stream.containers",
    "ospa.social.content.post": "ospa.social.stream.content",
    "ospa.social.content.stream": "ospa.social.stream.folder",
    "ospa.social.content.idea": "ospa.social.ideas.content",
}


class _MovedModules:
    """An import hook (``sys.meta_path``) for the names in MOVED_MODULES."""

    def find_spec(self, name, path=None, target=None):
        if name not in MOVED_MODULES:
            return None
        import importlib.util

        return importlib.util.spec_from_loader(name, self, is_package=True)

    def create_module(self, spec):
        import importlib
        import types

        new = MOVED_MODULES[spec.name]
        if new is None:
            return types.ModuleType(spec.name)
        return importlib.import_module(new)

    def exec_module(self, module):
        pass


def _install_moved_modules():
    import sys

    if not any(isinstance(finder, _MovedModules) for finder in sys.meta_path):
        sys.meta_path.append(_MovedModules())


_install_moved_modules()
