//! The import corpus (`tests/import/`): one submission laid out the ways organisations lay it
//! out, each document with the placement expected of it. For each, every answer must be
//! found with most of its words and little else, and no word may go missing.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::support::Project;

/// Lowercase words, letters and digits only, counted.
fn bag(text: &str) -> HashMap<String, usize> {
    let mut out = HashMap::new();
    for w in text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        *out.entry(w.to_lowercase()).or_insert(0) += 1;
    }
    out
}

fn size(bag: &HashMap<String, usize>) -> usize {
    bag.values().sum()
}

fn overlap(a: &HashMap<String, usize>, b: &HashMap<String, usize>) -> usize {
    a.iter()
        .map(|(w, n)| (*n).min(b.get(w).copied().unwrap_or(0)))
        .sum()
}

/// Every text an input holds for a question (text, action lines, closing), as a reader sees
/// it: list numbers and footnote marks are not words.
fn placed_text(answer: &toml::Value) -> String {
    let mut texts: Vec<&str> = ["text", "closing"]
        .iter()
        .filter_map(|key| answer.get(*key).and_then(toml::Value::as_str))
        .collect();
    if let Some(lines) = answer.get("action_lines").and_then(toml::Value::as_table) {
        texts.extend(lines.values().filter_map(toml::Value::as_str));
    }
    texts
        .iter()
        .map(|t| jointly::markdown::plain_text(t))
        .collect::<Vec<_>>()
        .join("\n")
}

/// How one document fared.
struct Outcome {
    name: String,
    /// Answers placed with at least 90% of their words and at least 90% precision.
    good: usize,
    expected: usize,
    worst_recall: f64,
    worst_precision: f64,
    /// Words placed under a question that expects no answer.
    elsewhere: usize,
    words_in: usize,
    accounted: usize,
}

fn import(document: &Path, expected: &toml::Table) -> Outcome {
    let name = document.file_name().unwrap().to_string_lossy().into_owned();
    let p = Project::empty();
    p.run(&["init", "."]).success();
    std::fs::copy(document, p.file(&name)).unwrap();
    let run = p
        .run(&["import", &name, "--org", "X", "--name", "Xena"])
        .success();
    let [placed, structure, unplaced] = crate::trust::import_counts(&run.stdout);
    let input: toml::Table = p.read("inputs/x.toml").parse().unwrap();
    let answers = input
        .get("answers")
        .and_then(toml::Value::as_table)
        .cloned()
        .unwrap_or_default();
    let wanted = expected["answers"].as_table().unwrap();
    let mut outcome = Outcome {
        name: name.clone(),
        good: 0,
        expected: wanted.len(),
        worst_recall: 1.0,
        worst_precision: 1.0,
        elsewhere: 0,
        words_in: expected["words"].as_integer().unwrap() as usize,
        accounted: placed + structure + unplaced,
    };
    for (id, answer) in &answers {
        let got = bag(&placed_text(answer));
        match wanted.get(id) {
            Some(want) => {
                let want = bag(want.as_str().unwrap());
                let shared = overlap(&want, &got) as f64;
                let recall = shared / size(&want).max(1) as f64;
                let precision = if size(&got) == 0 {
                    0.0
                } else {
                    shared / size(&got) as f64
                };
                if precision < 1.0 || recall < 1.0 {
                    let extra: Vec<&String> = got
                        .keys()
                        .filter(|w| got[*w] > want.get(*w).copied().unwrap_or(0))
                        .collect();
                    let missing: Vec<&String> = want
                        .keys()
                        .filter(|w| want[*w] > got.get(*w).copied().unwrap_or(0))
                        .collect();
                    eprintln!("{name} {id}: extra {extra:?} missing {missing:?}");
                }
                if recall >= 0.9 && precision >= 0.9 {
                    outcome.good += 1;
                }
                outcome.worst_recall = outcome.worst_recall.min(recall);
                outcome.worst_precision = outcome.worst_precision.min(precision);
            }
            None => outcome.elsewhere += size(&got),
        }
    }
    for id in wanted.keys().filter(|id| !answers.contains_key(*id)) {
        eprintln!("{name}: {id} not placed");
        outcome.worst_recall = 0.0;
    }
    // Action lines land under their codes.
    if let Some(codes) = expected.get("codes").and_then(toml::Value::as_table) {
        for (id, codes) in codes {
            let lines = answers
                .get(id)
                .and_then(|a| a.get("action_lines"))
                .and_then(toml::Value::as_table)
                .cloned()
                .unwrap_or_default();
            for code in codes.as_array().unwrap() {
                let code = code.as_str().unwrap();
                assert!(
                    lines.contains_key(code),
                    "{name}: {id} has no {code} line: {lines:?}"
                );
            }
        }
    }
    outcome
}

fn corpus() -> Vec<(PathBuf, toml::Table)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/import");
    let mut out: Vec<(PathBuf, toml::Table)> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| {
            let path = e.unwrap().path();
            let name = path
                .file_name()?
                .to_str()?
                .strip_suffix(".expected.toml")?
                .to_string();
            let expected = std::fs::read_to_string(&path).unwrap().parse().unwrap();
            Some((dir.join(name), expected))
        })
        .collect();
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

#[test]
fn every_layout_of_the_corpus_imports_its_answers_and_loses_no_word() {
    let corpus = corpus();
    assert!(
        corpus.len() >= 15,
        "the corpus has {} documents",
        corpus.len()
    );
    let outcomes: Vec<Outcome> = corpus
        .iter()
        .map(|(doc, expected)| import(doc, expected))
        .collect();
    eprintln!(
        "{:<26} {:>9} {:>12} {:>15} {:>10} {:>14}",
        "document", "answers", "min recall", "min precision", "elsewhere", "words in/out"
    );
    for o in &outcomes {
        eprintln!(
            "{:<26} {:>4} / {:<2} {:>11.0}% {:>14.0}% {:>10} {:>7}/{}",
            o.name,
            o.good,
            o.expected,
            o.worst_recall * 100.0,
            o.worst_precision * 100.0,
            o.elsewhere,
            o.words_in,
            o.accounted
        );
    }
    for o in &outcomes {
        assert!(
            o.good >= o.expected.min(10),
            "{}: {} of {} answers placed with 90% of their words and 90% precision",
            o.name,
            o.good,
            o.expected
        );
        assert_eq!(
            o.accounted, o.words_in,
            "{}: words in = placed + structure + not placed",
            o.name
        );
    }
}
