//! Attribution detection: cues from the lexicons, then a source and a content
//! for each cue, found by scanning tokens around it; then pronoun and short
//! name resolution.

use std::ops::Range;

use serde::Serialize;

use super::lexicon::{
    self, ACCUSE, ADJ_CUE, ADV, AUX, BELIEF, CONJ, CUE_VERB, DET, DOC, EVIDENCE, FUNCTION, Form,
    HEDGE, INTENT, NEG, NOUN_CUE, ORG, PHRASE, PREP, PRON, Pat, PhraseKind, QUOTE_ONLY, REL,
    SPEECH, SUB, SUBJECT_ONLY, TITLE,
};
use super::token::{Doc, Kind, NO_QUOTE, Quote, Sent};

/// What kind of attribution a cue introduces.
#[derive(Serialize, Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AttributionKind {
    /// Speech with quoted words as content: `"…," she said`.
    DirectQuote,
    /// Reported speech: `officials said (that) …`.
    Indirect,
    /// `according to X`, `as reported by X`.
    AccordingTo,
    /// Belief, knowledge, expectation: `believes`, `thinks`, `is expected to`.
    Belief,
    /// Intention, desire, plans, requests: `wants`, `plans to`, `urged`.
    Intention,
    /// Accusation, criticism, praise, support: `accused … of`, `blasted`, `endorsed`.
    Accusation,
    /// Documents and data: `the poll shows`, `the study found`.
    Evidence,
    /// Allegation and hedge adverbs without a source: `reportedly`, `allegedly`.
    Hedge,
    /// A quotation with no cue of its own, continuing an earlier speaker.
    QuoteOnly,
}

/// One attribution. All ranges are byte offsets into the analysed text.
#[derive(Serialize, Debug, Clone, PartialEq)]
pub struct Attribution {
    /// Who: `Mark Galeotti`, `a Nato spokesman`, `he`.
    pub source: Option<Range<usize>>,
    /// The reporting words: `said`, `has also said`, `according to`.
    pub cue: Option<Range<usize>>,
    /// What is attributed; may span several sentences of one quotation, and
    /// for a split quote it is the hull of both parts.
    pub content: Option<Range<usize>>,
    /// The named mention the source refers to: the earlier full name for a
    /// pronoun or a short name, the name itself for a full name, else `None`.
    pub resolved_source: Option<Range<usize>>,
    /// The sentence of the cue (or of the content when there is no cue).
    pub sentence: Range<usize>,
    pub kind: AttributionKind,
}

#[derive(Clone, Copy, Debug)]
struct Cue {
    /// Token range of the cue.
    s: usize,
    e: usize,
    /// The verb (or first word of the phrase).
    head: usize,
    class: u32,
    according: bool,
}

#[derive(Clone, Copy, Debug, Default)]
struct Src {
    span: Option<(usize, usize)>,
    /// The source follows the cue (`said Smith`, `according to Smith`).
    right: bool,
    /// The source was borrowed from the subject of an earlier verb
    /// (`…, saying …`, `… and said …`): it does not delimit the content.
    borrowed: bool,
}

/// A capitalized name mention (token range).
#[derive(Clone, Copy, Debug)]
struct Name {
    s: usize,
    e: usize,
    person: bool,
    /// 1 male (Mr.), 2 female (Ms., Mrs.), 0 unknown.
    gender: u8,
}

/// Find the attributions of `text`, sorted by position. See the module docs.
pub fn detect_attributions(text: &str) -> Vec<Attribution> {
    detect(&Doc::new(text))
}

/// [`detect_attributions`] on an already tokenized document.
pub(crate) fn detect(doc: &Doc<'_>) -> Vec<Attribution> {
    let mut d = Detector {
        doc,
        out: Vec::new(),
        names: Vec::new(),
        sources: Vec::new(),
        contents: Vec::new(),
    };
    d.collect_names();
    d.run();
    let mut out = d.out;
    out.sort_by_key(|a| {
        let first = [&a.source, &a.cue, &a.content]
            .iter()
            .filter_map(|r| r.as_ref().map(|r| r.start))
            .min()
            .unwrap_or(a.sentence.start);
        (a.sentence.start, first)
    });
    out
}

struct Detector<'d, 'a> {
    doc: &'d Doc<'a>,
    out: Vec<Attribution>,
    /// All name mentions, in text order.
    names: Vec<Name>,
    /// Named sources seen so far: (index in `names`).
    sources: Vec<usize>,
    /// Token ranges of all contents so far.
    contents: Vec<(usize, usize)>,
}

impl Detector<'_, '_> {
    fn word(&self, i: usize) -> &str {
        self.doc.tok_text(i)
    }

    fn is_word(&self, i: usize, w: &str) -> bool {
        self.doc.toks.get(i).is_some_and(|t| t.is_word()) && self.word(i).eq_ignore_ascii_case(w)
    }

    fn run(&mut self) {
        let mut cues: Vec<Cue> = Vec::new();
        let mut srcs: Vec<Src> = Vec::new();
        let mut contents: Vec<Option<(usize, usize)>> = Vec::new();
        let mut keep: Vec<bool> = Vec::new();
        // Content of an earlier sentence reaching into later ones (a colon
        // introducing the next paragraph): no cue inside it.
        let mut covered_until = 0;
        for si in 0..self.doc.sents.len() {
            let sent = self.doc.sents[si];
            cues.clear();
            self.find_cues(sent, &mut cues);
            cues.retain(|c| c.s >= covered_until);
            if cues
                .iter()
                .any(|c| !c.according || self.toks_word(c.s) != Some("in"))
            {
                // "In a statement, X said": the verb is the cue.
                let n = cues.len();
                cues.retain(|c| !(c.according && c.class == EVIDENCE) || n == 1);
            }
            for pass in 0..2 {
                srcs.clear();
                contents.clear();
                for k in 0..cues.len() {
                    let prev = if k > 0 { srcs[k - 1].span } else { None };
                    srcs.push(self.find_source(sent, &cues[k], prev));
                }
                for k in 0..cues.len() {
                    let next_lb = self.next_cut(sent, &cues, &srcs, k);
                    contents.push(self.find_content(si, sent, &cues[k], srcs[k], next_lb));
                }
                if pass == 1 {
                    break;
                }
                // PolNeAR never nests: a cue inside the content of another
                // attribution is part of that content.
                self.outermost(&cues, &srcs, &contents, &mut keep);
                if keep.iter().all(|&k| k) {
                    break;
                }
                let mut it = keep.iter();
                cues.retain(|_| *it.next().unwrap_or(&true));
            }
            for k in 0..cues.len() {
                if let Some((_, e)) = contents[k]
                    && e > sent.te
                {
                    covered_until = covered_until.max(e);
                }
                self.emit(sent, &cues[k], srcs[k], contents[k]);
            }
        }
        self.quote_only();
    }

    fn toks_word(&self, i: usize) -> Option<&str> {
        self.doc.toks.get(i).map(|_| self.word(i))
    }

    /// Which cues to keep: a cue inside the content of another one is dropped,
    /// unless that other one is itself inside its content and ranks lower.
    fn outermost(
        &self,
        cues: &[Cue],
        srcs: &[Src],
        contents: &[Option<(usize, usize)>],
        keep: &mut Vec<bool>,
    ) {
        let rank = |k: usize| -> u8 {
            let c = &cues[k];
            if c.class & SPEECH != 0 && srcs[k].span.is_some() {
                3
            } else if c.according {
                2
            } else if c.class & SPEECH != 0 {
                1
            } else {
                0
            }
        };
        let inside = |c: &Cue, content: Option<(usize, usize)>| {
            content.is_some_and(|(s, e)| s <= c.s && c.e <= e)
        };
        keep.clear();
        keep.resize(cues.len(), true);
        for k in 0..cues.len() {
            let lo = k.saturating_sub(32);
            let hi = (k + 33).min(cues.len());
            // A cue word inside another cue's source ("according to the complaint").
            if (lo..hi).any(|d| d != k && !srcs[d].borrowed && inside(&cues[k], srcs[d].span)) {
                keep[k] = false;
            }
        }
        for k in 0..cues.len() {
            let lo = k.saturating_sub(32);
            let hi = (k + 33).min(cues.len());
            if !keep[k] {
                continue;
            }
            for d in lo..hi {
                if d == k
                    || !inside(&cues[k], contents[d])
                    || !keep[d] && inside(&cues[d], srcs[k].span)
                {
                    continue;
                }
                let mutual = inside(&cues[d], contents[k]);
                if !mutual || rank(d) > rank(k) || (rank(d) == rank(k) && d < k) {
                    keep[k] = false;
                    break;
                }
            }
        }
    }

    // ------------------------------------------------------------ cues

    fn find_cues(&self, sent: Sent, cues: &mut Vec<Cue>) {
        let toks = &self.doc.toks;
        if let Some(c) = self.colon_cue(sent) {
            cues.push(c);
        }
        let mut i = sent.ts;
        while i < sent.te {
            let t = toks[i];
            if !t.is_word() || t.qid != NO_QUOTE {
                i += 1;
                continue;
            }
            if let Some(c) = self.in_document_cue(i, sent) {
                cues.push(c);
                i += 1;
                continue;
            }
            if t.has(PHRASE)
                && let Some((end, kind)) = self.match_phrase(i, sent.te)
            {
                match kind {
                    PhraseKind::According => cues.push(Cue {
                        s: i,
                        e: end,
                        head: i,
                        class: SPEECH,
                        according: true,
                    }),
                    PhraseKind::Class(class) => {
                        if self.accept_verb(i, sent) {
                            let s = self.extend_left(i, sent.ts, cues);
                            cues.push(Cue {
                                s,
                                e: end,
                                head: i,
                                class,
                                according: false,
                            });
                        }
                    }
                    PhraseKind::Suffix => {
                        if let Some(c) = cues.last_mut()
                            && c.e == i
                            && !c.according
                        {
                            c.e = end;
                        }
                    }
                }
                i = end;
                continue;
            }
            if t.has(CUE_VERB) && self.accept_verb(i, sent) {
                let s = self.extend_left(i, sent.ts, cues);
                cues.push(Cue {
                    s,
                    e: i + 1,
                    head: i,
                    class: t.w.class & CUE_VERB,
                    according: false,
                });
            } else if t.has(HEDGE) {
                cues.push(Cue {
                    s: i,
                    e: i + 1,
                    head: i,
                    class: HEDGE,
                    according: false,
                });
            }
            i += 1;
        }
    }

    /// `Name: content` at the start of a sentence (headlines, transcripts).
    fn colon_cue(&self, sent: Sent) -> Option<Cue> {
        let toks = &self.doc.toks;
        let (s, e) = self.np_right(sent.ts, sent.te, false)?;
        if e - s > 6 || e + 2 >= sent.te || !toks[e].is_punct(':') {
            return None;
        }
        let names = (s..e).all(|k| {
            (toks[k].is_word() && toks[k].cap && !toks[k].has(DOC)) || toks[k].kind == Kind::Punct
        });
        if !names || toks[s].has(FUNCTION) || self.count_words(e + 1, sent.te) < 2 {
            return None;
        }
        Some(Cue {
            s: e,
            e: e + 1,
            head: e,
            class: SPEECH,
            according: false,
        })
    }

    /// `In a CNN poll, …` / `In a statement, …`: "In" is the cue and the
    /// noun phrase up to the comma the source.
    fn in_document_cue(&self, i: usize, sent: Sent) -> Option<Cue> {
        let toks = &self.doc.toks;
        if !self.is_word(i, "in") || !(i == sent.ts || toks[i - 1].is_punct(',')) {
            return None;
        }
        let end = (i + 1..sent.te.min(i + 14)).find(|&k| toks[k].kind == Kind::Punct)?;
        if !toks[end].is_punct(',') || end + 2 >= sent.te || !(i + 1..end).any(|k| toks[k].has(DOC))
        {
            return None;
        }
        Some(Cue {
            s: i,
            e: i + 1,
            head: i,
            class: EVIDENCE,
            according: true,
        })
    }

    /// Longest phrase of `phrases.txt` starting at token `i`.
    fn match_phrase(&self, i: usize, te: usize) -> Option<(usize, PhraseKind)> {
        let toks = &self.doc.toks;
        let lex = lexicon::lexicon();
        let mut buf = [0u8; 32];
        let key = lexicon::normalize(self.word(i), &mut buf);
        let (by_word, by_lemma) = lex.phrases_for(key, toks[i].w.lemma);
        let (mut a, mut b) = (by_word.iter().peekable(), by_lemma.iter().peekable());
        // Merge the two ascending lists: longest phrases first.
        loop {
            let pi = match (a.peek(), b.peek()) {
                (Some(&&x), Some(&&y)) if x <= y => a.next(),
                (Some(_), Some(_)) => b.next(),
                (Some(_), None) => a.next(),
                (None, Some(_)) => b.next(),
                (None, None) => return None,
            };
            let &pi = pi?;
            let p = &lex.phrases[pi];
            let mut k = i + 1;
            let mut ok = true;
            for pat in &p.pats[1..] {
                if k >= te || !toks[k].is_word() {
                    ok = false;
                    break;
                }
                ok = match pat {
                    Pat::Any => true,
                    Pat::Lemma(id) => toks[k].w.lemma == *id,
                    Pat::Words(ws) => {
                        let word = self.word(k);
                        ws.iter().any(|w| lexicon::normalizes_to(word, w))
                    }
                };
                if !ok {
                    break;
                }
                k += 1;
            }
            if ok {
                return Some((k, p.kind));
            }
        }
    }

    /// Is the lexicon word at `i` used as a verb here?
    fn accept_verb(&self, i: usize, sent: Sent) -> bool {
        let toks = &self.doc.toks;
        let t = toks[i];
        let form = t.w.form;
        let prev = if i > sent.ts { Some(toks[i - 1]) } else { None };
        if t.has(NOUN_CUE) {
            return !(t.cap && i > sent.ts);
        }
        if t.has(ADJ_CUE) {
            return prev
                .is_some_and(|p| p.is_word() && p.has(AUX | ADV) && !self.is_word(i - 1, "to"));
        }
        if form == Form::None {
            return true; // a phrase starting with a function word ("is expected to")
        }
        if let Some(p) = prev {
            if p.is_word() && p.has(DET) && !p.has(PRON | REL) {
                return false;
            }
            if p.kind == Kind::Num {
                return false;
            }
            if p.is_word() && p.has(PREP) && !self.is_word(i - 1, "to") && form != Form::Ing {
                return false;
            }
            if p.is_word() && is_possessive(self.word(i - 1)) {
                return false;
            }
        }
        if matches!(form, Form::Base | Form::S3) && self.is_word(i + 1, "of") {
            return false;
        }
        // Passive "found" is a place or a state, not a finding: "the poll can be found
        // here", "were found dead" (but "was found to have", "found that").
        if self.is_word(i, "found")
            && prev.is_some_and(|p| {
                p.is_word()
                    && ["be", "is", "are", "was", "were", "been", "being"]
                        .iter()
                        .any(|b| self.word(i - 1).eq_ignore_ascii_case(b))
            })
            && !self.is_word(i + 1, "that")
            && !self.is_word(i + 1, "to")
        {
            return false;
        }
        // "back" before a particle or a figure is a direction, not support: "looking
        // back to 2008", "did not back down", "is back to 11 percent".
        if self.is_word(i, "back")
            && toks.get(i + 1).is_some_and(|n| {
                n.kind == Kind::Num
                    || n.is_word()
                        && [
                            "to", "down", "up", "off", "away", "in", "out", "into", "on", "nearly",
                        ]
                        .iter()
                        .any(|w| self.word(i + 1).eq_ignore_ascii_case(w))
            })
        {
            return false;
        }
        if t.cap && i > sent.ts {
            // A capitalized verb inside a sentence is a name ("Hope Hicks",
            // "United States", "Washington Post"), unless the sentence is a
            // title-case headline ("Clinton Says Russians Hacked DNC").
            let title_case = !t.w.amb
                && prev.is_some_and(|p| p.is_word() && p.cap)
                && toks
                    .get(i + 1)
                    .is_some_and(|n| i + 1 < sent.te && (n.cap || n.kind != Kind::Word));
            if !title_case {
                return false;
            }
        }
        let next = toks.get(i + 1).filter(|_| i + 1 < sent.te);
        if t.has(SUBJECT_ONLY) {
            let ok = prev.is_some_and(|p| {
                p.is_word() && (p.has(PRON | REL | AUX | NEG | ADV | CONJ) || p.cap)
            });
            if !ok {
                return false;
            }
        }
        if t.has(QUOTE_ONLY) {
            let quote_next =
                next.is_some_and(|n| n.kind == Kind::QOpen || n.is_punct(':') || n.is_punct(','));
            let quote_prev = prev.is_some_and(|p| p.kind == Kind::QClose || p.is_punct(','));
            if !(quote_next || quote_prev) {
                return false;
            }
        }
        if t.w.amb && matches!(form, Form::Base | Form::S3) {
            let Some(p) = prev else { return false };
            // A verb is followed by its object or complement, not by a
            // preposition, a conjunction or the end of the clause.
            let noun_next = match next {
                None => true,
                Some(n) => match n.kind {
                    Kind::Punct => !n.is_punct(':'),
                    Kind::Word => {
                        n.has(PREP | CONJ | SUB) && !self.is_word(i + 1, "to")
                            || (n.has(AUX) && !self.is_word(i + 1, "to"))
                    }
                    _ => false,
                },
            };
            if noun_next {
                return false;
            }
            if !p.is_word() {
                return false;
            }
            if p.has(PRON | REL | AUX | NEG | ADV) || p.cap {
                return true;
            }
            if p.has(FUNCTION) {
                return false;
            }
            let pw = self.word(i - 1);
            // Base form after a plural noun ("officials say"); -s form after a
            // singular one ("the company reports").
            return match form {
                Form::Base => pw.ends_with('s') || pw.ends_with("ple"),
                _ => !pw.ends_with('s') && !pw.ends_with("ly"),
            };
        }
        if t.cap && i == sent.ts && t.w.amb {
            return false;
        }
        true
    }

    /// Extend a cue left over auxiliaries, negation and adverbs.
    fn extend_left(&self, i: usize, ts: usize, cues: &[Cue]) -> usize {
        let toks = &self.doc.toks;
        let floor = cues.last().map_or(ts, |c| c.e.max(ts));
        let mut s = i;
        while s > floor && i - s < 4 {
            let p = toks[s - 1];
            if !p.is_word() || p.cap {
                break;
            }
            let w = self.word(s - 1);
            let adv = (p.has(ADV) && !p.has(DET | PRON))
                || (w.ends_with("ly") && w.len() > 4 && !p.has(FUNCTION));
            if p.has(AUX | NEG) || adv {
                s -= 1;
            } else {
                break;
            }
        }
        // Never start a cue with "to" unless it is "to <verb>" ("to say").
        s
    }

    // ------------------------------------------------------------ sources

    fn find_source(&self, sent: Sent, cue: &Cue, prev: Option<(usize, usize)>) -> Src {
        let toks = &self.doc.toks;
        if cue.class == HEDGE {
            return Src::default();
        }
        if cue.according {
            return Src {
                span: self.np_right(cue.e, sent.te, false),
                right: true,
                borrowed: false,
            };
        }
        let h = cue.head;
        let form = toks[h].w.form;
        // Passive: "was told by X", "is criticized by X".
        if form == Form::Past
            && self.is_word(cue.e, "by")
            && cue.s < h + 1
            && h > 0
            && (is_be(self.word(h - 1)) || self.is_word(h - 1, "as"))
        {
            return Src {
                span: self.np_right(cue.e + 1, sent.te, false),
                right: true,
                borrowed: false,
            };
        }
        let lb = cue.s;
        let left_open = lb == sent.ts || {
            let p = toks[lb - 1];
            p.kind == Kind::QClose
                || p.kind == Kind::QOpen
                || (p.kind == Kind::Punct && matches!(p.ch, ',' | ':' | '—' | '–' | '(' | ';'))
        };
        // "Smith, a researcher, said …": the appositive wins over an inversion.
        if lb > sent.ts
            && toks[lb - 1].is_punct(',')
            && let Some(l) = self.appositive_left(lb - 1, sent.ts)
        {
            return Src {
                span: Some(l),
                right: false,
                borrowed: false,
            };
        }
        if left_open
            && cue.class & SPEECH != 0
            && matches!(form, Form::Past | Form::S3)
            && let Some(r) = self.np_right(cue.e, sent.te, true)
        {
            // `"…," said Smith.` / `…, said Smith on Monday` — but not
            // `Smith, a researcher, said Russia was isolated`.
            let clause_ends = match toks.get(r.1).filter(|_| r.1 < sent.te) {
                None => true,
                Some(n) => n.kind != Kind::Word || n.has(PREP | ADV) && !n.has(AUX),
            };
            if clause_ends {
                return Src {
                    span: Some(r),
                    right: true,
                    borrowed: false,
                };
            }
        }
        if let Some(l) = self.np_left(lb, sent.ts, true) {
            return Src {
                span: Some(l),
                right: false,
                borrowed: false,
            };
        }
        // ", saying that …", "… and said …": the subject of the earlier verb.
        let coordinated = lb > sent.ts
            && (toks[lb - 1].is_punct(',') && form == Form::Ing
                || self.is_word(lb - 1, "and")
                || self.is_word(lb - 1, "but"));
        if coordinated {
            if prev.is_some() {
                return Src {
                    span: prev,
                    right: false,
                    borrowed: true,
                };
            }
            if let Some(r) = self.np_right(sent.ts, lb, false)
                && (toks[r.0].cap || toks[r.0].has(PRON))
            {
                return Src {
                    span: Some(r),
                    right: false,
                    borrowed: true,
                };
            }
        }
        Src::default()
    }

    /// The noun phrase ending right before token `end`.
    fn np_left(&self, end: usize, ts: usize, appos: bool) -> Option<(usize, usize)> {
        let toks = &self.doc.toks;
        if end <= ts {
            return None;
        }
        let j = end - 1;
        let t = toks[j];
        if t.is_word() {
            if t.has(PRON | REL) || self.word(j) == "her" {
                return Some((j, j + 1));
            }
            if t.has(FUNCTION) || (t.has(CUE_VERB) && !t.w.amb && !t.cap) {
                return None;
            }
        } else if t.is_punct(',') {
            return if appos {
                self.appositive_left(j, ts)
            } else {
                None
            };
        } else if t.is_punct(')') {
            let lo = j.saturating_sub(12).max(ts);
            let open = (lo..j).rev().find(|&k| toks[k].is_punct('('))?;
            let np = self.np_left(open, ts, false)?;
            return Some((np.0, j + 1));
        } else {
            return None;
        }
        let mut k = j;
        let mut start = j;
        let mut count = 0;
        loop {
            let u = toks[k];
            if u.is_word() {
                let w = self.word(k);
                let joiner = matches!(w, "of" | "and" | "&" | "for" | "de" | "at");
                if joiner {
                    let ok = k > ts
                        && count > 0
                        && toks[k - 1].is_word()
                        && !toks[k - 1].has(FUNCTION)
                        && (w != "and" || (toks[k - 1].cap && toks[k + 1].cap));
                    if !ok {
                        break;
                    }
                } else if u.has(DET) {
                    start = k;
                    // "a spokeswoman for the company": go on past "for the".
                    let more = k >= ts + 2
                        && count < 6
                        && toks[k - 1].is_word()
                        && matches!(self.word(k - 1), "of" | "for" | "at")
                        && toks[k - 2].is_word()
                        && !toks[k - 2].has(FUNCTION | CUE_VERB);
                    if !more {
                        break;
                    }
                } else {
                    // Function words (except capitalized ones inside the
                    // sentence), verbs and -ly adverbs end the phrase.
                    let stop = (u.has(FUNCTION) && !(u.cap && k != ts && !u.has(ADV)))
                        || (u.has(CUE_VERB) && !u.w.amb && !u.cap)
                        || (!u.cap && w.ends_with("ly") && w.len() > 4)
                        || (u.cap && k == ts && u.has(FUNCTION));
                    if stop {
                        break;
                    }
                    start = k;
                }
            } else if u.is_punct('.')
                && k > ts
                && self.title_or_initial(k - 1)
                && toks[k - 1].e == u.s
            {
                // "Mr.", "J." : keep going to the title or initial
            } else if u.kind == Kind::Num && count > 0 {
                start = k;
                break;
            } else {
                break;
            }
            count += 1;
            if count >= 9 || k == ts {
                break;
            }
            k -= 1;
        }
        while start <= j
            && toks[start].is_word()
            && matches!(self.word(start), "of" | "and" | "&" | "for" | "at")
        {
            start += 1;
        }
        if start > j || (start == j && toks[j].is_punct('.')) {
            return None;
        }
        Some((start, j + 1))
    }

    /// A title ("Mr") or a one-letter initial ("J") before a dot.
    fn title_or_initial(&self, k: usize) -> bool {
        let t = &self.doc.toks[k];
        t.is_word() && (t.has(TITLE) || (t.cap && t.e - t.s == 1))
    }

    /// `X, an appositive, said` / `X, who …, said` / `X, in a statement, said`.
    fn appositive_left(&self, j: usize, ts: usize) -> Option<(usize, usize)> {
        let toks = &self.doc.toks;
        let lo = j.saturating_sub(25).max(ts);
        let mut p = None;
        let mut k = j;
        while k > lo {
            k -= 1;
            let u = toks[k];
            if u.is_punct(',') {
                p = Some(k);
                break;
            }
            if (u.is_quote()
                || (u.kind == Kind::Punct && matches!(u.ch, ';' | ':' | '.' | '!' | '?')))
                && !(u.ch == '.' && k > 0 && toks[k - 1].has(TITLE))
            {
                return None;
            }
        }
        let p = p?;
        if p + 1 >= j {
            return None;
        }
        let f = toks[p + 1];
        if !f.is_word() && f.kind != Kind::Num {
            return None;
        }
        if f.is_word() && f.has(PREP | ADV | SUB) && !f.cap {
            // ", in a statement," : skip the adverbial.
            return self.np_left(p, ts, false);
        }
        let rel = f.is_word() && f.has(REL) && self.word(p + 1) != "that";
        let appos = f.has(DET) || f.cap || f.kind == Kind::Num || !f.has(FUNCTION);
        if !(rel || appos) {
            return None;
        }
        match self.np_left(p, ts, false) {
            Some(np) => Some((np.0, j)),
            None => {
                // "…," a spokesman, John Smith, said: the part between the commas.
                if toks[p + 1].cap && p > ts && matches!(toks[p - 1].kind, Kind::QClose) {
                    Some((p + 1, j))
                } else {
                    None
                }
            }
        }
    }

    /// The noun phrase starting at token `k`. With `appos`, a following
    /// appositive running to the end of the sentence or a comma is included.
    fn np_right(&self, k: usize, te: usize, appos: bool) -> Option<(usize, usize)> {
        let toks = &self.doc.toks;
        if k >= te {
            return None;
        }
        let t = toks[k];
        if !t.is_word() {
            return None;
        }
        if t.has(PRON) && !t.has(DET) {
            return Some((k, k + 1));
        }
        let mut j = k;
        if t.has(DET) {
            j += 1;
        }
        while j < te && j - k < 12 {
            let u = toks[j];
            if u.is_word() {
                let w = self.word(j);
                let joiner = matches!(w, "of" | "and" | "&" | "for" | "de" | "at");
                if joiner {
                    let ok = j > k
                        && j + 1 < te
                        && toks[j + 1].is_word()
                        && (w != "and" || toks[j + 1].cap);
                    if !ok {
                        break;
                    }
                } else {
                    let verb = u.has(CUE_VERB)
                        && !u.cap
                        && !u.has(NOUN_CUE)
                        && (!u.w.amb || u.w.form == Form::Past);
                    let stop = (u.has(FUNCTION) && (!u.cap || u.has(PREP | CONJ | SUB))) || verb;
                    if stop {
                        break;
                    }
                }
                j += 1;
            } else if (u.is_punct('.')
                && j > k
                && self.title_or_initial(j - 1)
                && toks[j - 1].e == u.s)
                || (u.kind == Kind::Num && j == k)
            {
                j += 1;
            } else {
                break;
            }
        }
        while j > k
            && toks[j - 1].is_word()
            && matches!(self.word(j - 1), "of" | "and" | "&" | "for" | "at" | "de")
        {
            j -= 1;
        }
        if j == k || (j == k + 1 && t.has(DET)) {
            return None;
        }
        // "Sen. Bernie Sanders (I-Vt.)"
        if j < te
            && toks[j].is_punct('(')
            && let Some(c) = (j + 1..te.min(j + 10)).find(|&m| toks[m].is_punct(')'))
        {
            j = c + 1;
        }
        if appos && j + 1 < te && toks[j].is_punct(',') {
            let f = toks[j + 1];
            let starts = f.is_word()
                && !f.has(REL | PRON | CUE_VERB | SUB | CONJ)
                && (f.has(DET) || f.cap || !f.has(FUNCTION));
            if starts {
                let mut m = j + 1;
                let mut ok = false;
                while m < te && m - j < 20 {
                    let u = toks[m];
                    if u.is_quote()
                        || (u.kind == Kind::Punct
                            && matches!(u.ch, ',' | ';' | ':' | '—' | '(' | '!' | '?'))
                    {
                        ok = u.is_punct(',');
                        break;
                    }
                    if u.is_punct('.') && !(m > 0 && toks[m - 1].has(TITLE)) {
                        ok = true;
                        break;
                    }
                    if u.is_word() && (u.has(REL) || (u.has(CUE_VERB) && !u.w.amb && !u.cap)) {
                        break;
                    }
                    m += 1;
                }
                if m == te {
                    ok = true;
                }
                if ok {
                    j = m;
                }
            }
        }
        Some((k, j))
    }

    // ------------------------------------------------------------ content

    /// Where the forward content of cue `k` must stop because another,
    /// coordinated attribution starts (", and Smith said …").
    fn next_cut(&self, sent: Sent, cues: &[Cue], srcs: &[Src], k: usize) -> Option<usize> {
        let toks = &self.doc.toks;
        for j in k + 1..cues.len().min(k + 33) {
            let c = &cues[j];
            let s = srcs[j];
            let lb = match s.span {
                Some((a, _)) if !s.right && !s.borrowed && a < c.s => a,
                _ => c.s,
            };
            if lb <= cues[k].e || lb <= sent.ts {
                continue;
            }
            let p = toks[lb - 1];
            let coord = p.is_punct(',') && (s.span.is_some() || toks[c.head].w.form == Form::Ing)
                || p.is_punct(';')
                || p.is_punct('—')
                || (p.is_word()
                    && matches!(self.word(lb - 1), "and" | "but" | "while" | "whereas"));
            if coord {
                return Some(lb);
            }
        }
        None
    }

    fn find_content(
        &self,
        si: usize,
        sent: Sent,
        cue: &Cue,
        src: Src,
        next_lb: Option<usize>,
    ) -> Option<(usize, usize)> {
        let toks = &self.doc.toks;
        let (ts, te) = (sent.ts, sent.te);
        let lb = match src.span {
            Some((a, _)) if !src.right && !src.borrowed && a < cue.s => a,
            _ => cue.s,
        };
        let rb = match src.span {
            Some((_, b)) if src.right && b > cue.e => b,
            _ => cue.e,
        };
        if cue.class == HEDGE {
            return Some(self.trim(ts, te));
        }
        let qb = self.quote_before(lb, ts);
        let qa = self.quote_after(rb, te);
        match (qb, qa) {
            (Some(b), Some(a)) => return Some((b.s, a.e)),
            (Some(b), None) => return Some((b.s, b.e)),
            (None, Some(a)) => return Some((a.s, a.e)),
            (None, None) => {}
        }
        let mut body_end = te;
        while body_end > rb && toks[body_end - 1].kind == Kind::Punct {
            body_end -= 1;
        }
        let mut after_end = body_end;
        if let Some(cut) = next_lb
            && cut > rb
            && cut < after_end
        {
            after_end = cut;
        }
        let mut after_start = rb;
        while after_start < after_end
            && toks[after_start].kind == Kind::Punct
            && matches!(toks[after_start].ch, ',' | ':' | '—' | '–')
        {
            after_start += 1;
        }
        let after_words = self.count_words(after_start, after_end);
        let (bs, be) = self.trim(ts, lb);
        let before_words = if be > bs { self.count_words(bs, be) } else { 0 };
        let comma_before = lb > ts
            && toks[lb - 1].kind == Kind::Punct
            && matches!(toks[lb - 1].ch, ',' | '—' | '–');
        let comma_after = rb < te && toks[rb].is_punct(',');
        let that_after =
            (after_start..after_end.min(after_start + 7)).any(|k| self.is_word(k, "that"));
        if comma_before && comma_after && before_words >= 2 && after_words >= 2 && !that_after {
            return Some((bs, after_end));
        }
        let colon_end = rb < te && toks[rb].is_punct(':') && after_words == 0;
        // Only adverbials may follow a cue that closes its content
        // ("…, officials said on Monday"), not a clause ("…, saying it would …").
        let adverbial_after = after_words == 0
            || (after_words <= 4
                && !src.borrowed
                && toks
                    .get(after_start)
                    .is_some_and(|t| t.is_word() && t.has(PREP | ADV) || t.kind == Kind::Num));
        if comma_before && before_words >= 2 && adverbial_after && !that_after && !colon_end {
            return Some((bs, be));
        }
        if after_words >= 1 {
            let window = after_start..after_end.min(after_start + 7);
            let s = window
                .take_while(|&k| matches!(toks[k].kind, Kind::Word | Kind::Num))
                .find(|&k| self.is_word(k, "that"))
                .unwrap_or(after_start);
            return Some(self.trim(s, after_end));
        }
        if before_words >= 1 && lb > ts && !colon_end {
            return Some((bs, be));
        }
        // "He declared:" and the content in the next sentence or paragraph.
        if rb <= te
            && (rb == te || toks[rb].is_punct(':'))
            && (rb < te || toks[te - 1].is_punct(':') || toks[cue.e.min(te) - 1].is_word())
        {
            let next = self.doc.sents.get(si + 1)?;
            if rb == te && !(cue.e < toks.len() && toks.get(cue.e).is_some_and(|t| t.is_punct(':')))
            {
                return None;
            }
            if let Some(q) = self.doc.quote_of(next.ts)
                && q.s == next.ts
            {
                return Some((q.s, q.e));
            }
            return Some(self.trim(next.ts, next.te));
        }
        None
    }

    /// A quotation ending right before `lb` (`"…," she said`).
    fn quote_before(&self, lb: usize, ts: usize) -> Option<Quote> {
        let toks = &self.doc.toks;
        let mut m = lb.checked_sub(1)?;
        if m < ts && (m + 1 != ts) {
            return None;
        }
        if toks[m].kind == Kind::Punct && matches!(toks[m].ch, ',' | '—' | '–' | ':') && m > 0 {
            m -= 1;
        }
        if toks[m].kind != Kind::QClose {
            return None;
        }
        let q = self.doc.quote_of(m)?;
        (q.e == m + 1 && q.words >= 1).then_some(q)
    }

    /// A quotation introduced right after `rb`, possibly after a few words and
    /// a comma or colon (`said Tuesday in a statement: "…"`).
    fn quote_after(&self, rb: usize, te: usize) -> Option<Quote> {
        let toks = &self.doc.toks;
        let mut k = rb;
        let mut skipped = 0;
        while k < te && skipped <= 6 {
            let t = toks[k];
            if t.kind == Kind::QOpen {
                if skipped > 0
                    && !(k > 0
                        && toks[k - 1].kind == Kind::Punct
                        && matches!(toks[k - 1].ch, ',' | ':' | '—'))
                {
                    return None;
                }
                let q = self.doc.quote_of(k)?;
                return (q.s == k && q.words >= 1).then_some(q);
            }
            if t.kind == Kind::Punct && matches!(t.ch, ',' | ':' | '—') {
                k += 1;
                continue;
            }
            if !(t.is_word() || t.kind == Kind::Num) || self.is_word(k, "that") {
                return None;
            }
            skipped += 1;
            k += 1;
        }
        None
    }

    /// Words in `[s, e)`, counted up to 5 (callers only compare with small
    /// numbers; the cap keeps long sentences with many cues linear).
    fn count_words(&self, s: usize, e: usize) -> usize {
        self.doc.toks[s.min(e)..e]
            .iter()
            .filter(|t| t.is_word() || t.kind == Kind::Num)
            .take(5)
            .count()
    }

    /// Trim punctuation (not quotation marks) from both ends of `[s, e)`.
    fn trim(&self, mut s: usize, mut e: usize) -> (usize, usize) {
        let toks = &self.doc.toks;
        let junk = |c: char| matches!(c, ',' | '.' | ';' | ':' | '—' | '–' | '-');
        while s < e && toks[s].kind == Kind::Punct && junk(toks[s].ch) {
            s += 1;
        }
        while e > s
            && ((toks[e - 1].kind == Kind::Punct && junk(toks[e - 1].ch))
                || (e > s + 1
                    && toks[e - 1].is_word()
                    && matches!(self.word(e - 1), "and" | "but" | "or" | "while" | "as")))
        {
            e -= 1;
        }
        (s, e)
    }

    // ------------------------------------------------------------ output

    fn bytes(&self, (s, e): (usize, usize)) -> Option<Range<usize>> {
        if e <= s {
            return None;
        }
        let toks = &self.doc.toks;
        Some(toks[s].s..toks[e - 1].e)
    }

    fn emit(&mut self, sent: Sent, cue: &Cue, src: Src, content: Option<(usize, usize)>) {
        let toks = &self.doc.toks;
        if let Some(c) = content {
            self.contents.push(c);
        }
        let kind = if cue.according {
            AttributionKind::AccordingTo
        } else if cue.class == HEDGE {
            AttributionKind::Hedge
        } else if content.is_some_and(|(s, _)| {
            // A content can start at the end of the tokens ("said :" at the very end).
            toks.get(s).is_some_and(|t| {
                t.kind == Kind::QOpen
                    || t.qid != NO_QUOTE && self.doc.quote_of(s).is_some_and(|q| q.s == s)
            })
        }) {
            AttributionKind::DirectQuote
        } else if cue.class & SPEECH != 0 {
            AttributionKind::Indirect
        } else if cue.class & BELIEF != 0 {
            AttributionKind::Belief
        } else if cue.class & INTENT != 0 {
            AttributionKind::Intention
        } else if cue.class & ACCUSE != 0 {
            AttributionKind::Accusation
        } else if cue.class & EVIDENCE != 0 {
            AttributionKind::Evidence
        } else {
            AttributionKind::Indirect
        };
        let resolved = src.span.and_then(|sp| self.resolve(sp));
        let mut source = src.span.and_then(|sp| self.bytes(sp));
        if let (Some(r), Some((s, e))) = (source.as_mut(), src.span) {
            // "He’s" → "He"
            if e == s + 1
                && toks[s].has(PRON)
                && let Some(cut) = self.doc.text[r.clone()].find(['\'', '’'])
            {
                r.end = r.start + cut;
            }
        }
        self.out.push(Attribution {
            source,
            cue: self.bytes((cue.s, cue.e)),
            content: content.and_then(|c| self.bytes(c)),
            resolved_source: resolved.and_then(|r| self.bytes(r)),
            sentence: sent.bs..sent.be,
            kind,
        });
    }

    /// Quotations of four or more words inside no content: continuation of
    /// the last speaker.
    fn quote_only(&mut self) {
        // Union of the contents, as sorted disjoint token ranges.
        let mut merged: Vec<(usize, usize)> = Vec::with_capacity(self.contents.len());
        self.contents.sort_unstable();
        for &(s, e) in &self.contents {
            match merged.last_mut() {
                Some(last) if s <= last.1 => last.1 = last.1.max(e),
                _ => merged.push((s, e)),
            }
        }
        let mut si = 0;
        let mut mi = 0;
        for qi in 0..self.doc.quotes.len() {
            let q = self.doc.quotes[qi];
            while mi < merged.len() && merged[mi].1 <= q.s {
                mi += 1;
            }
            let covered = mi < merged.len() && merged[mi].0 < q.e;
            if covered || q.words < 4 {
                continue;
            }
            let start = self.doc.toks[q.s].s;
            while si + 1 < self.doc.sents.len() && self.doc.sents[si].be <= start {
                si += 1;
            }
            let Some(sent) = self.doc.sents.get(si).copied() else {
                continue;
            };
            let resolved = self.last_person_before(q.s, 0);
            self.out.push(Attribution {
                source: None,
                cue: None,
                content: self.bytes((q.s, q.e)),
                resolved_source: resolved.and_then(|r| self.bytes(r)),
                sentence: sent.bs..sent.be,
                kind: AttributionKind::QuoteOnly,
            });
        }
    }

    // ------------------------------------------------------------ names and resolution

    /// Record every run of capitalized words (with titles) as a name mention.
    fn collect_names(&mut self) {
        let toks = &self.doc.toks;
        let n = toks.len();
        let mut i = 0;
        while i < n {
            if !(toks[i].is_word() && toks[i].cap)
                || toks[i].has(FUNCTION & !DET)
                || toks[i].has(DET)
            {
                i += 1;
                continue;
            }
            let s = i;
            let mut j = i;
            let mut gender = 0;
            let mut caps = 0;
            let mut org = false;
            while j < n {
                let t = toks[j];
                if t.is_word() && t.cap && !t.has(FUNCTION & !TITLE) {
                    if t.has(TITLE) {
                        let w = self.word(j);
                        if w.eq_ignore_ascii_case("mr") {
                            gender = 1;
                        } else if w.eq_ignore_ascii_case("ms") || w.eq_ignore_ascii_case("mrs") {
                            gender = 2;
                        }
                    } else {
                        caps += 1;
                    }
                    if t.has(ORG) {
                        org = true;
                    }
                    j += 1;
                } else if t.is_punct('.') && j > s && toks[j - 1].has(TITLE) && toks[j - 1].e == t.s
                {
                    j += 1;
                } else {
                    break;
                }
            }
            if j > s && caps >= 1 {
                let all_upper = self.word(j - 1).chars().all(|c| !c.is_lowercase());
                let person = caps >= 2 && !org && !all_upper || (gender > 0 && caps >= 1);
                self.names.push(Name {
                    s,
                    e: j,
                    person,
                    gender,
                });
            }
            i = j.max(i + 1);
        }
    }

    /// The core name inside a token span: its longest run of capitalized words.
    fn name_core(&self, (s, e): (usize, usize)) -> Option<(usize, usize, usize)> {
        let toks = &self.doc.toks;
        let mut best: Option<(usize, usize, usize)> = None;
        let mut k = s;
        while k < e {
            if toks[k].is_word() && toks[k].cap && !toks[k].has(FUNCTION) {
                let a = k;
                let mut caps = 0;
                while k < e && toks[k].is_word() && toks[k].cap && !toks[k].has(FUNCTION) {
                    if !toks[k].has(TITLE) {
                        caps += 1;
                    }
                    k += 1;
                }
                if best.is_none_or(|b| caps > b.2) {
                    best = Some((a, k, caps));
                }
            } else {
                k += 1;
            }
        }
        best
    }

    fn last_person_before(&self, pos: usize, gender: u8) -> Option<(usize, usize)> {
        let compatible =
            |n: &Name| n.person && (gender == 0 || n.gender == 0 || n.gender == gender);
        for &ni in self.sources.iter().rev().take(MAX_LOOKBACK) {
            let n = self.names[ni];
            if n.e <= pos && compatible(&n) {
                return Some(self.strip_title(n.s, n.e));
            }
        }
        let idx = self.names.partition_point(|n| n.e <= pos);
        self.names[..idx]
            .iter()
            .rev()
            .take(MAX_LOOKBACK)
            .find(|n| compatible(n))
            .map(|n| self.strip_title(n.s, n.e))
    }

    fn strip_title(&self, mut s: usize, e: usize) -> (usize, usize) {
        let toks = &self.doc.toks;
        while s + 1 < e && (toks[s].has(TITLE) || toks[s].is_punct('.')) {
            s += 1;
        }
        (s, e)
    }

    /// Resolve a source span to a full named mention.
    fn resolve(&mut self, span: (usize, usize)) -> Option<(usize, usize)> {
        let toks = &self.doc.toks;
        let (s, e) = span;
        if e == s + 1 && toks[s].is_word() && toks[s].has(PRON | REL)
            || self.word(s) == "her" && e == s + 1
        {
            let w = self.word(s).to_ascii_lowercase();
            let w = w.replace('’', "'");
            return match w.as_str() {
                "he" | "him" | "he's" | "he'd" | "he'll" | "himself" => {
                    self.last_person_before(s, 1)
                }
                "she" | "her" | "she's" | "she'd" | "she'll" | "herself" => {
                    self.last_person_before(s, 2)
                }
                "who" | "whom" => {
                    // Antecedent: the name right before ", who" or "who".
                    let mut k = s;
                    if k > 0 && toks[k - 1].is_punct(',') {
                        k -= 1;
                    }
                    let np = self.np_left(k, 0, false)?;
                    self.resolve(np)
                }
                "it" | "they" | "them" | "its" => {
                    let idx = self.names.partition_point(|n| n.e <= s);
                    self.names[..idx]
                        .iter()
                        .rev()
                        .take(MAX_LOOKBACK)
                        .find(|n| !n.person)
                        .map(|n| (n.s, n.e))
                }
                _ => None,
            };
        }
        let (a, b, caps) = self.name_core(span)?;
        if caps < 2 && toks[s].has(DET) {
            return None; // "the Florida senator"
        }
        // The mention recorded for this span.
        let idx = self.names.partition_point(|n| n.e <= a);
        let own = self
            .names
            .get(idx)
            .copied()
            .filter(|n| n.s <= a && n.e >= b);
        if caps >= 2 {
            if let Some(n) = own {
                let ni = idx;
                if n.person || caps >= 2 {
                    self.sources.push(ni);
                }
            }
            return Some(self.strip_title(a, b));
        }
        // Short name ("Galeotti", "Mr. Cruz"): an earlier longer mention ending in it.
        let last = self.word(b - 1);
        let found = self.names[..idx].iter().rev().take(MAX_LOOKBACK).find(|n| {
            let (ns, ne) = self.strip_title(n.s, n.e);
            ne - ns >= 2 && self.word(ne - 1) == last
        });
        match found {
            Some(n) => {
                let r = self.strip_title(n.s, n.e);
                let pos = self.names.partition_point(|m| m.s < n.s);
                self.sources.push(pos);
                Some(r)
            }
            None => {
                if own.is_some() {
                    self.sources.push(idx);
                }
                Some(self.strip_title(a, b))
            }
        }
    }
}

/// How many earlier mentions resolution looks at (keeps it linear).
const MAX_LOOKBACK: usize = 400;

fn is_possessive(w: &str) -> bool {
    w.ends_with("'s") || w.ends_with("’s") || w.ends_with("s'") || w.ends_with("s’")
}

fn is_be(w: &str) -> bool {
    matches!(
        w.to_ascii_lowercase().as_str(),
        "is" | "are" | "was" | "were" | "be" | "been" | "being" | "am"
    )
}
