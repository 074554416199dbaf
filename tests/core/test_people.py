"""How people are shown: names are kept in Zope's RAM cache, keyed by a
version in the ZODB, so a change shows at once on every instance."""

from Acquisition import aq_base
from ospa.social.core import users
from ospa.social.testing import create_people
from plone import api
from zope.annotation.interfaces import IAnnotations
import pytest


@pytest.fixture
def anke(portal):
    create_people(portal, {"anke": ("Anke Kruse", ["Member"])})
    return api.user.get(userid="anke")


def test_a_summary_is_kept_and_a_name_change_shows_at_once(anke, monkeypatch):
    assert users.summary("anke")["fullname"] == "Anke Kruse"
    calls = []
    membership = aq_base(api.portal.get_tool("portal_membership"))
    original = type(membership).getMemberInfo
    monkeypatch.setattr(
        type(membership),
        "getMemberInfo",
        lambda self, userid: calls.append(userid) or original(self, userid),
    )
    assert users.summary("anke")["fullname"] == "Anke Kruse"
    assert calls == []  # kept
    anke.setMemberProperties({"fullname": "Anke Wolf"})
    assert users.summary("anke")["fullname"] == "Anke Wolf"
    assert calls == ["anke"]


def test_another_instance_sees_the_new_version(anke):
    """Another instance's change reaches this one as a ZODB write: the
    version of the person, which is part of the cache key."""
    assert users.summary("anke")["fullname"] == "Anke Kruse"
    # What the other instance did: it changed the name in PAS (shared
    # storage) and wrote a new version; this process kept the old name.
    acl = api.portal.get_tool("acl_users")
    acl.mutable_properties._storage["anke"]["fullname"] = "Anke Neu"
    assert users.summary("anke")["fullname"] == "Anke Kruse"
    versions = IAnnotations(api.portal.get())[users.VERSIONS_KEY]
    versions["anke"] = versions.get("anke", 0) + 1
    assert users.summary("anke")["fullname"] == "Anke Neu"


def test_a_deleted_user_is_gone_at_once(anke):
    assert users.exists("anke")
    with api.env.adopt_roles(["Manager"]):
        api.user.delete(username="anke")
    assert not users.exists("anke")
    assert users.summary("anke")["fullname"] == "anke"


@pytest.mark.parametrize("userid", ["", None, 3, ["anke"]])
def test_no_user_id_is_never_kept(portal, userid):
    assert not users.exists(userid)
