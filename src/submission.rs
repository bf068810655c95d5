//! The submission: everything that ends up in the final document, in reading order. It is the
//! one context every renderer takes (Markdown, Word), built from the project and the draft.

use std::borrow::Cow;
use std::collections::HashMap;

use serde::Serialize;

use crate::answer;
use crate::collate::Collator;
use crate::config::Unanswered;
use crate::draft::{Draft, Part, Slot};
use crate::labels::Labels;
use crate::limits::Measure;
use crate::markdown::Count;
use crate::merge;
use crate::project::{Org, Project};
use crate::questionnaire::{AnswerKind, Code, Link, Question, TextSpec};

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
    /// The coalition's executive summary, first.
    pub summary: Option<OwnTextView>,
    /// Its introduction or cover letter, before the answers.
    pub introduction: Option<OwnTextView>,
    /// Its closing or contact block, after the answers.
    pub closing: Option<OwnTextView>,
    /// Its annexes, last.
    pub annexes: Vec<OwnTextView>,
    /// The details about the respondent the questionnaire asks for.
    pub respondent: Vec<FieldView>,
    /// The whole submission measured against the questionnaire's overall limits.
    pub count: String,
    /// True when the whole submission is over a limit.
    pub over_limit: bool,
    /// The submission's language, a BCP 47 tag.
    pub language: String,
    /// True when the language is written right to left.
    pub right_to_left: bool,
    /// Every word jointly itself writes, in the submission's language.
    pub labels: Labels,
}

/// One of the coalition's own texts.
#[derive(Debug, Clone, Serialize)]
pub struct OwnTextView {
    /// Its heading; none for a closing block the questionnaire does not title.
    pub title: Option<String>,
    /// The text, cleaned.
    pub markdown: String,
    /// Measured against its limits.
    pub count: String,
    /// True when over a limit.
    pub over_limit: bool,
    /// What was counted, for the whole submission.
    #[serde(skip)]
    pub(crate) measured: Count,
}

/// One detail about the respondent.
#[derive(Debug, Clone, Serialize)]
pub struct FieldView {
    /// The question, as the form words it.
    pub label: String,
    /// The answer.
    pub value: String,
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
    /// The section's answers measured against its limits.
    pub count: String,
    /// True when the section is over a limit.
    pub over_limit: bool,
}

/// A question and its joint answer.
#[derive(Debug, Clone, Serialize)]
pub struct QuestionView {
    /// Id (`q1`, `q3a`).
    pub id: String,
    /// Number (a part has its question's).
    pub number: u32,
    /// "3." for a question, "3(a)" for a part.
    pub label: String,
    /// The question, verbatim.
    pub text: String,
    /// Links under the question.
    pub links: Vec<Link>,
    /// `text`, `action-lines`, `single-choice`, `multiple-choice`, `yes-no` or `scale`.
    pub kind: &'static str,
    /// The parts of a question that has them, each answered on its own.
    pub parts: Vec<QuestionView>,
    /// For a choice question, its options and those chosen.
    pub choice: Option<ChoiceView>,
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
    /// True when the answer (or one of its parts) is over a limit.
    pub over_limit: bool,
    /// The whole answer counted as it is pasted (the choice too), for sections and the whole.
    #[serde(skip)]
    pub(crate) measured: Count,
    /// The bullet the action-line list uses in Markdown: one that neither the text before it
    /// nor the text after it uses for a list there, so CommonMark keeps them three lists.
    pub bullet: char,
}

/// A choice question's answer.
#[derive(Debug, Clone, Serialize)]
pub struct ChoiceView {
    /// Every option, in the questionnaire's order, ticked or not.
    pub options: Vec<OptionView>,
    /// The options chosen, joined by semicolons: "Agree", "Option A; Option B".
    pub answer: String,
    /// True when included parts chose differently: a conflict for the lead to resolve.
    pub disagreement: bool,
}

/// One option of a choice question.
#[derive(Debug, Clone, Serialize)]
pub struct OptionView {
    /// As the questionnaire words it.
    pub text: String,
    /// True when chosen.
    pub chosen: bool,
    /// Who chose it.
    pub from: Vec<String>,
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
    /// Who wrote it, as the review copy credits it: "from ADC, KRCN; edited by the lead".
    pub credit: String,
    /// The author of its Word comment: its first contributor.
    pub author: String,
    /// Its Word comment: the full name, who else sent it, whether the lead edited it.
    pub comment: String,
    /// For a newer version that conflicts with the lead's edit, the warning that says so.
    pub conflict: Option<String>,
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
        let labels = project.config.labels(q);
        let language = project.config.language(q).to_string();
        let codes = q.codes();
        let unanswered = project.config.output.unanswered;
        let mut sections = Vec::new();
        let mut total = Count::default();
        let credits = Credits::new(
            &labels,
            &project.orgs,
            project.config.output.smart_punctuation,
        );
        for section in &q.sections {
            let questions: Vec<QuestionView> = section
                .questions
                .iter()
                .filter_map(|question| question_view(question, draft, &codes, unanswered, &credits))
                .collect();
            let counted = questions
                .iter()
                .fold(Count::default(), |c, v| c.and(v.measured));
            let measure = Measure::new(counted, section.max_words, section.max_chars);
            total = total.and(counted);
            if !questions.is_empty() || unanswered != Unanswered::Omit {
                sections.push(SectionView {
                    title: section.title.to_string(),
                    questions,
                    count: measure.describe(&labels),
                    over_limit: measure.is_over(),
                });
            }
        }
        let smart = project.config.output.smart_punctuation;
        let specs = &q.texts;
        let own = &project.texts;
        let summary = own_text(
            own.summary.as_deref(),
            specs.summary.as_ref(),
            Some(&labels.executive_summary),
            "summary",
            &labels,
            smart,
        );
        let introduction = own_text(
            own.introduction.as_deref(),
            specs.introduction.as_ref(),
            Some(&labels.introduction),
            "introduction",
            &labels,
            smart,
        );
        let closing = own_text(
            own.closing.as_deref(),
            specs.closing.as_ref(),
            None,
            "closing",
            &labels,
            smart,
        );
        let annexes: Vec<OwnTextView> = (own.annexes.iter().enumerate())
            .filter_map(|(i, (name, text))| annex(i + 1, name, text, &labels, smart))
            .collect();
        for text in [&summary, &introduction, &closing]
            .into_iter()
            .flatten()
            .chain(&annexes)
        {
            total = total.and(text.measured);
        }
        let whole = Measure::new(total, q.max_words, q.max_chars);
        let respondent = (project.respondent.iter())
            .filter_map(|(id, value)| {
                let field = q.respondent.iter().find(|f| f.id.get_ref() == id)?;
                Some(FieldView {
                    label: field.label.to_string(),
                    value: value.clone(),
                })
            })
            .collect();
        Submission {
            title: project.title().to_string(),
            questionnaire: QuestionnaireInfo {
                id: q.id.clone(),
                title: q.title.to_string(),
                issuer: q.issuer.as_ref().map(ToString::to_string),
                url: q.url.clone(),
            },
            lead: project.lead.map(|i| project.orgs[i].display_name()),
            signatories: signatories(&project.orgs, &language),
            sections,
            unanswered,
            notice: (mode != Mode::Final).then(|| labels.draft_notice.clone()),
            review: mode == Mode::Review,
            excluded: excluded(project, draft, &labels),
            summary,
            introduction,
            closing,
            annexes,
            respondent,
            count: whole.describe(&labels),
            over_limit: whole.is_over(),
            right_to_left: crate::labels::is_right_to_left(&language),
            language,
            labels,
        }
    }
}

/// One of the coalition's own texts, cleaned and measured; `None` when it has no words.
fn own_text(
    text: Option<&str>,
    spec: Option<&TextSpec>,
    default_title: Option<&str>,
    prefix: &str,
    labels: &Labels,
    smart: bool,
) -> Option<OwnTextView> {
    let text = text.filter(|t| !t.trim().is_empty())?;
    let cleaned = punctuated(answer::clean(text, prefix), smart);
    let (max_words, max_chars) = spec.map_or((None, None), |s| (s.max_words, s.max_chars));
    let measure = Measure::of(&cleaned.markdown, max_words, max_chars);
    let title = spec
        .and_then(|s| s.title.as_ref().map(ToString::to_string))
        .or(default_title.map(str::to_string));
    Some(OwnTextView {
        title,
        markdown: cleaned.markdown,
        count: measure.describe(labels),
        over_limit: measure.is_over(),
        measured: measure.count(),
    })
}

/// An annex: "Annex 1: …", titled by its first line when that is a heading, else by its
/// file's name.
fn annex(n: usize, name: &str, text: &str, labels: &Labels, smart: bool) -> Option<OwnTextView> {
    let (title, body) = match text.trim_start().strip_prefix("# ") {
        Some(rest) => {
            let (first, body) = rest.split_once('\n').unwrap_or((rest, ""));
            (first.trim().to_string(), body)
        }
        None => (name.replace(['-', '_'], " "), text),
    };
    let mut view = own_text(Some(body), None, None, &format!("annex{n}"), labels, smart)?;
    view.title = Some(labels.annex_title(n, &title));
    Some(view)
}

/// One question (or part) as the templates see it; `None` when unanswered and left out.
fn question_view(
    question: &Question,
    draft: &Draft,
    codes: &[Code],
    unanswered: Unanswered,
    credits: &Credits,
) -> Option<QuestionView> {
    let labels = credits.labels;
    if !question.parts.is_empty() {
        return parent_view(question, draft, codes, unanswered, credits);
    }
    let id = question.id();
    let body = block(draft.parts(id, Slot::Text), &format!("{id}-t"), credits);
    let closing = block(draft.parts(id, Slot::Closing), &format!("{id}-c"), credits);
    let lines: Vec<LineView> = if question.kind == AnswerKind::ActionLines {
        codes
            .iter()
            .filter_map(|c| {
                let b = block(
                    draft.parts(id, Slot::Line(c.code.clone())),
                    &format!("{id}-{}", c.code.replace('.', "-")),
                    credits,
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
    let choice = question
        .kind
        .is_choice()
        .then(|| choice_view(question, draft.parts(id, Slot::Choice)));
    let chosen = choice
        .as_ref()
        .is_some_and(|c| c.options.iter().any(|o| o.chosen));
    let answered =
        chosen || !body.parts.is_empty() || !closing.parts.is_empty() || !lines.is_empty();
    if !answered && unanswered == Unanswered::Omit {
        return None;
    }
    let line_codes: Vec<(&Code, &str)> = (lines.iter())
        .filter_map(|l| {
            Some((
                codes.iter().find(|c| c.code == l.code)?,
                l.block.markdown.as_str(),
            ))
        })
        .collect();
    // Measured as it is pasted; a choice's limits are its explanation's.
    let pasted =
        crate::limits::as_pasted(Some(&body.markdown), line_codes, Some(&closing.markdown));
    let measure = Measure::of(&pasted, question.max_words, question.max_chars);
    let bullet = bullet_between(&body.markdown, &closing.markdown);
    Some(QuestionView {
        bullet,
        count: measure.describe(labels),
        over_limit: measure.is_over(),
        id: id.to_string(),
        number: question.number,
        label: question.display_label(),
        text: question.text.to_string(),
        links: question.links.clone(),
        kind: question.kind.as_str(),
        parts: Vec::new(),
        measured: match &choice {
            Some(c) if chosen => Count::of_text(&c.answer.replace(';', " ")).and(measure.count()),
            _ => measure.count(),
        },
        choice,
        answered,
        body,
        lines,
        closing,
        words: measure.words,
        max_words: question.max_words,
        max_chars: question.max_chars,
    })
}

/// A question with parts: its text, then each part with its answer. Its own limits, if any,
/// are for all its parts together.
fn parent_view(
    question: &Question,
    draft: &Draft,
    codes: &[Code],
    unanswered: Unanswered,
    credits: &Credits,
) -> Option<QuestionView> {
    let labels = credits.labels;
    let parts: Vec<QuestionView> = (question.parts.iter())
        .filter_map(|p| question_view(p, draft, codes, unanswered, credits))
        .collect();
    let answered = parts.iter().any(|p| p.answered);
    if !answered && unanswered == Unanswered::Omit {
        return None;
    }
    let counted = parts
        .iter()
        .fold(Count::default(), |c, p| c.and(p.measured));
    let measure = Measure::new(counted, question.max_words, question.max_chars);
    let empty = || block(&[], "", credits);
    Some(QuestionView {
        bullet: '-',
        count: measure.describe(labels),
        over_limit: measure.is_over() || parts.iter().any(|p| p.over_limit),
        id: question.id().to_string(),
        number: question.number,
        label: question.display_label(),
        text: question.text.to_string(),
        links: question.links.clone(),
        kind: question.kind.as_str(),
        parts,
        choice: None,
        measured: counted,
        answered,
        body: empty(),
        lines: Vec::new(),
        closing: empty(),
        words: measure.words,
        max_words: question.max_words,
        max_chars: question.max_chars,
    })
}

/// A choice question's options, ticked when an included part chose them.
fn choice_view(question: &Question, parts: &[Part]) -> ChoiceView {
    let included: Vec<&Part> = parts
        .iter()
        .filter(|p| p.include && !p.text.trim().is_empty())
        .collect();
    let options: Vec<OptionView> = (question.options.iter())
        .map(|option| {
            let choosing = included
                .iter()
                .filter(|p| p.text.lines().any(|l| l.trim() == option));
            let from: Vec<String> = choosing
                .clone()
                .flat_map(|p| p.from.iter().cloned())
                .collect();
            OptionView {
                text: option.clone(),
                chosen: choosing.count() > 0,
                from,
            }
        })
        .collect();
    let mut distinct: Vec<&str> = included.iter().map(|p| p.text.trim()).collect();
    distinct.sort_unstable();
    distinct.dedup();
    let answer: Vec<&str> = options
        .iter()
        .filter(|o| o.chosen)
        .map(|o| o.text.as_str())
        .collect();
    ChoiceView {
        answer: answer.join("; "),
        options,
        disagreement: distinct.len() > 1,
    }
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
fn excluded(project: &Project, draft: &Draft, labels: &Labels) -> Vec<ExcludedView> {
    let q = &project.questionnaire;
    let codes = q.codes();
    let mut out = Vec::new();
    for question in q.questions() {
        let id = question.id();
        let label = question.display_label();
        let label = label.trim_end_matches('.');
        let mut slots = vec![(Slot::Text, label.to_string())];
        slots.extend(
            codes
                .iter()
                .map(|c| (Slot::Line(c.code.clone()), format!("{label}, {}", c.code))),
        );
        slots.push((Slot::Closing, format!("{label}, {}", labels.closing)));
        slots.push((Slot::Choice, format!("{label}, {}", labels.choice)));
        for (slot, place) in slots {
            for (i, part) in draft
                .parts(id, slot)
                .iter()
                .enumerate()
                .filter(|(_, p)| !p.include)
            {
                let cleaned = answer::clean(&part.text, format_args!("{id}-x{}-{i}", out.len()));
                let cleaned = punctuated(cleaned, project.config.output.smart_punctuation);
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

/// An answer with typographic punctuation, when the project asks for it.
fn punctuated(mut cleaned: answer::Cleaned, smart: bool) -> answer::Cleaned {
    if smart && let Cow::Owned(text) = crate::markdown::typographic(&cleaned.markdown) {
        cleaned.markdown = text;
    }
    cleaned
}

/// Co-signers sorted by Unicode collation of `sort_as` or name, in the order of the
/// submission's language where the collator knows it.
pub fn signatories(orgs: &[Org], language: &str) -> Vec<Signatory> {
    let mut signing: Vec<&Org> = orgs.iter().filter(|o| o.signs).collect();
    let mut collator = Collator::for_language(language);
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

/// What the review copy says of who wrote a part.
struct Credits<'a> {
    labels: &'a Labels,
    orgs: &'a [Org],
    /// Each organisation's "Name (SHORT)", by the names a part credits it with: looked up once
    /// per part, so a large coalition costs no more than a small one per part.
    full_names: HashMap<&'a str, String>,
    /// Typographic punctuation in answers (`smart_punctuation`).
    smart: bool,
}

impl<'a> Credits<'a> {
    fn new(labels: &'a Labels, orgs: &'a [Org], smart: bool) -> Self {
        let mut full_names = HashMap::new();
        for org in orgs {
            let names = [
                Some(org.key()),
                Some(org.name.as_str()),
                org.short_name.as_deref(),
            ];
            for name in names.into_iter().flatten() {
                full_names.entry(name).or_insert_with(|| org.display_name());
            }
        }
        Credits {
            labels,
            orgs,
            full_names,
            smart,
        }
    }
}

impl Credits<'_> {
    /// The part's credit line in the Markdown ("from ADC, KRCN; edited by the lead"), its
    /// Word comment's author (the first contributor) and the comment's text, which says what
    /// the author field cannot: the full name, who else sent it, whether the lead edited it.
    fn of(&self, part: &Part) -> (String, String, String) {
        let labels = self.labels;
        let mut tag = labels.from_organisations(&part.from);
        let full = |key: &str| match self.full_names.get(key) {
            Some(name) => name.clone(),
            None => (self.orgs.iter())
                .find(|o| o.matches(key))
                .map_or_else(|| key.to_string(), Org::display_name),
        };
        let author = part.from.first().cloned().unwrap_or_default();
        let mut comment = vec![full(&author)];
        if part.from.len() > 1 {
            let others = part.from[1..].to_vec();
            comment.push(crate::labels::fill(
                &labels.also_from,
                &[("organisations", &others.join(", "))],
            ));
        }
        if part.is_edited() {
            tag = format!("{tag}{}{}", labels.separator, labels.edited);
            comment.push(labels.edited.clone());
        }
        (tag, author, comment.join(&labels.separator))
    }
}

fn block(parts: &[Part], prefix: &str, credits: &Credits) -> Block {
    let mut starts_with_paragraph = None;
    let parts: Vec<PartView> = parts
        .iter()
        .filter(|p| p.include && !p.text.trim().is_empty())
        .enumerate()
        .map(|(i, p)| {
            let cleaned = answer::clean(&p.text, format_args!("{prefix}{}", i + 1));
            let cleaned = punctuated(cleaned, credits.smart);
            starts_with_paragraph.get_or_insert(cleaned.starts_with_paragraph);
            let (credit, author, comment) = credits.of(p);
            let conflict = p.conflict.then(|| {
                let from = p.from.join(", ");
                crate::labels::fill(&credits.labels.conflict, &[("organisations", &from)])
            });
            PartView {
                from: p.from.clone(),
                markdown: cleaned.markdown,
                credit,
                author,
                comment,
                conflict,
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
