"""User-supplied names and texts are isolated from the text around them.

A display name with a right-to-left override (U+202E) reversed the text
after it on the stream. Every user text is rendered in its own ``<bdi>``
or an element with ``dir="auto"``. The pages are generated from
``PAGES``; on each, every text node holding the override must be the
text of an isolating element (not loose text of a larger one). A user
whose name, community, post, idea box and idea all hold the override
writes the content.
"""

from lxml import html as lxml_html
from ospa.social.communities import api as communities
from ospa.social.stream import posts
from ospa.social.testing import create_people
from ospa.social.testing import PASSWORD
from plone import api
import pytest
import requests
import transaction


RLO = "\u202e"
NAME = f"Ali {RLO}Reversed"
# page: (context key, view below it)
PAGES = {
    "stream": ("site", "@@stream"),
    "post": ("post", ""),
    "community stream": ("community", ""),
    "community members": ("community", "@@community-members"),
    "community list": ("site", "@@discover-communities"),
    "idea board": ("box", ""),
    "idea": ("idea", ""),
}


def build(portal) -> dict:
    create_people(
        portal, {"rlo": (NAME, ["Member"]), "chef": ("Carla Chef", ["Manager"])}
    )
    with api.env.adopt_user(username="rlo"):
        community = api.content.create(
            portal["communities"],
            "Community",
            id="bidi",
            title=f"Community {RLO}bidi",
            description=f"About {RLO}bidi",
            visibility="open",
            join_policy="open",
        )
    with api.env.adopt_user(username="chef"):
        communities.add(community, "chef", "member")
        box = api.content.create(
            portal, "Idea Box", id="ideas", title=f"Box {RLO}ideas"
        )
    with api.env.adopt_user(username="rlo"):
        post = posts.create(portal["stream"], f"Text {RLO}after the override")
        posts.create(community, f"Community post {RLO}text")
        idea = api.content.create(
            box,
            "Idea",
            id="idea",
            title=f"Idea {RLO}title",
            problem=f"Problem {RLO}here",
            benefit="Benefit",
        )
    transaction.commit()
    return {
        "site": portal,
        "post": post,
        "community": community,
        "box": box,
        "idea": idea,
    }


def ours(element) -> bool:
    """Whether the add-on's markup holds ``element`` (its classes are
    ``ospa-*``): Plone's toolbar, title, byline and navigation are not."""
    for node in (element, *element.iterancestors()):
        if "ospa-" in (node.get("class") or ""):
            return True
    return False


def loose_overrides(text: str) -> list[str]:
    """Text holding U+202E that is not the text of a ``<bdi>``/``dir`` element."""
    tree = lxml_html.fromstring(text)
    found = []
    for element in tree.iter():
        if not isinstance(element.tag, str) or element.tag in ("script", "style"):
            continue
        if not ours(element):
            continue
        isolated = element.tag == "bdi" or element.get("dir") is not None
        if element.text and RLO in element.text and not isolated:
            found.append(f"<{element.tag} class={element.get('class')!r}> text")
        if element.tail and RLO in element.tail:
            parent = element.getparent()
            found.append(f"after <{element.tag}> in <{parent.tag}>")
    return found


@pytest.fixture
def bidi_world(functional_portal):
    return build(functional_portal)


@pytest.mark.parametrize("name", sorted(PAGES))
def test_user_texts_are_isolated(bidi_world, name):
    at, view = PAGES[name]
    url = bidi_world[at].absolute_url() + (f"/{view}" if view else "")
    for userid in ("rlo", "chef"):
        response = requests.get(url, auth=(userid, PASSWORD), timeout=60)
        assert response.status_code == 200, (url, response.status_code)
        assert RLO in response.text, f"{name}: no user text rendered"
        loose = loose_overrides(response.text)
        assert loose == [], "\n".join([f"{name} as {userid}:", *loose])
