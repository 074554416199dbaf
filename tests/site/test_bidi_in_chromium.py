"""In Chromium, a name with U+202E does not reverse the text after it."""

from ospa.social.stream import posts
from ospa.social.testing import create_people
from ospa.social.testing import PASSWORD
from plone import api
import base64
import transaction


RLO = "\u202e"


def test_text_after_a_right_to_left_name_stays_in_order(chromium, acceptance):
    portal = acceptance["portal"]
    create_people(portal, {"rlo": (f"Ali {RLO}Reversed", ["Member"])})
    with api.env.adopt_user(username="rlo"):
        posts.create(portal["stream"], "Hallo zusammen")
    transaction.commit()
    token = base64.b64encode(f"rlo:{PASSWORD}".encode()).decode()
    context = chromium.new_context(
        locale="de-DE",
        viewport={"width": 1280, "height": 900},
        extra_http_headers={"Authorization": f"Basic {token}"},
    )
    try:
        page = context.new_page()
        page.goto(f"{portal.absolute_url()}/@@stream")
        name = page.locator(".ospa-stream-item [dir=auto]", has_text="Reversed").first
        name.wait_for()
        found = name.evaluate(
            """(element) => {
                const after = element.nextSibling || element.parentNode.nextSibling;
                const range = document.createRange();
                range.selectNodeContents(after);
                const box = range.getBoundingClientRect();
                return {
                    bidi: getComputedStyle(element).unicodeBidi,
                    nameRight: element.getBoundingClientRect().right,
                    afterLeft: box.left,
                    afterWidth: box.width,
                };
            }"""
        )
    finally:
        context.close()
    assert found["bidi"] == "isolate", found
    # What follows the name is laid out after it, left to right.
    if found["afterWidth"]:
        assert found["afterLeft"] >= found["nameRight"] - 1, found
