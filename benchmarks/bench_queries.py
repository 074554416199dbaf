"""Two lists whose cost grew with their input: what I follow, a board's tags.

    .venv/bin/pytest benchmarks/bench_queries.py   (part of make bench)

In process, on the integration layer (rolled back), warm, p50/p95 of
``ROUNDS`` calls, each as a request of its own (the catalog keeps index
results on the request, which a server never reuses):

- ``following.following()`` for a viewer who follows 1, 10 and 100
  targets, a quarter each of content items, communities, tags and people
  (1: one content item);
- ``ideas.tags(box)`` on a box of 10 and one of 1,000 submitted ideas,
  each with two of 40 tags.

Writes results/queries.json, with the figures of the old code (one
query per followed target, two per tag; a brain per idea, commit 4918906)
as ``before``.
"""

from measure import record
from measure import timed
from ospa.social.following import api as following
from ospa.social.ideas import api as ideas
from ospa.social.testing import create_people
from plone import api


ROUNDS = 30
KINDS = ("content", "community", "tag", "user")
TARGETS = (1, 10, 100)
IDEAS = (10, 1000)
TAGS = 40
# Measured at 4918906 (the code before): per target, per idea.
BEFORE = {
    "following_1_targets": {"p50_ms": 1.07, "p95_ms": 1.22},
    "following_10_targets": {"p50_ms": 8.89, "p95_ms": 10.72},
    "following_100_targets": {"p50_ms": 85.72, "p95_ms": 108.55},
    "tags_10_ideas": {"p50_ms": 2.08, "p95_ms": 2.29},
    "tags_1000_ideas": {"p50_ms": 18.97, "p95_ms": 23.63},
}


def _fresh(request, action):
    def call():
        request.other.pop("__catalog_cache__", None)
        return action()

    return call


def _world(portal):
    """25 people, communities, tagged pages: enough to follow 100 targets."""
    people = {"viewer": ("Vera Viewer", ["Member"]), "chef": ("Chef", ["Manager"])}
    people.update({f"p{n:02d}": (f"Person {n:02d}", ["Member"]) for n in range(25)})
    create_people(portal, people)
    targets = {kind: [] for kind in KINDS}
    with api.env.adopt_user(username="chef"):
        folder = api.content.create(portal, "Folder", id="bench-pages", title="P")
        for n in range(25):
            page = api.content.create(
                folder,
                "Document",
                id=f"page{n:02d}",
                title=f"Seite {n:02d}",
                subject=[f"thema{n:02d}"],
            )
            api.content.transition(page, "publish")
            targets["content"].append(page.UID())
            targets["tag"].append(f"thema{n:02d}")
            community = api.content.create(
                portal["communities"], "Community", id=f"bc{n:02d}", title=f"C {n}"
            )
            targets["community"].append(community.UID())
            targets["user"].append(f"p{n:02d}")
    return targets


def _follow(targets, count):
    """The viewer follows ``count`` targets, round robin over the kinds."""
    with api.env.adopt_user(username="viewer"):
        for kind in KINDS:
            for target in following.following()[kind]:
                following.unfollow(kind, target["target"])
        picked = 0
        index = 0
        while picked < count:
            for kind in KINDS:
                if picked < count:
                    following.follow(kind, targets[kind][index])
                    picked += 1
            index += 1
        found = following.following()
        assert sum(len(found[kind]) for kind in KINDS) == count


def _box(portal, bid, count):
    with api.env.adopt_user(username="chef"):
        box = api.content.create(portal, "Idea Box", id=bid, title=bid)
        for n in range(count):
            idea = api.content.create(
                box,
                "Idea",
                title=f"Idee {n}",
                problem="Es ist zu dunkel.",
                benefit="Es wird heller.",
                subject=[f"tag{n % TAGS:02d}", f"tag{(n * 7 + 3) % TAGS:02d}"],
            )
            ideas.transition(idea, "submit")
    return box


def test_queries(integration, portal):
    request = portal.REQUEST
    targets = _world(portal)
    figures = {"rounds": ROUNDS}
    for count in TARGETS:
        _follow(targets, count)
        with api.env.adopt_user(username="viewer"):
            figures[f"following_{count}_targets"] = timed(
                _fresh(request, following.following), ROUNDS
            )
    for count in IDEAS:
        box = _box(portal, f"box{count}", count)
        with api.env.adopt_user(username="viewer"):
            assert ideas.tags(box)
            figures[f"tags_{count}_ideas"] = timed(
                _fresh(request, lambda box=box: ideas.tags(box)), ROUNDS
            )
    figures["before"] = {"commit": "4918906", **BEFORE}
    record("queries", figures)
