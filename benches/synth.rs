//! Synthetic projects for benchmarks and tests: N organisations answering every question with
//! realistic Markdown. Deterministic: the same N gives the same files.
//!
//! Shared by the benchmark (`benches/build.rs`), the integration tests (`tests/it`) and the
//! program `benches/compare.sh` runs (`cargo run --example synth`).

use std::path::Path;

use jointly::questionnaire::{AnswerKind, Questionnaire};

const WORDS: &[&str] = &[
    "access",
    "rights",
    "governance",
    "community",
    "networks",
    "inclusion",
    "policy",
    "data",
    "multistakeholder",
    "participation",
    "infrastructure",
    "São Paulo",
    "Côte d'Ivoire",
    "accountability",
    "open",
    "standards",
    "capacity",
    "regional",
    "privacy",
    "connectivity",
    "women",
    "youth",
    "local",
    "content",
    "languages",
    "affordable",
    "public",
    "interest",
    "transparency",
    "research",
    "spectrum",
    "libraries",
    "schools",
];

/// Writes a project with `orgs` organisations answering the WSIS+20 questionnaire into `dir`.
pub fn write_project(dir: &Path, orgs: usize) -> std::io::Result<()> {
    let q = Questionnaire::builtin("wsis20").expect("the built-in questionnaire");
    std::fs::create_dir_all(dir.join("inputs"))?;
    std::fs::write(
        dir.join("jointly.toml"),
        format!(
            "[submission]\ntitle = \"{}\"\nquestionnaire = \"wsis20\"\n",
            q.title
        ),
    )?;
    let codes = q.codes();
    for i in 0..orgs {
        let mut rng = Rng(i as u64 * 7919 + 17);
        let mut out = format!(
            "[organisation]\nname = \"Organisation {i:04} für Rechte\"\nshort_name = \"ORG{i:04}\"\n"
        );
        for question in q.questions() {
            let id = question.id();
            match question.kind {
                AnswerKind::Text => out.push_str(&format!(
                    "\n[answers.{id}]\ntext = '''\n{}\n'''\n",
                    answer(&mut rng, i)
                )),
                AnswerKind::ActionLines => {
                    out.push_str(&format!(
                        "\n[answers.{id}]\ntext = '''\n{}\n'''\n[answers.{id}.action_lines]\n",
                        paragraph(&mut rng, 10)
                    ));
                    // Three distinct codes: steps of 5 through the (longer) catalogue never collide.
                    for k in 0..3 {
                        let code = &codes[(i + k * 5) % codes.len()].code;
                        out.push_str(&format!(
                            "\"{code}\" = '''\n{}\n'''\n",
                            paragraph(&mut rng, 12)
                        ));
                    }
                }
                // The built-in questionnaire has no choice questions; one that has gets the
                // first option and a reason.
                _ => out.push_str(&format!(
                    "\n[answers.{id}]\nchoice = \"{}\"\ntext = '''\n{}\n'''\n",
                    question.options.first().map_or("", String::as_str),
                    paragraph(&mut rng, 10)
                )),
            }
        }
        std::fs::write(dir.join("inputs").join(format!("org-{i:04}.toml")), out)?;
    }
    Ok(())
}

/// About 200 bytes of Markdown: a paragraph, and in turn a list, a link with a footnote, or a
/// quote, so that 1,000 organisations come to about 2.5 MB of answers.
fn answer(rng: &mut Rng, i: usize) -> String {
    let mut text = format!("**Point {i}.** {}", paragraph(rng, 14));
    match rng.next() % 3 {
        0 => text.push_str(&format!(
            "\n\n- {}\n- {}",
            paragraph(rng, 5),
            paragraph(rng, 5)
        )),
        1 => text.push_str(&format!(
            " See [our note](https://example.org/{i}).[^1]\n\n[^1]: {}",
            paragraph(rng, 4)
        )),
        _ => text.push_str(&format!("\n\n> {}", paragraph(rng, 8))),
    }
    text
}

fn paragraph(rng: &mut Rng, words: usize) -> String {
    let mut s = String::new();
    for n in 0..words {
        if n > 0 {
            s.push(' ');
        }
        s.push_str(WORDS[rng.next() % WORDS.len()]);
    }
    s.push('.');
    s
}

/// A tiny deterministic generator (xorshift): benchmarks need repeatable input, not quality.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 >> 11) as usize
    }
}
