"""Like and unlike over REST: does the cost grow with the likes an item has?

    make bench

Two published news items, one without likes and one with 10,000 existing
likes. A member likes (POST /<item>/@likes) and unlikes (DELETE) each item
over real HTTP; p50/p95 of each are recorded (results/likes.json) with the
ratio of the p50 at 10,000 likes to the p50 at 0. The issue's target: < 1.5.
"""

from measure import record
from measure import summarise
from ospa.social.core import graph
from ospa.social.likes import api as likes
from plone import api
import requests
import time
import transaction


REQUESTS = 200
EXISTING = 10_000


def test_like_latency_does_not_grow_with_likes(functional_portal):
    portal = functional_portal
    with api.env.adopt_roles(["Manager"]):
        api.user.create(email="bench@example.org", username="bench", password="x" * 12)
        items = {}
        for name in ("empty", "popular"):
            item = api.content.create(portal, "News Item", id=name, title=name)
            api.content.transition(item, "publish")
            items[name] = item
    # 10,000 earlier likers, stored as likes are stored (no PAS users needed).
    store = likes._likers(items["popular"], create=True)
    social = graph.get(create=True)
    uid = items["popular"].UID()
    for number in range(EXISTING):
        userid = f"colleague{number:05d}"
        store.add(userid)
        social.liked.ensure(userid).add(uid)
    items["popular"].reindexObject(idxs=["like_count"])
    transaction.commit()
    assert likes.count(items["popular"]) == EXISTING

    client = requests.Session()
    client.auth = ("bench", "x" * 12)
    client.headers["Accept"] = "application/json"

    def send(item, method) -> float:
        start = time.perf_counter()
        response = client.request(method, f"{item.absolute_url()}/@likes", timeout=30)
        elapsed = (time.perf_counter() - start) * 1000
        response.raise_for_status()
        return elapsed

    # Warm up, then interleave the items, so that neither profits from
    # running later (warmer caches) or suffers from a busy moment.
    samples = {(name, method): [] for name in items for method in ("POST", "DELETE")}
    for item in items.values():
        send(item, "POST")
    for _ in range(REQUESTS):
        for name, item in items.items():
            for method in ("DELETE", "POST"):
                samples[name, method].append(send(item, method))
    figures = {}
    for name in items:
        figures[f"like_{name}"] = summarise(samples[name, "POST"])
        figures[f"unlike_{name}"] = summarise(samples[name, "DELETE"])
    for verb in ("like", "unlike"):
        figures[f"{verb}_p50_ratio_10k_to_0"] = round(
            figures[f"{verb}_popular"]["p50_ms"] / figures[f"{verb}_empty"]["p50_ms"], 2
        )
    figures["existing_likes"] = EXISTING
    figures["requests_per_figure"] = REQUESTS
    record("likes", figures)
