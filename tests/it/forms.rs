//! Word forms out and back: `template --format docx`, filled in, saved by LibreOffice,
//! imported.

use std::io::{Read, Write};

use crate::support::{Project, words};

/// A Word file's parts, by name.
fn unzip(bytes: &[u8]) -> Vec<(String, Vec<u8>)> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    (0..archive.len())
        .map(|i| {
            let mut e = archive.by_index(i).unwrap();
            let mut data = Vec::new();
            e.read_to_end(&mut data).unwrap();
            (e.name().to_string(), data)
        })
        .collect()
}

fn zip_up(parts: &[(String, Vec<u8>)]) -> Vec<u8> {
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, data) in parts {
        out.start_file(name.as_str(), zip::write::SimpleFileOptions::default())
            .unwrap();
        out.write_all(data).unwrap();
    }
    out.finish().unwrap().into_inner()
}

/// The form's document.xml changed by `change`.
fn edit_document(path: &std::path::Path, change: impl Fn(&str) -> String) {
    let mut parts = unzip(&std::fs::read(path).unwrap());
    for (name, data) in &mut parts {
        if name == "word/document.xml" {
            *data = change(&String::from_utf8(data.clone()).unwrap()).into_bytes();
        }
    }
    std::fs::write(path, zip_up(&parts)).unwrap();
}

/// Types `text` (paragraphs) into the box named `name`, over its placeholder.
fn fill_box(xml: &str, name: &str, paragraphs: &[&str]) -> String {
    let tag = xml.find(&format!("w:val=\"{name}\"")).expect(name);
    let start = tag + xml[tag..].find("<w:sdtContent>").unwrap() + "<w:sdtContent>".len();
    let end = tag + xml[tag..].find("</w:sdtContent>").unwrap();
    let typed: String = paragraphs
        .iter()
        .map(|p| format!("<w:p><w:r><w:t xml:space=\"preserve\">{p}</w:t></w:r></w:p>"))
        .collect();
    format!("{}{typed}{}", &xml[..start], &xml[end..])
}

/// `file` of `p` saved again by LibreOffice as Word, into `saved/`, as an organisation using it
/// would send it back.
fn save_with_libreoffice(p: &Project, file: &str) {
    let status = std::process::Command::new("soffice")
        .args([
            "--headless",
            "--convert-to",
            "docx:MS Word 2007 XML",
            "--outdir",
            "saved",
            file,
        ])
        .current_dir(p.path())
        .env("HOME", p.path())
        .status()
        .expect("LibreOffice must be installed (apt-get install libreoffice-writer-nogui)");
    assert!(status.success());
}

/// Every answer of an input, as (question, slot name, words).
fn answers_of(p: &Project, file: &str) -> Vec<(String, String, Vec<String>)> {
    let t: toml::Table = p.read(file).parse().unwrap();
    let mut out = Vec::new();
    for (q, a) in t["answers"].as_table().unwrap() {
        let a = a.as_table().unwrap();
        for key in ["text", "closing", "choice"] {
            let text = match a.get(key) {
                Some(toml::Value::String(s)) => s.clone(),
                // A multiple choice: its options, one per line.
                Some(toml::Value::Array(options)) => (options.iter())
                    .filter_map(|o| o.as_str())
                    .collect::<Vec<_>>()
                    .join("\n"),
                _ => continue,
            };
            out.push((q.clone(), key.to_string(), words(&text)));
        }
        if let Some(lines) = a.get("action_lines").and_then(|v| v.as_table()) {
            for (code, text) in lines {
                out.push((q.clone(), code.clone(), words(text.as_str().unwrap())));
            }
        }
    }
    // Blank answers, as the template leaves them, are no answer.
    out.retain(|(_, _, w)| !w.is_empty());
    // Word for word: the same words, wherever a footnote's text lands.
    for (_, _, w) in &mut out {
        w.sort();
    }
    out.sort();
    out
}

#[test]
fn a_form_has_a_named_box_for_every_answer_and_the_answers_in_them() {
    let p = Project::example();
    p.run(&["template", "--org", "ADC", "--format", "docx"])
        .success()
        .stdout_has("wrote forms/adc.docx");
    let parts = unzip(&std::fs::read(p.file("forms/adc.docx")).unwrap());
    let xml = String::from_utf8(
        parts
            .iter()
            .find(|(n, _)| n == "word/document.xml")
            .unwrap()
            .1
            .clone(),
    )
    .unwrap();
    for name in [
        "jointly:q1:text",
        "jointly:q2:text",
        "jointly:q7:text",
        "jointly:q7:line:C2",
        "jointly:q7:line:C7.e-health",
        "jointly:q7:closing",
    ] {
        assert!(
            xml.contains(&format!("<w:tag w:val=\"{name}\"/>")),
            "{name}"
        );
        assert!(
            xml.contains(&format!("[{name}]\"/>")),
            "{name} in the box's title"
        );
    }
    assert!(
        xml.contains("Twenty years on"),
        "ADC's answer is in its box"
    );
    assert!(
        xml.contains("Write your answer here."),
        "an empty box says what to do"
    );
    // Imported as it is, it gives ADC's answers back.
    p.run(&[
        "import",
        "forms/adc.docx",
        "--org",
        "TWIN",
        "--name",
        "Twin",
    ])
    .success()
    .stdout_has(", 0 not placed");
    assert_eq!(
        answers_of(&p, "inputs/adc.toml"),
        answers_of(&p, "inputs/twin.toml")
    );
    // A link inside a footnote keeps its address.
    assert!(
        p.read("inputs/twin.toml")
            .contains("agora-digital.example.org/conectados-pela-metade")
    );
    // A form may have come back and been saved there: it is never replaced.
    p.run(&["template", "--all", "--format", "docx"])
        .failure()
        .stderr_has("forms/adc.docx");
    std::fs::remove_file(p.file("forms/adc.docx")).unwrap();
    p.run(&["template", "--all", "--format", "docx"])
        .success()
        .stdout_has("forms/osct.docx")
        .stdout_has("`jointly import FILE --org \"ADC\" --replace`");
}

#[test]
#[ignore = "needs LibreOffice (soffice)"]
fn a_filled_form_saved_by_libreoffice_imports_word_for_word() {
    let p = Project::example();
    p.run(&["template", "--org", "ADC", "--format", "docx"])
        .success();
    let form = p.file("forms/adc.docx");
    edit_document(&form, |xml| {
        let xml = fill_box(
            xml,
            "jointly:q2:text",
            &["A new answer to two.", "Its second paragraph."],
        );
        let xml = fill_box(
            &xml,
            "jointly:q7:line:C3",
            &["Access to information, typed in the form."],
        );
        // A note typed between two boxes, outside them.
        let at = xml.find("<w:tbl>").unwrap();
        format!(
            "{}<w:p><w:r><w:t>A note typed outside the boxes.</w:t></w:r></w:p>{}",
            &xml[..at],
            &xml[at..]
        )
    });
    save_with_libreoffice(&p, "forms/adc.docx");
    let run = p
        .run(&[
            "import",
            "saved/adc.docx",
            "--org",
            "BACK",
            "--name",
            "Back",
        ])
        .success();
    let output = format!("{}{}", run.stdout, run.stderr);
    assert!(
        output.contains("A note typed outside the boxes."),
        "{output}"
    );
    let back = answers_of(&p, "inputs/back.toml");
    let mut expected = answers_of(&p, "inputs/adc.toml");
    expected.push((
        "q2".into(),
        "text".into(),
        words("A new answer to two.\n\nIts second paragraph."),
    ));
    expected.retain(|(q, slot, _)| !(q == "q7" && slot == "C3"));
    expected.push((
        "q7".into(),
        "C3".into(),
        words("Access to information, typed in the form."),
    ));
    for (_, _, w) in &mut expected {
        w.sort();
    }
    expected.sort();
    assert_eq!(back, expected);
    let t = p.read("inputs/back.toml");
    assert!(
        t.contains("[[unplaced]]") && t.contains("A note typed outside the boxes."),
        "{t}"
    );
}

#[test]
fn a_form_without_its_boxes_still_imports_by_question() {
    let p = Project::example();
    p.run(&["template", "--org", "ADC", "--format", "docx"])
        .success();
    // Every question answered: the empty boxes filled in.
    edit_document(&p.file("forms/adc.docx"), |xml| {
        let mut xml = xml.to_string();
        for q in ["q2", "q5", "q6", "q8", "q11"] {
            let sentence = format!("Our answer to {q}, typed in the form.");
            xml = fill_box(&xml, &format!("jointly:{q}:text"), &[&sentence]);
        }
        xml
    });
    // Pasted into a new document: the boxes' frames and controls are gone, the text stays.
    edit_document(&p.file("forms/adc.docx"), |xml| {
        let mut out = xml.to_string();
        for tag in ["w:tbl", "w:tr", "w:tc", "w:sdt", "w:sdtContent"] {
            out = out
                .replace(&format!("<{tag}>"), "")
                .replace(&format!("</{tag}>"), "");
        }
        for props in ["w:tblPr", "w:tblGrid", "w:tcPr", "w:sdtPr"] {
            while let Some(start) = out.find(&format!("<{props}>")) {
                let end =
                    out[start..].find(&format!("</{props}>")).unwrap() + start + props.len() + 3;
                out.replace_range(start..end, "");
            }
        }
        out.replace("JointlyFormText", "Normal")
    });
    let out = p
        .run(&[
            "import",
            "forms/adc.docx",
            "--org",
            "PASTE",
            "--name",
            "Pasted",
        ])
        .success()
        .stdout;
    let answered: std::collections::BTreeSet<String> = answers_of(&p, "inputs/paste.toml")
        .into_iter()
        .map(|(q, _, _)| q)
        .collect();
    assert!(answered.len() >= 10, "{answered:?}\n{out}");
}

#[test]
#[ignore = "needs LibreOffice (soffice)"]
fn forms_with_parts_and_choices_come_back_word_for_word_through_libreoffice() {
    for (example, org, file) in [
        ("ec-survey", "CNA", "cna"),
        ("sr-privacy", "DRN", "drn"),
        ("fr-inclusion", "REN", "ren"),
    ] {
        let p = Project::example_named(example);
        p.run(&["template", "--org", org, "--format", "docx"])
            .success();
        save_with_libreoffice(&p, &format!("forms/{file}.docx"));
        let saved = format!("saved/{file}.docx");
        p.run(&["import", &saved, "--org", "BACK", "--name", "Back"])
            .success()
            .stdout_has(", 0 not placed");
        assert_eq!(
            answers_of(&p, &format!("inputs/{file}.toml")),
            answers_of(&p, "inputs/back.toml"),
            "{example}"
        );
    }
}

#[test]
fn text_near_a_box_or_in_a_box_for_a_missing_question_is_not_lost() {
    let p = Project::example_named("sr-privacy");
    p.run(&["template", "--org", "OCF", "--format", "docx"])
        .success();
    // Typed into the empty line after the first box.
    edit_document(&p.file("forms/ocf.docx"), |xml| {
        let at = xml.find("</w:tbl><w:p>").unwrap() + "</w:tbl><w:p>".len();
        format!(
            "{}<w:r><w:t>Typed just under the box.</w:t></w:r>{}",
            &xml[..at],
            &xml[at..]
        )
    });
    // A question renamed after the form went out.
    let q = p
        .read("questionnaire.toml")
        .replace("id = \"q2b\"", "id = \"q2c\"");
    p.write("questionnaire.toml", &q);
    let run = p
        .run(&[
            "import",
            "forms/ocf.docx",
            "--org",
            "N",
            "--name",
            "N",
            "--dry-run",
        ])
        .success();
    let out = format!("{}{}", run.stdout, run.stderr);
    assert!(out.contains("Typed just under the box."), "{out}");
    assert!(
        out.contains("in an answer box for a question this questionnaire does not have"),
        "{out}"
    );
}
