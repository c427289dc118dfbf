//! Fixture snapshots: every `tests/fixtures/parse/*.md` gets
//!
//! * `tree@FILE.snap`: an indented outline of the lossless tree, the typed views (tags,
//!   definitions, directives, front matter, escapes) and both strip outputs;
//! * `diagnostics@FILE.snap`: what `claimmark parse FILE --color never` prints (miette,
//!   colourless) and its exit code.
//!
//! Every fixture must also print back losslessly and tile.

use std::fmt::Write as _;
use std::path::Path;
use std::process::Command;

use claimmark::syntax::{Node, StripMode, StripOptions, strip};
use claimmark::{Document, Span, parse};

fn span(s: Span) -> String {
    format!("{}..{}", s.start, s.end)
}

fn outline(node: &Node, source: &str, depth: usize, out: &mut String) {
    let indent = "  ".repeat(depth);
    if node.children.is_empty() {
        let _ = writeln!(
            out,
            "{indent}{:?} {} {:?}",
            node.kind,
            span(node.span),
            node.span.text(source)
        );
    } else {
        let _ = writeln!(out, "{indent}{:?} {}", node.kind, span(node.span));
        for child in &node.children {
            outline(child, source, depth + 1, out);
        }
    }
}

fn views(document: &Document, source: &str, out: &mut String) {
    if let Some(fm) = &document.front_matter {
        let _ = writeln!(
            out,
            "front matter: {:?} {} valid={}",
            fm.format,
            span(fm.span),
            fm.valid
        );
        let _ = writeln!(out, "  body {:?}", fm.body.text(source));
        if let Some(p) = &fm.published {
            let _ = writeln!(
                out,
                "  published {:?} line {:?}",
                p.text,
                p.span.text(source)
            );
        }
        let _ = writeln!(out, "  title {:?}", fm.title);
        let _ = writeln!(out, "  url {:?}", fm.url);
        let _ = writeln!(out, "  authors {:?}", fm.authors);
        let _ = writeln!(out, "  lang {:?}", fm.lang);
    }
    if !document.tags.is_empty() {
        let _ = writeln!(out, "tags:");
    }
    for (i, tag) in document.tags.iter().enumerate() {
        let s = &tag.suffix;
        let _ = writeln!(
            out,
            "  [{i}] {} suffix {:?} parent {:?} claim={}",
            span(tag.span),
            s.span.text(source),
            tag.parent,
            tag.is_claim()
        );
        assert_eq!(tag.open.text(source), "{");
        assert_eq!(tag.close.text(source), "}");
        assert_eq!(tag.text, Span::new(tag.open.end, tag.close.start));
        assert_eq!(tag.span, Span::new(tag.open.start, s.span.end));
        if let Some(id) = &s.id {
            assert_eq!(id.span.text(source), id.text);
            let _ = writeln!(out, "      id {:?}", id.text);
        }
        if !s.sources.is_empty() {
            for name in &s.sources {
                assert_eq!(name.span.text(source), name.text);
            }
            let names: Vec<_> = s.sources.iter().map(|n| n.text.as_str()).collect();
            let _ = writeln!(out, "      sources {names:?}");
        }
        if let Some(c) = &s.confidence {
            assert_eq!(c.span.text(source), c.text);
            let _ = writeln!(out, "      confidence {:?}", c.text);
        }
        let _ = writeln!(
            out,
            "      words {:?}",
            document.plain_text(source, tag.text)
        );
    }
    if !document.definitions.is_empty() {
        let _ = writeln!(out, "definitions:");
    }
    for def in &document.definitions {
        let _ = writeln!(
            out,
            "  {:?} {:?} {} valid={} value {:?}",
            def.kind,
            def.id.text,
            span(def.span),
            def.valid,
            def.value.text
        );
        if let Some(e) = def.expression_span {
            let _ = writeln!(out, "      expression {:?}", e.text(source));
        }
        for f in &def.fields {
            let _ = writeln!(out, "      field {:?} = {:?}", f.key.text, f.value.text);
        }
    }
    if !document.directives.is_empty() {
        let _ = writeln!(out, "directives:");
    }
    for d in &document.directives {
        let rules: Vec<_> = d.rules.iter().map(|r| r.text.as_str()).collect();
        let _ = writeln!(
            out,
            "  {:?} {} rules {rules:?} reason {:?}",
            d.kind,
            span(d.span),
            d.reason
        );
        for r in &d.rules {
            assert_eq!(r.span.text(source), r.text);
        }
        if let Some(own) = d.own_line {
            let _ = writeln!(out, "      own line {:?}", own.text(source));
        }
    }
    if !document.escapes.is_empty() {
        let escapes: Vec<_> = document.escapes.iter().map(|e| e.text(source)).collect();
        let _ = writeln!(out, "escapes: {escapes:?}");
    }
}

fn strips(document: &Document, source: &str, out: &mut String) {
    for (label, mode, keep) in [
        ("strip markdown", StripMode::Markdown, true),
        (
            "strip markdown, no front matter",
            StripMode::Markdown,
            false,
        ),
        ("strip text", StripMode::Text, false),
    ] {
        let options = StripOptions {
            mode,
            keep_front_matter: keep,
        };
        let stripped = strip(source, document, options);
        let _ = writeln!(out, "{label}:");
        for line in stripped.text.split_inclusive('\n') {
            let _ = writeln!(out, "  {line:?}");
        }
        if mode == StripMode::Markdown {
            // Idempotent: stripping the stripped copy changes nothing.
            let again = parse(&stripped.text);
            let twice = strip(&stripped.text, &again.document, options);
            assert_eq!(
                twice.text, stripped.text,
                "strip is not idempotent ({label})"
            );
        }
    }
}

/// The full textual description of one parsed fixture.
fn describe(source: &str) -> String {
    let parsed = parse(source);
    let document = &parsed.document;
    assert_eq!(
        document.print(source),
        source,
        "the tree must print the input back"
    );
    document
        .tree
        .check_tiling()
        .expect("the tree must tile its input");
    assert_eq!(document.tree.span, Span::new(0, source.len()));

    let mut out = String::new();
    outline(&document.tree, source, 0, &mut out);
    views(document, source, &mut out);
    let rules: Vec<_> = parsed
        .diagnostics
        .iter()
        .map(|d| format!("{} {} {:?}", d.rule, span(d.span), d.span.text(source)))
        .collect();
    let _ = writeln!(out, "diagnostics: {rules:#?}");
    strips(document, source, &mut out);
    out
}

/// Runs the real CLI the way a writer would, colourless.
fn cli_diagnostics(path: &Path) -> String {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let relative = path.strip_prefix(root).unwrap_or(path);
    let output = Command::new(env!("CARGO_BIN_EXE_claimmark"))
        .current_dir(root)
        .args(["parse", "--color", "never"])
        .arg(relative)
        .env("NO_COLOR", "1")
        .output()
        .expect("run claimmark");
    format!(
        "exit: {:?}\n--- stdout\n{}--- stderr\n{}",
        output.status.code(),
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

#[test]
fn parse_fixtures() {
    insta::glob!("fixtures/parse/*.md", |path| {
        let source = std::fs::read_to_string(path).expect("fixtures are UTF-8");
        insta::assert_snapshot!("tree", describe(&source));
        insta::assert_snapshot!("diagnostics", cli_diagnostics(path));
    });
}

#[test]
fn crlf_and_bom_fixtures_really_have_them() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/parse");
    let crlf = std::fs::read(dir.join("crlf.md")).unwrap();
    assert!(
        crlf.windows(2).any(|w| w == b"\r\n"),
        "crlf.md lost its CRLF line endings"
    );
    let bom = std::fs::read(dir.join("bom.md")).unwrap();
    assert!(bom.starts_with(&[0xef, 0xbb, 0xbf]), "bom.md lost its BOM");
}

/// `{` × n, a word, then `}#dK` closing each level (innermost first).
fn nested(n: usize) -> String {
    let mut s = String::from("Deep: ");
    s.push_str(&"{".repeat(n));
    s.push_str("core");
    for k in (1..=n).rev() {
        let _ = write!(s, "}}#d{k}");
    }
    s.push_str(" end.\n");
    s
}

#[test]
fn nesting_up_to_the_limit_is_all_tags() {
    let max = claimmark::syntax::MAX_TAG_DEPTH;
    let source = nested(max);
    let parsed = parse(&source);
    assert_eq!(parsed.document.print(&source), source);
    parsed.document.tree.check_tiling().unwrap();
    assert!(parsed.diagnostics.is_empty(), "{:?}", parsed.diagnostics);
    assert_eq!(parsed.document.tags.len(), max);
    // Sorted by start: tag k (0-based) is at depth k + 1 and its parent is tag k - 1.
    for (k, tag) in parsed.document.tags.iter().enumerate() {
        assert_eq!(tag.parent, k.checked_sub(1), "parent of tag {k}");
        assert_eq!(tag.suffix.id.as_ref().unwrap().text, format!("d{}", k + 1));
    }
}

#[test]
fn nesting_deeper_than_the_limit_is_literal_and_reported_once() {
    let max = claimmark::syntax::MAX_TAG_DEPTH;
    let depth = max + 44;
    let source = nested(depth);
    let parsed = parse(&source);
    let document = &parsed.document;
    assert_eq!(document.print(&source), source);
    document.tree.check_tiling().unwrap();
    let rules: Vec<_> = parsed.diagnostics.iter().map(|d| d.rule).collect();
    assert_eq!(rules, ["nesting-too-deep"]);
    // Where it is reported: see `spec_nesting_too_deep_is_reported_at_the_first_such_brace`.
    // The outer `max` levels are tags; the inner ones are literal text.
    assert_eq!(document.tags.len(), max);
    let ids: Vec<_> = document
        .tags
        .iter()
        .map(|t| t.suffix.id.as_ref().unwrap().text.clone())
        .collect();
    let expected: Vec<_> = (1..=max).map(|k| format!("d{k}")).collect();
    assert_eq!(ids, expected);
    // Stripping removes the tags' braces and suffixes only: the literal inner levels stay.
    let stripped = strip(&source, document, StripOptions::default());
    let mut inner = "{".repeat(depth - max);
    inner.push_str("core");
    for k in (max + 1..=depth).rev() {
        // Once the outer levels are gone these would be tags again, so strip escapes them.
        let _ = write!(inner, "}}\\#d{k}");
    }
    let want = format!("Deep: {inner} end.\n");
    assert_eq!(stripped.text, want);
}

#[test]
fn very_deep_nesting_is_fast_and_does_not_overflow() {
    // Far beyond the limit, and unclosed: must neither recurse nor go quadratic.
    let source = format!("{}x{}", "{".repeat(20_000), "}@a".repeat(19_000));
    let start = std::time::Instant::now();
    let parsed = parse(&source);
    assert_eq!(parsed.document.print(&source), source);
    parsed.document.tree.check_tiling().unwrap();
    let _ = strip(&source, &parsed.document, StripOptions::default());
    assert!(start.elapsed().as_secs() < 10, "took {:?}", start.elapsed());
}

/// (tag spans as text, diagnostic rules) for a paragraph.
fn tags_and_rules(source: &str) -> (Vec<String>, Vec<&'static str>) {
    let parsed = parse(source);
    assert_eq!(parsed.document.print(source), source);
    let tags = parsed
        .document
        .tags
        .iter()
        .map(|t| t.span.text(source).to_string())
        .collect();
    (tags, parsed.diagnostics.iter().map(|d| d.rule).collect())
}

#[test]
fn spec_edge_cases_on_braces_and_suffixes() {
    // grammar/SPEC.md §12, rows that the fixtures do not already pin.
    let cases: &[(&str, &[&str], &[&str])] = &[
        ("{a}@x++y", &["{a}@x"], &[]),
        ("{a}@x,y", &["{a}@x"], &[]),
        ("{a}:estimate:claimed", &["{a}:estimate"], &[]),
        ("{a}@x:Confirmed", &["{a}@x"], &[]),
        ("{a}:estimate2", &["{a}:estimate"], &[]),
        ("{a}#x_1-b", &["{a}#x_1-b"], &[]),
        ("{x}#a-", &["{x}#a"], &[]),
        ("{a}#1990", &[], &["bare-braces"]),
        ("{a}#_", &[], &["bare-braces"]),
        ("{}", &[], &["bare-braces"]),
        ("{}@x", &["{}@x"], &[]),
        ("{x}#id1{y}#id2", &["{x}#id1", "{y}#id2"], &[]),
        ("{y}{@x}#id", &["{@x}#id"], &["bare-braces"]),
        ("{a {b}@x", &["{b}@x"], &["unclosed-tag"]),
        ("{a}b}@x", &[], &["bare-braces"]),
        ("{{a}@x b}@y", &["{{a}@x b}@y", "{a}@x"], &[]),
        ("{{a}b}@x", &["{{a}b}@x"], &["bare-braces"]),
        ("{#intro}@x", &["{#intro}@x"], &[]),
        ("{a `}` b}@x", &["{a `}` b}@x"], &[]),
        ("{a `b}@x", &["{a `b}@x"], &[]),
        ("\\`{x}@a\\`", &["{x}@a"], &[]),
        ("{a\\}@x", &[], &["unclosed-tag"]),
        ("[x](https://ex.org/A_(b)) {c}@d", &["{c}@d"], &[]),
        ("https://ex.com/{id}#top", &["{id}#top"], &[]),
        ("<b>{x}@a</b>", &["{x}@a"], &[]),
        ("{x <y}@a and z>1", &[], &["unclosed-tag"]),
        ("a < b {c}@d", &["{c}@d"], &[]),
        ("<!-->{a}@b", &["{a}@b"], &[]),
        ("{x}@a\n[@a]: A\n}@b", &["{x}@a"], &[]),
        ("[^1]: A note {x}@a", &["{x}@a"], &[]),
        ("para\n\n    {x}@a", &["{x}@a"], &[]),
        ("text {a\n```\n}@b\n```", &[], &["unclosed-tag"]),
        ("a\n<!-- open\n\nstill -->tail {x}@a", &[], &[]),
        (" [@kross]: Kross", &[], &[]),
        ("[@ kross]: Kross", &[], &[]),
    ];
    for &(source, tags, rules) in cases {
        assert_eq!(
            tags_and_rules(source),
            (tags.iter().map(|t| t.to_string()).collect(), rules.to_vec()),
            "{source:?}"
        );
    }
}

#[test]
fn spec_template_braces_decide_tags_first() {
    // SPEC §9.6: tags are decided first, so a suffix makes the outer pair a tag whose
    // text `{name}` is reported bare braces; without a suffix every level is literal.
    assert_eq!(
        tags_and_rules("{{name}}@x"),
        (vec!["{{name}}@x".to_string()], vec!["bare-braces"])
    );
    assert_eq!(tags_and_rules("{{{body}}}"), (vec![], vec![]));
    assert_eq!(
        tags_and_rules("{{ {b}@x }}"),
        (vec!["{b}@x".to_string()], vec![])
    );
}

#[test]
fn spec_template_braces_without_suffix_are_silent() {
    assert_eq!(tags_and_rules("{{name}}"), (vec![], vec![]));
    assert_eq!(tags_and_rules("{% if draft %}"), (vec![], vec![]));
    assert_eq!(tags_and_rules("## Intro {#intro}"), (vec![], vec![]));
    assert_eq!(tags_and_rules("{.lead}, {:toc}"), (vec![], vec![]));
}

fn directive_kinds(source: &str) -> Vec<String> {
    parse(source)
        .document
        .directives
        .iter()
        .map(|d| format!("{:?}", d.kind))
        .collect()
}

#[test]
fn spec_directive_names() {
    assert_eq!(
        directive_kinds("<!-- claimmark-disabel -->"),
        ["Unknown(\"disabel\")"]
    );
    assert_eq!(
        directive_kinds("<!-- claimmark: check -->"),
        Vec::<String>::new()
    );
    assert_eq!(
        directive_kinds("`<!-- claimmark-disable -->`"),
        Vec::<String>::new()
    );
    assert_eq!(
        directive_kinds("<!-- claimmark-disable,bare-braces -->"),
        ["Disable"]
    );
}

#[test]
fn spec_directive_names_run_to_whitespace_or_comma() {
    assert_eq!(
        directive_kinds("<!-- claimmark-Disable -->"),
        ["Unknown(\"Disable\")"]
    );
    assert_eq!(
        directive_kinds("<!-- claimmark-disable2 -->"),
        ["Unknown(\"disable2\")"]
    );
    assert_eq!(
        directive_kinds("<!-- claimmark-disable_all -->"),
        ["Unknown(\"disable_all\")"]
    );
}

#[test]
fn spec_nesting_too_deep_is_reported_at_the_first_such_brace() {
    let depth = claimmark::syntax::MAX_TAG_DEPTH + 44;
    let source = nested(depth);
    let parsed = parse(&source);
    let first_too_deep = "Deep: ".len() + claimmark::syntax::MAX_TAG_DEPTH;
    assert_eq!(
        parsed.diagnostics[0].span,
        Span::new(first_too_deep, first_too_deep + 1)
    );
}
