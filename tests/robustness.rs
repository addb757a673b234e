//! Crash safety and odd places: SIGKILL at random moments while writing,
//! read-only and full file systems, missing directories.

use std::time::Duration;

use crate::util::{json, polgraph, run, Scratch};

/// A scratch graph with `n` extra events, so that a write takes a while.
fn big_graph(n: usize) -> Scratch {
    let s = Scratch::seed();
    let mut csv = String::from("source,action,target,date,summary\n");
    for i in 0..n {
        csv.push_str(&format!(
            "jpn-gov,met,kor-gov,2021-02-{:02},meeting number {i}\n",
            i % 28 + 1
        ));
    }
    std::fs::write(s.path("bulk.csv"), csv).unwrap();
    let (code, _, err) = run(s.cmd(&["import", "--events", s.path("bulk.csv").to_str().unwrap()]));
    assert_eq!(code, 0, "{err}");
    s
}

fn edge_count(s: &Scratch) -> u64 {
    json(s.cmd(&["stats", "--json"]))["edges"].as_u64().unwrap()
}

#[test]
fn sigkill_while_writing_leaves_old_or_new_and_no_stray_file() {
    let s = big_graph(10_000);
    let mut csv = String::from("source,action,target,date\n");
    for _ in 0..50 {
        csv.push_str("kor-gov,protested,jpn-gov,2021-03\n");
    }
    std::fs::write(s.path("more.csv"), csv).unwrap();
    // How long one write takes here, so kills land before, during and after it.
    let t = std::time::Instant::now();
    assert_eq!(
        run(s.cmd(&["import", "--events", s.path("more.csv").to_str().unwrap()])).0,
        0
    );
    let span = (t.elapsed().as_millis() as u64 * 3 / 2).max(20);
    // A fixed pseudo-random sequence of kill delays (xorshift) in 0..span.
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut outcomes = [0usize; 2];
    for round in 0..12 {
        let before = edge_count(&s);
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        let delay = Duration::from_millis(x % span);
        let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("polgraph"))
            .arg("--graph")
            .arg(&s.graph)
            .args(["import", "--events", s.path("more.csv").to_str().unwrap()])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(delay);
        let _ = child.kill(); // SIGKILL
        let _ = child.wait();
        // The store loads and is either the old or the new version.
        let after = edge_count(&s);
        assert!(
            after == before || after == before + 50,
            "round {round}: {before} → {after}"
        );
        outcomes[usize::from(after != before)] += 1;
        // The next writer cleans up whatever the killed one left.
        assert_eq!(
            run(s.cmd(&["add", "edge", "jpn-gov", "met", "kor-gov"])).0,
            0
        );
        assert!(
            s.stray_files().is_empty(),
            "round {round}: {:?}",
            s.stray_files()
        );
    }
    eprintln!(
        "write takes ~{} ms; kills before the rename: {}, after: {}",
        span * 2 / 3,
        outcomes[0],
        outcomes[1]
    );
}

#[test]
fn missing_directory_is_a_clear_error() {
    let (code, _, err) = run(polgraph().args(["--graph", "/nonexistent-dir/sub/g.json", "init"]));
    assert_eq!(code, 1);
    assert!(
        err.starts_with(
            "error: cannot create /nonexistent-dir/sub/g.json: No such file or directory"
        ),
        "{err}"
    );
}

/// Mounts a tmpfs with `opts` on a fresh directory; None when this machine
/// does not allow mounting (then the library-level tests still cover it).
fn tmpfs(opts: &str) -> Option<(tempfile::TempDir, Unmount)> {
    let dir = tempfile::TempDir::new().unwrap();
    let ok = std::process::Command::new("mount")
        .args(["-t", "tmpfs", "-o", opts, "tmpfs"])
        .arg(dir.path())
        .output()
        .map(|o| o.status.success())
        .unwrap_or(false);
    if !ok {
        eprintln!(
            "note: cannot mount a tmpfs here; skipping (the store's unit tests simulate this)"
        );
        return None;
    }
    let path = dir.path().to_owned();
    Some((dir, Unmount(path)))
}

struct Unmount(std::path::PathBuf);

impl Drop for Unmount {
    fn drop(&mut self) {
        let _ = std::process::Command::new("umount").arg(&self.0).status();
    }
}

#[test]
fn full_disk_keeps_the_original() {
    let Some((dir, _guard)) = tmpfs("size=96k") else {
        return;
    };
    let graph = dir.path().join("g.json");
    std::fs::copy(crate::util::root().join(crate::util::SEED), &graph).unwrap();
    let before = std::fs::read(&graph).unwrap();
    // Grow the graph until the disk is full.
    let long = "x".repeat(4000);
    let mut failed = None;
    for i in 0..100 {
        let (code, _, err) = run(polgraph().arg("--graph").arg(&graph).args([
            "add",
            "edge",
            "jpn-gov",
            "met",
            "kor-gov",
            "--summary",
            &format!("{i} {long}"),
        ]));
        if code != 0 {
            failed = Some(err);
            break;
        }
    }
    let err = failed.expect("the disk never filled up");
    assert!(err.contains("No space left on device"), "{err}");
    // Whatever was last written successfully loads, and no temporary remains.
    let (code, _, err) = run(polgraph().arg("--graph").arg(&graph).arg("validate"));
    assert_eq!(code, 0, "{err}");
    assert!(std::fs::read(&graph).unwrap().len() >= before.len());
    let names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".tmp-"))
        .collect();
    assert!(names.is_empty(), "{names:?}");
}

#[test]
fn read_only_store_is_a_clear_error_and_intact() {
    let Some((dir, guard)) = tmpfs("size=1m") else {
        return;
    };
    let graph = dir.path().join("g.json");
    std::fs::copy(crate::util::root().join(crate::util::SEED), &graph).unwrap();
    let before = std::fs::read(&graph).unwrap();
    let ok = std::process::Command::new("mount")
        .args(["-o", "remount,ro"])
        .arg(&guard.0)
        .status()
        .map(|s| s.success())
        .unwrap_or(false);
    if !ok {
        eprintln!("note: cannot remount read-only here; skipping");
        return;
    }
    // Reading works.
    assert_eq!(run(polgraph().arg("--graph").arg(&graph).arg("stats")).0, 0);
    let (code, _, err) = run(polgraph()
        .arg("--graph")
        .arg(&graph)
        .args(["add", "edge", "jpn-gov", "met", "kor-gov"]));
    assert_eq!(code, 1);
    assert!(err.starts_with("error: cannot "), "{err}");
    assert!(err.contains("Read-only file system"), "{err}");
    assert_eq!(std::fs::read(&graph).unwrap(), before);
}
