//! Behaviour tests of the quantity semantics: the phrase table, relations
//! that need exact arithmetic or overlap semantics, the unit algebra,
//! expression errors, formatting, and no-panic properties.

use super::*;
use num_bigint::BigInt;
use proptest::prelude::*;

/// `"12"`, `"-3/4"`, `"1.25"`, `"2018+32/365"` as an exact rational.
fn rat(s: &str) -> BigRational {
    if let Some((a, b)) = s.split_once('+') {
        return rat(a) + rat(b);
    }
    if let Some((n, d)) = s.split_once('/') {
        return BigRational::new(n.parse::<BigInt>().unwrap(), d.parse::<BigInt>().unwrap());
    }
    if let Some((i, f)) = s.split_once('.') {
        let sign = if i.starts_with('-') { -1 } else { 1 };
        let whole = BigRational::from_integer(i.parse::<BigInt>().unwrap());
        let frac = BigRational::new(
            f.parse::<BigInt>().unwrap() * sign,
            num_traits::pow(BigInt::from(10), f.len()),
        );
        return whole + frac;
    }
    BigRational::from_integer(s.parse::<BigInt>().unwrap())
}

/// `"[585,715]"`, `"(200,)"`, `"[2009,2010)"`: bracket kinds give openness,
/// an empty side is unbounded.
fn iv(s: &str) -> Interval {
    let lo_closed = s.starts_with('[');
    let hi_closed = s.ends_with(']');
    let (lo, hi) = s[1..s.len() - 1].split_once(',').unwrap();
    let bound = |v: &str, closed: bool| {
        (!v.trim().is_empty()).then(|| Bound {
            value: rat(v.trim()),
            inclusive: closed,
        })
    };
    Interval::new(bound(lo, lo_closed), bound(hi, hi_closed))
}

fn unit(s: &str) -> Unit {
    match s {
        "count" => Unit::Count,
        "ratio" => Unit::Ratio,
        "pct" => Unit::Percent,
        "pp" => Unit::PercentagePoints,
        "usd" => Unit::Money(Currency::Usd),
        "eur" => Unit::Money(Currency::Eur),
        "gbp" => Unit::Money(Currency::Gbp),
        "jpy" => Unit::Money(Currency::Jpy),
        "year" => Unit::Year,
        "years" => Unit::Years,
        "number" => Unit::Number,
        other => panic!("unknown unit {other}"),
    }
}

/// `"[585,715] count"`.
fn qty(s: &str) -> Quantity {
    let (i, u) = s.rsplit_once(' ').unwrap();
    Quantity::new(iv(i), unit(u))
}

/// Options: English (`E`), English published 2019-06-01 (`P`), European (`U`).
fn opts(mode: char) -> NumberOptions {
    let mut o = NumberOptions::default();
    match mode {
        'E' => {}
        'P' => o.publication_date = parse_date("2019-06-01T10:00:00Z"),
        'U' => o.european = true,
        _ => panic!("mode"),
    }
    o
}

fn read(text: &str) -> Quantity {
    read_quantity(text, &NumberOptions::default())
        .quantity
        .unwrap_or_else(|| panic!("no value in {text:?}"))
}

/// Publication 2019-06-01; day `d` (0-based) of 2019 is `2019+d/365`.
#[test]
fn phrase_table() {
    // (text, mode, expected): expected is `none` (nothing read), `rel`
    // (relative date without a value), or `<interval> <unit>` (`rel:` prefix
    // for a resolved relative date).
    let table: &[(&str, char, &str)] = &[
        // Plain numbers and numerals.
        ("650", 'E', "[650,650] count"),
        ("200 spies", 'E', "[200,200] count"),
        ("1,300", 'E', "[1300,1300] count"),
        ("0.01", 'E', "[0.01,0.01] count"),
        ("4,000 people", 'E', "[4000,4000] count"),
        ("1,300.5", 'E', "[2601/2,2601/2] count"),
        ("-5", 'E', "[-5,-5] count"),
        ("−5", 'E', "[-5,-5] count"),
        ("minus 5", 'E', "[-5,-5] count"),
        ("+5", 'E', "[5,5] count"),
        ("1.300", 'E', "[1.3,1.3] count"),
        ("0,01", 'E', "[0.01,0.01] count"),
        ("2009", 'E', "[2009,2009] count"),
        ("in 650 cases", 'E', "[650,650] count"),
        ("one of the 650 spies", 'E', "[650,650] count"),
        // A numeral hyphenated to a word is part of a name, not a negative number.
        ("Covid-19 cases rose to 5,000", 'E', "[5000,5000] count"),
        ("F-16 jets", 'E', "none"),
        // Parts of a year are the whole year (a quarter its months; a fiscal year
        // both calendar years it may span).
        ("in mid-2016", 'E', "[2016,2017) year"),
        ("mid-2016", 'E', "[2016,2017) year"),
        ("early 2018", 'E', "[2018,2019) year"),
        ("in late 2017", 'E', "[2017,2018) year"),
        ("fiscal 2018", 'E', "[2017,2019) year"),
        ("fiscal year 2018", 'E', "[2017,2019) year"),
        ("Q1 2018", 'E', "[2018,147332/73) year"),
        // Seasons: the second year abbreviated.
        ("the 2019-20 season", 'E', "[2019,2020] count"),
        ("in the 2019-20 season", 'E', "[2019,2021) year"),
        ("1999-00", 'E', "[1999,2000] count"),
        // High to low with a hyphen: a score or a code, not a range, not a value.
        ("a 2-1 win", 'E', "none"),
        ("call 555-0134", 'E', "none"),
        ("2-3 percent", 'E', "[2,3] pct"),
        // `N-odd`: above N, below the next step of its last non-zero digit.
        ("30-odd", 'E', "(30,40) count"),
        ("1,500-odd delegates", 'E', "(1500,1600) count"),
        // Hyphenated durations.
        ("a five-year plan", 'E', "[5,5] years"),
        ("a 10-year-old", 'E', "[10,10] years"),
        ("temperatures of -5", 'E', "[-5,-5] count"),
        ("(-5)", 'E', "[-5,-5] count"),
        ("no one was hurt", 'E', "[0,0] count"),
        ("not one of the 12 ministers", 'E', "[0,0] count"),
        // European numerals.
        ("43 000", 'U', "[43000,43000] count"),
        ("0,01", 'U', "[0.01,0.01] count"),
        ("1.300", 'U', "[1300,1300] count"),
        ("1.300,5", 'U', "[2601/2,2601/2] count"),
        ("1 300 000 euros", 'U', "[1300000,1300000] eur"),
        ("1.5", 'U', "[1.5,1.5] count"),
        ("43 000", 'E', "[43,43] count"),
        ("43\u{202F}000", 'E', "[43000,43000] count"),
        // Approximation.
        ("about 650", 'E', "[585,715] count"),
        ("around 650", 'E', "[585,715] count"),
        ("roughly 650", 'E', "[585,715] count"),
        ("approximately 650", 'E', "[585,715] count"),
        ("some 650", 'E', "[585,715] count"),
        ("~650", 'E', "[585,715] count"),
        ("650 or so", 'E', "[585,715] count"),
        ("circa 650", 'E', "[585,715] count"),
        ("an estimated 650", 'E', "[585,715] count"),
        ("about -50", 'E', "[-55,-45] count"),
        ("about 200-300", 'E', "[180,330] count"),
        // One-sided bounds.
        ("more than 200 spies", 'E', "(200,) count"),
        ("over 200", 'E', "(200,) count"),
        ("above 200", 'E', "(200,) count"),
        ("upwards of 200", 'E', "(200,) count"),
        ("at least 200", 'E', "[200,) count"),
        ("200 or more", 'E', "[200,) count"),
        ("200+", 'E', "[200,) count"),
        ("fewer than 200", 'E', "(,200) count"),
        ("less than 200", 'E', "(,200) count"),
        ("under 200", 'E', "(,200) count"),
        ("below 200", 'E', "(,200) count"),
        ("nearly 650", 'E', "[585,650) count"),
        ("almost 650", 'E', "[585,650) count"),
        ("up to 650", 'E', "(,650] count"),
        ("at most 650", 'E', "(,650] count"),
        ("no more than 650", 'E', "(,650] count"),
        ("just over 200", 'E', "(200,220] count"),
        ("just under 200", 'E', "[180,200) count"),
        ("just 650", 'E', "[650,650] count"),
        ("only 650", 'E', "[650,650] count"),
        ("exactly 650", 'E', "[650,650] count"),
        // Ranges.
        ("between 200 and 300", 'E', "[200,300] count"),
        ("200-300", 'E', "[200,300] count"),
        ("200–300", 'E', "[200,300] count"),
        ("200 to 300", 'E', "[200,300] count"),
        ("from 200 to 300", 'E', "[200,300] count"),
        ("two or three", 'E', "[2,3] count"),
        ("5-10 million", 'E', "[5000000,10000000] count"),
        ("500 to 2 million", 'E', "[500,2000000] count"),
        ("$5-10 million", 'E', "[5000000,10000000] usd"),
        ("5-10%", 'E', "[5,10] pct"),
        ("between 5 and 10 percent", 'E', "[5,10] pct"),
        // Vague plurals.
        ("hundreds", 'E', "[200,999] count"),
        ("thousands of people", 'E', "[2000,9999] count"),
        ("dozens", 'E', "[24,99] count"),
        ("tens of thousands", 'E', "[20000,99999] count"),
        ("hundreds of thousands", 'E', "[200000,999999] count"),
        ("millions of euros", 'E', "[2000000,9999999] eur"),
        // Number words and fractions.
        ("two", 'E', "[2,2] count"),
        ("fifteen", 'E', "[15,15] count"),
        ("twenty-one", 'E', "[21,21] count"),
        ("a dozen", 'E', "[12,12] count"),
        ("two dozen", 'E', "[24,24] count"),
        ("two hundred and five", 'E', "[205,205] count"),
        ("three million", 'E', "[3000000,3000000] count"),
        ("a thousand", 'E', "[1000,1000] count"),
        ("half", 'E', "[1/2,1/2] ratio"),
        ("a third", 'E', "[1/3,1/3] ratio"),
        ("a quarter", 'E', "[1/4,1/4] ratio"),
        ("two thirds", 'E', "[2/3,2/3] ratio"),
        ("half a million", 'E', "[500000,500000] count"),
        ("twice", 'E', "[2,2] ratio"),
        ("three times", 'E', "[3,3] ratio"),
        ("2.5 times", 'E', "[2.5,2.5] ratio"),
        ("10-fold", 'E', "[10,10] ratio"),
        ("more than twice", 'E', "(2,) ratio"),
        ("one in five", 'E', "[1/5,1/5] ratio"),
        ("3 out of 10", 'E', "[3/10,3/10] ratio"),
        ("1 in 1,000", 'E', "[1/1000,1/1000] ratio"),
        ("5 in 2009", 'E', "[5,5] count"),
        ("two-thirds", 'E', "[2/3,2/3] ratio"),
        ("1/3", 'E', "[1/3,1/3] ratio"),
        ("2/2/2018", 'E', "[2,2] count"),
        ("3x", 'E', "[3,3] ratio"),
        // Scales and money.
        ("5k", 'E', "[5000,5000] count"),
        ("2.5 million", 'E', "[2500000,2500000] count"),
        ("1.2 tn", 'E', "[1200000000000,1200000000000] count"),
        ("€2.5m", 'E', "[2500000,2500000] eur"),
        ("$5bn", 'E', "[5000000000,5000000000] usd"),
        ("£3", 'E', "[3,3] gbp"),
        ("¥500", 'E', "[500,500] jpy"),
        ("USD 5 million", 'E', "[5000000,5000000] usd"),
        ("US$3", 'E', "[3,3] usd"),
        ("5 million euros", 'E', "[5000000,5000000] eur"),
        ("20 dollars", 'E', "[20,20] usd"),
        ("10 pounds", 'E', "[10,10] gbp"),
        ("7 EUR", 'E', "[7,7] eur"),
        ("about €2.5 million", 'E', "[2250000,2750000] eur"),
        // Percent and points.
        ("15%", 'E', "[15,15] pct"),
        ("15 percent", 'E', "[15,15] pct"),
        ("0.01 per cent", 'E', "[0.01,0.01] pct"),
        ("2 percentage points", 'E', "[2,2] pp"),
        ("25 basis points", 'E', "[1/4,1/4] pp"),
        ("0,15 %", 'U', "[0.15,0.15] pct"),
        // Durations.
        ("10 years", 'E', "[10,10] years"),
        ("more than 10 years", 'E', "(10,) years"),
        ("two decades", 'E', "[20,20] years"),
        ("6 months", 'E', "[6,6] count"),
        // Dates.
        ("in 2009", 'E', "[2009,2010) year"),
        ("founded in 2009 by", 'E', "[2009,2010) year"),
        ("2 February 2018", 'E', "[2018+32/365,2018+33/365) year"),
        (
            "2nd of February, 2018",
            'E',
            "[2018+32/365,2018+33/365) year",
        ),
        ("Feb. 2, 2018", 'E', "[2018+32/365,2018+33/365) year"),
        ("February 2, 2018", 'E', "[2018+32/365,2018+33/365) year"),
        ("February 2018", 'E', "[2018+31/365,2018+59/365) year"),
        ("2018-02-02", 'E', "[2018+32/365,2018+33/365) year"),
        ("2018-02", 'E', "[2018+31/365,2018+59/365) year"),
        ("29 February 2020", 'E', "[2020+59/366,2020+60/366) year"),
        ("the 1990s", 'E', "[1990,2000) year"),
        ("before 2010", 'E', "(,2010) year"),
        ("after 2009", 'E', "[2010,) year"),
        ("by 2009", 'E', "(,2010) year"),
        ("between 2009 and 2012", 'E', "[2009,2013) year"),
        ("in 2009-2012", 'E', "[2009,2013) year"),
        ("around 2009", 'E', "[2008,2011) year"),
        // Relative dates, published Saturday 1 June 2019.
        ("10 years ago", 'P', "rel:[2008,2010) year"),
        ("a year ago", 'P', "rel:[2017,2019) year"),
        ("about 10 years ago", 'P', "rel:[2007,2011) year"),
        ("more than 10 years ago", 'P', "rel:(,2010) year"),
        ("last year", 'P', "rel:[2018,2019) year"),
        ("this year", 'P', "rel:[2019,2020) year"),
        ("next year", 'P', "rel:[2020,2021) year"),
        ("2 months ago", 'P', "rel:[2019+59/365,2019+120/365) year"),
        ("last month", 'P', "rel:[2019+120/365,2019+151/365) year"),
        ("3 days ago", 'P', "rel:[2019+148/365,2019+149/365) year"),
        ("yesterday", 'P', "rel:[2019+150/365,2019+151/365) year"),
        ("last week", 'P', "rel:[2019+139/365,2019+146/365) year"),
        ("2 weeks ago", 'P', "rel:[2019+134/365,2019+141/365) year"),
        ("2 February", 'P', "rel:[2019+32/365,2019+33/365) year"),
        ("in 2009", 'P', "[2009,2010) year"),
        ("10 years ago", 'E', "rel"),
        ("last year", 'E', "rel"),
        ("yesterday", 'E', "rel"),
        ("2 February", 'E', "rel"),
        ("three months ago", 'E', "rel"),
        // Nothing to read.
        ("", 'E', "none"),
        ("no numbers here", 'E', "none"),
        ("spies", 'E', "none"),
        ("1,30,0", 'E', "none"),
        ("$", 'E', "none"),
        ("on the 2nd", 'E', "none"),
        ("some of them", 'E', "none"),
        ("tens", 'E', "none"),
        ("a", 'E', "none"),
        ("more than", 'E', "none"),
    ];
    assert!(table.len() >= 80);
    let mut failures = Vec::new();
    for &(text, mode, expected) in table {
        let got = read_quantity(text, &opts(mode));
        let ok = match expected {
            "none" => got.quantity.is_none() && !got.relative_date && got.matched.is_none(),
            "rel" => got.quantity.is_none() && got.relative_date && got.matched.is_some(),
            e => {
                let (relative, e) = match e.strip_prefix("rel:") {
                    Some(rest) => (true, rest),
                    None => (false, e),
                };
                got.quantity.as_ref() == Some(&qty(e)) && got.relative_date == relative
            }
        };
        if !ok {
            failures.push(format!(
                "{text:?} ({mode}): expected {expected}, got {got:?}"
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn matched_span_covers_the_phrase_only() {
    let text = "the agency had about 650 staff in total";
    let got = read_quantity(text, &NumberOptions::default());
    assert_eq!(&text[got.matched.unwrap()], "about 650");
    let text = "it was founded in 2009 by";
    let got = read_quantity(text, &NumberOptions::default());
    assert_eq!(&text[got.matched.unwrap()], "in 2009");
    let text = "costs rose to €2.5 million last year";
    let got = read_quantity(text, &NumberOptions::default());
    assert_eq!(&text[got.matched.unwrap()], "€2.5 million");
    let text = "«ten years ago»";
    let got = read_quantity(text, &NumberOptions::default());
    assert_eq!(&text[got.matched.unwrap()], "ten years ago");
    assert!(got.relative_date);
}

#[test]
fn tolerance_option_changes_approximations() {
    let o = NumberOptions {
        tolerance: rat("1/20"),
        ..NumberOptions::default()
    };
    let got = read_quantity("about 200", &o).quantity.unwrap();
    assert_eq!(got, qty("[190,210] count"));
    let got = read_quantity("nearly 200", &o).quantity.unwrap();
    assert_eq!(got, qty("[190,200) count"));
}

// ------------------------------------------------------------ relations --

/// Ids and the tag texts their values are read from.
type Ids<'a> = &'a [(&'a str, &'a str)];

/// Evaluates `src` with ids read from tag texts.
fn eval(src: &str, ids: &[(&str, &str)]) -> Result<Quantity, EvalError> {
    let expr = parse_expr(src).unwrap_or_else(|e| panic!("{src}: {e}"));
    let table: Vec<(String, Quantity)> = ids
        .iter()
        .map(|(id, text)| (id.to_string(), read(text)))
        .collect();
    evaluate(&expr, &|name| {
        table
            .iter()
            .find(|(id, _)| id == name)
            .map(|(_, q)| q.clone())
    })
}

#[test]
fn exact_arithmetic_percent_difference() {
    let ids = [("a", "0.15 percent"), ("b", "0.01 percent")];
    let computed = eval("a - b", &ids).unwrap();
    assert_eq!(computed, qty("[0.14,0.14] pct"));
    assert_eq!(
        relation_holds(&read("0.14 percent"), &computed, None),
        Ok(true)
    );
    assert_eq!(
        relation_holds(&read("0.13 percent"), &computed, None),
        Ok(false)
    );
}

#[test]
fn exact_arithmetic_a_third_of_300() {
    let ids = [("share", "a third"), ("total", "300")];
    let computed = eval("share * total", &ids).unwrap();
    assert_eq!(computed, qty("[100,100] count"));
    assert_eq!(relation_holds(&read("100"), &computed, None), Ok(true));
    assert_eq!(relation_holds(&read("101"), &computed, None), Ok(false));
    assert_eq!(relation_holds(&read("99.99"), &computed, None), Ok(false));
}

#[test]
fn exact_arithmetic_point_one_plus_point_two() {
    let computed = eval("0.1 + 0.2", &[]).unwrap();
    assert_eq!(computed, qty("[0.3,0.3] number"));
    assert_eq!(relation_holds(&read("0.3"), &computed, None), Ok(true));
    let ids = [("x", "0.1 percent"), ("y", "0.2 percent")];
    let computed = eval("x + y", &ids).unwrap();
    assert_eq!(relation_holds(&read("0.3%"), &computed, None), Ok(true));
}

#[test]
fn overlap_semantics_not_nesting() {
    // "more than 200" against about 220 = [198, 242]: not nested, overlaps.
    let computed = eval("a", &[("a", "about 220")]).unwrap();
    assert_eq!(
        relation_holds(&read("more than 200"), &computed, None),
        Ok(true)
    );
    // Disjoint: more than 250 against [198, 242].
    assert_eq!(
        relation_holds(&read("more than 250"), &computed, None),
        Ok(false)
    );
    // Touching at an open end does not count: fewer than 198.
    assert_eq!(
        relation_holds(&read("fewer than 198"), &computed, None),
        Ok(false)
    );
    assert_eq!(
        relation_holds(&read("at most 198"), &computed, None),
        Ok(true)
    );
    // A sum of two approximations.
    let ids = [("vsse", "about 650"), ("adiv", "about 600")];
    let total = eval("vsse + adiv", &ids).unwrap();
    assert_eq!(total, qty("[1125,1375] count"));
    assert_eq!(relation_holds(&read("1,300"), &total, None), Ok(true));
    assert_eq!(relation_holds(&read("1,400"), &total, None), Ok(false));
}

#[test]
fn relation_tolerance_widens_computed_bounds() {
    let computed = eval("a + b", &[("a", "1,000"), ("b", "250")]).unwrap();
    let stated = read("1,300");
    assert_eq!(relation_holds(&stated, &computed, None), Ok(false));
    // 1,250 ± 5% = [1187.5, 1312.5].
    assert_eq!(
        relation_holds(&stated, &computed, Some(&rat("1/20"))),
        Ok(true)
    );
    assert_eq!(
        relation_holds(&read("1,313"), &computed, Some(&rat("1/20"))),
        Ok(false)
    );
}

#[test]
fn percent_and_ratio_compare_but_points_do_not() {
    let computed = eval("part / total", &[("part", "30"), ("total", "200")]).unwrap();
    assert_eq!(computed.unit, Unit::Ratio);
    assert_eq!(
        relation_holds(&read("15 percent"), &computed, None),
        Ok(true)
    );
    assert_eq!(
        relation_holds(&read("16 percent"), &computed, None),
        Ok(false)
    );
    let pp = read("15 percentage points");
    assert_eq!(
        relation_holds(&pp, &read("15 percent"), None),
        Err(UnitMismatch {
            left: Unit::PercentagePoints,
            right: Unit::Percent
        })
    );
    // The natural use of points: new rate = old rate + rise.
    let rate = eval(
        "old + rise",
        &[("old", "5%"), ("rise", "2 percentage points")],
    )
    .unwrap();
    assert_eq!(rate, qty("[7,7] pct"));
}

// ---------------------------------------------------------- unit algebra --

#[test]
fn unit_rules() {
    let cases: &[(&str, Ids, &str)] = &[
        ("a + b", &[("a", "200"), ("b", "300")], "[500,500] count"),
        (
            "a * r",
            &[("a", "200"), ("r", "three times")],
            "[600,600] count",
        ),
        ("a / b", &[("a", "50"), ("b", "200")], "[1/4,1/4] ratio"),
        ("a - b", &[("a", "5%"), ("b", "2%")], "[3,3] pct"),
        ("a / b", &[("a", "5%"), ("b", "20%")], "[1/4,1/4] ratio"),
        ("a * b", &[("a", "15%"), ("b", "200")], "[30,30] count"),
        ("a + b", &[("a", "€5"), ("b", "€7")], "[12,12] eur"),
        ("a / n", &[("a", "€1,000"), ("n", "4")], "[250,250] eur"),
        ("a * n", &[("a", "€1,000"), ("n", "4")], "[4000,4000] eur"),
        (
            "a / b",
            &[("a", "€1,000"), ("b", "€4,000")],
            "[1/4,1/4] ratio",
        ),
        (
            "a - b",
            &[("a", "in 2019"), ("b", "in 2009")],
            "(9,11) years",
        ),
        (
            "a + d",
            &[("a", "in 2009"), ("d", "10 years")],
            "[2019,2020) year",
        ),
        (
            "a - d",
            &[("a", "in 2009"), ("d", "10 years")],
            "[1999,2000) year",
        ),
        (
            "d + a",
            &[("a", "in 2009"), ("d", "10 years")],
            "[2019,2020) year",
        ),
        ("a + 10", &[("a", "in 2009")], "[2019,2020) year"),
        (
            "d + e",
            &[("d", "10 years"), ("e", "two decades")],
            "[30,30] years",
        ),
        (
            "d / e",
            &[("d", "10 years"), ("e", "two decades")],
            "[1/2,1/2] ratio",
        ),
        ("a + 2", &[("a", "200")], "[202,202] count"),
        ("a / 2", &[("a", "200")], "[100,100] count"),
        ("2 * a", &[("a", "5%")], "[1/10,1/10] ratio"),
        ("a * 15%", &[("a", "200")], "[30,30] count"),
        (
            "a + r",
            &[("a", "10%"), ("r", "a quarter")],
            "[7/20,7/20] ratio",
        ),
        ("-a", &[("a", "about 100")], "[-110,-90] count"),
        (
            "t * n",
            &[("t", "twice"), ("n", "hundreds")],
            "[400,1998] count",
        ),
    ];
    for (src, ids, expected) in cases {
        let got = eval(src, ids).unwrap_or_else(|e| panic!("{src}: {e}"));
        assert_eq!(got, qty(expected), "{src} with {ids:?}");
    }
}

#[test]
fn unit_mismatches_name_both_units_and_the_operator() {
    let cases: &[(&str, Ids, std::ops::Range<usize>, &str)] = &[
        (
            "share + staff",
            &[("share", "5%"), ("staff", "650")],
            6..7,
            "unit mismatch: cannot add percent and count",
        ),
        (
            "a + b",
            &[("a", "€5"), ("b", "$5")],
            2..3,
            "unit mismatch: cannot add money in EUR and money in USD",
        ),
        (
            "d - n",
            &[("d", "10 years"), ("n", "650")],
            2..3,
            "unit mismatch: cannot subtract count from duration in years",
        ),
        (
            "a + b",
            &[("a", "in 2009"), ("b", "in 2010")],
            2..3,
            "unit mismatch: cannot add date and date",
        ),
        (
            "(a * b)",
            &[("a", "€5"), ("b", "€5")],
            3..4,
            "unit mismatch: cannot multiply money in EUR by money in EUR",
        ),
        (
            "x / y",
            &[("x", "half"), ("y", "650")],
            2..3,
            "unit mismatch: cannot divide ratio by count",
        ),
        (
            "a + b",
            &[("a", "5%"), ("b", "2 percentage points")],
            0..0,
            "",
        ),
        (
            "b - a",
            &[("a", "5%"), ("b", "2 percentage points")],
            2..3,
            "unit mismatch: cannot subtract percent from percentage points",
        ),
        (
            "a * 2",
            &[("a", "in 2009")],
            2..3,
            "unit mismatch: cannot multiply date by plain number",
        ),
    ];
    for (src, ids, span, message) in cases {
        let got = eval(src, ids);
        if message.is_empty() {
            assert!(got.is_ok(), "{src}: {got:?}");
            continue;
        }
        match got {
            Err(EvalError::UnitMismatch {
                span: s,
                message: m,
                left_span,
                right_span,
                ..
            }) => {
                assert_eq!(&s, span, "{src}");
                assert_eq!(&m, message, "{src}");
                assert!(left_span.end <= s.start && right_span.start >= s.end);
            }
            other => panic!("{src}: expected a mismatch, got {other:?}"),
        }
    }
    let neg = eval("1 + -founded", &[("founded", "in 2009")]);
    assert!(matches!(neg, Err(EvalError::UnitMismatch { span, .. }) if span == (4..5)));
}

#[test]
fn unknown_ids_are_reported_with_their_span() {
    let got = eval("known + missing_id", &[("known", "5")]);
    assert_eq!(
        got,
        Err(EvalError::UnknownId {
            name: "missing_id".to_string(),
            span: 8..18
        })
    );
}

#[test]
fn division_by_interval_containing_zero_is_unbounded() {
    let ids = [("a", "100"), ("b", "about 5"), ("c", "about 5")];
    let got = eval("a / (b - c)", &ids).unwrap();
    assert_eq!(got.interval, Interval::unbounded());
    assert_eq!(got.unit, Unit::Ratio);
    let got = eval("a / (b - b)", &ids).unwrap();
    assert_eq!(got.interval, Interval::unbounded());
    let got = eval("a / 0", &ids).unwrap();
    assert_eq!(got.interval, Interval::unbounded());
    // An unbounded computed value never refutes a relation.
    assert_eq!(relation_holds(&read("7"), &got, None), Ok(true));
    // Dividing by "fewer than 5" (which includes zero) is unbounded too.
    let got = eval("a / b", &[("a", "100"), ("b", "fewer than 5")]).unwrap();
    assert_eq!(got.interval, Interval::unbounded());
    // Dividing by "more than 5" is bounded: (0, 20).
    let got = eval("a / b", &[("a", "100"), ("b", "more than 5")]).unwrap();
    assert_eq!(got.interval, iv("(0,20)"));
}

#[test]
fn conflicts_between_tags_with_one_id() {
    assert!(!conflict(&read("about 650"), &read("700")));
    assert!(conflict(&read("about 650"), &read("800")));
    assert!(!conflict(&read("more than 200"), &read("about 220")));
    assert!(conflict(&read("650"), &read("650 percent")));
    assert!(conflict(&read("€5"), &read("$5")));
    assert!(!conflict(&read("15 percent"), &read("0.15 times")));
    assert!(conflict(&read("in 2009"), &read("in 2010")));
    assert!(!conflict(&read("in 2009"), &read("2009-12-31")));
    let ten_years_ago = read_quantity("10 years ago", &opts('P')).quantity.unwrap();
    assert!(!conflict(&ten_years_ago, &read("in 2009")));
    assert!(conflict(&ten_years_ago, &read("in 2011")));
    assert!(!comparable(Unit::Percent, Unit::PercentagePoints));
    assert!(comparable(Unit::Number, Unit::Year));
}

// ----------------------------------------------------------- expressions --

#[test]
fn expression_structure_and_tokenisation() {
    let e = parse_expr(" vsse_staff + adiv_staff ").unwrap();
    let Expr::Binary {
        op, op_span, span, ..
    } = &e
    else {
        panic!("{e:?}")
    };
    assert_eq!(
        (*op, op_span.clone(), span.clone()),
        (BinOp::Add, 12..13, 1..24)
    );
    assert_eq!(
        e.idents(),
        vec![("vsse_staff", 1..11), ("adiv_staff", 14..24)]
    );
    // A hyphen between id characters belongs to the id.
    assert!(matches!(parse_expr("a-b").unwrap(), Expr::Ident { name, .. } if name == "a-b"));
    assert!(matches!(
        parse_expr("a - b").unwrap(),
        Expr::Binary { op: BinOp::Sub, .. }
    ));
    assert!(matches!(
        parse_expr("a- b").unwrap(),
        Expr::Binary { op: BinOp::Sub, .. }
    ));
    assert!(matches!(
        parse_expr("a -b").unwrap(),
        Expr::Binary { op: BinOp::Sub, .. }
    ));
    // Precedence: 2 + 3 * 4 = 14; (2 + 3) * 4 = 20; unary minus binds tightest.
    let v = |s: &str| evaluate(&parse_expr(s).unwrap(), &|_| None).unwrap();
    assert_eq!(v("2 + 3 * 4"), qty("[14,14] number"));
    assert_eq!(v("(2 + 3) * 4"), qty("[20,20] number"));
    assert_eq!(v("-2 * -3"), qty("[6,6] number"));
    assert_eq!(v("10 - 4 - 3"), qty("[3,3] number"));
    assert_eq!(v("1,300 / 2"), qty("[650,650] number"));
    assert_eq!(v("15%"), qty("[15,15] pct"));
    assert_eq!(v("1 / 3"), qty("[1/3,1/3] number"));
    assert!(matches!(
        parse_expr("12.5 %").unwrap(),
        Expr::Number { percent: true, span, .. } if span == (0..6)
    ));
    assert!(matches!(
        parse_expr("été_2019").unwrap(),
        Expr::Ident { .. }
    ));
}

#[test]
fn expression_errors_have_offsets() {
    let cases: &[(&str, usize, &str)] = &[
        ("", 0, "empty expression"),
        ("   ", 0, "empty expression"),
        (
            "a +",
            3,
            "expected a number, an identifier or '(' but found the end",
        ),
        ("a + * b", 4, "but found '*'"),
        (
            "(a + b",
            6,
            "expected ')' to close the '(' but found the end",
        ),
        ("a b", 2, "expected an operator"),
        ("a + b)", 5, "unmatched ')'"),
        ("a + )", 4, "but found ')'"),
        ("1,30 + a", 1, "invalid digit grouping"),
        ("1. + a", 2, "expected digits after the decimal point"),
        ("a # b", 2, "unexpected '#'"),
        ("_", 0, "an identifier must end with a letter or digit"),
        ("2a", 1, "expected an operator"),
    ];
    for &(src, offset, fragment) in cases {
        let err = parse_expr(src).expect_err(src);
        assert_eq!(err.offset, offset, "{src}: {err}");
        assert!(err.message.contains(fragment), "{src}: {err}");
    }
    // An unclosed parenthesis says where it opened: the inner one here.
    assert_eq!(
        parse_expr("a * (b + (c - d) ").unwrap_err().opened_at,
        Some(4)
    );
    assert_eq!(parse_expr("a + b").map(|_| ()), Ok(()));
    let deep = format!("{}a{}", "(".repeat(100), ")".repeat(100));
    assert!(parse_expr(&deep).unwrap_err().message.contains("nested"));
    let ok_deep = format!("{}a{}", "(".repeat(60), ")".repeat(60));
    assert!(parse_expr(&ok_deep).is_ok());
    let long = vec!["a"; 300].join(" + ");
    assert!(parse_expr(&long).unwrap_err().message.contains("operators"));
    let minus = format!("{}a", "-".repeat(100));
    assert!(parse_expr(&minus).is_err());
    let digits = "9".repeat(150);
    assert!(
        parse_expr(&digits)
            .unwrap_err()
            .message
            .contains("too long")
    );
}

// ------------------------------------------------------------ formatting --

#[test]
fn display_of_read_values() {
    let show = |t: &str| read(t).to_string();
    assert_eq!(show("1,300"), "1,300");
    assert_eq!(show("about 1,500"), "1,350 – 1,650");
    assert_eq!(show("more than 200"), "more than 200");
    assert_eq!(show("at least 200"), "at least 200");
    assert_eq!(show("nearly 650"), "at least 585 and less than 650");
    assert_eq!(show("0.14 percent"), "0.14 percent");
    assert_eq!(show("€2.5 million"), "€2.5 million");
    assert_eq!(show("in 2009"), "2009");
    assert_eq!(show("Feb. 2, 2018"), "2 February 2018");
    assert_eq!(show("February 2018"), "February 2018");
    assert_eq!(show("a third"), "0.333");
    assert_eq!(show("10 years"), "10 years");
    assert_eq!(show("2 percentage points"), "2 percentage points");
    assert_eq!(show("hundreds"), "200 – 999");
    let ago = read_quantity("10 years ago", &opts('P')).quantity.unwrap();
    assert_eq!(ago.to_string(), "2008 – 2009");
    let computed = eval("a / b", &[("a", "1"), ("b", "3")]).unwrap();
    assert_eq!(computed.to_string(), "0.333");
    assert_eq!(Unit::Money(Currency::Gbp).to_string(), "money in GBP");
}

#[test]
fn european_languages() {
    for lang in [
        "de", "fr", "nl", "it", "es", "fr-BE", "pt_BR", "DE-at", "sv",
    ] {
        assert!(european_language(lang), "{lang}");
    }
    for lang in ["en", "en-GB", "de-CH", "it-CH", "es-MX", "ja", "", "xx"] {
        assert!(!european_language(lang), "{lang}");
    }
}

#[test]
fn long_inputs_are_handled() {
    // Linear scanning: many tokens, none a phrase until the end.
    let mut text = "one ".repeat(20_000);
    text.push_str("hundred spies, then 650");
    let got = read_quantity(&text, &NumberOptions::default());
    assert!(got.quantity.is_some());
    // A numeral too long to be a figure is skipped, not parsed.
    let digits = "9".repeat(10_000);
    assert_eq!(
        read_quantity(&digits, &NumberOptions::default()),
        ReadValue::default()
    );
    let huge = format!("{} years ago", "9".repeat(60));
    let got = read_quantity(&huge, &opts('P'));
    assert!(got.quantity.is_none());
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn read_quantity_never_panics(text in "\\PC{0,60}", european: bool, dated: bool) {
        let o = NumberOptions {
            european,
            publication_date: if dated { Date::new(2019, 12, 31) } else { None },
            ..NumberOptions::default()
        };
        let got = read_quantity(&text, &o);
        if let Some(r) = &got.matched {
            prop_assert!(text.is_char_boundary(r.start) && text.is_char_boundary(r.end));
            prop_assert!(r.start < r.end);
        }
        if let Some(q) = &got.quantity {
            let _ = q.to_string();
        }
    }

    #[test]
    fn read_quantity_never_panics_on_number_like_text(
        text in "(about |more than |in |between |nearly |~|\\$|€|-)?[0-9.,  ]{0,12}( and | to |-)?[0-9.,]{0,6}( ?(%|percent|million|bn|k|years ago|days ago|months ago|weeks ago|of|times|February|s))?",
        european: bool,
    ) {
        let o = NumberOptions {
            european,
            publication_date: Date::new(2020, 2, 29),
            ..NumberOptions::default()
        };
        let got = read_quantity(&text, &o);
        if let Some(q) = &got.quantity {
            let _ = q.to_string();
        }
    }

    #[test]
    fn parse_and_evaluate_never_panic(src in "[a-c0-9 .,%()+*/-]{0,40}") {
        if let Ok(expr) = parse_expr(&src) {
            let lookup = |name: &str| match name {
                "a" => Some(Quantity::new(iv("(0,5]"), Unit::Count)),
                "b" => Some(Quantity::new(iv("[-1,1]"), Unit::Count)),
                "c" => Some(Quantity::new(iv("(,0)"), Unit::Percent)),
                _ => None,
            };
            if let Ok(q) = evaluate(&expr, &lookup) {
                let _ = q.to_string();
                let _ = relation_holds(&q, &q, Some(&rat("1/20")));
            }
        } else {
            let err = parse_expr(&src).unwrap_err();
            prop_assert!(err.offset <= src.len());
        }
    }

    #[test]
    fn parse_expr_never_panics_on_any_text(src in "\\PC{0,40}") {
        if let Err(e) = parse_expr(&src) {
            prop_assert!(src.is_char_boundary(e.offset));
        }
    }
}
