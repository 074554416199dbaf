"""Who sees a community and its content, through the catalog and permissions.

Every visibility × anonymous, employee (not a member), guest, member,
moderator, owner and site manager. The catalog's own security filter is
what search, listings, navigation and counts use, so it is the thing to
check; REST and the views are checked over HTTP elsewhere.
"""

from ospa.social.communities import api as communities
from plone import api
from plone.app.testing import logout
import pytest


VIEWERS = ["anonymous", "erik", "gast", "mia", "moritz", "olga", "chef"]
ON_ROSTER = {"gast", "mia", "moritz", "olga"}

# visibility -> (viewers who find the community, viewers who find its page)
EXPECTED = {
    "open": (
        {"erik", "gast", "mia", "moritz", "olga", "chef"},
        {"erik", "gast", "mia", "moritz", "olga", "chef"},
    ),
    "closed": (
        {"erik", "gast", "mia", "moritz", "olga", "chef"},
        ON_ROSTER | {"chef"},
    ),
    "secret": (ON_ROSTER | {"chef"}, ON_ROSTER | {"chef"}),
}


@pytest.fixture
def all_three(open_community, closed_community, secret_community):
    return {
        "open": open_community,
        "closed": closed_community,
        "secret": secret_community,
    }


def found_by(viewer, **query):
    catalog = api.portal.get_tool("portal_catalog")
    if viewer == "anonymous":
        logout()
        return {brain.UID for brain in catalog(**query)}
    with api.env.adopt_user(username=viewer):
        return {brain.UID for brain in catalog(**query)}


@pytest.mark.parametrize("visibility", ["open", "closed", "secret"])
@pytest.mark.parametrize("viewer", VIEWERS)
def test_catalog_shows_what_the_viewer_may_see(all_three, visibility, viewer):
    community, page = all_three[visibility]
    sees_community, sees_page = EXPECTED[visibility]
    by_type = found_by(viewer, portal_type="Community")
    by_text = found_by(viewer, SearchableText=f"Community {community.getId()}")
    pages = found_by(viewer, path="/".join(community.getPhysicalPath()))
    assert (community.UID() in by_type) == (viewer in sees_community)
    assert (community.UID() in by_text) == (viewer in sees_community)
    assert (page.UID() in pages) == (viewer in sees_page)


@pytest.mark.parametrize("viewer", VIEWERS)
def test_counts_do_not_betray_secret_communities(all_three, viewer):
    expected = sum(1 for visibility in EXPECTED if viewer in EXPECTED[visibility][0])
    assert len(found_by(viewer, portal_type="Community")) == expected


@pytest.mark.parametrize("visibility", ["open", "closed", "secret"])
@pytest.mark.parametrize("viewer", VIEWERS[1:])
def test_find_lists_what_the_viewer_may_see(all_three, visibility, viewer):
    community, _ = all_three[visibility]
    sees_community = viewer in EXPECTED[visibility][0]
    with api.env.adopt_user(username=viewer):
        listed = {brain.UID for brain in communities.find("all")}
        mine = {brain.UID for brain in communities.find("mine")}
        discover = {brain.UID for brain in communities.find("discover")}
    assert (community.UID() in listed) == sees_community
    assert (community.UID() in mine) == (viewer in ON_ROSTER)
    assert (community.UID() in discover) == (sees_community and viewer not in ON_ROSTER)


@pytest.mark.parametrize("visibility", ["open", "closed", "secret"])
@pytest.mark.parametrize("viewer", VIEWERS[1:])
def test_who_may_add_content_inside(all_three, visibility, viewer):
    community, _ = all_three[visibility]
    with api.env.adopt_user(username=viewer):
        may_add = api.user.has_permission(
            "plone.app.contenttypes: Add Document", obj=community
        ) and api.user.has_permission("Add portal content", obj=community)
    assert may_add == (viewer in ON_ROSTER | {"chef"})


def test_changing_visibility_follows_at_once(all_three):
    community, page = all_three["closed"]
    assert page.UID() not in found_by("erik", path="/".join(page.getPhysicalPath()))
    with api.env.adopt_user(username="olga"):
        community.visibility = "open"
        from zope.event import notify
        from zope.lifecycleevent import ObjectModifiedEvent

        notify(ObjectModifiedEvent(community))
    assert api.content.get_state(community) == "open"
    assert page.UID() in found_by("erik", path="/".join(page.getPhysicalPath()))


def test_moderators_edit_and_delete_anything_members_only_their_own(all_three):
    community, page = all_three["open"]  # Mia wrote the page
    with api.env.adopt_user(username="olga"):
        olgas = api.content.create(community, "News Item", id="news", title="News")
    for viewer, may_edit_page, may_edit_news in (
        ("mia", True, False),
        ("gast", False, False),
        ("moritz", True, True),
        ("erik", False, False),
    ):
        with api.env.adopt_user(username=viewer):
            assert api.user.has_permission("Modify portal content", obj=page) is (
                may_edit_page
            ), viewer
            assert api.user.has_permission("Modify portal content", obj=olgas) is (
                may_edit_news
            ), viewer
    with api.env.adopt_user(username="moritz"):
        api.content.delete(olgas)


def test_members_edit_each_others_pages_when_the_community_says_so(all_three):
    community, page = all_three["open"]
    with api.env.adopt_user(username="gast"):
        assert not api.user.has_permission("Modify portal content", obj=page)
    community.members_edit_pages = True
    communities.apply_settings(community)
    communities._forget_cached_roles(community, "gast")
    with api.env.adopt_user(username="gast"):
        assert api.user.has_permission("Modify portal content", obj=page)
    with api.env.adopt_user(username="olga"):
        news = api.content.create(community, "News Item", id="blog", title="Blog")
    with api.env.adopt_user(username="gast"):
        assert not api.user.has_permission("Modify portal content", obj=news)


def test_an_employee_may_start_a_community_and_owns_it(people, portal):
    with api.env.adopt_user(username="erik"):
        community = api.content.create(
            portal["communities"], "Community", id="neu", title="Neu"
        )
    assert communities.role_of(community, "erik") == "owner"
    with api.env.adopt_user(username="erik"):
        assert api.user.has_permission("Modify portal content", obj=community)
