//! The project as one checked model: `jointly.toml`, the questionnaire, every input and the
//! draft, checked against each other (`Project::check`; `load` reads the files).
//!
//! Every problem of every file is collected before giving up, so one run shows them all.

use std::collections::BTreeMap;
use std::ops::Range;
use std::path::{Path, PathBuf};

use std::collections::HashMap;
use toml::Spanned;

use crate::collate::Collator;
use crate::config::{Config, MergeOrder};
use crate::diag::{Diagnostic, Report, did_you_mean};
use crate::draft::{Draft, Slot, SlotKey};
use crate::error::Error;
use crate::input_file::{Choice, InputFile, RawAnswer, Stakeholder};
use crate::questionnaire::{AnswerKind, Question, Questionnaire};
use crate::source::SourceFile;
use crate::text::name_key;

/// The folder of input files, relative to the project root.
pub(crate) const INPUTS_DIR: &str = "inputs";

/// The folder of the project's own templates, which override the built-in ones.
pub(crate) const TEMPLATES_DIR: &str = "templates";

/// A loaded, validated project.
#[derive(Debug, Clone)]
pub struct Project {
    /// The folder holding `jointly.toml`.
    pub root: PathBuf,
    /// `jointly.toml`.
    pub config: Config,
    /// The questionnaire the project answers.
    pub questionnaire: Questionnaire,
    /// The organisations, in merge order.
    pub orgs: Vec<Org>,
    /// The lead organisation's index in `orgs`, when one is named.
    pub lead: Option<usize>,
    /// `draft.toml`, when it exists.
    pub draft: Option<Draft>,
    /// The coalition's own texts (`[texts]` in `jointly.toml`).
    pub texts: OwnTexts,
    /// The respondent details, as the questionnaire orders and spells them: field id and value.
    pub respondent: Vec<(String, String)>,
    /// Warnings found while loading.
    pub warnings: Report,
}

/// The coalition's own texts, as the lead wrote them (Markdown).
#[derive(Debug, Clone, Default)]
pub struct OwnTexts {
    /// An executive summary.
    pub summary: Option<String>,
    /// An introduction or cover letter.
    pub introduction: Option<String>,
    /// A closing or contact block.
    pub closing: Option<String>,
    /// Annexes, each with its file's name.
    pub annexes: Vec<(String, String)>,
}

/// One organisation and its answers, validated.
#[derive(Debug, Clone)]
pub struct Org {
    /// Full name.
    pub name: String,
    /// Abbreviation.
    pub short_name: Option<String>,
    /// Co-signs the submission.
    pub signs: bool,
    /// Country or region.
    pub country: Option<String>,
    /// Stakeholder group.
    pub stakeholder: Option<Stakeholder>,
    /// Contact address.
    pub contact: Option<String>,
    /// Website.
    pub website: Option<String>,
    /// Sort key override for the signatory list.
    pub sort_as: Option<String>,
    /// The input file on disk.
    pub path: PathBuf,
    /// The input file as shown to the user (`inputs/apc.toml`).
    pub file: PathBuf,
    /// The input file's name (`apc.toml`): how the draft knows the organisation, so that it
    /// can change its name or short name.
    pub file_name: String,
    /// Answers by question id; empty answers are left out.
    pub answers: BTreeMap<String, Answer>,
    /// Where each non-empty text is in the input file.
    pub spans: BTreeMap<SlotKey, Range<usize>>,
    /// Where `[organisation]` is.
    pub org_span: Range<usize>,
    /// The organisation's sign-off, when it has approved a text.
    pub signoff: Option<Approval>,
    /// Where each `[[unplaced]]` text left by an import is.
    pub unplaced: Vec<Range<usize>>,
}

/// `[signoff]`: which joint text an organisation approved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Approval {
    /// The text's fingerprint (`sha256:…`).
    pub text: String,
    /// When, as written in the file.
    pub date: Option<String>,
    /// The fingerprint of each aspect of the approved text (`crate::signoff::ASPECTS`).
    pub covers: BTreeMap<String, String>,
}

/// One organisation's answer to one question.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Answer {
    /// The text (before the bullets, for action-line questions).
    pub text: Option<String>,
    /// Text per catalogue code.
    pub lines: BTreeMap<String, String>,
    /// Text after the bullets.
    pub closing: Option<String>,
    /// For a choice question, the options chosen, one per line, as the questionnaire spells
    /// them and in its order.
    pub choice: Option<String>,
}

impl Org {
    /// The name parts use in `from`: the short name, or the name.
    pub fn key(&self) -> &str {
        self.short_name.as_deref().unwrap_or(&self.name)
    }

    /// "Name (SHORT)", as in the signatory list.
    pub fn display_name(&self) -> String {
        match &self.short_name {
            Some(s) if s != &self.name => format!("{} ({s})", self.name),
            _ => self.name.clone(),
        }
    }

    /// True when `query` names this organisation: its short name or name (any case), or its
    /// input file's path.
    pub fn matches(&self, query: &str) -> bool {
        names(query, &self.name, self.short_name.as_deref(), &self.path)
    }
}

/// True when `query` (from `--org`, or `lead` and `order` in jointly.toml) names the
/// organisation with this name, short name and input file: the name or short name (see
/// [`name_key`]), or the file, by its path or its name. An empty query names nobody.
fn names(query: &str, name: &str, short_name: Option<&str>, path: &Path) -> bool {
    let q = query.trim();
    if q.is_empty() {
        return false;
    }
    let key = name_key(q);
    key == name_key(name)
        || short_name.is_some_and(|s| key == name_key(s))
        || (q.ends_with(".toml") && (path.ends_with(q) || Path::new(q) == path))
}

/// An input file seen without validating it: enough to pick an organisation from a list
/// even when some file has errors.
#[derive(Debug, Clone)]
pub(crate) struct InputSummary {
    /// The file on disk.
    pub path: PathBuf,
    /// The name, or the file name when it has none.
    pub name: String,
    /// The short name.
    pub short_name: Option<String>,
}

impl InputSummary {
    /// The organisation an input file's text names, if it parses.
    pub(crate) fn parse(path: &Path, text: &str) -> Option<InputSummary> {
        let table: toml::Table = text.parse().ok()?;
        let org = table.get("organisation")?.as_table()?;
        let get = |k: &str| org.get(k).and_then(|v| v.as_str()).map(str::to_string);
        Some(InputSummary {
            path: path.to_path_buf(),
            name: get("name")?,
            short_name: get("short_name"),
        })
    }

    /// True when `query` is its short name or name (any case), or its file.
    pub(crate) fn matches(&self, query: &str) -> bool {
        names(query, &self.name, self.short_name.as_deref(), &self.path)
    }

    /// "Name (SHORT)".
    pub(crate) fn display(&self) -> String {
        match &self.short_name {
            Some(s) if s != &self.name => format!("{} ({s})", self.name),
            _ => self.name.clone(),
        }
    }
}

impl Project {
    /// Checks the project's files against each other: every input against the questionnaire,
    /// organisations against each other, the draft against the questionnaire. Every problem is
    /// pushed to `report`; `None` when there are errors.
    pub(crate) fn check(
        root: &Path,
        (config_file, config): (&SourceFile, Config),
        questionnaire: Questionnaire,
        inputs: &[SourceFile],
        draft: Option<&SourceFile>,
        texts: &[(&'static str, SourceFile)],
        report: &mut Report,
    ) -> Option<Project> {
        let mut orgs: Vec<(Org, Spanned<()>)> = inputs
            .iter()
            .filter_map(|src| load_input(src, &questionnaire, report))
            .collect();
        // An input that cannot be read is reported already; the names it holds are unknown,
        // so a name in jointly.toml that finds no organisation may well be its.
        let all_read = orgs.len() == inputs.len();
        check_duplicates(&orgs, report);
        let mut order_report = Report::new();
        sort_in_merge_order(&mut orgs, &config, config_file, &mut order_report);
        if all_read {
            report.extend(order_report);
        }
        let mut orgs: Vec<Org> = orgs.into_iter().map(|(o, _)| o).collect();
        orgs.dedup_by(|a, b| a.path == b.path);
        let lead = config.submission.lead.as_ref().and_then(|lead| {
            let found = orgs.iter().position(|o| o.matches(lead.get_ref()));
            if found.is_none() && !orgs.is_empty() && all_read {
                report.push(unknown_org(
                    &config_file.display,
                    lead,
                    &orgs,
                    "lead organisation",
                ));
            }
            found
        });
        let draft = match draft {
            Some(src) => {
                let input_file = |name: &str| {
                    let org = orgs.iter().find(|o| o.matches(name))?;
                    Some(org.file_name.clone())
                };
                Some(Draft::parse(src, &questionnaire, &input_file, report)?)
            }
            None => None,
        };
        let texts = own_texts(texts);
        let respondent = respondent(&config, config_file, &questionnaire, report);
        Some(Project {
            root: root.to_path_buf(),
            config,
            questionnaire,
            orgs,
            lead,
            draft,
            texts,
            respondent,
            warnings: Report::new(),
        })
    }

    /// The organisation `query` names (see [`Org::matches`]).
    pub fn org(&self, query: &str) -> Result<&Org, Error> {
        self.orgs
            .iter()
            .find(|o| o.matches(query))
            .ok_or_else(|| Error::UnknownOrg {
                query: query.to_string(),
                known: self.orgs.iter().map(|o| o.key().to_string()).collect(),
            })
    }

    /// The submission's title.
    pub fn title(&self) -> &str {
        self.config.title(&self.questionnaire)
    }

    /// The path outputs are written to when no `-o` is given.
    pub fn output_dir(&self) -> PathBuf {
        self.root.join(self.config.output.dir.get_ref())
    }
}

/// The coalition's own texts, from their files.
fn own_texts(sources: &[(&'static str, SourceFile)]) -> OwnTexts {
    let mut texts = OwnTexts::default();
    for (what, src) in sources {
        let text = crate::text::trim_block(&src.text).to_string();
        match *what {
            "summary" => texts.summary = Some(text),
            "introduction" => texts.introduction = Some(text),
            "closing" => texts.closing = Some(text),
            _ => {
                let name = src
                    .path
                    .file_stem()
                    .map(|s| s.to_string_lossy().into_owned());
                texts.annexes.push((name.unwrap_or_default(), text));
            }
        }
    }
    texts
}

/// The respondent details `jointly.toml` gives, checked against the questionnaire's fields:
/// each known, of its kind, a choice among its options (spelt as the questionnaire does).
fn respondent(
    config: &Config,
    file: &SourceFile,
    questionnaire: &Questionnaire,
    report: &mut Report,
) -> Vec<(String, String)> {
    use crate::questionnaire::FieldKind;
    let file = &file.display;
    let mut out = Vec::new();
    for (key, value) in &config.respondent {
        let Some(field) = questionnaire
            .respondent
            .iter()
            .find(|f| f.id.get_ref() == key.get_ref())
        else {
            let ids: Vec<&str> = questionnaire
                .respondent
                .iter()
                .map(|f| f.id.get_ref().as_str())
                .collect();
            let d = Diagnostic::error(
                "unknown-field",
                file,
                format!(
                    "the questionnaire asks for no respondent detail `{}`",
                    key.get_ref()
                ),
            )
            .at(Some(key.span()));
            report.push(
                match (
                    did_you_mean(key.get_ref(), ids.iter().copied()),
                    ids.is_empty(),
                ) {
                    (_, true) => d.help(
                        "this questionnaire asks nothing about the respondent: remove [respondent]",
                    ),
                    (Some(s), _) => d.help(format!("did you mean `{s}`?")),
                    (None, _) => d.help(format!("it asks for: {}", ids.join(", "))),
                },
            );
            continue;
        };
        let text = match value.get_ref() {
            toml::Value::String(s) => s.trim().to_string(),
            toml::Value::Integer(n) => n.to_string(),
            toml::Value::Float(x) => x.to_string(),
            _ => {
                report.push(
                    Diagnostic::error(
                        "bad-field",
                        file,
                        format!(
                            "respondent detail `{}` is not text or a number",
                            key.get_ref()
                        ),
                    )
                    .at(Some(value.span()))
                    .help("write it in quotes, as the form would show it"),
                );
                continue;
            }
        };
        let problem = match field.kind {
            _ if text.is_empty() => Some("is empty".to_string()),
            _ if text.contains(char::is_control) => Some("holds a control character".to_string()),
            FieldKind::Email if !is_email(&text) => Some("is not an email address".to_string()),
            FieldKind::Number if !is_number(&text) => Some("is not a number".to_string()),
            FieldKind::Choice if !field.options.iter().any(|o| o.eq_ignore_ascii_case(&text)) => {
                Some(format!("is not one of: {}", field.options.join(", ")))
            }
            _ => None,
        };
        match problem {
            Some(why) => report.push(
                Diagnostic::error(
                    "bad-field",
                    file,
                    format!("respondent detail `{}` {why}", key.get_ref()),
                )
                .at(Some(value.span()))
                .help(format!("give {}, as the form asks", field.label)),
            ),
            None => {
                let spelt = (field.options.iter())
                    .find(|o| o.eq_ignore_ascii_case(&text))
                    .cloned();
                out.push((field.id.get_ref().clone(), spelt.unwrap_or(text)));
            }
        }
    }
    // In the questionnaire's order.
    let order = |id: &str| {
        questionnaire
            .respondent
            .iter()
            .position(|f| f.id.get_ref() == id)
    };
    out.sort_by_key(|(id, _)| order(id));
    out
}

/// `name@example.org`: something before the @, a dotted domain after it, no spaces.
fn is_email(text: &str) -> bool {
    let Some((local, domain)) = text.rsplit_once('@') else {
        return false;
    };
    let labels: Vec<&str> = domain.split('.').collect();
    !local.is_empty()
        && !text.contains(char::is_whitespace)
        && labels.len() >= 2
        && labels.iter().all(|l| !l.is_empty())
}

/// A number as a form takes one: digits, with separators between groups ("1 200", "3.5").
fn is_number(text: &str) -> bool {
    let t = text.strip_prefix('-').unwrap_or(text);
    t.starts_with(|c: char| c.is_ascii_digit())
        && t.ends_with(|c: char| c.is_ascii_digit())
        && t.chars()
            .all(|c| c.is_ascii_digit() || matches!(c, ' ' | ',' | '.' | '\u{a0}' | '\''))
}

/// Parses and checks one input file. The `Spanned<()>` remembers where its `[organisation]` is.
pub(crate) fn load_input(
    src: &SourceFile,
    questionnaire: &Questionnaire,
    report: &mut Report,
) -> Option<(Org, Spanned<()>)> {
    let input: InputFile = src.parse(report)?;
    let file = &src.display;
    let before = report.error_count();
    let org_span = input.organisation.span();
    let o = input.organisation.into_inner();
    let name = o.name.get_ref().trim().to_string();
    if name.is_empty() {
        report.push(
            Diagnostic::error("empty-name", file, "the organisation's `name` is empty")
                .at(Some(o.name.span()))
                .help(
                    "write the organisation's full name, as it should appear among the signatories",
                ),
        );
    }
    if let Some(short) = &o.short_name
        && short.get_ref().trim().is_empty()
    {
        report.push(
            Diagnostic::error("empty-name", file, "`short_name` is empty")
                .at(Some(short.span()))
                .help("write an abbreviation such as \"APC\", or delete the line"),
        );
    }
    let names = std::iter::once(("the name", &o.name))
        .chain(o.short_name.iter().map(|s| ("the short name", s)));
    for (what, value) in names {
        if let Some(d) = crate::config::control_characters(file, what, value) {
            report.push(d);
        }
    }
    let ids: Vec<&str> = questionnaire.questions().map(|q| q.id()).collect();
    let mut answers = BTreeMap::new();
    let mut spans = BTreeMap::new();
    for (qid, raw) in input.answers {
        let Some(question) = questionnaire.question(qid.get_ref()) else {
            let parent = (questionnaire
                .sections
                .iter()
                .flat_map(|s| s.questions.iter()))
            .find(|q| q.id() == qid.get_ref() && !q.parts.is_empty());
            if let Some(parent) = parent {
                let parts: Vec<&str> = parent.parts.iter().map(|p| p.id()).collect();
                report.push(
                    Diagnostic::error(
                        "answer-the-parts",
                        file,
                        format!("question `{}` is answered in its parts", parent.id()),
                    )
                    .at(Some(qid.span()))
                    .help(format!(
                        "answer each part under its own id: {}",
                        parts.join(", ")
                    )),
                );
                continue;
            }
            let d = Diagnostic::error(
                "unknown-question",
                file,
                format!("unknown question id `{}`", qid.get_ref()),
            )
            .at(Some(qid.span()))
            .label("not a question of this questionnaire");
            let d = match did_you_mean(qid.get_ref(), ids.iter().copied()) {
                Some(s) => d.help(format!(
                    "did you mean `{s}`? The questions are {}",
                    ids.join(", ")
                )),
                None => d.help(format!("the questions are {}", ids.join(", "))),
            };
            report.push(d);
            continue;
        };
        let raw_span = raw.span();
        let RawAnswer {
            text,
            closing,
            action_lines,
            choice,
        } = raw.into_inner();
        // A shorthand `q1 = "..."` has no span of its own: use the answer's.
        let span_of = |t: &Spanned<String>| {
            if t.span() == (0..0) {
                raw_span.clone()
            } else {
                t.span()
            }
        };
        let qid = question.id();
        // An empty text is a question skipped, as the template says: no answer, no warning.
        let mut note = |slot: Slot, t: &Option<Spanned<String>>| {
            if let Some(t) = t.as_ref().filter(|t| !t.get_ref().trim().is_empty()) {
                spans.insert(SlotKey::new(qid, slot), span_of(t));
            }
        };
        note(Slot::Text, &text);
        if question.kind == AnswerKind::ActionLines {
            note(Slot::Closing, &closing);
        }
        let mut answer = Answer {
            text: non_empty(text),
            closing: None,
            lines: BTreeMap::new(),
            choice: None,
        };
        // An empty choice (`choice = ""`, as a template leaves it) is no answer yet.
        let choice = choice.filter(|c| c.get_ref().options().iter().any(|o| !o.trim().is_empty()));
        match (&choice, question.kind.is_choice()) {
            (Some(c), true) => match read_choice(question, c.get_ref()) {
                Ok(chosen) => {
                    spans.insert(SlotKey::new(qid, Slot::Choice), c.span());
                    answer.choice = Some(chosen);
                }
                Err(why) => report.push(
                    Diagnostic::error("bad-choice", file, why)
                        .at(Some(c.span()))
                        .help(format!("the options are: {}", question.options.join(", "))),
                ),
            },
            (Some(c), false) => report.push(
                Diagnostic::error(
                    "not-a-choice",
                    file,
                    format!("question `{qid}` takes text, not a choice"),
                )
                .at(Some(c.span()))
                .help("write the answer as `text`"),
            ),
            (None, _) => {}
        }
        match question.kind {
            AnswerKind::SingleChoice
            | AnswerKind::MultipleChoice
            | AnswerKind::YesNo
            | AnswerKind::Scale => {
                if let Some(extra) = action_lines
                    .as_ref()
                    .map(Spanned::span)
                    .or(closing.as_ref().map(Spanned::span))
                {
                    report.push(
                        Diagnostic::error(
                            "not-action-lines",
                            file,
                            format!("question `{qid}` is answered with `choice` and `text`"),
                        )
                        .at(Some(extra))
                        .help("move this text into `text`, the explanation of the choice"),
                    );
                }
            }
            AnswerKind::Text => {
                if let Some(lines) = &action_lines {
                    report.push(
                        Diagnostic::error(
                            "not-action-lines",
                            file,
                            format!(
                                "question `{}` takes free text, not action lines",
                                question.id()
                            ),
                        )
                        .at(Some(lines.span()))
                        .help(format!(
                            "write the answer as `text = \"\"\"...\"\"\"` under [answers.{}]",
                            question.id()
                        )),
                    );
                }
                if let Some(c) = &closing {
                    report.push(Diagnostic::error("not-action-lines", file, format!("question `{}` takes free text: `closing` is only for action-line questions", question.id()))
                        .at(Some(c.span()))
                        .help("move this text into `text`"));
                }
            }
            AnswerKind::ActionLines => {
                answer.closing = non_empty(closing);
                for (code, line_text) in action_lines.map(Spanned::into_inner).unwrap_or_default() {
                    if !questionnaire.has_code(code.get_ref()) {
                        let codes: Vec<String> =
                            questionnaire.codes().into_iter().map(|c| c.code).collect();
                        let d = Diagnostic::error(
                            "unknown-code",
                            file,
                            format!("unknown action line `{}`", code.get_ref()),
                        )
                        .at(Some(code.span()))
                        .label("not in the questionnaire's catalogue");
                        let d = match did_you_mean(code.get_ref(), codes.iter().map(String::as_str)) {
                            Some(s) => d.help(format!("did you mean `{s}`?")),
                            None => d.help(format!("the action lines are C1 to C11; sub-lines are written like `\"C7.e-health\"` ({})", codes.len())),
                        };
                        report.push(d);
                        continue;
                    }
                    spans.insert(
                        SlotKey::new(qid, Slot::Line(code.get_ref().clone())),
                        line_text.span(),
                    );
                    if let Some(t) = non_empty(Some(line_text)) {
                        answer.lines.insert(code.into_inner(), t);
                    }
                }
            }
        }
        if answer != Answer::default() {
            answers.insert(question.id().to_string(), answer);
        }
    }
    if report.error_count() > before {
        return None;
    }
    let org = Org {
        name,
        short_name: o.short_name.map(|s| s.into_inner().trim().to_string()),
        signs: o.signs,
        country: o.country,
        stakeholder: o.stakeholder,
        contact: o.contact,
        website: o.website,
        sort_as: o.sort_as,
        path: src.path.clone(),
        file: file.clone(),
        file_name: src
            .path
            .file_name()
            .map_or_else(String::new, |n| n.to_string_lossy().into_owned()),
        answers,
        spans,
        org_span: org_span.clone(),
        unplaced: input.unplaced.iter().map(Spanned::span).collect(),
        signoff: input.signoff.map(|s| Approval {
            text: s.text,
            date: s.date.map(|d| d.to_string()),
            covers: s.covers,
        }),
    };
    Some((org, Spanned::new(org_span, ())))
}

/// A choice as written in an input, checked against the question's options: the options, one
/// per line, as the questionnaire spells them; or why it is no answer to the question.
fn read_choice(question: &Question, choice: &Choice) -> Result<String, String> {
    let written = choice.options();
    let single = question.kind != AnswerKind::MultipleChoice;
    if written.is_empty() || written.iter().all(|o| o.trim().is_empty()) {
        return Err(format!("the choice for `{}` is empty", question.id()));
    }
    if single && written.len() > 1 {
        return Err(format!(
            "question `{}` takes one option, not {}",
            question.id(),
            written.len()
        ));
    }
    crate::draft::chosen(question, &written.join("\n")).map_err(|wrong| {
        let near = did_you_mean(&wrong, question.options.iter().map(String::as_str));
        match near {
            Some(n) => format!(
                "`{wrong}` is not an option of `{}`: did you mean `{n}`?",
                question.id()
            ),
            None => format!("`{wrong}` is not an option of `{}`", question.id()),
        }
    })
}

fn non_empty(text: Option<Spanned<String>>) -> Option<String> {
    let text = text.map(Spanned::into_inner)?;
    let trimmed = crate::text::trim_block(&text);
    match trimmed.len() {
        0 => None,
        n if n == text.len() => Some(text),
        _ => Some(trimmed.to_string()),
    }
}

/// Names and short names are one namespace (compared as [`name_key`] does): an organisation's
/// name may not be another's name or short name, or the merge could not tell their texts
/// apart. One pass with a map, so a large coalition costs no more than reading it.
fn check_duplicates(orgs: &[(Org, Spanned<()>)], report: &mut Report) {
    let mut taken: HashMap<String, usize> = HashMap::new();
    for (i, (a, span)) in orgs.iter().enumerate() {
        let own = std::iter::once(("name", &a.name))
            .chain(a.short_name.iter().map(|s| ("short name", s)));
        for (what, value) in own {
            let j = *taken.entry(name_key(value)).or_insert(i);
            if j == i {
                continue;
            }
            let b = &orgs[j].0;
            let theirs = match name_key(&b.name) == name_key(value) {
                true => format!("the name of `{}`", b.file.display()),
                false => format!("the short name of `{}`", b.file.display()),
            };
            report.push(
                Diagnostic::error(
                    "duplicate-organisation",
                    &a.file,
                    format!("the {what} `{value}` is also {theirs}"),
                )
                .at(Some(span.span()))
                .help(format!(
                    "one organisation, one input file: merge `{}` and `{}`, or give each organisation names of its own",
                    a.file.display(),
                    b.file.display()
                )),
            );
            break;
        }
    }
}

fn sort_in_merge_order(
    orgs: &mut [(Org, Spanned<()>)],
    config: &Config,
    config_file: &SourceFile,
    report: &mut Report,
) {
    let mut collator = Collator::new();
    orgs.sort_by(|(a, _), (b, _)| {
        collator
            .compare(&a.name, &b.name)
            .then_with(|| a.path.cmp(&b.path))
    });
    if let MergeOrder::Explicit(list) = &config.merge.order {
        let just_orgs: Vec<Org> = orgs.iter().map(|(o, _)| o.clone()).collect();
        let mut position: BTreeMap<PathBuf, usize> = BTreeMap::new();
        for (i, entry) in list.iter().enumerate() {
            match just_orgs.iter().find(|o| o.matches(entry.get_ref())) {
                Some(o) => {
                    position.entry(o.path.clone()).or_insert(i);
                }
                None if !just_orgs.is_empty() => report.push(unknown_org(
                    &config_file.display,
                    entry,
                    &just_orgs,
                    "organisation in the merge order",
                )),
                None => {}
            }
        }
        // Stable: the listed ones first in list order, the rest keep alphabetical order.
        orgs.sort_by_key(|(o, _)| position.get(&o.path).copied().unwrap_or(usize::MAX));
    }
}

fn unknown_org(file: &Path, query: &Spanned<String>, orgs: &[Org], what: &str) -> Diagnostic {
    let keys: Vec<&str> = orgs.iter().map(Org::key).collect();
    let d = Diagnostic::error(
        "unknown-organisation",
        file,
        format!("unknown {what} `{}`", query.get_ref()),
    )
    .at(Some(query.span()));
    match did_you_mean(query.get_ref(), keys.iter().copied()) {
        Some(s) => d.help(format!("did you mean `{s}`?")),
        None => d.help(format!(
            "use the short name or name of one of the inputs: {}",
            keys.join(", ")
        )),
    }
}
