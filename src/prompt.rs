//! The terminal: the only module that talks to the user interactively. Everything the drafting
//! session asks goes through the [`Prompter`] trait, so the session is tested with scripted
//! answers and the real terminal is only needed here.

use std::io::{self, BufRead, IsTerminal, Write};

use dialoguer::console::Term;
use dialoguer::theme::ColorfulTheme;
use dialoguer::{Confirm, Editor, Input, MultiSelect, Select};

use crate::diag::terminal_safe;

/// What the drafting session needs from whoever answers.
pub(crate) trait Prompter {
    /// Shows a block of text.
    fn show(&mut self, text: &str);
    /// One item of a list; returns its index.
    fn choose(&mut self, prompt: &str, items: &[String], default: usize) -> io::Result<usize>;
    /// Any number of items of a list, some ticked already; returns the ticked indices.
    fn choose_many(
        &mut self,
        prompt: &str,
        items: &[String],
        ticked: &[bool],
    ) -> io::Result<Vec<usize>>;
    /// A line of text; `check` returns why an answer is refused.
    fn ask(
        &mut self,
        prompt: &str,
        default: Option<&str>,
        check: &dyn Fn(&str) -> Result<(), String>,
    ) -> io::Result<String>;
    /// Yes or no.
    fn confirm(&mut self, prompt: &str, default: bool) -> io::Result<bool>;
    /// The text after editing `current` in the user's editor; `None` when nothing was saved.
    fn edit(&mut self, current: &str) -> io::Result<Option<String>>;
    /// Several lines typed in the terminal; `None` when nothing was typed.
    fn type_text(&mut self) -> io::Result<Option<String>>;
}

/// True when standard input and output are a terminal a person can answer prompts on.
pub(crate) fn is_interactive() -> bool {
    io::stdin().is_terminal() && io::stdout().is_terminal()
}

/// The editor `edit` opens, if the user has one set.
pub(crate) fn editor() -> Option<String> {
    ["VISUAL", "EDITOR"]
        .iter()
        .find_map(|v| std::env::var(v).ok().filter(|s| !s.trim().is_empty()))
}

/// What ends typed text, as the screen says it.
pub(crate) const END_OF_TEXT: &str = "a line holding only a dot (.)";

/// Prompts on the real terminal with dialoguer.
pub(crate) struct Terminal {
    theme: ColorfulTheme,
}

impl Terminal {
    /// A prompter on standard error / standard input. Ctrl-C from here on leaves the terminal
    /// usable: the cursor is shown again and the process ends, after any save in progress.
    pub(crate) fn new(on_interrupt: &'static str) -> Terminal {
        let _ = ctrlc::set_handler(move || {
            // Wait for a save in progress (it holds the lock) before leaving.
            let _guard = crate::save::SAVING.lock();
            let _ = Term::stderr().show_cursor();
            let _ = Term::stdout().show_cursor();
            eprintln!("\n{on_interrupt}");
            std::process::exit(130);
        });
        Terminal {
            theme: ColorfulTheme::default(),
        }
    }
}

/// However the session ends, the cursor is visible again (dialoguer hides it in lists).
impl Drop for Terminal {
    fn drop(&mut self) {
        let _ = Term::stderr().show_cursor();
        let _ = Term::stdout().show_cursor();
    }
}

fn io_err(e: dialoguer::Error) -> io::Error {
    match e {
        dialoguer::Error::IO(e) => e,
    }
}

/// What the terminal shows: questionnaires, names and answers come from files, so their
/// control characters are written out, never obeyed (see `diag::terminal_safe`).
fn safe(text: &str) -> String {
    terminal_safe(text).into_owned()
}

/// Text wrapped to the terminal's `width` at word boundaries, each line on its own, its
/// indent kept on the lines it wraps into.
fn wrapped(text: &str, width: usize) -> String {
    text.split('\n')
        .map(|line| {
            let indent = &line[..line.len() - line.trim_start().len()];
            let options = textwrap::Options::new(width)
                .subsequent_indent(indent)
                .break_words(false);
            textwrap::fill(line, options)
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn safe_all(items: &[String]) -> Vec<String> {
    items.iter().map(|i| safe(i)).collect()
}

impl Prompter for Terminal {
    fn show(&mut self, text: &str) {
        let term = Term::stdout();
        let width = usize::from(term.size().1).clamp(40, 100);
        let _ = term.write_line(&wrapped(&safe(text), width));
    }

    fn choose(&mut self, prompt: &str, items: &[String], default: usize) -> io::Result<usize> {
        Select::with_theme(&self.theme)
            .with_prompt(safe(prompt))
            .items(safe_all(items))
            .default(default)
            .max_length(15)
            .interact()
            .map_err(io_err)
    }

    fn choose_many(
        &mut self,
        prompt: &str,
        items: &[String],
        ticked: &[bool],
    ) -> io::Result<Vec<usize>> {
        MultiSelect::with_theme(&self.theme)
            .with_prompt(format!("{} (space ticks, enter confirms)", safe(prompt)))
            .items(safe_all(items))
            .defaults(ticked)
            .max_length(15)
            .interact()
            .map_err(io_err)
    }

    fn ask(
        &mut self,
        prompt: &str,
        default: Option<&str>,
        check: &dyn Fn(&str) -> Result<(), String>,
    ) -> io::Result<String> {
        let mut input = Input::<String>::with_theme(&self.theme)
            .with_prompt(safe(prompt))
            .allow_empty(true);
        if let Some(d) = default {
            input = input.default(d.to_string()).show_default(!d.is_empty());
        }
        input
            .validate_with(|s: &String| check(s))
            .interact_text()
            .map_err(io_err)
    }

    fn confirm(&mut self, prompt: &str, default: bool) -> io::Result<bool> {
        // Like every other prompt, it waits for Enter: a key pressed after "y" can never
        // spill into the next prompt.
        Confirm::with_theme(&self.theme)
            .with_prompt(safe(prompt))
            .default(default)
            .wait_for_newline(true)
            .interact()
            .map_err(io_err)
    }

    fn edit(&mut self, current: &str) -> io::Result<Option<String>> {
        let mut editor = Editor::new();
        editor.extension(".md");
        if let Some(e) = crate::prompt::editor() {
            editor.executable(e);
        }
        editor.edit(current).map_err(io_err)
    }

    fn type_text(&mut self) -> io::Result<Option<String>> {
        let mut out = io::stdout();
        writeln!(
            out,
            "Type your answer (Markdown). End with {END_OF_TEXT} on its own, or Ctrl-D."
        )?;
        out.flush()?;
        let mut lines = Vec::new();
        let stdin = io::stdin();
        for line in stdin.lock().lines() {
            let line = line?;
            if line.trim() == "." {
                break;
            }
            lines.push(line);
        }
        let text = lines.join("\n");
        Ok((!text.trim().is_empty()).then_some(text))
    }
}
