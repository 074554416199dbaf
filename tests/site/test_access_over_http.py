"""Every endpoint and method, for everyone: the status, and JSON always.

Anonymous, a user without the Member role, a member and a manager; on
published news and on a page that was never published.
"""

import pytest


USERS = (None, "nomember", "anna", "chef")
FOLLOW_BERT = {"kind": "user", "target": "bert"}
COMMENT_TYPES = {"comment_types": ["Document", "News Item", "Event"]}

# (method, path, query, body): statuses for anonymous, nomember, anna, chef
CASES = [
    ("GET", "kantine/@likes", None, None, (200, 200, 200, 200)),
    ("POST", "kantine/@likes", None, None, (401, 401, 200, 200)),
    ("DELETE", "kantine/@likes", None, None, (401, 401, 200, 200)),
    ("GET", "kantine/@followers", None, None, (200, 200, 200, 200)),
    ("GET", "kantine/@social", None, None, (200, 200, 200, 200)),
    ("GET", "kantine", {"expand": "social"}, None, (200, 200, 200, 200)),
    ("GET", "@following", None, None, (401, 401, 200, 200)),
    ("POST", "@following", None, FOLLOW_BERT, (401, 401, 200, 200)),
    ("DELETE", "@following", None, FOLLOW_BERT, (401, 401, 200, 200)),
    ("GET", "@followers", None, None, (401, 200, 200, 200)),
    ("GET", "@followers", {"target": "bert"}, None, (200, 200, 200, 200)),
    ("GET", "@controlpanels/social", None, None, (401, 401, 401, 200)),
    ("PATCH", "@controlpanels/social", None, COMMENT_TYPES, (401, 401, 401, 204)),
    ("GET", "intern/@likes", None, None, (401, 401, 401, 200)),
    ("POST", "intern/@likes", None, None, (401, 401, 401, 200)),
    ("DELETE", "intern/@likes", None, None, (401, 401, 401, 200)),
    ("GET", "intern/@followers", None, None, (401, 401, 401, 200)),
    ("GET", "intern/@social", None, None, (401, 401, 401, 200)),
    ("GET", "intern", {"expand": "social"}, None, (401, 401, 401, 200)),
]


@pytest.mark.parametrize(
    ("method", "path", "query", "body", "userid", "status"),
    [
        pytest.param(
            method,
            path,
            query,
            body,
            userid,
            status,
            id=f"{method} {path}{'?' if query else ''}"
            f"{'&'.join(f'{k}={v}' for k, v in (query or {}).items())}"
            f" as {userid or 'anonymous'}",
        )
        for method, path, query, body, statuses in CASES
        for userid, status in zip(USERS, statuses, strict=True)
    ],
)
def test_status_and_json(
    http_people,
    http_news,
    http_private_page,
    client,
    method,
    path,
    query,
    body,
    userid,
    status,
):
    response = client(userid).request(method, path, body=body, params=query)
    assert response.status_code == status, response.text
    if status == 204:
        assert response.text == ""
        return
    assert response.headers["Content-Type"].startswith("application/json")
    data = response.json()
    if status >= 400:
        assert data["type"] == "Unauthorized"
        assert data["message"]
    else:
        assert isinstance(data, dict)
        assert data
        assert "type" not in data
