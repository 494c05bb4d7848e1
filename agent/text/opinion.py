"""Whether an article argues rather than reports: an opinion piece (a column, a leader, a
comment). Its sentences are its writer's views: a summary never speaks with them, an answer
names their outlet, and a verdict does not take them for a report's statement of fact.
"""

from __future__ import annotations

import re

from agent.text.analysis import analyze
from agent.text.quotes import quotation_start
from agent.text.voice import speaks_of_named_party
from agent.types import Article

# Own-voice questions, judgements or I/you remarks about a named party (agent.text mood)
# make an article an opinion piece. On the 20 dev stories' 100 articles (20 comment pieces
# by their outlets' labels) every comment piece has one; of the 80 reports two do ("Do you
# have a story about ...?", "So what happens next?"). Missing a comment piece prints its
# view as the summary's; flagging a report only stops it being quoted.
OPINION_MIN_JUDGEMENTS = 1
_OPINION_DESK = re.compile(r"(?i)\s[—–-]\s*(?:comment|opinion|editorial|column|leader|view)s?\s*$")


def opinion_piece(article: Article) -> bool:
    """Whether the article argues rather than reports: OPINION_MIN_JUDGEMENTS or more of
    its body sentences ask, judge or exhort in the writer's own voice (mood "question" or
    "deontic", no speaker named, not inside a quotation an earlier sentence opened), or
    speak as I/we or to "you" about a named party (agent.text.voice.speaks_of_named_party).
    Its sentences count as coverage of a point, but the summary never speaks with them: a
    comment's "For once, a project has delivered" is as much a view as "X deserves ...". So
    does an outlet line naming an opinion desk ("The Marlshire Voice — Opinion")."""
    if _OPINION_DESK.search(article.outlet or ""):
        return True
    texts = [s.text for s in article.body_sentences]
    judging = sum(
        1 for i, text in enumerate(texts)
        if quotation_start(texts, i) in (None, i) and (a := analyze(text)).speaker is None
        and (a.mood in ("question", "deontic") or speaks_of_named_party(text))
    )
    return judging >= OPINION_MIN_JUDGEMENTS
