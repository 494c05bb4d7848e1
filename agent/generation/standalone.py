"""Whether a sentence quoted out of its article reads on its own, in a summary's voice:
a whole clause (`complete_sentence`) that names whom it is about and who speaks, points
back to nothing its article said before, and states rather than judges (`stands_alone`).
The story floor (agent.generation.extractive) and the per-article summaries quote only
such sentences."""

from __future__ import annotations

import re

from agent.generation.sentence_checks import cut_mid_clause, has_finite_verb
from agent.text.analysis import analyze
from agent.text.facts import NOT_ENTITY, WORD, content_without_quotes
from agent.text.injection import looks_like_instruction
from agent.text.lexicon import is_verb_only
from agent.text.responses import points_back
from agent.text.speakers import attribution
from agent.text.voice import THIRD_PERSON

# "Business owners in Wendmouth fear the same.": what, the sentence before says; "No signal
# has been received since.": since what, the sentence before says (a newcomer's space story)
_SAME_AS_BEFORE = re.compile(r"\b(?:the same|likewise|since(?: then)?)\W*$", re.IGNORECASE)
# "denied sending any such instruction", "Such claims were rejected": "such" names what the
# article told before (not "such as", "such that"); a newcomer's strike ballot (session
# 70) had the denial printed as a point without the charge it answers
_SUCH = re.compile(r"\bsuch\s+(?!as\b|that\b)(?:an?\s+)?[a-z]", re.IGNORECASE)


# The third-person pronouns and demonstratives, each form: "Hers was one of many emergencies"
# names no one out of its article (a reader of a dev summary).
# So do those after a fronted time or linking phrase: "Three years ago it was ordered to
# pay £3.5 million", "In 2023, it was fined" (an environment newcomer, session 53).
_PRONOUN_START = re.compile(
    r"^[\"'“‘]?(?:(?:in|on|at|by|after|before|during|since|last|earlier|later|however|"
    r"instead|meanwhile|now|then|yet|still|also|speaking)\b[^,\"“”]{0,30},\s+|"
    r"(?:[\w-]+\s+){1,3}ago,?\s+)?"
    rf"(?:{'|'.join((*THIRD_PERSON, 'this', 'that', 'these', 'those'))})\b",
    re.IGNORECASE)
# A pronoun or demonstrative as the object of an opening phrase points back the same way:
# "Among them was Maureen Dovecote, 71, ..." (them: the protesters of the sentence before, a
# newcomer's council story), "Two of those were children", "Despite this, ...".
_OPENS_ON_OBJECT = re.compile(
    r"^[\"'“‘]?[a-z-]+\s+(?:[a-z-]+\s+of\s+|of\s+)?(?:(?:them|him|it)\b|(?:these|those|this|that)"
    r"(?=\s*,|\s+(?:is|was|are|were|has|had|have|will|would|can|could|may|might)\b))",
    re.IGNORECASE)
# Reporters' no-comment lines state only an absence: beside the accusation they answer they
# matter, alone in a summary they are filler ("BrightWay did not respond to a request for
# comment").
# (and a refusal to confirm, deny or say: "The university declined to confirm the
# meeting" names what only its article told, and tells nothing; a newcomer, session 70)
_NO_COMMENT = re.compile(r"\b(?:(?:declined|refused) to (?:comment|confirm|deny|discuss|say)|"
                         r"(?:did not|has not|had not) (?:immediately )?"
                         r"(?:respond|reply|responded|replied) to (?:a |our |requests? |"
                         r"calls? )*(?:requests? )?for comment|could not be reached)\b",
                         re.IGNORECASE)
_PERSONAL = frozenset(("i", "me", "my", "we", "us", "our", "ours", "you", "your", "yours"))
# A noun after a preposition and "that" / "those" is one the article named before: "cut 30
# posts in that closure", "no one was hurt on that occasion", "nine of those children" (a
# newcomer trial and a reader of dev summaries: what closure, what occasion?). "this" is
# left alone: "in this county" points at the place of the news, not back.
_POINTS_BACK = re.compile(r"\b(?:in|at|of|on|to|for|from|by|with|after|before|since|about|"
                          r"over|under|during)\s+(?:that|those)\s+([a-z][\w-]*)\b")


def word_count(text: str) -> int:
    """Words as a reader counts them: whitespace-separated tokens."""
    return len(text.split())


def complete_sentence(text: str) -> bool:
    """A sentence a summary may quote verbatim: at least 6 words, a whole clause with a
    finite verb that is not cut off (agent.generation.sentence_checks), not an instruction
    to a model (agent.text.injection)."""
    t = text.strip()
    return (word_count(t) >= 6 and not cut_mid_clause(t) and has_finite_verb(t)
            and not looks_like_instruction(t))


def stands_alone(text: str, reply: bool = False) -> bool:
    """Readable out of its article, in the summary's voice: does not open with a pronoun
    ("She said ..."), has no first- or second-person word (a quotation's "our country",
    "help you" would read as the summary's own voice), states rather than asks or judges
    (agent.text mood "statement": an opinion piece's "X deserves ..." or "why is Y
    sulking?" printed verbatim would be the summary's opinion), and, if it reports speech,
    names who speaks (agent.text.speakers.attribution is not "someone"), is no bare
    no-comment line ("Rovers declined to comment on that claim") and names no thing by
    pointing back to its article (`_POINTS_BACK`, outside quotations: "in that closure";
    `_SUCH` unless a reply: "denied sending any such instruction").
    A `reply` printed right after the charge it answers may name its speaker by a
    description ("The board denied this, ...": a newcomer's charge was printed without it)."""
    # "US" is the country, not "us"; "I" is the one capitalised pronoun.
    words = {w.lower() for w in WORD.findall(text) if not w.isupper() or w == "I"}
    opening = text.strip()
    return (not _PRONOUN_START.match(opening) and not _OPENS_ON_OBJECT.match(opening)
            and not words & _PERSONAL
            and not _NO_COMMENT.search(text) and not _points_back(text)
            and analyze(text).mood == "statement"
            and (reply or (attribution(text) != "someone" and not points_back(text)
                           and not _SAME_AS_BEFORE.search(text)
                           and not _SUCH.search(content_without_quotes(text)))))


def _points_back(text: str) -> bool:
    """Whether `text` names a thing as "that" / "those" + noun after a preposition, outside
    a quotation (`_POINTS_BACK`); "those who ..." and "that is" name nothing."""
    return any(m.group(1) not in NOT_ENTITY and not is_verb_only(m.group(1))
               for m in _POINTS_BACK.finditer(content_without_quotes(text)))
