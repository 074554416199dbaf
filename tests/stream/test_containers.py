"""A post does not rewrite or re-index the community or stream it goes into."""

from .conftest import post_as
from plone import api


def test_posting_leaves_the_container_unmodified(places):
    from ospa.social.stream import posts

    for place in (places["open"], places["stream"]):
        before = place.modified()
        catalog_before = api.portal.get_tool("portal_catalog")(UID=place.UID())[
            0
        ].modified
        post = post_as("mia", place, "Hallo")
        reply = post_as("moritz", place, "Hallo zurück", in_reply_to=post.UID())
        with api.env.adopt_user(username="moritz"):
            posts.delete(reply)
        assert place.modified() == before
        brain = api.portal.get_tool("portal_catalog")(UID=place.UID())[0]
        assert brain.modified == catalog_before
        assert post.getId() in place


def test_other_content_still_marks_a_community_modified(places):
    community = places["open"]
    before = community.modified()
    with api.env.adopt_user(username="mia"):
        api.content.create(community, "Document", id="seite", title="Seite")
    assert community.modified() >= before
    assert "seite" in community
