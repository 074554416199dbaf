"""1004 → 1005 on a site whose comments were indexed for everyone."""

from ospa.social.comments import api as comments
from ospa.social.testing import create_people
from ospa.social.testing import make_community
from plone import api
from plone.app.discussion.interfaces import IConversation
from Products.CMFCore.indexing import processQueue
from zope.component import createObject


PROFILE = "ospa.social:default"
ACI = "Access contents information"


def _index_of(catalog, obj):
    path = "/".join(obj.getPhysicalPath())
    rid = catalog._catalog.getrid(path)
    return catalog._catalog.getIndex("allowedRolesAndUsers").getEntryForObject(rid)


def test_upgrade_makes_existing_comments_as_private_as_their_page(portal):
    create_people(
        portal,
        {
            "olga": ("Olga Owner", ("Member",)),
            "moritz": ("Moritz Moderator", ("Member",)),
            "mia": ("Mia Member", ("Member",)),
        },
    )
    community = make_community(portal, "geheim", "secret")
    with api.env.adopt_user(username="mia"):
        page = api.content.create(community, "Document", id="seite", title="Seite")
        conversation = IConversation(page)
        comment = createObject("plone.Comment")
        comment.text = "Alt"
        comment_id = conversation.addComment(comment)
    comment = conversation[comment_id]
    processQueue()
    # Take the site back to what 1004 had: plone.app.discussion's workflow
    # with "Access contents information" for Anonymous, and the comment
    # indexed by Plone's own indexer.
    workflow = api.portal.get_tool("portal_workflow")["comment_one_state_workflow"]
    workflow.states.published.setPermission(ACI, 0, ("Anonymous",))
    workflow.updateRoleMappingsFor(comment)
    catalog = api.portal.get_tool("portal_catalog")
    from Products.CMFPlone.CatalogTool import allowedRolesAndUsers

    catalog._catalog.getIndex("allowedRolesAndUsers").index_object(
        catalog._catalog.getrid("/".join(comment.getPhysicalPath())),
        type("Entry", (), {"allowedRolesAndUsers": allowedRolesAndUsers(comment)()})(),
    )
    assert list(_index_of(catalog, comment)) == ["Anonymous"]
    setup = portal.portal_setup
    setup.setLastVersionForProfile(PROFILE, "1004")

    setup.upgradeProfile(PROFILE, dest="1005")

    assert setup.getLastVersionForProfile(PROFILE) == ("1005",)
    acquired, roles = (
        workflow.states.published.getPermissionInfo(ACI)["acquired"],
        workflow.states.published.getPermissionInfo(ACI)["roles"],
    )
    assert acquired
    assert list(roles) == []
    assert "Anonymous" not in _index_of(catalog, comment)
    assert set(_index_of(catalog, comment)) == set(_index_of(catalog, page))
    assert comments.resync_security() == 1
