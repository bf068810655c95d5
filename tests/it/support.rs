//! A small builder that reads like a user's session: a project folder, files in it, commands.

use std::path::{Path, PathBuf};
use std::process::Command;

/// A temporary project folder.
pub struct Project {
    dir: tempfile::TempDir,
}

/// What a command printed and how it ended.
#[derive(Debug)]
pub struct Run {
    pub code: Option<i32>,
    pub stdout: String,
    pub stderr: String,
}

impl Project {
    /// An empty folder.
    pub fn empty() -> Project {
        Project {
            dir: tempfile::tempdir().expect("temp dir"),
        }
    }

    /// A copy of examples/wsis20 (without any output it may have).
    /// A copy of `examples/NAME`, without what a build wrote.
    pub fn example_named(name: &str) -> Project {
        let p = Project::empty();
        copy_dir(&example_dir().with_file_name(name), p.path());
        let _ = std::fs::remove_dir_all(p.path().join("out"));
        p
    }

    pub fn example() -> Project {
        let p = Project::empty();
        copy_dir(&example_dir(), p.path());
        let _ = std::fs::remove_dir_all(p.path().join("out"));
        let _ = std::fs::remove_file(p.path().join("draft.toml"));
        p
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    pub fn file(&self, rel: &str) -> PathBuf {
        self.path().join(rel)
    }

    pub fn write(&self, rel: &str, text: &str) -> &Project {
        let path = self.file(rel);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        std::fs::write(path, text).expect("write");
        self
    }

    pub fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.file(rel)).unwrap_or_else(|e| panic!("cannot read {rel}: {e}"))
    }

    pub fn exists(&self, rel: &str) -> bool {
        self.file(rel).exists()
    }

    /// Runs `jointly ARGS` in the project folder.
    pub fn run(&self, args: &[&str]) -> Run {
        self.output(Command::new(env!("CARGO_BIN_EXE_jointly")).args(args))
    }

    /// Runs `jointly ARGS` with the clock set to `epoch` (`SOURCE_DATE_EPOCH`).
    pub fn run_at(&self, epoch: &str, args: &[&str]) -> Run {
        self.output(
            Command::new(env!("CARGO_BIN_EXE_jointly"))
                .args(args)
                .env("SOURCE_DATE_EPOCH", epoch),
        )
    }

    fn output(&self, command: &mut Command) -> Run {
        let out = command
            .current_dir(self.path())
            .env("NO_COLOR", "1")
            .output()
            .expect("run jointly");
        Run {
            code: out.status.code(),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        }
    }
}

impl Run {
    #[track_caller]
    pub fn success(self) -> Run {
        assert_eq!(
            self.code,
            Some(0),
            "expected success\nstdout:\n{}\nstderr:\n{}",
            self.stdout,
            self.stderr
        );
        self
    }

    #[track_caller]
    pub fn failure(self) -> Run {
        assert_eq!(
            self.code,
            Some(1),
            "expected failure (exit 1)\nstdout:\n{}\nstderr:\n{}",
            self.stdout,
            self.stderr
        );
        self
    }

    #[track_caller]
    pub fn stderr_has(self, needle: &str) -> Run {
        assert!(
            self.stderr.contains(needle),
            "stderr lacks {needle:?}:\n{}",
            self.stderr
        );
        self
    }

    #[track_caller]
    pub fn stdout_has(self, needle: &str) -> Run {
        assert!(
            self.stdout.contains(needle),
            "stdout lacks {needle:?}:\n{}",
            self.stdout
        );
        self
    }
}

pub fn example_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/wsis20")
}

pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for entry in std::fs::read_dir(from).expect("read dir") {
        let entry = entry.expect("entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("type").is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).expect("copy");
        }
    }
}

/// The words a reader sees, in order.
pub fn words(markdown: &str) -> Vec<String> {
    jointly::markdown::plain_text(markdown)
        .split_whitespace()
        .map(str::to_string)
        .collect()
}
