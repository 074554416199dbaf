"""The world the REST fuzzer works on: people and one real object of every
kind an ospa.social endpoint lives on, committed for the WSGI server.

- ``anna``, ``bert``: members; ``chef``: member and manager;
- ``news``: a published news item (likeable, followable);
- ``ablage``: a published folder (neither: its ``@likes`` is a 400);
- ``communities/offen``: an open community, Bert owner, Anna member;
- ``stream/<question>``: Anna's question with Bert's reply;
  ``stream/<post>``: Bert's plain post; ``stream/<mine>``: Anna's post;
- ``ideen``: an idea box with Bert's submitted idea ``licht``.
"""

from ospa.social.testing import create_users
from ospa.social.testing import start_community
from plone import api
from plone.app.testing import SITE_OWNER_NAME
import pytest
import transaction


PEOPLE = {
    "anna": ("Anna Albers", ["Member"]),
    "bert": ("Bert Behrens", ["Member"]),
    "chef": ("Carla Chef", ["Member", "Manager"]),
}


def _post(userid, container, text, **kwargs):
    from ospa.social.stream import posts

    with api.env.adopt_user(username=userid):
        return posts.create(container, text, **kwargs)


@pytest.fixture
def world(functional_portal):
    """Everything the fuzzer's path parameters point at (committed)."""
    from ospa.social.ideas import api as ideas

    portal = functional_portal
    create_users(PEOPLE)
    with api.env.adopt_user(username=SITE_OWNER_NAME):
        news = api.content.create(
            portal, "News Item", id="kantine", title="Kantine", subject=["Kantine"]
        )
        api.content.transition(news, "publish")
        folder = api.content.create(portal, "Folder", id="ablage", title="Ablage")
        api.content.transition(folder, "publish")
        box = api.content.create(portal, "Idea Box", id="ideen", title="Ideenbox")
    community = start_community(
        portal,
        "bert",
        "offen",
        "open",
        roster={"anna": "member"},
        title="Community Quokka",
    )
    with api.env.adopt_user(username="bert"):
        idea = api.content.create(
            box,
            "Idea",
            id="licht",
            title="Mehr Licht",
            description="Kurz: Mehr Licht",
            problem="Das Problem mit dem Licht.",
        )
        ideas.transition(idea, "submit")
    stream = portal["stream"]
    question = _post(
        "anna", stream, "Wer kennt das WLAN-Passwort? #Kantine", question=True
    )
    reply = _post("bert", stream, "Steht am Empfang.", in_reply_to=question.UID())
    post = _post("bert", stream, "Neue Kaffeemaschine #Kantine")
    mine = _post("anna", stream, "Mein eigener Beitrag")
    in_community = _post("anna", community, "Hallo Community")
    transaction.commit()

    def path(obj):
        return "/".join(obj.getPhysicalPath()[len(portal.getPhysicalPath()) :])

    return {
        "portal": portal,
        "news": path(news),
        "folder": path(folder),
        "community": path(community),
        "community_uid": community.UID(),
        "stream": "stream",
        "question": path(question),
        "reply": path(reply),
        "reply_uid": reply.UID(),
        "post": path(post),
        "mine": path(mine),
        "in_community": path(in_community),
        "box": path(box),
        "idea": path(idea),
    }
