"""Whether a checked answer is about what the question asks: the near-miss checks the answer
stage (agent.generation.answer) runs on its sentences, over the question analyses of
agent.generation.asked and asked_setting and the name context of name_context.

An answer that fails them cites facts about something else: another entity of the same kind,
another day or period, a count of another thing, and the answerer abstains. (Quoting the best
evidence sentence of the kind asked instead, when it passed the same checks, answered one more
dev question and two unanswerable ones: session 37.)
"""

from __future__ import annotations

from collections.abc import Sequence
from difflib import SequenceMatcher

from agent.generation.asked import (
    asked_figure_kinds,
    gives_asked_figure,
    name_heads,
    names_another_entity,
    names_asked_entity,
)
from agent.generation.asked_act import (
    names_the_doer,
    settles_yes_no,
    tells_asked_topic,
    tells_more_than_asked,
)
from agent.generation.asked_counts import counts_what_is_asked
from agent.generation.asked_items import gives_figure_per_item, gives_total
from agent.generation.asked_setting import (
    dated_quotes,
    states_asked_period,
    states_asked_setting,
    tells_another_day,
    tells_asked_earlier_occasion,
    tells_earlier_occasion,
)
from agent.generation.name_context import about_another_entity
from agent.ingest.corpus import Corpus
from agent.retrieval.citations import make_citation
from agent.retrieval.evidence import asked_kind
from agent.text.analysis import analyze
from agent.text.facts import entities, mentions, strip_dateline
from agent.text.normalize import STOPWORDS, normalize_for_match
from agent.text.quantities import quantities
from agent.text.responses import charge_pointed_to, denial_after_quote
from agent.text.roles import asked_speaker
from agent.text.slots import name_slots, other_entity_referred, person_name, spelt_alike
from agent.types import AnswerSentence, Citation


def article_meta(corpus: Corpus, article_id: str) -> list[str]:
    """An article's title, byline and outlet, those it has."""
    a = corpus.article(article_id)
    return [x for x in (a.title, a.byline, a.outlet) if x]


def article_text(corpus: Corpus, article_id: str) -> str:
    """An article's title, byline and outlet, then its body: where a name may stand."""
    return f"{' '.join(article_meta(corpus, article_id))} {corpus.article(article_id).body}"


def unmatched_names(question: str, sentences: Sequence[AnswerSentence],
                    corpus: Corpus) -> list[str]:
    """Names in the question whose head word (the last: "Foods" in "Crestline Foods",
    "United" in "Redfield United") no cited article mentions, in its text, title, byline
    or outlet. "When did Okafor join Crestline Foods?" answered from an article about
    Okafor at Harlow Mills leaves "crestline foods" unmatched: a near-miss entity."""
    heads = name_heads(question)
    # Whose words are asked about, named by role ("the prime minister"): the role's head
    # word must be in a cited article, or the answer would give someone else's words.
    speaker = asked_speaker(question) or ""
    role = [w for w in normalize_for_match(speaker).split()
            if len(w) > 2 and w not in STOPWORDS]
    if role:
        heads.setdefault(speaker, role[-1])
    if not heads or not sentences:
        return []
    cited = [(c.quote, c.source) for s in sentences for c in s.citations]
    texts = [normalize_for_match(article_text(corpus, aid))
             for aid in dict.fromkeys(src for _, src in cited)]
    # "Hexley Town Council" answered by "the district council" where the article names
    # "Hexmoor District Council": another body of the same kind (agent.text.slots).
    return [n for n, head in heads.items() if not any(mentions(t, head) for t in texts)
            or any(other_entity_referred(n, q, article_text(corpus, src)) for q, src in cited)]


def cited_outlets(sentences: Sequence[AnswerSentence], corpus: Corpus) -> set[str]:
    """The outlets of the articles `sentences` cite."""
    return {o for s in sentences for c in s.citations
            if (o := corpus.article(c.source).outlet)}


def cited_names(sentences: Sequence[AnswerSentence], corpus: Corpus) -> set[str]:
    """The names (agent.text.facts.entities, lower case) of the articles `sentences` cite."""
    return {e for aid in dict.fromkeys(c.source for s in sentences for c in s.citations)
            for e in entities(article_text(corpus, aid))}


def near_miss(question: str, sentences: Sequence[AnswerSentence], corpus: Corpus) -> bool:
    """Whether the answer `sentences` fail a check of what the question asks: a name of it
    that no cited article gives (`unmatched_names`), a count of another thing, no figure of
    the kind asked, another day, period or setting, a figure not per item or not a total,
    another entity named or referred to, nothing beyond the question's own words, an act
    told with no doer, a figure another body's (agent.generation.asked, asked_act,
    asked_setting, name_context; `figure_of_other_body`)."""
    told = [s.text for s in sentences]
    quoted = [c.quote for s in sentences for c in s.citations]
    dated = dated_quotes(corpus, sentences)
    names = cited_names(sentences, corpus)
    return bool(unmatched_names(question, sentences, corpus)
                or not counts_what_is_asked(question, sentences)
                or not gives_asked_figure(question, told)
                or tells_another_day(question, dated)
                or tells_earlier_occasion(question, dated)
                or not tells_asked_earlier_occasion(question, dated)
                or not states_asked_period(question, dated)
                or not states_asked_setting(question, dated_quotes(corpus, sentences, before=True),
                                            names)
                or not gives_figure_per_item(question, quoted)
                or not gives_total(question, quoted)
                or names_another_entity(question, sentences)
                or not names_asked_entity(question, sentences, cited_outlets(sentences, corpus))
                or about_another_entity(question, sentences, corpus)
                or figure_of_namesake(question, quoted)
                or not tells_more_than_asked(question, told)
                or not names_the_doer(question, quoted)
                or not tells_asked_topic(question, quoted)
                or not settles_yes_no(question, quoted)
                or figure_of_other_body(question, quoted, names))


def figure_of_other_body(question: str, quotes: Sequence[str], names: set[str]) -> bool:
    """Whether every quote that gives a figure to a how-many / how-much question about a
    named body (`name_heads`) names none of its names and has for subject one word of
    another name of the cited articles (`names`, lower case) that shares no word before its
    head with the question's names (`_distinctive`) and is no person's
    (agent.text.slots.person_name): "Kestrel employs about 6,400 people" does not say how
    many Bramwell Consumer Group employs (a fresh dev question, session 65). A person's
    surname may stand for what the question names ("Sheinbaum sent 10,000 troops" for
    Mexico's troops), so it never counts."""
    heads = name_heads(question)
    asked = {w for n in heads for w in n.split()}
    if asked_kind(question) != "number" or not asked:
        return False
    giving = [q for q in quotes if quantities(q)]
    for quote in giving:
        subject = analyze(quote).subject or ""
        if (" " in subject or not subject or subject in asked
                or any(n in quote.lower() for n in heads)):
            return False
        bodies = [n for n in names if subject in n.split() and " " in n]
        if not bodies or any(_distinctive(n) & asked or person_name(n.title())
                             for n in bodies):
            return False
    return bool(giving)


def _distinctive(name: str) -> set[str]:
    """The words of a name before its head ("harwell" of "harwell water"): two bodies of one
    kind share their head."""
    return set(name.split()[:-1]) or set(name.split())


def figure_of_namesake(question: str, quotes: Sequence[str]) -> bool:
    """Whether a quote that names both the question's entity and a near-spelling of it
    (agent.text.slots.spelt_alike) gives the figure asked (`asked_figure_kinds`) after the
    near-spelling, with no mention of the asked name between: "Felsham Health is not
    connected to Fellsham Care Group, a care-home operator that the ODC fined £85,000" does
    not say what Felsham Health was fined (a dev story's unanswerable question)."""
    kinds = asked_figure_kinds(question)
    if kinds is None:
        return False
    for slot in name_slots(question):
        asked = slot.name.lower()
        for quote in quotes:
            low = quote.lower()
            if asked not in low:
                continue  # a quote without the asked name is names_another_entity's
            alike = [e.lower() for e in entities(quote) if spelt_alike(slot.name, e.lower())]
            at = [i for a in alike if (i := low.find(a)) >= 0]
            if not at:
                continue
            for q in quantities(quote):
                where = low.find(q.said.lower()) if q.kind in kinds and q.said else -1
                near = max((a for a in at if a < where), default=-1)
                if where >= 0 and near >= 0 and low.rfind(asked, 0, where) < near:
                    return True
    return False


def with_denials(sentences: list[AnswerSentence], corpus: Corpus) -> list[AnswerSentence]:
    """`sentences`, each followed by the denial its cited article prints within two
    sentences after a charge it quotes (agent.text.responses), quoted, when no sentence
    cites that denial yet: "Did Halverd know about the fault in September?" answered with
    a consumer group's accusation must show the company's reply too (a newcomer trial,
    session 47, as the story summary does). A sentence that quotes a denial of "this" is
    led by the charge it points back to (agent.text.responses.charge_pointed_to)."""
    cited = {(c.source, c.quote) for s in sentences for c in s.citations}
    out: list[AnswerSentence] = []
    for s in sentences:
        for c in s.citations[:1]:  # a denial of "this" after the charge it points back to
            charge = charge_pointed_to(corpus.article(c.source), c.quote)
            told = make_citation(corpus, c.source, charge.text) if charge is not None else None
            if told is not None and (c.source, told.quote) not in cited:
                cited.add((c.source, told.quote))
                out.append(AnswerSentence(text=told.quote, citations=[told]))
        out.append(s)
        for c in s.citations:
            reply = denial_after_quote(corpus.article(c.source), c.quote)
            cite = make_citation(corpus, c.source, reply.text) if reply is not None else None
            if cite is not None and (c.source, cite.quote) not in cited:
                cited.add((c.source, cite.quote))
                out.append(AnswerSentence(text=cite.quote, citations=[cite]))
                break
    return out


# A copy's sentence and its original's that match this closely (difflib's ratio of the
# two, normalised) are one sentence reprinted, a word or two changed.
COPY_RATIO = 0.9


def originals_cited(sentence: AnswerSentence, corpus: Corpus) -> AnswerSentence:
    """`sentence` citing the original of each syndicated copy it quotes where the original
    prints the quote too, and no copied sentence beside the original's cited quote of it
    (`COPY_RATIO`): the two are one voice (a consumer-safety newcomer, session 63, saw a
    regional reprint cited beside the wire it copies). A copy's own sentence, which its
    original does not print, stays cited. A sentence that is the dropped copy's quote is
    told in the original's words."""
    cited: list[Citation] = []
    text = sentence.text
    for c in sentence.citations:
        canon = corpus.canonical(c.source)
        if canon != c.source:
            told = normalize_for_match(strip_dateline(c.quote))
            original = next((o for o in sentence.citations if o.source == canon
                             and SequenceMatcher(None, normalize_for_match(
                                 strip_dateline(o.quote)), told).ratio() >= COPY_RATIO), None)
            if original is not None:
                if normalize_for_match(text) == told:  # the copy's words, told by the original
                    text = strip_dateline(original.quote).strip()
                continue
            c = make_citation(corpus, canon, c.quote) or c
        if c not in cited:
            cited.append(c)
    return sentence.model_copy(update={"text": text, "citations": cited})
