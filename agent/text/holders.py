"""Who holds which office: "Graham Whitlow, managing director of Brenford Valley Trains",
"the foundation's chair, the Rev Anne Lacey", "Chief executive Imogen Tarrant", read as
(person, role, organisation) records, and a claim's "Joanna Pell is the managing director of
Brenford Valley Trains" or "Graham Pellow chaired the Alder Foundation" read the same way.

A source that gives the claim's role at the claim's organisation to another person refutes
the claim (issue 13: "another person named in a role ... should be refuted"). The office is
named by its head noun, an organisational role of a closed class (`ROLE_NOUNS`, with the
verbs that say one holds it: "chaired", "leads", "is leading"), and the words before it
("managing", "branch", "board"); a "deputy" or "acting" one is another office; a department
after it is read before it ("director of enforcement" is "enforcement director"). Leading an
undertaking ("who is leading the investigation", "The AT-311 trial is led by ...") is the
office "leader" of it.

A source that gives the claim's person an office at another named organisation, or another
office at the claim's, refutes it too (`other_post`): the dev stories' near-miss people
("Ian Haldane — no relation of Kelderby team leader Morag Haldane").
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field, replace

from agent.text.agents import agent_conflict
from agent.text.normalize import STOPWORDS, initials
from agent.text.slots import HONORIFICS, same_name
from agent.text.speakers import subject_of

# Offices a person holds in an organisation (head nouns), and the verbs that say one holds
# them ("chairs the board" is its chair).
ROLE_NOUNS = frozenset((
    "chair", "chairman", "chairwoman", "chairperson", "executive", "director", "secretary",
    "editor", "editor-in-chief", "treasurer", "president", "spokesman", "spokeswoman",
    "spokesperson", "manager", "principal", "headteacher", "leader", "head", "lead"))
_SAME_OFFICE = {"chairman": "chair", "chairwoman": "chair", "chairperson": "chair",
                "editor-in-chief": "editor", "spokeswoman": "spokesman",
                "spokesperson": "spokesman", "headteacher": "principal", "lead": "leader"}
_HOLDING_VERBS = {"chair": "chair", "chaired": "chair", "chairs": "chair", "leads": "leader",
                  "led": "leader", "heads": "leader", "headed": "leader", "runs": "executive",
                  "ran": "executive"}
# Offices one person rarely holds two of at one organisation ("leader" and "spokesman" are
# roles any of them may take).
EXCLUSIVE_OFFICES = frozenset(("chair", "executive", "director", "secretary", "editor",
                               "treasurer", "president", "manager", "principal"))
# A different office of the same head noun.
_OTHER_RANK = frozenset(("deputy", "vice", "assistant", "acting", "interim", "former", "ex",
                         "associate", "co"))

_NAME = r"(?:[A-Z][\w’'-]+\s+){0,3}[A-Z][\w’'-]+"
# Words that end a department's name: "director of enforcement at the NCSO".
_NOT_DEPARTMENT = r"(?:at|of|in|on|for|the|a|an|and|to|with|who|which|said|says|has|is|was)"
_ROLE = (r"(?:[a-z][\w-]*\s+){0,2}(?:" + "|".join(sorted(ROLE_NOUNS, key=len, reverse=True))
         # a department after the office: "director of enforcement", "head of product safety"
         + r")\b(?-i:\s+of\s+(?:(?!" + _NOT_DEPARTMENT + r"\b)[a-z][\w-]*\b\s*){1,3}(?<!\s))?")
# "Hallam Water's", and the plural's "Harlow Foods'"
POSSESSIVE = r"(?:[’']s|(?<=s)[’'])\s+"
_TITLE = r"(?:(?:the\s+)?(?:Rev|Dr|Prof|Professor|Mr|Mrs|Ms|Sir|Dame)\.?\s+)?"


def _org_group(name: str) -> str:
    """An organisation's name: up to five capitalised words, after an optional "the"."""
    return rf"(?P<{name}>(?:the\s+)?(?:[A-Z][\w’'&-]*\s*){{1,5}})"


_ORG = _org_group("org")
# "Colin Drury, managing director of Sentinel Vale Security"; "Anne Lacey, the foundation's
# chair"; "Leona Marsh, the union's branch secretary"; "Neil Ashdown, then the council's
# director of resources" (the office at the story's time)
_NAME_THEN_ROLE = re.compile(
    rf"(?P<name>{_NAME}),\s+(?:who is\s+|then\s+)?(?:the\s+)?(?:(?P<owner>[\w’'-]+?){POSSESSIVE})?"
    rf"(?P<role>{_ROLE})(?:\s+(?:of|at)\s+{_ORG})?")
# "The foundation's chair, the Rev Anne Lacey"; "Brenmoor managing director Graham Tulley";
# "Chief executive Imogen Tarrant"; "managing director of Tarrow Coast Railway, Joanna Pell"
_ROLE_THEN_NAME = re.compile(
    rf"(?:(?P<owner>[\w’'-]+?){POSSESSIVE}|(?P<owner2>[A-Z][\w’'-]*)\s+)?(?P<role>(?i:{_ROLE}))"
    rf"(?:\s+(?:of|at)\s+{_ORG},\s+|,?\s+){_TITLE}(?P<name>{_NAME})")
# A claim's "X is the managing director of Y", "X serves as Y's branch secretary",
# "X chaired Y", "X runs Y as its chief executive"
_CLAIM_ROLE = re.compile(
    rf"^\s*{_TITLE}(?P<name>{_NAME})\s+(?:(?:is|was|has been|serves as|served as|works as)\s+"
    rf"(?:the\s+)?(?:(?P<owner>(?:[A-Z][\w’'&-]*\s+){{0,3}}[\w’'-]+?){POSSESSIVE})?"
    rf"(?P<role>{_ROLE})(?:\s+(?:of|at)\s+{_ORG})?"
    rf"|(?P<verb>{'|'.join(_HOLDING_VERBS)})\s+{_org_group('org2')})")

# Who leads an undertaking rather than an organisation: "Detective Inspector Rachel Okonjo,
# who is leading the investigation"; the claim's "Maureen Drury is leading the police
# investigation into the theft". The office is "leader", the undertaking's head noun (the
# last word before a preposition or the clause's end) stands for the organisation.
_LEADS = r"(?:is\s+leading|leads|led|heads|is\s+heading|is\s+in\s+charge\s+of)"
_UNDERTAKING = (r"(?:the\s+|its\s+|their\s+)?(?:(?P<owner>(?:[\w’'-]+\s+){0,4}?[\w’'-]+?)[’']s\s+)?"
                r"(?P<what>(?:[a-z][\w-]*\s+){0,2}?[a-z][\w-]*)(?=\s+(?:into|of|for|on|at|in|to)\b|[,.;]|$)")
_NAME_LEADING = re.compile(rf"(?P<name>{_NAME}),\s+who\s+{_LEADS}\s+{_UNDERTAKING}"
                           # the body it works for: "who heads enforcement at the NCSO"
                           rf"(?:\s+at\s+{_org_group('at')})?")
# "Deborah Linnell, who chairs Save Millbrook Fields": an office said by its verb.
_NAME_HOLDING = re.compile(rf"(?P<name>{_NAME}),\s+who\s+(?P<verb>chairs|chaired|runs|ran)\s+"
                           + _org_group("org"))
_CLAIM_LEADING = re.compile(rf"^\s*{_TITLE}(?P<name>{_NAME})\s+{_LEADS}\s+{_UNDERTAKING}")
# "Ian Haldane is in charge of the Kelderby Fell Rescue Team": leading an organisation.
# The same office said in the passive: "The AT-311 trial is led by Dr Fiona Calder", "the
# review, which is being chaired by Ann Cole" (`_led_by`).
_LED_BY = (r"(?:the\s+|its\s+|their\s+)?(?P<what>(?:[\w’'-]+\s+){0,2}?[\w’'-]+)"
           r"(?:,\s+which)?\s+(?:is|was|are|were|has\s+been|will\s+be)\s+(?:being\s+)?"
           rf"(?P<verb>led|headed|run|chaired)\s+by\s+{_TITLE}(?P<name>{_NAME})")
_CLAIM_LED_BY = re.compile(rf"^\s*{_LED_BY}")
_SENTENCE_LED_BY = re.compile(rf"\b{_LED_BY}")
_CLAIM_LEADS_BODY = re.compile(rf"^\s*{_TITLE}(?P<name>{_NAME})\s+{_LEADS}\s+{_ORG}(?=[,.;]|$)")


def _leaders(text: str, pattern: re.Pattern[str]) -> list[Holder]:
    """Leaders of an undertaking (`_LEADS`): office "leader", organisation its head noun,
    body the organisation whose undertaking it is ("the agency's investigation", "heads
    enforcement at the NCSO"), if named."""
    return [Holder(_person(m.group("name")), "leader", m.group("what").split()[-1],
                   _words(m.groupdict().get("owner") or m.groupdict().get("at") or ""))
            for m in pattern.finditer(text)]


def _led_by(text: str, pattern: re.Pattern[str]) -> list[Holder]:
    """Holders of an office said in the passive (`_LED_BY`): "chair" for "chaired by",
    else "leader"; the organisation is what is led, lower case ("at-311 trial")."""
    return [Holder(_person(m.group("name")), "chair" if m.group("verb") == "chaired"
                   else "leader", _words(m.group("what")), _words(m.group("what")))
            for m in pattern.finditer(text)
            if m.group("what").split()[-1].lower() not in _DETERMINERS | STOPWORDS]


@dataclass(frozen=True)
class Holder:
    """One person in one office: `person` lower-cased name words without titles, `office`
    the office's words with its head noun normalised ("managing director", "board chair"),
    `org` the organisation named with it (lower case, "" when the sentence leaves it to its
    article: "Chief executive Imogen Tarrant")."""

    person: str
    office: str
    org: str
    # The organisation the person works for: `org`, but for the leader of an undertaking
    # the organisation that runs it ("" when not named).
    body: str = field(default="", compare=False)

    @property
    def head(self) -> str:
        return self.office.split()[-1]


_DETERMINERS = frozenset(("its", "their", "his", "her", "our", "the", "a", "an"))


def _office(role: str) -> str:
    """An office's words, the head noun last and normalised: "director of enforcement" is
    "enforcement director", as "finance director" is."""
    words = [w for w in role.lower().split() if w not in _DETERMINERS]
    if "of" in words[1:]:
        at = words.index("of", 1)
        words = words[at + 1:] + words[:at]
    words[-1] = _SAME_OFFICE.get(words[-1], words[-1])
    return " ".join(words)


def _person(name: str) -> str:
    """The name without titles or a possessive ("Imogen Tarrant's apology": imogen tarrant)."""
    words = [w for w in name.lower().split() if w.rstrip(".") not in HONORIFICS]
    if words:
        words[-1] = re.sub(r"['’]s$", "", words[-1])
    return " ".join(words)


def _org(m: re.Match[str]) -> str:
    found = m.groupdict()
    return _words(found.get("org") or found.get("org2") or found.get("owner")
                  or found.get("owner2") or "")


def _words(org: str) -> str:
    """An organisation's name, lower case, without determiners or a possessive."""
    return " ".join(w.rstrip("'’") for w in org.lower().replace("’s", "").replace("'s", "").split()
                    if w not in _DETERMINERS)


def holders(text: str) -> list[Holder]:
    """The (person, office, organisation) records a sentence states."""
    out = []
    for pattern in (_NAME_THEN_ROLE, _ROLE_THEN_NAME):
        for m in pattern.finditer(text):
            person = _person(m.group("name"))
            if not person or person.split()[0] in ("the", "a"):
                continue
            role, org = m.group("role"), _org(m)
            if any(w in STOPWORDS for w in role.lower().split(" of ")[0].split()[:-1]):
                continue  # "Harbour City Guildhall, where chairman ...": no office of its
            first = m.groupdict().get("owner2")
            if first and not text[:m.start()].strip() and len(role.split()) == 1:
                # "Managing director Graham Whitlow": a capital opening the sentence before a
                # one-word office is its first word ("Brenmoor managing director" names one)
                role, org = f"{first} {role}", _org_named(m)
            out.append(Holder(person, _office(role), org, _body(text, m, org)))
    out += [Holder(_person(m.group("name")), _HOLDING_VERBS[m.group("verb")],
                   _words(m.group("org")), _words(m.group("org")))
            for m in _NAME_HOLDING.finditer(text)]
    return out + _leaders(text, _NAME_LEADING) + _led_by(text, _SENTENCE_LED_BY)


def _body(text: str, m: re.Match[str], org: str) -> str:
    """The organisation a holder works for: the whole name of an owner the pattern read by
    its last word ("Hallam Water's operations director" works for "hallam water", `org`
    keeps "water"), or the one named after the office. A bare capital before the office is
    no body ("Chief executive Gordon Pryce" mid-sentence: "Chief" is part of the office)."""
    if m.groupdict().get("owner2"):
        return _org_named(m)
    if m.groupdict().get("owner") is None:
        return org
    before = re.search(r"(?:[A-Z][\w’'&-]*\s+){1,4}$", text[:m.start("owner")])
    return _words(before.group(0) + m.group("owner")) if before else org


def _org_named(m: re.Match[str]) -> str:
    """The organisation named after the office ("of Brenford Valley Trains"), if any."""
    return " ".join(w for w in (m.groupdict().get("org") or "").lower().split()
                    if w not in _DETERMINERS)


@functools.lru_cache(maxsize=4096)
def claimed_holder(claim: str) -> Holder | None:
    """The office a claim gives its subject ("Joanna Pell is the managing director of
    Brenford Valley Trains": joanna pell, managing director, brenford valley trains), or
    None when it states no office. Cached: the checks ask it for every evidence sentence."""
    leading = _leaders(claim, _CLAIM_LEADING)
    body = _CLAIM_LEADS_BODY.match(claim)
    if body and not leading:
        org = _words(body.group("org"))
        return Holder(_person(body.group("name")), "leader", org, org)
    if leading:  # "heads the Harbour Board's review": the review's leader, not the board's
        return leading[0]
    led = _led_by(claim, _CLAIM_LED_BY)
    if led:
        return led[0]
    m = _CLAIM_ROLE.match(claim)
    if m is None:
        # "announced by Dr Owen Pryce, editor-in-chief of the Journal of Cellular Renewal";
        # a claim naming two office holders ("President Sheinbaum rejected President
        # Trump's offer") gives no one office to check
        found = holders(claim)
        return found[0] if len(found) == 1 else None
    if m.group("verb"):
        office = _HOLDING_VERBS[m.group("verb").lower()]
        # "runs Felsham Health as its chief executive": the office named after "as"
        named = re.search(rf"\bas\s+(?:its|the|their)\s+(?P<role>{_ROLE})", claim[m.end():])
        if named:
            office = _office(named.group("role"))
        return Holder(_person(m.group("name")), office, _org(m), _org(m))
    return Holder(_person(m.group("name")), _office(m.group("role")), _org(m), _org(m))


# "Who heads the National Consumer Safety Agency?", "Who is the chief executive of X?":
# asks who holds an office, read as the claim "Someone heads ..." would be.
_ASKED_HOLDER = re.compile(r"^\W*who\s+(?P<rest>[^?]+)", re.IGNORECASE)
# "Who runs the festival?" may be answered by a company ("Tidewater Events, which runs the
# festival"): no office a person holds is asked.
_RUNS = re.compile(r"(?:runs|ran|run)\b", re.IGNORECASE)


def asked_holder(question: str) -> Holder | None:
    """The office and organisation a who-question asks the holder of ("Who heads the
    National Consumer Safety Agency?": leader of national consumer safety agency; "Who is
    the editor of X?"), read by `claimed_holder` with a stand-in subject; None for another
    question, one that names no organisation, or "Who runs ...?" (`_RUNS`)."""
    m = _ASKED_HOLDER.match(question)
    if m is None or _RUNS.match(m.group("rest")):
        return None
    found = claimed_holder(f"Someone {m.group('rest').strip()}")
    return found if found is not None and found.org else None


def written_name(person: str, text: str) -> str | None:
    """A `Holder.person` (lower case, one space between words) as `text` writes it
    ("owen baptiste" -> "Owen Baptiste"), or None when `text` does not write it."""
    found = re.search(r"\b" + r"\s+".join(map(re.escape, person.split())) + r"\b", text,
                      re.IGNORECASE)
    return found.group(0) if found else None


def _same_office(a: Holder, b: Holder) -> bool:
    wa, wb = set(a.office.split()), set(b.office.split())
    if a.head != b.head or (wa & _OTHER_RANK) != (wb & _OTHER_RANK):
        return False
    return wa <= wb or wb <= wa


def _same_org(claimed: str, said: str, lead: str) -> bool:
    """The claim's organisation is the one the source names with the office, or, when the
    source names none ("Chief executive Imogen Tarrant"), the one its article is about: named
    in its headline and opening (`lead`, lower case)."""
    words = [w for w in claimed.split() if len(w) > 2]
    if not words:
        return False
    if said:
        return any(w in said.split() for w in words)
    return all(re.search(rf"\b{re.escape(w)}", lead) for w in words)


def other_holder(claim: str, sentence: str, lead: str,
                 same_statement: bool = False, before: str = "") -> tuple[str, str] | None:
    """(the claim's person, the person the sentence names instead in the office the claim
    gives them, at the claim's organisation), lower case, or None. `lead` is the headline
    and opening of the sentence's article, lower case: what an office named without its
    organisation belongs to. A claim that names no organisation ("managing director Dave
    Rennard said a valve had failed") is compared only with a sentence that makes the same
    statement (`same_statement`, the checks' alignment). "Its chief executive" is an office
    of the subject of the sentence `before` (`_possessed_by_before`), not of the lead's."""
    claimed = claimed_holder(claim)
    if claimed is None:
        return None
    # someone else the claim names: not the claimed person ("Ian Haldane" names no Morag Haldane)
    claim_low = claim.lower().replace(claimed.person, " ")
    for h in holders(sentence):
        owned = _possessed_by_before(h, sentence, before)
        org_agrees = (same_statement if not claimed.org.strip()
                      else _same_body(claimed.org, owned.body) if owned is not h
                      else _same_org(claimed.org, h.org, lead))
        named = h.person.split()[-1] in claim_low  # someone the claim names itself
        if (_same_office(claimed, h) and org_agrees and not named
                and not same_name(claimed.person.title(), h.person)):
            return claimed.person, h.person
    return None


def _same_body(a: str, b: str) -> bool:
    """Whether two organisations' names (lower case) may name one body: a shared word of
    three letters or more ("water" for "hallam water"), or one the initials of the other
    ("ncso")."""
    wa, wb = a.split(), b.split()
    if {w for w in wa if len(w) > 2} & {w for w in wb if len(w) > 2}:
        return True
    return any(len(x) == 1 and len(y) > 1 and x[0] == initials(y)
               for x, y in ((wa, wb), (wb, wa)))


def _proper(body: str, text: str) -> bool:
    """Whether `text` writes every word of a body's name (lower case) capitalised."""
    return bool(body) and all(
        any(m.group(0)[0].isupper() for m in re.finditer(rf"\b{re.escape(w)}", text, re.I))
        for w in body.split())


def _possessed_by_before(h: Holder, sentence: str, before: str) -> Holder:
    """`h` with the body an "its" / "their" before its office names in the sentence
    `before` it, as that sentence's subject: "The Chemical Processors' Association ... called
    the findings alarmist. Its chief executive, Diane Sutter, said ..." (a science newcomer,
    session 60). `h` itself when its body is named or no such pronoun owns the office."""
    if h.body or not before or not re.search(
            rf"\b(?:its|their)\s+{re.escape(h.office)}\b", sentence, re.IGNORECASE):
        return h
    subject = subject_of(before)
    return replace(h, body=subject) if subject and _proper(subject, before) else h


def other_post(claim: str, sentence: str, lead: str = "",
               before: str = "") -> tuple[str, str] | None:
    """(the post the claim gives its person, the post the sentence gives them instead), or
    None: an office at another organisation, or another office at the claim's.
    - "Priya Sandhu is leading the Northshire Environment Agency's investigation" against
      "Hallam Water's operations director, Priya Sandhu": ("priya sandhu, leader at
      northshire environment agency", "operations director at hallam water"). Only
      organisations both texts name by a proper name count: "the union's general secretary"
      may be the DDWU's, "the fire service's response" any service's, "leading the
      investigation" names no body, and "Their leader, Ian Haldane" names none either.
    - "Marcus Tellwright is SwiftParcel's finance director" against "Chief executive Marcus
      Tellwright" in an article about SwiftParcel (`lead`, as for `other_holder`):
      ("marcus tellwright, finance director", "chief executive"). Offices of
      `EXCLUSIVE_OFFICES` only: a chief executive also leads, and a director may speak.
    - "Its chief executive, Diane Sutter" is an office of the subject of the sentence
      `before` (`_possessed_by_before`)."""
    claimed = claimed_holder(claim)
    if claimed is None:
        return None
    for h in holders(sentence):
        if not same_name(claimed.person.title(), h.person):
            continue
        h = _possessed_by_before(h, sentence, before)
        if (_proper(claimed.body, claim) and _proper(h.body, f"{sentence} {before}")
                and not _same_body(claimed.body, h.body)):
            return (f"{claimed.person}, {claimed.office} at {claimed.body}",
                    f"{h.office} at {h.body}")
        if ({claimed.head, h.head} <= EXCLUSIVE_OFFICES and claimed.head != h.head
                and claimed.org.strip() and _same_org(claimed.org, h.org, lead)):
            return f"{claimed.person}, {claimed.office}", h.office
    return None


def office_conflict(claim: str, sentence: str, lead: str = "",
                    same_statement: bool = False, before: str = "") -> tuple[str, str] | None:
    """(what the claim says of an office, what the sentence says instead), or None: the
    office held by another person (`other_holder`), else the claim's person in another
    post (`other_post`), else the claim's deed done by others ("The proposals were moved by
    Councillor Priya Nandra" for "Margaret Hollis moved the proposals", agent.text.agents).
    `before`: the sentence before it, whose subject an "its" of the office refers to.
    The one check the verifier's comparison and its evidence gathering both run."""
    found = (other_holder(claim, sentence, lead, same_statement=same_statement, before=before)
             or other_post(claim, sentence, lead, before))
    if found is None and (agents := agent_conflict(claim, sentence)) is not None:
        return " and ".join(agents[0]), " and ".join(agents[1])
    return found
