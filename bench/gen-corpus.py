#!/usr/bin/env python3
"""Write a deterministic corpus of realistic annotated drafts, for benchmarks.

usage: bench/gen-corpus.py OUT_DIR [--size-mb N] [--seed S]

Writes about N MB (10**6 bytes) of drafts into OUT_DIR, which must be outside this
repository: many article-sized files (2 to 20 KB, most around 5 KB) in nested
desk/year/month directories, each with YAML (sometimes TOML) front matter, headings,
tagged claims with sources and confidences, quantity tags (some nested inside claims),
quotes, lists, the odd table, code span, link or HTML comment, plain untagged
paragraphs written like news copy, and the source and relation definitions at the end.
About one draft in twenty is plain wire copy saved as .txt, untagged. A fraction of the
drafts carry the mistakes a desk would catch (an undefined source, a claim with no
source, an anonymous source with no reason, a relation the figures do not satisfy), so
the linter has something to report.

Everything comes from word lists and templates in this file and a seeded generator
(random.Random(seed)): the same size and seed give byte-identical files. Names, places
and organisations are made up from syllables. Standard library only.

When it is done it writes OUT_DIR/.corpus-info (size, seed, files, bytes, generator
version); a hidden file, so neither claimmark nor rg reads it.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import random
import shutil
import sys

VERSION = 1

# --- vocabulary ------------------------------------------------------------------------

ONSETS = ["b", "br", "d", "dr", "f", "g", "gr", "h", "k", "kr", "l", "m", "n", "p",
          "pr", "r", "s", "st", "t", "tr", "v", "w", "z", "j", "ch", "sh", "th"]
NUCLEI = ["a", "e", "i", "o", "u", "ai", "ea", "io", "ou", "ei", "y"]
CODAS = ["", "", "", "n", "r", "l", "s", "k", "m", "nd", "rt", "st", "x", "v"]
PLACE_ENDS = ["land", "burg", "stad", "mouth", "ford", "heim", "ovo", "ia", "ton",
              "wick", "dal", "port", "vale", "haven"]

DESKS = {
    "politics": {
        "orgs": ["Ministry of the Interior", "Ministry of Justice", "Ministry of Finance",
                 "Ministry of Defence", "Electoral Commission", "National Audit Office",
                 "Internal Security Directorate", "parliamentary budget committee"],
        "roles": ["Minister of the Interior", "Justice Minister", "opposition leader",
                  "chair of the budget committee", "government spokesperson",
                  "member of parliament", "deputy prime minister", "party treasurer"],
        "things": ["the budget", "the reform bill", "the coalition agreement",
                   "the security review", "the pension plan", "the border agreement",
                   "the electoral law", "the audit report", "the spending review"],
        "counts": ["officials", "staff", "seats", "votes", "asylum applications",
                   "police officers", "civil servants", "signatures"],
        "money": ["the defence budget", "the grant", "the subsidy", "the fine",
                  "the settlement", "spending on intelligence"],
    },
    "business": {
        "orgs": ["Competition Authority", "central bank", "Financial Conduct Board",
                 "chamber of commerce", "stock exchange", "shareholders' association"],
        "roles": ["chief executive", "finance director", "analyst", "chair of the board",
                  "head of investor relations", "portfolio manager", "economist"],
        "things": ["the merger", "the takeover bid", "the profit warning", "the bond sale",
                   "the restructuring", "the dividend", "the share buyback",
                   "the full-year outlook", "the supply contract"],
        "counts": ["jobs", "stores", "customers", "employees", "branches", "vehicles",
                   "subscribers", "orders"],
        "money": ["revenue", "operating profit", "net debt", "the order book",
                  "annual sales", "free cash flow", "the takeover price"],
    },
    "health": {
        "orgs": ["Health Ministry", "Medicines Agency", "public health institute",
                 "nurses' union", "hospital trust", "medical association"],
        "roles": ["epidemiologist", "chief medical officer", "health minister",
                  "lead investigator", "hospital director", "professor of cardiology",
                  "general practitioner"],
        "things": ["the trial", "the vaccination campaign", "the waiting-list plan",
                   "the screening programme", "the drug approval", "the hospital merger",
                   "the staffing plan", "the new guidelines"],
        "counts": ["patients", "beds", "nurses", "doctors", "participants", "cases",
                   "admissions", "deaths"],
        "money": ["the hospital budget", "the research grant", "spending on care",
                  "the drug's list price", "the contract"],
    },
    "local": {
        "orgs": ["city council", "water board", "transport authority", "school board",
                 "housing corporation", "fire service", "residents' association"],
        "roles": ["mayor", "alderman for housing", "council leader", "head teacher",
                  "fire chief", "planning officer", "residents' spokesperson"],
        "things": ["the bridge repairs", "the bus timetable", "the housing plan",
                   "the school closure", "the parking scheme", "the flood defences",
                   "the new tram line", "the library budget"],
        "counts": ["homes", "pupils", "buses", "parking spaces", "residents", "trees",
                   "complaints", "flats"],
        "money": ["the renovation", "the council budget", "the tram line",
                  "the school building", "the compensation"],
    },
    "environment": {
        "orgs": ["Environment Agency", "weather service", "forestry commission",
                 "energy regulator", "nature conservation trust", "grid operator"],
        "roles": ["climate scientist", "environment minister", "campaigner",
                  "hydrologist", "energy analyst", "farmers' representative"],
        "things": ["the emissions target", "the wind farm", "the drought plan",
                   "the carbon tax", "the nature restoration law", "the coal phase-out",
                   "the water permit"],
        "counts": ["hectares", "turbines", "households", "species", "wells", "farms",
                   "tonnes of waste"],
        "money": ["the subsidy scheme", "the carbon levy", "the grid upgrade",
                  "the clean-up", "the flood fund"],
    },
}

VERBS_SAID = ["said", "told reporters", "said on Tuesday", "said in a statement",
              "told parliament", "wrote in a letter", "said in an interview",
              "told this newspaper", "said on Monday", "said at a press conference"]
CUES = ["according to", "citing", "as reported by", "in figures published by"]
CONFIDENCES = ["confirmed", "reported", "claimed", "alleged", "disputed", "denied",
               "estimate", "opinion", "unverified"]
CONF_WEIGHTS = [30, 25, 15, 6, 4, 3, 8, 7, 2]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]
ADJ = ["sharp", "modest", "unexpected", "long-awaited", "controversial", "temporary",
       "significant", "limited", "widely criticised", "cautious", "costly", "slow"]
CHANGE = ["rose", "fell", "increased", "dropped", "grew", "declined"]
FILLER = [
    "The decision follows months of negotiations that at times threatened to collapse.",
    "Officials have repeatedly declined to give a timetable.",
    "The figures have not been independently verified.",
    "Critics say the process has been rushed and poorly explained.",
    "Similar plans were shelved twice in the past decade.",
    "The proposal still needs the approval of a majority in the upper house.",
    "It was not immediately clear how the change would be paid for.",
    "Residents were invited to comment on the plans until the end of the month.",
    "The announcement came a day after the annual report was published.",
    "Neither side has said what would happen if the talks fail.",
    "Several of the people involved asked not to be named.",
    "The full report runs to more than three hundred pages.",
    "A final decision is expected after the summer recess.",
    "The numbers are provisional and may be revised.",
]
ANON_WHY = ["not authorised to speak publicly",
            "the talks are confidential",
            "would face disciplinary action for discussing the matter",
            "fears reprisals from the employer; identity verified by the desk",
            "the review has not been made public"]
ANON_NAMES = ["A senior {org} official", "A person familiar with {thing}",
              "Two people briefed on {thing}", "A {role} who asked not to be named",
              "An internal memo seen by this newspaper"]
CURRENCIES = [("€", "million"), ("£", "bn"), ("$", "million"), ("€", "bn"),
              ("£", "million")]


class Vocabulary:
    """Names, surnames and places, made up from syllables by the seeded generator."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.given = self._unique(300, 1, 2)
        self.surnames = self._unique(900, 2, 3)
        self.places = sorted({self._word(1, 2) + rng.choice(PLACE_ENDS) for _ in range(120)})

    def _word(self, lo: int, hi: int) -> str:
        rng = self.rng
        n = rng.randint(lo, hi)
        return "".join(rng.choice(ONSETS) + rng.choice(NUCLEI) + rng.choice(CODAS)
                       for _ in range(n))

    def _unique(self, count: int, lo: int, hi: int) -> list[str]:
        seen: dict[str, None] = {}
        while len(seen) < count:
            w = self._word(lo, hi)
            if 4 <= len(w) <= 10:
                seen[w] = None
        return list(seen)


# --- one draft -------------------------------------------------------------------------

class Draft:
    """Builds one draft: paragraphs first, the definitions it needs at the end."""

    def __init__(self, rng: random.Random, vocab: Vocabulary, desk: str,
                 year: int, month: int, sloppy: bool) -> None:
        self.rng = rng
        self.v = vocab
        self.desk = desk
        self.d = DESKS[desk]
        self.year = year
        self.month = month
        self.day = rng.randint(1, 28)
        self.place = rng.choice(vocab.places).capitalize()
        self.sources: dict[str, list[str]] = {}  # id -> definition lines
        self.used: set[str] = set()
        self.relations: list[str] = []
        self.qid = 0
        self.sloppy = sloppy
        self.people = [self._person() for _ in range(rng.randint(2, 6))]
        self.people += [self._organisation() for _ in range(rng.randint(1, 2))]
        if rng.random() < 0.5:
            self.people.append(self._anonymous())

    # sources

    def _person(self) -> str:
        rng = self.rng
        surname = rng.choice(self.v.surnames)
        sid = surname
        while sid in self.sources:
            sid = surname + str(rng.randint(2, 9))
        name = f"{rng.choice(self.v.given).capitalize()} {surname.capitalize()}"
        role = rng.choice(self.d["roles"])
        if rng.random() < 0.4:
            role += f", {self.place}"
        lines = [f"[@{sid}]: {name}", f"  role: {role}", "  kind: person"]
        if rng.random() < 0.3:
            lines.append(f"  alias: {surname.capitalize()}")
        self.sources[sid] = lines
        return sid

    def _organisation(self) -> str:
        rng = self.rng
        org = rng.choice(self.d["orgs"])
        sid = "".join(w[0] for w in org.replace("'", "").split() if w[0].isalpha()).lower()
        sid = (sid + "_" + self.place.lower()[:4]) if len(sid) < 3 else sid
        while sid in self.sources:
            sid += "x"
        lines = [f"[@{sid}]: {self.place} {org}", "  kind: organization"]
        if rng.random() < 0.4:
            lines.append(f"  url: https://{self.place.lower()}.example.org/{sid}/press")
        self.sources[sid] = lines
        return sid

    def _anonymous(self) -> str:
        rng = self.rng
        sid = rng.choice(["official", "insider", "aide", "memo", "employee", "diplomat"])
        while sid in self.sources:
            sid += "2"
        name = rng.choice(ANON_NAMES).format(org=rng.choice(self.d["orgs"]),
                                             thing=rng.choice(self.d["things"]),
                                             role=rng.choice(self.d["roles"]))
        lines = [f"[@{sid}]: {name}", "  kind: person"]
        if self.sloppy and rng.random() < 0.5:
            lines.append("  anonymous:")
        else:
            lines.append(f"  anonymous: {rng.choice(ANON_WHY)}")
        self.sources[sid] = lines
        return sid

    def source(self) -> str:
        sid = self.rng.choice(self.people)
        if self.sloppy and self.rng.random() < 0.04:
            return sid + "s"  # a typo: undefined-source
        self.used.add(sid)
        return sid

    def display(self, sid: str) -> str:
        lines = self.sources.get(sid)
        if not lines:
            return "a spokesperson"
        name = lines[0].split("]: ", 1)[1]
        return name if not name.startswith("A") else name[0].lower() + name[1:]

    def conf(self) -> str:
        return self.rng.choices(CONFIDENCES, CONF_WEIGHTS)[0]

    def suffix(self) -> str:
        rng = self.rng
        if self.sloppy and rng.random() < 0.03:
            return ":" + self.conf()  # unattributed-claim
        src = self.source()
        if rng.random() < 0.06:
            other = self.source()
            if other != src:
                src += "+" + other
        parts = ["@" + src]
        if rng.random() < 0.9:
            parts.append(":" + self.conf())
        return "".join(parts)

    # quantities

    def qname(self, stem: str) -> str:
        self.qid += 1
        stem = "".join(c if c.isalnum() else "_" for c in stem.lower()).strip("_")
        stem = "_".join(w for w in stem.split("_") if w)[:24].strip("_") or "q"
        return f"{stem}_{self.qid}"

    def money(self) -> str:
        rng = self.rng
        sym, scale = rng.choice(CURRENCIES)
        if scale == "bn":
            return f"{sym}{rng.randint(1, 60)}.{rng.randint(0, 9)}bn"
        return f"{sym}{rng.randint(2, 950)} million"

    def count_phrase(self, n: int) -> str:
        q = self.rng.choice(["", "", "about ", "roughly ", "more than ", "at least ",
                             "nearly ", "just "])
        return f"{q}{n:,}"

    # paragraphs

    def claim_paragraph(self) -> str:
        rng = self.rng
        thing = rng.choice(self.d["things"])
        s = self.source()
        speaker = self.display(s)
        said = rng.choice(VERBS_SAID)
        forms = [
            lambda: f"{{{thing.capitalize()} would be {rng.choice(['delayed', 'approved', 'revised', 'scrapped', 'extended'])} "
                    f"until {rng.choice(MONTHS)}}}{self.suffix()}, {speaker} {said}.",
            lambda: f"{speaker.capitalize()} {said} that {{{thing} had been "
                    f"{rng.choice(ADJ)} and {rng.choice(['badly managed', 'underfunded', 'a success', 'overdue'])}}}{self.suffix()}.",
            lambda: f"\"{{We {rng.choice(['will not accept', 'fully support', 'are still studying', 'never agreed to'])} "
                    f"{thing}}}{self.suffix()},\" {speaker} {said}.",
            lambda: f"{rng.choice(CUES).capitalize()} {speaker}, {{{thing} was "
                    f"{rng.choice(['agreed in principle', 'put on hold', 'sent back for review'])} on "
                    f"{rng.choice(WEEKDAYS)}}}{self.suffix()}. {rng.choice(FILLER)}",
        ]
        return rng.choice(forms)()

    def number_paragraph(self) -> str:
        rng = self.rng
        kind = rng.random()
        if kind < 0.35:
            what = rng.choice(self.d["money"])
            a = self.qname(what + "_now")
            b = self.qname(what + "_before")
            return (f"{{{what.capitalize()} {rng.choice(CHANGE)} to {{{self.money()}}}#{a} "
                    f"from {{{self.money()}}}#{b} a year earlier}}{self.suffix()}, "
                    f"{rng.choice(CUES)} figures published on {rng.choice(WEEKDAYS)}. "
                    f"{rng.choice(FILLER)}")
        if kind < 0.7:
            noun = rng.choice(self.d["counts"])
            x, y = rng.randint(40, 4000), rng.randint(40, 4000)
            total = x + y
            if self.sloppy and rng.random() < 0.2:
                total = int(total * rng.choice([0.6, 1.5]))  # relation-mismatch
            t, p, q = self.qname("total_" + noun), self.qname(noun + "_a"), self.qname(noun + "_b")
            self.relations.append(f"[#{t}]: = {p} + {q}\n  tolerance: {rng.choice([2, 5, 10])}%")
            where = rng.sample(self.v.places, 2)
            return (f"{{The two {rng.choice(['regions', 'districts', 'offices', 'sites'])} together account for "
                    f"{{{self.count_phrase(total)} {noun}}}#{t}: {{about {x:,}}}#{p} in "
                    f"{where[0].capitalize()} and {{about {y:,}}}#{q} in {where[1].capitalize()}}}"
                    f"{self.suffix()}. {rng.choice(FILLER)}")
        if kind < 0.85:
            part, whole = rng.randint(5, 400), rng.randint(500, 2000)
            share = round(100 * part / whole, 1 if 100 * part < 10 * whole else 0)
            share = int(share) if share == int(share) else share
            p, w, s = self.qname("part"), self.qname("whole"), self.qname("share")
            self.relations.append(f"[#{s}]: = {p} / {w}\n  tolerance: 5%")
            noun = rng.choice(self.d["counts"])
            return (f"Of the {{{whole:,}}}#{w} {noun} counted in {self.year - 1}, "
                    f"{{{part:,}}}#{p} were affected, {{about {share} percent}}#{s}, "
                    f"{rng.choice(CUES)} {self.display(self.source())}.")
        q = self.qname("year")
        return (f"{{The {rng.choice(self.d['things']).removeprefix('the ')} was first proposed "
                f"{{in {self.year - rng.randint(2, 15)}}}#{q}}}{self.suffix()}, and has been "
                f"{rng.choice(['revised', 'delayed', 'challenged in court'])} "
                f"{rng.choice(['twice', 'three times', 'several times'])} since.")

    def plain_paragraph(self) -> str:
        rng = self.rng
        sents = []
        for _ in range(rng.randint(2, 5)):
            r = rng.random()
            if r < 0.35:
                sents.append(rng.choice(FILLER))
            elif r < 0.65:
                who = f"{rng.choice(self.v.given).capitalize()} {rng.choice(self.v.surnames).capitalize()}"
                sents.append(f"{who}, {article(rng.choice(self.d['roles']))} in {rng.choice(self.v.places).capitalize()}, "
                             f"{rng.choice(VERBS_SAID)} that {rng.choice(self.d['things'])} was "
                             f"{rng.choice(ADJ)}.")
            elif r < 0.85:
                sents.append(f"The {rng.choice(self.d['counts'])} in {rng.choice(self.v.places).capitalize()} "
                             f"{rng.choice(CHANGE)} by {rng.randint(2, 40)} percent between "
                             f"{self.year - 3} and {self.year - 1}.")
            else:
                sents.append(f"{rng.choice(self.d['things']).capitalize()} is expected to be discussed "
                             f"again on {rng.choice(WEEKDAYS)} {rng.randint(1, 28)} {rng.choice(MONTHS)}.")
        return " ".join(sents)

    def extra_block(self) -> str:
        rng = self.rng
        r = rng.random()
        if r < 0.3:
            items = []
            for _ in range(rng.randint(2, 5)):
                if rng.random() < 0.5:
                    q = self.qname("item")
                    items.append(f"- {{{{{rng.randint(10, 900)}}}#{q} new {rng.choice(self.d['counts'])} "
                                 f"by {self.year + rng.randint(1, 4)}}}{self.suffix()};")
                else:
                    items.append(f"- {rng.choice(FILLER)[:-1].lower()};")
            return f"The plan lists {len(items)} priorities:\n\n" + "\n".join(items)
        if r < 0.5:
            url = f"https://{self.place.lower()}.example.org/docs/{self.year}/{rng.randint(1, 999)}"
            if rng.random() < 0.3:
                url += "#{section}"
            return (f"The full text was [published online]({url}) on {rng.choice(WEEKDAYS)}, "
                    f"under reference `{rng.choice(['Art.', 'Doc.', 'Ref.'])} {rng.randint(1, 99)}"
                    f"({rng.randint(1, 9)})`. Section `{{draft}}` was left out. {rng.choice(FILLER)}")
        if r < 0.65:
            rows = ["| Item | " + str(self.year - 1) + " | " + str(self.year) + " |",
                    "|---|---|---|"]
            for _ in range(rng.randint(2, 5)):
                rows.append(f"| {rng.choice(self.d['counts']).capitalize()} | {rng.randint(10, 9000):,} | "
                            f"{{{rng.randint(10, 9000):,}}}#{self.qname('row')} |")
            return "\n".join(rows)
        if r < 0.8:
            return f"<!-- Desk note: {rng.choice(FILLER)} Check with {rng.choice(self.v.given).capitalize()} before publishing. -->"
        if r < 0.9:
            return (f"<!-- claimmark-disable-next-line unattributed-claim -- figure from the exchange feed -->\n"
                    f"{{{rng.choice(self.d['money']).capitalize()} was {self.money()}}}:confirmed at the close.")
        return (f"> {rng.choice(FILLER)} {rng.choice(FILLER)}\n>\n> — {rng.choice(self.v.given).capitalize()} "
                f"{rng.choice(self.v.surnames).capitalize()}")

    def front_matter(self, title: str) -> str:
        rng = self.rng
        date = f"{self.year}-{self.month:02d}-{self.day:02d}"
        author = f"{rng.choice(self.v.given).capitalize()} {rng.choice(self.v.surnames).capitalize()}"
        if rng.random() < 0.1:
            return (f"+++\ntitle = \"{title}\"\npublished = {date}\nauthor = \"{author}\"\n"
                    f"lang = \"en\"\ndesk = \"{self.desk}\"\n+++\n")
        lines = ["---", f"title: \"{title}\""]
        if not (self.sloppy and rng.random() < 0.3):
            lines.append(f"published: {date}" if rng.random() < 0.8
                         else f"published: {date}T{rng.randint(6, 22):02d}:{rng.choice(['00', '15', '30', '45'])}:00+01:00")
        lines.append(f"author: {author}")
        lines.append("lang: en")
        lines.append(f"tags: [{self.desk}, {rng.choice(self.d['things']).removeprefix('the ').replace(' ', '-')}]")
        if rng.random() < 0.3:
            lines.append(f"desk: {self.desk}  # kept, not read")
        lines.append("---")
        return "\n".join(lines) + "\n"

    def render(self, target: int) -> str:
        rng = self.rng
        thing = rng.choice(self.d["things"]).removeprefix("the ")
        title = f"{self.place} {rng.choice(['backs', 'delays', 'rejects', 'revises', 'questions'])} {thing}"
        parts = [self.front_matter(title), f"# {title}\n"]
        size = sum(len(p) for p in parts)
        defs_estimate = 90 * len(self.people) + 60
        while size + defs_estimate < target:
            r = rng.random()
            if r < 0.07:
                block = f"## {rng.choice(['What happens next', 'The numbers', 'Reaction', 'Background', 'Why it matters', 'Doubts'])}"
            elif r < 0.37:
                block = self.claim_paragraph()
            elif r < 0.57:
                block = self.number_paragraph()
            elif r < 0.87:
                block = self.plain_paragraph()
            else:
                block = self.extra_block()
            parts.append(block + "\n")
            size += len(block) + 2
        defs = []
        for sid, lines in self.sources.items():
            if sid in self.used or (self.sloppy and rng.random() < 0.3):
                defs.append("\n".join(lines))
        defs.extend(self.relations)
        parts.append("\n".join(defs) + "\n")
        return "\n".join(parts)


def article(noun: str) -> str:
    return ("an " if noun[0] in "aeiou" else "a ") + noun


def wire_copy(rng: random.Random, vocab: Vocabulary, target: int) -> str:
    """Plain untagged wire copy (.txt)."""
    desk = rng.choice(list(DESKS))
    d = Draft(rng, vocab, desk, rng.randint(2015, 2025), rng.randint(1, 12), False)
    out = [f"{d.place.upper()} ({rng.choice(['Wire', 'Newswire', 'Agency'])}) -"]
    size = len(out[0])
    while size < target:
        p = d.plain_paragraph()
        out.append(p)
        size += len(p) + 2
    return "\n\n".join(out) + "\n"


def file_size(rng: random.Random) -> int:
    """Article sizes: log-normal around 5 KB, clipped to 2..20 KB."""
    return int(min(20_000, max(2_000, math.exp(rng.gauss(math.log(5_000), 0.55)))))


def inside(path: str, root: str) -> bool:
    path, root = os.path.realpath(path), os.path.realpath(root)
    return path == root or path.startswith(root + os.sep)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("out", help="output directory (created; must be outside the repository)")
    ap.add_argument("--size-mb", type=float, default=50.0, help="corpus size in MB (10**6 bytes)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--force", action="store_true", help="replace a non-empty OUT directory")
    args = ap.parse_args()

    repo = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    if inside(args.out, repo):
        print(f"gen-corpus: {args.out} is inside the repository {repo}; write it elsewhere",
              file=sys.stderr)
        return 2
    if os.path.isdir(args.out) and os.listdir(args.out):
        if not args.force:
            print(f"gen-corpus: {args.out} is not empty (use --force to replace it)",
                  file=sys.stderr)
            return 2
        shutil.rmtree(args.out)

    rng = random.Random(args.seed)
    vocab = Vocabulary(rng)
    budget = int(args.size_mb * 1_000_000)
    written = files = 0
    serial: dict[str, int] = {}
    while written < budget:
        target = min(file_size(rng), max(2_000, budget - written))
        if rng.random() < 0.05:
            text = wire_copy(rng, vocab, target)
            desk, year, month, ext = "wire", rng.randint(2015, 2025), rng.randint(1, 12), ".txt"
        else:
            desk = rng.choice(list(DESKS))
            year, month = rng.randint(2015, 2025), rng.randint(1, 12)
            draft = Draft(rng, vocab, desk, year, month, sloppy=rng.random() < 0.3)
            text = draft.render(target)
            ext = ".markdown" if rng.random() < 0.03 else ".md"
        folder = os.path.join(args.out, desk, str(year), f"{month:02d}")
        n = serial.get(folder, 0) + 1
        serial[folder] = n
        slug = "-".join(text.split("\n# ", 1)[-1].split("\n", 1)[0].lower().split()[:5]) \
            if ext != ".txt" else f"wire-{rng.choice(vocab.places)}"
        slug = "".join(c for c in slug if c.isalnum() or c == "-")[:48]
        os.makedirs(folder, exist_ok=True)
        data = text.encode("utf-8")
        with open(os.path.join(folder, f"{n:04d}-{slug}{ext}"), "wb") as f:
            f.write(data)
        written += len(data)
        files += 1

    info = {"generator": "bench/gen-corpus.py", "version": VERSION, "size_mb": args.size_mb,
            "seed": args.seed, "files": files, "bytes": written}
    with open(os.path.join(args.out, ".corpus-info"), "w") as f:
        json.dump(info, f)
        f.write("\n")
    print(f"gen-corpus: {files} files, {written / 1e6:.1f} MB in {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
