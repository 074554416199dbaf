"""The ``social`` component of content: likes, follows and comments at once.

``GET /<content>?expand=social`` adds it to the content's ``@components``;
``GET /<content>/@social`` returns it alone.
"""

from ospa.social.comments import api as comments
from ospa.social.following import api as following
from ospa.social.interfaces import IFollowable
from ospa.social.interfaces import IOspaSocialLayer
from ospa.social.likes import api as likes
from ospa.social.restapi.base import SocialService
from plone.base.interfaces import IPloneSiteRoot
from plone.dexterity.interfaces import IDexterityContent
from plone.restapi.interfaces import IExpandableElement
from zExceptions import NotFound
from zope.component import adapter
from zope.interface import implementer


@implementer(IExpandableElement)
@adapter(IDexterityContent, IOspaSocialLayer)
class Social:
    def __init__(self, context, request):
        self.context = context
        self.request = request

    def __call__(self, expand=False):
        if IPloneSiteRoot.providedBy(self.context):
            # The site is no social item; its services live elsewhere.
            return {}
        url = f"{self.context.absolute_url()}/@social"
        if not expand:
            return {"social": {"@id": url}}
        return {"social": {"@id": url, **self.data()}}

    def data(self) -> dict:
        obj = self.context
        kind, target = following.target_of(obj)
        state = likes.state(obj)
        return {
            "likes": state["count"],
            "liked": state["liked"],
            "can_like": state["can_like"],
            "likeable": likes.is_likeable(obj),
            "following": following.is_following(kind, target),
            "followable": IFollowable.providedBy(obj),
            "followers": following.followers_count(kind, target),
            "comments": comments.count(obj),
            "comments_enabled": comments.enabled(obj),
            "comments_url": comments.url(obj),
        }


class SocialGet(SocialService):
    def answer(self):
        if IPloneSiteRoot.providedBy(self.context):
            raise NotFound(self.context, "@social", self.request)
        return Social(self.context, self.request)(expand=True)["social"]
