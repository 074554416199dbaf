"""Eight people support the same ideas at the same moment.

Each thread has its own ZODB connection and its own user, as each Zope
worker thread has. A transaction that meets a ConflictError is retried, as
Zope's publisher retries it. First all eight support one idea at once;
then they withdraw and support again, and support a second idea, within the
box's limit. The test demands that no transaction fails for good and that
the supporters, the counts, the per-box sets, the catalog's
``support_count`` and the threshold event (once, in a committed
transaction) are exact.
"""

from ospa.social.ideas import api as ideas
from ospa.social.interfaces import IIdeaSupportThresholdEvent
from ospa.social.testing import after_conflict
from ospa.social.testing import in_threads
from ospa.social.testing import zope_worker
from plone import api
from ZODB.POSException import ConflictError
from zope.component import getGlobalSiteManager
from zope.component import provideHandler
import pytest
import threading
import transaction


THREADS = 8
ROUNDS = 19
MAX_ATTEMPTS = 100
THRESHOLD = 5
LIMIT = 2

fired = threading.local()


def on_threshold(event):
    # Kept per thread until its transaction commits: a retried transaction
    # fires again, and only the committed one counts.
    fired.pending.append(event.userid)


def attempt(report, action):
    """Run ``action`` in a transaction, retrying conflicts like Zope."""
    for number in range(1, MAX_ATTEMPTS + 1):
        fired.pending = []
        try:
            transaction.begin()
            action()
            transaction.commit()
            report["threshold"].extend(fired.pending)
            return True
        except ConflictError:
            after_conflict(report, number)
    report["failed"] += 1
    return False


def worker(db, userid, paths, barrier, report):
    try:
        with zope_worker(db, userid) as portal:
            first, _second = paths

            def call(function, path):
                return lambda: function(portal.unrestrictedTraverse(path))

            # Phase 1: everybody supports the first idea at the same moment.
            barrier.wait()
            attempt(report, call(ideas.support, first))
            # Phase 2: withdraw and support again, and the second idea too.
            barrier.wait()
            supported = {first}
            for step in range(ROUNDS):
                path = paths[step % 2]
                function = ideas.unsupport if path in supported else ideas.support
                if attempt(report, call(function, path)):
                    supported ^= {path}
            report["supported"][userid] = supported
    except Exception as error:  # surfaced by the assertions below
        report["errors"].append(f"{userid}: {error!r}")
        transaction.abort()


def test_eight_threads_support_the_same_ideas(functional):
    portal = functional["portal"]
    db = functional["zodbDB"]
    userids = [f"supporter{number}" for number in range(THREADS)]
    with api.env.adopt_roles(["Manager"]):
        for userid in [*userids, "autorin"]:
            api.user.create(
                email=f"{userid}@example.org", username=userid, password="x" * 12
            )
        box = api.content.create(
            portal, "Idea Box", id="ideen", title="Ideen", support_limit=LIMIT
        )
    api.portal.set_registry_record("ospa.social.idea_support_threshold", THRESHOLD)
    paths = []
    with api.env.adopt_user(username="autorin"):
        for title in ("Beliebt", "Auch beliebt"):
            idea = api.content.create(box, "Idea", title=title)
            ideas.transition(idea, "submit")
            paths.append("/".join(idea.getPhysicalPath()[2:]))
    transaction.commit()

    report = {
        "retries": 0,
        "failed": 0,
        "supported": {},
        "errors": [],
        "threshold": [],
        "lock": threading.Lock(),
    }
    barrier = threading.Barrier(THREADS, timeout=60)
    provideHandler(on_threshold, [IIdeaSupportThresholdEvent])
    try:
        in_threads(
            worker, *[(db, userid, paths, barrier, report) for userid in userids]
        )
    finally:
        getGlobalSiteManager().unregisterHandler(
            on_threshold, [IIdeaSupportThresholdEvent]
        )

    print(
        f"\n{THREADS} threads × {ROUNDS + 1} supports and withdrawals: "
        f"{report['retries']} conflicts retried, {report['failed']} failed"
    )
    assert report["errors"] == []
    assert report["failed"] == 0
    transaction.begin()  # see what the threads committed
    catalog = api.portal.get_tool("portal_catalog")
    box = portal["ideen"]
    for path in paths:
        idea = portal.unrestrictedTraverse(path)
        expected = sorted(
            u for u, found in report["supported"].items() if path in found
        )
        assert sorted(ideas._supporters(idea)) == expected
        assert ideas.count(idea) == len(expected)
        brain = catalog.unrestrictedSearchResults(UID=idea.UID())[0]
        assert brain.support_count == len(expected)
    # 19 steps alternating between the ideas: both end supported by all,
    # which the limit of 2 per person allows.
    assert [ideas.count(portal.unrestrictedTraverse(p)) for p in paths] == [8, 8]
    uids = {portal.unrestrictedTraverse(p).UID() for p in paths}
    for userid in userids:
        assert ideas.supported_uids(box, userid) == uids
        assert ideas.remaining(box, userid) == 0
    # The first idea reached the threshold once, the second once.
    assert len(report["threshold"]) == 2


# -- one person, many supports at the same moment ---------------------------

ONE_PERSON_THREADS = 8
ONE_PERSON_ROUNDS = 3


def one_person_worker(db, userid, path, barriers, report):
    """Support the idea at ``path`` as ``userid``, retrying conflicts.

    The first attempt waits at ``barriers[1]`` between the check and the
    commit: every thread has read the person's supports before any of them
    commits, the moment parallel requests meet. Retries run freely.
    """
    start, before_commit = barriers
    try:
        with zope_worker(db, userid) as portal:
            start.wait()
            for number in range(1, MAX_ATTEMPTS + 1):
                try:
                    transaction.begin()
                    try:
                        ideas.support(portal.unrestrictedTraverse(path))
                        outcome = ("supported", path)
                    except ideas.IdeaError as error:
                        outcome = ("refused", error.text(None))
                    if number == 1:
                        before_commit.wait()
                    if outcome[0] == "supported":
                        transaction.commit()
                    else:
                        transaction.abort()
                    report["outcomes"].append(outcome)
                    return
                except ConflictError:
                    after_conflict(report, number)
            report["failed"] += 1
    except Exception as error:  # surfaced by the assertions below
        report["errors"].append(f"{path}: {error!r}")
        transaction.abort()


def as_committed(userid, function, obj):
    transaction.begin()
    with api.env.adopt_user(username=userid):
        function(obj)
    transaction.commit()


@pytest.mark.parametrize("history", ["first supports", "after a withdrawal"])
@pytest.mark.parametrize("limit", [1, 2])
def test_one_person_supporting_many_ideas_at_once_keeps_the_limit(
    functional, limit, history
):
    """The limit is checked against data that conflicts for the same person.

    One person, eight threads, eight ideas of a box that allows ``limit``
    supports, all supported at once: exactly ``limit`` supports are stored,
    the other threads are refused with the limit's message after their
    retry, and the person's record in the box names exactly the ideas that
    have them as supporter. Either the person's first supports in the box
    (their record does not exist yet) or after supporting and withdrawing
    a ninth idea (their record exists and is empty).
    """
    portal = functional["portal"]
    db = functional["zodbDB"]
    with api.env.adopt_roles(["Manager"]):
        for userid in ("eilig", "autorin"):
            api.user.create(
                email=f"{userid}@example.org", username=userid, password="x" * 12
            )
    transaction.commit()

    for round_ in range(ONE_PERSON_ROUNDS):
        with api.env.adopt_roles(["Manager"]):
            box = api.content.create(
                portal,
                "Idea Box",
                id=f"eile-{round_}",
                title="Eile",
                support_limit=limit,
            )
        paths = []
        with api.env.adopt_user(username="autorin"):
            for number in range(ONE_PERSON_THREADS + 1):
                idea = api.content.create(box, "Idea", title=f"Idee {number}")
                ideas.transition(idea, "submit")
                paths.append("/".join(idea.getPhysicalPath()[2:]))
        transaction.commit()
        if history == "after a withdrawal":
            spare = portal.unrestrictedTraverse(paths[-1])
            as_committed("eilig", ideas.support, spare)
            as_committed("eilig", ideas.unsupport, spare)
        paths = paths[:-1]

        report = {
            "retries": 0,
            "failed": 0,
            "outcomes": [],
            "errors": [],
            "lock": threading.Lock(),
        }
        barriers = (
            threading.Barrier(ONE_PERSON_THREADS, timeout=60),
            threading.Barrier(ONE_PERSON_THREADS, timeout=60),
        )
        in_threads(
            one_person_worker,
            *[(db, "eilig", path, barriers, report) for path in paths],
        )

        print(
            f"\nround {round_}, limit {limit}, {history}: {report['retries']} "
            f"conflicts retried, outcomes {[kind for kind, _ in report['outcomes']]}"
        )
        assert report["errors"] == []
        assert report["failed"] == 0
        supported = [path for kind, path in report["outcomes"] if kind == "supported"]
        refusals = [text for kind, text in report["outcomes"] if kind == "refused"]
        assert len(supported) == limit
        assert len(refusals) == ONE_PERSON_THREADS - limit
        assert all(f"all {limit} supports" in text for text in refusals)

        transaction.begin()  # see what the threads committed
        box = portal[f"eile-{round_}"]
        held = {
            portal.unrestrictedTraverse(path).UID()
            for path in paths
            if ideas.is_supported(portal.unrestrictedTraverse(path), "eilig")
        }
        assert held == {portal.unrestrictedTraverse(p).UID() for p in supported}
        assert ideas.supported_uids(box, "eilig") == held
        assert ideas.used(box, "eilig") == limit
        assert ideas.remaining(box, "eilig") == 0
