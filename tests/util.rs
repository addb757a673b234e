//! Shared helpers for the integration tests.
#![allow(dead_code)]

use std::borrow::BorrowMut;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use tempfile::TempDir;

/// The seed graph shipped in graphs/.
pub const SEED: &str = "graphs/seoul-comfort-women-2021.json";

/// The repository root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A temporary directory holding a copy of the seed graph as `g.json`.
pub struct Scratch {
    pub dir: TempDir,
    pub graph: PathBuf,
}

impl Scratch {
    /// A scratch dir with a copy of the seed graph.
    pub fn seed() -> Scratch {
        let dir = TempDir::new().unwrap();
        let graph = dir.path().join("g.json");
        std::fs::copy(root().join(SEED), &graph).unwrap();
        Scratch { dir, graph }
    }

    /// A scratch dir with no graph yet (`g.json` does not exist).
    pub fn empty() -> Scratch {
        let dir = TempDir::new().unwrap();
        let graph = dir.path().join("g.json");
        Scratch { dir, graph }
    }

    /// A scratch dir whose `g.json` holds `content`.
    pub fn with(content: &str) -> Scratch {
        let s = Scratch::empty();
        std::fs::write(&s.graph, content).unwrap();
        s
    }

    /// A file in the scratch dir.
    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// `polgraph --graph g.json ARGS…`
    pub fn cmd(&self, args: &[&str]) -> Command {
        let mut c = polgraph();
        c.arg("--graph").arg(&self.graph).args(args);
        c
    }

    /// The graph file's bytes.
    pub fn bytes(&self) -> Vec<u8> {
        std::fs::read(&self.graph).unwrap()
    }

    /// Files in the scratch dir other than the graph and its lock file.
    pub fn stray_files(&self) -> Vec<String> {
        std::fs::read_dir(self.dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.contains(".tmp-"))
            .collect()
    }
}

/// The polgraph binary, with no graph from the environment.
pub fn polgraph() -> Command {
    let mut c = Command::cargo_bin("polgraph").unwrap();
    c.env_remove("POLGRAPH_GRAPH");
    c
}

/// Runs the command and returns (exit code, stdout, stderr).
pub fn run(mut c: impl BorrowMut<Command>) -> (i32, String, String) {
    let out = c.borrow_mut().output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Parses stdout as JSON.
pub fn json(mut c: impl BorrowMut<Command>) -> serde_json::Value {
    let out = c.borrow_mut().output().unwrap();
    assert!(
        out.status.success(),
        "command failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

/// Whether a path exists.
pub fn exists(p: &Path) -> bool {
    p.exists()
}
