//! The questionnaire: the consultation's sections, questions and action-line catalogue.
//!
//! A questionnaire is data: the built-in ones are TOML files embedded at build time, and any
//! other consultation is a TOML file of the same shape that a project points at.

use std::collections::BTreeSet;
use std::path::Path;

use serde::Deserialize;
use toml::Spanned;

use crate::diag::{Diagnostic, Report};
use crate::source::SourceFile;

/// The questionnaires compiled into the binary: id and TOML text.
const BUILTIN: &[(&str, &str)] = &[("wsis20", include_str!("questionnaires/wsis20.toml"))];

/// The questionnaire a new project uses when none is named.
pub(crate) const DEFAULT_ID: &str = "wsis20";

/// A consultation's questions.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Questionnaire {
    /// Short identifier, e.g. `wsis20`.
    pub id: String,
    /// The consultation's title, used as the submission's default title.
    pub title: String,
    /// Who runs the consultation.
    #[serde(default)]
    pub issuer: Option<String>,
    /// Where the call for inputs is published.
    #[serde(default)]
    pub url: Option<String>,
    /// The codes that `action-lines` answers are keyed by, in the order they are listed.
    #[serde(default)]
    pub catalogue: Vec<CatalogueEntry>,
    /// The sections, in order.
    pub sections: Vec<Section>,
}

/// One entry of the catalogue (a WSIS Action Line).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CatalogueEntry {
    /// The code answers use as a key, e.g. `C2`.
    pub code: Spanned<String>,
    /// The short label shown in bold in an answer's bullet.
    pub label: String,
    /// The official title.
    pub title: String,
    /// Named sub-lines, addressed as `C7.e-health`.
    #[serde(default)]
    pub sublines: Vec<String>,
}

/// A section of the questionnaire.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Section {
    /// The section heading.
    pub title: String,
    /// The questions, in order.
    pub questions: Vec<Question>,
}

/// One question.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Question {
    /// The id input files use (`q1`).
    pub id: Spanned<String>,
    /// The number printed before the question.
    pub number: u32,
    /// The question, verbatim.
    pub text: String,
    /// Notes for those answering; shown in templates and prompts, not in the submission.
    #[serde(default)]
    pub guidance: Option<String>,
    /// Links printed under the question.
    #[serde(default)]
    pub links: Vec<Link>,
    /// A word limit for the answer.
    #[serde(default)]
    pub max_words: Option<usize>,
    /// A character limit for the answer.
    #[serde(default)]
    pub max_chars: Option<usize>,
    /// Free text or an answer keyed by catalogue codes.
    #[serde(default)]
    pub kind: AnswerKind,
}

/// What shape an answer takes.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum AnswerKind {
    /// Free Markdown text.
    #[default]
    Text,
    /// Optional text, then one bullet per catalogue code, then optional closing text.
    ActionLines,
}

/// A link under a question.
#[derive(Debug, Clone, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct Link {
    /// The address.
    pub url: String,
    /// The text shown; the address itself when absent.
    #[serde(default)]
    pub title: Option<String>,
}

/// A code of the catalogue with its sub-lines expanded: `C7` and `C7.e-health` are both codes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Code {
    /// `C2`, `C7.e-health`: the key answers use.
    pub code: String,
    /// What the submission prints before the label: `C2`, and `C7` for `C7.e-health`.
    pub display: String,
    /// `Information and communication infrastructure`, `ICT applications (e-health)`.
    pub label: String,
    /// The official title.
    pub title: String,
}

impl Questionnaire {
    /// Parses and checks a questionnaire file.
    pub(crate) fn parse(source: &SourceFile, report: &mut Report) -> Option<Questionnaire> {
        let questionnaire: Questionnaire = source.parse(report)?;
        let before = report.error_count();
        questionnaire.validate(source, report);
        (report.error_count() == before).then_some(questionnaire)
    }

    /// The ids of the built-in questionnaires.
    pub(crate) fn builtin_ids() -> Vec<&'static str> {
        BUILTIN.iter().map(|(id, _)| *id).collect()
    }

    /// The built-in questionnaire with the given id; panics only if the embedded file is broken,
    /// which the test suite rules out.
    pub fn builtin(id: &str) -> Option<Questionnaire> {
        let (id, text) = BUILTIN.iter().find(|(i, _)| *i == id)?;
        let pseudo = Path::new("<built-in>").join(format!("{id}.toml"));
        let mut report = Report::new();
        let q = Questionnaire::parse(&SourceFile::new(&pseudo, &pseudo, *text), &mut report);
        Some(q.unwrap_or_else(|| panic!("built-in questionnaire `{id}` is invalid:\n{report}")))
    }

    fn validate(&self, source: &SourceFile, report: &mut Report) {
        let file = source.display.as_path();
        if self.sections.is_empty() {
            // Point at the `sections` key, if the file has one (not at a comment mentioning it).
            let mut offset = 0;
            let mut at = None;
            for line in source.text.split_inclusive('\n') {
                let trimmed = line.trim_start();
                if trimmed.starts_with("sections")
                    || trimmed.starts_with("[[sections")
                    || trimmed.starts_with("[sections")
                {
                    let start = offset + line.len() - trimmed.len();
                    at = Some(start..start + trimmed.trim_end().len());
                    break;
                }
                offset += line.len();
            }
            report.push(
                Diagnostic::error(
                    "empty-questionnaire",
                    file,
                    "the questionnaire has no sections",
                )
                .at(at)
                .help("add at least one [[sections]] table with [[sections.questions]]"),
            );
        }
        let mut ids = BTreeSet::new();
        let mut numbers = BTreeSet::new();
        for q in self.questions() {
            let id = q.id.get_ref();
            if !is_identifier(id) {
                report.push(
                    Diagnostic::error(
                        "invalid-id",
                        file,
                        format!("question id `{id}` is not a plain identifier"),
                    )
                    .at(Some(q.id.span()))
                    .help(
                        "use letters, digits, `-` and `_` only, starting with a letter, e.g. `q1`",
                    ),
                );
            }
            if !ids.insert(id.clone()) {
                report.push(
                    Diagnostic::error(
                        "duplicate-question",
                        file,
                        format!("question id `{id}` is used twice"),
                    )
                    .at(Some(q.id.span()))
                    .help("give every question its own id"),
                );
            }
            if !numbers.insert(q.number) {
                report.push(
                    Diagnostic::error(
                        "duplicate-number",
                        file,
                        format!("question number {} is used twice", q.number),
                    )
                    .at(Some(q.id.span()))
                    .help("give every question its own number"),
                );
            }
            for link in &q.links {
                if let Some(scheme) = crate::markdown::risky_scheme(&link.url) {
                    report.push(
                        Diagnostic::error(
                            "risky-link",
                            file,
                            format!("question `{id}` links to a `{scheme}:` address"),
                        )
                        .at(Some(q.id.span()))
                        .help("a submission's links go to web pages (https://…): such links run code or open the reader's own files"),
                    );
                }
            }
            if q.kind == AnswerKind::ActionLines && self.catalogue.is_empty() {
                report.push(Diagnostic::error("no-catalogue", file, format!("question `{id}` takes action lines but the questionnaire has no catalogue"))
                    .at(Some(q.id.span()))
                    .help("add [[catalogue]] entries with `code`, `label` and `title`, or set `kind = \"text\"`"));
            }
        }
        let mut codes = BTreeSet::new();
        for entry in &self.catalogue {
            let code = entry.code.get_ref();
            if !is_identifier(code) {
                report.push(
                    Diagnostic::error(
                        "invalid-code",
                        file,
                        format!("catalogue code `{code}` is not a plain identifier"),
                    )
                    .at(Some(entry.code.span()))
                    .help("use letters, digits, `-` and `_` only, e.g. `C2`"),
                );
            }
            if !codes.insert(code.clone()) {
                report.push(
                    Diagnostic::error(
                        "duplicate-code",
                        file,
                        format!("catalogue code `{code}` is used twice"),
                    )
                    .at(Some(entry.code.span()))
                    .help("give every catalogue entry its own code"),
                );
            }
        }
    }

    /// Every question, in order.
    pub fn questions(&self) -> impl Iterator<Item = &Question> {
        self.sections.iter().flat_map(|s| s.questions.iter())
    }

    /// The question with this id.
    pub fn question(&self, id: &str) -> Option<&Question> {
        self.questions().find(|q| q.id.get_ref() == id)
    }

    /// Every catalogue code in order, sub-lines right after their line.
    pub fn codes(&self) -> Vec<Code> {
        let mut out = Vec::new();
        for entry in &self.catalogue {
            let code = entry.code.get_ref();
            out.push(Code {
                code: code.clone(),
                display: code.clone(),
                label: entry.label.clone(),
                title: entry.title.clone(),
            });
            for sub in &entry.sublines {
                out.push(Code {
                    code: format!("{code}.{sub}"),
                    display: code.clone(),
                    label: format!("{} ({sub})", entry.label),
                    title: format!("{}: {sub}", entry.title),
                });
            }
        }
        out
    }

    /// True when `code` is one of [`codes`](Self::codes) (without building them).
    pub fn has_code(&self, code: &str) -> bool {
        self.catalogue.iter().any(|entry| {
            let line = entry.code.get_ref();
            code == line
                || code
                    .strip_prefix(line.as_str())
                    .and_then(|rest| rest.strip_prefix('.'))
                    .is_some_and(|sub| entry.sublines.iter().any(|s| s == sub))
        })
    }
}

impl Question {
    /// The id as a plain string.
    pub fn id(&self) -> &str {
        self.id.get_ref()
    }
}

fn is_identifier(s: &str) -> bool {
    let mut chars = s.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wsis20_has_eleven_questions_in_four_sections() {
        let q = Questionnaire::builtin("wsis20").unwrap();
        assert_eq!(q.sections.len(), 4);
        assert_eq!(q.questions().count(), 11);
        let counts: Vec<usize> = q.sections.iter().map(|s| s.questions.len()).collect();
        assert_eq!(counts, [4, 3, 1, 3]);
        let numbers: Vec<u32> = q.questions().map(|q| q.number).collect();
        assert_eq!(numbers, (1..=11).collect::<Vec<_>>());
        let action: Vec<&str> = q
            .questions()
            .filter(|q| q.kind == AnswerKind::ActionLines)
            .map(|q| q.id())
            .collect();
        assert_eq!(action, ["q5", "q6", "q7"]);
        assert_eq!(
            q.question("q2").unwrap().text,
            "What are ITUs main contributions towards the implementation of the WSIS Process in 20 Years?"
        );
        assert_eq!(
            q.question("q7").unwrap().links[0].url,
            "https://www.itu.int/net4/wsis/forum/2024/Home/About#actionLines"
        );
    }

    #[test]
    fn wsis20_catalogue_has_c1_to_c11_and_c7_sublines() {
        let q = Questionnaire::builtin("wsis20").unwrap();
        let codes: Vec<String> = q.codes().into_iter().map(|c| c.code).collect();
        for n in 1..=11 {
            assert!(codes.contains(&format!("C{n}")), "missing C{n}");
        }
        assert!(codes.contains(&"C7.e-health".to_string()));
        let c1 = &q.codes()[0];
        assert_eq!(c1.label, "Promotion of ICTs for development");
        assert!(
            c1.title
                .starts_with("The role of public governance authorities")
        );
    }

    #[test]
    fn has_code_is_membership_in_codes() {
        let q = Questionnaire::builtin("wsis20").unwrap();
        for c in q.codes() {
            assert!(q.has_code(&c.code), "{}", c.code);
        }
        for not in [
            "",
            "C",
            "C0",
            "C12",
            "C77",
            "C7.",
            "C7.e-healthy",
            "C1.e-health",
            "c7",
        ] {
            assert!(!q.has_code(not), "{not}");
        }
    }

    #[test]
    fn duplicate_ids_are_reported_with_their_place() {
        let text = "id = \"x\"\ntitle = \"T\"\n[[sections]]\ntitle = \"S\"\n[[sections.questions]]\nid = \"q1\"\nnumber = 1\ntext = \"A?\"\n[[sections.questions]]\nid = \"q1\"\nnumber = 2\ntext = \"B?\"\n";
        let mut report = Report::new();
        let src = SourceFile::new(Path::new("q.toml"), Path::new("q.toml"), text);
        assert!(Questionnaire::parse(&src, &mut report).is_none());
        let out = report.render(false);
        assert!(out.contains("question id `q1` is used twice"), "{out}");
        assert!(out.contains("q.toml:10:6"), "{out}");
    }
}
