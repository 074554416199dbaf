"""What an outside probe of the demo site answered with a 500 or stored as
sent, each pinned down over real HTTP on the fuzzer's world.

The generated sweeps over every field and every text parameter are in
``test_wrong_json_types.py`` and ``test_rest_fuzzing.py``; these are the
probe's own requests, one test each.
"""

from tests.hardening.fuzz.test_rest_fuzzing import error_message
from tests.hardening.fuzz.test_rest_fuzzing import Fuzzer
from tests.hardening.fuzz.test_rest_fuzzing import NESTED
import base64
import pytest


# Text-index operators and characters without a word, alone.
NO_WORDS = (".", "-", "\x00", "\u202e", "AND", "NOT", "OR", "*", '"', "(", ")")


def refused(fuzzer, response, *statuses):
    assert response.status_code in statuses, response.text
    assert error_message(response.json()), response.text
    assert not fuzzer.failures, fuzzer.report()
    return response.json()


@pytest.mark.parametrize("q", NO_WORDS, ids=repr)
def test_a_community_search_without_words_is_no_search(world, q):
    """Was a 500: ZCTextIndex's ParseError ("only common words"). Now
    what an empty search field lists ("AND" is a word like any other)."""
    fuzzer = Fuzzer(world, "member")
    url = f"{fuzzer.base}/@communities"
    everything = fuzzer.send("all", "GET", url).json()["items"]
    assert everything
    response = fuzzer.send("search", "GET", url, params={"q": q})
    assert response.status_code == 200, response.text
    if q not in ("AND", "NOT", "OR"):
        assert response.json()["items"] == everything
    assert not fuzzer.failures, fuzzer.report()


def test_a_community_search_still_finds_words(world):
    fuzzer = Fuzzer(world, "member")
    url = f"{fuzzer.base}/@communities"
    for q in ("Quokka", "quok", "Community Quokka", "(Quokka)", "-quo", '"Quokka"'):
        response = fuzzer.send("search", "GET", url, params={"q": q})
        assert response.status_code == 200, response.text
        assert [item["title"] for item in response.json()["items"]] == [
            "Community Quokka"
        ], q


@pytest.mark.parametrize(
    ("place", "type_"), [(p, t) for p in ("stream", "community") for t in (["Post"], 1)]
)
def test_an_at_type_that_is_no_text_is_a_400(world, place, type_):
    """Was a 500 in plone.restapi's create ('list' has no 'lower')."""
    fuzzer = Fuzzer(world, "member")
    url = f"{fuzzer.base}/{world[place]}"
    response = fuzzer.send("create", "POST", url, json={"@type": type_, "text": "x"})
    assert "@type" in refused(fuzzer, response, 400)["message"]


@pytest.mark.parametrize(
    ("place", "field", "value"),
    [
        ("community", "join_policy", []),
        ("community", "visibility", {"a": 1}),
        ("community", "guidelines", 5),
        ("idea", "proposal", 5),
        ("box", "reviewers", 5),
    ],
)
def test_a_field_value_of_the_wrong_type_is_a_400(world, place, field, value):
    """Were 500s: a choice given a list (unhashable), a rich text given an
    int (not iterable). Nothing changes."""
    fuzzer = Fuzzer(world, "manager")
    url = f"{fuzzer.base}/{world[place]}"
    before = fuzzer.send("read", "GET", url).json()
    response = fuzzer.send("change", "PATCH", url, json={field: value})
    assert field in refused(fuzzer, response, 400)["message"]
    assert fuzzer.send("read", "GET", url).json() == before


def test_an_idea_with_a_proposal_of_the_wrong_type_is_not_created(world):
    fuzzer = Fuzzer(world, "member")
    url = f"{fuzzer.base}/{world['box']}"
    idea = {"@type": "Idea", "title": "Neu", "problem": "P", "proposal": 5}
    response = fuzzer.send("create", "POST", url, json=idea)
    assert "proposal" in refused(fuzzer, response, 400)["message"]


@pytest.mark.parametrize("body", NESTED, ids=["array", "object"])
@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("POST", "++api++/@following"),
        ("POST", "++api++/{community}/@members"),
        ("PATCH", "++api++/{mine}"),
        ("POST", "++api++/stream"),
        ("POST", "@following"),
        ("POST", "++api++/@login"),
    ],
)
def test_deep_json_sent_as_application_json_is_a_400(world, body, method, path):
    """Was a 500 before any service ran: plone.restapi's JWT plugin parses
    the body while PAS authenticates and fails with a RecursionError."""
    fuzzer = Fuzzer(world, "member")
    url = f"{fuzzer.base}/{path.format(**world)}"
    headers = {"Content-Type": "application/json"}
    response = fuzzer.send("deep", method, url, headers=headers, data=body)
    assert "nests" in refused(fuzzer, response, 400)["message"]


def test_json_a_few_levels_deep_still_goes(world):
    fuzzer = Fuzzer(world, "member")
    url = f"{fuzzer.base}/++api++/{world['mine']}"
    text = {"text": "Tief", "unknown": [[[[[[[[[[{"a": [1]}]]]]]]]]]]}
    response = fuzzer.send("change", "PATCH", url, json=text)
    assert response.status_code == 204, response.text


def test_a_member_may_not_hide_a_post(world):
    """Was a 400 with the raw ``No workflow provides the '${action_id}'
    action.``; now a 403 that says why, and nothing changes."""
    fuzzer = Fuzzer(world, "member")
    url = f"{fuzzer.base}/{world['post']}/@workflow/hide"
    body = refused(fuzzer, fuzzer.send("hide", "POST", url), 403)
    assert "hide" in body["message"]
    assert "${" not in body["message"]


def test_anonymous_visitors_may_not_hide_a_post(world):
    fuzzer = Fuzzer(world, "anonymous")
    url = f"{fuzzer.base}/{world['post']}/@workflow/hide"
    refused(fuzzer, fuzzer.send("hide", "POST", url), 401)


def test_an_unknown_transition_of_a_post_is_a_400_that_names_the_known(world):
    fuzzer = Fuzzer(world, "member")
    url = f"{fuzzer.base}/{world['post']}/@workflow/bogus"
    body = refused(fuzzer, fuzzer.send("bogus", "POST", url), 400)
    assert "bogus" in body["message"]
    assert "hide" in body["message"]


def test_a_manager_still_hides_and_shows_a_post(world):
    fuzzer = Fuzzer(world, "manager")
    url = f"{fuzzer.base}/{world['post']}/@workflow"
    hidden = fuzzer.send("hide", "POST", f"{url}/hide")
    assert hidden.status_code == 200, hidden.text
    assert hidden.json()["review_state"] == "hidden"
    again = fuzzer.send("hide", "POST", f"{url}/hide")
    assert again.status_code == 200, again.text
    shown = fuzzer.send("show", "POST", f"{url}/show")
    assert shown.json()["review_state"] == "visible"
    assert not fuzzer.failures, fuzzer.report()


NAMES = (
    ("../../x.txt", "x.txt"),
    ("..\\..\\boot.ini", "boot.ini"),
    (".htaccess", "htaccess"),
    ("plan\u202etxt.exe", "plantxt.exe"),
    ("a\x00b\nc.txt", "abc.txt"),
    ("../", "attachment"),
    ("x" * 300 + ".txt", "x" * 116 + ".txt"),
)


def upload(filename, content_type="text/plain") -> dict:
    return {
        "data": base64.b64encode(b"Inhalt").decode(),
        "encoding": "base64",
        "filename": filename,
        "content-type": content_type,
    }


@pytest.mark.parametrize(("sent", "stored"), NAMES, ids=repr)
def test_the_file_name_of_an_attachment_is_made_safe(world, sent, stored):
    fuzzer = Fuzzer(world, "member")
    post = {"@type": "Post", "text": "Mit Anhang", "attachment": upload(sent)}
    created = fuzzer.send("create", "POST", f"{fuzzer.base}/stream", json=post)
    assert created.status_code == 201, created.text
    assert created.json()["attachment"]["filename"] == stored


@pytest.mark.parametrize(("type_", "field"), [("File", "file"), ("Image", "image")])
def test_the_file_name_of_a_file_in_an_idea_is_made_safe(world, type_, field):
    fuzzer = Fuzzer(world, "manager")
    gif = base64.b64encode(b"GIF89a\x01\x00\x01\x00\x00\x00\x00;").decode()
    value = {**upload("../../x.gif", "image/gif"), "data": gif}
    url = f"{fuzzer.base}/{world['idea']}"
    created = fuzzer.send("create", "POST", url, json={"@type": type_, field: value})
    assert created.status_code == 201, created.text
    assert created.json()[field]["filename"] == "x.gif"
    changed = fuzzer.send(
        "change",
        "PATCH",
        created.json()["@id"],
        json={field: {**value, "filename": "\u202e../y.gif"}},
    )
    assert changed.status_code == 204, changed.text
    read = fuzzer.send("read", "GET", created.json()["@id"]).json()
    assert read[field]["filename"] == "y.gif"
