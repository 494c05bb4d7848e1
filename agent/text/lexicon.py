"""Word classes of English words read from LemmInflect's lexicon (Jascob,
https://github.com/bjascob/LemmInflect: lemmas by part of speech and Penn Treebank
inflection tags of English words), so they are not guessed from spelling or kept in lists:
past forms of verbs, irregular ones included ("came", "brought", "fell"), and adjectives.

The tense of a clause tells whether a day in it is past or to come (agent.text.dates); a
past form of a verb of change tells a change happened (agent.text.directions); an adjective
opening a sentence is capitalised by its place, not a name (agent.text.speakers: "Local
fishermen have accused ...").
"""

from __future__ import annotations

import functools

from lemminflect import getAllInflections, getAllLemmas

_PAST_TAGS = ("VBD", "VBN")  # past tense, past participle
_PRESENT_TAGS = ("VB", "VBP", "VBZ")  # base form, present tense


@functools.lru_cache(maxsize=8192)
def is_past_form(word: str) -> bool:
    """Whether `word` (one word, any case) is the past tense or past participle of some verb
    and not also that verb's base or present form: "came", "brought", "fell" (of "fall"),
    "left", "announced" are; "cut", "put", "read" (the same in the present) and "need" are
    not. A word the lexicon lacks is not. The word may still be a noun ("on the ground"):
    callers that read a clause's tense judge its place in the sentence."""
    low = word.lower()
    for lemma in getAllLemmas(low).get("VERB", ()):
        forms = getAllInflections(lemma, upos="VERB")
        if (any(low in forms.get(tag, ()) for tag in _PAST_TAGS)
                and not any(low in forms.get(tag, ()) for tag in _PRESENT_TAGS)):
            return True
    return False


@functools.lru_cache(maxsize=8192)
def is_third_person_present(word: str) -> bool:
    """Whether `word` (one word, any case) is the third-person present of some verb:
    "starts", "begins", "comes", "is" are; "started", "start" and "Friday" are not. (Such a
    word may also be a plural noun, "talks": callers read its place in the clause.)"""
    low = word.lower()
    if low in ("is", "are"):
        return True
    return any(low in getAllInflections(lemma, upos="VERB").get("VBZ", ())
               for lemma in getAllLemmas(low).get("VERB", ()))


@functools.lru_cache(maxsize=8192)
def is_adjective(word: str) -> bool:
    """Whether `word` (one word, any case) can be an adjective: "local", "angry", "senior"
    (also a noun) are; "Kestrel", "police" and words the lexicon lacks ("Saxby") are not."""
    return "ADJ" in getAllLemmas(word.lower())


@functools.lru_cache(maxsize=8192)
def verb_lemmas(word: str) -> frozenset[str]:
    """The verbs `word` (one word, any case) is a form of: {"accuse"} for "accused", {"see",
    "saw"} for "saw"; empty for a word that is no verb's form ("nurses") or that the lexicon
    lacks."""
    return frozenset(getAllLemmas(word.lower()).get("VERB", ()))


@functools.lru_cache(maxsize=8192)
def is_noun(word: str) -> bool:
    """Whether `word` (one word, any case) can be a noun: "gusts", "staff", "repairs" are;
    "in", "last" and words the lexicon lacks are not."""
    return "NOUN" in getAllLemmas(word.lower())


@functools.lru_cache(maxsize=8192)
def is_noun_only(word: str) -> bool:
    """Whether `word` (one word, any case) has no adjective or adverb reading: "Route",
    "Ward" and "Apollo" (a word the lexicon lacks) are such; "About", "Nearly", "Over" and
    "Fewer" are not. A capitalised sentence opening that is no modifier names a thing when
    a number follows it ("Route 42 lost ...", agent.text.quantities)."""
    return not {"ADJ", "ADV"} & getAllLemmas(word.lower()).keys()


@functools.lru_cache(maxsize=8192)
def is_verb_only(word: str) -> bool:
    """Whether `word` (one word, any case) is an auxiliary, or a verb form with no noun
    reading: "carries", "lost", "was", "will" are; "runs", "homes", "staff" (nouns too)
    and words the lexicon lacks are not."""
    found = getAllLemmas(word.lower())
    return "AUX" in found or ("VERB" in found and "NOUN" not in found)


@functools.lru_cache(maxsize=8192)
def is_common_word(word: str) -> bool:
    """Whether `word` (one word, any case; a hyphenated word by any of its parts) is in the
    lexicon at all: "chancellor", "vice-chancellor", "mayor", "Rose" are; given names the
    lexicon lacks ("Helena", "Joanna") are not. A capitalised word before a surname that is
    no common word is a given name, not an office (agent.text.slots)."""
    return any(getAllLemmas(part) for part in word.lower().split("-") if part)


@functools.lru_cache(maxsize=8192)
def is_noun_not_verb(word: str) -> bool:
    """Whether `word` (one word, any case) can be a noun and no verb: "payment", "tariff",
    "subsidy" are; "cut", "rise", "refund" (a noun that another outlet may tell as its
    verb: "a £600k cut" / "slashed ... by £800,000"), "although" and words the lexicon
    lacks are not."""
    found = getAllLemmas(word.lower())
    return "NOUN" in found and "VERB" not in found


@functools.lru_cache(maxsize=8192)
def is_singular_noun(word: str) -> bool:
    """Whether `word` (one word, any case) is a noun in its singular form: "lynx", "ferry",
    "council" are; "passengers", "people" and words the lexicon lacks are not."""
    low = word.lower()
    return low in getAllLemmas(low).get("NOUN", ())


@functools.lru_cache(maxsize=1024)
def noun_plural(word: str) -> str:
    """The plural of noun `word` by the lexicon ("metre" -> "metres", "foot" -> "feet"), or
    `word` itself where it has none (an abbreviation: "km", "kph"); a noun of several words
    has its last word in the plural ("nautical mile" -> "nautical miles")."""
    if " " in word:
        first, last = word.rsplit(" ", 1)
        return f"{first} {noun_plural(last)}"
    forms = getAllInflections(word, upos="NOUN").get("NNS", ())
    return forms[0] if forms else word
