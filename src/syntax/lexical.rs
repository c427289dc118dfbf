//! The small lexical grammars of Claimmark, written with nom: identifiers, confidence
//! words, tag suffixes, definition headers and fields, fences and directives.
//!
//! Every parser here works on a `&str` slice and reports byte offsets relative to it;
//! callers shift them into file offsets. None of them can fail the document: a parser
//! that does not match simply means "this is prose".

use nom::{
    IResult, Parser,
    bytes::complete::{tag, take_while, take_while1},
    character::complete::{char, satisfy},
    combinator::recognize,
    multi::many0_count,
    sequence::pair,
};

/// Offset of `rest` inside `whole` (both slices of the same string).
fn consumed(whole: &str, rest: &str) -> usize {
    whole.len() - rest.len()
}

fn is_id_char(c: char) -> bool {
    // XID_Continue adds combining marks, so a decomposed `mu\u{308}ller` is one id.
    c.is_alphanumeric() || c == '_' || c == '-' || unicode_ident::is_xid_continue(c)
}

/// An identifier: `[\p{Alphabetic}_][\p{Alphanumeric}_-]*`, ending in a letter or digit.
///
/// The trailing-character rule is why `{x}@kross.` names `kross` and `_{x}@kross_`
/// keeps its emphasis underscore: a trailing `-` or `_` is given back to the prose.
pub fn identifier(input: &str) -> IResult<&str, &str> {
    let (_, raw) = recognize(pair(
        satisfy(|c| c.is_alphabetic() || c == '_'),
        take_while(is_id_char),
    ))
    .parse(input)?;
    let trimmed = raw.trim_end_matches(['-', '_']);
    if trimmed.is_empty() {
        return Err(nom::Err::Error(nom::error::Error::new(
            input,
            nom::error::ErrorKind::Verify,
        )));
    }
    Ok((&input[trimmed.len()..], trimmed))
}

/// True when the whole string is one identifier.
pub fn is_identifier(text: &str) -> bool {
    matches!(identifier(text), Ok(("", _)))
}

/// A confidence word: `[a-z]+(-[a-z]+)*`.
pub fn confidence_word(input: &str) -> IResult<&str, &str> {
    let lower = |c: char| c.is_ascii_lowercase();
    recognize(pair(
        take_while1(lower),
        many0_count(pair(char('-'), take_while1(lower))),
    ))
    .parse(input)
}

/// A name inside a suffix, with its byte range relative to the suffix start.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SuffixName<'a> {
    pub text: &'a str,
    pub start: usize,
}

/// The parts of a tag suffix, offsets relative to the byte after the closing brace.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SuffixParts<'a> {
    pub id: Option<SuffixName<'a>>,
    pub sources: Vec<SuffixName<'a>>,
    pub confidence: Option<SuffixName<'a>>,
    /// Bytes the suffix covers; 0 means "no suffix".
    pub len: usize,
}

/// `@a+b+c`: one or more identifiers joined by `+`. A dangling `+` is left as prose.
fn source_list(input: &str) -> IResult<&str, Vec<(&str, &str)>> {
    // Each element is (identifier, the input it started at) so callers can compute offsets.
    let (mut rest, first) = identifier(input)?;
    let mut names = vec![(first, input)];
    while let Ok((after, (_, name))) = pair(char('+'), identifier).parse(rest) {
        names.push((name, &rest[1..]));
        rest = after;
    }
    Ok((rest, names))
}

/// Parse the suffix that starts right after a closing brace: the longest run of
/// `#ID`, `@SOURCES` and `:CONF` parts with no kind repeated, in any order.
pub fn suffix(input: &str) -> SuffixParts<'_> {
    let mut parts = SuffixParts::default();
    let mut rest = input;
    loop {
        let at = consumed(input, rest);
        let parsed = match rest.as_bytes().first() {
            Some(b'#') if parts.id.is_none() => identifier(&rest[1..]).ok().map(|(after, id)| {
                parts.id = Some(SuffixName {
                    text: id,
                    start: at + 1,
                });
                after
            }),
            Some(b'@') if parts.sources.is_empty() => {
                source_list(&rest[1..]).ok().map(|(after, names)| {
                    parts.sources = names
                        .into_iter()
                        .map(|(text, from)| SuffixName {
                            text,
                            start: consumed(input, from),
                        })
                        .collect();
                    after
                })
            }
            Some(b':') if parts.confidence.is_none() => {
                confidence_word(&rest[1..]).ok().map(|(after, word)| {
                    parts.confidence = Some(SuffixName {
                        text: word,
                        start: at + 1,
                    });
                    after
                })
            }
            _ => None,
        };
        match parsed {
            Some(after) => rest = after,
            None => break,
        }
    }
    parts.len = consumed(input, rest);
    parts
}

/// A definition header `[@ID]:` or `[#ID]:` at the start of a line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DefinitionHeader<'a> {
    /// `@` or `#`.
    pub sigil: char,
    /// The raw text between the sigil and `]:`, which may not be a valid identifier.
    pub raw_id: &'a str,
    /// Bytes up to and including the `:`.
    pub len: usize,
}

/// Recognises a definition-shaped line start: `[`, a sigil, no whitespace or `]`, then `]:`.
/// Whether the id is valid is judged later, so a typo is reported instead of published.
pub fn definition_header(line: &str) -> Option<DefinitionHeader<'_>> {
    let result: IResult<&str, (char, &str)> = (
        char('['),
        satisfy(|c| c == '@' || c == '#'),
        take_while(|c: char| c != ']' && !c.is_whitespace()),
        tag("]:"),
    )
        .map(|(_, sigil, raw, _)| (sigil, raw))
        .parse(line);
    let (rest, (sigil, raw_id)) = result.ok()?;
    Some(DefinitionHeader {
        sigil,
        raw_id,
        len: consumed(line, rest),
    })
}

/// A continuation field `key: value` (after the indentation has been removed).
/// Returns the key and the byte offset where the (untrimmed) value starts.
pub fn field(line: &str) -> Option<(&str, usize)> {
    let result: IResult<&str, &str> = (
        recognize(pair(
            satisfy(|c| c.is_ascii_lowercase()),
            take_while(|c: char| {
                c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '-'
            }),
        )),
        char(':'),
    )
        .map(|(key, _)| key)
        .parse(line);
    let (rest, key) = result.ok()?;
    // `key:value` without a space is accepted too, but `url: https://…` must keep its colon.
    Some((key, consumed(line, rest)))
}

/// A fence opening: up to three spaces, then three or more backticks or tildes.
/// Returns (fence char, fence length). Backtick fences may not have backticks in
/// their info string (CommonMark), otherwise the line is an inline code span.
pub fn fence_open(line: &str) -> Option<(u8, usize)> {
    let indent = line.bytes().take_while(|&b| b == b' ').count();
    if indent > 3 {
        return None;
    }
    let body = &line[indent..];
    let fence_char = *body.as_bytes().first()?;
    if fence_char != b'`' && fence_char != b'~' {
        return None;
    }
    let run = body.bytes().take_while(|&b| b == fence_char).count();
    if run < 3 {
        return None;
    }
    if fence_char == b'`' && body[run..].contains('`') {
        return None;
    }
    Some((fence_char, run))
}

/// Whether `line` closes a fence opened with `fence_char` × `open_len`.
pub fn fence_close(line: &str, fence_char: u8, open_len: usize) -> bool {
    let indent = line.bytes().take_while(|&b| b == b' ').count();
    if indent > 3 {
        return false;
    }
    let body = &line[indent..];
    let run = body.bytes().take_while(|&b| b == fence_char).count();
    run >= open_len && body[run..].trim_matches([' ', '\t', '\r']).is_empty()
}

/// The pieces of a `<!-- claimmark-NAME rule, rule -- reason -->` comment body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DirectiveParts<'a> {
    /// The word after `claimmark-`, e.g. `disable-next-line`.
    pub name: &'a str,
    /// Offset of `name` in the body.
    pub name_start: usize,
    /// Rule names with their offsets in the body.
    pub rules: Vec<(&'a str, usize)>,
    pub reason: Option<&'a str>,
}

/// Parses the text between `<!--` and `-->`. `None` if it is not a `claimmark-` comment.
pub fn directive(body: &str) -> Option<DirectiveParts<'_>> {
    let trimmed_start = body.len() - body.trim_start().len();
    let after_ws = &body[trimmed_start..];
    // The name runs to whitespace, a comma or the end, so `claimmark-disable2` and
    // `claimmark-Disable` are unknown names (reported), not `disable` plus a rule list.
    let result: IResult<&str, &str> = (
        tag("claimmark-"),
        take_while1(|c: char| !c.is_whitespace() && c != ','),
    )
        .map(|(_, name)| name)
        .parse(after_ws);
    let (rest, name) = result.ok()?;
    let name_start = trimmed_start + "claimmark-".len();
    let rest_start = consumed(body, rest);
    // An optional reason follows a `--` that stands alone as a word.
    let (list, reason) = match find_reason_separator(rest) {
        Some(at) => (&rest[..at], Some(rest[at + 2..].trim())),
        None => (rest, None),
    };
    let mut rules = Vec::new();
    let mut offset = 0;
    for piece in list.split(|c: char| c == ',' || c.is_whitespace()) {
        if !piece.is_empty() {
            rules.push((piece, rest_start + offset));
        }
        offset += piece.len() + 1;
    }
    Some(DirectiveParts {
        name,
        name_start,
        rules,
        reason: reason.filter(|r| !r.is_empty()),
    })
}

/// Position of a `--` preceded by whitespace (or at the start) and followed by whitespace or the end.
fn find_reason_separator(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    memchr::memmem::find_iter(bytes, b"--").find(|&at| {
        let before_ok = at == 0 || bytes[at - 1].is_ascii_whitespace();
        let after_ok = bytes.get(at + 2).is_none_or(|b| b.is_ascii_whitespace());
        before_ok && after_ok
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identifiers_end_in_a_letter_or_digit() {
        assert_eq!(identifier("kross."), Ok((".", "kross")));
        assert_eq!(identifier("kross_"), Ok(("_", "kross")));
        assert_eq!(identifier("vsse-staff-"), Ok(("-", "vsse-staff")));
        assert_eq!(identifier("müller."), Ok((".", "müller")));
        assert_eq!(identifier("mu\u{308}ller."), Ok((".", "mu\u{308}ller")));
        assert_eq!(identifier("_a1"), Ok(("", "_a1")));
        assert!(identifier("_").is_err());
        assert!(identifier("1abc").is_err());
        assert!(identifier("-a").is_err());
        assert!(is_identifier("be_gdp"));
        assert!(!is_identifier("be gdp"));
    }

    #[test]
    fn confidence_words_are_lowercase_with_inner_hyphens() {
        assert_eq!(confidence_word("reported."), Ok((".", "reported")));
        assert_eq!(confidence_word("well-sourced-"), Ok(("-", "well-sourced")));
        assert!(confidence_word("Reported").is_err());
    }

    fn names<'a>(list: &[SuffixName<'a>]) -> Vec<&'a str> {
        list.iter().map(|n| n.text).collect()
    }

    #[test]
    fn suffix_takes_the_longest_run_without_repeats() {
        let s = suffix("#ru_spies@kross:estimate and more");
        assert_eq!(s.id.as_ref().map(|n| n.text), Some("ru_spies"));
        assert_eq!(names(&s.sources), ["kross"]);
        assert_eq!(
            s.confidence.as_ref().map(|n| (n.text, n.start)),
            Some(("estimate", 16))
        );
        assert_eq!(s.len, "#ru_spies@kross:estimate".len());

        let repeated = suffix("#x#y");
        assert_eq!(repeated.len, 2);

        let any_order = suffix(":reported@galeotti#claim1,");
        assert_eq!(any_order.len, ":reported@galeotti#claim1".len());

        let corroborated = suffix("@kross+galeotti+");
        assert_eq!(names(&corroborated.sources), ["kross", "galeotti"]);
        assert_eq!(corroborated.sources[1].start, 7);
        assert_eq!(corroborated.len, "@kross+galeotti".len());

        assert_eq!(suffix("@").len, 0);
        assert_eq!(suffix(" @x").len, 0);
        assert_eq!(suffix("@x: he said").len, 2);
        assert_eq!(suffix("@kross.").len, 6);
    }

    #[test]
    fn definition_headers_are_recognised_even_with_bad_ids() {
        let h = definition_header("[@galeotti]: Mark Galeotti").unwrap();
        assert_eq!((h.sigil, h.raw_id, h.len), ('@', "galeotti", 12));
        let bad = definition_header("[#total-]: = a").unwrap();
        assert_eq!(bad.raw_id, "total-");
        assert!(definition_header("[@a b]: x").is_none());
        assert!(definition_header("[link]: https://x").is_none());
        assert!(definition_header(" [@a]: x").is_none());
    }

    #[test]
    fn fields_split_key_and_value() {
        assert_eq!(field("role: analyst"), Some(("role", 5)));
        assert_eq!(field("anonymous:"), Some(("anonymous", 10)));
        assert_eq!(field("Role: x"), None);
        assert_eq!(field("just prose"), None);
    }

    #[test]
    fn fences_follow_commonmark() {
        assert_eq!(fence_open("```rust"), Some((b'`', 3)));
        assert_eq!(fence_open("   ~~~~"), Some((b'~', 4)));
        assert_eq!(fence_open("    ```"), None);
        assert_eq!(fence_open("``` a ` b"), None);
        assert_eq!(fence_open("``"), None);
        assert!(fence_close("````  \r", b'`', 3));
        assert!(!fence_close("``", b'`', 3));
        assert!(!fence_close("``` x", b'`', 3));
    }

    #[test]
    fn directives_split_rules_and_reason() {
        let d = directive(" claimmark-disable unused-source, bare-braces -- legal signed off ")
            .unwrap();
        assert_eq!(d.name, "disable");
        assert_eq!(
            d.rules.iter().map(|r| r.0).collect::<Vec<_>>(),
            ["unused-source", "bare-braces"]
        );
        assert_eq!(
            &" claimmark-disable unused-source"[d.rules[0].1..d.rules[0].1 + 13],
            "unused-source"
        );
        assert_eq!(d.reason, Some("legal signed off"));
        let all = directive("claimmark-disable-file").unwrap();
        assert_eq!(
            (all.name, all.rules.len(), all.reason),
            ("disable-file", 0, None)
        );
        assert!(directive(" a normal comment ").is_none());
    }
}
