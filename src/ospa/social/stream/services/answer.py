"""``@answer`` of a question: which reply is accepted, accepting, withdrawing.

The rules are :func:`ospa.social.stream.posts.accept`'s: only the question's
author and moderators accept, and only a visible reply to this question.
A :class:`~ospa.social.stream.posts.PostError` becomes a 400, an
``Unauthorized`` a 401; either way nothing is changed.
"""

from ospa.social.communities.services.members import check_fields
from ospa.social.restapi.base import json_object
from ospa.social.restapi.base import SocialService
from ospa.social.restapi.base import WriteService
from ospa.social.stream import posts
from ospa.social.stream import query as stream


FIELDS = ("reply",)
# Stands in for a missing or empty ``reply``: posts.accept refuses it as
# "not a reply" after its own checks (question, permission), where None
# would withdraw the answer (that is DELETE).
NO_REPLY = object()


def answer_url(question) -> str:
    return f"{question.absolute_url()}/@answer"


def check_question(post) -> None:
    if posts.question_state(post) is None:
        raise posts.PostError(posts.NOT_A_QUESTION)


class AnswerGet(SocialService):
    """The accepted reply (its UID, or null) and whether I may change it."""

    def answer(self):
        question = self.context
        check_question(question)
        return {
            "@id": answer_url(question),
            "accepted": question.accepted_answer or None,
            "can_accept": posts.can_accept(question),
        }


class AnswerPost(WriteService):
    """``{"reply": "<uid>"}`` accepts that reply; the question's stream item."""

    def answer(self):
        question = self.context
        data = json_object(self.request)
        check_fields(data, FIELDS)
        posts.accept(question, data.get("reply") or NO_REPLY)
        return stream.item_of(question)


class AnswerDelete(WriteService):
    """Withdraw the accepted answer (idempotent); the question's stream item."""

    def answer(self):
        question = self.context
        posts.accept(question, None)
        return stream.item_of(question)
