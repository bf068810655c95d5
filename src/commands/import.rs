//! `jointly import`: a document's answers into an organisation's input, with every word
//! accounted for.

use std::path::Path;

use crate::cli::ImportArgs;
use crate::draft::{Slot, SlotKey};
use crate::error::Error;
use crate::import::{self, Placed};
use crate::input_edit::{InputDoc, NewOrg};
use crate::load;
use crate::project::INPUTS_DIR;

pub(super) fn run(cwd: &Path, args: ImportArgs) -> Result<(), Error> {
    let root = load::find_root(cwd)?;
    let (config, questionnaire) = load::settings(&root)?;
    let title = config.title(&questionnaire).to_string();
    let source = cwd.join(&args.file);
    let format = import::Format::of(&source)?;
    let too_large = "import the text of the document instead (save it as .txt or .md)";
    let bytes = load::bytes(&source, load::MAX_DOCUMENT, too_large)?;
    let blocks = import::read(format, &source, bytes)?;
    let placed = import::place(&blocks, &questionnaire, &title);
    let source_name = args.file.display().to_string();

    let existing = load::input_summaries(&root)
        .into_iter()
        .find(|o| o.matches(&args.org));
    if args.dry_run {
        let target = existing.map_or_else(
            || "a new input".to_string(),
            |o| super::shown(&o.path).to_string(),
        );
        show_placement(&placed, &source_name);
        report_found(&placed, &questionnaire);
        report_words(&placed, 0);
        super::say(format!(
            "dry run: nothing was written (the answers would go to {target})"
        ));
        return Ok(());
    }
    let mut created = false;
    let (mut doc, display) = match existing {
        Some(org) => {
            let display = super::shown(&org.path);
            (load::input_doc(&org.path, Path::new(&display))?, display)
        }
        None => {
            let name = args.name.clone().unwrap_or_else(|| args.org.clone());
            let short = args.name.as_ref().map(|_| args.org.clone());
            let path = load::free_input_path(&root.join(INPUTS_DIR), &name, short.as_deref())?;
            let org = NewOrg {
                name,
                short_name: short,
                signs: true,
                ..NewOrg::default()
            };
            let display = super::shown(&path);
            created = true;
            (
                InputDoc::create(&path, &org, &questionnaire, &title)?,
                display,
            )
        }
    };
    // Answers already there are kept unless --replace: the imported text goes under
    // [[unplaced]], and the summary says so.
    let mut kept: Vec<String> = Vec::new();
    let mut kept_words = 0;
    crate::save::update_input(&mut doc, |doc| {
        for (qid, slot, text) in &placed.answers {
            if doc.answer(qid, slot).is_some() && !args.replace {
                kept.push(SlotKey::new(qid, slot.clone()).to_string());
                kept_words += crate::markdown::words(text);
                let reason = format!(
                    "{qid} already had an answer, which was kept; import again with --replace to put this text in its place"
                );
                doc.add_unplaced(&source_name, &reason, text);
                continue;
            }
            doc.set(qid, slot, text);
        }
        for u in &placed.unplaced {
            doc.add_unplaced(&format!("{source_name}, {}", u.pos), &u.reason, &u.markdown);
        }
    })?;
    if created {
        super::say(format!("created {display} for a new organisation"));
    }
    report_found(&placed, &questionnaire);
    let written = placed.answers.len() - kept.len();
    super::say(format!(
        "wrote {written} answer text{} to {display}",
        if written == 1 { "" } else { "s" }
    ));
    if !kept.is_empty() {
        super::warn(format!(
            "warning: nothing was replaced: {} already had an answer in {display}, which was kept; the imported text ({kept_words} words) is under [[unplaced]] there (import again with --replace to overwrite)",
            kept.join(", ")
        ));
    }
    report_words(&placed, kept_words);
    // The first few, to see what kind of text it is; the input holds them all.
    const SHOWN: usize = 10;
    for u in placed.unplaced.iter().take(SHOWN) {
        super::warn(format!(
            "warning: not placed: {source_name}, {} ({}): {}",
            u.pos,
            u.reason,
            shorten(&u.markdown)
        ));
    }
    if placed.unplaced.len() > SHOWN {
        super::warn(format!(
            "warning: and {} more texts not placed",
            placed.unplaced.len() - SHOWN
        ));
    }
    if !placed.unplaced.is_empty() {
        super::warn(format!(
            "the text that was not placed is kept under [[unplaced]] in {display}: move it into the right answer, or delete it"
        ));
    }
    Ok(())
}

/// "found 10 of 11 questions (not found: q5)".
fn report_found(placed: &Placed, questionnaire: &crate::questionnaire::Questionnaire) {
    let ids: Vec<&str> = questionnaire.questions().map(|q| q.id()).collect();
    let missing: Vec<&str> = ids
        .iter()
        .copied()
        .filter(|id| !placed.found.iter().any(|f| f == id))
        .collect();
    super::say(format!(
        "found {} of {} questions{}",
        ids.len() - missing.len(),
        ids.len(),
        if missing.is_empty() {
            String::new()
        } else {
            format!(" (not found: {})", missing.join(", "))
        }
    ));
}

/// The word count: what was written into answers, what was the document's own structure,
/// and what is kept under `[[unplaced]]` (`kept` of the placed words went there instead, since
/// answers were already there).
fn report_words(placed: &Placed, kept: usize) {
    super::say(format!(
        "words: {} placed in answers, {} recognised as the document's structure (title, headings, questions, signatories), {} not placed",
        placed.words_placed - kept,
        placed.words_structure,
        placed.words_unplaced() + kept
    ));
}

/// `--dry-run`: each answer's place and first words, then what would not be placed.
fn show_placement(placed: &Placed, source_name: &str) {
    for (qid, slot, text) in &placed.answers {
        let place = match slot {
            Slot::Text => qid.clone(),
            Slot::Line(code) => format!("{qid} {code}"),
            Slot::Closing => format!("{qid} closing"),
            Slot::Choice => format!("{qid} choice"),
        };
        super::say(format!(
            "  {place:<16} {} ({} words)",
            shorten(text),
            crate::markdown::words(text)
        ));
    }
    for u in &placed.unplaced {
        super::say(format!(
            "  not placed       {source_name}, {} ({}): {}",
            u.pos,
            u.reason,
            shorten(&u.markdown)
        ));
    }
}

fn shorten(s: &str) -> String {
    let flat = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() > 60 {
        format!("{}…", flat.chars().take(60).collect::<String>())
    } else {
        flat
    }
}
