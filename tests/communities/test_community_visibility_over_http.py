"""Who sees a community and its content, over HTTP, everywhere.

Every visibility (open, closed, secret) for anonymous visitors, an employee
on no roster, a member, a moderator, the owner and a site manager: the
community itself, a page inside it, ``@communities``, ``@search``,
``@querystring-search``, ``@navigation``, the listing of ``/communities``,
``@members`` and creating content inside. A secret community is invisible
to non-members in all of them, counts included; the content of a closed or
secret community is invisible to non-members.

The tables below are the specification: one entry per user, in the order
of ``WHO``; ``+`` seen, ``-`` not seen.
"""

from plone import api
import pytest
import transaction


WHO = ("anonymous", "employee", "member", "moderator", "owner", "manager")
USERS = (None, "erik", "mia", "moritz", "olga", "leitung")
VISIBILITIES = ("open", "closed", "secret")

#                 anonymous employee member moderator owner manager
VIEW_COMMUNITY = {
    "open": (401, 200, 200, 200, 200, 200),
    "closed": (401, 200, 200, 200, 200, 200),
    "secret": (401, 401, 200, 200, 200, 200),
}
VIEW_CONTENT = {
    "open": (401, 200, 200, 200, 200, 200),
    "closed": (401, 401, 200, 200, 200, 200),
    "secret": (401, 401, 200, 200, 200, 200),
}
# @members: who is in it is for those who see the content.
MEMBERS = VIEW_CONTENT
# Content POST: members add, employees are refused by plone.restapi's add
# service (403 Forbidden), anonymous visitors must log in.
CREATE_PAGE = {
    "open": (401, 403, 201, 201, 201, 201),
    "closed": (401, 403, 201, 201, 201, 201),
    "secret": (401, 403, 201, 201, 201, 201),
}
# Listed in @communities?filter=all, found by @search, @querystring-search,
# in @navigation and in the listing of /communities.
SEES_COMMUNITY = {
    "open": "-+++++",
    "closed": "-+++++",
    "secret": "--++++",
}
# The page inside: in the community's items, search, navigation.
SEES_CONTENT = {
    "open": "-+++++",
    "closed": "--++++",
    "secret": "--++++",
}
DISCOVER = {
    "open": "-+---+",
    "closed": "-+---+",
    "secret": "-----+",
}
MINE = {
    "open": "--+++-",
    "closed": "--+++-",
    "secret": "--+++-",
}
# @members has "pending" (requests and invitations) for moderators only.
SEES_PENDING = {
    "open": "---+++",
    "closed": "---+++",
    "secret": "---+++",
}


def names(community) -> tuple[str, str, str]:
    """Id, the unique word of the title and of the page's title."""
    return (
        community.getId(),
        community.Title().split()[-1],
        community["seite"].Title().split()[-1],
    )


def seen(table, visibility, userid) -> bool:
    return table[visibility][USERS.index(userid)] == "+"


def status(table, visibility, userid) -> int:
    return table[visibility][USERS.index(userid)]


def expected_ids(communities, table, userid) -> set[str]:
    return {
        communities[visibility].getId()
        for visibility in VISIBILITIES
        if seen(table, visibility, userid)
    }


def by_user():
    return pytest.mark.parametrize("userid", USERS, ids=[f"as {who}" for who in WHO])


def last_segment(item) -> str:
    return item["@id"].rstrip("/").rsplit("/", 1)[-1]


def hidden_words(communities, userid) -> list[str]:
    """What must appear in no reply to ``userid``: title words, UIDs, paths
    of the communities and pages they may not see.
    """
    words = []
    for visibility, community in communities.items():
        cid, word, page_word = names(community)
        if not seen(SEES_COMMUNITY, visibility, userid):
            words += [word, community.UID(), f"communities/{cid}"]
        if not seen(SEES_CONTENT, visibility, userid):
            words += [page_word, community["seite"].UID(), f"{cid}/seite"]
    return words


def assert_no_leak(response, communities, userid):
    for word in hidden_words(communities, userid):
        assert word not in response.text, f"{word} leaks to {userid}"


def ids_of(response) -> list[str]:
    return [last_segment(item) for item in response.json()["items"]]


@pytest.fixture
def shown_in_navigation(communities):
    """Communities are no displayed type of a fresh site: show them, so that
    navigation has something to hide.
    """
    types = api.portal.get_registry_record("plone.displayed_types")
    if "Community" not in types:
        api.portal.set_registry_record("plone.displayed_types", (*types, "Community"))
    transaction.commit()
    return communities


# -- the community, its page, its members, adding to it --------------------


@by_user()
def test_viewing_the_community(communities, client, userid):
    for visibility in VISIBILITIES:
        cid, word, _ = names(communities[visibility])
        response = client(userid).get(f"communities/{cid}")
        assert response.status_code == status(VIEW_COMMUNITY, visibility, userid), (
            visibility
        )
        if response.status_code != 200:
            continue
        body = response.json()
        assert body["title"] == f"Community {word}"
        page_listed = ids_of(response) == ["seite"]
        assert page_listed == seen(SEES_CONTENT, visibility, userid), visibility
        assert body["items_total"] == (1 if page_listed else 0)
        assert_no_leak(response, communities, userid)


@by_user()
def test_viewing_a_page_inside(communities, client, userid):
    for visibility in VISIBILITIES:
        cid, _, page_word = names(communities[visibility])
        response = client(userid).get(f"communities/{cid}/seite")
        assert response.status_code == status(VIEW_CONTENT, visibility, userid), (
            visibility
        )
        if response.status_code == 200:
            assert response.json()["title"] == f"Seite {page_word}"
        else:
            assert response.json()["type"] == "Unauthorized"


@by_user()
def test_listing_the_members(communities, client, userid):
    for visibility in VISIBILITIES:
        cid = communities[visibility].getId()
        response = client(userid).get(f"communities/{cid}/@members")
        assert response.status_code == status(MEMBERS, visibility, userid), visibility
        if response.status_code != 200:
            assert response.json()["type"] == "Unauthorized"
            assert "Mia" not in response.text
            continue
        body = response.json()
        assert [item["id"] for item in body["items"]] == ["olga", "moritz", "mia"]
        assert body["items_total"] == 3
        assert ("pending" in body) == seen(SEES_PENDING, visibility, userid)


@by_user()
def test_creating_a_page_inside(communities, client, userid):
    for visibility in VISIBILITIES:
        cid = communities[visibility].getId()
        response = client(userid).post(
            f"communities/{cid}",
            body={"@type": "Document", "id": "neu", "title": "Neue Seite"},
        )
        expected = status(CREATE_PAGE, visibility, userid)
        assert response.status_code == expected, (visibility, response.text)
        listing = client("olga").get(f"communities/{cid}").json()
        assert sorted(last_segment(item) for item in listing["items"]) == (
            ["neu", "seite"] if expected == 201 else ["seite"]
        )


# -- lists, search, navigation -------------------------------------------


@by_user()
@pytest.mark.parametrize(
    ("filter", "table"),
    [("all", SEES_COMMUNITY), ("discover", DISCOVER), ("mine", MINE)],
    ids=["all", "discover", "mine"],
)
def test_listed_in_communities(
    communities, client, assert_error, userid, filter, table
):
    response = client(userid).get("@communities", params={"filter": filter})
    if userid is None:
        assert_error(response, 401, "Unauthorized")
        return
    assert response.status_code == 200, response.text
    wanted = expected_ids(communities, table, userid)
    assert set(ids_of(response)) == wanted
    assert response.json()["items_total"] == len(wanted)
    assert_no_leak(response, communities, userid)


@by_user()
def test_found_by_search_for_a_title(communities, client, userid):
    for visibility in VISIBILITIES:
        _, word, page_word = names(communities[visibility])
        for term, table in ((word, SEES_COMMUNITY), (page_word, SEES_CONTENT)):
            response = client(userid).get("@search", params={"SearchableText": term})
            assert response.status_code == 200
            count = 1 if seen(table, visibility, userid) else 0
            assert response.json()["items_total"] == count, (visibility, term)
            assert len(response.json()["items"]) == count


@by_user()
def test_found_by_search_for_the_type(communities, client, userid):
    response = client(userid).get("@search", params={"portal_type": "Community"})
    wanted = expected_ids(communities, SEES_COMMUNITY, userid)
    assert set(ids_of(response)) == wanted
    assert response.json()["items_total"] == len(wanted)
    assert_no_leak(response, communities, userid)


def content_paths(communities, userid) -> set[str]:
    """Communities and pages ``userid`` sees, as paths below the site."""
    found = set()
    for visibility in VISIBILITIES:
        cid = communities[visibility].getId()
        if seen(SEES_COMMUNITY, visibility, userid):
            found.add(f"communities/{cid}")
        if seen(SEES_CONTENT, visibility, userid):
            found.add(f"communities/{cid}/seite")
    return found


@by_user()
def test_found_by_querystring_search(communities, client, site_url, userid):
    response = client(userid).post(
        "@querystring-search",
        body={
            "query": [
                {
                    "i": "portal_type",
                    "o": "plone.app.querystring.operation.selection.any",
                    "v": ["Community", "Document"],
                },
                {
                    "i": "path",
                    "o": "plone.app.querystring.operation.string.absolutePath",
                    "v": "/communities",
                },
            ],
            "b_size": 50,
        },
    )
    assert response.status_code == 200, response.text
    body = response.json()
    wanted = content_paths(communities, userid)
    assert {item["@id"][len(site_url) + 1 :] for item in body["items"]} == wanted
    assert body["items_total"] == len(wanted)
    assert_no_leak(response, communities, userid)


@by_user()
def test_shown_in_navigation(shown_in_navigation, client, site_url, userid):
    communities = shown_in_navigation
    response = client(userid).get("@navigation", params={"expand.navigation.depth": 3})
    assert response.status_code == 200
    [folder] = [
        item
        for item in response.json()["items"]
        if item["@id"] == f"{site_url}/communities"
    ]
    shown = {last_segment(item): item for item in folder["items"]}
    assert set(shown) == expected_ids(communities, SEES_COMMUNITY, userid)
    for visibility in VISIBILITIES:
        cid = communities[visibility].getId()
        if cid in shown:
            pages = [last_segment(item) for item in shown[cid]["items"]]
            assert (pages == ["seite"]) == seen(SEES_CONTENT, visibility, userid)
    assert_no_leak(response, communities, userid)


@by_user()
def test_listed_in_the_communities_folder(communities, client, userid):
    response = client(userid).get("communities")
    assert response.status_code == 200
    wanted = expected_ids(communities, SEES_COMMUNITY, userid)
    assert set(ids_of(response)) == wanted
    assert response.json()["items_total"] == len(wanted)
    assert_no_leak(response, communities, userid)


# -- invitees, guests, leaving ---------------------------------------------


def test_an_invitee_sees_the_secret_community_but_not_its_content(communities, client):
    moritz, erik = client("moritz"), client("erik")
    response = moritz.post(
        "communities/geheim/@members", body={"user": "erik", "message": "Komm!"}
    )
    assert response.status_code == 201, response.text
    community = erik.get("communities/geheim")
    assert community.status_code == 200
    assert community.json()["items"] == []
    assert erik.get("communities/geheim/seite").status_code == 401
    assert erik.get("communities/geheim/@members").status_code == 401
    listed = erik.get("@communities", params={"filter": "discover"}).json()
    [card] = [item for item in listed["items"] if item["visibility"] == "secret"]
    assert card["pending"] == "invitation"
    assert card["role"] is None
    tukan = erik.get("@search", params={"SearchableText": "Tukan"}).json()
    assert tukan["items_total"] == 0


def test_a_guest_sees_and_adds_content_of_their_community_only(communities, client):
    response = client("olga").post(
        "communities/geschlossen/@members",
        body={"user": "gast", "role": "guest", "invite": False},
    )
    assert response.status_code == 201, response.text
    gast = client("gast")
    assert gast.get("communities/geschlossen/seite").status_code == 200
    created = gast.post(
        "communities/geschlossen", body={"@type": "Document", "title": "Von Gerd"}
    )
    assert created.status_code == 201, created.text
    assert gast.get("communities/geheim").status_code == 401
    found = gast.get("@search", params={"portal_type": "Community"}).json()
    assert {last_segment(item) for item in found["items"]} == {"offen", "geschlossen"}


def test_who_leaves_no_longer_sees_the_content(communities, client):
    # Moritz wrote nothing there: authors keep the Owner role on their own
    # items (as anywhere in Plone).
    moritz = client("moritz")
    assert moritz.get("communities/geschlossen/seite").status_code == 200
    response = moritz.delete("communities/geschlossen/@members/moritz")
    assert response.status_code == 200, response.text
    assert moritz.get("communities/geschlossen/seite").status_code == 401
    found = moritz.get("@search", params={"SearchableText": "Pinguin"}).json()
    assert found["items_total"] == 0
    moritz.delete("communities/geheim/@members/moritz")
    assert moritz.get("communities/geheim").status_code == 401
    found = moritz.get("@communities", params={"filter": "all"}).json()
    assert found["items_total"] == 2
    assert "Axolotl" not in str(found)


@pytest.mark.parametrize(
    "vocabulary",
    ["plone.app.vocabularies.Groups", "plone.app.vocabularies.Principals"],
)
def test_group_titles_do_not_give_a_secret_community_away(
    communities, client, vocabulary
):
    response = client("erik").get(
        f"@vocabularies/{vocabulary}", params={"title": "Axolotl"}
    )
    assert response.status_code in (200, 401, 403)
    assert "Axolotl" not in response.text.replace("title=Axolotl", "")
    assert communities["secret"].UID() not in response.text
