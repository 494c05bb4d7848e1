"""The cloze check: does an evidence sentence give the claim's name, or another one?

The small model agrees with almost any on-topic sentence ("whose team is led by Dr Ben Oyo"
supports "Dr Ana Ruiz leads the team" with P = 0.65 on the dev stories). Asked a narrower
question, what fills the blank in "____ leads the team" according to the sentence, it answers
well. So, for a sentence the model leans to support and that lacks one of the claim's names,
the blank is asked (`prompts/verify_slot.txt`) and the answer is read by agent.text.slots:
- the claim's own name (or a part of it): nothing changes;
- another name the sentence contains, in a role frame: a "holder" conflict, which refutes
  like another number for the same thing;
- a namesake of the claim's name ("Thomas Reddaway" for "Arthur Reddaway"), in any frame:
  a "holder" conflict too;
- another name in an event frame: another actor, so the sentence cannot support the claim;
- no name ("NONE", a pronoun): nothing changes.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from pydantic import BaseModel, Field

from agent.llm.facade import LLM
from agent.llm.prompts import load_prompt, wrap_document
from agent.llm.replies import json_string_opening, parse_json_reply
from agent.text.actors import speaker_side, speaks_for
from agent.text.analysis import analyze, stems
from agent.text.facts import strip_dateline
from agent.text.frames import in_same_frame
from agent.text.slots import (
    BLANK,
    NameSlot,
    absent_from,
    filler_name,
    is_name,
    name_slots,
    namesake,
    rival_in,
    same_name,
    unnamed_other,
)
from agent.verification.claims import attribution_of
from agent.verification.conflict import Conflict

# Cloze calls per claim part: each costs a model call (~3 s on the local default).
MAX_SLOT_CALLS = 3


class SlotFill(BaseModel):
    """The model's filler for the blank, words of the sentence, or "NONE"."""

    answer: str = Field(max_length=200)


@dataclass(frozen=True)
class SlotFinding:
    """What one cloze found: the claim's `slot`, and the `filler` the sentence gives instead
    (lower-cased name words). `conflict` is set for a role frame (another holder)."""

    slot: NameSlot
    filler: str
    same_frame: bool = False  # the filler stands where the claim has the name (in_same_frame)
    named: bool = True  # False: a description of someone new (agent.text.slots.unnamed_other)

    @property
    def conflict(self) -> Conflict | None:
        """Another holder of the claim's role, or a namesake of the claim's name doing its
        event ("paintings by Thomas Reddaway were stolen" for "Arthur Reddaway's paintings
        were stolen"), or another name right where the claim has its name, after the same
        words ("joined Dunmere from Kessock Rovers" for "... from Harrowby City",
        agent.text.frames.in_same_frame): the source says who else it was, a substitution
        that refutes (evals/stories/README.md, labelling rule 3)."""
        # (someone described, not named, holds no role the claim gives a name: "a
        # spokesman" may be its own)
        if not self.named or not (self.slot.role or self.same_frame
                                  or namesake(self.slot.name, self.filler)):
            return None
        return Conflict("holder", (self.slot.name.lower(),), (self.filler,))


class SlotChecker:
    """Cloze checks of a claim's names against evidence sentences, with one LLM.

    Holds no per-claim state (one checker serves concurrent claims): callers pass the calls
    they still allow. Raises what the LLM raises (ModelError) and nothing else."""

    def __init__(self, llm: LLM) -> None:
        self.llm = llm
        self.prompt = load_prompt("verify_slot")

    def fill(self, statement: str, sentence: str) -> str:
        """The model's answer for the blank of `statement` (which contains BLANK)."""
        assert BLANK in statement
        messages = self.prompt.messages(
            evidence=wrap_document("E", sentence), statement=statement
        )
        if self.llm.accepts_reply_prefix:
            # The JSON opening as prompt and the string's end as a stop: the same words as
            # the grammar's reply without one forward pass per forced token.
            opening = json_string_opening("answer")
            reply = self.llm.invoke_raw(messages, reply_prefix=opening, max_tokens=40,
                                        stop=['"', "\n"])
            answer = str(reply.content)[len(opening):].strip()
            return answer[:200] or "NONE"
        fmt = self.llm.response_format(SlotFill)
        reply = self.llm.invoke_raw(messages, response_format=fmt, max_tokens=40)
        try:
            return parse_json_reply(str(reply.content), SlotFill).answer
        except ValueError:
            return "NONE"  # an unreadable reply names no one: the check finds nothing

    def check(self, claim: str, sentence: str, budget: int,
              known_names: frozenset[str] | None = None,
              preceding: Sequence[str] = ()) -> tuple[SlotFinding | None, int]:
        """(the first of the claim's names that the sentence gives to someone else, or None;
        the model calls made). Only names absent from the sentence, or beside a namesake there
        (`rival_in`: "Maureen Pryce" for "Jonathan Pryce"), are asked, role frames
        first (they can refute), at most `budget` of them. A wire dateline is left out: the
        town a story was filed from ("BELLMOUTH (Agency) — A former treasurer ...") is no
        one's name (`strip_dateline`). With `known_names` (agent.text.slots.proper_words of
        the articles), a one-word slot or filler they never capitalise mid-sentence is no
        name ("Drivers are being sent ..." / "Motorists are ..."). `preceding`: the sentences
        before it in its article, which may name the body a spokesperson speaks for
        (`_speaks_for`), and whether it named the claim's person already (`unnamed_other`)."""
        sentence = strip_dateline(sentence).strip()
        slots = [s for s in name_slots(claim)
                 if (absent_from(s, sentence) or rival_in(s, sentence))
                 and is_name(s.name, known_names)]
        calls = 0
        for slot in sorted(slots, key=lambda s: not s.role)[: max(budget, 0)]:
            calls += 1
            answer = self.fill(slot.frame, sentence)
            filler = filler_name(answer, sentence)
            if filler is None and (other := unnamed_other(slot.name, answer, sentence,
                                                          preceding)):
                return SlotFinding(slot=slot, filler=other, named=False), calls
            if filler is not None and (not is_name(filler, known_names)
                                       or _holds_possessed(slot, filler, sentence)
                                       or _acts_for(slot, filler, sentence)
                                       or _speaks_for(slot, filler, sentence, preceding)
                                       or _named_by_claim(claim, slot, filler)
                                       or _speaker_read_as_actor(claim, filler, sentence)
                                       or _set_against(filler, sentence)
                                       or (not slot.role and attribution_of(claim) is None
                                           and _only_describes_speaker(slot, filler,
                                                                       sentence))):
                filler = None
            if filler is not None and not same_name(slot.name, filler):
                return SlotFinding(slot=slot, filler=filler,
                                   same_frame=in_same_frame(slot.frame, filler, sentence)), calls
        return None, calls


# Prepositions whose object a thing is dated or measured by, not who holds its role: "the
# country's first lunar mission since Selene-1", "bigger than the Orlam hoard".
_SET_AGAINST = re.compile(r"\b(?:since|before|until|than|unlike|like|besides)\s+(?:the\s+)?$",
                          re.IGNORECASE)


def _set_against(filler: str, sentence: str) -> bool:
    """Whether the filler stands in the sentence only after a preposition that sets the
    claim's subject against it (`_SET_AGAINST`): "It ... was the country's first lunar
    mission since Selene-1 in 1998" gives the role to "it", not to Selene-1 (a newcomer's
    space story: "Lodestar was the country's first lunar mission in about 30 years" was
    refuted, "holder: claim lodestar vs source selene-1")."""
    low = sentence.lower()
    spots = [m.start() for m in re.finditer(rf"\b{re.escape(filler.lower())}\b", low)]
    return bool(spots) and all(_SET_AGAINST.search(sentence[:at]) for at in spots)


def _only_describes_speaker(slot: NameSlot, filler: str, sentence: str) -> bool:
    """Whether the filler stands only where the sentence names and describes who speaks
    (agent.text.actors.speaker_side), and none of the claim's other words do: "Fiona Marr,
    joint administrator at Kessler Grant, said the firm had debts of about £2.4m" gives
    the debts to "the firm", not to Kessler Grant (a newcomer trial: "Dunmore Coaches had
    debts of about £2.4m" was left not_enough_info, "given to kessler grant"). A
    description that tells the claim's deed or role ("Ward councillor Susan Fairbairn, who
    proposed the refusal, called ...") is where its doer is named."""
    speaker = analyze(sentence).speaker
    if speaker in (None, "someone") or same_name(speaker, filler):
        return False  # the speaker may do the claim's deed ("Neil Fairbairn welcomed ...")
    side = speaker_side(sentence, speaker).lower()
    told = stems(slot.frame.replace(BLANK, " ")) - stems(slot.name)
    return (filler in side and sentence.lower().count(filler) == side.count(filler)
            and not told & stems(side))


def _speaker_read_as_actor(claim: str, filler: str, sentence: str) -> bool:
    """Whether the filler is the speaker the claim and the sentence both name, named once
    in the sentence, as its speaker: "Declan Ashworth said ____ had not paid out a
    dividend" filled with "Ashworth" from "Ashworth denied that, saying the company had not
    paid a dividend" reads who speaks, not who did not pay (dev pemberly c05)."""
    said = attribution_of(claim)
    speaker = analyze(sentence).speaker
    if (said is None or speaker in (None, "someone") or not same_name(said.speaker, filler)
            or not same_name(speaker, filler)):
        return False
    last = filler.split()[-1].lower()
    return len(re.findall(rf"\b{re.escape(last)}\b", sentence.lower())) == 1


def _named_by_claim(claim: str, slot: NameSlot, filler: str) -> bool:
    """Whether the filler is someone the claim itself names in another place: "Tellwright
    said ... how ____'s model works" filled with "Marcus Tellwright" from "told the Echo the
    judge had misunderstood how our model works" reads "our" as its speaker, who is no
    other actor (a newcomer trial on a dev story). Only a possessive slot: in "____
    accused Okafor", "Okafor" is the other side, a swap the check must see."""
    if not re.search(re.escape(BLANK) + r"['’]s\b", slot.frame):
        return False
    rest = claim.replace(slot.name, " ")
    last = filler.split()[-1] if filler.split() else ""
    return len(last) > 2 and re.search(rf"\b{re.escape(last)}\b", rest, re.IGNORECASE) is not None


def _holds_possessed(slot: NameSlot, filler: str, sentence: str) -> bool:
    """Whether the filler of a possessive slot ("____'s chief executive said ...") is the
    one the sentence gives the possessed noun, its first one to three words ("Chief
    executive Anneliese Thorburn says", "Judith Penhale, the school's headteacher"): the
    model named the office holder, not whose office it is, so it names no other actor
    (new dev stories kettering c06, varden c06)."""
    m = re.search(re.escape(BLANK) + r"['’]s((?:\s+[a-z][\w-]*){1,3})", slot.frame)
    if m is None:
        return False
    words, name = m.group(1).split(), re.escape(filler)
    for k in range(1, len(words) + 1):
        noun = r"\s+".join(map(re.escape, words[:k]))
        if re.search(rf"\b{noun}\s+{name}\b|\b{name},?\s+(?:the\s+|its\s+)?"
                     rf"(?:[\w’']+\s+)?{noun}\b", sentence, re.IGNORECASE):
            return True
    return False


def _speaks_for(slot: NameSlot, filler: str, sentence: str, preceding: Sequence[str]) -> bool:
    """Whether the filler speaks for the slot's body, in the sentence or as its spokesperson
    after the sentence before (agent.text.actors.speaks_for): no other actor than the body (dev
    kelderby-fell-rescue: "According to the Upland Weather Bureau, a yellow gale warning
    ..." was left not_enough_info, its event given to the bureau's spokeswoman)."""
    return speaks_for(slot.name, filler, sentence, preceding[-1] if preceding else "")


def _acts_for(slot: NameSlot, filler: str, sentence: str) -> bool:
    """Whether the sentence makes the filler one of the slot's body: titled after it
    ("Councillor Brenda Hollis", "Council leader Ana Ruiz" for "Westershire County
    Council") or placed in it ("Brenda
    Hollis, who leads on children's services at Westershire County Council", "the
    council's Brenda Hollis"). Someone acting for a body is no other actor than the body
    (an education newcomer, session 53: "Westershire County Council asked the trust to
    pause the plan" was refuted by its own councillor's request)."""
    words = slot.name.split()
    if len(words) < 2 or not filler.strip():
        return False
    if filler.split()[0].startswith(words[-1].lower()):  # the model kept the title
        return True
    body, head, who = re.escape(slot.name), re.escape(words[-1]), re.escape(filler)
    return bool(re.search(rf"\b{head}\w*\s+(?:[a-z][\w-]*\s+){{0,2}}{who}\b"
                          rf"|\b{who}\b[^.;]{{0,80}}?\b(?:at|of|for|from|on)\s+(?:the\s+)?{body}\b"
                          rf"|\b{body}['’]s\s+(?:[\w-]+\s+){{0,4}}{who}\b",
                          sentence, re.IGNORECASE))
