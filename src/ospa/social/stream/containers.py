"""What the two homes of posts, communities and ``/stream``, share."""

from OFS.event import ObjectWillBeAddedEvent
from OFS.event import ObjectWillBeRemovedEvent
from ospa.social.interfaces import IPost
from plone.dexterity.content import Container
from zope.event import notify
from zope.lifecycleevent import ObjectAddedEvent
from zope.lifecycleevent import ObjectRemovedEvent


class PostContainer(Container):
    """Adding or removing a post does not modify the container.

    Zope marks a folder modified whenever an item comes or goes, and Plone
    then re-indexes the folder and rewrites its modification date. For a
    community or the stream that would write the same object with every
    post: each post would cost a second full re-index, and people posting
    into one community at the same time would conflict on it. Posts fire
    their added and removed events as usual; only the container-modified
    event is left out (the stream and "last activity" read the posts'
    own dates).
    """

    def _setObject(
        self, id, object, roles=None, user=None, set_owner=1, suppress_events=False
    ):
        if suppress_events or not IPost.providedBy(object):
            return super()._setObject(
                id, object, roles, user, set_owner, suppress_events
            )
        notify(ObjectWillBeAddedEvent(object, self, id))
        result = super()._setObject(
            id, object, roles, user, set_owner, suppress_events=True
        )
        notify(ObjectAddedEvent(self._getOb(id), self, id))
        return result

    def _delObject(self, id, dp=1, suppress_events=False):
        obj = self._getOb(id)
        if suppress_events or not IPost.providedBy(obj):
            return super()._delObject(id, dp, suppress_events)
        notify(ObjectWillBeRemovedEvent(obj, self, id))
        result = super()._delObject(id, dp, suppress_events=True)
        notify(ObjectRemovedEvent(obj, self, id))
        return result
