"""Site Setup → Social intranet over HTTP: ``@controlpanels/social``."""

import pytest


SOCIAL = [
    "Document",
    "News Item",
    "Event",
    "File",
    "Image",
    "Community",
    "Post",
    "Idea",
]


@pytest.mark.parametrize("userid", [None, "nomember", "anna"])
def test_only_managers(http_people, client, assert_error, userid):
    who = client(userid)
    assert_error(who.get("@controlpanels/social"), 401, "Unauthorized")
    response = who.patch("@controlpanels/social", body={"social_types": []})
    assert_error(response, 401, "Unauthorized")
    data = client("chef").get("@controlpanels/social").json()["data"]
    assert [term["token"] for term in data["social_types"]] == SOCIAL


def test_listed_among_the_control_panels(http_people, client, site_url):
    panels = client("chef").get("@controlpanels").json()
    [social] = [p for p in panels if p["@id"].endswith("/@controlpanels/social")]
    assert social["title"] == "Social intranet"
    assert social["group"] == "Add-on Configuration"


def test_manager_reads_the_settings(http_people, client, site_url):
    body = client("chef").get("@controlpanels/social").json()
    assert body["@id"] == f"{site_url}/@controlpanels/social"
    assert body["title"] == "Social intranet"
    assert body["group"] == "Add-on Configuration"
    assert set(body["schema"]["properties"]) == {
        "social_types",
        "comment_types",
        "stream_types",
        "post_max_length",
        "post_max_attachment_mb",
        "post_attachment_types",
        "idea_support_threshold",
        "employee_roles",
        "employee_groups",
    }
    data = body["data"]
    tokens = {
        name: [term["token"] for term in data[name]]
        for name in ("social_types", "comment_types", "stream_types")
    }
    assert tokens == {
        "social_types": SOCIAL,
        "comment_types": ["Document", "News Item", "Event", "Idea"],
        "stream_types": ["Document", "News Item", "Event", "File"],
    }
    assert data["post_max_length"] == 1000
    assert data["idea_support_threshold"] == 10
    assert data["post_max_attachment_mb"] == 10
    assert "application/pdf" in data["post_attachment_types"]


def test_patch_changes_the_social_types(http_people, http_news, client, assert_error):
    chef = client("chef")
    without_news = [name for name in SOCIAL if name != "News Item"]
    response = chef.patch("@controlpanels/social", body={"social_types": without_news})
    try:
        assert response.status_code == 204, response.text
        data = chef.get("@controlpanels/social").json()["data"]
        assert [term["token"] for term in data["social_types"]] == without_news
        response = client("anna").post("kantine/@likes")
        assert assert_error(response, 400, "BadRequest")["message"] == (
            "This item cannot be recommended."
        )
        social = client("anna").get("kantine/@social").json()
        assert social["likeable"] is False
        assert social["followable"] is False
    finally:
        chef.patch("@controlpanels/social", body={"social_types": SOCIAL})
    assert client("anna").post("kantine/@likes").json()["liked"] is True


def test_unknown_types_are_refused(http_people, client):
    chef = client("chef")
    before = chef.get("@controlpanels/social").json()["data"]["social_types"]
    response = chef.patch("@controlpanels/social", body={"social_types": ["Nonsense"]})
    after = chef.get("@controlpanels/social")
    assert (response.status_code, after.status_code) == (400, 200), (
        response.text,
        after.text[:2000],
    )
    assert after.json()["data"]["social_types"] == before
