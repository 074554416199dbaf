"""Interfaces of ospa.social."""

from ospa.social import _
from zope import schema
from zope.interface import Attribute
from zope.interface import Interface
from zope.interface.interfaces import IObjectEvent
from zope.publisher.interfaces.browser import IDefaultBrowserLayer


class IOspaSocialLayer(IDefaultBrowserLayer):
    """Marker for requests on a site where ospa.social is installed.

    Every view, viewlet and REST service of the add-on is registered for this
    layer, so that nothing of ours shows on a site that has not installed it.
    """


class ILikeable(Interface):
    """Marker of the ``ospa.social.likes`` behaviour: people may like it."""


class IFollowable(Interface):
    """Marker of the ``ospa.social.following`` behaviour: people may follow it."""


class ICommunity(Interface):
    """Marker of a community: the ``community`` kind of follow targets one."""


class IPost(Interface):
    """Marker of a microblog post (or a reply to one)."""


class IStreamFolder(Interface):
    """Marker of ``/stream``, where every employee may post to everyone."""


class IIdeaBox(Interface):
    """Marker of an idea box: a campaign or standing channel for ideas."""


class IIdea(Interface):
    """Marker of an idea in an idea box."""


DEFAULT_SOCIAL_TYPES = [
    "Document",
    "News Item",
    "Event",
    "File",
    "Image",
    "Community",
    "Post",
    "Idea",
]
DEFAULT_COMMENT_TYPES = ["Document", "News Item", "Event", "Idea"]
DEFAULT_STREAM_TYPES = ["Document", "News Item", "Event", "File"]
DEFAULT_ATTACHMENT_TYPES = [
    "image/jpeg",
    "image/png",
    "image/gif",
    "image/webp",
    "application/pdf",
    "text/plain",
    "text/csv",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "application/vnd.oasis.opendocument.text",
    "application/vnd.oasis.opendocument.spreadsheet",
    "application/vnd.oasis.opendocument.presentation",
]


class UnknownTypes(schema.ValidationError):
    __doc__ = _("error_unknown_types", default="These content types do not exist.")


def _existing_types(value) -> bool:
    """Every name in ``value`` is a content type of this site.

    Without a site (the schema's own defaults are checked at import) there
    is nothing to check against.
    """
    from zope.component.hooks import getSite

    types = getattr(getSite(), "portal_types", None)
    if types is not None and any(name not in types.objectIds() for name in value or ()):
        raise UnknownTypes()
    return True


def _list(title, description, default, value_type=None, **kwargs):
    """An optional list setting, empty when cleared."""
    return schema.List(
        title=title,
        description=description,
        value_type=value_type or schema.TextLine(),
        default=list(default),
        missing_value=[],
        required=False,
        **kwargs,
    )


def _types(title, description, default):
    """A list of this site's content types."""
    return _list(
        title,
        description,
        default,
        schema.Choice(vocabulary="plone.app.vocabularies.ReallyUserFriendlyTypes"),
        constraint=_existing_types,
    )


class ISocialSettings(Interface):
    """The settings of Site Setup → Social intranet, kept in the registry."""

    social_types = _types(
        _("label_social_types", default="Social content types"),
        _(
            "help_social_types",
            default="People can recommend and follow content of these types. "
            "Content that already exists becomes social as well.",
        ),
        DEFAULT_SOCIAL_TYPES,
    )

    comment_types = _types(
        _("label_comment_types", default="Comments"),
        _(
            "help_comment_types",
            default="People can comment on content of these types.",
        ),
        DEFAULT_COMMENT_TYPES,
    )

    stream_types = _types(
        _("label_stream_types", default="Content in the activity stream"),
        _(
            "help_stream_types",
            default="When content of these types is created, published or "
            "updated, or commented on, it appears in the activity stream.",
        ),
        DEFAULT_STREAM_TYPES,
    )

    post_max_length = schema.Int(
        title=_("label_post_max_length", default="Longest post (characters)"),
        default=1000,
        min=10,
        max=100000,
    )

    post_max_attachment_mb = schema.Int(
        title=_("label_post_max_attachment", default="Largest attachment (MB)"),
        default=10,
        min=1,
        max=1024,
    )

    idea_support_threshold = schema.Int(
        title=_(
            "label_idea_support_threshold", default="Supports that get an idea noticed"
        ),
        description=_(
            "help_idea_support_threshold",
            default="When an idea reaches this many supports, its reviewers are "
            "told (notifications listen for it).",
        ),
        default=10,
        min=1,
        max=100000,
    )

    post_attachment_types = _list(
        _("label_post_attachment_types", default="Attachment types"),
        _(
            "help_post_attachment_types",
            default="MIME types people may attach to posts, one per line.",
        ),
        DEFAULT_ATTACHMENT_TYPES,
        schema.ASCIILine(),
    )

    # Who "everyone" is: communities open to all, /stream, idea boxes
    # outside communities. ospa.social.employees.pas puts these people into the
    # virtual group ``ospa-employees``; the rest of the add-on only names
    # that group (or its role ``Employee``), so this is read in one place.
    employee_roles = _list(
        _("label_employee_roles", default="Employees: users with these roles"),
        _(
            "help_employee_roles",
            default="Everyone holding one of these site roles is an employee "
            "(one per line). Plone gives every user it creates the Member "
            "role; take Member away from external partners' accounts, or "
            "empty this list and name groups below.",
        ),
        ["Member"],
    )

    employee_groups = _list(
        _("label_employee_groups", default="Employees: members of these groups"),
        _(
            "help_employee_groups",
            default="Everyone in one of these groups (group ids, one per line, "
            "for example your directory's staff group) is an employee too. "
            "Users who are neither see only the communities they are guests "
            "of.",
        ),
        [],
    )


class ISocialEvent(IObjectEvent):
    """Something social happened to ``object``, done by ``userid``."""

    userid = Attribute("The id of the user who acted.")


class ILikedEvent(ISocialEvent):
    """``userid`` likes ``object`` now."""


class IUnlikedEvent(ISocialEvent):
    """``userid`` no longer likes ``object``."""


class IFollowedEvent(Interface):
    """``userid`` follows a target now."""

    userid = Attribute("The follower.")
    kind = Attribute("user, community, tag or content.")
    target = Attribute("The user id, UID or tag followed.")


class IUnfollowedEvent(IFollowedEvent):
    """``userid`` no longer follows a target."""


class IMentionedEvent(IObjectEvent):
    """Users were mentioned with ``@userid`` in ``object`` (a comment, a post)."""

    userid = Attribute("The author who mentioned them.")
    mentioned = Attribute("The ids of the users mentioned, without the author.")


class IPostEvent(IObjectEvent):
    """Something happened to the post ``object``, done by ``userid``."""

    userid = Attribute("Who did it.")


class IPostAddedEvent(IPostEvent):
    """A post or a reply was published (``object.in_reply_to`` tells which)."""


class IAnswerAcceptedEvent(IPostEvent):
    """The question ``object`` has ``answer`` (a reply) as its accepted answer."""

    answer = Attribute("The accepted reply.")


class IIdeaEvent(IObjectEvent):
    """Something happened to the idea ``object``, done by ``userid``."""

    userid = Attribute("Who did it.")


class IIdeaSupportedEvent(IIdeaEvent):
    """``userid`` supports the idea now; ``count`` is its number of supports."""

    count = Attribute("The number of supports afterwards.")


class IIdeaUnsupportedEvent(IIdeaSupportedEvent):
    """``userid`` withdrew their support."""


class IIdeaSupportThresholdEvent(IIdeaEvent):
    """The idea's supports reached the registry's ``idea_support_threshold``.

    Fired once per idea, by the support that first reached it (``userid``).
    """

    count = Attribute("The number of supports.")
    threshold = Attribute("The threshold reached.")


class IIdeaStatusChangedEvent(IIdeaEvent):
    """The idea's status changed from ``old`` to ``new`` by ``transition``.

    ``answer`` is the official answer (the workflow comment), maybe empty.
    """

    old = Attribute("The status before.")
    new = Attribute("The status now.")
    transition = Attribute("The workflow transition.")
    answer = Attribute("The official answer, or an empty string.")


class ICommunityEvent(IObjectEvent):
    """Something happened to the roster of the community ``object``.

    ``userid`` is the person concerned, ``actor`` who did it, ``role`` the
    roster role afterwards (or None), ``message`` an optional text.
    """

    userid = Attribute("The person concerned.")
    actor = Attribute("Who did it.")
    role = Attribute("The person's roster role afterwards, or None.")
    message = Attribute("An optional message.")


class ICommunityJoinedEvent(ICommunityEvent):
    """``userid`` became a member (joined, was approved or accepted)."""


class ICommunityLeftEvent(ICommunityEvent):
    """``userid`` left or was removed."""


class ICommunityRequestedEvent(ICommunityEvent):
    """``userid`` asked to join."""


class ICommunityApprovedEvent(ICommunityEvent):
    """A moderator approved ``userid``'s request."""


class ICommunityDeclinedEvent(ICommunityEvent):
    """A request or an invitation was declined."""


class ICommunityInvitedEvent(ICommunityEvent):
    """A moderator invited ``userid``."""


class ICommunityRoleChangedEvent(ICommunityEvent):
    """``userid``'s roster role changed to ``role``."""
