//! What an email adds around a submission: quote markers, "On … wrote:" lines, greetings
//! and signatures, and the contact details and "Signed: …" lines that close a document. None of
//! it is an answer.

use std::borrow::Cow;

/// The text with its email quote markers (`>`, `> >`) taken off, when it reads as an email: it
/// has an "On … wrote:" line, or (for plain text, where `>` is no Markdown quote) a good part
/// of it is quoted. A blank line goes where the quoting changes, so that a quoted question
/// and the answer typed under it stay apart.
pub(super) fn unquote(text: &str, markdown: bool) -> Cow<'_, str> {
    let lines: Vec<&str> = text.lines().collect();
    let filled = lines.iter().filter(|l| !l.trim().is_empty()).count();
    let quoted = lines.iter().filter(|l| quote_depth(l).0 > 0).count();
    let attributed = lines
        .iter()
        .any(|l| attribution(l.trim_start_matches(['>', ' '])));
    let is_email = quoted > 0 && (attributed || (!markdown && quoted * 5 >= filled));
    if !is_email {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut depth = 0;
    for line in lines {
        let (d, rest) = quote_depth(line);
        if d != depth && !rest.trim().is_empty() {
            out.push('\n');
            depth = d;
        }
        out.push_str(rest);
        out.push('\n');
    }
    Cow::Owned(out)
}

/// How many quote markers a line starts with, and the line without them.
fn quote_depth(line: &str) -> (usize, &str) {
    let mut rest = line;
    let mut depth = 0;
    loop {
        let trimmed = rest.trim_start_matches([' ', '\t']);
        match trimmed.strip_prefix('>') {
            Some(r) if rest.len() - trimmed.len() <= 3 => {
                depth += 1;
                rest = r.strip_prefix(' ').unwrap_or(r);
            }
            _ => return (depth, rest),
        }
    }
}

/// "On Mon, 3 Nov 2025, Ana <ana@example.org> wrote:", in the languages mail programs write
/// it in, and the header of a forwarded message: a line of its own, starting and ending as
/// mail programs write it.
pub(super) fn attribution(line: &str) -> bool {
    let l = line.trim().to_lowercase();
    const STARTS: [&str; 7] = ["on ", "le ", "el ", "am ", "em ", "il ", "в "];
    const ENDS: [&str; 9] = [
        "wrote:",
        "a écrit :",
        "a écrit:",
        "escribió:",
        "schrieb:",
        "escreveu:",
        "ha scritto:",
        "написал:",
        "написала:",
    ];
    let quoted = STARTS.iter().any(|s| l.starts_with(s))
        && ENDS.iter().any(|e| l.ends_with(e))
        && l.split_whitespace().count() <= 30
        && !l.contains('\n');
    quoted
        || l.starts_with("-----original message-----")
        || l.starts_with("---------- forwarded message")
}

/// True for a block that opens a signature: "-- ", or a closing such as "Best regards," on its
/// own ("Best practice shows…" is no closing).
pub(super) fn sign_off(plain: &str) -> bool {
    let l = plain.trim().to_lowercase();
    if l == "--" || l.starts_with("-- ") {
        return true;
    }
    const CLOSINGS: [&str; 21] = [
        "best regards",
        "kind regards",
        "warm regards",
        "regards",
        "best",
        "best wishes",
        "all the best",
        "many thanks",
        "thanks",
        "sincerely",
        "yours sincerely",
        "yours faithfully",
        "cheers",
        "cordialement",
        "bien cordialement",
        "bien à vous",
        "saludos",
        "atentamente",
        "mit freundlichen grüßen",
        "viele grüße",
        "atenciosamente",
    ];
    CLOSINGS.iter().any(|c| {
        l.strip_prefix(c)
            .is_some_and(|rest| rest.is_empty() || rest.starts_with([',', '!', '.']))
    }) && short_lines(&l)
}

/// True for what follows a closing: a few short lines (a name, a title, an address).
pub(super) fn signature_lines(plain: &str) -> bool {
    short_lines(plain) && !plain.trim_end().ends_with(['.', '?', '!'])
}

fn short_lines(text: &str) -> bool {
    text.split_whitespace().count() <= 30
}

/// True for a block of signatures or contact details that closes a document ("Signed: …",
/// "Submitted by …", "Contact: …"), or a name with an email address: short, and no sentence.
pub(super) fn signature_or_contact(plain: &str) -> bool {
    let l = plain.trim().to_lowercase();
    const OPENERS: [&str; 14] = [
        "signed:",
        "signed by",
        "signatories:",
        "signatures:",
        "submitted by",
        "on behalf of",
        "contact:",
        "contacts:",
        "contact person:",
        "e-mail:",
        "email:",
        "tel:",
        "tel.:",
        "phone:",
    ];
    let words = l.split_whitespace().count();
    let sentence = l.ends_with(['.', '?', '!']) && words > 8;
    let opens = OPENERS.iter().any(|o| l.starts_with(o));
    let address = l.split_whitespace().any(|w| {
        let w = w.trim_matches(|c: char| !c.is_alphanumeric());
        w.contains('@') && w.contains('.') && !w.starts_with('@')
    });
    !sentence && ((opens && words <= 40) || (address && words <= 15 && !l.ends_with('.')))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoted_questions_and_typed_answers_come_apart() {
        let mail =
            "Hello,\n\nOn Mon, 3 Nov 2025, Ana wrote:\n> 3. How can we?\n> > older\nOur answer.\n";
        assert_eq!(
            unquote(mail, true),
            "Hello,\n\nOn Mon, 3 Nov 2025, Ana wrote:\n\n3. How can we?\n\nolder\n\nOur answer.\n"
        );
        // A Markdown quote in a document that is not an email stays a quote.
        let doc = "Some text.\n\n> A quotation.\n\nMore text.\nAnd more.\nAnd more.\nEnd.\n";
        assert_eq!(unquote(doc, true), doc);
        // A Markdown document with many quotes and no "wrote:" line is no email either.
        let quotes = "> One.\n\n> Two.\n\nText.\n";
        assert_eq!(unquote(quotes, true), quotes);
        assert_eq!(unquote(quotes, false), "\nOne.\n\nTwo.\n\n\nText.\n");
    }

    #[test]
    fn signatures_and_contacts_are_told_from_answers() {
        assert!(attribution(
            "On Mon, 3 Nov 2025 at 10:02, Ana <ana@example.org> wrote:"
        ));
        assert!(attribution("Le lun. 3 nov. 2025, Ana a écrit :"));
        assert!(sign_off("Best regards, Ana Lima, Policy Officer"));
        assert!(sign_off("-- "));
        assert!(!sign_off(
            "Best practice shows that community networks thrive."
        ));
        assert!(signature_or_contact("Signed: ARTICLE 19"));
        assert!(signature_or_contact("Contact: Ana Lima, ana@example.org"));
        assert!(signature_or_contact(
            "Ana Lima, Policy Officer, ana@example.org, +55 11 5555"
        ));
        assert!(!signature_or_contact(
            "Telecentres remain vital in rural areas."
        ));
        assert!(!signature_or_contact(
            "Write to the regulator at consult@example.gov to support the proposal, as we and \
             forty other organisations did last year when the draft rules were published for \
             consultation and the regulator asked for evidence."
        ));
    }
}
