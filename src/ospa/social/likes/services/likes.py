"""``@likes`` on content: who recommends it, and recommending it."""

from ospa.social.core import users
from ospa.social.likes import api as likes
from ospa.social.restapi import batching
from ospa.social.restapi.base import SocialService
from ospa.social.restapi.base import WriteService
from zExceptions import BadRequest
from zope.i18n import translate


def likes_info(context, request) -> dict:
    """The body of every ``@likes`` reply: state, count and a page of likers."""
    if not likes.is_likeable(context):
        raise BadRequest(translate(likes.NOT_LIKEABLE, context=request))
    start, size = batching.batch_params(request)
    state = likes.state(context)
    result = {
        "@id": f"{context.absolute_url()}/@likes",
        "count": state["count"],
        "liked": state["liked"],
        "can_like": state["can_like"],
        "items": [users.summary(u) for u in likes.likers(context, start, size)],
        "items_total": state["count"],
    }
    return batching.add_batching(result, request, start, size, state["count"])


class LikesGet(SocialService):
    def answer(self):
        return likes_info(self.context, self.request)


def likes_state(context, request) -> dict:
    """The reply to a like or unlike: the new state, without the likers.

    A button needs no more; listing likers would make a like on a popular
    item cost more than one on a new item (GET lists them).
    """
    return {"@id": f"{context.absolute_url()}/@likes", **likes.state(context)}


class LikesPost(WriteService):
    """Like the item; liking it again changes nothing."""

    def answer(self):
        likes.like(self.context)
        return likes_state(self.context, self.request)


class LikesDelete(WriteService):
    """No longer like the item; a like that is not there changes nothing."""

    def answer(self):
        likes.unlike(self.context)
        return likes_state(self.context, self.request)
