"""ideas.tags(box) from the Subject index equals reading every idea."""

from .conftest import make_box
from .conftest import make_idea
from hypothesis import given
from hypothesis import strategies as st
from ospa.social.ideas import api as ideas
from plone import api
from tests.fixtures.examples import on_a_layer
import itertools


TAGS = ("Licht", "licht", "Küche", "Parken", "IT")
VIEWERS = ("anna", "bert", "rita", "chef", "nomember")
_numbers = itertools.count()


def _reference(box) -> list[str]:
    """The old tags(): the subjects of every idea the board lists."""
    found = set()
    for brain in ideas.query(box):
        found.update(brain.Subject or ())
    return sorted(found, key=lambda tag: (tag.casefold(), tag))


ideas_drawn = st.lists(
    st.tuples(
        st.sampled_from(("anna", "bert")),
        st.booleans(),  # submitted, or a draft the others may not see
        st.lists(st.sampled_from(TAGS), max_size=3, unique=True),
    ),
    max_size=6,
)


@on_a_layer(20)
@given(drawn=ideas_drawn)
def test_tags_equal_the_subjects_of_the_listed_ideas(people, portal, drawn):
    box = make_box(portal, f"tags{next(_numbers)}", reviewers=["rita"])
    other = make_box(portal, f"tags{next(_numbers)}")
    make_idea(other, title="Woanders", subject=["Anderswo"])
    for number, (author, submit, tags) in enumerate(drawn):
        make_idea(box, author, title=f"Idee {number}", submit=submit, subject=tags)
    for viewer in VIEWERS:
        with api.env.adopt_user(username=viewer):
            assert ideas.tags(box) == _reference(box), viewer
