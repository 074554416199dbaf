"""``@@social-like`` over HTTP: POST only, CSRF, roles, errors, redirects."""

from ospa.social.likes import api as likes
from ospa.social.testing import JSON
from ospa.social.testing import send
from ospa.social.testing import sync
from ospa.social.testing import token_for
from ospa.social.testing import token_of
from urllib.parse import unquote
import pytest


@pytest.fixture
def like_url(site_news):
    return f"{site_news.absolute_url()}/@@social-like"


def count(site_news):
    sync()
    return likes.count(site_news)


def test_get_is_refused(browse, site_news, like_url):
    anna = browse("anna")
    response = anna.get(like_url, params={"action": "like"}, timeout=30)
    assert response.status_code == 405
    assert response.headers["Allow"] == "POST"
    # HTML only, also when asked for JSON: the REST service is @likes.
    response = anna.get(like_url, headers=JSON, timeout=30)
    assert response.status_code == 405
    assert response.headers["Content-Type"].startswith("text/plain")
    assert response.text == "Send this form with POST."
    assert count(site_news) == 0


def test_post_without_csrf_token_changes_nothing(browse, site_news, like_url):
    anna = browse("anna")
    response = anna.post(like_url, data={"action": "like"}, timeout=30)
    assert response.status_code == 403
    response = anna.post(
        like_url, data={"action": "like", "_authenticator": "0" * 40}, timeout=30
    )
    assert response.status_code == 403
    assert count(site_news) == 0


def test_another_users_token_is_refused(browse, site, site_news, like_url):
    bert_token = token_for(browse("bert"), site.absolute_url())
    response = browse("anna").post(
        like_url, data={"action": "like", "_authenticator": bert_token}, timeout=30
    )
    assert response.status_code == 403
    assert count(site_news) == 0


def test_a_member_recommends_without_javascript(browse, site_news, like_url):
    anna = browse("anna")
    token = token_of(anna, site_news.absolute_url())
    response = send(anna, like_url, token, action="like")
    assert response.status_code == 303
    assert response.headers["Location"] == site_news.absolute_url()
    assert count(site_news) == 1
    # The page we are sent back to says so, and the button has flipped.
    page = anna.get(response.headers["Location"], timeout=30).text
    assert "You recommend “Kantine”." in page
    assert 'class="ospa-like-count">1<' in page
    assert 'name="action" type="hidden" value="unlike"' in page

    response = send(anna, like_url, token, action="unlike")
    assert response.status_code == 303
    assert count(site_news) == 0


def test_a_member_recommends_as_the_script_does(browse, site, site_news):
    """social.js sends the like form to @likes and lists the likers it shows
    with GET @likes."""
    anna = browse("anna")
    url = f"{site_news.absolute_url()}/@likes"
    response = anna.post(url, headers=JSON, timeout=30)
    assert response.status_code == 200
    assert response.json() == {"@id": url, "count": 1, "liked": True, "can_like": True}
    listed = anna.get(url, headers=JSON, timeout=30).json()
    assert [(p["id"], p["fullname"], p["url"]) for p in listed["items"]] == [
        ("anna", "Anna Albers", f"{site.absolute_url()}/author/anna")
    ]
    response = anna.delete(url, headers=JSON, timeout=30)
    assert response.json()["count"] == 0
    assert response.json()["liked"] is False
    assert anna.get(url, headers=JSON, timeout=30).json()["items"] == []
    assert count(site_news) == 0


@pytest.mark.parametrize("headers", [JSON, {"X-Requested-With": "XMLHttpRequest"}])
def test_the_like_form_answers_html_only(browse, site_news, like_url, headers):
    anna = browse("anna")
    token = token_of(anna, site_news.absolute_url())
    response = send(anna, like_url, token, headers=headers, action="like")
    assert response.status_code == 303
    assert response.headers["Location"] == site_news.absolute_url()
    assert not response.headers.get("Content-Type", "").startswith("application/json")
    page = anna.get(response.headers["Location"], timeout=30).text
    assert "You recommend “Kantine”." in page
    assert count(site_news) == 1


def test_a_manager_recommends(browse, site, site_news, like_url):
    chef = browse("chef")
    token = token_for(chef, site.absolute_url())
    response = send(chef, like_url, token, action="like")
    assert response.status_code == 303
    assert count(site_news) == 1


def test_anonymous_is_sent_to_log_in(browse, site, site_news, like_url):
    anonymous = browse()
    token = token_for(anonymous, site.absolute_url())
    response = send(anonymous, like_url, token, action="like")
    # Plone's challenge: to the login form, back here afterwards.
    assert response.status_code == 302
    assert "require_login" in response.headers["Location"]
    assert count(site_news) == 0
    response = send(anonymous, like_url, token, as_json=True, action="like")
    assert response.status_code == 401
    assert count(site_news) == 0


def test_a_user_without_member_role_may_not_recommend(
    browse, site, site_news, like_url
):
    nomember = browse("nomember")
    token = token_for(nomember, site.absolute_url())
    response = send(nomember, like_url, token, action="like")
    # Plone's challenge for a logged-in user: "insufficient privileges".
    assert response.status_code == 302
    assert "require_login" in response.headers["Location"]
    assert count(site_news) == 0
    response = nomember.post(
        like_url,
        data={"action": "like", "_authenticator": token},
        headers=JSON,
        timeout=30,
    )
    assert response.status_code == 401
    assert count(site_news) == 0


def test_content_that_cannot_be_recommended_is_an_error_message(browse, site):
    folder = site["ablage"]
    anna = browse("anna")
    token = token_for(anna, site.absolute_url())
    response = send(
        anna, f"{folder.absolute_url()}/@@social-like", token, action="like"
    )
    assert response.status_code == 303
    assert response.headers["Location"] == folder.absolute_url()
    page = anna.get(response.headers["Location"], timeout=30)
    assert page.status_code == 200
    assert "This item cannot be recommended." in page.text
    assert "alert-danger" in page.text or "portalMessage error" in page.text

    # The same message from the service the script calls.
    response = anna.post(f"{folder.absolute_url()}/@likes", headers=JSON, timeout=30)
    assert response.status_code == 400
    assert response.json()["message"] == "This item cannot be recommended."


def test_an_unknown_action_is_an_error_not_a_crash(browse, site_news, like_url):
    anna = browse("anna")
    token = token_of(anna, site_news.absolute_url())
    response = send(anna, like_url, token, action="explode")
    assert response.status_code == 303
    response = send(anna, like_url, token, as_json=True)
    assert response.status_code == 303
    page = anna.get(response.headers["Location"], timeout=30).text
    assert "Unknown action None: use like / unlike." in page
    assert count(site_news) == 0


@pytest.mark.parametrize(
    "came_from",
    [
        "https://evil.example.org/plone/kantine",
        "//evil.example.org/",
        "javascript:alert(1)",
        "http://localhost:1/plone",
    ],
)
def test_came_from_elsewhere_is_ignored(browse, site_news, like_url, came_from):
    anna = browse("anna")
    token = token_of(anna, site_news.absolute_url())
    response = send(anna, like_url, token, action="like", came_from=came_from)
    assert response.status_code == 303
    assert response.headers["Location"] == site_news.absolute_url()


def test_came_from_in_the_site_is_followed(browse, site, site_news, like_url):
    anna = browse("anna")
    token = token_of(anna, site_news.absolute_url())
    came_from = f"{site.absolute_url()}/ablage"
    response = send(anna, like_url, token, action="like", came_from=came_from)
    assert response.status_code == 303
    assert unquote(response.headers["Location"]) == came_from
