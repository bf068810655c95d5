//! `jointly answer`: one answer set or cleared, from a file or standard input, with the same
//! atomic, comment-keeping save as `jointly draft`.

use std::io::Read;
use std::path::Path;

use crate::cli::AnswerArgs;
use crate::draft::Slot;
use crate::error::Error;
use crate::limits::Measure;
use crate::load;
use crate::questionnaire::{AnswerKind, Question};

pub(super) fn run(cwd: &Path, args: AnswerArgs) -> Result<(), Error> {
    let root = load::find_root(cwd)?;
    let (_, questionnaire) = load::settings(&root)?;
    let inputs = load::input_summaries(&root);
    let org = inputs
        .iter()
        .find(|o| o.matches(&args.org))
        .ok_or_else(|| Error::UnknownOrg {
            query: args.org.clone(),
            known: inputs
                .iter()
                .map(|o| o.short_name.clone().unwrap_or_else(|| o.name.clone()))
                .collect(),
        })?;
    let question = questionnaire
        .question(&args.question)
        .ok_or_else(|| Error::Usage {
            message: format!("no question `{}` in the questionnaire", args.question),
            help: format!(
                "the questions are {}",
                questionnaire
                    .questions()
                    .map(|q| q.id())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        })?;
    if !args.choice.is_empty() {
        return choose(&org.path, question, &args.choice);
    }
    let slot = match (&args.line, args.closing) {
        (None, false) => Slot::Text,
        _ if question.kind != AnswerKind::ActionLines => {
            return Err(Error::Usage {
                message: format!(
                    "question `{}` takes free text: --line and --closing are for action-line questions",
                    question.id()
                ),
                help: format!(
                    "drop --line/--closing: `jointly answer --org {} {}`",
                    args.org,
                    question.id()
                ),
            });
        }
        (Some(code), _) => {
            let codes: Vec<String> = questionnaire.codes().into_iter().map(|c| c.code).collect();
            if !codes.contains(code) {
                return Err(Error::Usage {
                    message: format!("no action line `{code}`"),
                    help: format!("the action lines are {}", codes.join(", ")),
                });
            }
            Slot::Line(code.clone())
        }
        (None, true) => Slot::Closing,
    };
    let display = super::shown(&org.path);
    let mut doc = load::input_doc(&org.path, Path::new(&display))?;
    if args.clear {
        // A choice question's answer is its choice and its explanation: both go.
        let choice = question.kind.is_choice() && slot == Slot::Text;
        crate::save::update_input(&mut doc, |d| {
            d.clear(question.id(), &slot);
            if choice {
                d.clear(question.id(), &Slot::Choice);
            }
        })?;
        super::say(format!(
            "cleared {} in {display}",
            describe(question.id(), &slot)
        ));
        return Ok(());
    }
    let text = match args.file.as_deref() {
        Some(p) if p.as_os_str() != "-" => load::text(&cwd.join(p), load::MAX_FILE)?,
        _ => {
            let stdin = Path::new("<stdin>");
            let mut bytes = Vec::new();
            std::io::stdin()
                .take(load::MAX_FILE + 1)
                .read_to_end(&mut bytes)
                .map_err(|e| Error::io(stdin, e))?;
            if bytes.len() as u64 > load::MAX_FILE {
                return Err(Error::Usage {
                    message: format!("the answer is over {} MB", load::MAX_FILE >> 20),
                    help: "is it the right text? An answer is rarely more than a few pages".into(),
                });
            }
            String::from_utf8(bytes).map_err(|_| Error::not_utf8(stdin))?
        }
    };
    if text.trim().is_empty() {
        return Err(Error::Usage {
            message: "the answer is empty".into(),
            help: "to remove an answer, pass --clear".into(),
        });
    }
    crate::save::update_input(&mut doc, |d| d.set(question.id(), &slot, &text))?;
    let m = Measure::of(&text, question.max_words, question.max_chars);
    super::say(format!(
        "saved {} in {display}: {}",
        describe(question.id(), &slot),
        m.describe(&crate::labels::Labels::english())
    ));
    if m.is_over() {
        super::warn(
            "warning: this answer is over the question's limit; it is saved as it is, nothing is cut",
        );
    }
    Ok(())
}

fn describe(question: &str, slot: &Slot) -> String {
    match slot {
        Slot::Text => format!("the answer to {question}"),
        Slot::Closing => format!("the closing text of {question}"),
        Slot::Line(code) => format!("{code} of {question}"),
        Slot::Choice => format!("the choice of {question}"),
    }
}

/// `--choice`: the option(s) chosen, checked against the question's.
fn choose(path: &Path, question: &Question, options: &[String]) -> Result<(), Error> {
    let help = format!("the options are: {}", question.options.join(", "));
    if !question.kind.is_choice() {
        return Err(Error::Usage {
            message: format!("question `{}` takes text, not a choice", question.id()),
            help: "drop --choice and give the text with --file".into(),
        });
    }
    if options.iter().any(|o| o.trim().is_empty()) {
        return Err(Error::Usage {
            message: "an empty --choice names no option".into(),
            help: format!("{help}; to remove the answer, pass --clear"),
        });
    }
    if question.kind != AnswerKind::MultipleChoice && options.len() > 1 {
        return Err(Error::Usage {
            message: format!("question `{}` takes one option", question.id()),
            help,
        });
    }
    let chosen =
        crate::draft::chosen(question, &options.join("\n")).map_err(|wrong| Error::Usage {
            message: format!("`{wrong}` is not an option of `{}`", question.id()),
            help: help.clone(),
        })?;
    let display = super::shown(path);
    let mut doc = load::input_doc(path, Path::new(&display))?;
    crate::save::update_input(&mut doc, |d| d.set(question.id(), &Slot::Choice, &chosen))?;
    super::say(format!(
        "saved the choice of {} in {display}: {}",
        question.id(),
        chosen.replace('\n', ", ")
    ));
    Ok(())
}
