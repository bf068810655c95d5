//! The `tests/malformed/` corpus: bad inputs, questionnaires, project files and drafts, each
//! with the error it must produce, written in its own header:
//!
//! ```text
//! # kind: input | questionnaire | config | draft
//! # expect: inputs/case.toml:5:10 unknown-question: unknown question id `q12`
//! ```
//!
//! `JOINTLY_BLESS=1 cargo test malformed` rewrites the `expect` lines from what jointly says
//! now: review the diff before committing it.

use std::path::Path;

use crate::support::Project;

const BASE_INPUT: &str = "[organisation]\nname = \"Base Org\"\nshort_name = \"BASE\"\ncontact = \"base@example.org\"\n\n[answers.q1]\ntext = \"Base answer.\"\n";

struct Expect {
    file: String,
    line: u64,
    column: u64,
    code: String,
    message: String,
}

fn parse_expect(line: &str) -> Option<Expect> {
    let rest = line.strip_prefix("# expect: ")?;
    let (place, rest) = rest.split_once(' ')?;
    let (code, message) = rest.split_once(": ")?;
    let mut p = place.rsplitn(3, ':');
    let column = p.next()?.parse().ok()?;
    let line = p.next()?.parse().ok()?;
    let file = p.next()?.to_string();
    Some(Expect {
        file,
        line,
        column,
        code: code.to_string(),
        message: message.to_string(),
    })
}

fn run_case(path: &Path) -> Result<(), String> {
    let text = std::fs::read_to_string(path)
        .unwrap_or_else(|_| String::from_utf8_lossy(&std::fs::read(path).unwrap()).into_owned());
    let bytes = std::fs::read(path).unwrap();
    let name = path.file_stem().unwrap().to_string_lossy().to_string();
    let kind = text
        .lines()
        .find_map(|l| l.strip_prefix("# kind: "))
        .ok_or("no `# kind:` line")?
        .trim()
        .to_string();
    let p = Project::empty();
    p.write("jointly.toml", "[submission]\nquestionnaire = \"wsis20\"\n");
    p.write("inputs/base.toml", BASE_INPUT);
    let file = match kind.as_str() {
        "input" => format!("inputs/{name}.toml"),
        "questionnaire" => {
            p.write("jointly.toml", "[submission]\nquestionnaire = \"q.toml\"\n");
            "q.toml".to_string()
        }
        "config" => "jointly.toml".to_string(),
        "draft" => "draft.toml".to_string(),
        other => return Err(format!("unknown kind `{other}`")),
    };
    std::fs::write(p.file(&file), &bytes).unwrap();
    let run = p.run(&["check", "--format", "json"]);
    if run.code != Some(1) {
        return Err(format!(
            "expected exit 1, got {:?}\n{}{}",
            run.code, run.stdout, run.stderr
        ));
    }
    let json: serde_json::Value =
        serde_json::from_str(&run.stdout).map_err(|e| format!("not JSON: {e}\n{}", run.stdout))?;
    let first = json
        .as_array()
        .and_then(|a| a.first())
        .ok_or("no finding")?;
    let actual = format!(
        "# expect: {}:{}:{} {}: {}",
        first["file"].as_str().unwrap_or(""),
        first["line"].as_u64().unwrap_or(0),
        first["column"].as_u64().unwrap_or(0),
        first["code"].as_str().unwrap_or(""),
        first["message"].as_str().unwrap_or("")
    );
    if std::env::var_os("JOINTLY_BLESS").is_some() {
        let blessed: String = text
            .lines()
            .map(|l| {
                if l.starts_with("# expect:") {
                    actual.clone()
                } else {
                    l.to_string()
                }
            })
            .collect::<Vec<_>>()
            .join("\n")
            + "\n";
        std::fs::write(path, blessed).unwrap();
        return Ok(());
    }
    let expect = text
        .lines()
        .find_map(parse_expect)
        .ok_or("no readable `# expect:` line")?;
    let found = json.as_array().unwrap().iter().any(|f| {
        f["severity"] == "error"
            && f["file"] == expect.file.as_str()
            && f["line"] == expect.line
            && f["column"] == expect.column
            && f["code"] == expect.code.as_str()
            && f["message"]
                .as_str()
                .is_some_and(|m| m.contains(&expect.message))
            && f["help"].as_str().is_some_and(|h| !h.is_empty())
    });
    if found {
        Ok(())
    } else {
        Err(format!(
            "expected\n  {}:{}:{} {}: {}\ngot\n  {actual}\n{}",
            expect.file, expect.line, expect.column, expect.code, expect.message, run.stdout
        ))
    }
}

#[test]
fn every_malformed_file_gets_its_error() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/malformed");
    let mut cases: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    cases.sort();
    assert!(cases.len() >= 30, "the corpus has {} cases", cases.len());
    let failures: Vec<String> = cases
        .iter()
        .filter_map(|c| {
            run_case(c)
                .err()
                .map(|e| format!("{}: {e}", c.file_name().unwrap().to_string_lossy()))
        })
        .collect();
    assert!(
        failures.is_empty(),
        "{} of {} cases failed:\n\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n\n")
    );
}
