"""What a question asks for, checked against an answer before it is given: the kind of figure
("how much will the recount cost" asks for a sum of money, "how long a sentence" for a
duration, "how fast" for a speed), what it counts and whose it is. An answer that gives no
figure of the kind asked, or another entity's, restates a nearby fact: the answerer abstains
instead (issue 13: answers say only what a cited sentence says, and abstain when the
question's key detail is in no evidence). The day, period and place a question confines
itself to are checked in agent.generation.asked_setting.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from agent.retrieval.evidence import answer_type_match, asked_kind
from agent.text.analysis import analyze, stems
from agent.text.facts import CAP_RUN, entities, places
from agent.text.frames import clause_words, figure_frames
from agent.text.identified import said_indefinitely
from agent.text.lexicon import is_common_word
from agent.text.measured import act_completed
from agent.text.near_miss import near_miss_name, sibling_in
from agent.text.normalize import STOPWORDS
from agent.text.number_words import words_to_digits
from agent.text.quantities import Quantity, quantities
from agent.text.slots import HONORIFICS, name_slots
from agent.types import AnswerSentence

# (question cue, kinds of figure that answer it: agent.text.quantities kinds)
_ASKED_FIGURES: list[tuple[re.Pattern[str], frozenset[str]]] = [
    # "By how much did the price rise?": a change, in money or in per cent
    (re.compile(r"\bby how much\b", re.IGNORECASE),
     frozenset({"money", "percent", "count", "measure"})),
    (re.compile(r"\bhow much\b.*\b(?:cost|costs|pay|paid|fine|fined|price|worth|spen[dt]|"
                r"loan|fund|funding|fee|fees|raised?|compensation|charge|budget|bill|owe)\b"
                r"|\bhow much money\b|\bwhat (?:price|sum)\b"
                # "What is the estimated cost of ...", "How large a fine has ... imposed?"
                r"|\b(?:what (?:is|was|are|were|will be)|how (?:large|big|high))\s+(?:the|a|an)\s+"
                r"(?:\w+\s+)?(?:cost|price|fine|fee|bill|budget|compensation|payout|value)s?\b"
                r"|\bwhat\s+(?:\w+\s+)?(?:rate of pay|pay rate|wages?|salary)\b",
                re.IGNORECASE),
     frozenset({"money"})),
    (re.compile(r"\bhow long\b", re.IGNORECASE), frozenset({"duration", "measure", "time"})),
    # "How far did the share price fall?": a change, of a price, a share or a count (a
    # business newcomer's question abstained: no distance in "fell 78p to 332p")
    (re.compile(r"\bhow far\b[^?]*\b(?:fall|fell|fallen|drop|dropped|rise|rose|risen|"
                r"climb|climbed|slide|slid|slip|slipped|decline|declined|sink|sank)\b",
                re.IGNORECASE),
     frozenset({"money", "percent", "count", "measure"})),
    # "How far into the engine burn was contact lost?": a point in a span, in time or in
    # distance (a newcomer's space story abstained on "11 minutes into a ... burn")
    (re.compile(r"\bhow far (?:into|through|in)\b", re.IGNORECASE),
     frozenset({"duration", "measure", "time", "percent"})),
    (re.compile(r"\bhow (?:far|fast|high|tall|deep|wide|heavy)\b", re.IGNORECASE),
     frozenset({"measure"})),
    (re.compile(r"\bwhat (?:percentage|proportion|share)\b", re.IGNORECASE),
     frozenset({"percent"})),
    (re.compile(r"\b(?:which|what) year\b", re.IGNORECASE), frozenset({"year"})),
    (re.compile(r"\bhow old\b", re.IGNORECASE), frozenset({"age"})),
]


def asked_figure_kinds(question: str) -> frozenset[str] | None:
    """The kinds of figure that answer `question` (the first cue that matches), or None
    when it asks for no particular kind."""
    return next((kinds for cue, kinds in _ASKED_FIGURES if cue.search(question)), None)


# A second question joined to the first ("What position did he hold, and for how long?",
# "Where was he tried, and what was he convicted of?"): one part may be answered alone.
# (a preposition may lead the second part: "Which body opened the inquiry, and on what day?")
COMPOUND = re.compile(r"\b(?:and|or)\s+(?:(?:on|in|at|from|by|since|until|to|for|with)\s+)?"
                      r"(?:what|who|whom|where|when|why|how|which)\b", re.IGNORECASE)
MIN_PART_WORDS = 3  # "Who and what took part?", "When and where ...?" are one question


def compound_parts(question: str) -> tuple[str, str] | None:
    """The two questions a compound question joins (`COMPOUND`), each ending in "?", or None:
    "Where was Pellow tried, and what was he convicted of?" is "Where was Pellow tried?" and
    "What was he convicted of?". A part of fewer than MIN_PART_WORDS words is no question
    of its own ("Who and what ...")."""
    for m in COMPOUND.finditer(question):
        first = question[: m.start()].strip(" ,;")
        second = question[m.start():].split(None, 1)[1].strip()
        if len(first.split()) >= MIN_PART_WORDS and len(second.split()) >= MIN_PART_WORDS - 1:
            return f"{first.rstrip('?')}?", second[:1].upper() + second[1:]
    return None


def gives_asked_figure(question: str, texts: Sequence[str]) -> bool:
    """Whether `texts` (the answer's sentences) give a figure of a kind the question asks
    for, and a rate of the period it asks one of (`_ASKED_RATE`); True when it asks for
    none, or asks two things."""
    if COMPOUND.search(question):
        return True
    kinds = asked_figure_kinds(question)
    rate = _ASKED_RATE.search(question) if kinds == {"money"} else None
    period = rate.group(1).lower() if rate else ""
    return kinds is None or any(q.kind in kinds and (not period or q.per == period)
                                for t in texts for q in quantities(t))


# A sum asked per period ("How much will the rollout cost each year?"; of a share, the
# period is often the question's condition: "what share ... worked more than 40 hours a
# week?"): a total is no answer (a health newcomer got the trial's £2.4m for the rollout's
# £900,000 a year).
_ASKED_RATE = re.compile(r"\b(?:each|every|a|per) (year|month|week|day)\b", re.IGNORECASE)


def gives_asked_kind(question: str, sentences: Sequence[AnswerSentence]) -> bool:
    """A *how many* answer has a number, a *when* answer a date, a *where* answer a place
    (questions of no such kind pass; agent.retrieval.evidence.answer_type_match). The small
    model sometimes restates a nearby sentence instead of answering."""
    if answer_type_match(question, "") is None:
        return True  # a question of no particular kind: nothing to check
    return any(answer_type_match(question, s.text) for s in sentences)


# "Which company ...?" asks for a name: an answer naming none ("an outside supplier",
# "pre-workout powder") restates a nearby fact (two dev questions the articles cannot
# answer; every answerable one of these kinds was answered with a name).
_ASKS_FOR_NAME = re.compile(
    r"^\W*(?:which|what)\s+(?:[a-z]+\s+)?(?:company|firm|brand|supplier|contractor|"
    r"manufacturer|maker|club|team|union|party|charity|agency|organi[sz]ation)\b"
    r"|^\W*what\s+(?:is|was|are|were)\s+the\s+names?\s+of\b", re.IGNORECASE)


# The noun a which/what question asks to identify, its first or second word ("which
# magistrate signed", "which local firm"); a verb there is never said indefinitely.
_ASKED_NOUN = re.compile(
    r"^\W*(?:which|what)\s+(?P<first>[a-z]{3,})(?:\s+(?P<second>[a-z]{3,}))?\b", re.IGNORECASE)


def names_asked_entity(question: str, sentences: Sequence[AnswerSentence],
                       outlets: Iterable[str] = ()) -> bool:
    """For a question asking which company (brand, supplier, club, union ...), whether the
    answer names one the question does not, as its quotes do: a capitalised name
    (facts.entities) that is no place ("a supplier in the Midlands" names none); the same
    for a question asking "what was the name of" someone. A word of the cited `outlets`
    names no one asked for ("The Ledger understands that ..."). For any which/what question, whether
    the answer does more than say the asked noun indefinitely: "signed by a magistrate"
    identifies no magistrate. Other questions pass."""
    asked_noun = _ASKED_NOUN.match(question)
    text = " ".join(s.text for s in sentences).lower()
    if asked_noun and any(noun and noun.lower() not in STOPWORDS
                          and said_indefinitely(noun.lower(), text)
                          for noun in asked_noun.groups()):
        return False
    if not _ASKS_FOR_NAME.match(question):
        return True
    asked = entities(question)
    # a name its quotes give: "The National Ledger mentions two members of staff" names
    # the outlet that reports, not the one asked for
    quoted = " ".join(c.quote for s in sentences for c in s.citations).lower()
    reporters = {w for o in outlets for w in o.lower().split() if w not in STOPWORDS}
    return any(e.lower() in quoted and not set(e.lower().split()) <= reporters
               for s in sentences for e in entities(s.text) - asked - places(s.text))


def names_another_entity(question: str, sentences: Sequence[AnswerSentence]) -> str | None:
    """The entity the answer's cited quotes name in place of one the question names, when
    no quote names the question's own (lower-cased), else None: a near-spelling
    (`near_miss.near_miss_name`: "Nora Castellan" for "Naomi Castellane") or a sibling
    (`near_miss.sibling_in`: "Harbour City Wanderers" for "Harbour City Rovers"). The answer
    would give the other entity's facts as the asked one's (shared case 08's kind)."""
    quotes = [c.quote for s in sentences for c in s.citations]
    for slot in name_slots(question):
        if not quotes or any(slot.name.lower() in q.lower() for q in quotes):
            continue
        for q in quotes:
            other = sibling_in(slot.name, q)
            if other:
                return other
    return next((other for q in quotes if (other := near_miss_name(question, q))), None)


def name_heads(question: str) -> dict[str, str]:
    """The question's names (lower case) and their head words, the last ("foods" for
    "crestline foods"). A lone capitalised word opening the question is capitalised by its
    place, not a name ("Besides housing, what does the scheme include?"), unless written
    again."""
    opening = CAP_RUN.match(question.strip())
    lone = (opening.group(0).lower() if opening and " " not in opening.group(0)
            and question.count(opening.group(0)) == 1 else None)
    names = [n.strip("’'") for n in entities(question) if len(n) > 2 and n != lone]
    return {n: n.split()[-1] for n in names if len(n.split()[-1]) > 2}


def about_another_subject(question: str, text: str) -> bool:
    """Whether the sentence's subject is a name of two or more capitalised words that shares
    no word with the question's names (`name_heads`): "Tarrow Coast, which ..., has run 97
    per cent of its trains on time" answers no question about Brenford Valley Trains. A
    one-word subject may stand for the question's entity ("Sheinbaum sent troops" for
    Mexico's troops), so it never counts; nor does any subject when the question names no
    one ("How many staff are affected ...?" by "Mardell Foods has ended ...")."""
    words = (analyze(text).subject or "").split()
    if len(words) < 2:
        return False
    written = re.search(r"\b" + r"\s+".join(re.escape(w) for w in words) + r"\b", text,
                        re.IGNORECASE)
    if written is None or not all(w[:1].isupper() for w in written.group(0).split()):
        return False
    names = name_heads(question)
    asked = {w for name in names for w in name.split()}
    # a sentence that names all the question names is about them, whoever its subject is
    # ("Hallowfield Water has admitted that effluent from its Pennock Lane works ...")
    low = text.lower()
    return bool(asked) and not set(words) & asked and not all(n in low for n in names)


def namesake_in(question: str, quote: str, proper: frozenset[str]) -> str | None:
    """Another person of the same surname that the quote names as its subject, for a
    question naming one by first name and surname ("Luca Ferrante served a three-match ban"
    for "Callum Ferrante"), when the quote does not name the question's own; None otherwise
    ("a route via Hexley Bridge" is where the Lowfield Bridge diversion goes). The other
    first name must be one the articles write capitalised mid-sentence (`proper`,
    agent.text.slots.proper_words), so "Keeper Ferrante" opening a sentence is no other
    person, or a word the lexicon lacks (agent.text.lexicon.is_common_word) and no title
    ("Mrs"): a given name ("Helen Marsh" for "Helena Marsh", written only at the start of
    its sentences)."""
    subject = (analyze(quote).subject or "").split()
    for name in name_heads(question):
        words = name.split()
        if len(words) < 2 or name in quote.lower():
            continue
        for m in CAP_RUN.finditer(quote):
            run = [w.lower().strip("’'").removesuffix("’s").removesuffix("'s")
                   for w in m.group(0).split()]
            if (len(run) >= 2 and run[-1] == words[-1] and run[-2] != words[-2]
                    and (run[-2] in proper
                         or not (is_common_word(run[-2]) or run[-2] in HONORIFICS))
                    and run[-1] in subject):
                return " ".join(m.group(0).split()[-2:])
    return None


_CLAUSE_BREAK = re.compile(r"[:;]")


def figure_of_another(question: str, quotes: Sequence[str]) -> bool:
    """Whether every quote that gives a figure of the kind asked (`asked_figure_kinds`)
    gives it in a clause (split at colons and semicolons) without a name of the question
    that the quote names elsewhere: "The Orlam find dwarfs the last hoard: ... pennies at
    Orlham ... bought by Ferrowby Abbey Museum for £38,000" does not say what was paid for
    the Orlam hoard. False when the question asks no figure or no quote gives one."""
    kinds = asked_figure_kinds(question)
    names = list(name_heads(question).values())
    if kinds is None or not names:
        return False
    found = False
    for quote in quotes:
        low = quote.lower()
        for clause in _CLAUSE_BREAK.split(quote):
            if not any(q.kind in kinds for q in quantities(clause)):
                continue
            found = True
            part = clause.lower()
            if not any(h in low and h not in part for h in names):
                return False
    return found


# Figures that say when, not how many or how much.
_WHEN_KINDS = frozenset(("day", "weekday", "time", "year", "ordinal", "label"))


def figure_beside_other_words(question: str, quotes: Sequence[str]) -> bool:
    """Whether a how-many / how-much question (one part) is answered by quotes whose every
    figure of the kind asked stands among words that share no content stem with the
    question: its frame (agent.text.frames, the words either side of it in its clause).
    "The hoard has been valued at around £185,000" does not say how much an appeal has
    raised; "35% affordable housing" is no count of homes for social rent. False when the
    quotes give no such figure (other checks see to that)."""
    if asked_kind(question) != "number" or COMPOUND.search(question):
        return False
    kinds = asked_figure_kinds(question)
    asked = set(stems(without_asked_measure(question)))
    # Two times tell how long as a span, with words of its start and end ("began failing at
    # about 4.50am ... restored by 7.30pm" for how long the outage lasted: a newcomer trial)
    found = {quote: quantities(quote) for quote in quotes}
    times = sum(q.kind == "time" for qs in found.values() for q in qs)
    if kinds and "time" in kinds and times >= 2:
        kinds = kinds - {"time"}
        if not kinds:
            return False
    frames = [(frame, quote, q) for quote, qs in found.items()
              for q, frame in zip(qs, figure_frames(quote, qs), strict=True)
              if (q.kind in kinds if kinds else q.kind not in _WHEN_KINDS)]
    return bool(frames) and all(
        f is not None and not _share_stem(f.stems, asked)
        and not _share_stem(_subject_clause(quote, q), asked)
        # the verb it completes, beyond its frame (a newcomer's fraud trial, session 71:
        # "was sentenced at Strathmere Crown Court on 5 December to five years and four
        # months" for "How long a prison sentence did Tallow get?")
        and not _share_stem({act_completed(quote, q)} - {""}, asked)
        for f, quote, q in frames)


def _subject_clause(quote: str, figure: Quantity) -> set[str]:
    """The stems of the clause `figure` opens as its subject, at most one word before it:
    "Three hundred tonnes of limestone buried him in the cab of his excavator" (a quarry
    newcomer, session 59: "How much rock fell onto ...'s excavator?" abstained)."""
    digits = words_to_digits(quote)
    at = digits.find(figure.said) if figure.said else -1
    if at < 0:
        return set()
    before, after = clause_words(digits, at, at + len(figure.said))
    return set() if len(before) > 1 else stems(" ".join(after))


def _share_stem(a: Iterable[str], b: Iterable[str]) -> bool:
    """Some stem of `a` and some of `b` are one word: equal, or one the start of the other
    (the stems are clipped words: "ban" and "bann" of "banned")."""
    return any(x.startswith(y) or y.startswith(x) for x in a for y in b
               if min(len(x), len(y)) >= 3)


def cites_another(question: str, quotes: Sequence[str], proper: frozenset[str]) -> bool:
    """The quotes give the asked figure of something else (`figure_of_another`,
    `figure_beside_other_words`) or name another person of the question's surname as their
    subject (`namesake_in`; `proper`: the cited articles' mid-sentence capitalised words)."""
    return (figure_of_another(question, quotes) or figure_beside_other_words(question, quotes)
            or any(namesake_in(question, q, proper) for q in quotes))


# The measure or kind a question asks for ("how long", "how far", "on what date"): checked
# as a figure's kind (`gives_asked_figure`, answer_type_match), not looked for as a word of
# the evidence ("resigned on Sunday" says no "date").
_ASKED_MEASURE = re.compile(r"\bhow\s+(?:long|far|old|big|large|high|fast|often|many|much)\b|"
                            r"\b(?:what|which)\s+(?:date|day|time|year|month)\b", re.IGNORECASE)


def without_asked_measure(question: str) -> str:
    """The question without its "how long" / "how many" / "on what date" phrase: the
    words to find."""
    return _ASKED_MEASURE.sub("", question)
