"""The ``Community`` type: a self-service space with a roster."""

from ospa.social import _
from ospa.social.interfaces import ICommunity
from ospa.social.stream.containers import PostContainer
from plone.app.textfield import RichText
from plone.autoform import directives
from plone.namedfile.field import NamedBlobImage
from plone.supermodel import model
from zope import schema
from zope.interface import implementer
from zope.schema.vocabulary import SimpleTerm
from zope.schema.vocabulary import SimpleVocabulary


VISIBILITIES = SimpleVocabulary(
    [
        SimpleTerm(
            "open",
            title=_(
                "visibility_open", default="Open: everyone sees it and its content"
            ),
        ),
        SimpleTerm(
            "closed",
            title=_(
                "visibility_closed",
                default="Closed: everyone sees it exists; only members see its content",
            ),
        ),
        SimpleTerm(
            "secret",
            title=_("visibility_secret", default="Secret: only members know it exists"),
        ),
    ]
)

JOIN_POLICIES = SimpleVocabulary(
    [
        SimpleTerm(
            "open", title=_("join_open", default="Anyone may join with one click")
        ),
        SimpleTerm(
            "request",
            title=_("join_request", default="People ask to join; moderators decide"),
        ),
        SimpleTerm(
            "invite", title=_("join_invite", default="Only moderators invite people")
        ),
    ]
)


class ICommunitySchema(model.Schema):
    """The fields of a community besides title, description and tags."""

    image = NamedBlobImage(
        title=_("label_community_image", default="Image"),
        required=False,
    )

    visibility = schema.Choice(
        title=_("label_visibility", default="Visibility"),
        vocabulary=VISIBILITIES,
        default="open",
        required=True,
    )

    join_policy = schema.Choice(
        title=_("label_join_policy", default="Who can join"),
        vocabulary=JOIN_POLICIES,
        default="open",
        required=True,
    )

    guidelines = RichText(
        title=_("label_guidelines", default="Guidelines"),
        description=_(
            "help_guidelines",
            default="Shown to people before they join: what the community is "
            "for and how its members work together.",
        ),
        required=False,
    )

    members_edit_pages = schema.Bool(
        title=_("label_members_edit_pages", default="Members edit each other's pages"),
        description=_(
            "help_members_edit_pages",
            default="Every member may edit every page (wiki); the history keeps "
            "each version.",
        ),
        default=False,
        required=False,
    )
    directives.order_after(members_edit_pages="guidelines")


@implementer(ICommunity)
class Community(PostContainer):
    """A community. Its roster is kept by :mod:`ospa.social.communities.api`."""

    # A community holds thousands of posts: no order list to rewrite on
    # every add. Its views sort by date or title.
    _ordering = "unordered"
