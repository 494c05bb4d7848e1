"""Which sentence is another outlet's version of a when question's answer
(agent.generation.versions.differs): an energy newcomer (session 61) saw "MPA differs" beside
an answer of "Monday night [2 March 2026]", for a wire sentence that gives the same Monday:
its dateline's "March 3" (the filing date) and its other count of homes were read as
versions. Invented variants."""

from __future__ import annotations

from agent.generation.versions import differs

QUESTION = "When did the fire at the Kelby depot break out?"
ANSWER = ("Nearly 90 buses were trapped on Friday night [6 March 2026] when fire tore through "
          "the Kelby depot.")


def test_a_dateline_and_a_count_are_no_versions_of_when() -> None:
    other = ("KELBY, England, March 7 (NPA) - A fire at the Kelby bus depot damaged about 60 "
             "buses on Friday evening, and the operator blamed a charger on Saturday.")
    assert differs(ANSWER, other, QUESTION) is None
    # another day of the fire is a version; the count is one for how many
    assert differs(ANSWER, other.replace("on Friday evening", "on Thursday evening"),
                   QUESTION) == "date"
    assert differs(ANSWER, other, "How many buses were damaged in the fire?") == "figure"
