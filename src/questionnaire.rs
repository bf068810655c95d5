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
    pub title: Localized,
    /// Who runs the consultation.
    #[serde(default)]
    pub issuer: Option<Localized>,
    /// Where the call for inputs is published.
    #[serde(default)]
    pub url: Option<String>,
    /// The language the questionnaire is written in (a BCP 47 tag), `en` when absent; its
    /// texts may give other languages too.
    #[serde(default)]
    pub language: Option<String>,
    /// A word limit for the whole submission: every answer and the coalition's own texts.
    #[serde(default)]
    pub max_words: Option<usize>,
    /// A character limit for the whole submission.
    #[serde(default)]
    pub max_chars: Option<usize>,
    /// The coalition's own texts the consultation asks for, with their limits.
    #[serde(default)]
    pub texts: TextSpecs,
    /// What the consultation asks about the respondent (the coalition, filled in once by the
    /// lead in `jointly.toml`).
    #[serde(default)]
    pub respondent: Vec<Field>,
    /// The codes that `action-lines` answers are keyed by, in the order they are listed.
    #[serde(default)]
    pub catalogue: Vec<CatalogueEntry>,
    /// The sections, in order.
    pub sections: Vec<Section>,
}

/// The coalition's own texts a consultation may ask for.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TextSpecs {
    /// An executive summary, before everything else.
    #[serde(default)]
    pub summary: Option<TextSpec>,
    /// An introduction or cover letter, before the answers.
    #[serde(default)]
    pub introduction: Option<TextSpec>,
    /// A closing or contact block, after the answers.
    #[serde(default)]
    pub closing: Option<TextSpec>,
}

/// What a consultation asks of one of the coalition's own texts.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TextSpec {
    /// Its heading in the submission ("Executive summary").
    #[serde(default)]
    pub title: Option<Localized>,
    /// The submission is not complete without it.
    #[serde(default)]
    pub required: bool,
    /// A word limit.
    #[serde(default)]
    pub max_words: Option<usize>,
    /// A character limit.
    #[serde(default)]
    pub max_chars: Option<usize>,
}

/// A question about the respondent ("Type of organisation", "Transparency register number").
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Field {
    /// The key `jointly.toml` gives its value under `[respondent]`.
    pub id: Spanned<String>,
    /// The question as the form words it.
    pub label: Localized,
    /// What the value is.
    #[serde(default)]
    pub kind: FieldKind,
    /// For a choice, the options.
    #[serde(default)]
    pub options: Vec<String>,
    /// The submission is not complete without it.
    #[serde(default)]
    pub required: bool,
}

/// The kind of value a respondent field takes.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum FieldKind {
    /// Any one line of text.
    #[default]
    Text,
    /// One of the field's options.
    Choice,
    /// An email address.
    Email,
    /// A number.
    Number,
}

/// One entry of the catalogue (a WSIS Action Line).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CatalogueEntry {
    /// The code answers use as a key, e.g. `C2`.
    pub code: Spanned<String>,
    /// The short label shown in bold in an answer's bullet.
    pub label: Localized,
    /// The official title.
    pub title: Localized,
    /// Named sub-lines, addressed as `C7.e-health`.
    #[serde(default)]
    pub sublines: Vec<String>,
}

/// A section of the questionnaire.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Section {
    /// The section heading.
    pub title: Localized,
    /// A word limit for the section's answers together.
    #[serde(default)]
    pub max_words: Option<usize>,
    /// A character limit for the section's answers together.
    #[serde(default)]
    pub max_chars: Option<usize>,
    /// The questions, in order.
    pub questions: Vec<Question>,
}

/// One question, or one part of a question ("3(a)").
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Question {
    /// The id input files use (`q1`, `q3a`).
    pub id: Spanned<String>,
    /// The number printed before the question; a part has its question's.
    #[serde(default)]
    pub number: u32,
    /// A part's label, printed before its text: "3(a)", "3.1".
    #[serde(default)]
    pub label: Option<Localized>,
    /// The question, verbatim.
    pub text: Localized,
    /// Notes for those answering; shown in templates and prompts, not in the submission.
    #[serde(default)]
    pub guidance: Option<Localized>,
    /// Links printed under the question.
    #[serde(default)]
    pub links: Vec<Link>,
    /// A word limit for the answer (for a choice question, for its explanation).
    #[serde(default)]
    pub max_words: Option<usize>,
    /// A character limit for the answer.
    #[serde(default)]
    pub max_chars: Option<usize>,
    /// What the answer is: free text, action lines, or a choice.
    #[serde(default)]
    pub kind: AnswerKind,
    /// A choice question's options, in order (a yes/no question has "Yes" and "No").
    #[serde(default)]
    pub options: Vec<String>,
    /// The parts, each answered on its own; a question with parts has no answer of its own.
    #[serde(default)]
    pub parts: Vec<Question>,
    /// For a part, its question's id.
    #[serde(skip)]
    pub parent: Option<String>,
    /// True when the options are jointly's own (a yes/no question's), so they follow the
    /// submission's language.
    #[serde(skip)]
    pub(crate) default_options: bool,
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
    /// One of the options, with an optional explanation.
    SingleChoice,
    /// Any of the options, with an optional explanation.
    MultipleChoice,
    /// Yes or no, with an optional explanation.
    YesNo,
    /// One point of a scale ("Strongly agree" … "Strongly disagree"), with an optional
    /// explanation.
    Scale,
}

impl AnswerKind {
    /// True for the kinds answered by choosing options.
    pub fn is_choice(self) -> bool {
        matches!(
            self,
            AnswerKind::SingleChoice
                | AnswerKind::MultipleChoice
                | AnswerKind::YesNo
                | AnswerKind::Scale
        )
    }

    /// As the questionnaire file writes it.
    pub fn as_str(self) -> &'static str {
        match self {
            AnswerKind::Text => "text",
            AnswerKind::ActionLines => "action-lines",
            AnswerKind::SingleChoice => "single-choice",
            AnswerKind::MultipleChoice => "multiple-choice",
            AnswerKind::YesNo => "yes-no",
            AnswerKind::Scale => "scale",
        }
    }
}

/// Every text of a question and its parts that may come in several languages.
fn question_texts(q: &mut Question, f: &mut impl FnMut(&mut Localized)) {
    f(&mut q.text);
    q.label.iter_mut().for_each(&mut *f);
    q.guidance.iter_mut().for_each(&mut *f);
    q.links
        .iter_mut()
        .filter_map(|l| l.title.as_mut())
        .for_each(&mut *f);
    for part in &mut q.parts {
        question_texts(part, f);
    }
}

/// A text a questionnaire may give in several languages: `text = "…"` in the questionnaire's
/// own language, or `text = { en = "…", fr = "…" }`. It reads as one language at a time: the
/// questionnaire's own, or the submission's once the project has chosen it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Localized {
    text: String,
    /// Each language given, by tag; empty for a plain text.
    by_language: Vec<(String, String)>,
}

impl Localized {
    /// Chooses `language`'s version: its own tag, else its primary language (`fr` for `fr-CA`),
    /// else the questionnaire's `original` language, else the first given. True when the text
    /// is in `language`.
    fn localize(&mut self, language: &str, original: &str) -> bool {
        use crate::labels::primary_subtag;
        if self.by_language.is_empty() {
            return primary_subtag(language) == primary_subtag(original);
        }
        let exact =
            |tag: &str| (self.by_language.iter()).find(|(l, _)| l.eq_ignore_ascii_case(tag));
        let primary = |tag: &str| {
            (self.by_language.iter()).find(|(l, _)| primary_subtag(l) == primary_subtag(tag))
        };
        let found = exact(language).or_else(|| primary(language));
        let chosen = found
            .or_else(|| exact(original))
            .or_else(|| primary(original))
            .or(self.by_language.first());
        if let Some((_, text)) = chosen {
            self.text = text.clone();
        }
        found.is_some()
    }

    /// True when `test` holds for the text in any language.
    pub(crate) fn any_version(&self, test: impl Fn(&str) -> bool) -> bool {
        test(&self.text) || self.by_language.iter().any(|(_, t)| test(t))
    }

    /// Trims the text in every language.
    fn trim_all(&mut self) {
        self.text = self.text.trim().to_string();
        for (_, text) in &mut self.by_language {
            *text = text.trim().to_string();
        }
    }
}

impl std::ops::Deref for Localized {
    type Target = str;
    fn deref(&self) -> &str {
        &self.text
    }
}

impl std::fmt::Display for Localized {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.text)
    }
}

impl From<&str> for Localized {
    fn from(text: &str) -> Self {
        Localized {
            text: text.to_string(),
            by_language: Vec::new(),
        }
    }
}

impl serde::Serialize for Localized {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.text)
    }
}

impl<'de> Deserialize<'de> for Localized {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = Localized;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a text, or texts by language such as { en = \"…\", fr = \"…\" }")
            }
            fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<Localized, E> {
                Ok(Localized::from(text))
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<Localized, A::Error> {
                let mut by_language: Vec<(String, String)> = Vec::new();
                while let Some((tag, text)) = map.next_entry::<String, String>()? {
                    if !crate::labels::is_language_tag(&tag) {
                        return Err(serde::de::Error::custom(format!(
                            "`{tag}` is not a language tag: use one such as en, fr, es, ar, ru, zh or pt-BR"
                        )));
                    }
                    by_language.push((tag, text));
                }
                let Some((_, first)) = by_language.first() else {
                    return Err(serde::de::Error::custom(
                        "give the text in at least one language",
                    ));
                };
                Ok(Localized {
                    text: first.clone(),
                    by_language,
                })
            }
        }
        deserializer.deserialize_any(Visitor)
    }
}

/// A link under a question.
#[derive(Debug, Clone, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct Link {
    /// The address.
    pub url: String,
    /// The text shown; the address itself when absent.
    #[serde(default)]
    pub title: Option<Localized>,
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
        let mut questionnaire: Questionnaire = source.parse(report)?;
        let before = report.error_count();
        questionnaire.validate(source, report);
        // A part has its question's number, for ordering and for finding it in documents; a
        // yes/no question's options go without saying.
        // Options and labels as the questionnaire means them, without stray spaces, so that a
        // choice made in any spacing is the option it names.
        let yes_no = |q: &mut Question| {
            for o in &mut q.options {
                *o = o.trim().to_string();
            }
            if let Some(label) = &mut q.label {
                label.trim_all();
            }
            if q.kind == AnswerKind::YesNo && q.options.is_empty() {
                q.options = vec!["Yes".into(), "No".into()];
                q.default_options = true;
            }
        };
        for q in questionnaire
            .sections
            .iter_mut()
            .flat_map(|s| s.questions.iter_mut())
        {
            let (number, id) = (q.number, q.id().to_string());
            for part in &mut q.parts {
                part.number = number;
                part.parent = Some(id.clone());
                yes_no(part);
            }
            yes_no(q);
        }
        let original = questionnaire.original_language().to_string();
        questionnaire.for_each_text(|text| {
            text.localize(&original, &original);
        });
        (report.error_count() == before).then_some(questionnaire)
    }

    /// The language the questionnaire is written in.
    pub fn original_language(&self) -> &str {
        self.language.as_deref().map_or("en", str::trim)
    }

    /// Puts every text in `language` where the questionnaire gives it, else in its own
    /// language, and words jointly's own yes/no options with `labels`. Returns how many texts
    /// stay in another language, with one of them, for a warning.
    pub(crate) fn localize(
        &mut self,
        language: &str,
        labels: &crate::labels::Labels,
    ) -> Option<(usize, String)> {
        let original = self.original_language().to_string();
        let mut missing = 0;
        let mut example = None;
        self.for_each_text(|text| {
            if !text.localize(language, &original) {
                missing += 1;
                example.get_or_insert_with(|| text.to_string());
            }
        });
        let yes_no = vec![labels.yes.clone(), labels.no.clone()];
        for q in self
            .sections
            .iter_mut()
            .flat_map(|s| s.questions.iter_mut())
        {
            for part in q.parts.iter_mut().filter(|p| p.default_options) {
                part.options = yes_no.clone();
            }
            if q.default_options {
                q.options = yes_no.clone();
            }
        }
        example.map(|e| (missing, e))
    }

    /// Every text a questionnaire may give in several languages.
    fn for_each_text(&mut self, mut f: impl FnMut(&mut Localized)) {
        f(&mut self.title);
        self.issuer.iter_mut().for_each(&mut f);
        for spec in [
            &mut self.texts.summary,
            &mut self.texts.introduction,
            &mut self.texts.closing,
        ]
        .into_iter()
        .flatten()
        {
            spec.title.iter_mut().for_each(&mut f);
        }
        self.respondent
            .iter_mut()
            .for_each(|field| f(&mut field.label));
        for entry in &mut self.catalogue {
            f(&mut entry.label);
            f(&mut entry.title);
        }
        for section in &mut self.sections {
            f(&mut section.title);
            for q in &mut section.questions {
                question_texts(q, &mut f);
            }
        }
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
        if let Some(language) = &self.language
            && !crate::labels::is_language_tag(language.trim())
        {
            report.push(
                Diagnostic::error(
                    "invalid-value",
                    file,
                    format!("`language = {language:?}` is not a language tag"),
                )
                .help("give the BCP 47 tag of the language the questionnaire is written in, such as \"en\", \"fr\" or \"ar\""),
            );
        }
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
        for section in &self.sections {
            if section
                .title
                .any_version(|t| t.contains(char::is_control) || t.trim().is_empty())
            {
                report.push(
                    Diagnostic::error(
                        "bad-section",
                        file,
                        format!(
                            "the section title {:?} is empty or holds a line break",
                            section.title
                        ),
                    )
                    .help("give every section a title on one line"),
                );
            }
        }
        let mut ids = BTreeSet::new();
        let mut numbers = BTreeSet::new();
        for q in self.sections.iter().flat_map(|s| s.questions.iter()) {
            if q.number == 0 {
                report.push(
                    Diagnostic::error(
                        "no-number",
                        file,
                        format!("question `{}` has no number", q.id()),
                    )
                    .at(Some(q.id.span()))
                    .help("give it `number = 1` (or the number the call prints), counting from 1"),
                );
            } else if !numbers.insert(q.number) {
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
            self.validate_question(q, file, &mut ids, report);
            if !q.parts.is_empty() && (q.kind != AnswerKind::Text || !q.options.is_empty()) {
                report.push(
                    Diagnostic::error(
                        "kind-with-parts",
                        file,
                        format!(
                            "question `{}` has parts, so it is not answered itself",
                            q.id()
                        ),
                    )
                    .at(Some(q.id.span()))
                    .help("give the kind and options to each part instead"),
                );
            }
            let mut labels = BTreeSet::new();
            for part in &q.parts {
                self.validate_question(part, file, &mut ids, report);
                let label = part.label.as_deref().unwrap_or("").trim();
                if label.is_empty() {
                    report.push(
                        Diagnostic::error(
                            "no-label",
                            file,
                            format!("part `{}` has no label", part.id()),
                        )
                        .at(Some(part.id.span()))
                        .help(format!(
                            "give it the label the call prints, e.g. `label = \"{}(a)\"`",
                            q.number
                        )),
                    );
                } else if !labels.insert(label.to_string()) {
                    report.push(
                        Diagnostic::error(
                            "duplicate-label",
                            file,
                            format!("two parts of `{}` are labelled `{label}`", q.id()),
                        )
                        .at(Some(part.id.span()))
                        .help("give every part its own label"),
                    );
                }
                if !part.parts.is_empty() || part.number != 0 {
                    report.push(
                        Diagnostic::error(
                            "part-of-a-part",
                            file,
                            format!("part `{}` has parts or a number of its own", part.id()),
                        )
                        .at(Some(part.id.span()))
                        .help(
                            "a part is answered as it is: give it a label, its text and its limits",
                        ),
                    );
                }
            }
        }
        let mut fields = BTreeSet::new();
        for f in &self.respondent {
            let id = f.id.get_ref();
            if !is_identifier(id) || !fields.insert(id.clone()) {
                report.push(
                    Diagnostic::error(
                        "invalid-field",
                        file,
                        format!(
                            "respondent field `{id}` is not a plain identifier, or is used twice"
                        ),
                    )
                    .at(Some(f.id.span()))
                    .help(
                        "use letters, digits, `-` and `_` only, starting with a letter, once each",
                    ),
                );
            }
            let mut seen = BTreeSet::new();
            let bad = (f.options.iter()).find(|o| {
                o.trim().is_empty()
                    || o.contains(char::is_control)
                    || !seen.insert(o.trim().to_lowercase())
            });
            let label =
                Some(&*f.label).filter(|_| f.label.any_version(|l| l.contains(char::is_control)));
            if let Some(o) = bad.map(String::as_str).or(label) {
                report.push(
                    Diagnostic::error("bad-option", file, format!("respondent field `{id}` has an empty, repeated or multi-line option or label `{o}`"))
                        .at(Some(f.id.span()))
                        .help("give each option once, on one line, as the form words it"),
                );
            }
            if (f.kind == FieldKind::Choice) == f.options.is_empty() {
                report.push(
                    Diagnostic::error("field-options", file, format!("respondent field `{id}`: only a choice has options, and a choice needs them"))
                        .at(Some(f.id.span()))
                        .help("for `kind = \"choice\"`, list them: `options = [\"NGO\", \"Academia\"]`"),
                );
            }
        }
        let mut codes = BTreeSet::new();
        for entry in &self.catalogue {
            let code = entry.code.get_ref();
            let control = |t: &str| t.contains(char::is_control);
            if entry.label.any_version(control)
                || entry.title.any_version(control)
                || entry.sublines.iter().any(|t| control(t))
            {
                report.push(
                    Diagnostic::error("not-one-line", file, format!("catalogue entry `{code}` holds a line break or another control character"))
                        .at(Some(entry.code.span()))
                        .help("write its label, title and sub-lines on one line each"),
                );
            }
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

    /// What every question and part must be: a plain, unique id, some text, safe links, and
    /// options exactly when it is a choice.
    fn validate_question(
        &self,
        q: &Question,
        file: &Path,
        ids: &mut BTreeSet<String>,
        report: &mut Report,
    ) {
        let id = q.id.get_ref();
        if !is_identifier(id) {
            report.push(
                Diagnostic::error(
                    "invalid-id",
                    file,
                    format!("question id `{id}` is not a plain identifier"),
                )
                .at(Some(q.id.span()))
                .help("use letters, digits, `-` and `_` only, starting with a letter, e.g. `q1`"),
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
                .help("give every question and part its own id"),
            );
        }
        if q.text.any_version(|t| t.trim().is_empty()) {
            report.push(
                Diagnostic::error(
                    "empty-question",
                    file,
                    format!("question `{id}` has no text"),
                )
                .at(Some(q.id.span()))
                .help("copy the question from the call, word for word"),
            );
        }
        // Texts that become headings, list items and comments stay on one line, so that no
        // questionnaire can break a file jointly writes.
        let control = |t: &str| t.contains(char::is_control);
        let lines = [("text", Some(&q.text)), ("label", q.label.as_ref())];
        let lines = lines
            .into_iter()
            .filter_map(|(what, t)| Some((what, t?.any_version(control))));
        let options = q.options.iter().map(|o| ("option", control(o)));
        for (what, bad) in lines.chain(options) {
            if bad {
                report.push(
                    Diagnostic::error("not-one-line", file, format!("a {what} of question `{id}` holds a line break or another control character"))
                        .at(Some(q.id.span()))
                        .help("write it on one line; a question's notes go in `guidance`"),
                );
            }
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
        let needs_options =
            q.kind.is_choice() && (q.kind != AnswerKind::YesNo || !q.options.is_empty());
        if needs_options && q.options.len() < 2 {
            report.push(
                Diagnostic::error(
                    "no-options",
                    file,
                    format!(
                        "question `{id}` is a {} question with fewer than two options",
                        q.kind.as_str()
                    ),
                )
                .at(Some(q.id.span()))
                .help("list them as the form does: `options = [\"Agree\", \"Disagree\"]`"),
            );
        }
        if !q.kind.is_choice() && !q.options.is_empty() {
            report.push(
                Diagnostic::error(
                    "options-without-choice",
                    file,
                    format!("question `{id}` has options but is not a choice question"),
                )
                .at(Some(q.id.span()))
                .help(
                    "set `kind` to \"single-choice\", \"multiple-choice\", \"yes-no\" or \"scale\"",
                ),
            );
        }
        let mut seen = BTreeSet::new();
        for option in &q.options {
            if option.trim().is_empty() || !seen.insert(option.to_lowercase()) {
                report.push(
                    Diagnostic::error(
                        "bad-option",
                        file,
                        format!("question `{id}` has an empty or repeated option `{option}`"),
                    )
                    .at(Some(q.id.span()))
                    .help("give each option once, as the form words it"),
                );
            }
        }
    }

    /// Every question that is answered, in order: a question, or the parts of a question
    /// that has them.
    pub fn questions(&self) -> impl Iterator<Item = &Question> {
        self.sections
            .iter()
            .flat_map(|s| s.questions.iter())
            .flat_map(|q| {
                if q.parts.is_empty() {
                    std::slice::from_ref(q)
                } else {
                    &q.parts[..]
                }
            })
    }

    /// The question with this id (a part's id gives the part).
    pub fn question(&self, id: &str) -> Option<&Question> {
        self.questions().find(|q| q.id.get_ref() == id)
    }

    /// The question a part belongs to.
    pub fn parent_of(&self, part: &Question) -> Option<&Question> {
        let parent = part.parent.as_deref()?;
        (self.sections.iter().flat_map(|s| s.questions.iter())).find(|q| q.id() == parent)
    }

    /// Every catalogue code in order, sub-lines right after their line.
    pub fn codes(&self) -> Vec<Code> {
        let mut out = Vec::new();
        for entry in &self.catalogue {
            let code = entry.code.get_ref();
            out.push(Code {
                code: code.clone(),
                display: code.clone(),
                label: entry.label.to_string(),
                title: entry.title.to_string(),
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

    /// How the submission numbers it: "3." for a question, "3(a)" for a part.
    pub fn display_label(&self) -> String {
        match &self.label {
            Some(label) => label.to_string(),
            None => format!("{}.", self.number),
        }
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
            &*q.question("q2").unwrap().text,
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
