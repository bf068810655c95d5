//! An organisation's input file, edited in memory: answers set or cleared one at a time with
//! toml_edit, so the organisation's own comments, key order and formatting survive.
//! `save::update_input` saves each change at once; the blank input for a new
//! organisation is made here too.

use std::path::{Path, PathBuf};

use toml_edit::{DocumentMut, Item, Table, Value};

use crate::diag::Report;
use crate::draft::Slot;
use crate::draft::toml_comment as comment;
use crate::error::Error;
use crate::input_file::Stakeholder;
use crate::questionnaire::{AnswerKind, Code, Question, Questionnaire};
use crate::source::SourceFile;

/// An input file open for editing.
pub struct InputDoc {
    path: PathBuf,
    doc: DocumentMut,
    /// The file's line endings were CRLF (Windows): a save keeps them.
    crlf: bool,
    /// The file started with a byte-order mark: a save keeps it.
    bom: bool,
}

/// Who a new organisation is (what `jointly draft` asks before its first answer).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NewOrg {
    /// Full name.
    pub name: String,
    /// Abbreviation.
    pub short_name: Option<String>,
    /// Country or region.
    pub country: Option<String>,
    /// Stakeholder group.
    pub stakeholder: Option<Stakeholder>,
    /// Contact address.
    pub contact: Option<String>,
    /// Co-signs the submission.
    pub signs: bool,
}

/// An approval, as `[signoff]` records it.
#[derive(Debug, Clone, Copy)]
pub struct Signoff<'a> {
    /// The approved text's fingerprint (`sha256:…`).
    pub text: &'a str,
    /// The day, YYYY-MM-DD.
    pub date: &'a str,
    /// The fingerprint of each aspect of the text.
    pub covers: &'a std::collections::BTreeMap<String, String>,
}

impl InputDoc {
    /// An input file's text, ready to edit; text that is not valid TOML is reported with its
    /// place.
    pub(crate) fn parse(src: &SourceFile, report: &mut Report) -> Option<InputDoc> {
        match src.text.parse::<DocumentMut>() {
            Ok(doc) => Some(InputDoc {
                path: src.path.clone(),
                doc,
                crlf: src.text.contains("\r\n"),
                bom: src.bom,
            }),
            Err(_) => {
                // Let the reader that reports positions say what is wrong.
                let _ = src.parse::<toml::Table>(report);
                None
            }
        }
    }

    /// A new input file from the blank template, with the organisation's details filled in.
    pub fn create(
        path: &Path,
        org: &NewOrg,
        questionnaire: &Questionnaire,
        title: &str,
    ) -> Result<InputDoc, Error> {
        let doc: DocumentMut = blank_input(questionnaire, title, org)
            .parse()
            .map_err(|e| Error::Usage {
                message: format!("internal error: the blank template does not parse: {e}"),
                help: "this is a bug in jointly; please report it".into(),
            })?;
        Ok(InputDoc {
            path: path.to_path_buf(),
            doc,
            crlf: false,
            bom: false,
        })
    }

    /// A field of `[organisation]` (`contact`, `website`), when it is set.
    pub fn organisation_field(&self, key: &str) -> Option<String> {
        let value = self.doc.get("organisation")?.get(key)?.as_str()?.trim();
        (!value.is_empty()).then(|| value.to_string())
    }

    /// The file's path.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The current text of one slot of an answer (trimmed; `None` when empty or absent).
    pub fn answer(&self, question: &str, slot: &Slot) -> Option<String> {
        let answer = self.doc.get("answers")?.get(question)?;
        let value = match slot {
            Slot::Text => answer.as_str().or_else(|| answer.get("text")?.as_str()),
            Slot::Closing => answer.get("closing")?.as_str(),
            Slot::Line(code) => answer.get("action_lines")?.get(code)?.as_str(),
            // One option per line.
            Slot::Choice => {
                let choice = answer.get("choice")?;
                let options: Vec<&str> = match choice.as_array() {
                    Some(list) => list.iter().filter_map(|v| v.as_str()).collect(),
                    None => vec![choice.as_str()?],
                };
                let joined = options.join("\n");
                return (!joined.trim().is_empty()).then_some(joined);
            }
        }?;
        let value = crate::text::trim_block(value);
        (!value.is_empty()).then(|| value.to_string())
    }

    /// The action-line codes answered for a question, in file order.
    pub fn lines(&self, question: &str) -> Vec<String> {
        let Some(lines) = self
            .doc
            .get("answers")
            .and_then(|a| a.get(question))
            .and_then(|q| q.get("action_lines"))
        else {
            return Vec::new();
        };
        match lines.as_table_like() {
            Some(t) => t
                .iter()
                .filter(|(_, v)| v.as_str().is_some_and(|s| !s.trim().is_empty()))
                .map(|(k, _)| k.to_string())
                .collect(),
            None => Vec::new(),
        }
    }

    /// Sets one slot's text (an empty text clears it), keeping the decor of what it replaces.
    pub fn set(&mut self, question: &str, slot: &Slot, text: &str) {
        let text = crate::text::trim_block(text);
        if text.is_empty() {
            self.clear(question, slot);
            return;
        }
        let answer = self.answer_table(question);
        let (table, key) = match slot {
            Slot::Text => (answer, "text".to_string()),
            Slot::Closing => (answer, "closing".to_string()),
            // One option a string, several an array.
            Slot::Choice => {
                let options: Vec<&str> = text
                    .lines()
                    .map(str::trim)
                    .filter(|l| !l.is_empty())
                    .collect();
                let value = match options[..] {
                    [one] => Value::from(one),
                    _ => Value::Array(options.into_iter().collect()),
                };
                match answer.get_mut("choice").and_then(Item::as_value_mut) {
                    Some(old) => {
                        let decor = old.decor().clone();
                        *old = value;
                        *old.decor_mut() = decor;
                    }
                    None => {
                        answer.insert("choice", Item::Value(value));
                    }
                }
                return;
            }
            Slot::Line(code) => {
                if !answer.get("action_lines").is_some_and(Item::is_table_like) {
                    let mut t = Table::new();
                    t.set_implicit(false);
                    answer.insert("action_lines", Item::Table(t));
                }
                let lines = answer
                    .get_mut("action_lines")
                    .and_then(Item::as_table_like_mut)
                    .expect("just made a table");
                set_value(lines, code, text);
                return;
            }
        };
        set_value(table, &key, text);
    }

    /// Removes one slot's text; the answer's table and its comments stay.
    pub fn clear(&mut self, question: &str, slot: &Slot) {
        let Some(answers) = self
            .doc
            .get_mut("answers")
            .and_then(Item::as_table_like_mut)
        else {
            return;
        };
        if matches!(slot, Slot::Text) && answers.get(question).is_some_and(|a| a.is_str()) {
            answers.remove(question);
            return;
        }
        let Some(answer) = answers.get_mut(question).and_then(Item::as_table_like_mut) else {
            return;
        };
        match slot {
            Slot::Text => {
                answer.remove("text");
            }
            Slot::Closing => {
                answer.remove("closing");
            }
            Slot::Choice => {
                answer.remove("choice");
            }
            Slot::Line(code) => {
                if let Some(lines) = answer
                    .get_mut("action_lines")
                    .and_then(Item::as_table_like_mut)
                {
                    lines.remove(code);
                }
            }
        }
    }

    /// `[answers.<question>]`, created (after the other answers) when missing; a shorthand
    /// `answers.q1 = "..."` becomes a table holding the same text.
    fn answer_table(&mut self, question: &str) -> &mut dyn toml_edit::TableLike {
        if !self.doc.contains_key("answers") {
            let mut t = Table::new();
            t.set_implicit(true);
            self.doc.insert("answers", Item::Table(t));
        }
        let answers = self.doc["answers"]
            .as_table_like_mut()
            .expect("answers is a table");
        let existing_text = answers
            .get(question)
            .and_then(|a| a.as_str())
            .map(str::to_string);
        if !answers.get(question).is_some_and(Item::is_table_like) {
            let mut t = Table::new();
            if let Some(text) = existing_text {
                t.insert("text", Item::Value(multiline(&text)));
            }
            answers.insert(question, Item::Table(t));
        }
        answers
            .get_mut(question)
            .and_then(Item::as_table_like_mut)
            .expect("just made a table")
    }

    /// Sets `[signoff]` to the approved text's fingerprint, the date (YYYY-MM-DD) and the
    /// fingerprint of each aspect of the text, or removes it.
    pub fn set_signoff(&mut self, signoff: Option<Signoff<'_>>) {
        match signoff {
            None => {
                self.doc.remove("signoff");
            }
            Some(Signoff { text, date, covers }) => {
                let mut t = Table::new();
                t.insert("text", toml_edit::value(text));
                match date.parse::<toml_edit::Datetime>() {
                    Ok(d) => t.insert("date", toml_edit::value(d)),
                    Err(_) => t.insert("date", toml_edit::value(date)),
                };
                let mut aspects = toml_edit::InlineTable::new();
                for (name, hash) in covers {
                    aspects.insert(name, hash.as_str().into());
                }
                t.insert("covers", toml_edit::value(aspects));
                t.decor_mut().set_prefix("\n# Written by `jointly approve`: this organisation approves the joint text with this\n# fingerprint. `covers` fingerprints each aspect of it, so `jointly status` can say what changed.\n");
                self.doc.insert("signoff", Item::Table(t));
            }
        }
    }

    /// Keeps a text an import could not place, under `[[unplaced]]`.
    pub fn add_unplaced(&mut self, source: &str, reason: &str, text: &str) {
        if !self.doc.contains_key("unplaced") {
            self.doc.insert(
                "unplaced",
                Item::ArrayOfTables(toml_edit::ArrayOfTables::new()),
            );
        }
        let Some(list) = self.doc["unplaced"].as_array_of_tables_mut() else {
            return;
        };
        let mut t = Table::new();
        t.insert("source", toml_edit::value(source));
        t.insert("reason", toml_edit::value(reason));
        t.insert("text", Item::Value(multiline(text)));
        list.push(t);
    }

    /// The file's text as it would be saved.
    pub fn text(&self) -> String {
        let text = self.doc.to_string();
        let text = match self.crlf {
            true => text.replace("\r\n", "\n").replace('\n', "\r\n"),
            false => text,
        };
        match self.bom {
            true => format!("\u{FEFF}{text}"),
            false => text,
        }
    }
}

fn set_value(table: &mut dyn toml_edit::TableLike, key: &str, text: &str) {
    let mut value = multiline(text);
    if let Some(old) = table.get(key).and_then(Item::as_value) {
        *value.decor_mut() = old.decor().clone();
    } else {
        value.decor_mut().set_prefix(" ");
    }
    table.insert(key, Item::Value(value));
}

/// A text as a TOML multi-line basic string (`"""`), the form the blank template uses.
pub(crate) fn multiline(text: &str) -> Value {
    let mut escaped = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\\' => escaped.push_str("\\\\"),
            '\n' | '\t' => escaped.push(c),
            '\r' => {}
            c if c.is_control() => escaped.push_str(&format!("\\u{:04X}", c as u32)),
            c => escaped.push(c),
        }
    }
    // Break up runs of quotes that would close the string early.
    let escaped = escaped.replace("\"\"\"", "\"\"\\\"");
    let repr = format!("\"\"\"\n{escaped}\n\"\"\"");
    repr.parse::<Value>().unwrap_or_else(|_| Value::from(text))
}

/// The blank input: organisation details, then every question as comments over an empty answer.
pub(crate) fn blank_input(q: &Questionnaire, title: &str, org: &NewOrg) -> String {
    use crate::draft::toml_string;
    // Every value is written by toml_edit and every text in a comment is put on one line with
    // its control characters shown: no name or question can break or add to the file.
    let mut out = format!(
        "# {}'s input to the joint submission \"{}\".\n\
         #\n\
         # Write each answer in Markdown between the triple quotes: paragraphs, - bullet lists,\n\
         # 1. numbered lists, [links](https://example.org), **bold**, *italic*, > quotes, footnotes[^1].\n\
         # Leave an answer empty to skip the question. Lines starting with # are comments.\n\n\
         [organisation]\n\
         name = {}\n",
        comment(&org.name),
        comment(title),
        toml_string(&org.name)
    );
    let field = |out: &mut String, key: &str, value: Option<&str>, example: &str, note: &str| {
        let line = match value.filter(|v| !v.trim().is_empty()) {
            Some(v) => format!("{key} = {}", toml_string(v.trim())),
            None => format!("# {key} = {example}"),
        };
        if note.is_empty() {
            out.push_str(&format!("{line}\n"));
        } else {
            out.push_str(&format!("{line:<34}# {note}\n"));
        }
    };
    field(
        &mut out,
        "short_name",
        org.short_name.as_deref(),
        "\"ABBR\"",
        "the signatory line reads \"Name (ABBR)\"",
    );
    out.push_str(&format!(
        "{:<34}# false: contribute text without co-signing\n",
        format!("signs = {}", org.signs)
    ));
    field(&mut out, "country", org.country.as_deref(), "\"\"", "");
    field(
        &mut out,
        "stakeholder",
        org.stakeholder.map(Stakeholder::as_str),
        "\"civil-society\"",
        "civil-society | private-sector | technical-community | academia | government | intergovernmental",
    );
    field(
        &mut out,
        "contact",
        org.contact.as_deref(),
        "\"policy@example.org\"",
        "",
    );
    field(&mut out, "website", None, "\"https://example.org\"", "");
    let codes = q.codes();
    for section in &q.sections {
        out.push_str(&format!("\n# ===== {} =====\n", comment(&section.title)));
        for question in &section.questions {
            out.push('\n');
            let heading = format!("{} {}", question.display_label(), question.text);
            if question.parts.is_empty() {
                answer_template(&mut out, question, &heading, &codes);
                continue;
            }
            // A question with parts: its text, then each part answered on its own.
            for line in wrap(&comment(&heading), 94) {
                out.push_str(&format!("# {line}\n"));
            }
            for part in &question.parts {
                out.push('\n');
                answer_template(
                    &mut out,
                    part,
                    &format!("{} {}", part.display_label(), part.text),
                    &codes,
                );
            }
        }
    }
    out
}

/// One question's (or part's) empty answer: the question and its guidance, links and limits
/// as comments, then the keys to fill in.
fn answer_template(out: &mut String, question: &Question, heading: &str, codes: &[Code]) {
    let id = question.id();
    for line in wrap(&comment(heading), 94) {
        out.push_str(&format!("# {line}\n"));
    }
    if let Some(g) = &question.guidance {
        for line in wrap(&comment(g), 92) {
            out.push_str(&format!("#   {line}\n"));
        }
    }
    for link in &question.links {
        out.push_str(&format!("#   {}\n", comment(&link.url)));
    }
    if let Some(limit) = crate::limits::describe(question.max_words, question.max_chars) {
        out.push_str(&format!("#   Limit: {limit}.\n"));
    }
    out.push_str(&format!("[answers.{id}]\n"));
    match question.kind {
        AnswerKind::Text => out.push_str("text = \"\"\"\n\"\"\"\n"),
        AnswerKind::ActionLines => {
            out.push_str(
                "# Optional text before the action-line bullets:\ntext = \"\"\"\n\"\"\"\n",
            );
            out.push_str("# Optional text after them:\nclosing = \"\"\"\n\"\"\"\n");
            out.push_str(&format!(
                "# One entry per action line you answer; uncomment the ones you need.\n[answers.{id}.action_lines]\n"
            ));
            for c in codes {
                let key = comment(&toml_edit::Key::new(c.code.as_str()).to_string());
                let label = comment(&c.label);
                out.push_str(&format!("# {key} = \"\"\" \"\"\"    # {label}\n"));
            }
        }
        AnswerKind::SingleChoice
        | AnswerKind::MultipleChoice
        | AnswerKind::YesNo
        | AnswerKind::Scale => {
            let options: Vec<String> = question
                .options
                .iter()
                .map(|o| crate::draft::toml_string(o))
                .collect();
            let how = if question.kind == AnswerKind::MultipleChoice {
                "any of, as a list: choice = [\"…\", \"…\"]"
            } else {
                "one of"
            };
            out.push_str(&format!(
                "# Choose {how}: {}\n",
                comment(&options.join(", "))
            ));
            out.push_str("choice = \"\"\n# Optional explanation:\ntext = \"\"\"\n\"\"\"\n");
        }
    }
}

/// `text` in lines of at most `width` columns, for a comment; words are never split.
fn wrap(text: &str, width: usize) -> Vec<String> {
    let one_line = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let options = textwrap::Options::new(width)
        .break_words(false)
        .word_splitter(textwrap::WordSplitter::NoHyphenation);
    textwrap::wrap(&one_line, options)
        .into_iter()
        .map(|line| line.into_owned())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const HAND: &str = "# Our input, agreed at the board meeting.\n[organisation]\nname = \"Hand Org\" # keep this\n\n# The first answer.\n[answers.q1]\ntext = \"old\" # reviewed by Ana\n\n[answers.q2]\ntext = \"two\"\n";

    fn doc(text: &str) -> InputDoc {
        InputDoc {
            path: PathBuf::from("x.toml"),
            doc: text.parse().unwrap(),
            crlf: text.contains("\r\n"),
            bom: false,
        }
    }

    #[test]
    fn setting_keeps_comments_order_and_decor() {
        let mut d = doc(HAND);
        d.set(
            "q1",
            &Slot::Text,
            "New text\nwith \"\"\" quotes and a \\ backslash\u{1}",
        );
        let out = d.text();
        assert!(out.starts_with("# Our input, agreed at the board meeting.\n[organisation]\nname = \"Hand Org\" # keep this\n\n# The first answer.\n[answers.q1]\ntext = \"\"\"\nNew text"), "{out}");
        assert!(out.contains("\"\"\" # reviewed by Ana\n"), "{out}");
        assert!(out.find("[answers.q1]").unwrap() < out.find("[answers.q2]").unwrap());
        let back: toml::Table = out.parse().unwrap();
        assert_eq!(
            back["answers"]["q1"]["text"].as_str().unwrap().trim(),
            "New text\nwith \"\"\" quotes and a \\ backslash\u{1}"
        );
    }

    #[test]
    fn action_lines_and_clearing() {
        let mut d = doc(HAND);
        d.set("q7", &Slot::Line("C7.e-health".into()), "Health.");
        d.set("q7", &Slot::Line("C2".into()), "Infra.");
        d.set("q7", &Slot::Closing, "Bye.");
        assert_eq!(d.lines("q7"), ["C7.e-health", "C2"]);
        assert_eq!(d.answer("q7", &Slot::Closing).as_deref(), Some("Bye."));
        d.clear("q7", &Slot::Line("C2".into()));
        d.set("q1", &Slot::Text, "  ");
        assert_eq!(d.lines("q7"), ["C7.e-health"]);
        assert_eq!(d.answer("q1", &Slot::Text), None);
        let out = d.text();
        assert!(
            out.contains("# The first answer.\n[answers.q1]\n"),
            "the table and its comment stay: {out}"
        );
        let back: toml::Table = out.parse().unwrap();
        assert_eq!(
            back["answers"]["q7"]["action_lines"]["C7.e-health"]
                .as_str()
                .unwrap()
                .trim(),
            "Health."
        );
    }

    #[test]
    fn comments_wrap_between_words_only() {
        let text = "How can multi-stakeholder cooperation be sustained? See https://example.org/a-very-long-address-indeed";
        let lines = wrap(text, 20);
        assert!(
            lines.iter().any(|l| l.contains("multi-stakeholder")),
            "{lines:?}"
        );
        assert!(
            lines.contains(&"https://example.org/a-very-long-address-indeed".to_string()),
            "{lines:?}"
        );
        assert_eq!(lines.join(" "), text);
    }

    #[test]
    fn shorthand_answers_become_tables() {
        let mut d = doc("[organisation]\nname = \"X\"\n[answers]\nq1 = \"short\"\n");
        assert_eq!(d.answer("q1", &Slot::Text).as_deref(), Some("short"));
        d.set("q1", &Slot::Closing, "x");
        assert_eq!(d.answer("q1", &Slot::Text).as_deref(), Some("short"));
    }
}
