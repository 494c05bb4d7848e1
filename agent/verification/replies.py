"""The denials a verdict shows beside a claim its sources only report someone making:
"Mardell hid a safety report" is not_enough_info, "reported as a claim made by Petra Nolan",
and the same articles print the company's denial right after (agent.text.responses). A
reader of the verdict should see that reply too (session 44's newcomer: the denial was
shown nowhere). And a charge that only an opinion piece states as fact, while the reports
give it as someone's words and print a denial, is contested, not supported (`contested`)."""

from __future__ import annotations

from collections.abc import Sequence

from agent.ingest.corpus import Corpus
from agent.retrieval.citations import cited_outlet, make_citation
from agent.text.opinion import opinion_piece
from agent.text.polarity import denied_within
from agent.text.responses import denial_after_quote
from agent.verification.signals import Signals
from agent.verification.verdicts import EvidenceItem

# The note of a denial shown beside a reported claim.
REPLY = "the reply printed after the claim: a denial"


def denials(corpus: Corpus, evidence: Sequence[EvidenceItem]) -> list[EvidenceItem]:
    """The denials (silent evidence items noted REPLY, at most one per article) that follow
    the evidence's supporting sentences in their articles, each once, for a claim its
    sources only report someone making; none already among `evidence`."""
    return _replies(corpus, [e for e in evidence if e.stance == "supports"], evidence)


def _replies(corpus: Corpus, reports: Sequence[EvidenceItem],
             evidence: Sequence[EvidenceItem]) -> list[EvidenceItem]:
    """The denials (`denials`) that follow the sentences of `reports` in their articles,
    each once, none already among `evidence`."""
    shown = {(e.citation.source, e.citation.quote) for e in evidence}
    out: list[EvidenceItem] = []
    for item in reports:
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


def contested(corpus: Corpus, items: Sequence[tuple[str, EvidenceItem, Signals]]) -> str | None:
    """Why a plain claim supported only by opinion pieces (agent.text.opinion) is
    not_enough_info when a source prints a denial of it (a sentence reporting a denial, or
    one after a report of the charge, `denials`), or None: a column's "a company that
    ignored its own engineers' warnings" states in its writer's voice what the reports give
    as a campaign group's charge, and the company denies (two newcomer trials; labelling
    rule 2: an opinion no source states in its own voice). `items`: (outlet, item,
    signals) of one claim part."""
    stating = [(o, i) for o, i, sig in items if i.stance == "supports" and not sig.attributed_to]
    if not stating or not all(opinion_piece(corpus.article(i.citation.source))
                              for _, i in stating):
        return None
    # a report of the charge that the model judged silent, or was not asked about ("The
    # alliance claims Veltrane helped design the research": the model reads "claims" as no
    # support), is a report of it too when it is about the claim's thing (newcomer trial,
    # health research: the column's "helped shape this trial" was supported alone)
    reported = [i for _, i, sig in items if sig.attributed_to and i.stance != "refutes"
                and (i.stance == "supports" or sig.aligned)]
    if not (any(sig.denial for _, _, sig in items)
            or any(denied_within(i.citation.quote) for i in reported)
            or _replies(corpus, reported, reported)):
        return None
    columns = ", ".join(dict.fromkeys(o for o, _ in stating))
    return (f"Only an opinion piece states this as fact ({columns}); the reports give it as a "
            "charge, and a denial of it is printed.")
