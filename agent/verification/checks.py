"""Deterministic signals that compare a claim with one evidence sentence.

The local model is a weak judge (it agrees with anything on-topic), so its stance is combined
with what code checks reliably: do the claim's numbers, dates, places and polarity agree with a
sentence about the same thing, how much of the claim it covers, and does it state the claim as
fact or only report someone saying it. Nothing here knows about any particular story.
"""

from __future__ import annotations

import re
from datetime import date

from agent.text.actors import (
    actor_mismatch,
    described_speaker,
    other_described,
    predicate_of,
    roles_swapped,
    same_voice,
    speaker_clause,
    speaker_side,
    speaks_for,
)
from agent.text.analysis import (
    TITLE_STEMS,
    analyze,
    share_of,
    speech_stems,
    stem,
    stems,
)
from agent.text.contests import result_reversed
from agent.text.dates import (
    dated_weekdays,
    implied_years,
    relative_periods,
    relative_weekdays,
    relative_years,
    weekday_dates,
    years_since,
)
from agent.text.directions import opposite_changes
from agent.text.events import day_gaps, other_event_days, shift_days, tells_a_statement
from agent.text.facts import (
    MONTHS,
    WEEKDAYS,
    content_without_quotes,
    mentions,
    naming_days,
    speech_weekdays,
)
from agent.text.frames import days_of_another_event, months_meet
from agent.text.holders import office_conflict
from agent.text.links import tie_denied
from agent.text.measured import values_of_other_days
from agent.text.near_miss import near_miss_name, other_of_kind
from agent.text.normalize import normalize_for_match
from agent.text.number_words import words_to_digits
from agent.text.place_frames import named_before, place_substitutions
from agent.text.polarity import NEG_STEMS, NEGATIONS, negated_about
from agent.text.sides import side_taken, sides_apart, told_aside
from agent.text.slots import is_name
from agent.text.speakers import attribution, place_rival
from agent.verification.claims import attribution_of
from agent.verification.conflict import Conflict
from agent.verification.conflicts import figures_stated, number_conflicts
from agent.verification.event_time import of_a_past_year, of_the_article_week
from agent.verification.signals import Signals

# A sentence is "about the same thing" as the claim when it covers this share of the claim's
# content words (numbers, dates and places excluded, since those are what may disagree).
ALIGNED_COVERAGE = 0.5
# ...or when its retrieval relevance score (0.7 cosine + 0.3 lexical) is at least this.
ALIGNED_SCORE = 0.62
# The model's "supports" needs this coverage of the claim's content words (source: stance.py).
MIN_SUPPORT_COVERAGE = 0.5
# A sentence covering this share of the claim's words in its own voice states the claim itself.
STATED_COVERAGE = 0.4
# A paraphrase (high embedding similarity) may support with less word overlap.
PARAPHRASE_COVERAGE = 0.3
# Code alone calls a sentence supporting when it covers nearly all of the claim, agrees on
# polarity and has no conflict (rescues the model's misses on near-verbatim evidence).
CODE_SUPPORT_COVERAGE = 0.85
# A polarity flip counts only when one clause of the sentence covers this much of the claim.
POLARITY_COVERAGE = 0.7
# Dates are checked on sentences sharing less of the claim, if retrieval found them relevant.
LOOSE_COVERAGE = 0.3
LOOSE_SCORE = 0.45
# The model's "refutes" without a concrete conflict signal needs a highly relevant sentence.
MODEL_REFUTE_COVERAGE = 0.4

# Dates given by reference to the sentence before.
_SAME_TIME = re.compile(r"\b(?:(?:that|the) same|that) (?:month|day)\b", re.IGNORECASE)
# Sentences that open by pointing back ("The report said", "It added", not "The Hill said").
_BACK_REFERENCE = re.compile(r"^\W*(?:(?:The|This|That|These|Those)\s+[a-z]|(?:It|He|She|They)\b)")


_NUMBER_STEMS = frozenset({"thous", "milli", "billi", "trill", "decad", "dozen", "perce", "hundr",
                           "centu"})


def _numeric(term: str) -> bool:
    """A term that only says how many: checked as a quantity, not as a word."""
    return any(ch.isdigit() for ch in term) or term in _NUMBER_STEMS


_CLAUSE_SPLIT = re.compile(r"[,;:—–]|\b(?:but|and|that|while|because|although|though|whereas)\b")


def best_clause(claim_terms: set[str], evidence: str) -> tuple[str, float]:
    """The clause of `evidence` that covers most of the claim's (stemmed) terms, and that
    coverage."""
    best, best_cov = evidence, -1.0
    for clause in _CLAUSE_SPLIT.split(evidence):
        if not clause.strip():
            continue
        cov = share_of(claim_terms, stems(clause))
        if cov > best_cov:
            best, best_cov = clause, cov
    return best, max(best_cov, 0.0)


def _neg_word(term: str) -> bool:
    return term in NEGATIONS or any(term.startswith(st[:5]) for st in NEG_STEMS if " " not in st)


def _head_stem(scope: str) -> set[str]:
    """The stem of a negation scope's first content word ("renew a grant worth" ->
    {"renew"}), empty when it has none."""
    for word in scope.split():
        if found := stems(word):
            return {min(found)}
    return set()


def compare(
    claim: str, evidence: str, score: float = 0.0, context: str = "",
    article_terms: set[str] | None = None, quoted_by: str | None = None,
    known_names: frozenset[str] | None = None, published: date | None = None, lead: str = "",
) -> Signals:
    """Signals for `claim` against one `evidence` sentence.

    `score` is the sentence's retrieval relevance; `context` the sentence before it in its
    article, used only to resolve details the sentence leaves implicit ("that same month");
    `article_terms` the stems of its whole article, where the claim's subject must occur;
    `quoted_by` who speaks the quotation the sentence lies inside (`agent.text.quotes`), the
    speaker of an otherwise unattributed fragment; `known_names` the words its articles
    capitalise mid-sentence (agent.text.slots.proper_words), which tell a claim's first
    word that is a name ("Canada refused") from one that is not ("Around 120 ...");
    `published` the evidence article's date, which makes its weekdays dates of the month
    ("on Sunday" in a story of Thursday 19 November is 15 November, agent.text.dates);
    `lead` its headline, outlet and opening, lower case, the organisation an office named
    alone belongs to ("Managing director Graham Whitlow" against "Joanna Pell is the managing
    director of ...", agent.text.holders) and the place a sentence naming none is set in
    ("Temperatures dropped to minus six" in The Brenmouth Courier, for a claim "in
    Brenmouth": a newcomer trial, session 67)."""
    c, e = analyze(claim), analyze(evidence)  # each text parsed once, shared across calls
    claim_places = c.places
    detail = {stem(w) for w in {*c.months, *c.weekdays, *(w for p in claim_places
                                                          for w in p.split())}}
    # Quantities are compared as quantities, so "10k" and "10,000", or "2.4 kilometres"
    # and "2.4 km", leave no missing words.
    units = {stem(q.head) for q in c.quantities if q.kind in ("measure", "duration")}
    all_terms = {t for t in c.stems if not _numeric(t) and t not in units}
    terms = all_terms - detail
    ctx = analyze(context) if context else None
    # A claim that reports a denial ("denied hiding the deficit", "The company denied that
    # it ignored warnings", agent.text.sides) is about the denial: two reports of it agree,
    # whichever clause the claim's other words fall in, and a sentence that states the act
    # denied does not say the denial was not made. What "the claims" a denial answers were,
    # its context says (the charge before it, agent.verification.gather).
    about_denial = c.denies or ((side := side_taken(claim)) is not None and not side.concedes
                                and side.denies_act)
    said_side = side_taken(evidence)  # the side the sentence's actor takes, if any
    # a denial that points back ("Niamh Okafor-Reid denied this.") denies the words and
    # figures of the charge before it (its context)
    charge = ctx if about_denial and e.denies else None
    ev_terms = set(e.stems) | (charge.stems if charge is not None else set())
    # Alignment ignores the details that may disagree; support counts them.
    core = share_of(terms, ev_terms)
    coverage = share_of(all_terms, ev_terms)
    aligned = core >= ALIGNED_COVERAGE or score >= ALIGNED_SCORE
    loosely = aligned or (core >= LOOSE_COVERAGE and score >= LOOSE_SCORE)
    if not loosely and ctx is not None and _BACK_REFERENCE.match(evidence):
        # "The report detailed a call in mid-April": what "the report" is, the sentence
        # before says; read the two together to tell whether it is about the claim.
        loosely = share_of(terms, ev_terms | ctx.stems) >= ALIGNED_COVERAGE
    # a claim's full date ("from 1 June 2026") against the evidence's days and their years
    gaps = day_gaps(claim, evidence)  # "on Saturday, two days after the vote": the vote's day
    # "will close on 31 July 2027" is not dated by "..., the university announced on Monday"
    statement = tells_a_statement(claim)
    dated = (*weekday_dates(evidence, published, gaps, statement),
             *implied_years(evidence, published, statement)) \
        if any(q.kind == "day" for q in c.quantities) else ()
    # and a claim's year against the evidence's "last year" ("checked in 2024")
    if any(q.kind == "year" for q in c.quantities):
        dated = (*dated, *relative_years(evidence, published))
    if any(q.kind == "duration" and q.head == "year" for q in c.quantities):  # "since 1997"
        dated = (*dated, *years_since(evidence, published))
    # days the evidence gives for something else ("due to end on Thursday" for "began on Monday")
    others = other_event_days(claim, evidence, published)
    told = analyze(f"{context} {evidence}") if charge is not None else e
    conflicts, missing = number_conflicts(c, told, aligned, loosely, dated, others)
    # A sentence about a near-miss ("Nora Castellan ... 61 per cent" for a claim about
    # Castellane) gives another entity's figures: no rival of the claim's, and no support.
    near_miss = near_miss_name(claim, evidence, known_names) or other_of_kind(claim, evidence)
    # (a sentence of the story's own time tells another event than a claim's past year)
    past = of_a_past_year(c, e, published, evidence)
    if near_miss or past:
        conflicts = []
    holder = None if past else office_conflict(claim, evidence, lead, same_statement=aligned,
                                               before=context)
    if holder is not None:  # the claim's office held by another, or its person's other post
        conflicts.append(Conflict("holder", (holder[0],), (holder[1],)))
    if (tie := tie_denied(claim, evidence)) is not None:  # "X has no connection with Y"
        conflicts.append(Conflict("link", tie, ("no connection",)))
    if (outcome := result_reversed(claim, evidence)) is not None:  # "B's win over A"
        conflicts.append(Conflict("result", (outcome[0],), (outcome[1],)))
    sides = sides_apart(c, e)  # "has not denied P" / "has denied P" (the model read P 0.73)
    if aligned and sides is not None:
        conflicts.append(Conflict("side", (sides[0],), (sides[1],)))
    # the month of another event's day ("will take effect on 31 July 2027" for "was
    # announced on 2 November 2026") is no rival of the claim's; "began running this
    # morning", in an article of Thursday, is Thursday's event
    cm, em, cw, ew = (c.event_months, e.event_months - {MONTHS[d.month - 1] for d in others},
                      c.event_weekdays, e.event_weekdays | relative_weekdays(evidence, published))
    # "a Friday report" dates the report: that day counts when the claim is about a report
    ew = ew | {d for d, noun in naming_days(evidence) if stem(noun) in c.stems}
    if ctx is not None and _SAME_TIME.search(evidence):
        # "That same month, Mexico extradited 29": the month is the one the sentence before names.
        em, ew = em or ctx.months, ew or ctx.event_weekdays
    pointing_back = (ctx.stems if ctx is not None and _BACK_REFERENCE.match(evidence)
                     else frozenset())
    if loosely and cm and em and not cm & em and months_meet(claim, evidence, pointing_back):
        conflicts.append(Conflict("month", tuple(sorted(cm)), tuple(sorted(em))))
    # Another day is another version only of the same actor's event: "Trump on Sunday
    # said she refused" does not date what she did (the day of another speaker's words).
    # A claim that dates no statement is not dated by the day of one either.
    if (e.speaker not in (None, "someone") and not mentions(c.low, e.speaker or "")) \
            or not statement:
        ew = ew - speech_weekdays(evidence)
    ew = shift_days(ew - {WEEKDAYS[d.weekday()] for d in others}, gaps)
    if (loosely and cw and ew and not cw & ew
            and not values_of_other_days(claim, c.quantities, evidence, e.quantities)):
        conflicts.append(Conflict("day", tuple(sorted(cw)), tuple(sorted(ew))))
    elif loosely and cw & ew and len(ew) > 1:
        # The claim's day is in the sentence, but as the day of something else: "closed on
        # Friday, before the approach was made public on Monday" for "made public on Friday".
        conflicts += [Conflict("day", (d,), (other,))
                      for d, other in days_of_another_event(claim, evidence, cw & ew, ew)]
    near_months = e.months | (ctx.months if ctx else frozenset()) | {q.head for q in dated}
    if cm - near_months:  # "next month": read only when a claim month is still unplaced
        near_months |= {MONTHS[m - 1] for _, m in relative_periods(evidence, published) if m}
    # "yesterday afternoon" names the claim's Thursday in an article of Friday, and "on
    # March 26" the claim's Thursday 26 March
    near_weekdays = (e.weekdays | (ctx.weekdays if ctx else frozenset())
                     | relative_weekdays(evidence, published)
                     | dated_weekdays(e.quantities, published))
    near_low = normalize_for_match(evidence + " " + context)
    lost = [p for p in claim_places if not mentions(e.low, p)]
    rivals = [q for q in e.event_places if not mentions(c.low, q)]
    subject = c.subject
    # Where someone spoke is a detail outlets disagree on: the same speaker somewhere else;
    # and what the claim places in one named place, the sentence places in another. (Not
    # another entity's or another time's places.)
    moved = [] if near_miss or past or of_the_article_week(c, e, published, evidence) else (
        [(p, q) for p in lost for q in rivals] if lost and rivals and place_rival(claim, evidence)
        else place_substitutions(claim, evidence, aligned=aligned))
    if moved:
        conflicts.append(Conflict("place", tuple(sorted({p for p, _ in moved})),
                                  tuple(sorted({q for _, q in moved}))))
    subject_terms = ({t for t in stems(words_to_digits(subject)) if not _numeric(t)}  # "19-year"
                     if subject and is_name(subject, known_names) else set())
    missing = (
        missing
        or bool(cm - near_months)
        or bool(cw - near_weekdays)
        or any(not (mentions(near_low, p, every=True)
                    or named_before(p, near_low, article_terms)
                    # the story's setting, which a sentence naming no place (nor the one
                    # before it) leaves implied
                    or (not e.places and not (ctx and ctx.places)
                        and mentions(lead, p, every=True)))
               for p in claim_places)
        # Who did it is a detail too: an article that never names Canada says nothing of
        # Canada's refusal, however well one of its sentences matches the rest of the claim.
        or bool(subject_terms and article_terms is not None
                and (outside := subject_terms - article_terms)  # the lead read only then
                and outside - stems(lead))
    )
    said = speaker_clause(claim, evidence)  # of a sentence of ";" clauses, the claim's
    reporter = speaker = e.speaker if said == evidence else attribution(said)
    if reporter is None and about_denial and said_side is not None and not said_side.concedes:
        reporter = speaker = said_side.actor  # "Graham Dunmore, ..., denied the claim" said so
    if reporter == "someone" and quoted_by:
        reporter = quoted_by  # whose words they are, for a claim that names who said them
    claim_attribution = attribution_of(claim)
    if reporter == "someone" and claim_attribution:  # "the board says": not the union
        reporter = other_described(said, evidence, claim_attribution.speaker) or reporter
    # Who the claim says spoke (or, for a plain claim, its subject, matched by name only: the
    # subject's words are in any sentence about the claim).
    voice = claim_attribution.speaker if claim_attribution else subject
    same = bool(
        speaker
        and speaker != "someone"
        and voice
        and (same_voice(voice, speaker,
                        stems(speaker_side(evidence, speaker)) if claim_attribution else set())
             # "The bureau rejected it. Spokeswoman Elspeth Varley said ..."
             or (claim_attribution is not None
                 and speaks_for(voice, speaker, evidence, context)))
    )
    # Polarity: compare the clause that says the same thing, on its non-name, non-negation words.
    names = c.name_stems
    # A refusal under a negation ("did not reject") is the claim's predicate, not its polarity.
    double = c.double_negation
    # Reporting verbs ("said") say who speaks, not what is so: they are no polarity terms.
    speech = speech_stems(claim)
    # A title ("Dr", "Professor") belongs to the name it opens.
    pol_terms = {t for t in terms - names - speech - TITLE_STEMS if double or not _neg_word(t)}
    clause, clause_cov = best_clause(pol_terms, evidence)
    # Only a negation of what the other text says counts: "showed no emotion as the jury
    # returned guilty verdicts" negates the emotion, not the verdict.
    polarity = (
        not c.denies and not (about_denial and not same)
        and len(pol_terms) >= 2
        and clause_cov >= POLARITY_COVERAGE
        and negated_about(claim, lambda scope: bool(stems(scope) & ev_terms))
        != negated_about(
            # A quote is the speaker's stance, not the sentence's, unless the claim is about
            # what this speaker said ("said that sovereignty is for sale" / "'... is not').
            clause if claim_attribution and same else content_without_quotes(clause) or clause,
            lambda scope: bool(stems(scope) & terms),
        )
    )
    # Word-level polarity: what the claim negates ("cannot collaborate"), the sentence affirms
    # in a part of its own ("it is collaboration"), even if it negates something else.
    scopes = c.negation_scopes
    # A verb's negation negates the verb ("declined to renew a grant": renewing), not its
    # object, which the sentence may affirm of something else ("ending its annual grant";
    # a newcomer's theatre story); "no injuries" negates its noun.
    negated_terms = {t for sc in scopes
                     for t in (stems(sc.text) if sc.absent else _head_stem(sc.text))} - names
    flip = False
    # (the claim's speaker saying the act was done does contradict their denial)
    if negated_terms and loosely and not (about_denial and not same):
        affirmed, denied = e.polarity_split
        flip = bool((negated_terms & affirmed) - denied)
    # "No exemptions": a sentence that never mentions exemptions cannot support their absence.
    absent = {t for sc in scopes for t in stems(sc.absent)} - names
    missing = missing or bool(absent - ev_terms)
    if speaker is not None and terms:
        if share_of(terms, set(e.asserted_stems)) >= STATED_COVERAGE:
            speaker = None  # the sentence states the claim itself; the quote is beside it
        elif same and claim_attribution:
            # the claim is about what this speaker said; a plain claim's own party saying it
            # does not state it (evals/stories/README.md, labelling rule 2)
            speaker = None
    # what the claim says of its names: "Dr Kell told the Post" says nothing Kell said
    relation_terms = all_terms - c.name_stems - TITLE_STEMS
    # ... and what it says of its subject, from its verb on ("claimed several lives")
    predicate_terms = stems(predicate) & all_terms if (predicate := predicate_of(claim)) else set()
    return Signals(
        relation_coverage=round(share_of(relation_terms, ev_terms), 3) if relation_terms else 1.0,
        predicate_coverage=round(share_of(predicate_terms, ev_terms), 3)
        if predicate_terms else 1.0,
        coverage=round(coverage, 3),
        aligned=aligned,
        conflicts=conflicts,
        missing_numbers=missing,
        # admitted / denied; "went up" / "fell" of one thing (agent.text.directions)
        polarity_conflict=polarity or flip or sides is not None
        or opposite_changes(claim, evidence, known_names),
        negation_flip=flip,
        # who said it, for the verdict's note: "the alliance", not "someone"
        attributed_to=(described_speaker(said) or speaker) if speaker == "someone"
        else speaker,
        speaker=reporter,
        score=score,
        matched=len(all_terms & ev_terms),
        n_terms=len(all_terms),
        same_speaker=same,
        # "Lindqvist accused Okafor" where the source says "Okafor accused Lindqvist".
        # "The trust accused the nurses" where it says "Nurses accused the trust".
        other_actor=actor_mismatch(claim, [evidence], known_names)
        or roles_swapped(claim, evidence) or near_miss,
        denial=e.denies and not c.denies and not c.negation_scopes
        and not told_aside(all_terms - c.name_stems, evidence),
        no_denial=about_denial and not e.denies and (said_side is None or said_side.concedes),
        figures_stated=figures_stated(c.quantities, (*e.quantities, *dated)),
        # (a "personal" sentence speaks as I/we, often inside a quotation: no judgement)
        judgement=e.mood in ("question", "deontic") and e.speaker is None
        and c.mood == "statement",
        other_time=past,
    )
