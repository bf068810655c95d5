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
    hostile_shapes(bin, tmp.path());
}

/// A shape: its name, what makes it at a size, the smaller size, and whether it is imported.
type Shape<'a> = (&'a str, &'a dyn Fn(usize) -> String, usize, bool);

/// Shapes a hostile or careless file can take, each at two sizes: twice the input should take
/// about twice the time and memory, never four times.
fn hostile_shapes(bin: &str, dir: &Path) {
    let nested = |n: usize| "- ".repeat(n) + "x";
    let notes = |n: usize| {
        let refs: String = (0..n).map(|i| format!("x[^{i}] ")).collect();
        let defs: String = (0..n).map(|i| format!("[^{i}]: note {i}\n\n")).collect();
        format!("{refs}\n\n{defs}")
    };
    let headings = |n: usize| -> String {
        (0..n)
            .map(|i| format!("# Heading {i}\n\ntext {i}\n\n"))
            .collect()
    };
    println!();
    println!(
        "{:<44} {:>10} {:>10} {:>7} {:>10} {:>10}",
        "shape (n, then 2n)", "time n", "time 2n", "ratio", "memory n", "memory 2n"
    );
    let shapes: [Shape; 3] = [
        (
            "answer of nested list markers (- - - x)",
            &nested,
            500_000,
            false,
        ),
        ("answer with 50,000 footnotes", &notes, 50_000, false),
        (
            "imported Markdown, 30,000 headings",
            &headings,
            30_000,
            true,
        ),
    ];
    for (name, make, n, import) in shapes {
        let [(t1, m1), (t2, m2)] = [n, 2 * n].map(|size| {
            let project = dir.join(format!("shape-{size}"));
            let _ = std::fs::remove_dir_all(&project);
            std::fs::create_dir_all(project.join("inputs")).expect("project dir");
            std::fs::write(
                project.join("jointly.toml"),
                "[submission]\nquestionnaire = \"wsis20\"\n",
            )
            .expect("write");
            let args: Vec<String> = if import {
                std::fs::write(project.join("doc.md"), make(size)).expect("write");
                ["import", "doc.md", "--org", "B", "--name", "Bee"]
                    .map(String::from)
                    .into()
            } else {
                let input = format!(
                    "[organisation]\nname = \"A\"\n[answers.q1]\ntext = '''\n{}\n'''\n",
                    make(size)
                );
                std::fs::write(project.join("inputs/a.toml"), input).expect("write");
                ["build", "--format", "all"].map(String::from).into()
            };
            // Import adds to the input it wrote before, so each run starts from a copy.
            time_and_memory(bin, &project, &args, import)
        });
        println!(
            "{:<44} {:>10} {:>10} {:>6.1}x {:>10} {:>10}",
            name,
            fmt(t1),
            fmt(t2),
            t2.as_secs_f64() / t1.as_secs_f64(),
            mb(m1),
            mb(m2)
        );
    }
}

/// Median time of three runs, and the peak memory of one when GNU time is installed.
fn time_and_memory(
    bin: &str,
    project: &Path,
    args: &[String],
    fresh_inputs: bool,
) -> (Duration, Option<u64>) {
    let run = |command: &mut Command| {
        if fresh_inputs {
            let _ = std::fs::remove_dir_all(project.join("inputs"));
            std::fs::create_dir_all(project.join("inputs")).expect("inputs");
        }
        let out = command
            .current_dir(project)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::piped())
            .output()
            .expect("run jointly");
        assert!(out.status.success(), "{args:?} failed");
        out.stderr
    };
    let mut times: Vec<Duration> = (0..3)
        .map(|_| {
            let start = Instant::now();
            run(Command::new(bin).args(args));
            start.elapsed()
        })
        .collect();
    times.sort();
    let gnu_time = Path::new("/usr/bin/time");
    let memory = gnu_time.exists().then(|| {
        let stderr = run(Command::new(gnu_time)
            .args(["-f", "%M"])
            .arg(bin)
            .args(args));
        let text = String::from_utf8_lossy(&stderr);
        text.lines().last().and_then(|l| l.trim().parse().ok())
    });
    (times[1], memory.flatten())
}

fn mb(kilobytes: Option<u64>) -> String {
    kilobytes.map_or_else(|| "-".into(), |k| format!("{:.1} MB", k as f64 / 1024.0))
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
