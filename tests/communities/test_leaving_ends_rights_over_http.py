"""Who leaves a community, is removed or demoted keeps no rights from creating it.

``cre`` starts a community, makes ``own`` a second owner and ``mia`` a
member; both owners write one item of every type a community holds (the
Community type's allowed types and, nested, theirs), ``own`` also inside
``cre``'s folder, idea box and ideas. Then ``cre`` leaves, is removed by
``own`` or is demoted to member. Afterwards ``cre`` sees exactly what a
person in their new place sees (``aussen``, an employee on no roster; or
``mia``, a member who created nothing), changes nothing of others, shares
nothing, and edits their own items only while on the roster.
"""

from datetime import datetime
from datetime import timedelta
from ospa.social.communities import api as community_api
from ospa.social.stream import posts
from ospa.social.testing import create_user
from plone import api
from plone.namedfile.file import NamedBlobFile
from plone.namedfile.file import NamedBlobImage
import base64
import pytest
import transaction


GIF = base64.b64decode("R0lGODlhAQABAIAAAAAAAP///ywAAAAAAQABAAACAUwAOw==")
EXITS = ("leaves", "is removed", "is demoted to member")
REFUSED = (401, 403, 404)
# Whom cre must be like afterwards: an employee, or a member who wrote nothing.
LIKE = {"leaves": "aussen", "is removed": "aussen", "is demoted to member": "mia"}


@pytest.fixture
def http_people(functional_portal):
    for userid, fullname in (
        ("cre", "Cora Creator"),
        ("own", "Otto Owner"),
        ("mia", "Mia Member"),
        ("aussen", "Anton Aussen"),
    ):
        create_user(userid, fullname)
    transaction.commit()


def fields(portal_type, name) -> dict:
    """What one item of ``portal_type`` needs to be a real one."""
    if portal_type == "Event":
        start = datetime(2030, 5, 4, 10)
        return {"start": start, "end": start + timedelta(hours=2)}
    if portal_type == "File":
        return {"file": NamedBlobFile(data=b"Inhalt", filename=f"{name}.txt")}
    if portal_type == "Image":
        return {"image": NamedBlobImage(data=GIF, filename=f"{name}.gif")}
    return {}


def create(userid, container, portal_type, name):
    with api.env.adopt_user(username=userid):
        if portal_type == "Post":
            return posts.create(container, f"Beitrag {name}")
        return api.content.create(
            container,
            portal_type,
            id=name,
            title=f"{portal_type} {name}",
            **fields(portal_type, name),
        )


def allowed_types(portal_type) -> list[str]:
    """The types one may add to ``portal_type``, when it says which."""
    fti = api.portal.get_tool("portal_types")[portal_type]
    if not fti.getProperty("filter_content_types"):
        return ["Document"]  # a plain folder: anyone's page in someone's folder
    return list(fti.getProperty("allowed_content_types"))


def build(portal, visibility) -> tuple:
    """The community and ``{name: (object, author, portal type)}``."""
    with api.env.adopt_user(username="cre"):
        community = api.content.create(
            portal["communities"],
            "Community",
            id=f"von-cre-{visibility}",
            title=f"Community Zebu {visibility}",
            visibility=visibility,
            join_policy="invite",
        )
        community_api.add(community, "own", "owner")
        community_api.add(community, "mia", "member")
    items = {}

    def fill(container, portal_type, prefix, depth):
        # Only its author adds attachments to an idea.
        authors = ("cre",) if container.portal_type == "Idea" else ("cre", "own")
        for author in authors:
            name = f"{prefix}{author}-{portal_type.lower().replace(' ', '-')}"
            obj = create(author, container, portal_type, name)
            items[name] = (obj, author, portal_type)
            if depth < 2 and obj.isPrincipiaFolderish and author == "cre":
                for child in allowed_types(portal_type):
                    # Someone else's item in cre's container, and theirs.
                    fill(obj, child, f"{name}-", depth + 1)

    for portal_type in allowed_types("Community"):
        fill(community, portal_type, "", 0)
    # cre's post hidden by a moderator: only its author (on the roster)
    # and the moderators see it; the catalog must forget cre when they go.
    hidden = next(
        obj
        for obj, author, portal_type in items.values()
        if author == "cre" and portal_type == "Post"
    )
    with api.env.adopt_user(username="own"):
        posts.set_hidden(hidden, True)
    transaction.commit()
    return community, items


def exit_community(client, cid, how):
    path = f"communities/{cid}/@members/cre"
    if how == "leaves":
        response = client("cre").delete(path)
    elif how == "is removed":
        response = client("own").delete(path)
    else:
        response = client("own").patch(path, body={"role": "member"})
    assert response.status_code in (200, 204), response.text


def relative(portal, obj) -> str:
    return obj.absolute_url()[len(portal.absolute_url()) + 1 :]


def found(client, userid, portal, community) -> set[str]:
    """What ``userid`` finds in the community with ``@search`` and ``@stream``."""
    path = "/".join(community.getPhysicalPath())
    search = client(userid).get(
        "@search", params={"path": path, "b_size": 500, "SearchableText": "Zebu*"}
    )
    everything = client(userid).get("@search", params={"path": path, "b_size": 500})
    stream = client(userid).get("@stream", params={"size": 50})
    result = set()
    for response in (search, everything):
        assert response.status_code == 200, response.text
        result |= {f"search {item['@id']}" for item in response.json()["items"]}
    assert stream.status_code == 200, stream.text
    result |= {f"stream {item['uid']}" for item in stream.json()["items"]}
    return result


def change(portal_type) -> dict:
    return {"text": "Geändert"} if portal_type == "Post" else {"title": "Geändert"}


def share(client, userid, path):
    return client(userid).post(
        f"{path}/@sharing",
        body={"entries": [{"id": "aussen", "type": "user", "roles": {"Reader": True}}]},
    )


@pytest.mark.parametrize("how", EXITS)
@pytest.mark.parametrize("visibility", ["open", "closed", "secret"])
def test_the_creator_keeps_no_rights(
    http_people, functional_portal, client, visibility, how
):
    portal = functional_portal
    community, items = build(portal, visibility)
    cid = community.getId()
    like = LIKE[how]
    exit_community(client, cid, how)
    still_member = how == "is demoted to member"
    wrong = []

    # Seeing: what cre's new place gives, nothing more.
    paths = {"the community": relative(portal, community)}
    for name, (obj, author, _type) in items.items():
        if not (still_member and author == "cre"):
            paths[name] = relative(portal, obj)
    for name, path in paths.items():
        mine = client("cre").get(path).status_code
        theirs = client(like).get(path).status_code
        if mine != theirs:
            wrong.append(f"GET {name}: {mine}, {like} gets {theirs}")
    cre_own = {
        key
        for name, (obj, author, _type) in items.items()
        if author == "cre" and still_member
        for key in (f"search {obj.absolute_url()}", f"stream {obj.UID()}")
    }
    mine = found(client, "cre", portal, community) - cre_own
    theirs = found(client, like, portal, community) - cre_own
    if mine != theirs:
        wrong.append(f"found: {sorted(mine ^ theirs)}")

    # Changing: nothing of others, not the community, no sharing.
    community_path = paths["the community"]
    other = "secret" if visibility == "open" else "open"
    response = client("cre").patch(community_path, body={"visibility": other})
    if response.status_code not in REFUSED:
        wrong.append(f"PATCH visibility: {response.status_code}")
    response = share(client, "cre", community_path)
    if response.status_code not in REFUSED:
        wrong.append(f"@sharing the community: {response.status_code}")
    for name, (obj, author, portal_type) in items.items():
        path = relative(portal, obj)
        response = share(client, "cre", path)
        if response.status_code not in REFUSED:
            wrong.append(f"@sharing {name}: {response.status_code}")
        if author == "cre":
            continue
        response = client("cre").patch(path, body=change(portal_type))
        if response.status_code not in REFUSED:
            wrong.append(f"PATCH {name}: {response.status_code}")
        response = client("cre").delete(path)
        if response.status_code not in REFUSED:
            wrong.append(f"DELETE {name}: {response.status_code}")

    # Their own: editable while on the roster (not containers: the
    # community's), not after.
    for name, (obj, author, portal_type) in items.items():
        if author != "cre" or not obj.getId().startswith("cre-"):
            continue
        if obj.isPrincipiaFolderish and portal_type != "Idea":
            expected = REFUSED
        else:
            expected = (204,) if still_member else REFUSED
        response = client("cre").patch(relative(portal, obj), body=change(portal_type))
        if response.status_code not in expected:
            wrong.append(f"PATCH own {name}: {response.status_code}")
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize("visibility", ["closed", "secret"])
def test_inside_a_community_only_moderators_share(
    http_people, functional_portal, client, visibility
):
    community, items = build(functional_portal, visibility)
    page = relative(functional_portal, items["cre-document"][0])
    transaction.begin()
    with api.env.adopt_user(username="mia"):
        mine = api.content.create(community, "Document", id="von-mia", title="Mia")
    transaction.commit()
    assert share(client, "mia", relative(functional_portal, mine)).status_code == 403
    assert share(client, "mia", page).status_code == 403
    assert client("aussen").get(page).status_code in REFUSED
    assert share(client, "own", page).status_code == 204
    assert client("aussen").get(page).status_code == 200
