//! `jointly questionnaire`: a questionnaire from a call for inputs, and checking one.

use std::io::Write;
use std::path::Path;

use crate::cli::QuestionnaireCommand;
use crate::diag::Report;
use crate::error::Error;
use crate::import;
use crate::load;
use crate::questionnaire::Questionnaire;

pub(super) fn run(cwd: &Path, cmd: QuestionnaireCommand) -> Result<(), Error> {
    match cmd {
        QuestionnaireCommand::From { call, output } => from(cwd, &call, &output),
        QuestionnaireCommand::Check { file } => check(cwd, &file),
    }
}

fn from(cwd: &Path, call: &Path, output: &Path) -> Result<(), Error> {
    let source = cwd.join(call);
    let format = import::Format::of(&source)?;
    let too_large = "save the call's text as .txt and read that";
    let bytes = load::bytes(&source, load::MAX_DOCUMENT, too_large)?;
    let blocks = import::read(format, &source, bytes)?;
    let found = import::call::read(&blocks);
    let (questions, parts) = found.counts();
    if questions == 0 {
        return Err(Error::Usage {
            message: format!("no numbered questions found in `{}`", call.display()),
            help: "jointly looks for questions numbered 1., 2., … (or 1), Q1, Question 1) that ask something; write the questionnaire by hand from the built-in one (see README)".into(),
        });
    }
    let id = crate::text::slug(
        call.file_stem()
            .map(|s| s.to_string_lossy())
            .as_deref()
            .unwrap_or("call"),
    );
    let toml = import::call::to_toml(&found, &id);
    if output.as_os_str() == "-" {
        let mut out = std::io::stdout().lock();
        out.write_all(toml.as_bytes())
            .and_then(|()| out.flush())
            .map_err(|e| Error::io(Path::new("<stdout>"), e))?;
        return Ok(());
    }
    let target = cwd.join(output);
    crate::save::write_new(
        &target,
        toml.as_bytes(),
        "give another name with -o, or remove it",
    )?;
    // The file is there to review even when the call read oddly: say what to fix in it.
    let mut report = Report::new();
    let display = std::path::PathBuf::from(super::shown(&target));
    let source = crate::source::SourceFile::new(&target, &display, toml.clone());
    if Questionnaire::parse(&source, &mut report).is_none() {
        super::warn(format!(
            "wrote {}, which needs fixing before jointly can use it:",
            display.display()
        ));
        return Err(Error::Invalid(report));
    }
    let limits = (found.sections.iter().flat_map(|(_, q)| q))
        .flat_map(|q| std::iter::once(q).chain(q.parts.iter().map(|(_, p)| p)))
        .filter(|q| q.max_words.is_some() || q.max_chars.is_some())
        .count();
    super::say(format!(
        "wrote {}: \"{}\", {questions} question{}, {parts} part{}, {limits} with a limit{}",
        super::shown(&target),
        found.title,
        if questions == 1 { "" } else { "s" },
        if parts == 1 { "" } else { "s" },
        if found.max_words.or(found.max_chars).is_some() {
            ", and one for the whole submission"
        } else {
            ""
        },
    ));
    super::say(format!(
        "review it against the call (texts word for word, numbers, parts, limits), then `jointly init --questionnaire {}`",
        super::shown(&target)
    ));
    Ok(())
}

fn check(cwd: &Path, file: &Path) -> Result<(), Error> {
    let mut report = Report::new();
    let q = load::questionnaire(&file.display().to_string(), cwd, &mut report)
        .filter(|_| !report.has_errors())
        .ok_or(Error::Invalid(report))?;
    let parts: usize = q
        .sections
        .iter()
        .flat_map(|s| &s.questions)
        .map(|x| x.parts.len())
        .sum();
    let questions: usize = q.sections.iter().map(|s| s.questions.len()).sum();
    super::say(format!(
        "no problems found: \"{}\", {} section{}, {questions} question{}, {parts} part{}",
        q.title,
        q.sections.len(),
        if q.sections.len() == 1 { "" } else { "s" },
        if questions == 1 { "" } else { "s" },
        if parts == 1 { "" } else { "s" },
    ));
    Ok(())
}
