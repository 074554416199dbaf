"""Ideas in a real browser: an employee submits an idea through the add
form, two colleagues support it, a reviewer accepts it with an official
answer, and the author sees the new status and the answer.

Four people, each in a browser context of their own; the idea box and the
people are made through the Python API and committed before the browsers
look. Status texts may be translated: the checks read the status from the
pages' data attributes and compare texts with the catalogue's.
"""

from ospa.social import testing
from ospa.social.ideas import api as ideas
from playwright.sync_api import expect
from plone import api
from zope.i18n import translate
import pytest
import re
import transaction


PASSWORD = "secret-ideas-123"
AUTHOR = {"id": "hanna", "fullname": "Hanna Hansen"}
SUPPORTERS = (
    {"id": "ole", "fullname": "Ole Olsen"},
    {"id": "pia", "fullname": "Pia Peters"},
)
REVIEWER = {"id": "rieke", "fullname": "Rieke Richter"}
TITLE = "Wasserspender im zweiten Stock"
ANSWER = "Angenommen: der Spender kommt im Juni."


@pytest.fixture
def box(acceptance):
    """An idea box on the site with its reviewer, and four colleagues."""
    portal = acceptance["portal"]
    with api.env.adopt_roles(["Manager"]):
        for person in (AUTHOR, *SUPPORTERS, REVIEWER):
            api.user.create(
                email=f"{person['id']}@example.org",
                username=person["id"],
                password=PASSWORD,
                properties={"fullname": person["fullname"]},
            )
        found = api.content.create(
            portal,
            "Idea Box",
            id="ideen",
            title="Ideen für das Büro",
            support_limit=3,
        )
        found.reviewers = [REVIEWER["id"]]
    transaction.commit()
    return found


@pytest.fixture
def open_page(chromium, acceptance):
    """A browser context per person, with its own cookies."""
    contexts = []

    def make():
        context = chromium.new_context(
            locale="de-DE", viewport={"width": 1280, "height": 900}
        )
        context.set_default_timeout(15_000)
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()


def log_in(page, site_url, person):
    testing.log_in(page, site_url, person["id"], PASSWORD, person["fullname"])


def status_title(page, status) -> str:
    """The status as the page's language says it."""
    language = page.locator("html").get_attribute("lang") or "en"
    return translate(ideas.STATUS_TITLES[status], target_language=language[:2])


def support(page, idea_url, expected_count):
    page.goto(idea_url)
    box = page.locator("#ospa-idea-support")
    expect(box).to_have_attribute("data-supported", "false")
    with page.expect_navigation():
        box.locator("button.ospa-idea-support-button").click()
    box = page.locator("#ospa-idea-support")
    expect(box).to_have_attribute("data-supported", "true")
    expect(box.locator(".ospa-idea-support-count")).to_have_text(str(expected_count))
    expect(box.locator("button.ospa-idea-withdraw-button")).to_be_visible()


def test_an_idea_is_submitted_supported_and_accepted(open_page, box):
    site_url = api.portal.get().absolute_url()
    box_url = box.absolute_url()

    # Hanna writes the idea in the add form of the box...
    author = open_page()
    log_in(author, site_url, AUTHOR)
    author.goto(box_url)
    expect(author.locator(".ospa-idea-empty")).to_be_visible()
    with author.expect_navigation():
        author.locator("a.ospa-idea-add").click()
    author.fill("#form-widgets-IBasic-title", TITLE)
    author.fill("#form-widgets-IBasic-description", "Frisches Wasser für alle.")
    author.fill("#form-widgets-problem", "Im zweiten Stock gibt es kein Wasser.")
    editor = author.frame_locator("#formfield-form-widgets-proposal iframe")
    editor = editor.locator("body")
    editor.click()
    editor.press_sequentially("Ein Wasserspender neben der Küche.")
    author.fill("#form-widgets-benefit", "Weniger Wege, mehr trinken.")
    with author.expect_navigation():
        author.click("#form-buttons-save")
    idea_status = author.locator("#ospa-idea-status")
    expect(idea_status).to_have_attribute("data-status", "draft")
    expect(author.locator(".ospa-idea-title")).to_have_text(TITLE)
    expect(author.locator(".ospa-idea-proposal-text")).to_contain_text(
        "Ein Wasserspender neben der Küche."
    )
    idea_url = re.sub(r"/(view)?$", "", author.url.split("?")[0])
    assert idea_url.startswith(f"{box_url}/")

    # ...and submits it with the Submit button of the status form.
    with author.expect_navigation():
        author.locator(
            '#ospa-idea-status-form button[name="transition"][value="submit"]'
        ).click()
    expect(author.locator("#ospa-idea-status")).to_have_attribute(
        "data-status", "submitted"
    )
    expect(author.locator("#ospa-idea-support .ospa-idea-why-not")).to_be_visible()
    expect(
        author.locator('#ospa-idea-timeline li[data-action="submit"]')
    ).to_have_count(1)

    # Two colleagues support it: the count goes 1, 2.
    for number, person in enumerate(SUPPORTERS, start=1):
        page = open_page()
        log_in(page, site_url, person)
        support(page, idea_url, number)
        # The board shows the new count, too.
        page.goto(box_url)
        card = page.locator("article.ospa-idea-card", has_text=TITLE)
        expect(card).to_have_attribute("data-supports", str(number))

    # The reviewer accepts it with an official answer.
    reviewer = open_page()
    log_in(reviewer, site_url, REVIEWER)
    reviewer.goto(idea_url)
    form = reviewer.locator("#ospa-idea-status-form")
    # Without an answer: refused with a message, nothing changed.
    with reviewer.expect_navigation():
        form.locator('button[value="accept"]').click()
    expect(reviewer.locator("#global_statusmessage .alert-danger")).to_be_visible()
    expect(reviewer.locator("#ospa-idea-status-page")).to_be_visible()
    reviewer.fill("#ospa-idea-answer-field", ANSWER)
    with reviewer.expect_navigation():
        reviewer.locator('#ospa-idea-status-form button[value="accept"]').click()
    expect(reviewer.locator("#ospa-idea-status")).to_have_attribute(
        "data-status", "accepted"
    )

    # The author sees the new status and the answer on the idea page...
    author.reload()
    badge = author.locator("#ospa-idea-status")
    expect(badge).to_have_attribute("data-status", "accepted")
    expect(badge).to_have_text(status_title(author, "accepted"))
    answer = author.locator("#ospa-idea-answer")
    expect(answer.locator(".ospa-idea-answer-text")).to_have_text(ANSWER)
    expect(answer).to_contain_text(REVIEWER["fullname"])
    official = author.locator("#ospa-idea-timeline li.ospa-idea-official")
    expect(official).to_have_attribute("data-action", "accept")
    expect(official.locator(".ospa-idea-timeline-answer")).to_have_text(ANSWER)
    expect(author.locator("#ospa-idea-support .ospa-idea-support-count")).to_have_text(
        "2"
    )
    # ...and the board shows it accepted, with its two supports.
    author.goto(box_url)
    card = author.locator("article.ospa-idea-card", has_text=TITLE)
    expect(card).to_have_attribute("data-status", "accepted")
    expect(card).to_have_attribute("data-supports", "2")
    card_badge = card.locator(".ospa-idea-status")
    expect(card_badge).to_have_class(re.compile(r"\bospa-idea-status-accepted\b"))
    expect(card_badge).to_have_text(status_title(author, "accepted"))
