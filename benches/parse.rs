//! Parser benchmark: throughput on realistic drafts, and linear scaling on adversarial
//! inputs (time at n and at 2n; a ratio near 2 is linear, near 4 would be quadratic).
//!
//! Run: `cargo bench --bench parse` (add `-- quick` for smaller sizes).

use std::hint::black_box;
use std::time::{Duration, Instant};

/// Best of several runs, to damp noise on a shared machine.
fn time(input: &str, runs: usize) -> Duration {
    (0..runs)
        .map(|_| {
            let start = Instant::now();
            let parsed = claimmark::parse(black_box(input));
            black_box(&parsed);
            start.elapsed()
        })
        .min()
        .unwrap_or_default()
}

/// A deterministic, realistic annotated draft of about `target` bytes.
fn realistic(target: usize) -> String {
    let paragraphs = [
        "Belgium's domestic intelligence service employs {about 650}#vsse_staff people, according to budget documents seen by this newspaper, while its military counterpart has {roughly the same number}#adiv_staff.\n\n",
        "{Belgium spends just {0.01 percent}#be_gdp of its GDP on intelligence}@galeotti:reported, a figure that one former official called \"embarrassing\" for a country that hosts the headquarters of Nato and the EU.\n\n",
        "The ministry did not respond to repeated requests for comment. A spokesman said on Tuesday that {the review would be completed by the end of the year}@ministry:claimed, and that the findings would be published in full.\n\n",
        "According to a 2018 report by the standing committee, {more than 200 Russian intelligence officers}#ru_spies@kross:estimate operate in Brussels, many under diplomatic cover. The report is available [online](https://example.org/reports/{2018}#summary).\n\n",
        "Officials declined to say how many of those officers had been expelled since {2014}#expulsions_start. \"We do not comment on individual cases,\" one official said, speaking on condition of anonymity because they were not authorised to brief the press.\n\n",
        "[@galeotti]: Mark Galeotti\n  role: analyst of Russian security affairs\n  kind: person\n[@kross]: Kristof Clerix\n  role: a Belgian journalist\n[@ministry]: Ministry of Justice\n  kind: organization\n[#total_staff]: = vsse_staff + adiv_staff\n  tolerance: 5%\n\n",
        "<!-- claimmark-disable-next-line unattributed-claim -- checked with the desk -->\nSome copy with `inline {code}` spans, a <span class=\"note\">raw tag</span>, and an escaped \\{brace\\} for good measure.\n\n",
    ];
    let mut out =
        String::from("---\ntitle: Benchmark draft\npublished: 2019-06-01\nlang: en\n---\n");
    let mut i = 0;
    while out.len() < target {
        out.push_str(paragraphs[i % paragraphs.len()]);
        i += 1;
    }
    out
}

type Generator = fn(usize) -> String;

fn adversarial() -> Vec<(&'static str, Generator)> {
    vec![
        ("nested braces {{{…}}}", |n| {
            format!("{}x{}", "{".repeat(n / 2), "}".repeat(n / 2))
        }),
        ("unclosed braces {{{…", |n| "{".repeat(n)),
        ("tags {a}@x back to back", |n| "{a}@x".repeat(n / 5)),
        ("one long line of prose", |n| "word ".repeat(n / 5)),
        ("backslashes \\\\\\…", |n| "\\".repeat(n)),
        ("backtick runs ` `` ``` …", |n| {
            let mut s = String::new();
            let mut k = 1;
            while s.len() < n {
                s.push_str(&"`".repeat(k));
                s.push(' ');
                k += 1;
            }
            s
        }),
        ("unmatched backtick runs ``x", |n| "``x".repeat(n / 3)),
        ("definition starts [@ without ]", |n| "[@a ".repeat(n / 4)),
        ("suffix starts }@ without {", |n| "}@a ".repeat(n / 4)),
        ("open comments <!-- without -->", |n| "<!-- ".repeat(n / 5)),
        ("open tags <a without >", |n| "<a ".repeat(n / 3)),
        ("link destinations ](( unclosed", |n| "](((".repeat(n / 4)),
        ("link destinations ]( nested", |n| {
            format!("{}{}", "](".repeat(n / 4), ")".repeat(n / 4))
        }),
        ("many lines of definitions", |n| {
            "[@a]: A\n  role: x\n".repeat(n / 18)
        }),
        ("many blank-separated paragraphs", |n| {
            "{a}@x b\n\n".repeat(n / 9)
        }),
    ]
}

fn mb_per_s(bytes: usize, d: Duration) -> f64 {
    bytes as f64 / 1e6 / d.as_secs_f64()
}

fn main() {
    let quick = std::env::args().any(|a| a == "quick");
    // `cargo bench --bench parse -- only=backslash` runs the matching adversarial inputs alone.
    let only: Option<String> =
        std::env::args().find_map(|a| a.strip_prefix("only=").map(str::to_string));
    let size = if quick { 2_000_000 } else { 20_000_000 };
    let runs = if quick { 2 } else { 3 };

    if only.is_none() {
        println!("## Throughput on realistic annotated drafts (one core)");
        // Archives are many article-sized files, so that is what is measured: 6 KB drafts,
        // parsed one after another, as `claimmark lint` does per file.
        let article = realistic(6_000);
        let count = size / article.len();
        let d = (0..runs)
            .map(|_| {
                let start = Instant::now();
                for _ in 0..count {
                    black_box(claimmark::parse(black_box(&article)));
                }
                start.elapsed()
            })
            .min()
            .unwrap_or_default();
        let total = article.len() * count;
        println!(
            "{count} drafts of {} bytes ({:.1} MB) in {:.1} ms: {:.0} MB/s",
            article.len(),
            total as f64 / 1e6,
            d.as_secs_f64() * 1e3,
            mb_per_s(total, d)
        );
        let draft = realistic(size);
        let d = time(&draft, runs);
        println!(
            "one {:.1} MB draft in {:.1} ms: {:.0} MB/s",
            draft.len() as f64 / 1e6,
            d.as_secs_f64() * 1e3,
            mb_per_s(draft.len(), d)
        );
    }

    println!("\n## Linear scaling (time at n and 2n; ratio ≈ 2 is linear)");
    println!("| input | n (bytes) | t(n) ms | t(2n) ms | ratio | MB/s at 2n |");
    println!("|---|---|---|---|---|---|");
    let n = size / 4;
    for (name, generate) in adversarial() {
        if only.as_deref().is_some_and(|o| !name.contains(o)) {
            continue;
        }
        let small = generate(n);
        let large = generate(2 * n);
        let t1 = time(&small, runs);
        let t2 = time(&large, runs);
        println!(
            "| {name} | {} | {:.1} | {:.1} | {:.2} | {:.0} |",
            small.len(),
            t1.as_secs_f64() * 1e3,
            t2.as_secs_f64() * 1e3,
            t2.as_secs_f64() / t1.as_secs_f64(),
            mb_per_s(large.len(), t2)
        );
    }

    if only.is_some() {
        return;
    }
    println!("\n## A 100 MB single line");
    let line = "A reporter's very long line with {a claim}@src:reported and 650 staff; "
        .repeat(100_000_000 / 72);
    let d = time(&line, 1);
    println!(
        "{:.0} MB in {:.0} ms: {:.0} MB/s",
        line.len() as f64 / 1e6,
        d.as_secs_f64() * 1e3,
        mb_per_s(line.len(), d)
    );
}
