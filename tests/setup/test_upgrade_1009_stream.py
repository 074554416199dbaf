"""1008 → 1009: posts' stream_info column without the post's text."""

from ospa.social.stream import query as stream
from ospa.social.testing import create_people
from plone import api


PROFILE = "ospa.social:default"


def _with_old_metadata(catalog, post):
    """The column as 1008 wrote it: the whole text in it."""
    rid = catalog.getrid("/".join(post.getPhysicalPath()))
    record = list(catalog._catalog.data[rid])
    position = catalog._catalog.schema["stream_info"]
    record[position] = {**record[position], "text": post.text}
    catalog._catalog.data[rid] = tuple(record)


def test_posts_keep_their_stream_info_without_the_text(portal):
    from ospa.social.stream import posts

    create_people(portal, {"mia": ("Mia Member", ["Member"])})
    with api.env.adopt_user(username="mia"):
        made = [posts.create(portal["stream"], f"Beitrag {n} #thema") for n in range(5)]
        posts.create(portal["stream"], "Antwort", in_reply_to=made[0].UID())
    catalog = portal.portal_catalog
    brains = catalog.unrestrictedSearchResults(portal_type="Post")
    assert len(brains) == 6
    assert all("text" not in brain.stream_info for brain in brains)
    for post in made:
        _with_old_metadata(catalog, post)
    assert "text" in catalog.unrestrictedSearchResults(UID=made[1].UID())[0].stream_info
    # The old column still works: the text is read from the post.
    with api.env.adopt_user(username="mia"):
        before = stream.query()
    setup = portal.portal_setup
    setup.setLastVersionForProfile(PROFILE, "1008")

    setup.upgradeProfile(PROFILE)

    assert setup.getLastVersionForProfile(PROFILE) == ("1009",)
    brains = catalog.unrestrictedSearchResults(portal_type="Post")
    assert all("text" not in brain.stream_info for brain in brains)
    assert {brain.stream_info["question"] for brain in brains} == {False}
    with api.env.adopt_user(username="mia"):
        after = stream.query()
    assert after == before
    assert [item["object"]["text"] for item in after["items"]][:2] == [
        "Beitrag 4 #thema",
        "Beitrag 3 #thema",
    ]


def test_the_step_goes_in_batches(portal):
    from ospa.social.stream import posts
    from ospa.social.upgrades import v1009_stream

    create_people(portal, {"mia": ("Mia Member", ["Member"])})
    with api.env.adopt_user(username="mia"):
        for n in range(7):
            posts.create(portal["stream"], f"Beitrag {n}")
    assert v1009_stream.upgrade(portal.portal_setup, batch=3) == 7
