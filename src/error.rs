//! The library's error type. Every variant names the place of the problem:
//! the file, the line or item, the field and the offending value.

use std::fmt;
use std::io;
use std::path::PathBuf;

/// One problem found while validating a document or an import, with its place.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// Where: `edges[3] (id "e4")`, `line 17`, `actors[0]`.
    pub place: String,
    /// Which field, when one is to blame.
    pub field: Option<String>,
    /// What is wrong, quoting the offending value.
    pub message: String,
}

impl Problem {
    /// A problem at `place` in `field`.
    pub fn new(
        place: impl Into<String>,
        field: Option<&str>,
        message: impl Into<String>,
    ) -> Problem {
        Problem {
            place: place.into(),
            field: field.map(str::to_owned),
            message: message.into(),
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.field {
            Some(field) => write!(f, "{}, field `{}`: {}", self.place, field, self.message),
            None => write!(f, "{}: {}", self.place, self.message),
        }
    }
}

/// The longest piece of a quoted value an error message shows; longer
/// values (a 100 MB id in a hostile file) are cut at a character boundary
/// and marked with `…`, so that messages stay readable and small.
pub const MAX_QUOTED_BYTES: usize = 80;

/// A value quoted in an error message: `{:?}` of [`Short`] prints it like
/// `{:?}` of the string, cut to [`MAX_QUOTED_BYTES`].
pub struct Short<'a>(pub &'a str);

impl fmt::Debug for Short<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let s = self.0;
        if s.len() <= MAX_QUOTED_BYTES {
            return write!(f, "{s:?}");
        }
        let mut end = MAX_QUOTED_BYTES;
        while !s.is_char_boundary(end) {
            end -= 1;
        }
        write!(f, "{:?}", format!("{}…", &s[..end]))
    }
}

/// How many problems an error lists before summarising the rest.
pub const MAX_LISTED_PROBLEMS: usize = 50;

fn write_problems(f: &mut fmt::Formatter<'_>, problems: &[Problem]) -> fmt::Result {
    for p in problems.iter().take(MAX_LISTED_PROBLEMS) {
        write!(f, "\n  {p}")?;
    }
    if problems.len() > MAX_LISTED_PROBLEMS {
        write!(
            f,
            "\n  … and {} more problems",
            problems.len() - MAX_LISTED_PROBLEMS
        )?;
    }
    Ok(())
}

/// Everything that can go wrong in polgraph.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A file could not be read, written or locked.
    #[error("cannot {action} {}: {source}", path.display())]
    Io {
        /// What we tried to do (`read`, `write`, `lock`…).
        action: &'static str,
        /// The file.
        path: PathBuf,
        /// The cause.
        #[source]
        source: io::Error,
    },
    /// A graph file is not well-formed JSON of the expected shape.
    #[error("{}: line {line}, column {column}: {message}", path.display())]
    Syntax {
        /// The file.
        path: PathBuf,
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// What the parser said.
        message: String,
    },
    /// A document or input failed validation; every problem is listed.
    #[error("{}: {} problem{} found{}", origin, problems.len(), if problems.len() == 1 { "" } else { "s" }, ProblemList(problems))]
    Invalid {
        /// The file or input the problems are in.
        origin: String,
        /// The problems.
        problems: Vec<Problem>,
    },
    /// No actor matches a name.
    #[error("no actor matches {query:?}{}", Suggestions(suggestions))]
    UnknownActor {
        /// What was asked for.
        query: String,
        /// Up to three close names.
        suggestions: Vec<String>,
    },
    /// Several actors match a name.
    #[error("{query:?} is ambiguous; it matches: {}", candidates.join(", "))]
    AmbiguousActor {
        /// What was asked for.
        query: String,
        /// `id (name)` of each match.
        candidates: Vec<String>,
    },
    /// Something asked for by id does not exist.
    #[error("no {what} with id {id:?}")]
    NotFound {
        /// `edge`, `source`…
        what: &'static str,
        /// The id.
        id: String,
    },
    /// A command would overwrite or duplicate something.
    #[error("{0}")]
    Conflict(String),
    /// The request is well-formed but cannot be answered (no path, empty result).
    #[error("{0}")]
    NoResult(String),
    /// Bad arguments that clap could not catch (exit code 2).
    #[error("{0}")]
    Usage(String),
    /// A well-formed option with a bad value, e.g. `--date 2021-02-30` (exit code 1).
    #[error("{flag}: {message}")]
    BadArgument {
        /// The option, e.g. `--date`.
        flag: String,
        /// What is wrong with its value.
        message: String,
    },
    /// Another process holds the store's lock for too long.
    #[error("{} is locked by another polgraph process (waited {waited_secs} s); try again, or remove {} if no polgraph is running", path.display(), lock.display())]
    Locked {
        /// The graph file.
        path: PathBuf,
        /// The lock file.
        lock: PathBuf,
        /// How long we waited.
        waited_secs: u64,
    },
    /// An external program failed (Graphviz `dot`).
    #[error("{0}")]
    External(String),
}

struct ProblemList<'a>(&'a [Problem]);

impl fmt::Display for ProblemList<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, ":")?;
        write_problems(f, self.0)
    }
}

struct Suggestions<'a>(&'a [String]);

impl fmt::Display for Suggestions<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if !self.0.is_empty() {
            write!(f, "; did you mean {}?", self.0.join(", "))?;
        }
        Ok(())
    }
}

impl Error {
    /// An I/O error on `path`.
    pub fn io(action: &'static str, path: impl Into<PathBuf>, source: io::Error) -> Error {
        Error::Io {
            action,
            path: path.into(),
            source,
        }
    }

    /// The process exit code for this error: 2 for bad usage, 1 otherwise.
    pub fn exit_code(&self) -> i32 {
        match self {
            Error::Usage(_) => 2,
            _ => 1,
        }
    }
}

/// The library's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;
