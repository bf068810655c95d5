//! What the templates see: the [`Submission`], field by field, looked up as the template asks.
//!
//! Handing minijinja the submission through serde copies every string of it into minijinja's
//! own values first. At 1,000 organisations that is 20,000 contributions with their names
//! (100,000 allocations, half the Markdown's time), most of which a template never reads: the
//! working copy prints each block's joined text, not its parts. Here the submission, its
//! sections, questions, action lines, blocks and parts are minijinja objects that read the
//! shared submission only when a template asks for a field; the small rest (the questionnaire,
//! signatories, links, left-out parts) goes through serde when it is read. The variables are
//! exactly the serde ones, in the same order (a test holds the two equal), so the README's
//! description of them stays true and custom templates keep working.

use std::fmt;
use std::sync::Arc;

use minijinja::Value;
use minijinja::value::{Enumerator, Object, ObjectRepr, Serde};

use crate::submission::{Block, LineView, QuestionView, SectionView, Submission};

/// The template context for `submission`.
pub fn of(submission: &Arc<Submission>) -> Value {
    let sub = submission.clone();
    record(SUBMISSION, move |key| {
        Some(match key {
            "title" => Value::from(&sub.title),
            "questionnaire" => Value::from(Serde(&sub.questionnaire)),
            "lead" => Value::from(sub.lead.as_deref()),
            "signatories" => Value::from(Serde(&sub.signatories)),
            "sections" => {
                let sub = sub.clone();
                list(sub.sections.len(), move |s| section(&sub, s))
            }
            "unanswered" => Value::from(Serde(&sub.unanswered)),
            "notice" => Value::from(sub.notice.as_deref()),
            "review" => Value::from(sub.review),
            "excluded" => Value::from(Serde(&sub.excluded)),
            _ => return None,
        })
    })
}

// The fields of each record, in the order serde writes them.
const SUBMISSION: &[&str] = &[
    "title",
    "questionnaire",
    "lead",
    "signatories",
    "sections",
    "unanswered",
    "notice",
    "review",
    "excluded",
];
const SECTION: &[&str] = &["title", "questions"];
const QUESTION: &[&str] = &[
    "id",
    "number",
    "text",
    "links",
    "kind",
    "answered",
    "body",
    "lines",
    "closing",
    "words",
    "max_words",
    "max_chars",
    "count",
    "over_limit",
    "bullet",
];
const LINE: &[&str] = &["code", "display", "label", "title", "block"];
const BLOCK: &[&str] = &["parts", "markdown", "starts_with_paragraph"];
const PART: &[&str] = &["from", "markdown"];

fn section(sub: &Arc<Submission>, s: usize) -> Value {
    let sub = sub.clone();
    let at = find(move |sub: &Submission| -> &SectionView { &sub.sections[s] });
    record(SECTION, move |key| {
        Some(match key {
            "title" => Value::from(&at(&sub).title),
            "questions" => {
                let sub = sub.clone();
                list(at(&sub).questions.len(), move |q| question(&sub, s, q))
            }
            _ => return None,
        })
    })
}

fn question(sub: &Arc<Submission>, s: usize, q: usize) -> Value {
    let sub = sub.clone();
    let at = find(move |sub: &Submission| -> &QuestionView { &sub.sections[s].questions[q] });
    record(QUESTION, move |key| {
        let view = at(&sub);
        Some(match key {
            "id" => Value::from(&view.id),
            "number" => Value::from(view.number),
            "text" => Value::from(&view.text),
            "links" => Value::from(Serde(&view.links)),
            "kind" => Value::from(view.kind),
            "answered" => Value::from(view.answered),
            "body" => block(&sub, move |sub| &at(sub).body),
            "lines" => {
                let sub = sub.clone();
                list(view.lines.len(), move |l| {
                    line(&sub, move |sub| &at(sub).lines[l])
                })
            }
            "closing" => block(&sub, move |sub| &at(sub).closing),
            "words" => Value::from(view.words),
            "max_words" => Value::from(view.max_words),
            "max_chars" => Value::from(view.max_chars),
            "count" => Value::from(&view.count),
            "over_limit" => Value::from(view.over_limit),
            "bullet" => Value::from(view.bullet),
            _ => return None,
        })
    })
}

/// Where a value is in the submission (its indices are captured).
trait Find<T: ?Sized>: Fn(&Submission) -> &T + Copy + Send + Sync + 'static {}
impl<T: ?Sized, F: Fn(&Submission) -> &T + Copy + Send + Sync + 'static> Find<T> for F {}

/// `at`, with the lifetimes of a [`Find`] (a closure's own would tie them to one call).
fn find<T: ?Sized>(at: impl Find<T>) -> impl Find<T> {
    at
}

fn line(sub: &Arc<Submission>, at: impl Find<LineView>) -> Value {
    let sub = sub.clone();
    record(LINE, move |key| {
        let view = at(&sub);
        Some(match key {
            "code" => Value::from(&view.code),
            "display" => Value::from(&view.display),
            "label" => Value::from(&view.label),
            "title" => Value::from(&view.title),
            "block" => block(&sub, move |sub| &at(sub).block),
            _ => return None,
        })
    })
}

fn block(sub: &Arc<Submission>, at: impl Find<Block>) -> Value {
    let sub = sub.clone();
    record(BLOCK, move |key| {
        let view = at(&sub);
        Some(match key {
            "parts" => {
                let sub = sub.clone();
                list(view.parts.len(), move |p| {
                    let sub = sub.clone();
                    record(PART, move |key| {
                        let part = &at(&sub).parts[p];
                        Some(match key {
                            "from" => Value::from(Serde(&part.from)),
                            "markdown" => Value::from(&part.markdown),
                            _ => return None,
                        })
                    })
                })
            }
            "markdown" => Value::from(&view.markdown),
            "starts_with_paragraph" => Value::from(view.starts_with_paragraph),
            _ => return None,
        })
    })
}

/// A record: its fields, and the value of each, made when a template reads it.
fn record(
    fields: &'static [&'static str],
    get: impl Fn(&str) -> Option<Value> + Send + Sync + 'static,
) -> Value {
    Value::from_object(Record {
        fields,
        get: Box::new(get),
    })
}

/// A list of `len` items, each made when a template reads it.
fn list(len: usize, item: impl Fn(usize) -> Value + Send + Sync + 'static) -> Value {
    Value::from_object(List {
        len,
        item: Box::new(item),
    })
}

/// Makes the value of a field, `None` for a field the record does not have.
type Field = dyn Fn(&str) -> Option<Value> + Send + Sync;

struct Record {
    fields: &'static [&'static str],
    get: Box<Field>,
}

impl fmt::Debug for Record {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Record")
            .field("fields", &self.fields)
            .finish()
    }
}

impl Object for Record {
    fn get_value(self: &Arc<Self>, key: &Value) -> Option<Value> {
        (self.get)(key.as_str()?)
    }

    fn get_value_by_str(self: &Arc<Self>, key: &str) -> Option<Value> {
        (self.get)(key)
    }

    fn enumerate(self: &Arc<Self>) -> Enumerator {
        Enumerator::Str(self.fields)
    }
}

struct List {
    len: usize,
    item: Box<dyn Fn(usize) -> Value + Send + Sync>,
}

impl fmt::Debug for List {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("List").field("len", &self.len).finish()
    }
}

impl Object for List {
    fn repr(self: &Arc<Self>) -> ObjectRepr {
        ObjectRepr::Seq
    }

    fn get_value(self: &Arc<Self>, key: &Value) -> Option<Value> {
        let i = key.as_usize()?;
        (i < self.len).then(|| (self.item)(i))
    }

    fn enumerate(self: &Arc<Self>) -> Enumerator {
        Enumerator::Seq(self.len)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::submission::Mode;

    /// The context holds exactly what serde makes of the submission: every field, every value.
    #[test]
    fn context_equals_the_serialized_submission() {
        let synth = tempfile::tempdir().unwrap();
        crate::synth::write_project(synth.path(), 12).unwrap();
        let example = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/wsis20");
        for root in [example.as_path(), synth.path()] {
            let project = crate::project::Project::load(root).unwrap();
            let (mut draft, _) = crate::submission::joint_draft(&project);
            // One part left out, for the review copy's annex.
            draft.slots.values_mut().next().unwrap()[0].include = false;
            for mode in [Mode::Draft, Mode::Review, Mode::Final] {
                let sub = Arc::new(Submission::build(&project, &draft, mode));
                let lazy = serde_json::to_value(of(&sub)).unwrap();
                let serde = serde_json::to_value(Value::from(Serde(&*sub))).unwrap();
                assert_eq!(lazy, serde, "{} {mode:?}", root.display());
                // As minijinja prints them too: keys in the same order, `none` where serde has it.
                assert_eq!(
                    of(&sub).to_string(),
                    Value::from(Serde(&*sub)).to_string(),
                    "{} {mode:?}",
                    root.display()
                );
                // Not trivially: there are sections, lines, parts and their contributors.
                let text = lazy.to_string();
                for needle in [
                    "\"sections\"",
                    "\"lines\"",
                    "\"parts\"",
                    "\"from\"",
                    "\"place\"",
                ] {
                    assert!(text.contains(needle), "{needle} missing");
                }
            }
        }
    }
}
