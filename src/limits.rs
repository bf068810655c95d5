//! Word and character limits: counting an answer against a question's limits, in the words a
//! user reads ("120 words over the limit of 500").

use crate::answer;

/// An answer measured against its limits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Measure {
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
    /// Measures Markdown text.
    pub fn of(markdown: &str, max_words: Option<usize>, max_chars: Option<usize>) -> Measure {
        Measure::new(answer::count(markdown), max_words, max_chars)
    }

    /// A count against limits.
    pub fn new(count: Count, max_words: Option<usize>, max_chars: Option<usize>) -> Measure {
        Measure {
            words: count.words,
            chars: count.chars,
            max_words,
            max_chars,
        }
    }

    /// Words over the limit, if any.
    pub fn words_over(&self) -> Option<usize> {
        self.max_words
            .filter(|m| self.words > *m)
            .map(|m| self.words - m)
    }

    /// Characters over the limit, if any.
    pub fn chars_over(&self) -> Option<usize> {
        self.max_chars
            .filter(|m| self.chars > *m)
            .map(|m| self.chars - m)
    }

    /// True when over any limit.
    pub fn is_over(&self) -> bool {
        self.words_over().is_some() || self.chars_over().is_some()
    }

    /// "212 words, 1,340 characters (limit 200 words: 12 over)".
    pub fn describe(&self) -> String {
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

/// Words and characters of plain text, counted as it goes by piece by piece: words are runs
/// of non-whitespace, and characters are those of the words joined by single spaces.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Count {
    /// Words.
    pub words: usize,
    /// Characters.
    pub chars: usize,
    in_word: bool,
}

impl Count {
    /// Counts more text; a word may go on from the text before.
    pub fn add(&mut self, text: &str) {
        // Byte by byte, decoding only what is not ASCII: this runs over every answer.
        let bytes = text.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            let (white, len) = match bytes[i] {
                // ASCII whitespace as `char::is_whitespace` has it (tab to carriage return,
                // space).
                b'\t'..=b'\r' | b' ' => (true, 1),
                0..=0x7f => (false, 1),
                _ => {
                    let c = text[i..].chars().next().unwrap_or(' ');
                    (c.is_whitespace(), c.len_utf8())
                }
            };
            i += len;
            if white {
                self.in_word = false;
                continue;
            }
            if !self.in_word {
                self.in_word = true;
                self.chars += usize::from(self.words > 0);
                self.words += 1;
            }
            self.chars += 1;
        }
    }

    /// This text, then `next` as a block of its own (parts joined by a blank line).
    pub fn then(self, next: Count) -> Count {
        Count {
            words: self.words + next.words,
            chars: self.chars + next.chars + usize::from(self.words > 0 && next.words > 0),
            in_word: false,
        }
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// "500 words, 3,000 characters", or `None` without limits.
pub fn describe(max_words: Option<usize>, max_chars: Option<usize>) -> Option<String> {
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
    }

    #[test]
    fn every_character_is_whitespace_or_not_as_char_says() {
        let mut text = String::new();
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            text.clear();
            text.push('a');
            text.push(c);
            text.push('b');
            let mut count = Count::default();
            count.add(&text);
            let words: Vec<&str> = text.split_whitespace().collect();
            assert_eq!(count.words, words.len(), "U+{:04X}", c as u32);
            assert_eq!(
                count.chars,
                words.join(" ").chars().count(),
                "U+{:04X}",
                c as u32
            );
        }
    }

    #[test]
    fn counts_piece_by_piece_as_split_whitespace_does() {
        let text = "  Une  réponse,\tcommune\u{a0}et \n\n ساده 👍🏽 \u{b}x\u{c}\u{85}y\u{2028}z\u{200b}w\u{1}";
        let mut count = Count::default();
        // A word split across pieces is one word.
        for piece in [
            "  Une  rép",
            "onse,\tcommune",
            "\u{a0}et \n\n",
            " ساده 👍🏽 \u{b}x\u{c}",
            "\u{85}y\u{2028}z\u{200b}w\u{1}",
        ] {
            count.add(piece);
        }
        let words: Vec<&str> = text.split_whitespace().collect();
        assert_eq!(count.words, words.len());
        assert_eq!(count.chars, words.join(" ").chars().count());
        let mut two = Count::default();
        two.add("two words");
        assert_eq!(count.then(two).words, words.len() + 2);
        assert_eq!(
            count.then(two).chars,
            format!("{} two words", words.join(" ")).chars().count()
        );
        assert_eq!(Count::default().then(two), two.then(Count::default()));
    }
}
