//! Plain text for web forms: no Markdown markup, lists as simple "- " lines, links written out,
//! footnotes numbered after each answer, and each answer's counts against its limits.

use crate::config::Unanswered;
use crate::labels::Labels;
use crate::markdown::to_text;
use crate::submission::{OwnTextView, QuestionView, Submission};

/// The whole submission as plain text.
pub fn render(sub: &Submission) -> String {
    render_with(sub, true)
}

/// The words that are sent, without the counts against limits that `render` adds for the
/// person pasting: what a sign-off fingerprints, so that a changed limit does not make
/// approvals stale.
pub(crate) fn sent_words(sub: &Submission) -> String {
    render_with(sub, false)
}

fn render_with(sub: &Submission, counts: bool) -> String {
    let mut out = String::new();
    out.push_str(&format!("{}\n", sub.title));
    if let Some(n) = &sub.notice {
        out.push_str(&format!("{n}\n"));
    }
    let labels = &sub.labels;
    out.push_str(&format!("\n{}\n", labels.signatories_intro));
    for s in &sub.signatories {
        out.push_str(&format!("- {}\n", s.display));
    }
    if !sub.respondent.is_empty() {
        out.push_str(&format!("\n\n{}\n\n", labels.respondent.to_uppercase()));
        for f in &sub.respondent {
            out.push_str(&format!("{}: {}\n", f.label, f.value));
        }
    }
    for text in [&sub.summary, &sub.introduction].into_iter().flatten() {
        own_text(&mut out, text, counts);
    }
    for section in &sub.sections {
        out.push_str(&format!("\n\n{}\n", section.title.to_uppercase()));
        for q in &section.questions {
            out.push_str(&format!("\n{} {}\n", q.label, q.text));
            for link in &q.links {
                out.push_str(&format!("{}\n", link.url));
            }
            if q.parts.is_empty() {
                question_text(&mut out, q, counts, sub);
            }
            for part in &q.parts {
                out.push_str(&format!("\n{} {}\n", part.label, part.text));
                for link in &part.links {
                    out.push_str(&format!("{}\n", link.url));
                }
                question_text(&mut out, part, counts, sub);
            }
        }
    }
    for text in sub.closing.iter().chain(&sub.annexes) {
        own_text(&mut out, text, counts);
    }
    out
}

/// A question's answer under its heading: the option to tick, the text, its counts.
fn question_text(out: &mut String, q: &QuestionView, counts: bool, sub: &Submission) {
    out.push('\n');
    let text = answer(q, &sub.labels);
    if text.is_empty() {
        // What the other formats say of a question left unanswered on purpose.
        let said = match sub.unanswered {
            Unanswered::Note => &sub.labels.no_joint_answer,
            _ => &sub.labels.no_answer,
        };
        out.push_str(&format!("{said}\n"));
    } else {
        out.push_str(&text);
        if counts {
            out.push_str(&format!("\n\n[{}]\n", q.count));
        }
    }
}

/// One of the coalition's own texts, under its heading.
fn own_text(out: &mut String, text: &OwnTextView, counts: bool) {
    if let Some(title) = &text.title {
        out.push_str(&format!("\n\n{}\n", title.to_uppercase()));
    }
    out.push_str(&format!("\n{}\n", crate::markdown::pasted(&text.markdown)));
    if counts {
        out.push_str(&format!("\n[{}]\n", text.count));
    }
}

/// One question's answer as plain text, ready to paste into a form's box.
pub fn answer(q: &QuestionView, labels: &Labels) -> String {
    let mut blocks: Vec<String> = Vec::new();
    let mut notes: Vec<String> = Vec::new();
    // The option to tick in the form, first.
    if let Some(choice) = q.choice.as_ref().filter(|c| !c.answer.is_empty()) {
        blocks.push(format!("{} {}", labels.tick, choice.answer));
    }
    if !q.body.markdown.is_empty() {
        blocks.push(to_text(&q.body.markdown, &mut notes));
    }
    for line in &q.lines {
        let text = to_text(&line.block.markdown, &mut notes);
        let indented = text.lines().collect::<Vec<_>>().join("\n  ");
        blocks.push(format!("- {} {} – {indented}", line.display, line.label));
    }
    if !q.closing.markdown.is_empty() {
        blocks.push(to_text(&q.closing.markdown, &mut notes));
    }
    let mut out = blocks.join("\n\n");
    if !notes.is_empty() {
        out.push_str("\n\n");
        out.push_str(
            &notes
                .iter()
                .enumerate()
                .map(|(i, n)| format!("[{}] {n}", i + 1))
                .collect::<Vec<_>>()
                .join("\n"),
        );
    }
    out.trim().to_string()
}
