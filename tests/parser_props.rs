//! Property tests for the parser and `strip`.
//!
//! * Arbitrary soups of Claimmark's special characters and words: the tree prints the
//!   input back and tiles it, nothing panics, Markdown `strip` is idempotent and leaves
//!   no Claimmark syntax behind.
//! * Built documents, assembled from parts whose stripped form is known: `strip` gives
//!   exactly the concatenation of the expected parts, the typed views match what was
//!   built, and `source_offset` maps every output byte back to the same source byte.
//! * Files without annotations strip to themselves.

use claimmark::syntax::{StripMode, StripOptions, Stripped, strip};
use claimmark::{Span, parse};
use proptest::prelude::*;
use proptest::test_runner::Config;

fn config() -> Config {
    Config {
        // Failures are turned into named regression tests instead of a persistence file.
        failure_persistence: None,
        ..Config::default()
    }
}

const MARKDOWN: StripOptions = StripOptions {
    mode: StripMode::Markdown,
    keep_front_matter: true,
};
const MARKDOWN_NO_FRONT_MATTER: StripOptions = StripOptions {
    mode: StripMode::Markdown,
    keep_front_matter: false,
};
const TEXT: StripOptions = StripOptions {
    mode: StripMode::Text,
    keep_front_matter: false,
};

// ---------------------------------------------------------------------------------------
// Arbitrary input
// ---------------------------------------------------------------------------------------

const TOKENS: &[&str] = &[
    // The language's special characters.
    "{",
    "}",
    "@",
    "#",
    ":",
    "+",
    "\\",
    "`",
    "<",
    ">",
    "!",
    "-",
    "[",
    "]",
    "(",
    ")",
    "=",
    "%",
    "~",
    "*",
    "_",
    ".",
    ",",
    "\n",
    "\n",
    "\n",
    "\r\n",
    " ",
    " ",
    " ",
    "\t",
    "\r",
    // Letters, digits, non-ASCII.
    "a",
    "b",
    "x",
    "K",
    "é",
    "ü",
    "😀",
    "1",
    "0",
    "\u{feff}",
    // Words and fragments that mean something at some position.
    "claimmark-disable",
    "claimmark-enable",
    "claimmark-disable-next-line",
    "claimmark-disable-file",
    "claimmark-",
    "<!--",
    "-->",
    "---",
    "+++",
    "...",
    "```",
    "~~~",
    "``",
    "kross",
    "be_gdp",
    "müller",
    "  role: analyst",
    "  kind: person",
    "  tolerance: 5%",
    "[@",
    "[#",
    "]:",
    "](",
    "<https://ex.com/",
    "<span title=\"",
    "title: x",
    "= a + b",
    "{{",
    "}}",
    "{%",
    "%}",
    "\\{",
    "\\}",
    "\\@",
    "@x+y",
    "#id",
    ":reported",
    " -- ",
    "\n\n",
    "\r\n\r\n",
    // Prose.
    "The ministry said ",
    "Belgium spends just ",
    "percent of its GDP",
    " according to ",
];

fn soup() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(TOKENS), 0..90).prop_map(|parts| parts.concat())
}

/// Soups with a higher density of annotations: whole tags, definitions and directives.
const STRUCTURED: &[&str] = &[
    "{",
    "}",
    "{claim}@kross",
    "{a {b}#x c}@y:reported",
    "}@kross",
    "}#id",
    "}:estimate",
    "\n",
    "\n\n",
    "\r\n",
    " ",
    "\n[@kross]: Kross\n",
    "\n[#t]: = a + b\n",
    "  role: analyst\n",
    "\n<!-- claimmark-disable -->\n",
    "<!-- claimmark-enable x -- why -->",
    "<!--",
    "-->",
    "`",
    "``",
    "\\",
    "\\{",
    "\\@",
    "@",
    "#",
    ":",
    "+",
    "word",
    "é",
    "---\n",
    "+++\n",
    "```\n",
    "~~~\n",
    "[t](u{v}#w)",
    "<a href=\"{x}\">",
    "<!-- {x}@y -->",
    "_",
    "-",
    ".",
];

fn structured_soup() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(STRUCTURED), 0..60).prop_map(|parts| parts.concat())
}

fn any_input() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => soup(),
        2 => structured_soup(),
        1 => any::<String>().prop_map(|s| s.chars().take(300).collect()),
    ]
}

fn within(s: Span, source: &str) -> bool {
    s.start <= s.end
        && s.end <= source.len()
        && source.is_char_boundary(s.start)
        && source.is_char_boundary(s.end)
}

/// Everything the parser promises for any input.
fn check_any(source: &str) -> Result<(), TestCaseError> {
    let parsed = parse(source);
    let document = &parsed.document;
    prop_assert_eq!(document.print(source), source, "not lossless");
    if let Err(e) = document.tree.check_tiling() {
        return Err(TestCaseError::fail(format!("tiling: {e}")));
    }
    prop_assert_eq!(document.tree.span, Span::new(0, source.len()));
    for d in &parsed.diagnostics {
        prop_assert!(
            within(d.span, source),
            "diagnostic span {:?} out of bounds",
            d
        );
        for l in &d.labels {
            prop_assert!(within(l.span, source), "label span {:?} out of bounds", l);
        }
    }
    for (i, tag) in document.tags.iter().enumerate() {
        prop_assert!(within(tag.span, source) && within(tag.text, source));
        prop_assert_eq!(tag.open.text(source), "{");
        prop_assert_eq!(tag.close.text(source), "}");
        prop_assert!(!tag.suffix.span.is_empty(), "tag {} without suffix", i);
        if let Some(p) = tag.parent {
            prop_assert!(p < i);
            let parent = &document.tags[p];
            prop_assert!(parent.text.start <= tag.span.start && tag.span.end <= parent.text.end);
        }
        // Must not panic.
        let _ = document.plain_text(source, tag.text);
        let _ = document.plain_text(source, tag.span);
    }
    for options in [MARKDOWN, MARKDOWN_NO_FRONT_MATTER, TEXT] {
        let stripped = strip(source, document, options);
        // Offsets map into the source, for every output byte and the end.
        for i in 0..=stripped.text.len() {
            prop_assert!(stripped.source_offset(i) <= source.len());
        }
    }

    // Markdown mode: the copy holds no Claimmark syntax, and stripping it again is a no-op.
    let once = strip(source, document, MARKDOWN);
    let reparsed = parse(&once.text);
    prop_assert!(
        reparsed.document.tags.is_empty(),
        "tags left in {:?}",
        once.text
    );
    prop_assert!(
        reparsed.document.definitions.is_empty(),
        "definitions left in {:?}",
        once.text
    );
    prop_assert!(
        reparsed.document.directives.is_empty(),
        "directives left in {:?}",
        once.text
    );
    let twice = strip(&once.text, &reparsed.document, MARKDOWN);
    prop_assert_eq!(&twice.text, &once.text, "strip is not idempotent");
    // Without front matter too: removing it (or what came before a `---` block) must not
    // expose another one.
    let once = strip(source, document, MARKDOWN_NO_FRONT_MATTER);
    let reparsed = parse(&once.text);
    let twice = strip(&once.text, &reparsed.document, MARKDOWN_NO_FRONT_MATTER);
    prop_assert_eq!(
        &twice.text,
        &once.text,
        "strip --no-front-matter is not idempotent"
    );
    Ok(())
}

/// Inputs fuzzing found where `strip` broke its promises: a front matter exposed by
/// removing what came first, and chained directive openers (a fixed number of escape
/// rounds left the last one live).
#[test]
fn strip_regressions() {
    let openers = |n: usize| format!("<!--claimmark-x\n-->{}a-->\n", "<!--claimmark-".repeat(n));
    for source in [
        "<!-- claimmark-disable-file -->\n---\ntitle: x\n---\nBody\n".to_string(),
        "+++\na = 1\n+++\n---\nb: 2\n---\nBody\n".to_string(),
        "\u{feff}<!-- claimmark-disable -->\n---\na: 1\n---\n".to_string(),
        openers(9),
        openers(1000),
    ] {
        check_any(&source).unwrap_or_else(|e| panic!("{source:?}: {e}"));
    }
    // The exposed block stays body text: a blank line keeps it from the start.
    let source = "<!-- claimmark-disable-file -->\n---\ntitle: x\n---\nBody\n";
    let once = strip(source, &parse(source).document, MARKDOWN);
    assert_eq!(once.text, "\n---\ntitle: x\n---\nBody\n");
    assert!(parse(&once.text).document.front_matter.is_none());
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn any_input_is_lossless_and_strips_cleanly(source in any_input()) {
        check_any(&source)?;
    }
}

// ---------------------------------------------------------------------------------------
// Built documents
// ---------------------------------------------------------------------------------------

#[derive(Debug, Clone)]
enum Inline {
    /// Words without any special character.
    Prose(String),
    /// One of the six Claimmark escapes: the escaped character.
    Escape(char),
    Tag(Box<TagSpec>),
}

#[derive(Debug, Clone)]
struct TagSpec {
    content: Vec<Inline>,
    id: Option<String>,
    sources: Vec<String>,
    confidence: Option<String>,
    /// Order in which the three parts are written.
    order: Vec<usize>,
}

#[derive(Debug, Clone)]
enum ParaLine {
    Inline(Vec<Inline>),
    /// A directive comment alone on its line.
    Directive(String),
}

#[derive(Debug, Clone)]
enum Block {
    Paragraph(Vec<ParaLine>),
    /// Definition lines (without line endings).
    Definition(Vec<String>),
    /// A directive comment spanning lines.
    Directive(Vec<String>),
}

#[derive(Debug, Clone)]
struct DocSpec {
    bom: bool,
    front_matter: bool,
    crlf: bool,
    blocks: Vec<Block>,
}

fn prose() -> impl Strategy<Value = String> {
    "[A-Za-zéü😀0-9 .,'?]{1,16}"
}

fn identifier() -> impl Strategy<Value = String> {
    "[a-zé_][a-z0-9_é-]{0,6}[a-z0-9]|[a-z]"
}

fn confidence() -> impl Strategy<Value = String> {
    "[a-z]{1,8}(-[a-z]{1,5})?"
}

fn tag_parts() -> impl Strategy<Value = (Option<String>, Vec<String>, Option<String>, Vec<usize>)> {
    (
        prop::option::of(identifier()),
        prop::collection::vec(identifier(), 0..4),
        prop::option::of(confidence()),
        Just(vec![0usize, 1, 2]).prop_shuffle(),
    )
        .prop_map(|(id, sources, confidence, order)| {
            // A tag needs a suffix.
            let confidence = match (&id, sources.is_empty(), confidence) {
                (None, true, None) => Some("reported".to_string()),
                (_, _, c) => c,
            };
            (id, sources, confidence, order)
        })
}

fn inline() -> impl Strategy<Value = Inline> {
    let leaf = prop_oneof![
        4 => prose().prop_map(Inline::Prose),
        1 => prop::sample::select(vec!['{', '}', '@', '#', ':', '\\']).prop_map(Inline::Escape),
    ];
    leaf.prop_recursive(4, 32, 4, |inner| {
        (prop::collection::vec(inner, 0..4), tag_parts()).prop_map(
            |(content, (id, sources, confidence, order))| {
                Inline::Tag(Box::new(TagSpec {
                    content,
                    id,
                    sources,
                    confidence,
                    order,
                }))
            },
        )
    })
}

/// A directive's parts: its name, its rules and its reason.
fn directive_parts() -> impl Strategy<Value = (&'static str, Vec<String>, Option<String>)> {
    (
        prop::sample::select(vec![
            "disable",
            "enable",
            "disable-next-line",
            "disable-file",
        ]),
        prop::collection::vec("[a-z]{1,6}(-[a-z]{1,6})?", 0..3),
        prop::option::of("[A-Za-z][A-Za-z ,.]{0,20}"),
    )
}

/// The text after the directive's name: ` rule, rule -- reason -->`.
fn directive_tail(rules: &[String], reason: Option<&str>) -> String {
    let mut s = String::new();
    if !rules.is_empty() {
        s.push(' ');
        s.push_str(&rules.join(", "));
    }
    if let Some(reason) = reason {
        s.push_str(" -- ");
        s.push_str(reason);
    }
    s.push_str(" -->");
    s
}

fn directive_comment() -> impl Strategy<Value = String> {
    directive_parts().prop_map(|(name, rules, reason)| {
        format!(
            "<!-- claimmark-{name}{}",
            directive_tail(&rules, reason.as_deref())
        )
    })
}

fn para_line() -> impl Strategy<Value = ParaLine> {
    prop_oneof![
        5 => prop::collection::vec(inline(), 1..5).prop_map(ParaLine::Inline),
        1 => (directive_comment(), "[ \t]{0,2}", "[ \t]{0,2}")
            .prop_map(|(d, before, after)| ParaLine::Directive(format!("{before}{d}{after}"))),
    ]
}

fn definition() -> impl Strategy<Value = Vec<String>> {
    let name = "[A-Z][A-Za-zé ]{0,15}[a-z]";
    let source = (
        identifier(),
        name,
        prop::collection::vec(
            prop::sample::select(vec![
                "role: deputy mayor",
                "kind: person",
                "kind: organization",
                "anonymous: true",
                "url: https://ex.com/a",
                "alias: the mayor",
            ]),
            0..3,
        ),
        prop::sample::select(vec!["  ", "\t", "    "]),
    )
        .prop_map(|(id, name, mut fields, indent)| {
            fields.sort_by_key(|f| f.split(':').next().map(str::to_string));
            fields.dedup_by_key(|f| f.split(':').next().map(str::to_string));
            let mut lines = vec![format!("[@{id}]: {name}")];
            lines.extend(fields.iter().map(|f| format!("{indent}{f}")));
            lines
        });
    let relation = (
        identifier(),
        identifier(),
        identifier(),
        prop::option::of("[0-9]{1,2}(\\.[0-9])?%"),
    )
        .prop_map(|(id, a, b, tolerance)| {
            let mut lines = vec![format!("[#{id}]: = {a} + {b}")];
            if let Some(t) = tolerance {
                lines.push(format!("  tolerance: {t}"));
            }
            lines
        });
    prop_oneof![source, relation]
}

fn block() -> impl Strategy<Value = Block> {
    prop_oneof![
        6 => prop::collection::vec(para_line(), 1..4).prop_map(Block::Paragraph),
        2 => definition().prop_map(Block::Definition),
        1 => directive_parts().prop_map(|(name, rules, reason)| {
            // `<!-- claimmark-NAME` on one line, the rest on the next.
            let tail = directive_tail(&rules, reason.as_deref());
            Block::Directive(vec![format!("<!-- claimmark-{name}"), format!("   {}", tail.trim_start())])
        }),
    ]
}

fn doc_spec() -> impl Strategy<Value = DocSpec> {
    (
        any::<bool>(),
        any::<bool>(),
        any::<bool>(),
        prop::collection::vec(block(), 0..6),
    )
        .prop_map(|(bom, front_matter, crlf, blocks)| DocSpec {
            bom,
            front_matter,
            crlf,
            blocks,
        })
}

/// What a tag should parse to.
#[derive(Debug, Clone, PartialEq, Eq)]
struct ExpectedTag {
    id: Option<String>,
    sources: Vec<String>,
    confidence: Option<String>,
    /// `plain_text` of the tag's text.
    words: String,
}

#[derive(Debug, Default)]
struct Built {
    source: String,
    markdown: String,
    text: String,
    tags: Vec<ExpectedTag>,
    definitions: usize,
    directives: usize,
}

impl Built {
    fn push_all(&mut self, s: &str) {
        self.source.push_str(s);
        self.markdown.push_str(s);
        self.text.push_str(s);
    }
}

/// Could `c` continue a suffix written just before it?
fn extends_suffix(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '_' | '-' | '+' | '#' | '@' | ':')
}

/// Renders inline items; returns whether the last item was a tag.
fn render_inline(items: &[Inline], built: &mut Built, mut after_tag: bool) -> bool {
    for item in items {
        match item {
            Inline::Prose(p) => {
                if after_tag && p.starts_with(extends_suffix) {
                    built.push_all(" ");
                }
                built.push_all(p);
                after_tag = false;
            }
            Inline::Escape(c) => {
                built.source.push('\\');
                built.source.push(*c);
                built.markdown.push('\\');
                built.markdown.push(*c);
                built.text.push(*c);
                after_tag = false;
            }
            Inline::Tag(tag) => {
                let index = built.tags.len();
                built.tags.push(ExpectedTag {
                    id: tag.id.clone(),
                    sources: tag.sources.clone(),
                    confidence: tag.confidence.clone(),
                    words: String::new(),
                });
                built.source.push('{');
                let text_start = built.text.len();
                render_inline(&tag.content, built, false);
                built.tags[index].words = built.text[text_start..].to_string();
                built.source.push('}');
                for &part in &tag.order {
                    match part {
                        0 => {
                            if let Some(id) = &tag.id {
                                built.source.push('#');
                                built.source.push_str(id);
                            }
                        }
                        1 => {
                            if !tag.sources.is_empty() {
                                built.source.push('@');
                                built.source.push_str(&tag.sources.join("+"));
                            }
                        }
                        _ => {
                            if let Some(c) = &tag.confidence {
                                built.source.push(':');
                                built.source.push_str(c);
                            }
                        }
                    }
                }
                after_tag = true;
            }
        }
    }
    after_tag
}

fn build(spec: &DocSpec) -> Built {
    let nl = if spec.crlf { "\r\n" } else { "\n" };
    let mut built = Built::default();
    let mut defined: Vec<String> = Vec::new();
    if spec.bom {
        built.push_all("\u{feff}");
    }
    if spec.front_matter {
        let fm = format!("---{nl}title: Budget vote{nl}published: 2025-02-18{nl}---{nl}");
        built.source.push_str(&fm);
        built.markdown.push_str(&fm);
    }
    for block in &spec.blocks {
        match block {
            Block::Paragraph(lines) => {
                for line in lines {
                    match line {
                        ParaLine::Inline(items) => {
                            render_inline(items, &mut built, false);
                            built.push_all(nl);
                        }
                        ParaLine::Directive(d) => {
                            built.source.push_str(d);
                            built.source.push_str(nl);
                            built.directives += 1;
                        }
                    }
                }
            }
            Block::Definition(lines) => {
                // `[@id]:` or `[#id]:`: a second definition of one id would be an error.
                let header = lines[0].split("]:").next().unwrap_or_default().to_string();
                if defined.contains(&header) {
                    continue;
                }
                defined.push(header);
                for line in lines {
                    built.source.push_str(line);
                    built.source.push_str(nl);
                }
                built.definitions += 1;
            }
            Block::Directive(lines) => {
                built.source.push_str(&lines.join(nl));
                built.source.push_str(nl);
                built.directives += 1;
            }
        }
        // A blank line after every block.
        built.push_all(nl);
    }
    built
}

/// Every output byte comes from a source byte holding the same value.
fn check_offsets(source: &str, stripped: &Stripped) -> Result<(), TestCaseError> {
    let out = stripped.text.as_bytes();
    for (i, &byte) in out.iter().enumerate() {
        let at = stripped.source_offset(i);
        prop_assert!(
            at < source.len(),
            "output byte {} maps past the source ({})",
            i,
            at
        );
        prop_assert_eq!(
            source.as_bytes()[at],
            byte,
            "output byte {} maps to source byte {}",
            i,
            at
        );
    }
    // Offsets are increasing: the copy keeps the source order.
    for i in 1..out.len() {
        prop_assert!(stripped.source_offset(i - 1) < stripped.source_offset(i));
    }
    Ok(())
}

/// Breaks every `{`, `[@`, `[#` and `<!--`, so nothing can open an annotation.
fn without_annotations(mut s: String) -> String {
    s = s.replace('{', "(");
    while s.contains("[@") || s.contains("[#") || s.contains("<!--") {
        s = s
            .replace("[@", "[ @")
            .replace("[#", "[ #")
            .replace("<!--", "<!- -");
    }
    s
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn built_documents_strip_to_the_expected_text(spec in doc_spec()) {
        let built = build(&spec);
        let source = &built.source;
        prop_assume!(source.len() < 4096);
        let parsed = parse(source);
        let document = &parsed.document;
        prop_assert_eq!(document.print(source), source.as_str());
        prop_assert!(parsed.diagnostics.is_empty(), "unexpected diagnostics {:?} in {:?}", parsed.diagnostics, source);
        prop_assert_eq!(document.front_matter.is_some(), spec.front_matter);
        prop_assert_eq!(document.definitions.len(), built.definitions);
        prop_assert!(document.definitions.iter().all(|d| d.valid));
        prop_assert_eq!(document.directives.len(), built.directives);
        prop_assert!(document.directives.iter().all(|d| d.own_line.is_some()), "{:?}", document.directives);

        // Tags in source order are the built tags in pre-order.
        let tags: Vec<ExpectedTag> = document
            .tags
            .iter()
            .map(|t| ExpectedTag {
                id: t.suffix.id.as_ref().map(|n| n.text.clone()),
                sources: t.suffix.sources.iter().map(|n| n.text.clone()).collect(),
                confidence: t.suffix.confidence.as_ref().map(|n| n.text.clone()),
                words: document.plain_text(source, t.text),
            })
            .collect();
        prop_assert_eq!(&tags, &built.tags);

        let markdown = strip(source, document, MARKDOWN);
        prop_assert_eq!(&markdown.text, &built.markdown);
        let text = strip(source, document, TEXT);
        prop_assert_eq!(&text.text, &built.text);
        check_offsets(source, &markdown)?;
        check_offsets(source, &text)?;
    }

    #[test]
    fn files_without_annotations_strip_to_themselves(source in soup().prop_map(without_annotations)) {
        let opens = source.contains('{') || source.contains("[@") || source.contains("[#") || source.contains("<!--");
        prop_assert!(!opens, "an annotation opener is left in {:?}", source);
        let parsed = parse(&source);
        let stripped = strip(&source, &parsed.document, MARKDOWN);
        prop_assert_eq!(&stripped.text, &source);
        for i in 0..source.len() {
            prop_assert_eq!(stripped.source_offset(i), i);
        }
    }

    #[test]
    fn prose_without_annotations_strips_to_itself(
        lines in prop::collection::vec("[A-Za-zé😀0-9 .,;!?'\"()*_~=+%-]{0,40}", 0..12),
        crlf in any::<bool>(),
    ) {
        let source = lines.join(if crlf { "\r\n" } else { "\n" });
        let parsed = parse(&source);
        prop_assert!(parsed.document.tags.is_empty());
        let stripped = strip(&source, &parsed.document, MARKDOWN);
        prop_assert_eq!(&stripped.text, &source);
        let text = strip(&source, &parsed.document, TEXT);
        prop_assert_eq!(&text.text, &source);
    }
}

// ---------------------------------------------------------------------------------------
// Named cases (shrunk failures and hand-picked edges), run with every `cargo test`.
// ---------------------------------------------------------------------------------------

#[test]
fn known_tricky_inputs_hold_the_properties() {
    let cases = [
        "",
        "{",
        "}",
        "{}@",
        "{}@a",
        "\\",
        "{y}{@x}#id",
        "{{a}#x}@y",
        "<!--",
        "<!-- claimmark-disable",
        "<!---->",
        "<!-->",
        "<!--->",
        "---\n",
        "---\n---\n",
        "+++\n+++\n",
        "---\n- a\n---\n",
        "\u{feff}",
        "\u{feff}---\n---\n",
        "[@a]:",
        "[@a]: b\n  c",
        "[#]:",
        "```",
        "~~~\n{a}@b",
        "`{a}@b",
        "](",
        "a](b{c}@d)",
        "<a{b}@c>",
        "<!-- claimmark-disable -->\r\n",
        "\r\n<!-- claimmark-disable --> \r",
        "{a}@b\r\n\r\n{c}@d",
        "{a\\}@b}@c",
        "\\\\{a}@b",
        "{a}@b+c+",
        "{a}:b-",
        "{a}#b_",
        "😀{😀}@😀",
        "{é}@é",
        "{a}@b\n[@b]: B\n  role: x\n  role: y\n",
    ];
    for case in cases {
        if let Err(e) = check_any(case) {
            panic!("{case:?}: {e}");
        }
    }
}

#[test]
fn strip_escapes_syntax_that_removal_creates() {
    // Removing the inner tag's braces and suffix would leave `{y}@x`: a new tag.
    let source = "{y}{@x}#id";
    let parsed = parse(source);
    let stripped = strip(source, &parsed.document, MARKDOWN);
    assert_eq!(stripped.text, "{y}\\@x");
    let again = parse(&stripped.text);
    assert!(again.document.tags.is_empty());
}
