//! `jointly status`: organisations by questions (answered, words, over-limit), totals, the
//! joint text, and each co-signer's sign-off.

use std::collections::BTreeMap;
use std::path::Path;

use anstyle::{AnsiColor, Style};
use serde::Serialize;

use crate::cli::{ReportFormat, StatusArgs};
use crate::error::Error;
use crate::project::Project;
use crate::signoff::{ApprovedText, Standing, State, fingerprint, standings};
use crate::submission::{Mode, Submission, joint_draft};

/// The width the table keeps within.
const WIDTH: usize = 80;
const NAME: usize = 14;
/// A column's narrowest width: room for "1234!" and a space.
const CELL: usize = 6;

#[derive(Serialize)]
struct Cell {
    words: usize,
    over_limit: bool,
}

#[derive(Serialize)]
struct OrgRow {
    org: String,
    file: String,
    signs: bool,
    answers: BTreeMap<String, Cell>,
}

#[derive(Serialize)]
struct Status {
    questions: Vec<String>,
    organisations: Vec<OrgRow>,
    /// Organisations answering each question.
    answering: BTreeMap<String, usize>,
    /// Words of the joint text per question, against its limits.
    joint: BTreeMap<String, Cell>,
    fingerprint: String,
    signoff: Vec<Standing>,
    /// Conflicts the lead has still to resolve in draft.toml: the slot and who sent the newer
    /// text, or the organisations that chose differently.
    conflicts: Vec<String>,
}

pub(super) fn run(cwd: &Path, args: StatusArgs) -> Result<(), Error> {
    let project = super::load_project(cwd)?;
    let templates = crate::load::template_overrides(&project.root)?;
    let status = gather(&project, &templates)?;
    match args.format {
        ReportFormat::Json => super::say_json(&status),
        // anstream drops the colours when the output is not a terminal, or NO_COLOR is set.
        ReportFormat::Human => anstream::print!("{}", render(&status)),
    }
    Ok(())
}

fn gather(project: &Project, templates: &[(String, String)]) -> Result<Status, Error> {
    let q = &project.questionnaire;
    let codes = q.codes();
    let questions: Vec<String> = q.questions().map(|x| x.id().to_string()).collect();
    let organisations = project
        .orgs
        .iter()
        .map(|o| OrgRow {
            org: o.key().to_string(),
            file: o.file.display().to_string(),
            signs: o.signs,
            answers: q
                .questions()
                .filter_map(|question| {
                    let a = o.answers.get(question.id())?;
                    let m = crate::limits::measure_answer(
                        question,
                        &codes,
                        a.text.as_deref(),
                        &a.lines,
                        a.closing.as_deref(),
                    );
                    Some((
                        question.id().to_string(),
                        Cell {
                            words: m.words,
                            over_limit: m.is_over(),
                        },
                    ))
                })
                .collect(),
        })
        .collect::<Vec<_>>();
    let answering = questions
        .iter()
        .map(|id| {
            (
                id.clone(),
                organisations
                    .iter()
                    .filter(|o| o.answers.contains_key(id))
                    .count(),
            )
        })
        .collect();
    let (draft, _) = joint_draft(project);
    let sub = Submission::build(project, &draft, Mode::Final);
    let joint = sub
        .sections
        .iter()
        .flat_map(|s| s.questions.iter())
        .flat_map(|q| std::iter::once(q).chain(&q.parts))
        .map(|x| {
            (
                x.id.clone(),
                Cell {
                    words: x.words,
                    over_limit: x.over_limit,
                },
            )
        })
        .collect();
    let current = fingerprint(&sub, templates)?;
    let mut signoff = standings(project, &current);
    // For each stale approval whose text is kept, which questions changed since (the text's
    // pieces are made only when some approval is stale).
    let mut now = None;
    for standing in signoff.iter_mut().filter(|s| s.state == State::Stale) {
        let Some(approved) = &standing.approved else {
            continue;
        };
        if let Some(before) = crate::load::approved_text(&project.root, approved)? {
            let now = now.get_or_insert_with(|| ApprovedText::of(&sub, &current.text));
            standing.changed_pieces = before.changes(now).into_iter().map(|c| c.id).collect();
        }
    }
    let mut conflicts: Vec<String> = (draft.conflicts())
        .map(|(slot, part)| format!("{slot}: newer text from {}", part.from.join(", ")))
        .collect();
    conflicts.extend(draft.choice_conflicts().into_iter().map(|(slot, parts)| {
        let from: Vec<String> = parts.iter().flat_map(|p| p.from.iter().cloned()).collect();
        format!("{slot}: {} chose differently", from.join(", "))
    }));
    Ok(Status {
        conflicts,
        questions,
        organisations,
        answering,
        joint,
        signoff,
        fingerprint: current.text,
    })
}

const OVER: Style = AnsiColor::Red.on_default().bold();
const NONE: Style = Style::new().dimmed();
const OK: Style = AnsiColor::Green.on_default();
const HEAD: Style = Style::new().bold();

/// The table, in colour.
fn render(s: &Status) -> String {
    let paint = |text: String, style: Style| format!("{style}{text}{style:#}");
    // Every column as wide as the longest question id, so headers never run together.
    let cell_width = (s.questions.iter())
        .map(|q| q.chars().count() + 1)
        .max()
        .unwrap_or(0)
        .max(CELL);
    let cell = |c: Option<&Cell>| -> String {
        match c {
            None => paint(format!("{:>w$}", "·", w = cell_width), NONE),
            Some(c) if c.over_limit => paint(
                format!("{:>w$}", format!("{}!", c.words), w = cell_width),
                OVER,
            ),
            Some(c) => format!("{:>w$}", c.words, w = cell_width),
        }
    };
    let mut out = String::new();
    // As many question columns as fit in 80 columns; the rest wrap into another block.
    let per_block = ((WIDTH - NAME) / cell_width).max(1);
    for chunk in s.questions.chunks(per_block) {
        out.push_str(&paint(format!("{:<NAME$}", "words"), HEAD));
        for q in chunk {
            out.push_str(&paint(format!("{:>w$}", q, w = cell_width), HEAD));
        }
        out.push('\n');
        for o in &s.organisations {
            out.push_str(&format!("{:<NAME$}", truncate(&o.org, NAME - 1)));
            for q in chunk {
                out.push_str(&cell(o.answers.get(q)));
            }
            out.push('\n');
        }
        out.push_str(&format!("{:<NAME$}", "answering"));
        for q in chunk {
            let n = s.answering.get(q).copied().unwrap_or(0);
            out.push_str(&paint(
                format!("{n:>cell_width$}"),
                if n == 0 { NONE } else { Style::new() },
            ));
        }
        out.push('\n');
        out.push_str(&paint(format!("{:<NAME$}", "joint text"), HEAD));
        for q in chunk {
            out.push_str(&cell(s.joint.get(q).filter(|c| c.words > 0)));
        }
        out.push_str("\n\n");
    }
    out.push_str("· no answer   ! over the question's limit\n\n");
    if !s.conflicts.is_empty() {
        out.push_str(&paint(
            format!("Open conflicts in draft.toml ({}):\n", s.conflicts.len()),
            OVER,
        ));
        for c in &s.conflicts {
            out.push_str(&format!("  {}\n", truncate(c, WIDTH - 2)));
        }
        out.push_str("  Keep one version of each (look for `conflict = true`).\n\n");
    }
    out.push_str(&format!(
        "Sign-off of the current text ({}):\n",
        &s.fingerprint[..19]
    ));
    if s.signoff.is_empty() {
        out.push_str("  no co-signing organisations yet\n");
    }
    for st in &s.signoff {
        let (mark, kind) = match st.state {
            State::Approved => ("✓", OK),
            State::Stale => ("~", OVER),
            State::Pending => ("·", NONE),
        };
        let date = st
            .date
            .as_deref()
            .map(|d| format!(" on {d}"))
            .unwrap_or_default();
        out.push_str(&format!(
            "  {} {:<NAME$} {}{date}\n",
            paint(mark.to_string(), kind),
            truncate(&st.org, NAME),
            st.state.describe()
        ));
        if !st.changed.is_empty() {
            out.push_str(&format!(
                "    {:<NAME$} changed since: {}\n",
                "",
                st.changed.join("; ")
            ));
        }
        if !st.changed_pieces.is_empty() {
            out.push_str(&format!(
                "    {:<NAME$} in: {} (`jointly diff --since {}`)\n",
                "",
                truncate(&st.changed_pieces.join(", "), WIDTH - NAME - 30),
                truncate(&st.org, NAME)
            ));
        }
    }
    let approved = s
        .signoff
        .iter()
        .filter(|x| x.state == State::Approved)
        .count();
    out.push_str(&format!(
        "{approved} of {} co-signers approved the current text.\n",
        s.signoff.len()
    ));
    out
}

/// A name for a cell of the table: shown safely (see `diag::terminal_safe`), cut to `max`.
fn truncate(s: &str, max: usize) -> String {
    let s = crate::diag::terminal_safe(s);
    if s.chars().count() <= max {
        s.to_string()
    } else {
        format!("{}…", s.chars().take(max - 1).collect::<String>())
    }
}
