//! `jointly merge`: draft.toml, determinism, identical texts, edits kept, conflicts.

use crate::support::Project;

#[test]
fn merge_writes_a_draft_that_build_uses() {
    let p = Project::example();
    p.run(&["merge"]).success().stdout_has("wrote draft.toml");
    let draft = p.read("draft.toml");
    assert!(
        draft.contains("[[questions.q7.action_lines.\"C7.e-health\"]]"),
        "{draft}"
    );
    let from_draft = p.run(&["build", "-o", "-"]).success().stdout;
    std::fs::remove_file(p.file("draft.toml")).unwrap();
    let from_inputs = p.run(&["build", "-o", "-"]).success().stdout;
    assert_eq!(from_draft, from_inputs);
    // Merging again with nothing new changes nothing.
    p.run(&["merge"]).success();
    p.run(&["merge"]).success().stdout_has("up to date");
}

#[test]
fn the_draft_does_not_depend_on_how_input_files_are_named() {
    let a = Project::example();
    a.run(&["merge"]).success();
    let b = Project::example();
    // Reverse the order the files are listed in by renaming them.
    let mut names: Vec<String> = std::fs::read_dir(b.file("inputs"))
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    for (i, name) in names.iter().enumerate() {
        std::fs::rename(
            b.file(&format!("inputs/{name}")),
            b.file(&format!("inputs/{}-{name}", 9 - i)),
        )
        .unwrap();
    }
    b.run(&["merge"]).success();
    // Only the file names merge records differ.
    let without_inputs = |draft: String| -> String {
        draft
            .lines()
            .filter(|l| !l.starts_with("inputs = "))
            .collect::<Vec<_>>()
            .join("\n")
    };
    assert_eq!(
        without_inputs(a.read("draft.toml")),
        without_inputs(b.read("draft.toml"))
    );
}

#[test]
fn identical_contributions_become_one_part_with_both_contributors() {
    let p = Project::example();
    p.run(&["merge"]).success();
    let draft = p.read("draft.toml");
    let q9 = &draft[draft.find("[[questions.q9.text]]").unwrap()..];
    assert!(
        q9.starts_with("[[questions.q9.text]]\nfrom = [\"ADC\", \"KRCN\"]\n"),
        "{q9}"
    );
}

#[test]
fn a_lead_edit_survives_a_late_input_and_a_changed_source_is_a_conflict() {
    let p = Project::example();
    p.run(&["merge"]).success();
    // The lead edits ADC's answer to q1 in the draft.
    let draft = p.read("draft.toml");
    let original = "Twenty years on, the clearest achievement of WSIS";
    assert!(draft.contains(original));
    p.write(
        "draft.toml",
        &draft.replace(
            original,
            "After two decades, the clearest achievement of WSIS",
        ),
    );
    // A late input arrives.
    p.write("inputs/late.toml", "[organisation]\nname = \"Late Arrivals Network\"\n[answers.q1]\ntext = \"We add a late word on q1.\"\n");
    p.run(&["merge"])
        .success()
        .stdout_has("added     q1: Late Arrivals Network");
    let draft = p.read("draft.toml");
    assert!(draft.contains("After two decades"), "the edit survived");
    assert!(draft.contains("We add a late word on q1."));
    let md = p.run(&["build", "-o", "-"]).success().stdout;
    assert!(md.contains("After two decades") && md.contains("We add a late word on q1."));
    // Now ADC changes the very text the lead edited: conflict, both kept.
    let adc = p.read("inputs/adc.toml");
    p.write(
        "inputs/adc.toml",
        &adc.replace(
            original,
            "Two decades later, the clearest achievement of WSIS",
        ),
    );
    p.run(&["merge"])
        .success()
        .stderr_has("conflict in q1: ADC changed their text after you edited the part");
    let draft = p.read("draft.toml");
    assert!(
        draft.contains("After two decades"),
        "the lead's version is kept"
    );
    assert!(
        draft.contains("Two decades later"),
        "the new version is kept"
    );
    assert!(draft.contains("conflict = true"));
    p.run(&["build", "-o", "-"])
        .success()
        .stderr_has("1 unresolved conflict");
}

#[test]
fn an_unedited_part_follows_its_input_and_include_false_is_kept() {
    let p = Project::example();
    p.run(&["merge"]).success();
    // Exclude KRCN's q8 part.
    let draft = p.read("draft.toml");
    let at = draft
        .find("[[questions.q8.text]]\nfrom = [\"KRCN\"]")
        .expect("KRCN q8 part");
    let mut edited = draft.clone();
    edited.insert_str(
        at + "[[questions.q8.text]]\nfrom = [\"KRCN\"]\n".len(),
        "include = false\n",
    );
    p.write("draft.toml", &edited);
    let md = p.run(&["build", "-o", "-"]).success().stdout;
    let krcn = p.read("inputs/krcn.toml");
    let doc: toml::Table = krcn.parse().unwrap();
    let first = doc["answers"]["q8"]["text"]
        .as_str()
        .unwrap()
        .split('.')
        .next()
        .unwrap()
        .trim()
        .to_string();
    assert!(!md.contains(&first), "excluded part left out");
    // KRCN then edits its q8 text: the part follows, and stays excluded.
    p.write(
        "inputs/krcn.toml",
        &krcn.replace(&first, &format!("{first}, revised")),
    );
    p.run(&["merge"]).success().stdout_has("updated   q8: KRCN");
    let draft = p.read("draft.toml");
    assert!(draft.contains(&format!("{first}, revised")));
    assert!(
        draft.contains("from = [\"KRCN\"]\ninputs = [\"krcn.toml@")
            && draft.contains("include = false")
    );
}

#[test]
fn merge_dry_run_writes_nothing() {
    let p = Project::example();
    p.run(&["merge", "--dry-run"])
        .success()
        .stdout_has("dry run");
    assert!(!p.exists("draft.toml"));
}
