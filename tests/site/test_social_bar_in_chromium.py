"""An employee recommends, comments, follows and unfollows in Chromium.

The demo intranet may already hold recommendations and follows (the demo
profile leaves some): the fixture makes sure our employee neither
recommends nor follows the news item before the test starts.
"""

from ospa.social import testing
from ospa.social.demo import data
from ospa.social.demo.builder import DEMO_PASSWORD
from ospa.social.following import api as following
from ospa.social.likes import api as likes
from playwright.sync_api import expect
from plone import api
import pytest
import re
import transaction


EMPLOYEE = data.EMPLOYEES[0]  # Hauke Brandt
COLLEAGUE = data.EMPLOYEES[1]  # Frauke Petersen
NEWS = data.NEWS[0]


@pytest.fixture
def news(demo_site):
    """A demo news item our employee neither recommends nor follows yet."""
    item = demo_site[data.NEWS_FOLDER["id"]][NEWS["id"]]
    with api.env.adopt_user(username=EMPLOYEE["id"]):
        likes.unlike(item)
        following.unfollow("content", item.UID())
        following.unfollow("user", COLLEAGUE["id"])
    transaction.commit()
    return item


@pytest.fixture
def page_without_javascript(chromium, acceptance):
    context = chromium.new_context(
        locale="de-DE",
        viewport={"width": 1280, "height": 900},
        java_script_enabled=False,
    )
    context.set_default_timeout(15_000)
    page = context.new_page()
    yield page
    context.close()


def log_in(page, site_url, person=EMPLOYEE):
    testing.log_in(page, site_url, person["id"], DEMO_PASSWORD, person["fullname"])


def mark_page(page):
    """A marker that a reload or navigation would lose."""
    page.evaluate("window.__ospaMarker = 1")


def still_same_page(page) -> bool:
    return page.evaluate("window.__ospaMarker") == 1


def committed(obj):
    """See what the server committed."""
    transaction.abort()
    return obj


def test_an_employee_recommends_comments_follows_and_unfollows(page, news):
    site_url = api.portal.get().absolute_url()
    news_url = news.absolute_url()
    log_in(page, site_url)
    page.goto(news_url)

    bar = page.locator("#ospa-social-bar")
    like = bar.locator("[data-ospa-like]")
    count = like.locator(".ospa-like-count")
    before = int(count.inner_text())
    button = like.locator(".ospa-like-button")
    expect(button).to_have_attribute("aria-pressed", "false")

    # Recommend: the count goes up by one, and the page stays.
    mark_page(page)
    button.click()
    expect(count).to_have_text(str(before + 1))
    noun = like.locator(".ospa-count-noun")
    expect(noun).to_have_text(
        noun.get_attribute("data-one" if before + 1 == 1 else "data-other")
    )
    expect(button).to_have_attribute("aria-pressed", "true")
    expect(button.locator(".ospa-like-label")).to_have_text(
        button.get_attribute("data-label-on")
    )
    assert still_same_page(page)
    assert page.url == news_url
    assert likes.is_liked(committed(news), EMPLOYEE["id"])

    # The likers popover names me, linking to my author page.
    like.locator("details.ospa-likers > summary").click()
    me = like.locator(".ospa-likers-list a", has_text=EMPLOYEE["fullname"])
    expect(me).to_be_visible()
    assert me.get_attribute("href") == f"{site_url}/author/{EMPLOYEE['id']}"
    assert still_same_page(page)

    # A comment mentioning a colleague shows the mention as a link.
    page.fill("#form-widgets-comment-text", f"Danke @{COLLEAGUE['id']} für die Info!")
    page.click("#form-buttons-comment")
    mention = page.locator(
        ".comment-body a.ospa-mention", has_text=f"@{COLLEAGUE['id']}"
    ).last
    expect(mention).to_be_visible()
    assert mention.get_attribute("href") == f"{site_url}/author/{COLLEAGUE['id']}"

    # Follow the news item: the button flips without a reload.
    page.goto(news_url)
    follow = page.locator("#ospa-social-bar [data-ospa-follow]")
    follow_button = follow.locator(".ospa-follow-button")
    followers = int(follow.locator(".ospa-followers-count").inner_text())
    mark_page(page)
    follow_button.click()
    expect(follow).to_have_attribute("data-following", "true")
    expect(follow_button.locator(".ospa-follow-label")).to_have_text(
        follow_button.get_attribute("data-label-on")
    )
    expect(follow.locator(".ospa-followers-count")).to_have_text(str(followers + 1))
    assert still_same_page(page)
    assert following.is_following(
        "content", committed(news).UID(), userid=EMPLOYEE["id"]
    )

    # Follow the colleague from their author page, reached through the mention.
    page.locator(".comment-body a.ospa-mention").last.click()
    page.wait_for_url(f"{site_url}/author/{COLLEAGUE['id']}")
    person = page.locator("#ospa-author-follow [data-ospa-follow]")
    mark_page(page)
    person.locator(".ospa-follow-button").click()
    expect(person).to_have_attribute("data-following", "true")
    assert still_same_page(page)

    # The Following page lists both; unfollowing the news item works there.
    page.goto(f"{site_url}/@@following")
    expect(
        page.locator("#ospa-following-user .ospa-following-link").filter(
            has_text=COLLEAGUE["fullname"]
        )
    ).to_be_visible()
    item = page.locator(f'.ospa-following-item[data-target="{news.UID()}"]')
    expect(item.locator(".ospa-following-link")).to_have_text(news.Title())
    mark_page(page)
    item.locator(".ospa-follow-button").click()
    expect(item.locator("[data-ospa-follow]")).to_have_attribute(
        "data-following", "false"
    )
    expect(item).to_have_class(re.compile(r"\bospa-unfollowed\b"))
    assert still_same_page(page)
    assert not following.is_following(
        "content", committed(news).UID(), userid=EMPLOYEE["id"]
    )
    page.reload()
    expect(
        page.locator(f'.ospa-following-item[data-target="{news.UID()}"]')
    ).to_have_count(0)


def test_recommending_works_without_javascript(page_without_javascript, news):
    page = page_without_javascript
    site_url = api.portal.get().absolute_url()
    log_in(page, site_url)
    page.goto(news.absolute_url())
    count = page.locator("#ospa-social-bar .ospa-like-count")
    before = int(count.inner_text())

    page.click("#ospa-social-bar .ospa-like-button")

    # A plain POST, then back to the item with a message.
    page.wait_for_load_state()
    assert page.url == news.absolute_url()
    expect(count).to_have_text(str(before + 1))
    button = page.locator("#ospa-social-bar .ospa-like-button")
    expect(button).to_have_attribute("aria-pressed", "true")
    expect(page.locator("#global_statusmessage")).to_contain_text(news.Title())
    assert likes.is_liked(committed(news), EMPLOYEE["id"])


def test_an_error_is_shown_in_place(page, news):
    """A refused follow (here: a target that does not exist) says why, in place."""
    site_url = api.portal.get().absolute_url()
    log_in(page, site_url)
    page.goto(news.absolute_url())
    follow = page.locator("#ospa-social-bar [data-ospa-follow]")
    follow.locator('input[name="target"]').evaluate("input => input.value = 'gone'")
    mark_page(page)
    follow.locator(".ospa-follow-button").click()
    expect(follow.locator(".ospa-social-error[role=alert]")).to_contain_text("gone")
    expect(follow).to_have_attribute("data-following", "false")
    assert still_same_page(page)
