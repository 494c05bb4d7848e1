"""Numbers written in words, as digits: "three decades" -> "3 decades", "half a million" ->
"0.5 million", "a dozen" -> "12", "a week" -> "1 week" (the one text rewrite the quantity
reader, agent.text.quantities, and the words beside a figure, agent.text.frames, read).
Spelled-out numbers are parsed with text2num (`alpha2digit`)."""

from __future__ import annotations

import difflib
import re

from text_to_num import alpha2digit

# The number words below a hundred, and any run of number words ("twenty-five", "three
# hundred and twelve").
_UNIT_WORDS = (r"zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|"
               r"fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|"
               r"fifty|sixty|seventy|eighty|ninety")
# A count in words, as a pattern: a number word or a scale word ("eight", "hundreds").
NUMBER_WORD = rf"(?:{_UNIT_WORDS}|hundreds?|thousands?|millions?|dozens?)"
_WORD_NUMBER = re.compile(
    rf"\b(?:(?:{_UNIT_WORDS}|hundred|thousand|million|billion)(?:[\s-]+(?:and[\s-]+)?|\b))+",
    re.IGNORECASE,
)


# "half a million", "a quarter of a million", "a thousand": a share of one scale word.
# Not a scale word that more number words follow: "one thousand two hundred and forty" is
# 1,240 (a newcomer's column, session 69, read it as 1,000), left to text2num whole.
_A_SCALE = re.compile(r"\b(?:(half|a quarter of|three[\s-]quarters of)\s+)?(?:a|one)\s+"
                      r"(hundred|thousand|million|billion)\b"
                      rf"(?![\s-]+(?:and[\s-]+)?(?:{_UNIT_WORDS}|hundred)\b)", re.IGNORECASE)
_SHARE_OF = {"": 1.0, "half": 0.5, "a quarter of": 0.25, "three quarters of": 0.75}


_SCALE_VALUES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000,
                 "billion": 1_000_000_000}


# "one in five", "eleven in every hundred", "one out of every thousand": a share as a ratio,
# both numbers in digits ("one" is no pronoun here, and a bare "hundred" is 100). Not "one in
# five years" (a time, read by the duration reader).
_NUMBER_RUN = rf"(?:{_UNIT_WORDS})(?:[\s-]+(?:{_UNIT_WORDS}))?"
_RATIO_WORDS = re.compile(
    rf"\b(?P<a>one|{_NUMBER_RUN}|\d{{1,3}})\s+(?P<rel>in|out\s+of)\s+(?P<every>every\s+)?"
    rf"(?P<b>(?:(?:a|one)\s+)?(?:hundred|thousand)|{_NUMBER_RUN}(?:\s+(?:hundred|thousand))?"
    rf"|\d{{1,4}})\b(?!\s+(?:years?|months?|weeks?|days?|decades?|hours?|minutes?|seasons?)\b)",
    re.IGNORECASE,
)


def _ratio_number(said: str) -> str:
    words = re.sub(r"^(?:a|one)\s+(?=hundred|thousand)", "", said.strip(), flags=re.IGNORECASE)
    if words.lower() in _SCALE_VALUES:
        return str(_SCALE_VALUES[words.lower()])
    converted = alpha2digit(words, "en", threshold=0).replace(" ", "")
    return converted if converted.isdigit() else said.replace(" ", "")


def _ratio_words(m: re.Match[str]) -> str:
    a, b = _ratio_number(m.group("a")), _ratio_number(m.group("b"))
    return f"{a} {m.group('rel')} {m.group('every') or ''}{b}"


def _share_key(words: str | None) -> str:
    return re.sub(r"[\s-]+", " ", (words or "").lower())


def _scale_words(m: re.Match[str]) -> str:
    # "half a million" -> "500,000", as a reader writes it in digits ("0.5 million" is
    # what a difference line would show otherwise); "a million" stays "1 million".
    share = _SHARE_OF[_share_key(m.group(1))]
    scale = m.group(2).lower()
    if share == 1.0 and scale != "hundred":
        return f"1 {scale}"
    return f"{share * _SCALE_VALUES[scale]:,.0f}"


# "a week", "an hour": one of a unit of time. Not a rate ("£300 a week", "$85 million a
# year", "twice a year", "40 flights a day") nor a part ("half a day").
# "One week's refund" too ("one" is otherwise mostly a pronoun and left alone), though not
# "one day" (mostly "some day").
_ONE_UNIT = re.compile(r"\b(?:(?:a|an)\s+(?=(?:week|month|year|decade|fortnight|century|day|"
                       r"hour)\b)|one\s+(?=(?:week|month|year|decade|fortnight|century|"
                       r"hour)s?\b))", re.IGNORECASE)
# (a plural counted before it: "40 flights a day", "four days a week"; not "gave season
# ticket holders a fortnight's fare back", a fresh dev claim of session 66)
_RATE_BEFORE = re.compile(r"(?:[\d%]|\d(?:bn|mn|m|k)|\b(?:once|twice|thrice|times|per|half|"
                          r"every|each|thousand|million|billion|trillion|bn|mn|m|k)|"
                          rf"(?:\d(?:k|m|bn|mn)?|\b(?:{NUMBER_WORD}))[\s-]+(?:[a-z-]+\s+)?"
                          r"[a-z]{3,}s)"
                          r"\W*$", re.IGNORECASE)


def _one_unit(m: re.Match[str]) -> str:
    before = m.string[max(0, m.start() - 20): m.start()]
    return m.group(0) if _RATE_BEFORE.search(before) else "1 "


_DIGIT_WORDS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
_HOURS = (*_DIGIT_WORDS[1:], "ten", "eleven", "twelve")
# "one point two million": a decimal said in words (the digits after "point" one by one).
_POINT = re.compile(rf"\b((?:(?:{_UNIT_WORDS})[\s-]+)*(?:{_UNIT_WORDS}))\s+point"
                    rf"((?:\s+(?:{'|'.join(_DIGIT_WORDS)}))+)\b", re.IGNORECASE)
# "twenty to three", "half past two", "a quarter to six": a time of day said in words. "Five
# to ten" and "ten to twelve" are ranges unless a part of the day follows ("ten to eleven at
# night"), and so is any "from"/"between" one.
_CLOCK = re.compile(
    rf"(?<!from )(?<!between )\b(five|ten|(?:a\s+)?quarter|twenty(?:[\s-]five)?|half)\s+"
    rf"(past|to)\s+({'|'.join(_HOURS)})\b(?P<part>\s+(?:in the (?:morning|afternoon|evening)"
    rf"|at night|o[’']clock))?", re.IGNORECASE)
_MINUTES = {"five": 5, "ten": 10, "quarter": 15, "a quarter": 15, "twenty": 20,
            "twenty-five": 25, "twenty five": 25, "half": 30}
# "a year and a half", "two and a half years": one and a half of a unit.
_AND_A_HALF_UNIT = re.compile(r"\b(?:a|an|one|another)\s+(year|month|week|day|hour|decade)\s+"
                              r"and a half\b", re.IGNORECASE)

# "four-and-a-half years", "a year-and-a-half": the same numbers written hyphenated.
_HYPHENED_SHARE = re.compile(r"\b(\w+)-and-a-(half|quarter)\b", re.IGNORECASE)

# "half a year", "a quarter of a century": a share of one unit of time.
_SHARE_OF_UNIT = re.compile(r"\b(half|a quarter of|three[\s-]quarters of)\s+(?:a|an|one)\s+"
                            r"(year|month|week|day|hour|decade|century|fortnight)\b",
                            re.IGNORECASE)


def _share_of_unit(m: re.Match[str]) -> str:
    unit = m.group(2).lower()
    units = "centuries" if unit == "century" else unit + "s"
    return f"{_SHARE_OF[_share_key(m.group(1))]:g} {units}"


def _point(m: re.Match[str]) -> str:
    whole = alpha2digit(m.group(1), "en", threshold=0)
    digits = "".join(str(_DIGIT_WORDS.index(w.lower())) for w in m.group(2).split())
    return f"{whole}.{digits}" if whole.isdigit() else m.group(0)


def _clock(m: re.Match[str]) -> str:
    said = " ".join(m.group(1).lower().split())
    if m.group(2).lower() == "to" and said in ("five", "ten") and not m.group("part"):
        return m.group(0)  # "five to ten minutes": a range
    minutes, hour = _MINUTES[said], _HOURS.index(m.group(3).lower()) + 1
    if m.group(2).lower() == "to":
        hour, minutes = (hour - 2) % 12 + 1, 60 - minutes
    part = m.group("part") or ""
    return f"{hour}:{minutes:02d}" + (part if "clock" in part else f" o'clock{part}")


def words_to_digits(text: str) -> str:
    """Spell-out numbers as digits ("three decades" -> "3 decades"), leaving "one" (mostly a
    pronoun) and scale words after digits ("1.2 million") alone."""

    def repl(m: re.Match[str]) -> str:
        span = m.group(0)
        if re.match(r"[\s-]*(?:thirds|quarters)\b", text[m.end():], re.IGNORECASE):
            return span  # "two-thirds" is a share, read as one (agent.text.quantities)
        before = text[max(0, m.start() - 12): m.start()]
        scale = re.match(r"(?:hundred|thousand|million|billion)\b", span.strip(), re.IGNORECASE)
        # A scale word after a figure is part of it ("1.2 million"); a number word after a
        # figure is a number of its own ("ring 999 eleven times").
        if (scale and re.search(r"\d\s*$", before)) or span.strip().lower() in {
                "one", "hundred", "thousand", "million", "billion"}:
            return span
        core = span.rstrip()
        trail = span[len(core):]
        if core.endswith("-"):  # "three-week": the hyphen joins the number to its unit
            core, trail = core[:-1], "-" + trail
        converted = alpha2digit(core.strip(), "en", threshold=2)
        return converted + trail

    text = _HYPHENED_SHARE.sub(r"\1 and a \2", text)
    text = _CLOCK.sub(_clock, text)
    text = _POINT.sub(_point, text)
    text = _AND_A_HALF_UNIT.sub(lambda m: f"1.5 {m.group(1)}s", text)
    text = _SHARE_OF_UNIT.sub(_share_of_unit, text)
    text = _RATIO_WORDS.sub(_ratio_words, text)
    text = _A_SCALE.sub(_scale_words, text)
    text = _WORD_NUMBER.sub(repl, text)
    # "by eight votes to one": the second count of a tally is a number, not a pronoun
    text = re.sub(r"(\b\d+\s+[a-z]+\s+to\s+)one\b", r"\g<1>1", text, flags=re.IGNORECASE)
    # "a dozen and a half" is 18 (a dozen and half a dozen), not 12.5
    text = re.sub(r"\b(a|one|\d+)[\s-]+dozen and a half\b",
                  lambda m: str(int(m.group(1)) * 12 + 6 if m.group(1).isdigit() else 18), text,
                  flags=re.IGNORECASE)
    text = re.sub(r"\b(\d+) and a half\b", r"\1.5", text, flags=re.IGNORECASE)
    # Dozens after the other number words are digits: "two dozen" is "2 dozen" by now.
    text = re.sub(r"\bhalf a dozen\b", "6", text, flags=re.IGNORECASE)
    text = re.sub(r"\b(\d+)[\s-]+dozen\b", lambda m: str(int(m.group(1)) * 12), text,
                  flags=re.IGNORECASE)
    text = re.sub(r"\ba dozen\b", "12", text, flags=re.IGNORECASE)
    text = _UNITS_AND_CENTS.sub(lambda m: f"{m.group(1)}.{int(m.group(3)):02d} {m.group(2)}",
                                text)
    return _ONE_UNIT.sub(_one_unit, text)


# Money said with its pence or cents after the currency word ("eighteen pounds fifty", "four
# dollars and 99 cents"): one sum, "18.50 pounds", where a clause or the sum ends.
_UNITS_AND_CENTS = re.compile(
    r"\b(\d+) (pounds|dollars|euros) (?:and )?(\d{1,2})(?: (?:pence|p|cents?))?"
    r"(?=\s*(?:[.,;:)]|$|a\b|an\b|per\b|for\b|each\b|from\b|to\b|in\b|on\b))",
    re.IGNORECASE)


def written_as(text: str, said: str) -> str:
    """How `text` writes the figure `said`, which the quantity reader gives in digits (it
    reads `words_to_digits(text)`): `said` itself when `text` holds it as written, else the
    words `words_to_digits` turned into it ("two" for "2" in "for two years", "a year and a
    half" for "1.5" in "for a year and a half"), aligned word by word with difflib; "" when
    neither text holds it."""
    if not said:
        return ""
    found = re.compile(rf"(?<![\w£$€]){re.escape(said)}(?!\w)", re.IGNORECASE)
    if found.search(text):
        return said
    digits = words_to_digits(text)
    m = found.search(digits)
    if m is None:
        return ""
    words, digit_words = text.split(), digits.split()
    # The digit-form words the figure spans: from the word it starts in to the word it
    # ends in.
    before = digits[: m.start()]
    first = len(before.split()) - (1 if before and not before[-1].isspace() else 0)
    last = len(digits[: m.end()].split())
    matcher = difflib.SequenceMatcher(a=words, b=digit_words, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "replace" and j1 <= first and last <= j2:
            return " ".join(words[i1:i2]).strip(".,;:!?()[]\"'“”‘’")
    return ""
