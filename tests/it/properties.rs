//! Properties over arbitrary text: right-to-left, combining marks, emoji, control characters,
//! Markdown punctuation and very long lines. The Word file always parses and says what the
//! Markdown says; merging is order-independent and idempotent; no input word is lost.

use std::path::Path;

use jointly::draft::{Draft, Slot, SlotKey};
use jointly::merge::{Contributions, Contributor, merge};
use jointly::submission::{Mode, Submission, joint_draft};
use proptest::prelude::*;

use crate::docx::{Docx, assert_same_words, sorted_words};

/// Text as people paste it, and worse.
fn nasty_text() -> impl Strategy<Value = String> {
    let ch = prop_oneof![
        6 => proptest::char::range('a', 'z'),
        2 => Just(' '),
        1 => Just('\n'),
        1 => proptest::char::any(),
        1 => prop::sample::select(vec!['\u{202E}', '\u{200F}', 'ש', 'ل', '\u{0301}', '\u{0308}', '😀', '\u{200D}', '💻', '\u{b}', '\u{1}', '\u{7f}', '\u{FFFE}', '*', '_', '#', '>', '[', ']', '(', ')', '`', '<', '&', '-', '1', '.', '\\', '|', '~', '"', '\'']),
    ];
    (prop::collection::vec(ch, 0..200), prop::bool::weighted(0.1)).prop_map(|(v, long)| {
        let mut s: String = v.into_iter().collect();
        if long {
            s.push_str(&"x".repeat(5000));
        }
        s
    })
}

/// A project on disk with one organisation per text (answering q1) plus one action line.
fn project(texts: &[String]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("jointly.toml"),
        "[submission]\nquestionnaire = \"wsis20\"\n",
    )
    .unwrap();
    std::fs::create_dir(dir.path().join("inputs")).unwrap();
    for (i, t) in texts.iter().enumerate() {
        let mut doc = toml_edit::DocumentMut::new();
        doc["organisation"]["name"] = toml_edit::value(format!("Org {i}"));
        doc["answers"]["q1"]["text"] = toml_edit::value(t.as_str());
        doc["answers"]["q7"]["action_lines"]["C2"] = toml_edit::value(t.as_str());
        std::fs::write(
            dir.path().join(format!("inputs/o{i}.toml")),
            doc.to_string(),
        )
        .unwrap();
    }
    dir
}

fn build(dir: &Path) -> (String, Vec<u8>) {
    let project = jointly::load::project(dir).unwrap_or_else(|e| panic!("{e}"));
    let (draft, _) = joint_draft(&project);
    let sub = Submission::build(&project, &draft, Mode::Draft);
    let md = jointly::render::markdown::render(&sub, &[]).unwrap();
    let options = jointly::render::docx::Options {
        config: Default::default(),
        reference: None,
        timestamp: "2026-01-01T00:00:00Z".into(),
        header: sub.notice.clone(),
    };
    (md, jointly::render::docx::render(&sub, &options).unwrap())
}

/// What XML cannot hold is dropped from the Word file; compare the rest.
fn xml_safe(s: &str) -> String {
    jointly::render::docx::clean_xml(s)
}

/// A document as organisations send them, in Markdown, and how many words a reader sees in it.
fn reply_document() -> impl Strategy<Value = (String, usize)> {
    let questionnaire: toml::Table = include_str!("../../src/questionnaires/wsis20.toml")
        .parse()
        .unwrap();
    let questions: Vec<(i64, String)> = questionnaire["sections"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|s| s["questions"].as_array().unwrap())
        .map(|q| {
            (
                q["number"].as_integer().unwrap(),
                q["text"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let word = "[a-z]{1,9}";
    let words = |n| prop::collection::vec(word, 1..n);
    let capitalised = |ws: Vec<String>| -> String {
        ws.iter()
            .map(|w| w[..1].to_uppercase() + &w[1..])
            .collect::<Vec<_>>()
            .join(" ")
    };
    let block = prop_oneof![
        // A question, as a heading or as a line of its own.
        (prop::sample::select(questions), any::<bool>()).prop_map(|((n, text), heading)| {
            let line = format!("{n}. {text}");
            let count = line.split_whitespace().count();
            (
                if heading {
                    format!("### {line}")
                } else {
                    format!("**{line}**")
                },
                count,
            )
        }),
        words(40).prop_map(|ws| (format!("{}.", ws.join(" ")), ws.len())),
        words(12).prop_map(|ws| (format!("**{}** and more.", ws.join(" ")), ws.len() + 2)),
        prop::collection::vec(words(8), 1..4).prop_map(|items| {
            let n = items.iter().map(Vec::len).sum();
            let md = items
                .iter()
                .map(|i| format!("- {}", i.join(" ")))
                .collect::<Vec<_>>();
            (md.join("\n"), n)
        }),
        // An action-line bullet, as answers to q7 are written.
        (1..12u8, words(10))
            .prop_map(|(code, ws)| (format!("- C{code}: {}", ws.join(" ")), ws.len() + 1)),
        words(20).prop_map(|ws| (format!("> {}", ws.join(" ")), ws.len())),
        words(6).prop_map(move |ws| (format!("# {}", capitalised(ws.clone())), ws.len())),
        Just((
            "Submitted jointly by the following organisations:".to_string(),
            6
        )),
        prop::collection::vec(words(5), 1..4).prop_map(move |names| {
            let n = names.iter().map(Vec::len).sum();
            let md: Vec<String> = names
                .into_iter()
                .map(|n| format!("- {}", capitalised(n)))
                .collect();
            (md.join("\n"), n)
        }),
    ];
    prop::collection::vec(block, 1..25).prop_map(|blocks| {
        let words = blocks.iter().map(|(_, n)| n).sum();
        let text = blocks
            .into_iter()
            .map(|(md, _)| md)
            .collect::<Vec<_>>()
            .join("\n\n");
        (text, words)
    })
}

proptest! {
    // 48 cases in the suite; PROPTEST_CASES=2000 for a longer run.
    #![proptest_config(ProptestConfig::with_cases(std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(48)))]

    #[test]
    fn the_word_file_parses_and_says_what_the_markdown_says(texts in prop::collection::vec(nasty_text(), 1..3)) {
        let dir = project(&texts);
        let (md, bytes) = build(dir.path());
        let docx = Docx::read(&bytes);
        let mut text = String::new();
        for name in docx.parts.keys().filter(|n| n.ends_with(".xml") || n.ends_with(".rels")).cloned().collect::<Vec<_>>() {
            docx.part(&name); // panics if not well-formed
            if name == "word/document.xml" || name == "word/footnotes.xml" || name.starts_with("word/header") {
                for (_, _, t) in docx.paragraphs(&name) {
                    text.push_str(&t);
                    text.push('\n');
                }
            }
        }
        assert_same_words(&sorted_words(&text), &sorted_words(&xml_safe(&crate::support::words(&md).join(" "))));
    }

    #[test]
    fn no_input_word_is_lost(texts in prop::collection::vec(nasty_text(), 1..4)) {
        let dir = project(&texts);
        let (md, _) = build(dir.path());
        let out: std::collections::BTreeSet<String> = crate::support::words(&md).into_iter().collect();
        for t in &texts {
            // What a reader of the input sees (Markdown rendered), word by word.
            // (with the typographic punctuation the project's default `smart_punctuation` gives)
            let cleaned = jointly::answer::clean(t, "p").markdown;
            for w in crate::support::words(&jointly::markdown::typographic(&cleaned)) {
                prop_assert!(out.contains(&w), "word {:?} of an input is missing", w);
            }
        }
    }

    #[test]
    fn merging_is_order_independent_and_idempotent(
        entries in prop::collection::vec((0usize..6, 0usize..4, 0usize..5), 0..30),
        seed in any::<u64>(),
    ) {
        let pool = ["Shared text.", "Another text.", "Shared  text.\n", "Fourth.", "Fifth, longer text."];
        let slots = [SlotKey::new("q1", Slot::Text), SlotKey::new("q7", Slot::Line("C2".into())), SlotKey::new("q7", Slot::Closing), SlotKey::new("q3", Slot::Text)];
        let names = ["O0", "O1", "O2", "O3", "O4", "O5"];
        let mut list: Vec<(usize, SlotKey, &str)> = Vec::new();
        for (org, slot, text) in entries {
            // One text per organisation and slot.
            if list.iter().any(|(o, k, _)| *k == slots[slot] && *o == org) {
                continue;
            }
            list.push((org, slots[slot].clone(), pool[text]));
        }
        let files = ["o0.toml", "o1.toml", "o2.toml", "o3.toml", "o4.toml", "o5.toml"];
        let collect = |l: &[(usize, SlotKey, &'static str)]| {
            let mut c = Contributions::default();
            for (org, k, text) in l {
                c.add(files[*org], Contributor { name: names[*org], rank: *org }, [(k.clone(), *text)]);
            }
            c
        };
        let first = merge(&collect(&list), &Draft::default());
        // Another order of the same contributions.
        let mut shuffled = list.clone();
        let n = shuffled.len();
        for i in 0..n {
            let j = (seed as usize).wrapping_mul(i + 7).wrapping_add(i * 31) % n.max(1);
            shuffled.swap(i, j);
        }
        let second = merge(&collect(&shuffled), &Draft::default());
        prop_assert_eq!(&first.draft, &second.draft);
        let again = merge(&collect(&list), &first.draft);
        prop_assert_eq!(&again.draft, &first.draft);
        prop_assert!(again.events.is_empty());
        // Every contribution is in exactly one part of its slot.
        for (org, k, _) in &list {
            let parts = first.draft.parts(&k.question, k.slot.clone());
            prop_assert_eq!(parts.iter().filter(|p| p.from.iter().any(|f| f == names[*org])).count(), 1);
        }
    }

    #[test]
    fn every_imported_word_is_placed_structure_or_kept((document, words_in) in reply_document()) {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path();
        std::fs::write(p.join("jointly.toml"), "[submission]\nquestionnaire = \"wsis20\"\n").unwrap();
        std::fs::create_dir(p.join("inputs")).unwrap();
        std::fs::write(p.join("reply.md"), &document).unwrap();
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_jointly"))
            .args(["import", "reply.md", "--org", "X", "--name", "Xena"])
            .current_dir(p)
            .output()
            .unwrap();
        let stdout = String::from_utf8_lossy(&out.stdout);
        prop_assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        let [placed, structure, unplaced] = crate::trust::import_counts(&stdout);
        prop_assert_eq!(placed + structure + unplaced, words_in, "{}\n---\n{}", stdout, document);
    }
}
