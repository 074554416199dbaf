"""What people type into a search field, as a query the text index reads.

``SearchableText`` is a ZCTextIndex: it reads its query as a little
language (``AND``, ``OR``, ``NOT``, quotes, parentheses, a leading hyphen,
``*`` and ``?``) and raises a ``ParseError`` for what it cannot read or for
a query without a word it indexes: ``.``, ``-``, a NUL or a bidi mark
alone. People type words, not that language: each run of letters and
digits (what Plone's splitter indexes) becomes a prefix term, all of them
required; the rest of the text is left out. A text that leaves no word
the index can look up is no search at all, as an empty search field:
callers list everything (never an error: there was nothing wrong to say).
"""

from plone import api
from Products.ZCTextIndex.ParseTree import ParseError
from Products.ZCTextIndex.QueryParser import QueryParser
import re


WORD = re.compile(r"\w+")
# Every word is a prefix search over the whole lexicon: a bounded number,
# so that a pasted page of text cannot make the catalog expand thousands.
MAX_WORDS = 10


def text_query(text: str, index: str = "SearchableText") -> str | None:
    """The query for ``text`` on the catalog's text index ``index``.

    Returns ``None`` when ``text`` holds no word the index can look up
    (no search); never raises the index's ``ParseError``.
    """
    words = WORD.findall(text)[:MAX_WORDS]
    if not words:
        return None
    query = " ".join(f"{word}*" for word in words)
    catalog = api.portal.get_tool("portal_catalog")
    lexicon = catalog._catalog.getIndex(index).getLexicon()
    try:
        # The same parser the index uses: what it refuses is refused here,
        # before the catalog would raise it as a 500.
        QueryParser(lexicon).parseQuery(query)
    except ParseError:
        return None
    return query
