"""Create (or reuse) the demo Plone site. Run it through Zope's console:

    zconsole run instance/etc/zope.conf scripts/create_site.py

``zconsole`` binds ``app``, the Zope application root. The site ``Plone``
is created with the Classic UI distribution, ospa.social and the demo
profile. When the site exists it is reused: ospa.social is installed if it
is missing and pending upgrade steps run; nothing is created twice.

Environment: ``SITE_ID`` (Plone), ``ADMIN_USER`` / ``ADMIN_PASSWORD``
(admin / admin), ``SITE_LANGUAGE`` (de), ``SITE_DEMO`` (1; 0 creates the
site without demo content, as the multi-instance tests do).
"""

from AccessControl.SecurityManagement import newSecurityManager
from plone.base.utils import get_installer
from zope.component.hooks import setSite
import logging
import os
import sys
import transaction


SITE_ID = os.environ.get("SITE_ID", "Plone")
ADMIN_USER = os.environ.get("ADMIN_USER", "admin")
ADMIN_PASSWORD = os.environ.get("ADMIN_PASSWORD", "admin")
DEMO = os.environ.get("SITE_DEMO", "1") != "0"
ANSWERS = {
    "site_id": SITE_ID,
    "title": "Intranet",
    "description": "Social intranet built with ospa.social",
    "default_language": os.environ.get("SITE_LANGUAGE", "de"),
    "portal_timezone": "Europe/Berlin",
    "setup_content": False,
}


def say(message: str) -> None:
    """Print one progress line right away."""
    print(message, flush=True)


def ensure_admin(app) -> None:
    """Create the Zope-level admin (a Manager) unless it exists."""
    users = app.acl_users
    if users.getUserById(ADMIN_USER) is None:
        users.userFolderAddUser(ADMIN_USER, ADMIN_PASSWORD, ["Manager"], [])
        transaction.commit()
        say(f"    admin user '{ADMIN_USER}' created")
    newSecurityManager(None, users.getUserById(ADMIN_USER).__of__(users))


def quiet_logging() -> None:
    """Keep Plone's set-up chatter out; print ospa.social's progress lines."""
    logging.getLogger().setLevel(logging.ERROR)
    handler = logging.StreamHandler(sys.stdout)
    handler.setFormatter(logging.Formatter("    %(message)s"))
    ours = logging.getLogger("ospa.social")
    ours.addHandler(handler)
    ours.setLevel(logging.INFO)
    ours.propagate = False


def create_site(app):
    """Create the site with the Classic UI distribution, ospa.social and demo."""
    from plone.distribution.api import site as site_api

    say(f"    creating site '{SITE_ID}' (Classic UI distribution)")
    site = site_api.create(app, "classic", ANSWERS)
    setSite(site)
    say("    installing ospa.social")
    get_installer(site).install_product("ospa.social")
    if DEMO:
        say("    building the demo intranet")
        site.portal_setup.runAllImportStepsFromProfile("profile-ospa.social:demo")
    transaction.commit()
    return site


def update_site(site) -> None:
    """Install ospa.social if needed and run its pending upgrade steps."""
    setSite(site)
    installer = get_installer(site)
    if not installer.is_product_installed("ospa.social"):
        say("    installing ospa.social")
        installer.install_product("ospa.social")
    elif installer.upgrade_info("ospa.social").get("required"):
        say("    upgrading ospa.social")
        installer.upgrade_product("ospa.social")
        # New features bring new demo content; the demo adds only what is
        # missing, by id.
        if DEMO:
            say("    adding the demo content of the new features")
            site.portal_setup.runAllImportStepsFromProfile("profile-ospa.social:demo")
    transaction.commit()


def main(app) -> None:
    """Create or reuse the site."""
    quiet_logging()
    ensure_admin(app)
    if SITE_ID in app.objectIds():
        say(f"    site '{SITE_ID}' exists: reusing it and its data")
        update_site(app[SITE_ID])
    else:
        create_site(app)
    say(f"    ready: /{SITE_ID} (login {ADMIN_USER} / {ADMIN_PASSWORD})")


main(app)  # noqa: F821 - bound by zconsole
# Close the database cleanly, so the next start does not rebuild its index.
app._p_jar.db().close()  # noqa: F821
