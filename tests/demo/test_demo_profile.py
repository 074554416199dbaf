"""The demo profile builds a believable intranet, once."""

from DateTime import DateTime
from ospa.social.demo import data
from ospa.social.demo.builder import DemoBuilder
from plone import api
from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID
import pytest


@pytest.fixture
def demo(portal, monkeypatch):
    """The demo with a few posts per place (``full_demo`` has them all)."""
    monkeypatch.setattr(data, "STREAM_POSTS", 8)
    monkeypatch.setattr(data, "POSTS_PER_COMMUNITY", 3)
    setRoles(portal, TEST_USER_ID, ["Manager"])
    portal.portal_setup.runAllImportStepsFromProfile("profile-ospa.social:demo")
    return portal


@pytest.fixture
def full_demo(portal):
    setRoles(portal, TEST_USER_ID, ["Manager"])
    portal.portal_setup.runAllImportStepsFromProfile("profile-ospa.social:demo")
    return portal


def count(portal_type: str, path: str) -> int:
    return len(api.content.find(portal_type=portal_type, path=path))


def test_demo_builds_departments_pages_news_and_events(demo):
    assert count("Document", "/plone/abteilungen") == 20
    assert count("Folder", "/plone/abteilungen") == 6
    assert count("News Item", "/plone/aktuelles") == 10
    assert count("Event", "/plone/termine") == 5


def test_demo_content_is_internally_published_and_german(demo):
    """Plone's intranet workflow: employees read it, anonymous visitors not."""
    brains = api.content.find(path="/plone/abteilungen")
    assert {b.review_state for b in brains} == {"internally_published"}
    page = demo["abteilungen"]["personal"]["urlaubsantrag"]
    assert "Urlaub" in page.Title()
    assert page.text.output


def test_demo_employees_are_users_in_their_department_groups(demo):
    for dept in data.DEPARTMENTS:
        members = {u.getId() for u in api.user.get_users(groupname=dept["group"])}
        expected = {e["id"] for e in data.EMPLOYEES if e["department"] == dept["id"]}
        assert members == expected
        assert len(members) == 4
    user = api.user.get(userid=data.EMPLOYEES[0]["id"])
    assert user.getProperty("fullname") == data.EMPLOYEES[0]["fullname"]


def test_pages_belong_to_their_department_head(demo):
    head = next(e for e in data.EMPLOYEES if e["department"] == "personal")
    page = demo["abteilungen"]["personal"]["urlaubsantrag"]
    assert page.listCreators() == (head["id"],)
    assert page.getOwner().getId() == head["id"]
    assert "Owner" not in page.get_local_roles_for_userid(TEST_USER_ID)


def test_news_are_dated_in_the_past_and_events_in_the_future(demo):
    for brain in api.content.find(portal_type="News Item", path="/plone/aktuelles"):
        assert brain.effective < DateTime()
    for brain in api.content.find(portal_type="Event", path="/plone/termine"):
        assert DateTime(brain.start) > DateTime()


def test_the_site_gets_its_title_and_front_page(demo):
    assert api.portal.get_registry_record("plone.site_title") == data.SITE["title"]
    # The front page is an internal document (the site root is what the
    # login form is shown on, for anonymous visitors too).
    assert demo.getDefaultPage() == "startseite"
    assert "abteilungen/" in demo["startseite"].text.raw
    assert api.content.get_state(demo["startseite"]) == "internally_published"


def test_applying_the_demo_twice_duplicates_nothing(demo):
    before = len(api.content.find(path="/plone"))
    users = len(api.user.get_users())
    demo.portal_setup.runAllImportStepsFromProfile("profile-ospa.social:demo")
    assert len(api.content.find(path="/plone")) == before
    assert len(api.user.get_users()) == users
    assert DemoBuilder(demo).build() == 0


def test_applying_the_demo_again_keeps_what_people_changed(demo):
    page = demo["abteilungen"]["personal"]["urlaubsantrag"]
    page.title = "Urlaub beantragen (neu)"
    api.portal.set_registry_record("plone.site_title", "Unser Intranet")
    api.content.delete(demo["aktuelles"]["azubi-start"])
    assert DemoBuilder(demo).build() == 1  # only the deleted news item
    assert page.title == "Urlaub beantragen (neu)"
    assert api.portal.get_registry_record("plone.site_title") == "Unser Intranet"


def test_progress_is_reported_step_by_step(demo):
    lines = []
    builder = DemoBuilder(demo, progress=lines.append)
    builder.build()
    assert len(lines) == builder.total
    assert lines[0].startswith(f"[1/{builder.total}] ")
    assert lines[-1].startswith(f"[{builder.total}/{builder.total}] ")


def test_demo_content_is_recommended_commented_and_followed(demo):
    from ospa.social.comments import api as comments
    from ospa.social.following import api as following
    from ospa.social.likes import api as likes

    news = demo["aktuelles"]
    total_likes = sum(likes.count(item) for item in news.objectValues())
    assert total_likes > 20
    catalog = api.portal.get_tool("portal_catalog")
    ranked = catalog(
        portal_type="News Item", sort_on="like_count", sort_order="reverse"
    )
    assert ranked[0].like_count == max(likes.count(i) for i in news.objectValues())
    assert comments.count(news["neue-filiale-hafenviertel"]) == 2
    head = data.EMPLOYEES[0]["id"]
    assert following.followers_count("user", head) >= 3
    assert (
        following.followers_count("tag", "Nachhaltigkeit")
        + following.followers_count("tag", "Digitalisierung")
        > 0
    )
    assert "Digitalisierung" in news["it-wartungsfenster"].Subject()


def test_social_demo_data_is_not_doubled(demo):
    from ospa.social.comments import api as comments
    from ospa.social.likes import api as likes

    news = demo["aktuelles"]
    before = [likes.count(item) for item in news.objectValues()]
    demo.portal_setup.runAllImportStepsFromProfile("profile-ospa.social:demo")
    assert [likes.count(item) for item in news.objectValues()] == before
    assert comments.count(news["neue-filiale-hafenviertel"]) == 2


def test_demo_communities_of_every_visibility(demo):
    from ospa.social.communities import api as communities

    folder = demo["communities"]
    assert len(folder.objectIds()) == len(data.COMMUNITIES) == 6
    states = sorted(api.content.get_state(c) for c in folder.objectValues())
    assert states == ["closed", "closed", "open", "open", "secret", "secret"]
    lotsen = folder["intranet-lotsen"]
    assert communities.role_of(lotsen, "fpetersen") == "owner"
    assert communities.member_count(lotsen) == 8
    assert {o.portal_type for o in lotsen.objectValues()} == {
        "Document",
        "News Item",
        "Event",
        "Post",
    }
    secret = folder["vorstandsklausur"]
    with api.env.adopt_user(username="skoehler"):
        found = api.content.find(portal_type="Community")
        assert secret.UID() not in {brain.UID for brain in found}


def test_demo_posts_replies_and_questions_fill_the_stream(full_demo):
    demo = full_demo
    from ospa.social.stream import query as stream

    catalog = api.portal.get_tool("portal_catalog")
    all_posts = catalog.unrestrictedSearchResults(portal_type="Post")
    replies = [brain for brain in all_posts if brain.thread_uid]
    assert len(all_posts) > 250
    assert len(replies) > 80
    assert len(catalog.unrestrictedSearchResults(question_state="answered")) > 0
    assert len(catalog.unrestrictedSearchResults(question_state="open")) > 0
    for entry in data.COMMUNITIES:
        community = demo["communities"][entry["id"]]
        found = catalog.unrestrictedSearchResults(
            portal_type="Post", community_uid=community.UID()
        )
        assert len(found) >= data.POSTS_PER_COMMUNITY
    # Spread over the last weeks, newest first in the stream.
    with api.env.adopt_user(username="skoehler"):
        page = stream.query(size=50)
    stamps = [item["timestamp"] for item in page["items"]]
    assert stamps == sorted(stamps, reverse=True)
    assert stamps[0] - stamps[-1] > 24 * 3600 * 1000
    # Only what Sabine may see: no post of the secret board retreat.
    secret = demo["communities"]["vorstandsklausur"].UID()
    assert all((item["community"] or {}).get("uid") != secret for item in page["items"])


def test_demo_posts_are_not_doubled(demo):
    catalog = api.portal.get_tool("portal_catalog")
    before = len(catalog.unrestrictedSearchResults(portal_type="Post"))
    demo.portal_setup.runAllImportStepsFromProfile("profile-ospa.social:demo")
    assert len(catalog.unrestrictedSearchResults(portal_type="Post")) == before


def test_demo_ideas_in_every_status(demo):
    from ospa.social.ideas import api as ideas

    catalog = api.portal.get_tool("portal_catalog")
    found = catalog.unrestrictedSearchResults(portal_type="Idea")
    assert len(found) == len(data.IDEAS)
    assert {brain.review_state for brain in found} == set(ideas.STATUSES)
    site_box = demo["ideen"]
    assert ideas.is_open(site_box)
    assert ideas.support_limit(site_box) == 3
    assert site_box.reviewers == ["hbrandt"]
    assert "akruse" in {
        user.getId() for user in api.user.get_users(groupname="idea-reviewers")
    }
    community_box = demo["communities"]["nachhaltigkeit"]["ideen"]
    assert community_box.reviewers == ["bstoltenberg"]
    path = "/".join(community_box.getPhysicalPath())
    inside = catalog.unrestrictedSearchResults(path=path, portal_type="Idea")
    assert len(inside) == 4
    for entry in data.IDEAS:
        box = site_box if entry["box"] == "site" else community_box
        idea = box[entry["id"]]
        assert ideas.status(idea) == entry["status"]
        assert idea.listCreators() == (entry["author"],)
        assert ideas.count(idea) == len(entry["supporters"])
        brain = catalog.unrestrictedSearchResults(UID=idea.UID())[0]
        assert brain.support_count == len(entry["supporters"])
        if entry["status"] in ("accepted", "implemented", "declined"):
            answer = ideas.official_answer(idea)
            assert answer["actor"]["id"] == entry["reviewer"]
            assert entry["answer"] in {h["answer"] for h in ideas.history(idea)}
    # Several colleagues support every idea that is not a draft.
    public = [brain for brain in found if brain.review_state != "draft"]
    assert all(brain.support_count >= 1 for brain in public)
    assert sum(brain.support_count for brain in public) > 20
    from plone.app.discussion.interfaces import IConversation

    assert len(IConversation(site_box["azubi-paten"])) == 1


def test_demo_ideas_are_dated_back_and_in_the_stream(demo):
    from ospa.social.stream import query as stream

    idea = demo["ideen"]["azubi-paten"]
    assert DateTime() - idea.created() > 20
    with api.env.adopt_user(username="skoehler"):
        items = [i for i in stream.query(size=50)["items"] if i["kind"] == "idea"]
    # Sabine sees the site box's ideas, not the drafts, newest change first.
    uids = {item["uid"] for item in items}
    assert idea.UID() in uids
    assert demo["ideen"]["videoberatung-senioren"].UID() not in uids
    stamps = [item["timestamp"] for item in items]
    assert stamps == sorted(stamps, reverse=True)


def test_demo_ideas_are_not_doubled(demo):
    from ospa.social.ideas import api as ideas

    idea = demo["ideen"]["mitfahrboerse"]
    before = ideas.count(idea)
    demo.portal_setup.runAllImportStepsFromProfile("profile-ospa.social:demo")
    assert ideas.count(idea) == before
    catalog = api.portal.get_tool("portal_catalog")
    assert len(catalog.unrestrictedSearchResults(portal_type="Idea")) == len(data.IDEAS)
