//! `jointly check`'s warnings: what loads fine but deserves a look before the coalition signs.
//! (Errors are found as the project is read and checked: `load::project`.)

use std::collections::BTreeSet;
use std::ops::Range;
use std::path::Path;

use pulldown_cmark::{Event, Parser, Tag};

use crate::config;
use crate::diag::{Diagnostic, Report};
use crate::draft::{self, Slot, SlotKey};
use crate::markdown::{PARSER_OPTIONS, note_key};
use crate::merge::{self, Event as MergeEvent};
use crate::project::{Org, Project};
use crate::questionnaire::AnswerKind;

/// Every warning about a loaded project.
pub(crate) fn warnings(project: &Project) -> Report {
    let mut report = Report::new();
    for org in &project.orgs {
        org_warnings(project, org, &mut report);
    }
    action_line_gaps(project, &mut report);
    draft_warnings(project, &mut report);
    joint_text(project, &mut report);
    report
}

/// The joint text as it would be sent: every limit it goes over, a choice the organisations
/// made differently, and what the questionnaire requires that is missing.
fn joint_text(project: &Project, report: &mut Report) {
    use crate::submission::{Mode, Submission, joint_draft};
    let (draft, _) = joint_draft(project);
    let sub = Submission::build(project, &draft, Mode::Final);
    let file = if project.draft.is_some() {
        Path::new(draft::FILE_NAME)
    } else {
        Path::new(crate::config::FILE_NAME)
    };
    let over = |what: String, count: &str| {
        Diagnostic::warning("joint-over-limit", file, format!("the joint {what} is over its limit: {count}"))
            .help("shorten it in draft.toml (run `jointly merge` first if there is none); jointly never cuts text")
    };
    for section in &sub.sections {
        if section.over_limit {
            report.push(over(
                format!("section \"{}\"", section.title),
                &section.count,
            ));
        }
        for q in section
            .questions
            .iter()
            .flat_map(|q| std::iter::once(q).chain(&q.parts))
        {
            let own_limit = q.max_words.is_some() || q.max_chars.is_some();
            if q.over_limit && own_limit && q.answered {
                let label = q.label.trim_end_matches('.');
                report.push(over(format!("answer to {label} ({})", q.id), &q.count));
            }
        }
    }
    let texts = [
        ("summary", sub.summary.as_ref()),
        ("introduction", sub.introduction.as_ref()),
        ("closing", sub.closing.as_ref()),
    ];
    for (what, text) in texts
        .into_iter()
        .chain(sub.annexes.iter().map(|a| ("annex", Some(a))))
    {
        if let Some(t) = text.filter(|t| t.over_limit) {
            report.push(over(what.to_string(), &t.count));
        }
    }
    if sub.over_limit {
        report.push(over("submission as a whole".into(), &sub.count));
    }
    for (key, parts) in draft.choice_conflicts() {
        let choices: Vec<String> = parts
            .iter()
            .map(|p| format!("{} ({})", p.text.replace('\n', ", "), p.from.join(", ")))
            .collect();
        let first = if project.draft.is_some() {
            ""
        } else {
            "run `jointly merge`, then "
        };
        report.push(
            Diagnostic::error("choice-conflict", file, format!("the organisations chose differently in {}: {}", key.question, choices.join("; ")))
                .help(format!("{first}keep one [[questions.{}.choice]] part in draft.toml (set include = false on the others); until then the submission cannot be final", key.question)),
        );
    }
    for (what, required, given) in [
        (
            "summary",
            spec_required(&project.questionnaire.texts.summary),
            sub.summary.is_some(),
        ),
        (
            "introduction",
            spec_required(&project.questionnaire.texts.introduction),
            sub.introduction.is_some(),
        ),
        (
            "closing",
            spec_required(&project.questionnaire.texts.closing),
            sub.closing.is_some(),
        ),
    ] {
        if required && !given {
            report.push(
                Diagnostic::warning("missing-text", crate::config::FILE_NAME, format!("the questionnaire asks for a {what}, and the project has none"))
                    .help(format!("write it in a Markdown file and name it in jointly.toml: [texts] {what} = \"texts/{what}.md\"")),
            );
        }
    }
    for field in project
        .questionnaire
        .respondent
        .iter()
        .filter(|f| f.required)
    {
        if !project
            .respondent
            .iter()
            .any(|(id, _)| id == field.id.get_ref())
        {
            report.push(
                Diagnostic::warning(
                    "missing-respondent",
                    crate::config::FILE_NAME,
                    format!(
                        "the questionnaire asks for the respondent's {}",
                        field.label
                    ),
                )
                .help(format!(
                    "give it in jointly.toml: [respondent] {} = \"…\"",
                    field.id.get_ref()
                )),
            );
        }
    }
}

fn spec_required(spec: &Option<crate::questionnaire::TextSpec>) -> bool {
    spec.as_ref().is_some_and(|s| s.required)
}

fn org_warnings(project: &Project, org: &Org, report: &mut Report) {
    let file = &org.file;
    let source = project.warnings.source(file).unwrap_or("");
    if org.answers.is_empty() {
        report.push(
            Diagnostic::warning("no-answers", file, format!("`{}` has no answers yet", org.key()))
                .at(Some(org.org_span.clone()))
                .help(format!("fill in its answers (`jointly draft --org {}`), or remove the file if it was added by mistake", org.key())),
        );
    }
    if let Some(first) = org.unplaced.first() {
        let n = org.unplaced.len();
        report.push(
            Diagnostic::warning("unplaced-text", file, format!("{n} text{} from an import {} not placed in an answer", if n == 1 { "" } else { "s" }, if n == 1 { "is" } else { "are" }))
                .at(Some(first.clone()))
                .help("move each [[unplaced]] text into the answer it belongs to (or delete it), so it reaches the submission"),
        );
    }
    if org.signs && org.contact.as_deref().is_none_or(|c| c.trim().is_empty()) {
        report.push(
            Diagnostic::warning("no-contact", file, format!("signatory `{}` has no contact", org.key()))
                .at(Some(org.org_span.clone()))
                .help("add `contact = \"name@example.org\"` under [organisation]: the lead needs someone to ask for sign-off"),
        );
    }
    let codes = project.questionnaire.codes();
    for question in project.questionnaire.questions() {
        let Some(answer) = org.answers.get(question.id()) else {
            continue;
        };
        let mut texts: Vec<(Slot, &String)> = Vec::new();
        texts.extend(answer.text.iter().map(|t| (Slot::Text, t)));
        texts.extend(answer.lines.iter().map(|(c, t)| (Slot::Line(c.clone()), t)));
        texts.extend(answer.closing.iter().map(|t| (Slot::Closing, t)));
        let span_of = |slot: &Slot| {
            org.spans
                .get(&SlotKey::new(question.id(), slot.clone()))
                .cloned()
        };
        let m = crate::limits::measure_answer(
            question,
            &codes,
            answer.text.as_deref(),
            &answer.lines,
            answer.closing.as_deref(),
        );
        if m.is_over() {
            let mut over = Vec::new();
            if let Some(w) = m.words_over() {
                over.push(format!(
                    "{w} words over the limit of {}",
                    question.max_words.unwrap_or_default()
                ));
            }
            if let Some(c) = m.chars_over() {
                over.push(format!(
                    "{c} characters over the limit of {}",
                    question.max_chars.unwrap_or_default()
                ));
            }
            report.push(
                Diagnostic::warning(
                    "over-limit",
                    file,
                    format!(
                        "the answer to `{}` is {}",
                        question.id(),
                        over.join(" and ")
                    ),
                )
                .at(texts.first().and_then(|(s, _)| span_of(s)))
                .help(format!(
                    "shorten it ({}); jointly never cuts text",
                    m.describe(&crate::labels::Labels::english())
                )),
            );
        }
        for (slot, text) in &texts {
            markdown_warnings(file, source, span_of(slot), question.id(), text, report);
        }
    }
}

/// Raw HTML, headings and links without a target inside one answer text.
fn markdown_warnings(
    file: &Path,
    source: &str,
    span: Option<Range<usize>>,
    qid: &str,
    text: &str,
    report: &mut Report,
) {
    let mut html = None;
    let mut heading = None;
    let mut empty_link = None;
    let mut risky_link = None;
    let footnotes = crate::markdown::footnotes(text);
    let mut notes = Vec::new();
    let mut references = Vec::new();
    let mut text_run: Option<(String, Range<usize>)> = None;
    for (event, range) in Parser::new_ext(text, PARSER_OPTIONS).into_offset_iter() {
        match event {
            Event::Start(Tag::FootnoteDefinition(label)) => notes.push((label.to_string(), range)),
            // A reference to nothing is no reference to pulldown-cmark: it reads `[`, `^x`,
            // `]` as text. Runs of text are joined to find it.
            Event::Text(t) => match &mut text_run {
                Some((run, r)) if r.end == range.start => {
                    run.push_str(&t);
                    r.end = range.end;
                }
                _ => {
                    references.extend(
                        text_run
                            .take()
                            .and_then(|(run, r)| missing_note(text, &run, r)),
                    );
                    text_run = Some((t.to_string(), range));
                }
            },
            Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) => {
                if dest_url.trim().is_empty() {
                    empty_link.get_or_insert(range);
                } else if let Some(scheme) = crate::markdown::risky_scheme(&dest_url) {
                    risky_link.get_or_insert((scheme, range));
                }
            }
            Event::Html(_) | Event::InlineHtml(_) if html.is_none() => html = Some(range),
            Event::Start(Tag::Heading { .. }) if heading.is_none() => heading = Some(range),
            _ => {}
        }
    }
    let locate = |r: &Range<usize>| {
        locate(
            source,
            span.clone(),
            text[r.clone()].lines().next().unwrap_or("").trim(),
        )
    };
    if let Some(r) = html {
        report.push(
            Diagnostic::warning(
                "raw-html",
                file,
                format!("raw HTML in the answer to `{qid}`"),
            )
            .at(locate(&r))
            .label("shown as plain text in the submission")
            .help("use Markdown instead: **bold**, *italic*, [text](https://...), - lists"),
        );
    }
    if let Some(r) = heading {
        report.push(
            Diagnostic::warning("heading-in-answer", file, format!("a heading inside the answer to `{qid}`"))
                .at(locate(&r))
                .label("printed as a bold paragraph")
                .help("the submission's headings are its sections and questions; start the line with **bold text** instead of #"),
        );
    }
    if let Some((label, r)) = notes
        .iter()
        .find(|(l, _)| !footnotes.contains(&*note_key(l)))
    {
        report.push(
            Diagnostic::warning(
                "unused-footnote",
                file,
                format!("a footnote nothing refers to in the answer to `{qid}`"),
            )
            .at(locate(r))
            .label("printed as written in the Word file; Markdown readers drop it")
            .help(format!(
                "put [^{label}] where the note belongs in the text, or delete the note"
            )),
        );
    }
    references.extend(text_run.and_then(|(run, r)| missing_note(text, &run, r)));
    if let Some((label, r)) = references.first() {
        report.push(
            Diagnostic::warning(
                "missing-footnote",
                file,
                format!("a reference to a footnote that does not exist in the answer to `{qid}`"),
            )
            .at(locate(r))
            .label("printed as written")
            .help(format!(
                "add the note at the end of the answer, `[^{label}]: …`, or delete the reference"
            )),
        );
    }
    if let Some((scheme, r)) = risky_link {
        report.push(
            Diagnostic::warning(
                "risky-link",
                file,
                format!("a `{scheme}:` link in the answer to `{qid}`"),
            )
            .at(locate(&r))
            .label("shown as text, not as a link")
            .help("such links run code or open the reader's own files: link to a web page instead"),
        );
    }
    if let Some(r) = empty_link {
        report.push(
            Diagnostic::warning(
                "empty-link",
                file,
                format!("a link without an address in the answer to `{qid}`"),
            )
            .at(locate(&r))
            .help("put the address between the brackets: [text](https://example.org)"),
        );
    }
}

/// The first `[^label]` in a run of text (what a footnote reference to nothing reads as), and
/// where it is in `source`, which the run was read from at `range`.
fn missing_note(source: &str, run: &str, range: Range<usize>) -> Option<(String, Range<usize>)> {
    let start = run.find("[^")?;
    let label = &run[start + 2..];
    let label = &label[..label.find(']')?];
    if label.is_empty() || label.contains('[') {
        return None;
    }
    let written = format!("[^{label}]");
    let at = range.start + source.get(range)?.find(&written)?;
    Some((label.to_string(), at..at + written.len()))
}

/// The place of `needle` inside the value at `span`, or the value's start.
fn locate(source: &str, span: Option<Range<usize>>, needle: &str) -> Option<Range<usize>> {
    let span = span?;
    let value = source.get(span.clone())?;
    match value.find(needle).filter(|_| !needle.is_empty()) {
        Some(i) => Some(span.start + i..span.start + i + needle.len()),
        None => Some(span.start..span.start + 1),
    }
}

/// Action-line questions where some lines are answered and others by nobody.
fn action_line_gaps(project: &Project, report: &mut Report) {
    let q = &project.questionnaire;
    let main_codes: Vec<String> = q
        .catalogue
        .iter()
        .map(|e| e.code.get_ref().clone())
        .collect();
    let mut gaps = Vec::new();
    for question in q.questions().filter(|x| x.kind == AnswerKind::ActionLines) {
        let answered_set: BTreeSet<String> = project
            .orgs
            .iter()
            .filter_map(|o| o.answers.get(question.id()))
            .flat_map(|a| {
                a.lines
                    .keys()
                    .map(|c| c.split('.').next().unwrap_or(c).to_string())
            })
            .collect();
        if answered_set.is_empty() {
            continue;
        }
        // In catalogue order, not string order (C2 before C10).
        let missing: Vec<&String> = (main_codes.iter())
            .filter(|c| !answered_set.contains(*c))
            .collect();
        if !missing.is_empty() {
            let codes = missing
                .iter()
                .map(|s| s.as_str())
                .collect::<Vec<_>>()
                .join(", ");
            gaps.push(format!("{codes} in `{}`", question.id()));
        }
    }
    // Most coalitions leave most action lines to others: worth knowing, nothing to fix.
    if !gaps.is_empty() {
        report.push(
            Diagnostic::note(
                "unanswered-action-line",
                config::FILE_NAME,
                format!("no organisation answers {}", gaps.join("; ")),
            )
            .help("fine if the coalition has nothing to say on them; otherwise ask who could write a line"),
        );
    }
}

/// A draft behind its inputs, and conflicts left in it.
fn draft_warnings(project: &Project, report: &mut Report) {
    let Some(draft) = &project.draft else { return };
    let outcome = merge::merge(&merge::contributions(project), draft);
    if outcome.draft != *draft {
        let mut changed: BTreeSet<String> = BTreeSet::new();
        for e in &outcome.events {
            let orgs: Vec<String> = match e {
                MergeEvent::Added { from, .. } | MergeEvent::Updated { from, .. } => from.clone(),
                MergeEvent::Joined { orgs, .. } | MergeEvent::Conflict { orgs, .. } => orgs.clone(),
                MergeEvent::Withdrawn { org, .. } | MergeEvent::WithdrawnFromEdited { org, .. } => {
                    vec![org.clone()]
                }
            };
            for o in orgs {
                let file = project
                    .orgs
                    .iter()
                    .find(|x| x.key() == o)
                    .map_or(o.clone(), |x| x.file.display().to_string());
                changed.insert(file);
            }
        }
        report.push(
            Diagnostic::warning(
                "stale-draft",
                draft::FILE_NAME,
                match changed.is_empty() {
                    // Nothing an input says changed: a setting did (a label, a name).
                    true => "draft.toml is older than the project's settings (a label, the language or an organisation's name changed since the last merge)".to_string(),
                    false => format!(
                        "draft.toml is older than inputs that changed since the last merge: {}",
                        changed.into_iter().collect::<Vec<_>>().join(", ")
                    ),
                },
            )
            .help("run `jointly merge` to bring the changes in (your edits to the draft are kept)"),
        );
    }
    let conflicts: Vec<String> = draft.conflicts().map(|(k, _)| k.to_string()).collect();
    if !conflicts.is_empty() {
        report.push(
            Diagnostic::warning("conflict", draft::FILE_NAME, format!("{} unresolved conflict{} in {}", conflicts.len(), if conflicts.len() == 1 { "" } else { "s" }, conflicts.join(", ")))
                .help("look for `conflict = true` in draft.toml: fold the two versions into one part and delete the other"),
        );
    }
}
