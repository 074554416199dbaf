"""Writing posts, replies and questions through the Python API."""

from .conftest import post_as
from AccessControl import Unauthorized
from plone import api
import pytest


def test_a_member_posts_to_everyone(places):
    from ospa.social.stream import posts

    post = post_as("erik", places["stream"], "Guten Morgen #Kantine")
    assert post.portal_type == "Post"
    assert post.listCreators() == ("erik",)
    assert post.getId().startswith("p-")
    assert post.Title() == "Guten Morgen #Kantine"
    assert api.content.get_state(post) == "visible"
    assert posts.container_of(post) == places["stream"]


def test_the_title_is_the_start_of_the_text(places):
    post = post_as("erik", places["stream"], "Wort " * 40)
    assert len(post.Title()) == 80
    assert post.Title().endswith("…")


@pytest.mark.parametrize("text", ["", "   \n ", None])
def test_empty_text_is_refused(places, text):
    from ospa.social.stream import posts

    with pytest.raises(posts.PostError):
        post_as("erik", places["stream"], text)
    assert len(places["stream"].objectIds()) == 0


def test_too_long_text_is_refused_with_the_limit_in_the_message(places):
    from ospa.social.stream import posts

    api.portal.set_registry_record("ospa.social.post_max_length", 20)
    with pytest.raises(posts.PostError) as error:
        post_as("erik", places["stream"], "x" * 21)
    assert "20" in error.value.doc()
    assert len(places["stream"].objectIds()) == 0
    post_as("erik", places["stream"], "x" * 20)


def test_html_is_kept_as_text_and_shown_escaped(places):
    from ospa.social.stream import query as stream

    text = '<script>alert(1)</script><b onclick="x()">fett</b>'
    post = post_as("erik", places["stream"], text)
    assert post.text == text
    item = stream.item_of(post)
    assert item["object"]["text"] == text
    assert "<script>" not in item["object"]["html"]
    assert "&lt;script&gt;" in item["object"]["html"]
    assert "<b " not in item["object"]["html"]


def test_mentions_hashtags_and_links_are_indexed_and_linked(places, portal):
    from ospa.social.stream import query as stream

    post = post_as(
        "erik",
        places["stream"],
        "@mia schau #Öffnungszeiten und #KI2026 https://x.de/a",
    )
    brain = portal.portal_catalog(UID=post.UID())[0]
    index = portal.portal_catalog._catalog.getIndex("hashtags")
    assert sorted(index.getEntryForObject(brain.getRID())) == [
        "ki2026",
        "öffnungszeiten",
    ]
    assert post.UID() == portal.portal_catalog(mentions="mia")[0].UID
    html = stream.item_of(post)["object"]["html"]
    assert 'class="ospa-mention"' in html
    assert html.count('class="ospa-hashtag"') == 2
    assert 'href="https://x.de/a"' in html


def test_an_unknown_mention_stays_text(places, portal):
    from ospa.social.stream import query as stream

    post = post_as("erik", places["stream"], "Hallo @niemand")
    assert len(portal.portal_catalog(mentions="niemand")) == 0
    assert "ospa-mention" not in stream.item_of(post)["object"]["html"]


def test_mentioning_fires_an_event_for_the_mentioned_only(places):
    from ospa.social.interfaces import IMentionedEvent
    from zope.component import getGlobalSiteManager

    seen = []

    def handler(event):
        seen.append((event.userid, event.mentioned))

    gsm = getGlobalSiteManager()
    gsm.registerHandler(handler, (IMentionedEvent,))
    try:
        post = post_as("erik", places["stream"], "@mia @erik und @mia")
        assert seen == [("erik", ("mia",))]
        with api.env.adopt_user(username="erik"):
            from ospa.social.stream import posts

            posts.edit(post, "@mia und jetzt @moritz")
        assert seen[-1] == ("erik", ("moritz",))
    finally:
        gsm.unregisterHandler(handler, (IMentionedEvent,))


def test_a_member_posts_in_their_community_a_non_member_cannot(places):
    post_as("mia", places["closed"], "Nur für uns")
    with pytest.raises(Unauthorized):
        post_as("erik", places["closed"], "Ich auch?")
    with pytest.raises(Unauthorized):
        post_as("erik", places["secret"], "Ich auch?")
    assert len(places["closed"].objectIds()) == 1


def test_posts_go_only_into_communities_and_the_stream(places, portal):
    from ospa.social.stream import posts

    with pytest.raises(posts.PostError):
        post_as("chef", portal, "Hier nicht")


def test_a_reply_lives_with_its_post(places):
    from ospa.social.stream import posts

    post = post_as("mia", places["open"], "Frage in die Runde")
    reply = post_as("moritz", places["open"], "Antwort", in_reply_to=post.UID())
    assert reply.in_reply_to == post.UID()
    with pytest.raises(posts.PostError):
        post_as("moritz", places["stream"], "Falscher Ort", in_reply_to=post.UID())
    with pytest.raises(posts.PostError):
        post_as(
            "moritz", places["open"], "Antwort auf Antwort", in_reply_to=reply.UID()
        )
    with pytest.raises(posts.PostError):
        post_as(
            "moritz", places["open"], "Frage?", in_reply_to=post.UID(), question=True
        )
    # An open community's content is for everyone to read, its members write.
    with pytest.raises(Unauthorized):
        post_as("erik", places["open"], "Ich auch", in_reply_to=post.UID())


def test_no_reply_to_an_invisible_or_deleted_post(places):
    from ospa.social.stream import posts

    secret = post_as("mia", places["secret"], "Geheim")
    with pytest.raises(posts.PostError):
        post_as("erik", places["secret"], "Hallo?", in_reply_to=secret.UID())
    gone = post_as("mia", places["stream"], "Gleich weg")
    uid = gone.UID()
    with api.env.adopt_user(username="mia"):
        posts.delete(gone)
    with pytest.raises(posts.PostError):
        post_as("erik", places["stream"], "Zu spät", in_reply_to=uid)


def test_attachments_are_checked_for_size_and_type(places):
    from ospa.social.stream import posts

    api.portal.set_registry_record("ospa.social.post_max_attachment_mb", 1)
    with pytest.raises(posts.PostError):
        post_as(
            "erik",
            places["stream"],
            "Groß",
            attachment=b"x" * (1024 * 1024 + 1),
            filename="gross.pdf",
            content_type="application/pdf",
        )
    with pytest.raises(posts.PostError):
        post_as(
            "erik",
            places["stream"],
            "Programm",
            attachment=b"MZ..",
            filename="virus.exe",
            content_type="application/x-msdownload",
        )
    assert len(places["stream"].objectIds()) == 0
    post = post_as(
        "erik",
        places["stream"],
        "Plan",
        attachment=b"%PDF-1.4",
        filename="plan.pdf",
        content_type="application/pdf",
    )
    from ospa.social.stream import query as stream

    attachment = stream.item_of(post)["object"]["attachment"]
    assert attachment["filename"] == "plan.pdf"
    assert attachment["@id"].endswith("/@@download/attachment")


def test_sharing_a_page_needs_a_page_one_can_see(places, portal):
    from ospa.social.stream import posts
    from ospa.social.stream import query as stream

    with api.env.adopt_user(username="chef"):
        page = api.content.create(portal, "Document", id="regeln", title="Regeln")
        api.content.transition(page, "publish")
        hidden = api.content.create(portal, "Document", id="intern", title="Intern")
    post = post_as("erik", places["stream"], "Lesenswert", about=page.UID())
    assert stream.item_of(post)["object"]["about"]["title"] == "Regeln"
    with pytest.raises(posts.PostError):
        post_as("erik", places["stream"], "Psst", about=hidden.UID())


def test_the_author_edits_others_cannot(places):
    from ospa.social.stream import posts
    from ospa.social.stream import query as stream

    post = post_as("mia", places["open"], "Erste Fassung")
    assert post.edited is None
    with api.env.adopt_user(username="mia"):
        posts.edit(post, "Zweite Fassung")
        assert stream.item_of(post)["edited"] is not None
    assert post.text == "Zweite Fassung"
    for userid in ("erik", "moritz"):
        with api.env.adopt_user(username=userid), pytest.raises(Unauthorized):
            posts.edit(post, "Fremd")
    with api.env.adopt_user(username="mia"), pytest.raises(posts.PostError):
        posts.edit(post, "")
    assert post.text == "Zweite Fassung"


def test_authors_and_moderators_delete_others_cannot(places):
    from ospa.social.stream import posts

    first = post_as("mia", places["open"], "Eins")
    second = post_as("mia", places["open"], "Zwei")
    reply = post_as("olga", places["open"], "Antwort", in_reply_to=first.UID())
    with api.env.adopt_user(username="erik"), pytest.raises(Unauthorized):
        posts.delete(second)
    with api.env.adopt_user(username="mia"), pytest.raises(Unauthorized):
        posts.delete(reply)
    with api.env.adopt_user(username="olga"):
        posts.delete(reply)
    with api.env.adopt_user(username="mia"):
        posts.delete(first)
    with api.env.adopt_user(username="moritz"):
        posts.delete(second)
    assert list(places["open"].objectIds()) == []


def test_deleting_a_post_deletes_its_replies(places, portal):
    from ospa.social.stream import posts

    post = post_as("erik", places["stream"], "Thema")
    post_as("mia", places["stream"], "Eins", in_reply_to=post.UID())
    post_as("chef", places["stream"], "Zwei", in_reply_to=post.UID())
    with api.env.adopt_user(username="erik"):
        posts.delete(post)
    assert list(places["stream"].objectIds()) == []
    assert len(portal.portal_catalog.unrestrictedSearchResults(portal_type="Post")) == 0


def test_moderators_hide_posts_from_everyone_but_the_author(places, portal):
    from ospa.social.stream import posts

    post = post_as("mia", places["open"], "Grenzwertig")
    with api.env.adopt_user(username="erik"), pytest.raises(Unauthorized):
        posts.set_hidden(post, True)
    with api.env.adopt_user(username="mia"), pytest.raises(Unauthorized):
        posts.set_hidden(post, True)
    with api.env.adopt_user(username="moritz"):
        assert posts.set_hidden(post, True)
        assert len(portal.portal_catalog(UID=post.UID())) == 1
    with api.env.adopt_user(username="erik"):
        assert len(portal.portal_catalog(UID=post.UID())) == 0
    with api.env.adopt_user(username="mia"):
        assert len(portal.portal_catalog(UID=post.UID())) == 1
    with api.env.adopt_user(username="chef"):
        assert posts.set_hidden(post, False)
    with api.env.adopt_user(username="erik"):
        assert len(portal.portal_catalog(UID=post.UID())) == 1


def test_site_managers_moderate_the_site_stream(places):
    from ospa.social.stream import posts

    post = post_as("erik", places["stream"], "Spam")
    with api.env.adopt_user(username="mia"), pytest.raises(Unauthorized):
        posts.delete(post)
    with api.env.adopt_user(username="chef"):
        posts.set_hidden(post, True)
        posts.delete(post)


def test_the_author_accepts_an_answer(places, portal):
    from ospa.social.stream import posts

    question = post_as("erik", places["stream"], "Wer kennt sich aus?", question=True)
    other = post_as("mia", places["stream"], "Kein Fragesteller")
    first = post_as("mia", places["stream"], "Ich!", in_reply_to=question.UID())
    second = post_as("chef", places["stream"], "Ich auch", in_reply_to=question.UID())
    stray = post_as("chef", places["stream"], "Woanders", in_reply_to=other.UID())
    assert posts.question_state(question) == "open"
    assert question.UID() == portal.portal_catalog(question_state="open")[0].UID
    with api.env.adopt_user(username="mia"), pytest.raises(Unauthorized):
        posts.accept(question, first.UID())
    with api.env.adopt_user(username="erik"):
        with pytest.raises(posts.PostError):
            posts.accept(question, stray.UID())
        with pytest.raises(posts.PostError):
            posts.accept(other, first.UID())
        with pytest.raises(posts.PostError):
            posts.accept(question, "nonsense")
        assert posts.accept(question, first.UID()) == first
    assert question.accepted_answer == first.UID()
    assert len(portal.portal_catalog(question_state="open")) == 0
    # A moderator (site manager) may change it; withdrawing reopens it.
    with api.env.adopt_user(username="chef"):
        posts.accept(question, second.UID())
    assert question.accepted_answer == second.UID()
    with api.env.adopt_user(username="erik"):
        posts.accept(question, None)
    assert posts.question_state(question) == "open"


def test_deleting_the_accepted_answer_reopens_the_question(places):
    from ospa.social.stream import posts

    question = post_as("erik", places["stream"], "Frage?", question=True)
    answer = post_as("mia", places["stream"], "Antwort", in_reply_to=question.UID())
    with api.env.adopt_user(username="erik"):
        posts.accept(question, answer.UID())
    with api.env.adopt_user(username="mia"):
        posts.delete(answer)
    assert posts.question_state(question) == "open"


def test_anonymous_cannot_post(places):
    from ospa.social.stream import posts
    from plone.app.testing import logout

    logout()
    with pytest.raises(Unauthorized):
        posts.create(places["stream"], "Anonym")


def test_places_are_the_stream_and_my_communities(places):
    from ospa.social.stream import posts

    with api.env.adopt_user(username="mia"):
        found = {place.getId() for place in posts.places()}
    assert found == {"stream", "offen", "geschlossen", "geheim"}
    with api.env.adopt_user(username="erik"):
        assert [place.getId() for place in posts.places()] == ["stream"]
