"""Name slots of a claim: the people and organisations it names, each as a cloze.

A claim such as "Dr Ana Ruiz leads the probe team" has one name slot: "Dr Ana Ruiz", with
the frame "____ leads the probe team". An evidence sentence that matches the rest of the
claim but not the name may give another name for the same place ("whose team is led by Dr
Ben Oyo"): the cloze check of agent.verification.slots asks the model what fills the blank
according to the sentence, and the functions here read its answer. This is the question-
answering view of factual consistency (QAGS, Wang et al. 2020; FEQA, Durmus et al. 2020),
with the claim's own names as the answers to check.

What a different filler means depends on the frame:
- a *role* frame ("X leads/chairs/runs Y", "X is the director", "X, the club's director,",
  "Y is run by X") names the holder of a position; a position has one holder at a time, so
  another name there contradicts the claim; so does a cleft ("It was X who handed over the
  petition"), which says the event had that one actor;
- any other frame ("X was jailed", "X offered the funding") is an event; another actor in it
  is a different event, which says nothing about the claim's actor.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher

from agent.text.facts import CAP_RUN, FUNCTION_WORDS, NOT_ENTITY, entities, places
from agent.text.lexicon import is_common_word
from agent.text.normalize import initials, normalize_for_match
from agent.text.segment import TITLES

BLANK = "____"

# Verbs whose subject holds a position (one holder at a time), as stems of their forms.
_ROLE_VERBS = (
    r"(?:lead|leads|led|chair|chairs|chaired|head|heads|headed|run|runs|ran|own|owns|owned|"
    r"manage|manages|managed|direct|directs|directed|coach|coaches|coached|captain|captains|"
    r"captained|found|founded|edit|edits|edited|preside|presides|presided|represent|"
    r"represents|represented)"
)
# "X leads ...", "X, who chairs ...", "X has led ..." (the name is the holder).
_HOLDER_VERB = re.compile(rf"^\s*(?:,\s*who\s+)?(?:(?:has|had|have)\s+)?{_ROLE_VERBS}\b")
# "X is the director ...", "X was its chairman", "X is Bramwell's chief executive": a copula
# followed by a determiner or possessive, not a participle ("X was jailed" is an event).
_COPULA_ROLE = re.compile(
    r"^\s*(?:is|was|remains|has\s+been|had\s+been)\s+(?:the|a|an|its|their|his|her|"
    r"[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)*[’']s)\s"
)
# "Y is run by X" / "led by X": the name after "by" holds the position.
_BY_HOLDER = re.compile(
    rf"\b(?:is|was|are|were|been)\s+{_ROLE_VERBS}\s+by\s+(?:[a-z]+\s+){{0,3}}$"
)
# "Y is run by ... X": the name is the subject of a passive role verb.
_SUBJECT_OF_ROLE_PASSIVE = re.compile(rf"^\s*(?:is|was|are|were)\s+{_ROLE_VERBS}\s+by\b")
# "X, the club's sporting director, said": an apposition between two commas.
_APPOSITION = re.compile(r"^\s*,\s*(?:the\s+|a\s+|an\s+)?[^,]{3,60}?,")
# A title of lower-case words right before the name: "chief executive Ingrid Solberg".
_TITLE_BEFORE = re.compile(r"(?:^|[\s,])((?:[a-z]+\s+){1,3})$")
# "The spokesman was X", "Its chairman is X": a role noun phrase, a copula, then the name.
_ROLE_IS = re.compile(
    r"^\s*(?:the|its|their|his|her|[A-Z][\w’'-]*[’']s)\s+(?:[a-z-]+\s+){1,3}"
    r"(?:is|was|remains)\s+$",
    re.IGNORECASE,
)
# "It was X that/who ...": a cleft puts the name in focus, saying it was X and no one else,
# so another name doing the same is another version of who did it (labelling rule 1's "who").
_CLEFT_BEFORE = re.compile(r"(?:^|[.;:]\s+)It\s+(?:was|is|were)\s+$")
_CLEFT_AFTER = re.compile(r"^\s*(?:,[^,]{1,80},\s*)?(?:that|who|which)\b")
_FINITE = re.compile(r"\b\w+ed\b|\b(?:is|was|are|were|said|says|has|had|will|would)\b")


@dataclass(frozen=True)
class NameSlot:
    """One name of a claim as a cloze: `name` as written, `frame` the claim with BLANK in
    its place, `role` True when the frame names the holder of a position (see module doc)."""

    name: str
    frame: str
    role: bool


def name_words(text: str) -> list[str]:
    """The capitalised words of a name, lower-cased, titles and function words dropped."""
    words = []
    for w in text.split():
        bare = w.strip("“”\"'’,.;:()").replace("’s", "").replace("'s", "").replace(".", "")
        if bare and bare[0].isupper() and bare.lower().strip("’'") not in NOT_ENTITY:
            words.append(bare.lower())
    return words


def _is_role(claim: str, start: int, end: int) -> bool:
    before, after = claim[:start], claim[end:]
    if _HOLDER_VERB.match(after) or _COPULA_ROLE.match(after):
        return True
    if _SUBJECT_OF_ROLE_PASSIVE.match(after) or _BY_HOLDER.search(before):
        return True
    if _CLEFT_BEFORE.search(before) and _CLEFT_AFTER.match(after):
        return True
    appos = _APPOSITION.match(after)
    if (appos and not _FINITE.search(appos.group(0))) or _ROLE_IS.match(before):
        return True
    # A lower-case title right before the name ("chief executive X"), not a verb ("said X")
    # nor a preposition or article ("the team behind X", "chairs the X").
    title = _TITLE_BEFORE.search(before)
    if title is None or _FINITE.search(title.group(1)):
        return False
    return not any(w in FUNCTION_WORDS or w in NOT_ENTITY for w in title.group(1).split())


def name_slots(claim: str) -> list[NameSlot]:
    """The claim's names of people and organisations as cloze slots, in order.

    Places are left out (agent.verification.checks compares them), and so are capitalised
    words that are only titles, months or weekdays. A capitalised first word that is no name
    ("Pedestrians") is a slot too: the evidence then has it, or the cloze finds no name."""
    out: list[NameSlot] = []
    claim_places = places(claim)
    for m in CAP_RUN.finditer(claim):
        span = m.group(0)
        # Leading function words and titles stay in the frame ("The Kittiwake probe").
        words = span.split()
        skip = 0
        while skip < len(words) and words[skip].lower().strip("’'") in NOT_ENTITY:
            skip += 1
        if skip == len(words):
            continue
        start = m.start() + len(" ".join(words[:skip])) + (1 if skip else 0)
        name = claim[start : m.end()].rstrip("’'")
        if name.endswith(("’s", "'s")):
            name = name[:-2]
        end = start + len(name)
        if name.lower() in claim_places:
            continue
        frame = claim[:start] + BLANK + claim[end:]
        out.append(NameSlot(name=name, frame=frame, role=_is_role(claim, start, end)))
    return out


_WORD_AFTER_START = re.compile(r"(?<=[\w,;:’'\")”])\s+([A-Z][\w’'-]*)")


def proper_words(sentences: Iterable[str]) -> frozenset[str]:
    """The words `sentences` capitalise where no sentence starts, lower-cased without a
    possessive: the words of names ("canada", "pellow"). A claim's capitalised first word
    ("Around 120 scientists ...", "Drivers are ...") is a name only if its articles write it
    so mid-sentence; a claim alone cannot tell "Canada refused" from "Combined, the firms"."""
    out: set[str] = set()
    for text in sentences:
        for m in _WORD_AFTER_START.finditer(text):
            out.add(_bare(m.group(1)))
    return frozenset(out)


def lower_words(sentences: Iterable[str]) -> frozenset[str]:
    """The words `sentences` write in lower case: common words, not names ("airport" of
    "the airport", beside "Kelby Airport")."""
    return frozenset(w for text in sentences for w in re.findall(r"\b[a-z][a-z-]*", text))


def _bare(word: str) -> str:
    return word.lower().replace("’s", "").replace("'s", "").strip("’'")


def is_name(word_run: str, known: frozenset[str] | None) -> bool:
    """Whether a capitalised run is a name: two or more words are; one word is when
    `known` (`proper_words` of the articles) has it, or when nothing is known."""
    words = word_run.split()
    return known is None or len(words) != 1 or _bare(words[0]) in known


def absent_from(slot: NameSlot, evidence: str) -> bool:
    """No word of the slot's name occurs in the evidence sentence."""
    low = normalize_for_match(evidence)
    return not any(re.search(rf"\b{re.escape(w)}\b", low) for w in name_words(slot.name))


# How alike two spellings of a name word must be to be a near-miss ("Fellsham" / "Felsham",
# "Castellan" / "Castellane": 0.93 and 0.95; "Pryce" / "Price" 0.8), by difflib's ratio.
NEAR_SPELLING = 0.8


def _near_spelling(a: str, b: str) -> bool:
    """Spelt nearly alike, and not one name and its plural ("the Mallorys", a family)."""
    short, long_ = sorted((a, b), key=len)
    return (a != b and len(a) >= 5 and len(b) >= 5 and a[0] == b[0]
            and long_ not in (short + "s", short + "es")
            and SequenceMatcher(None, a, b).ratio() >= NEAR_SPELLING)


def spelt_alike_words(words: list[str], name: str) -> bool:
    """Some word of `name` is a near-spelling of one of `words` ("fellsham" / "felsham")."""
    return any(_near_spelling(a, b) for a in words for b in name.split())


def spelt_alike(slot_name: str, name: str) -> bool:
    """Whether `name` (lower-cased words) has a word spelt nearly like one of `slot_name`'s
    and is not `same_name`: "westcombe savings bank" for "Wexcombe Building Society". A word
    and its derivation ("council", "councillor") or possessive are one word."""
    if same_name(slot_name, name):
        return False
    other = [_bare(w) for w in name.split()]
    return any(_near_spelling(a, b) and not (a.startswith(b) or b.startswith(a))
               for a in name_words(slot_name) for b in other)


def _lower_words(text: str) -> set[str]:
    """The words of `text`, lower-cased, without possessive endings."""
    return {_bare(w) for w in re.findall(r"[\w'’&-]+", text.lower())}


def rival_in(slot: NameSlot, evidence: str) -> str | None:
    """A name of the evidence sentence that looks like the slot's name but is another entity,
    lower-cased, or None: a namesake ("Maureen Pryce" for the slot "Jonathan Pryce",
    `same_name`) or a name spelt nearly alike ("Fellsham Care Group" for "Felsham Health").
    Such a near-miss is the name a reader most easily takes for the claim's."""
    return next((name for name in sorted(entities(evidence)) if namesake(slot.name, name)),
                None)


def namesake(slot_name: str, name: str) -> bool:
    """Whether `name` (lower-cased words) is another entity named like `slot_name`: the
    same last word after another given name ("maureen pryce" for "Jonathan Pryce") or a
    word spelt nearly alike ("fellsham care group" for "Felsham Health"), not `same_name`."""
    words, other = name_words(slot_name), name.split()
    if same_name(slot_name, name):
        return False
    return ((len(words) >= 2 and len(other) >= 2 and other[-1] == words[-1])
            or spelt_alike_words(words, name))


def _distinctive(name: str, other: str) -> set[str]:
    """The words of `name` that `other` lacks, lower-cased ("brackmoor", "mountain")."""
    return _lower_words(name) - _lower_words(other) - {"the"}


def head_sibling(name: str, other: str) -> bool:
    """Whether two names of two or more words are two bodies of one kind: the same head, the
    last word ("Kelderby Fell Rescue Team" / "Brackmoor Mountain Rescue Team", "Oxbury City
    Council" / "Oxbury Vale District Council"), and each has a word the other lacks (not
    "Oxbury Council" for "Oxbury City Council": a shorter name of the same)."""
    a, b = ([_bare(w) for w in n.lower().split() if w != "the"] for n in (name, other))
    return (len(a) >= 2 and len(b) >= 2 and a[-1] == b[-1]
            and bool(set(a) - set(b)) and bool(set(b) - set(a)))


def filler_name(answer: str, evidence: str) -> str | None:
    """The name a cloze answer gives, if it is one the evidence sentence contains; None for
    "NONE", a pronoun, lower-case words or a name the sentence does not have."""
    words = name_words(answer)
    if not words or answer.strip().upper() == "NONE":
        return None
    low = normalize_for_match(evidence).replace(".", "")  # "U.S." is "US"
    if not all(re.search(rf"\b{re.escape(w)}\b", low) for w in words):
        return None
    return " ".join(words)


# Words that stand before a person's name as a title, not a given name: the abbreviations
# of agent.text.segment and their full forms.
HONORIFICS = TITLES | frozenset((
    "professor", "doctor", "mister", "miss", "sir", "dame", "lord", "lady", "judge", "justice",
    "captain", "councillor", "cllr", "inspector", "detective", "sergeant", "constable",
    "reverend", "senator", "governor"))


# A person's name has at most this many words after its titles.
MAX_NAME_WORDS = 4


def person_name(name: str) -> str | None:
    """`name` (a capitalised run) as a person's name: its words after any titles, when it
    has two to MAX_NAME_WORDS of them and the last (the surname) is no common word
    ("Owen Baptiste"; not "Brackwater Academy" or "Westmoor Police"), or one titled word
    ("Mr Mallory"). None otherwise."""
    words = name.replace("’s", "").replace("'s", "").split()
    titled = False
    while words and words[0].lower().rstrip(".") in HONORIFICS:
        words, titled = words[1:], True
    if not words or len(words) > MAX_NAME_WORDS or is_common_word(words[-1]):
        return None
    if len(words) == 1 and not titled:
        return None
    return " ".join(words)


# A cloze answer's determiner, and the words of a description the sentence brings in
# as someone new ("A 38-year-old woman from Stanmere ...", "a second suspect").
_DETERMINER = re.compile(r"^(?:an?|the|another)\s+", re.IGNORECASE)
_INTRODUCED = r"\b(?:an?|another)\s+"


def unnamed_other(slot_name: str, answer: str, sentence: str,
                  preceding: Sequence[str]) -> str | None:
    """The description a cloze answer gives in place of a person's name, lower-cased, when
    it is someone else: the sentence brings it in with "a", "an" or "another" ("A
    38-year-old woman from Stanmere ... has been released without charge", answered "the
    38-year-old woman") after its article has already named the person (`preceding`: the
    article's sentences before it). News names a person and then goes on with "he" or "the
    former director"; a new indefinite description is a new person, so the sentence tells
    another's event (a crime newcomer: "Police released Dominic Hartigan without charge" was
    supported by the woman's release). None for a body's name, "NONE", a description that
    holds the name's words, or a person the article has not named before (an arrest told
    as "A 54-year-old man was arrested ..." before it names him)."""
    person = person_name(slot_name)
    described = _DETERMINER.sub("", answer.strip().strip(".,;:\"'“”")).lower()
    words = described.split()
    if person is None or not words or described.upper() == "NONE":
        return None
    surname = person.split()[-1].lower()
    if any(w.strip(",.") in _lower_words(person) for w in words):
        return None
    head = r"\s+".join(map(re.escape, words[:3]))
    if not re.search(_INTRODUCED + head + r"\b", sentence, re.IGNORECASE):
        return None
    named = any(re.search(rf"\b{re.escape(surname)}\b", s, re.IGNORECASE) for s in preceding)
    return described if named else None


def same_name(slot_name: str, filler: str) -> bool:
    """Whether a filler names the slot's entity: its acronym ("US" for "United States"), or
    the same last word (surname, "Trust") and no other given name ("Pellow" is "Graham
    Pellow"; "Maureen Pryce" is not "Jonathan Pryce"; "Rovers Supporters' Trust" is "the
    Rovers Supporters' Trust")."""
    # A title is no given name: "Professor Lisle" is "Anton Lisle"
    a = [w for w in name_words(slot_name) if w.rstrip(".") not in HONORIFICS]
    b = [w for w in filler.split() if w.rstrip(".") not in HONORIFICS]
    if not a or not b:
        return False
    if len(b) == 1 and len(a) > 1 and b[0] == initials(a):
        return True  # an acronym of the name: "US" is "United States"
    if len(a) == 1 and a[0] in (b[-1] + "s", b[-1] + "es"):
        return True  # a family: "the Mallorys" are Dennis Mallory's
    if a[-1] != b[-1]:
        return bool(set(a) & set(b)) and (set(a) <= set(b) or set(b) <= set(a))
    shorter, longer = (a, b) if len(a) <= len(b) else (b, a)
    return set(shorter[:-1]) <= set(longer[:-1])


def other_entity_referred(name: str, quote: str, article_text: str) -> str | None:
    """The other entity of `article_text` that `quote` refers to by a common noun (lower
    case) where a question names `name`, or None. "Hexley Town Council" against "the
    district council agreed to spend £1.8 million", in an article that names "Hexmoor
    District Council": the quote's "district council" is that council (its qualifier
    "district" belongs to the other name, not to the question's). A description without
    another such name ("the cereals group" for "Bramwell Consumer Group") refers to no one
    else."""
    words = name.lower().split()
    if len(words) < 2:
        return None
    head, own = words[-1], set(words[:-1])
    for other in entities(article_text):
        ow = other.split()
        if len(ow) < 2 or ow[-1] != head or set(ow) <= set(words):
            continue
        # a common-noun reference, in lower case: "via Hexley Bridge" names the other bridge
        # as itself, and says nothing of the question's
        for m in re.finditer(rf"\b([a-z][\w’'-]*)\s+{re.escape(head)}\b", quote):
            if m.group(1) in set(ow[:-1]) - own:
                return other
    return None


# How far back a quote's unsaid entity is looked for: the paragraph a news sentence sits in.
ANTECEDENT_SENTENCES = 3


def antecedent_rival(text: str, quote: str, before: Sequence[str]) -> str | None:
    """The near-miss of a name of `text` (a question or a claim) that `quote` is about,
    lower-cased, or None. A quote that does not write one of the text's names (`entities`:
    "The bank was fined £310,000 in 2024", "The valley has about 60 hop farms") is about the
    entity named last before it, in `before` (up to ANTECEDENT_SENTENCES sentences
    preceding it, nearest last);
    when that is one spelt nearly like the text's (`spelt_alike`: "Westcombe Savings Bank"
    for "Wexcombe Building Society", "Tollan Valley" for "Tallan Valley") or another body of
    its kind (`head_sibling`) and not the text's own, the quote gives the near-miss's facts
    (shared case 08's kind)."""
    names, text_words = entities(text), _lower_words(text)
    for name in sorted(names):
        own = _lower_words(name)
        if own <= _lower_words(quote):
            continue
        for sentence in (quote, *reversed(before)):
            # (a rival the text names too is one of its own: "X has no link to Y"; a body of
            # the same kind counts only before the quote: in it, it may be a route or a
            # party of what the quote tells, "a diversion via Hexley Bridge")
            rival = next((n for n in sorted(entities(sentence))
                          if (spelt_alike(name.title(), n)
                              or (sentence is not quote and head_sibling(name, n)))
                          and not _lower_words(n) <= text_words
                          and not _distinctive(n, name) & text_words), None)
            if own <= _lower_words(sentence):
                # the sentence names the text's entity too: the one named first is its
                # subject, which the next sentence's "It" or "Its" refers to ("Ketterby
                # Networks ... has no link to Kettering. Its own network went down ...")
                if rival is not None and _first_at(rival, sentence) < _first_at(name, sentence):
                    return rival
                break
            if rival is not None:
                return rival
    return None


def _first_at(name: str, sentence: str) -> int:
    """Where the first word of `name` (lower-cased) first stands in `sentence`, as a word;
    the sentence's length when it is not there."""
    m = re.search(rf"\b{re.escape(name.split()[0])}", sentence.lower())
    return m.start() if m else len(sentence)
