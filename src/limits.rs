//! Word and character limits: counting an answer against a question's limits, in the words a
//! user reads ("120 words over the limit of 500").

use crate::markdown::{self, Count};
use crate::questionnaire::{Code, Question};

/// An answer measured against its limits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Measure {
    /// Words a reader sees.
    pub words: usize,
    /// Characters a reader sees (markup not counted).
    pub chars: usize,
    /// The word limit.
    pub max_words: Option<usize>,
    /// The character limit.
    pub max_chars: Option<usize>,
}

impl Measure {
    /// Measures Markdown text: its words as a reader counts them, and its characters as the
    /// text is pasted into a form's box, with links written out and footnotes after it.
    pub(crate) fn of(
        markdown: &str,
        max_words: Option<usize>,
        max_chars: Option<usize>,
    ) -> Measure {
        let count = Count {
            words: markdown::count(markdown).words,
            chars: Count::of_text(&markdown::pasted(markdown)).chars,
        };
        Measure::new(count, max_words, max_chars)
    }

    /// What was counted, without the limits.
    pub(crate) fn count(&self) -> Count {
        Count {
            words: self.words,
            chars: self.chars,
        }
    }

    /// A count against limits.
    pub(crate) fn new(count: Count, max_words: Option<usize>, max_chars: Option<usize>) -> Measure {
        Measure {
            words: count.words,
            chars: count.chars,
            max_words,
            max_chars,
        }
    }

    /// Words over the limit, if any.
    pub(crate) fn words_over(&self) -> Option<usize> {
        self.max_words
            .filter(|m| self.words > *m)
            .map(|m| self.words - m)
    }

    /// Characters over the limit, if any.
    pub(crate) fn chars_over(&self) -> Option<usize> {
        self.max_chars
            .filter(|m| self.chars > *m)
            .map(|m| self.chars - m)
    }

    /// True when over any limit.
    pub(crate) fn is_over(&self) -> bool {
        self.words_over().is_some() || self.chars_over().is_some()
    }

    /// "212 words, 1,340 characters (limit 200 words: 12 over)".
    pub(crate) fn describe(&self) -> String {
        let mut s = format!(
            "{} word{}, {} character{}",
            self.words,
            plural(self.words),
            self.chars,
            plural(self.chars)
        );
        let mut notes = Vec::new();
        if let Some(m) = self.max_words {
            notes.push(match self.words_over() {
                Some(o) => format!("limit {m} words: {o} over"),
                None => format!("limit {m} words"),
            });
        }
        if let Some(m) = self.max_chars {
            notes.push(match self.chars_over() {
                Some(o) => format!("limit {m} characters: {o} over"),
                None => format!("limit {m} characters"),
            });
        }
        if !notes.is_empty() {
            s.push_str(&format!(" ({})", notes.join("; ")));
        }
        s
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// An answer's Markdown as it is pasted, to measure it: the text, each action line as a
/// bullet with its code and label ("- C2 Information and communication infrastructure –
/// …"), then the closing.
pub(crate) fn as_pasted<'a>(
    text: Option<&'a str>,
    lines: impl IntoIterator<Item = (&'a Code, &'a str)>,
    closing: Option<&'a str>,
) -> String {
    let lines = lines
        .into_iter()
        .map(|(c, t)| format!("- {} {} – {t}", c.display, c.label));
    (text.map(str::to_string).into_iter())
        .chain(lines)
        .chain(closing.map(str::to_string))
        .filter(|t| !t.trim().is_empty())
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// One organisation's answer to `question`, measured as it is pasted.
pub(crate) fn measure_answer<'a>(
    question: &Question,
    codes: &'a [Code],
    text: Option<&'a str>,
    lines: impl IntoIterator<Item = (&'a String, &'a String)>,
    closing: Option<&'a str>,
) -> Measure {
    let lines = lines
        .into_iter()
        .filter_map(|(code, t)| Some((codes.iter().find(|c| &c.code == code)?, t.as_str())));
    Measure::of(
        &as_pasted(text, lines, closing),
        question.max_words,
        question.max_chars,
    )
}

/// "500 words, 3,000 characters", or `None` without limits.
pub(crate) fn describe(max_words: Option<usize>, max_chars: Option<usize>) -> Option<String> {
    match (max_words, max_chars) {
        (Some(w), Some(c)) => Some(format!("{w} words, {c} characters")),
        (Some(w), None) => Some(format!("{w} words")),
        (None, Some(c)) => Some(format!("{c} characters")),
        (None, None) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn measures_against_limits() {
        let m = Measure::of("**Three** little words", Some(2), Some(100));
        assert_eq!(m.words, 3);
        assert_eq!(m.chars, "Three little words".len());
        assert_eq!(m.words_over(), Some(1));
        assert!(m.is_over());
        assert_eq!(
            m.describe(),
            "3 words, 18 characters (limit 2 words: 1 over; limit 100 characters)"
        );
        // A link's address and a footnote are pasted too, and count as characters.
        let m = Measure::of(
            "See [the report](https://example.org).[^1]\n\n[^1]: A note.",
            None,
            Some(10),
        );
        assert_eq!(m.words, 5);
        assert_eq!(
            m.chars,
            "See the report (https://example.org).[1] [1] A note.".len()
        );
    }
}
