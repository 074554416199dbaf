"""Comments are exactly as visible as the content they are on (issue 13).

The outside probe's reproductions, over real HTTP: a member comments on a
page of a secret community; nobody outside finds the comment in the
stream (every filter), the hashtags, the new-items count, by following its
tag, in the query builder or in search, and search answers 200 with no
results instead of a 401 that tells the word exists. The comment stays as
visible as the page when the community's visibility or the page's state
changes. Comments are no longer than posts.
"""

from ospa.social.core import settings
from ospa.social.testing import create_people
from ospa.social.testing import JSON
from ospa.social.testing import make_community
from ospa.social.testing import PASSWORD
from ospa.social.testing import SEND_JSON
from plone import api
from plone.app.testing import SITE_OWNER_NAME
from zope.lifecycleevent import modified
import pytest
import requests
import transaction


# Searched for (a reply may echo it) and never searched for (a reply that
# holds it shows the comment).
TOKEN = "zqkommentartoken"
TEXT = "zqkommentartext"
TAG = "zqkommentartag"
COMMENT = f"Kommentar {TOKEN} {TEXT} #{TAG}"
PEOPLE = {
    "olga": ("Olga Owner", ("Member",)),
    "moritz": ("Moritz Moderator", ("Member",)),
    "mia": ("Mia Member", ("Member",)),
    "erik": ("Erik Employee", ("Member",)),
}


def session(userid=None):
    found = requests.Session()
    if userid:
        found.auth = (userid, PASSWORD)
    return found


@pytest.fixture
def secret_page(functional_portal):
    create_people(functional_portal, PEOPLE)
    with api.env.adopt_user(username=SITE_OWNER_NAME):
        community = make_community(functional_portal, "geheim", "secret")
        with api.env.adopt_user(username="mia"):
            page = api.content.create(
                community, "Document", id="seite", title="Geheime Seite zqseitentitel"
            )
    transaction.commit()
    reply = session("mia").post(
        f"{page.absolute_url()}/@comments",
        json={"text": COMMENT},
        headers=SEND_JSON,
        timeout=30,
    )
    assert reply.status_code == 204, reply.text
    return page


def sync():
    transaction.begin()


def stream_urls(site):
    """Where the comment would show (REST and Classic UI) and be counted."""
    return [
        (f"{site}/@stream", {}, JSON),
        (f"{site}/@stream", {"tag": TAG}, JSON),
        (f"{site}/@stream", {"author": "mia"}, JSON),
        (f"{site}/@stream/new", {"since": "0"}, JSON),
        (f"{site}/@hashtags", {}, JSON),
        (f"{site}/@followers", {"kind": "tag", "target": TAG}, JSON),
        (f"{site}/@search", {"SearchableText": TOKEN}, JSON),
        (f"{site}/@@stream", {}, {}),
        (f"{site}/@@hashtag/{TAG}", {}, {}),
        (f"{site}/author/mia", {}, {}),
        (
            f"{site}/@@querybuilder_html_results",
            {
                "query.i:records": "SearchableText",
                "query.o:records": "plone.app.querystring.operation.string.contains",
                "query.v:records": TOKEN,
            },
            {},
        ),
    ]


@pytest.mark.parametrize("userid", [None, "erik"], ids=["anonymous", "employee"])
def test_a_comment_of_a_secret_community_is_found_nowhere_outside(
    functional_portal, secret_page, userid
):
    site = functional_portal.absolute_url()
    viewer = session(userid)
    for url, params, headers in stream_urls(site):
        reply = viewer.get(url, params=params, headers=headers, timeout=30)
        assert reply.status_code < 500, (url, reply.status_code)
        assert TEXT not in reply.text, url
        assert "zqseitentitel" not in reply.text, url
        if url.endswith(("/@hashtags", "/@@stream", "/@stream")) and not params:
            assert TAG not in reply.text, url
    if userid is not None:
        counted = viewer.get(f"{site}/@stream/new", params={"since": "0"}, headers=JSON)
        members = session("mia").get(
            f"{site}/@stream/new", params={"since": "0"}, headers=JSON
        )
        assert counted.json()["count"] < members.json()["count"]
        followed = viewer.post(
            f"{site}/@following",
            json={"kind": "tag", "target": TAG},
            headers=SEND_JSON,
            timeout=30,
        )
        assert followed.status_code == 400, followed.text


@pytest.mark.parametrize("userid", [None, "erik"], ids=["anonymous", "employee"])
def test_search_for_a_hidden_comment_answers_like_a_search_for_nothing(
    functional_portal, secret_page, userid
):
    site = functional_portal.absolute_url()
    viewer = session(userid)
    found = viewer.get(
        f"{site}/@search", params={"SearchableText": TOKEN}, headers=JSON
    )
    nothing = viewer.get(
        f"{site}/@search", params={"SearchableText": "zqgibtesnicht"}, headers=JSON
    )
    assert found.status_code == nothing.status_code == 200
    assert found.json()["items_total"] == 0


def test_members_find_the_comment(functional_portal, secret_page):
    site = functional_portal.absolute_url()
    found = session("moritz").get(
        f"{site}/@search", params={"SearchableText": TOKEN}, headers=JSON
    )
    assert found.json()["items_total"] == 1
    stream = session("moritz").get(f"{site}/@stream", params={"tag": TAG}, headers=JSON)
    assert "comment" in [item["kind"] for item in stream.json()["items"]]
    assert TEXT in stream.text


def _search(userid, site):
    reply = session(userid).get(
        f"{site}/@search", params={"SearchableText": TOKEN}, headers=JSON
    )
    assert reply.status_code == 200
    return reply.json()["items_total"]


def test_the_comment_follows_the_community_when_its_visibility_changes(
    functional_portal, secret_page
):
    site = functional_portal.absolute_url()
    community = secret_page.__parent__
    seen = []
    for visibility in ("open", "closed", "secret", "open"):
        sync()
        with api.env.adopt_user(username=SITE_OWNER_NAME):
            community.visibility = visibility
            modified(community)
        transaction.commit()
        seen.append((visibility, _search("erik", site), _search("mia", site)))
    assert seen == [("open", 1, 1), ("closed", 0, 1), ("secret", 0, 1), ("open", 1, 1)]


def test_a_comment_on_site_content_follows_the_content_state(functional_portal):
    create_people(functional_portal, PEOPLE)
    with api.env.adopt_user(username=SITE_OWNER_NAME):
        page = api.content.create(
            functional_portal, "Document", id="entwurf", title="Entwurf"
        )
        api.content.transition(page, transition="publish")
    transaction.commit()
    site = functional_portal.absolute_url()
    owner = requests.Session()
    owner.auth = (SITE_OWNER_NAME, "secret")
    reply = session("erik").post(
        f"{page.absolute_url()}/@comments",
        json={"text": f"Kommentar {TOKEN}"},
        headers=SEND_JSON,
    )
    assert reply.status_code == 204, reply.text
    seen = []
    for transition in ("retract", "publish"):
        sync()
        with api.env.adopt_user(username=SITE_OWNER_NAME):
            api.content.transition(page, transition=transition)
        transaction.commit()
        seen.append((transition, _search(None, site), _search("mia", site)))
    published = api.content.get_state(page)
    assert published == "published"
    # Retracted, the page is private to its owner: nobody else finds its
    # comment, neither anonymous visitors nor other employees.
    assert seen[0] == ("retract", 0, 0)
    assert seen[1][2] == 1


# -- length ---------------------------------------------------------------


def test_a_comment_longer_than_a_post_is_refused_with_a_message(
    functional_portal, secret_page
):
    limit = settings.post_max_length()
    url = f"{secret_page.absolute_url()}/@comments"
    mia = session("mia")
    too_long = mia.post(url, json={"text": "x" * (limit + 1)}, headers=SEND_JSON)
    assert too_long.status_code == 400
    assert str(limit) in too_long.text
    megabyte = mia.post(url, json={"text": "x" * 1024 * 1024}, headers=SEND_JSON)
    assert megabyte.status_code == 400
    assert mia.post(url, json={"text": "x" * limit}, headers=SEND_JSON).status_code == (
        204
    )
    items = mia.get(url, headers=JSON).json()["items"]
    assert sorted(len(item["text"]["data"]) for item in items) == sorted(
        [len(COMMENT), limit]
    )


def test_editing_a_comment_beyond_the_limit_keeps_the_old_text(
    functional_portal, secret_page
):
    limit = settings.post_max_length()
    api.portal.set_registry_record(
        "plone.app.discussion.interfaces.IDiscussionSettings.edit_comment_enabled",
        True,
    )
    transaction.commit()
    url = f"{secret_page.absolute_url()}/@comments"
    mia = session("mia")
    comment_id = mia.get(url, headers=JSON).json()["items"][0]["comment_id"]
    refused = mia.patch(
        f"{url}/{comment_id}", json={"text": "y" * (limit + 1)}, headers=SEND_JSON
    )
    assert refused.status_code == 400
    items = mia.get(url, headers=JSON).json()["items"]
    assert items[0]["text"]["data"] == COMMENT


def test_the_comment_form_shows_the_limit_as_a_form_error(
    functional_portal, secret_page
):
    """Classic UI: plone.app.discussion's form, posted as a browser would."""
    from lxml import html

    limit = settings.post_max_length()
    mia = session("mia")
    page = mia.get(secret_page.absolute_url(), timeout=30)
    form = html.fromstring(page.text).cssselect("#commenting form")
    assert form, "the comment form is on the page"
    data = {
        field.name: field.value or ""
        for field in form[0].cssselect("input")
        if field.name and field.get("type") != "submit"
    }
    data["form.widgets.text"] = "z" * (limit + 1)
    data["form.buttons.comment"] = "Comment"
    reply = mia.post(form[0].get("action"), data=data, timeout=30)
    assert reply.status_code == 200
    errors = html.fromstring(reply.text).cssselect(".invalid-feedback, .fieldErrorBox")
    assert any(str(limit) in error.text_content() for error in errors), reply.text[
        :2000
    ]
    sync()
    from plone.app.discussion.interfaces import IConversation

    assert len(IConversation(secret_page)) == 1
