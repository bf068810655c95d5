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
