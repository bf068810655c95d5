//! Writes a synthetic coalition for benchmarks: N organisations answering every question of
//! the WSIS+20 questionnaire with realistic Markdown.
//!
//!     cargo run --release --example synth -- DIR --orgs N

#[path = "../benches/synth.rs"]
mod synth;

fn main() -> std::process::ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (dir, orgs) = match args.as_slice() {
        [dir, flag, n] if flag == "--orgs" => (dir, n.parse().ok()),
        [dir] => (dir, Some(100)),
        _ => (&String::new(), None),
    };
    let Some(orgs) = orgs.filter(|_| !dir.is_empty()) else {
        eprintln!("usage: cargo run --example synth -- DIR [--orgs N]");
        return std::process::ExitCode::from(2);
    };
    match synth::write_project(std::path::Path::new(dir), orgs) {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("cannot write {dir}: {e}");
            std::process::ExitCode::FAILURE
        }
    }
}
