//! `jointly.toml`: the project's settings.

use std::path::{Component, Path};

use serde::Deserialize;
use toml::Spanned;

use crate::diag::{Diagnostic, Report, did_you_mean};
use crate::labels::{self, Labels};
use crate::questionnaire::Questionnaire;

/// The name of the project file, found by walking up from the current folder.
pub const FILE_NAME: &str = "jointly.toml";

/// The whole `jointly.toml`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// What is being submitted.
    pub submission: SubmissionConfig,
    /// How contributions are combined.
    #[serde(default)]
    pub merge: MergeConfig,
    /// Where and how the submission is written.
    #[serde(default)]
    pub output: OutputConfig,
    /// The coalition's own texts: Markdown files the lead writes.
    #[serde(default)]
    pub texts: TextsConfig,
    /// The answers about the respondent (the coalition) that the questionnaire asks for, by
    /// field id. Only the lead gives them, here: they are never merged from inputs.
    #[serde(default)]
    pub respondent: std::collections::BTreeMap<Spanned<String>, Spanned<toml::Value>>,
    /// The project's own wording of labels jointly writes (`[labels]`), by key: for a language
    /// without built-in labels, or a house style.
    #[serde(default)]
    pub labels: std::collections::BTreeMap<Spanned<String>, Spanned<String>>,
}

/// `[texts]`: the coalition's own texts, each a Markdown file in the project.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TextsConfig {
    /// An executive summary, before everything else.
    #[serde(default)]
    pub summary: Option<Spanned<String>>,
    /// An introduction or cover letter, before the answers.
    #[serde(default)]
    pub introduction: Option<Spanned<String>>,
    /// A closing or contact block, after the answers.
    #[serde(default)]
    pub closing: Option<Spanned<String>>,
    /// Annexes, in order, after everything else.
    #[serde(default)]
    pub annexes: Vec<Spanned<String>>,
}

impl TextsConfig {
    /// Every text's file, with what it is.
    pub(crate) fn files(&self) -> Vec<(&'static str, &Spanned<String>)> {
        let named = [
            ("summary", &self.summary),
            ("introduction", &self.introduction),
            ("closing", &self.closing),
        ];
        (named.into_iter())
            .filter_map(|(what, path)| Some((what, path.as_ref()?)))
            .chain(self.annexes.iter().map(|path| ("annex", path)))
            .collect()
    }
}

/// `[submission]`
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SubmissionConfig {
    /// The title of the submission; the questionnaire's title when absent.
    #[serde(default)]
    pub title: Option<Spanned<String>>,
    /// A built-in questionnaire id (`wsis20`) or a path to a questionnaire TOML file.
    #[serde(default = "default_questionnaire")]
    pub questionnaire: Spanned<String>,
    /// Short name or name of the lead organisation.
    #[serde(default)]
    pub lead: Option<Spanned<String>>,
    /// The submission's language, a BCP 47 tag (`fr`, `es-419`); the questionnaire's when
    /// absent.
    #[serde(default)]
    pub language: Option<Spanned<String>>,
}

fn yes() -> bool {
    true
}

fn default_questionnaire() -> Spanned<String> {
    Spanned::new(0..0, crate::questionnaire::DEFAULT_ID.to_string())
}

impl Config {
    /// The submission's title: its own, or the questionnaire's.
    pub fn title<'a>(&'a self, questionnaire: &'a Questionnaire) -> &'a str {
        match &self.submission.title {
            Some(title) => title.get_ref(),
            None => &questionnaire.title,
        }
    }

    /// The submission's language: its own, the questionnaire's, or English.
    pub fn language<'a>(&'a self, questionnaire: &'a Questionnaire) -> &'a str {
        match (&self.submission.language, &questionnaire.language) {
            (Some(language), _) => language.get_ref().trim(),
            (None, Some(language)) => language.trim(),
            (None, None) => "en",
        }
    }

    /// The labels the submission is written with: the language's built-in ones (English for a
    /// language without them), with the project's `[labels]` over them.
    pub fn labels(&self, questionnaire: &Questionnaire) -> Labels {
        let builtin = Labels::builtin(self.language(questionnaire)).unwrap_or_else(Labels::english);
        let overrides =
            (self.labels.iter()).map(|(k, v)| (k.get_ref().as_str(), v.get_ref().as_str()));
        builtin.with_overrides(overrides)
    }

    /// Problems that parsing cannot see: a title with control characters, which every format
    /// and the terminal would show.
    pub(crate) fn check(&self, file: &Path, report: &mut Report) {
        if let Some(title) = &self.submission.title
            && let Some(d) = control_characters(file, "the title", title)
        {
            report.push(d);
        }
        self.check_language(file, report);
        // A project travels between Windows, macOS and Linux: paths are written with `/`.
        let paths = (self.texts.files().into_iter().map(|(_, p)| p))
            .chain([&self.output.dir, &self.submission.questionnaire]);
        for path in paths.filter(|p| p.get_ref().contains('\\')) {
            report.push(
                Diagnostic::warning(
                    "backslash-path",
                    file,
                    format!(
                        "`{}` is written with `\\`, which only Windows reads as a folder separator",
                        path.get_ref()
                    ),
                )
                .at(Some(path.span()))
                .help(format!(
                    "write it with `/` (\"{}\"): that works on every system",
                    path.get_ref().replace('\\', "/")
                )),
            );
        }
        // Outputs are written where the project says: it must not say elsewhere.
        let name = &self.output.name;
        let plain_name = Path::new(name.get_ref()).components().count() == 1
            && !name.get_ref().contains(['/', '\\'])
            && !matches!(name.get_ref().trim(), "" | "." | "..")
            && !name.get_ref().contains(char::is_control);
        if !plain_name {
            report.push(
                Diagnostic::error(
                    "invalid-value",
                    file,
                    format!("`name = {:?}` is not a plain file name", name.get_ref()),
                )
                .at(Some(name.span()))
                .help("give a name without folders, such as \"submission\"; `dir` says where"),
            );
        }
        for (what, path) in self.texts.files() {
            if !inside_project(path.get_ref()) {
                report.push(
                    Diagnostic::error(
                        "invalid-value",
                        file,
                        format!(
                            "the {what} `{}` is not a file inside the project",
                            path.get_ref()
                        ),
                    )
                    .at(Some(path.span()))
                    .help("give a path relative to jointly.toml, such as \"texts/summary.md\""),
                );
            }
        }
        let inside = inside_project(self.output.dir.get_ref());
        if !inside {
            report.push(
                Diagnostic::error(
                    "invalid-value",
                    file,
                    format!("`dir = {:?}` is not a folder inside the project", self.output.dir.get_ref()),
                )
                .at(Some(self.output.dir.span()))
                .help("give a folder relative to jointly.toml, such as \"out\"; to write elsewhere, use -o"),
            );
        }
    }
}

impl Config {
    /// A language tag of the right shape, and labels jointly knows, each with the words in
    /// braces it is filled in with.
    fn check_language(&self, file: &Path, report: &mut Report) {
        if let Some(language) = &self.submission.language
            && !labels::is_language_tag(language.get_ref().trim())
        {
            report.push(
                Diagnostic::error(
                    "invalid-value",
                    file,
                    format!(
                        "`language = {:?}` is not a language tag",
                        language.get_ref()
                    ),
                )
                .at(Some(language.span()))
                .help("give a BCP 47 tag such as \"fr\", \"es\", \"ar\", \"zh\" or \"pt-BR\""),
            );
        }
        let keys = Labels::keys();
        for (key, text) in &self.labels {
            if !keys.contains(key.get_ref()) {
                let help = match did_you_mean(key.get_ref(), keys.iter().map(String::as_str)) {
                    Some(s) => format!("did you mean `{s}`?"),
                    None => format!("the labels are: {}", keys.join(", ")),
                };
                report.push(
                    Diagnostic::error(
                        "unknown-label",
                        file,
                        format!("there is no label `{}`", key.get_ref()),
                    )
                    .at(Some(key.span()))
                    .help(help),
                );
                continue;
            }
            if let Some(d) =
                control_characters(file, &format!("the label `{}`", key.get_ref()), text)
            {
                report.push(d);
            }
            // An empty label would erase what it stands for (an empty "yes" is no answer).
            if text.get_ref().trim().is_empty() {
                report.push(
                    Diagnostic::error(
                        "invalid-value",
                        file,
                        format!("the label `{}` is empty", key.get_ref()),
                    )
                    .at(Some(text.span()))
                    .help("word it, or remove the line to keep the built-in one"),
                );
            }
            let wanted = Labels::placeholders(key.get_ref());
            let used = labels::used_placeholders(text.get_ref());
            let braces = |words: &[&str]| {
                (words.iter())
                    .map(|w| format!("{{{w}}}"))
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            if let Some(unknown) = used.iter().find(|w| !wanted.contains(w)) {
                report.push(
                    Diagnostic::error(
                        "invalid-value",
                        file,
                        format!(
                            "the label `{}` uses {{{unknown}}}, which jointly does not fill in",
                            key.get_ref()
                        ),
                    )
                    .at(Some(text.span()))
                    .help(match wanted {
                        [] => "this label takes no words in braces".to_string(),
                        _ => format!("this label takes {}", braces(wanted)),
                    }),
                );
            } else if let Some(missing) = wanted.iter().find(|w| !used.contains(w)) {
                report.push(
                    Diagnostic::warning(
                        "label-placeholder",
                        file,
                        format!("the label `{}` leaves out {{{missing}}}", key.get_ref()),
                    )
                    .at(Some(text.span()))
                    .help(format!(
                        "the submission will not show it; this label takes {}",
                        braces(wanted)
                    )),
                );
            }
        }
    }
}

/// True for a relative path that stays inside the project: no `..`, no root, no drive.
pub(crate) fn inside_project(path: &str) -> bool {
    Path::new(path)
        .components()
        .all(|c| matches!(c, Component::Normal(_) | Component::CurDir))
        && !path.contains(char::is_control)
}

/// An error when a name or title holds control characters (pasted from another program, or
/// put there to disturb a terminal): they have no place in a submission.
pub(crate) fn control_characters(
    file: &Path,
    what: &str,
    value: &Spanned<String>,
) -> Option<Diagnostic> {
    let text = value.get_ref();
    let at = text.find(|c: char| c.is_control())?;
    let c = text[at..].chars().next().unwrap_or(' ');
    Some(
        Diagnostic::error(
            "control-character",
            file,
            format!("{what} holds a control character (U+{:04X})", u32::from(c)),
        )
        .at(Some(value.span()))
        .help("retype it: names and titles are shown in every format and on the terminal"),
    )
}

/// `[merge]`
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MergeConfig {
    /// The order contributions appear in within an answer.
    #[serde(default)]
    pub order: MergeOrder,
}

/// `order = "alphabetical"` or `order = ["APC", "Derechos Digitales", ...]`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum MergeOrder {
    /// By organisation name, in Unicode collation order.
    #[default]
    Alphabetical,
    /// These organisations first, in this order (short names or names); the rest alphabetically.
    Explicit(Vec<Spanned<String>>),
}

impl<'de> Deserialize<'de> for MergeOrder {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = MergeOrder;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str(
                    "\"alphabetical\" or a list of organisations, e.g. [\"APC\", \"ARTICLE 19\"]",
                )
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<MergeOrder, E> {
                match v {
                    "alphabetical" => Ok(MergeOrder::Alphabetical),
                    other => Err(E::custom(format!(
                        "unknown merge order `{other}`: write \"alphabetical\" or a list of organisations, e.g. [\"APC\", \"ARTICLE 19\"]"
                    ))),
                }
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                mut seq: A,
            ) -> Result<MergeOrder, A::Error> {
                let mut list = Vec::new();
                while let Some(item) = seq.next_element::<Spanned<String>>()? {
                    list.push(item);
                }
                Ok(MergeOrder::Explicit(list))
            }
        }
        d.deserialize_any(Visitor)
    }
}

/// `[output]`
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OutputConfig {
    /// The folder outputs are written to, inside the project.
    #[serde(default = "default_out_dir")]
    pub dir: Spanned<String>,
    /// What to do with questions nobody answered.
    #[serde(default)]
    pub unanswered: Unanswered,
    /// The file name (without extension) of the outputs.
    #[serde(default = "default_file_stem")]
    pub name: Spanned<String>,
    /// Curly quotes and apostrophes, and – — … for `--` `---` `...`, in answers and the
    /// coalition's own texts, as pandoc's `smart` extension does; question texts stay as the
    /// questionnaire words them.
    #[serde(default = "yes")]
    pub smart_punctuation: bool,
    /// Word output settings.
    #[serde(default)]
    pub docx: DocxConfig,
}

impl Default for OutputConfig {
    fn default() -> Self {
        OutputConfig {
            dir: default_out_dir(),
            unanswered: Unanswered::default(),
            smart_punctuation: true,
            name: default_file_stem(),
            docx: DocxConfig::default(),
        }
    }
}

/// `[output.docx]`
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DocxConfig {
    /// The body font.
    #[serde(default = "default_font")]
    pub font: String,
    /// The font of the title and headings; the body font when absent.
    #[serde(default)]
    pub heading_font: Option<String>,
    /// The font of code.
    #[serde(default = "default_code_font")]
    pub code_font: String,
    /// The body text size in points.
    #[serde(default = "default_size")]
    pub size: f64,
    /// The paper size.
    #[serde(default)]
    pub paper: Paper,
    /// A Word file whose styles the submission takes (relative to the project).
    #[serde(default)]
    pub reference_doc: Option<String>,
}

impl Default for DocxConfig {
    fn default() -> Self {
        DocxConfig {
            font: default_font(),
            heading_font: None,
            code_font: default_code_font(),
            size: default_size(),
            paper: Paper::default(),
            reference_doc: None,
        }
    }
}

fn default_font() -> String {
    "Calibri".to_string()
}

fn default_code_font() -> String {
    "Consolas".to_string()
}

fn default_size() -> f64 {
    11.0
}

/// `paper = "a4" | "letter"`
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Paper {
    /// 210 × 297 mm.
    #[default]
    A4,
    /// 8.5 × 11 in.
    Letter,
}

fn default_out_dir() -> Spanned<String> {
    Spanned::new(0..0, "out".to_string())
}

fn default_file_stem() -> Spanned<String> {
    Spanned::new(0..0, "submission".to_string())
}

/// `unanswered = "keep" | "omit" | "note"`
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Unanswered {
    /// Show the question with no answer under it (as the reference submission does).
    #[default]
    Keep,
    /// Leave the question out.
    Omit,
    /// Show the question with a short note that no answer was given.
    Note,
}

/// The text of a new project's `jointly.toml`.
pub(crate) fn new_project_file(title: &str, questionnaire: &str, lead: Option<&str>) -> String {
    let lead_line = match lead {
        Some(lead) => format!("lead = {}", toml_edit::Value::from(lead)),
        None => "# lead = \"APC\"                  # short name or name of the lead organisation"
            .to_string(),
    };
    format!(
        r#"# A jointly project: one joint response to a consultation.
# Inputs, one file per organisation, live in inputs/. See `jointly --help`.

[submission]
title = {title}
questionnaire = {questionnaire}   # a built-in id, or a path to a questionnaire TOML file
{lead_line}

[merge]
order = "alphabetical"           # or a list of organisations: ["APC", "ARTICLE 19"]

[output]
dir = "out"
unanswered = "keep"              # keep (question shown, no answer) | omit | note
"#,
        title = toml_edit::Value::from(title),
        questionnaire = toml_edit::Value::from(questionnaire),
    )
}
