"""What two outlets' figures measure, for the story's differences (agent.generation.
differences): a firm's size is no version of a count of what befell it, and two outlets
telling one study give its length as well as its count. Newcomer trials of session 54
(data breach, health research); invented variants."""

from __future__ import annotations

import pytest

from agent.generation.differences import story_differences
from agent.text.analysis import analyze
from agent.text.measured import is_gap
from agent.types import Sentence


def _s(article: str, text: str, index: int = 0) -> Sentence:
    return Sentence(id=f"{article}:{index}", article_id=article, doc_id=article, start=0,
                    end=len(text), text=text)


def _name(key: str) -> str:
    return {"wire": "Delta Wire", "blog": "RiverWatch"}[key]


def test_a_firms_size_is_no_version_of_a_count_of_what_befell_it() -> None:
    """A data-breach newcomer (session 54): the wire's "Corvane, which has about 3.1 million
    customers" stood as its value of the 1.4 million customers affected, so the 1.2m /
    1.4m dispute was no difference. Invented variant: a water firm's outage."""
    items = [
        (_s("wire", "Orrin Water said about 40,000 customers had lost supply on Sunday."),
         "wire"),
        (_s("wire", "Orrin Water, which has about 90,000 customers, apologised.", 2), "wire"),
        (_s("blog", "Orrin Water says more than 60,000 customers lost supply on Sunday."),
         "blog"),
    ]
    (diff,) = story_differences(items, _name)
    assert [side.values for side in diff.sides] == [("about 40,000 customers",),
                                                    ("more than 60,000 customers",)]
    # two outlets' sizes of the firm are versions of one holding
    sized = [(_s("wire", "Orrin Water, which has about 90,000 customers, apologised."), "wire"),
             (_s("blog", "Orrin Water, which serves 70,000 customers, apologised."), "blog")]
    (size,) = story_differences(sized, _name)
    assert len(size.sides) == 2


def test_two_outlets_telling_one_study_give_its_length_too() -> None:
    """A health-research newcomer (session 54): "612 adults ... every day for six months"
    against "The trial, which followed 621 people ... over 12 months" showed the count
    dispute only. Invented variant; a sentence with two durations links none."""
    wire = _s("wire", "The study randomly assigned 300 adults with asthma to walk briskly "
                      "every day for eight weeks.")
    blog = _s("blog", "The study, which followed 320 people with asthma over 16 weeks, was led "
                      "by Dr Ann Lowe.")
    (diff,) = story_differences([(wire, "wire"), (blog, "blog")], _name)
    assert [side.values for side in diff.sides] == [("8 weeks", "300 adults"),
                                                    ("over 16 weeks", "320 people")]
    # without the counts that tie the two sentences, their durations are no dispute
    alone = [_s("wire", "Walkers were asked to walk briskly every day for eight weeks."),
             _s("blog", "The follow-up lasted 16 weeks, Dr Ann Lowe said.")]
    assert story_differences([(alone[0], "wire"), (alone[1], "blog")], _name) == []



@pytest.mark.parametrize(("text", "gap"), [
    ("Ann Pell was arrested on Monday and charged four days later with theft.", True),
    ("The school reopened 10 days later.", True),
    ("It happened a month earlier.", True),
    ("Ann Pell kept the school's books for nine years.", False),
    ("The hall shut for two weeks before reopening.", False),
    ("She was jailed three years after the fire.", False),
])
def test_a_duration_between_two_acts_is_a_gap(text: str, gap: bool) -> None:
    """A crime newcomer (session 61): "Hartigan, who ran the finances for eight years" and
    "arrested on Sunday and charged three days later" were printed as "Outlets differ on how
    long: 8 years vs 3 days"; the story's differences link no gap with a length."""
    (q,) = [q for q in analyze(text).quantities if q.kind == "duration"]
    assert is_gap(text, q) is gap


def test_a_word_shared_only_by_two_different_names_links_no_times() -> None:
    """Dev brantwick's story summary printed "Outlets differ on the time: about 8.30am vs
    11.10pm": when the park alerted "Hollin Valley Police" and when a doorbell camera in
    "Hollin Cross" filmed the lynx, linked by the "Hollin" of two names. Invented variant;
    the same name, told in full or in part, still links."""
    items = [
        (_s("wire", "The zoo alerted Tarrow Valley Police at about 8.30am and closed."), "wire"),
        (_s("blog", "Many people phoned police, and a camera filmed the wolf on Mill Lane in "
                    "Tarrow Cross at 11.10pm."), "blog"),
    ]
    assert story_differences(items, _name) == []
    same = [
        (_s("wire", "The zoo alerted Tarrow Valley Police at about 8.30am on Monday."), "wire"),
        (_s("blog", "The zoo alerted Tarrow Valley Police at 11am on Monday."), "blog"),
    ]
    assert len(story_differences(same, _name)) == 1
