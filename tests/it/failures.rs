//! When things go wrong on disk: a clear error, and never a partial or clobbered file.

use std::process::{Command, Stdio};

use crate::support::Project;

fn is_root() -> bool {
    // Root ignores permission bits, so the read-only folder is a system one there.
    Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
}

#[test]
fn a_read_only_output_folder() {
    let p = Project::example();
    let target = if is_root() {
        "/sys/submission.md".to_string()
    } else {
        let dir = p.file("locked");
        std::fs::create_dir(&dir).unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o555)).unwrap();
        }
        dir.join("submission.md").display().to_string()
    };
    let run = p.run(&["build", "-o", &target]).failure();
    assert!(
        run.stderr.contains("error: cannot access") && run.stderr.contains("submission.md"),
        "{}",
        run.stderr
    );
    assert!(!std::path::Path::new(&target).exists());
}

#[test]
fn an_output_folder_holds_every_format_under_its_usual_name() {
    let p = Project::example();
    std::fs::create_dir(p.file("existing")).unwrap();
    for folder in ["existing", "new/"] {
        for format in ["markdown", "docx", "text", "all"] {
            p.run(&["build", "--format", format, "-o", folder])
                .success();
        }
        let mut files: Vec<String> = std::fs::read_dir(p.file(folder))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        files.sort();
        assert_eq!(
            files,
            [
                "submission-draft.docx",
                "submission-draft.md",
                "submission-draft.txt"
            ],
            "{folder}"
        );
    }
    assert!(!p.exists("new.docx") && !p.exists("existing.docx") && !p.exists("out"));
}

#[test]
fn a_failing_format_writes_no_other_format_either() {
    let p = Project::example();
    p.write("not-word.docx", "plain text");
    p.run(&[
        "build",
        "--format",
        "all",
        "--reference-doc",
        "not-word.docx",
    ])
    .failure()
    .stderr_has("cannot use `");
    assert!(
        !p.exists("out/submission-draft.md"),
        "the Markdown was not written without the Word file"
    );
    assert_no_files_in(&p, "out");
}

#[test]
fn a_word_file_that_cannot_be_written_leaves_no_markdown() {
    // The Markdown is rendered and written first, and must go again when the Word file
    // cannot be put in place.
    let p = Project::example();
    std::fs::create_dir_all(p.file("out/submission-draft.docx")).unwrap();
    p.run(&["build", "--format", "all"])
        .failure()
        .stderr_has("is a folder, not a file");
    assert!(!p.exists("out/submission-draft.md"));
    let left: Vec<_> = std::fs::read_dir(p.file("out"))
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(
        left,
        ["submission-draft.docx"],
        "only the folder that was there"
    );
}

/// `dir` holds no file (it may not exist).
fn assert_no_files_in(p: &Project, dir: &str) {
    if let Ok(entries) = std::fs::read_dir(p.file(dir)) {
        let names: Vec<_> = entries.map(|e| e.unwrap().file_name()).collect();
        assert!(names.is_empty(), "{dir} holds {names:?}");
    }
}

#[test]
fn a_missing_inputs_folder() {
    let p = Project::example();
    std::fs::remove_dir_all(p.file("inputs")).unwrap();
    p.run(&["build"])
        .failure()
        .stderr_has("cannot read the inputs folder")
        .stderr_has("mkdir inputs");
    assert!(!p.exists("out"));
}

#[test]
fn an_input_deleted_between_listing_and_reading() {
    // A link whose target is gone is listed but cannot be read: the same path as a file that
    // disappears after the folder was listed.
    let p = Project::example();
    #[cfg(unix)]
    std::os::unix::fs::symlink(p.file("moved-away.toml"), p.file("inputs/late.toml")).unwrap();
    p.run(&["build"])
        .failure()
        .stderr_has("inputs/late.toml")
        .stderr_has("cannot read this file");
    assert!(!p.exists("out/submission-draft.md"));
}

#[test]
fn a_100_mb_input() {
    let p = Project::example();
    let f = std::fs::File::create(p.file("inputs/huge.toml")).unwrap();
    f.set_len(100 << 20).unwrap();
    let run = p.run(&["build"]).failure();
    assert!(
        run.stderr.contains("inputs/huge.toml") && run.stderr.contains("this file is 100 MB"),
        "{}",
        run.stderr
    );
    assert!(!p.exists("out/submission-draft.md"));
}

#[test]
fn concurrent_saves_to_one_file_lose_nothing() {
    let p = Project::example();
    p.run(&["template", "--org", "Busy Org", "--short", "BUSY"])
        .success();
    for round in 0..4 {
        let children: Vec<_> = (1..=11)
            .map(|q| {
                let mut child = Command::new(env!("CARGO_BIN_EXE_jointly"))
                    .args(["answer", "--org", "BUSY", &format!("q{q}")])
                    .current_dir(p.path())
                    .stdin(Stdio::piped())
                    .stdout(Stdio::null())
                    .spawn()
                    .unwrap();
                std::io::Write::write_all(
                    child.stdin.as_mut().unwrap(),
                    format!("Round {round}, question {q}.").as_bytes(),
                )
                .unwrap();
                drop(child.stdin.take());
                child
            })
            .collect();
        for mut c in children {
            assert!(c.wait().unwrap().success());
        }
        let t: toml::Table = p.read("inputs/busy.toml").parse().unwrap();
        for q in 1..=11 {
            assert_eq!(
                t["answers"][&format!("q{q}")]["text"]
                    .as_str()
                    .unwrap()
                    .trim(),
                format!("Round {round}, question {q}."),
                "round {round}"
            );
        }
    }
}
