"""Sets and counters that concurrent writers do not conflict on.

Likes and follows are written by many people at the same moment: a popular
news item collects recommendations within seconds of being published. They
are kept in ``OOTreeSet`` with a ``BTrees.Length`` counter beside it, both of
which resolve concurrent writes in the ZODB instead of raising a
``ConflictError``.

``OOTreeSet`` resolves an insert against an insert, or a removal against an
insert elsewhere in the bucket, but not a change that empties a bucket or
removes the bucket's first key. Every set therefore starts with a sentinel
key that sorts before all real keys: the first bucket is never empty and its
first key never changes. The sentinel is hidden from every reader.

The wrapper object itself is never written after it is created: only its two
sub-objects are, so that it does not become a conflict point of its own.

A limit is the exception. Whoever checks "fewer than n so far" and then adds
must check against data that conflicts when two of their transactions add at
once, or both see n - 1 and both commit. :class:`PersonalSet` is that data:
one small record per person, rewritten whole on every change and without
``_p_resolveConflict``, so that two concurrent writes of the same record
raise a ``ConflictError``, and the retried transaction sees the other's add.
:class:`PersonalSetMap` keeps them in an ``OOBTree``: different people's
records are different objects (no conflict between them), and a person's
first record is an insert of their key, which BTrees resolve against
inserts of other keys but not against a second insert of the same key
("Conflicting inserts").
"""

from BTrees.Length import Length
from BTrees.OOBTree import OOBTree
from BTrees.OOBTree import OOTreeSet
from persistent import Persistent
from zope.annotation.interfaces import IAnnotations


# The empty string sorts before every user id, UID and tag.
SENTINEL = ""


class CountedSet(Persistent):
    """A set of strings with a conflict-free count."""

    def __init__(self):
        self._members = OOTreeSet()
        self._members.insert(SENTINEL)
        self._length = Length(0)

    def add(self, key: str) -> bool:
        """Add ``key``; return whether it was new."""
        _check_key(key)
        if self._members.insert(key):
            self._length.change(1)
            return True
        return False

    def discard(self, key: str) -> bool:
        """Remove ``key``; return whether it was there."""
        _check_key(key)
        if key in self._members:
            self._members.remove(key)
            self._length.change(-1)
            return True
        return False

    def __contains__(self, key) -> bool:
        return key != SENTINEL and key in self._members

    def __len__(self) -> int:
        return self._length()

    def __iter__(self):
        """The members in sort order."""
        return iter(self._members.keys(min=SENTINEL, excludemin=True))

    def slice(self, start: int, size: int) -> list[str]:
        """``size`` members from position ``start``, without loading the rest."""
        if start < 0 or size <= 0:
            return []
        # Position 0 holds the sentinel.
        return list(self._members.keys()[start + 1 : start + 1 + size])


def _check_key(key):
    if not isinstance(key, str) or key == SENTINEL:
        raise ValueError(f"not a valid member: {key!r}")


class _SetsByKey(Persistent):
    """String keys to sets in an ``OOBTree``: what both maps of sets share.

    :class:`SetMap` (conflict-free counted sets) and :class:`PersonalSetMap`
    (small personal sets) read, count, forget and list their keys the same
    way; they differ in the sets they hold and how they write them. Both
    keep their sets in ``_sets``, as existing databases store them.
    """

    def __init__(self):
        self._sets = OOBTree()

    def get(self, key: str):
        return self._sets.get(key)

    def count(self, key: str) -> int:
        return size(self._sets.get(key))

    def drop(self, key: str):
        """Forget ``key`` and return the set it had."""
        return self._sets.pop(key, None)

    def keys(self):
        return self._sets.keys()


class SetMap(_SetsByKey):
    """A mapping of string keys to :class:`CountedSet`, created on demand.

    Different keys are written by different people (each person's own
    follows, the followers of each item), so concurrent writers touch
    different sets and the map itself only changes when a key is new.
    """

    def ensure(self, key: str) -> CountedSet:
        found = self._sets.get(key)
        if found is None:
            found = self._sets[key] = CountedSet()
        return found


FOLLOW_KINDS = ("user", "community", "tag", "content")


class SocialGraph(Persistent):
    """The site-wide side of likes and follows, kept on the site root.

    - ``liked``: user id -> UIDs of the items the user likes (the items keep
      their own likers, see :mod:`ospa.social.likes.api`).
    - ``following[kind]``: user id -> the targets of that kind they follow.
    - ``followers[kind]``: target -> the user ids who follow it.

    All maps are created with the graph; nothing writes the graph itself
    afterwards.
    """

    def __init__(self):
        self.liked = SetMap()
        self.following = {kind: SetMap() for kind in FOLLOW_KINDS}
        self.followers = {kind: SetMap() for kind in FOLLOW_KINDS}


class PersonalSet(Persistent):
    """One person's small set of strings; concurrent writes conflict.

    For what a limit counts (the ideas a person supports in a box): the
    members are one immutable tuple, rewritten on every change, and the
    class resolves no conflicts. Meant for a handful of members per person.
    """

    def __init__(self, members=()):
        for key in members:
            _check_key(key)
        self._members = tuple(sorted(set(members)))

    def add(self, key: str) -> bool:
        """Add ``key``; return whether it was new."""
        _check_key(key)
        if key in self._members:
            return False
        self._members = tuple(sorted((*self._members, key)))
        return True

    def discard(self, key: str) -> bool:
        """Remove ``key``; return whether it was there."""
        _check_key(key)
        if key not in self._members:
            # Not written: a removal that changes nothing conflicts with nobody.
            return False
        self._members = tuple(found for found in self._members if found != key)
        return True

    def __contains__(self, key) -> bool:
        return key in self._members

    def __len__(self) -> int:
        return len(self._members)

    def __iter__(self):
        """The members in sort order."""
        return iter(self._members)


class PersonalSetMap(_SetsByKey):
    """A mapping of user ids to their :class:`PersonalSet`, created on demand.

    The map is never written after it is created, only its ``OOBTree``: a
    new person's key is an insert that conflicts only with another insert of
    the same key (their own parallel first write).
    """

    def add(self, key: str, member: str) -> bool:
        """Add ``member`` to the set of ``key``; return whether it was new."""
        found = self._sets.get(key)
        if found is None:
            self._sets[key] = PersonalSet((member,))
            return True
        return found.add(member)

    def discard(self, key: str, member: str) -> bool:
        """Remove ``member`` from the set of ``key``; return whether it was there."""
        found = self._sets.get(key)
        return found.discard(member) if found is not None else False


class Latest(Persistent):
    """The newest of the times written to it (seconds since the epoch).

    Two transactions that each write a newer time into the same register
    do not conflict: :meth:`_p_resolveConflict` keeps the larger, which is
    what either alone would have left. Activity in one community (many
    posts at once) is written here instead of into the catalog entry of
    the community, whose record would conflict.
    """

    def __init__(self, value: float = 0.0):
        self.value = value

    def record(self, value: float) -> bool:
        """Keep ``value`` if it is newer; return whether it was."""
        if value > self.value:
            self.value = value
            return True
        return False

    def _p_resolveConflict(self, old, committed, new):
        state = dict(committed)
        state["value"] = max(committed.get("value", 0.0), new.get("value", 0.0))
        return state


# -- kept on objects ---------------------------------------------------------


def annotated(obj, key: str, factory, create: bool = False):
    """The structure under annotation ``key`` of ``obj``; made by
    ``factory`` on the first write when ``create`` is set (reads never
    write, so a page view does not turn into a transaction)."""
    annotations = IAnnotations(obj)
    found = annotations.get(key)
    if found is None and create:
        found = annotations[key] = factory()
    return found


def size(found) -> int:
    """How many a set that may not exist yet holds."""
    return len(found) if found is not None else 0


def holds(found, userid) -> bool:
    """Whether a set that may not exist yet holds ``userid``."""
    return bool(userid) and found is not None and userid in found
