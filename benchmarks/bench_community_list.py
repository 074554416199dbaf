"""Listing communities: the cards of 500 communities for one employee.

    .venv/bin/pytest benchmarks/bench_community_list.py   (part of make bench)

500 open communities with three pages each; the viewer, an employee, is on
20 rosters. Measured in-process, warm, p50/p95 of 20 rounds:
``communities.find("all")`` alone (the catalog query) and with the cards
(``listing.cards``), which ``@communities`` and
``@@discover-communities`` both build. The issue's target for the whole
list: p50 ≤ 100 ms. Writes results/community_list.json, with the figures
of the cards built from the objects (one ``getObject()``, the roster and
one ``last_activity`` query per card, commit 1db982c) as ``before``; the
cards come from catalog brains since (``communities/listing.py``).
"""

from measure import record
from measure import summarise
from ospa.social.communities import api as communities
from ospa.social.communities import listing
from plone import api
import time
import transaction


COUNT = 500
MEMBER_OF = 20
ROUNDS = 20
# Measured at 1db982c, before the cards came from the catalog.
BEFORE = {
    "commit": "1db982c",
    "find_all_p50_ms": 61.04,
    "find_all_p95_ms": 67.02,
    "find_all_with_cards_p50_ms": 1249.29,
    "find_all_with_cards_p95_ms": 2005.71,
}


def _timed(function) -> list[float]:
    samples = []
    for _ in range(ROUNDS):
        start = time.perf_counter()
        function()
        samples.append((time.perf_counter() - start) * 1000)
    return samples


def test_listing_500_communities(functional_portal):
    portal = functional_portal
    with api.env.adopt_roles(["Manager"]):
        for userid in ("owner", "viewer"):
            api.user.create(
                email=f"{userid}@example.org", username=userid, password="x" * 12
            )
    made = []
    with api.env.adopt_user(username="owner"):
        for number in range(COUNT):
            community = api.content.create(
                portal["communities"],
                "Community",
                id=f"c{number:03d}",
                title=f"Community {number:03d}",
            )
            for page in range(3):
                api.content.create(community, "Document", title=f"Seite {page}")
            made.append(community)
            if number % 50 == 49:
                transaction.commit()
    transaction.commit()
    with api.env.adopt_user(username="viewer"):
        for community in made[:MEMBER_OF]:
            communities.join(community)
        transaction.commit()
        found = communities.find("all")
        assert len(found) == COUNT
        query = summarise(_timed(lambda: communities.find("all")))
        cards = summarise(_timed(lambda: listing.cards(communities.find("all"))))
    record(
        "community_list",
        {
            "communities": COUNT,
            "viewer_member_of": MEMBER_OF,
            "rounds": ROUNDS,
            "find_all": query,
            "find_all_with_cards": cards,
            "target_p50_ms": 100,
            "before": BEFORE,
        },
    )
