//! Plain text for web forms: no Markdown markup, lists as simple "- " lines, links written out,
//! footnotes numbered after each answer, and each answer's counts against its limits.

use crate::labels;
use crate::markdown::to_text;
use crate::submission::{QuestionView, Submission};

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
    out.push_str(&format!("\n{}\n", labels::SIGNATORIES_INTRO));
    for s in &sub.signatories {
        out.push_str(&format!("- {}\n", s.display));
    }
    for section in &sub.sections {
        out.push_str(&format!("\n\n{}\n", section.title.to_uppercase()));
        for q in &section.questions {
            out.push_str(&format!("\n{}. {}\n", q.number, q.text));
            for link in &q.links {
                out.push_str(&format!("{}\n", link.url));
            }
            out.push('\n');
            let text = answer(q);
            if text.is_empty() {
                out.push_str("(no answer)\n");
            } else {
                out.push_str(&text);
                if counts {
                    out.push_str(&format!("\n\n[{}]\n", q.count));
                }
            }
        }
    }
    out
}

/// One question's answer as plain text, ready to paste into a form's box.
pub fn answer(q: &QuestionView) -> String {
    let mut blocks: Vec<String> = Vec::new();
    let mut notes: Vec<String> = Vec::new();
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
