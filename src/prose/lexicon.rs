//! Word lists behind the detector, loaded from `lexicon/*.txt` at build time
//! (`include_str!`) and indexed once, on first use, into a hash map (and, for
//! the short words nearly every lookup is about, an open-addressing table keyed
//! by the word's bytes packed into a `u128`).

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::OnceLock;

// Word classes (bit flags; a word can be in several).
pub(crate) const SPEECH: u32 = 1;
pub(crate) const BELIEF: u32 = 1 << 1;
pub(crate) const INTENT: u32 = 1 << 2;
pub(crate) const ACCUSE: u32 = 1 << 3;
pub(crate) const EVIDENCE: u32 = 1 << 4;
pub(crate) const HEDGE: u32 = 1 << 5;
pub(crate) const DET: u32 = 1 << 6;
pub(crate) const PRON: u32 = 1 << 7;
pub(crate) const REL: u32 = 1 << 8;
pub(crate) const AUX: u32 = 1 << 9;
pub(crate) const NEG: u32 = 1 << 10;
pub(crate) const PREP: u32 = 1 << 11;
pub(crate) const CONJ: u32 = 1 << 12;
pub(crate) const SUB: u32 = 1 << 13;
pub(crate) const ADV: u32 = 1 << 14;
pub(crate) const TITLE: u32 = 1 << 15;
pub(crate) const ABBR: u32 = 1 << 16;
pub(crate) const ORG: u32 = 1 << 17;
/// Starts at least one multi-word phrase of `phrases.txt`.
pub(crate) const PHRASE: u32 = 1 << 18;
/// A cue only next to a quotation or a colon (`@quote` in the verb lists).
pub(crate) const QUOTE_ONLY: u32 = 1 << 19;
/// Document, poll and statement nouns (`documents.txt`).
pub(crate) const DOC: u32 = 1 << 20;
/// A cue only right after a subject-like word (`@subject` in the verb lists).
pub(crate) const SUBJECT_ONLY: u32 = 1 << 21;
/// An adjective cue (`@adj`): "is confident", "are worried".
pub(crate) const ADJ_CUE: u32 = 1 << 22;
/// A noun cue (`@noun`): "criticism of", "allegations that".
pub(crate) const NOUN_CUE: u32 = 1 << 23;

/// Any class that makes a word a possible attribution cue.
pub(crate) const CUE_VERB: u32 = SPEECH | BELIEF | INTENT | ACCUSE | EVIDENCE;
/// Words that end a noun phrase when scanning for a source.
pub(crate) const FUNCTION: u32 = DET | PRON | REL | AUX | NEG | PREP | CONJ | SUB | ADV;

/// Inflection of a verb form.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) enum Form {
    #[default]
    None,
    Base,
    S3,
    Past,
    Ing,
}

/// What the lexicons know about one (lowercased) word.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct WordInfo {
    pub class: u32,
    pub form: Form,
    /// The form is also a common noun or adjective ("report", "calls").
    pub amb: bool,
    /// 1 + index of the verb lemma (0: none); phrases match on it.
    pub lemma: u16,
}

/// Kind of a multi-word phrase.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum PhraseKind {
    Class(u32),
    According,
    Suffix,
}

/// One element of a phrase pattern.
#[derive(Clone, Debug)]
pub(crate) enum Pat {
    /// Any form of the verb lemma with this id.
    Lemma(u16),
    /// One of these lowercase words.
    Words(Vec<&'static str>),
    /// Any single word.
    Any,
}

#[derive(Clone, Debug)]
pub(crate) struct Phrase {
    pub kind: PhraseKind,
    pub pats: Vec<Pat>,
}

pub(crate) struct Lexicon {
    /// Keyed by the normalized bytes (see [`normalize_bytes`]).
    words: HashMap<Vec<u8>, WordInfo, BuildHasherDefault<FxHasher>>,
    /// The same entries for keys of at most 15 bytes, keyed inline ([`packed_key`]):
    /// no pointer to follow on the hot path.
    short: ShortTable,
    /// Longest key: longer words are not looked up.
    max_len: usize,
    /// Phrases, longest first.
    pub phrases: Vec<Phrase>,
    /// Indices into `phrases` (ascending: longest first) by first word...
    by_word: HashMap<&'static str, Vec<usize>, BuildHasherDefault<FxHasher>>,
    /// ... and by first verb lemma.
    by_lemma: HashMap<u16, Vec<usize>, BuildHasherDefault<FxHasher>>,
}

const SPEECH_TXT: &str = include_str!("lexicon/speech.txt");
const BELIEF_TXT: &str = include_str!("lexicon/belief.txt");
const INTENT_TXT: &str = include_str!("lexicon/intention.txt");
const ACCUSE_TXT: &str = include_str!("lexicon/accusation.txt");
const EVIDENCE_TXT: &str = include_str!("lexicon/evidence.txt");
const HEDGES_TXT: &str = include_str!("lexicon/hedges.txt");
const PHRASES_TXT: &str = include_str!("lexicon/phrases.txt");
const FUNCTION_TXT: &str = include_str!("lexicon/function.txt");
const ORGS_TXT: &str = include_str!("lexicon/orgs.txt");
const DOCUMENTS_TXT: &str = include_str!("lexicon/documents.txt");

/// Non-comment, non-empty trimmed lines.
fn entries(src: &'static str) -> impl Iterator<Item = &'static str> {
    src.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

/// Regular inflections of a verb lemma: (-s, -ed, -ing).
fn regular_forms(lemma: &str) -> [String; 3] {
    let b = lemma.as_bytes();
    let n = b.len();
    let vowel = |c: u8| matches!(c, b'a' | b'e' | b'i' | b'o' | b'u');
    if lemma.ends_with('e') && !lemma.ends_with("ee") {
        let stem = &lemma[..n - 1];
        [
            format!("{lemma}s"),
            format!("{lemma}d"),
            format!("{stem}ing"),
        ]
    } else if lemma.ends_with("ee") {
        [
            format!("{lemma}s"),
            format!("{lemma}d"),
            format!("{lemma}ing"),
        ]
    } else if n >= 2 && b[n - 1] == b'y' && !vowel(b[n - 2]) {
        let stem = &lemma[..n - 1];
        [
            format!("{stem}ies"),
            format!("{stem}ied"),
            format!("{lemma}ing"),
        ]
    } else if lemma.ends_with('s')
        || lemma.ends_with("sh")
        || lemma.ends_with("ch")
        || lemma.ends_with('x')
        || lemma.ends_with('z')
    {
        [
            format!("{lemma}es"),
            format!("{lemma}ed"),
            format!("{lemma}ing"),
        ]
    } else {
        [
            format!("{lemma}s"),
            format!("{lemma}ed"),
            format!("{lemma}ing"),
        ]
    }
}

fn form_of(lemma: &str, form: &str) -> Form {
    if form == lemma {
        Form::Base
    } else if form.ends_with("ing") {
        Form::Ing
    } else if (form.ends_with('s') && !form.ends_with("ss") && !lemma.ends_with('s'))
        || (form.ends_with("es") && lemma.ends_with('s'))
    {
        Form::S3
    } else {
        Form::Past
    }
}

impl Lexicon {
    fn add(&mut self, word: &str, class: u32, form: Form, amb: bool, lemma: u16) {
        self.max_len = self.max_len.max(word.len());
        let e = self.words.entry(word.as_bytes().to_vec()).or_default();
        e.class |= class;
        if e.form == Form::None {
            e.form = form;
        }
        e.amb |= amb;
        if e.lemma == 0 {
            e.lemma = lemma;
        }
    }

    fn add_verbs(&mut self, src: &'static str, class: u32, lemmas: &mut HashMap<String, u16>) {
        for line in entries(src) {
            let mut it = line.split_whitespace();
            let Some(first) = it.next() else { continue };
            let lemma_amb = first.starts_with('~');
            let lemma_is_form = !first.starts_with('-');
            let lemma = first.trim_start_matches(['~', '-']);
            let next = lemmas.len() as u16 + 1;
            let id = *lemmas.entry(lemma.to_string()).or_insert(next);
            let mut rest: Vec<&str> = it.collect();
            let mut class = class;
            while let Some(flag) = rest.last().filter(|f| f.starts_with('@')) {
                class |= match *flag {
                    "@quote" => QUOTE_ONLY,
                    "@subject" => SUBJECT_ONLY,
                    "@adj" => ADJ_CUE,
                    "@noun" => NOUN_CUE,
                    _ => 0,
                };
                rest.pop();
            }
            if class & (ADJ_CUE | NOUN_CUE) != 0 {
                self.add(lemma, class, Form::None, false, id);
                continue;
            }
            if lemma_is_form {
                self.add(lemma, class, Form::Base, lemma_amb, id);
            }
            if rest.is_empty() {
                let [s, ed, ing] = regular_forms(lemma);
                self.add(&s, class, Form::S3, lemma_amb, id);
                self.add(&ed, class, Form::Past, false, id);
                self.add(&ing, class, Form::Ing, false, id);
            } else {
                for f in rest {
                    let amb = f.starts_with('~');
                    let f = f.trim_start_matches('~');
                    self.add(f, class, form_of(lemma, f), amb, id);
                }
            }
        }
    }

    fn build() -> Lexicon {
        let mut lx = Lexicon {
            words: HashMap::default(),
            short: ShortTable::default(),
            max_len: 0,
            phrases: Vec::new(),
            by_word: HashMap::default(),
            by_lemma: HashMap::default(),
        };
        let mut lemmas: HashMap<String, u16> = HashMap::new();
        lx.add_verbs(SPEECH_TXT, SPEECH, &mut lemmas);
        lx.add_verbs(BELIEF_TXT, BELIEF, &mut lemmas);
        lx.add_verbs(INTENT_TXT, INTENT, &mut lemmas);
        lx.add_verbs(ACCUSE_TXT, ACCUSE, &mut lemmas);
        lx.add_verbs(EVIDENCE_TXT, EVIDENCE, &mut lemmas);
        for w in entries(HEDGES_TXT) {
            lx.add(w, HEDGE, Form::None, false, 0);
        }
        for w in entries(ORGS_TXT) {
            lx.add(w, ORG, Form::None, false, 0);
        }
        for w in entries(DOCUMENTS_TXT) {
            lx.add(w, DOC, Form::None, false, 0);
        }
        for line in entries(FUNCTION_TXT) {
            let Some((tag, w)) = line.split_once(char::is_whitespace) else {
                continue;
            };
            let class = match tag {
                "det" => DET,
                "pron" => PRON,
                "rel" => REL,
                "aux" => AUX,
                "neg" => NEG,
                "prep" => PREP,
                "conj" => CONJ,
                "sub" => SUB,
                "adv" => ADV,
                "title" => TITLE,
                "abbr" => ABBR,
                _ => 0,
            };
            lx.add(w.trim(), class, Form::None, false, 0);
        }
        for line in entries(PHRASES_TXT) {
            let Some((kind, words)) = line.split_once(':') else {
                continue;
            };
            let kind = match kind.trim() {
                "speech" => PhraseKind::Class(SPEECH),
                "belief" => PhraseKind::Class(BELIEF),
                "intention" => PhraseKind::Class(INTENT),
                "accusation" => PhraseKind::Class(ACCUSE),
                "evidence" => PhraseKind::Class(EVIDENCE),
                "according" => PhraseKind::According,
                "suffix" => PhraseKind::Suffix,
                _ => continue,
            };
            let mut pats = Vec::new();
            for w in words.split_whitespace() {
                if w == "*" {
                    pats.push(Pat::Any);
                } else if let Some(lemma) = w.strip_suffix('*') {
                    if let Some(&id) = lemmas.get(lemma) {
                        pats.push(Pat::Lemma(id));
                    } else {
                        let [s, ed, ing] = regular_forms(lemma);
                        let forms = [lemma.to_string(), s, ed, ing];
                        let forms: Vec<&'static str> = forms
                            .into_iter()
                            .map(|f| &*Box::leak(f.into_boxed_str()))
                            .collect();
                        pats.push(Pat::Words(forms));
                    }
                } else {
                    let ws: Vec<&'static str> = w.split('|').collect();
                    pats.push(Pat::Words(ws));
                }
            }
            if pats.len() < 2 {
                continue;
            }
            // Mark every word that can start the phrase.
            match &pats[0] {
                Pat::Words(ws) => {
                    for w in ws.clone() {
                        lx.add(w, PHRASE, Form::None, false, 0);
                    }
                }
                Pat::Lemma(id) => {
                    let id = *id;
                    for v in lx.words.values_mut() {
                        if v.lemma == id {
                            v.class |= PHRASE;
                        }
                    }
                }
                Pat::Any => continue,
            }
            lx.phrases.push(Phrase { kind, pats });
        }
        lx.short = ShortTable::new(
            lx.words
                .iter()
                .filter_map(|(k, v)| packed_key(k).map(|k| (k, *v))),
        );
        // Longest first, stable (file order among equal lengths).
        lx.phrases.sort_by_key(|p| std::cmp::Reverse(p.pats.len()));
        for (i, p) in lx.phrases.iter().enumerate() {
            match &p.pats[0] {
                Pat::Words(ws) => {
                    for w in ws {
                        lx.by_word.entry(*w).or_default().push(i);
                    }
                }
                Pat::Lemma(id) => lx.by_lemma.entry(*id).or_default().push(i),
                Pat::Any => {}
            }
        }
        lx
    }

    /// Phrases that can start with this word (normalized) or verb lemma,
    /// longest first.
    pub(crate) fn phrases_for(&self, key: Option<&str>, lemma: u16) -> (&[usize], &[usize]) {
        let a = key
            .and_then(|k| self.by_word.get(k))
            .map_or(&[][..], Vec::as_slice);
        let b = if lemma == 0 {
            &[][..]
        } else {
            self.by_lemma.get(&lemma).map_or(&[][..], Vec::as_slice)
        };
        (a, b)
    }

    /// Look up a word given as its normalized bytes.
    fn get(&self, key: &[u8]) -> WordInfo {
        if key.len() > self.max_len {
            return WordInfo::default();
        }
        match packed_key(key) {
            Some(k) => self.short.get(k),
            None => self.words.get(key).copied().unwrap_or_default(),
        }
    }

    /// Look up `text[s..e]`, a word as it appears in the text (normalized here,
    /// see [`normalize_bytes`]).
    ///
    /// Most words are short and ASCII: their key is built in registers from one
    /// 16-byte load, all bytes lowercased at once. (Copying the word into a
    /// buffer to read it back as integers costs a `memcpy` call and a
    /// store-forwarding stall per word.)
    #[inline]
    pub(crate) fn lookup(&self, text: &str, s: usize, e: usize) -> WordInfo {
        let bytes = text.as_bytes();
        let len = e - s;
        if len <= 15
            && let Some(window) = bytes.get(s..s + 16)
        {
            let mut chunk = [0u8; 16];
            chunk.copy_from_slice(window);
            let raw = u128::from_le_bytes(chunk) & ((1u128 << (8 * len)) - 1);
            if raw & HIGH_BITS == 0 {
                return self
                    .short
                    .get(ascii_lowercase(raw) | ((len as u128) << 120));
            }
        }
        self.lookup_slow(&text[s..e])
    }

    /// [`Lexicon::lookup`] for long or non-ASCII words.
    #[inline(never)]
    fn lookup_slow(&self, word: &str) -> WordInfo {
        let mut buf = [0u8; 32];
        match normalize_bytes(word, &mut buf) {
            Some(key) => self.get(key),
            None => WordInfo::default(),
        }
    }
}

/// The high bit of every byte of a `u128`.
const HIGH_BITS: u128 = u128::from_le_bytes([0x80; 16]);

/// ASCII lowercase of the 16 ASCII bytes packed in `word`, all at once: a byte
/// is uppercase when `byte + 0x80 - b'A'` keeps its high bit and
/// `byte + 0x80 - (b'Z' + 1)` loses it (the `0x80` keeps the subtractions from
/// borrowing across bytes).
fn ascii_lowercase(word: u128) -> u128 {
    const fn splat(b: u8) -> u128 {
        u128::from_le_bytes([b; 16])
    }
    let biased = word | HIGH_BITS;
    let at_least_a = biased - splat(b'A');
    let beyond_z = biased - splat(b'Z' + 1);
    let upper = at_least_a & !beyond_z & HIGH_BITS;
    word | (upper >> 2)
}

/// Open-addressing hash table from [`packed_key`]s to their [`WordInfo`]:
/// linear probing in a table at most half full, so the first probe nearly
/// always settles a lookup. Key 0 marks an empty slot; no packed key is 0 (the
/// top byte holds the length, and the empty word is in no list).
///
/// Most words of a text are in no list, and probing the table for them costs a
/// cache miss each (it is ~100 KB): a Bloom filter small enough to stay in L1
/// turns nearly all of them away first. The frequent words that are in the
/// lists keep their slots in cache. Words the filter turns away still read a
/// slot, an empty one kept after the table for them: hit or miss, a lookup
/// then takes the same branches (a mispredicted branch per word cost more than
/// the probe).
#[derive(Default)]
struct ShortTable {
    /// `2^k` slots, then the empty slot for words the filter turns away. The
    /// key as (low, high) halves: 8-byte alignment keeps a slot 24 bytes.
    slots: Vec<((u64, u64), WordInfo)>,
    /// `64 - k`: the index is the top bits of the hash.
    shift: u32,
    /// Blocked Bloom filter: two bits per key, in the word the top bits of the
    /// hash pick.
    filter: Vec<u64>,
}

/// 2^10 words of the Bloom filter (8 KB, about 37 bits per key).
const FILTER_BITS: u32 = 10;

impl ShortTable {
    fn new(entries: impl Iterator<Item = (u128, WordInfo)>) -> ShortTable {
        let entries: Vec<(u128, WordInfo)> = entries.filter(|(k, _)| *k != 0).collect();
        let size = (entries.len() * 2).next_power_of_two().max(16);
        let mut table = ShortTable {
            slots: vec![((0, 0), WordInfo::default()); size + 1],
            shift: 64 - size.trailing_zeros(),
            filter: vec![0; 1 << FILTER_BITS],
        };
        for (key, info) in entries {
            let hash = hash(key);
            let (word, bits) = filter_position(hash);
            table.filter[word] |= bits;
            let mut i = (hash >> table.shift) as usize;
            while table.slots[i].0 != (0, 0) {
                i = (i + 1) & (size - 1);
            }
            table.slots[i] = (halves(key), info);
        }
        table
    }

    #[inline]
    fn get(&self, key: u128) -> WordInfo {
        let Some(empty_slot) = self.slots.len().checked_sub(1) else {
            return WordInfo::default();
        };
        let mask = empty_slot - 1;
        let hash = hash(key);
        let (word, bits) = filter_position(hash);
        let maybe_present = self.filter.get(word).is_some_and(|w| w & bits == bits);
        let wanted = halves(key);
        let mut i = if maybe_present {
            (hash >> self.shift) as usize
        } else {
            empty_slot
        };
        loop {
            let (k, info) = self.slots[i];
            let found = k == wanted;
            if found || k == (0, 0) {
                return if found { info } else { WordInfo::default() };
            }
            i = (i + 1) & mask;
        }
    }
}

/// A multiplicative hash; callers use its top bits, which depend on every bit
/// of the key.
fn hash(key: u128) -> u64 {
    const K0: u64 = 0x9e37_79b9_7f4a_7c15;
    const K1: u64 = 0xc2b2_ae3d_27d4_eb4f;
    let (low, high) = halves(key);
    low.wrapping_mul(K0) ^ high.wrapping_mul(K1)
}

/// Bloom filter word and bits of a hash: the word from its top bits, the two
/// bit positions from the twelve bits below them.
fn filter_position(hash: u64) -> (usize, u64) {
    let word = (hash >> (64 - FILTER_BITS)) as usize;
    let first = (hash >> (64 - FILTER_BITS - 6)) & 63;
    let second = (hash >> (64 - FILTER_BITS - 12)) & 63;
    (word, (1 << first) | (1 << second))
}

fn halves(key: u128) -> (u64, u64) {
    (key as u64, (key >> 64) as u64)
}

/// The lexicon, built on first use.
pub(crate) fn lexicon() -> &'static Lexicon {
    static LEX: OnceLock<Lexicon> = OnceLock::new();
    LEX.get_or_init(Lexicon::build)
}

/// Normalize a word for lookup: ASCII lowercase, `’` as `'`. Returns `None`
/// for words too long for the buffer or with other non-ASCII characters
/// (no entry has them).
pub(crate) fn normalize_bytes<'b>(word: &str, buf: &'b mut [u8; 32]) -> Option<&'b [u8]> {
    let mut n = 0;
    for out in normalized(word) {
        *buf.get_mut(n)? = out?;
        n += 1;
    }
    Some(&buf[..n])
}

/// The bytes [`normalize_bytes`] writes for `word`, one by one: ASCII lower-cased, `’`
/// as `'`; `None` for any other non-ASCII character (no entry has one).
fn normalized(word: &str) -> impl Iterator<Item = Option<u8>> + '_ {
    const APOS: &[u8] = "\u{2019}".as_bytes();
    let b = word.as_bytes();
    let mut i = 0;
    std::iter::from_fn(move || {
        let c = *b.get(i)?;
        Some(if c < 0x80 {
            i += 1;
            Some(c.to_ascii_lowercase())
        } else if b[i..].starts_with(APOS) {
            i += APOS.len();
            Some(b'\'')
        } else {
            i = b.len();
            None
        })
    })
}

/// Whether [`normalize`] makes `word` into `target`, without writing the
/// normalized word anywhere (phrase matching compares each word with several).
pub(crate) fn normalizes_to(word: &str, target: &str) -> bool {
    let t = target.as_bytes();
    if t.len() > 32 {
        return false; // normalize gives up on words longer than its buffer
    }
    let mut n = 0;
    for out in normalized(word) {
        if out.is_none() || t.get(n) != out.as_ref() {
            return false;
        }
        n += 1;
    }
    n == t.len()
}

/// [`normalize_bytes`] as a string.
pub(crate) fn normalize<'b>(word: &str, buf: &'b mut [u8; 32]) -> Option<&'b str> {
    normalize_bytes(word, buf).and_then(|b| std::str::from_utf8(b).ok())
}

/// A key of at most 15 bytes as two words (the bytes zero-padded, the length in the
/// last byte): equal keys give equal pairs, different keys different pairs. `None`
/// for longer keys.
pub(crate) fn short_key(key: &[u8]) -> Option<(u64, u64)> {
    if key.len() > 15 {
        return None;
    }
    let mut w = [0u8; 16];
    w[..key.len()].copy_from_slice(key);
    w[15] = key.len() as u8;
    let (a, b) = w.split_at(8);
    Some((
        u64::from_le_bytes(a.try_into().ok()?),
        u64::from_le_bytes(b.try_into().ok()?),
    ))
}

/// [`short_key`] as one integer: the key's bytes in the low 15 bytes, its
/// length in the top one.
fn packed_key(key: &[u8]) -> Option<u128> {
    short_key(key).map(|(low, high)| u128::from(low) | (u128::from(high) << 64))
}

/// Small, fast, deterministic hasher for short keys (FxHash).
#[derive(Default)]
pub(crate) struct FxHasher(u64);

impl Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        const K: u64 = 0x517c_c1b7_2722_0a95;
        let mut h = self.0;
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut w = [0u8; 8];
            w.copy_from_slice(c);
            h = (h.rotate_left(5) ^ u64::from_le_bytes(w)).wrapping_mul(K);
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            // The tail (most words fit here entirely) in one round.
            let mut w = [0u8; 8];
            w[..rest.len()].copy_from_slice(rest);
            h = (h.rotate_left(5) ^ u64::from_le_bytes(w)).wrapping_mul(K);
        }
        self.0 = h;
    }
    fn write_u8(&mut self, i: u8) {
        self.write_u64(u64::from(i));
    }
    fn write_usize(&mut self, i: usize) {
        self.write_u64(i as u64);
    }
    fn write_u64(&mut self, i: u64) {
        const K: u64 = 0x517c_c1b7_2722_0a95;
        self.0 = (self.0.rotate_left(5) ^ i).wrapping_mul(K);
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

#[cfg(test)]
mod tests {
    use super::{ascii_lowercase, lexicon, normalize_bytes};

    #[test]
    fn lowercases_every_ascii_byte_in_every_position() {
        for byte in 0..0x80u8 {
            for at in 0..16 {
                let mut word = [b'Q'; 16];
                word[at] = byte;
                let mut want = word;
                want.make_ascii_lowercase();
                let got = ascii_lowercase(u128::from_le_bytes(word));
                assert_eq!(got.to_le_bytes(), want, "byte {byte:#x} at {at}");
            }
        }
    }

    #[test]
    fn lookup_agrees_with_normalized_get() {
        let lex = lexicon();
        let text = "Said SAID said. U.S. don\u{2019}t Don't the THE of In x \
                    accusations Accusations supercalifragilistic according reportedly \
                    caf\u{e9} \u{c9}mile spokeswoman spokeswomen";
        let mut s = 0;
        let mut found = 0;
        for word in text.split(' ') {
            let e = s + word.len();
            let mut buf = [0u8; 32];
            let want =
                normalize_bytes(word, &mut buf).map_or_else(Default::default, |k| lex.get(k));
            assert_eq!(lex.lookup(text, s, e), want, "{word}");
            found += usize::from(want.class != 0);
            s = e + 1;
        }
        assert!(found >= 10, "only {found} words found");
    }
}
