"""Ideas in Classic UI over HTTP: board, idea page, forms, my ideas, stream.

Who is who (``site`` in conftest.py makes anna, bert, nomember and chef):
Anna and Bert are employees putting forward ideas, Erik (made here) is an
employee who supports them, Rita (made here) reviews the site's idea box
(its local Idea Reviewer role), Nora (``nomember``) is logged in without
the Member role, Carla Chef (``chef``) manages the site. Anna's draft and
the idea in the closed community must never show to those who may not see
them.
"""

from DateTime import DateTime
from ospa.social.ideas import api as ideas
from ospa.social.testing import assert_denied
from ospa.social.testing import follow
from ospa.social.testing import get
from ospa.social.testing import JSON
from ospa.social.testing import one
from ospa.social.testing import parse
from ospa.social.testing import PASSWORD
from ospa.social.testing import select
from ospa.social.testing import send
from ospa.social.testing import start_community
from ospa.social.testing import status_message
from ospa.social.testing import sync
from ospa.social.testing import token_for
from plone import api
from plone.app.textfield.value import RichTextValue
from plone.namedfile.file import NamedBlobFile
import pytest
import transaction


DRAFT_WORDS = ("Geheimer Entwurf", "Entwurfsproblem")
CLOSED_WORDS = ("Geschlossene Idee", "Nur für Mitglieder")
ANSWER = "Wir machen das ab Juni."


# -- fixtures and helpers --------------------------------------------------


def make_idea(userid, box, title, *, submit=True, tags=(), **fields):
    values = {
        "problem": f"Problem von {title}",
        "proposal": RichTextValue(
            f"<p>Vorschlag zu {title}</p>", "text/html", "text/x-html-safe"
        ),
        "benefit": "Alle sind zufriedener.",
        "description": f"Kurz: {title}",
        **fields,
    }
    with api.env.adopt_user(username=userid):
        idea = api.content.create(
            box, "Idea", title=title, subject=tuple(tags), **values
        )
        if submit:
            ideas.transition(idea, "submit")
    return idea


def support_as(userid, idea):
    with api.env.adopt_user(username=userid):
        return ideas.support(idea)


def change_as(userid, idea, name, answer=None):
    with api.env.adopt_user(username=userid):
        return ideas.transition(idea, name, answer)


@pytest.fixture
def world(site):
    """An idea box with ideas in several states, and a closed community's box."""
    with api.env.adopt_roles(["Manager"]):
        for userid, fullname in (("erik", "Erik Employee"), ("rita", "Rita Review")):
            api.user.create(
                email=f"{userid}@example.org",
                username=userid,
                password=PASSWORD,
                properties={"fullname": fullname},
            )
    with api.env.adopt_user(username="chef"):
        box = api.content.create(
            site,
            "Idea Box",
            id="ideen",
            title="Ideenbox",
            description="Was können wir besser machen?",
            support_limit=2,
        )
        box.reviewers = ["rita"]
    found = {"box": box}
    found["kantine"] = make_idea(
        "anna", box, "Kantine länger offen", tags=["Kantine", "Essen"]
    )
    found["fahrrad"] = make_idea("bert", box, "Mehr Fahrradständer", tags=["Mobil"])
    found["draft"] = make_idea(
        "anna", box, "Geheimer Entwurf", submit=False, problem="Entwurfsproblem"
    )
    found["accepted"] = make_idea("bert", box, "Obstkorb")
    # Days apart: the catalog's date indexes keep minutes only.
    for days, key in ((4, "kantine"), (3, "fahrrad"), (2, "draft"), (1, "accepted")):
        found[key].creation_date = DateTime() - days
        found[key].reindexObject(idxs=["created"])
    support_as("erik", found["fahrrad"])
    support_as("anna", found["fahrrad"])
    change_as("rita", found["accepted"], "accept", "Gute Idee, kommt im Mai.")
    # A closed community with its own idea box.
    community = start_community(
        site,
        "anna",
        "geschlossen",
        "closed",
        "request",
        roster={"bert": "member"},
        title="Geschlossene Runde",
    )
    with api.env.adopt_user(username="chef"):
        closed_box = api.content.create(
            community, "Idea Box", id="ideen", title="Runde Ideen"
        )
    found["closed"] = community
    found["closed_box"] = closed_box
    found["closed_idea"] = make_idea(
        "bert", closed_box, "Geschlossene Idee", problem="Nur für Mitglieder"
    )
    transaction.commit()
    return found


def card_uids(tree):
    return [card.get("data-uid") for card in select(tree, "article.ospa-idea-card")]


def count_of(idea):
    sync()
    return ideas.count(idea)


def status_of(idea):
    sync()
    return ideas.status(idea)


# -- the board -------------------------------------------------------------


@pytest.mark.parametrize("userid", ["erik", "anna", "rita", "chef"])
def test_the_board_shows_the_ideas_each_user_may_see(browse, world, userid):
    box = world["box"]
    tree = parse(get(browse(userid), box.absolute_url()))
    assert one(tree, "h1").text_content().strip() == "Ideenbox"
    assert "Was können wir besser machen?" in one(tree, ".documentDescription").text
    uids = set(card_uids(tree))
    public = {world[key].UID() for key in ("kantine", "fahrrad", "accepted")}
    # Drafts are not on the board, not even for their author or a manager.
    assert uids == public
    for word in DRAFT_WORDS:
        assert word not in tree.text_content()
    # Most supported first: the bike stands have two supports.
    assert card_uids(tree)[0] == world["fahrrad"].UID()
    card = one(tree, f'article[data-uid="{world["fahrrad"].UID()}"]')
    assert card.get("data-supports") == "2"
    assert "2 supports" in one(card, ".ospa-idea-support-count").text
    assert one(card, ".ospa-idea-status").get("class") == (
        "ospa-idea-status ospa-idea-status-submitted badge"
    )
    accepted = one(tree, f'article[data-uid="{world["accepted"].UID()}"]')
    assert one(accepted, ".ospa-idea-status").text == "Accepted"
    assert one(accepted, ".ospa-idea-card-author a").text == "Bert Behrens"
    kantine = one(tree, f'article[data-uid="{world["kantine"].UID()}"]')
    assert [a.text for a in select(kantine, ".ospa-idea-tag")] == ["Kantine", "Essen"]
    assert one(kantine, ".ospa-idea-card-summary").text == "Kurz: Kantine länger offen"
    assert "0 comments" in one(kantine, ".ospa-idea-comment-count").text
    # Every employee may submit an idea here.
    assert one(tree, "a.ospa-idea-add").get("href") == (
        f"{box.absolute_url()}/++add++Idea"
    )
    # The support limit, and what is left of it.
    assert select(tree, ".ospa-idea-limit")
    remaining = {"erik": 1, "anna": 1}.get(userid, 2)
    assert f"{remaining} support" in one(tree, ".ospa-idea-remaining").text


def test_the_board_is_closed_to_anonymous_visitors(browse, world):
    assert_denied(get(browse(), world["box"].absolute_url()))
    assert_denied(get(browse(), world["closed_box"].absolute_url()))


def test_the_board_and_its_ideas_are_closed_to_who_is_no_employee(browse, world):
    """Nora is logged in without Member: no employee, so the site's idea box
    (for every employee) and its ideas are closed to her."""
    nora = browse("nomember")
    for key in ("box", "kantine", "fahrrad", "accepted"):
        assert_denied(get(nora, world[key].absolute_url()))


def test_support_buttons_on_the_board(browse, world):
    box_url = world["box"].absolute_url()
    fahrrad, kantine = world["fahrrad"].UID(), world["kantine"].UID()

    def buttons(userid):
        tree = parse(get(browse(userid), box_url))
        found = {}
        for card in select(tree, "article.ospa-idea-card"):
            found[card.get("data-uid")] = [
                button.get("value")
                for button in select(card, "form.ospa-idea-support-form button")
            ]
        return found

    # Erik supports the bike stands: he may withdraw there, support Anna's
    # idea, and none of the accepted one.
    erik = buttons("erik")
    assert erik[fahrrad] == ["withdraw"]
    assert erik[kantine] == ["support"]
    assert erik[world["accepted"].UID()] == []
    # Not on one's own idea.
    assert buttons("bert")[fahrrad] == []
    # The form posts to the idea's handler with the token and the way back.
    tree = parse(get(browse("erik"), box_url))
    card = one(tree, f'article[data-uid="{kantine}"]')
    form = one(card, "form.ospa-idea-support-form")
    assert form.get("action") == f"{world['kantine'].absolute_url()}/@@idea-support"
    assert one(form, "input[name=_authenticator]").get("value")
    assert one(form, "input[name=came_from]").get("value") == box_url


def test_sorting_filters_and_batching(browse, world, monkeypatch):
    box_url = world["box"].absolute_url()
    bert = browse("bert")
    # Newest first.
    tree = parse(get(bert, box_url, sort="newest"))
    assert card_uids(tree) == [
        world[key].UID() for key in ("accepted", "fahrrad", "kantine")
    ]
    assert one(tree, ".ospa-idea-sorts a.active").get("data-sort") == "newest"
    # Recently changed: the accepted idea changed status last.
    tree = parse(get(bert, box_url, sort="changed"))
    assert card_uids(tree)[0] == world["accepted"].UID()
    # By status and by tag; the filter form keeps the order.
    tree = parse(get(bert, box_url, status="accepted"))
    assert card_uids(tree) == [world["accepted"].UID()]
    assert one(tree, "#ospa-idea-filter-status option[selected]").get("value") == (
        "accepted"
    )
    tree = parse(get(bert, box_url, tag="Kantine", sort="newest"))
    assert card_uids(tree) == [world["kantine"].UID()]
    assert one(tree, ".ospa-idea-filters input[name=sort]").get("value") == "newest"
    tags = [o.get("value") for o in select(tree, "#ospa-idea-filter-tag option")]
    assert tags == ["", "Essen", "Kantine", "Mobil"]
    # The sort links keep the filters.
    link = one(tree, '.ospa-idea-sorts a[data-sort="supports"]').get("href")
    assert link == f"{box_url}?tag=Kantine"
    # Nothing matches: said so.
    tree = parse(get(bert, box_url, status="declined"))
    assert card_uids(tree) == []
    assert "No idea matches" in one(tree, ".ospa-idea-empty").text
    # Bad parameters: a message, no traceback, no cards.
    for params in ({"sort": "random"}, {"status": "lost"}, {"tag": "x" * 101}):
        tree = parse(get(bert, box_url, **params))
        assert one(tree, ".ospa-idea-error").text
        assert card_uids(tree) == []
    tree = parse(bert.get(f"{box_url}?sort=newest&sort=supports", timeout=30))
    assert one(tree, ".ospa-idea-error").text
    # Pages of 2: previous and next links.
    from ospa.social.ideas.browser import views as views

    monkeypatch.setattr(views, "PAGE_SIZE", 2)
    tree = parse(get(bert, box_url, sort="newest"))
    assert len(card_uids(tree)) == 2
    assert not select(tree, ".ospa-idea-previous")
    next_url = one(tree, ".ospa-idea-next").get("href")
    assert next_url == f"{box_url}?sort=newest&b_start=2"
    tree = parse(bert.get(next_url, timeout=30))
    assert card_uids(tree) == [world["kantine"].UID()]
    assert one(tree, ".ospa-idea-previous").get("href") == f"{box_url}?sort=newest"
    # A start beyond the end shows the first page.
    tree = parse(get(bert, box_url, sort="newest", b_start="99"))
    assert len(card_uids(tree)) == 2
    tree = parse(get(bert, box_url, b_start="zwei"))
    assert len(card_uids(tree)) == 2


def test_my_drafts_on_the_board_are_only_mine(browse, world):
    box_url = world["box"].absolute_url()
    tree = parse(get(browse("anna"), box_url, status="draft"))
    assert card_uids(tree) == [world["draft"].UID()]
    # Others (even a manager) find no drafts of Anna's there.
    for userid in ("bert", "erik", "chef", "rita"):
        tree = parse(get(browse(userid), box_url, status="draft"))
        assert card_uids(tree) == []
        assert "Geheimer Entwurf" not in tree.text_content()


def test_an_empty_box_invites_the_first_idea(browse, world, site):
    with api.env.adopt_user(username="chef"):
        api.content.create(site, "Idea Box", id="leer", title="Leere Box")
    transaction.commit()
    tree = parse(get(browse("erik"), f"{site.absolute_url()}/leer"))
    assert card_uids(tree) == []
    assert "No ideas yet" in one(tree, ".ospa-idea-empty").text
    assert select(tree, "a.ospa-idea-add")


def test_a_closed_box_after_its_deadline(browse, world):
    box = world["box"]
    box.deadline = box.created().asdatetime().replace(year=2001, tzinfo=None)
    transaction.commit()
    tree = parse(get(browse("erik"), box.absolute_url()))
    assert select(tree, ".ospa-idea-closed")
    assert one(tree, ".ospa-idea-deadline time").get("datetime").startswith("2001-")
    assert not select(tree, "a.ospa-idea-add")
    assert not select(tree, "form.ospa-idea-support-form")


def test_ideas_in_a_closed_community(browse, world):
    box_url = world["closed_box"].absolute_url()
    idea_url = world["closed_idea"].absolute_url()
    for userid in ("erik", "nomember"):
        session = browse(userid)
        assert_denied(get(session, box_url))
        assert_denied(get(session, idea_url))
        for url in (
            f"{world['box'].absolute_url()}",
            f"{api.portal.get().absolute_url()}/@@stream",
        ):
            assert "Geschlossene Idee" not in get(session, url).text
    tree = parse(get(browse("bert"), box_url))
    assert card_uids(tree) == [world["closed_idea"].UID()]
    tree = parse(get(browse("chef"), idea_url))
    assert "Nur für Mitglieder" in one(tree, ".ospa-idea-problem").text_content()


# -- the idea page ---------------------------------------------------------


def test_the_idea_page(browse, world):
    idea = world["accepted"]
    tree = parse(get(browse("erik"), idea.absolute_url()))
    assert one(tree, ".ospa-idea-title").text == "Obstkorb"
    assert one(tree, "#ospa-idea-status").get("data-status") == "accepted"
    assert one(tree, ".ospa-idea-author a").text == "Bert Behrens"
    assert "Problem von Obstkorb" in one(tree, ".ospa-idea-problem").text_content()
    proposal = one(tree, ".ospa-idea-proposal-text")
    assert one(proposal, "p").text == "Vorschlag zu Obstkorb"
    assert "Alle sind zufriedener." in one(tree, ".ospa-idea-benefit").text_content()
    # The official answer, highlighted, and the whole history.
    answer = one(tree, "#ospa-idea-answer")
    assert one(answer, ".ospa-idea-answer-text").text == "Gute Idee, kommt im Mai."
    assert "Rita Review" in answer.text_content()
    entries = select(tree, "#ospa-idea-timeline li")
    assert [entry.get("data-action") for entry in entries] == [
        "create",
        "submit",
        "accept",
    ]
    official = one(tree, "#ospa-idea-timeline li.ospa-idea-official")
    assert official.get("data-action") == "accept"
    assert "Gute Idee" in one(official, ".ospa-idea-timeline-answer").text
    assert "Bert Behrens" in entries[1].text_content()
    # No support now: the reason says why; no status form for Erik.
    assert not select(tree, "form.ospa-idea-support-form")
    assert "Accepted" in one(tree, ".ospa-idea-why-not").text
    assert not select(tree, "#ospa-idea-status-form")
    assert one(tree, "a.ospa-idea-back").get("href") == world["box"].absolute_url()


def test_the_support_box_for_each_user(browse, world):
    idea = world["kantine"]
    url = idea.absolute_url()

    def support_box(userid):
        tree = parse(get(browse(userid), url))
        return one(tree, "#ospa-idea-support")

    box = support_box("bert")
    assert box.get("data-count") == "0"
    assert one(box, "button.ospa-idea-support-button").get("value") == "support"
    assert "2 supports left" in one(box, ".ospa-idea-remaining").text
    box = support_box("anna")
    assert not select(box, "form")
    assert "your own idea" in one(box, ".ospa-idea-why-not").text
    box = support_box("erik")
    assert select(box, "button.ospa-idea-support-button")
    assert "1 support left" in one(box, ".ospa-idea-remaining").text
    # Who supports it sees the withdraw button.
    tree = parse(get(browse("erik"), world["fahrrad"].absolute_url()))
    box = one(tree, "#ospa-idea-support")
    assert box.get("data-supported") == "true"
    assert select(box, "button.ospa-idea-withdraw-button")
    assert select(box, ".ospa-idea-supported")


def test_the_status_form_on_the_idea_page(browse, world):
    url = world["kantine"].absolute_url()

    def buttons(userid):
        tree = parse(get(browse(userid), url))
        form = select(tree, "#ospa-idea-status-form")
        if not form:
            return None, None
        values = [b.get("value") for b in select(form[0], "button[name=transition]")]
        return values, bool(select(form[0], "textarea[name=answer]"))

    assert buttons("erik") == (None, None)
    # The author withdraws a submitted idea without supports.
    assert buttons("anna") == (["withdraw"], False)
    assert buttons("rita") == (["review", "accept", "decline"], True)
    assert buttons("chef") == (["review", "accept", "decline"], True)
    # With supports, withdrawing is not offered.
    tree = parse(get(browse("bert"), world["fahrrad"].absolute_url()))
    assert not select(tree, "#ospa-idea-status-form")
    # A draft: its author submits it; nobody else sees it.
    draft_url = world["draft"].absolute_url()
    tree = parse(get(browse("anna"), draft_url))
    form = one(tree, "#ospa-idea-status-form")
    assert [b.get("value") for b in select(form, "button")] == ["submit"]
    assert one(form, "input[name=_authenticator]").get("value")
    for userid in ("bert", "erik", "rita", "nomember"):
        assert_denied(get(browse(userid), draft_url))
    assert_denied(get(browse(), draft_url))


def test_attachments(browse, world):
    idea = world["kantine"]
    with api.env.adopt_user(username="anna"):
        api.content.create(
            idea,
            "File",
            id="plan",
            title="Plan <b>fett</b>",
            file=NamedBlobFile(b"%PDF-1.4 plan", filename="plan.pdf"),
        )
    transaction.commit()
    tree = parse(get(browse("erik"), idea.absolute_url()))
    item = one(tree, ".ospa-idea-attachment")
    links = [a.get("href") for a in select(item, "a")]
    assert links == [
        f"{idea.absolute_url()}/plan/view",
        f"{idea.absolute_url()}/plan/@@download/file",
    ]
    assert "Plan <b>fett</b>" in item.text_content()
    # Only the author adds attachments (while the idea is open to change).
    assert not select(tree, "a.ospa-idea-attach")
    tree = parse(get(browse("anna"), idea.absolute_url()))
    assert [a.get("href") for a in select(tree, "a.ospa-idea-attach")] == [
        f"{idea.absolute_url()}/++add++File",
        f"{idea.absolute_url()}/++add++Image",
    ]
    tree = parse(get(browse("bert"), world["accepted"].absolute_url()))
    assert not select(tree, "a.ospa-idea-attach")


def test_the_idea_page_for_anonymous_visitors(browse, world):
    assert_denied(get(browse(), world["kantine"].absolute_url()))


def test_members_comment_on_a_submitted_idea(browse, world):
    tree = parse(get(browse("erik"), world["kantine"].absolute_url()))
    form = one(tree, "#commenting form")
    assert select(form, "textarea")


def test_user_text_is_escaped(browse, world):
    script = "<script>alert(1)</script>"
    idea = make_idea(
        "anna",
        world["box"],
        f"Böse {script}",
        problem=f"Problem {script}",
        benefit=f"Nutzen {script}",
        description=f"Kurz {script}",
        tags=[f"tag{script}"],
        proposal=RichTextValue(
            f"<p>Vorschlag</p>{script}<img src=x onerror=alert(2)>",
            "text/html",
            "text/x-html-safe",
        ),
    )
    transaction.commit()
    for url in (idea.absolute_url(), world["box"].absolute_url()):
        page = get(browse("bert"), url).text
        assert script not in page
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
        assert "onerror" not in page
    tree = parse(get(browse("bert"), idea.absolute_url()))
    assert one(tree, ".ospa-idea-title").text == f"Böse {script}"
    assert not select(tree, ".ospa-idea-proposal-text script")
    page = get(browse("anna"), f"{api.portal.get().absolute_url()}/@@my-ideas").text
    assert script not in page


# -- @@idea-support --------------------------------------------------------


def support_url(idea):
    return f"{idea.absolute_url()}/@@idea-support"


def test_support_get_is_refused(browse, world):
    url = support_url(world["kantine"])
    response = get(browse("erik"), url, action="support")
    assert response.status_code == 405
    assert response.headers["Allow"] == "POST"
    assert count_of(world["kantine"]) == 0


def test_support_without_csrf_token_changes_nothing(browse, site, world):
    url = support_url(world["kantine"])
    erik = browse("erik")
    assert send(erik, url, None, action="support").status_code == 403
    assert send(erik, url, "0" * 40, action="support").status_code == 403
    bert_token = token_for(browse("bert"), site.absolute_url())
    assert send(erik, url, bert_token, action="support").status_code == 403
    assert count_of(world["kantine"]) == 0


def test_support_and_withdraw_without_javascript(browse, site, world):
    idea = world["kantine"]
    erik = browse("erik")
    token = token_for(erik, site.absolute_url())
    box_url = world["box"].absolute_url()
    response = send(erik, support_url(idea), token, action="support", came_from=box_url)
    assert response.headers["Location"] == box_url
    tree = parse(follow(erik, response))
    assert "You support “Kantine länger offen”." in status_message(tree)
    assert "0 supports left" in status_message(tree)
    assert count_of(idea) == 1
    card = one(tree, f'article[data-uid="{idea.UID()}"]')
    assert card.get("data-supports") == "1"
    # Withdrawn, back to the idea (no came_from).
    response = send(erik, support_url(idea), token, action="withdraw")
    assert response.headers["Location"] == idea.absolute_url()
    tree = parse(follow(erik, response))
    assert "You no longer support" in status_message(tree)
    assert count_of(idea) == 0
    # A foreign came_from is not followed.
    response = send(
        erik,
        support_url(idea),
        token,
        action="support",
        came_from="https://evil.example",
    )
    assert response.headers["Location"] == idea.absolute_url()
    assert count_of(idea) == 1


def test_bad_supports_give_a_message_and_change_nothing(browse, site, world):
    kantine, fahrrad = world["kantine"], world["fahrrad"]
    erik = browse("erik")
    token = token_for(erik, site.absolute_url())
    # Twice: refused, the same count back.
    response = send(erik, support_url(fahrrad), token, action="support")
    assert "You already support this idea." in status_message(
        parse(follow(erik, response))
    )
    assert count_of(fahrrad) == 2
    # The same refusal from the REST service, with the unchanged state.
    response = erik.post(
        f"{fahrrad.absolute_url()}/@supports", headers=JSON, timeout=30
    )
    assert response.status_code == 400
    assert response.json()["message"] == "You already support this idea."
    assert response.json()["supports"]["count"] == 2
    # Over the limit of two: Erik supports Kantine, then has none left.
    assert send(erik, support_url(kantine), token, action="support").status_code == 303
    sync()
    bert_idea = make_idea("bert", world["box"], "Noch eine Idee")
    transaction.commit()
    response = send(erik, support_url(bert_idea), token, action="support")
    assert "used all 2 supports" in status_message(parse(follow(erik, response)))
    assert count_of(bert_idea) == 0
    # The own idea, an accepted idea, an unknown action.
    anna = browse("anna")
    anna_token = token_for(anna, site.absolute_url())
    response = send(anna, support_url(kantine), anna_token, action="support")
    assert "your own idea" in status_message(parse(follow(anna, response)))
    response = send(anna, support_url(world["accepted"]), anna_token, action="support")
    assert "Only submitted ideas" in status_message(parse(follow(anna, response)))
    assert count_of(world["accepted"]) == 0
    response = send(anna, support_url(fahrrad), anna_token, action="boost")
    assert "Unknown action" in status_message(parse(follow(anna, response)))
    # Withdrawing what one does not support.
    response = send(anna, support_url(world["kantine"]), anna_token, action="withdraw")
    assert "You do not support this idea." in status_message(
        parse(follow(anna, response))
    )
    assert count_of(fahrrad) == 2
    assert count_of(kantine) == 1


def test_support_needs_the_member_role_and_a_login(browse, site, world):
    idea = world["kantine"]
    nora = browse("nomember")
    token = token_for(nora, site.absolute_url())
    response = send(nora, support_url(idea), token, action="support")
    assert response.status_code in (302, 403), response.status_code
    assert count_of(idea) == 0
    assert_denied(send(browse(), support_url(idea), None, action="support"))
    # The draft does not exist for others.
    erik = browse("erik")
    erik_token = token_for(erik, site.absolute_url())
    response = send(erik, support_url(world["draft"]), erik_token, action="support")
    assert_denied(response)
    assert count_of(world["draft"]) == 0


@pytest.mark.parametrize("headers", [JSON, {"X-Requested-With": "XMLHttpRequest"}])
def test_the_support_form_answers_html_only(browse, site, world, headers):
    """The form target is no second JSON API (the service is @supports)."""
    erik = browse("erik")
    token = token_for(erik, site.absolute_url())
    idea = world["kantine"]
    response = send(erik, support_url(idea), token, headers=headers, action="support")
    assert response.status_code == 303
    assert not response.headers.get("Content-Type", "").startswith("application/json")
    assert "You support" in status_message(parse(follow(erik, response)))
    assert count_of(idea) == 1
    state = erik.get(f"{idea.absolute_url()}/@supports", headers=JSON, timeout=30)
    assert state.json()["count"] == 1
    assert state.json()["supported"] is True
    assert state.json()["remaining"] == 0


# -- @@idea-status ---------------------------------------------------------


def status_url(idea, transition=None):
    url = f"{idea.absolute_url()}/@@idea-status"
    return f"{url}?transition={transition}" if transition else url


def test_the_status_page_the_toolbar_links_to(browse, world):
    idea = world["kantine"]
    rita = browse("rita")
    tree = parse(get(rita, status_url(idea, "accept")))
    form = one(tree, "#ospa-idea-status-form")
    assert form.get("action") == f"{idea.absolute_url()}/@@idea-status"
    assert [b.get("value") for b in select(form, "button")] == ["accept"]
    assert one(form, "textarea[name=answer]").get("required") == "required"
    # Without a transition: every one Rita may take; answer not required.
    tree = parse(get(rita, status_url(idea)))
    form = one(tree, "#ospa-idea-status-form")
    assert [b.get("value") for b in select(form, "button")] == [
        "review",
        "accept",
        "decline",
    ]
    assert one(form, "textarea").get("required") is None
    # One that is not possible now: said so, the others offered.
    tree = parse(get(rita, status_url(idea, "implement")))
    assert select(tree, ".ospa-idea-unavailable")
    assert len(select(tree, "#ospa-idea-status-form button")) == 3
    # The workflow menu of the toolbar links here.
    tree = parse(get(rita, idea.absolute_url()))
    links = [a.get("href") for a in select(tree, "#plone-contentmenu-workflow a")]
    wanted = f"{idea.absolute_url()}/@@idea-status?transition=accept"
    assert any(link.split("&")[0] == wanted for link in links), links


def test_the_status_page_for_others(browse, world):
    idea = world["kantine"]
    assert_denied(get(browse(), status_url(idea, "accept")))
    assert_denied(get(browse("nomember"), status_url(idea, "accept")))
    for userid in ("erik",):
        tree = parse(get(browse(userid), status_url(idea, "accept")))
        assert not select(tree, "#ospa-idea-status-form")
        assert select(tree, ".ospa-idea-no-transitions")
    # The author: withdraw only.
    tree = parse(get(browse("anna"), status_url(idea)))
    assert [b.get("value") for b in select(tree, "#ospa-idea-status-form button")] == [
        "withdraw"
    ]
    assert not select(tree, "#ospa-idea-status-form textarea")
    assert_denied(get(browse("erik"), status_url(world["draft"], "submit")))


def test_a_reviewer_accepts_with_an_answer(browse, site, world):
    idea = world["kantine"]
    rita = browse("rita")
    token = token_for(rita, site.absolute_url())
    response = send(rita, status_url(idea), token, transition="review")
    assert response.status_code == 303
    assert response.headers["Location"] == idea.absolute_url()
    assert status_of(idea) == "in_review"
    response = send(
        rita, status_url(idea), token, transition="accept", answer=f"  {ANSWER}\r\n"
    )
    tree = parse(follow(rita, response))
    assert "is Accepted now" in status_message(tree)
    assert status_of(idea) == "accepted"
    assert one(tree, ".ospa-idea-answer-text").text == ANSWER
    # The author sees it on the idea page, the board and in the stream.
    anna = browse("anna")
    tree = parse(get(anna, idea.absolute_url()))
    assert one(tree, "#ospa-idea-status").text == "Accepted"
    assert one(tree, "#ospa-idea-answer .ospa-idea-answer-text").text == ANSWER
    tree = parse(get(anna, world["box"].absolute_url()))
    card = one(tree, f'article[data-uid="{idea.UID()}"]')
    assert one(card, ".ospa-idea-status").text == "Accepted"
    # ...then marks it implemented (Chef manages the site).
    chef = browse("chef")
    chef_token = token_for(chef, site.absolute_url())
    response = send(chef, status_url(idea), chef_token, transition="implement")
    assert response.status_code == 303
    assert status_of(idea) == "implemented"


def test_bad_status_changes_give_a_message_and_change_nothing(browse, site, world):
    idea = world["kantine"]
    rita = browse("rita")
    token = token_for(rita, site.absolute_url())
    # GET never changes anything; POST only with the token.
    get(rita, status_url(idea), transition="accept", answer=ANSWER)
    assert status_of(idea) == "submitted"
    response = send(rita, status_url(idea), None, transition="accept", answer=ANSWER)
    assert response.status_code == 403
    assert status_of(idea) == "submitted"
    # Accepting or declining without an answer: the form again, the message.
    for name in ("accept", "decline"):
        tree = parse(send(rita, status_url(idea), token, transition=name, answer=" "))
        assert "needs an official answer" in status_message(tree)
        assert select(tree, "#ospa-idea-status-form")
        assert status_of(idea) == "submitted"
    # Too long: the typed answer stays in the form.
    long_answer = "x" * 5001
    tree = parse(
        send(rita, status_url(idea), token, transition="accept", answer=long_answer)
    )
    assert "too long" in status_message(tree)
    assert one(tree, "textarea[name=answer]").text == long_answer
    # Unknown, or not possible now.
    tree = parse(send(rita, status_url(idea), token, transition="explode"))
    assert "Unknown status change" in status_message(tree)
    tree = parse(send(rita, status_url(idea), token, transition="implement"))
    assert "not possible" in status_message(tree)
    # Accepting needs an answer: a form error, also when asked for JSON.
    response = send(rita, status_url(idea), token, as_json=True, transition="accept")
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("text/html")
    assert status_message(parse(response))
    assert status_of(idea) == "submitted"
    # The author cannot withdraw an idea with supports.
    bert = browse("bert")
    bert_token = token_for(bert, site.absolute_url())
    tree = parse(
        send(bert, status_url(world["fahrrad"]), bert_token, transition="withdraw")
    )
    assert "cannot be withdrawn" in status_message(tree)
    assert status_of(world["fahrrad"]) == "submitted"


def test_only_reviewers_change_the_status(browse, site, world):
    idea = world["kantine"]
    for userid in ("erik", "nomember", "anna"):
        session = browse(userid)
        token = token_for(session, site.absolute_url())
        response = send(
            session, status_url(idea), token, transition="accept", answer=ANSWER
        )
        assert response.status_code in (302, 403), (userid, response.status_code)
        assert status_of(idea) == "submitted"
    assert_denied(send(browse(), status_url(idea), None, transition="accept"))
    # Bert is no reviewer, and withdrawing Anna's idea is not his.
    bert = browse("bert")
    token = token_for(bert, site.absolute_url())
    response = send(bert, status_url(idea), token, transition="withdraw")
    assert response.status_code in (302, 403), response.status_code
    assert status_of(idea) == "submitted"


def test_the_author_submits_and_withdraws(browse, site, world):
    draft = world["draft"]
    anna = browse("anna")
    token = token_for(anna, site.absolute_url())
    response = send(anna, status_url(draft), token, transition="submit")
    tree = parse(follow(anna, response))
    assert "is Submitted now" in status_message(tree)
    assert status_of(draft) == "submitted"
    tree = parse(get(browse("erik"), world["box"].absolute_url()))
    assert draft.UID() in card_uids(tree)
    response = send(anna, status_url(draft), token, transition="withdraw")
    assert response.status_code == 303
    assert status_of(draft) == "draft"
    tree = parse(get(browse("erik"), world["box"].absolute_url()))
    assert draft.UID() not in card_uids(tree)


# -- my ideas --------------------------------------------------------------


def test_my_ideas(browse, site, world):
    url = f"{site.absolute_url()}/@@my-ideas"
    assert_denied(get(browse(), url))
    # The personal menu links here.
    tree = parse(get(browse("erik"), site.absolute_url()))
    assert url in [a.get("href") for a in select(tree, "#edit-zone a")]
    tree = parse(get(browse("anna"), url))
    rows = {row.get("data-uid"): row for row in select(tree, "tr.ospa-my-idea")}
    assert set(rows) == {world["kantine"].UID(), world["draft"].UID()}
    draft = rows[world["draft"].UID()]
    assert draft.get("data-status") == "draft"
    assert one(draft, ".badge").text == "Draft"
    assert one(draft, ".ospa-my-idea-box").text == "Ideenbox"
    tree = parse(get(browse("bert"), url))
    rows = {row.get("data-uid"): row for row in select(tree, "tr.ospa-my-idea")}
    assert set(rows) == {
        world["fahrrad"].UID(),
        world["accepted"].UID(),
        world["closed_idea"].UID(),
    }
    assert one(rows[world["fahrrad"].UID()], ".ospa-idea-support-count").text == "2"
    assert one(rows[world["closed_idea"].UID()], ".ospa-my-idea-box").text == (
        "Runde Ideen"
    )
    # Nobody else's ideas, drafts least of all.
    for userid in ("erik", "nomember", "chef"):
        tree = parse(get(browse(userid), url))
        assert select(tree, "tr.ospa-my-idea") == []
        assert select(tree, ".ospa-idea-empty")
        for word in DRAFT_WORDS + CLOSED_WORDS:
            assert word not in tree.text_content()


# -- the stream ------------------------------------------------------------


def test_ideas_in_the_stream(browse, site, world):
    url = f"{site.absolute_url()}/@@stream"
    tree = parse(get(browse("erik"), url))
    items = {
        item.get("data-uid"): item
        for item in select(tree, 'article.ospa-stream-item[data-kind="idea"]')
    }
    # Submitted and accepted ideas; not the draft, not the closed community's.
    assert set(items) == {
        world[key].UID() for key in ("kantine", "fahrrad", "accepted")
    }
    accepted = items[world["accepted"].UID()]
    line = one(accepted, ".ospa-stream-idea-line")
    assert line.get("data-verb") == "accepted"
    assert "The idea Obstkorb by Bert Behrens was accepted" in " ".join(
        line.text_content().split()
    )
    assert one(line, "a.ospa-stream-object-title").get("href") == (
        world["accepted"].absolute_url()
    )
    assert select(accepted, ".ospa-stream-idea-bulb")
    assert one(accepted, ".ospa-idea-status").get("data-status") == "accepted"
    assert (
        "Gute Idee, kommt im Mai."
        in one(accepted, ".ospa-stream-idea-answer-text").text
    )
    fahrrad = items[world["fahrrad"].UID()]
    assert "Bert Behrens submitted the idea Mehr Fahrradständer" in " ".join(
        one(fahrrad, ".ospa-stream-idea-line").text_content().split()
    )
    assert one(fahrrad, ".ospa-stream-idea-supports-number").text == "2"
    assert not select(fahrrad, ".ospa-stream-idea-answer")
    # The ordinary header line is not there for ideas.
    assert not select(fahrrad, ".ospa-stream-verb")
    for word in DRAFT_WORDS + CLOSED_WORDS:
        assert word not in tree.text_content()
    # Bert, a member of the closed community, sees its idea there.
    tree = parse(get(browse("bert"), url))
    uids = {item.get("data-uid") for item in select(tree, "article.ospa-stream-item")}
    assert world["closed_idea"].UID() in uids
