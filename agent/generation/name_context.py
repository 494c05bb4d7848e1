"""Whether an answer's cited sentences are about the entity the question names (issue 13:
an answer says only what a cited sentence says; shared case 08's kind, a near-miss entity).

`about_another_entity` gathers the checks over the cited articles: the quotes give the asked
figure of something else or name a namesake (agent.generation.asked.cites_another), a name
of the question stands nowhere near them (`name_out_of_context`), the nearest entity named
before a quote that leaves the question's unsaid is a near-miss of it (`quote_rival`),
they give the office the question asks about to another body (`role_of_another`), every
office holder they name holds office at another body than the one asked about
(`office_elsewhere`),
they give another named person's words where the question asks for one's (`another_speaker`),
they give what the question asks of one name's to another's (`possessed_by_another`), or
they name another thing of the kind of one the question names (`sibling_of_asked`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from agent.generation.asked import cites_another, compound_parts, name_heads
from agent.ingest.corpus import Corpus
from agent.text.actors import speaks_for
from agent.text.analysis import analyze, speech_stems
from agent.text.facts import entities
from agent.text.holders import POSSESSIVE, asked_holder, holders
from agent.text.lexicon import is_past_form, verb_lemmas
from agent.text.near_miss import sibling_in
from agent.text.normalize import STOPWORDS, normalize_for_match
from agent.text.roles import asked_speaker
from agent.text.slots import (
    ANTECEDENT_SENTENCES,
    antecedent_rival,
    lower_words,
    proper_words,
    same_name,
)
from agent.types import AnswerSentence, Article


def about_another_entity(question: str, sentences: Sequence[AnswerSentence],
                         corpus: Corpus) -> bool:
    """Whether the answer `sentences` cite quotes about another entity than the question's
    (module docstring); False when they cite nothing."""
    cited = [c for s in sentences for c in s.citations]
    texts = [x.text for aid in dict.fromkeys(c.source for c in cited)
             for x in corpus.article(aid).sentences]
    contexts = [quote_context(corpus.article(c.source), c.quote) for c in cited]
    common = lower_words(texts)
    quotes = [c.quote for c in cited]
    return (cites_another(question, quotes, proper_words(texts))
            or name_out_of_context(question, contexts, common,
                                   [corpus.article(c.source).body for c in cited],
                                   {n for t in texts for n in entities(t)}) is not None
            or any(quote_rival(question, corpus.article(c.source), c.quote) for c in cited)
            or any(role_of_another(question, c.quote, common) for c in cited)
            or another_speaker(question, quotes)
            or possessed_by_another(question, quotes) is not None
            or sibling_of_asked(question, quotes, {n for t in texts for n in entities(t)})
            is not None
            or role_unstated(question, quotes) or deed_unstated(question, quotes)
            or office_elsewhere(question, quotes, common) is not None)


def office_elsewhere(question: str, quotes: Sequence[str], common: frozenset[str]) -> str | None:
    """The organisation of another name where the question asks who holds an office at one
    (agent.text.holders.asked_holder) and every office holder the quotes name
    (agent.text.holders.holders) holds it at a body named by a word the question's does not
    have and the articles never write in lower case (`common`), else None: "Halvorsen chief
    executive Ingrid Sollemann said ..." does not say who heads the National Consumer Safety
    Agency (a consumer-safety newcomer, session 63). "The foundation's chair" is the asked
    foundation's, by its common noun."""
    asked = asked_holder(question)
    if asked is None:
        return None
    mine = set(asked.org.split())
    found = [h for q in quotes for h in holders(q)]
    bodies = [{w for w in f"{h.org} {h.body}".split() if w not in common and w not in STOPWORDS}
              for h in found]
    if not found or any(not body or body & mine for body in bodies):
        return None
    return found[0].org


def sibling_of_asked(question: str, quotes: Sequence[str], names: Iterable[str]) -> str | None:
    """A name the quotes give in place of one the question gives in short, of the kind its
    longer name among `names` (the cited articles' names, lower case) tells: "the Tamble
    spill" where the article writes "River Tamble", and a quote tells of "spills into the
    nearby River Osk" (agent.text.near_miss.sibling_in; an environment newcomer, session
    53). Lower case; None when every quote names the asked one, or none names a sibling."""
    low = [normalize_for_match(q) for q in quotes]
    for name in name_heads(question):
        said = re.compile(rf"\b{re.escape(name)}\b")
        if any(said.search(q) for q in low):
            continue
        for long in sorted(n for n in names if n != name and said.search(n)):
            for quote in quotes:
                other = sibling_in(long.title(), quote)  # a name as written
                if other is not None and other in entities(quote):
                    return other
    return None


# A name and what it owns: "Hollin's new midwife-led birth centre" -> ("Hollin", "new
# midwife-led birth centre"), up to four lower-case words.
_OWNED = re.compile(rf"\b((?:[A-Z][\w-]*\s+){{0,3}}[A-Z][\w-]*){POSSESSIVE}"
                    r"([a-z][\w-]*(?:\s+[a-z][\w-]*){0,3})")


def possessed_by_another(question: str, quotes: Sequence[str]) -> str | None:
    """Another name the quotes give what the question asks of one's ("How many babies will
    Hollin's new midwife-led birth centre deliver?" against "Barnmoor's midwife-led unit
    now delivers about 300 babies a year": dev hollin q14, the near-miss kind of shared
    case 08), lower case, else None. Only when no quote names the question's owner at all,
    the two names share no word, and what they own shares a content word."""
    asked = [(owner, _content(owned)) for owner, owned in _OWNED.findall(question)]
    for owner, owned in asked:
        if not owned or any(owner.lower() in q.lower() for q in quotes):
            continue
        for q in quotes:
            for other, theirs in _OWNED.findall(q):
                if (not set(other.lower().split()) & set(owner.lower().split())
                        and owned & _content(theirs)):
                    return other.lower()
    return None


def _content(words: str) -> set[str]:
    """The content words of a lower-case phrase, hyphenated ones whole."""
    return {w for w in words.lower().split() if len(w) > 2 and w not in STOPWORDS}


def another_speaker(question: str, quotes: Sequence[str]) -> bool:
    """Whether a question about a named person's words ("What did Colin Ashdown say about
    the permit?") is answered only by quotes that name someone else as their speaker
    ("Councillor Maeve Ashdown, who is no relation of Colin Ashdown, said ..."). Quotes whose
    speaker goes unnamed ("she said") may be the asked person's: no finding."""
    asked = asked_speaker(question)
    # A role ("the prime minister", "Lowfield's traders") is checked by
    # answer_checks.unmatched_names; a question of two parts may quote others for its second.
    if asked is None or not asked.split()[-1][:1].isupper() or compound_parts(question):
        return False
    # (someone who speaks for the asked body is it: "Rachel Denholm, for Brackwell Stone")
    named = [(s, q) for q in quotes if (s := analyze(q).speaker) not in (None, "someone")]
    return bool(named) and not any(same_name(asked, s.lower()) or speaks_for(asked, s, q)
                                   or _titled_by(asked, s, q) for s, q in named)


def _titled_by(body: str, name: str, quote: str) -> bool:
    """Whether `quote` writes `name` after a title of `body` ("Brackwater spokesperson Alan
    Pryce", "Harwell's chief executive Ana Ruiz"): they speak for it (a newcomer's strike
    story, session 66: "How did Brackwater respond to the accusation ...?" abstained)."""
    return re.search(rf"\b{re.escape(body)}(?:['’]s)?\s+(?:[a-z][\w-]*\s+){{1,3}}"
                     rf"{re.escape(name)}\b", quote) is not None


_NAME = r"(?:[A-Z][\w&’'-]*\s+){0,4}[A-Z][\w&-]*"
# "Kelsbury District Council's cabinet member": an office and whose it is. The office is
# known by its first ROLE_WORDS lower-case words.
_OWNED_ROLE = re.compile(rf"(?P<owner>{_NAME})['’]s?\s+(?P<role>[a-z][a-z-]*(?:\s+[a-z][a-z-]*)?)")
ROLE_WORDS = 2


def role_of_another(question: str, quote: str, common: frozenset[str]) -> str | None:
    """The owner the quote gives the office the question asks about, when it is another
    one, else None: "What did Kelsbury District Council's cabinet member for housing say?"
    is not answered by "Neil Fairbairn, Hollinsford Borough Council's cabinet member for
    housing, welcomed the ruling" (shared case 08's kind: the role at another body). The
    owners are told apart by their distinctive words (`distinctive_words`, `common`: words
    the articles write in lower case); None when the quote also gives the question's own."""
    for m in _OWNED_ROLE.finditer(question):
        mine = distinctive_words(m.group("owner").lower(), common)
        role = " ".join(m.group("role").split()[:ROLE_WORDS])
        owners = [o.group("owner").lower() for o in _OWNED_ROLE.finditer(quote)
                  if o.group("role").startswith(role)]
        if mine and owners and not any(mine & set(o.split()) for o in owners):
            return owners[0]
    return None


# "Who is the leader of Tarnford District Council?": the office asked, the words between
# "the" and its "of" / "at" / "for" / "in".
_ASKED_ROLE = re.compile(r"^\W*who\s+(?:is|was|are|were)\s+the\s+((?:[\w’'-]+\s+){0,3}?[\w’'-]+)"
                         r"\s+(?:of|at|for|in)\b", re.IGNORECASE)


def asked_role(question: str) -> tuple[str, str] | None:
    """(office, body) of a "Who is the <office> of <body>?" question ("chief executive",
    "the Carrow Valley Health Board"), or None for another question."""
    m = _ASKED_ROLE.match(question)
    return (m.group(1), question[m.end():].strip(" ?.")) if m else None


def role_unstated(question: str, quotes: Sequence[str]) -> bool:
    """For "Who is the <office> of X?", whether no quote names the office (its last word,
    as a stem): "The initial bill ... has been put at £45m by Tarnford District Council" does
    not say who leads the council (newcomer trial, dev tarn-valley-flood). False for other
    questions, or with no quotes."""
    m = _ASKED_ROLE.match(question)
    if m is None or not quotes:
        return False
    office = analyze(m.group(1).split()[-1]).stems
    return bool(office) and not any(office <= analyze(q).stems for q in quotes)


# "Who led the Halbrook study?", "Who founded the trust?": a deed asked of its doer.
_ASKED_DEED = re.compile(r"^\W*who\s+(?P<verb>[a-z]+)\s+(?P<what>[^?]+)", re.IGNORECASE)
_AUXILIARY = frozenset(("was", "were", "had", "did"))
# A doer after a past verb's "by": "unearthed by two metal detectorists".
_DONE_BY = re.compile(r"\b([a-z]+)\s+by\b")


def asked_deed(question: str) -> tuple[str, str] | None:
    """(verb, what it was done to) of a "Who <past verb> <object>?" question: ("led", "the
    Halbrook University study"); None for another question, an auxiliary ("Who was ...?")
    or a verb of speech ("Who said ...?": a quotation tells it without the verb)."""
    m = _ASKED_DEED.match(question)
    if m is None:
        return None
    verb = m.group("verb").lower()
    if verb in _AUXILIARY or not is_past_form(verb) or speech_stems(verb):
        return None
    return verb, m.group("what").strip(" .")


def deed_unstated(question: str, quotes: Sequence[str]) -> bool:
    """For "Who led the study?", whether no quote says the deed: a form of its verb or a
    word made from it ("led", "leads", "the study's leader"), or a doer after a past verb's
    "by", which tells a deed in another verb ("unearthed by two metal detectorists" for
    "Who found the hoard?"). "Its chairman, Alan Whitcombe, said the trust would ask to meet
    the Halbrook researchers" does not say who led the Halbrook study (a science newcomer,
    session 60). False for other questions, or with no quotes."""
    deed = asked_deed(question)
    if deed is None or not quotes:
        return False
    lemmas = verb_lemmas(deed[0])
    low = [q.lower() for q in quotes]
    return not (any(lemmas & verb_lemmas(w) or any(w.startswith(v) for v in lemmas)
                    for q in low for w in re.findall(r"[a-z]+", q))
                or any(is_past_form(m.group(1)) for q in low for m in _DONE_BY.finditer(q)))


# Sentences of an article that say what it is about: its title and first body sentences.
LEAD_SENTENCES = 3


def distinctive_words(name: str, common: frozenset[str],
                      names: Iterable[str] = ()) -> set[str]:
    """The words of a name (lower case) that the articles never write in lower case
    (`common`): "kelby" of "Kelby Airport" where the articles also write "the airport".
    A word before its last that it shares with another of the articles' `names` (lower
    case, facts.entities) that is not a shorter or longer form of it says which of the two
    is meant only with the rest: "harland" is no mark of Harland Coaches where the articles
    name Harland Ferries, so "Harland's managing director" is about neither until "coaches"
    is said. A shared last word stays a mark: "Mrs Hollis" after "Margaret Hollis" is hers,
    although a Keith Hollis is named too (dev oxbury q14). When every word is shared, all
    are kept."""
    words = {w for w in name.split() if len(w) > 2 and w not in common and w not in STOPWORDS}
    own = name.split()
    shared = {w for other in names for w in other.split()
              if not (set(other.split()) <= set(own) or set(own) <= set(other.split()))}
    return (words - (shared - {own[-1]})) or words


def name_out_of_context(question: str, contexts: Sequence[tuple[str, str]],
                        common: frozenset[str], articles: Sequence[str] = (),
                        names: Iterable[str] = ()) -> str | None:
    """A name of the question (`name_heads`) that none of the cited quotes is about, else
    None. `contexts`: per cited quote, (the quote with the sentence before it, its article's
    title and LEAD_SENTENCES first sentences). A quote is about the name when a distinctive
    word of it (`distinctive_words`) stands in the quote's context or its article's lead:
    "Around 420 staff walked out at 4am" in an article led by Orrin's strike says nothing of
    Kelby Airport, which the article names once in passing (shared case 08's kind: a
    near-miss entity answered with the facts of the story's own). `articles`: per quote, its
    article's text; a quote's context that calls the name by its common words ("the farm
    park" for Brantwick Farm Park) in an article that names it in full is about it too.
    `names`: the articles' names, whose shared words mark neither (`distinctive_words`)."""
    if not contexts:
        return None
    names = set(names)
    for name in name_heads(question):
        words = distinctive_words(name, common, names)
        if not words or any(re.search(rf"\b{re.escape(w)}\b", text.lower())
                            for pair in contexts for text in pair for w in words):
            continue
        tail = " ".join(w for w in name.split() if w in common)  # "farm park"
        if tail and any(re.search(rf"\bthe {re.escape(tail)}\b", context.lower())
                        and name in normalize_for_match(article)
                        for (context, _), article in zip(contexts, articles, strict=False)):
            continue
        return name
    return None


def quote_index(article: Article, quote: str) -> int | None:
    """The position among `article`'s body sentences of the first that holds `quote`."""
    return next((i for i, s in enumerate(article.body_sentences) if quote in s.text), None)


def sentence_before(article: Article, quote: str) -> str:
    """The body sentence before the one of `article` that holds `quote`, "" for none."""
    at = quote_index(article, quote) or 0
    return article.body_sentences[at - 1].text if at > 0 else ""


_PRONOUN_OPENING = re.compile(r"^(?:he|she|they|it)\b", re.IGNORECASE)


def quote_context(article: Article, quote: str) -> tuple[str, str]:
    """(the quote with the sentence before it, and the one before that when it opens on a
    pronoun; the article's title, byline, outlet and
    LEAD_SENTENCES first body sentences): where a name the quote leaves unsaid may stand
    (`name_out_of_context`)."""
    meta = (article.title, article.byline, article.outlet)
    lead = " ".join([*(x for x in meta if x),
                     *(s.text for s in article.body_sentences[:LEAD_SENTENCES])])
    before = sentence_before(article, quote)
    if _PRONOUN_OPENING.match(before):
        # "She alleged that ..." points further back, to whom it names ("... researcher
        # Imogen Straker, who said ..."; a data-breach newcomer's "Corvane denied ignoring
        # the warning" was read as about no Straker)
        before = f"{sentence_before(article, before)} {before}"
    return f"{before} {quote}", lead


def quote_rival(question: str, article: Article, quote: str) -> str | None:
    """The near-miss of a name of the question that a quote of `article` is about
    (`slots.antecedent_rival`, over the ANTECEDENT_SENTENCES sentences before it), else None."""
    body = article.body_sentences
    at = quote_index(article, quote)
    if at is None:
        return None
    before = [s.text for s in body[max(0, at - ANTECEDENT_SENTENCES): at]]
    return antecedent_rival(question, body[at].text, before)
