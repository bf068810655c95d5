//! `check`, `status`, the text fingerprint, `approve`, `build --final` and the review copy.

use std::io::Read;

use crate::support::{Project, Run};

const LIMITED: &str = "id = \"lim\"\ntitle = \"Limited consultation\"\n\
[[catalogue]]\ncode = \"A1\"\nlabel = \"First\"\ntitle = \"First line\"\n\
[[catalogue]]\ncode = \"A2\"\nlabel = \"Second\"\ntitle = \"Second line\"\n\
[[sections]]\ntitle = \"Only\"\n\
[[sections.questions]]\nid = \"q1\"\nnumber = 1\ntext = \"Why?\"\nmax_words = 5\n\
[[sections.questions]]\nid = \"q2\"\nnumber = 2\ntext = \"How?\"\n\
[[sections.questions]]\nid = \"q3\"\nnumber = 3\nkind = \"action-lines\"\ntext = \"Which lines?\"\n";

/// A project on the limited questionnaire with one well-formed organisation.
fn limited() -> Project {
    let p = Project::empty();
    p.write("q.toml", LIMITED);
    p.run(&["init", ".", "--questionnaire", "q.toml"]).success();
    p.write("inputs/good.toml", "[organisation]\nname = \"Good Org\"\nshort_name = \"GO\"\ncontact = \"a@example.org\"\n[answers.q1]\ntext = \"Short.\"\n[answers.q3.action_lines]\nA1 = \"Yes.\"\nA2 = \"Also.\"\n");
    p
}

fn check_json(p: &Project, args: &[&str]) -> (Run, serde_json::Value) {
    let mut all = vec!["check", "--format", "json"];
    all.extend_from_slice(args);
    let run = p.run(&all);
    let json: serde_json::Value = serde_json::from_str(&run.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}):\n{}", run.stdout));
    (run, json)
}

/// The finding with this code.
fn finding<'a>(json: &'a serde_json::Value, code: &str) -> &'a serde_json::Value {
    json.as_array()
        .unwrap()
        .iter()
        .find(|f| f["code"] == code)
        .unwrap_or_else(|| panic!("no `{code}` finding in {json}"))
}

fn codes(json: &serde_json::Value) -> Vec<String> {
    json.as_array()
        .unwrap()
        .iter()
        .map(|f| f["code"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn a_clean_project_checks_clean() {
    let p = limited();
    p.run(&["check"]).success().stdout_has("no problems found");
    let (_, json) = check_json(&p, &[]);
    assert_eq!(json, serde_json::json!([]));
}

#[test]
fn each_warning_of_check_in_human_and_json_form() {
    let p = limited();
    p.write(
        "inputs/bad.toml",
        "[organisation]\nname = \"Bad Org\"\n[answers.q1]\ntext = \"\"\"\nOne two three four five six seven.\n\n# A heading\n\nSome <b>bold</b> and [a link]().\n\"\"\"\n[answers.q2]\ntext = \"\"\n[answers.q3.action_lines]\nA1 = \"Only this one.\"\n",
    );
    p.write(
        "inputs/empty.toml",
        "[organisation]\nname = \"Empty Org\"\ncontact = \"e@example.org\"\n",
    );
    let human = p.run(&["check"]).success();
    for needle in [
        "warning: the answer to `q1` is 9 words over the limit of 5",
        "--> inputs/bad.toml:4:",
        "warning: a heading inside the answer to `q1`",
        "--> inputs/bad.toml:7:1",
        "warning: raw HTML in the answer to `q1`",
        "warning: a link without an address in the answer to `q1`",
        "warning: `Empty Org` has no answers yet",
        "warning: signatory `Bad Org` has no contact",
        "help:",
    ] {
        assert!(
            human.stdout.contains(needle),
            "missing {needle:?} in:\n{}",
            human.stdout
        );
    }
    // A blank answer, as the template leaves it, is a question skipped: no warning.
    assert!(!human.stdout.contains("q2"), "{}", human.stdout);
    let (run, json) = check_json(&p, &[]);
    assert_eq!(run.code, Some(0), "warnings alone exit 0");
    let found = codes(&json);
    for code in [
        "over-limit",
        "heading-in-answer",
        "raw-html",
        "empty-link",
        "no-answers",
        "no-contact",
    ] {
        assert!(
            found.contains(&code.to_string()),
            "{code} missing from {found:?}"
        );
    }
    let heading = json
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["code"] == "heading-in-answer")
        .unwrap();
    assert_eq!(heading["file"], "inputs/bad.toml");
    assert_eq!(heading["line"], 7);
    assert_eq!(heading["column"], 1);
    assert_eq!(heading["severity"], "warning");
    assert!(heading["help"].as_str().unwrap().contains("bold"));
    // Sorted by file and line.
    let places: Vec<(String, u64)> = json
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["line"].is_u64())
        .map(|f| {
            (
                f["file"].as_str().unwrap().to_string(),
                f["line"].as_u64().unwrap(),
            )
        })
        .collect();
    let mut sorted = places.clone();
    sorted.sort();
    assert_eq!(places, sorted);
    // --deny-warnings turns them into a failure.
    let (run, _) = check_json(&p, &["--deny-warnings"]);
    assert_eq!(run.code, Some(1));
}

#[test]
fn action_line_gaps_stale_drafts_and_conflicts() {
    let p = limited();
    p.write(
        "inputs/good.toml",
        &p.read("inputs/good.toml").replace("A2 = \"Also.\"\n", ""),
    );
    let (_, json) = check_json(&p, &[]);
    let gap = finding(&json, "unanswered-action-line");
    assert_eq!(gap["severity"], "note", "nothing to fix: {gap}");
    assert!(
        gap["message"]
            .as_str()
            .unwrap()
            .contains("no organisation answers A2")
    );
    p.run(&["merge"]).success();
    p.write(
        "inputs/good.toml",
        &p.read("inputs/good.toml").replace("Short.", "Shorter."),
    );
    let (_, json) = check_json(&p, &[]);
    let stale = finding(&json, "stale-draft");
    assert!(
        stale["message"]
            .as_str()
            .unwrap()
            .contains("inputs/good.toml")
    );
    p.run(&["merge"]).success();
    p.write(
        "draft.toml",
        &p.read("draft.toml")
            .replace("Shorter.", "Shorter, edited by the lead."),
    );
    p.write(
        "inputs/good.toml",
        &p.read("inputs/good.toml").replace("Shorter.", "Shortest."),
    );
    p.run(&["merge"]).success();
    assert!(codes(&check_json(&p, &[]).1).contains(&"conflict".to_string()));
    let human = p.run(&["check"]).success().stdout;
    assert!(
        human.contains("warning: 1 unresolved conflict in q1\n--> draft.toml"),
        "{human}"
    );
    p.write(
        "inputs/good.toml",
        &p.read("inputs/good.toml").replace("Yes.", "Yes indeed."),
    );
    let human = p.run(&["check"]).success().stdout;
    assert!(human.contains("warning: draft.toml is older than inputs that changed since the last merge: inputs/good.toml"), "{human}");
    assert!(
        human.contains("note: no organisation answers A2 in `q3`\n--> jointly.toml"),
        "{human}"
    );
    assert!(human.contains("help: run `jointly merge`"), "{human}");
}

#[test]
fn errors_come_first_and_exit_1_usage_errors_exit_2() {
    let p = limited();
    p.write(
        "inputs/typo.toml",
        "[organisation]\nname = \"Typo\"\n[answers.q9]\ntext = \"x\"\n",
    );
    p.write(
        "inputs/empty.toml",
        "[organisation]\nname = \"Empty Org\"\n",
    );
    let (run, json) = check_json(&p, &[]);
    assert_eq!(run.code, Some(1));
    assert_eq!(json[0]["severity"], "error");
    assert_eq!(json[0]["code"], "unknown-question");
    assert_eq!(json[0]["file"], "inputs/typo.toml");
    assert_eq!(
        (json[0]["line"].as_u64(), json[0]["column"].as_u64()),
        (Some(3), Some(10))
    );
    p.run(&["check"])
        .failure()
        .stdout_has("error: unknown question id `q9`");
    assert_eq!(p.run(&["check", "--format", "xml"]).code, Some(2));
}

#[test]
fn status_in_a_table_and_as_json() {
    let p = Project::example();
    let run = p.run(&["status"]).success();
    assert!(
        run.stdout.lines().all(|l| l.chars().count() <= 80),
        "fits 80 columns:\n{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("ADC")
            && run.stdout.contains("joint text")
            && run.stdout.contains("answering")
    );
    assert!(
        !run.stdout.contains('\u{1b}'),
        "no colour when not writing to a terminal"
    );
    assert!(
        run.stdout
            .contains("0 of 4 co-signers approved the current text.")
    );
    let json: serde_json::Value =
        serde_json::from_str(&p.run(&["status", "--format", "json"]).success().stdout).unwrap();
    assert_eq!(json["questions"].as_array().unwrap().len(), 11);
    assert_eq!(json["answering"]["q5"], 0);
    assert_eq!(json["organisations"][0]["org"], "ADC");
    assert!(
        json["organisations"][0]["answers"]["q1"]["words"]
            .as_u64()
            .unwrap()
            > 50
    );
    assert_eq!(
        json["signoff"].as_array().unwrap().len(),
        4,
        "IPIC does not sign"
    );
    assert!(json["fingerprint"].as_str().unwrap().starts_with("sha256:"));
}

fn fingerprint(p: &Project) -> String {
    let json: serde_json::Value =
        serde_json::from_str(&p.run(&["status", "--format", "json"]).success().stdout).unwrap();
    json["fingerprint"].as_str().unwrap().to_string()
}

#[test]
fn the_fingerprint_follows_the_text_not_the_formatting() {
    let p = Project::example();
    p.run(&["merge"]).success();
    let before = fingerprint(&p);
    // Reformat an input: comments, blank lines, trailing spaces, key order.
    let adc = p.read("inputs/adc.toml");
    let reformatted = format!(
        "# A new comment at the top\n\n{}",
        adc.replace("signs = true\n", "").replace(
            "[organisation]\n",
            "[organisation]\nsigns = true   # moved\n"
        )
    );
    p.write("inputs/adc.toml", &reformatted);
    assert_eq!(
        fingerprint(&p),
        before,
        "reformatting an input changes nothing"
    );
    // Text with include = false does not count.
    let draft = p.read("draft.toml");
    let at = draft
        .find("[[questions.q8.text]]\nfrom = [\"KRCN\"]")
        .unwrap();
    let mut excluded = draft.clone();
    excluded.insert_str(
        at + "[[questions.q8.text]]\nfrom = [\"KRCN\"]\n".len(),
        "include = false\n",
    );
    p.write("draft.toml", &excluded);
    let without_krcn = fingerprint(&p);
    assert_ne!(without_krcn, before, "leaving a part out changes the text");
    p.write(
        "draft.toml",
        &excluded.replacen("Alignment is strongest", "Alignment really is strongest", 1),
    );
    assert_eq!(
        fingerprint(&p),
        without_krcn,
        "editing an excluded part changes nothing"
    );
    // One word of included text changes it.
    p.write(
        "draft.toml",
        &excluded.replacen("Twenty years on", "Twenty-one years on", 1),
    );
    assert_ne!(fingerprint(&p), without_krcn);
}

#[test]
fn approve_withdraw_stale_and_final() {
    let p = Project::example();
    p.run(&["merge"]).success();
    // Nobody has approved: --final refuses and names everyone.
    let run = p.run(&["build", "--final"]).failure();
    for org in ["ADC (not yet approved)", "CRCO", "KRCN", "OSCT"] {
        assert!(run.stderr.contains(org), "{org} missing: {}", run.stderr);
    }
    assert!(!run.stderr.contains("IPIC"), "non-signers are not asked");
    assert!(!p.exists("out/submission.md"));
    for org in [
        "ADC",
        "crco",
        "Kasuku Rural Connectivity Network",
        "inputs/osct.toml",
    ] {
        p.run(&["approve", "--org", org])
            .success()
            .stdout_has("approves the joint text sha256:");
    }
    let adc = p.read("inputs/adc.toml");
    assert!(adc.contains("[signoff]\ntext = \"sha256:"), "{adc}");
    assert!(
        adc.starts_with("# Input from Ágora Digital Cidadã"),
        "the file's own comments stay"
    );
    p.run(&["status"])
        .success()
        .stdout_has("4 of 4 co-signers approved the current text.");
    // Everyone approved: the final copy has no draft notice. A question nobody answered
    // stays allowed, and is named.
    p.run(&["build", "--final", "--format", "all"])
        .success()
        .stderr_has("warning: the final copy leaves question 5 unanswered");
    let approved = p.read("out/submission.md");
    assert!(!approved.contains("Draft – not for submission"));
    // A draft built afterwards goes beside the final copy, never over it.
    p.run(&["build", "--format", "all"])
        .success()
        .stdout_has("out/submission-draft.md");
    assert_eq!(p.read("out/submission.md"), approved);
    // One change to the joint text makes every approval stale.
    p.write(
        "draft.toml",
        &p.read("draft.toml")
            .replacen("Twenty years on", "Twenty-one years on", 1),
    );
    p.run(&["status"])
        .success()
        .stdout_has("approved an older text");
    p.run(&["build", "--final"])
        .failure()
        .stderr_has("ADC (approved an older text: the joint answers changed since)");
    // Re-approving brings it back; withdrawing takes one away.
    for org in ["ADC", "CRCO", "KRCN", "OSCT"] {
        p.run(&["approve", "--org", org]).success();
    }
    p.run(&["build", "--final"]).success();
    p.run(&["approve", "--org", "KRCN", "--withdraw"])
        .success()
        .stdout_has("no longer approves");
    assert!(!p.read("inputs/krcn.toml").contains("[signoff]"));
    p.run(&["build", "--final"])
        .failure()
        .stderr_has("KRCN (not yet approved)");
}

#[test]
fn drafts_carry_the_notice() {
    let p = Project::example();
    p.run(&["build", "--format", "all"]).success();
    assert!(
        p.read("out/submission-draft.md")
            .contains("\n**Draft – not for submission**\n")
    );
    let bytes = std::fs::read(p.file("out/submission-draft.docx")).unwrap();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut header = String::new();
    zip.by_name("word/header1.xml")
        .expect("a page header")
        .read_to_string(&mut header)
        .unwrap();
    assert!(header.contains("Draft – not for submission"));
}

#[test]
fn the_review_copy_attributes_every_part() {
    let p = Project::example();
    p.run(&["merge"]).success();
    let draft = p.read("draft.toml");
    let at = draft
        .find("[[questions.q8.text]]\nfrom = [\"KRCN\"]")
        .unwrap();
    let mut excluded = draft.clone();
    excluded.insert_str(
        at + "[[questions.q8.text]]\nfrom = [\"KRCN\"]\n".len(),
        "include = false\n",
    );
    p.write("draft.toml", &excluded);
    p.run(&["build", "--review", "--format", "all"])
        .success()
        .stdout_has("out/submission-review.docx");
    let md = p.read("out/submission-review.md");
    assert!(md.contains("*[from ADC]*"), "attribution tags");
    assert!(md.contains("*[from ADC, KRCN]*"), "shared text names both");
    // Each contribution to an action line is credited on its own.
    assert!(!md.contains("]; "), "no tag lumps two parts together");
    assert!(md.contains("**⚠ No answer yet.**"), "q5 flagged");
    assert!(md.contains("*Words: "), "word counts");
    assert!(
        md.contains(
            "## Annex: contributions left out of the joint text\n\n**Question 8**, from KRCN:"
        ),
        "{md}"
    );
    // Word: each part carries a comment by its contributors, over its own paragraphs.
    let bytes = std::fs::read(p.file("out/submission-review.docx")).unwrap();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut read = |name: &str| {
        let mut s = String::new();
        zip.by_name(name).unwrap().read_to_string(&mut s).unwrap();
        s
    };
    let (document, comments) = (read("word/document.xml"), read("word/comments.xml"));
    const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
    let doc = roxmltree::Document::parse(&document).unwrap();
    let com = roxmltree::Document::parse(&comments).unwrap();
    let authors: std::collections::BTreeMap<String, (String, String)> = com
        .descendants()
        .filter(|n| n.has_tag_name((W, "comment")))
        .map(|n| {
            let said: String = (n.descendants())
                .filter(|t| t.has_tag_name((W, "t")))
                .filter_map(|t| t.text())
                .collect();
            (
                n.attribute((W, "id")).unwrap().to_string(),
                (n.attribute((W, "author")).unwrap().to_string(), said),
            )
        })
        .collect();
    // An author is one organisation; the comment says what the author field cannot.
    for (author, said) in authors.values() {
        assert!(!author.contains(", "), "{author}");
        assert_ne!(
            said.to_lowercase(),
            format!("from {}", author.to_lowercase())
        );
    }
    assert!(authors.len() > 20, "{} comments", authors.len());
    let para_text = |p: roxmltree::Node| {
        p.descendants()
            .filter(|n| n.has_tag_name((W, "t")))
            .filter_map(|n| n.text())
            .collect::<String>()
    };
    let mut checked = 0;
    for start in doc
        .descendants()
        .filter(|n| n.has_tag_name((W, "commentRangeStart")))
    {
        let id = start.attribute((W, "id")).unwrap();
        let p = start
            .ancestors()
            .find(|n| n.has_tag_name((W, "p")))
            .unwrap();
        let text = para_text(p);
        let (author, said) = &authors[id];
        if text.starts_with("Twenty years on") {
            assert_eq!(author, "ADC");
            assert!(said.starts_with("Ágora Digital Cidadã (ADC)"), "{said}");
            checked += 1;
        }
        if text.starts_with("The WSIS Forum and the IGF should be treated") {
            assert_eq!(author, "ADC");
            assert!(said.ends_with("; also sent by KRCN"), "{said}");
            checked += 1;
        }
        if author == "KRCN" && text.starts_with("C7 ICT applications (e-health)") {
            checked += 1;
        }
        // Every range ends, in this paragraph or a later one.
        assert!(document.contains(&format!("<w:commentRangeEnd w:id=\"{id}\"")));
    }
    assert_eq!(
        checked, 3,
        "the three sample parts were found with their authors"
    );
    assert!(document.contains("Annex: contributions left out of the joint text"));
}

#[test]
fn check_names_only_real_problems_in_natural_order() {
    let p = limited();
    // An action-line answer with text and lines and a blank closing is answered.
    p.write(
        "inputs/lines.toml",
        "[organisation]\nname = \"Lines Org\"\ncontact = \"l@example.org\"\n[answers.q3]\ntext = \"Before.\"\nclosing = \"\"\n[answers.q3.action_lines]\nA1 = \"A line.\"\n",
    );
    let out = p.run(&["check"]).success().stdout;
    assert!(!out.contains("empty"), "{out}");
    // One input that does not parse is one error: the lead it names is not "unknown".
    let config = p.read("jointly.toml");
    let lead = p.read("inputs/good.toml");
    let name = lead
        .lines()
        .find_map(|l| l.strip_prefix("name = "))
        .unwrap()
        .trim_matches('"')
        .to_string();
    p.write(
        "jointly.toml",
        &config.replacen(
            "[submission]",
            &format!("[submission]\nlead = \"{name}\""),
            1,
        ),
    );
    p.write("inputs/good.toml", &format!("{lead}\n[broken"));
    let out = p.run(&["check"]).failure().stdout;
    assert!(out.contains("inputs/good.toml"), "{out}");
    assert!(!out.contains("unknown lead"), "{out}");
    assert!(out.contains("1 error"), "{out}");
}

#[test]
fn a_conflict_shows_in_the_review_copy_and_in_status() {
    let p = Project::example();
    p.run(&["merge"]).success();
    // The lead edits ADC's part; then ADC changes its own text.
    p.write(
        "draft.toml",
        &p.read("draft.toml")
            .replacen("Twenty years on", "Twenty years later", 1),
    );
    p.write(
        "inputs/adc.toml",
        &p.read("inputs/adc.toml")
            .replacen("Twenty years on", "After twenty years", 1),
    );
    p.run(&["merge"]).success();
    p.run(&["build", "--review", "--format", "all"]).success();
    let md = p.read("out/submission-review.md");
    let edited = md
        .find("*[from ADC; edited by the lead]*\n\nTwenty years later")
        .expect(&md);
    let conflict = md
        .find("**⚠ Conflict: ADC changed this text after the lead edited it. Keep one version in draft.toml.**\n\n*[from ADC]*\n\nAfter twenty years")
        .expect(&md);
    assert!(edited < conflict, "the lead's version, then the newer one");
    let docx =
        crate::docx::Docx::read(&std::fs::read(p.file("out/submission-review.docx")).unwrap());
    assert!(docx.parts["word/document.xml"].contains("⚠ Conflict: ADC changed this text"));
    assert!(docx.parts["word/comments.xml"].contains("edited by the lead"));
    let status = p.run(&["status"]).success().stdout;
    assert!(
        status.contains("Open conflicts in draft.toml (1):"),
        "{status}"
    );
    assert!(status.contains("newer text from ADC"), "{status}");
}

#[test]
fn diff_shows_what_changed_since_an_approval_word_by_word() {
    let p = Project::example();
    p.run(&["diff"])
        .failure()
        .stderr_has("no organisation has approved a text yet");
    p.run(&["merge"]).success();
    p.run(&["approve", "--org", "ADC"]).success();
    // The approved text is kept where git can track it.
    let kept: Vec<_> = std::fs::read_dir(p.file(".jointly/approved"))
        .unwrap()
        .collect();
    assert_eq!(kept.len(), 1);
    p.run(&["diff", "--since", "ADC"])
        .success()
        .stdout_has("ADC approved the current text: nothing changed since");
    p.run(&["diff"])
        .success()
        .stdout_has("approved the current text: nothing changed since");
    p.write(
        "draft.toml",
        &p.read("draft.toml")
            .replacen("Twenty years on", "Twenty years later", 1),
    );
    let out = p.run(&["diff", "--since", "ADC"]).success().stdout;
    assert!(
        out.contains("── 1. What are the main achievements"),
        "{out}"
    );
    assert!(
        out.contains("Twenty years [-on,-]{+later,+} the clearest"),
        "{out}"
    );
    assert!(
        out.contains("\n…\n"),
        "unchanged paragraphs are left out: {out}"
    );
    assert!(!out.contains("In Brazil"), "{out}");
    assert!(
        !out.contains("── 2."),
        "unchanged questions are left out: {out}"
    );
    let md = p.run(&["diff", "--format", "markdown"]).success().stdout;
    assert!(md.contains("### 1. What are the main achievements"), "{md}");
    assert!(
        md.contains("Twenty years ~~on,~~ **later,** the clearest")
            || md.contains("Twenty years ~~on,~~**later,** the clearest"),
        "{md}"
    );
    let status = p.run(&["status"]).success().stdout;
    assert!(
        status.contains("in: q1 (`jointly diff --since ADC`)"),
        "{status}"
    );
}

#[test]
fn diff_finds_an_older_approval_by_the_start_of_its_fingerprint_or_by_a_hex_like_name() {
    let p = Project::example();
    p.write(
        "inputs/adc.toml",
        &p.read("inputs/adc.toml")
            .replace("short_name = \"ADC\"", "short_name = \"FACADE\""),
    );
    p.write(
        "jointly.toml",
        &p.read("jointly.toml")
            .replace("lead = \"ADC\"", "lead = \"FACADE\""),
    );
    p.run(&["merge"]).success();
    let first = p.run(&["approve", "--org", "FACADE"]).success().stdout;
    let fingerprint = first.split("sha256:").nth(1).unwrap()[..12].to_string();
    p.write(
        "draft.toml",
        &p.read("draft.toml")
            .replacen("Twenty years on", "Twenty years later", 1),
    );
    p.run(&["approve", "--org", "FACADE"]).success();
    p.write(
        "draft.toml",
        &p.read("draft.toml")
            .replacen("Twenty years later", "Twenty years after", 1),
    );
    // The text approved first, though FACADE has approved another since.
    p.run(&["diff", "--since", &fingerprint])
        .success()
        .stdout_has("[-on,-]{+after,+}");
    // A short name of hex letters is an organisation, not a fingerprint.
    p.run(&["diff", "--since", "FACADE"])
        .success()
        .stdout_has("[-later,-]{+after,+}");
}
