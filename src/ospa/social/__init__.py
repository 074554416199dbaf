"""ospa.social: a social intranet for Plone."""

from pathlib import Path
from zope.i18nmessageid import MessageFactory
import logging


PACKAGE_NAME = "ospa.social"
PROFILE_ID = "profile-ospa.social:default"
__version__ = (Path(__file__).parent / "version.txt").read_text().strip()

_ = MessageFactory(PACKAGE_NAME)

logger = logging.getLogger(PACKAGE_NAME)
