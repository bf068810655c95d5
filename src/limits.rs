//! Word and character limits: counting an answer against a question's limits, in the words a
//! user reads ("120 words over the limit of 500").

use crate::labels::{Labels, fill};
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

    /// "Words: 212, characters: 1340 (limit 200 words: 12 over; counted as Word counts…)",
    /// in the labels' language. The counting rule goes with any limit, since a form may count
    /// differently.
    pub(crate) fn describe(&self, labels: &Labels) -> String {
        let count = fill(
            &labels.count,
            &[
                ("words", &self.words.to_string()),
                ("characters", &self.chars.to_string()),
            ],
        );
        let limit = |max: Option<usize>, over: Option<usize>, within: &str, beyond: &str| {
            let max = max?.to_string();
            Some(match over {
                Some(o) => fill(beyond, &[("limit", &max), ("over", &o.to_string())]),
                None => fill(within, &[("limit", &max)]),
            })
        };
        let mut limits: Vec<String> = [
            limit(
                self.max_words,
                self.words_over(),
                &labels.limit_words,
                &labels.limit_words_over,
            ),
            limit(
                self.max_chars,
                self.chars_over(),
                &labels.limit_characters,
                &labels.limit_characters_over,
            ),
        ]
        .into_iter()
        .flatten()
        .collect();
        if limits.is_empty() {
            return count;
        }
        limits.push(labels.counting_rule.clone());
        fill(
            &labels.count_with_limits,
            &[
                ("count", &count),
                ("limits", &limits.join(&labels.separator)),
            ],
        )
    }
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

/// "500 words, 3000 characters, counted as Word counts them", or `None` without limits: how an
/// answer is counted goes with its limit, since forms count in different ways.
pub(crate) fn describe(max_words: Option<usize>, max_chars: Option<usize>) -> Option<String> {
    let limits = match (max_words, max_chars) {
        (Some(w), Some(c)) => format!("{w} words, {c} characters"),
        (Some(w), None) => format!("{w} words"),
        (None, Some(c)) => format!("{c} characters"),
        (None, None) => return None,
    };
    Some(format!("{limits}, counted as Word counts them"))
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
            m.describe(&Labels::english()),
            "Words: 3, characters: 18 (limit 2 words: 1 over; limit 100 characters; counted as Word counts, spaces included)"
        );
        assert_eq!(
            Measure::of("Trois mots seulement", None, None)
                .describe(&Labels::builtin("fr").unwrap()),
            "Mots\u{a0}: 3, caractères\u{a0}: 20"
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
