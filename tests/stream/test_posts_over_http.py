"""Posts over plone.restapi's own content endpoints, over HTTP.

A post is created with ``POST /<community or stream>`` and ``"@type":
"Post"``, changed with ``PATCH``, deleted with ``DELETE`` and hidden with
``@workflow/hide``. Every refused request is checked to have stored
nothing: the number of posts a manager finds stays the same.
"""

from plone import api
import base64
import pytest
import transaction


PDF = b"%PDF-1.4\n% ospa.social test\n"


def post_as(userid, container, text, **kwargs):
    """A post by ``userid`` through the Python API, committed."""
    from ospa.social.stream import posts

    transaction.begin()
    with api.env.adopt_user(username=userid):
        post = posts.create(container, text, **kwargs)
    transaction.commit()
    return post


def set_record(name, value):
    transaction.begin()
    api.portal.set_registry_record(f"ospa.social.{name}", value)
    transaction.commit()


def post_count(client) -> int:
    """How many posts and replies there are (a manager sees them all)."""
    response = client("admin").get("@search", params={"portal_type": "Post"})
    assert response.status_code == 200, response.text
    return response.json()["items_total"]


def new_post(text="Hallo", **fields) -> dict:
    return {"@type": "Post", "text": text, **fields}


def file_field(data: bytes, filename, content_type) -> dict:
    return {
        "data": base64.b64encode(data).decode(),
        "encoding": "base64",
        "filename": filename,
        "content-type": content_type,
    }


def stream_item(client, userid, uid, path="@stream"):
    """The stream item ``uid`` as ``userid`` sees it (None if not listed)."""
    response = client(userid).get(path, params={"size": 50})
    assert response.status_code == 200, response.text
    found = [item for item in response.json()["items"] if item["uid"] == uid]
    return found[0] if found else None


def assert_refused(response, *words):
    """A 400 whose message says ``words`` (plone.restapi's BadRequest)."""
    assert response.status_code == 400, response.text
    body = response.json()
    error = body.get("error", body)
    assert error["message"], body
    for word in words:
        assert word in error["message"], body
    return error


@pytest.fixture
def everyone(http_people, community_people):
    """anna, bert, nomember, chef; olga, moritz, mia, erik, gast, leitung."""
    return http_people + community_people


# -- creating ----------------------------------------------------------------


def test_a_post_into_the_stream(everyone, client, site_url):
    before = post_count(client)
    response = client("anna").post("stream", body=new_post("Hallo #Kantine"))
    assert response.status_code == 201, response.text
    body = response.json()
    assert body["@type"] == "Post"
    assert body["text"] == "Hallo #Kantine"
    assert body["question"] is False
    assert body["@id"].startswith(f"{site_url}/stream/")
    assert post_count(client) == before + 1
    # Every employee reads the stream.
    assert client("bert").get(body["@id"]).json()["text"] == "Hallo #Kantine"
    item = stream_item(client, "bert", body["UID"])
    assert item["kind"] == "post"
    assert item["actor"]["id"] == "anna"
    assert item["community"] is None
    assert item["edited"] is None


def test_a_question_into_the_stream(everyone, client):
    response = client("anna").post(
        "stream", body=new_post("Wer kennt den WLAN-Schlüssel?", question=True)
    )
    assert response.status_code == 201, response.text
    item = stream_item(client, "bert", response.json()["UID"])
    assert item["kind"] == "question"
    assert item["question"]["state"] == "open"


def test_users_without_the_member_role_are_no_employees_and_cannot_post(
    everyone, client
):
    """Employees are the Member role by default; guests are logged in too."""
    before = post_count(client)
    response = client("nomember").post("stream", body=new_post("Hallo"))
    assert response.status_code == 401, response.text
    assert post_count(client) == before


def test_anonymous_visitors_cannot_post(everyone, client):
    before = post_count(client)
    response = client(None).post("stream", body=new_post("Hallo"))
    assert response.status_code == 401, response.text
    assert post_count(client) == before


@pytest.mark.parametrize("visibility", ["open", "closed", "secret"])
def test_members_post_into_their_community(communities, client, visibility):
    community = communities[visibility]
    response = client("mia").post(
        f"communities/{community.getId()}", body=new_post("Hallo Community")
    )
    assert response.status_code == 201, response.text
    item = stream_item(client, "mia", response.json()["UID"])
    assert item["community"]["uid"] == community.UID()
    assert item["viewer"]["can_reply"] is True


@pytest.mark.parametrize("visibility", ["open", "closed", "secret"])
def test_non_members_cannot_post_into_a_community(communities, client, visibility):
    community = communities[visibility]
    before = post_count(client)
    response = client("erik").post(
        f"communities/{community.getId()}", body=new_post("Hallo Community")
    )
    assert response.status_code == 403, response.text
    assert post_count(client) == before


def test_posts_only_go_into_communities_and_the_stream(everyone, client):
    before = post_count(client)
    response = client("admin").post("", body=new_post("Hallo"))
    assert response.status_code in (400, 403), response.text
    assert post_count(client) == before


# -- replies -------------------------------------------------------------------


def test_a_reply(everyone, client, functional_portal):
    post = post_as("anna", functional_portal["stream"], "Wer kommt mit?")
    response = client("bert").post(
        "stream", body=new_post("Ich!", in_reply_to=post.UID())
    )
    assert response.status_code == 201, response.text
    reply = response.json()
    assert reply["in_reply_to"] == post.UID()
    # Replies are shown under their post, not as items of their own.
    assert stream_item(client, "anna", reply["UID"]) is None
    item = stream_item(client, "anna", post.UID())
    assert item["counts"]["replies"] == 1
    assert [r["uid"] for r in item["replies"]] == [reply["UID"]]
    assert item["replies"][0]["kind"] == "reply"
    replies = client("anna").get(f"{post.absolute_url()}/@replies").json()
    assert [r["uid"] for r in replies["items"]] == [reply["UID"]]


def test_a_reply_in_a_community(communities, client):
    community = communities["closed"]
    post = post_as("mia", community, "Frage an alle")
    response = client("moritz").post(
        f"communities/{community.getId()}",
        body=new_post("Antwort", in_reply_to=post.UID()),
    )
    assert response.status_code == 201, response.text


def test_a_reply_to_a_deleted_post(everyone, client, functional_portal):
    from ospa.social.stream import posts

    post = post_as("anna", functional_portal["stream"], "Gleich weg")
    uid = post.UID()
    transaction.begin()
    with api.env.adopt_user(username="anna"):
        posts.delete(post)
    transaction.commit()
    before = post_count(client)
    response = client("bert").post("stream", body=new_post("Hm?", in_reply_to=uid))
    assert_refused(response, "does not exist or you cannot see it")
    assert post_count(client) == before


@pytest.mark.parametrize("visibility", ["closed", "secret"])
def test_a_reply_to_a_post_one_cannot_see(communities, client, visibility):
    post = post_as("mia", communities[visibility], "Nur für uns")
    before = post_count(client)
    # Into the stream, and into the community (which erik cannot post into).
    response = client("erik").post(
        "stream", body=new_post("Ich lese mit", in_reply_to=post.UID())
    )
    assert_refused(response, "does not exist or you cannot see it")
    response = client("erik").post(
        f"communities/{communities[visibility].getId()}",
        body=new_post("Ich lese mit", in_reply_to=post.UID()),
    )
    assert response.status_code in (400, 401, 403), response.text
    assert post_count(client) == before


def test_a_reply_to_a_reply(everyone, client, functional_portal):
    post = post_as("anna", functional_portal["stream"], "Post")
    reply = post_as(
        "bert", functional_portal["stream"], "Reply", in_reply_to=post.UID()
    )
    before = post_count(client)
    response = client("anna").post(
        "stream", body=new_post("Reply to reply", in_reply_to=reply.UID())
    )
    assert_refused(response, "replies have no replies")
    assert post_count(client) == before


def test_a_reply_goes_where_its_post_is(communities, client, functional_portal):
    post = post_as("mia", functional_portal["stream"], "In the stream")
    before = post_count(client)
    response = client("mia").post(
        "communities/offen", body=new_post("Elsewhere", in_reply_to=post.UID())
    )
    assert_refused(response, "A reply belongs where its post is.")
    assert post_count(client) == before


def test_a_reply_is_no_question(everyone, client, functional_portal):
    post = post_as("anna", functional_portal["stream"], "Post")
    before = post_count(client)
    response = client("bert").post(
        "stream", body=new_post("Frage?", in_reply_to=post.UID(), question=True)
    )
    assert_refused(response, "A reply cannot be a question.")
    assert post_count(client) == before


# -- bad input -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("", ()),
        ("   \n\t ", ("Write something first.",)),
        ("x" * 51, ("at most 50 characters", "this one has 51")),
        (None, ()),
        (42, ()),
    ],
    ids=["empty", "whitespace", "too-long", "null", "number"],
)
def test_bad_text(everyone, client, text, words):
    set_record("post_max_length", 50)
    before = post_count(client)
    assert_refused(client("anna").post("stream", body=new_post(text)), *words)
    assert post_count(client) == before


def test_text_as_long_as_allowed(everyone, client):
    set_record("post_max_length", 50)
    response = client("anna").post("stream", body=new_post("x" * 50))
    assert response.status_code == 201, response.text


def test_a_post_without_text(everyone, client):
    before = post_count(client)
    response = client("anna").post("stream", body={"@type": "Post"})
    assert_refused(response)
    assert post_count(client) == before


def test_html_is_kept_as_text(everyone, client):
    text = '<script>alert("x")</script> <b>fett</b> & mehr'
    response = client("anna").post("stream", body=new_post(text))
    assert response.status_code == 201, response.text
    body = client("bert").get(response.json()["@id"]).json()
    assert body["text"] == text
    item = stream_item(client, "bert", body["UID"])
    assert item["object"]["text"] == text
    html = item["object"]["html"]
    assert "<script>" not in html
    assert "<b>" not in html
    assert "&lt;script&gt;" in html
    assert "&lt;b&gt;fett&lt;/b&gt; &amp; mehr" in html


def test_mentions_of_unknown_people_stay_text(everyone, client, site_url):
    response = client("anna").post("stream", body=new_post("Hallo @niemand und @bert"))
    assert response.status_code == 201, response.text
    item = stream_item(client, "anna", response.json()["UID"])
    html = item["object"]["html"]
    assert f'href="{site_url}/author/bert"' in html
    assert "@niemand" in html
    assert "author/niemand" not in html


def test_an_attachment(everyone, client):
    response = client("anna").post(
        "stream",
        body=new_post(
            "Der Plan", attachment=file_field(PDF, "plan.pdf", "application/pdf")
        ),
    )
    assert response.status_code == 201, response.text
    item = stream_item(client, "bert", response.json()["UID"])
    attachment = item["object"]["attachment"]
    assert attachment["filename"] == "plan.pdf"
    assert attachment["content_type"] == "application/pdf"
    assert attachment["size"] == len(PDF)
    assert attachment["image"] is None
    download = client("bert").get(attachment["@id"])
    assert download.status_code == 200
    assert download.content == PDF


def test_an_attachment_too_big(everyone, client):
    set_record("post_max_attachment_mb", 1)
    data = PDF + b"0" * (1024 * 1024)
    before = post_count(client)
    response = client("anna").post(
        "stream",
        body=new_post(
            "Groß", attachment=file_field(data, "gross.pdf", "application/pdf")
        ),
    )
    assert_refused(response, "at most 1 MB")
    assert post_count(client) == before


def test_an_attachment_of_a_type_not_allowed(everyone, client):
    before = post_count(client)
    response = client("anna").post(
        "stream",
        body=new_post(
            "Tool",
            attachment=file_field(
                b"MZ\x90\x00", "tool.exe", "application/x-msdownload"
            ),
        ),
    )
    assert_refused(response, "application/x-msdownload")
    assert post_count(client) == before


@pytest.mark.parametrize("data", ["{not json", "[1, 2]"], ids=["malformed", "array"])
def test_a_body_that_is_no_json_object(everyone, client, data):
    before = post_count(client)
    response = client("anna").post("stream", data=data)
    assert post_count(client) == before
    assert_refused(response)


def test_a_body_that_is_no_json_object_stores_nothing(everyone, client):
    before = post_count(client)
    for data in ("{not json", "[1, 2]"):
        response = client("anna").post("stream", data=data)
        assert response.status_code >= 400, response.text
        assert response.json()["message"]
    assert post_count(client) == before


# -- changing ------------------------------------------------------------------


def test_the_author_edits_a_post(everyone, client, functional_portal):
    post = post_as("anna", functional_portal["stream"], "Ertse Fassung")
    assert stream_item(client, "bert", post.UID())["edited"] is None
    response = client("anna").patch(post.absolute_url(), body={"text": "Erste Fassung"})
    assert response.status_code == 204, response.text
    assert client("bert").get(post.absolute_url()).json()["text"] == "Erste Fassung"
    item = stream_item(client, "bert", post.UID())
    assert item["object"]["text"] == "Erste Fassung"
    assert item["edited"] is not None
    assert item["viewer"]["can_edit"] is False
    assert stream_item(client, "anna", post.UID())["viewer"]["can_edit"] is True


def test_others_cannot_edit_a_post(everyone, client, functional_portal):
    post = post_as("anna", functional_portal["stream"], "Meins")
    response = client("bert").patch(post.absolute_url(), body={"text": "Meins!"})
    assert response.status_code == 401, response.text
    assert client("anna").get(post.absolute_url()).json()["text"] == "Meins"
    assert stream_item(client, "anna", post.UID())["edited"] is None


@pytest.mark.parametrize(
    ("change", "words"),
    [
        ({"text": "  "}, ("Write something first.",)),
        ({"in_reply_to": "0" * 32}, ()),
    ],
    ids=["empty-text", "becomes-a-reply"],
)
def test_bad_edits(everyone, client, functional_portal, change, words):
    post = post_as("anna", functional_portal["stream"], "Bleibt so")
    assert_refused(client("anna").patch(post.absolute_url(), body=change), *words)
    body = client("anna").get(post.absolute_url()).json()
    assert body["text"] == "Bleibt so"
    assert body["in_reply_to"] is None


def test_an_edit_with_malformed_json(everyone, client, functional_portal):
    post = post_as("anna", functional_portal["stream"], "Bleibt so")
    response = client("anna").patch(post.absolute_url(), data="{not json")
    assert_refused(response)
    assert client("anna").get(post.absolute_url()).json()["text"] == "Bleibt so"


# -- deleting ------------------------------------------------------------------


def test_the_author_deletes_a_post(everyone, client, functional_portal):
    post = post_as("anna", functional_portal["stream"], "Weg damit")
    url = post.absolute_url()
    assert client("bert").delete(url).status_code == 401
    assert client("anna").get(url).status_code == 200
    assert client("anna").delete(url).status_code == 204
    assert client("anna").get(url).status_code == 404
    assert stream_item(client, "bert", post.UID()) is None


def test_a_community_moderator_deletes_a_post(communities, client):
    post = post_as("mia", communities["open"], "Falsch hier")
    url = post.absolute_url()
    # Erik may read it in the open community, but not delete it.
    assert client("erik").get(url).status_code == 200
    assert client("erik").delete(url).status_code == 401
    assert client("moritz").delete(url).status_code == 204
    assert client("mia").get(url).status_code == 404


def test_deleting_a_post_deletes_its_replies(everyone, client, functional_portal):
    post = post_as("anna", functional_portal["stream"], "Mit Antworten")
    post_as("bert", functional_portal["stream"], "Antwort", in_reply_to=post.UID())
    before = post_count(client)
    assert client("anna").delete(post.absolute_url()).status_code == 204
    assert post_count(client) == before - 2


def test_deleting_the_accepted_answer_reopens_the_question(
    everyone, client, functional_portal
):
    from ospa.social.stream import posts

    question = post_as("anna", functional_portal["stream"], "Frage?", question=True)
    reply = post_as(
        "bert", functional_portal["stream"], "So", in_reply_to=question.UID()
    )
    transaction.begin()
    with api.env.adopt_user(username="anna"):
        posts.accept(question, reply.UID())
    transaction.commit()
    assert client("bert").delete(reply.absolute_url()).status_code == 204
    answer = client("anna").get(f"{question.absolute_url()}/@answer").json()
    assert answer["accepted"] is None


# -- hiding --------------------------------------------------------------------


def test_a_moderator_hides_a_post(communities, client):
    from ospa.social.communities import api as community_api

    community = communities["open"]
    transaction.begin()
    with api.env.adopt_user(username="olga"):
        community_api.add(community, "gast", "member")
    transaction.commit()
    post = post_as("mia", community, "Daneben")
    url = post.absolute_url()
    # A member cannot hide it: a 403 that says so.
    refused = client("gast").post(f"{url}/@workflow/hide")
    assert refused.status_code == 403, refused.text
    assert "hide" in refused.json()["message"]
    assert stream_item(client, "gast", post.UID())["hidden"] is False
    response = client("moritz").post(f"{url}/@workflow/hide")
    assert response.status_code == 200, response.text
    assert response.json()["review_state"] == "hidden"
    for userid in ("gast", "erik"):
        assert client(userid).get(url).status_code in (401, 404)
        assert stream_item(client, userid, post.UID()) is None
    # Its author and the moderators still see it, marked hidden.
    for userid in ("mia", "moritz"):
        assert client(userid).get(url).status_code == 200
        assert stream_item(client, userid, post.UID())["hidden"] is True
    response = client("moritz").post(f"{url}/@workflow/show")
    assert response.status_code == 200, response.text
    assert stream_item(client, "gast", post.UID())["hidden"] is False


def test_a_site_manager_hides_a_post_in_the_stream(everyone, client, functional_portal):
    post = post_as("anna", functional_portal["stream"], "Daneben")
    url = post.absolute_url()
    assert client("bert").post(f"{url}/@workflow/hide").status_code == 403
    response = client("chef").post(f"{url}/@workflow/hide")
    assert response.status_code == 200, response.text
    assert client("bert").get(url).status_code in (401, 404)
    assert stream_item(client, "bert", post.UID()) is None
    assert client("anna").get(url).status_code == 200
    assert stream_item(client, "anna", post.UID())["hidden"] is True
