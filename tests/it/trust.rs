//! Nothing lost, nothing leaked, nothing hangs: jointly against a careless user and a
//! colleague's hostile file. Each test names the promise it keeps.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::support::{Project, Run};

/// True when `text` holds a character a terminal would obey rather than show.
fn raw_controls(text: &str) -> bool {
    text.contains(|c: char| {
        (c.is_control() && c != '\n' && c != '\t')
            || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
    })
}

// 1. Names and short names are one namespace.

#[test]
fn a_name_and_another_organisations_short_name_cannot_be_the_same() {
    for (a, b) in [
        (
            "name = \"ADC\"",
            "name = \"Alliance\"\nshort_name = \"ADC\"",
        ),
        ("name = \"Apc\"", "name = \"Another\"\nshort_name = \"APC\""),
        (
            "name = \"ＡＰＣ\"",
            "name = \"Another\"\nshort_name = \"apc\"",
        ),
    ] {
        let p = Project::example();
        p.write("inputs/one.toml", &format!("[organisation]\n{a}\n"));
        p.write("inputs/two.toml", &format!("[organisation]\n{b}\n"));
        let run = p.run(&["check"]).failure();
        assert!(
            run.stdout.contains("duplicate-organisation") || run.stdout.contains("is also the"),
            "{a} / {b}: {}",
            run.stdout
        );
        assert!(
            run.stdout.contains("inputs/one.toml") && run.stdout.contains("inputs/two.toml"),
            "both files are named: {}",
            run.stdout
        );
        p.run(&["merge"]).failure();
        p.run(&["approve", "--org", "ADC"]).failure();
    }
}

// 2. An empty --org names nobody.

#[test]
fn a_blank_org_is_an_error_and_writes_nothing() {
    let p = Project::example();
    let before = p.read("inputs/adc.toml");
    p.write("answer.md", "Written into whichever file came first.");
    for args in [
        &["answer", "--org", "", "q1", "--file", "answer.md"][..],
        &["answer", "--org", "  ", "q1", "--file", "answer.md"],
        &["approve", "--org", ""],
        &["import", "answer.md", "--org", "", "--replace"],
        &["template", "--org", " "],
    ] {
        let run = p.run(args);
        assert_eq!(run.code, Some(2), "{args:?}: {}", run.stderr);
        assert!(run.stderr.contains("cannot be blank"), "{}", run.stderr);
    }
    assert_eq!(p.read("inputs/adc.toml"), before);
    assert_eq!(std::fs::read_dir(p.file("inputs")).unwrap().count(), 5);
}

// 3. Generated TOML is always valid; names and titles hold no control characters.

#[test]
fn a_hostile_name_or_questionnaire_cannot_break_a_generated_input() {
    let p = Project::empty();
    // A questionnaire whose headings and labels try to end comments early and add keys is
    // refused: what becomes a heading or a list item stays on one line.
    p.write(
        "q.toml",
        "id = \"q\"\ntitle = \"T\"\n\
         [[catalogue]]\ncode = \"C1\"\nlabel = \"L\\n[organisation]\\nname = 'x'\"\ntitle = \"T\"\nsublines = [\"a\\\"b\"]\n\
         [[sections]]\ntitle = \"S\\nsigns = false\"\n\
         [[sections.questions]]\nid = \"q1\"\nnumber = 1\ntext = \"Q?\\n[answers.q1]\\ntext = 'injected'\"\n\
         guidance = \"G\\u0001\\r\\nkey = 1\"\nlinks = [{ url = \"https://e.org/\\nname = 'x'\" }]\nkind = \"action-lines\"\n",
    );
    let refused = p.run(&["questionnaire", "check", "q.toml"]).failure();
    let said = format!("{}{}", refused.stdout, refused.stderr);
    for what in [
        "catalogue entry `C1` holds a line break",
        "a text of question `q1` holds a line break",
        "the section title",
    ] {
        assert!(said.contains(what), "{what}: {said}");
    }
    // What may span lines (guidance, a link) stays in comments in every file jointly writes.
    p.write(
        "q.toml",
        "id = \"q\"\ntitle = \"T\"\n\
         [[catalogue]]\ncode = \"C1\"\nlabel = \"L [organisation] name = 'x'\"\ntitle = \"T\"\nsublines = [\"a\\\"b\"]\n\
         [[sections]]\ntitle = \"S signs = false\"\n\
         [[sections.questions]]\nid = \"q1\"\nnumber = 1\ntext = \"Q? [answers.q1] text = 'injected'\"\n\
         guidance = \"G\\u0001\\r\\nkey = 1\"\nlinks = [{ url = \"https://e.org/\\nname = 'x'\" }]\nkind = \"action-lines\"\n",
    );
    p.run(&[
        "init",
        ".",
        "--questionnaire",
        "q.toml",
        "--title",
        "A \"title\" = 1",
    ])
    .success();
    for name in [
        "Quote \" and ''' and \"\"\"",
        "Line = 'x' # not a key",
        "Back\\slash [organisation]",
    ] {
        let run = p.run(&["template", "--org", name, "--short", "S\"Q", "-o", "x.toml"]);
        assert_eq!(run.code, Some(0), "{name:?}: {}", run.stderr);
        let text = p.read("x.toml");
        let doc: toml::Table = text
            .parse()
            .unwrap_or_else(|e| panic!("{name:?}: {e}\n{text}"));
        assert_eq!(doc["organisation"]["name"].as_str(), Some(name.trim()));
        assert_eq!(doc["organisation"]["short_name"].as_str(), Some("S\"Q"));
        // The hostile texts stayed in comments: no value or key came from them.
        assert_eq!(doc["answers"]["q1"]["text"].as_str(), Some(""), "{text}");
        assert_eq!(doc.keys().collect::<Vec<_>>(), ["answers", "organisation"]);
        assert_eq!(doc["organisation"].as_table().unwrap().len(), 3, "{text}");
        std::fs::remove_file(p.file("x.toml")).unwrap();
    }
    // A line break, a tab or an escape in a name or title is refused before anything is
    // written.
    for args in [
        &["template", "--org", "New\nline = 'x'", "-o", "x.toml"][..],
        &["template", "--org", "Tab\there", "-o", "x.toml"],
        &[
            "template",
            "--org",
            "N",
            "--short",
            "S\u{1b}[2J",
            "-o",
            "x.toml",
        ],
        &["init", "sub", "--title", "Two\nlines"],
    ] {
        let run = p.run(args);
        assert_eq!(run.code, Some(2), "{args:?}");
        assert!(run.stderr.contains("control character"), "{}", run.stderr);
    }
    assert!(!p.exists("x.toml") && !p.exists("sub"));
}

#[test]
fn control_characters_in_names_and_titles_are_errors() {
    let p = Project::example();
    p.write(
        "inputs/zz.toml",
        "[organisation]\nname = \"Zed\\u001b[2J\"\nshort_name = \"Z\\u0007\"\n",
    );
    let run = p.run(&["check"]).failure();
    assert_eq!(
        run.stdout.matches("control-character").count(),
        0,
        "codes in JSON only"
    );
    assert_eq!(
        run.stdout.matches("holds a control character").count(),
        2,
        "{}",
        run.stdout
    );
    let p = Project::example();
    p.write(
        "jointly.toml",
        &p.read("jointly.toml").replace(
            "title = \"Call for Inputs: WSIS+20 Review\"",
            "title = \"Call\\u0000 for Inputs\"",
        ),
    );
    let run = p.run(&["check"]).failure();
    assert!(run.stdout.contains("jointly.toml:"), "{}", run.stdout);
    assert!(
        run.stdout
            .contains("the title holds a control character (U+0000)"),
        "{}",
        run.stdout
    );
}

// 4. Nothing from a file reaches the terminal raw.

#[test]
fn escape_sequences_in_files_and_arguments_are_shown_not_obeyed() {
    let p = Project::example();
    // A name may hold a bidirectional override (it is not a control character): it is
    // shown as `\u{202e}` on the terminal.
    p.write(
        "inputs/zz.toml",
        "[organisation]\nname = \"Zed \u{202e}evil\"\nshort_name = \"ZED\u{2066}\"\ncontact = \"z@example.org\"\n[answers]\nq3 = \"Text.\"\n",
    );
    let runs: Vec<Run> = vec![
        p.run(&["merge"]).success(),
        p.run(&["status"]).success(),
        p.run(&["status", "--format", "json"]).success(),
        p.run(&["check"]),
        p.run(&["check", "--format", "json"]),
        p.run(&["approve", "--org", "ZED\u{2066}"]).success(),
        p.run(&["approve", "--org", "\u{1b}]0;owned\u{7}"]),
        p.run(&["answer", "--org", "\u{1b}[2J", "q1", "--clear"]),
        p.run(&["\u{1b}]0;owned\u{7}"]),
    ];
    for run in &runs {
        assert!(
            !raw_controls(&run.stdout) && !raw_controls(&run.stderr),
            "{:?}\n{:?}",
            run.stdout,
            run.stderr
        );
    }
    assert!(
        runs[1].stdout.contains("ZED\\u{2066}"),
        "{}",
        runs[1].stdout
    );
    for run in &runs[6..] {
        assert_eq!(run.code, Some(2), "{}", run.stderr);
    }
    // A hostile line quoted by a diagnostic is shown with control pictures.
    p.write(
        "inputs/zz.toml",
        "[organisation]\nname = \"Zed\"\n\u{1b}[2J = 1\n",
    );
    let run = p.run(&["check"]).failure();
    assert!(!raw_controls(&run.stdout), "{:?}", run.stdout);
}

// 5. A resolved conflict stays resolved.

/// The parts of one answer in `draft.toml`, as text from one `[[questions.ID.text]]` to the next.
fn draft_parts(draft: &str, question: &str) -> Vec<String> {
    let header = format!("[[questions.{question}.text]]");
    let start = draft.find(&header).expect("the question has parts");
    // The next question's heading comment: `# 10. …`.
    let next = draft[start..]
        .match_indices("\n# ")
        .find(|(at, _)| draft[start + at + 3..].starts_with(|c: char| c.is_ascii_digit()));
    let end = next.map_or(draft.len(), |(at, _)| start + at);
    draft[start..end]
        .split(&header)
        .filter(|p| !p.trim().is_empty())
        .map(|p| format!("{header}{p}"))
        .collect()
}

#[test]
fn a_conflict_the_lead_resolved_stays_resolved_and_keeps_the_credit() {
    let p = Project::example();
    p.run(&["merge"]).success();
    // q9 is one part from ADC and KRCN, whose texts are the same. The lead edits it.
    let original = "The WSIS Forum and the IGF should be treated as two halves of one process";
    let lead = "The WSIS Forum and the IGF are two halves of one process";
    p.write("draft.toml", &p.read("draft.toml").replace(original, lead));
    // KRCN changes its text: a conflict, and both organisations still credited for the edit.
    let krcn = p.read("inputs/krcn.toml");
    p.write(
        "inputs/krcn.toml",
        &krcn.replace("a permanent mandate", "a permanent, funded mandate"),
    );
    p.run(&["merge"])
        .success()
        .stderr_has("conflict in q9: KRCN");
    let draft = p.read("draft.toml");
    let parts = draft_parts(&draft, "q9");
    assert_eq!(parts.len(), 2, "{draft}");
    assert!(
        parts[0].contains("from = [\"ADC\", \"KRCN\"]"),
        "{}",
        parts[0]
    );
    assert!(parts[1].contains("conflict = true") && parts[1].contains("funded mandate"));
    // The lead folds the change in and deletes the conflict part, as README says.
    let resolved = draft
        .replace(&parts[1], "")
        .replace("a permanent mandate", "a permanent, funded mandate");
    p.write("draft.toml", &resolved);
    p.run(&["merge"]).success().stdout_has("up to date");
    assert_eq!(p.read("draft.toml"), resolved);
    p.run(&["check"]).success();
}

// 6. An edit of spacing alone is an edit.

#[test]
fn a_hard_line_break_the_lead_added_is_kept_when_the_input_changes() {
    let p = Project::example();
    p.run(&["merge"]).success();
    // A hard line break: two spaces at the end of a line.
    let sentence = "Two processes with the same goals and different calendars";
    let broken = "Two processes with the same goals  \nand different calendars";
    p.write(
        "draft.toml",
        &p.read("draft.toml").replacen(sentence, broken, 1),
    );
    p.run(&["merge"]).success().stdout_has("up to date");
    let adc = p.read("inputs/adc.toml");
    p.write(
        "inputs/adc.toml",
        &adc.replace("reporting fatigue", "reporting fatigue for all"),
    );
    p.run(&["merge"])
        .success()
        .stderr_has("conflict in q10: ADC");
    let draft = p.read("draft.toml");
    assert!(draft.contains(broken), "the lead's line break is kept");
    assert!(
        draft.contains("reporting fatigue for all"),
        "the new version is next to it"
    );
}

// 7. Renaming an organisation keeps every decision.

#[test]
fn renaming_an_organisation_keeps_exclusions_order_and_credit() {
    let p = Project::example();
    p.run(&["merge"]).success();
    // The lead leaves ADC's q1 part out and moves KRCN's q1 part first.
    let draft = p.read("draft.toml");
    let parts = draft_parts(&draft, "q1");
    assert!(parts[0].contains("from = [\"ADC\"]"));
    let excluded = parts[0].replacen("\ntext = ", "\ninclude = false\ntext = ", 1);
    let reordered = format!("{}{}{excluded}", parts[2], parts[1]);
    let edited = draft.replacen(&parts.concat(), &reordered, 1);
    assert_ne!(edited, draft);
    p.write("draft.toml", &edited);
    let before = p.run(&["build", "-o", "-"]).success().stdout;
    // ADC changes its short name and its name.
    let adc = p.read("inputs/adc.toml");
    let renamed = adc
        .replace("short_name = \"ADC\"", "short_name = \"AGORA\"")
        .replace(
            "name = \"Ágora Digital Cidadã\"",
            "name = \"Ágora Digital\"",
        );
    p.write("inputs/adc.toml", &renamed);
    p.write(
        "jointly.toml",
        &p.read("jointly.toml").replace("\"ADC\"", "\"AGORA\""),
    );
    let merged = p.run(&["merge"]).success();
    assert!(
        !merged.stdout.contains("withdrawn") && !merged.stdout.contains("added"),
        "{}",
        merged.stdout
    );
    let draft = p.read("draft.toml");
    let parts = draft_parts(&draft, "q1");
    assert!(
        parts[0].contains("KRCN") && parts[1].contains("CRCO"),
        "the order stays"
    );
    assert!(parts[2].contains("from = [\"AGORA\"]") && parts[2].contains("include = false"));
    assert!(
        !draft.contains("\"ADC\""),
        "every part credits the new name"
    );
    let after = p.run(&["build", "-o", "-"]).success().stdout;
    assert_eq!(
        before
            .replace("Ágora Digital Cidadã (ADC)", "Ágora Digital (AGORA)")
            .replace("ADC", "AGORA"),
        after
            .replace("Ágora Digital Cidadã (ADC)", "Ágora Digital (AGORA)")
            .replace("ADC", "AGORA"),
        "the same text is sent"
    );
}

#[test]
fn a_draft_from_an_earlier_jointly_merges_on_without_losing_a_decision() {
    let p = Project::empty();
    p.write("jointly.toml", "[submission]\nquestionnaire = \"wsis20\"\n");
    p.write(
        "inputs/a.toml",
        "[organisation]\nname = \"Alpha\"\n[answers]\nq1 = \"One.\"\nq2 = \"Two.\"\n",
    );
    // Written before parts recorded input files: `source` was the spacing-insensitive
    // fingerprint (SHA-256 of the text, first eight bytes).
    let old = |text: &str| -> String {
        use sha2::Digest;
        sha2::Sha256::digest(text.as_bytes())[..8]
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect()
    };
    let draft = format!(
        "[[questions.q1.text]]\nfrom = [\"Alpha\"]\nsource = \"{}\"\ntext = \"One, as the lead put it.\"\n\n\
         [[questions.q2.text]]\nfrom = [\"Alpha\"]\nsource = \"{}\"\ninclude = false\ntext = \"Two.\"\n",
        old("One."),
        old("Two.")
    );
    p.write("draft.toml", &draft);
    p.run(&["merge"]).success().stdout_has("up to date");
    let md = p.run(&["build", "-o", "-"]).success().stdout;
    assert!(md.contains("One, as the lead put it."), "{md}");
    assert!(
        !md.contains("One.") && !md.contains("Two."),
        "nothing comes back: {md}"
    );
    // An organisation changing its text is a conflict with the lead's edit, as before.
    p.write(
        "inputs/a.toml",
        "[organisation]\nname = \"Alpha\"\n[answers]\nq1 = \"One, revised.\"\nq2 = \"Two.\"\n",
    );
    p.run(&["merge"])
        .success()
        .stderr_has("conflict in q1: Alpha");
}

// 12. Reads are bounded, and only regular files are read.

/// Runs `jointly ARGS` in `p`, failing the test if it takes more than thirty seconds. Its
/// output goes to files, so that a long output cannot fill a pipe and stall it.
fn run_within_seconds(p: &Project, args: &[&str]) -> std::process::Output {
    let out = tempfile::tempfile().unwrap();
    let err = tempfile::tempfile().unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_jointly"))
        .args(args)
        .current_dir(p.path())
        .env("NO_COLOR", "1")
        .stdout(Stdio::from(out.try_clone().unwrap()))
        .stderr(Stdio::from(err.try_clone().unwrap()))
        .spawn()
        .unwrap();
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if start.elapsed() > Duration::from_secs(30) {
            let _ = child.kill();
            panic!("jointly {args:?} hangs");
        }
        std::thread::sleep(Duration::from_millis(10));
    };
    let read = |mut f: std::fs::File| {
        use std::io::{Read, Seek};
        let mut bytes = Vec::new();
        f.seek(std::io::SeekFrom::Start(0)).unwrap();
        f.read_to_end(&mut bytes).unwrap();
        bytes
    };
    std::process::Output {
        status,
        stdout: read(out),
        stderr: read(err),
    }
}

#[cfg(unix)]
#[test]
fn a_pipe_or_a_device_is_refused_quickly() {
    let p = Project::example();
    let fifo = p.file("inputs/pipe.toml");
    assert!(
        Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    let out = run_within_seconds(&p, &["check"]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stdout.contains("inputs/pipe.toml") && stdout.contains("not a regular file"),
        "{stdout}"
    );
    std::fs::remove_file(&fifo).unwrap();

    std::os::unix::fs::symlink("/dev/zero", p.file("house.docx")).unwrap();
    std::os::unix::fs::symlink("/dev/zero", p.file("answer.md")).unwrap();
    for args in [
        &["build", "--format", "docx", "--reference-doc", "house.docx"][..],
        &["answer", "--org", "ADC", "q1", "--file", "answer.md"],
        &["import", "answer.md", "--org", "ADC"],
    ] {
        let out = run_within_seconds(&p, args);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {stderr}");
        assert!(stderr.contains("not a regular file"), "{args:?}: {stderr}");
    }
    assert!(!Path::new(&p.file("out/submission-draft.docx")).exists());
}

// 8. A sign-off covers exactly what is sent.

#[test]
fn an_approval_goes_stale_when_anything_sent_changes_and_status_says_why() {
    let questionnaire = include_str!("../../src/questionnaires/wsis20.toml");
    let question = "What are the challenges that remain in the implementation of the WSIS process?";
    let link = "https://www.itu.int/net4/wsis/forum/2024/Home/About#actionLines";
    /// What changes, how, and what `status` then says changed.
    type Case<'a> = (&'a str, &'a dyn Fn(&Project), &'a str);
    let cases: [Case; 5] = [
        (
            "a template",
            &|p| {
                p.run(&["templates", "export"]).success();
                let t = p.read("templates/submission.md");
                p.write(
                    "templates/submission.md",
                    &t.replace("{{ labels.signatories_intro | md }}", "Sent jointly by:"),
                );
            },
            "the text around the answers",
        ),
        (
            "a question's wording",
            &|p| {
                p.write(
                    "questionnaire.toml",
                    &questionnaire.replace(question, "What challenges remain?"),
                );
            },
            "the questionnaire's wording",
        ),
        (
            "a question's link",
            &|p| {
                p.write(
                    "questionnaire.toml",
                    &questionnaire.replace(link, "https://example.org/other"),
                );
            },
            "the questionnaire's wording",
        ),
        (
            "how the unanswered q5 is shown (jointly's own label)",
            &|p| {
                let config = p.read("jointly.toml");
                p.write(
                    "jointly.toml",
                    &config.replace("unanswered = \"keep\"", "unanswered = \"note\""),
                );
            },
            "the text around the answers",
        ),
        (
            "an answer",
            &|p| {
                let adc = p.read("inputs/adc.toml");
                p.write(
                    "inputs/adc.toml",
                    &adc.replace("reporting fatigue", "reporting fatigue and cost"),
                );
            },
            "the joint answers",
        ),
    ];
    for (what, change, reason) in cases {
        let p = Project::example();
        // The project answers its own copy of the questionnaire, so that a test can change it.
        p.write("questionnaire.toml", questionnaire);
        let config = p
            .read("jointly.toml")
            .replace("\"wsis20\"", "\"questionnaire.toml\"");
        p.write("jointly.toml", &config);
        for org in ["ADC", "CRCO", "KRCN", "OSCT"] {
            p.run(&["approve", "--org", org]).success();
        }
        p.run(&["build", "--final", "--format", "text"]).success();
        change(&p);
        let status = p.run(&["status"]).success().stdout;
        assert!(
            status.contains("~ ADC") && status.contains("approved an older text"),
            "{what}: {status}"
        );
        assert!(
            status.contains(&format!("changed since: {reason}")),
            "{what}: {status}"
        );
        p.run(&["build", "--final", "--format", "text"])
            .failure()
            .stderr_has(reason);
    }
}

// 9. A final copy is never overwritten by a draft.

#[test]
fn a_final_copy_is_never_overwritten_by_a_draft() {
    let p = Project::example();
    p.run(&["merge"]).success();
    for org in ["ADC", "CRCO", "KRCN", "OSCT"] {
        p.run(&["approve", "--org", org]).success();
    }
    p.run(&["build", "--final", "--format", "all"])
        .success()
        .stdout_has("wrote out/submission.md")
        .stdout_has("wrote out/submission.docx");
    let (md, docx) = (
        p.read("out/submission.md"),
        std::fs::read(p.file("out/submission.docx")).unwrap(),
    );
    p.run(&["build", "--format", "all"])
        .success()
        .stdout_has("wrote out/submission-draft.md")
        .stdout_has("wrote out/submission-draft.docx");
    p.run(&["build", "--review", "--format", "all"]).success();
    p.run(&["build", "--format", "text"]).success();
    assert_eq!(p.read("out/submission.md"), md);
    assert_eq!(std::fs::read(p.file("out/submission.docx")).unwrap(), docx);
    assert!(!md.contains("Draft"));
    assert!(
        p.read("out/submission-draft.md")
            .contains("Draft – not for submission")
    );
}

// 17. Outputs go where the project says, and the project cannot say elsewhere.

#[test]
fn output_names_and_folders_stay_inside_the_project() {
    for (setting, shown) in [
        ("name = \"../../escaped\"", "is not a plain file name"),
        ("name = \"sub/submission\"", "is not a plain file name"),
        ("name = \"..\"", "is not a plain file name"),
        (
            "dir = \"../elsewhere\"",
            "is not a folder inside the project",
        ),
        (
            "dir = \"/tmp/jointly-out\"",
            "is not a folder inside the project",
        ),
    ] {
        let p = Project::example();
        p.write(
            "jointly.toml",
            &p.read("jointly.toml").replace("dir = \"out\"", setting),
        );
        let run = p.run(&["build"]).failure();
        assert!(run.stderr.contains(shown), "{setting}: {}", run.stderr);
        assert!(run.stderr.contains("jointly.toml:"), "{}", run.stderr);
    }
    assert!(!Path::new("/tmp/jointly-out").exists());
}

// 18. Links that run code or open the reader's files are text in every format.

#[test]
fn script_data_and_file_links_are_text_everywhere_and_check_warns() {
    let p = Project::example();
    p.write(
        "inputs/zz.toml",
        "[organisation]\nname = \"Zed\"\ncontact = \"z@example.org\"\n[answers.q1]\ntext = \"\"\"\n\
         Click [here](javascript:alert(1)) or [there](JavaScript:alert(2)), see \
         ![pic](data:text/html;base64,PHNjcmlwdD4=), [a file](file:///etc/passwd), \
         [vb](vbscript:msgbox) and <javascript:alert(3)>, but [the web](https://example.org/ok).\n\
         A note[^gone].\n\"\"\"\n",
    );
    p.run(&["build", "--format", "all"]).success();
    p.run(&["build", "--format", "text"]).success();
    let md = p.read("out/submission-draft.md");
    let text = p.read("out/submission-draft.txt");
    let docx =
        crate::docx::Docx::read(&std::fs::read(p.file("out/submission-draft.docx")).unwrap());
    let rels = &docx.parts["word/_rels/document.xml.rels"];
    for scheme in ["javascript:", "JavaScript:", "data:", "file:", "vbscript:"] {
        assert!(
            !md.contains(&format!("]({scheme}")),
            "{scheme} link in Markdown:\n{md}"
        );
        assert!(
            !md.contains(&format!("<{scheme}")),
            "{scheme} autolink in Markdown"
        );
        assert!(!rels.contains(scheme), "{scheme} link in Word");
        assert!(
            !text.contains(&format!("({scheme}")),
            "{scheme} link in the text"
        );
    }
    for words in ["Click here", "or there", "a file", "vb and"] {
        assert!(md.contains(words), "the link text stays: {words}");
    }
    assert!(md.contains("[the web](https://example.org/ok)"));
    assert!(rels.contains("https://example.org/ok"));
    let run = p.run(&["check"]).success();
    assert!(
        run.stdout
            .contains("a `javascript:` link in the answer to `q1`"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("a reference to a footnote that does not exist"),
        "{}",
        run.stdout
    );
    // A questionnaire's links are official addresses: such a link is an error.
    let q = p.read("jointly.toml");
    p.write(
        "q.toml",
        &include_str!("../../src/questionnaires/wsis20.toml").replacen(
            "https://www.itu.int/net4/wsis/forum/2024/Home/About#actionLines",
            "javascript:alert(document.cookie)",
            1,
        ),
    );
    p.write(
        "jointly.toml",
        &q.replace("questionnaire = \"wsis20\"", "questionnaire = \"q.toml\""),
    );
    p.run(&["check"])
        .failure()
        .stdout_has("links to a `javascript:` address");
}

// 10, 11. Templates are sandboxed, and a runaway one stops with a clear error.

#[test]
fn a_template_reads_only_templates_and_cannot_run_away() {
    let p = Project::example();
    p.write("secret.txt", "the coalition's private notes");
    for (template, error) in [
        (
            "{% include \"/etc/passwd\" %}",
            "tried to include non-existing template '/etc/passwd'",
        ),
        (
            "{% include \"../secret.txt\" %}",
            "non-existing template '../secret.txt'",
        ),
        (
            "{% include \"../jointly.toml\" %}",
            "non-existing template '../jointly.toml'",
        ),
        (
            "{% for i in range(100000) %}{% for j in range(100000) %}x{% endfor %}{% endfor %}",
            "ran out of fuel",
        ),
        (
            "{% macro d(s, n) %}{% if n %}{{ d(s ~ s, n - 1) }}{% endif %}{% endmacro %}{{ d(\"x\", 60) }}",
            "ran out of fuel",
        ),
        (
            "{% for i in range(70) %}{{ \"x\" * 1000000 }}{% endfor %}",
            "more than 64 MB",
        ),
    ] {
        p.write("templates/submission.md", template);
        let start = Instant::now();
        let run = p.run(&["build"]).failure();
        assert!(run.stderr.contains(error), "{template}: {}", run.stderr);
        assert!(
            start.elapsed() < Duration::from_secs(30),
            "{template} took {:?}",
            start.elapsed()
        );
        assert!(!run.stderr.contains("private notes"));
        assert!(!p.exists("out/submission-draft.md"));
    }
    // A template may include the project's other templates, by name.
    p.write("templates/header.md", "Our own header.\n");
    p.write(
        "templates/submission.md",
        "{% include \"header.md\" %}\n# {{ title }}\n",
    );
    p.run(&["build"]).success();
    assert!(
        p.read("out/submission-draft.md")
            .starts_with("Our own header.")
    );
}

// 15. A save killed halfway leaves no litter for good.

#[test]
fn temporary_files_of_killed_saves_are_ignored_then_cleaned_up() {
    let p = Project::example();
    p.write("inputs/.adc.toml.Xy12Ab.tmp", "[organisation\nhalf a file");
    p.write("inputs/.krcn.toml.Zz99Qq.tmp", "");
    p.run(&["check"]).success();
    p.run(&["build"]).success();
    p.write("answer.md", "A new answer.");
    p.run(&["answer", "--org", "ADC", "q2", "--file", "answer.md"])
        .success();
    let left: Vec<String> = std::fs::read_dir(p.file("inputs"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with('.'))
        .collect();
    assert!(left.is_empty(), "{left:?}");
}

// 13. What a Word file can make import do is bounded.

#[test]
fn crafted_word_files_import_within_bounds() {
    let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/seeds/import");
    for (file, words) in [
        // A list level of 4294967295 (Word's are 0 to 8): an 8 GB indent.
        ("huge-list-level.docx", "An item far too deep."),
        // 20,000 nested tracked insertions, links and content controls: the stack.
        ("nested-ins.docx", "Deep text."),
        ("nested-hyperlink.docx", "Deep text."),
        ("nested-sdt.docx", "Deep text."),
        // A 2 KB file citing one 20 KB footnote 10,000 times: a 200 MB input.
        ("cited-note-amplifies.docx", "Answer"),
    ] {
        let p = Project::empty();
        p.run(&["init", "."]).success();
        std::fs::copy(seeds.join(file), p.file(file)).unwrap();
        let out = run_within_seconds(&p, &["import", file, "--org", "X", "--name", "Xena"]);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(0), "{file}: {stderr}");
        let input = p.read("inputs/x.toml");
        assert!(input.contains(words), "{file}");
        assert!(
            input.len() < 1 << 20,
            "{file} made a {} byte input",
            input.len()
        );
        p.run(&["check"]).success();
    }
}

#[test]
fn no_save_makes_an_input_jointly_cannot_read() {
    let p = Project::example();
    let before = p.read("inputs/krcn.toml");
    // Two answers of 9 MB: each can be read in, together they are over the 16 MB cap.
    let big = "A sentence an organisation pasted twice. ".repeat(230_000);
    p.write("a.md", &big);
    p.write("b.md", &big);
    p.run(&["answer", "--org", "KRCN", "q1", "--file", "a.md"])
        .success();
    p.run(&["answer", "--org", "KRCN", "q2", "--file", "b.md"])
        .failure()
        .stderr_has("more than the 16 MB jointly reads; nothing was written");
    assert!(p.read("inputs/krcn.toml").len() < 16 << 20);
    assert_ne!(p.read("inputs/krcn.toml"), before);
    p.run(&["check"]).success();
}

// 14. Time grows with the input, not with its square.

/// The fastest of two runs of `jointly ARGS` in `p`.
fn best_of_two(p: &Project, args: &[&str]) -> Duration {
    (0..2)
        .map(|_| {
            let start = Instant::now();
            let out = run_within_seconds(p, args);
            assert_eq!(
                out.status.code(),
                Some(0),
                "{args:?}: {}",
                String::from_utf8_lossy(&out.stderr)
            );
            start.elapsed()
        })
        .min()
        .unwrap()
}

/// A project whose one organisation answers q1 with `answer`.
fn answering(answer: &str) -> Project {
    let p = Project::empty();
    p.write("jointly.toml", "[submission]\nquestionnaire = \"wsis20\"\n");
    p.write(
        "inputs/a.toml",
        &format!("[organisation]\nname = \"A\"\n[answers.q1]\ntext = '''\n{answer}\n'''\n"),
    );
    p
}

/// A shape: its name, what makes it at a size, and the smaller size.
type Shape<'a> = (&'a str, &'a dyn Fn(usize) -> String, usize);

#[test]
fn doubling_a_hostile_shape_about_doubles_the_time() {
    let nested = |n: usize| "- ".repeat(n) + "x";
    let notes = |n: usize| {
        let refs: String = (0..n).map(|i| format!("x[^{i}] ")).collect();
        let defs: String = (0..n).map(|i| format!("[^{i}]: note {i}\n\n")).collect();
        format!("{refs}\n\n{defs}")
    };
    let shapes: [Shape; 2] = [
        ("nested list markers", &nested, 40_000),
        ("footnotes", &notes, 10_000),
    ];
    for (shape, make, n) in shapes {
        for format in ["text", "all"] {
            let args = ["build", "--format", format];
            let once = best_of_two(&answering(&make(n)), &args);
            let twice = best_of_two(&answering(&make(2 * n)), &args);
            let ratio = twice.as_secs_f64() / once.as_secs_f64();
            assert!(
                ratio < 3.0,
                "{shape}, {format}: {once:?} then {twice:?} for twice the input"
            );
        }
    }
    // Import: a Markdown file of many headings.
    let headings = |n: usize| -> String {
        (0..n)
            .map(|i| format!("# Heading {i}\n\ntext {i}\n\n"))
            .collect()
    };
    let time_import = |n: usize| {
        (0..2)
            .map(|_| {
                let p = Project::empty();
                p.run(&["init", "."]).success();
                p.write("doc.md", &headings(n));
                let start = Instant::now();
                let out =
                    run_within_seconds(&p, &["import", "doc.md", "--org", "B", "--name", "Bee"]);
                assert_eq!(out.status.code(), Some(0));
                start.elapsed()
            })
            .min()
            .unwrap()
    };
    let (once, twice) = (time_import(5_000), time_import(10_000));
    let ratio = twice.as_secs_f64() / once.as_secs_f64();
    assert!(
        ratio < 3.0,
        "import of headings: {once:?} then {twice:?} for twice the input"
    );
}

// 16. Import loses nothing it does not report.

/// The three counts `jointly import` reports: placed, structure, not placed.
pub(crate) fn import_counts(stdout: &str) -> [usize; 3] {
    let line = stdout
        .lines()
        .find(|l| l.starts_with("words: "))
        .unwrap_or_else(|| panic!("no word counts in {stdout}"));
    let numbers: Vec<usize> = line
        .split([' ', ','])
        .filter_map(|w| w.parse().ok())
        .collect();
    numbers
        .try_into()
        .unwrap_or_else(|_| panic!("three counts in {line}"))
}

#[test]
fn text_in_directions_moves_alternatives_symbols_and_equations_is_imported_once() {
    let p = Project::empty();
    p.run(&["init", "."]).success();
    let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/seeds/import");
    std::fs::copy(seeds.join("hidden-runs.docx"), p.file("hidden-runs.docx")).unwrap();
    let run = p
        .run(&["import", "hidden-runs.docx", "--org", "X", "--name", "Xena"])
        .success();
    assert_eq!(import_counts(&run.stdout)[2], 0, "{}", run.stdout);
    let input = p.read("inputs/x.toml");
    for word in [
        "DirectionWord",
        "OverrideWord",
        "MovedHereWord",
        "ChoiceWord",
        "TextBoxWord",
        "✓ checked",
        "E=ma/b",
    ] {
        assert_eq!(input.matches(word).count(), 1, "{word} once in {input}");
    }
    // Tracked deletions, and the place a moved paragraph left, are not the document's text.
    assert!(!input.contains("DeletedWord") && !input.contains("MovedAwayWord"));
}

#[test]
fn only_names_are_taken_for_signatories() {
    let p = Project::empty();
    p.run(&["init", "."]).success();
    p.write(
        "reply.md",
        "Submitted jointly by the following organisations:\n\n\
         - Ágora Digital Cidadã (ADC)\n- ARTICLE 19\n\n\
         Thank you for the opportunity to respond. Our answers follow, in the order asked.\n\n\
         On achievements: community networks now have a licensing category in three countries.\n\n\
         ### 4. What are the challenges that remain in the implementation of the WSIS process?\n\n\
         Affordability, above all.\n",
    );
    let run = p
        .run(&["import", "reply.md", "--org", "X", "--name", "Xena"])
        .success();
    let [placed, structure, unplaced] = import_counts(&run.stdout);
    assert_eq!(placed, 3, "{}", run.stdout);
    // The intro, the two names and the question.
    assert_eq!(structure, 6 + 6 + 14, "{}", run.stdout);
    assert_eq!(unplaced, 14 + 12, "{}", run.stdout);
    let input = p.read("inputs/x.toml");
    assert!(input.contains("[[unplaced]]") && input.contains("licensing category"));
}
