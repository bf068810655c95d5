//! `jointly init` and `jointly template`.

use crate::support::Project;

#[test]
fn init_then_template_then_build() {
    let p = Project::empty();
    p.run(&["init", "coalition", "--title", "Our joint answer"])
        .success()
        .stdout_has("11 questions");
    assert!(p.exists("coalition/inputs"));
    p.run(&["init", "coalition"])
        .failure()
        .stderr_has("already exists");
    p.run(&[
        "-C",
        "coalition",
        "template",
        "--org",
        "Derechos Ñandú",
        "--short",
        "DÑ",
    ])
    .success();
    let blank = p.read("coalition/inputs/dn.toml");
    assert!(blank.contains("name = \"Derechos Ñandú\""));
    assert!(blank.contains("# 3. The WSIS process stands as a strong example"));
    assert!(blank.contains("[answers.q7.action_lines]"));
    // The blank template is a valid input with no answers yet.
    let md = p
        .run(&["-C", "coalition", "build", "-o", "-"])
        .success()
        .stdout;
    assert!(md.starts_with("# Our joint answer"));
    assert!(md.contains("- Derechos Ñandú (DÑ)"));
    // Filling one answer in makes it appear.
    p.write(
        "coalition/inputs/dn.toml",
        &blank.replacen(
            "[answers.q1]\ntext = \"\"\"\n",
            "[answers.q1]\ntext = \"\"\"\nOur first answer.\n",
            1,
        ),
    );
    let md = p
        .run(&["-C", "coalition", "build", "-o", "-"])
        .success()
        .stdout;
    assert!(md.contains("Our first answer."));
}

#[test]
fn template_never_clobbers_and_slugs_are_safe() {
    let p = Project::example();
    p.run(&[
        "template",
        "--org",
        "Ágora Digital Cidadã",
        "--short",
        "ADC",
    ])
    .failure()
    .stderr_has("already exists");
    p.run(&["template", "--org", "../../Evil/../Org"]).success();
    assert!(p.exists("inputs/evil-org.toml"));
    // Another organisation whose name gives the same file name gets a numbered one.
    p.run(&["template", "--org", "Evil Org!"])
        .success()
        .stdout_has("inputs/evil-org-2.toml");
}

#[test]
fn init_rejects_an_unknown_questionnaire() {
    let p = Project::empty();
    p.run(&["init", "x", "--questionnaire", "wsis21"])
        .failure()
        .stderr_has("no questionnaire `wsis21`");
    assert!(!p.exists("x/jointly.toml"));
}

#[test]
fn a_questionnaire_file_can_replace_the_built_in_one() {
    let p = Project::empty();
    p.write(
        "consultation.toml",
        "id = \"demo\"\ntitle = \"Demo consultation\"\n[[sections]]\ntitle = \"Only section\"\n[[sections.questions]]\nid = \"a\"\nnumber = 1\ntext = \"Why?\"\nmax_words = 50\n",
    );
    p.run(&["init", ".", "--questionnaire", "consultation.toml"])
        .success()
        .stdout_has("1 questions");
    p.write(
        "inputs/x.toml",
        "[organisation]\nname = \"X\"\n[answers.a]\ntext = \"Because.\"\n",
    );
    let md = p.run(&["build", "-o", "-"]).success().stdout;
    assert!(
        md.contains("# Demo consultation") && md.contains("### 1. Why?") && md.contains("Because.")
    );
}

#[test]
fn a_questionnaire_from_elsewhere_is_copied_and_long_ids_fit_in_status() {
    let p = Project::empty();
    p.write(
        "calls/consultation.toml",
        "id = \"demo\"\ntitle = \"Demo\"\n[[sections]]\ntitle = \"S\"\n[[sections.questions]]\nid = \"privacy_measures\"\nnumber = 1\ntext = \"Which?\"\n[[sections.questions]]\nid = \"surveillance_tech\"\nnumber = 2\ntext = \"How?\"\n",
    );
    p.run(&[
        "init",
        "project",
        "--questionnaire",
        "calls/consultation.toml",
    ])
    .success()
    .stdout_has("copied");
    let config = p.read("project/jointly.toml");
    assert!(
        config.contains("questionnaire = \"questionnaire.toml\""),
        "{config}"
    );
    // The project works without the file it came from, as on a colleague's machine.
    std::fs::remove_dir_all(p.file("calls")).unwrap();
    p.write(
        "project/inputs/x.toml",
        "[organisation]\nname = \"X\"\n[answers]\nprivacy_measures = \"Some.\"\n",
    );
    let status = p.run(&["-C", "project", "status"]).success().stdout;
    let header = status.lines().next().unwrap();
    assert!(
        header.contains(" privacy_measures ") && header.contains(" surveillance_tech"),
        "{header}"
    );
    // A questionnaire inside the project is referred to where it is.
    let q = Project::empty();
    q.write("call.toml", &p.read("project/questionnaire.toml"));
    q.run(&["init", ".", "--questionnaire", "call.toml"])
        .success();
    assert!(
        q.read("jointly.toml")
            .contains("questionnaire = \"call.toml\"")
    );
}

#[test]
fn help_and_version_work() {
    let p = Project::empty();
    p.run(&["--help"]).success().stdout_has("merge");
    p.run(&["--version"]).success().stdout_has("jointly");
}

#[test]
fn a_large_coalition_is_loaded_and_reported_in_file_order() {
    let p = Project::empty();
    crate::synth::write_project(p.path(), 150).unwrap();
    for n in ["0007", "0080", "0149"] {
        p.write(
            &format!("inputs/org-{n}.toml"),
            "[organisation\nname = \"Broken\"\n",
        );
    }
    let run = p.run(&["check", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let files: Vec<&str> = json
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["severity"] == "error")
        .map(|f| f["file"].as_str().unwrap())
        .collect();
    assert_eq!(
        files,
        [
            "inputs/org-0007.toml",
            "inputs/org-0080.toml",
            "inputs/org-0149.toml"
        ],
        "{}",
        run.stdout
    );
    for n in ["0007", "0080", "0149"] {
        std::fs::remove_file(p.file(&format!("inputs/org-{n}.toml"))).unwrap();
    }
    let md = p.run(&["build", "-o", "-"]).success().stdout;
    // Every organisation is there, in alphabetical order.
    let names: Vec<&str> = md
        .lines()
        .filter(|l| l.starts_with("- ") && l.contains("(ORG"))
        .collect();
    assert_eq!(names.len(), 147, "{md:.2000}");
    let mut sorted = names.clone();
    sorted.sort();
    assert_eq!(names, sorted);
}

#[test]
fn files_an_editor_leaves_in_templates_do_not_break_the_build() {
    let p = Project::example();
    p.run(&["templates", "export"]).success();
    std::fs::write(p.file("templates/.submission.md.swp"), [0xff, 0xfe, 0x00]).unwrap();
    std::fs::write(p.file("templates/.DS_Store"), [0x00, 0x80, 0xff]).unwrap();
    std::fs::write(p.file("templates/logo.png"), [0x89, b'P', b'N', b'G', 0xff]).unwrap();
    p.run(&["build"]).success();
    // The project's own template is still the one used.
    let own = p
        .read("templates/submission.md")
        .replace("{{ labels.signatories_intro | md }}", "Signed jointly by:");
    p.write("templates/submission.md", &own);
    p.run(&["build"]).success();
    assert!(p.read("out/submission-draft.md").contains("Signed jointly"));
}

#[test]
fn an_unreadable_draft_does_not_hide_the_inputs_errors() {
    let p = Project::example();
    std::fs::write(p.file("draft.toml"), [b'a', 0xff, b'\n']).unwrap();
    p.write(
        "inputs/zz.toml",
        "[organisation]\nname = \"Zed\"\n[answer]\n",
    );
    let run = p.run(&["check"]).failure();
    assert!(
        run.stdout.contains("draft.toml") && run.stdout.contains("not UTF-8"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("unknown key `answer`"),
        "{}",
        run.stdout
    );
}
