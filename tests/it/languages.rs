//! Submissions in the UN's six languages: the labels jointly writes, in every format; Word files
//! that carry their language and read right to left; questionnaires in several languages.

use crate::docx::{Docx, assert_same_words, pdf_text, sorted_words};
use crate::support::{Project, words};

const LANGUAGES: [&str; 6] = ["ar", "en", "es", "fr", "ru", "zh"];

/// A language's built-in labels, read from its data file.
fn labels(language: &str) -> toml::Table {
    let path = format!("{}/src/labels/{language}.toml", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(path).unwrap().parse().unwrap()
}

fn label<'a>(labels: &'a toml::Table, key: &str) -> &'a str {
    labels[key].as_str().unwrap()
}

/// The French example, switched to `language`: its questionnaire is in English and French.
fn example_in(language: &str) -> Project {
    let p = Project::example_named("fr-inclusion");
    let config = p
        .read("jointly.toml")
        .replace("language = \"fr\"", &format!("language = \"{language}\""));
    p.write("jointly.toml", &config);
    p
}

/// The words of a built Word file: its body, footnotes, header and footer, in that order.
fn docx_text(p: &Project, file: &str) -> (String, String) {
    let docx = Docx::read(&std::fs::read(p.file(file)).unwrap());
    let text = |names: &mut dyn Iterator<Item = &String>| {
        names
            .flat_map(|name| docx.paragraphs(name))
            .map(|(_, _, text)| text)
            .collect::<Vec<_>>()
            .join("\n")
    };
    let parts = |wanted: &dyn Fn(&str) -> bool| {
        let names = docx.parts.keys().filter(|n| wanted(n));
        text(&mut names.collect::<Vec<_>>().into_iter())
    };
    // The body first, then its notes.
    let body = [
        parts(&|n| n == "word/document.xml"),
        parts(&|n| n == "word/footnotes.xml"),
    ]
    .join("\n");
    let around = parts(&|n| n.starts_with("word/header") || n.starts_with("word/footer"));
    (body, around)
}

#[test]
fn every_format_writes_the_same_labels_in_each_language() {
    let english = labels("en");
    for language in LANGUAGES {
        let ours = labels(language);
        let p = example_in(language);
        p.run(&["build", "--format", "all"]).success();
        p.run(&["build", "--format", "text"]).success();
        let md = p.read("out/submission-draft.md");
        let txt = p.read("out/submission-draft.txt");
        let (docx, around) = docx_text(&p, "out/submission-draft.docx");
        // The Word file says "Draft" in its page header; the others at the top.
        let docx_all = format!("{docx}\n{around}");
        for key in ["signatories_intro", "draft_notice", "no_joint_answer"] {
            let wanted = label(&ours, key);
            for (format, text) in [("Markdown", &md), ("Word", &docx_all), ("text", &txt)] {
                assert!(
                    text.contains(wanted),
                    "{language}: {key} {wanted:?} missing from the {format}"
                );
            }
        }
        let answer = format!("{} {}", label(&ours, "answer"), label(&ours, "no"));
        assert!(docx.contains(&answer), "{language}: {answer}\n{docx}");
        assert!(
            md.contains(&format!(
                "**{}** {}",
                label(&ours, "answer"),
                label(&ours, "no")
            )),
            "{language}\n{md}"
        );
        assert!(
            txt.contains(&format!("{} {}", label(&ours, "tick"), label(&ours, "no"))),
            "{language}\n{txt}"
        );
        let page = label(&ours, "page");
        let before_page = page.split("{page}").next().unwrap().trim();
        if !before_page.is_empty() {
            assert!(
                around.contains(before_page),
                "{language}: the footer says {around:?}"
            );
        }
        let count = label(&ours, "count");
        let before_count = count.split("{words}").next().unwrap();
        assert!(
            txt.contains(&format!("[{before_count}")),
            "{language}: counts\n{txt}"
        );
        // Markdown and Word say the same words: the Word file's body is the Markdown's text.
        // The right-to-left wrapper is markup, not words.
        let unwrapped: String = (md.lines())
            .filter(|l| !l.starts_with("<div dir=") && *l != "</div>")
            .collect::<Vec<_>>()
            .join("\n");
        let md_words = words(&unwrapped)
            .join(" ")
            .replacen(label(&ours, "draft_notice"), "", 1);
        assert_same_words(&sorted_words(&docx), &sorted_words(&md_words));
        // No English label is left in another language's submission.
        if language != "en" {
            for key in [
                "signatories_intro",
                "draft_notice",
                "no_joint_answer",
                "answer",
                "tick",
                "counting_rule",
            ] {
                let english = label(&english, key);
                for (format, text) in [("Markdown", &md), ("Word", &docx), ("text", &txt)] {
                    assert!(
                        !text.contains(english),
                        "{language}: English {english:?} in the {format}"
                    );
                }
            }
            assert!(
                !around.contains("Page") || language == "fr",
                "{language}: {around}"
            );
        }
    }
}

#[test]
fn the_french_and_arabic_examples_write_no_english_label() {
    let english = labels("en");
    for (example, language) in [("fr-inclusion", "fr"), ("ar-access", "ar")] {
        let p = Project::example_named(example);
        let check = p.run(&["check"]).success();
        assert!(
            check.stdout.contains("no problems found"),
            "{example}: {}{}",
            check.stdout,
            check.stdout
        );
        for args in [
            &["build", "--format", "all"][..],
            &["build", "--format", "all", "--review"],
            &["build", "--format", "text"],
        ] {
            p.run(args).success();
        }
        let ours = labels(language);
        let mut outputs = vec![
            p.read("out/submission-draft.md"),
            p.read("out/submission-review.md"),
            p.read("out/submission-draft.txt"),
        ];
        for file in ["out/submission-draft.docx", "out/submission-review.docx"] {
            let (body, around) = docx_text(&p, file);
            outputs.push(body);
            outputs.push(around);
        }
        for (key, text) in &english {
            let text = text.as_str().unwrap();
            // Words shared by both languages ("Introduction", "Question") are no sign of English.
            let own = ours.get(key).and_then(|v| v.as_str()).unwrap_or("");
            let pieces = text
                .split(['{', '}'])
                .map(str::trim)
                .filter(|p| p.len() > 3);
            for piece in pieces.filter(|p| !own.contains(p)) {
                for out in &outputs {
                    assert!(
                        !out.contains(piece),
                        "{example}: English {key} {piece:?}\n{out}"
                    );
                }
            }
        }
        let review = p.read("out/submission-review.md");
        assert!(
            review.contains(&label(&ours, "from").replace("{organisations}", "")),
            "{example}: {review}"
        );
    }
}

#[test]
fn an_arabic_word_file_reads_right_to_left() {
    let p = Project::example_named("ar-access");
    p.run(&["build", "--format", "all"]).success();
    let docx = Docx::read(&std::fs::read(p.file("out/submission-draft.docx")).unwrap());
    let document = &docx.parts["word/document.xml"];
    let paragraphs = document.matches("<w:p>").count();
    assert_eq!(
        document.matches("<w:bidi/>").count(),
        paragraphs,
        "every paragraph is right to left"
    );
    assert!(
        document.contains("<w:rtl/>"),
        "Arabic runs are right to left"
    );
    // An English name inside Arabic keeps its own direction: its run is not marked.
    let name = document
        .find(">Digital Access Lab (DAL)<")
        .expect("the English name, a run of its own");
    let run = &document[document[..name].rfind("<w:r>").unwrap()..name];
    assert!(!run.contains("<w:rtl/>"), "{run}");
    assert!(docx.parts["word/footnotes.xml"].contains("<w:bidi/>"));
    let styles = &docx.parts["word/styles.xml"];
    assert!(
        styles.contains(r#"w:bidi="ar-SA""#),
        "the language, for spelling and hyphenation"
    );
    assert!(docx.parts["docProps/core.xml"].contains("<dc:language>ar</dc:language>"));
    // The Markdown says so to any viewer that reads HTML, without invisible marks.
    let md = p.read("out/submission-draft.md");
    assert!(md.starts_with("<div dir=\"rtl\" lang=\"ar\">\n\n# "));
    assert!(md.trim_end().ends_with("</div>"));
    assert!(!md.contains([
        '\u{200e}', '\u{200f}', '\u{202b}', '\u{202c}', '\u{2067}', '\u{2069}'
    ]));
    // Signatories in Arabic order: the Arabic script before the Latin.
    let arabic = md.find("- الشبكة العربية").unwrap();
    assert!(arabic < md.find("- Digital Access Lab").unwrap());
}

#[test]
#[ignore = "needs LibreOffice (soffice) and pdftotext"]
fn libreoffice_lays_out_an_arabic_word_file_from_the_right() {
    let p = Project::example_named("ar-access");
    p.run(&["build", "--format", "docx"]).success();
    pdf_text(&p, "submission-draft");
    let out = std::process::Command::new("pdftotext")
        .args(["-bbox", "pdf/submission-draft.pdf", "-"])
        .current_dir(p.path())
        .output()
        .expect("pdftotext (poppler-utils)");
    let html = String::from_utf8_lossy(&out.stdout);
    // Every word with its box: (xMin, yMin, xMax, text).
    let boxes: Vec<(f64, f64, f64, String)> = html
        .lines()
        .filter(|l| l.trim_start().starts_with("<word "))
        .map(|l| {
            let num = |name: &str| -> f64 {
                let at = l.find(&format!("{name}=\"")).unwrap() + name.len() + 2;
                l[at..at + l[at..].find('"').unwrap()].parse().unwrap()
            };
            let text = l[l.find('>').unwrap() + 1..l.rfind("</word>").unwrap()].to_string();
            (num("xMin"), num("yMin"), num("xMax"), text)
        })
        .collect();
    let width = html
        .lines()
        .find_map(|l| l.trim_start().strip_prefix("<page width=\""))
        .and_then(|w| w.split('"').next())
        .and_then(|w| w.parse::<f64>().ok())
        .expect("a page");
    let right_edge = boxes.iter().map(|b| b.2).fold(0.0, f64::max);
    // pdftotext writes Arabic words in the order their letters are drawn: right to left.
    let drawn = |word: &str| word.chars().rev().collect::<String>();
    // A short heading ends at the right margin and leaves the left of the page empty. (The
    // title has the word too: the heading is its second appearance.)
    let heading = (boxes.iter())
        .filter(|b| b.3 == "الوصول" || b.3 == drawn("الوصول"))
        .nth(1)
        .unwrap_or_else(|| panic!("no heading on the page: {html}"));
    assert!(
        right_edge - heading.2 < 2.0,
        "{heading:?} against the right edge {right_edge}"
    );
    assert!(
        heading.0 > width / 2.0,
        "{heading:?} on a page {width} wide"
    );
    // The footnote's number stands on the right of its text, at the right margin.
    let note = boxes
        .iter()
        .find(|b| b.3 == "مسح" || b.3 == drawn("مسح"))
        .expect("the footnote's first word");
    let number = boxes
        .iter()
        .rfind(|b| b.3 == "1" && (b.1 - note.1).abs() < 6.0)
        .expect("the footnote's number, on its line");
    assert!(number.0 > note.2, "number {number:?} right of {note:?}");
    assert!(right_edge - number.2 < 2.0, "{number:?}");
}

#[test]
fn a_project_words_labels_its_own_way_and_is_told_of_mistakes() {
    let p = example_in("pt-BR");
    let check = p.run(&["check"]).success();
    assert!(
        check.stdout.contains("no labels in `pt-BR`"),
        "{}",
        check.stdout
    );
    assert!(
        check.stdout.contains("not given in `pt-BR`"),
        "{}",
        check.stdout
    );
    let config = p.read("jointly.toml")
        + "\n[labels]\ndraft_notice = \"Rascunho – não enviar\"\npage = \"Página {page} de {pages}\"\n";
    p.write("jointly.toml", &config);
    p.run(&["build", "--format", "all"]).success();
    p.run(&["build", "--format", "text"]).success();
    let (_, around) = docx_text(&p, "out/submission-draft.docx");
    for text in [
        &p.read("out/submission-draft.md"),
        &p.read("out/submission-draft.txt"),
        &around,
    ] {
        assert!(text.contains("Rascunho – não enviar"), "{text}");
    }
    assert!(
        around.contains("Página") && around.contains(" de "),
        "{around}"
    );

    // A misspelt key, a word in braces jointly does not fill in, a missing one.
    for (line, error) in [
        ("draft_notise = \"x\"", "did you mean `draft_notice`?"),
        (
            "question = \"Pergunta {numero}\"",
            "uses {numero}, which jointly does not fill in",
        ),
        ("language = \"Portuguese\"", "is not a language tag"),
    ] {
        let broken = if line.starts_with("language") {
            config.replace("language = \"pt-BR\"", line)
        } else {
            format!("{config}{line}\n")
        };
        p.write("jointly.toml", &broken);
        let out = p.run(&["check"]).failure();
        assert!(out.stdout.contains(error), "{line}: {}", out.stdout);
        assert!(
            out.stdout.contains("jointly.toml:"),
            "a line and column: {}",
            out.stdout
        );
    }
    p.write(
        "jointly.toml",
        &format!("{config}count = \"Palavras: {{words}}\"\n"),
    );
    let out = p.run(&["check"]).success();
    assert!(
        out.stdout.contains("leaves out {characters}"),
        "{}",
        out.stdout
    );
}

#[test]
fn a_questionnaire_in_several_languages_gives_the_submission_its_own() {
    let p = Project::example_named("fr-inclusion");
    p.run(&["build", "-o", "-"])
        .success()
        .stdout_has("### 1. Qu'est-ce qui empêche");
    let english = example_in("en");
    let md = english.run(&["build", "-o", "-"]).success().stdout;
    assert!(
        md.contains("### 1. What keeps people from using digital public services"),
        "{md}"
    );
    assert!(md.contains("#### 3(b) What should change?"), "{md}");
    assert!(md.contains("**Answer:** No"), "{md}");
    // A language the questionnaire does not give falls back to its own, with a warning.
    let spanish = example_in("es");
    let check = spanish.run(&["check"]).success();
    assert!(
        check.stdout.contains("not given in `es`"),
        "{}",
        check.stdout
    );
    let md = spanish.run(&["build", "-o", "-"]).success().stdout;
    assert!(md.contains("### 1. What keeps people"), "{md}");
    assert!(md.contains("Contribución conjunta presentada por"), "{md}");
    // A table of texts needs language tags for keys.
    let q = spanish
        .read("questionnaire.toml")
        .replace("fr = \"Accès\"", "french = \"Accès\"");
    spanish.write("questionnaire.toml", &q);
    let out = spanish.run(&["check"]).failure();
    assert!(
        out.stdout.contains("`french` is not a language tag"),
        "{}",
        out.stdout
    );
    assert!(out.stdout.contains("questionnaire.toml:"), "{}", out.stdout);
}

#[test]
fn chinese_answers_are_counted_a_word_per_character() {
    let p = example_in("zh");
    let input = p.read("inputs/avc.toml").replace(
        "[answers.q2]",
        "[answers.q4]\ntext = \"我们的社区网络覆盖十二个村庄。\"\n\n[answers.q2]",
    );
    p.write("inputs/avc.toml", &input);
    p.run(&["build", "--format", "text"]).success();
    let txt = p.read("out/submission-draft.txt");
    // Fourteen Han characters and a full stop: fourteen words, fifteen characters.
    assert!(txt.contains("[字数：14，字符数：15]"), "{txt}");
}

#[test]
fn a_french_or_arabic_submission_imports_back_without_its_labels() {
    for (example, questions) in [
        ("fr-inclusion", "found 5 of 5 questions"),
        ("ar-access", "found 4 of 4 questions"),
    ] {
        let p = Project::example_named(example);
        p.run(&["build", "--format", "all"]).success();
        for file in ["out/submission-draft.md", "out/submission-draft.docx"] {
            // The draft notice, the signatory line and "no joint answer" are jointly's own words:
            // structure, not an organisation's text. (The co-signers' names stay unplaced.)
            let run = p
                .run(&["import", file, "--org", "NEW", "--name", "New", "--dry-run"])
                .success();
            assert!(
                run.stdout.contains(questions),
                "{example} {file}: {}",
                run.stdout
            );
            let output = format!("{}{}", run.stdout, run.stderr);
            assert!(output.contains("q2 choice"), "the yes/no answer: {output}");
            assert!(
                !output.contains("<div") && !output.contains("</div>"),
                "{output}"
            );
            let labels = labels(if example == "fr-inclusion" {
                "fr"
            } else {
                "ar"
            });
            for key in ["draft_notice", "signatories_intro", "no_joint_answer"] {
                let text = label(&labels, key);
                assert!(
                    !output.contains(text),
                    "{example} {file}: {key} unplaced\n{output}"
                );
            }
        }
    }
}

#[test]
fn an_empty_label_or_a_questionnaire_language_that_is_no_tag_is_an_error() {
    let p = Project::example_named("ec-survey");
    p.write(
        "jointly.toml",
        &(p.read("jointly.toml") + "\n[labels]\nyes = \"\"\n"),
    );
    let out = p.run(&["check"]).failure().stdout;
    assert!(out.contains("the label `yes` is empty"), "{out}");
    let p = Project::example_named("fr-inclusion");
    p.write(
        "questionnaire.toml",
        &p.read("questionnaire.toml")
            .replace("language = \"en\"", "language = \"english\""),
    );
    let out = p.run(&["check"]).failure().stdout;
    assert!(
        out.contains("`language = \"english\"` is not a language tag"),
        "{out}"
    );
}
