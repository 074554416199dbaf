"""The stream in a real browser: a question with a mention and a hashtag is
answered and the answer accepted; "load more" and the new-posts banner.

Two colleagues of the demo intranet, each in a browser context of their
own. What the test sets up besides the demo is made through the Python API
and committed before the browsers look.
"""

from ospa.social import testing
from ospa.social.demo import data
from ospa.social.demo.builder import DEMO_PASSWORD
from ospa.social.stream import posts
from playwright.sync_api import expect
from plone import api
import re
import transaction


ASKER = data.EMPLOYEES[0]  # Hauke Brandt
HELPER = data.EMPLOYEES[1]  # Frauke Petersen


def log_in(page, site_url, person):
    testing.log_in(page, site_url, person["id"], DEMO_PASSWORD, person["fullname"])


def mark_page(page):
    """A marker that a reload or navigation would lose."""
    page.evaluate("window.__ospaMarker = 1")


def still_same_page(page) -> bool:
    return page.evaluate("window.__ospaMarker") == 1


def post_as(userid, container, text, **kwargs):
    with api.env.adopt_user(username=userid):
        return posts.create(container, text, **kwargs)


def test_a_question_is_answered_and_the_answer_accepted(page, second_page, demo_site):
    site_url = demo_site.absolute_url()
    stream_url = f"{site_url}/@@stream"
    log_in(page, site_url, ASKER)
    page.goto(stream_url)
    mark_page(page)

    # Hauke asks, mentioning Frauke through the autocomplete.
    composer = page.locator("#ospa-stream-composer")
    text = composer.locator("textarea[name=text]")
    text.click()
    text.press_sequentially("Wer kennt sich mit #KI2026 aus? Vielleicht @Frau")
    option = page.locator(f'#ospa-mention-list [data-userid="{HELPER["id"]}"]')
    expect(option).to_be_visible()
    expect(option.locator(".ospa-mention-name")).to_have_text(HELPER["fullname"])
    option.click()
    expect(text).to_have_value(
        f"Wer kennt sich mit #KI2026 aus? Vielleicht @{HELPER['id']} "
    )
    text.press_sequentially("weiß es?")
    composer.locator("input[name=question]").check()
    composer.locator("button.ospa-stream-submit").click()

    # The question appears on top, in place, with its links.
    question = page.locator("#ospa-stream-items > article").first
    expect(question).to_have_attribute("data-question-state", "open")
    expect(question.locator(".ospa-stream-text")).to_contain_text("weiß es?")
    mention = question.locator("a.ospa-mention")
    expect(mention).to_have_text(f"@{HELPER['id']}")
    expect(mention).to_have_attribute("href", f"{site_url}/author/{HELPER['id']}")
    hashtag = question.locator("a.ospa-hashtag")
    expect(hashtag).to_have_text("#KI2026")
    expect(hashtag).to_have_attribute("href", f"{site_url}/@@hashtag/KI2026")
    expect(text).to_have_value("")
    assert still_same_page(page)
    uid = question.get_attribute("data-uid")

    # Frauke answers from her own stream.
    helper = second_page
    log_in(helper, site_url, HELPER)
    helper.goto(stream_url)
    thread = helper.locator(f'article[data-uid="{uid}"]')
    thread.locator(".ospa-stream-reply-form textarea").fill("Ich! Frag mich morgen.")
    thread.locator(".ospa-stream-reply-button").click()
    reply = helper.locator(f'article[data-uid="{uid}"] li.ospa-stream-reply')
    expect(reply).to_have_count(1)
    expect(reply.locator(".ospa-stream-text")).to_have_text("Ich! Frag mich morgen.")
    expect(reply.locator(".ospa-stream-actor")).to_have_text(HELPER["fullname"])
    # Only the asker accepts.
    expect(reply.locator(".ospa-stream-accept")).to_have_count(0)

    # Hauke sees the reply after a reload and accepts it.
    page.reload()
    mark_page(page)
    thread = page.locator(f'article[data-uid="{uid}"]')
    reply = thread.locator("li.ospa-stream-reply")
    expect(reply.locator(".ospa-stream-text")).to_have_text("Ich! Frag mich morgen.")
    reply.locator("button.ospa-stream-accept").click()
    thread = page.locator(f'article[data-uid="{uid}"]')
    expect(thread).to_have_attribute("data-question-state", "answered")
    reply = thread.locator("li.ospa-stream-reply")
    expect(reply).to_have_attribute("data-accepted", "true")
    expect(reply).to_have_class(re.compile(r"\bospa-stream-accepted\b"))
    expect(reply.locator(".ospa-stream-accepted-badge")).to_be_visible()
    expect(reply.locator("button.ospa-stream-withdraw")).to_be_visible()
    assert still_same_page(page)

    # The hashtag leads to its page, which lists the question.
    thread.locator("a.ospa-hashtag").click()
    page.wait_for_url(f"{site_url}/@@hashtag/KI2026")
    expect(page.locator(f'article[data-uid="{uid}"]')).to_be_visible()
    expect(page.locator("h1.documentFirstHeading")).to_have_text("#KI2026")

    # What the server stored.
    transaction.abort()
    with api.env.adopt_roles(["Manager"]):
        stored = api.content.get(UID=uid)
        assert stored.question
        assert stored.accepted_answer == reply.get_attribute("data-uid")


def test_load_more_and_the_new_posts_banner(page, demo_site):
    site_url = demo_site.absolute_url()
    stream = demo_site["stream"]
    oldest = post_as(HELPER["id"], stream, "Der allererste Beitrag dieses Tests")
    for number in range(24):
        post_as(HELPER["id"], stream, f"Beitrag Nummer {number}")
    transaction.commit()

    log_in(page, site_url, ASKER)
    page.goto(f"{site_url}/@@stream")
    mark_page(page)
    items = page.locator("#ospa-stream-items > article")
    expect(items).to_have_count(20)
    expect(page.locator(f'article[data-uid="{oldest.UID()}"]')).to_have_count(0)

    # "Load more" appends the next page in place.
    more = page.locator("a#ospa-stream-more")
    assert re.search(r"\?before=\d+(\.\d+)?$", more.get_attribute("href"))
    more.click()
    expect(page.locator(f'article[data-uid="{oldest.UID()}"]')).to_be_visible()
    assert items.count() > 20
    uids = [item.get_attribute("data-uid") for item in items.all()]
    assert len(uids) == len(set(uids))
    assert still_same_page(page)

    # Someone else posts; polling every second now, the banner says so.
    page.evaluate("document.getElementById('ospa-stream').dataset.pollSeconds = '1'")
    banner = page.locator("#ospa-stream-banner")
    expect(banner).to_be_hidden()
    newest = post_as(HELPER["id"], stream, "Ganz frisch aus der Presse")
    transaction.commit()
    expect(banner).to_be_visible()
    expect(banner).to_have_attribute("data-count", "1")
    banner.locator("button").click()
    expect(banner).to_be_hidden()
    expect(items.first).to_have_attribute("data-uid", newest.UID())
    expect(items.first.locator(".ospa-stream-text")).to_have_text(
        "Ganz frisch aus der Presse"
    )
    assert still_same_page(page)
