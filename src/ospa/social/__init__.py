"""ospa.social: a social intranet for Plone."""

import logging
from pathlib import Path
from zope.i18nmessageid import MessageFactory

PACKAGE_NAME = "ospa.social"
PROFILE_ID = "profile-ospa.social:default"
__version__ = (Path(__file__).parent / "version.txt").read_text().strip()

_ = MessageFactory(PACKAGE_NAME)

logger = logging.getLogger(PACKAGE_NAME)
