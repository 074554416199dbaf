"""Join + leave latency: does it grow with the content of a community?

    make bench

Two open communities, one with 100 items and one with 10,000 (pages created
directly in the container, indexed, committed). A member joins and leaves
each through the Python API, one transaction per step as a request would
commit it, interleaved; p50/p95 of join+leave are recorded
(results/communities.json) with the ratio of the p50 at 10,000 items to
the p50 at 100. The issue's target: < 1.5. Joining changes PAS group
membership only, so nothing inside the community is re-indexed.
"""

from measure import record
from measure import summarise
from ospa.social.communities import api as communities
from plone import api
from plone.dexterity.utils import createContent
import time
import transaction


ROUNDS = 100
SIZES = {"small": 100, "large": 10_000}


def fill(community, count):
    """``count`` pages inside ``community``, indexed, without events overhead."""
    catalog = api.portal.get_tool("portal_catalog")
    for number in range(count):
        page = createContent(
            "Document", id=f"seite-{number:05d}", title=f"Seite {number}"
        )
        community._setObject(page.getId(), page, suppress_events=True)
        page = community[page.getId()]
        catalog.indexObject(page)
        if number % 1000 == 999:
            transaction.savepoint(optimistic=True)


def test_join_and_leave_do_not_grow_with_content(functional_portal):
    portal = functional_portal
    with api.env.adopt_roles(["Manager"]):
        for userid in ("owner", "joiner"):
            api.user.create(
                email=f"{userid}@example.org", username=userid, password="x" * 12
            )
    made = {}
    with api.env.adopt_user(username="owner"):
        for name in SIZES:
            made[name] = api.content.create(
                portal["communities"], "Community", id=name, title=name
            )
    for name, size in SIZES.items():
        fill(made[name], size)
    transaction.commit()

    samples = {name: [] for name in SIZES}
    with api.env.adopt_user(username="joiner"):
        for _ in range(ROUNDS):
            for name, community in made.items():
                start = time.perf_counter()
                communities.join(community)
                transaction.commit()
                communities.leave(community)
                transaction.commit()
                samples[name].append((time.perf_counter() - start) * 1000)
    figures = {
        f"join_leave_{name}_{SIZES[name]}_items": summarise(samples[name])
        for name in SIZES
    }
    small, large = (figures[f"join_leave_{n}_{SIZES[n]}_items"] for n in SIZES)
    figures["p50_ratio_10000_to_100"] = round(large["p50_ms"] / small["p50_ms"], 2)
    figures["rounds"] = ROUNDS
    record("communities", figures)
