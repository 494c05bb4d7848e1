"""What code can read off a sentence without a model: numbers, dates, places, names, polarity,
and whether it states something as fact or reports that someone said it.

Used by agent/checks.py to compare a claim with its evidence. Nothing here knows about any
particular story.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from agent.text.number_words import NUMBER_WORD


def _words(text: str) -> list[str]:
    return text.split()


MONTHS = _words(
    "january february march april may june july august september october november december"
)
_MONTH_ABBR = {m[:3]: m for m in MONTHS if m != "may"} | {"sept": "september"}
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]

# "added" reports words ("she added", "added that ..."), but before a count or an article it
# is an act: "the Brackmoor team added another eight people", "the firm added 40 jobs" (dev
# kelderby-fell-rescue: the claim was read as the team's words).
_ADDED = (rf"add(?:ed|s)(?!\s+(?:(?:another|more|extra|further|an?|{NUMBER_WORD})\b|[£$€\d]))")
# Reporting verbs: a sentence using them states that someone said something, not that it is so
# (the finite ones also make a claim attributed, agent.verification.claims).
FINITE_CUES = (
    r"said|says|told|tells|stated|states|claimed|claims|accused|accuses|alleged|alleges|"
    r"suggested|suggests|argued|argues|asserted|asserts|insisted|insists|remarked|"
    rf"{_ADDED}|"
    r"explained|described|describes|emphasized|emphasised|mentioned|believes|contended|"
    r"contends|warned|warns|wrote|writes|maintained|maintains|blamed|blames|"
    r"stressed|stresses|acknowledged|acknowledges|conceded|concedes|"
    # a promise of what will be, before its clause: "X has promised that none of the 132
    # staff will be made redundant" (not "promised to compensate passengers", an
    # undertaking, nor "Its promised review"; a fresh dev claim of session 68 and two
    # newcomer trials, whose sources wrote "Interim chief executive Aileen Marsh promised
    # that every customer ... would receive a full refund")
    r"(?:promised|promises|pledged|pledges|vowed|vows)(?=\s+that\b)|"
    # an estimate or a cause someone gives: "the union put the number of cancelled flights
    # at nearly 70", "the director put the escape down to a branch" (not "put jobs at risk")
    r"puts?(?=\s+(?![^.;:,]*\bat\s+risk\b)[^.;:,]{1,60}?\s(?:at|down\s+to)\s)"
)
_CUES = (
    FINITE_CUES + r"|say|saying|tell|stating|claiming|accusing|accusation|alleging|allegedly|"
    r"suggesting|arguing|asserting|describing|emphasizing|emphasising|reportedly|quoted|"
    r"according to|called|stressing|recounted"
)
# Hedge adverbs: the writer reports the clause they sit in without saying who says it.
HEDGES = re.compile(r"\b(?:reportedly|allegedly|supposedly|purportedly)\b", re.IGNORECASE)
# "called off" (cancelled), "called in" (summoned) are no reporting: put after "called".
NOT_CALLED_OFF = r"(?!\s+(?:off|in|up|out)\b)"
# A capitalised cue after a word is part of a name ("the United States' army"); one opening
# the text or a clause ("According to ...", "— Says ...") is a cue.
# The base form of a reporting verb is a finite verb only after a plural subject: "They also
# claim that ...", "Campaigners argue ...", "residents who insist ..."; not the noun of "the
# claim", "its claim", "has claim to" (a newcomer trial: "They also claim that discarded
# batteries sparked the blaze" was verified as fact).
_BASE_CUE = (r"(?:(?<=\bthey )|(?<=\bwe )|(?<=\balso )|(?<=\bwho )|(?<=\bstill )"
             r"|(?<=[a-z]s )(?<!\bits )(?<!\bhis )(?<!\bthis )(?<!\bwas )(?<!\bhas )"
             r"(?<!\bis ))(?:claim|allege|argue|insist|contend|assert)\b")
# ... and after any subject when a clause follows it: "Campaigners at Patients First
# Marrowdale claim the board has played down the side effects" (a newcomer trial, session 51:
# a name before the verb), not "to claim the title" (no verb after its object).
_CLAUSE_BASE_CUE = (r"(?<!\bits )(?<!\bthe )(?<!\bhis )(?<!\bher )(?<!\bthis )(?<!\btheir )"
                    r"\b(?:claim|allege|argue|insist|contend|assert)\b(?=\s+(?:that\b|"
                    r"(?:the|a|an|its|their|his|her|it|they|he|she|there)\s+"
                    r"(?:[\w’'-]+\s+){0,3}?(?:has|have|had|is|are|was|were|will|would|"
                    r"could|did|does)\b))")
# Verbs that state an act as often as words ("The force confirmed six suspensions", "announced
# a £5 million fund") report words when "that" opens a clause after them: "Headteacher Judith
# Penhale confirmed that two members of staff had been suspended".
_THAT_CUE = (r"\b(?:confirmed|confirms|admitted|admits|announced|announces|denied|denies|"
             r"reported|reports|revealed|reveals)(?=\s+that\b)")
# A refusal of what others said, before the clause it refuses, reports the refuser's words:
# "Maureen Ellacott rejected the suggestion that the count was flawed", "dismissed claims
# that ..." (a newcomer's strike ballot, session 70: the claim was read as a plain fact).
REFUSAL = r"(?:rejected|rejects|dismissed|dismisses|disputed|disputes|refuted|refutes)"
# What others said, named by a noun: the object of a denial or a refusal ("denied the
# allegations", "rejected the suggestion that ...", "an accusation the firm rejects"). One
# list for every reader of denials (agent.text.polarity, agent.text.responses).
CHARGE_NOUNS = (r"(?:accusations?|allegations?|assertions?|charges?|claims?|criticisms?|"
                r"suggestions?)")
# ... and a report, which is denied as often though it charges no one.
STATEMENT_NOUNS = rf"(?:{CHARGE_NOUNS}|reports?)"
REFUSED_STATEMENT = rf"(?:(?:the|any|all|such)\s+)?(?:{STATEMENT_NOUNS}|idea|notion)"
_REFUSAL_CUE = rf"\b{REFUSAL}(?=\s+{REFUSED_STATEMENT}\s+that\b)"
# Verbs of speech that also state a deed when their object is a bare noun phrase
# (agent.text.speakers.is_bare_object): "The storm claimed three lives", "announced a £5
# million fund", "admitted four counts of fraud", "reported 43 sightings", "maintained the
# sea wall"; with a clause after them they report words ("claimed the plan would fail").
DEED_OR_WORDS = re.compile(r"claimed|claims|maintained|maintains|acknowledged|acknowledges|"
                           r"announced|announces|declared|declares|admitted|admits|"
                           r"reported|reports|confirmed|confirms", re.IGNORECASE)
CUE_RE = re.compile(rf"(?:(?<![\w,’'] )|(?=(?-i:[a-z])))\b(?:{_CUES})\b(?<!called)"
                    rf"|\bcalled\b{NOT_CALLED_OFF}|{_BASE_CUE}|{_CLAUSE_BASE_CUE}|{_THAT_CUE}"
                    rf"|{_REFUSAL_CUE}",
                    re.IGNORECASE)
QUOTE_CHARS = '“”"«»„'
LONG_QUOTE = re.compile(r"[“\"«„][^”\"»]{30,}")
# The prepositions (and article) before a named place: "in", "aboard the", ...
# ... and "to" after a verb of taking someone somewhere: where they were taken ("airlifted to
# Carnholme General Hospital", "will be sent to Kelsworth General Hospital"), not whom
# something was said to ("spoke to Reuters").
PLACE_PREPOSITION = (r"\b(?:in|at|aboard|on board|onboard|on|inside|near|outside|below|above|"
                     # "ran aground off Kilcaddie", not "called off the Paper 2 sitting"
                     r"beneath|beside|behind|beyond|off(?!\s+the\b)|opposite|along|"
                     r"(?:up|down)stream of|"
                     r"(?:taken|flown|airlifted|moved|transferred|sent|rushed|brought|driven|"
                     r"carried|evacuated|relocated|diverted|winched)\s+(?:back\s+)?to)"
                     # "at the town's Corn Exchange": a place named after its owner
                     r"\s+(?:the\s+(?:[a-z]+[’']s\s+)?|(?:its|their)\s+)?")
_PLACE_PREP = re.compile(
    # (a name does not run on past a line's end: "reef off Brackwater\nBy Isla Fennimore")
    PLACE_PREPOSITION + r"((?:[A-Z][\w’'.-]*)(?:[ \t]+(?:of[ \t]+)?[A-Z][\w’'.-]*)*)")
# Unnamed venues: "at a campaign event", "during a rally", "at a university event".
# Occasions someone appears at; a claim naming one says where its subject was.
_OCCASIONS = ("event|rally|conference|summit|meeting|speech|address|ceremony|briefing|"
              "fundraiser|dinner|gathering|interview|hearing")
_VENUE = re.compile(r"\b(?:at|during|in)\s+(?:a|an|the|his|her|their)\s+((?:[a-z]+\s+){0,2}"
                    rf"(?:university|campus|{_OCCASIONS}))\b")
OCCASION = re.compile(rf"\b(?:{_OCCASIONS})s?\b", re.IGNORECASE)
CAP_RUN = re.compile(r"\b[A-Z][\w’'-]*(?:\s+(?:of\s+|de\s+)?[A-Z][\w’'-]*)*")
# Capitalised words that are not names of entities (sentence starts, titles, pronouns).
NOT_ENTITY = (
    frozenset(
        _words(
            "the a an in on at during after before when while but and or as he she they it his "
            "her their its this that these those there we i you our my mr mrs ms dr president "
            "prime minister secretary sen rep gov earlier later last next then however meanwhile "
            "also speaking who whom whose what which where when why how did does do is are was "
            "were "
            # quantifiers that open a sentence ("Over forty people phoned police to say ...")
            "over about around nearly almost some more most many several all each every only "
            "just few"
        )
    )
    | frozenset(MONTHS)
    | frozenset(WEEKDAYS)
)


def months(text: str) -> set[str]:
    words = set(re.findall(r"[a-z]+", text.lower()))
    found = {m for m in MONTHS if m in words and m != "may"}
    found |= {_MONTH_ABBR[w] for w in words if w in _MONTH_ABBR}
    # "May" is a month only when capitalised mid-sentence next to a day or year.
    if re.search(r"\bMay\s+\d|\b\d{1,2}\s+May\b|\bin May\b", text):
        found.add("may")
    return found


def weekdays(text: str) -> set[str]:
    words = set(re.findall(r"[a-z]+", text.lower()))
    return {d for d in WEEKDAYS if d in words}


_NAMING_DAY = re.compile(
    r"\b(?:a|an|the)\s+(" + "|".join(WEEKDAYS) + r")\s+([a-z]+)", re.IGNORECASE
)


# The parts of a day: "on the Saturday night" dates an event, as "on Saturday night" does.
_DAY_PARTS = frozenset(("night", "morning", "evening", "afternoon", "lunchtime"))


def naming_days(text: str) -> list[tuple[str, str]]:
    """(weekday, noun) for each day that names a thing: "a Friday report" ->
    ("friday", "report"); not a part of the day ("the Saturday night")."""
    return [(m.group(1).lower(), m.group(2)) for m in _NAMING_DAY.finditer(text)
            if m.group(2)[:1].islower() and m.group(2).lower() not in _DAY_PARTS]


# A word as written: letters, digits, apostrophes and hyphens ("Sheinbaum’s", "night-shift").
WORD = re.compile(r"[\w’'-]+")


# Verbs of making something public: "announced a ban ... on Monday" dates the announcing.
# Not "say": "organisers said 2,000 people marched on Saturday" dates the march.
MADE_PUBLIC = re.compile(r"\b(announc|confirm|reveal|disclos|unveil)\w*", re.IGNORECASE)
# Words from such a verb to the day it dates: "announced a hosepipe ban for 1.2m customers
# on Monday" (a newcomer trial, session 48), with no verb, clause or other time between.
MADE_PUBLIC_WORDS = 8
_NOT_THE_ACT = re.compile(r"\b(?:to|that|which|who|will|would|from|until|by|before|after|"
                          r"since|when|while|is|are|was|were|has|have|had)\b|[,;:()\u2014\u2013]",
                          re.IGNORECASE)


def beside_speech(text: str, start: int, end: int, within_clause: bool = False) -> bool:
    """Whether the words at text[start:end] date a speech act, not what it reports: within
    two words of a speech word ("Trump on Sunday said", "said yesterday"; "told reporters
    Sunday" is three words away), or after a verb of making public and its object
    (`made_public_before`). With `within_clause`, a speech word past a comma does not count:
    "will hold the hearing on 10 September, officials said" dates the hearing."""
    before, after = text[:start], text[end:]
    if within_clause:
        before, after = before.rsplit(",", 1)[-1], after.split(",", 1)[0]
    near = WORD.findall(before)[-2:] + WORD.findall(after)[:2]
    return (any(SPEECH_WORDS.fullmatch(w) for w in near) or made_public_before(text, start)
            or _TOLD_LISTENER.search(before) is not None)


# "told an inquest on Monday", "told the jury yesterday": the listener stands between the
# verb and the day it dates (a newcomer's quarry story, session 59: the inquest's Monday
# dated the inspection the inspector told of, "claim 2025 vs source 2026").
_TOLD_LISTENER = re.compile(r"\b(?:told|tells|telling)\s+(?:(?:an?|the|his|her|their|its)\s+)?"
                            r"[\w’'-]+\s+(?:on\s+|last\s+|this\s+)?$", re.IGNORECASE)


def made_public_before(text: str, start: int) -> bool:
    """Whether a verb of making public (MADE_PUBLIC) stands at most MADE_PUBLIC_WORDS words
    before text[start:], with nothing between that opens another clause, verb or time
    (`_NOT_THE_ACT`): "the university announced on Monday", "confirmed the wilt outbreak on
    Friday", "announced a hosepipe ban for 1.2m customers on Monday"; not "announced a ban
    from Friday" nor "announced that the ban starts on Friday"."""
    for m in MADE_PUBLIC.finditer(text, max(0, start - 200), start):
        between = text[m.end():start]
        if (len(WORD.findall(between)) <= MADE_PUBLIC_WORDS
                and not _NOT_THE_ACT.search(between)):
            return True
    return False


def speech_weekdays(text: str) -> set[str]:
    """Weekdays that date a speech act (`beside_speech`)."""
    return {m.group(0).lower() for m in WORD.finditer(text)
            if m.group(0).lower() in WEEKDAYS and beside_speech(text, m.start(), m.end())}


# A month that names a thing: "charged twice for October's electricity", "the September
# trial" (a newcomer trial, session 47: "refunds began ... on 11 November" was refuted by
# "October's electricity"). The thing's month is no date of what the sentence tells.
_MONTH_NAMES = "|".join(m.title() for m in MONTHS)
_NAMING_MONTH = re.compile(
    rf"\b({_MONTH_NAMES})['’]s\s+[a-z]"
    rf"|\b(?i:a|an|the|its|their|his|her|our)\s+({_MONTH_NAMES})\s+([a-z][a-z-]+)")


def event_months(text: str) -> set[str]:
    """Months (`months`) that date what the sentence tells, not one that only names a
    thing ("October's electricity", "the September trial", as `naming_days`)."""
    naming = [(m.group(1) or m.group(2)).lower() for m in _NAMING_MONTH.finditer(text)
              if m.group(1) or m.group(3) not in FUNCTION_WORDS]
    words = re.findall(r"[a-z]+", text.lower())
    return {m for m in months(text) if words.count(m) > naming.count(m)}


def event_weekdays(text: str) -> set[str]:
    """Weekdays that date what the sentence tells ("on Saturday", "Trump on Sunday said"),
    not one that only names a thing ("responded to a Friday report", "the Monday meeting"):
    that day belongs to the report or the meeting."""
    naming = [d for d, _ in naming_days(text)]
    words = re.findall(r"[a-z]+", text.lower())
    return {d for d in weekdays(text) if words.count(d) > naming.count(d)}


def entities(text: str) -> set[str]:
    """Capitalised name spans, lower-cased, title/function words stripped."""
    out = set()
    for m in CAP_RUN.finditer(text):
        words = [
            w
            for w in m.group(0).split()
            if w.lower().strip("’'") not in NOT_ENTITY and w.lower() != "of"
        ]
        if words:
            out.add(" ".join(words).lower().replace("’s", "").replace("'s", ""))
    return out


FUNCTION_WORDS = frozenset(
    _words("on in at of to for with by from and or but as after before during when where on, "
           "once until while since because if though although unless than whether "
           "against about over into under between among across through without within behind "
           "towards toward near via upon")
)
# Auxiliaries may follow a place ("in Tarnbridge were moved"), never a proper adjective's noun.
AUXILIARIES = frozenset(
    _words("is are was were be been has have had will would can could may might must should")
)

# Words that close a noun phrase, so a name before them is whole ("in Eastwold Bay early on
# Tuesday", "at Bellmouth Crown Court yesterday", "in Hollin who"): prepositions, relative
# words, time adverbs, and (by `_CLOSING_FORM`) -ly adverbs and past forms ("in Ashwick
# flowed"). A proper adjective's noun is none of these ("on Mexican imports").
_CLOSING_WORDS = frozenset(_words(
    "between through without over amid across into onto against towards toward around "
    "under who which whose yesterday today tonight overnight early late earlier later last "
    "this next"))
_CLOSING_FORM = re.compile(r"[a-z]{2,}(?:ly|ed)$")


def places(text: str) -> set[str]:
    """Capitalised names after a place preposition ("in Ohio", "aboard Air Force One").

    Proper adjectives ("on Mexican imports") and possessives ("in Ana's view") are not places:
    the name must not run on into a lower-case word other than a function word."""
    out = set()
    for m in _PLACE_PREP.finditer(text):
        name = m.group(1)
        if re.search(r"[’']s$", name):
            continue
        after = re.match(r"\s*([A-Za-z’']+)?", text[m.end() :])
        nxt = after.group(1) if after else None
        if (
            nxt
            and nxt[0].islower()
            and nxt not in FUNCTION_WORDS | AUXILIARIES | _CLOSING_WORDS
            and not _CLOSING_FORM.fullmatch(nxt)
            and not text[m.end() :].startswith((",", ".", ";"))
        ):
            continue
        words = [w for w in name.split() if w.lower().strip("’'.,;:") not in NOT_ENTITY]
        if words:
            out.add(" ".join(words).lower().replace("’s", "").replace("'s", "").rstrip(".,;:"))
    if not out:  # a named place says more than "a rally"
        out = {m.group(1) for m in _VENUE.finditer(text)}
    return out


def elsewhere(question: str, quotes: Sequence[str]) -> bool:
    """True when the question names a place and the quotes name places, none of which
    shares a word with it: "How many were evacuated in Tarnford?" quoted "... in
    Tarnbridge were moved out" answers about another place (a near-miss). A place told
    in more or less detail ("Tarnford" / "Tarnford Leisure Centre") is the same place."""
    asked_places = places(question)
    asked = {w for p in asked_places for w in p.split() if len(w) > 2}
    # a quote that names the asked place, as a place or not ("The ferry Selby Star ran
    # aground on Gull Reef" for "... on board the Selby Star"), tells of it
    if any(mentions(q.lower(), p, every=True) for q in quotes for p in asked_places):
        return False
    named = [places(q) for q in quotes]
    named = [p for p in named if p]
    return bool(asked and named) and not any(
        asked & set(place.split()) for ps in named for place in ps
    )


def event_places(text: str) -> set[str]:
    """Places tied to where something was said: in an opening phrase ("During a rally in
    Ohio, ...") or just after a reporting word ("said ... aboard a ship")."""
    out = set()
    opening = text.split(",", 1)[0] if "," in text else ""
    if opening and len(opening.split()) <= 12:
        out |= places(opening)
    for m in list(CUE_RE.finditer(text)) + list(SPEECH_WORDS.finditer(text)):
        out |= places(" ".join(text[m.end() :].split()[:9]))
    return out


SPEECH_WORDS = re.compile(
    r"\b(?:remarks?|comments?|spoke|speech|said|says|told|statement|speaking|address|"
    r"announce[ds]?|announcing|announcement|"
    r"criticis(?:ed|es|ing)|criticiz(?:ed|es|ing)|slammed|lashed|praised)\b",
    re.IGNORECASE,
)


def strip_places(text: str) -> str:
    """`text` without its place phrases ("Ana spoke in Lyon" -> "Ana spoke")."""
    return " ".join(_PLACE_PREP.sub(" ", text).split())


def mentions(text_low: str, name: str, every: bool = False) -> bool:
    """Whether a name's words (longer than 2 letters) occur: any of them, or `every` one."""
    toks = [t for t in name.split() if len(t) > 2 and t != "the"]
    hits = [re.search(rf"\b{re.escape(tok)}\b", text_low) is not None for tok in toks]
    return all(hits) if every and toks else any(hits)


def blank_quotes(text: str) -> str:
    """Quoted spans replaced by spaces of the same length (offsets stay valid)."""
    return re.sub(r"[“\"][^”\"]*(?:[”\"]|$)", lambda m: " " * len(m.group(0)), text)


# A wire dateline: "ORRIN FLATS —", "KESTON (Reuters) -", "LONDON, May 3 (AP) —".
_DATELINE = re.compile(
    r"^\s*[A-Z][A-Z .'’-]{2,}(?:,[^—–-]{0,32})?(?:\s*\([^)]{1,30}\)\s*|\s+)[—–-]+\s*"
)


def agency_dateline(text: str) -> bool:
    """Whether `text` opens with a wire dateline that names its agency ("LANGHOLT, England,
    March 3 (TPA) -"): the agency's own filing, which papers reprint without it."""
    m = _DATELINE.match(text)
    return m is not None and "(" in m.group(0)


def strip_dateline(text: str) -> str:
    """The sentence without a leading wire dateline, blanked to keep offsets: the place in a
    dateline is where the story was filed, never a speaker or the sentence's subject."""
    m = _DATELINE.match(text)
    return " " * m.end() + text[m.end():] if m else text


def content_without_quotes(text: str) -> str:
    return re.sub(r"[“\"][^”\"]*(?:[”\"]|$)", " ", text)


def asserted_part(text: str) -> str:
    """What a sentence states in its own voice: quotations and reported clauses removed
    ("Ana rejected the plan, sparking a claim from Bo that she is afraid" -> "Ana rejected
    the plan, sparking a"); nothing when a hedge ("reportedly") qualifies it."""
    bare = content_without_quotes(text)
    cue = CUE_RE.search(bare)
    if cue and HEDGES.fullmatch(cue.group(0)):
        return ""  # "X has reportedly done Y": the writer asserts none of it
    return bare[: cue.start()] if cue else bare
