use super::{AttributionKind, detect_attributions, split_sentences};

fn sentences(text: &str) -> Vec<&str> {
    split_sentences(text)
        .into_iter()
        .map(|r| &text[r])
        .collect()
}

#[test]
fn sentence_splitter_hard_cases() {
    let cases: &[(&str, &[&str])] = &[
        ("He arrived. She left.", &["He arrived.", "She left."]),
        (
            "Mr. Smith met Dr. Jones at 5 p.m. on Jan. 5.",
            &["Mr. Smith met Dr. Jones at 5 p.m. on Jan. 5."],
        ),
        (
            "The U.S. economy grew 2.5 percent. Officials were pleased.",
            &[
                "The U.S. economy grew 2.5 percent.",
                "Officials were pleased.",
            ],
        ),
        (
            "It cost $1.5 billion. That is a lot.",
            &["It cost $1.5 billion.", "That is a lot."],
        ),
        (
            "J. K. Rowling wrote it. Then she left.",
            &["J. K. Rowling wrote it.", "Then she left."],
        ),
        (
            "“We will win.” The crowd cheered.",
            &["“We will win.”", "The crowd cheered."],
        ),
        (
            "\"Stop!\" he shouted. Nobody did.",
            &["\"Stop!\" he shouted.", "Nobody did."],
        ),
        (
            "\"It is over,\" she said. \"We lost.\"",
            &["\"It is over,\" she said.", "\"We lost.\""],
        ),
        (
            "Is it true? Yes. It is!",
            &["Is it true?", "Yes.", "It is!"],
        ),
        (
            "Sen. Bernie Sanders (I-Vt.) spoke. He won.",
            &["Sen. Bernie Sanders (I-Vt.) spoke.", "He won."],
        ),
        (
            "The vote was 52-48 (a narrow win). Then came recess.",
            &["The vote was 52-48 (a narrow win).", "Then came recess."],
        ),
        (
            "Headline without a period\nBody text here.",
            &["Headline without a period", "Body text here."],
        ),
        (
            "First paragraph.\n\nSecond paragraph.",
            &["First paragraph.", "Second paragraph."],
        ),
        (
            "# A Markdown heading\n\nSome text. More text.",
            &["A Markdown heading", "Some text.", "More text."],
        ),
        (
            "Intro:\n- first item\n- second item\n1. numbered item",
            &["Intro:", "first item", "second item", "numbered item"],
        ),
        (
            "A hard-wrapped paragraph that\ncontinues on the next line. Done.",
            &[
                "A hard-wrapped paragraph that\ncontinues on the next line.",
                "Done.",
            ],
        ),
        (
            "  Leading and trailing spaces.   ",
            &["Leading and trailing spaces."],
        ),
        (
            "Growth was 3.2%. Inflation was 1.9%.",
            &["Growth was 3.2%.", "Inflation was 1.9%."],
        ),
        (
            "He works for Acme Inc. and lives in Washington, D.C. He is 40.",
            &["He works for Acme Inc. and lives in Washington, D.C. He is 40."],
        ),
        (
            "Wait... what happened? Nobody knows.",
            &["Wait... what happened?", "Nobody knows."],
        ),
        ("", &[]),
        ("\n\n  \n", &[]),
    ];
    for (text, want) in cases {
        assert_eq!(sentences(text), *want, "splitting {text:?}");
    }
}

/// (text, source, cue, content) as substrings; `None` for an absent span.
type Case = (
    &'static str,
    Option<&'static str>,
    &'static str,
    Option<&'static str>,
);

fn first(text: &str) -> (Option<&str>, Option<&str>, Option<&str>) {
    let atts = detect_attributions(text);
    let a = atts
        .iter()
        .find(|a| a.cue.is_some())
        .unwrap_or_else(|| panic!("no attribution in {text:?}"));
    let sub = |r: &Option<std::ops::Range<usize>>| r.clone().map(|r| &text[r]);
    (sub(&a.source), sub(&a.cue), sub(&a.content))
}

#[test]
fn attribution_table() {
    let cases: &[Case] = &[
        // direct speech, quote first
        (
            "“We are not going to back down,” Mark Galeotti said.",
            Some("Mark Galeotti"),
            "said",
            Some("“We are not going to back down,”"),
        ),
        // inverted
        (
            "\"The talks collapsed,\" said a Nato spokesman.",
            Some("a Nato spokesman"),
            "said",
            Some("\"The talks collapsed,\""),
        ),
        // quote after a colon
        (
            "The minister told reporters: \"We will not pay.\"",
            Some("The minister"),
            "told",
            Some("\"We will not pay.\""),
        ),
        // split quote: the hull of both parts
        (
            "\"This is a mistake,\" she said, \"and we will appeal.\"",
            Some("she"),
            "said",
            Some("\"This is a mistake,\" she said, \"and we will appeal.\""),
        ),
        // indirect with that
        (
            "The senator said that the bill would pass next week.",
            Some("The senator"),
            "said",
            Some("that the bill would pass next week"),
        ),
        // indirect, content first
        (
            "The bill would pass next week, officials said on Monday.",
            Some("officials"),
            "said",
            Some("The bill would pass next week"),
        ),
        // according to, content first
        (
            "The company lost $2 million last year, according to the complaint.",
            Some("the complaint"),
            "according to",
            Some("The company lost $2 million last year"),
        ),
        // according to, content after
        (
            "According to Belgian daily De Morgen, the suspect fled to Syria.",
            Some("Belgian daily De Morgen"),
            "According to",
            Some("the suspect fled to Syria"),
        ),
        // passive
        (
            "The plan was criticized by environmental groups as too timid.",
            Some("environmental groups"),
            "was criticized",
            Some("as too timid"),
        ),
        (
            "He was told by the lawyer that the case was closed.",
            Some("the lawyer"),
            "was told",
            Some("that the case was closed"),
        ),
        // auxiliaries and adverbs belong to the cue
        (
            "Clinton has repeatedly said she would raise the minimum wage.",
            Some("Clinton"),
            "has repeatedly said",
            Some("she would raise the minimum wage"),
        ),
        // beliefs and intentions
        (
            "Many economists believe the recession is over.",
            Some("Many economists"),
            "believe",
            Some("the recession is over"),
        ),
        (
            "The governor plans to veto the measure.",
            Some("The governor"),
            "plans",
            Some("to veto the measure"),
        ),
        (
            "Republicans want a full investigation.",
            Some("Republicans"),
            "want",
            Some("a full investigation"),
        ),
        // accusation
        (
            "Trump accused Clinton of lying about her emails.",
            Some("Trump"),
            "accused",
            Some("Clinton of lying about her emails"),
        ),
        // appositive source
        (
            "Jack Dorsey, Twitter's chief executive, said the tool worked.",
            Some("Jack Dorsey, Twitter's chief executive"),
            "said",
            Some("the tool worked"),
        ),
        // relative-clause source
        (
            "Cruz, who has proposed repealing the mandate, said the program had failed.",
            Some("Cruz, who has proposed repealing the mandate"),
            "said",
            Some("the program had failed"),
        ),
        // inverted with an appositive
        (
            "\"I think you will see a lawsuit,\" said Monte Shaw, executive director of the association.",
            Some("Monte Shaw, executive director of the association"),
            "said",
            Some("\"I think you will see a lawsuit,\""),
        ),
        // in a statement
        (
            "The ministry said in a statement that the talks would resume.",
            Some("The ministry"),
            "said in a statement",
            Some("that the talks would resume"),
        ),
        // a participle sharing the subject
        (
            "Sanders defended the plan, saying it would create jobs.",
            Some("Sanders"),
            "defended",
            Some("the plan"),
        ),
        // declined to comment
        (
            "A spokeswoman for the company declined to comment.",
            Some("A spokeswoman for the company"),
            "declined",
            Some("to comment"),
        ),
        // a headline with a colon
        (
            "Graham: Trump is destroying the party",
            Some("Graham"),
            ":",
            Some("Trump is destroying the party"),
        ),
        // a title-case headline
        (
            "Clinton Says Russians Hacked DNC",
            Some("Clinton"),
            "Says",
            Some("Russians Hacked DNC"),
        ),
    ];
    for &(text, source, cue, content) in cases {
        assert_eq!(first(text), (source, Some(cue), content), "in {text:?}");
    }
}

#[test]
fn participle_gets_the_subject() {
    let text = "Sanders defended the plan, saying it would create jobs.";
    let atts = detect_attributions(text);
    let saying = atts
        .iter()
        .find(|a| a.cue.clone().map(|r| &text[r]) == Some("saying"))
        .expect("saying");
    assert_eq!(saying.source.clone().map(|r| &text[r]), Some("Sanders"));
    assert_eq!(
        saying.content.clone().map(|r| &text[r]),
        Some("it would create jobs")
    );
}

#[test]
fn multi_sentence_quote_is_one_content() {
    let text = "“We will fight. We will win. Nobody can stop us,” the candidate said.";
    let atts = detect_attributions(text);
    assert_eq!(atts.len(), 1);
    let a = &atts[0];
    assert_eq!(a.kind, AttributionKind::DirectQuote);
    assert_eq!(
        &text[a.content.clone().unwrap()],
        "“We will fight. We will win. Nobody can stop us,”"
    );
    assert_eq!(&text[a.source.clone().unwrap()], "the candidate");
    // The sentence is the one of the cue.
    assert_eq!(
        &text[a.sentence.clone()],
        "Nobody can stop us,” the candidate said."
    );
}

#[test]
fn colon_introduces_next_paragraph() {
    let text = "In a 1963 speech, he declared:\n\n“Segregation now, segregation tomorrow, segregation forever.”";
    let atts = detect_attributions(text);
    let a = atts.iter().find(|a| a.cue.is_some()).unwrap();
    assert_eq!(&text[a.cue.clone().unwrap()], "declared");
    assert_eq!(
        &text[a.content.clone().unwrap()],
        "“Segregation now, segregation tomorrow, segregation forever.”"
    );
    // The quotation is covered: no extra quote-only attribution.
    assert_eq!(atts.len(), 1);
}

#[test]
fn no_nested_cues() {
    // "wants" is part of what was said, not an attribution of its own.
    let text = "The mayor said the city wants more money from the state.";
    let atts = detect_attributions(text);
    assert_eq!(atts.len(), 1, "{atts:?}");
    assert_eq!(&text[atts[0].cue.clone().unwrap()], "said");
}

#[test]
fn coordinated_attributions_are_cut() {
    let text = "Smith said the deal was dead, and Jones said it was alive.";
    let atts = detect_attributions(text);
    let got: Vec<_> = atts
        .iter()
        .map(|a| &text[a.content.clone().unwrap()])
        .collect();
    assert_eq!(got, ["the deal was dead", "it was alive"]);
}

#[test]
fn sentences_without_attribution() {
    for text in [
        "The bridge was built in 1932 and carries 40,000 cars a day.",
        "Prices rose 3 percent in March.",
        "The report was released on Tuesday.",
        "The United States and its allies met in Brussels.",
        "His plans for the weekend are unclear.",
        "",
        "# Heading",
    ] {
        let atts = detect_attributions(text);
        assert!(atts.is_empty(), "{text:?}: {atts:?}");
    }
}

#[test]
fn hedges_and_quote_continuations() {
    let text = "The money was reportedly spent on ads.";
    let atts = detect_attributions(text);
    assert_eq!(atts.len(), 1);
    assert_eq!(atts[0].kind, AttributionKind::Hedge);
    assert_eq!(atts[0].source, None);

    let text =
        "Mark Galeotti said the talks had failed.\n\n“There is no trust left between them at all.”";
    let atts = detect_attributions(text);
    let q = atts
        .iter()
        .find(|a| a.kind == AttributionKind::QuoteOnly)
        .expect("quote-only");
    assert_eq!(q.cue, None);
    assert_eq!(&text[q.resolved_source.clone().unwrap()], "Mark Galeotti");
}

#[test]
fn pronoun_and_short_name_resolution() {
    let text = "Mark Galeotti, a researcher at the institute, said Russia was isolated. \
                Galeotti said sanctions were working. He added that talks would resume. \
                Sen. Elizabeth Warren called the deal weak. Ms. Warren said she would vote no. \
                She said it was a mistake.";
    let atts = detect_attributions(text);
    let by_cue = |cue: &str, nth: usize| {
        let a = atts
            .iter()
            .filter(|a| a.cue.clone().map(|r| &text[r]) == Some(cue))
            .nth(nth)
            .unwrap_or_else(|| panic!("no {cue} #{nth}"));
        (
            a.source.clone().map(|r| &text[r]),
            a.resolved_source.clone().map(|r| &text[r]),
            a.resolved_source.clone(),
        )
    };
    let galeotti = text.find("Mark Galeotti").unwrap();
    assert_eq!(
        by_cue("said", 0).0,
        Some("Mark Galeotti, a researcher at the institute")
    );
    assert_eq!(
        by_cue("said", 0).2,
        Some(galeotti..galeotti + "Mark Galeotti".len())
    );
    assert_eq!(by_cue("said", 1).0, Some("Galeotti"));
    assert_eq!(
        by_cue("said", 1).2,
        Some(galeotti..galeotti + "Mark Galeotti".len())
    );
    assert_eq!(by_cue("added", 0).0, Some("He"));
    assert_eq!(by_cue("added", 0).1, Some("Mark Galeotti"));
    assert_eq!(by_cue("called", 0).1, Some("Elizabeth Warren"));
    assert_eq!(by_cue("said", 2).0, Some("Ms. Warren"));
    assert_eq!(by_cue("said", 2).1, Some("Elizabeth Warren"));
    assert_eq!(by_cue("said", 3).0, Some("She"));
    assert_eq!(by_cue("said", 3).1, Some("Elizabeth Warren"));
}

#[test]
fn offsets_are_bytes_and_sorted() {
    let text = "Le député a dit: « Non ». “Ça suffit,” dit-il. Müller said the café was closed.";
    let atts = detect_attributions(text);
    let mut last = 0;
    for a in &atts {
        for r in [&a.source, &a.cue, &a.content, &a.resolved_source]
            .into_iter()
            .flatten()
        {
            assert!(
                text.is_char_boundary(r.start) && text.is_char_boundary(r.end) && r.start < r.end
            );
        }
        assert!(a.sentence.start >= last);
        last = a.sentence.start;
    }
    let a = atts
        .iter()
        .find(|a| a.cue.clone().map(|r| &text[r]) == Some("said"))
        .unwrap();
    assert_eq!(&text[a.source.clone().unwrap()], "Müller");
    assert_eq!(&text[a.content.clone().unwrap()], "the café was closed");
}

mod props {
    use super::super::{detect_attributions, split_sentences};
    use proptest::prelude::*;

    fn newsy() -> impl Strategy<Value = String> {
        let pieces = prop::sample::select(vec![
            "said",
            "he",
            "“",
            "”",
            "\"",
            "''",
            ",",
            ".",
            " ",
            "\n",
            "\n\n",
            "Mr.",
            "U.S.",
            "according to",
            "Smith",
            "that",
            ":",
            "# ",
            "- ",
            "(",
            ")",
            "who",
            "—",
            "’s",
            "é",
            "1.5",
            "told",
            "in a statement",
        ]);
        prop::collection::vec(pieces, 0..60).prop_map(|v| v.join(" "))
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]
        #[test]
        fn no_panic_on_any_string(s in any::<String>()) {
            let atts = detect_attributions(&s);
            for a in atts {
                for r in [a.source, a.cue, a.content, a.resolved_source].into_iter().flatten() {
                    prop_assert!(r.start <= r.end && r.end <= s.len());
                    prop_assert!(s.is_char_boundary(r.start) && s.is_char_boundary(r.end));
                }
            }
            for r in split_sentences(&s) {
                prop_assert!(r.start < r.end && r.end <= s.len());
            }
        }

        #[test]
        fn no_panic_on_news_like_strings(s in newsy()) {
            let atts = detect_attributions(&s);
            for a in atts {
                for r in [a.source, a.cue, a.content, a.resolved_source].into_iter().flatten() {
                    prop_assert!(r.start < r.end && r.end <= s.len());
                }
            }
        }
    }
}
