"""Who conflicts on a :class:`~ospa.social.core.storage.PersonalSetMap`.

Two transactions on two connections of a real FileStorage write the map at
the same moment. The same person's writes must conflict (that is what keeps
a limit), different people's must both commit (many people support at
once), and a person's first record is no exception either way.
"""

from ospa.social.core.storage import PersonalSetMap
from ZODB import DB
from ZODB.FileStorage import FileStorage
from ZODB.POSException import ConflictError
import pytest
import transaction


@pytest.fixture
def file_db(tmp_path):
    found = DB(FileStorage(str(tmp_path / "Data.fs")))
    yield found
    found.close()


def race(db, before, first, second):
    """Run ``before``, then ``first`` and ``second`` on the map in parallel.

    Both read the committed map, ``first`` commits, then ``second`` tries:
    return whether it committed, and the map's members as then stored.
    """
    setup = transaction.TransactionManager()
    connection = db.open(setup)
    connection.root()["map"] = found = PersonalSetMap()
    before(found)
    setup.commit()
    connection.close()

    managers = transaction.TransactionManager(), transaction.TransactionManager()
    connections = [db.open(manager) for manager in managers]
    for manager in managers:
        manager.begin()
    first(connections[0].root()["map"])
    second(connections[1].root()["map"])
    managers[0].commit()
    try:
        managers[1].commit()
        committed = True
    except ConflictError:
        managers[1].abort()
        committed = False
    for connection in connections:
        connection.close()

    reader = transaction.TransactionManager()
    connection = db.open(reader)
    stored = connection.root()["map"]
    userids = list(stored.keys())
    members = {key: set(stored.get(key)) for key in userids}
    connection.close()
    return committed, members


def nothing(found):
    pass


def both(found):
    found.add("anna", "a")
    found.add("bert", "a")


# name: (before, first, second, whether second commits, the members then)
RACES = {
    "the_same_persons_first_records_conflict": (
        nothing,
        lambda m: m.add("bert", "a"),
        lambda m: m.add("bert", "b"),
        False,
        {"bert": {"a"}},
    ),
    "the_same_persons_later_writes_conflict": (
        lambda m: m.add("bert", "a"),
        lambda m: m.add("bert", "b"),
        lambda m: m.add("bert", "c"),
        False,
        {"bert": {"a", "b"}},
    ),
    "a_withdrawal_and_a_support_of_the_same_person_conflict": (
        lambda m: m.add("bert", "a"),
        lambda m: m.discard("bert", "a"),
        lambda m: m.add("bert", "b"),
        False,
        {"bert": set()},
    ),
    "different_peoples_first_records_do_not_conflict": (
        nothing,
        lambda m: m.add("anna", "a"),
        lambda m: m.add("bert", "a"),
        True,
        {"anna": {"a"}, "bert": {"a"}},
    ),
    "different_peoples_later_writes_do_not_conflict": (
        both,
        lambda m: m.add("anna", "b"),
        lambda m: m.discard("bert", "a"),
        True,
        {"anna": {"a", "b"}, "bert": set()},
    ),
    "a_removal_of_what_is_not_there_writes_nothing": (
        lambda m: m.add("bert", "a"),
        lambda m: m.add("bert", "b"),
        lambda m: m.discard("bert", "zzz"),
        True,
        {"bert": {"a", "b"}},
    ),
}


@pytest.mark.parametrize(
    ("before", "first", "second", "commits", "members"),
    list(RACES.values()),
    ids=list(RACES),
)
def test_race(file_db, before, first, second, commits, members):
    assert race(file_db, before, first, second) == (commits, members)
