"""Whose voice a sentence speaks in: the mood of what its writer says in their own name.

A news report states; an opinion piece also judges ("X deserves better"), asks ("why is Y
sulking?"), exhorts ("it is time to act") and speaks as a person ("I believe him", "you
would think the estate would be pleased"). Read from the part of a sentence its writer
asserts (agent.text.facts.asserted_part: quotations and reported clauses removed), so a
judgement in someone else's name stays a statement of what they said.
"""

from __future__ import annotations

import re

from agent.text.facts import asserted_part, content_without_quotes, entities

# The writer's own judgement, not a report: what someone "should", "ought to" do or
# "deserves" (deontic modality; Palmer, "Mood and Modality", 2001, ch. 3), an exhortation
# ("make no mistake", "let us", "it is time to"), and what "is right"/"is wrong" of someone.
# Not a question it reports ("a row over who should share in the reward").
_DEONTIC = re.compile(
    r"(?<!who )(?<!what )(?<!whether )\b(?:should(?:n[’']t)?|ought(?:n[’']t)? to|deserves?d?|"
    r"make no mistake|let[’']?s|let us|(?:is|are|was|were) (?:right|wrong)|"
    r"it(?:[’']s| is) (?:high )?time (?:to|for|that))\b",
    re.IGNORECASE,
)
# "should" where the writer reports or asks rather than judges: inside an indirect
# question ("a hearing to decide how much the claimants should receive"), in a decision
# reported ("a tribunal decided they should be treated as workers") and in the reader's
# warning against a near-miss name ("should not be confused with"). Dev stories: these three
# made three news reports read as comment pieces.
_NOT_JUDGING = re.compile(
    r"\b(?:how|whether|why)\b[^,;:.]*?\bshould\b"  # "which", "who" may open a relative
    r"|\b[a-z]+ed\s+(?:that\s+)?(?:they|he|she|it|we|the\s+[a-z]+)\s+should\b"
    r"|\bshould\s+not\s+be\s+confused\b",
    re.IGNORECASE,
)
# Person deixis: the writer speaks as "I"/"we" or to the reader as "you" (the subject
# pronouns only; a report's own voice is third person, its first person lives in quotes).
# ("I" of "P&I" or "R&I" is no first person: a newcomer's trade paper, session 70)
_PERSONAL = re.compile(r"(?<![&\w])I(?![&\w])|\b(?i:we|you)\b")
# The third-person pronouns, every form: in a summary or a difference line they point to a
# name outside the sentence unless it names one before them.
THIRD_PERSON = ("he", "him", "his", "she", "her", "hers", "it", "its", "they", "them", "their",
                "theirs")
# A sentence that ends as a sentence does: a row of buttons ("[I agree] [More options]") is
# page furniture, not anyone's voice.
_ENDS = re.compile(r"[.!?][”\"’']?\s*$")
# The tail of a quotation begun in an earlier sentence: `We couldn't," Osei-Brandt said.`
_QUOTE_TAIL = re.compile(r"^[^“”\"]*[,.!?;:]\s*[”\"]")


def own_voice(text: str) -> str:
    """What the writer asserts in their own name (`asserted_part`), without the tail of a
    quotation that an earlier sentence opened; "" when a hedge qualifies all of it."""
    return asserted_part(_QUOTE_TAIL.sub(" ", text, count=1))


def mood(text: str) -> str:
    """The mood of the sentence's own voice (`own_voice`), one of:

    - "question": it asks (its text outside quotations ends with "?");
    - "deontic": it judges what should be or who deserves what, or exhorts;
    - "personal": it speaks as "I"/"we" or addresses the reader as "you";
    - "statement": none of these.

    A news summary quotes statements only: any other mood in no one's name reads as the
    summary's own view (agent.generation.extractive)."""
    if content_without_quotes(text).rstrip().endswith("?"):
        return "question"
    own = own_voice(text).strip()
    if _DEONTIC.search(_NOT_JUDGING.sub(" ", own)):
        return "deontic"
    return "personal" if _PERSONAL.search(own) else "statement"


def speaks_of_named_party(text: str) -> bool:
    """Whether the sentence, in the "personal" mood, names someone in its own voice ("You
    would think the Hensworth Estate would be celebrating"; not a site's "By continuing you
    agree to our use of cookies"): a capitalised name after its first word, in a sentence
    that ends with terminal punctuation."""
    words = own_voice(text).split(None, 1)
    return (mood(text) == "personal" and len(words) == 2 and bool(_ENDS.search(text))
            and bool(entities(words[1])))

