"""Whether an answer's quotes tell what its question asks (issue 13: an answer whose relation
is in no cited sentence is dropped). Each check is one kind of answer that quotes the
question's names and nothing of what it asks:

- the act of a yes/no, "how many" or "what share of" question (`states_asked_act`): "Has
  Fiona Trask lodged an appeal against her sentence?" is not answered by a column's "Fiona
  Trask did not just steal from a company." (a court newcomer, session 50). The act is the
  question's words other than its names; a quote tells it when it shares a stem with them
  (agent.text.analysis.stems);
- anything beyond the question's own words (`tells_more_than_asked`);
- a doer, for "Who <verb> ...?" (`names_the_doer`). The verb missing from the quotes is no
  finding: a check of that was tried (session 51) and dropped, as a synonym ("unearthed" for
  "found") sent a right dev answer to the extractive fallback. Only the verb in passives
  with no "by" is;
- a specific topic of "What did X say about ...?" (`tells_asked_topic`);
- what happened, for a yes/no question about it (`settles_yes_no`).

Two-part questions are left alone.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from agent.generation.asked import COMPOUND
from agent.text.agents import AUX, BE
from agent.text.analysis import analyze, stems
from agent.text.facts import CAP_RUN, CUE_RE, entities
from agent.text.lexicon import is_past_form, verb_lemmas
from agent.text.normalize import initials
from agent.text.tense import ahead

_AUX = r"(?:has|have|had|did|does|do|is|are|was|were|will|would|can|could)"
_YES_NO = re.compile(rf"^\s*{_AUX}\s+(.+)$", re.IGNORECASE)
# "How many users have joined the group claim?": the act is what follows the counted thing
# and its auxiliary ("joined the group claim"). A dev story's unanswerable question of this
# kind was answered with the count of all the app's users.
_HOW_MANY = re.compile(rf"^\s*how\s+(?:many|much)\s+(?:[\w’'-]+\s+){{1,4}}?{_AUX}\s+(.+)$",
                       re.IGNORECASE)
# "What proportion of voters supported action short of a strike?": a share asked as a
# how-many, its group and act after "of" (a newcomer's strike ballot, session 70, was
# answered with the turnout, a share of nothing the question names).
_SHARE_OF = re.compile(r"^\s*what\s+(?:proportion|share|percentage|fraction)\s+of\s+(.+)$",
                       re.IGNORECASE)


def asked_act(question: str) -> frozenset[str]:
    """The stems of the act a one-part yes/no question, a one-part "how many" or "how
    much" question with an auxiliary after what it counts, or a "what share of" question
    (its group and act), asks about (see the module docstring); empty for other questions
    and for two-part ones."""
    if COMPOUND.search(question):
        return frozenset()
    asked = _YES_NO.match(question) or _HOW_MANY.match(question) or _SHARE_OF.match(question)
    if asked is None:
        return frozenset()
    names = {t for e in entities(question) for t in stems(e)}
    return frozenset(stems(asked.group(1)) - names)


def states_asked_act(question: str, quotes: Sequence[str]) -> bool:
    """Whether some quote of `quotes` shares a stem with the act `question` asks about
    (`asked_act`); True when it asks about none."""
    act = asked_act(question)
    return not act or any(act & stems(q) for q in quotes)


# A question that asks for something: "What did ... find", "Who ...", "How many ...".
_WH = re.compile(r"^\s*(?:what|which|who|whom|whose|where|when|why|how)\b", re.IGNORECASE)


def tells_more_than_asked(question: str, texts: Sequence[str]) -> bool:
    """Whether the answer `texts` to a one-part wh-question say anything the question does
    not: a word stem beyond its own, a name's acronym counting as the name ("ESA" for the
    Environmental Standards Authority). "What did the Environmental Standards Authority find
    when it last inspected the Redvale site in March?" is not answered by "The ESA last
    inspected the site in March." (a fresh dev question the articles cannot answer, session
    65), nor a why-question by its own event in other verb forms (`_lemma_stems`); a verb
    of speech adds nothing ("Felsham says ..."). True for other questions and for no
    texts."""
    if not texts or not _WH.match(question) or COMPOUND.search(question):
        return True
    asked = {t for word in _words(question) for t in _lemma_stems(word)}
    asked |= {initials(run.split()).lower() for run in CAP_RUN.findall(question)
              if len(run.split()) > 1}
    return any(_lemma_stems(word).isdisjoint(asked) for text in texts
               for word in _words(text) if stems(word) and not CUE_RE.fullmatch(word))


def _words(text: str) -> list[str]:
    return re.findall(r"[\w’'-]+", text)


def _lemma_stems(word: str) -> set[str]:
    """The stems of `word` and of the verbs it is a form of ("found": "found", "find"):
    "Why did the jury find Pellow not guilty ...?" is restated by "The jury found Pellow not
    guilty ..." (fresh dev questions, session 66)."""
    return set(stems(word)) | {s for lemma in verb_lemmas(word) for s in stems(lemma)}


# "Who bequeathed the painting ...?": the verb of a question that asks for a doer.
_WHO_DID = re.compile(r"^\s*who\s+([a-z]+)\b", re.IGNORECASE)
_AFTER_PARTICIPLE = frozenset(("on", "in", "at", "from", "during", "near", "outside", "inside",
                               "last", "yesterday", "earlier", "by"))


def _agentless(words: Sequence[str], at: int) -> bool | None:
    """Whether the verb form at `at` of `words` (commas among them) is a passive with no
    doer ("since it was bequeathed in 1952", "The painting, bequeathed in 1952,", "footage
    recorded on Mill Lane": a fresh dev question, session 66): True; a passive with "by"
    within six words after it: False; an active form ("who is leading the response"):
    None."""
    if not is_past_form(words[at]):
        return None
    passive = words[at - 1:at] == [","] or any(w in BE for w in words[max(0, at - 3):at])
    # a participle after its noun, a place or time after it: "footage recorded on Mill Lane"
    reduced = 0 < at < len(words) - 1 and words[at + 1] in _AFTER_PARTICIPLE
    if not (passive or reduced):
        return None
    return "by" not in words[at + 1:at + 7]


def names_the_doer(question: str, quotes: Sequence[str]) -> bool:
    """Whether `quotes` may name who did what a "Who <verb> ...?" question asks about: False
    when the verb (any form of its lemma, agent.text.lexicon) stands in them only in
    passives with no "by" ("Who bequeathed the painting to the museum?" is not answered by
    "since it was bequeathed in 1952": a fresh dev question the articles cannot answer,
    session 65); True when it stands active or with "by", when they do not hold it (another
    verb may tell it), and for other questions ("Who was arrested?" asks for a patient, "Who
    has ...?" has an auxiliary first)."""
    m = _WHO_DID.match(question)
    lemmas = verb_lemmas(m.group(1)) if m and m.group(1).lower() not in AUX else frozenset()
    if not lemmas:
        return True
    found = []
    for quote in quotes:
        words = [w.lower() for w in re.findall(r"[\w’'-]+|,", quote)]
        found += [_agentless(words, i) for i, w in enumerate(words) if verb_lemmas(w) & lemmas]
    return not found or not all(found)


# "What did Ian Haldane say about how well equipped the walkers were?": the topic asked.
_SAID_ABOUT = re.compile(r"\b(?:say|said|says|think|thinks|thought|tell|told|claim|claimed|"
                         r"warn|warned)\b[^?]*?\babout\s+(?P<topic>[^?]+)", re.IGNORECASE)
# The content words a topic needs before its words are asked of the quotes: a topic of one
# or two ("the takeover", "the level of compensation") is often told in others ("the union
# claims that Bramwell intends to shut Kestrel's Elsworth factory": a dev answer lost when
# every topic was checked, session 66); a longer one says what of it is asked.
SPECIFIC_TOPIC_WORDS = 3


def tells_asked_topic(question: str, quotes: Sequence[str]) -> bool:
    """Whether the quotes of an answer to a one-part "What did X say about <topic>?" share a
    word (`_lemma_stems`) with a specific topic (SPECIFIC_TOPIC_WORDS content words, names
    left out: what is said of a name is asked): "What did Ian Haldane say about how well
    equipped the walkers were?" is not answered by his words on the wind (fresh dev
    questions, sessions 65 and 66: two such answers gave the person's words on something
    else). True for other questions and for no quotes."""
    m = _SAID_ABOUT.search(question)
    if m is None or not quotes or COMPOUND.search(question):
        return True
    topic = {t for word in _words(m.group("topic")) if not word[:1].isupper()
             for t in _lemma_stems(word)}
    if len(topic) < SPECIFIC_TOPIC_WORDS:
        return True
    said = {t for quote in quotes for word in _words(quote) for t in _lemma_stems(word)}
    return bool(topic & said)


# "Did Dunlin Marine succeed in refloating ...?", "Has the university agreed to publish ...?":
# a yes/no question about what has happened.
_HAPPENED = re.compile(r"^\s*(?:did|has|have|had|was|were)\b", re.IGNORECASE)


def settles_yes_no(question: str, quotes: Sequence[str]) -> bool:
    """Whether the quotes of an answer to a one-part yes/no question about what has
    happened (`_HAPPENED`) may settle it: False when every quote that tells the act asked
    (`asked_act`) tells it as what is to come (agent.text.tense.ahead: "are expected to
    attempt to refloat the ship later this week") or as what should be (mood "deontic":
    a comment's "Caverly should publish the full inquiry report"). Fresh dev questions,
    session 66. True for other questions, and when no quote tells the act."""
    act = asked_act(question)
    if not act or not _HAPPENED.match(question):
        return True
    told = []
    for quote in quotes:
        words = [w for w in _words(quote) if set(stems(w)) & act]
        if words:
            told.append(analyze(quote).mood == "deontic" or all(ahead(quote, w) for w in words))
    return not told or not all(told)
