"""Many clients on two instances at once: counts, rosters and posts stay exact.

Each of ``USERS`` people runs the same script in a thread of its own, every
request going alternately to instance A and instance B: join the community,
like the same post, support the same idea, write posts into the same
community, read the stream, unlike and like again, leave and join again.
Zope retries a transaction that meets a write conflict; the test demands
that no request fails for all that, and that afterwards both instances
report exactly what happened.
"""

from concurrent.futures import ThreadPoolExecutor
import time
import uuid


USERS = 12
POSTS_EACH = 2
TIMEOUT = 60
PROPAGATION_LIMIT = 1.0
TEAM = "communities/team"


def _ok(response, *expected):
    assert response.status_code in (expected or (200, 201, 204)), (
        response.request.method,
        response.url,
        response.status_code,
        response.text[:500],
    )
    return response


def _world(site):
    """Users, a community, a post to like and an idea to support."""
    admin = site.session()
    users = [f"user{number:02d}" for number in range(USERS)]
    for userid in users:
        _ok(
            admin.post(
                site.url(0, "@users"),
                json={
                    "username": userid,
                    "email": f"{userid}@example.org",
                    "password": "secret12345",
                    "fullname": f"User {userid}",
                },
                timeout=TIMEOUT,
            )
        )
    _ok(
        admin.post(
            site.url(0, "communities"),
            json={
                "@type": "Community",
                "id": "team",
                "title": "Team",
                "visibility": "open",
                "join_policy": "open",
            },
            timeout=TIMEOUT,
        )
    )
    post = _ok(
        admin.post(
            site.url(0, "stream"),
            json={"@type": "Post", "text": "Like me, everyone"},
            timeout=TIMEOUT,
        )
    ).json()["@id"]
    _ok(
        admin.post(
            site.url(0),
            json={"@type": "Idea Box", "id": "ideas", "title": "Ideas"},
            timeout=TIMEOUT,
        )
    )
    author = site.session(users[0])
    idea = _ok(
        author.post(
            site.url(0, "ideas"),
            json={
                "@type": "Idea",
                "title": "Standing desks",
                "problem": "We sit all day.",
                "proposal": {"data": "<p>Buy desks.</p>", "content-type": "text/html"},
            },
            timeout=TIMEOUT,
        )
    ).json()["@id"]
    _ok(author.post(f"{idea}/@workflow/submit", json={}, timeout=TIMEOUT))
    return {"users": users, "post": post, "idea": idea}


def _path(site, url: str) -> str:
    """The path of ``url`` below the site, to ask either instance for it."""
    marker = "/Plone/"
    return url.split(marker, 1)[1]


def _script(site, world, number):
    """One person's requests; each alternates between the two instances."""
    userid = world["users"][number]
    session = site.session(userid)
    post = _path(site, world["post"])
    idea = _path(site, world["idea"])
    step = iter(range(number, number + 1000))

    def url(path):
        return site.url(next(step), path)

    statuses = []

    def call(method, path, **kwargs):
        response = session.request(method, url(path), timeout=TIMEOUT, **kwargs)
        statuses.append((method, path, response.status_code, response.text[:200]))
        return response

    call("POST", f"{TEAM}/@members", json={})
    call("POST", f"{post}/@likes")
    if number:  # the author does not support their own idea
        call("POST", f"{idea}/@supports")
    for count in range(POSTS_EACH):
        call("POST", TEAM, json={"@type": "Post", "text": f"{userid} #{count}"})
        call("GET", "@stream?size=20")
    call("DELETE", f"{post}/@likes")
    call("POST", f"{post}/@likes")
    call("DELETE", f"{TEAM}/@members/{userid}")
    call("POST", f"{TEAM}/@members", json={})
    call("GET", f"{TEAM}/@stream?size=20")
    return statuses


def test_concurrent_clients_on_two_instances_leave_exact_counts(site):
    world = _world(site)
    started = time.monotonic()
    with ThreadPoolExecutor(max_workers=USERS) as pool:
        results = list(
            pool.map(lambda number: _script(site, world, number), range(USERS))
        )
    elapsed = time.monotonic() - started
    requests_made = [status for result in results for status in result]
    failed = [status for status in requests_made if status[2] >= 400]
    print(
        f"\n{site.storage}: {len(requests_made)} requests from {USERS} clients "
        f"over two instances in {elapsed:.1f} s"
    )
    assert failed == [], failed[:5]

    post = _path(site, world["post"])
    idea = _path(site, world["idea"])
    for instance in (0, 1):
        admin = site.session()
        likes = admin.get(site.url(instance, f"{post}/@likes"), timeout=TIMEOUT).json()
        assert likes["count"] == USERS
        supports = admin.get(
            site.url(instance, f"{idea}/@supports"), timeout=TIMEOUT
        ).json()
        assert supports["count"] == USERS - 1
        roster = admin.get(
            site.url(instance, f"{TEAM}/@members?b_size=100"), timeout=TIMEOUT
        ).json()
        members = {entry["id"] for entry in roster["items"]}
        assert set(world["users"]) <= members
        found = admin.get(
            site.url(
                instance,
                f"@search?portal_type=Post&path.query=/Plone/{TEAM}&b_size=1",
            ),
            timeout=TIMEOUT,
        ).json()
        assert found["items_total"] == USERS * POSTS_EACH
        # The catalog agrees with the storage: the counts are metadata.
        brains = admin.get(
            site.url(
                instance,
                f"@search?UID={likes_uid(admin, site, instance, post)}"
                "&metadata_fields=like_count",
            ),
            timeout=TIMEOUT,
        ).json()
        assert brains["items"][0]["like_count"] == USERS


def likes_uid(session, site, instance, path):
    return session.get(site.url(instance, path), timeout=TIMEOUT).json()["UID"]


def test_a_post_on_one_instance_is_in_the_other_instances_stream_at_once(site):
    admin = site.session()
    text = f"Fresh news {uuid.uuid4().hex}"
    _ok(
        admin.post(
            site.url(0, "stream"),
            json={"@type": "Post", "text": text},
            timeout=TIMEOUT,
        )
    )
    written = time.monotonic()
    seen = None
    while time.monotonic() - written < 5:
        page = admin.get(site.url(1, "@stream?size=5"), timeout=TIMEOUT).json()
        if any(item["object"]["text"] == text for item in page["items"]):
            seen = time.monotonic() - written
            break
        time.sleep(0.02)
    print(f"\n{site.storage}: seen on instance B after {seen} s")
    assert seen is not None
    assert seen < PROPAGATION_LIMIT
