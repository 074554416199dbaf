"""``@@social-follow`` over HTTP: POST only, CSRF, roles, errors, redirects."""

from ospa.social.following import api as following
from ospa.social.testing import JSON
from ospa.social.testing import send
from ospa.social.testing import sync
from ospa.social.testing import token_for
from plone import api
import pytest
import transaction


@pytest.fixture
def follow_url(site):
    return f"{site.absolute_url()}/@@social-follow"


def follows(userid, kind, target):
    sync()
    return following.is_following(kind, target, userid=userid)


def rest_follow(session, site, kind, target, action="follow"):
    """The follow form as social.js sends it: to @following."""
    method = "POST" if action == "follow" else "DELETE"
    return session.request(
        method,
        f"{site.absolute_url()}/@following",
        json={"kind": kind, "target": target},
        headers=JSON,
        timeout=30,
    )


def form(token, kind, target, action="follow", **extra):
    return {
        "_authenticator": token,
        "kind": kind,
        "target": target,
        "action": action,
        **extra,
    }


def post_follow(session, url, token, kind, target, action="follow", **extra):
    """The follow form sent as a browser sends it (no redirect followed)."""
    return send(session, url, token, kind=kind, target=target, action=action, **extra)


def test_get_is_refused(browse, site_news, follow_url):
    response = browse("anna").get(
        follow_url,
        params={"kind": "content", "target": site_news.UID(), "action": "follow"},
        timeout=30,
    )
    assert response.status_code == 405
    assert response.headers["Allow"] == "POST"
    assert not follows("anna", "content", site_news.UID())


def test_post_without_csrf_token_changes_nothing(browse, site_news, follow_url):
    data = form("", "content", site_news.UID())
    del data["_authenticator"]
    response = browse("anna").post(follow_url, data=data, timeout=30)
    assert response.status_code == 403
    assert not follows("anna", "content", site_news.UID())


def test_a_member_follows_content_and_goes_back(browse, site, site_news, follow_url):
    anna = browse("anna")
    token = token_for(anna, site.absolute_url())
    came_from = site_news.absolute_url()
    fields = {"kind": "content", "target": site_news.UID(), "came_from": came_from}
    response = send(anna, follow_url, token, action="follow", **fields)
    assert response.status_code == 303
    assert response.headers["Location"] == came_from
    assert follows("anna", "content", site_news.UID())
    page = anna.get(came_from, timeout=30).text
    assert "You follow Kantine now." in page
    assert 'class="ospa-followers-count">1<' in page

    response = send(anna, follow_url, token, action="unfollow", **fields)
    assert response.status_code == 303
    assert not follows("anna", "content", site_news.UID())


def test_a_member_follows_a_person_as_the_script_does(browse, site):
    anna = browse("anna")
    response = rest_follow(anna, site, "user", "bert")
    assert response.status_code == 200
    assert response.json() == {
        "kind": "user",
        "target": "bert",
        "following": True,
        "followers_count": 1,
    }
    response = rest_follow(anna, site, "user", "bert", "unfollow")
    assert response.json()["following"] is False
    assert response.json()["followers_count"] == 0
    assert not follows("anna", "user", "bert")


@pytest.mark.parametrize("headers", [JSON, {"X-Requested-With": "XMLHttpRequest"}])
def test_the_follow_form_answers_html_only(browse, site, follow_url, headers):
    anna = browse("anna")
    token = token_for(anna, site.absolute_url())
    response = anna.post(
        follow_url,
        data=form(token, "user", "bert"),
        headers=headers,
        allow_redirects=False,
        timeout=30,
    )
    assert response.status_code == 303
    assert response.headers["Location"] == f"{site.absolute_url()}/author/bert"
    assert not response.headers.get("Content-Type", "").startswith("application/json")
    assert follows("anna", "user", "bert")


def test_a_manager_follows(browse, site, follow_url):
    chef = browse("chef")
    token = token_for(chef, site.absolute_url())
    response = post_follow(chef, follow_url, token, "user", "anna")
    assert response.status_code == 303
    assert follows("chef", "user", "anna")


def test_anonymous_is_sent_to_log_in(browse, site, site_news, follow_url):
    anonymous = browse()
    token = token_for(anonymous, site.absolute_url())
    response = post_follow(anonymous, follow_url, token, "content", site_news.UID())
    assert response.status_code == 302
    assert "require_login" in response.headers["Location"]
    response = anonymous.post(
        follow_url,
        data=form(token, "content", site_news.UID()),
        headers=JSON,
        timeout=30,
    )
    assert response.status_code == 401


def test_a_user_without_member_role_may_not_follow(browse, site, follow_url):
    nomember = browse("nomember")
    token = token_for(nomember, site.absolute_url())
    response = post_follow(nomember, follow_url, token, "user", "anna")
    assert response.status_code == 302
    assert "require_login" in response.headers["Location"]
    response = nomember.post(
        follow_url, data=form(token, "user", "anna"), headers=JSON, timeout=30
    )
    assert response.status_code == 401
    assert not follows("nomember", "user", "anna")


def test_following_yourself_is_an_error_message(browse, site, follow_url):
    anna = browse("anna")
    token = token_for(anna, site.absolute_url())
    came_from = f"{site.absolute_url()}/author/anna"
    response = post_follow(anna, follow_url, token, "user", "anna", came_from=came_from)
    assert response.status_code == 303
    assert response.headers["Location"] == came_from
    page = anna.get(came_from, timeout=30)
    assert page.status_code == 200
    assert "You cannot follow yourself." in page.text
    assert not follows("anna", "user", "anna")


@pytest.mark.parametrize(
    ("kind", "target", "message"),
    [
        ("planet", "mars", "Unknown kind planet"),
        ("user", "nobody-here", "There is no user nobody-here."),
        ("content", "not-a-uid", "There is no content with the UID not-a-uid"),
        ("tag", "never-used", "No content you can see is tagged never-used."),
        ("user", "", "a target is missing"),
    ],
)
def test_bad_targets_are_a_400_with_the_message(
    browse, site, follow_url, kind, target, message
):
    anna = browse("anna")
    token = token_for(anna, site.absolute_url())
    response = rest_follow(anna, site, kind, target)
    assert response.status_code == 400
    assert message in response.json()["message"]
    # Without JavaScript: an error message on the page we are sent to.
    response = anna.post(follow_url, data=form(token, kind, target), timeout=30)
    assert response.status_code == 200
    assert message in response.text


def test_an_unknown_action_is_an_error_message(browse, site, follow_url):
    anna = browse("anna")
    token = token_for(anna, site.absolute_url())
    response = anna.post(
        follow_url,
        data=form(token, "user", "bert", "befriend"),
        headers=JSON,
        timeout=30,
    )
    assert response.status_code == 200
    assert "Unknown action befriend: use follow / unfollow." in response.text
    assert not follows("anna", "user", "bert")


@pytest.mark.parametrize(
    "came_from",
    [
        "https://evil.example.org/plone/author/bert",
        "//evil.example.org/plone",
        "data:text/html,hello",
    ],
)
def test_came_from_elsewhere_is_ignored(browse, site, follow_url, came_from):
    anna = browse("anna")
    token = token_for(anna, site.absolute_url())
    response = post_follow(anna, follow_url, token, "user", "bert", came_from=came_from)
    assert response.status_code == 303
    # Back to what was followed instead: bert's author page.
    assert response.headers["Location"] == f"{site.absolute_url()}/author/bert"
    assert follows("anna", "user", "bert")


def test_following_a_tag(browse, site, site_news, follow_url):
    with api.env.adopt_roles(["Manager"]):
        site_news.setSubject(["Kantine"])
        site_news.reindexObject()
    transaction.commit()
    anna = browse("anna")
    response = rest_follow(anna, site, "tag", "#Kantine")
    assert response.status_code == 200
    assert response.json()["following"] is True
    assert response.json()["target"] == "Kantine"
    assert follows("anna", "tag", "Kantine")
