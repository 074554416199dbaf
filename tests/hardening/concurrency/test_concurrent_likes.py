"""Eight people like and unlike the same items at the same moment.

Each thread has its own ZODB connection, as each Zope worker thread has.
A transaction that meets a ConflictError is retried, as Zope's publisher
retries it; the test demands that no transaction fails for good and that
the final likers, counts and catalog metadata are exact.
"""

from ospa.social.likes import api as likes
from ospa.social.testing import after_conflict
from ospa.social.testing import in_threads
from ospa.social.testing import zope_worker
from plone import api
from ZODB.POSException import ConflictError
import transaction


THREADS = 8
TOGGLES = 200
ITEMS = 3
MAX_ATTEMPTS = 100


def worker(db, userid, paths, report):
    try:
        with zope_worker(db, userid) as portal:
            liked = set()
            for step in range(TOGGLES):
                path = paths[step % len(paths)]
                for attempt in range(1, MAX_ATTEMPTS + 1):
                    try:
                        transaction.begin()
                        item = portal.unrestrictedTraverse(path)
                        if path in liked:
                            likes.unlike(item)
                        else:
                            likes.like(item)
                        transaction.commit()
                        break
                    except ConflictError:
                        after_conflict(report, attempt)
                else:
                    report["failed"] += 1
                    continue
                liked ^= {path}
            report["liked"][userid] = liked
    except Exception as error:  # surfaced by the assertions below
        report["errors"].append(repr(error))
        transaction.abort()


def test_eight_threads_like_and_unlike_the_same_items(functional):
    portal = functional["portal"]
    db = functional["zodbDB"]
    userids = [f"liker{number}" for number in range(THREADS)]
    with api.env.adopt_roles(["Manager"]):
        for userid in userids:
            api.user.create(
                email=f"{userid}@example.org", username=userid, password="x" * 12
            )
        paths = []
        for number in range(ITEMS):
            item = api.content.create(
                portal, "News Item", id=f"beliebt-{number}", title=f"Beliebt {number}"
            )
            api.content.transition(item, "publish")
            paths.append("/".join(item.getPhysicalPath()[2:]))
    transaction.commit()

    report = {"retries": 0, "failed": 0, "liked": {}, "errors": []}
    in_threads(worker, *[(db, userid, paths, report) for userid in userids])

    print(
        f"\n{THREADS} threads × {TOGGLES} toggles: "
        f"{report['retries']} conflicts retried, {report['failed']} failed"
    )
    assert report["errors"] == []
    assert report["failed"] == 0
    transaction.begin()  # see what the threads committed
    catalog = api.portal.get_tool("portal_catalog")
    for path in paths:
        item = portal.unrestrictedTraverse(path)
        expected = sorted(u for u, liked in report["liked"].items() if path in liked)
        assert sorted(likes._likers(item)) == expected
        assert likes.count(item) == len(expected)
        assert catalog.unrestrictedSearchResults(UID=item.UID())[0].like_count == len(
            expected
        )
    # 200 toggles over 3 items: items 0 and 1 end liked, item 2 does not.
    assert [likes.count(portal.unrestrictedTraverse(p)) for p in paths] == [8, 8, 0]
