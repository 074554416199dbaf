"""Catalog indexers of ideas: supports and their place in the stream.

An idea enters the stream when it is submitted and comes back to its top
with every change of status; a draft is nowhere but in its author's
"My ideas".
"""

from ospa.social.ideas import api as ideas
from ospa.social.interfaces import IIdea
from plone.indexer import indexer


# What the stream's indexes are told of a draft: an AttributeError, so that
# they leave it out.
NOT_IN_STREAM = "drafts are not in the stream"


@indexer(IIdea)
def support_count(obj):
    return ideas.count(obj)


@indexer(IIdea)
def idea_in_stream(obj):
    if ideas.status(obj) == "draft":
        raise AttributeError(NOT_IN_STREAM)
    return True


@indexer(IIdea)
def idea_stream_ts(obj):
    """The idea's place in the stream: when its status last changed."""
    found = ideas.status_changed_ms(obj)
    if found is None:
        raise AttributeError(NOT_IN_STREAM)
    return found


@indexer(IIdea)
def idea_stream_info(obj):
    """What the stream shows of an idea without loading it."""
    answer = ideas.official_answer(obj)
    history = ideas.history(obj)
    return {
        "text": obj.Description() or (obj.problem or "")[:500],
        "status": ideas.status(obj),
        "action": history[-1]["action"] if history else None,
        "answer": answer["answer"][:500] if answer else None,
    }
