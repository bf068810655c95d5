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

/// The example's inputs in a project `init --ci HOST` made, with its workflow's YAML.
fn project_with_ci(host: &str, workflow: &str) -> (Project, yaml_rust2::Yaml) {
    let p = Project::empty();
    p.run(&["init", ".", "--lead", "ADC", "--ci", host])
        .success()
        .stdout_has("wrote .gitignore")
        .stdout_has("wrote .gitattributes");
    crate::support::copy_dir(
        &crate::support::example_dir().join("inputs"),
        &p.file("inputs"),
    );
    assert!(p.read(".gitignore").contains("/out/"));
    assert!(p.read(".gitattributes").contains("*.toml -text"));
    let text = p.read(workflow);
    let mut docs = yaml_rust2::YamlLoader::load_from_str(&text)
        .unwrap_or_else(|e| panic!("{workflow} is not valid YAML: {e}\n{text}"));
    assert_eq!(docs.len(), 1);
    (p, docs.remove(0))
}

/// Runs a workflow's shell steps with the jointly just built first on PATH, as the release's
/// binary would be.
fn run_step(p: &Project, script: &str) -> std::process::Output {
    let bin = std::path::Path::new(env!("CARGO_BIN_EXE_jointly"))
        .parent()
        .unwrap();
    let path = format!(
        "{}:{}",
        bin.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    std::process::Command::new("bash")
        .args(["-e", "-c", script])
        .current_dir(p.path())
        .env("PATH", path)
        .env("GITHUB_OUTPUT", p.file("github-output"))
        .env("PROJECT", ".")
        .output()
        .unwrap()
}

#[test]
fn the_github_workflow_is_valid_and_its_steps_run() {
    let (p, yaml) = project_with_ci("github", ".github/workflows/jointly.yml");
    let steps = yaml["jobs"]["submission"]["steps"].as_vec().expect("steps");
    let mut ran = 0;
    for step in steps {
        let Some(script) = step["run"].as_str() else {
            continue;
        };
        // The install step needs the network; the release binary is on PATH instead.
        if script.contains("jointly-installer.sh") {
            assert!(script.contains(concat!("/download/v", env!("CARGO_PKG_VERSION"), "/")));
            continue;
        }
        let out = run_step(&p, script);
        assert!(
            out.status.success(),
            "{script}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        ran += 1;
    }
    assert_eq!(ran, 3, "check, review copy, final copy");
    assert!(p.exists("out/submission-review.docx"));
    // Nobody has approved yet: no final copy, and the step says why, without failing.
    assert!(!p.exists("out/submission.docx"));
    for org in ["ADC", "CRCO", "KRCN", "OSCT"] {
        p.run(&["approve", "--org", org]).success();
    }
    let last = steps.iter().rev().find_map(|s| s["run"].as_str()).unwrap();
    assert!(run_step(&p, last).status.success());
    assert!(p.exists("out/submission.docx"));
    assert!(p.read("github-output").contains("built=yes"));
}

#[test]
fn the_gitlab_workflow_is_valid_and_its_script_runs() {
    let (p, yaml) = project_with_ci("gitlab", ".gitlab-ci.yml");
    let job = &yaml["submission"];
    assert!(
        job["artifacts"]["reports"]["codequality"]
            .as_str()
            .is_some()
    );
    let script: Vec<&str> = job["script"]
        .as_vec()
        .unwrap()
        .iter()
        .map(|l| l.as_str().unwrap())
        .collect();
    let out = run_step(&p, &script.join("\n"));
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report: serde_json::Value =
        serde_json::from_str(&p.read("gl-code-quality-report.json")).unwrap();
    assert!(report.is_array());
    assert!(p.exists("out/submission-review.docx"));
}

#[test]
fn the_release_configuration_covers_every_system_and_ships_the_manual() {
    let root = env!("CARGO_MANIFEST_DIR");
    let config: toml::Table = std::fs::read_to_string(format!("{root}/dist-workspace.toml"))
        .unwrap()
        .parse()
        .unwrap();
    let dist = &config["dist"];
    let list = |key: &str| -> Vec<&str> {
        dist[key]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap())
            .collect()
    };
    for target in [
        "x86_64-unknown-linux-gnu",
        "aarch64-unknown-linux-gnu",
        "x86_64-apple-darwin",
        "aarch64-apple-darwin",
        "x86_64-pc-windows-msvc",
    ] {
        assert!(list("targets").contains(&target), "{target}");
    }
    assert_eq!(list("installers"), ["shell", "powershell"]);
    for file in list("include") {
        assert!(std::path::Path::new(root).join(file).is_file(), "{file}");
    }
    for licence in ["LICENSE-MIT", "LICENSE-APACHE"] {
        assert!(
            std::path::Path::new(root).join(licence).is_file(),
            "{licence}"
        );
    }
    // The workflow dist generated from this configuration is committed beside it.
    let workflow =
        std::fs::read_to_string(format!("{root}/.github/workflows/release.yml")).unwrap();
    assert!(
        workflow.contains("dist build"),
        "regenerate it with `dist generate`"
    );
}

#[test]
fn init_ci_in_a_folder_of_a_repository_writes_the_workflow_at_its_top() {
    let p = Project::empty();
    std::fs::create_dir(p.file(".git")).unwrap();
    p.run(&["init", "coalition", "--ci", "github"]).success();
    let workflow = p.read(".github/workflows/jointly.yml");
    assert!(
        workflow.contains("working-directory: coalition"),
        "{workflow}"
    );
    assert!(
        workflow.contains("path: coalition/out/submission-review.*"),
        "{workflow}"
    );
    assert!(!p.exists("coalition/.github"));
}
