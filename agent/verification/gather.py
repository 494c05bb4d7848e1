"""Evidence for a claim: the best few sentences of each independent outlet, and the
sentences that give another version of a detail the claim states (where its speaker spoke,
another value of its figure), which retrieval by similarity rarely ranks. No model call.

The verify stage (agent.verification.verify) judges what this gathers; the context of each
sentence (the one before it, who speaks the quotation it lies in, its article's stems and
names) is kept here too, cached per article.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from agent.ingest.corpus import Corpus
from agent.retrieval.evidence import select_evidence
from agent.retrieval.retrieve import Retriever
from agent.text.agents import deeds
from agent.text.analysis import analyze, stems
from agent.text.dates import strip_dates
from agent.text.facts import entities, strip_places
from agent.text.holders import claimed_holder, office_conflict
from agent.text.normalize import normalize_for_match
from agent.text.opinion import opinion_piece
from agent.text.quotes import quote_speaker
from agent.text.responses import charges_answered
from agent.text.slots import proper_words
from agent.text.speakers import place_rival
from agent.types import Evidence, Sentence
from agent.verification.claim_figures import CLAIM_OUTLET, figure_disputes
from agent.verification.conflicts import figures_stated
from agent.verification.measures import strip_figures, terms
from agent.verification.votes import vote_disputes
from vectorstore.store import Embedder

# A sentence opening on a pronoun is about what the sentence before it names.
_POINTS_BACK = re.compile(r"(?:it|its|he|his|she|her|they|their|this|these)\b", re.IGNORECASE)

# Documents a corpus may have for the figure-rival scan to read every article (a story
# folder has 3-20; the scan reads each sentence's cached analysis once).
SCAN_DOCUMENTS = 60


class EvidenceGatherer:
    """Gathers a claim's evidence from `corpus` through `retriever` (`top_k` chunks, then
    at most `per_outlet` sentences of each of `max_outlets` outlets scoring `min_score` or
    more, agent.retrieval.evidence). Holds no per-claim state: only caches per article."""

    def __init__(
        self,
        corpus: Corpus,
        retriever: Retriever,
        embedder: Embedder,
        *,
        top_k: int = 8,
        per_outlet: int = 2,
        max_outlets: int = 6,
        min_score: float = 0.3,
    ) -> None:
        self.corpus = corpus
        self.retriever = retriever
        self.embedder = embedder
        self.top_k = top_k
        self.per_outlet = per_outlet
        self.max_outlets = max_outlets
        self.min_score = min_score
        self._terms_cache: dict[str, set[str]] = {}
        self._names_cache: dict[str, frozenset[str]] = {}
        self._opinion_cache: dict[str, bool] = {}

    def gather(self, claim: str) -> list[tuple[str, Evidence]]:
        """(outlet key, evidence) pairs: the best few sentences of each independent outlet."""
        items, sources = self._candidates(claim)
        # Details that may differ between outlets (a place, a date) also steer retrieval
        # towards the outlets that agree: search once more without them, to find the ones
        # that differ ("The break-in happened early on Sunday 9 November" against outlets
        # that all say Monday ranks none of them).
        placeless = strip_places(claim)
        stripped = strip_dates(placeless)
        if stripped != claim:
            seen = {e.sentence.id for e in items}
            more, more_sources = self._candidates(stripped)
            items += [e for e in more if e.sentence.id not in seen]
            items.sort(key=lambda e: -e.score)
            if placeless != claim:
                items += self._place_rivals(claim, items, sources + more_sources)
        seen = {e.sentence.id for e in items}
        holders = self._holder_rivals(claim, sources)
        # (one already retrieved is marked too, or the outlet's cap may drop it)
        rival_ids = {e.sentence.id for e in holders}
        items = [e.model_copy(update={"label": "H"}) if e.sentence.id in rival_ids else e
                 for e in items] + [e for e in holders if e.sentence.id not in seen]
        # the story's sentences, read once for other versions of the claim's figures
        read = analyze(claim)
        story = self._story(claim, sources) if read.quantities or read.vote is not None else []
        disputes = self._figure_disputes(claim, story)
        rivals = {s.id: s for s, _ in disputes}
        # a count of one side of a vote, against the outlets' tallies
        vote_rivals, vote_anchors = vote_disputes(claim, story)
        rivals.update((s.id, s) for s in vote_rivals)
        # The outlet giving the claim's value is judged too: a claim that takes one side of
        # a disputed figure is conflicting (agent.verification.verdicts.decide). Its sentence
        # names one of the claim's names, if the claim has any: "security staff at Kelby
        # Airport won a 6 per cent rise" gives no side of Orrin's pay dispute.
        names = {w for n in entities(claim) for w in n.split()}
        anchors = {a.id: a for _, a in disputes if a is not None and a.id not in rivals
                   and (not names or names & set(normalize_for_match(a.text).split()))}
        # a tally is of the claim's vote by the terms it shares (agent.verification.votes)
        anchors.update((a.id, a) for a in vote_anchors if a.id not in rivals)
        # A rival or anchor already retrieved is marked too: its conflict is the rival rule's.
        items = [e.model_copy(update={"label": "F"}) if e.sentence.id in rivals
                 else e.model_copy(update={"label": "A"}) if e.sentence.id in anchors else e
                 for e in items]
        seen = {e.sentence.id for e in items}
        items += [Evidence(label="F", sentence=s, score=0.0,
                           outlet=self.corpus.article(s.article_id).outlet)
                  for s in rivals.values() if s.id not in seen]
        items += [Evidence(label="A", sentence=s, score=0.0,
                           outlet=self.corpus.article(s.article_id).outlet)
                  for s in anchors.values() if s.id not in seen]
        items += self._figure_statements(claim, items, story)
        per: dict[str, list[Evidence]] = {}
        for e in items:
            key = self.corpus.sentence_outlet_key(e.sentence)
            if key not in per and len(per) >= self.max_outlets:
                continue
            rival = e.label in ("P", "F", "H", "A", "N")
            if len(per.setdefault(key, [])) < self.per_outlet + rival:
                per[key].append(e)
        return sorted(
            ((k, e) for k, items in per.items() for e in items), key=lambda ke: -ke[1].score
        )

    def _place_rivals(
        self, claim: str, items: Sequence[Evidence], sources: Sequence[str]
    ) -> list[Evidence]:
        """Sentences of the retrieved articles placing the claim's speaker elsewhere: retrieval
        by similarity rarely finds "aboard a plane" for a claim about "a rally in Ohio"."""
        seen = {e.sentence.id for e in items}
        out = []
        for aid in self._with_copies(sources):
            for s in self.corpus.article(aid).sentences:
                if s.id not in seen and s.duplicate_of is None and place_rival(claim, s.text):
                    out.append(
                        Evidence(
                            label="P", sentence=s, score=0.0, outlet=self.corpus.article(aid).outlet
                        )
                    )
        return out

    def _holder_rivals(self, claim: str, sources: Sequence[str]) -> list[Evidence]:
        """Sentences of the retrieved articles that give the office the claim gives someone
        to another person, or the claim's person an office at another organisation
        (agent.text.holders), or its deed to others (agent.text.agents), labelled "H": "the
        foundation's chair, the Rev Anne Lacey" shares few words with "Graham Pellow chaired
        the Alder Foundation", "The review will be led by Judith Carrow" few with "Elspeth
        Varley has been appointed to lead the council's independent review"."""
        if claimed_holder(claim) is None and not deeds(claim):
            return []
        out = []
        for aid in self._with_copies(sources):
            lead = self.article_lead(aid)
            body = self.corpus.article(aid).body_sentences
            # (the sentence before, whose subject an "its" of the office refers to)
            out += [Evidence(label="H", sentence=s, score=0.0,
                             outlet=self.corpus.article(aid).outlet)
                    for n, s in enumerate(body)
                    if s.duplicate_of is None and office_conflict(
                        claim, s.text, lead, before=body[n - 1].text if n else "")]
        return out

    def _figure_disputes(self, claim: str,
                         story: Sequence[Sentence]) -> list[tuple[Sentence, Sentence | None]]:
        """(rival, anchor) sentences: another outlet's value for one of the claim's figures,
        and a sentence giving the claim's value that it rivals (agent.verification.measures.
        figure_disputes); `gather` labels them "F" (`figure_conflicts` gives each rival its
        conflict) and "A". The outlet that says "15 to 8" words the
        rest of its sentence apart from the claim's "by 14 votes to 9", so retrieval rarely
        ranks it: the `story`'s sentences (`_story`) are read."""
        if not analyze(claim).quantities:
            return []
        pool = [(s, self.corpus.sentence_outlet_key(s)) for s in story]
        # (an anchor of the claim's own words, CLAIM_OUTLET, is no sentence to judge)
        return [(f.sentence, None if a.outlet == CLAIM_OUTLET else a.sentence)
                for f, _, a in figure_disputes(claim, pool)]

    def _figure_statements(self, claim: str, items: Sequence[Evidence],
                           story: Sequence[Sentence]) -> list[Evidence]:
        """Sentences of the `story` (`_story`) that state every figure of the claim
        (agent.verification.conflicts.figures_stated) and share a content term with it
        besides, labelled "N", one for each outlet none of whose `items` states them: the
        claim's figure in another format ("£1,200 million" / "£1.2bn", "10k" / "10,000")
        shares no word of it, so retrieval by words rarely ranks the sentence (a business
        newcomer, session 52). A sentence naming what the claim does not, or opening on a
        pronoun, may give the figure of another thing, and is left out."""
        wanted = analyze(claim).quantities
        if not wanted:
            return []
        claim_terms = terms(claim)
        claim_names = {w for n in entities(claim) for w in n.split()}
        stating = {self.corpus.sentence_outlet_key(e.sentence) for e in items
                   if figures_stated(wanted, analyze(e.sentence.text).quantities)}
        seen = {e.sentence.id for e in items}
        out: dict[str, Evidence] = {}
        for s in story:
            key = self.corpus.sentence_outlet_key(s)
            if (key in stating or key in out or s.id in seen
                    or not figures_stated(wanted, analyze(s.text).quantities)
                    or not terms(s.text) & claim_terms
                    # the same figure of another thing: "a wallaby called Pickle ... was
                    # recaptured after 11 days", "Its own network ... paid each customer £15"
                    or proper_words([s.text]) - claim_names or _POINTS_BACK.match(s.text)):
                continue
            out[key] = Evidence(label="N", sentence=s, score=0.0,
                                outlet=self.corpus.article(s.article_id).outlet)
        return list(out.values())

    def _story(self, claim: str, sources: Sequence[str]) -> list[Sentence]:
        """The body sentences scanned for another version of the claim's figures: every
        article of a story folder (at most SCAN_DOCUMENTS documents); in a larger corpus
        the retrieved articles and those a search without the figures finds. A syndicated
        copy gives only its own sentences (`_with_copies`)."""
        if self.corpus.n_documents() <= SCAN_DOCUMENTS:
            ids = [a.id for a in self.corpus.articles()]
        else:
            ids = [*sources, *self._candidates(strip_figures(claim))[1]]
        return [s for aid in self._with_copies(ids)
                for s in self.corpus.article(aid).body_sentences if s.duplicate_of is None]

    def _with_copies(self, article_ids: Sequence[str]) -> list[str]:
        """The articles to read for `article_ids`: each one's original and the article
        itself. The callers read only sentences that repeat no other article
        (`Sentence.duplicate_of` unset): of a syndicated copy, its own paragraphs."""
        return list(dict.fromkeys(x for a in article_ids for x in (self.corpus.canonical(a), a)))

    def _candidates(self, query: str) -> tuple[list[Evidence], list[str]]:
        """Evidence sentences for `query` and the articles its retrieval hits came from."""
        vec = self.retriever.query_vector(query)
        hits = self.retriever.search(query, self.top_k, vec=vec)
        ev = select_evidence(
            query,
            hits,
            self.corpus,
            self.embedder,
            max_sentences=4 * self.max_outlets,
            min_score=self.min_score,
            query_vec=vec,
            stored_vectors=self.retriever.sentence_vectors,  # not re-embedded per claim
        )
        return ev.items, [a for h in hits for a in (h.source, *h.also_in)]

    def context(self, s: Sentence) -> tuple[str, str | None]:
        """`compare`'s context of `s`: the sentence before it (for a denial pointing back,
        "X denied the claims", the charges it answers: agent.text.responses), and who
        speaks the quotation it lies inside (`quote_speaker`; only an unattributed fragment
        needs it)."""
        n, sents = s.index, self.corpus.article(s.article_id).sentences
        if not (0 <= n < len(sents) and sents[n].id == s.id):
            return "", None
        answered = charges_answered(self.corpus.article(s.article_id), s)
        before = (" ".join(x.text for x in answered) if answered
                  else sents[n - 1].text if n else "")
        if analyze(s.text).speaker != "someone":
            return before, None
        return before, quote_speaker([x.text for x in sents], n)

    def preceding(self, s: Sentence, n: int | None = None) -> list[str]:
        """The texts of the (at most) `n` body sentences before `s` in its article, all of
        them when `n` is None."""
        return [x.text for x in self.corpus.article(s.article_id).body_before(s, n)]

    def known_names(self, article_ids: Sequence[str]) -> frozenset[str]:
        """The words the articles capitalise mid-sentence (agent.text.slots.proper_words)."""
        out: set[str] = set()
        for aid in dict.fromkeys(article_ids):
            if aid not in self._names_cache:
                self._names_cache[aid] = proper_words(
                    s.text for s in self.corpus.article(aid).sentences)
            out |= self._names_cache[aid]
        return frozenset(out)

    def article_lead(self, article_id: str) -> str:
        """An article's headline, outlet and opening sentences, lower case: what it is about
        and where it is set (agent.text.holders reads an office named without its
        organisation against it; a local outlet's name says its town)."""
        article = self.corpus.article(article_id)
        opening = " ".join(s.text for s in article.body_sentences[:2])
        return f"{article.title or ''} {article.outlet or ''} {opening}".lower()

    def article_terms(self, article_id: str) -> set[str]:
        if article_id not in self._terms_cache:
            text = " ".join(s.text for s in self.corpus.article(article_id).sentences)
            self._terms_cache[article_id] = stems(text)
        return self._terms_cache[article_id]

    def opinion(self, article_id: str) -> bool:
        """Whether the article is an opinion piece (agent.text.opinion), read once."""
        if article_id not in self._opinion_cache:
            self._opinion_cache[article_id] = opinion_piece(self.corpus.article(article_id))
        return self._opinion_cache[article_id]
