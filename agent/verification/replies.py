"""The denials a verdict shows beside a claim its sources only report someone making:
"Mardell hid a safety report" is not_enough_info, "reported as a claim made by Petra Nolan",
and the same articles print the company's denial right after (agent.text.responses). A
reader of the verdict should see that reply too (session 44's newcomer: the denial was
shown nowhere)."""

from __future__ import annotations

from collections.abc import Sequence

from agent.ingest.corpus import Corpus
from agent.retrieval.citations import cited_outlet, make_citation
from agent.text.responses import denial_after_quote
from agent.verification.verdicts import EvidenceItem

# The note of a denial shown beside a reported claim.
REPLY = "the reply printed after the claim: a denial"


def denials(corpus: Corpus, evidence: Sequence[EvidenceItem]) -> list[EvidenceItem]:
    """The denials (silent evidence items noted REPLY, at most one per article) that follow
    the evidence's supporting sentences in their articles, each once, for a claim its
    sources only report someone making; none already among `evidence`."""
    shown = {(e.citation.source, e.citation.quote) for e in evidence}
    out: list[EvidenceItem] = []
    for item in evidence:
        if item.stance != "supports":
            continue
        article = corpus.article(item.citation.source)
        reply = denial_after_quote(article, item.citation.quote)
        if reply is None or (article.id, reply.text) in shown:
            continue
        cite = make_citation(corpus, article.id, reply.text)
        if cite is not None:
            shown.add((article.id, reply.text))
            out.append(EvidenceItem(citation=cite, stance="silent", signals=[REPLY],
                                    outlet=cited_outlet(corpus, article.id)))
    return out
