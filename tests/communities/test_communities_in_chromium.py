"""An employee discovers a closed community, asks to join, is approved, posts.

The closed community (join by request), its owner and its moderator are set
up through the Python API and committed before the browsers act: the
employee in one browser context, the moderator in a second one.
"""

from ospa.social import testing
from ospa.social.communities import api as communities
from ospa.social.demo import data
from ospa.social.demo.builder import DEMO_PASSWORD
from playwright.sync_api import expect
from plone import api
from plone.app.textfield.value import RichTextValue
import pytest
import re
import transaction


EMPLOYEE = data.EMPLOYEES[0]  # Hauke Brandt
MODERATOR = data.EMPLOYEES[1]  # Frauke Petersen
OWNER = data.EMPLOYEES[2]
COMMUNITY_ID = "segelclub-warnow"
TITLE = "Segelclub Warnow"
DESCRIPTION = "Kolleginnen und Kollegen, die nach Feierabend segeln."
GUIDELINES = "Schwimmwesten sind Pflicht, auch bei Flaute."
PAGE_TITLE = "Törnplan für den Sommer"
NEW_PAGE_TITLE = "Hafenhandbuch Warnemünde"


@pytest.fixture
def community(demo_site):
    """A closed community: the owner started it, the moderator moderates."""
    found = testing.start_community(
        demo_site,
        OWNER["id"],
        COMMUNITY_ID,
        "closed",
        "request",
        roster={MODERATOR["id"]: "moderator"},
        title=TITLE,
        description=DESCRIPTION,
        guidelines=RichTextValue(
            f"<p>{GUIDELINES}</p>", "text/html", "text/x-html-safe"
        ),
    )
    with api.env.adopt_user(username=OWNER["id"]):
        api.content.create(found, "Document", id="toernplan", title=PAGE_TITLE)
    transaction.commit()
    return found


def log_in(page, site_url, person):
    testing.log_in(page, site_url, person["id"], DEMO_PASSWORD, person["fullname"])


def committed(obj):
    """See what the server committed."""
    transaction.abort()
    return obj


def test_an_employee_asks_to_join_is_approved_and_posts_a_page(
    page, second_page, community
):
    site_url = api.portal.get().absolute_url()
    community_url = community.absolute_url()
    log_in(page, site_url, EMPLOYEE)

    # Discover the closed community and open it.
    page.goto(f"{site_url}/@@discover-communities")
    card = page.locator(f'.ospa-community-card[data-uid="{community.UID()}"]')
    expect(card.locator(".ospa-visibility")).to_have_attribute(
        "class", re.compile(r"\bospa-visibility-closed\b")
    )
    expect(card.locator(".ospa-member-count-number")).to_have_text("2")
    card.locator(".ospa-community-card-title").click()
    page.wait_for_url(community_url)

    # Title, description and guidelines, but nothing of the content.
    header = page.locator("#ospa-community-header")
    expect(header.locator(".ospa-community-title")).to_have_text(TITLE)
    expect(page.locator("#content")).to_contain_text(DESCRIPTION)
    expect(page.locator("#ospa-community-guidelines")).to_contain_text(GUIDELINES)
    expect(page.locator(".ospa-community-members-only")).to_be_visible()
    expect(page.locator("#ospa-community-activity .ospa-community-item")).to_have_count(
        0
    )
    expect(page.get_by_text(PAGE_TITLE)).to_have_count(0)

    # Ask to join with a message: the header turns to "request pending".
    header.locator("textarea[name=message]").fill("Ich segle seit 20 Jahren.")
    header.locator("button.ospa-community-request").click()
    header = page.locator("#ospa-community-header")
    expect(header).to_have_attribute("data-pending", "request")
    expect(header.locator(".ospa-community-pending")).to_be_visible()
    expect(header.locator(".ospa-community-withdraw")).to_be_visible()
    expect(page.locator("#global_statusmessage")).to_contain_text(TITLE)
    assert communities.pending_of(committed(community), EMPLOYEE["id"])["message"] == (
        "Ich segle seit 20 Jahren."
    )

    # The moderator approves in their own browser, with a message.
    moderator = second_page
    log_in(moderator, site_url, MODERATOR)
    moderator.goto(f"{community_url}/@@community-members")
    request = moderator.locator(
        f'#ospa-community-requests [data-userid="{EMPLOYEE["id"]}"]'
    )
    expect(request.locator(".ospa-community-person")).to_have_text(EMPLOYEE["fullname"])
    expect(request.locator(".ospa-community-request-message")).to_have_text(
        "Ich segle seit 20 Jahren."
    )
    request.locator("textarea[name=message]").fill("Willkommen an Bord!")
    request.locator("button.ospa-community-approve").click()
    expect(
        moderator.locator(f'#ospa-community-requests [data-userid="{EMPLOYEE["id"]}"]')
    ).to_have_count(0)
    expect(
        moderator.locator(f'#ospa-community-member [data-userid="{EMPLOYEE["id"]}"]')
    ).to_be_visible()
    expect(moderator.locator("#global_statusmessage")).to_contain_text(
        EMPLOYEE["fullname"]
    )
    assert communities.role_of(committed(community), EMPLOYEE["id"]) == "member"

    # The employee reloads: a member now, who sees the content.
    page.reload()
    header = page.locator("#ospa-community-header")
    expect(header).to_have_attribute("data-role", "member")
    expect(header.locator(".ospa-member-count-number")).to_have_text("3")
    activity = page.locator("#ospa-community-activity")
    expect(activity.locator(".ospa-community-item-title")).to_have_text([PAGE_TITLE])

    # ...and adds a page through Plone's add form, from the pages tab.
    header.locator('.nav-link[data-tab="pages"]').click()
    page.wait_for_url(f"{community_url}/@@community-pages")
    page.locator("a.ospa-community-add-page").click()
    page.wait_for_url(re.compile(r"/\+\+add\+\+Document"))
    page.fill("#form-widgets-IDublinCore-title", NEW_PAGE_TITLE)
    page.click("#form-buttons-save")
    page.wait_for_url(re.compile(rf"{re.escape(community_url)}/hafenhandbuch"))
    expect(page.locator("#ospa-community-header")).to_have_attribute(
        "data-role", "member"
    )

    # The new page leads the activity tab.
    page.locator('#ospa-community-header .nav-link[data-tab="activity"]').click()
    page.wait_for_url(community_url)
    titles = page.locator("#ospa-community-activity .ospa-community-item-title")
    expect(titles).to_have_text([NEW_PAGE_TITLE, PAGE_TITLE])
    new_page = committed(community)["hafenhandbuch-warnemunde"]
    assert new_page.Creator() == EMPLOYEE["id"]


@pytest.fixture
def open_community(demo_site):
    """An open community anyone joins with one click; the owner alone owns it."""
    found = testing.start_community(
        demo_site,
        OWNER["id"],
        "laufgruppe",
        "open",
        title="Laufgruppe",
        description="Mittwochs um fünf am Hafen.",
    )
    with api.env.adopt_user(username=OWNER["id"]):
        api.content.create(found, "Document", id="strecken", title="Strecken")
    transaction.commit()
    return found


def mark_page(page):
    """A marker that a reload or navigation would lose."""
    page.evaluate("window.__ospaMarker = 1")


def still_same_page(page) -> bool:
    return page.evaluate("window.__ospaMarker") == 1


def test_joining_and_leaving_happen_in_place(page, second_page, open_community):
    site_url = api.portal.get().absolute_url()
    url = open_community.absolute_url()
    log_in(page, site_url, EMPLOYEE)
    page.goto(url)
    header = page.locator("#ospa-community-header")
    expect(header.locator(".ospa-member-count-number")).to_have_text("1")
    mark_page(page)

    header.locator("button.ospa-community-join").click()
    expect(page.locator("#ospa-community-header")).to_have_attribute(
        "data-role", "member"
    )
    header = page.locator("#ospa-community-header")
    expect(header.locator(".ospa-member-count-number")).to_have_text("2")
    expect(header.locator(".ospa-my-role")).to_be_visible()
    expect(page.locator("#global_statusmessage")).to_contain_text("Laufgruppe")
    expect(header.locator('.nav-link[data-tab="members"]')).to_be_visible()
    assert still_same_page(page)
    assert communities.role_of(committed(open_community), EMPLOYEE["id"]) == "member"

    header.locator("button.ospa-community-leave").click()
    expect(page.locator("#ospa-community-header")).to_have_attribute(
        "data-button", "join"
    )
    assert still_same_page(page)
    assert communities.role_of(committed(open_community), EMPLOYEE["id"]) is None

    # The last owner may not leave: the reason shows in place.
    owner = second_page
    log_in(owner, site_url, OWNER)
    owner.goto(url)
    mark_page(owner)
    owner.locator("#ospa-community-header button.ospa-community-leave").click()
    expect(
        owner.locator("#ospa-community-header .ospa-social-error[role=alert]")
    ).to_contain_text("keeps an owner")
    expect(owner.locator("#ospa-community-header")).to_have_attribute(
        "data-role", "owner"
    )
    assert still_same_page(owner)
