"""Polarity: whether a statement is negative, which of its words a negation reaches, and
which words a sentence affirms.

Sentence-level polarity (`negated`) cannot see that "We can share information, but we will
never accept troops" affirms sharing: its negation belongs to the other clause. So a
claim's negated words are the few words right after its negator ("cannot collaborate", "no
exemptions", "refuse to share information"), up to a preposition or clause boundary; a
sentence affirms a word when it says it in a part with no negation. Word shapes only, so it
carries over to any story.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from agent.text.facts import AUXILIARIES, CHARGE_NOUNS, STATEMENT_NOUNS
from agent.text.normalize import normalize_for_match

# Grammatical negation and verbs whose meaning is a refusal: the polarity of a statement.
NEGATIONS = frozenset(["not", "no", "never", "none", "neither", "nor", "without", "cannot"])
NEG_STEMS = (
    "reject",
    "refus",
    "deni",
    "deny",
    "declin",
    "dismiss",
    "turned down",
    "turn down",
    "turns down",
    "ruled out",
    "rule out",
    "fail",
    "halt",
    "block",
    "oppos",
    "vetoed",
)

# "Did not reject", "never denied": two negations that cancel out.
_DOUBLE_NEGATION = re.compile(
    r"(?:\b(?:not|never)|n't)\s+(?:\w+\s+)?(?:" + "|".join(NEG_STEMS) + r")[a-z]*"
)


def cancel_double_negation(low: str) -> str:
    """Lower-cased text with "did not reject"-style double negatives blanked out."""
    return _DOUBLE_NEGATION.sub(" ", low)


# "no fewer than ten", "not more than 40": a bound on a figure (agent.text.quantities), no
# negation.
_GRAMMATICAL = (r"\b(?:" + "|".join(sorted(NEGATIONS)) + r")\b"
                r"(?!\s+(?:fewer|less|more)\s+than\b)|n['’]t\b")
# "Opposition" is the political opposition ("Opposition MP Tom Garside") unless it takes
# an object ("opposition to the plan"); as a title it negates nothing.
_REFUSAL = (
    r"\b(?!opposition\b(?!\s+to\b))(?:" + "|".join(re.escape(s) for s in NEG_STEMS) + r")[a-z]*"
)
# Anything that makes a part of a sentence negative ("rejected the offer" included).
_NEGATOR = re.compile(rf"{_GRAMMATICAL}|{_REFUSAL}")
# What negates the words after it: "not", "no", "cannot", or a refusal taking a clause
# ("refuse to share", "denied that he proposed"). "Rejected the offer" does not deny that
# there was an offer, so a refusal with an object opens no scope.
_SCOPE_OPENER = re.compile(rf"(?:{_GRAMMATICAL})|(?:{_REFUSAL})\s+(?:to|that|having)\b")


# Negators of a thing's existence ("no exemptions"): a sentence silent about the thing cannot
# support its absence.
_ABSENCE = frozenset(["no", "none", "without"])
# A negation reaches the next few words, up to a clause boundary or a preposition: "did not
# accept the proposal to send troops" negates accepting the proposal, not the troops.
_SCOPE_END = re.compile(
    r"[,;:.!?()\"“”—–]|\b(?:but|and|or|while|whereas|because|although|though|to|with|against|"
    r"for|from|into|onto|on|in|at|by|of|over|under|about|after|before|than|rather|as|since|if|"
    r"when|who|which|that)\b"
)
_MAX_SCOPE_WORDS = 4
# A refusal's object runs longer than a negation's scope: "turned down US President Donald
# Trump's offer" names the offer in its sixth word.
_MAX_OBJECT_WORDS = 8
_WORD_TAIL = re.compile(r"[a-z]*")
# Parts of a sentence with their own polarity: clauses split at punctuation and contrasts.
_PART_SPLIT = re.compile(r"[,;:—–]|\b(?:but|while|whereas|although|though|however|yet)\b")
_RELATIVE = ("which", "that", "who", "whom")
_SET_ASIDE = re.compile(r"\b(?:rather than|instead of)\s+")
_INFINITIVE = re.compile(r"\bto\s+[a-z]+")


def negated(text: str) -> bool:
    """Whether the statement is negative: "not", "never", "n't" or a refusal verb (and not
    two of them cancelling out: "did not reject")."""
    return bool(_NEGATOR.search(cancel_double_negation(normalize_for_match(text))))


# The verb after "no X" ("no wilt has turned up", "no charges were brought"): X is what
# does not exist, the verb what it did not do.
_AUXILIARY = re.compile(r"\b(?:has|have|had|is|are|was|were|be|been|will|would|can|could|may|"
                        r"might|shall|should|must|did|do|does)\b")


@dataclass(frozen=True)
class Scope:
    text: str  # the negated words, lower-case
    absence: bool  # "no X" / "without X": the claim says X does not exist

    @property
    def absent(self) -> str:
        """What an absence scope says does not exist: its words before an auxiliary verb
        ("wilt" of "wilt has turned up"); "" for a scope that is no absence."""
        if not self.absence:
            return ""
        return self.text[: m.start()].strip() if (m := _AUXILIARY.search(self.text)) else self.text


def negation_scopes(text: str) -> list[Scope]:
    """The negated word runs of `text`: "cannot collaborate against X" -> "collaborate"."""
    low = cancel_double_negation(normalize_for_match(text))
    scopes = []
    for m in _SCOPE_OPENER.finditer(low):
        words = _scope_words(low, m.end(), _MAX_SCOPE_WORDS)
        if words:
            head = m.group(0).split()[0]
            scopes.append(Scope(words, absence=head in _ABSENCE))
    return scopes


def _scope_words(low: str, start: int, limit: int) -> str:
    """The first `limit` words of `low` from `start`, up to the end of the scope
    (`_SCOPE_END`): what a negation or a refusal bears on."""
    rest = low[start:]
    end = _SCOPE_END.search(rest)
    return " ".join((rest[: end.start()] if end else rest).split()[:limit])


def negated_about(text: str, about: Callable[[str], bool]) -> bool:
    """Whether `text` negates something `about` accepts: a refusal verb with no object, or
    whose object `about` accepts ("rejected the offer": the refusal is the predicate), or a
    negation whose scope words (as in negation_scopes) pass `about`. "Showed no emotion as
    the jury returned guilty verdicts" negates "emotion" only, so it negates nothing about a
    guilty verdict."""
    low = cancel_double_negation(normalize_for_match(text))
    for m in _NEGATOR.finditer(low):
        opener = _SCOPE_OPENER.match(low, m.start())
        if opener is None:
            # a refusal verb: its object, after the rest of the verb, says what is refused
            # ("an injunction to halt the strike" refuses the strike, not the injunction)
            tail = _WORD_TAIL.match(low, m.end())
            words = _scope_words(low, tail.end() if tail else m.end(), _MAX_OBJECT_WORDS)
        else:
            words = _scope_words(low, opener.end(), _MAX_SCOPE_WORDS)
        if not words or about(words):
            return True
    return False


def split_by_polarity(text: str) -> tuple[str, str]:
    """(affirmed, negated): the sentence's parts without a negation, and those with one.

    A relative clause that negates ("the offer, which she rejected") negates its antecedent."""
    low = cancel_double_negation(normalize_for_match(text))
    # "darted rather than shot", "a warning instead of a fine": what is set aside is denied
    set_aside: list[str] = []
    for m in _SET_ASIDE.finditer(low):
        scope = _scope_words(low, m.end(), 3).split()
        words = " ".join(scope[:next((i for i, w in enumerate(scope) if w in AUXILIARIES), 3)])
        if words and low.startswith(words, m.end()):
            set_aside.append(words)
            end = m.end() + len(words)
            low = low[:m.start()] + " " * (end - m.start()) + low[end:]
    parts = [p for p in _PART_SPLIT.split(low) if p.strip()]
    neg = [bool(_NEGATOR.search(p)) for p in parts]
    for i in range(len(parts) - 1):
        if neg[i + 1] and parts[i + 1].lstrip().startswith(_RELATIVE):
            neg[i] = True
    affirmed = " ".join(p for p, n in zip(parts, neg, strict=True) if not n)
    # "Pressed her to accept" does not say she accepted: an infinitive affirms nothing.
    affirmed = _INFINITIVE.sub(" ", affirmed)
    negated = " ".join([*(p for p, n in zip(parts, neg, strict=True) if n), *set_aside])
    return affirmed, negated


# A refusal whose object is what others said ("denied the accusation", "rejected the
# claims", "disputed the report", "denied any wrongdoing"): the speaker says the act did not
# happen, in words that point back to it rather than repeat it. "Rejected the offer" is not
# one (an offer is no statement).
_DENIED_STATEMENT = re.compile(
    r"\b(?:deni(?:ed|es)|deny(?:ing)?|disput(?:ed|es|ing)|reject(?:ed|s|ing)?|refut(?:ed|es)|"
    r"dismiss(?:ed|es)|rebut(?:ted|s)?)\s+(?:(?:the|all|any|these|those|such|his|her|their|"
    r"its|every|of)\s+){0,2}(?:[\w’'-]+\s+)?"  # "the union's accusation"
    rf"(?:{STATEMENT_NOUNS}|wrongdoing|counts?|account)\b"
    r"|\bpleaded\s+not\s+guilty\b"
    # "strongly denied this", "Ashworth denied that, saying ...", "denies this and says":
    # the words just before
    r"|\b(?:deni(?:ed|es)|deny(?:ing)?)\s+(?:this|that|it)\s*(?:[,.;:]|$|(?:and|but)\b)"

    # "denies it was ever told about a crack", "denied that staff had been warned": a
    # clause denied (a newcomer's quarry story, session 59)
    r"|(?<!not )(?<!never )(?<!n't )(?<!n’t )\b(?:deni(?:ed|es)|deny(?:ing)?)\s+(?:that\s+"
    r"(?:[\w’'-]+\s+){1,3}?|(?:it|he|she|they|we)\s+)(?:ever\s+)?(?:had|has|have|was|were|"
    r"is|are|did|would|knew|received|made)\b"
    # "denied taking payments", "denies ever having met him": the act itself, denied
    r"|\b(?:deni(?:ed|es)|deny(?:ing)?)\s+(?:ever\s+)?(?:having\s+)?\w+ing\b"
    # "says the claim is 'completely untrue'", "called the allegations baseless": what
    # others said, named as false (an education newcomer, session 53)
    r"|\b(?:the|these|those|such|this|that|his|her|their|its)\s+(?:[\w’'-]+\s+)?"
    rf"{STATEMENT_NOUNS}\s+"
    r"(?:(?:is|are|was|were|as)\s+)?[\"“']?(?:(?:completely|totally|wholly|entirely|simply|"
    r"utterly)\s+)?(?:untrue|false|baseless|unfounded|groundless|wrong|nonsense|rubbish|"
    r"inaccurate|misleading)\b",
    re.IGNORECASE,
)


# "..., an accusation the university flatly rejects": a charge and its denial in one
# sentence (newcomer trials, health research and environment)
_DENIED_WITHIN = re.compile(
    rf"\b(?:an?|the|this|these)\s+{CHARGE_NOUNS}"
    r"\s+(?:which\s+)?(?!that\b)(?:[\w’'-]+\s+){1,4}?(?:\w+ly\s+)?"
    r"(?:deni(?:es|ed)|rejects?|rejected|disputes?|disputed)\b",
    re.IGNORECASE,
)


def denied_within(text: str) -> bool:
    """Whether `text` reports a charge and, in a clause of its own, its denial ("The alliance
    claims Veltrane shaped the trial, an accusation the university flatly rejects"). Such a
    sentence still supports "the alliance accused Veltrane ...": it is no denial
    (`denies_a_statement`), but the charge it reports is contested."""
    return bool(_DENIED_WITHIN.search(text))


def denies_a_statement(text: str) -> bool:
    """Whether `text` reports a denial of what others said or of an act ("Lindqvist denied
    the accusation", "had denied all the charges", "pleaded not guilty", "denied taking
    payments"). Such a sentence never supports the act it denies, though it names the
    act's actor and topic."""
    return bool(_DENIED_STATEMENT.search(text))
