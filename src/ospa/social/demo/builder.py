"""Build the demo intranet of the ``ospa.social:demo`` profile.

Everything is created by id and skipped when it already exists, so applying
the profile twice duplicates nothing and keeps what people changed since.
Each step logs one ``[N/M]`` progress line.
"""

from collections.abc import Callable
from DateTime import DateTime
from datetime import datetime
from datetime import timedelta
from ospa.social import logger
from ospa.social.communities import api as communities
from ospa.social.core.errors import InvalidTarget
from ospa.social.demo import data
from ospa.social.following import api as following
from ospa.social.ideas import api as ideas
from ospa.social.likes import api as likes
from ospa.social.setuphandlers import COMMUNITIES_FOLDER
from ospa.social.setuphandlers import communities_folder
from ospa.social.setuphandlers import stream_folder
from ospa.social.stream import posts
from plone import api
from plone.app.discussion.interfaces import IConversation
from plone.app.event.base import default_timezone
from plone.app.textfield.value import RichTextValue
from zope.component import createObject
import pytz
import random


# Every demo user gets this password; the README says so.
DEMO_PASSWORD = "demo1234"
# An intranet is for its employees: Plone's own intranet workflow, whose
# "internally published" lets the Member role (the employees, by default)
# read and sends anonymous visitors to the login form.
INTRANET_WORKFLOW = "intranet_workflow"
PUBLISHED = "internally_published"
FRONT_PAGE = "startseite"
# Plone's states, and what each becomes in the intranet workflow.
INTRANET_STATES = {
    "published": PUBLISHED,
    "internal": PUBLISHED,
    "pending": "pending",
    "private": "private",
}

Progress = Callable[[str], None]


def _richtext(html: str) -> RichTextValue:
    return RichTextValue(html, "text/html", "text/x-html-safe")


class DemoBuilder:
    """Create the demo intranet inside ``site``, step by step."""

    def __init__(self, site, progress: Progress = logger.info):
        self.site = site
        self.progress = progress
        self.done = 0
        self.created = 0
        self.groups = {dept["id"]: dept["group"] for dept in data.DEPARTMENTS}
        self.heads = {
            dept["id"]: next(
                e["id"] for e in data.EMPLOYEES if e["department"] == dept["id"]
            )
            for dept in data.DEPARTMENTS
        }

    @property
    def total(self) -> int:
        """Number of steps: site, groups, users, folders and items."""
        return (
            3  # the site, its workflow, its front page
            + len(data.DEPARTMENTS) * 2  # groups and department folders
            + len(data.EMPLOYEES)
            + 3  # the top-level folders
            + sum(len(dept["pages"]) for dept in data.DEPARTMENTS)
            + len(data.NEWS)
            + len(data.EVENTS)
            + 3  # likes, comments, follows
            + len(data.COMMUNITIES)
            + len(data.IDEA_BOXES)
            + 1  # ideas
            + 1  # posts
        )

    def _step(self, what: str, created: bool, is_object: bool = True) -> None:
        self.done += 1
        self.created += int(created and is_object)
        state = "created" if created else "exists"
        self.progress(f"[{self.done}/{self.total}] {what} ({state})")

    def build(self) -> int:
        """Create what is missing; return how many objects were created."""
        self.done = self.created = 0
        # The first application (no departments folder yet) dresses the site.
        self.site_settings(first=data.DEPARTMENTS_FOLDER["id"] not in self.site)
        self.intranet()
        self.front_page()
        for dept in data.DEPARTMENTS:
            self.group(dept)
        for employee in data.EMPLOYEES:
            self.user(employee)
        departments = self.folder(self.site, data.DEPARTMENTS_FOLDER)
        news = self.folder(self.site, data.NEWS_FOLDER)
        events = self.folder(self.site, data.EVENTS_FOLDER)
        for dept in data.DEPARTMENTS:
            folder = self.folder(departments, dept, owner=self.heads[dept["id"]])
            for page in dept["pages"]:
                self.item(folder, "Document", page, owner=self.heads[dept["id"]])
        now = datetime.now().replace(second=0, microsecond=0)
        # Events need aware datetimes in the site's zone (plone.app.event).
        zone = pytz.timezone(default_timezone())
        for entry in data.NEWS:
            self.item(
                news,
                "News Item",
                entry,
                owner=self.heads[entry["department"]],
                effective=now - timedelta(days=entry["days_ago"]),
                subject=tuple(data.NEWS_TAGS.get(entry["id"], ())),
            )
        for entry in data.EVENTS:
            day = zone.localize(
                (now + timedelta(days=entry["days_ahead"])).replace(
                    hour=entry["start_hour"], minute=0
                )
            )
            self.item(
                events,
                "Event",
                entry,
                owner=self.heads[entry["department"]],
                start=day,
                end=day + timedelta(hours=entry["duration_hours"]),
                location=entry["location"],
            )
        self.social(news, departments)
        for entry in data.COMMUNITIES:
            self.community(entry, zone, now)
        self.idea_boxes(now)
        self.posts()
        return self.created

    def community(self, entry: dict, zone, now) -> None:
        """A community started by its owner, with its roster and content.

        The owner creates it and everything inside as themselves, so that
        groups, local roles and workflows are what real use produces.
        """
        folder = self.site.get(COMMUNITIES_FOLDER) or communities_folder()
        created = entry["id"] not in folder
        with api.env.adopt_user(username=entry["owner"]):
            if created:
                community = api.content.create(
                    container=folder,
                    type="Community",
                    id=entry["id"],
                    title=entry["title"],
                    description=entry["description"],
                    guidelines=_richtext(entry["guidelines"]),
                    visibility=entry["visibility"],
                    join_policy=entry["join_policy"],
                    subject=tuple(entry["subjects"]),
                    safe_id=False,
                )
            community = folder[entry["id"]]
            for userid in entry["moderators"]:
                communities.add(community, userid, "moderator")
            for userid in entry["members"]:
                communities.add(community, userid, "member")
        authors = [entry["owner"], *entry["moderators"], *entry["members"]]
        for number, (pid, title, html) in enumerate(entry["pages"]):
            self._inside(
                community,
                "Document",
                pid,
                authors[number % len(authors)],
                title=title,
                text=_richtext(html),
            )
        for pid, title, description in entry["news"]:
            self._inside(
                community,
                "News Item",
                pid,
                entry["owner"],
                title=title,
                description=description,
            )
        pid, title, days, hour, hours = entry["meetup"]
        start = zone.localize((now + timedelta(days=days)).replace(hour=hour, minute=0))
        self._inside(
            community,
            "Event",
            pid,
            entry["owner"],
            title=title,
            start=start,
            end=start + timedelta(hours=hours),
        )
        self._step(f"Community {entry['title']} ({entry['visibility']})", created)

    def idea_boxes(self, now) -> None:
        """The idea boxes and their ideas in every status.

        A box is created by its owner (the site's administrator for the
        site-wide one); each idea by its author, supported by colleagues
        and decided by a reviewer, all through the ideas API. An idea that
        exists is left as it is.
        """
        for userid in data.IDEA_REVIEWERS:
            api.group.add_user(groupname="idea-reviewers", username=userid)
        boxes = {}
        for entry in data.IDEA_BOXES:
            container = self.site
            if entry["community"]:
                container = self.site[COMMUNITIES_FOLDER][entry["community"]]
            created = entry["id"] not in container
            if created:
                days = entry["deadline_days"]
                fields = {
                    "title": entry["title"],
                    "description": entry["description"],
                    "support_limit": entry["support_limit"],
                    "deadline": now + timedelta(days=days) if days else None,
                }
                if entry["owner"]:
                    with api.env.adopt_user(username=entry["owner"]):
                        box = api.content.create(
                            container,
                            "Idea Box",
                            id=entry["id"],
                            safe_id=False,
                            **fields,
                        )
                else:
                    box = api.content.create(
                        container, "Idea Box", id=entry["id"], safe_id=False, **fields
                    )
                box.reviewers = entry["reviewers"]
            boxes[entry["key"]] = container[entry["id"]]
            self._step(f"Ideenbox {entry['title']}", created)
        written = 0
        for entry in data.IDEAS:
            box = boxes[entry["box"]]
            if entry["id"] not in box:
                self._idea(box, entry, now)
                written += 1
        self._step(f"Ideen ({written} neu)", written > 0, is_object=False)

    def _idea(self, box, entry: dict, now) -> None:
        """One idea, taken through its status as its people would."""
        author, reviewer = entry["author"], entry.get("reviewer")
        with api.env.adopt_user(username=author):
            idea = api.content.create(
                box,
                "Idea",
                id=entry["id"],
                title=entry["title"],
                description=entry["description"],
                problem=entry["problem"],
                proposal=_richtext(entry["proposal"]),
                benefit=entry["benefit"],
                subject=tuple(entry["tags"]),
                safe_id=False,
            )
            if entry["status"] != "draft":
                ideas.transition(idea, "submit")
        for userid in entry["supporters"]:
            with api.env.adopt_user(username=userid):
                ideas.support(idea)
        steps = {
            "in_review": [("review", None)],
            "accepted": [("review", None), ("accept", entry.get("answer"))],
            "implemented": [
                ("review", None),
                ("accept", entry.get("answer")),
                ("implement", entry.get("note")),
            ],
            "declined": [("decline", entry.get("answer"))],
        }.get(entry["status"], [])
        for name, answer in steps:
            with api.env.adopt_user(username=reviewer):
                ideas.transition(idea, name, answer)
        for userid, body in entry.get("comments", ()):
            self._comment(idea, userid, body)
        self._date_idea(idea, now - timedelta(days=entry["days_ago"]), now)

    @staticmethod
    def _date_idea(idea, when, now) -> None:
        """Date an idea and its changes of status back, spread until now."""
        history = idea.workflow_history.get(ideas.WORKFLOW_ID, ())
        step = (now - when) / (len(history) + 1)
        idea.workflow_history[ideas.WORKFLOW_ID] = tuple(
            dict(entry, time=DateTime((when + step * number).isoformat()))
            for number, entry in enumerate(history)
        )
        date = DateTime(when.isoformat())
        idea.creation_date = idea.modification_date = date
        idea.reindexObject(
            idxs=["created", "modified", "stream_ts", "in_stream", "stream_info"]
        )

    def _inside(self, community, portal_type, cid, author, **fields):
        if cid in community:
            return community[cid]
        with api.env.adopt_user(username=author):
            obj = api.content.create(
                container=community, type=portal_type, id=cid, safe_id=False, **fields
            )
        self._date(obj, self._long_ago(cid, days=data.POST_DAYS))
        return obj

    @staticmethod
    def _long_ago(key: str, days: int = 60) -> datetime:
        """A fixed date some weeks back, different for each item."""
        spread = sum(key.encode()) % (4 * 24 * 60)
        return datetime.now() - timedelta(days=days, minutes=spread)

    def social(self, news, departments) -> None:
        """Recommendations, comments and follows, as colleagues would leave them.

        Everything goes through the social API as the employee in question,
        so the stored data is what real use produces. It is idempotent:
        likes and follows are, and a comment is only added once.
        """
        rng = random.Random(data.SOCIAL_SEED)
        people = [employee["id"] for employee in data.EMPLOYEES]
        pages = [
            page
            for folder in departments.objectValues()
            for page in folder.objectValues()
        ]
        liked = 0
        for obj in [*news.objectValues(), *pages]:
            if not likes.is_likeable(obj):
                continue
            for userid in rng.sample(people, rng.randint(0, 12)):
                with api.env.adopt_user(username=userid):
                    liked += int(likes.like(obj))
        self._step(f"Empfehlungen ({liked} neu)", liked > 0, is_object=False)

        written = 0
        for news_id, author, body in data.COMMENTS:
            if news_id in news:
                written += int(self._comment(news[news_id], author, body))
        self._step(f"Kommentare ({written} neu)", written > 0, is_object=False)

        followed = 0
        items = list(news.objectValues())
        tags = sorted({tag for tags in data.NEWS_TAGS.values() for tag in tags})
        for employee in data.EMPLOYEES:
            head = self.heads[employee["department"]]
            targets = [("content", obj.UID()) for obj in rng.sample(items, 2)]
            targets.append(("tag", rng.choice(tags)))
            if head != employee["id"]:
                targets.append(("user", head))
            with api.env.adopt_user(username=employee["id"]):
                for kind, target in targets:
                    try:
                        followed += int(following.follow(kind, target))
                    except InvalidTarget:
                        # A tag the news of an older demo did not get.
                        continue
        self._step(f"Folgen ({followed} neu)", followed > 0, is_object=False)

    def posts(self) -> None:
        """Posts, replies and questions in /stream and every community.

        Written through the posts API as their authors, oldest first, then
        dated back over the last weeks so the stream looks lived in. Done
        once: a stream that already holds posts gets none.
        """
        stream = self.site.get("stream") or stream_folder()
        if stream is None or len(stream.objectIds()):
            self._step("Beiträge (vorhanden)", False, is_object=False)
            return
        rng = random.Random(data.POST_SEED)
        everyone = [employee["id"] for employee in data.EMPLOYEES]
        places = [(stream, everyone, "#Intranet", data.STREAM_POSTS)]
        folder = self.site[COMMUNITIES_FOLDER]
        for entry in data.COMMUNITIES:
            if entry["id"] in folder:
                roster = [entry["owner"], *entry["moderators"], *entry["members"]]
                tag = data.COMMUNITY_TAGS.get(entry["id"], "")
                places.append(
                    (folder[entry["id"]], roster, tag, data.POSTS_PER_COMMUNITY)
                )
        now = datetime.now()
        plan = []
        for place, people, tag, count in places:
            for _ in range(count):
                minutes = rng.randint(30, data.POST_DAYS * 24 * 60)
                plan.append((now - timedelta(minutes=minutes), place, people, tag))
        plan.sort(key=lambda entry: entry[0])
        written = 0
        for when, place, people, tag in plan:
            written += self._thread(rng, when, now, place, people, tag)
        self._step(f"Beiträge und Antworten ({written} neu)", True, is_object=False)

    def _thread(self, rng, when, now, place, people, tag) -> int:
        """One post (maybe a question) and its replies; return how many."""
        author = rng.choice(people)
        others = [userid for userid in people if userid != author] or people

        def fill(template):
            return template.format(person="@" + rng.choice(others), tag=tag).strip()

        question = rng.random() < 0.15
        templates = data.QUESTION_TEMPLATES if question else data.POST_TEMPLATES
        with api.env.adopt_user(username=author):
            post = posts.create(place, fill(rng.choice(templates)), question=question)
        self._date(post, when)
        written = 1
        if not question and rng.random() > data.REPLY_SHARE:
            return written
        replies = []
        later = when
        for _ in range(rng.randint(1, 4)):
            later = min(later + timedelta(minutes=rng.randint(5, 600)), now)
            replier = rng.choice(others)
            pool = data.ANSWER_TEMPLATES if question else data.REPLY_TEMPLATES
            with api.env.adopt_user(username=replier):
                reply = posts.create(
                    place, fill(rng.choice(pool)), in_reply_to=post.UID()
                )
            self._date(reply, later)
            replies.append(reply)
            written += 1
        if question and rng.random() < 0.6:
            with api.env.adopt_user(username=author):
                posts.accept(post, replies[0].UID())
        return written

    @staticmethod
    def _date(obj, when) -> None:
        """Date a demo post back to ``when`` (its stream position follows)."""
        date = DateTime(when.isoformat())
        obj.creation_date = obj.modification_date = date
        obj.reindexObject(idxs=["created", "modified", "stream_ts", "in_stream"])

    def _comment(self, obj, author: str, body: str) -> bool:
        conversation = IConversation(obj)
        if any(
            comment.author_username == author and comment.text == body
            for comment in conversation.values()
        ):
            return False
        comment = createObject("plone.Comment")
        comment.text = body
        comment.author_username = author
        comment.author_name = api.user.get(userid=author).getProperty("fullname")
        comment.author_email = api.user.get(userid=author).getProperty("email")
        comment.creator = author
        with api.env.adopt_user(username=author):
            conversation.addComment(comment)
        # Written some days ago, like the posts around it.
        zone = pytz.timezone(default_timezone())
        when = zone.localize(self._long_ago(body, days=data.POST_DAYS // 3))
        comment.creation_date = comment.modification_date = when
        comment.reindexObject(idxs=["created", "modified", "stream_ts"])
        return True

    def site_settings(self, first: bool) -> None:
        """Give the site its title and front page text on the ``first`` run.

        Later runs leave a front page someone rewrote or renamed as it is.
        """
        if first:
            api.portal.set_registry_record("plone.site_title", data.SITE["title"])
            self.site.title = data.SITE["title"]
            self.site.description = data.SITE["description"]
            self.site.reindexObject()
        self._step("Website: " + data.SITE["title"], first)

    def front_page(self) -> None:
        """The front page: an internal document, the site's default page.

        Not the site root's own text: the root is what anonymous visitors
        see around the login form, the front page only employees.
        """
        created = FRONT_PAGE not in self.site
        entry = {
            "id": FRONT_PAGE,
            "title": data.SITE["title"],
            "text": data.SITE["text"],
        }
        page = self.item(self.site, "Document", entry)
        if created:
            self.site.setDefaultPage(page.getId())

    def intranet(self) -> None:
        """Put the content under Plone's intranet workflow.

        Only while the site still has Plone's default workflow: a site whose
        admin chose another one keeps it. Content already there (Plone's
        example content, ``/stream``, ``/communities``) keeps its state's
        meaning: published becomes internally published, private stays
        private. Communities, their content, posts and ideas have their own
        workflows and are not touched. The site root itself stays without
        workflow, viewable: Plone's login form is a view of it; what it
        shows is its default page, the front page document.
        """
        workflow = api.portal.get_tool("portal_workflow")
        switch = INTRANET_WORKFLOW not in workflow.getDefaultChain()
        if switch:
            catalog = api.portal.get_tool("portal_catalog")
            default = tuple(workflow.getDefaultChain())
            before = []
            for brain in catalog.unrestrictedSearchResults():
                obj = brain._unrestrictedGetObject()
                if tuple(workflow.getChainFor(obj)) == default:
                    before.append((obj, brain.review_state))
            workflow.setDefaultChain(INTRANET_WORKFLOW)
            for obj, state in before:
                wanted = INTRANET_STATES.get(state, "private")
                if api.content.get_state(obj, default=None) != wanted:
                    api.content.transition(obj=obj, to_state=wanted)
            workflow.updateRoleMappings()
        self._step("Intranet: " + INTRANET_WORKFLOW, switch, is_object=False)

    def group(self, dept: dict) -> None:
        """Create the department's group."""
        exists = api.group.get(groupname=dept["group"]) is not None
        if not exists:
            api.group.create(
                groupname=dept["group"],
                title=dept["title"],
                description=f"Alle Mitarbeitenden der Abteilung {dept['title']}",
            )
        self._step("Gruppe " + dept["title"], not exists)

    def user(self, employee: dict) -> None:
        """Create an employee and put them into their department's group."""
        exists = api.user.get(userid=employee["id"]) is not None
        if not exists:
            api.user.create(
                email=employee["email"],
                username=employee["id"],
                password=DEMO_PASSWORD,
                properties={
                    "fullname": employee["fullname"],
                    "location": employee["location"],
                    "description": (
                        f"{employee['position']}. {employee['description']}"
                    ),
                },
            )
            api.group.add_user(
                groupname=self.groups[employee["department"]],
                username=employee["id"],
            )
        self._step("Mitarbeiter/in " + employee["fullname"], not exists)

    def folder(self, container, entry: dict, owner: str | None = None):
        """Create a published folder."""
        return self.item(container, "Folder", entry, owner=owner)

    def item(self, container, portal_type: str, entry: dict, owner=None, **fields):
        """Create and publish one content item; return it, new or existing."""
        obj = container.get(entry["id"])
        created = obj is None
        if created:
            effective = fields.pop("effective", None)
            if "text" in entry and portal_type != "Folder":
                fields["text"] = _richtext(entry["text"])
            obj = api.content.create(
                container=container,
                type=portal_type,
                id=entry["id"],
                title=entry["title"],
                description=entry.get("description", ""),
                safe_id=False,
                **fields,
            )
            if owner:
                self._set_owner(obj, owner)
            if api.content.get_state(obj) != PUBLISHED:
                api.content.transition(obj=obj, to_state=PUBLISHED)
            if effective is not None:
                obj.setEffectiveDate(DateTime(effective))
            obj.reindexObject()
            # Dated as if written back then: the stream shows the posts of
            # the last weeks first, not the whole demo as "just updated".
            self._date(obj, effective or self._long_ago(entry["id"]))
        path = "/".join(obj.getPhysicalPath()[len(self.site.getPhysicalPath()) :])
        self._step(f"{portal_type} /{path}", created)
        return obj

    def _set_owner(self, obj, userid: str) -> None:
        """Make an employee the owner and creator, as if they had written it.

        In a community nobody holds the local role Owner: the owner's
        rights there are ``Community Author``, while on the roster
        (:mod:`ospa.social.communities.authors`), as for what they write themselves.
        """
        builder = api.user.get_current().getId()
        obj.changeOwnership(api.user.get(userid=userid).getUser())
        obj.setCreators([userid])
        if communities.community_of(obj) is None:
            obj.manage_setLocalRoles(userid, ["Owner"])
        if builder and builder != userid:
            obj.manage_delLocalRoles([builder])


def build_demo(setup_tool) -> None:
    """GenericSetup post handler of the ``ospa.social:demo`` profile."""
    builder = DemoBuilder(api.portal.get())
    created = builder.build()
    logger.info("Demo intranet: %d objects created, %d steps", created, builder.total)
