"""The XSS corpus over REST: what was typed comes back as data.

The member who wrote everything (``conftest.build``) reads it back: posts
and replies (and their attachments' file names), ``@stream`` page by page,
``@replies``, ``@hashtags``, comments (``@comments``) on a page and on an
idea, ideas and ``@ideas``, the ideas' attachments, communities and
``@communities``, ``@search``, and her own user (the full name).

- Every answer is ``application/json``.
- Plain texts are the stored strings, unchanged (``text``, ``title``,
  ``description``, ``problem``, ``benefit``, tags, file names, comments).
- Wherever an answer carries HTML (``html`` of stream items, rich text's
  ``data``), it is parsed with ``html.parser``: no script, frame, object,
  embed, base, meta or style, no ``on*`` attribute, no ``javascript:``,
  ``vbscript:`` or ``data:text/html`` URL. The HTML of plain text (``html``)
  holds nothing but links and line breaks, and no payload's marker.
"""

from html.parser import HTMLParser
from ospa.social.core import filenames
from urllib.parse import urlencode
import requests


DANGEROUS_TAGS = {
    "script",
    "iframe",
    "frame",
    "frameset",
    "object",
    "embed",
    "applet",
    "base",
    "meta",
    "link",
    "style",
    "form",
    "svg",
    "math",
}
URL_ATTRIBUTES = {
    "href",
    "src",
    "action",
    "formaction",
    "data",
    "xlink:href",
    "srcdoc",
    "background",
    "poster",
    "codebase",
}
SCRIPT_SCHEMES = ("javascript:", "vbscript:", "data:text/html")
# What the rendering of plain text may hold (ospa.social.core.text.render).
PLAIN_TAGS = {"a": {"href", "class", "rel", "title"}, "br": set()}


class Elements(HTMLParser):
    """The start tags of an HTML fragment, attributes unescaped."""

    def __init__(self, html):
        super().__init__(convert_charrefs=True)
        self.found = []
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, {name: value or "" for name, value in attrs}))

    handle_startendtag = handle_starttag


def compact(value: str) -> str:
    """A URL as a browser reads its scheme: without white or control space."""
    return "".join(char for char in value if ord(char) > 32).lower()


def html_problems(html: str, plain: bool, rich_frames: bool = False) -> list[str]:
    """What is not inert in ``html``. ``plain``: the rendering of plain text.

    ``rich_frames``: Plone's safe HTML lets rich text embed a page with an
    ``<iframe>``; it strips script URLs and ``srcdoc``, and so must this.
    """
    problems = []
    for tag, attrs in Elements(html).found:
        for name, value in attrs.items():
            if name.startswith("on"):
                problems.append(f"<{tag} {name}=…>")
            elif name in URL_ATTRIBUTES and compact(value).startswith(SCRIPT_SCHEMES):
                problems.append(f"<{tag} {name}={value!r}>")
            elif name == "style" and ("javascript:" in compact(value)):
                problems.append(f"<{tag} style={value!r}>")
        if tag in DANGEROUS_TAGS:
            frame_ok = (
                rich_frames
                and tag == "iframe"
                and "srcdoc" not in attrs
                and compact(attrs.get("src", "https:")).startswith(("http:", "https:"))
            )
            if not frame_ok:
                problems.append(f"<{tag}>")
        if plain and (tag not in PLAIN_TAGS or set(attrs) - PLAIN_TAGS[tag]):
            problems.append(f"plain text rendered as <{tag} {sorted(attrs)}>")
    return problems


def test_the_checks_see_what_would_run():
    """The HTML check itself: inert text passes, every kind of script fails."""
    assert (
        html_problems('a &lt;script&gt; <a href="https://x.org/">x</a><br />', True)
        == []
    )
    for hostile in (
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        '<a href="java&#x09;script:alert(1)">x</a>',
        '<a href=" JaVaScRiPt:alert(1)">x</a>',
        '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
        '<a href="data:text/html,<script>alert(1)</script>">x</a>',
        '<base href="https://evil.example/">',
        '<meta http-equiv="refresh" content="0;url=https://evil.example/">',
        '<div style="background:url(javascript:alert(1))">x</div>',
    ):
        assert html_problems(hostile, False, rich_frames=True), hostile
    assert html_problems("<b>bold</b>", True)
    assert html_problems("<iframe></iframe>", False) == ["<iframe>"]
    assert html_problems("<iframe></iframe>", False, rich_frames=True) == []


class Reader:
    """GETs as one user; every answer must be JSON."""

    def __init__(self, base, auth):
        self.base = base
        self.auth = auth
        self.problems = []
        self.calls = 0
        self.checked = {"html": 0, "rich text": 0}

    def get(self, path, **params):
        url = path if path.startswith("http") else f"{self.base}/{path.lstrip('/')}"
        if params:
            url = f"{url}?{urlencode(params, doseq=True)}"
        response = requests.get(
            url, headers={"Accept": "application/json"}, auth=self.auth, timeout=60
        )
        self.calls += 1
        assert response.status_code == 200, (url, response.status_code, response.text)
        content_type = response.headers.get("Content-Type", "")
        assert content_type.startswith("application/json"), (url, content_type)
        body = response.json()
        self.scan(body, url)
        return body

    def scan(self, value, where, key=None, parent=None):
        """Every HTML string in an answer is checked, however deep."""
        if isinstance(value, dict):
            for name, item in value.items():
                self.scan(item, where, name, value)
        elif isinstance(value, list):
            for item in value:
                self.scan(item, where, key, parent)
        elif isinstance(value, str):
            if key == "html":
                found = html_problems(value, plain=True)
                self.checked["html"] += 1
                self.problems += [f"{where} html: {problem}" for problem in found]
            elif key == "data" and (parent or {}).get("content-type") == "text/html":
                found = html_problems(value, plain=False, rich_frames=True)
                self.checked["rich text"] += 1
                self.problems += [f"{where} rich text: {problem}" for problem in found]

    def pages(self, path, **params):
        """Every item of a batched answer (``batching.next``)."""
        items = []
        body = self.get(path, **params)
        seen = set()
        while True:
            items += body["items"]
            following = (body.get("batching") or {}).get("next")
            if not following or following in seen:
                return items
            seen.add(following)
            body = self.get(following)


def stream_texts(items) -> dict[str, str]:
    """UID -> raw text of stream items and their replies."""
    found = {}
    for item in items:
        found[item["uid"]] = item["object"]["text"]
        for reply in item.get("replies") or ():
            found[reply["uid"]] = reply["object"]["text"]
    return found


def test_payloads_come_back_as_inert_data(hostile_rest_site, payloads):
    site = hostile_rest_site
    portal = site["portal"]
    reader = Reader(portal.absolute_url(), (site["author"], site["password"]))
    raw = {entry["n"]: entry["payload"] for entry in payloads}

    def line(payload):
        return " ".join(payload.splitlines())

    def stored_name(payload):
        """A file name is stored normalised (no path, no control or bidi
        characters, ospa.social.core.filenames), as inert text."""
        return filenames.safe(line(payload))

    # Posts and replies, each on its own; the attachment's file name.
    for n, post in site["posts"].items():
        body = reader.get(post.absolute_url())
        assert body["text"] == raw[n]
        assert body["attachment"]["filename"] == stored_name(raw[n])
    for n, reply in site["replies"].items():
        assert reader.get(reply.absolute_url())["text"] == raw[n]

    # The stream, every page of 50: raw text next to its (checked) HTML.
    items = reader.pages("@stream", size=50)
    texts = stream_texts(items)
    for n, post in site["posts"].items():
        assert texts[post.UID()] == raw[n]
    for item in items:
        attachment = item["object"]["attachment"]
        if attachment:
            assert attachment["filename"] in {
                stored_name(value) for value in raw.values()
            }
    by_uid = {item["uid"]: item for item in items}
    for n, idea in site["ideas"].items():
        assert by_uid[idea.UID()]["object"]["title"] == raw[n]
    # A community's own stream, the hashtag's, and the replies of a thread.
    community, group = site["communities"][0]
    texts = stream_texts(reader.pages(f"{community.absolute_url()}/@stream", size=50))
    assert group[-1]["payload"] in texts.values()
    tagged = stream_texts(reader.pages("@stream", size=50, hashtag=site["hashtag"]))
    assert sum(f"#{site['hashtag']}" in text for text in tagged.values()) >= 3
    replies = []
    for thread in site["threads"]:
        replies += reader.pages(f"{thread.absolute_url()}/@replies", b_size=50)
    assert sorted(item["object"]["text"] for item in replies) == sorted(raw.values())
    hashtags = reader.get("@hashtags")
    assert site["hashtag"] in [entry["tag"] for entry in hashtags["items"]]

    # Comments (plone.restapi's @comments) on the page and on the ideas.
    comments = reader.pages(f"{site['page'].absolute_url()}/@comments")
    assert sorted(item["text"]["data"] for item in comments) == sorted(raw.values())
    on_ideas = []
    for bundle, _group in site["bundles"]:
        on_ideas += reader.pages(f"{bundle.absolute_url()}/@comments")
    assert sorted(item["text"]["data"] for item in on_ideas) == sorted(raw.values())

    # Ideas: every field as typed, the proposal's HTML checked (by scan).
    for n, idea in site["ideas"].items():
        body = reader.get(idea.absolute_url())
        for field in ("title", "description", "problem", "benefit"):
            assert body[field] == raw[n], (n, field)
        assert body["subject"] == [raw[n][:50]]
        assert body["proposal"]["content-type"] == "text/html"
    box_items = reader.pages(f"{site['box'].absolute_url()}/@ideas", b_size=100)
    titles = {item["title"] for item in box_items}
    assert set(raw.values()) <= titles
    mine = reader.pages("@ideas", mine="true", b_size=100)
    assert set(raw.values()) <= {item["title"] for item in mine}
    for bundle, group in site["bundles"]:
        body = reader.get(bundle.absolute_url())
        assert body["problem"] == "\n".join(entry["payload"] for entry in group)
    for n, document in site["files"].items():
        body = reader.get(document.absolute_url())
        assert body["title"] == raw[n]
        assert body["file"]["filename"] == stored_name(raw[n])

    # Communities: title, description, guidelines (rich text, checked).
    for community, group in site["communities"]:
        body = reader.get(community.absolute_url())
        assert body["title"] == group[0]["payload"]
        assert body["description"] == "\n".join(e["payload"] for e in group[1:])
        assert body["guidelines"]["content-type"] == "text/html"
    listed = reader.pages("@communities", b_size=100)
    assert {group[0]["payload"] for _c, group in site["communities"]} <= {
        item["title"] for item in listed
    }

    # Search: the ideas' titles and descriptions, and a hostile query.
    found = reader.pages(
        "@search", portal_type="Idea", b_size=100, metadata_fields="Description"
    )
    assert set(raw.values()) <= {item["title"] for item in found}
    for n in (1, 9, 17):
        reader.get("@search", SearchableText=raw[n])
        reader.get("@stream", hashtag=raw[n][:200])

    # The author's full name.
    assert reader.get(f"@users/{site['author']}")["fullname"] == site["fullname"]

    assert reader.problems == []
    assert reader.calls > 4 * len(raw)
    # Every post's and reply's HTML, every proposal and guidelines.
    assert reader.checked["html"] > 2 * len(raw)
    assert reader.checked["rich text"] >= len(raw) + len(site["communities"])
