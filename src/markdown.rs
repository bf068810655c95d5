//! Markdown helpers every layer shares: the parser options answers are read with, escaping
//! plain text so Markdown shows it as written, the words a reader sees, and counting them.
//! A leaf: it uses no other module of jointly.

use std::collections::{HashMap, HashSet};

use std::borrow::Cow;

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

/// The Markdown extensions answers may use.
pub const PARSER_OPTIONS: Options = Options::ENABLE_FOOTNOTES;

/// The scheme of a link that must not be clickable in a submission (`javascript:`,
/// `vbscript:`, `data:`, `file:`): it runs code or opens the reader's own files. Browsers
/// ignore case and the tabs and line breaks inside a scheme, so this does too.
pub(crate) fn risky_scheme(url: &str) -> Option<&'static str> {
    let url: String = (url.trim_start().chars())
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect();
    let (scheme, _) = url.split_once(':')?;
    ["javascript", "vbscript", "data", "file"]
        .into_iter()
        .find(|s| scheme.eq_ignore_ascii_case(s))
}

/// Escapes plain text (names, question texts) so Markdown shows it as written.
pub(crate) fn escape_inline(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '&' | '#' | '|' | '~'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Escapes what would make plain text start a Markdown block: "2004. With" is not a list.
pub(crate) fn escape_block_start(text: &str) -> String {
    let digits: String = text.chars().take_while(char::is_ascii_digit).collect();
    if !digits.is_empty() && text[digits.len()..].starts_with(['.', ')']) {
        return format!("{digits}\\{}", &text[digits.len()..]);
    }
    // (`*` is escaped as text already; a leading `*` here is emphasis.)
    if text.starts_with(['-', '+']) {
        return format!("\\{text}");
    }
    text.to_string()
}

/// The words a reader sees in some Markdown: text and code, without markup, link targets or
/// footnote labels.
pub fn plain_text(markdown: &str) -> String {
    Parser::new_ext(markdown, PARSER_OPTIONS)
        .filter_map(|event| plain_piece(&event).map(str::to_string))
        .collect()
}

/// What an event adds to the plain text.
fn plain_piece<'e>(event: &'e Event) -> Option<&'e str> {
    match event {
        Event::Text(t) | Event::Code(t) | Event::Html(t) | Event::InlineHtml(t) => Some(t),
        Event::SoftBreak | Event::HardBreak | Event::Rule => Some(" "),
        // Blocks end a word; inline markup (bold, links) does not: "**bold**," is "bold,".
        Event::End(
            TagEnd::Paragraph
            | TagEnd::Heading(_)
            | TagEnd::BlockQuote(_)
            | TagEnd::CodeBlock
            | TagEnd::HtmlBlock
            | TagEnd::List(_)
            | TagEnd::Item
            | TagEnd::FootnoteDefinition,
        )
        | Event::Start(
            Tag::Item
            | Tag::Paragraph
            | Tag::Heading { .. }
            | Tag::BlockQuote(_)
            | Tag::CodeBlock(_)
            | Tag::List(_)
            | Tag::FootnoteDefinition(_),
        ) => Some(" "),
        _ => None,
    }
}

/// Typographic punctuation in Markdown, as pandoc's `smart` extension writes it: curly quotes
/// and apostrophes, – for `--`, — for `---`, … for `...`. Code, links' addresses and the
/// Markdown itself are left as they are; only the punctuation of the text changes.
pub fn typographic(markdown: &str) -> Cow<'_, str> {
    let has_any =
        markdown.contains(['\'', '"']) || markdown.contains("--") || markdown.contains("...");
    if !has_any {
        return Cow::Borrowed(markdown);
    }
    // The smart parser gives each such mark as a text event of its own, over its source.
    let mut out = String::with_capacity(markdown.len() + 16);
    let mut copied = 0;
    let parser = Parser::new_ext(markdown, PARSER_OPTIONS | Options::ENABLE_SMART_PUNCTUATION);
    for (event, range) in parser.into_offset_iter() {
        let Event::Text(text) = event else { continue };
        let source = &markdown[range.clone()];
        let punctuation = matches!(source, "'" | "\"" | "--" | "---" | "...");
        if punctuation && &*text != source && range.start >= copied {
            out.push_str(&markdown[copied..range.start]);
            out.push_str(&text);
            copied = range.end;
        }
    }
    if copied == 0 {
        return Cow::Borrowed(markdown);
    }
    out.push_str(&markdown[copied..]);
    Cow::Owned(out)
}

/// Words and characters as Word counts them: words are runs of non-whitespace, except that
/// each Chinese, Japanese or Korean character is a word of its own; characters are the
/// user-perceived characters (grapheme clusters) of the words joined by single spaces.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Count {
    /// Words.
    pub(crate) words: usize,
    /// Characters.
    pub(crate) chars: usize,
}

impl Count {
    /// The words and characters of some plain text.
    pub(crate) fn of_text(text: &str) -> Count {
        use unicode_segmentation::UnicodeSegmentation;
        let mut count = Count::default();
        for word in text.split_whitespace() {
            // An ASCII word is one character per byte: no grapheme rules needed.
            let chars = match word.is_ascii() {
                true => word.len(),
                false => word.graphemes(true).count(),
            };
            count.chars += chars + usize::from(count.words > 0);
            count.words += words_in(word);
        }
        count
    }

    /// Two texts' counts together, as if joined by a space (what a section or a whole
    /// submission counts, without reading its answers again).
    pub(crate) fn and(self, other: Count) -> Count {
        let between = usize::from(self.words > 0 && other.words > 0);
        Count {
            words: self.words + other.words,
            chars: self.chars + other.chars + between,
        }
    }
}

/// How many words a run of non-whitespace is: one, or, where it holds CJK characters, one
/// per such character plus one per run of other letters or digits between them ("中文abc"
/// is three).
fn words_in(run: &str) -> usize {
    if run.is_ascii() {
        return 1;
    }
    let mut words = 0;
    let mut in_other = false;
    for c in run.chars() {
        if is_cjk(c) {
            words += 1;
            in_other = false;
        } else if c.is_alphanumeric() {
            words += usize::from(!in_other);
            in_other = true;
        }
    }
    // A run of punctuation alone ("–") is still a word, as Word counts it.
    words.max(1)
}

/// Han ideographs, kana and Hangul syllables: the characters Word counts one by one.
fn is_cjk(c: char) -> bool {
    matches!(c,
        '\u{3040}'..='\u{30FF}'   // Hiragana, Katakana
        | '\u{3400}'..='\u{4DBF}' // CJK Extension A
        | '\u{4E00}'..='\u{9FFF}' // CJK Unified Ideographs
        | '\u{AC00}'..='\u{D7AF}' // Hangul syllables
        | '\u{F900}'..='\u{FAFF}' // CJK Compatibility Ideographs
        | '\u{20000}'..='\u{2FA1F}' // Extensions B to F, compatibility supplement
    )
}

/// The words and characters of some Markdown's [`plain_text`].
pub(crate) fn count(markdown: &str) -> Count {
    Count::of_text(&plain_text(markdown))
}

/// Words in some Markdown, as a reader would count them.
pub(crate) fn words(markdown: &str) -> usize {
    count(markdown).words
}

/// How Markdown readers match footnote labels: without regard to case.
pub(crate) fn note_key(label: &str) -> String {
    label.to_lowercase()
}

/// The labels of a text's real footnotes: defined, and referred to from outside any note.
/// Only these are renamed and become Word footnotes; a reference to nothing and a note
/// nothing refers to are printed as written, under the label their author gave them.
pub(crate) fn footnotes(text: &str) -> HashSet<String> {
    footnotes_in(&Parser::new_ext(text, PARSER_OPTIONS).collect::<Vec<_>>())
}

/// [`footnotes`], from a text's events.
pub(crate) fn footnotes_in<'e, 't: 'e>(
    events: impl IntoIterator<Item = &'e Event<'t>>,
) -> HashSet<String> {
    let (mut defined, mut cited) = (HashSet::new(), HashSet::new());
    let mut depth = 0usize;
    for event in events {
        match event {
            Event::Start(Tag::FootnoteDefinition(label)) => {
                defined.insert(note_key(label));
                depth += 1;
            }
            Event::End(TagEnd::FootnoteDefinition) => depth = depth.saturating_sub(1),
            Event::FootnoteReference(label) if depth == 0 => {
                cited.insert(note_key(label));
            }
            _ => {}
        }
    }
    defined.retain(|l| cited.contains(l));
    defined
}

/// Markdown to plain text. Footnote texts are appended to `notes` and referred to as `[n]`.
pub(crate) fn to_text(markdown: &str, notes: &mut Vec<String>) -> String {
    // Footnote definitions first, so references can be numbered in order of appearance.
    let mut defs: Vec<(String, String)> = Vec::new();
    let mut in_def: Option<(String, Vec<Event>)> = None;
    let mut body: Vec<Event> = Vec::new();
    for e in Parser::new_ext(markdown, PARSER_OPTIONS) {
        match e {
            Event::Start(Tag::FootnoteDefinition(l)) => in_def = Some((l.to_string(), Vec::new())),
            Event::End(TagEnd::FootnoteDefinition) => {
                if let Some((l, events)) = in_def.take() {
                    defs.push((
                        l,
                        render_events(&events, &mut Vec::new(), &[])
                            .trim()
                            .to_string(),
                    ));
                }
            }
            e => match in_def.as_mut() {
                Some((_, events)) => events.push(e),
                None => body.push(e),
            },
        }
    }
    render_events(&body, notes, &defs).trim().to_string()
}

/// How many list levels the text indents: a form box shows no more, and indenting every level
/// of a list nested thousands deep would make the text grow with the square of it.
const MAX_INDENT: usize = 8;

fn render_events(events: &[Event], notes: &mut Vec<String>, defs: &[(String, String)]) -> String {
    let defs: HashMap<&str, &str> = defs.iter().map(|(l, t)| (l.as_str(), t.as_str())).collect();
    let mut out = String::new();
    let mut lists: Vec<Option<u64>> = Vec::new();
    let mut links: Vec<String> = Vec::new();
    let mut link_text_start: Vec<usize> = Vec::new();
    let indent =
        |lists: &Vec<Option<u64>>| "  ".repeat(lists.len().saturating_sub(1).min(MAX_INDENT));
    for e in events {
        match e {
            // A paragraph starts on a new line, unless it is the first of a list item.
            Event::Start(Tag::Paragraph)
                if !out.is_empty()
                    && !out.ends_with("\n\n")
                    && !out.ends_with("- ")
                    && !out.ends_with(". ") =>
            {
                out.push_str(if lists.is_empty() { "\n\n" } else { "\n" });
                if !lists.is_empty() {
                    out.push_str(&indent(&lists));
                    out.push_str("  ");
                }
            }
            Event::End(TagEnd::Paragraph) => {}
            Event::Start(Tag::List(start)) => {
                if !out.is_empty() && !out.ends_with('\n') {
                    out.push('\n');
                }
                if lists.is_empty() && !out.is_empty() && !out.ends_with("\n\n") {
                    out.push('\n');
                }
                lists.push(*start);
            }
            Event::End(TagEnd::List(_)) => {
                lists.pop();
                if lists.is_empty() {
                    out.push_str("\n\n");
                }
            }
            Event::Start(Tag::Item) => {
                if !out.is_empty() && !out.ends_with('\n') {
                    out.push('\n');
                }
                out.push_str(&indent(&lists));
                match lists.last_mut() {
                    Some(Some(n)) => {
                        out.push_str(&format!("{n}. "));
                        *n += 1;
                    }
                    _ => out.push_str("- "),
                }
            }
            Event::End(TagEnd::Item) => {}
            Event::Start(Tag::BlockQuote(_) | Tag::CodeBlock(_) | Tag::Heading { .. })
                if !out.is_empty() && !out.ends_with("\n\n") =>
            {
                out.push_str("\n\n");
            }
            Event::Start(Tag::Link { dest_url, .. }) => {
                links.push(dest_url.to_string());
                link_text_start.push(out.len());
            }
            Event::End(TagEnd::Link) => {
                let url = links.pop().unwrap_or_default();
                let start = link_text_start.pop().unwrap_or(out.len());
                if !url.is_empty() && out[start..].trim() != url {
                    out.push_str(&format!(" ({url})"));
                }
            }
            Event::Text(t) | Event::Code(t) | Event::Html(t) | Event::InlineHtml(t) => {
                out.push_str(t)
            }
            Event::SoftBreak => out.push(' '),
            Event::HardBreak => {
                out.push('\n');
                out.push_str(&indent(&lists));
            }
            Event::Rule => out.push_str("\n\n"),
            Event::FootnoteReference(label) => {
                notes.push(
                    defs.get(label.as_ref())
                        .copied()
                        .unwrap_or_default()
                        .to_string(),
                );
                out.push_str(&format!("[{}]", notes.len()));
            }
            Event::TaskListMarker(done) => out.push_str(if *done { "[x] " } else { "[ ] " }),
            _ => {}
        }
    }
    // Tidy: no more than one blank line, no trailing spaces.
    let mut tidy = String::with_capacity(out.len());
    let mut blank = 0;
    for line in out.lines() {
        let line = line.trim_end();
        if line.is_empty() {
            blank += 1;
            if blank > 1 {
                continue;
            }
        } else {
            blank = 0;
        }
        tidy.push_str(line);
        tidy.push('\n');
    }
    tidy
}

/// Markdown as it is pasted into a form's box: no markup, links written out, footnotes
/// numbered after the text. What a character limit is measured on.
pub(crate) fn pasted(markdown: &str) -> String {
    let mut notes = Vec::new();
    let mut out = to_text(markdown, &mut notes);
    for (i, n) in notes.iter().enumerate() {
        out.push_str(&format!("\n[{}] {n}", i + 1));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaped_text_reads_back_as_written() {
        let text = "A *very* [odd] <name> & co_op #1 \\ `x`";
        assert_eq!(plain_text(&escape_inline(text)).trim(), text);
        assert_eq!(escape_block_start("2004. With"), "2004\\. With");
        assert_eq!(escape_block_start("- not a list"), "\\- not a list");
    }

    #[test]
    fn links_that_run_code_or_open_files_are_found_however_written() {
        for url in [
            "javascript:alert(1)",
            " JavaScript:x",
            "java\tscript:x",
            "data:text/html,x",
            "FILE:///etc/passwd",
            "vbscript:x",
        ] {
            assert!(risky_scheme(url).is_some(), "{url}");
        }
        for url in [
            "https://e.org",
            "mailto:a@b.org",
            "javascript",
            "/data:x",
            "notes/file:x",
        ] {
            assert_eq!(risky_scheme(url), None, "{url}");
        }
    }

    #[test]
    fn inline_markup_does_not_split_words() {
        assert_eq!(words("**bold**, *it*. [link](https://x.org)."), 3);
        assert_eq!(
            plain_text("A **b**, c.\n\n- d\n- e")
                .split_whitespace()
                .collect::<Vec<_>>(),
            ["A", "b,", "c.", "d", "e"]
        );
        let c = count("**Three** little  words");
        assert_eq!((c.words, c.chars), (3, "Three little words".len()));
    }

    #[test]
    fn counts_words_as_split_whitespace_does_and_characters_by_grapheme() {
        use unicode_segmentation::UnicodeSegmentation;
        let text =
            "  Une  réponse,\tcommune\u{a0}et \n\n ساده 👍🏽 \u{b}x\u{c}\u{85}y\u{2028}z\u{200b}w";
        let words: Vec<&str> = text.split_whitespace().collect();
        let count = Count::of_text(text);
        assert_eq!(count.words, words.len());
        // The thumbs-up with its skin tone is two code points but one character on screen.
        assert_eq!(count.chars, words.join(" ").graphemes(true).count());
        assert_eq!(count.chars + 1, words.join(" ").chars().count());
    }

    #[test]
    fn only_notes_defined_and_cited_are_footnotes() {
        let text = "A[^x] b[^Y].\n\n[^x]: X, see [^z].\n\n[^z]: Z.\n\n[^y]: Y.\n\n[^w]: W.";
        let mut notes: Vec<String> = footnotes(text).into_iter().collect();
        notes.sort();
        assert_eq!(notes, ["x", "y"]);
    }

    #[test]
    fn markup_goes_and_links_and_notes_are_written_out() {
        let mut notes = Vec::new();
        let text = to_text(
            "**Bold** and *it*, [a report](https://example.org/r), <https://example.org>.[^1]\n\n- one\n- two\n  1. nested\n\nAfter.\n\n[^1]: The *source*.",
            &mut notes,
        );
        assert_eq!(
            text,
            "Bold and it, a report (https://example.org/r), https://example.org.[1]\n\n- one\n- two\n  1. nested\n\nAfter."
        );
        assert_eq!(notes, ["The source."]);
    }

    #[test]
    fn typographic_punctuation_in_text_but_not_in_code_or_addresses() {
        let md = "ITU's \"role\" -- and l'Ouest... `don't` [it's](https://e.org/a'b--c) ---";
        assert_eq!(
            typographic(md),
            "ITU’s “role” – and l’Ouest… `don't` [it’s](https://e.org/a'b--c) —"
        );
        assert!(matches!(
            typographic("Nothing to change."),
            Cow::Borrowed(_)
        ));
        let code = "```\nsay \"hi\" -- now\n```";
        assert_eq!(typographic(code), code);
    }

    #[test]
    fn chinese_counts_a_word_per_character_and_characters_by_grapheme() {
        // 54 Han characters and punctuation marks: Word counts each character as a word.
        let text = "信息社会世界峰会的成果二十年来仍然具有现实意义，但连通性的差距依然存在，特别是在农村地区，我们需要更多的社区网络。";
        let han = text.chars().filter(|c| is_cjk(*c)).count();
        assert_eq!(Count::of_text(text).words, han);
        assert_eq!(Count::of_text("WSIS 二十年 review").words, 5);
        assert_eq!(Count::of_text("中文abc").words, 3);
        // An accent typed as a combining mark, and a flag, are one character each.
        assert_eq!(
            Count::of_text("Cafe\u{301} 🇫🇷").chars,
            "Café F".chars().count()
        );
        assert_eq!(Count::of_text("– and").words, 2);
    }
}
