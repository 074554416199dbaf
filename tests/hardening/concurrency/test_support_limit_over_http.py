"""One person sends five supports at once over HTTP; the box allows one.

The functional layer's WSGI server is waitress with its default four worker
threads, each request on its own ZODB connection and retried by Zope's
publisher after a ConflictError: the requests really meet. Five parallel
``POST {idea}/@supports`` by the same person must give one 200 and four 400
with the limit's message, and leave exactly one idea supported, in each of
three rounds (the first on a record that does not exist yet, the others
after a withdrawal, when the person's record exists).
"""

from ospa.social.ideas import api as ideas
from ospa.social.testing import in_threads
from plone import api
import requests
import threading
import transaction


PASSWORD = "secret12345"
PARALLEL = 5
ROUNDS = 3
HEADERS = {"Accept": "application/json"}


def post_at_once(urls, auth):
    """POST ``{url}/@supports`` for every url at the same moment."""
    barrier = threading.Barrier(len(urls), timeout=60)
    responses = [None] * len(urls)

    def send(index, url):
        with requests.Session() as session:
            session.auth = auth
            session.headers.update(HEADERS)
            # Connect first, so that the requests leave together.
            session.get(url, timeout=60)
            barrier.wait()
            responses[index] = session.post(f"{url}/@supports", timeout=60)

    in_threads(send, *enumerate(urls))
    return responses


def test_five_parallel_supports_by_one_person_respect_a_limit_of_one(functional):
    portal = functional["portal"]
    with api.env.adopt_roles(["Manager"]):
        for userid in ("eilig", "autorin", "andere"):
            api.user.create(
                email=f"{userid}@example.org",
                username=userid,
                password=PASSWORD,
                roles=["Member"],
            )
        box = api.content.create(
            portal, "Idea Box", id="eile", title="Eile", support_limit=1
        )
        other = api.content.create(portal, "Idea Box", id="vorrat", title="Vorrat")
    with api.env.adopt_user(username="autorin"):
        # Ideas of another box first: three supported, one not, as on a
        # site in use. The catalog's support_count index then holds several
        # ideas per value, and the requests do not all meet on creating
        # its entry for the value 1 instead of on the person's supports.
        spares = []
        for number in range(4):
            spare = api.content.create(other, "Idea", title=f"Vorrat {number}")
            ideas.transition(spare, "submit")
            spares.append(spare)
        found = []
        for number in range(PARALLEL):
            idea = api.content.create(box, "Idea", title=f"Idee {number}")
            ideas.transition(idea, "submit")
            found.append(idea)
    with api.env.adopt_user(username="andere"):
        for spare in spares[:3]:
            ideas.support(spare)
    transaction.commit()
    urls = [idea.absolute_url() for idea in found]
    auth = ("eilig", PASSWORD)

    for round_ in range(ROUNDS):
        responses = post_at_once(urls, auth)

        statuses = sorted(response.status_code for response in responses)
        assert statuses == [200] + [400] * (PARALLEL - 1), [
            response.text for response in responses
        ]
        for response in responses:
            body = response.json()
            if response.status_code == 400:
                assert "all 1 supports" in body["message"], body
                assert body["supports"]["remaining"] == 0, body
            else:
                assert body["supported"] is True, body
        transaction.begin()  # see what the server committed
        held = [idea for idea in found if ideas.is_supported(idea, "eilig")]
        assert len(held) == 1, f"round {round_}: {len(held)} ideas supported"
        assert ideas.supported_uids(box, "eilig") == {held[0].UID()}
        assert ideas.used(box, "eilig") == 1

        # Free the place for the next round: a withdrawal over HTTP.
        withdrawn = requests.delete(
            f"{held[0].absolute_url()}/@supports",
            auth=auth,
            headers=HEADERS,
            timeout=60,
        )
        assert withdrawn.status_code == 200, withdrawn.text
        transaction.begin()
        assert ideas.used(box, "eilig") == 0
