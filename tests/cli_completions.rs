//! `claimmark completions SHELL` and `claimmark man`, checked by their consumers where
//! the machine has them: bash parses and runs the completion script, and the manual
//! page names every subcommand and every flag `--help` shows.

use std::process::Command;

fn claimmark(args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_claimmark"))
        .args(args)
        .output()
        .expect("the binary runs");
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8 output")
}

const SUBCOMMANDS: &[&str] = &[
    "lint",
    "rules",
    "init",
    "config",
    "explain",
    "strip",
    "parse",
    "export",
    "suggest",
    "completions",
    "man",
];

/// Bash loads the script, and completing `claimmark li` and `claimmark lint --fo`
/// offers `lint` and `--format`.
#[test]
fn bash_completes_subcommands_and_flags() {
    let script = claimmark(&["completions", "bash"]);
    let dir = std::env::temp_dir().join(format!("claimmark-complete-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("claimmark.bash");
    std::fs::write(&path, &script).unwrap();
    let complete = |words: &str| {
        let probe = format!(
            "source {path}; COMP_WORDS=({words}); COMP_CWORD=$((${{#COMP_WORDS[@]}} - 1)); \
             _claimmark claimmark \"${{COMP_WORDS[COMP_CWORD]}}\" \"${{COMP_WORDS[COMP_CWORD-1]}}\"; \
             printf '%s\\n' \"${{COMPREPLY[@]}}\"",
            path = path.display()
        );
        let out = Command::new("bash")
            .args(["--norc", "-c", &probe])
            .output()
            .expect("bash runs");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    };
    let subcommands = complete("claimmark li");
    assert!(subcommands.lines().any(|l| l == "lint"), "{subcommands}");
    let flags = complete("claimmark lint --fo");
    assert!(flags.lines().any(|l| l == "--format"), "{flags}");
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn every_shell_gets_a_script() {
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let script = claimmark(&["completions", shell]);
        assert!(script.contains("claimmark"), "{shell}");
        for sub in SUBCOMMANDS {
            assert!(script.contains(sub), "{shell} lacks {sub}");
        }
    }
}

#[test]
fn the_manual_page_documents_every_subcommand_and_flag() {
    let page = claimmark(&["man"]);
    assert!(
        page.starts_with(".ie \\n(.g .ds Aq") || page.contains(".TH claimmark 1"),
        "{page}"
    );
    for sub in SUBCOMMANDS {
        let heading = format!(".SH \"CLAIMMARK {}\"", sub.to_uppercase());
        assert!(page.contains(&heading), "no {heading}");
    }
    // Every long flag `lint --help` lists is in the page.
    let help = claimmark(&["lint", "--help"]);
    for flag in help
        .split_whitespace()
        .filter(|w| w.starts_with("--"))
        .map(|w| w.trim_end_matches([',', '.', ')']))
        .filter(|w| w.len() > 2 && w[2..].chars().all(|c| c.is_ascii_lowercase() || c == '-'))
    {
        let roff = flag.replace('-', "\\-");
        assert!(
            page.contains(flag) || page.contains(&roff),
            "{flag} missing"
        );
    }
}
