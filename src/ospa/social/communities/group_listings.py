"""A community's PAS groups are listed only to those who may see it.

Each community's roster is four groups named ``community-<UID>-<role>``
(the plugin of :mod:`ospa.social.communities.pas`), titled with the
community's title. Plone lists groups to every member: the ``Groups`` and ``Principals``
vocabularies (``@vocabularies``, ``@@getVocabulary``, the widgets) and the
sharing page's group search (``@@pas_search``). That showed every employee
how many secret communities there are, their UIDs and their titles.

The filter sits where Plone offers one: the vocabularies'
``use_principal_triple`` hook ("meant to be overridden in subclasses for
post-filtering"), registered as site-local utilities by the profile, and
``@@pas_search`` for the add-on's browser layer. Looking a group up by id
(``getGroupById``, PAS's own membership) is unchanged: only lists are
filtered. A group is listed when the catalog, searched as the current
user, finds its community; managers see every community and so every
group.
"""

from ospa.social.communities import pas
from plone import api
from plone.app.vocabularies.principals import GroupsFactory
from plone.app.vocabularies.principals import PrincipalsFactory
from Products.PlonePAS.browser.search import PASSearchView
from zope.interface import implementer
from zope.schema.interfaces import IVocabularyFactory


def community_uid(groupid: str) -> str | None:
    """The UID of the community a group belongs to; None for other groups."""
    parsed = pas.parse(groupid)
    return parsed[0] if parsed else None


def visible_uids(uids) -> set[str]:
    """The community UIDs of ``uids`` the current user may see."""
    uids = sorted(set(uids))
    if not uids:
        return set()
    catalog = api.portal.get_tool("portal_catalog")
    return {brain.UID for brain in catalog(UID=uids, portal_type="Community")}


def listable(groupids) -> set[str]:
    """The ids of ``groupids`` the current user may see listed."""
    groupids = set(groupids)
    uids = {gid: community_uid(gid) for gid in groupids}
    seen = visible_uids(uid for uid in uids.values() if uid)
    return {gid for gid, uid in uids.items() if uid is None or uid in seen}


def _groupid(value: str) -> str:
    # The Principals vocabulary prefixes its values ("group:<id>").
    return value.split(":", 1)[1] if value.startswith("group:") else value


class _Filtered:
    def use_principal_triple(self, principal_triple):
        """Hide the groups of communities the user may not see."""
        groupid = _groupid(principal_triple[0])
        if community_uid(groupid) is None:
            return True
        return groupid in listable([groupid])


@implementer(IVocabularyFactory)
class CommunityGroupsFactory(_Filtered, GroupsFactory):
    """``plone.app.vocabularies.Groups`` without hidden community groups."""


@implementer(IVocabularyFactory)
class CommunityPrincipalsFactory(_Filtered, PrincipalsFactory):
    """``plone.app.vocabularies.Principals`` without hidden community groups."""


class CommunityPASSearchView(PASSearchView):
    """PlonePAS's ``@@pas_search`` (the sharing page's group search) without
    the groups of communities the user may not see."""

    def searchGroups(self, sort_by=None, **criteria):
        found = super().searchGroups(sort_by=sort_by, **criteria)
        shown = listable(info["groupid"] for info in found)
        return [info for info in found if info["groupid"] in shown]
