"""The tense of a clause: whether what it tells is to come or was, read from its verbs.

A day in a clause that speaks of what is to come ("will reopen on Monday") lies after its
article's date; one in a clause of a past verb ("closed on Monday") before it
(agent.text.dates reads weekdays and days of the month by it). Past forms are read from the
verb lexicon (agent.text.lexicon), not guessed from spelling.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from agent.text.facts import FINITE_CUES, WEEKDAYS, WORD
from agent.text.lexicon import is_past_form, is_third_person_present, verb_lemmas

# Words that put what a sentence tells after its publication.
# "would" is the future of a report ("said it would announce compensation on Wednesday"),
# not "would have" (what did not happen).
_FUTURE = re.compile(
    r"\b(?:will|won't|shall|would(?!\s+have)|scheduled|expected to|plans? to|"
    # what someone means to do is to come: "wants to shut the school in August 2027"
    r"(?:wants?|intends?|aims?|hopes?|proposes?|seeks?) to|"
    r"(?:is|are) (?:due|to|set to))\b",
    re.IGNORECASE)
# An obligation puts a day after it to come ("must tell the board ... by 19 June", "the
# council should reject it at its meeting on Monday"), not one before it ("candidates who sat
# the paper on 9 June must take the new one"); "should have" tells what did not happen.
_DUE = re.compile(r"\b(?:must|should|ought\s+to)(?!\s+have)\b", re.IGNORECASE)



# Where one clause of a sentence ends and another begins; "that" opens a reported clause
# ("said on Tuesday that seven papers will be retracted": the saying is past), and so does
# a reporting clause after a comma ("... will rise from 1 April, the company announced on
# Monday": the announcing is past).
_REPORTING = rf"(?:{FINITE_CUES}|announced|confirmed)"  # a reporting verb of a clause
_CLAUSES = re.compile(r"[;:]|,\s+(?:and|but|while|whereas|although)\s+|\s+[—–]\s+|\s+that\s+"
                      rf"|,\s+(?=(?:[\w’'-]+\s+){{1,5}}{_REPORTING}\b)",
                      re.IGNORECASE)



def ahead(text: str, word: str) -> bool:
    """Whether the clause of `text` holding `word` speaks of what is to come ("will reopen on
    Monday", "must apply by Friday"); what is to come is told in the word's own clause
    ("retracted four on Tuesday, and the rest are expected to follow": Tuesday is past)."""
    clause = _clause_of(text, word)
    # "next" only for the word itself: "voted on Thursday to ... from next September"
    if re.search(rf"\bnext\s+(?:{re.escape(word)}|week)\b", clause, re.IGNORECASE):
        return True
    at = clause.lower().find(word.lower())
    before = sorted((m for cue in (_FUTURE, _DUE) for m in cue.finditer(clause) if m.end() <= at),
                    key=lambda m: m.end())
    if before:
        # a past verb between the future and the word dates the word ("would consider a
        # review of the warnings issued on Friday": Friday is past), and so does one of a
        # clause the word opens after it ("will go into the last third of the season after a
        # panel on Tuesday trimmed the penalty": Tuesday is past)
        if _past_verb(clause, before[-1].end(), max(at, before[-1].end())):
            return False
        return not _in_past_subordinate(clause, before[-1].end(), at)
    after = _FUTURE.search(clause, at)
    if after is not None and _past_verb(clause, 0, at) and _COORDINATED.search(clause, at,
                                                                              after.start()):
        # "had been received on Friday and said it would be assessed": the future is told in
        # a verb joined after the word's own past one
        return False
    if after is not None and (sub := _SUBORDINATOR.search(clause, at, after.start())) and (
            _past_verb(clause, at, sub.start())):
        # "On Saturday, the children spent a freezing night on the lift because its backup
        # engine would not start": the word's own verb after it is past, and the future is
        # told in a clause of its own (a newcomer's gondola, session 69)
        return False
    return after is not None or _scheduled(clause, at)


_COORDINATED = re.compile(r"\b(?:and|but)\b", re.IGNORECASE)


# A present verb at most this many words before the "on" / "from" of a day it governs
# ("comes into force on").
SCHEDULE_WORDS = 3


def _scheduled(clause: str, at: int) -> bool:
    """Whether the day at clause[at:] is when a present verb right before it takes place, in
    a clause with no past verb: "The ban begins on Friday", "the law comes into force on
    Monday" (news tells what has happened in the past tense, and what is timetabled in the
    present; a newcomer trial's "starts on Friday" was read as the Friday gone). The words
    between the verb and "on" / "from" hold no determiner, so "is under pressure after the
    outbreak on Sunday" is no timetable. A present "is" / "are" whose complement is the day
    is one too: "The first day of the strike is 7 December", "The deadline is Friday" (a
    newcomer's strike ballot, session 70: the claim was read as of a day gone by)."""
    words = WORD.findall(clause[:at])
    if words and words[-1].lower() in ("is", "are"):
        return not _past_verb(clause, 0, len(clause))
    if not words or words[-1].lower() not in ("on", "from"):
        return False
    for word in reversed(words[-SCHEDULE_WORDS - 2:-1]):  # nearest first
        if _AFTER_DETERMINER.search(word + " "):
            return False
        if is_third_person_present(word):
            return not _past_verb(clause, 0, len(clause))
    return False


# A verb of what was: a past form of "be", "have" or "do", or a past form not after "is" /
# "are" / "be" / "remain" / "stay" (a passive or an adjective of the present: "is licensed
# until 2027", "expected to remain closed until Thursday": a newcomer's estuary spill,
# session 70): one in -ed, or one the verb lexicon knows ("came into force", "brought in";
# agent.text.lexicon), not the end of a compound ("midwife-led").
_PAST = re.compile(r"\b(?:was|were|had|did)\b|(?<!\bis )(?<!\bare )(?<!\bbe )(?<!\bremain )"
                   r"(?<!\bremains )(?<!\bstay )(?<!\bstays )(?<![\w-])[a-z]{3,}\b",
                   re.IGNORECASE)
# A word after a determiner is a noun or its modifier ("on the ground", "a bit later").
_AFTER_DETERMINER = re.compile(r"\b(?:a|an|the|its|their|his|her|our|this|that|these|those)\s+$",
                               re.IGNORECASE)


def _past_words(text: str, start: int = 0, end: int | None = None) -> Iterator[re.Match[str]]:
    """The matches of `_PAST` in text[start:end] that are past verbs: "was", "had" ..., a
    word in -ed, or a past form of the lexicon not right after a determiner."""
    for m in _PAST.finditer(text, start, len(text) if end is None else end):
        word = m.group(0).lower()
        if (word in ("was", "were", "had", "did") or (len(word) > 4 and word.endswith("ed"))
                or (is_past_form(word)
                    and not _AFTER_DETERMINER.search(text, max(0, m.start() - 8), m.start()))):
            yield m


# An -ed word between a determiner and its noun describes the noun, whatever the tense: "will
# switch to a temporary, reduced timetable from Monday" tells what is to come.
_ADJECTIVE_ED = re.compile(r"\b(?:a|an|the|its|their|his|her|our|this|these|those)\s+"
                           r"(?:[a-z-]+,\s+|[a-z]+ly\s+)?([a-z]{3,}ed)\b"
                           r"(?=\s+(?!(?:on|in|at|by|for|to|from|with|of|and|or|but|after|"
                           r"before|when|that|which|as|until|since)\b)[a-z])", re.IGNORECASE)


def _past_verb(clause: str, start: int, end: int) -> bool:
    """Whether clause[start:end] holds a verb of what was (`_PAST`), an -ed word that
    describes a noun (`_ADJECTIVE_ED`) left out."""
    adjectives = {m.start(1) for m in _ADJECTIVE_ED.finditer(clause)}
    return any(m.start() not in adjectives for m in _past_words(clause, start, end))


# What opens a clause of its own inside another: "will go ... after a panel on Tuesday
# trimmed it". Not "as" (mostly "as well as", "such as") nor "until" (a span's end).
_SUBORDINATOR = re.compile(r"\b(?:after|because|since|once|when|before)\b", re.IGNORECASE)


def _in_past_subordinate(clause: str, start: int, at: int) -> bool:
    """Whether the word at clause[at:] lies in a clause opened by a subordinator after
    clause[start] (`_SUBORDINATOR`), up to its next comma, that holds a past verb and no
    sign of what is to come."""
    opened = list(_SUBORDINATOR.finditer(clause, start, at))
    if not opened:
        return False
    end = clause.find(",", at)
    sub = clause[opened[-1].start(): len(clause) if end < 0 else end]
    return _past_verb(sub, 0, len(sub)) and not (_FUTURE.search(sub) or _DUE.search(sub))


def behind(text: str, word: str, sentence: bool = False) -> bool:
    """Whether the clause of `text` holding `word` tells what was: a past verb and no sign of
    what is to come (`ahead`): "In 2023 the board downgraded the unit"; not "is not eligible
    to play until 2027". With `sentence`, a past verb anywhere in `text` will do when the
    clause has an irregular one ("said ... a failure that cut service on Tuesday")."""
    if ahead(text, word):
        return False
    return next(_past_words(text if sentence else _clause_of(text, word)), None) is not None


_INFINITIVE = re.compile(r"\b([a-z]+)\s+to\s+([a-z]+)\b")


def untensed(text: str, word: str) -> bool:
    """Whether the nearest verb before `word` in its clause of `text` is an infinitive after
    its subject, which has no tense of its own: "said he had asked for the committee to meet
    on Thursday" tells no Thursday gone, nor one to come ("to" and a word the verb lexicon
    knows, no past verb between). After a past verb the day may be that verb's: "voted to
    close the bridge on Friday", "went to court on Friday" are read as told."""
    clause = _clause_of(text, word)
    at = clause.lower().find(word.lower())
    last = next(reversed(list(_INFINITIVE.finditer(clause.lower(), 0, max(at, 0)))), None)
    return (last is not None and bool(verb_lemmas(last.group(2)))
            and not is_past_form(last.group(1)) and not last.group(1).endswith("ed")
            and not _past_verb(clause, last.end(), at))


# A reported clause with no "that" opens after its reporting verb and the day it was said
# ("The council said on Monday the bridge will reopen": the saying is Monday's, past).
_SAID_ON = re.compile(rf"\b{_REPORTING}\s+(?:on\s+)?"
                      rf"(?:{'|'.join(WEEKDAYS)}|yesterday|today)\b", re.IGNORECASE)


# A relative clause set off by commas: "The walkout, which started at six o'clock on Tuesday
# morning, is set to last three days" (a newcomer's strike story, session 66: Tuesday was
# read as the one to come, and refuted "scheduled to finish on Friday")
_RELATIVE = re.compile(r",\s+(?:which|who|whose)\s+[^,;:]+(?:,|$)", re.IGNORECASE)


def _clause_of(text: str, word: str) -> str:
    """The clause of `text` that holds `word`: a relative clause set off by commas
    (`_RELATIVE`), else a part of it split at `_CLAUSES` and after `_SAID_ON`, else the
    whole text."""
    for m in _RELATIVE.finditer(text):
        if re.search(rf"\b{re.escape(word)}\b", m.group(0), re.IGNORECASE):
            return m.group(0).strip(" ,")
    parts = [p for c in _CLAUSES.split(text)
             for p in _SAID_ON.sub(lambda m: m.group(0) + "\0", c).split("\0")]
    return next((c for c in parts if word.lower() in c.lower()), text)
