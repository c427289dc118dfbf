//! Prose attribution detection throughput (sentences + cues, sources, contents), one core.
//!
//! Run: `cargo bench --bench prose -- DIR` where DIR holds plain news text (`.md`/`.txt`,
//! e.g. the AllSides articles written outside the repository); without DIR it measures
//! the repository's own examples and mini corpus, repeated to 20 MB. Real news is the
//! figure that counts: our examples are denser in quotes than most copy.
//!
//! With `--digest`, it prints a hash of every analysis (sentences and attributions, all
//! fields) instead of timing: optimizations of the detector must not change it.

use std::hash::{DefaultHasher, Hasher};
use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::Instant;

fn texts_in(dir: &Path, out: &mut Vec<String>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut paths: Vec<PathBuf> = entries.flatten().map(|e| e.path()).collect();
    paths.sort();
    for path in paths {
        if path.is_dir() {
            texts_in(&path, out);
        } else if path.extension().is_some_and(|e| e == "md" || e == "txt")
            && let Ok(text) = std::fs::read_to_string(&path)
        {
            out.push(text);
        }
    }
}

fn main() {
    let dir = std::env::args().skip(1).find(|a| !a.starts_with('-'));
    let mut texts = Vec::new();
    match &dir {
        Some(dir) => texts_in(Path::new(dir), &mut texts),
        None => {
            let root = Path::new(env!("CARGO_MANIFEST_DIR"));
            let mut own = Vec::new();
            texts_in(&root.join("examples"), &mut own);
            texts_in(&root.join("tests/polnear-mini/data"), &mut own);
            let size: usize = own.iter().map(String::len).sum();
            for _ in 0..(20_000_000 / size.max(1)).max(1) {
                texts.extend(own.iter().cloned());
            }
        }
    }
    let bytes: usize = texts.iter().map(String::len).sum();
    if bytes == 0 {
        eprintln!("no .md or .txt text found");
        std::process::exit(2);
    }
    if std::env::args().any(|a| a == "--digest") {
        let mut hasher = DefaultHasher::new();
        for text in &texts {
            let analysis = claimmark::prose::analyze(text);
            hasher.write(format!("{analysis:?}").as_bytes());
        }
        println!("{} texts: digest {:016x}", texts.len(), hasher.finish());
        return;
    }
    // Warm up once, then take the best of three rounds.
    for text in &texts {
        black_box(claimmark::prose::analyze(black_box(text)));
    }
    let best = (0..3)
        .map(|_| {
            let start = Instant::now();
            let mut found = 0;
            for text in &texts {
                found += black_box(claimmark::prose::analyze(black_box(text)))
                    .attributions
                    .len();
            }
            (start.elapsed(), found)
        })
        .min()
        .unwrap();
    println!(
        "{} texts, {:.1} MB: {:.0} ms, {:.0} MB/s on one core ({} attributions)",
        texts.len(),
        bytes as f64 / 1e6,
        best.0.as_secs_f64() * 1e3,
        bytes as f64 / 1e6 / best.0.as_secs_f64(),
        best.1
    );
}
