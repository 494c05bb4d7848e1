"""Which evidence sentence may be quoted, verbatim, as the answer to a question: the
extractive answer (agent.generation.answer.Answerer.extractive) that stands in for a draft
the checks dropped, and for one that restates the question instead of answering it."""

from __future__ import annotations

from agent.generation.asked import about_another_subject, gives_asked_figure, without_asked_measure
from agent.generation.asked_act import states_asked_act
from agent.generation.asked_counts import asked_count_noun, counts_noun
from agent.generation.asked_reason import gives_reason
from agent.generation.asked_setting import dates_asked, gives_new_place, statement_verb
from agent.retrieval.evidence import answer_type_match, asked_header_fields, lexical_overlap
from agent.text.facts import elsewhere
from agent.text.injection import looks_like_instruction
from agent.text.normalize import content_terms
from agent.types import Sentence

# A quoted answer must cover this share of the question's (IDF-weighted) terms.
EXTRACT_MIN_LEXICAL = 0.4


class Quotable:
    """The test of one question's candidate sentences: `quotable(sentence)` is True when
    the sentence may be quoted as its answer. `idf`: the corpus's term weights
    (Corpus.term_idf)."""

    def __init__(self, question: str, idf: dict[str, float]) -> None:
        self.question = question
        terms = content_terms(without_asked_measure(question))
        if (verb := statement_verb(question)) is not None:  # checked near its date instead
            terms = {t for t in terms if not t.startswith(verb)}
        self.terms, self.idf = terms, idf
        self.noun = asked_count_noun(question)
        self.header = bool(asked_header_fields(question))

    def __call__(self, sentence: Sentence) -> bool:
        """Whether `sentence` holds the kind of thing asked for, covers most of the question
        (EXTRACT_MIN_LEXICAL), names no other subject or place than the question's and
        answers what it asks (a figure of the asked kind, its day, the act, a reason)."""
        question, text = self.question, sentence.text
        return not (
            # "Tarrow Coast has run 97 per cent of its trains on time" answers no question
            # about Brenford Valley Trains
            about_another_subject(question, text)
            or answer_type_match(question, text) is False
            or not gives_asked_figure(question, [text])  # "how long": a duration
            or not dates_asked(question, [text])  # "when ... announce": its day
            or not states_asked_act(question, [text])  # "Has X lodged an appeal?"
            or not gives_reason(question, [text])  # "why": a reason
            or not gives_new_place(question, [text])  # "where": not only the question's place
            or (self.noun is not None and not counts_noun(text, self.noun))  # "how many trains"
            # by stem: "are being recalled" covers "the recall" (a consumer-safety
            # newcomer, session 63)
            or lexical_overlap(self.terms, text, self.idf, stemmed=True) < EXTRACT_MIN_LEXICAL
            or looks_like_instruction(text)
            or elsewhere(question, [text])  # "in Tarnbridge" for "in Tarnford"
            # a header line ("Title: ... to close after stormy council vote", a council
            # newcomer's why-question) answers only a question about the article's metadata
            # (agent.generation.header_answers)
            or (sentence.header is not None and not self.header)
        )
