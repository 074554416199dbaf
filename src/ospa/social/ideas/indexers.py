"""Catalog indexers of ideas: supports and their place in the stream.

An idea enters the stream when it is submitted and comes back to its top
with every change of status; a draft is nowhere but in its author's
"My ideas".
"""

from ospa.social.ideas import api as ideas
from ospa.social.interfaces import IIdea
from plone.indexer import indexer


@indexer(IIdea)
def support_count(obj):
    return ideas.count(obj)


@indexer(IIdea)
def idea_in_stream(obj):
    if ideas.status(obj) == "draft":
        raise AttributeError("drafts are not in the stream")
    return True


@indexer(IIdea)
def idea_stream_ts(obj):
    found = ideas.status_changed_ms(obj)
    if found is None:
        raise AttributeError("drafts are not in the stream")
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
