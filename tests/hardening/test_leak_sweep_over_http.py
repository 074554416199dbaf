"""Nothing a person may not see reaches them through any GET endpoint.

The sweep is generated, not listed: every GET service of the component
registry that answers on the site root (plone.restapi's and the add-on's),
the add-on's Classic UI views there and Plone's own search pages are
called, over real HTTP, as anonymous, a logged-in user without the Member
role, an employee, a member, a moderator and a manager, with the search,
tag and author parameters every such endpoint understands.

The world holds, in an open, a closed and a secret community and on a
private page of the site, an item of every type a community accepts and a
comment on each commentable one, every text with a unique word. Whether a
viewer may see a word is not written down: it is asked of Plone
(``View`` on the object, as that viewer). A reply must hold no word the
viewer may not see, and a search for such a word must answer exactly as a
search for a word that does not exist (no 401 that gives it away).
"""

from AccessControl.SecurityManagement import getSecurityManager
from AccessControl.SecurityManagement import newSecurityManager
from AccessControl.SecurityManagement import setSecurityManager
from AccessControl.SpecialUsers import nobody
from ospa.social.testing import all_adapter_registrations
from ospa.social.testing import CHEF_EMPLOYEE
from ospa.social.testing import create_people
from ospa.social.testing import ERIK
from ospa.social.testing import make_community
from ospa.social.testing import PASSWORD
from ospa.social.testing import ROSTER_PEOPLE
from plone import api
from plone.app.discussion.interfaces import IConversation
from plone.app.testing import SITE_OWNER_NAME
from zope.component import createObject
from zope.interface import providedBy
import json
import pytest
import re
import requests
import transaction


pytestmark = pytest.mark.slow

PEOPLE = {
    **ROSTER_PEOPLE,
    "erik": ERIK,
    "nora": ("Nora Nobody", ()),
    "chef": CHEF_EMPLOYEE,
}
VIEWERS = (None, "nora", "erik", "mia", "moritz", "chef")
VISIBILITIES = ("open", "closed", "secret")
NONCE = "zqnichtvorhanden"
SERVICE_NAME = re.compile(r"^GET_[^_]+_[^_]+_(@.*)$")
# Plone's own Classic UI search pages (not in the add-on's registry).
PLONE_PAGES = ("@@search", "@@updated_search", "@@querybuilder_html_results")


# Every item carries its word twice: alone (what the sweep searches for)
# and followed by SECRET (what must never come back: a reply may echo the
# word searched for, never the text of the item), and a hashtag.
SECRET = "geheim"


def word(kind, where) -> str:
    """A word that exists once: in the text of one item or comment."""
    return f"zq{kind}{where}".replace("-", "").replace(" ", "").lower()


def text(key) -> str:
    return f"Kommentar {key} {key}{SECRET} #{key}tag"


def _comment(obj, userid, text):
    comment = createObject("plone.Comment")
    comment.text = text
    comment.author_username = userid
    comment.creator = userid
    conversation = IConversation(obj)
    with api.env.adopt_user(username=userid):
        comment_id = conversation.addComment(comment)
    return conversation[comment_id]


def build(portal) -> dict:
    """``{word: object}`` for every word of the world."""
    create_people(portal, PEOPLE)
    words = {}
    with api.env.adopt_user(username=SITE_OWNER_NAME):
        for visibility in VISIBILITIES:
            community = make_community(portal, f"c-{visibility}", visibility)
            types = sorted(fti.getId() for fti in community.allowedContentTypes())
            with api.env.adopt_user(username="olga"):
                for portal_type in types:
                    if portal_type == "Post":
                        from ospa.social.stream import posts

                        key = word("post", visibility)
                        words[key] = posts.create(community, text(key))
                        continue
                    key = word(portal_type, visibility)
                    item = api.content.create(
                        community,
                        portal_type,
                        id=key,
                        title=f"{key} {key}{SECRET}",
                    )
                    words[key] = item
                    if portal_type == "Idea Box":
                        continue
                    ckey = word(f"comment{portal_type}", visibility)
                    words[ckey] = _comment(item, "olga", text(ckey))
        key = word("page", "private")
        page = api.content.create(
            portal, "Document", id=key, title=f"{key} {key}{SECRET}"
        )
        words[key] = page
        ckey = word("comment", "private")
        words[ckey] = _comment(page, SITE_OWNER_NAME, text(ckey))
    transaction.commit()
    return words


def may_view(userid, obj) -> bool:
    """Plone's answer: may ``userid`` (None: anonymous) view ``obj``?"""
    old = getSecurityManager()
    try:
        if userid is None:
            newSecurityManager(None, nobody)
        else:
            user = api.user.get(userid=userid).getUser()
            newSecurityManager(None, user.__of__(api.portal.get().acl_users))
        return bool(getSecurityManager().checkPermission("View", obj))
    finally:
        setSecurityManager(old)


def site_get_services(portal) -> list[str]:
    """Every GET service name of the registry that answers on the site root."""
    site = providedBy(portal)
    names = set()
    for registration in all_adapter_registrations():
        match = SERVICE_NAME.match(registration.name or "")
        if match and site.isOrExtends(registration.required[0]):
            names.add(match.group(1))
    return sorted(names)


def ospa_pages() -> list[str]:
    from ospa.social.testing import registered_views

    return sorted(
        f"@@{name}"
        for name, for_, _permission in registered_views()
        if for_.endswith(("IPloneSiteRoot", "INavigationRoot", "IInterface"))
        and not name.startswith("ospa.social.")
    )


def params_for(text, page=False, author="olga") -> dict:
    """The search, tag and author parameters; the query builder's records
    for Classic UI pages, its JSON for REST services."""
    query = [
        {
            "i": "SearchableText",
            "o": "plone.app.querystring.operation.string.contains",
            "v": text,
        }
    ]
    found = {
        "SearchableText": text,
        "q": text,
        "tag": f"{text}tag",
        "hashtag": f"{text}tag",
        "target": f"{text}tag",
        "kind": "tag",
        "author": author,
    }
    if not page:
        return {**found, "query": json.dumps(query)}
    return {
        **found,
        "query.i:records": "SearchableText",
        "query.o:records": "plone.app.querystring.operation.string.contains",
        "query.v:records": text,
    }


def probes(hidden) -> list[str]:
    """What to search for: a hidden comment and a hidden item (or nothing)."""
    comments = sorted(key for key in hidden if "comment" in key)
    items = sorted(key for key in hidden if "comment" not in key)
    return comments[:1] + items[:1]


def session_for(userid):
    session = requests.Session()
    if userid is not None:
        session.auth = (userid, PASSWORD)
    return session


def test_no_get_endpoint_shows_what_the_viewer_may_not_see(functional_portal):
    portal = functional_portal
    words = build(portal)
    site = portal.absolute_url()
    services = site_get_services(portal)
    assert {"@search", "@querystring-search", "@stream", "@hashtags"} <= set(services)
    pages = [*PLONE_PAGES, *ospa_pages()]
    assert "@@stream" in pages
    assert "@@hashtag" in pages
    comments = [key for key in words if "comment" in key]
    assert comments, "the world has comments"
    problems = []
    for userid in VIEWERS:
        hidden = {key for key, obj in words.items() if not may_view(userid, obj)}
        visible = set(words) - hidden
        session = session_for(userid)
        for path in [*services, *pages]:
            url = f"{site}/{path}"
            page = path.startswith("@@")
            headers = {} if page else {"Accept": "application/json"}
            nonce = session.get(
                url, params=params_for(NONCE, page), headers=headers, timeout=60
            )
            bare = session.get(url, headers=headers, timeout=60)
            for reply in (nonce, bare):
                if reply.status_code >= 500:
                    problems.append((userid, path, reply.status_code))
                # Not searched for: neither the text nor the tag of a hidden
                # item.
                leaked = [w for w in hidden if f"{w}{SECRET}" in reply.text]
                leaked += [w for w in hidden if f"{w}tag" in reply.text]
                if leaked:
                    problems.append((userid, path, "shows", sorted(leaked)[:3]))
            for key in probes(hidden):
                reply = session.get(
                    url, params=params_for(key, page), headers=headers, timeout=60
                )
                if reply.status_code >= 500:
                    problems.append((userid, path, key, reply.status_code))
                leaked = [w for w in hidden if f"{w}{SECRET}" in reply.text]
                if leaked:
                    problems.append((userid, path, key, "shows", sorted(leaked)[:3]))
                if reply.status_code != nonce.status_code:
                    problems.append(
                        (userid, path, key, reply.status_code, nonce.status_code)
                    )
        # What the viewer may see is found: the sweep looks at real results.
        if visible:
            key = sorted(visible)[0]
            found = session.get(
                f"{site}/@search",
                params={"SearchableText": key},
                headers={"Accept": "application/json"},
                timeout=60,
            )
            assert found.status_code == 200, (userid, found.status_code)
            assert found.json()["items_total"] >= 1, (userid, key)
    assert problems == [], "\n".join(map(repr, problems))


def test_hashtag_pages_and_author_pages_hide_secret_comments(functional_portal):
    """Paths carry the tag and the author too: each tag of the world, as
    every viewer, on the hashtag page and the author's page."""
    portal = functional_portal
    words = build(portal)
    site = portal.absolute_url()
    problems = []
    for userid in VIEWERS:
        hidden = {key for key, obj in words.items() if not may_view(userid, obj)}
        session = session_for(userid)
        paths = [f"@@hashtag/{key}tag" for key in sorted(hidden)]
        paths += ["author/mia", "author/olga", "@@stream?filter=all"]
        for path in paths:
            reply = session.get(f"{site}/{path}", timeout=60)
            assert reply.status_code < 500, (userid, path)
            leaked = [w for w in hidden if f"{w}{SECRET}" in reply.text]
            if leaked:
                problems.append((userid, path, sorted(leaked)[:3]))
    assert problems == [], "\n".join(map(repr, problems))
