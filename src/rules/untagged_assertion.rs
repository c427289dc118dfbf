//! A check-worthy sentence that names no source and carries no claim tag.
//!
//! Flags a sentence that overlaps no claim tag, has no attribution in its prose (no
//! reporting cue with a named source: "the ministry said", "according to the audit", a
//! quotation continuing a speaker), and asserts something an editor checks. The claim
//! reader (`src/prose/claims.rs`) proposes each such sentence with the words that make
//! it check-worthy and a **confidence** from 0 to 1; findings below `min-confidence`
//! (default 0.6) are not reported. What it reads:
//!
//! * an **agentless hedge** that sounds attributed but names nobody: "reportedly",
//!   "allegedly", "said to be", "sources say" — reported whatever its confidence;
//! * an **allegation or crime word**: "accused", "spied", "bribed", "tried to kill";
//! * a **statistic or quantity**: "43,000 officials", "$3.5 billion", "12 percent" —
//!   not clock times, ordinals, ages, "3 of 12" counters or numbers in names;
//! * a **ranking**: "the lowest", "the country's biggest", "a record";
//! * a **direct quotation** of four words or more with no speaker;
//! * a **dated fact**: "in 2014 the agency …", "was founded in 1980";
//! * a **prediction** stated as certain: "the bill won't reach the governor's desk"
//!   (not a schedule: "will vote on 22 June");
//! * an **action**: what somebody wants, intends, knows or why they acted ("had hoped",
//!   "in a bid to", "to appease critics");
//! * a **characterisation**: loaded or interpretive wording stated as fact ("a
//!   debacle", "soured badly", "quietly billed").
//!
//! The confidence weighs what is around the trigger: a source named in the one or two
//! sentences before it in its paragraph (the sentence may continue it), a belief or
//! intention cue ("X wants"), hedged speculation ("could", "may"), quotation marks, the
//! writer in person, and more (`export` lists each proposal with its features). Page
//! furniture (captions, credits, promos, newsletter plugs, headings) and questions are
//! never proposed. **Public records** (votes and tallies, market closes, scores) and
//! **common knowledge** (the size of the Senate, built in or the house's own `facts`)
//! follow the house policy, `ignore` by default, `info` or `warn`.
//!
//! With `numbers = "all"` under `[untagged-assertion]` in `claimmark.toml`, every
//! **figure** counts too (ages, clock times, years in names, list numbers), whatever
//! its confidence: the numbers check a desk runs before publication.
//!
//! Sources that name nobody ("sources", "people familiar with the matter", "you") do
//! not count as attribution; a poll, count or study named in the sentence ("in the
//! latest Gallup poll") sources its numbers, rankings and dates. The word lists live in
//! `src/prose/claims/`.
//!
//! ## Why
//! Most of a draft is never tagged, and that is where unsourced numbers and accusations
//! slip through: "the lowest turnout since 1988" or "the aide is said to have leaked
//! the memo" reads as fact and nobody is on record for it. A hedge like "reportedly" is
//! worse than nothing: it sounds sourced. Naming the source in the sentence, or tagging
//! the claim, tells the desk who stands behind it. The confidence keeps the rule
//! quiet where an editor would not ask: at the default, four findings in five were
//! right on a hand-labelled dev set of published news (`bench/untagged-dev.py`).
//!
//! ## Example
//! ```markdown
//! The deputy mayor is said to be furious about the audit.
//! The rollout of the new parking permits was a debacle.
//! ```
//! Name a source ("…, the Court of Audit found") or tag the claim:
//! `{The rollout was a debacle}@audit:reported`.

use std::ops::Range;

use crate::diagnostic::{Diagnostic, Fix, Severity};
use crate::lint::{ClassPolicy, Config, Context, UntaggedNumbers};
use crate::prose::AttributionKind;
use crate::prose::claims::{Assertion, ClaimClass, ClaimKind};
use crate::span::{Reach, Span};
use crate::suggest::{SuggestOptions, named_edits_for_spans};

fn message(kind: ClaimKind, words: &str) -> String {
    match kind {
        ClaimKind::Hedge => format!("'{words}' names no source"),
        ClaimKind::Allegation => format!("allegation '{words}' has no source"),
        ClaimKind::Statistic => format!("statistic '{words}' has no source"),
        ClaimKind::Superlative => format!("ranking '{words}' has no source"),
        ClaimKind::Quotation => "quotation has no speaker".to_string(),
        ClaimKind::Dated => format!("dated fact '{words}' has no source"),
        ClaimKind::Prediction => format!("prediction '{words}' is stated as fact, with no source"),
        ClaimKind::Action => {
            format!("what somebody wants, knows or did ('{words}') is stated with no source")
        }
        ClaimKind::Characterisation => {
            format!("characterisation '{words}' is stated as fact, with no source")
        }
        ClaimKind::Figure => format!("figure '{words}' has no source"),
    }
}

fn help(kind: ClaimKind) -> &'static str {
    match kind {
        ClaimKind::Hedge => {
            "name who says so (\"…, the ministry said\"), or tag the claim with its source: `{…}@source`"
        }
        ClaimKind::Quotation => "say who is speaking, or tag the quotation: `{“…”}@source`",
        ClaimKind::Statistic | ClaimKind::Figure | ClaimKind::Dated => {
            "say where the figure comes from (\"…, according to the census\"), or tag it: `{…}@source` with `[@source]: …` defined"
        }
        ClaimKind::Prediction => {
            "say who expects it (\"…, analysts say\"), hedge it (\"is likely to\"), or tag it: `{…}@source:estimate`"
        }
        ClaimKind::Action => {
            "say how we know what they wanted, knew or did (\"…, aides said\"), or tag it: `{…}@source`"
        }
        ClaimKind::Characterisation => {
            "attribute the judgement (\"…, critics say\"), state the facts behind it, or tag it as opinion: `{…}@writer:opinion`"
        }
        ClaimKind::Allegation | ClaimKind::Superlative => {
            "name a source in the sentence (\"…, according to …\"), or tag the claim: `{…}@source` with `[@source]: …` defined"
        }
    }
}

pub fn check(ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let prose = ctx.prose();
    let config = ctx.config;
    // The house policy on each assertion: no finding, or one at a severity.
    let policy = |a: &Assertion| match a.class {
        ClaimClass::Claim => ClassPolicy::Warn,
        ClaimClass::PublicRecord => config.public_record,
        ClaimClass::CommonKnowledge => config.common_knowledge,
    };
    let assertions: Vec<&Assertion> = ctx
        .assertions()
        .iter()
        .filter(|a| a.confidence >= config.untagged_min_confidence || always_reported(config, a))
        .filter(|a| policy(a) != ClassPolicy::Ignore)
        .collect();
    let quotes = Reach::new(
        prose
            .attributions
            .iter()
            .filter(|a| a.kind == AttributionKind::QuoteOnly)
            .filter_map(|a| a.content.as_ref().map(|c| (c.start, c.end))),
    );
    // Findings with their sentence (source span) and whether `suggest` may tag it.
    let found: Vec<(Diagnostic, Span, bool)> = assertions
        .iter()
        .map(|a| {
            let span = prose.source_span(a.sentence.clone());
            let mut d = diagnostic(ctx, a, span);
            if policy(a) == ClassPolicy::Info {
                d.severity = Severity::Info;
            }
            (d, span, taggable(&quotes, &a.sentence))
        })
        .collect();
    let spans: Vec<Span> = found.iter().filter(|f| f.2).map(|f| f.1).collect();
    let mut fixes = if spans.is_empty() {
        Vec::new()
    } else {
        named_edits_for_spans(ctx.source, &SuggestOptions::default(), &spans)
    }
    .into_iter();
    for (diagnostic, _, taggable) in found {
        let edits = if taggable {
            fixes.next().unwrap_or_default()
        } else {
            Vec::new()
        };
        out.push(if edits.is_empty() {
            diagnostic
        } else {
            diagnostic.with_fix(Fix {
                message: "tag the attributed words with their source (as `claimmark suggest` does)"
                    .to_string(),
                edits,
                safe: true,
            })
        });
    }
}

/// Whether an assertion is reported whatever its confidence. An agentless hedge
/// ("reportedly", "sources say") sounds sourced and is not, which a libel lawyer asks
/// about first; the dev set's guideline leaves hedges unscored, so the model has no say
/// there. And the numbers check (`numbers = "all"`) asks for every figure: a desk that
/// checks every figure wants every figure.
fn always_reported(config: &Config, a: &Assertion) -> bool {
    a.kind == ClaimKind::Hedge
        || config.untagged_numbers == UntaggedNumbers::All
            && matches!(
                a.kind,
                ClaimKind::Statistic | ClaimKind::Figure | ClaimKind::Dated
            )
}

/// Why the sentence counts as unsourced, for its label.
fn reason(a: &Assertion) -> &'static str {
    if a.features.has("source-before") || a.features.has("source-two-before") {
        "no source in this sentence; if the source named just before covers it, tag it"
    } else {
        "no source in this sentence or the two before it in its paragraph, and no claim tag"
    }
}

fn diagnostic(ctx: &Context<'_>, a: &Assertion, sentence: Span) -> Diagnostic {
    let prose = ctx.prose();
    let words = &prose.text.text[a.trigger.clone()];
    let class = match a.class {
        ClaimClass::Claim => "",
        ClaimClass::PublicRecord => " (a public record, by the house policy)",
        ClaimClass::CommonKnowledge => " (common knowledge, by the house policy)",
    };
    Diagnostic::warning(
        "untagged-assertion",
        prose.source_span(a.trigger.clone()),
        format!("{}{class}", message(a.kind, words)),
    )
    .with_label(sentence, reason(a))
    .with_help(help(a.kind))
    .with_confidence(a.confidence)
}

/// Whether `suggest` could tag something in `sentence` with a named source. A flagged
/// sentence overlaps no named attribution; what is left that `suggest` tags with a
/// name is a quotation with no cue, whose speaker `suggest` takes from its paragraph.
/// (Reported speech from a vague or hedged source would only get an anonymous
/// source.) Planning a suggestion parses the document again, so only these sentences
/// get one. `quotes` are the contents of cue-less quotations.
fn taggable(quotes: &Reach, sentence: &Range<usize>) -> bool {
    quotes
        .max_end_before(sentence.end)
        .is_some_and(|end| end > sentence.start)
}

#[cfg(test)]
mod tests {
    use super::Config;
    use crate::diagnostic::Diagnostic;
    use crate::rules::test_support::findings_with;

    /// Every finding the reader proposes, whatever its confidence: these tests are about
    /// what it reads; `the_default_reports_only_confident_findings` about the threshold.
    fn findings(rule: &str, text: &str) -> Vec<Diagnostic> {
        let config = Config {
            untagged_min_confidence: 0.0,
            ..Config::default()
        };
        findings_with(rule, text, &config)
    }

    /// (flagged words, message) for each finding on `text`.
    fn check(text: &str) -> Vec<(String, String)> {
        let found = findings("untagged-assertion", text);
        found
            .iter()
            .map(|d| (d.span.text(text).to_string(), d.message.clone()))
            .collect()
    }

    #[test]
    fn flagged_sentences() {
        let table = [
            (
                "The agency has lost track of 43,000 officials since 2019.",
                "43,000 officials",
                "statistic '43,000 officials' has no source",
            ),
            (
                "The programme cost $3.5 billion over four years.",
                "$3.5 billion",
                "statistic '$3.5 billion' has no source",
            ),
            (
                "Turnout fell to 12 percent in the northern districts.",
                "12 percent",
                "statistic '12 percent' has no source",
            ),
            (
                "The deputy mayor is said to be furious about the audit.",
                "is said to",
                "'is said to' names no source",
            ),
            (
                "The minister, said to be furious, cancelled the trip.",
                "said to be",
                "'said to be' names no source",
            ),
            (
                "It is believed that the minister knew of the payments.",
                "It is believed",
                "'It is believed' names no source",
            ),
            (
                "The contractor reportedly paid the inspectors in cash.",
                "reportedly",
                "'reportedly' names no source",
            ),
            (
                "Sources say the deal collapsed on Friday night.",
                "Sources say",
                "'Sources say' names no source",
            ),
            (
                "The attaché spied on exiled journalists for a decade.",
                "spied on",
                "allegation 'spied on' has no source",
            ),
            (
                "Two of his bodyguards tried to kill a rival businessman.",
                "tried to kill",
                "allegation 'tried to kill' has no source",
            ),
            (
                "The charity is linked to a sanctioned shipping firm.",
                "linked to",
                "allegation 'linked to' has no source",
            ),
            (
                "The former director was accused of bribing port officials.",
                "was accused of",
                "allegation 'was accused of' has no source",
            ),
            (
                "The region now has the lowest vaccination rate in Europe.",
                "the lowest",
                "ranking 'the lowest' has no source",
            ),
            (
                "It was the country's biggest bank failure.",
                "the country's biggest",
                "ranking 'the country's biggest' has no source",
            ),
            (
                "Exports reached a record in March.",
                "a record",
                "ranking 'a record' has no source",
            ),
            (
                "Burglaries are at a 44-year low in the capital.",
                "44-year low",
                "statistic '44-year low' has no source",
            ),
            (
                "Support for the plan reached 61 percent in some polls.",
                "61 percent",
                "statistic '61 percent' has no source",
            ),
            (
                "Two million households lost power during the storm.",
                "Two million households",
                "statistic 'Two million households' has no source",
            ),
            (
                "The banner read “we will not pay for your war” in red letters.",
                "“we will not pay for your war”",
                "quotation has no speaker",
            ),
            // Years and dates that place an event.
            (
                "In 2014 the agency moved its archive to Brussels.",
                "In 2014",
                "dated fact 'In 2014' has no source",
            ),
            (
                "The firm was founded in 1980 by two former customs officers.",
                "in 1980",
                "dated fact 'in 1980' has no source",
            ),
            (
                "The members voted on the loan on 22 June, 2023.",
                "on 22 June, 2023",
                "dated fact 'on 22 June, 2023' has no source",
            ),
            (
                "Widespread adoption abroad began in the late 1950s.",
                "in the late 1950s",
                "dated fact 'in the late 1950s' has no source",
            ),
            (
                "The consulate burned on Sept. 11, 2012, after a day of protests.",
                "on Sept. 11, 2012",
                "dated fact 'on Sept. 11, 2012' has no source",
            ),
            (
                "Cruz dropped out of the race May 3, 2016.",
                "May 3, 2016",
                "dated fact 'May 3, 2016' has no source",
            ),
            (
                "While the next debate will be in Ohio, she debated him four times in 2008.",
                "in 2008",
                "dated fact 'in 2008' has no source",
            ),
            // Quantities after a capitalized function word or a possessive.
            (
                "(About 46 detainees were held in that wing.)",
                "46 detainees",
                "statistic '46 detainees' has no source",
            ),
            (
                "Trump won Florida’s 99 delegates in the primary.",
                "99 delegates",
                "statistic '99 delegates' has no source",
            ),
            // A document that names nobody does not source a number.
            (
                "A new report puts the cost at $3.5 billion.",
                "$3.5 billion",
                "statistic '$3.5 billion' has no source",
            ),
        ];
        for (sentence, words, message) in table {
            assert_eq!(
                check(sentence),
                [(words.to_string(), message.to_string())],
                "{sentence}"
            );
        }
    }

    #[test]
    fn quiet_sentences() {
        let table = [
            // Attributed in prose.
            "The agency lost 43,000 laptops, the Court of Audit said.",
            "According to the ministry, turnout fell to 12 percent.",
            "Prosecutors accused the former director of bribing port officials.",
            "The minister said the region has the lowest vaccination rate in Europe.",
            "“We will not pay for your war,” said Anna Petrova, a protester.",
            // Narrative without signals.
            "The council met on Tuesday evening in the old town hall.",
            // Numbers in verbatim text (code spans, link destinations) are not prose.
            "He cited the rule known as `Art. 41(2)` in the debate.",
            "The minutes are [online](https://example.org/2024/43000-pages).",
            "She walked to the station and took the last train home.",
            // Years and dates naming a thing, clock times, counters, ordinals, ages and
            // names.
            "The 2016 law replaced the rules of the 1990s reform.",
            "Carrier's Feb. 10 announcement surprised the workers.",
            "The hearing is set for Sept. 11 at the district court.",
            "The members will vote on the loan at the annual meeting on 22 June.",
            "Saturday, March 19, 2016.",
            "Photo 3 of 12: the crowd outside the court.",
            "Doors open at 7 p.m. on the ground floor.",
            "Sandra Paradis, 78, arrived at the polling station early.",
            "He moved to the city 10 years ago, when he was 44 years old.",
            "He celebrated his 70th birthday with a 20-year-old wine.",
            "The company entered the Fortune 500 list this year.",
            // Negated allegations, "at least", "for the most part".
            "The mayor was never accused of anything.",
            "At least the rain stopped, and for the most part the crowd stayed.",
            // A named poll is the source of its numbers; an agent after a passive.
            "Support for the plan reached 61 percent in the latest Gallup poll.",
            "In the union's survey of 400 dockworkers, 61 percent felt unsafe.",
            "The former director was accused by prosecutors of bribery.",
            // Possessive superlatives are opinions, not rankings.
            "He thanked his most loyal fans before leaving the stage.",
            // Tagged claims.
            "{The agency lost track of 43,000 laptops}@audit:reported\n\n[@audit]: Court of Audit",
        ];
        for sentence in table {
            assert_eq!(check(sentence), [], "{sentence}");
        }
    }

    #[test]
    fn vague_sources_do_not_attribute() {
        assert_eq!(
            check("A source close to the minister said he accepted the bribes.")
                .iter()
                .map(|f| f.0.as_str())
                .collect::<Vec<_>>(),
            ["A source close to"]
        );
    }

    #[test]
    fn spans_map_back_through_tags() {
        let src = "Officials {counted}#c 43,000 empty flats.\n";
        let found = findings("untagged-assertion", src);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].span.text(src), "43,000 empty flats");
        assert_eq!(found[0].labels[0].span.text(src), src.trim_end());
    }

    /// A paragraph naming a speaker, then more than 600 bytes without a cue, then a
    /// quotation with no cue: too far to count as continuing, but `suggest` tags it with
    /// the paragraph's speaker.
    const FAR_QUOTE: &str = "The Harbour Workers Union said the port authority had \
        ignored complaints about the cranes. The strike began at six on Monday morning, when \
        the first shift left the gates and gathered on the quay beside the old grain silos. \
        By noon the quay was full of workers, their families and a few curious tourists from \
        the ferry terminal. Lorries queued along the coast road for several kilometres, and \
        the ferries to the islands left without their usual cargo of fruit and timber. \
        Shopkeepers in the harbour district handed out coffee and bread to the crowd, and a \
        brass band from the fishing village played old work songs until the evening. The \
        night shift joined the crowd at ten, and the quay stayed busy long after midnight. \
        \"We are not going back until every crane has been inspected by engineers we \
        trust.\"\n";

    #[test]
    fn quotation_with_a_speaker_in_its_paragraph_gets_a_safe_fix() {
        let found = findings("untagged-assertion", FAR_QUOTE);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].message, "quotation has no speaker");
        let fix = found[0].fix.as_ref().expect("a fix");
        assert!(fix.safe);
        let fixed = crate::diagnostic::apply_edits(FAR_QUOTE, &fix.edits);
        assert!(fixed.contains("\"{We are not going back"), "{fixed}");
        assert!(fixed.contains("engineers we trust}@union.\""), "{fixed}");
        assert!(
            fixed.ends_with("[@union]: Harbour Workers Union\n"),
            "{fixed}"
        );
        // The fix silences the finding and keeps the copy.
        assert_eq!(findings("untagged-assertion", &fixed), []);
        let copy = |s: &str| {
            let parsed = crate::parse(s);
            crate::syntax::strip(s, &parsed.document, Default::default()).text
        };
        assert_eq!(copy(&fixed), copy(FAR_QUOTE));
    }

    #[test]
    fn fixes_are_planned_for_a_bounded_number_of_findings() {
        // Each fix re-parses the document to verify it: past the cap, findings still
        // come, without a fix (suggest tags the whole draft in one pass).
        let n = crate::suggest::MAX_SPANS_WITH_EDITS + 6;
        let text = vec![FAR_QUOTE.trim_end(); n].join("\n\n") + "\n";
        let found = findings("untagged-assertion", &text);
        assert_eq!(found.len(), n);
        let fixed = found.iter().filter(|d| d.fix.is_some()).count();
        assert_eq!(fixed, crate::suggest::MAX_SPANS_WITH_EDITS);
        assert!(found[0].fix.is_some() && found[n - 1].fix.is_none());
    }

    #[test]
    fn no_fix_without_a_named_source() {
        for text in [
            // Vague and agentless sources would only get an anonymous source.
            "Sources say the deal collapsed on Friday night.",
            "It is said that the minister knew of the payments.",
            // A quotation nobody in its paragraph said.
            "The banner read “we will not pay for your war” in red letters.",
            "The agency has lost track of 43,000 officials since 2019.",
        ] {
            let found = findings("untagged-assertion", text);
            assert_eq!(found.len(), 1, "{text}");
            assert_eq!(found[0].fix, None, "{text}");
        }
    }

    #[test]
    fn a_hedge_discounts_only_the_cues_it_touches() {
        // Many cues in one sentence share one scan for hedges; the hedge at the head
        // of "a source close to the minister" makes only that cue anonymous.
        let many: String = (0..50)
            .map(|i| format!("“we will pay {i} euros” she wrote, "))
            .collect();
        let text = format!(
            "{many}and a source close to the minister said the agency lost 40 laptops in 2019.\n"
        );
        let found = check(&text);
        assert!(found.is_empty(), "{found:?}");
        // Alone, the hedged source leaves the statistic unsourced.
        assert_eq!(
            check("A source close to the minister said the agency lost 40 laptops.\n").len(),
            1
        );
    }

    #[test]
    fn the_counted_noun_stops_at_a_plural() {
        let found = check("Its 57 delegates make it the largest prize in the west.");
        assert_eq!(found[0].0, "57 delegates");
        let found = check("The port moved 43,000 shipping containers last year.");
        assert_eq!(found[0].0, "43,000 shipping containers");
    }

    #[test]
    fn one_finding_per_sentence() {
        let found = check("Reportedly, 43,000 officials accused the lowest ranks of fraud.");
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].0, "Reportedly");
    }
}
