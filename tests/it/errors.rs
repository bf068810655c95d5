//! Bad input: every problem named with its file, line and column, all in one run, and no
//! output written.

use crate::support::Project;

const ORG: &str = "[organisation]\nname = \"Test Org\"\n";

fn with_input(name: &str, text: &str) -> Project {
    let p = Project::example();
    p.write(&format!("inputs/{name}"), text);
    p
}

#[track_caller]
fn fails_with(p: &Project, needles: &[&str]) -> String {
    let run = p.run(&["build"]).failure();
    for n in needles {
        assert!(
            run.stderr.contains(n),
            "stderr lacks {n:?}:\n{}",
            run.stderr
        );
    }
    assert!(!p.exists("out/submission-draft.md"), "no output on error");
    run.stderr
}

#[test]
fn malformed_toml() {
    let p = with_input("bad.toml", "[organisation]\nname = \"Unclosed\n");
    fails_with(&p, &["error:", "--> inputs/bad.toml:2:", "help:"]);
}

#[test]
fn unknown_key_with_suggestion() {
    let p = with_input("typo.toml", &format!("{ORG}\n[answer.q1]\ntext = \"x\"\n"));
    fails_with(
        &p,
        &[
            "error: unknown key `answer`",
            "--> inputs/typo.toml:4:2",
            "help: did you mean `answers`?",
        ],
    );
}

#[test]
fn unknown_organisation_key() {
    let p = with_input(
        "typo.toml",
        "[organisation]\nname = \"X\"\nshortname = \"X\"\n",
    );
    fails_with(
        &p,
        &[
            "unknown key `shortname`",
            "inputs/typo.toml:3:1",
            "did you mean `short_name`?",
        ],
    );
}

#[test]
fn unknown_question_id_with_suggestion() {
    let p = with_input("q.toml", &format!("{ORG}\n[answers.q12]\ntext = \"x\"\n"));
    fails_with(
        &p,
        &[
            "error: unknown question id `q12`",
            "--> inputs/q.toml:4:10",
            "did you mean `q1`?",
        ],
    );
}

#[test]
fn unknown_action_line_code_with_suggestion() {
    let p = with_input(
        "c.toml",
        &format!("{ORG}\n[answers.q7.action_lines]\nc2 = \"x\"\nC99 = \"y\"\n"),
    );
    let err = fails_with(
        &p,
        &[
            "unknown action line `c2`",
            "--> inputs/c.toml:5:1",
            "did you mean `C2`?",
            "unknown action line `C99`",
            "inputs/c.toml:6:1",
        ],
    );
    assert!(err.contains("2 errors"), "{err}");
}

#[test]
fn action_lines_on_a_text_question() {
    let p = with_input(
        "a.toml",
        &format!("{ORG}\n[answers.q1.action_lines]\nC2 = \"x\"\n"),
    );
    fails_with(
        &p,
        &[
            "question `q1` takes free text, not action lines",
            "inputs/a.toml:4:",
        ],
    );
}

#[test]
fn action_lines_given_as_plain_text() {
    let p = with_input(
        "a.toml",
        &format!("{ORG}\n[answers.q7]\naction_lines = \"C2 is important\"\n"),
    );
    fails_with(&p, &["inputs/a.toml:5:16", "invalid type"]);
}

#[test]
fn two_inputs_for_one_organisation() {
    let p = with_input(
        "adc-again.toml",
        "[organisation]\nname = \"ágora digital cidadã\"\n",
    );
    fails_with(
        &p,
        &[
            "the name `Ágora Digital Cidadã` is also the name of",
            "inputs/adc-again.toml",
            "inputs/adc.toml:",
            "one organisation, one input file",
        ],
    );
    let p = with_input(
        "adc-short.toml",
        "[organisation]\nname = \"Another\"\nshort_name = \"adc\"\n",
    );
    fails_with(
        &p,
        &["the short name `ADC` is also the short name of `inputs/adc-short.toml`"],
    );
}

#[test]
fn missing_organisation_table() {
    let p = with_input("none.toml", "[answers.q1]\ntext = \"x\"\n");
    fails_with(&p, &["missing key `organisation`", "inputs/none.toml"]);
}

#[test]
fn unknown_questionnaire() {
    let p = Project::example();
    p.write(
        "jointly.toml",
        &p.read("jointly.toml")
            .replace("questionnaire = \"wsis20\"", "questionnaire = \"wsis-20\""),
    );
    fails_with(
        &p,
        &[
            "no questionnaire `wsis-20`",
            "--> jointly.toml:6:17",
            "did you mean the built-in `wsis20`?",
        ],
    );
    p.write(
        "jointly.toml",
        &p.read("jointly.toml")
            .replace("\"wsis-20\"", "\"questions/mine.toml\""),
    );
    fails_with(&p, &["no questionnaire `questions/mine.toml`"]);
}

#[test]
fn broken_questionnaire_file() {
    let p = Project::example();
    p.write(
        "jointly.toml",
        &p.read("jointly.toml")
            .replace("questionnaire = \"wsis20\"", "questionnaire = \"q.toml\""),
    );
    p.write("q.toml", "id = \"x\"\ntitle = \"T\"\n[[sections]]\ntitle = \"S\"\n[[sections.questions]]\nid = \"q1\"\nnumber = 1\ntxt = \"?\"\n");
    fails_with(
        &p,
        &[
            "unknown key `txt`",
            "--> q.toml:8:1",
            "did you mean `text`?",
        ],
    );
}

#[test]
fn unknown_lead_and_merge_order_entries() {
    let p = Project::example();
    let config = p
        .read("jointly.toml")
        .replace("lead = \"ADC\"", "lead = \"ADX\"")
        .replace("order = \"alphabetical\"", "order = [\"KRCN\", \"Nobody\"]");
    p.write("jointly.toml", &config);
    fails_with(
        &p,
        &[
            "unknown lead organisation `ADX`",
            "did you mean `ADC`?",
            "unknown organisation in the merge order `Nobody`",
        ],
    );
}

#[test]
fn unreadable_and_non_utf8_files() {
    let p = Project::example();
    #[cfg(unix)]
    std::os::unix::fs::symlink("/nonexistent/file.toml", p.file("inputs/gone.toml")).unwrap();
    std::fs::write(
        p.file("inputs/latin1.toml"),
        b"[organisation]\nname = \"Caf\xe9\"\n",
    )
    .unwrap();
    fails_with(
        &p,
        &[
            "inputs/latin1.toml",
            "not UTF-8",
            "help: save the file as UTF-8",
        ],
    );
    #[cfg(unix)]
    fails_with(&p, &["inputs/gone.toml", "cannot read this file"]);
}

#[test]
fn every_problem_of_every_file_in_one_run() {
    let p = Project::example();
    p.write(
        "inputs/one.toml",
        &format!("{ORG}\n[answers.q12]\ntext = \"x\"\n"),
    );
    p.write(
        "inputs/two.toml",
        "[organisation]\nname = \"Two\"\n[answers.q7.action_lines]\nC42 = \"x\"\n",
    );
    p.write("inputs/three.toml", "[organisation\n");
    let err = fails_with(
        &p,
        &[
            "inputs/one.toml:4:10",
            "inputs/two.toml:4:1",
            "inputs/three.toml:1:",
        ],
    );
    assert!(err.trim_end().ends_with("3 errors"), "{err}");
}

#[test]
fn a_bad_draft_is_reported_too() {
    let p = Project::example();
    p.run(&["merge"]).success();
    let draft = p.read("draft.toml");
    p.write(
        "draft.toml",
        &draft.replacen("[[questions.q1.text]]", "[[questions.q13.text]]", 1),
    );
    fails_with(&p, &["unknown question id `q13`", "--> draft.toml:"]);
}

#[test]
fn no_project_here() {
    let p = Project::empty();
    p.run(&["build"])
        .failure()
        .stderr_has("no jointly.toml in")
        .stderr_has("jointly init");
}
