//! `cargo bench`: how long `jointly build` takes on the example and on generated projects of
//! 10, 100 and 1,000 organisations answering every question.
//!
//! Runs the real binary (release build), so start-up and file I/O count, as for a user. Prints
//! the median of several runs and the growth from 100 to 1,000 organisations.

mod synth;

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

fn main() {
    let bin = env!("CARGO_BIN_EXE_jointly");
    let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/wsis20");
    let tmp = tempfile::tempdir().expect("temp dir");
    println!("{:<28} {:>10} {:>12}", "project", "median", "input bytes");
    let ex = time_build(bin, &example, tmp.path().join("ex.md"), 20);
    println!(
        "{:<28} {:>10} {:>12}",
        "example (5 organisations)",
        fmt(ex),
        dir_size(&example.join("inputs"))
    );
    let mut medians = Vec::new();
    for n in [10, 100, 1000] {
        let dir = tmp.path().join(format!("p{n}"));
        synth::write_project(&dir, n).expect("generate project");
        let runs = if n >= 1000 { 5 } else { 10 };
        let m = time_build(bin, &dir, dir.join("out.md"), runs);
        println!(
            "{:<28} {:>10} {:>12}",
            format!("generated, {n} organisations"),
            fmt(m),
            dir_size(&dir.join("inputs"))
        );
        medians.push(m);
    }
    println!(
        "growth 100 -> 1,000 organisations: {:.1}x time for 10x input",
        medians[2].as_secs_f64() / medians[1].as_secs_f64()
    );
    save_100kb(tmp.path());
}

/// One answer saved into a 100 KB input file, as `jointly draft` does after every answer:
/// open (toml_edit), set, write atomically (temp file, fsync, rename).
fn save_100kb(dir: &Path) {
    let q = jointly::questionnaire::Questionnaire::builtin("wsis20").expect("built-in");
    let path = dir.join("big.toml");
    let org = jointly::input_edit::NewOrg {
        name: "Big Input".into(),
        signs: true,
        ..Default::default()
    };
    let mut doc = jointly::input_edit::InputDoc::create(&path, &org, &q, "T").expect("create");
    let paragraph =
        "Community networks need spectrum, funding and skills, and they need them on equal terms. "
            .repeat(100);
    for qn in q.questions() {
        doc.set(qn.id(), &jointly::draft::Slot::Text, &paragraph);
    }
    jointly::save::write_atomic(&path, doc.text().as_bytes()).expect("save");
    let size = std::fs::metadata(&path).expect("size").len();
    let mut times: Vec<Duration> = (0..50)
        .map(|i| {
            let start = Instant::now();
            let mut doc = jointly::load::input_doc(&path, &path).expect("open");
            doc.set(
                "q3",
                &jointly::draft::Slot::Text,
                &format!("{paragraph} Revision {i}."),
            );
            jointly::save::write_atomic(&path, doc.text().as_bytes()).expect("save");
            start.elapsed()
        })
        .collect();
    times.sort();
    println!(
        "save one answer into a {} KB input: median {}, slowest {}",
        size / 1024,
        fmt(times[25]),
        fmt(times[49])
    );
}

fn time_build(bin: &str, dir: &Path, out: std::path::PathBuf, runs: usize) -> Duration {
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let start = Instant::now();
            let status = Command::new(bin)
                .args(["-C", dir.to_str().expect("utf-8 path"), "build", "-o"])
                .arg(&out)
                .stdout(std::process::Stdio::null())
                .status()
                .expect("run jointly");
            assert!(status.success());
            start.elapsed()
        })
        .collect();
    times.sort();
    times[times.len() / 2]
}

fn dir_size(dir: &Path) -> u64 {
    std::fs::read_dir(dir)
        .map(|d| {
            d.filter_map(|e| e.ok()?.metadata().ok())
                .map(|m| m.len())
                .sum()
        })
        .unwrap_or(0)
}

fn fmt(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1000.0)
}
