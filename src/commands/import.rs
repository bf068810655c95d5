//! `jointly import`: a document's answers into an organisation's input, with every word
//! accounted for.

use std::path::Path;

use crate::cli::ImportArgs;
use crate::error::Error;
use crate::import;
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
    let mut written = 0;
    let mut kept = 0;
    crate::save::update_input(&mut doc, |doc| {
        for (qid, slot, text) in &placed.answers {
            if doc.answer(qid, slot).is_some() && !args.replace {
                kept += 1;
                let reason = format!(
                    "{qid} already has an answer; import again with --replace to overwrite it"
                );
                doc.add_unplaced(&source_name, &reason, text);
                continue;
            }
            doc.set(qid, slot, text);
            written += 1;
        }
        for u in &placed.unplaced {
            doc.add_unplaced(&format!("{source_name}, {}", u.pos), &u.reason, &u.markdown);
        }
    })?;
    if created {
        super::say(format!("created {display} for a new organisation"));
    }

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
    super::say(format!(
        "wrote {written} answer text{} to {display}",
        if written == 1 { "" } else { "s" }
    ));
    super::say(format!(
        "words: {} placed in answers, {} recognised as the document's structure (title, headings, questions, signatories), {} not placed",
        placed.words_placed,
        placed.words_structure,
        placed.words_unplaced()
    ));
    if kept > 0 {
        super::warn(format!(
            "warning: {kept} answer{} already there kept; the imported text is under [[unplaced]] (use --replace to overwrite)",
            if kept == 1 { " was" } else { "s were" }
        ));
    }
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

fn shorten(s: &str) -> String {
    let flat = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() > 60 {
        format!("{}…", flat.chars().take(60).collect::<String>())
    } else {
        flat
    }
}
