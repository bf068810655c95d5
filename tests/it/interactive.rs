//! `jointly draft` driven through a pseudo-terminal, as a person would, and `jointly answer`.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

use expectrl::session::OsSession as Session;
use expectrl::{Eof, Expect};

use crate::support::Project;

const DOWN: &str = "\x1b[B";

/// A project made with `jointly init`, with an "editor" that writes `Editor text N.` (N counts
/// the times it ran) into the file it is given.
fn project() -> (Project, PathBuf) {
    let p = Project::empty();
    p.run(&["init", "."]).success();
    let editor = script(
        &p,
        "editor.sh",
        "#!/bin/sh\nn=$(cat \"$(dirname \"$0\")/count\" 2>/dev/null || echo 0)\nn=$((n+1))\necho $n > \"$(dirname \"$0\")/count\"\nprintf 'Editor text %s.\\n' \"$n\" > \"$1\"\n",
    );
    (p, editor)
}

/// An executable shell script in the project, to stand for the user's editor.
fn script(p: &Project, name: &str, text: &str) -> PathBuf {
    let path = p.file(name);
    std::fs::write(&path, text).unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    path
}

fn spawn(p: &Project, editor: &Path, args: &[&str]) -> Session {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_jointly"));
    cmd.args(args)
        .current_dir(p.path())
        .env("EDITOR", editor)
        .env_remove("VISUAL")
        .env("TERM", "xterm")
        .env("NO_COLOR", "1");
    let mut s = Session::spawn(cmd).expect("spawn jointly in a pseudo-terminal");
    s.set_expect_timeout(Some(Duration::from_secs(20)));
    s
}

/// Answers the new-organisation questions: name, short name, no country, the first group, no
/// contact, co-signs.
fn new_org(s: &mut Session, name: &str, short: &str) {
    s.expect("full name").unwrap();
    s.send_line(name).unwrap();
    s.expect("Short name").unwrap();
    s.send_line(short).unwrap();
    s.expect("Country").unwrap();
    s.send_line("").unwrap();
    s.expect("Stakeholder group").unwrap();
    s.send_line("").unwrap();
    s.expect("Contact email").unwrap();
    s.send_line("").unwrap();
    s.expect("co-sign").unwrap();
    s.send_line("y").unwrap();
}

fn input(p: &Project, file: &str) -> toml::Table {
    p.read(file)
        .parse()
        .unwrap_or_else(|e| panic!("{file} does not parse: {e}"))
}

fn text(t: &toml::Table, path: &[&str]) -> String {
    let mut v = &t["answers"];
    for k in path {
        v = &v[*k];
    }
    v.as_str()
        .unwrap_or_else(|| panic!("{path:?} missing"))
        .trim()
        .to_string()
}

#[test]
fn a_first_session_creates_the_organisation_and_answers_two_questions() {
    let (p, editor) = project();
    let mut s = spawn(&p, &editor, &["draft"]);
    new_org(&mut s, "Pty Rights Network", "PRN");
    // PRN is a name Windows reserves: the file is prn-org.toml.
    s.expect("Created inputs/prn-org.toml").unwrap();
    s.expect("Question 1 of 11").unwrap();
    s.expect("Your choice").unwrap();
    s.send_line("e").unwrap(); // question 1 in the editor
    s.expect("Question 2 of 11 · 1 answered").unwrap();
    s.expect("Your choice").unwrap();
    s.send_line("j").unwrap(); // jump to question 7
    s.expect("Go to question").unwrap();
    s.send(DOWN.repeat(5)).unwrap();
    s.send_line("").unwrap();
    s.expect("Question 7 of 11").unwrap();
    s.expect("Your choice").unwrap();
    s.send_line("e").unwrap();
    s.expect("before the action-line bullets").unwrap();
    s.send_line("k").unwrap(); // no intro
    s.expect("Which action lines").unwrap();
    s.send(DOWN).unwrap(); // C2
    s.send(" ").unwrap();
    s.send_line("").unwrap();
    s.expect("after the bullets").unwrap(); // C2 went straight to the editor
    s.send_line("k").unwrap();
    s.expect("Question 8 of 11 · 2 answered").unwrap();
    s.expect("Your choice").unwrap();
    s.send_line("q").unwrap();
    s.expect("2 of 11 questions answered").unwrap();
    s.expect(Eof).unwrap();
    let t = input(&p, "inputs/prn-org.toml");
    assert_eq!(
        t["organisation"]["name"].as_str(),
        Some("Pty Rights Network")
    );
    assert_eq!(
        t["organisation"]["stakeholder"].as_str(),
        Some("civil-society")
    );
    assert_eq!(text(&t, &["q1", "text"]), "Editor text 1.");
    assert_eq!(text(&t, &["q7", "action_lines", "C2"]), "Editor text 2.");
    // And the result is a valid input that builds.
    p.run(&["build", "-o", "-"])
        .success()
        .stdout_has("Editor text 2.");
}

#[test]
fn quitting_midway_and_resuming_loses_nothing() {
    let (p, editor) = project();
    let mut s = spawn(&p, &editor, &["draft"]);
    new_org(&mut s, "Resume Org", "RO");
    s.expect("Your choice").unwrap();
    s.send_line("t").unwrap();
    s.expect("Type your answer").unwrap();
    s.send_line("Typed first answer.").unwrap();
    s.send_line(".").unwrap();
    s.expect("Question 2 of 11").unwrap();
    s.expect("Your choice").unwrap();
    s.send_line("q").unwrap();
    s.expect("1 of 11 questions answered").unwrap();
    s.expect(Eof).unwrap();

    // Again: it resumes at question 2; then Ctrl-C in the middle of question 3.
    let mut s = spawn(&p, &editor, &["draft", "--org", "ro"]);
    s.expect("Question 2 of 11 · 1 answered").unwrap();
    s.expect("Your choice").unwrap();
    s.send_line("e").unwrap();
    s.expect("Question 3 of 11 · 2 answered").unwrap();
    s.expect("Your choice").unwrap();
    s.send("\x03").unwrap();
    s.expect("Every answer you finished is saved").unwrap();
    s.expect(Eof).unwrap();
    let t = input(&p, "inputs/ro.toml");
    assert_eq!(text(&t, &["q1", "text"]), "Typed first answer.");
    assert_eq!(text(&t, &["q2", "text"]), "Editor text 1.");
}

#[test]
fn an_answer_over_the_limit_is_kept_whole_and_flagged() {
    let p = Project::empty();
    p.write(
        "consultation.toml",
        "id = \"short\"\ntitle = \"Short answers\"\n[[sections]]\ntitle = \"Only\"\n[[sections.questions]]\nid = \"a\"\nnumber = 1\ntext = \"Why?\"\nmax_words = 3\n[[sections.questions]]\nid = \"b\"\nnumber = 2\ntext = \"How?\"\n",
    );
    p.run(&["init", ".", "--questionnaire", "consultation.toml"])
        .success();
    let mut s = spawn(&p, Path::new("/bin/false"), &["draft"]);
    new_org(&mut s, "Verbose Org", "VO");
    s.expect("Limit: 3 words").unwrap();
    s.expect("Your choice").unwrap();
    s.send_line("t").unwrap();
    s.expect("Type your answer").unwrap();
    s.send_line("One two three four five.").unwrap();
    s.send_line(".").unwrap();
    s.expect("over the limit by 2 words").unwrap();
    s.expect("Edit it again").unwrap();
    s.send_line("n").unwrap();
    s.expect("Question 2 of 2").unwrap();
    s.expect("Your choice").unwrap();
    s.send_line("q").unwrap();
    s.expect("2 words over").unwrap();
    s.expect(Eof).unwrap();
    assert_eq!(
        text(&input(&p, "inputs/vo.toml"), &["a", "text"]),
        "One two three four five."
    );
}

#[test]
fn without_a_terminal_draft_names_the_scriptable_command() {
    let p = Project::example();
    p.run(&["draft"])
        .failure()
        .stderr_has("needs a terminal")
        .stderr_has("jointly answer --org SHORT q3");
}

#[test]
fn answer_sets_and_clears_keeping_comments_and_order() {
    let p = Project::example();
    let before = p.read("inputs/krcn.toml");
    p.write(
        "answer.md",
        "A new answer to question 2.\n\n- with a list\n",
    );
    p.run(&["answer", "--org", "krcn", "q2", "--file", "answer.md"])
        .success()
        .stdout_has("saved the answer to q2 in inputs/krcn.toml");
    let after = p.read("inputs/krcn.toml");
    // Every comment line survives, in the same order.
    let comments = |s: &str| {
        s.lines()
            .filter(|l| l.trim_start().starts_with('#'))
            .map(str::to_string)
            .collect::<Vec<_>>()
    };
    assert_eq!(comments(&before), comments(&after));
    let tables = |s: &str| {
        s.lines()
            .filter(|l| l.starts_with('['))
            .map(str::to_string)
            .collect::<Vec<_>>()
    };
    let mut expected = tables(&before);
    expected.push("[answers.q2]".into());
    assert_eq!(
        tables(&after),
        expected,
        "new answers are added after the others"
    );
    assert_eq!(
        text(&input(&p, "inputs/krcn.toml"), &["q2", "text"]),
        "A new answer to question 2.\n\n- with a list"
    );
    // From standard input, into an action line, then cleared.
    let mut child = Command::new(env!("CARGO_BIN_EXE_jointly"))
        .args([
            "answer",
            "--org",
            "Kasuku Rural Connectivity Network",
            "q7",
            "--line",
            "C9",
        ])
        .current_dir(p.path())
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    std::io::Write::write_all(child.stdin.as_mut().unwrap(), b"Media text.").unwrap();
    drop(child.stdin.take());
    assert!(child.wait().unwrap().success());
    assert_eq!(
        text(
            &input(&p, "inputs/krcn.toml"),
            &["q7", "action_lines", "C9"]
        ),
        "Media text."
    );
    p.run(&["answer", "--org", "KRCN", "q7", "--line", "C9", "--clear"])
        .success();
    assert!(
        input(&p, "inputs/krcn.toml")["answers"]["q7"]["action_lines"]
            .get("C9")
            .is_none()
    );
    // Mistakes are named.
    p.run(&[
        "answer",
        "--org",
        "KRCN",
        "q1",
        "--line",
        "C2",
        "--file",
        "answer.md",
    ])
    .failure()
    .stderr_has("takes free text");
    p.run(&["answer", "--org", "nobody", "q1", "--file", "answer.md"])
        .failure()
        .stderr_has("no organisation `nobody`");
    p.run(&[
        "answer",
        "--org",
        "KRCN",
        "q7",
        "--line",
        "C12",
        "--file",
        "answer.md",
    ])
    .failure()
    .stderr_has("no action line `C12`");
}

#[test]
fn a_save_killed_at_any_moment_leaves_a_whole_file() {
    let p = Project::empty();
    p.run(&["init", "."]).success();
    p.run(&["template", "--org", "Crash Test", "--short", "CT"])
        .success();
    // `jointly answer` saves once, as `jointly draft` does after every answer, at the end of
    // its run. Each round starts one and kills it without warning a little later than the
    // round before, from half to one and a half times as long as a whole run takes here, so
    // that the kills land all through the save (writing, syncing, renaming).
    let answer = |value: &str| answer_from_stdin(&p, "CT", value.as_bytes());
    let run = (0..3)
        .map(|_| {
            let start = std::time::Instant::now();
            assert!(answer("v").wait().unwrap().success());
            start.elapsed()
        })
        .min()
        .unwrap();
    let mut last = "v".to_string();
    let mut killed = 0;
    for round in 0..60u32 {
        let value = format!("v{round}");
        let mut child = answer(&value);
        std::thread::sleep(run / 2 + run * round / 60);
        child.kill().unwrap(); // SIGKILL, or nothing if it had finished
        let finished = child.wait().unwrap().success();
        killed += usize::from(!finished);
        let t = input(&p, "inputs/ct.toml");
        let saved = (t.get("answers"))
            .and_then(|a| a.get("q1"))
            .and_then(|q| q.get("text"))
            .and_then(|v| v.as_str())
            .unwrap_or("")
            .trim()
            .to_string();
        if finished {
            assert_eq!(
                saved, value,
                "round {round}: a save that finished is in the file"
            );
        } else {
            assert!(
                saved == value || saved == last,
                "round {round}: the file holds {saved:?}, neither the last save {last:?} nor the new one"
            );
        }
        last = saved;
    }
    assert!(killed > 0, "no save was killed: the test tested nothing");
}

#[test]
fn an_answer_over_the_size_limit_is_refused_not_cut() {
    let p = Project::example();
    let before = p.read("inputs/krcn.toml");
    let child = answer_from_stdin(
        &p,
        "KRCN",
        "A very long answer. ".repeat(900_000).as_bytes(),
    );
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("the answer is over 16 MB"), "{stderr}");
    assert_eq!(p.read("inputs/krcn.toml"), before, "nothing was saved");
}

/// `jointly answer --org ORG q1` with `text` on standard input, its output piped.
fn answer_from_stdin(p: &Project, org: &str, text: &[u8]) -> std::process::Child {
    let mut child = Command::new(env!("CARGO_BIN_EXE_jointly"))
        .args(["answer", "--org", org, "q1"])
        .current_dir(p.path())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // It may stop reading early (a refusal): the rest is not needed.
    let _ = std::io::Write::write_all(&mut child.stdin.take().unwrap(), text);
    child
}

#[test]
fn questions_wrap_at_word_boundaries_on_an_80_column_terminal() {
    let (p, editor) = project();
    let mut s = spawn(&p, &editor, &["draft"]);
    s.get_process_mut().set_window_size(80, 24).unwrap();
    new_org(&mut s, "Narrow Org", "NO");
    s.expect("Your choice").unwrap();
    // Jump to question 6, whose text is longer than a line.
    s.send_line("j").unwrap();
    s.expect("Go to question").unwrap();
    s.send(DOWN.repeat(5)).unwrap();
    s.send_line("").unwrap();
    s.expect("Question 6 of 11").unwrap();
    let shown = s.expect("Your choice").unwrap();
    let shown = String::from_utf8_lossy(shown.before()).into_owned();
    let question = "6. Considering that the WSIS outcomes have demonstrated their relevance and applicability to new and emerging areas, how can the implementation of the WSIS principles and corresponding WSIS Action Lines be enhanced to effectively address these topics?";
    let start = shown
        .find("6. Considering")
        .unwrap_or_else(|| panic!("{shown}"));
    let block: Vec<&str> = shown[start..]
        .lines()
        .take_while(|l| !l.trim().is_empty())
        .collect();
    assert!(block.len() > 1, "wrapped onto several lines: {block:?}");
    for line in &block {
        assert!(line.trim_end().chars().count() <= 80, "{line:?}");
    }
    // Broken only between words: the lines joined by spaces are the question.
    let joined = block.iter().map(|l| l.trim()).collect::<Vec<_>>().join(" ");
    assert!(joined.starts_with(question), "{joined}");
    s.send_line("q").unwrap();
    s.expect(Eof).unwrap();
}

#[test]
fn the_editor_shows_the_question_and_keeps_only_the_answer() {
    let (p, _) = project();
    // An editor that keeps a copy of what it was given, then writes an answer under it.
    let editor = script(
        &p,
        "note-editor.sh",
        "#!/bin/sh\ncp \"$1\" \"$(dirname \"$0\")/seen.md\"\nprintf 'My answer, written under the notes.\\n' >> \"$1\"\n",
    );
    let mut s = spawn(&p, &editor, &["draft"]);
    new_org(&mut s, "Notes Org", "NO");
    s.expect("Your choice").unwrap();
    s.send_line("e").unwrap();
    s.expect("Saved to inputs/no.toml").unwrap();
    s.expect("Your choice").unwrap();
    s.send_line("q").unwrap();
    s.expect("`jointly draft --org NO`").unwrap();
    s.expect(Eof).unwrap();
    let seen = p.read("seen.md");
    assert!(
        seen.starts_with("# 1. What are the main achievements of the implementation of the WSIS"),
        "{seen}"
    );
    assert!(seen.contains("# Markdown: paragraphs"), "{seen}");
    assert!(seen.contains("Write your answer below this line"), "{seen}");
    assert_eq!(
        text(&input(&p, "inputs/no.toml"), &["q1", "text"]),
        "My answer, written under the notes."
    );
}

#[test]
fn a_session_resumes_where_the_last_one_stopped() {
    let (p, editor) = project();
    let mut s = spawn(&p, &editor, &["draft"]);
    new_org(&mut s, "Place Org", "PO");
    s.expect("Your choice").unwrap();
    s.send_line("j").unwrap();
    s.expect("Go to question").unwrap();
    s.send(DOWN.repeat(5)).unwrap();
    s.send_line("").unwrap();
    s.expect("Question 6 of 11").unwrap();
    s.expect("Your choice").unwrap();
    s.send_line("q").unwrap();
    s.expect(Eof).unwrap();
    // Not at the first unanswered question (1), but where it stopped.
    let mut s = spawn(&p, &editor, &["draft", "--org", "PO"]);
    s.expect("Resuming at question 6, where you stopped.")
        .unwrap();
    s.expect("Question 6 of 11").unwrap();
    s.expect("Your choice").unwrap();
    s.send_line("q").unwrap();
    s.expect(Eof).unwrap();
}

#[test]
fn clearing_an_answer_with_y_and_enter_leaves_it_cleared() {
    let (p, editor) = project();
    let mut s = spawn(&p, &editor, &["draft"]);
    new_org(&mut s, "Clear Org", "CO");
    s.expect("Your choice").unwrap();
    s.send_line("e").unwrap(); // q1 gets "Editor text 1."
    s.expect("Question 2 of 11").unwrap();
    s.expect("Your choice").unwrap();
    s.send_line("b").unwrap();
    s.expect("Question 1 of 11").unwrap();
    s.expect("Your choice").unwrap();
    s.send_line("c").unwrap();
    s.expect("Clear your whole answer").unwrap();
    // "y" and Enter: the Enter belongs to this prompt and opens nothing else.
    s.send_line("y").unwrap();
    s.expect("Cleared.").unwrap();
    s.expect("No answer yet.").unwrap();
    s.expect("Your choice").unwrap();
    s.send_line("q").unwrap();
    s.expect(Eof).unwrap();
    let t = input(&p, "inputs/co.toml");
    assert!(t["answers"]["q1"].get("text").is_none(), "{t:?}");
    assert_eq!(p.read("count").trim(), "1", "the editor ran once");
}
