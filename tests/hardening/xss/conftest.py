"""Hostile input: the XSS corpus (``payloads.json``) put through every user
text, on the acceptance layer (Chromium) and the functional layer (REST).

Each payload is numbered from 1 in the order of the file; ``{n}`` in it is
that number, so a payload that runs calls ``window.__xss(n)`` (or opens a
dialog with ``alert(n)``) and an element it injects carries ``id="xss-n"``
or ``data-xss``. :func:`build` writes them, as a member (not a manager),
into posts, replies, attachments' file names, comments on a page and on an
idea, ideas' fields, an idea's attachments and communities.
"""

from pathlib import Path
from plone import api
from plone.app.discussion.interfaces import IConversation
from plone.app.textfield.value import RichTextValue
from plone.namedfile.file import NamedBlobFile
from zope.component import createObject
import base64
import json
import pytest
import transaction


HERE = Path(__file__).parent
PASSWORD = "secret-xss-12345"
AUTHOR = "eve"
# The author's full name is user text too (shown as the actor everywhere).
FULLNAME_ID = 1000
FULLNAME = (
    f'Eve <img src=x onerror=window.__xss({FULLNAME_ID}) id=xss-{FULLNAME_ID}>"'
    f"'><script>window.__xss({FULLNAME_ID})</script>"
)
HASHTAG = "xsstag"
PEOPLE = {
    "author": AUTHOR,
    "password": PASSWORD,
    "fullname": FULLNAME,
    "fullname_id": FULLNAME_ID,
    "hashtag": HASHTAG,
}
# A 1x1 transparent PNG: odd payloads go into image attachments (alt text).
PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII="
)
# Communities are costly to make (groups, roster): payloads are spread over
# a few, each with a title, a description and guidelines of its own.
COMMUNITY_COUNT = 6
# Ideas: one per payload for title, description, tags (and problem and
# benefit), a few bundles hold the long fields with many payloads each.
BUNDLE_SIZE = 30


def load_payloads() -> list[dict]:
    """``[{"n": 1, "kind": "script", "payload": "<script>…"}, …]``."""
    raw = json.loads((HERE / "payloads.json").read_text(encoding="utf-8"))
    return [
        {
            "n": n,
            "kind": entry["kind"],
            "payload": entry["payload"].replace("{n}", str(n)),
        }
        for n, entry in enumerate(raw, start=1)
    ]


PAYLOADS = load_payloads()


def chunks(items, size):
    return [items[start : start + size] for start in range(0, len(items), size)]


def line(payload: str) -> str:
    """A payload as one line (file names cannot hold line breaks)."""
    return " ".join(payload.splitlines())


def joined(entries) -> str:
    return "\n".join(entry["payload"] for entry in entries)


def html_of(entries) -> RichTextValue:
    """Rich text (Plone's safe HTML transform): the payloads, one a paragraph."""
    raw = "".join(f"<p>{entry['payload']}</p>" for entry in entries)
    return RichTextValue(raw, "text/html", "text/x-html-safe")


def add_comment(obj, userid, body):
    comment = createObject("plone.Comment")
    comment.text = body
    comment.mime_type = "text/plain"
    comment.author_username = userid
    comment.author_name = api.user.get(userid=userid).getProperty("fullname")
    conversation = IConversation(obj)
    return conversation[conversation.addComment(comment)]


def build(portal) -> dict:
    """Everything hostile, written by the member ``xss_eve``. Not committed."""
    from ospa.social.ideas import api as ideas
    from ospa.social.stream import posts

    with api.env.adopt_roles(["Manager"]):
        api.user.create(
            email=f"{AUTHOR}@example.org",
            username=AUTHOR,
            password=PASSWORD,
            roles=["Member"],
            properties={"fullname": FULLNAME},
        )
        box = api.content.create(portal, "Idea Box", id="ideenbox", title="Ideenbox")
        page = api.content.create(
            portal, "Document", id="kommentare", title="Seite mit Kommentaren"
        )
        api.content.transition(page, "publish")
        page.allow_discussion = True
    assert "Manager" not in api.user.get_roles(username=AUTHOR, obj=portal)

    made = {
        "box": box,
        "page": page,
        "posts": {},
        "replies": {},
        "threads": [],
        "ideas": {},
        "bundles": [],
        "communities": [],
        "files": {},
        "comments": {},
        "idea_comments": {},
    }
    stream = posts.stream_folder()
    with api.env.adopt_user(username=AUTHOR):
        # Posts: the text, and the attachment's file name.
        for entry in PAYLOADS:
            n = entry["n"]
            image = n % 2 == 1
            made["posts"][n] = posts.create(
                stream,
                entry["payload"],
                question=n % 3 == 0,
                attachment=PNG if image else f"Datei {n}".encode(),
                filename=line(entry["payload"]),
                content_type="image/png" if image else "text/plain",
            )
        # Replies: threads of at most 50 (a post's page shows 50).
        for group in chunks(PAYLOADS, 45):
            thread = posts.create(stream, f"Antworten ab #{group[0]['n']}")
            made["threads"].append(thread)
            for entry in group:
                made["replies"][entry["n"]] = posts.create(
                    stream, entry["payload"], in_reply_to=thread.UID()
                )
        # Comments on a page (plain text, as the comment form sends it).
        for entry in PAYLOADS:
            made["comments"][entry["n"]] = add_comment(page, AUTHOR, entry["payload"])
        # Communities: title, description and guidelines; a post in each.
        for index, group in enumerate(
            chunks(PAYLOADS, -(-len(PAYLOADS) // COMMUNITY_COUNT))
        ):
            community = api.content.create(
                portal["communities"],
                "Community",
                id=f"gemeinschaft-{index}",
                title=group[0]["payload"],
                description=joined(group[1:]),
                guidelines=html_of(group),
                visibility="open",
                join_policy="open",
            )
            posts.create(community, group[-1]["payload"])
            made["communities"].append((community, group))
        # Ideas: one per payload (title, summary, problem, benefit, tag,
        # proposal), submitted so that the board shows them.
        for entry in PAYLOADS:
            payload = entry["payload"]
            idea = api.content.create(
                box,
                "Idea",
                id=f"idee-{entry['n']}",
                title=payload,
                description=payload,
                problem=payload,
                benefit=payload,
                proposal=html_of([entry]),
                subject=(payload[:50],),
            )
            ideas.transition(idea, "submit")
            made["ideas"][entry["n"]] = idea
        # Bundles: many payloads per idea page, with comments and files.
        for group in chunks(PAYLOADS, BUNDLE_SIZE):
            bundle = api.content.create(
                box,
                "Idea",
                id=f"sammlung-{group[0]['n']}",
                title=f"Sammlung ab {group[0]['n']}",
                description=joined(group),
                problem=joined(group),
                benefit=joined(group),
                proposal=html_of(group),
                subject=tuple(entry["payload"][:50] for entry in group[:20]),
            )
            for entry in group:
                made["files"][entry["n"]] = api.content.create(
                    bundle,
                    "File",
                    id=f"datei-{entry['n']}",
                    title=entry["payload"],
                    file=NamedBlobFile(
                        data=b"Datei",
                        filename=line(entry["payload"]),
                        contentType="text/plain",
                    ),
                )
            ideas.transition(bundle, "submit")
            made["bundles"].append((bundle, group))
            for entry in group:
                made["idea_comments"][entry["n"]] = add_comment(
                    bundle, AUTHOR, entry["payload"]
                )
    return made


@pytest.fixture
def payloads():
    return PAYLOADS


@pytest.fixture
def hostile_site(acceptance):
    """The corpus in every user text of the acceptance site, committed."""
    portal = acceptance["portal"]
    made = build(portal)
    transaction.commit()
    return {"portal": portal, **PEOPLE, **made}


@pytest.fixture
def hostile_rest_site(functional_portal):
    """The corpus in every user text of the functional site, committed."""
    made = build(functional_portal)
    transaction.commit()
    return {"portal": functional_portal, **PEOPLE, **made}
