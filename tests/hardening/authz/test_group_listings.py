"""Every list of groups hides the groups of communities the user may not see.

The endpoints that list groups to non-managers are generated from one
table (``LISTINGS``); each is called as an employee on no roster (Erik), a
member of every community (Mia) and a manager, over real HTTP. The groups
of a community (``community-<UID>-<role>``) appear exactly for the
communities the user may see: the secret one for Mia and the manager only.
"""

from .conftest import PASSWORD
from ospa.social.communities import api as communities
from plone import api
import pytest
import requests
import transaction


JSON = {"Accept": "application/json"}
# name: (path below the context, context key, how to read the ids found)
LISTINGS = {
    "@vocabularies Groups": (
        "++api++/@vocabularies/plone.app.vocabularies.Groups?title=community"
        "&b_size=1000",
        "site",
    ),
    "@vocabularies Principals": (
        "++api++/@vocabularies/plone.app.vocabularies.Principals?title=community"
        "&b_size=1000",
        "site",
    ),
    "@@getVocabulary Groups": (
        "@@getVocabulary?name=plone.app.vocabularies.Groups&query=community",
        "site",
    ),
    "@@sharing group search": (
        "@@sharing?search_term=community&form.button.Search=Search",
        "shared",
    ),
}
# role of this test: user id, the communities whose groups must be listed
WHO = {
    "employee": ("erik", {"open", "closed"}),
    "member": ("mia", {"open", "closed", "secret"}),
    "manager": ("chef", {"open", "closed", "secret"}),
}


@pytest.fixture
def listed_world(world):
    """The sweep's world, and a page every role of this test may share."""
    with api.env.adopt_user(username="chef"):
        page = api.content.create(
            world["site"], "Document", id="geteilt", title="Geteilt"
        )
        for userid, _ in WHO.values():
            # Owner: the sharing page and its search, as for one's own page.
            page.manage_setLocalRoles(userid, ["Owner"])
        page.reindexObjectSecurity()
    world["shared"] = page
    transaction.commit()
    return world


def group_ids(world) -> dict[str, set[str]]:
    """``{community key: its group ids}``."""
    return {
        key: {communities.group_id(world[key], role) for role in communities.ROLES}
        for key in ("open", "closed", "secret")
    }


@pytest.mark.parametrize("listing", sorted(LISTINGS))
@pytest.mark.parametrize("who", sorted(WHO))
def test_group_lists_show_only_visible_communities(listed_world, listing, who):
    world = listed_world
    path, at = LISTINGS[listing]
    userid, expected = WHO[who]
    base = world["site"].absolute_url()
    url = f"{base}/{path}" if at == "site" else f"{world[at].absolute_url()}/{path}"
    response = requests.get(
        url, headers=JSON, auth=(userid, PASSWORD), allow_redirects=False, timeout=60
    )
    assert response.status_code == 200, (url, response.status_code)
    text = response.text
    listed = {
        key
        for key, ids in group_ids(world).items()
        if any(groupid in text for groupid in ids)
    }
    assert listed == expected, (listing, who, text[:500])
    if "secret" not in expected:
        # Not even the UID (what made counting them possible).
        assert world["secret"].UID() not in text
