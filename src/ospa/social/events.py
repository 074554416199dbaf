"""Events of the social layer: notifications and the stream subscribe to them."""

from ospa.social.interfaces import IAnswerAcceptedEvent
from ospa.social.interfaces import ICommunityApprovedEvent
from ospa.social.interfaces import ICommunityDeclinedEvent
from ospa.social.interfaces import ICommunityInvitedEvent
from ospa.social.interfaces import ICommunityJoinedEvent
from ospa.social.interfaces import ICommunityLeftEvent
from ospa.social.interfaces import ICommunityRequestedEvent
from ospa.social.interfaces import ICommunityRoleChangedEvent
from ospa.social.interfaces import IFollowedEvent
from ospa.social.interfaces import IIdeaStatusChangedEvent
from ospa.social.interfaces import IIdeaSupportedEvent
from ospa.social.interfaces import IIdeaSupportThresholdEvent
from ospa.social.interfaces import IIdeaUnsupportedEvent
from ospa.social.interfaces import ILikedEvent
from ospa.social.interfaces import IMentionedEvent
from ospa.social.interfaces import IPostAddedEvent
from ospa.social.interfaces import IUnfollowedEvent
from ospa.social.interfaces import IUnlikedEvent
from zope.interface import implementer
from zope.interface.interfaces import ObjectEvent


class _SocialEvent(ObjectEvent):
    def __init__(self, obj, userid):
        super().__init__(obj)
        self.userid = userid


@implementer(ILikedEvent)
class LikedEvent(_SocialEvent):
    pass


@implementer(IUnlikedEvent)
class UnlikedEvent(_SocialEvent):
    pass


@implementer(IFollowedEvent)
class FollowedEvent:
    def __init__(self, userid, kind, target):
        self.userid = userid
        self.kind = kind
        self.target = target


@implementer(IUnfollowedEvent)
class UnfollowedEvent(FollowedEvent):
    pass


@implementer(IMentionedEvent)
class MentionedEvent(_SocialEvent):
    def __init__(self, obj, userid, mentioned):
        super().__init__(obj, userid)
        self.mentioned = tuple(mentioned)


@implementer(IPostAddedEvent)
class PostAddedEvent(_SocialEvent):
    pass


@implementer(IAnswerAcceptedEvent)
class AnswerAcceptedEvent(_SocialEvent):
    def __init__(self, question, userid, answer):
        super().__init__(question, userid)
        self.answer = answer


@implementer(IIdeaSupportedEvent)
class IdeaSupportedEvent(_SocialEvent):
    def __init__(self, idea, userid, count):
        super().__init__(idea, userid)
        self.count = count


@implementer(IIdeaUnsupportedEvent)
class IdeaUnsupportedEvent(IdeaSupportedEvent):
    pass


@implementer(IIdeaSupportThresholdEvent)
class IdeaSupportThresholdEvent(_SocialEvent):
    def __init__(self, idea, userid, count, threshold):
        super().__init__(idea, userid)
        self.count = count
        self.threshold = threshold


@implementer(IIdeaStatusChangedEvent)
class IdeaStatusChangedEvent(_SocialEvent):
    def __init__(self, idea, userid, old, new, transition, answer=""):
        super().__init__(idea, userid)
        self.old = old
        self.new = new
        self.transition = transition
        self.answer = answer


class _CommunityEvent(_SocialEvent):
    def __init__(self, community, userid, actor, role=None, message=""):
        super().__init__(community, userid)
        self.actor = actor
        self.role = role
        self.message = message


@implementer(ICommunityJoinedEvent)
class CommunityJoinedEvent(_CommunityEvent):
    pass


@implementer(ICommunityLeftEvent)
class CommunityLeftEvent(_CommunityEvent):
    pass


@implementer(ICommunityRequestedEvent)
class CommunityRequestedEvent(_CommunityEvent):
    pass


@implementer(ICommunityApprovedEvent)
class CommunityApprovedEvent(_CommunityEvent):
    pass


@implementer(ICommunityDeclinedEvent)
class CommunityDeclinedEvent(_CommunityEvent):
    pass


@implementer(ICommunityInvitedEvent)
class CommunityInvitedEvent(_CommunityEvent):
    pass


@implementer(ICommunityRoleChangedEvent)
class CommunityRoleChangedEvent(_CommunityEvent):
    pass
