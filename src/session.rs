//! The drafting session: one organisation walks through the questionnaire, answer by answer,
//! and every change is saved to its input file at once. Talks to the user only through a
//! [`Prompter`], so the whole flow is tested with scripted answers.

use std::io;

use crate::draft::Slot;
use crate::error::Error;
use crate::input_edit::InputDoc;
use crate::input_file::Place;
use crate::limits::{self, Measure};
use crate::prompt::{END_OF_TEXT, Prompter};
use crate::questionnaire::{AnswerKind, Question, Questionnaire};

/// What the user reads after Ctrl-C.
pub(crate) const INTERRUPTED: &str =
    "Interrupted. Every answer you finished is saved; run `jointly draft` again to continue.";

/// How a text is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    Editor,
    Typed,
}

enum Nav {
    Next,
    Back,
    Jump(usize),
    Quit,
}

/// One row of the closing summary.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Row {
    /// The question's label: "3." or "3(a)".
    pub label: String,
    /// Whether anything is written for it.
    pub answered: bool,
    /// The answer measured against the question's limits.
    pub measure: Measure,
}

/// A drafting session over one input file.
pub(crate) struct Session<'a> {
    p: &'a mut dyn Prompter,
    q: &'a Questionnaire,
    doc: InputDoc,
    file: String,
    has_editor: bool,
    /// The organisation, as `--org` names it, for the closing hint.
    org: String,
    /// Where the session keeps its place, so that the next one resumes there; `None` keeps
    /// no place (tests).
    place_file: Option<std::path::PathBuf>,
    /// Where the last session stopped.
    resume: Option<Place>,
}

impl<'a> Session<'a> {
    /// A session for the organisation whose input is `doc` (`file` names it for the user).
    pub(crate) fn new(
        p: &'a mut dyn Prompter,
        q: &'a Questionnaire,
        doc: InputDoc,
        file: String,
        has_editor: bool,
    ) -> Self {
        Session {
            p,
            q,
            doc,
            file,
            has_editor,
            org: String::new(),
            place_file: None,
            resume: None,
        }
    }

    /// The organisation as `--org` names it, for the closing hint.
    pub(crate) fn org(mut self, org: &str) -> Self {
        self.org = org.to_string();
        self
    }

    /// Keeps the session's place in `file`, and resumes at `last` when it is still a question.
    pub(crate) fn place(mut self, file: std::path::PathBuf, last: Option<Place>) -> Self {
        self.place_file = Some(file);
        self.resume = last;
        self
    }

    /// Walks the questions from the first unanswered one until the end or until the user
    /// quits; returns the summary rows.
    pub(crate) fn run(mut self) -> Result<Vec<Row>, Error> {
        let questions: Vec<&Question> = self.q.questions().collect();
        let resumed = (self.resume.take())
            .and_then(|r| Some((questions.iter().position(|q| q.id() == r.question)?, r)));
        let mut i = match &resumed {
            Some((i, place)) => {
                let q = questions[*i];
                let line = place
                    .line
                    .as_deref()
                    .map(|l| format!(", {l}"))
                    .unwrap_or_default();
                self.p.show(&format!(
                    "Resuming at question {}{line}, where you stopped.",
                    q.display_label().trim_end_matches('.')
                ));
                *i
            }
            None => (questions.iter())
                .position(|q| !self.answered(q))
                .unwrap_or(0),
        };
        if questions.iter().all(|q| self.answered(q)) {
            self.p
                .show("Every question has an answer: review them, or press q to finish.");
        }
        while i < questions.len() {
            match self.question(i, &questions).map_err(io_error)? {
                Nav::Next => i += 1,
                Nav::Back => i = i.saturating_sub(1),
                Nav::Jump(j) => i = j,
                Nav::Quit => break,
            }
        }
        let rows = self.summary_rows();
        self.p.show(&summary(&rows, &self.file, &self.org));
        Ok(rows)
    }

    fn answered(&self, q: &Question) -> bool {
        self.slots(q)
            .iter()
            .any(|s| self.doc.answer(q.id(), s).is_some())
    }

    /// The slots that hold text for a question, in reading order.
    fn slots(&self, q: &Question) -> Vec<Slot> {
        match q.kind {
            AnswerKind::Text => vec![Slot::Text],
            AnswerKind::ActionLines => {
                let mut s = vec![Slot::Text];
                s.extend(self.q.codes().into_iter().map(|c| Slot::Line(c.code)));
                s.push(Slot::Closing);
                s
            }
            AnswerKind::SingleChoice
            | AnswerKind::MultipleChoice
            | AnswerKind::YesNo
            | AnswerKind::Scale => vec![Slot::Choice, Slot::Text],
        }
    }

    fn measure(&self, q: &Question) -> Measure {
        let codes = self.q.codes();
        let answer = |slot: &Slot| self.doc.answer(q.id(), slot);
        let lines: Vec<(String, String)> = (codes.iter())
            .filter_map(|c| Some((c.code.clone(), answer(&Slot::Line(c.code.clone()))?)))
            .collect();
        limits::measure_answer(
            q,
            &codes,
            answer(&Slot::Text).as_deref(),
            lines.iter().map(|(c, t)| (c, t)),
            answer(&Slot::Closing).as_deref(),
        )
    }

    /// Keeps the session's place, for the next session to resume at. A place that cannot be
    /// kept loses nothing but the place.
    fn keep_place(&self, question: &Question, line: Option<&str>) {
        if let Some(file) = &self.place_file {
            let place = Place {
                question: question.id().to_string(),
                line: line.map(str::to_string),
            };
            if let Ok(text) = toml::to_string(&place) {
                let _ = crate::save::keep_place(file, &text);
            }
        }
    }

    fn question(&mut self, i: usize, questions: &[&Question]) -> io::Result<Nav> {
        let q = questions[i];
        self.keep_place(q, None);
        let parent = self.q.parent_of(q);
        let top = parent.unwrap_or(q).id();
        let section = self
            .q
            .sections
            .iter()
            .find(|s| s.questions.iter().any(|x| x.id() == top))
            .map_or("", |s| &*s.title);
        let answered = questions.iter().filter(|q| self.answered(q)).count();
        let mut header = format!(
            "\n── {section} ──\nQuestion {} of {} · {answered} answered\n\n",
            i + 1,
            questions.len(),
        );
        // A part is read under its question's text.
        if let Some(parent) = parent {
            header.push_str(&format!("{} {}\n", parent.display_label(), parent.text));
        }
        header.push_str(&format!("{} {}\n", q.display_label(), q.text));
        if let Some(g) = &q.guidance {
            header.push_str(&format!("   {g}\n"));
        }
        for link in &q.links {
            header.push_str(&format!("   Link: {}\n", link.url));
        }
        if let Some(l) = limits::describe(q.max_words, q.max_chars) {
            header.push_str(&format!("   Limit: {l}\n"));
        }
        self.p.show(&header);
        loop {
            self.show_current(q);
            let answered = self.answered(q);
            let default = if answered {
                "k"
            } else if self.has_editor {
                "e"
            } else {
                "t"
            };
            let menu = if answered {
                "e edit · t type · k keep · c clear · b back · j jump · q save and quit"
            } else {
                "e edit · t type · s skip · b back · j jump · q save and quit"
            };
            self.p.show(menu);
            let choice = self.p.ask("Your choice", Some(default), &|s| {
                check_letter(s, "etkcsbjq")
            })?;
            match choice
                .trim()
                .chars()
                .next()
                .unwrap_or(default.chars().next().unwrap_or('k'))
            {
                'e' | 't' => {
                    let mode = if choice.trim().starts_with('e') {
                        Mode::Editor
                    } else {
                        Mode::Typed
                    };
                    match q.kind {
                        AnswerKind::Text => {
                            self.write_slot(q, &Slot::Text, mode)?;
                        }
                        AnswerKind::ActionLines => self.action_lines(q, mode)?,
                        AnswerKind::SingleChoice
                        | AnswerKind::MultipleChoice
                        | AnswerKind::YesNo
                        | AnswerKind::Scale => self.choice(q)?,
                    }
                    return Ok(Nav::Next);
                }
                'c' => {
                    if self.p.confirm(
                        &format!(
                            "Clear your whole answer to question {}?",
                            q.display_label().trim_end_matches('.')
                        ),
                        false,
                    )? {
                        let slots = self.slots(q);
                        self.change(|d| {
                            for s in &slots {
                                d.clear(q.id(), s);
                            }
                        })?;
                        self.p.show("Cleared.");
                    }
                }
                'k' | 's' => return Ok(Nav::Next),
                'b' => {
                    if i == 0 {
                        self.p.show("This is the first question.");
                    } else {
                        return Ok(Nav::Back);
                    }
                }
                'j' => {
                    let items: Vec<String> = questions
                        .iter()
                        .map(|x| {
                            format!(
                                "{} {} {}",
                                if self.answered(x) { "✓" } else { " " },
                                x.display_label(),
                                shorten(&x.text, 70)
                            )
                        })
                        .collect();
                    let j = self.p.choose("Go to question", &items, i)?;
                    return Ok(Nav::Jump(j));
                }
                _ => return Ok(Nav::Quit),
            }
        }
    }

    fn show_current(&mut self, q: &Question) {
        if !self.answered(q) {
            self.p.show("No answer yet.");
            return;
        }
        let m = self.measure(q);
        let mut text = format!(
            "Current answer ({}):",
            m.describe(&crate::labels::Labels::english())
        );
        for slot in self.slots(q) {
            if let Some(t) = self.doc.answer(q.id(), &slot) {
                let label = match &slot {
                    Slot::Text if q.kind == AnswerKind::ActionLines => {
                        "before the bullets: ".to_string()
                    }
                    Slot::Text => String::new(),
                    Slot::Closing => "after the bullets: ".to_string(),
                    Slot::Line(code) => format!("{code}: "),
                    Slot::Choice => "chosen: ".to_string(),
                };
                text.push_str(&format!("\n  {label}{}", preview(&t, 200)));
            }
        }
        self.p.show(&text);
    }

    /// Writes one slot with the editor or the terminal, saves, and measures the answer; over a
    /// limit, offers to edit again. Returns whether anything changed.
    fn write_slot(&mut self, q: &Question, slot: &Slot, mut mode: Mode) -> io::Result<bool> {
        let mut changed = false;
        loop {
            let current = self.doc.answer(q.id(), slot).unwrap_or_default();
            let new = match mode {
                Mode::Editor => {
                    let edited = self
                        .p
                        .edit(&with_context(&self.context(q, slot), &current))?;
                    edited.map(|text| without_context(&text))
                }
                Mode::Typed => self.p.type_text()?,
            };
            let Some(new) = new.filter(|n| n.trim() != current.trim()) else {
                self.p.show("No change.");
                return Ok(changed);
            };
            self.change(|d| d.set(q.id(), slot, &new))?;
            changed = true;
            let m = self.measure(q);
            // The text just written, then the whole answer it is part of.
            let english = crate::labels::Labels::english();
            let written = crate::markdown::count(&new);
            let total = match slot {
                Slot::Text if q.kind == AnswerKind::Text => String::new(),
                _ => format!(
                    " Question {} in all: {}",
                    q.display_label().trim_end_matches('.'),
                    m.describe(&english)
                ),
            };
            let what = match slot {
                Slot::Line(code) => format!("{code}: "),
                Slot::Closing => "the text after the bullets: ".into(),
                Slot::Text if q.kind == AnswerKind::ActionLines => {
                    "the text before the bullets: ".into()
                }
                _ => String::new(),
            };
            let this = match total.is_empty() {
                true => m.describe(&english),
                false => format!(
                    "{what}{} word{}.",
                    written.words,
                    if written.words == 1 { "" } else { "s" }
                ),
            };
            self.p
                .show(&format!("Saved to {}. {this}{total}", self.file));
            if !m.is_over() {
                return Ok(true);
            }
            let mut over = Vec::new();
            if let Some(w) = m.words_over() {
                over.push(format!("{w} word{}", if w == 1 { "" } else { "s" }));
            }
            if let Some(c) = m.chars_over() {
                over.push(format!("{c} character{}", if c == 1 { "" } else { "s" }));
            }
            self.p.show(&format!(
                "This answer is over the limit by {}. It is saved as it is; nothing is cut.",
                over.join(" and ")
            ));
            if !self.p.confirm("Edit it again to shorten it?", true)? {
                return Ok(true);
            }
            if mode == Mode::Typed && self.has_editor {
                mode = Mode::Editor;
            }
        }
    }

    /// The text before the bullets, the choice of action lines, each line, the closing text.
    fn action_lines(&mut self, q: &Question, mode: Mode) -> io::Result<()> {
        self.optional_slot(
            q,
            &Slot::Text,
            "Text before the action-line bullets (optional)",
        )?;
        let codes = self.q.codes();
        let existing: Vec<String> = self.doc.lines(q.id());
        let items: Vec<String> = codes
            .iter()
            .map(|c| format!("{} {}", c.display, c.label))
            .collect();
        let labels: Vec<String> = codes.iter().map(|c| c.code.clone()).collect();
        let ticked: Vec<bool> = labels.iter().map(|c| existing.contains(c)).collect();
        let chosen = self.p.choose_many(
            "Which action lines does your answer cover?",
            &items,
            &ticked,
        )?;
        for (k, code) in labels.iter().enumerate() {
            if ticked[k] && !chosen.contains(&k) {
                if self
                    .p
                    .confirm(&format!("Remove your text for {code}?"), false)?
                {
                    self.change(|d| d.clear(q.id(), &Slot::Line(code.clone())))?;
                } else {
                    self.p.show(&format!("Kept {code}."));
                }
            }
        }
        for k in chosen {
            let code = &codes[k];
            let slot = Slot::Line(code.code.clone());
            let label = format!("{} {}", code.display, code.label);
            self.keep_place(q, Some(&code.code));
            if self.doc.answer(q.id(), &slot).is_none() {
                self.p.show(&format!("\n{label}"));
                self.write_slot(q, &slot, mode)?;
            } else {
                self.optional_slot(q, &slot, &label)?;
            }
        }
        self.optional_slot(q, &Slot::Closing, "Text after the bullets (optional)")?;
        Ok(())
    }

    /// A choice question: the option or options (a list to pick from, with the current ones
    /// ticked), then the optional explanation.
    fn choice(&mut self, q: &Question) -> io::Result<()> {
        // The current choice as the questionnaire spells it, whatever the file's spelling.
        let current = self.doc.answer(q.id(), &Slot::Choice).unwrap_or_default();
        let current = crate::draft::chosen(q, &current).unwrap_or_default();
        let ticked: Vec<bool> = (q.options.iter())
            .map(|o| current.lines().any(|l| l == o))
            .collect();
        let picked: Vec<usize> = if q.kind == AnswerKind::MultipleChoice {
            self.p
                .choose_many("Which options apply?", &q.options, &ticked)?
        } else {
            let default = ticked.iter().position(|t| *t).unwrap_or(0);
            vec![self.p.choose("Your answer", &q.options, default)?]
        };
        let chosen: Vec<&str> = picked.iter().map(|&i| q.options[i].as_str()).collect();
        let chosen = chosen.join("\n");
        if chosen != current {
            self.change(|d| d.set(q.id(), &Slot::Choice, &chosen))?;
            self.p.show(&format!(
                "Saved to {}: {}",
                self.file,
                chosen.replace('\n', ", ")
            ));
        }
        self.optional_slot(q, &Slot::Text, "Explanation (optional)")
    }

    /// A slot that may stay as it is: keep (the default), write, or clear.
    fn optional_slot(&mut self, q: &Question, slot: &Slot, label: &str) -> io::Result<()> {
        let current = self.doc.answer(q.id(), slot);
        let shown = match &current {
            Some(t) => format!("\n{label}: {}", preview(t, 160)),
            None => format!("\n{label}: (none)"),
        };
        self.p.show(&shown);
        let letters = if current.is_some() {
            "e edit · t type · k keep · c clear"
        } else {
            "e edit · t type · k skip"
        };
        let choice = self
            .p
            .ask(letters, Some("k"), &|s| check_letter(s, "etkcs"))?;
        match choice.trim().chars().next().unwrap_or('k') {
            'e' => {
                self.write_slot(q, slot, Mode::Editor)?;
            }
            't' => {
                self.write_slot(q, slot, Mode::Typed)?;
            }
            'c' => {
                self.change(|d| d.clear(q.id(), slot))?;
                self.p.show("Cleared.");
            }
            _ => {}
        }
        Ok(())
    }

    /// One change, saved at once (re-reading the file under the folder's lock, so a change
    /// `jointly answer` made meanwhile is kept).
    fn change(&mut self, f: impl FnOnce(&mut InputDoc)) -> io::Result<()> {
        crate::save::update_input(&mut self.doc, f).map_err(|e| io::Error::other(e.to_string()))
    }

    fn summary_rows(&self) -> Vec<Row> {
        self.q
            .questions()
            .map(|q| Row {
                label: q.display_label(),
                answered: self.answered(q),
                measure: self.measure(q),
            })
            .collect()
    }
}

fn check_letter(s: &str, allowed: &str) -> Result<(), String> {
    let s = s.trim();
    match s.chars().next() {
        None => Ok(()),
        Some(c) if allowed.contains(c) && s.chars().count() == 1 => Ok(()),
        _ => Err(format!(
            "type one of: {}",
            allowed
                .chars()
                .map(String::from)
                .collect::<Vec<_>>()
                .join(" ")
        )),
    }
}

/// The closing table: answered, words, over-limit, and what to do next.
pub(crate) fn summary(rows: &[Row], file: &str, org: &str) -> String {
    let mut out =
        format!("\nYour answers, saved in {file}:\n\n  Question  Answered  Words  Over limit\n");
    for r in rows {
        let over = match (r.measure.words_over(), r.measure.chars_over()) {
            (Some(w), _) => format!("{w} words over"),
            (None, Some(c)) => format!("{c} characters over"),
            (None, None) => String::new(),
        };
        out.push_str(&format!(
            "  {:>8}  {:<8}  {:>5}  {over}\n",
            r.label.trim_end_matches('.'),
            if r.answered { "yes" } else { "-" },
            if r.answered {
                r.measure.words.to_string()
            } else {
                String::new()
            }
        ));
    }
    let answered = rows.iter().filter(|r| r.answered).count();
    let words: usize = rows.iter().map(|r| r.measure.words).sum();
    out.push_str(&format!(
        "\n{answered} of {} questions answered, {words} words.\n",
        rows.len()
    ));
    out.push_str(&format!(
        "Next: `jointly check` looks for problems; send {file} to your coalition's lead, who runs `jointly merge` and `jointly build`.\nRun `jointly draft{}` again at any time to continue where you left off.",
        match org {
            "" => String::new(),
            org if org.contains([' ', '"', '\'']) => format!(" --org \"{}\"", org.replace('"', "")),
            org => format!(" --org {org}"),
        }
    ));
    out
}

/// The line that separates the editor file's notes from the answer, as git's scissors line
/// does: everything above it is removed on save.
const ANSWER_BELOW: &str =
    "# ─── Write your answer below this line. The lines above are removed when you save. ───";

/// The file the editor opens: the question, its guidance and limits as notes, then the
/// answer.
fn with_context(context: &str, current: &str) -> String {
    let notes: String = context.lines().map(|l| format!("# {l}\n")).collect();
    format!("{notes}{ANSWER_BELOW}\n{current}")
}

/// What the user wrote, without the notes above the separating line (all of it, when the
/// user removed that line: nothing typed is ever dropped).
fn without_context(text: &str) -> String {
    match text.find(ANSWER_BELOW) {
        Some(at) => text[at + ANSWER_BELOW.len()..]
            .strip_prefix('\n')
            .unwrap_or(&text[at + ANSWER_BELOW.len()..])
            .to_string(),
        None => text.to_string(),
    }
}

impl Session<'_> {
    /// The notes the editor shows over an answer: the question (under its question, for a
    /// part), the action line being written, the guidance and the limits.
    fn context(&self, q: &Question, slot: &Slot) -> String {
        let mut out = String::new();
        if let Some(parent) = self.q.parent_of(q) {
            out.push_str(&format!("{} {}\n", parent.display_label(), parent.text));
        }
        out.push_str(&format!("{} {}\n", q.display_label(), q.text));
        match slot {
            Slot::Line(code) => {
                let name = (self.q.codes().into_iter())
                    .find(|c| &c.code == code)
                    .map(|c| format!("{} {}", c.display, c.label))
                    .unwrap_or_else(|| code.clone());
                out.push_str(&format!("Action line: {name}\n"));
            }
            Slot::Text if q.kind == AnswerKind::ActionLines => {
                out.push_str("The text before the action-line bullets.\n");
            }
            Slot::Closing => out.push_str("The text after the action-line bullets.\n"),
            _ => {}
        }
        if let Some(g) = &q.guidance {
            out.push_str(&format!("Guidance: {g}\n"));
        }
        if let Some(l) = limits::describe(q.max_words, q.max_chars) {
            out.push_str(&format!("Limit: {l}.\n"));
        }
        out.push_str(
            "Markdown: paragraphs, - lists, **bold**, *italic*, [links](https://…), footnotes[^1].",
        );
        textwrap::fill(&out, 88)
    }
}

/// An answer as the terminal shows it: list items and paragraphs on lines of their own,
/// shortened to about `max` characters.
fn preview(text: &str, max: usize) -> String {
    let mut out = Vec::new();
    let mut used = 0;
    for line in text
        .lines()
        .map(str::trim_end)
        .filter(|l| !l.trim().is_empty())
    {
        if used >= max {
            out.push("    …".to_string());
            break;
        }
        let line = shorten(line, max - used);
        used += line.chars().count();
        out.push(line);
    }
    out.join("\n    ")
}

fn shorten(text: &str, max: usize) -> String {
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() <= max {
        flat
    } else {
        format!("{}…", flat.chars().take(max).collect::<String>().trim_end())
    }
}

fn io_error(e: io::Error) -> Error {
    if e.kind() == io::ErrorKind::Interrupted {
        Error::Interrupted(INTERRUPTED.into())
    } else {
        Error::Usage {
            message: format!("the terminal session failed: {e}"),
            help: format!(
                "your answers so far are saved; without a terminal use `jointly answer` (typed text ends with {END_OF_TEXT})"
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use std::collections::VecDeque;
    use std::path::Path;

    use super::*;

    #[test]
    fn the_editor_notes_come_off_and_nothing_typed_is_lost() {
        let file = with_context("1. Why?\nLimit: 5 words.", "Old answer.");
        assert!(file.starts_with("# 1. Why?\n# Limit: 5 words.\n# ─── Write your answer below"));
        assert_eq!(without_context(&file), "Old answer.");
        assert_eq!(
            without_context(&format!("{file}\nMore.")),
            "Old answer.\nMore."
        );
        // Without the separating line, everything is the answer.
        assert_eq!(
            without_context("# A heading of mine\nText."),
            "# A heading of mine\nText."
        );
    }

    #[test]
    fn a_preview_keeps_list_items_on_their_own_lines() {
        let shown = preview("Intro.\n\n- one\n- two\n\nEnd.", 200);
        assert_eq!(shown, "Intro.\n    - one\n    - two\n    End.");
        assert!(preview(&"word ".repeat(100), 40).chars().count() <= 45);
    }

    #[derive(Debug)]
    enum Step {
        Choose(usize),
        /// Take what the list offers first (the cursor's place).
        Offered,
        Many(Vec<usize>),
        Ask(&'static str),
        Confirm(bool),
        Edit(Option<&'static str>),
        Type(Option<&'static str>),
    }
    use Step::*;

    /// Answers prompts from a script; fails the test on a prompt the script did not expect.
    struct Script {
        steps: VecDeque<Step>,
        shown: Vec<String>,
        quit_when_done: bool,
    }

    impl Script {
        fn new(steps: Vec<Step>) -> Script {
            Script {
                steps: steps.into(),
                shown: Vec::new(),
                quit_when_done: false,
            }
        }
        fn next(&mut self, what: &str) -> Step {
            match self.steps.pop_front() {
                Some(s) => s,
                None if self.quit_when_done && what == "ask" => Ask("q"),
                None => panic!(
                    "script ran out at a {what} prompt; last screen:\n{}",
                    self.shown.last().cloned().unwrap_or_default()
                ),
            }
        }
    }

    impl Prompter for Script {
        fn show(&mut self, text: &str) {
            self.shown.push(text.to_string());
        }
        fn choose(&mut self, _: &str, items: &[String], default: usize) -> io::Result<usize> {
            match self.next("choose") {
                Choose(i) => {
                    assert!(i < items.len());
                    Ok(i)
                }
                Offered => Ok(default),
                other => panic!("expected {other:?}, got a choose prompt"),
            }
        }
        fn choose_many(&mut self, _: &str, _: &[String], _: &[bool]) -> io::Result<Vec<usize>> {
            match self.next("choose_many") {
                Many(v) => Ok(v),
                other => panic!("expected {other:?}, got a multi-select"),
            }
        }
        fn ask(
            &mut self,
            prompt: &str,
            default: Option<&str>,
            check: &dyn Fn(&str) -> Result<(), String>,
        ) -> io::Result<String> {
            match self.next("ask") {
                Ask(s) => {
                    check(s).unwrap_or_else(|e| panic!("{prompt}: {s:?} refused: {e}"));
                    Ok(if s.is_empty() {
                        default.unwrap_or("").to_string()
                    } else {
                        s.to_string()
                    })
                }
                other => panic!("expected {other:?}, got ask {prompt:?}"),
            }
        }
        fn confirm(&mut self, prompt: &str, _: bool) -> io::Result<bool> {
            match self.next("confirm") {
                Confirm(b) => Ok(b),
                other => panic!("expected {other:?}, got confirm {prompt:?}"),
            }
        }
        fn edit(&mut self, _: &str) -> io::Result<Option<String>> {
            match self.next("edit") {
                Edit(t) => Ok(t.map(str::to_string)),
                other => panic!("expected {other:?}, got the editor"),
            }
        }
        fn type_text(&mut self) -> io::Result<Option<String>> {
            match self.next("type") {
                Type(t) => Ok(t.map(str::to_string)),
                other => panic!("expected {other:?}, got typing"),
            }
        }
    }

    fn setup(dir: &Path) -> (Questionnaire, std::path::PathBuf) {
        let q = Questionnaire::builtin("wsis20").unwrap();
        let path = dir.join("org.toml");
        let org = crate::input_edit::NewOrg {
            name: "Test Org".into(),
            short_name: Some("TO".into()),
            signs: true,
            ..Default::default()
        };
        let doc = InputDoc::create(&path, &org, &q, "T").unwrap();
        crate::save::write_atomic(&path, doc.text().as_bytes()).unwrap();
        (q, path)
    }

    fn run(q: &Questionnaire, path: &Path, script: &mut Script) -> Vec<Row> {
        let doc = crate::load::input_doc(path, Path::new("org.toml")).unwrap();
        Session::new(script, q, doc, "org.toml".into(), true)
            .run()
            .unwrap()
    }

    fn saved(path: &Path) -> toml::Table {
        std::fs::read_to_string(path).unwrap().parse().unwrap()
    }

    #[test]
    fn answers_skips_goes_back_clears_and_quits() {
        let dir = tempfile::tempdir().unwrap();
        let (q, path) = setup(dir.path());
        let mut s = Script::new(vec![
            Ask("e"),
            Edit(Some("First answer.")), // q1, editor
            Ask("s"),                    // q2 skipped
            Ask("t"),
            Type(Some("Third,\ntyped.")), // q3 typed
            Ask("b"),                     // q4: back to q3
            Ask("c"),
            Confirm(true),
            Ask("k"), // q3 cleared, then on
            Ask("j"),
            Choose(0), // q4: jump to q1
            Ask("k"),  // q1 kept
            Ask("q"),  // q2: quit
        ]);
        let rows = run(&q, &path, &mut s);
        assert!(s.steps.is_empty(), "script left: {:?}", s.steps);
        let t = saved(&path);
        assert_eq!(
            t["answers"]["q1"]["text"].as_str().unwrap().trim(),
            "First answer."
        );
        assert!(t["answers"]["q3"].get("text").is_none(), "q3 cleared");
        assert_eq!(rows.iter().filter(|r| r.answered).count(), 1);
        assert!(
            s.shown
                .iter()
                .any(|x| x.contains("Question 4 of 11 · 1 answered")),
            "{:?}",
            s.shown
        );
        assert!(
            s.shown
                .last()
                .unwrap()
                .contains("1 of 11 questions answered")
        );
    }

    #[test]
    fn resumes_at_the_first_unanswered_question() {
        let dir = tempfile::tempdir().unwrap();
        let (q, path) = setup(dir.path());
        let mut first = Script::new(vec![
            Ask("t"),
            Type(Some("One.")),
            Ask("t"),
            Type(Some("Two.")),
            Ask("q"),
        ]);
        run(&q, &path, &mut first);
        let mut second = Script::new(vec![Ask("q")]);
        run(&q, &path, &mut second);
        assert!(
            second.shown.iter().any(|x| x.contains("Question 3 of 11")),
            "{:?}",
            second.shown
        );
    }

    #[test]
    fn action_lines_are_chosen_then_answered_one_by_one() {
        let dir = tempfile::tempdir().unwrap();
        let (q, path) = setup(dir.path());
        let codes = q.codes();
        let c2 = codes.iter().position(|c| c.code == "C2").unwrap();
        let health = codes.iter().position(|c| c.code == "C7.e-health").unwrap();
        let mut s = Script::new(vec![
            Ask("j"),
            Choose(6), // go to q7
            Ask("e"),  // write it
            Ask("t"),
            Type(Some("Intro.")),               // text before the bullets
            Many(vec![c2, health]),             // two lines
            Edit(Some("Infrastructure text.")), // C2 (new: straight to the editor)
            Edit(Some("Health text.")),         // C7.e-health
            Ask("k"),                           // no closing text
            Ask("q"),                           // q8: quit
        ]);
        run(&q, &path, &mut s);
        let t = saved(&path);
        let q7 = &t["answers"]["q7"];
        assert_eq!(q7["text"].as_str().unwrap().trim(), "Intro.");
        assert_eq!(
            q7["action_lines"]["C2"].as_str().unwrap().trim(),
            "Infrastructure text."
        );
        assert_eq!(
            q7["action_lines"]["C7.e-health"].as_str().unwrap().trim(),
            "Health text."
        );
        // Unticking a line asks before removing its text.
        let mut s = Script::new(vec![
            Ask("j"),
            Choose(6),
            Ask("e"),
            Ask("k"),
            Many(vec![c2]),
            Confirm(true),
            Ask("k"),
            Ask("k"),
            Ask("q"),
        ]);
        run(&q, &path, &mut s);
        let t = saved(&path);
        assert!(
            t["answers"]["q7"]["action_lines"]
                .get("C7.e-health")
                .is_none()
        );
        assert!(t["answers"]["q7"]["action_lines"].get("C2").is_some());
    }

    #[test]
    fn over_the_limit_is_said_and_editing_again_is_offered() {
        let dir = tempfile::tempdir().unwrap();
        let (mut q, path) = setup(dir.path());
        q.sections[0].questions[0].max_words = Some(3);
        let mut s = Script::new(vec![
            Ask("e"),
            Edit(Some("One two three four five.")),
            Confirm(true),
            Edit(Some("One two three.")),
            Ask("q"),
        ]);
        run(&q, &path, &mut s);
        assert!(
            s.shown
                .iter()
                .any(|x| x.contains("over the limit by 2 words")),
            "{:?}",
            s.shown
        );
        assert_eq!(
            saved(&path)["answers"]["q1"]["text"]
                .as_str()
                .unwrap()
                .trim(),
            "One two three."
        );
    }

    #[test]
    fn an_unsaved_editor_changes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let (q, path) = setup(dir.path());
        let before = std::fs::read_to_string(&path).unwrap();
        let mut s = Script::new(vec![Ask("e"), Edit(None), Ask("q")]);
        run(&q, &path, &mut s);
        assert_eq!(std::fs::read_to_string(&path).unwrap(), before);
        assert!(s.shown.iter().any(|x| x == "No change."));
    }

    #[test]
    fn a_choice_is_offered_as_it_stands_in_any_spelling() {
        let dir = tempfile::tempdir().unwrap();
        let text = "id = \"d\"\ntitle = \"D\"\n[[sections]]\ntitle = \"S\"\n[[sections.questions]]\nid = \"q1\"\nnumber = 1\nkind = \"scale\"\ntext = \"Agree?\"\noptions = [\"Strongly agree\", \"Agree\", \"Strongly disagree\"]\n";
        let src = crate::source::SourceFile::new(Path::new("q.toml"), Path::new("q.toml"), text);
        let q = Questionnaire::parse(&src, &mut crate::diag::Report::new()).unwrap();
        let path = dir.path().join("org.toml");
        std::fs::write(
            &path,
            "[organisation]\nname = \"O\"\n[answers.q1]\nchoice = \"strongly disagree\"\n",
        )
        .unwrap();
        // Edit, keep the option the list starts on, keep the (empty) explanation, quit.
        let mut s = Script::new(vec![Ask("e"), Offered, Ask("k")]);
        s.quit_when_done = true;
        run(&q, &path, &mut s);
        let answer = &saved(&path)["answers"]["q1"]["choice"];
        assert!(
            answer
                .as_str()
                .is_some_and(|c| c.eq_ignore_ascii_case("strongly disagree")),
            "{answer}"
        );
    }
}
