"""``Idea box`` and ``Idea``: employees' suggestions, supported and answered.

An idea box is a campaign (with a deadline) or a standing channel, on the
site or inside a community. Its reviewers hold the local role
``Idea Reviewer`` on it; the box's ``reviewers`` field reads and writes
exactly those local roles, so the edit form, REST and the sharing page
agree. Members of the site-wide group ``idea-reviewers`` review everywhere
they can see.

An idea is folderish only to hold its attachments (files and images):
they have no workflow of their own and take every permission from the
idea, so a draft's attachments are as private as the draft.
"""

from AccessControl import ClassSecurityInfo
from AccessControl.class_init import InitializeClass
from ospa.social import _
from ospa.social.interfaces import IIdea
from ospa.social.interfaces import IIdeaBox
from plone.app.textfield import RichText
from plone.app.workflow.interfaces import ISharingPageRole
from plone.app.z3cform.widgets.select import AjaxSelectFieldWidget
from plone.autoform import directives
from plone.dexterity.content import Container
from plone.supermodel import model
from zope import schema
from zope.interface import implementer


REVIEWER_ROLE = "Idea Reviewer"
REVIEWERS_GROUP = "idea-reviewers"


@implementer(ISharingPageRole)
class ReviewerSharingRole:
    """ "Can review ideas" on the sharing page, for those who delegate review."""

    title = _("title_can_review_ideas", default="Can review ideas")
    required_permission = "Sharing page: Delegate Reviewer role"
    required_interface = IIdeaBox


class IIdeaBoxSchema(model.Schema):
    """What an idea box holds besides its title and description."""

    deadline = schema.Datetime(
        title=_("label_idea_deadline", default="Deadline for submissions"),
        description=_(
            "help_idea_deadline",
            default="After this time no idea can be submitted or supported "
            "here. Leave empty for a standing idea box.",
        ),
        required=False,
    )

    support_limit = schema.Int(
        title=_("label_idea_support_limit", default="Supports per person"),
        description=_(
            "help_idea_support_limit",
            default="How many ideas of this box one person may support. "
            "Leave empty for no limit.",
        ),
        required=False,
        min=1,
        max=1000,
    )

    reviewers = schema.List(
        title=_("label_idea_reviewers", default="Reviewers"),
        description=_(
            "help_idea_reviewers",
            default="They start reviews and accept or decline ideas here, with "
            "an official answer. The group Idea reviewers reviews in every box.",
        ),
        value_type=schema.Choice(vocabulary="plone.app.vocabularies.Users"),
        required=False,
        default=[],
        missing_value=[],
    )
    directives.widget(
        "reviewers",
        AjaxSelectFieldWidget,
        vocabulary="plone.app.vocabularies.Users",
    )


class IIdeaSchema(model.Schema):
    """What an idea holds besides its title and summary."""

    problem = schema.Text(
        title=_("label_idea_problem", default="The problem"),
        description=_(
            "help_idea_problem",
            default="What does not work well today, and for whom?",
        ),
        required=True,
        max_length=5000,
    )

    proposal = RichText(
        title=_("label_idea_proposal", default="The proposal"),
        description=_("help_idea_proposal", default="What should we do about it?"),
        required=True,
    )

    benefit = schema.Text(
        title=_("label_idea_benefit", default="Expected benefit"),
        description=_(
            "help_idea_benefit",
            default="What gets better, and how would we notice?",
        ),
        required=False,
        max_length=5000,
    )

    # Stored as ``subject``, so that Plone's tags (Subject) index them.
    subject = schema.Tuple(
        title=_("label_idea_tags", default="Tags"),
        value_type=schema.TextLine(max_length=50),
        required=False,
        default=(),
        missing_value=(),
        max_length=20,
    )
    directives.widget(
        "subject",
        AjaxSelectFieldWidget,
        vocabulary="plone.app.vocabularies.Keywords",
        pattern_options={"allowNewItems": "true"},
    )


@implementer(IIdeaBox)
class IdeaBox(Container):
    """An idea box. Its reviewers are its ``Idea Reviewer`` local roles."""

    # Boxes may hold thousands of ideas; the board sorts them itself.
    _ordering = "unordered"

    @property
    def reviewers(self) -> list[str]:
        return sorted(
            principal
            for principal, roles in self.get_local_roles()
            if REVIEWER_ROLE in roles
        )

    @reviewers.setter
    def reviewers(self, value):
        wanted = set(value or ())
        current = set(self.reviewers)
        for principal in current - wanted:
            roles = [
                role
                for role in self.get_local_roles_for_userid(principal)
                if role != REVIEWER_ROLE
            ]
            if roles:
                self.manage_setLocalRoles(principal, roles)
            else:
                self.manage_delLocalRoles([principal])
        for principal in wanted - current:
            roles = set(self.get_local_roles_for_userid(principal))
            self.manage_setLocalRoles(principal, sorted(roles | {REVIEWER_ROLE}))
        if wanted != current:
            # The setter gets the box without its acquisition wrapper, which
            # cannot reach the catalog: the modified event re-indexes
            # (ospa.social.core.subscribers.idea_box_modified).
            self._v_reviewers_changed = True


@implementer(IIdea)
class Idea(Container):
    """An idea; its status is its workflow state, its supports an annotation."""

    security = ClassSecurityInfo()

    @security.public
    def support_count(self) -> int:
        """The number of supports (for workflow guards and templates)."""
        from ospa.social.ideas import api as ideas

        return ideas.count(self)


InitializeClass(Idea)
