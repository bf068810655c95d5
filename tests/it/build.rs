//! `jointly build`: the example, word accounting, structure, pandoc.

use std::collections::BTreeSet;

use crate::support::{Project, words};

#[test]
fn the_example_builds() {
    let p = Project::example();
    p.run(&["build"])
        .success()
        .stdout_has("wrote out/submission-draft.md");
    let md = p.read("out/submission-draft.md");
    assert!(
        md.starts_with("# Call for Inputs: WSIS+20 Review\n"),
        "{md}"
    );
    assert!(
        md.contains("Submitted jointly by the following organisations (in alphabetical order):")
    );
    assert_eq!(md.matches("\n## ").count(), 4, "four section headings");
    assert_eq!(md.matches("\n### ").count(), 11, "eleven questions");
    assert!(md.contains("### 5. Which specific Action Lines have had the most significant impact, and why?\n\n### 6."), "q5 stays unanswered");
}

#[test]
fn signatories_are_in_collation_order_and_non_signers_are_left_out() {
    let p = Project::example();
    let md = p.run(&["build", "-o", "-"]).success().stdout;
    let list: Vec<&str> = md
        .lines()
        .skip_while(|l| !l.starts_with("Submitted jointly"))
        .skip(2)
        .take_while(|l| l.starts_with("- "))
        .collect();
    assert_eq!(
        list,
        [
            "- Ágora Digital Cidadã (ADC)",
            "- Coalition des Radios Communautaires de l'Ouest (CRCO)",
            "- Kasuku Rural Connectivity Network (KRCN)",
            "- The Open Spectrum Commons Trust (OSCT)",
        ]
    );
    assert!(
        !md.contains("- Institute for Public Interest Computing"),
        "IPIC does not sign"
    );
}

#[test]
fn answers_get_typographic_punctuation_unless_the_project_says_no() {
    let p = Project::example();
    let md = p.run(&["build", "-o", "-"]).success().stdout;
    assert!(md.contains("Côte d’Ivoire"), "an apostrophe in an answer");
    assert!(!md.contains("Côte d'Ivoire"));
    // The questionnaire's own wording stays as it is.
    assert!(md.contains("What are ITUs main contributions"));
    let config = p
        .read("jointly.toml")
        .replace("[output]", "[output]\nsmart_punctuation = false");
    p.write("jointly.toml", &config);
    let md = p.run(&["build", "-o", "-"]).success().stdout;
    assert!(md.contains("Côte d'Ivoire"), "as written");
}

#[test]
fn every_word_of_every_input_is_in_the_submission() {
    let p = Project::example();
    let md = p.run(&["build", "-o", "-"]).success().stdout;
    let out: BTreeSet<String> = words(&md).into_iter().collect();
    let mut checked = 0;
    for entry in std::fs::read_dir(p.file("inputs")).unwrap() {
        let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
        let doc: toml::Table = text.parse().unwrap();
        let Some(answers) = doc.get("answers").and_then(|a| a.as_table()) else {
            continue;
        };
        for answer in answers.values() {
            let mut texts = vec![];
            for key in ["text", "closing"] {
                texts.extend(answer.get(key).and_then(|v| v.as_str()));
            }
            if let Some(lines) = answer.get("action_lines").and_then(|v| v.as_table()) {
                texts.extend(lines.values().filter_map(|v| v.as_str()));
            }
            for t in texts {
                // As the submission prints it: with typographic quotes, dashes and ellipses.
                for w in words(&jointly::markdown::typographic(t)) {
                    assert!(
                        out.contains(&w),
                        "word {w:?} of an input is missing from the submission"
                    );
                    checked += 1;
                }
            }
        }
    }
    assert!(checked > 1000, "only {checked} words checked");
}

#[test]
fn a_shared_contribution_appears_once() {
    let p = Project::example();
    let md = p.run(&["build", "-o", "-"]).success().stdout;
    let q9 = std::fs::read_to_string(p.file("inputs/adc.toml")).unwrap();
    // Take the first sentence of ADC's q9 answer, which KRCN sent word for word too.
    let doc: toml::Table = q9.parse().unwrap();
    let text = doc["answers"]["q9"]["text"].as_str().unwrap();
    let sentence = text.split('.').next().unwrap().trim();
    assert_eq!(
        md.matches(sentence).count(),
        1,
        "{sentence:?} should appear once"
    );
}

#[test]
fn output_is_commonmark_with_answers_demoted_and_html_neutralised() {
    let p = Project::example();
    p.write(
        "inputs/zz.toml",
        "[organisation]\nname = \"Zeta\"\n[answers.q5]\ntext = \"\"\"\n# Not a section\n\nSee <b>this</b>.\n\"\"\"\n",
    );
    let md = p.run(&["build", "-o", "-"]).success().stdout;
    assert!(md.contains("**Not a section**"), "{md}");
    assert!(!md.contains("\n# Not a section"));
    assert!(
        !md.contains("<b>this</b>"),
        "raw HTML must not pass through"
    );
    assert!(md.contains("this"));
    let events: Vec<_> =
        pulldown_cmark::Parser::new_ext(&md, jointly::markdown::PARSER_OPTIONS).collect();
    assert!(!events.iter().any(|e| matches!(
        e,
        pulldown_cmark::Event::Html(_) | pulldown_cmark::Event::InlineHtml(_)
    )));
    let headings = events
        .iter()
        .filter(|e| {
            matches!(
                e,
                pulldown_cmark::Event::Start(pulldown_cmark::Tag::Heading { .. })
            )
        })
        .count();
    assert_eq!(headings, 1 + 4 + 11);
}

#[test]
fn lists_before_and_after_action_lines_stay_separate_lists() {
    let p = Project::example();
    p.write(
        "inputs/zz.toml",
        "[organisation]\nname = \"Zeta\"\n[answers.q5]\ntext = \"- intro item\"\nclosing = \"* closing item\"\n[answers.q5.action_lines]\nC1 = \"Line text.\"\n",
    );
    let md = p.run(&["build", "-o", "-"]).success().stdout;
    assert!(md.contains("- intro item\n\n+ **C1 Promotion of ICTs for development** – Line text.\n\n* closing item"), "{md}");
    let lists =
        pulldown_cmark::Parser::new(&md[md.find("### 5.").unwrap()..md.find("### 6.").unwrap()])
            .filter(|e| {
                matches!(
                    e,
                    pulldown_cmark::Event::Start(pulldown_cmark::Tag::List(_))
                )
            })
            .count();
    assert_eq!(lists, 3, "three lists, not one");
}

#[test]
fn unanswered_policy_omit_and_note() {
    let p = Project::example();
    let config = p
        .read("jointly.toml")
        .replace("unanswered = \"keep\"", "unanswered = \"omit\"");
    p.write("jointly.toml", &config);
    let md = p.run(&["build", "-o", "-"]).success().stdout;
    assert!(!md.contains("### 5."), "q5 omitted");
    p.write("jointly.toml", &config.replace("\"omit\"", "\"note\""));
    let md = p.run(&["build", "-o", "-"]).success().stdout;
    assert!(md.contains("### 5. Which specific Action Lines have had the most significant impact, and why?\n\n*No joint answer to this question.*"), "{md}");
}

#[test]
fn templates_can_be_exported_and_overridden() {
    let p = Project::example();
    p.run(&["templates", "export"]).success();
    let t = p.read("templates/submission.md");
    p.write(
        "templates/submission.md",
        &t.replace(
            "{{ labels.signatories_intro | md }}",
            "Co-signed by the following organisations:",
        ),
    );
    let md = p.run(&["build", "-o", "-"]).success().stdout;
    assert!(md.contains("Co-signed by the following organisations"));
    p.run(&["templates", "export"])
        .failure()
        .stderr_has("already exists");
}

#[test]
fn a_broken_template_fails_without_writing() {
    let p = Project::example();
    p.write(
        "templates/submission.md",
        "# {{ title }}\n{{ no_such_variable }}\n",
    );
    p.run(&["build"])
        .failure()
        .stderr_has("template `submission.md` failed");
    assert!(!p.exists("out/submission-draft.md"));
}

#[test]
#[ignore = "needs pandoc"]
fn pandoc_converts_the_example_without_warnings() {
    let p = Project::example();
    p.run(&["build"]).success();
    for reader in ["markdown", "commonmark_x"] {
        let out = std::process::Command::new("pandoc")
            .args([
                "--fail-if-warnings",
                "-f",
                reader,
                "-t",
                "html",
                "out/submission-draft.md",
            ])
            .current_dir(p.path())
            .output()
            .expect("pandoc must be installed (apt-get install pandoc)");
        assert!(
            out.status.success(),
            "pandoc -f {reader}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let html = String::from_utf8_lossy(&out.stdout);
        assert_eq!(html.matches("<h3").count(), 11, "{reader}");
        assert!(
            html.contains(
                "href=\"https://www.itu.int/net4/wsis/forum/2024/Home/About#actionLines\""
            )
        );
        assert!(html.contains("footnote"), "{reader}: footnotes rendered");
    }
}
