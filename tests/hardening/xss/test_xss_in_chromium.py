"""The XSS corpus rendered in Classic UI in real Chromium.

Every payload of ``payloads.json`` is in every user text (see
``conftest.build``): posts, replies, attachments' file names, comments on a
page and on ideas, ideas' title, summary, problem, benefit, tags, proposal
and attachments, communities' title, description and guidelines, and the
author's full name. The member who wrote them looks at every page that
shows them, list pages page by page. After each page has loaded, and after
every element of the page got a mouseover and a focus event:

- no dialog opened and ``window.__xss`` was never called;
- no element carries a payload's marker (``id="xss-n"`` or ``data-xss``),
  except inside rich text (proposal, guidelines), where Plone's safe HTML
  keeps harmless formatting: there the marked element must be inert;
- no event handler, ``javascript:``/``vbscript:``/``data:`` URL, script,
  frame, object, embed, base or refresh that a payload brought in.

And the plain texts are shown as typed: every payload's text is on the
stream's pages, on the idea board, in the comments and on a thread's page.
"""

from ospa.social import testing
from ospa.social.core import filenames
from playwright.sync_api import Error as PlaywrightError
from urllib.parse import quote
from urllib.parse import urlencode
import pytest
import time


INIT_SCRIPT = """
window.__xssCalls = [];
window.__xss = function (n) { window.__xssCalls.push(String(n)); };
"""

# Rich text: Plone's safe HTML may keep a marked <img src="x" id="xss-17">.
RICH = ".ospa-idea-proposal-text, .ospa-community-guidelines-text"
# Where user text is rendered: no <script> may be inside.
USER_CONTAINERS = (
    ".ospa-stream-item, .ospa-stream-text, .ospa-stream-file, .ospa-idea-card, "
    ".ospa-idea-text, .ospa-idea-proposal-text, .ospa-community-guidelines-text, "
    "#content-core, .documentFirstHeading, .documentDescription, "
    ".comment, .commentBody, #comments, #search-results, .ospa-community-card"
)

CHECK = """
([rich, containers]) => {
  const problems = [];
  const richBoxes = [...document.querySelectorAll(rich)];
  const inRich = (el) => richBoxes.some((box) => box.contains(el));
  const show = (el) => el.outerHTML.slice(0, 200);
  const hostile = /xss|alert|msgbox|eval/i;
  const scheme = /^(javascript|vbscript|data):/i;
  const URL_ATTRIBUTES = new Set([
    "href", "src", "action", "formaction", "data", "xlink:href", "srcdoc",
    "background", "poster", "codebase", "dynsrc", "lowsrc", "to", "values",
  ]);
  for (const el of document.querySelectorAll("[id^='xss-'], [data-xss]")) {
    if (!inRich(el)) {
      problems.push(`injected element: ${show(el)}`);
    }
  }
  for (const el of document.querySelectorAll("*")) {
    for (const attribute of el.attributes) {
      const name = attribute.name.toLowerCase();
      const value = attribute.value;
      const compact = value.replace(/[\\s\\u0000-\\u001f]/g, "");
      if (name.startsWith("on") && hostile.test(value)) {
        problems.push(`event handler ${name}: ${show(el)}`);
      } else if (URL_ATTRIBUTES.has(name) && scheme.test(compact)
                 && (hostile.test(value) || /^data:text/i.test(compact))) {
        problems.push(`script URL in ${name}: ${show(el)}`);
      } else if (name === "style" && /javascript:|expression\\(/i.test(value)) {
        problems.push(`script in style: ${show(el)}`);
      } else if (name === "attributename" && /^on/i.test(value)) {
        problems.push(`animated event handler: ${show(el)}`);
      }
    }
  }
  for (const el of document.querySelectorAll("script")) {
    if (/__xss|alert\\(|msgbox/.test(el.textContent)) {
      problems.push(`script: ${show(el)}`);
    }
  }
  for (const box of document.querySelectorAll(containers)) {
    for (const el of box.querySelectorAll("script")) {
      problems.push(`script in user content: ${show(el)}`);
    }
  }
  // Plone's safe HTML lets rich text embed a page (an iframe without a
  // script URL or srcdoc, which it strips): nothing else may come in.
  const inertFrame = (el) => el.localName === "iframe" && inRich(el)
    && !el.hasAttribute("srcdoc")
    && (!el.hasAttribute("src") || /^https?:/i.test(el.getAttribute("src")));
  for (const el of document.querySelectorAll(
    "iframe, frame, frameset, object, embed, applet, base, " +
    "meta[http-equiv='refresh' i]"
  )) {
    if (!inertFrame(el)) {
      problems.push(`dangerous element: ${show(el)}`);
    }
  }
  return problems;
}
"""

# Every element gets a mouseover and a focus: inline handlers would run.
POKE = """
() => {
  const events = ["mouseover", "mouseenter", "mousemove", "focus", "focusin"];
  for (const el of document.querySelectorAll("body *")) {
    for (const type of events) {
      el.dispatchEvent(new Event(type, { bubbles: true }));
    }
  }
}
"""

TEXTS = """
(selector) => [...document.querySelectorAll(selector)].map((el) => el.textContent)
"""

# Attachments' file names: a file's link text, an image's alt text.
FILENAMES = """
() => [
  ...[...document.querySelectorAll(".ospa-stream-filename")]
    .map((el) => el.textContent),
  ...[...document.querySelectorAll(".ospa-stream-image img")].map((el) => el.alt),
]
"""

NEXT = "#ospa-stream-more, a.ospa-idea-next"


def normal(text: str) -> str:
    """Without white space: line breaks are shown as <br /> or as spaces."""
    return "".join(text.split())


class Visitor:
    """One browser page, logged in; every page it loads is checked."""

    def __init__(self, page):
        self.page = page
        self.dialogs = []
        self.problems = []
        self.loads = 0
        self.filenames = []
        page.on("dialog", self._dialog)

    def _dialog(self, dialog):
        self.dialogs.append(f"{dialog.type}({dialog.message}) on {self.page.url}")
        dialog.dismiss()

    def check(self, url, texts=None, statuses=(200,)):
        """Load ``url``, check it; ``texts`` a selector whose texts to return."""
        page = self.page
        response = page.goto(url, wait_until="load")
        self.loads += 1
        assert response is not None, url
        assert response.status in statuses, (url, response.status)
        found = []
        try:
            found = page.evaluate(TEXTS, texts) if texts else []
            self.filenames += page.evaluate(FILENAMES)
            page.evaluate(POKE)
            for x, y in ((640, 300), (400, 600), (900, 450)):
                page.mouse.move(x, y)
            # Handlers run in tasks of their own (ontoggle, onerror).
            page.wait_for_timeout(50)
            problems = page.evaluate(CHECK, [RICH, USER_CONTAINERS])
            calls = page.evaluate("window.__xssCalls || []")
        except PlaywrightError as error:
            # A payload that navigated away (refresh, location) is a finding.
            problems, calls = [f"page changed: {error.message[:200]}"], []
        if page.url.split("#")[0] != url.split("#")[0]:
            problems.append(f"navigated to {page.url}")
        self.problems += [f"{url}: {problem}" for problem in problems]
        self.problems += [f"{url}: window.__xss({n}) ran" for n in calls]
        return found

    def check_pages(self, url, texts=None):
        """``url`` and every further page its "more"/"next" link leads to."""
        found = []
        seen = set()
        while url and url not in seen:
            seen.add(url)
            found += self.check(url, texts)
            more = self.page.locator(NEXT)
            url = more.first.get_attribute("href") if more.count() else None
        return found


def log_in(page, site_url, userid, password):
    testing.log_in(page, site_url, userid, password)
    assert any(cookie["name"] == "__ac" for cookie in page.context.cookies())


@pytest.fixture
def visitor(chromium, hostile_site):
    context = chromium.new_context(
        locale="de-DE", viewport={"width": 1280, "height": 900}
    )
    context.set_default_timeout(15_000)
    page = context.new_page()
    page.add_init_script(INIT_SCRIPT)
    log_in(
        page,
        hostile_site["portal"].absolute_url(),
        hostile_site["author"],
        hostile_site["password"],
    )
    yield Visitor(page)
    context.close()


def test_no_payload_runs_anywhere(hostile_site, visitor, payloads):
    started = time.monotonic()
    site = hostile_site
    site_url = site["portal"].absolute_url()
    raw = {entry["n"]: entry["payload"] for entry in payloads}
    # Payloads not shown as text where they should be, by place.
    missing = {}

    def expect_shown(place, texts, numbers=raw, within=False, stored=str):
        """Each payload (as ``stored`` keeps it) is one of ``texts``
        (``within``: in one of them)."""
        shown = {normal(text) for text in texts}
        lost = sorted(
            n
            for n in numbers
            if not (
                normal(stored(raw[n])) in shown
                or (within and any(normal(stored(raw[n])) in text for text in shown))
            )
        )
        if lost:
            missing[place] = lost

    # The front page's stream; the stream, every page: posts, attachments,
    # latest replies, comments, ideas and community posts as items.
    visitor.check(site_url)
    texts = visitor.check_pages(f"{site_url}/@@stream", ".ospa-stream-text")
    expect_shown("stream", texts)
    # File names are stored normalised (ospa.social.core.filenames).
    expect_shown(
        "attachments",
        visitor.filenames,
        stored=lambda raw: filenames.safe(" ".join(raw.splitlines())),
    )

    # The open questions, the hashtag, each thread with all its replies,
    # and a few posts' own pages (an image, a file, a question).
    questions = visitor.check_pages(f"{site_url}/@@questions", ".ospa-stream-text")
    expect_shown("questions", questions, [n for n in raw if n % 3 == 0])
    tagged = visitor.check_pages(
        f"{site_url}/@@hashtag/{site['hashtag']}", ".ospa-stream-text"
    )
    tag = f"#{site['hashtag']}"
    expect_shown("hashtag", tagged, [n for n in raw if raw[n].startswith(tag)])
    replies = []
    for thread in site["threads"]:
        replies += visitor.check(
            thread.absolute_url(), "li.ospa-stream-reply .ospa-stream-text"
        )
    expect_shown("replies", replies)
    for n in (1, 11, 17, 24):
        visitor.check(site["posts"][n].absolute_url())

    # Input that comes back in the address: hashtags, search, board filters.
    box_url = site["box"].absolute_url()
    for n in (1, 9, 17):
        query = {"tag": raw[n], "sort": raw[n], "status": raw[n]}
        for url in (
            f"{site_url}/@@hashtag/{quote(raw[n], safe='')}",
            f"{site_url}/@@hashtag?{urlencode({'tag': raw[n]})}",
            f"{site_url}/@@search?{urlencode({'SearchableText': raw[n]})}",
            f"{box_url}?{urlencode(query)}",
        ):
            visitor.check(url, statuses=(200, 400, 404))

    # Communities: the list, and each one's page and stream tab.
    titles = visitor.check(
        site["portal"]["communities"].absolute_url(), "#content-core"
    )
    expect_shown(
        "community titles",
        titles,
        [group[0]["n"] for _community, group in site["communities"]],
        within=True,
    )
    for community, _group in site["communities"]:
        url = community.absolute_url()
        visitor.check(url)
        visitor.check(f"{url}/@@community-stream")

    # Ideas: the board and my ideas, page by page; the collections (long
    # fields, comments, attachments), a few single ideas and a file's page.
    titles = visitor.check_pages(box_url, "a.ospa-idea-card-title")
    expect_shown("idea board", titles)
    titles = visitor.check_pages(f"{site_url}/@@my-ideas", "#content-core")
    expect_shown("my ideas", titles, within=True)
    for bundle, _group in site["bundles"]:
        visitor.check(bundle.absolute_url())
    for n in (1, 17, 52, 57):
        visitor.check(site["ideas"][n].absolute_url())
    for n in (17, 41):
        visitor.check(f"{site['files'][n].absolute_url()}/view")

    # Comments on a page; the author's page (her full name); search results.
    comments = visitor.check(site["page"].absolute_url(), ".comment-body")
    expect_shown("comments", comments)
    visitor.check(f"{site_url}/author/{site['author']}")
    visitor.check(f"{site_url}/@@search?{urlencode({'SearchableText': 'window'})}")

    print(f"\n{visitor.loads} pages checked in {time.monotonic() - started:.1f} s")
    assert visitor.dialogs == []
    assert visitor.problems == []
    assert missing == {}
