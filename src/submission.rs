//! The submission: everything that ends up in the final document, in reading order. It is the
//! one context every renderer takes (Markdown, Word), built from the project and the draft.

use serde::Serialize;

use crate::answer;
use crate::collate::Collator;
use crate::config::Unanswered;
use crate::draft::{Draft, Part, Slot};
use crate::limits::Measure;
use crate::merge;
use crate::project::{Org, Project};
use crate::questionnaire::{AnswerKind, Code, Link, Question};

/// The joint submission, ready to render.
#[derive(Debug, Clone, Serialize)]
pub struct Submission {
    /// The title.
    pub title: String,
    /// The consultation answered.
    pub questionnaire: QuestionnaireInfo,
    /// The lead organisation's display name.
    pub lead: Option<String>,
    /// Co-signing organisations, in alphabetical (collation) order.
    pub signatories: Vec<Signatory>,
    /// Sections in order; with `unanswered = "omit"`, unanswered questions (and sections left
    /// empty) are already gone.
    pub sections: Vec<SectionView>,
    /// The policy for unanswered questions.
    pub unanswered: Unanswered,
    /// "Draft – not for submission" on every build but the final one.
    pub notice: Option<String>,
    /// True for the review copy: attributions, counts, flags and the annex are shown.
    pub review: bool,
    /// Contributions the lead left out (`include = false`), for the review copy's annex.
    pub excluded: Vec<ExcludedView>,
}

/// Which copy is being built.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// A working copy, marked as a draft.
    Draft,
    /// The copy the coalition comments on: who wrote what, counts, flags, left-out parts.
    Review,
    /// The approved text, for submission.
    Final,
}

/// A contribution the lead left out.
#[derive(Debug, Clone, Serialize)]
pub struct ExcludedView {
    /// Where it belonged: "3", "7, C2", "7, closing".
    pub place: String,
    /// Who sent it.
    pub from: Vec<String>,
    /// Its text, cleaned.
    pub markdown: String,
}

/// The questionnaire's identity.
#[derive(Debug, Clone, Serialize)]
pub struct QuestionnaireInfo {
    /// Short id.
    pub id: String,
    /// Title.
    pub title: String,
    /// Who runs the consultation.
    pub issuer: Option<String>,
    /// Where it is published.
    pub url: Option<String>,
}

/// One co-signer.
#[derive(Debug, Clone, Serialize)]
pub struct Signatory {
    /// Full name.
    pub name: String,
    /// Abbreviation.
    pub short_name: Option<String>,
    /// "Name (SHORT)".
    pub display: String,
}

/// A section with its questions.
#[derive(Debug, Clone, Serialize)]
pub struct SectionView {
    /// Heading.
    pub title: String,
    /// Questions in order.
    pub questions: Vec<QuestionView>,
}

/// A question and its joint answer.
#[derive(Debug, Clone, Serialize)]
pub struct QuestionView {
    /// Id (`q1`).
    pub id: String,
    /// Number.
    pub number: u32,
    /// The question, verbatim.
    pub text: String,
    /// Links under the question.
    pub links: Vec<Link>,
    /// `text` or `action-lines`.
    pub kind: &'static str,
    /// True when any included part answers it.
    pub answered: bool,
    /// The answer text (before the bullets, for action-line questions).
    pub body: Block,
    /// Action-line bullets in catalogue order.
    pub lines: Vec<LineView>,
    /// Text after the bullets.
    pub closing: Block,
    /// Words in the whole answer.
    pub words: usize,
    /// The question's word limit.
    pub max_words: Option<usize>,
    /// The question's character limit.
    pub max_chars: Option<usize>,
    /// "212 words, 1,340 characters (limit 200 words: 12 over)".
    pub count: String,
    /// True when the answer is over a limit.
    pub over_limit: bool,
    /// The bullet the action-line list uses in Markdown: one that neither the text before it
    /// nor the text after it uses for a list there, so CommonMark keeps them three lists.
    pub bullet: char,
}

/// Consecutive parts of one slot.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Block {
    /// The included parts, cleaned.
    pub parts: Vec<PartView>,
    /// All parts joined by blank lines.
    pub markdown: String,
    /// True when the block opens with a paragraph.
    pub starts_with_paragraph: bool,
}

impl Block {
    /// Everyone who contributed to the block's parts, each once, in order.
    pub fn contributors(&self) -> Vec<String> {
        let mut seen = std::collections::HashSet::new();
        (self.parts.iter())
            .flat_map(|part| &part.from)
            .filter(|org| seen.insert(org.as_str()))
            .cloned()
            .collect()
    }
}

/// One included part.
#[derive(Debug, Clone, Serialize)]
pub struct PartView {
    /// Contributors.
    pub from: Vec<String>,
    /// Cleaned Markdown.
    pub markdown: String,
}

/// One action-line bullet.
#[derive(Debug, Clone, Serialize)]
pub struct LineView {
    /// `C2`, `C7.e-health`.
    pub code: String,
    /// `C2`, `C7`: the code as printed.
    pub display: String,
    /// Short label.
    pub label: String,
    /// Official title.
    pub title: String,
    /// The text.
    pub block: Block,
}

/// The draft to render: `draft.toml` when there is one, else a fresh merge of the inputs.
/// The flag is true when `draft.toml` is behind the inputs (a merge would change it).
pub fn joint_draft(project: &Project) -> (Draft, bool) {
    let contributions = merge::contributions(project);
    match &project.draft {
        Some(draft) => {
            let stale = merge::merge(&contributions, draft).draft != *draft;
            (draft.clone(), stale)
        }
        None => (merge::merge(&contributions, &Draft::default()).draft, false),
    }
}

impl Submission {
    /// Builds the submission from a project and its draft.
    pub fn build(project: &Project, draft: &Draft, mode: Mode) -> Submission {
        let q = &project.questionnaire;
        let codes = q.codes();
        let unanswered = project.config.output.unanswered;
        let mut sections = Vec::new();
        for section in &q.sections {
            let questions: Vec<QuestionView> = section
                .questions
                .iter()
                .filter_map(|question| question_view(question, draft, &codes, unanswered))
                .collect();
            if !questions.is_empty() || unanswered != Unanswered::Omit {
                sections.push(SectionView {
                    title: section.title.clone(),
                    questions,
                });
            }
        }
        Submission {
            title: project.title().to_string(),
            questionnaire: QuestionnaireInfo {
                id: q.id.clone(),
                title: q.title.clone(),
                issuer: q.issuer.clone(),
                url: q.url.clone(),
            },
            lead: project.lead.map(|i| project.orgs[i].display_name()),
            signatories: signatories(&project.orgs),
            sections,
            unanswered,
            notice: (mode != Mode::Final).then(|| crate::labels::DRAFT_NOTICE.to_string()),
            review: mode == Mode::Review,
            excluded: excluded(project, draft),
        }
    }
}

/// One question as the templates see it; `None` when unanswered and left out.
fn question_view(
    question: &Question,
    draft: &Draft,
    codes: &[Code],
    unanswered: Unanswered,
) -> Option<QuestionView> {
    let id = question.id();
    let body = block(draft.parts(id, Slot::Text), &format!("{id}-t"));
    let closing = block(draft.parts(id, Slot::Closing), &format!("{id}-c"));
    let lines: Vec<LineView> = if question.kind == AnswerKind::ActionLines {
        codes
            .iter()
            .filter_map(|c| {
                let b = block(
                    draft.parts(id, Slot::Line(c.code.clone())),
                    &format!("{id}-{}", c.code.replace('.', "-")),
                );
                (!b.parts.is_empty()).then(|| LineView {
                    code: c.code.clone(),
                    display: c.display.clone(),
                    label: c.label.clone(),
                    title: c.title.clone(),
                    block: b,
                })
            })
            .collect()
    } else {
        Vec::new()
    };
    let answered = !body.parts.is_empty() || !closing.parts.is_empty() || !lines.is_empty();
    if !answered && unanswered == Unanswered::Omit {
        return None;
    }
    let all: Vec<&str> = std::iter::once(body.markdown.as_str())
        .chain(lines.iter().map(|l| l.block.markdown.as_str()))
        .chain(std::iter::once(closing.markdown.as_str()))
        .filter(|m| !m.is_empty())
        .collect();
    let measure = Measure::of(&all.join("\n\n"), question.max_words, question.max_chars);
    let words = measure.words;
    let bullet = bullet_between(&body.markdown, &closing.markdown);
    Some(QuestionView {
        bullet,
        count: measure.describe(),
        over_limit: measure.is_over(),
        id: id.to_string(),
        number: question.number,
        text: question.text.clone(),
        links: question.links.clone(),
        kind: match question.kind {
            AnswerKind::Text => "text",
            AnswerKind::ActionLines => "action-lines",
        },
        answered,
        body,
        lines,
        closing,
        words,
        max_words: question.max_words,
        max_chars: question.max_chars,
    })
}

/// A list bullet that differs from one ending `before` and one starting `after`: two lists
/// with the same bullet and only a blank line between them are one list in CommonMark.
fn bullet_between(before: &str, after: &str) -> char {
    let marker = |line: Option<&str>| {
        let t = line.unwrap_or("").trim_start();
        ['-', '*', '+']
            .into_iter()
            .find(|m| t.starts_with(*m) && t[1..].starts_with([' ', '\t']))
    };
    let (last, first) = (marker(before.lines().last()), marker(after.lines().next()));
    ['-', '*', '+']
        .into_iter()
        .find(|m| Some(*m) != last && Some(*m) != first)
        .unwrap_or('-')
}

/// Every part with `include = false`, in questionnaire order.
fn excluded(project: &Project, draft: &Draft) -> Vec<ExcludedView> {
    let q = &project.questionnaire;
    let codes = q.codes();
    let mut out = Vec::new();
    for question in q.questions() {
        let id = question.id();
        let mut slots = vec![(Slot::Text, question.number.to_string())];
        slots.extend(codes.iter().map(|c| {
            (
                Slot::Line(c.code.clone()),
                format!("{}, {}", question.number, c.code),
            )
        }));
        slots.push((Slot::Closing, format!("{}, closing", question.number)));
        for (slot, place) in slots {
            for (i, part) in draft
                .parts(id, slot)
                .iter()
                .enumerate()
                .filter(|(_, p)| !p.include)
            {
                let cleaned = answer::clean(&part.text, format_args!("{id}-x{}-{i}", out.len()));
                out.push(ExcludedView {
                    place: place.clone(),
                    from: part.from.clone(),
                    markdown: cleaned.markdown,
                });
            }
        }
    }
    out
}

/// Co-signers sorted by Unicode collation of `sort_as` or name.
pub fn signatories(orgs: &[Org]) -> Vec<Signatory> {
    let mut signing: Vec<&Org> = orgs.iter().filter(|o| o.signs).collect();
    let mut collator = Collator::new();
    signing.sort_by(|a, b| {
        let ka = a.sort_as.as_deref().unwrap_or(&a.name);
        let kb = b.sort_as.as_deref().unwrap_or(&b.name);
        collator
            .compare(ka, kb)
            .then_with(|| collator.compare(&a.name, &b.name))
    });
    signing
        .into_iter()
        .map(|o| Signatory {
            name: o.name.clone(),
            short_name: o.short_name.clone(),
            display: o.display_name(),
        })
        .collect()
}

fn block(parts: &[Part], prefix: &str) -> Block {
    let mut starts_with_paragraph = None;
    let parts: Vec<PartView> = parts
        .iter()
        .filter(|p| p.include && !p.text.trim().is_empty())
        .enumerate()
        .map(|(i, p)| {
            let cleaned = answer::clean(&p.text, format_args!("{prefix}{}", i + 1));
            starts_with_paragraph.get_or_insert(cleaned.starts_with_paragraph);
            PartView {
                from: p.from.clone(),
                markdown: cleaned.markdown,
            }
        })
        .collect();
    let markdown = parts
        .iter()
        .map(|p| p.markdown.as_str())
        .collect::<Vec<_>>()
        .join("\n\n");
    Block {
        parts,
        markdown,
        starts_with_paragraph: starts_with_paragraph.unwrap_or(false),
    }
}
