"""Header lines that name their field: "Title: ...", "Outlet: ...", "Author: ...",
"Date: 2026-11-24". Plain-text articles saved from a CMS, an e-mail or a notes app often open
so (the block sourcebound itself renders for extracted articles, agent.ingest.parse, is of
this form too). Read by shape alone, the label stays in the value ("Date: 2026-11-24" is no
date a parser reads) and the field may be taken for another (a newcomer trial: outlets
"Outlet: Northern Press Association" or none, every author none, no weekday dated).

agent.ingest.clean reads such a line as its field, the value without the label.
"""

from __future__ import annotations

import re

# Label -> the article field it fills (agent.ingest.clean.ArticleBlock's names); the same
# labels as Markdown front matter (agent.ingest.extract), and the ones rendered documents use.
FIELD_LABELS = {
    "title": "title",
    "headline": "title",
    "author": "byline",
    "authors": "byline",
    "byline": "byline",
    "by": "byline",
    "writer": "byline",
    "date": "date",
    "published": "date",
    "publication date": "date",
    "dated": "date",
    "outlet": "outlet",
    "publication": "outlet",
    "publisher": "outlet",
    "source": "outlet",
    "site": "outlet",
    "newspaper": "outlet",
}
# A field's value is one short line ("Source: police said the road ..." is a sentence).
MAX_FIELD_CHARS = 160

_LABELLED = re.compile(
    r"^(?P<label>" + "|".join(sorted(map(re.escape, FIELD_LABELS), key=len, reverse=True))
    + r")\s*:\s*(?=\S)", re.IGNORECASE)


def labelled_field(line: str) -> tuple[str, int] | None:
    """(the field a header line names, where its value starts in `line`) for "Outlet:
    Northern Press Association" -> ("outlet", 8); None for a line that names no field, or
    whose value is longer than MAX_FIELD_CHARS or ends as a sentence does."""
    m = _LABELLED.match(line)
    if m is None:
        return None
    value = line[m.end():]
    if len(value) > MAX_FIELD_CHARS or (len(value.split()) > 12 and value.endswith(".")):
        return None
    return FIELD_LABELS[m.group("label").lower()], m.end()

# A column's label before its writer's name ("Comment: Graham Pryce", "Opinion: Ann Lee"):
# a byline when what follows is a name, which agent.ingest.clean checks by its shape (a
# newcomer trial's comment piece lost its writer).
COLUMN_LABEL = re.compile(r"^(?:comment|opinion|analysis|column|viewpoint)\s*:\s*(?=\S)", re.I)
