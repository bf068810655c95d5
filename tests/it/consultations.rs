//! Any consultation: questions with parts, choice questions, the coalition's own texts,
//! respondent details, limits at every level, and a questionnaire read from the call itself.

use crate::docx::Docx;
use crate::support::Project;

/// A questionnaire with a question in parts, a scale question, limits at every level, a
/// required summary and a respondent field.
const QUESTIONNAIRE: &str = r#"
id = "demo"
title = "EXAMPLE: a demo call"
max_words = 60

[texts.summary]
required = true
max_words = 5

[[respondent]]
id = "org_type"
label = "Type of organisation"
kind = "choice"
options = ["NGO", "Academia"]
required = true

[[sections]]
title = "Questions"
max_words = 40

[[sections.questions]]
id = "q1"
number = 1
text = "Concerning privacy:"

[[sections.questions.parts]]
id = "q1a"
label = "1(a)"
text = "What measures exist?"
max_words = 5

[[sections.questions.parts]]
id = "q1b"
label = "1(b)"
text = "What is missing?"

[[sections.questions]]
id = "q2"
number = 2
kind = "scale"
text = "Do you agree?"
options = ["Agree", "Neutral", "Disagree"]
max_chars = 30
"#;

fn demo() -> Project {
    let p = Project::empty();
    p.write("questionnaire.toml", QUESTIONNAIRE);
    p.write(
        "jointly.toml",
        "[submission]\nquestionnaire = \"questionnaire.toml\"\n[texts]\nsummary = \"summary.md\"\n[respondent]\norg_type = \"ngo\"\n",
    );
    p.write(
        "summary.md",
        "A summary that is far too long for its limit.",
    );
    p.write(
        "inputs/a.toml",
        "[organisation]\nname = \"Alpha\"\ncontact = \"a@example.org\"\n[answers.q1a]\ntext = \"Laws exist, but nobody enforces them.\"\n[answers.q1b]\ntext = \"Oversight.\"\n[answers.q2]\nchoice = \"agree\"\ntext = \"Because the evidence points that way.\"\n",
    );
    p.write(
        "inputs/b.toml",
        "[organisation]\nname = \"Beta\"\ncontact = \"b@example.org\"\n[answers.q2]\nchoice = \"Disagree\"\n",
    );
    p
}

#[test]
fn parts_render_one_level_below_their_question_in_every_format() {
    let p = demo();
    let md = p.run(&["build", "-o", "-"]).success().stdout;
    let q1 = md.find("### 1. Concerning privacy:").expect("the question");
    let a = md
        .find("#### 1(a) What measures exist?")
        .expect("part (a), one level below");
    let b = md.find("#### 1(b) What is missing?").expect("part (b)");
    assert!(q1 < a && a < b && md[a..b].contains("Laws exist"), "{md}");
    let text = p
        .run(&["build", "--format", "text", "-o", "-"])
        .success()
        .stdout;
    assert!(
        text.contains("\n1. Concerning privacy:\n\n1(a) What measures exist?\n\nLaws exist"),
        "{text}"
    );
    p.run(&["build", "--format", "docx", "-o", "out.docx"])
        .success();
    let docx = Docx::read(&std::fs::read(p.file("out.docx")).unwrap());
    let paragraphs = docx.paragraphs("word/document.xml");
    let style_of = |text: &str| {
        let found = paragraphs.iter().find(|(_, _, t)| t == text);
        found
            .map(|(s, _, _)| s.as_str())
            .unwrap_or_else(|| panic!("no paragraph {text:?}"))
    };
    assert_eq!(style_of("1. Concerning privacy:"), "Heading2");
    assert_eq!(style_of("1(a) What measures exist?"), "Heading3");
    assert!(docx.parts["word/styles.xml"].contains("w:styleId=\"Heading3\""));
}

#[test]
fn a_disagreement_on_a_choice_is_a_conflict_until_the_lead_resolves_it() {
    let p = demo();
    p.run(&["check"])
        .failure()
        .stdout_has("the organisations chose differently in q2: Agree (Alpha); Disagree (Beta)");
    p.run(&["merge"])
        .success()
        .stderr_has("chose differently in q2");
    for org in ["Alpha", "Beta"] {
        p.run(&["approve", "--org", org]).success();
    }
    p.run(&["build", "--final"])
        .failure()
        .stderr_has("q2 choice");
    // The lead keeps Alpha's choice: Beta's is left out, and stays left out.
    let draft = p.read("draft.toml");
    let beta = draft
        .find("[[questions.q2.choice]]\nfrom = [\"Beta\"]")
        .expect("Beta's choice");
    let text = beta + draft[beta..].find("text = ").unwrap();
    p.write(
        "draft.toml",
        &format!("{}include = false\n{}", &draft[..text], &draft[text..]),
    );
    p.run(&["merge"]).success().stdout_has("up to date");
    let check = p.run(&["check"]);
    assert!(
        !check.stdout.contains("chose differently"),
        "{}",
        check.stdout
    );
    let md = p.run(&["build", "-o", "-"]).success().stdout;
    assert!(
        md.contains("- ☒ Agree") && md.contains("- ☐ Disagree"),
        "{md}"
    );
}

#[test]
fn respondent_details_come_from_the_lead_never_from_an_input() {
    let p = demo();
    let md = p.run(&["build", "-o", "-"]).success().stdout;
    assert!(
        md.contains("## Respondent\n\n- **Type of organisation:** NGO"),
        "{md}"
    );
    // An organisation cannot send respondent details to be merged.
    p.write(
        "inputs/c.toml",
        "[organisation]\nname = \"Gamma\"\n[respondent]\norg_type = \"Academia\"\n",
    );
    p.run(&["check"])
        .failure()
        .stdout_has("unknown key `respondent`");
    std::fs::remove_file(p.file("inputs/c.toml")).unwrap();
    // A value the questionnaire does not offer is an error pointing at it.
    let config = p
        .read("jointly.toml")
        .replace("org_type = \"ngo\"", "org_type = \"Think tank\"");
    p.write("jointly.toml", &config);
    p.run(&["check"])
        .failure()
        .stdout_has("respondent detail `org_type` is not one of: NGO, Academia");
}

#[test]
fn check_reports_every_limit_the_joint_text_goes_over() {
    let p = demo();
    let long = "word ".repeat(60);
    p.write(
        "inputs/a.toml",
        &p.read("inputs/a.toml")
            .replace("Oversight.", &format!("Oversight. {long}"))
            .replace(
                "Because the evidence points that way.",
                "Because the evidence points that way, as our long report shows.",
            ),
    );
    let out = p.run(&["check"]).stdout;
    for expected in [
        "the joint answer to 1(a) (q1a) is over its limit: Words: 6,",
        "the joint answer to 2 (q2) is over its limit",
        "the joint section \"Questions\" is over its limit",
        "the joint submission as a whole is over its limit",
        "the joint summary is over its limit: Words: 10,",
    ] {
        assert!(out.contains(expected), "{expected}\n{out}");
    }
}

#[test]
fn required_texts_and_respondent_details_are_checked_and_final_needs_them() {
    let p = demo();
    p.write(
        "jointly.toml",
        "[submission]\nquestionnaire = \"questionnaire.toml\"\n",
    );
    let out = p.run(&["check"]).stdout;
    assert!(
        out.contains("the questionnaire asks for a summary, and the project has none"),
        "{out}"
    );
    assert!(
        out.contains("the questionnaire asks for the respondent's Type of organisation"),
        "{out}"
    );
    p.run(&["build", "--final"])
        .failure()
        .stderr_has("the summary, the respondent's Type of organisation");
}

#[test]
fn a_questionnaire_needs_numbers_texts_and_options_where_they_belong() {
    for (broken, message) in [
        (
            "number = 1\ntext = \"Concerning privacy:\"",
            "number = 0\ntext = \"Concerning privacy:\"",
        ),
        ("text = \"What is missing?\"", "text = \" \""),
        (
            "options = [\"Agree\", \"Neutral\", \"Disagree\"]",
            "options = [\"Agree\"]",
        ),
    ]
    .map(|(from, to)| (QUESTIONNAIRE.replacen(from, to, 1), to))
    {
        let p = Project::empty();
        p.write("q.toml", &broken);
        let run = p.run(&["questionnaire", "check", "q.toml"]).failure();
        let out = format!("{}{}", run.stdout, run.stderr);
        assert!(
            out.contains("has no number")
                || out.contains("has no text")
                || out.contains("fewer than two options"),
            "{message}: {out}"
        );
        assert!(out.contains("q.toml:"), "with its place: {out}");
    }
    let p = Project::empty();
    p.write("q.toml", QUESTIONNAIRE);
    p.run(&["questionnaire", "check", "q.toml"])
        .success()
        .stdout_has("1 section, 2 questions, 2 parts");
}

#[test]
fn a_questionnaire_is_read_from_a_call_in_word_markdown_and_text() {
    let calls = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/calls");
    let mut outputs = Vec::new();
    for format in ["docx", "md", "txt"] {
        let p = Project::empty();
        let call = format!("call.{format}");
        std::fs::copy(calls.join(&call), p.file(&call)).unwrap();
        p.run(&["questionnaire", "from", &call, "-o", "q.toml"])
            .success()
            .stdout_has("4 questions, 2 parts");
        let q: toml::Table = p.read("q.toml").parse().unwrap();
        assert_eq!(
            q["title"].as_str(),
            Some("Call for input: privacy and digital public infrastructure (EXAMPLE)")
        );
        assert_eq!(
            q["issuer"].as_str(),
            Some("Special Rapporteur on the right to privacy (a fictional example)")
        );
        assert_eq!(q["max_words"].as_integer(), Some(2500));
        let questions = q["sections"][0]["questions"].as_array().unwrap();
        let texts: Vec<&str> = questions
            .iter()
            .map(|x| x["text"].as_str().unwrap())
            .collect();
        assert_eq!(
            texts[0],
            "What legal safeguards apply to digital identity systems in your country?"
        );
        assert_eq!(questions[0]["max_words"].as_integer(), Some(500));
        let parts = questions[1]["parts"].as_array().unwrap();
        assert_eq!(parts[0]["label"].as_str(), Some("2(a)"));
        assert_eq!(
            parts[1]["text"].as_str(),
            Some("How are individuals informed?")
        );
        assert_eq!(parts[1]["max_words"].as_integer(), Some(300));
        assert_eq!(questions[3]["max_chars"].as_integer(), Some(1000));
        // It is a questionnaire jointly can use at once.
        p.run(&["questionnaire", "check", "q.toml"]).success();
        p.run(&["init", "project", "--questionnaire", "q.toml"])
            .success();
        outputs.push(p.read("q.toml").replace(&format!("call.{format}"), ""));
    }
    assert!(
        outputs.windows(2).all(|w| w[0] == w[1]),
        "the three formats give the same questionnaire"
    );
}

#[test]
fn the_two_example_consultations_build_in_every_format() {
    for (example, expect) in [
        (
            "sr-privacy",
            [
                "#### 2(a) Which personal data",
                "## Executive summary",
                "## Annex 1: Selected cases",
            ],
        ),
        (
            "ec-survey",
            [
                "## Respondent",
                "- ☒ Support for community networks",
                "**Answer:** Yes",
            ],
        ),
    ] {
        let p = Project::example_named(example);
        p.run(&["check"]).success();
        for args in [
            &["build", "--format", "all"][..],
            &["build", "--format", "all", "--review"],
            &["build", "--format", "text"],
        ] {
            p.run(args).success();
        }
        let md = p.read("out/submission-draft.md");
        for e in expect {
            assert!(md.contains(e), "{example}: {e}\n{md}");
        }
        let review = p.read("out/submission-review.md");
        assert!(
            review.contains("[from "),
            "{example}: the review copy says who wrote what"
        );
        for file in ["out/submission-draft.docx", "out/submission-review.docx"] {
            let docx = Docx::read(&std::fs::read(p.file(file)).unwrap());
            for name in docx
                .parts
                .keys()
                .filter(|n| n.ends_with(".xml"))
                .cloned()
                .collect::<Vec<_>>()
            {
                docx.part(&name);
            }
        }
        assert!(
            p.read("out/submission-draft.txt")
                .contains("Draft – not for submission")
        );
    }
}

#[test]
#[ignore = "needs pandoc"]
fn pandoc_reads_the_example_consultations() {
    for example in ["sr-privacy", "ec-survey", "fr-inclusion", "ar-access"] {
        let p = Project::example_named(example);
        p.run(&["build", "--format", "all"]).success();
        let md = p.read("out/submission-draft.md");
        crate::docx::assert_pandoc_reads_the_markdown_words(&p, &md);
    }
}

#[test]
#[ignore = "needs LibreOffice (soffice) and pdftotext"]
fn libreoffice_renders_the_example_consultations() {
    for (example, expect) in [
        ("sr-privacy", "2(b) How are individuals informed"),
        ("ec-survey", "☒ Support for community networks"),
        ("fr-inclusion", "Page 1 sur"),
    ] {
        let p = Project::example_named(example);
        p.run(&["build", "--format", "docx", "--review"]).success();
        let text = crate::docx::pdf_text(&p, "submission-review");
        assert!(text.contains(expect), "{example}: {text}");
    }
}

#[test]
#[ignore = "needs python-docx"]
fn python_docx_reads_the_example_consultations() {
    for (example, expect) in [
        ("sr-privacy", "Heading 3|2(a) Which personal data"),
        ("ec-survey", "Heading 1|Respondent"),
        (
            "fr-inclusion",
            "Heading 3|3 a) Quelles garanties s'appliquent aujourd'hui ?",
        ),
        (
            "ar-access",
            "Heading 2|2. هل يكفل القانون في بلدكم حماية البيانات الشخصية؟",
        ),
    ] {
        let p = Project::example_named(example);
        p.run(&["build", "--format", "docx"]).success();
        let script = "import docx,sys\nd=docx.Document(sys.argv[1])\nfor para in d.paragraphs:\n    print(para.style.name+'|'+para.text)\n";
        let out = std::process::Command::new("/usr/bin/python3")
            .args(["-c", script, "out/submission-draft.docx"])
            .current_dir(p.path())
            .output()
            .expect("python3 with python-docx (apt-get install python3-docx)");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(text.contains(expect), "{example}: {text}");
    }
}

#[test]
fn import_finds_the_parts_of_a_question() {
    let p = Project::example_named("sr-privacy");
    p.write(
        "reply.md",
        "# Our reply\n\n## 1. What legal safeguards apply to digital identity systems in your country?\n\nA data protection act, badly enforced.\n\n## 2. Concerning data sharing between public bodies:\n\n(a) Which personal data are shared, and on what legal basis?\n\nAddresses and biometrics, by memorandum.\n\n(b) How are individuals informed, and can they object?\n\nThey are not.\n\n## 3(a) Please describe the cases.\n\nDozens of pensioners.\n",
    );
    let run = p
        .run(&["import", "reply.md", "--org", "NEW", "--name", "New Org"])
        .success();
    assert!(run.stdout.contains("0 not placed"), "{}", run.stdout);
    let input: toml::Table = p.read("inputs/new.toml").parse().unwrap();
    let text = |id: &str| {
        input["answers"][id]["text"]
            .as_str()
            .unwrap_or("")
            .trim()
            .to_string()
    };
    assert_eq!(text("q1"), "A data protection act, badly enforced.");
    assert_eq!(text("q2a"), "Addresses and biometrics, by memorandum.");
    assert_eq!(text("q2b"), "They are not.");
    assert_eq!(text("q3a"), "Dozens of pensioners.");
}

#[test]
fn choices_are_checked_wherever_they_are_written() {
    let p = demo();
    // A single choice with two options in draft.toml is an error, not two ticks.
    p.run(&["merge"]).success();
    let draft =
        p.read("draft.toml")
            .replacen("text = \"Agree\"", "text = '''\nAgree\nNeutral\n'''", 1);
    p.write("draft.toml", &draft);
    p.run(&["check"])
        .failure()
        .stdout_has("question `q2` takes one option, and a choice part in draft.toml has several");
    std::fs::remove_file(p.file("draft.toml")).unwrap();
    // An option written with stray spaces in the questionnaire is still the option chosen.
    p.write(
        "questionnaire.toml",
        &QUESTIONNAIRE.replace("\"Neutral\"", "\" Neutral \""),
    );
    p.write(
        "inputs/b.toml",
        "[organisation]\nname = \"Beta\"\ncontact = \"b@example.org\"\n[answers.q2]\nchoice = \"neutral\"\n",
    );
    let md = p.run(&["build", "-o", "-"]).success().stdout;
    assert!(md.contains("- ☒ Neutral"), "{md}");
    // A blank template's empty choice is no answer yet, not an error.
    p.run(&["template", "--org", "Gamma", "-o", "inputs/gamma.toml"])
        .success();
    assert!(p.read("inputs/gamma.toml").contains("choice = \"\""));
    let check = p.run(&["check"]);
    assert!(!check.stdout.contains("the choice for"), "{}", check.stdout);
    // From the command line: an empty option is refused; --clear takes the choice too.
    p.run(&["answer", "--org", "Beta", "q2", "--choice", ""])
        .failure();
    p.run(&["answer", "--org", "Beta", "q2", "--clear"])
        .success();
    assert!(
        !p.read("inputs/b.toml").contains("choice"),
        "{}",
        p.read("inputs/b.toml")
    );
}

#[test]
fn import_takes_only_the_options_ticked() {
    let p = Project::example_named("ec-survey");
    p.write(
        "reply.md",
        "1. Which measure should have priority for rural areas?\n\n- Fibre to every village\n- Mobile coverage on all roads\n- Support for community networks\n\n3. Should EU funds be open to non-profit community networks?\n\n[x] Yes\n\n[ ] No\n\nBecause they reach the last villages.\n\n4. To what extent do you agree: the 2030 connectivity targets are achievable in rural areas?\n\nDisagree\n",
    );
    p.run(&["import", "reply.md", "--org", "NEW", "--name", "New Org"])
        .success();
    let input: toml::Table = p.read("inputs/new.toml").parse().unwrap();
    let answers = &input["answers"];
    // A bare list of the options is the form, not an answer.
    assert!(
        answers["priority"]
            .get("choice")
            .is_none_or(|c| c.as_str() == Some("")),
        "{answers:?}"
    );
    assert_eq!(answers["funds"]["choice"].as_str(), Some("Yes"));
    assert_eq!(answers["targets"]["choice"].as_str(), Some("Disagree"));
    p.run(&["check"]).success();
}

#[test]
fn a_call_with_an_introductory_list_sections_and_numbered_parts() {
    let p = Project::empty();
    p.write(
        "call.md",
        "# Call for input on example matters\n\nOffice of the High Commissioner (fictional).\n\nHow to submit:\n\n1. Who can submit? Anyone.\n2. How? By email.\n\n## Part A\n\n1. Please describe the legal framework.\n\n2. What changed since 2020?\n\n## Part B\n\n3. Concerning oversight:\n\n3.1 Who oversees?\n\n3.2 Explain how complaints work.\n\n4. List the main gaps (max. 200 words)\n\nThe submissions should (a) be sent by email; (b) be in English.\n",
    );
    p.run(&["questionnaire", "from", "call.md", "-o", "q.toml"])
        .success()
        .stdout_has("4 questions, 2 parts");
    let q: toml::Table = p.read("q.toml").parse().unwrap();
    let sections = q["sections"].as_array().unwrap();
    assert_eq!(sections.len(), 2, "the numbering goes on across sections");
    assert_eq!(
        sections[0]["questions"][0]["text"].as_str(),
        Some("Please describe the legal framework.")
    );
    let q3 = &sections[1]["questions"][0];
    assert_eq!(q3["parts"][0]["id"].as_str(), Some("q3_1"));
    assert_eq!(q3["parts"][0]["label"].as_str(), Some("3.1"));
    let q4 = &sections[1]["questions"][1];
    assert!(
        q4.get("parts").is_none(),
        "the closing guidance is no part: {q4:?}"
    );
    p.run(&["questionnaire", "check", "q.toml"]).success();
}

#[test]
fn status_shows_the_joint_words_of_every_part() {
    let p = Project::example_named("sr-privacy");
    let status = p.run(&["status"]).success().stdout;
    let joint = status
        .lines()
        .find(|l| l.starts_with("joint text"))
        .expect("the joint row");
    let header = status.lines().next().unwrap();
    let column = |id: &str| header.find(id).map(|at| at + id.len());
    let end = column(" q2a").unwrap();
    let cell = joint[..end].split_whitespace().last().unwrap();
    assert!(
        cell.parse::<usize>().is_ok(),
        "q2a's joint words: {header}\n{joint}"
    );
}

#[test]
fn init_finds_a_questionnaire_in_the_project_folder() {
    let p = Project::empty();
    p.write("proj/call.toml", QUESTIONNAIRE);
    p.run(&["init", "proj", "--questionnaire", "call.toml"])
        .success();
    assert!(
        p.read("proj/jointly.toml")
            .contains("questionnaire = \"call.toml\"")
    );
}
