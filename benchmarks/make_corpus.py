"""Generate a synthetic news corpus for benchmarks: one .txt article per file.

    python benchmarks/make_corpus.py --out DIR --articles N --seed S [--dup-rate 0.05]
        [--no-seed-sentences]

Articles mix template sentences (filled with varied names, places, organisations, numbers and
dates) with sentences sampled from the seed files and lightly perturbed (numbers and names
swapped), so the text looks like news to the tokenizer, the sentence splitter and BM25.
A controlled share are duplicates: exact copies of an earlier article under another header
(syndication) and near copies (a sentence changed or dropped). Deterministic for a seed.
--no-seed-sentences leaves the seed sentences out (distractors to ingest next to the seeds).

--wire-copies adds the ways rewritten wire copy differs from its source (each copy also gets
its own headline-less byline and date): `lede` (first sentence rewritten), `footer` (a
reporting credit and a correction line appended), `trim` (the last one to three sentences
cut, one new sentence added), `rewrite` (two sentences reworded, one cut, one added) and
`combined` (lede rewritten, a sentence cut, one added, a footer). It also writes hard
negatives that are NOT copies: `related` articles, new reporting on the same story that
quotes two sentences of an earlier article. Without the flag the output is byte-identical
to before (bench_scale and the other benchmarks keep their corpora).
Prints one JSON line: {"articles": ..., "files": ..., "duplicates": ..., ...}.
"""

from __future__ import annotations

import argparse
import itertools
import json
import random
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

SEEDS_DIR = Path(__file__).resolve().parent.parent / "seeds"

FIRST = [
    "Maria",
    "James",
    "Wei",
    "Fatima",
    "Oliver",
    "Priya",
    "Lucas",
    "Amara",
    "Diego",
    "Hannah",
    "Kenji",
    "Sofia",
    "Tomasz",
    "Aisha",
    "Gabriel",
    "Ingrid",
    "Mateo",
    "Chloe",
    "Ravi",
    "Elena",
    "Samuel",
    "Yara",
    "Nikolai",
    "Grace",
    "Omar",
    "Lena",
    "Felix",
    "Zanele",
    "Hiroshi",
    "Clara",
    "Idris",
    "Mei",
    "Pablo",
    "Ruth",
    "Anders",
    "Leila",
    "Marcus",
    "Nadia",
    "Viktor",
    "Esther",
]
LAST = [
    "Okafor",
    "Lindqvist",
    "Moreau",
    "Tanaka",
    "Castillo",
    "Brennan",
    "Novak",
    "Haddad",
    "Kowalski",
    "Mensah",
    "Rossi",
    "Fischer",
    "Nakamura",
    "Delgado",
    "O'Brien",
    "Petrov",
    "Svensson",
    "Adeyemi",
    "Laurent",
    "Gupta",
    "Horvath",
    "Silva",
    "Yamamoto",
    "Whitfield",
    "Abara",
    "Kaur",
    "Jensen",
    "Romero",
    "Duarte",
    "Ivanova",
    "Mwangi",
    "Schultz",
    "Bergstrom",
    "Achebe",
    "Vance",
]
PLACE_LIST = [
    *[
        "Lisbon",
        "Nairobi",
        "Winnipeg",
        "Osaka",
        "Krakow",
        "Tucson",
        "Aberdeen",
        "Mombasa",
        "Hobart",
        "Valparaiso",
    ],
    *[
        "Tromso",
        "Leipzig",
        "Cork",
        "Dakar",
        "Halifax",
        "Gdansk",
        "Cebu",
        "Bilbao",
        "Arequipa",
        "Kumasi",
        "Tampere",
    ],
    *["Brno", "Fresno", "Izmir", "Kochi", "Galway", "Durban", "Rosario"],
    "Porto Alegre",
    "Chiang Mai",
]
ORGS = """the city council|the health ministry|the port authority|the central bank|the teachers'
union|the water utility|the transport agency|the state university|the fire service|the energy
regulator|the farmers' cooperative|the housing board|the election commission|the coast guard|
the national weather service|the regional hospital|the chamber of commerce|the court of appeals
""".replace("\n", " ").split("|")
ORG_LIST = [o.strip() for o in ORGS if o.strip()]
TOPICS = """flood defences|bus fares|school meals|a new bridge|wind farms|rent controls|a hospital
wing|water rationing|a tax rebate|fishing quotas|rail electrification|wildfire response|a data
breach|a factory closure|a vaccine campaign|public libraries|street lighting|a minimum wage rise
""".replace("\n", " ").split("|")
TOPIC_LIST = [t.strip() for t in TOPICS if t.strip()]
MONTHS = "January February March April May June July August September October November December"
MONTH_LIST = MONTHS.split()
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
OUTLETS = """The Harbour Gazette|Northern Courier|Valley Times|The Daily Ledger|Metro Wire|
Coastal Herald|The Evening Post|Capital Report|Plains Observer|Island News Service""".replace(
    "\n", ""
).split("|")
VERBS = [
    "said",
    "told reporters",
    "announced",
    "confirmed",
    "warned",
    "argued",
    "insisted",
    "acknowledged",
]

TEMPLATES = [
    "{org_c} {verb} on {day} that it would spend ${money} million on {topic} in {place}.",
    "{person}, a spokesperson for {org}, {verb} that {n} people had been affected so far.",
    "The plan, first proposed in {month} {year}, would cut costs by {pct}% over {small} years.",
    "Residents of {place} have complained about {topic} since at least {year}.",
    '"We cannot wait another {small} years for {topic}," {person} {verb}.',
    "According to figures released by {org}, {pct}% of households in {place} were affected.",
    "{person} {verb} the decision would be reviewed by {org} before {month} {dd}.",
    "Critics, including {person} of {org}, said the {money} million figure was too low.",
    "The vote passed {big} to {small2}, with {small} members abstaining.",
    "Officials in {place} expect work on {topic} to begin in {month} and finish by {year2}.",
    "{org_c} has faced {small} lawsuits over {topic} since {year}.",
    "On {day}, about {n} protesters gathered outside the offices of {org} in {place}.",
    "The average cost rose from ${price} to ${price2} per household last year.",
    "{person}, who has led {org} since {year}, declined to comment on the figures.",
    "In a statement, {org} said it had received {n} complaints about {topic}.",
    "A report by {person} found that {topic} in {place} had been underfunded for {small} years.",
    "The measure will affect roughly {n} workers across {small} districts, officials said.",
    "{person} told {outlet} that a decision on {topic} was expected by {month} {dd}.",
]

BOILER_TAILS = [
    ["Related stories", "{headline2}", "{headline3}"],
    ["Share this article", "Facebook", "Twitter", "Email"],
    ["Advertisement"],
    ["YOU MIGHT LIKE", "{headline2}", "{headline3}", "{headline4}"],
    ["Copyright {year2} {outlet}. All rights reserved."],
]

HEADLINES = [
    "{org_c} approves ${money} million for {topic} in {place}",
    "{place} residents split over {topic}",
    "{person} warns of delays to {topic}",
    "Vote on {topic} passes {big} to {small2}",
    "{pct}% of {place} households hit by {topic} problems, report finds",
    "What the {topic} decision means for {place}",
]

_NUM = re.compile(r"\b\d[\d,.]*\b")
_CAP_NAME = re.compile(r"\b([A-Z][a-z]{2,})\s+([A-Z][a-z]{2,})\b")


@dataclass
class Generated:
    name: str
    text: str
    duplicate_of: str | None = None
    kind: str = "original"


class Generator:
    def __init__(self, rng: random.Random, seed_sentences: list[str]) -> None:
        self.rng = rng
        self.seed_sentences = seed_sentences

    def person(self) -> str:
        return f"{self.rng.choice(FIRST)} {self.rng.choice(LAST)}"

    def fields(self) -> dict[str, str]:
        r = self.rng
        org = r.choice(ORG_LIST)
        return {
            "org": org,
            "org_c": org[0].upper() + org[1:],
            "person": self.person(),
            "place": r.choice(PLACE_LIST),
            "topic": r.choice(TOPIC_LIST),
            "verb": r.choice(VERBS),
            "day": r.choice(DAYS),
            "month": r.choice(MONTH_LIST),
            "dd": str(r.randint(1, 28)),
            "year": str(r.randint(1998, 2024)),
            "year2": str(r.randint(2025, 2031)),
            "money": f"{r.randint(2, 950)}",
            "pct": str(r.randint(3, 87)),
            "n": f"{r.randint(12, 48000):,}",
            "small": str(r.randint(2, 12)),
            "small2": str(r.randint(1, 9)),
            "big": str(r.randint(10, 40)),
            "price": f"{r.randint(40, 900)}",
            "price2": f"{r.randint(45, 1200)}",
            "outlet": r.choice(OUTLETS),
        }

    def fill(self, template: str) -> str:
        f = self.fields()
        if "{headline" in template:  # boilerplate "related stories" lists other headlines
            for i in (2, 3, 4):
                f[f"headline{i}"] = self.fill(self.rng.choice(HEADLINES))
        return template.format(**f)

    def perturb(self, sentence: str) -> str:
        """A seed sentence with its numbers and some two-word names replaced."""
        r = self.rng
        s = _NUM.sub(lambda m: str(r.randint(2, 999)), sentence)
        if r.random() < 0.5:
            s = _CAP_NAME.sub(lambda m: self.person() if r.random() < 0.5 else m.group(0), s, 1)
        return s

    def body(self) -> list[str]:
        r = self.rng
        out: list[str] = []
        for _ in range(r.randint(6, 15)):
            if self.seed_sentences and r.random() < 0.35:
                out.append(self.perturb(r.choice(self.seed_sentences)))
            else:
                out.append(self.fill(r.choice(TEMPLATES)))
        return out

    def header(self, headline: str) -> list[str]:
        r = self.rng
        lines = [headline]
        if r.random() < 0.7:
            lines.append(f"By {self.person()}")
        if r.random() < 0.7:
            lines.append(f"{r.choice(MONTH_LIST)} {r.randint(1, 28)}, {r.randint(2019, 2025)}")
        return lines

    def paragraphs(self, body: list[str]) -> list[list[str]]:
        """1-3 sentences per paragraph, as on news sites."""
        out: list[list[str]] = []
        i = 0
        while i < len(body):
            n = self.rng.randint(1, 3)
            out.append(body[i : i + n])
            i += n
        return out

    def article_text(self, headline: str, paragraphs: list[list[str]]) -> str:
        r = self.rng
        parts = ["\n".join(self.header(headline)), *(" ".join(p) for p in paragraphs)]
        if r.random() < 0.6:
            parts.append("\n".join(self.fill(t) for t in r.choice(BOILER_TAILS)))
        return "\n\n".join(parts) + "\n"


FOOTERS = [
    "{person} contributed reporting from {place}.",
    "Reporting by {person}; editing by {person2}.",
    "This story has been corrected to show that the vote took place on {day}.",
    "{person} reported from {place} and {person2} from the capital.",
    "Additional reporting by {person} in {place}.",
]
WIRE_KINDS = ("exact", "near", "lede", "footer", "trim", "rewrite", "combined")
RELATED_RATE = 0.05  # share of articles that are related-but-not-copies (--wire-copies)


def _footer(gen: Generator) -> list[str]:
    f = gen.fields()
    f["person2"] = gen.person()
    return [t.format(**f) for t in gen.rng.sample(FOOTERS, 2)]


def wire_copy(gen: Generator, kind: str, paras: list[list[str]]) -> list[list[str]]:
    """A rewritten copy of `paras` (see the module docstring for the kinds)."""
    r = gen.rng
    out = [list(p) for p in paras]

    def new() -> str:
        return gen.fill(r.choice(TEMPLATES))

    def cut() -> None:
        flat = sum(map(len, out))
        p = r.choice([q for q in out if len(q) > 1] or out)
        if flat > 4 and len(p) > 1:
            p.pop(r.randrange(len(p)))

    def add() -> None:
        p = r.choice(out)
        p.insert(r.randrange(len(p) + 1), new())

    if kind == "near":
        p = r.choice(out)
        p[r.randrange(len(p))] = new()
        if sum(map(len, out)) > 6 and r.random() < 0.5:
            cut()
    elif kind == "lede":
        out[0][0] = new()
    elif kind == "footer":
        out.append(_footer(gen))
    elif kind == "trim":
        for _ in range(r.randint(1, 3)):
            if sum(map(len, out)) > 4:
                out[-1].pop()
                out = [q for q in out if q]
        add()
    elif kind == "rewrite":
        for _ in range(2):
            p = r.choice(out)
            p[r.randrange(len(p))] = new()
        cut()
        add()
    elif kind == "combined":
        out[0][0] = new()
        cut()
        add()
        out.append(_footer(gen))
    return out


def related(gen: Generator, paras: list[list[str]]) -> list[list[str]]:
    """New reporting on the same story that quotes two of the source's sentences."""
    r = gen.rng
    flat = [s for p in paras for s in p]
    quoted = r.sample(flat, min(2, len(flat)))
    body = gen.body()
    for q in quoted:
        body.insert(r.randrange(len(body) + 1), q)
    return gen.paragraphs(body)


def seed_sentences(seeds_dir: Path) -> list[str]:
    """Body-like lines from the seeds, split naively into sentences of a useful length."""
    out: list[str] = []
    for path in sorted(seeds_dir.glob("*.txt")):
        for line in path.read_text(encoding="utf-8").splitlines():
            for s in re.split(r"(?<=[a-z0-9)][.!?])\s+(?=[A-Z\"“])", line.strip()):
                if 60 <= len(s) <= 300 and s[-1] in '.!?"”':
                    out.append(s)
    return out


def iter_generated(
    seed: int,
    dup_rate: float,
    seeds_dir: Path,
    *,
    use_seed_sentences: bool = True,
    wire_copies: bool = False,
) -> Iterator[Generated]:
    """Articles without end, deterministic for a seed: every run yields the same sequence, so
    the first n of a longer run are the corpus of a shorter one (bench_scale grows by prefix).

    Without seed sentences (distractor mode) bodies come from the templates only: a perturbed
    seed sentence keeps its subject but changes its numbers and names, so next to the real
    seeds it would read as contradicting reporting, not as an unrelated story."""
    rng = random.Random(seed)
    gen = Generator(rng, seed_sentences(seeds_dir) if use_seed_sentences else [])
    originals: list[tuple[str, str, list[list[str]]]] = []  # (name, headline, paragraphs)
    for i in itertools.count():
        name = f"art_{i:06d}"
        if wire_copies and originals and rng.random() < dup_rate:
            src_name, headline, paras = rng.choice(originals)
            kind = rng.choice(WIRE_KINDS)
            copy = paras if kind == "exact" else wire_copy(gen, kind, paras)
            yield Generated(name, gen.article_text(headline, copy), src_name, kind)
            continue
        if wire_copies and originals and rng.random() < RELATED_RATE:
            _, _, paras = rng.choice(originals)
            paras = related(gen, paras)
            headline = gen.fill(rng.choice(HEADLINES))
            originals.append((name, headline, paras))
            yield Generated(name, gen.article_text(headline, paras), None, "related")
            continue
        if not wire_copies and originals and rng.random() < dup_rate:
            src_name, headline, paras = rng.choice(originals)
            if rng.random() < 0.5:  # syndicated copy: same body under another header
                kind = "exact"
            else:  # near copy: one sentence reworded, maybe another dropped
                kind = "near"
                paras = [list(p) for p in paras]
                p = rng.choice(paras)
                p[rng.randrange(len(p))] = gen.fill(rng.choice(TEMPLATES))
                if sum(map(len, paras)) > 6 and rng.random() < 0.5:  # keep >= 6 sentences
                    p = rng.choice([q for q in paras if len(q) > 1] or paras)
                    if len(p) > 1:
                        p.pop(rng.randrange(len(p)))
            yield Generated(name, gen.article_text(headline, paras), src_name, kind)
            continue
        paras = gen.paragraphs(gen.body())
        headline = gen.fill(rng.choice(HEADLINES))
        originals.append((name, headline, paras))
        yield Generated(name, gen.article_text(headline, paras))


def generate(
    n_articles: int,
    seed: int,
    dup_rate: float,
    seeds_dir: Path,
    *,
    use_seed_sentences: bool = True,
    wire_copies: bool = False,
) -> list[Generated]:
    it = iter_generated(
        seed, dup_rate, seeds_dir, use_seed_sentences=use_seed_sentences, wire_copies=wire_copies
    )
    return list(itertools.islice(it, n_articles))


def write_corpus(docs: list[Generated], out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    for d in docs:
        (out / f"{d.name}.txt").write_text(d.text, encoding="utf-8")
    manifest = {d.name: {"duplicate_of": d.duplicate_of, "kind": d.kind} for d in docs}
    (out / "manifest.json").write_text(json.dumps(manifest, indent=0), encoding="utf-8")


def main(argv: list[str] | None = None) -> dict[str, int]:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--articles", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--dup-rate", type=float, default=0.05)
    ap.add_argument("--seeds-dir", type=Path, default=SEEDS_DIR)
    ap.add_argument(
        "--no-seed-sentences",
        action="store_true",
        help="distractor mode: template sentences only, nothing sampled from the seeds",
    )
    ap.add_argument(
        "--wire-copies",
        action="store_true",
        help="rewritten wire copies (lede, footer, trim, rewrite, combined) and related articles",
    )
    args = ap.parse_args(argv)
    if args.articles < 1 or not 0.0 <= args.dup_rate < 1.0:
        ap.error("--articles must be >= 1 and --dup-rate in [0, 1)")
    docs = generate(
        args.articles,
        args.seed,
        args.dup_rate,
        args.seeds_dir,
        use_seed_sentences=not args.no_seed_sentences,
        wire_copies=args.wire_copies,
    )
    write_corpus(docs, args.out)
    summary = {
        "articles": len(docs),
        "files": len(docs),
        "duplicates": sum(1 for d in docs if d.duplicate_of),
        "exact_duplicates": sum(1 for d in docs if d.kind == "exact"),
        "near_duplicates": sum(1 for d in docs if d.kind == "near"),
        **{
            f"{k}_copies": sum(1 for d in docs if d.kind == k)
            for k in WIRE_KINDS[2:]
            if args.wire_copies
        },
        "related_not_copies": sum(1 for d in docs if d.kind == "related"),
        "bytes": sum(len(d.text.encode("utf-8")) for d in docs),
    }
    print(json.dumps(summary), flush=True)
    return summary


if __name__ == "__main__":
    main()
