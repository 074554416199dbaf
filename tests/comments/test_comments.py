"""Comments on existing content: counts and @mentions."""

from ospa.social.comments import api as comments
from ospa.social.core import text
from ospa.social.interfaces import IMentionedEvent
from plone import api
from plone.app.discussion.interfaces import IConversation
from zope.component import createObject
from zope.component import globalSiteManager
import pytest


@pytest.fixture
def mentions_seen():
    seen = []

    def record(obj, event):
        seen.append((event.userid, event.mentioned))

    globalSiteManager.registerHandler(record, (None, IMentionedEvent))
    yield seen
    globalSiteManager.unregisterHandler(record, (None, IMentionedEvent))


def add_comment(obj, userid, body):
    comment = createObject("plone.Comment")
    comment.text = body
    comment.author_username = userid
    comment.author_name = userid
    conversation = IConversation(obj)
    with api.env.adopt_roles(["Manager"]):
        comment_id = conversation.addComment(comment)
    return conversation[comment_id]


def test_mentions_fire_an_event_for_each_new_user(people, news, mentions_seen):
    comment = add_comment(news, "anna", "Frag @bert oder @chef. Und @anna, @niemand.")
    assert mentions_seen == [("anna", ("bert", "chef"))]
    comment.text = "Frag @bert und @chef."
    from zope.event import notify
    from zope.lifecycleevent import ObjectModifiedEvent

    notify(ObjectModifiedEvent(comment))
    assert mentions_seen == [("anna", ("bert", "chef"))], "no repeat on edit"


def test_comment_count(people, news):
    assert comments.count(news) == 0
    add_comment(news, "anna", "Gut!")
    add_comment(news, "bert", "Finde ich auch.")
    assert comments.count(news) == 2


def test_comments_count_on_content_anonymous_cannot_see(people, portal):
    """plone.app.discussion counts only what Anonymous may view: not we."""
    with api.env.adopt_roles(["Manager"]):
        page = api.content.create(portal, "Document", id="intern", title="Intern")
    assert api.content.get_state(page) == "private"
    add_comment(page, "anna", "Gut!")
    add_comment(page, "bert", "Finde ich auch.")
    assert IConversation(page).total_comments() == 0
    assert comments.count(page) == 2
    catalog = api.portal.get_tool("portal_catalog")
    [brain] = catalog.unrestrictedSearchResults(UID=page.UID())
    assert brain.total_comments == 2


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("Hallo @bert!", '<a class="ospa-mention"'),
        ("mail bert@example.org", "mail bert@example.org"),
        ("#Öffnungszeiten ab #KI2026", "@@hashtag/%C3%96ffnungszeiten"),
        ("<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"),
        (
            "siehe https://example.org/a?b=1&c=2.",
            'href="https://example.org/a?b=1&amp;c=2"',
        ),
        ("Zeile 1\nZeile 2", "Zeile 1<br />Zeile 2"),
        ('@"><img src=x onerror=alert(1)>', "&lt;img src=x onerror=alert(1)&gt;"),
    ],
)
def test_render_links_and_escapes(people, typed, expected):
    assert expected in text.render(typed)


def test_hashtags_and_mentions_are_found(people):
    typed = "@anna fragt #Kantine und #KI2026, nicht c#sharp oder &#123;"
    assert text.mentions(typed) == ["anna"]
    assert text.hashtags(typed) == ["Kantine", "KI2026"]
