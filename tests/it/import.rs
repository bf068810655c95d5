//! `jointly import` (Word, Markdown, text; unplaced text; bad files; round trips) and
//! `jointly build --format text`.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::Path;

use crate::support::Project;

/// What a reader reads of an answer: the words of its text, and the words of its footnotes
/// (where a footnote's definition sits in the Markdown source does not change the text).
fn reading(md: &str) -> (Vec<String>, Vec<String>) {
    use pulldown_cmark::{Event, Parser, Tag, TagEnd};
    let (mut body, mut notes, mut in_note) = (String::new(), String::new(), false);
    for e in Parser::new_ext(md, jointly::markdown::PARSER_OPTIONS) {
        let target = if in_note { &mut notes } else { &mut body };
        match e {
            Event::Start(Tag::FootnoteDefinition(_)) => in_note = true,
            Event::End(TagEnd::FootnoteDefinition) => {
                in_note = false;
                notes.push(' ');
            }
            Event::Text(t) | Event::Code(t) => target.push_str(&t),
            Event::SoftBreak
            | Event::HardBreak
            | Event::End(TagEnd::Paragraph | TagEnd::Item)
            | Event::Start(Tag::Item) => target.push(' '),
            _ => {}
        }
    }
    let split = |s: &str| s.split_whitespace().map(str::to_string).collect::<Vec<_>>();
    let mut notes = split(&notes);
    notes.sort();
    (split(&body), notes)
}

/// What a reader reads of each question's answer in a Markdown submission, by number.
fn answers(md: &str) -> BTreeMap<String, (Vec<String>, Vec<String>)> {
    let mut out = BTreeMap::new();
    let mut current: Option<String> = None;
    let mut text = String::new();
    for line in md.lines().chain(std::iter::once("## end")) {
        if line.starts_with("### ") || line.starts_with("## ") {
            if let Some(q) = current.take() {
                out.insert(q, reading(&text));
            }
            text.clear();
            if let Some(rest) = line.strip_prefix("### ") {
                current = rest.split('.').next().map(str::to_string);
            }
            continue;
        }
        if line.starts_with('<') && line.ends_with('>') {
            continue; // the question's link
        }
        text.push_str(line);
        text.push('\n');
    }
    out
}

/// An empty wsis20 project.
fn fresh() -> Project {
    let p = Project::empty();
    p.run(&["init", "."]).success();
    p
}

fn round_trip(file_in_example: &str, imported_name: &str) {
    let example = Project::example();
    example.run(&["build", "--format", "all"]).success();
    round_trip_from(&example, file_in_example, imported_name);
}

fn round_trip_from(example: &Project, file_in_example: &str, imported_name: &str) {
    let original = answers(&example.read("out/submission-draft.md"));
    let p = fresh();
    std::fs::copy(example.file(file_in_example), p.file(imported_name)).unwrap();
    let run = p
        .run(&[
            "import",
            imported_name,
            "--org",
            "RT",
            "--name",
            "Round Trip",
        ])
        .success();
    assert!(
        run.stdout.contains("found 11 of 11 questions"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains(", 0 not placed"),
        "{}\n{}",
        run.stdout,
        run.stderr
    );
    let rebuilt = answers(&p.run(&["build", "-o", "-"]).success().stdout);
    assert_eq!(original.len(), 11);
    for (q, w) in &original {
        assert_eq!(
            rebuilt.get(q),
            Some(w),
            "question {q} differs after importing {imported_name}"
        );
    }
}

#[test]
fn round_trip_through_jointly_docx() {
    round_trip("out/submission-draft.docx", "submission.docx");
}

#[test]
fn round_trip_through_jointly_markdown() {
    round_trip("out/submission-draft.md", "submission.md");
}

#[test]
#[ignore = "needs pandoc"]
fn a_docx_made_by_pandoc_imports_too() {
    let example = Project::example();
    example.run(&["build"]).success();
    let status = std::process::Command::new("pandoc")
        .args([
            "-f",
            "markdown-smart",
            "out/submission-draft.md",
            "-o",
            "pandoc.docx",
        ])
        .current_dir(example.path())
        .status()
        .expect("pandoc must be installed (apt-get install pandoc)");
    assert!(status.success());
    round_trip_from(&example, "pandoc.docx", "pandoc.docx");
}

const TEXT: &str = "Our organisation's contribution\n\nA note for the coalition: please check the figures.\n\nQuestion 1\nWhat are the main achievements?\n\nAccess grew\nacross the region.\n\n2) What are ITUs main contributions towards the implementation of the WSIS Process in 20 Years?\n\n• Statistics.\n• Standards.\n\n7. have you any suggestions and inputs on the WSIS+20 review action lines, highlighting key milestones, challenges and emerging trends beyond 2025 prepared by the WSIS action line facilitators\n\nWe suggest:\n\n● C2 information and communication infrastructure - build it.\n● C7 ICT applications: e-health first.\n\nThank you.\n";

#[test]
fn plain_text_finds_questions_splits_action_lines_and_keeps_the_rest() {
    let p = fresh();
    p.write("ours.txt", TEXT);
    let run = p.run(&["import", "ours.txt", "--org", "TXT"]).success();
    assert!(
        run.stdout.contains("found 3 of 11 questions"),
        "{}",
        run.stdout
    );
    assert!(
        run.stderr
            .contains("not placed: ours.txt, line 1 (before the first question)"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("ours.txt, line 3"), "{}", run.stderr);
    let t: toml::Table = p.read("inputs/txt.toml").parse().unwrap();
    let a = &t["answers"];
    assert_eq!(
        a["q1"]["text"].as_str().unwrap().trim(),
        "Access grew across the region."
    );
    assert_eq!(
        a["q2"]["text"].as_str().unwrap().trim(),
        "- Statistics.\n- Standards."
    );
    assert_eq!(a["q7"]["text"].as_str().unwrap().trim(), "We suggest:");
    assert_eq!(
        a["q7"]["action_lines"]["C2"].as_str().unwrap().trim(),
        "build it."
    );
    assert_eq!(
        a["q7"]["action_lines"]["C7"].as_str().unwrap().trim(),
        "e-health first."
    );
    assert_eq!(a["q7"]["closing"].as_str().unwrap().trim(), "Thank you.");
    let unplaced = t["unplaced"].as_array().unwrap();
    assert_eq!(unplaced.len(), 2);
    assert_eq!(unplaced[1]["source"].as_str(), Some("ours.txt, line 3"));
    assert!(
        unplaced[1]["text"]
            .as_str()
            .unwrap()
            .contains("please check the figures")
    );
    // The input loads, and check points at what is left to place.
    p.run(&["check"])
        .success()
        .stdout_has("2 texts from an import are not placed in an answer");
}

#[test]
fn existing_answers_are_kept_unless_replace() {
    let p = fresh();
    p.write(
        "inputs/txt.toml",
        "[organisation]\nname = \"TXT\"\n[answers.q1]\ntext = \"Ours already.\"\n",
    );
    p.write("ours.txt", TEXT);
    p.run(&["import", "ours.txt", "--org", "TXT"])
        .success()
        .stderr_has(
            "nothing was replaced: q1 already had an answer in inputs/txt.toml, which was kept",
        );
    let t: toml::Table = p.read("inputs/txt.toml").parse().unwrap();
    assert_eq!(
        t["answers"]["q1"]["text"].as_str().unwrap().trim(),
        "Ours already."
    );
    assert!(t["unplaced"].as_array().unwrap().iter().any(|u| {
        u["reason"]
            .as_str()
            .unwrap()
            .contains("q1 already had an answer, which was kept")
    }));
    p.write(
        "inputs/txt.toml",
        "[organisation]\nname = \"TXT\"\n[answers.q1]\ntext = \"Ours already.\"\n",
    );
    p.run(&["import", "ours.txt", "--org", "TXT", "--replace"])
        .success();
    let t: toml::Table = p.read("inputs/txt.toml").parse().unwrap();
    assert!(
        t["answers"]["q1"]["text"]
            .as_str()
            .unwrap()
            .contains("Access grew")
    );
}

#[test]
fn importing_twice_says_plainly_that_nothing_was_replaced() {
    let p = fresh();
    p.write("ours.txt", TEXT);
    let first = p.run(&["import", "ours.txt", "--org", "TXT"]).success();
    let [placed, structure, unplaced] = crate::trust::import_counts(&first.stdout);
    assert!(placed > 0);
    let again = p.run(&["import", "ours.txt", "--org", "TXT"]).success();
    assert!(
        again.stderr.contains("warning: nothing was replaced:"),
        "{}",
        again.stderr
    );
    assert!(
        again.stderr.contains("is under [[unplaced]]"),
        "{}",
        again.stderr
    );
    // The same words, now counted where they went: none into answers.
    assert_eq!(
        crate::trust::import_counts(&again.stdout),
        [0, structure, unplaced + placed],
        "{}",
        again.stdout
    );
}

#[test]
fn a_dry_run_shows_where_each_text_goes_and_writes_nothing() {
    let p = fresh();
    p.write("ours.txt", TEXT);
    let run = p
        .run(&["import", "ours.txt", "--org", "TXT", "--dry-run"])
        .success();
    assert!(
        run.stdout.contains("dry run: nothing was written"),
        "{}",
        run.stdout
    );
    let q1 = run
        .stdout
        .lines()
        .find(|l| l.trim_start().starts_with("q1 "))
        .expect("q1's line");
    assert!(q1.contains("Access grew") && q1.contains("words)"), "{q1}");
    assert!(!p.exists("inputs/txt.toml"));
}

#[test]
fn footnotes_keep_their_numbers() {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/import");
    for (file, org) in [("headings.docx", "W"), ("signed.md", "M")] {
        let p = fresh();
        std::fs::copy(corpus.join(file), p.file(file)).unwrap();
        p.run(&["import", file, "--org", org]).success();
        let input: toml::Table = p
            .read(&format!("inputs/{}.toml", org.to_lowercase()))
            .parse()
            .unwrap();
        let q1 = input["answers"]["q1"]["text"].as_str().unwrap();
        assert!(q1.contains("abroad[^1]."), "{file}: {q1}");
        assert!(
            q1.contains("[^1]: Survey of forty member libraries"),
            "{file}: {q1}"
        );
    }
}

#[test]
fn bad_word_files_get_clear_errors() {
    let p = fresh();
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        (
            "random.docx",
            b"this is not a zip file at all".to_vec(),
            "not a Word (.docx) file",
        ),
        (
            "locked.docx",
            [
                &[0xD0u8, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1][..],
                &[0u8; 512][..],
            ]
            .concat(),
            "encrypted Word file, or an old-style .doc",
        ),
        (
            "cut.docx",
            b"PK\x03\x04broken".to_vec(),
            "the file is damaged",
        ),
        (
            "other.docx",
            zip_with(&[("hello.txt", b"hi".to_vec())]),
            "it has no document part",
        ),
        (
            "badxml.docx",
            zip_with(&[("word/document.xml", b"<w:document><w:body>".to_vec())]),
            "is not valid XML",
        ),
        (
            "bomb.docx",
            zip_with(&[("word/document.xml", vec![b' '; 70 << 20])]),
            "would expand beyond a sane size",
        ),
    ];
    for (name, bytes, message) in cases {
        std::fs::write(p.file(name), bytes).unwrap();
        let run = p.run(&["import", name, "--org", "X"]).failure();
        assert!(run.stderr.contains(message), "{name}: {}", run.stderr);
        assert!(!run.stderr.contains("panicked"), "{name}: {}", run.stderr);
    }
    assert!(
        !p.exists("inputs/x.toml"),
        "nothing is written on a failed import"
    );
    p.write("notes.pdf", "%PDF");
    p.run(&["import", "notes.pdf", "--org", "X"])
        .failure()
        .stderr_has("jointly reads .docx, .md and .txt files");
}

fn zip_with(entries: &[(&str, Vec<u8>)]) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, data) in entries {
        w.start_file(
            *name,
            zip::write::SimpleFileOptions::default()
                .compression_method(zip::CompressionMethod::Deflated),
        )
        .unwrap();
        w.write_all(data).unwrap();
    }
    w.finish().unwrap().into_inner()
}

#[test]
fn plain_text_output_for_web_forms() {
    let p = Project::example();
    p.run(&["build", "--format", "text"])
        .success()
        .stdout_has("out/submission-draft.txt");
    let txt = p.read("out/submission-draft.txt");
    assert!(
        !txt.contains("**") && !txt.contains("](") && !txt.contains("[^"),
        "no Markdown markup"
    );
    assert!(txt.contains(
        "4. What are the challenges that remain in the implementation of the WSIS process?\n"
    ));
    assert!(txt.contains("- C7 ICT applications (e-health) – Community health workers"));
    assert!(
        txt.contains("the WSIS evidence commons (https://ipic.example.org/wsis-evidence)"),
        "links written out"
    );
    assert!(
        txt.contains("[1] See our 2024 survey"),
        "footnotes after the answer"
    );
    assert!(
        txt.contains("[Words: ") && txt.contains(", characters: "),
        "counts per answer"
    );
    // One answer, for the clipboard.
    let run = p
        .run(&["build", "--format", "text", "--question", "q9"])
        .success();
    assert!(
        run.stdout
            .starts_with("The WSIS Forum and the IGF should be treated"),
        "{}",
        run.stdout
    );
    assert!(!run.stdout.contains("9. How can we"), "only the answer");
    assert!(run.stderr.contains("question 9: "));
    p.run(&["build", "--question", "q9"])
        .failure()
        .stderr_has("add --format text");
    p.run(&["build", "--format", "text", "--question", "q99"])
        .failure()
        .stderr_has("no question `q99`");
}
