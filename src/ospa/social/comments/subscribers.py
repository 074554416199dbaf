"""Comments: mentions notify."""

from ospa.social.comments import api as comments


def comment_saved(comment, event):
    comments.notify_mentions(comment)
