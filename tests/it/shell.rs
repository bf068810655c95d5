//! Shell conventions: completions, the manual page, `--version`.

use crate::support::Project;

#[test]
fn completions_for_every_shell_name_the_commands() {
    let p = Project::empty();
    for shell in ["bash", "zsh", "fish", "powershell"] {
        let out = p.run(&["completions", shell]).success().stdout;
        for command in ["draft", "merge", "approve", "diff"] {
            assert!(out.contains(command), "{shell}: {command}");
        }
    }
    // The bash script is valid bash.
    let script = p.run(&["completions", "bash"]).success().stdout;
    p.write("jointly.bash", &script);
    let status = std::process::Command::new("bash")
        .args(["-n", "jointly.bash"])
        .current_dir(p.path())
        .status()
        .unwrap();
    assert!(status.success());
}

#[test]
fn the_manual_page_in_the_repository_is_the_current_one() {
    let p = Project::empty();
    let page = p.run(&["man"]).success().stdout;
    assert!(page.contains(".TH jointly 1"));
    assert!(page.contains("approve"));
    let kept =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/doc/jointly.1")).unwrap();
    assert_eq!(
        kept, page,
        "doc/jointly.1 is out of date: run `cargo run -- man > doc/jointly.1`"
    );
}

#[test]
fn the_version_names_the_commit() {
    let out = Project::empty().run(&["--version"]).success().stdout;
    let version = env!("CARGO_PKG_VERSION");
    assert!(out.starts_with(&format!("jointly {version} (")), "{out}");
    let commit = out.trim().trim_end_matches(')').rsplit('(').next().unwrap();
    assert!(
        commit == "commit unknown"
            || (commit.len() == 12 && commit.chars().all(|c| c.is_ascii_hexdigit())),
        "{out}"
    );
}

#[test]
fn check_marks_findings_for_github_and_gitlab() {
    let p = Project::example();
    p.write(
        "inputs/adc.toml",
        &p.read("inputs/adc.toml")
            .replacen("[answers.q1]", "[answers.q99]", 1),
    );
    p.write(
        "inputs/new.toml",
        "[organisation]\nname = \"New, Org: 100%\"\n",
    );
    let out = p.run(&["check", "--format", "github"]).failure().stdout;
    // ::error file=F,line=L,col=C,title=T::message, one per line, with GitHub's escapes.
    let mut kinds = Vec::new();
    for line in out.lines() {
        let (command, rest) = line
            .strip_prefix("::")
            .and_then(|l| l.split_once(' '))
            .expect(line);
        let (props, message) = rest.split_once("::").expect(line);
        assert!(["error", "warning", "notice"].contains(&command), "{line}");
        kinds.push(command);
        let keys: Vec<&str> = props
            .split(',')
            .map(|p| p.split_once('=').expect(line).0)
            .collect();
        assert_eq!(keys.first(), Some(&"file"), "{line}");
        assert!(
            keys.iter()
                .all(|k| ["file", "line", "col", "title"].contains(k)),
            "{line}"
        );
        assert!(!message.contains('\n') && !message.is_empty(), "{line}");
    }
    assert!(kinds.contains(&"error"), "{out}");
    assert!(
        out.contains("::error file=inputs/adc.toml,line="),
        "the error is marked on its line: {out}"
    );
    assert!(
        out.contains("%0Ahelp: "),
        "help on the next line, escaped: {out}"
    );
    // Run from the repository's top, with the project in a folder: paths from the top.
    let top = p.path().parent().unwrap();
    let folder = p.path().file_name().unwrap().to_string_lossy().into_owned();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_jointly"))
        .args(["-C", &folder, "check", "--format", "github"])
        .current_dir(top)
        .output()
        .unwrap();
    let out = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.contains(&format!("file={folder}/inputs/adc.toml")),
        "{out}"
    );

    let report = p.run(&["check", "--format", "gitlab"]).failure().stdout;
    let issues: serde_json::Value = serde_json::from_str(&report).unwrap();
    let issues = issues.as_array().unwrap();
    assert!(!issues.is_empty());
    for issue in issues {
        for key in ["description", "check_name", "fingerprint", "severity"] {
            assert!(issue[key].is_string(), "{issue}");
        }
        assert!(
            issue["location"]["path"].is_string() && issue["location"]["lines"]["begin"].is_u64(),
            "{issue}"
        );
    }
    let fingerprints: std::collections::BTreeSet<&str> = issues
        .iter()
        .map(|i| i["fingerprint"].as_str().unwrap())
        .collect();
    assert_eq!(
        fingerprints.len(),
        issues.len(),
        "each issue its own fingerprint"
    );
}
