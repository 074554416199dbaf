"""What the social bar, the author page, @@following and comments show."""

from ospa.social.following import api as following
from ospa.social.likes import api as likes
from ospa.social.testing import as_user
from ospa.social.testing import one
from ospa.social.testing import parse
from ospa.social.testing import PASSWORD
from plone import api
from plone.app.discussion.interfaces import IConversation
from zope.component import createObject
import pytest
import transaction


@pytest.fixture
def liked(site, site_news):
    """Anna and Bert recommend the news, Bert follows it."""
    for userid in ("anna", "bert"):
        with as_user(userid):
            likes.like(site_news)
    with as_user("bert"):
        following.follow("content", site_news.UID())
    transaction.commit()
    return site_news


def add_comment(item, userid, text, mime_type="text/plain"):
    comment = createObject("plone.Comment")
    comment.text = text
    comment.mime_type = mime_type
    comment.author_username = userid
    comment.author_name = userid
    comment.creator = userid
    with api.env.adopt_roles(["Manager"]):
        comment_id = IConversation(item).addComment(comment)
    transaction.commit()
    return comment_id


# The social bar


def test_a_member_sees_the_whole_social_bar(browse, site, liked):
    tree = parse(browse("anna").get(liked.absolute_url(), timeout=30))
    bar = one(tree, ".ospa-social-bar")
    assert bar.get("data-uid") == liked.UID()

    like_form = one(bar, "form.ospa-like-form")
    assert like_form.get("method") == "post"
    assert like_form.get("action") == f"{liked.absolute_url()}/@@social-like"
    assert one(like_form, "input[name=_authenticator]").get("value")
    assert one(like_form, "input[name=action]").get("value") == "unlike"
    button = one(like_form, ".ospa-like-button")
    assert button.get("aria-pressed") == "true"
    assert button.text_content().strip() == "Recommended"
    assert one(bar, ".ospa-like-count").text == "2"
    summary = one(bar, "details.ospa-likers > summary").text_content().split()
    assert summary == ["2", "recommendations"]

    likers = one(bar, "details.ospa-likers")
    names = {a.text: a.get("href") for a in likers.cssselect(".ospa-likers-list a")}
    assert names == {
        "Anna Albers": f"{site.absolute_url()}/author/anna",
        "Bert Behrens": f"{site.absolute_url()}/author/bert",
    }

    comments = one(bar, "a.ospa-comment-count")
    assert comments.get("href") == f"{liked.absolute_url()}#comments"
    assert comments.text_content().split() == ["0", "comments"]

    follow = one(bar, "[data-ospa-follow]")
    assert follow.get("data-kind") == "content"
    assert follow.get("data-target") == liked.UID()
    follow_form = one(follow, "form.ospa-follow-form")
    assert follow_form.get("action") == f"{site.absolute_url()}/@@social-follow"
    assert one(follow_form, "input[name=action]").get("value") == "follow"
    assert one(follow_form, "input[name=came_from]").get("value") == (
        liked.absolute_url()
    )
    assert one(follow, ".ospa-followers").text_content().split() == ["1", "follower"]
    assert not bar.cssselect(".ospa-login-link")


def test_the_liker_list_stops_at_twenty(browse, site, site_news):
    with api.env.adopt_roles(["Manager"]):
        for number in range(22):
            api.user.create(
                email=f"liker{number:02}@example.org",
                username=f"liker{number:02}",
                password=PASSWORD,
            )
    for number in range(22):
        with as_user(f"liker{number:02}"):
            likes.like(site_news)
    transaction.commit()
    tree = parse(browse("anna").get(site_news.absolute_url(), timeout=30))
    assert one(tree, ".ospa-like-count").text == "22"
    assert len(tree.cssselect(".ospa-likers-list li")) == 20


def test_anonymous_visitors_see_counts_but_no_buttons(browse, liked):
    tree = parse(browse().get(liked.absolute_url(), timeout=30))
    bar = one(tree, ".ospa-social-bar")
    assert one(bar, ".ospa-like-count").text == "2"
    assert one(bar, ".ospa-followers-count").text == "1"
    assert not bar.cssselect("form")
    assert not bar.cssselect("button")
    login = one(bar, "a.ospa-login-link")
    assert "/login?came_from=" in login.get("href")


def test_a_user_without_member_role_sees_no_buttons(browse, liked):
    tree = parse(browse("nomember").get(liked.absolute_url(), timeout=30))
    bar = one(tree, ".ospa-social-bar")
    assert one(bar, ".ospa-like-count").text == "2"
    assert not bar.cssselect("form")
    assert not bar.cssselect(".ospa-login-link")


def test_content_that_is_not_social_has_no_bar(browse, site):
    tree = parse(browse("anna").get(site["ablage"].absolute_url(), timeout=30))
    assert not tree.cssselect(".ospa-social-bar")


def test_the_bundle_is_on_the_page(browse, site_news):
    page = browse("anna").get(site_news.absolute_url(), timeout=30).text
    assert "++plone++ospa.social/social.js" in page
    assert "++plone++ospa.social/social.css" in page


# The author page


def test_the_author_page_offers_to_follow_someone_else(browse, site):
    with as_user("bert"):
        following.follow("user", "anna")
    transaction.commit()
    tree = parse(browse("chef").get(f"{site.absolute_url()}/author/anna", timeout=30))
    box = one(tree, "#ospa-author-follow")
    assert box.get("data-userid") == "anna"
    follow = one(box, "[data-ospa-follow]")
    assert (follow.get("data-kind"), follow.get("data-target")) == ("user", "anna")
    assert one(box, "input[name=action]").get("value") == "follow"
    assert one(box, "input[name=came_from]").get("value") == (
        f"{site.absolute_url()}/author/anna"
    )
    assert one(box, ".ospa-followers-count").text == "1"

    tree = parse(browse("bert").get(f"{site.absolute_url()}/author/anna", timeout=30))
    assert one(tree, "#ospa-author-follow input[name=action]").get("value") == (
        "unfollow"
    )


def test_no_follow_button_on_my_own_author_page(browse, site):
    tree = parse(browse("anna").get(f"{site.absolute_url()}/author/anna", timeout=30))
    box = one(tree, "#ospa-author-follow")
    assert not box.cssselect("form")
    assert one(box, ".ospa-followers-count").text == "0"


def test_no_follow_button_for_anonymous_or_unknown_users(browse, site):
    api.portal.set_registry_record("plone.allow_anon_views_about", True)
    transaction.commit()
    tree = parse(browse().get(f"{site.absolute_url()}/author/anna", timeout=30))
    assert one(tree, "h1.documentFirstHeading").text == "Anna Albers"
    assert not tree.cssselect("#ospa-author-follow")
    tree = parse(browse("anna").get(f"{site.absolute_url()}/author/nobody", timeout=30))
    assert not tree.cssselect("#ospa-author-follow")


def test_a_user_without_member_role_sees_only_the_count(browse, site):
    tree = parse(
        browse("nomember").get(f"{site.absolute_url()}/author/anna", timeout=30)
    )
    box = one(tree, "#ospa-author-follow")
    assert not box.cssselect("form")
    assert one(box, ".ospa-followers-count").text == "0"


# @@following


def test_following_needs_a_login(browse, site):
    response = browse().get(
        f"{site.absolute_url()}/@@following", allow_redirects=False, timeout=30
    )
    assert response.status_code == 302
    assert "require_login" in response.headers["Location"]


def test_following_lists_what_i_follow_by_kind(browse, site, site_news):
    with api.env.adopt_roles(["Manager"]):
        site_news.setSubject(["Kantine"])
        site_news.reindexObject()
    with as_user("anna"):
        following.follow("user", "bert")
        following.follow("content", site_news.UID())
        following.follow("tag", "Kantine")
    transaction.commit()
    tree = parse(browse("anna").get(f"{site.absolute_url()}/@@following", timeout=30))
    groups = tree.cssselect(".ospa-following-group")
    assert [group.get("data-kind") for group in groups] == ["user", "tag", "content"]
    assert [group.cssselect("h2")[0].text for group in groups] == [
        "People",
        "Tags",
        "Content",
    ]
    people = one(tree, "#ospa-following-user")
    assert one(people, ".ospa-following-link").text == "Bert Behrens"
    content = one(tree, "#ospa-following-content")
    link = one(content, ".ospa-following-link")
    assert (link.text, link.get("href")) == ("Kantine", site_news.absolute_url())
    form = one(content, "form.ospa-follow-form")
    assert one(form, "input[name=action]").get("value") == "unfollow"
    assert one(form, "input[name=target]").get("value") == site_news.UID()
    assert one(form, "input[name=came_from]").get("value") == (
        f"{site.absolute_url()}/@@following"
    )
    assert one(tree, "#ospa-following-tag .ospa-following-link").text == "#Kantine"
    assert not tree.cssselect(".ospa-following-empty")


def test_following_nothing_says_so(browse, site):
    tree = parse(browse("bert").get(f"{site.absolute_url()}/@@following", timeout=30))
    assert one(tree, ".ospa-following-empty").text == "You do not follow anything yet."
    assert not tree.cssselect(".ospa-following-group")


# Comments


def test_mentions_and_hashtags_in_comments_are_links(browse, site, site_news):
    comment_id = add_comment(
        site_news, "anna", "Hallo @bert, siehe #Kantine <b>und</b> @niemand."
    )
    tree = parse(browse("anna").get(site_news.absolute_url(), timeout=30))
    assert one(tree, "#comments .pat-discussion") is not None
    body = one(tree, f".comment[id='{comment_id}'] .comment-body")
    mention = one(body, "a.ospa-mention")
    assert mention.get("href") == f"{site.absolute_url()}/author/bert"
    assert mention.text == "@bert"
    assert one(body, "a.ospa-hashtag").text == "#Kantine"
    # Typed markup stays text; an unknown user stays text.
    assert not body.cssselect("b")
    assert "<b>und</b>" in body.text_content()
    assert "@niemand." in body.text_content()
    # The comment count of the social bar counts it.
    assert one(tree, ".ospa-comment-count-number").text == "1"


def test_comments_in_other_formats_are_left_to_plone(browse, site_news):
    comment_id = add_comment(
        site_news, "anna", "Hallo **@bert**", "text/x-web-markdown"
    )
    tree = parse(browse("anna").get(site_news.absolute_url(), timeout=30))
    body = one(tree, f".comment[id='{comment_id}'] .comment-body")
    assert not body.cssselect("a.ospa-mention")
    assert body.cssselect("strong")


def test_managers_keep_their_comment_actions(browse, site_news):
    comment_id = add_comment(site_news, "anna", "Hallo @bert")
    tree = parse(browse("chef").get(site_news.absolute_url(), timeout=30))
    comment = one(tree, f".comment[id='{comment_id}']")
    assert one(comment, "a.ospa-mention").text == "@bert"
    # Permission checks and workflow on the proxied comment still work.
    assert comment.cssselect(f"form#delete-{comment_id}")
    assert "state-published" in comment.get("class")
    # The author's own delete button is shown to them as well.
    tree = parse(browse("anna").get(site_news.absolute_url(), timeout=30))
    one(tree, f".comment[id='{comment_id}'] a.ospa-mention")
