"""Catalog indexers of comments: their count and who finds them."""

from ospa.social.comments import api as comments
from plone.app.discussion.interfaces import IComment
from plone.dexterity.interfaces import IDexterityContent
from plone.indexer import indexer
from Products.CMFPlone.CatalogTool import (
    allowedRolesAndUsers as plone_allowed_roles_and_users,
)


@indexer(IDexterityContent)
def total_comments(obj):
    """Published comments, whoever may see them (see ``comments.count``).

    Replaces plone.app.discussion's indexer (registered for IContentish,
    less specific) for Dexterity content.
    """
    return comments.count(obj)


def _meet(own: list, other: list) -> list:
    """The catalog security tokens of "may see both": ``Anonymous`` and
    ``Authenticated`` are Plone's shortcuts for everyone and every logged-in
    user, anything else is a set of roles and ``user:`` principals."""
    if "Anonymous" in own or ("Authenticated" in own and "Anonymous" not in other):
        return list(other)
    if "Anonymous" in other or "Authenticated" in other:
        return list(own)
    return sorted(set(own) & set(other))


@indexer(IComment)
def comment_allowed_roles_and_users(comment):
    """Who finds a comment: who may see it *and* the content it is on.

    Plone's indexer reads the comment's own "Access contents information",
    which plone.app.discussion's one-state workflow gave to Anonymous: a
    comment on a page of a secret community was then found by everyone,
    in search, the stream and the query builder. The add-on's profile makes
    that permission acquired; this keeps the catalog right with any comment
    workflow a site may use. The content's security changes re-index its
    comments too (they are catalogued under its path).
    """
    own = plone_allowed_roles_and_users.callable(comment)
    content = comments.commented(comment)
    if content is None:
        return own
    return _meet(own, plone_allowed_roles_and_users.callable(content))
