//! Finding files and their configuration.
//!
//! Each file is governed by the nearest `claimmark.toml` (or `.claimmark.toml`) found by
//! walking up from its directory; `--config PATH` overrides that for every file, and
//! `--isolated` ignores configuration files altogether. Configurations are loaded once
//! per directory and shared.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use claimmark::lint::config::{ConfigError, Settings};
use globset::{Glob, GlobSet, GlobSetBuilder};

use super::input::display_path;

pub const CONFIG_NAMES: &[&str] = &["claimmark.toml", ".claimmark.toml"];

/// A loaded configuration and where it came from.
#[derive(Debug)]
pub struct Loaded {
    /// The file it came from; `None` for the built-in defaults.
    pub path: Option<PathBuf>,
    /// Globs are relative to this directory.
    pub root: PathBuf,
    pub settings: Settings,
    include: GlobSet,
    exclude: GlobSet,
}

impl Loaded {
    fn new(path: Option<PathBuf>, root: PathBuf, settings: Settings) -> Self {
        let build = |globs: &[String]| {
            let mut builder = GlobSetBuilder::new();
            for glob in globs {
                // Validated when the file was parsed.
                if let Ok(glob) = Glob::new(glob) {
                    builder.add(glob);
                }
            }
            builder.build().unwrap_or_else(|_| GlobSet::empty())
        };
        let include = build(&settings.files.include);
        let exclude = build(&settings.files.exclude);
        Loaded {
            path,
            root,
            settings,
            include,
            exclude,
        }
    }

    /// Whether a file found by walking a directory should be linted.
    pub fn wants(&self, file: &Path) -> bool {
        let extension_ok = file.extension().and_then(|e| e.to_str()).is_some_and(|e| {
            self.settings
                .files
                .extensions
                .iter()
                .any(|x| x.eq_ignore_ascii_case(e))
        });
        if !extension_ok {
            return false;
        }
        let relative = file.strip_prefix(&self.root).unwrap_or(file);
        let included = self.settings.files.include.is_empty() || self.include.is_match(relative);
        included && !self.exclude.is_match(relative)
    }
}

/// A configuration file that could not be used.
#[derive(Debug)]
pub struct LoadError {
    pub path: PathBuf,
    pub error: Result<ConfigError, std::io::Error>,
}

impl std::fmt::Display for LoadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let path = display_path(&self.path);
        match &self.error {
            Ok(e) => match &e.key {
                Some(key) => write!(
                    f,
                    "{path}:{}: invalid configuration at `{key}`: {}",
                    e.line, e.message
                ),
                None => write!(f, "{path}:{}: invalid configuration: {}", e.line, e.message),
            },
            Err(e) => write!(f, "{path}: cannot read configuration: {e}"),
        }
    }
}

/// Loads a configuration file.
pub fn load(path: &Path) -> Result<Loaded, LoadError> {
    let text = std::fs::read_to_string(path).map_err(|e| LoadError {
        path: path.to_path_buf(),
        error: Err(e),
    })?;
    let settings = Settings::from_toml(&text).map_err(|e| LoadError {
        path: path.to_path_buf(),
        error: Ok(e),
    })?;
    let root = path
        .parent()
        .map(Path::to_path_buf)
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or_else(|| PathBuf::from("."));
    Ok(Loaded::new(
        Some(path.to_path_buf()),
        absolute(&root),
        settings,
    ))
}

fn absolute(path: &Path) -> PathBuf {
    std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf())
}

/// `--config PATH` / `--isolated`: where a command takes its configuration from.
#[derive(Debug, Clone, Default, clap::Args)]
pub struct ConfigSource {
    /// Use this configuration file for every file instead of the nearest claimmark.toml.
    #[arg(long, value_name = "PATH", conflicts_with = "isolated")]
    pub config: Option<PathBuf>,
    /// Ignore configuration files; use the built-in defaults.
    #[arg(long)]
    pub isolated: bool,
}

impl ConfigSource {
    pub fn resolver(&self) -> Result<Resolver, LoadError> {
        Resolver::new(self.config.as_deref(), self.isolated)
    }
}

/// Resolves the configuration of each file, caching per directory.
pub struct Resolver {
    fixed: Option<Arc<Loaded>>,
    by_dir: HashMap<PathBuf, Arc<Loaded>>,
    defaults: Arc<Loaded>,
}

impl Resolver {
    /// `--config PATH` fixes one configuration for every file; `--isolated` uses defaults.
    pub fn new(config: Option<&Path>, isolated: bool) -> Result<Self, LoadError> {
        let defaults = Arc::new(Loaded::new(
            None,
            absolute(Path::new(".")),
            Settings::default(),
        ));
        let fixed = match (config, isolated) {
            (Some(path), _) => Some(Arc::new(load(path)?)),
            (None, true) => Some(defaults.clone()),
            (None, false) => None,
        };
        Ok(Resolver {
            fixed,
            by_dir: HashMap::new(),
            defaults,
        })
    }

    /// The configuration governing `file` (or a directory).
    pub fn for_path(&mut self, path: &Path) -> Result<Arc<Loaded>, LoadError> {
        let absolute_path = absolute(path);
        if absolute_path.is_dir() {
            self.for_dir(&absolute_path)
        } else {
            self.for_file(&absolute_path)
        }
    }

    /// The configuration governing a path already known to be a file (as the directory
    /// walker knows), without asking the file system again.
    pub fn for_file(&mut self, file: &Path) -> Result<Arc<Loaded>, LoadError> {
        let absolute_file = absolute(file);
        let dir = absolute_file
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or_default();
        self.for_dir(&dir)
    }

    /// The configuration governing the files of an absolute directory.
    fn for_dir(&mut self, start: &Path) -> Result<Arc<Loaded>, LoadError> {
        if let Some(fixed) = &self.fixed {
            return Ok(fixed.clone());
        }
        // Walk up until a cached directory or a config file; cache every directory passed.
        let mut visited = Vec::new();
        let mut dir = Some(start);
        let found = loop {
            let Some(current) = dir else {
                break self.defaults.clone();
            };
            if let Some(hit) = self.by_dir.get(current) {
                break hit.clone();
            }
            visited.push(current.to_path_buf());
            if let Some(file) = CONFIG_NAMES
                .iter()
                .map(|n| current.join(n))
                .find(|p| p.is_file())
            {
                break Arc::new(load(&file)?);
            }
            dir = current.parent();
        };
        for dir in visited {
            self.by_dir.insert(dir, found.clone());
        }
        Ok(found)
    }
}

/// FNV-1a over the path's bytes: stable across runs, machines and Rust versions, so a
/// CI matrix gets the same shards everywhere.
pub fn path_hash(path: &str) -> u64 {
    path.bytes().fold(0xcbf2_9ce4_8422_2325, |hash, byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

/// `--shard K/N`: this run lints the files whose hash falls in slice K (1-based) of N.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shard {
    pub index: u64,
    pub count: u64,
}

impl std::str::FromStr for Shard {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, String> {
        let (k, n) = text.split_once('/').ok_or("expected K/N, e.g. 1/4")?;
        let index: u64 = k
            .trim()
            .parse()
            .map_err(|_| format!("`{k}` is not a number"))?;
        let count: u64 = n
            .trim()
            .parse()
            .map_err(|_| format!("`{n}` is not a number"))?;
        if count == 0 || index == 0 || index > count {
            return Err(format!("shard {index}/{count}: K must be between 1 and N"));
        }
        Ok(Shard { index, count })
    }
}

impl Shard {
    pub fn contains(&self, path: &str) -> bool {
        path_hash(path) % self.count == self.index - 1
    }
}
