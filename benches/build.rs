//! `cargo bench`: how long `jointly build` takes on the example and on generated projects of
//! 10, 100 and 1,000 organisations answering every question.
//!
//! Runs the real binary (release build), so start-up and file I/O count, as for a user. Prints
//! the median of several runs and the growth from 100 to 1,000 organisations.

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
        jointly::synth::write_project(&dir, n).expect("generate project");
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
