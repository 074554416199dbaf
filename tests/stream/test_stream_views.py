"""The stream in Classic UI over HTTP: pages, viewlets, JSON and form targets.

Who is who (``site`` in conftest.py makes anna, bert, nomember and chef):
Anna owns three communities (open, closed, secret), Bert is a member of
each; Erik (made here) is an employee on no roster; Nora (``nomember``) is
logged in without the Member role; Carla Chef (``chef``) manages the site.
The closed and the secret community each hold a post and an open question
that must never show to Erik or Nora.
"""

from io import BytesIO
from lxml import html as lxml_html
from ospa.social.stream import posts
from ospa.social.testing import assert_denied
from ospa.social.testing import follow
from ospa.social.testing import get
from ospa.social.testing import JSON
from ospa.social.testing import one
from ospa.social.testing import parse
from ospa.social.testing import PASSWORD
from ospa.social.testing import select
from ospa.social.testing import send
from ospa.social.testing import start_community
from ospa.social.testing import status_message
from ospa.social.testing import sync
from ospa.social.testing import token_for
from PIL import Image
from plone import api
import base64
import json
import pytest
import transaction


SECRET_WORDS = ("Geschlossene Sache", "Geheime Sache", "Geschlossene Frage")


# -- fixtures and helpers --------------------------------------------------


def post_as(userid, container, text, **kwargs):
    with api.env.adopt_user(username=userid):
        return posts.create(container, text, **kwargs)


@pytest.fixture
def world(site):
    """People, three communities and a few posts, committed."""
    with api.env.adopt_roles(["Manager"]):
        api.user.create(
            email="erik@example.org",
            username="erik",
            password=PASSWORD,
            properties={"fullname": "Erik Employee"},
        )
    found = {"stream": site["stream"]}
    for key, cid, visibility, policy in (
        ("open", "offen", "open", "open"),
        ("closed", "geschlossen", "closed", "request"),
        ("secret", "geheim", "secret", "invite"),
    ):
        found[key] = start_community(
            site, "anna", cid, visibility, policy, roster={"bert": "member"}
        )
    found["hello"] = post_as("bert", site["stream"], "Hallo #Kantine, fragt @anna")
    found["open_post"] = post_as("anna", found["open"], "Offene Sache #Kantine")
    found["closed_post"] = post_as(
        "anna", found["closed"], "Geschlossene Sache #Kantine"
    )
    found["closed_question"] = post_as(
        "bert", found["closed"], "Geschlossene Frage?", question=True
    )
    found["secret_post"] = post_as("anna", found["secret"], "Geheime Sache #Kantine")
    found["open_question"] = post_as(
        "bert", site["stream"], "Wer weiß, wo der Schlüssel ist?", question=True
    )
    transaction.commit()
    return found


def item_uids(tree):
    return [item.get("data-uid") for item in select(tree, "article.ospa-stream-item")]


def texts(tree):
    return " ".join(
        item.text_content() for item in select(tree, "article.ospa-stream-item")
    )


class Sent:
    """What social.js got for a stream form: the REST reply, the message
    it shows and the thread's HTML it puts on the page."""

    def __init__(self, response, message, html):
        self.response = response
        self.status_code = response.status_code
        self.data = response.json() if response.content else {}
        self.message = message
        self.html = html

    def article(self):
        return one(lxml_html.fromstring(self.html), "article[data-ospa-thread]")


def script(session, form, thread=None, *, action=None, files=None, **fields):
    """Send ``form`` (an lxml form of a stream page) as social.js does: to
    the REST service its ``data-ospa-*`` attributes name, then fetch the
    thread (``?fragment=thread``) from the new post or from ``thread``
    (the page's article the form is in)."""
    kind = form.get("data-ospa-stream-action")
    url = form.get("data-ospa-rest")
    values = {i.get("name"): i.get("value") for i in select(form, "input[type=hidden]")}
    values.update(fields)
    if action is not None:
        values["action"] = action
    text = values.get("text", "")
    outcome = kind
    body = None
    if kind in ("post", "share"):
        places = select(form, "[name=place]")[0]
        if places.tag == "select":
            options = select(places, "option")
            chosen = [o for o in options if o.get("value") == values.get("place")]
            places = (chosen or [o for o in options if o.get("selected")])[0]
        method, url = "POST", places.get("data-ospa-rest")
        body = {"@type": "Post", "text": text}
        if values.get("question"):
            body["question"] = True
        if values.get("about"):
            body["about"] = values["about"]
        if files:
            name, data, content_type = files["attachment"]
            body["attachment"] = {
                "data": base64.b64encode(data).decode(),
                "encoding": "base64",
                "filename": name,
                "content-type": content_type,
            }
        outcome = "question" if body.get("question") else "post"
    elif kind == "reply":
        method = "POST"
        body = {"@type": "Post", "text": text, "in_reply_to": values["in_reply_to"]}
    elif kind == "edit":
        method, body = "PATCH", {"text": text}
    elif kind == "delete":
        method = "DELETE"
    elif kind == "hide":
        method, url, outcome = "POST", f"{url}/@workflow/{values['action']}", None
    elif values["action"] == "accept":
        method, body, outcome = "POST", {"reply": values["reply"]}, "accept"
    else:
        method, outcome = "DELETE", "withdraw"
    response = session.request(method, url, json=body, headers=JSON, timeout=30)
    outcome = outcome or values["action"]
    message = json.loads(form.get("data-ospa-done")).get(outcome)
    html = None
    if response.ok:
        thread_url = thread.get("data-ospa-thread-url") if thread is not None else None
        if kind == "post":
            thread_url = response.json()["@id"]
        if thread_url and not (kind == "delete" and url == thread_url):
            page = session.get(
                thread_url,
                params={"fragment": "thread", "came_from": values.get("came_from")},
                timeout=30,
            )
            assert page.status_code == 200
            assert page.headers["Content-Type"].startswith("text/html")
            html = page.text
    return Sent(response, message, html)


# -- reading: who sees what -------------------------------------------------


EVERY_POST = frozenset(
    {
        "hello",
        "open_post",
        "open_question",
        "closed_post",
        "closed_question",
        "secret_post",
    }
)
VISIBLE = {
    # user: which fixture posts show on @@stream
    "erik": {"hello", "open_post", "open_question"},
    # Bert is on every roster; Carla manages the site.
    "bert": EVERY_POST,
    "chef": EVERY_POST,
}


def test_who_is_no_employee_sees_nothing_of_the_stream(browse, site, world):
    """Nora (no Member) is no employee: the stream pages show her none of
    the employees' or communities' posts."""
    nora = browse("nomember")
    posts_of_all = {world[key].UID() for key in VISIBLE["chef"]}
    for url in (f"{site.absolute_url()}/@@stream", world["stream"].absolute_url()):
        tree = parse(get(nora, url))
        assert not set(item_uids(tree)) & posts_of_all
        for word in SECRET_WORDS:
            assert word not in tree.text_content()


@pytest.mark.parametrize("userid", [None, "erik", "bert", "chef"])
def test_the_site_stream_shows_what_each_user_may_see(browse, site, world, userid):
    session = browse(userid)
    urls = (f"{site.absolute_url()}/@@stream", world["stream"].absolute_url())
    if userid is None:
        for url in urls:
            assert_denied(get(session, url))
        return
    for url in urls:
        tree = parse(get(session, url))
        expected = {world[key].UID() for key in VISIBLE[userid]}
        found = item_uids(tree)
        assert set(found) >= expected
        posts_found = {
            uid for uid in found if uid in {world[key].UID() for key in VISIBLE["chef"]}
        }
        assert posts_found == expected, url
        if userid in ("erik", "nomember"):
            for word in SECRET_WORDS:
                assert word not in tree.text_content()
        # Newest first, as the API gives them.
        assert found.index(world["open_question"].UID()) < found.index(
            world["hello"].UID()
        )
        filters = [link.get("data-filter") for link in select(tree, ".nav-pills a")]
        assert filters == ["all", "communities", "following", "questions"]
    # The composer offers the places the API gives, /stream first.
    with api.env.adopt_user(username=userid):
        places = [place.UID() for place in posts.places()]
    tree = parse(get(session, urls[0]))
    composer = select(tree, "form#ospa-stream-composer")
    if not places:
        assert not composer
        return
    form = composer[0]
    assert form.get("action") == f"{site.absolute_url()}/@@stream-post"
    assert form.get("enctype") == "multipart/form-data"
    assert one(form, "input[name=_authenticator]").get("value")
    assert one(form, "textarea[name=text]").get("data-ospa-mention") == (
        f"{site.absolute_url()}/@mentions"
    )
    assert select(form, "input[type=file][name=attachment]")
    assert select(form, "input[type=checkbox][name=question]")
    if len(places) > 1:
        options = [option.get("value") for option in select(form, "select option")]
        assert options == places
    else:
        assert one(form, "input[name=place]").get("value") == places[0]


def test_filters_narrow_the_stream(browse, site, world):
    bert = browse("bert")
    url = f"{site.absolute_url()}/@@stream"
    tree = parse(get(bert, url, filter="questions"))
    assert set(item_uids(tree)) == {
        world["open_question"].UID(),
        world["closed_question"].UID(),
    }
    assert one(tree, ".nav-pills a.active").get("data-filter") == "questions"
    tree = parse(get(bert, url, filter="communities"))
    assert world["hello"].UID() not in item_uids(tree)
    assert world["closed_post"].UID() in item_uids(tree)
    # Following nothing yet: an empty stream, said so.
    tree = parse(get(bert, url, filter="following"))
    assert item_uids(tree) == []
    assert select(tree, ".ospa-stream-empty")
    # A bad cursor is a message, not a traceback.
    tree = parse(get(bert, url, before="gestern"))
    assert select(tree, ".ospa-stream-error")
    assert item_uids(tree) == []


def test_open_questions_page(browse, site, world):
    url = f"{site.absolute_url()}/@@questions"
    assert_denied(get(browse(), url))
    tree = parse(get(browse("erik"), url))
    assert item_uids(tree) == [world["open_question"].UID()]
    assert "Geschlossene Frage" not in tree.text_content()
    assert one(tree, "#ospa-composer-question").get("checked") == "checked"
    tree = parse(get(browse("bert"), url))
    assert set(item_uids(tree)) == {
        world["open_question"].UID(),
        world["closed_question"].UID(),
    }
    tree = parse(get(browse("chef"), url))
    assert world["closed_question"].UID() in item_uids(tree)


def test_hashtag_page(browse, site, world):
    url = f"{site.absolute_url()}/@@hashtag/Kantine"
    assert_denied(get(browse(), url))
    erik = browse("erik")
    tree = parse(get(erik, url))
    assert one(tree, "h1").text_content().strip() == "#Kantine"
    assert set(item_uids(tree)) == {world["hello"].UID(), world["open_post"].UID()}
    for word in SECRET_WORDS:
        assert word not in tree.text_content()
    # Top hashtags count only what Erik may see.
    tags = {
        item.get("data-tag"): int(one(item, ".badge").text)
        for item in select(tree, "#ospa-top-hashtags li")
    }
    assert tags == {"kantine": 2}
    # The follow button for the tag; followed, the button turns.
    follow_form = one(tree, "form.ospa-follow-form")
    assert one(follow_form, "input[name=kind]").get("value") == "tag"
    assert one(follow_form, "input[name=target]").get("value") == "Kantine"
    response = send(
        erik,
        follow_form.get("action"),
        one(follow_form, "input[name=_authenticator]").get("value"),
        kind="tag",
        target="Kantine",
        action="follow",
        came_from=url,
    )
    assert response.headers["Location"] == url
    tree = parse(follow(erik, response))
    assert one(tree, "[data-ospa-follow]").get("data-following") == "true"
    # The same page with ?tag=, case and "#" do not matter.
    tree = parse(get(erik, f"{site.absolute_url()}/@@hashtag", tag="#kantine"))
    assert set(item_uids(tree)) == {world["hello"].UID(), world["open_post"].UID()}
    # Bert sees the closed and secret posts with the tag.
    tree = parse(get(browse("bert"), url))
    assert world["closed_post"].UID() in item_uids(tree)
    assert world["secret_post"].UID() in item_uids(tree)
    # Hashtags in posts link here.
    tree = parse(get(erik, f"{site.absolute_url()}/@@stream"))
    links = {link.get("href") for link in select(tree, "a.ospa-hashtag")}
    assert url in links
    # No tag: the list of hashtags and a hint.
    tree = parse(get(erik, f"{site.absolute_url()}/@@hashtag"))
    assert item_uids(tree) == []
    assert select(tree, "#ospa-top-hashtags")


def test_the_front_page_shows_the_newest_items(browse, site, world):
    url = site.absolute_url()
    assert not select(parse(get(browse(), url)), "#ospa-stream-front")
    tree = parse(get(browse("erik"), url))
    box = one(tree, "#ospa-stream-front")
    uids = [item.get("data-uid") for item in select(box, ".ospa-stream-front-item")]
    assert len(uids) <= 5
    assert uids[0] == world["open_question"].UID()
    for word in SECRET_WORDS:
        assert word not in box.text_content()
    assert one(box, "a.ospa-stream-front-all").get("href") == f"{url}/@@stream"
    tree = parse(get(browse("bert"), url))
    box = one(tree, "#ospa-stream-front")
    assert "Geschlossene Frage" in box.text_content()
    # Not on other pages.
    tree = parse(get(browse("erik"), site["kantine"].absolute_url()))
    assert not select(tree, "#ospa-stream-front")


def rest_get(session, url, **params):
    """GET a REST service as social.js does (plone.rest needs the Accept)."""
    return session.get(url, params=params, headers=JSON, timeout=30)


def count_new(session, url, **params):
    response = rest_get(session, url, **params)
    assert response.status_code == 200, response.status_code
    return response.json()["count"]


def test_the_count_of_new_items(browse, site, world):
    """What the stream page polls: ``data-new-url``, the REST ``@stream/new``."""
    url = f"{site.absolute_url()}/@stream/new"
    root = one(
        parse(get(browse("erik"), f"{site.absolute_url()}/@@stream")), "#ospa-stream"
    )
    assert root.get("data-new-url").startswith(f"{url}?")
    since = world["hello"].created().micros() // 1000 - 1
    assert_denied(rest_get(browse(), url, since=since))
    counts = {}
    for userid in ("erik", "nomember", "bert", "chef"):
        response = rest_get(browse(userid), url, since=since)
        assert response.status_code == 200
        assert response.headers["Content-Type"].startswith("application/json")
        counts[userid] = response.json()["count"]
    # Nora is no employee: nothing counts for her. Bert and Carla also
    # count the closed and the secret posts.
    assert counts["nomember"] == 0
    assert counts["erik"] > 0
    assert counts["bert"] == counts["erik"] + 3
    assert counts["chef"] == counts["bert"]
    erik = browse("erik")
    newest = world["open_question"].created().micros() // 1000
    assert count_new(erik, url, since=newest) == 0
    assert count_new(erik, url, since=since, filter="questions") == 1
    # The closed community exists for Erik, but nothing in it counts; the
    # secret one does not exist for him.
    community = world["closed"].UID()
    assert count_new(erik, url, since=since, community=community) == 0
    assert count_new(browse("bert"), url, since=since, community=community) == 2
    response = rest_get(erik, url, since=since, community=world["secret"].UID())
    assert response.status_code == 400
    assert count_new(erik, url, since=since, hashtag="Kantine") == 2
    response = rest_get(erik, url, since="gestern")
    assert response.status_code == 400
    assert response.json()["message"]


def test_the_community_stream_tab(browse, site, world):
    open_url = f"{world['open'].absolute_url()}/@@community-stream"
    closed_url = f"{world['closed'].absolute_url()}/@@community-stream"
    secret_url = f"{world['secret'].absolute_url()}/@@community-stream"
    assert_denied(get(browse(), open_url))
    # An employee reads the open community, may join to post.
    erik = browse("erik")
    tree = parse(get(erik, open_url))
    assert item_uids(tree) == [world["open_post"].UID()]
    assert not select(tree, "#ospa-stream-composer")
    assert select(tree, ".ospa-stream-join-hint")
    header = one(tree, "#ospa-community-header")
    assert one(header, ".nav-link.active").get("data-tab") == "stream"
    # ...not the closed one, and not even the secret one exists for him.
    tree = parse(get(erik, closed_url))
    assert item_uids(tree) == []
    assert select(tree, ".ospa-community-members-only")
    assert "Geschlossene Sache" not in tree.text_content()
    assert_denied(get(erik, secret_url))
    # Without the Member role, the closed community is not there at all.
    assert_denied(get(browse("nomember"), closed_url))
    # A member posts here: the composer has the community as its place.
    tree = parse(get(browse("bert"), closed_url))
    assert set(item_uids(tree)) == {
        world["closed_post"].UID(),
        world["closed_question"].UID(),
    }
    form = one(tree, "#ospa-stream-composer")
    assert one(form, "input[name=place]").get("value") == world["closed"].UID()
    assert not select(form, "select[name=place]")
    # The new-item count is kept to the community.
    root = one(tree, "#ospa-stream")
    assert f"community={world['closed'].UID()}" in root.get("data-new-url")
    tree = parse(get(browse("chef"), secret_url))
    assert item_uids(tree) == [world["secret_post"].UID()]


def test_mention_search(browse, site, world):
    url = f"{site.absolute_url()}/@mentions"
    for view in ("stream", "hashtag/Kantine"):
        tree = parse(get(browse("erik"), f"{site.absolute_url()}/@@{view}"))
        for textarea in select(tree, "textarea[data-ospa-mention]"):
            assert textarea.get("data-ospa-mention") == url
    assert_denied(rest_get(browse(), url, q="an"))
    erik = browse("erik")
    found = rest_get(erik, url, q="ann").json()["items"]
    assert found[0]["id"] == "anna"
    assert found[0]["fullname"] == "Anna Albers"
    assert found[0]["url"].endswith("/author/anna")
    # By a word of the full name, with or without "@".
    assert [
        person["id"] for person in rest_get(erik, url, q="@Behr").json()["items"]
    ] == ["bert"]
    assert rest_get(erik, url, q="").json()["items"] == []
    assert rest_get(erik, url, q="zzzz").json()["items"] == []
    assert len(rest_get(erik, url, q="e").json()["items"]) <= 10
    # Who is no employee finds only people of their own communities (Nora
    # is on none).
    assert rest_get(browse("nomember"), url, q="ann").json()["items"] == []


# -- writing: the form targets ---------------------------------------------


def handler_urls(site, world):
    post = world["hello"].absolute_url()
    return {
        "stream-post": f"{site.absolute_url()}/@@stream-post",
        "post-edit": f"{post}/@@post-edit",
        "post-delete": f"{post}/@@post-delete",
        "post-hide": f"{post}/@@post-hide",
        "post-accept": f"{world['open_question'].absolute_url()}/@@post-accept",
    }


def stream_count(container):
    sync()
    return len([obj for obj in container.objectValues() if obj.portal_type == "Post"])


def test_get_on_form_targets_is_refused(browse, site, world):
    bert = browse("bert")
    for name, url in handler_urls(site, world).items():
        response = get(bert, url, text="Hallo")
        assert response.status_code == 405, name
        assert response.headers["Allow"] == "POST"
        # HTML only, also when asked for JSON: the REST services are apart.
        response = bert.get(url, headers=JSON, timeout=30)
        assert response.status_code == 405, name
        assert response.text == "Send this form with POST."
    assert stream_count(site["stream"]) == 2


def test_post_without_csrf_token_is_refused(browse, site, world):
    bert = browse("bert")
    fields = {
        "stream-post": {"text": "Ohne Token"},
        "post-edit": {"text": "Ohne Token"},
        "post-delete": {},
        "post-hide": {"action": "hide"},
        "post-accept": {"action": "accept", "reply": world["hello"].UID()},
    }
    for name, url in handler_urls(site, world).items():
        assert send(bert, url, None, **fields[name]).status_code == 403, name
        assert send(bert, url, "0" * 40, **fields[name]).status_code == 403, name
    sync()
    assert stream_count(site["stream"]) == 2
    assert world["hello"].text == "Hallo #Kantine, fragt @anna"
    assert not posts.is_hidden(world["hello"])


def test_who_may_post_where(browse, site, world):
    url = f"{site.absolute_url()}/@@stream-post"
    # Anonymous: to the login form.
    response = send(browse(), url, None, text="Hallo")
    assert response.status_code in (302, 401, 403)
    for userid, place, allowed in (
        ("erik", "stream", True),
        ("erik", "open", False),
        ("erik", "closed", False),
        ("bert", "closed", True),
        ("chef", "secret", True),
    ):
        session = browse(userid)
        token = token_for(session, site.absolute_url())
        before = stream_count(world[place])
        text, uid = f"{userid} in {place}", world[place].UID()
        response = send(session, url, token, text=text, place=uid)
        if allowed:
            assert response.status_code == 303, (userid, place)
            assert stream_count(world[place]) == before + 1
        else:
            assert_denied(response)
            assert stream_count(world[place]) == before
    # Someone without the Member role posts where the API lets them.
    with api.env.adopt_user(username="nomember"):
        may = posts.can_post(site["stream"])
    nora = browse("nomember")
    token = token_for(nora, site.absolute_url())
    response = send(nora, url, token, text="Nora hier", place=site["stream"].UID())
    if may:
        assert response.status_code == 303
    else:
        assert_denied(response)
    # Erik cannot see the secret community: it is no place for him.
    erik = browse("erik")
    token = token_for(erik, site.absolute_url())
    response = send(erik, url, token, text="Hallo", place=world["secret"].UID())
    assert "Posts go into a community or the stream." in status_message(
        parse(follow(erik, response))
    )
    # Nor does the script offer it: no place of the composer leads there.
    tree = parse(get(erik, f"{site.absolute_url()}/@@stream"))
    places = select(tree, "#ospa-stream-composer [name=place] option")
    assert world["secret"].absolute_url() not in [
        option.get("data-ospa-rest") for option in places
    ]


def post_url(site) -> str:
    return f"{site.absolute_url()}/@@stream-post"


def test_a_post_without_javascript(browse, site, world):
    bert = browse("bert")
    came_from = f"{site.absolute_url()}/@@stream"
    token, url = token_for(bert, site.absolute_url()), post_url(site)
    text = "Neu hier\r\nZeile 2 #Willkommen"
    uid = site["stream"].UID()
    response = send(bert, url, token, text=text, place=uid, came_from=came_from)
    assert response.headers["Location"] == came_from
    tree = parse(follow(bert, response))
    assert "Your post was published." in status_message(tree)
    first = select(tree, "article.ospa-stream-item")[0]
    assert "Neu hier" in one(first, ".ospa-stream-text").text_content()
    assert select(first, ".ospa-stream-text br")
    # A redirect outside the site is not followed.
    response = send(
        bert,
        f"{site.absolute_url()}/@@stream-post",
        token,
        text="Noch einer",
        came_from="https://example.org/",
    )
    assert response.headers["Location"].startswith(site["stream"].absolute_url())
    # On a community, the community is the place.
    response = send(
        bert,
        f"{world['open'].absolute_url()}/@@stream-post",
        token,
        text="In der Community",
        question="1",
    )
    assert response.status_code == 303
    sync()
    found = [
        obj for obj in world["open"].objectValues() if obj.text == "In der Community"
    ]
    assert len(found) == 1
    assert found[0].question


def test_a_post_with_javascript_gets_its_html(browse, site, world):
    bert = browse("bert")
    page = f"{site.absolute_url()}/@@stream"
    form = one(parse(get(bert, page)), "#ospa-stream-composer")
    sent = script(
        bert,
        form,
        text="Frage an @anna: #KI2026?",
        place=site["stream"].UID(),
        question="1",
    )
    assert sent.status_code == 201
    assert sent.message == "Your question was published."
    assert sent.data["question"] is True
    article = sent.article()
    assert article.get("data-uid") == sent.data["UID"]
    assert article.get("data-ospa-thread-url") == sent.data["@id"]
    assert article.get("data-question-state") == "open"
    assert one(article, "a.ospa-mention").get("href").endswith("/author/anna")
    assert one(article, "a.ospa-hashtag").get("href") == (
        f"{site.absolute_url()}/@@hashtag/KI2026"
    )


def test_what_is_typed_is_escaped(browse, site, world):
    bert = browse("bert")
    token, url = token_for(bert, site.absolute_url()), post_url(site)
    response = send(bert, url, token, text='<script>alert("x")</script> <b>fett</b>')
    assert response.status_code == 303
    for url in (
        f"{site.absolute_url()}/@@stream",
        site.absolute_url(),
    ):
        response = get(bert, url)
        assert '<script>alert("x")</script>' not in response.text
        assert "<b>fett</b>" not in response.text
        tree = parse(response)
        shown = [node.text_content() for node in select(tree, ".ospa-stream-text")]
        assert '<script>alert("x")</script> <b>fett</b>' in shown, url
    sync()
    post = next(o for o in site["stream"].objectValues() if "fett" in o.text)
    page = get(bert, post.absolute_url()).text
    assert '<script>alert("x")</script>' not in page
    # The edit form shows the text as typed, escaped.
    assert "&lt;script&gt;" in page


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"text": "   "}, "Write something first."),
        (
            {"text": "x" * 1001},
            "A post has at most 1000 characters; this one has 1001.",
        ),
        (
            {"text": "Hallo", "place": "nichts"},
            "Posts go into a community or the stream.",
        ),
        (
            {"text": "Hallo", "in_reply_to": "nichts"},
            "The post you reply to does not exist or you cannot see it.",
        ),
        (
            {"text": "Hallo", "about": "nichts"},
            "The page you share does not exist or you cannot see it.",
        ),
        (
            {
                "text": "Hallo",
                "attachment": ("x.exe", b"MZ", "application/x-msdownload"),
            },
            "Files of type application/x-msdownload cannot be attached.",
        ),
    ],
)
def test_bad_input_is_a_message_and_stores_nothing(
    browse, site, world, fields, message
):
    bert = browse("bert")
    token = token_for(bert, site.absolute_url())
    url = f"{site.absolute_url()}/@@stream-post"
    fields = dict(fields)
    upload = fields.pop("attachment", None)
    files = {"attachment": upload} if upload else None
    came_from = f"{site.absolute_url()}/@@stream"
    response = send(bert, url, token, files=files, came_from=came_from, **fields)
    assert response.headers["Location"] == came_from
    assert message in status_message(parse(follow(bert, response)))
    if "place" not in fields:
        # The same refusal, word for word, from the REST service the
        # script calls (it offers no place that is not one).
        form = one(parse(get(bert, came_from)), "#ospa-stream-composer")
        extra = (
            {"in_reply_to": fields["in_reply_to"]} if "in_reply_to" in fields else {}
        )
        if extra:
            form.set("data-ospa-stream-action", "reply")
            form.set("data-ospa-rest", site["stream"].absolute_url())
        sent = script(bert, form, files=files, place=site["stream"].UID(), **fields)
        assert sent.status_code == 400
        assert sent.data["message"] == message
    assert stream_count(site["stream"]) == 2


def png_bytes() -> bytes:
    out = BytesIO()
    Image.new("RGB", (40, 20), (0, 120, 200)).save(out, format="PNG")
    return out.getvalue()


def test_attachments_show_as_image_or_link(browse, site, world):
    png = png_bytes()
    bert = browse("bert")
    form = one(
        parse(get(bert, f"{site.absolute_url()}/@@stream")), "#ospa-stream-composer"
    )
    article = script(
        bert,
        form,
        text="Ein Bild",
        files={"attachment": ("punkt.png", png, "image/png")},
    ).article()
    image = one(article, ".ospa-stream-image img")
    assert image.get("alt") == "punkt.png"
    response = bert.get(image.get("src"), timeout=30)
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("image/")
    # The image links to the file itself.
    link = image.getparent().get("href")
    assert bert.get(link, timeout=30).content == png
    article = script(
        bert,
        form,
        text="Eine Liste",
        files={
            "attachment": ("liste.txt", b"eins\nzwei\n", "application/octet-stream")
        },
    ).article()
    link = one(article, ".ospa-stream-file a")
    assert one(link, ".ospa-stream-filename").text == "liste.txt"
    response = bert.get(link.get("href"), timeout=30)
    assert response.content == b"eins\nzwei\n"


def test_reply_accept_edit_hide_and_delete(browse, site, world):
    question = world["open_question"]
    question_url = question.absolute_url()
    came_from = f"{site.absolute_url()}/@@stream"
    erik = browse("erik")
    erik_token = token_for(erik, site.absolute_url())
    bert = browse("bert")
    bert_token = token_for(bert, site.absolute_url())

    # Erik replies from the reply form of the question.
    tree = parse(get(erik, came_from))
    article = one(tree, f'article[data-uid="{question.UID()}"]')
    form = one(article, "form.ospa-stream-reply-form")
    assert one(form, "input[name=in_reply_to]").get("value") == question.UID()
    sent = script(erik, form, article, text="Im Schrank, @bert")
    assert sent.status_code == 201
    assert sent.message == "Your reply was published."
    assert sent.data["in_reply_to"] == question.UID()
    thread = sent.article()
    assert thread.get("data-uid") == question.UID()
    reply = one(thread, f'li.ospa-stream-reply[data-uid="{sent.data["UID"]}"]')
    assert "Im Schrank" in reply.text_content()
    # Erik may not accept his own answer to Bert's question.
    assert not select(reply, "form.ospa-stream-accept-form")
    reply_uid = sent.data["UID"]
    response = send(
        erik,
        f"{question_url}/@@post-accept",
        erik_token,
        action="accept",
        reply=reply_uid,
    )
    assert_denied(response)

    # Bert, who asked, accepts it without JavaScript.
    tree = parse(get(bert, came_from))
    reply = one(tree, f'li.ospa-stream-reply[data-uid="{reply_uid}"]')
    form = one(reply, "form.ospa-stream-accept-form")
    assert form.get("action") == f"{question_url}/@@post-accept"
    response = send(
        bert,
        form.get("action"),
        bert_token,
        action="accept",
        reply=reply_uid,
        came_from=came_from,
    )
    tree = parse(follow(bert, response))
    assert "You accepted the answer." in status_message(tree)
    article = one(tree, f'article[data-uid="{question.UID()}"]')
    assert article.get("data-question-state") == "answered"
    reply = one(article, f'li.ospa-stream-reply[data-uid="{reply_uid}"]')
    assert reply.get("data-accepted") == "true"
    assert select(reply, ".ospa-stream-accepted-badge")
    # Gone from the open questions.
    tree = parse(get(bert, f"{site.absolute_url()}/@@questions"))
    assert question.UID() not in item_uids(tree)
    # Accepting nothing is a message; withdrawing works.
    response = send(bert, f"{question_url}/@@post-accept", bert_token, action="accept")
    assert "Accept one of the replies" in status_message(parse(follow(bert, response)))
    article = one(parse(get(bert, came_from)), f'article[data-uid="{question.UID()}"]')
    form = one(article, f'[data-uid="{reply_uid}"] form.ospa-stream-accept-form')
    sent = script(bert, form, article)
    assert sent.status_code == 200
    assert sent.message == "The answer is no longer accepted."
    assert sent.article().get("data-question-state") == "open"

    # Erik edits his reply; Bert may not.
    sync()
    with api.env.adopt_roles(["Manager"]):
        reply_obj = api.content.get(UID=reply_uid)
    reply_url = reply_obj.absolute_url()
    response = send(bert, f"{reply_url}/@@post-edit", bert_token, text="Bert war hier")
    assert_denied(response)
    article = one(parse(get(erik, came_from)), f'article[data-uid="{question.UID()}"]')
    form = one(article, f'[data-uid="{reply_uid}"] form.ospa-stream-edit-form')
    assert form.get("data-ospa-rest") == reply_url
    sent = script(erik, form, article, text="Im Schrank links")
    assert sent.status_code == 204
    assert sent.message == "Your changes were saved."
    reply = one(sent.article(), f'li.ospa-stream-reply[data-uid="{reply_uid}"]')
    assert "Im Schrank links" in reply.text_content()
    assert select(reply, ".ospa-stream-edited")
    sent = script(erik, form, article, text="")
    assert sent.status_code == 400
    assert sent.data["message"] == "Write something first."

    # Carla hides Bert's question: Erik no longer sees it, Bert still does.
    response = send(erik, f"{question_url}/@@post-hide", erik_token, action="hide")
    assert_denied(response)
    chef = browse("chef")
    chef_token = token_for(chef, site.absolute_url())
    article = one(parse(get(chef, came_from)), f'article[data-uid="{question.UID()}"]')
    (form,) = [
        form
        for form in select(article, "form.ospa-stream-hide-form")
        if form.get("data-ospa-rest") == question_url
    ]
    sent = script(chef, form, article)
    assert sent.status_code == 200
    assert "hidden" in sent.message
    assert "ospa-stream-hidden" in sent.article().get("class")
    assert question.UID() not in item_uids(parse(get(erik, came_from)))
    article = one(parse(get(bert, came_from)), f'article[data-uid="{question.UID()}"]')
    assert select(article, ".ospa-stream-hidden-badge")
    send(chef, f"{question_url}/@@post-hide", chef_token, action="show")
    assert question.UID() in item_uids(parse(get(erik, came_from)))

    # Erik may not delete the question; Bert deletes it, replies and all.
    assert_denied(send(erik, f"{question_url}/@@post-delete", erik_token))
    response = send(
        bert, f"{question_url}/@@post-delete", bert_token, came_from=question_url
    )
    # Not back to the deleted post's page, but to where it was.
    assert response.headers["Location"] == site["stream"].absolute_url()
    assert "The post was deleted." in status_message(parse(follow(bert, response)))
    sync()
    assert question.getId() not in site["stream"]
    assert reply_obj.getId() not in site["stream"]


def test_community_moderators_hide_and_delete(browse, site, world):
    post = post_as("bert", world["closed"], "Moderiere mich")
    transaction.commit()
    anna = browse("anna")
    tree = parse(get(anna, f"{world['closed'].absolute_url()}/@@community-stream"))
    article = one(tree, f'article[data-uid="{post.UID()}"]')
    assert select(article, "form.ospa-stream-hide-form")
    assert select(article, "form.ospa-stream-delete-form")
    assert not select(article, "form.ospa-stream-edit-form")
    sent = script(anna, one(article, "form.ospa-stream-delete-form"), article)
    assert sent.status_code == 204
    assert sent.message == "The post was deleted."
    # The thread itself is gone: the script removes it, fetching nothing.
    assert sent.html is None
    sync()
    assert post.getId() not in world["closed"]


def test_the_share_viewlet(browse, site, world):
    news = site["kantine"]
    erik = browse("erik")
    tree = parse(get(erik, news.absolute_url()))
    form = one(tree, "#ospa-stream-share form")
    assert one(form, "input[name=about]").get("value") == news.UID()
    assert form.get("action") == f"{site.absolute_url()}/@@stream-post"
    # Not for anonymous visitors, not on folders.
    assert not select(parse(get(browse(), news.absolute_url())), "#ospa-stream-share")
    assert not select(
        parse(get(erik, site["ablage"].absolute_url())), "#ospa-stream-share"
    )
    response = send(
        erik,
        form.get("action"),
        one(form, "input[name=_authenticator]").get("value"),
        text="Lest das!",
        about=news.UID(),
        place=one(form, "input[name=place]").get("value"),
        came_from=news.absolute_url(),
    )
    assert response.headers["Location"] == news.absolute_url()
    tree = parse(get(browse("bert"), f"{site.absolute_url()}/@@stream"))
    card = one(tree, "a.ospa-stream-about")
    assert card.get("href") == news.absolute_url()
    assert one(card, ".ospa-stream-about-title").text == "Kantine"


def test_a_posts_own_page_shows_all_replies(browse, site, world):
    question = world["open_question"]
    replies = [
        post_as("anna", site["stream"], f"Antwort {number}", in_reply_to=question.UID())
        for number in range(5)
    ]
    transaction.commit()
    erik = browse("erik")
    tree = parse(get(erik, f"{site.absolute_url()}/@@stream"))
    article = one(tree, f'article[data-uid="{question.UID()}"]')
    # The stream shows the latest three and a link to all.
    shown = [li.get("data-uid") for li in select(article, "li.ospa-stream-reply")]
    assert shown == [reply.UID() for reply in replies[2:]]
    assert one(article, "a.ospa-stream-all-replies").get("href") == (
        question.absolute_url()
    )
    tree = parse(get(erik, question.absolute_url()))
    shown = [li.get("data-uid") for li in select(tree, "li.ospa-stream-reply")]
    assert shown == [reply.UID() for reply in replies]
    # A reply's page is its thread, the reply marked.
    tree = parse(get(erik, replies[1].absolute_url()))
    assert one(tree, "li.ospa-stream-focus").get("data-uid") == replies[1].UID()
    assert one(tree, "article.ospa-stream-item").get("data-uid") == question.UID()


def test_load_more_pages_by_cursor(browse, site, world):
    for number in range(22):
        post_as("anna", site["stream"], f"Nummer {number}")
    transaction.commit()
    erik = browse("erik")
    url = f"{site.absolute_url()}/@@stream"
    tree = parse(get(erik, url))
    first = item_uids(tree)
    assert len(first) == 20
    more = one(tree, "a#ospa-stream-more").get("href")
    assert more.startswith(f"{url}?before=")
    tree = parse(get(erik, more))
    second = item_uids(tree)
    assert second
    assert not set(second) & set(first)
    assert world["hello"].UID() in second
    assert not select(tree, "a#ospa-stream-more")
    assert select(tree, ".ospa-stream-newer a")
    # The fragment the script appends: items and the link, no page around.
    response = get(erik, more + "&fragment=items")
    assert "portal-header" not in response.text
    fragment = lxml_html.fragment_fromstring(response.text, create_parent="div")
    assert item_uids(fragment) == second
