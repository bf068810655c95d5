//! The command line, as clap types. They stop here: commands turn them into plain values.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// "0.1.0 (commit 1a2b3c4d5e6f)", for `--version`.
const VERSION: &str = concat!(env!("CARGO_PKG_VERSION"), " (", env!("JOINTLY_COMMIT"), ")");

/// Write one joint response to a public consultation with a coalition of organisations.
///
/// A project is a folder with jointly.toml, one input file per organisation in inputs/, and
/// (after `jointly merge`) the joint draft in draft.toml. `jointly build` writes the submission.
#[derive(Debug, Parser)]
#[command(name = "jointly", version = VERSION, max_term_width = 100)]
pub struct Cli {
    /// Run as if jointly was started in DIR.
    #[arg(short = 'C', long = "directory", global = true, value_name = "DIR")]
    pub directory: Option<PathBuf>,

    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Start a project: write jointly.toml and an empty inputs/ folder.
    Init(InitArgs),
    /// Write an organisation's blank input file to fill in, every question as a comment.
    Template(TemplateArgs),
    /// Answer the questionnaire for one organisation, question by question, in the terminal.
    Draft(DraftArgs),
    /// Set or clear one answer from a file or standard input (the scriptable `draft`).
    Answer(AnswerArgs),
    /// Read a Word, Markdown or text document that answers the questionnaire into an input.
    Import(ImportArgs),
    /// Check the whole project: errors and warnings, with file, line and column.
    Check(CheckArgs),
    /// Merge every input into the joint draft (draft.toml), keeping the lead's edits.
    Merge(MergeArgs),
    /// Write the submission from draft.toml (or straight from the inputs when there is none).
    Build(BuildArgs),
    /// Record that an organisation approves the current joint text (in its own input file).
    Approve(ApproveArgs),
    /// Who answered what, word counts against limits, and who has signed off.
    Status(StatusArgs),
    /// What changed in the joint text since an organisation approved it, as a word diff.
    Diff(DiffArgs),
    /// Export the Markdown templates, to change the layout (for input files: `template`).
    #[command(subcommand)]
    Templates(TemplatesCommand),
    /// Make a questionnaire from a call for inputs, or check a questionnaire file.
    #[command(subcommand)]
    Questionnaire(QuestionnaireCommand),
    /// Print the completion script for a shell: `jointly completions bash > …` (see the README).
    Completions(CompletionsArgs),
    /// Print the manual page (roff), which release archives include as jointly.1.
    #[command(hide = true)]
    Man,
}

/// `jointly completions`
#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell.
    #[arg(value_enum)]
    pub shell: Shell,
}

/// The shells jointly writes completions for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Shell {
    /// bash
    Bash,
    /// zsh
    Zsh,
    /// fish
    Fish,
    /// PowerShell
    Powershell,
}

/// `jointly init`
#[derive(Debug, Args)]
pub struct InitArgs {
    /// The folder to create the project in.
    #[arg(default_value = ".")]
    pub dir: PathBuf,
    /// The questionnaire: a built-in id (wsis20) or the path of a questionnaire TOML file.
    #[arg(long, value_name = "ID|PATH", default_value = "wsis20")]
    pub questionnaire: String,
    /// The submission's title (default: the questionnaire's title).
    #[arg(long, value_parser = Checked(one_line))]
    pub title: Option<String>,
    /// The lead organisation (short name or name).
    #[arg(long, value_parser = Checked(name))]
    pub lead: Option<String>,
    /// Also write a CI workflow for a git host: `github` (.github/workflows/jointly.yml) or
    /// `gitlab` (.gitlab-ci.yml).
    #[arg(long, value_enum, value_name = "HOST")]
    pub ci: Option<GitHost>,
}

/// The git hosts `init --ci` writes a workflow for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum GitHost {
    /// GitHub Actions.
    Github,
    /// GitLab CI.
    Gitlab,
}

/// What `template` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TemplateFormat {
    /// A TOML input file, every question as a comment.
    Toml,
    /// A Word form with an answer box per answer.
    Docx,
}

/// `jointly template`
#[derive(Debug, Args)]
pub struct TemplateArgs {
    /// The organisation's full name (for a Word form, an organisation of inputs/ or a new one).
    #[arg(long, value_name = "NAME", value_parser = Checked(name), required_unless_present = "all")]
    pub org: Option<String>,
    /// What to write: a TOML input file, or a Word form to fill in (`forms/<name>.docx`),
    /// with the organisation's current answers in its boxes.
    #[arg(long, value_enum, default_value_t = TemplateFormat::Toml)]
    pub format: TemplateFormat,
    /// With `--format docx`: a form for every organisation of inputs/.
    #[arg(long, conflicts_with = "org")]
    pub all: bool,
    /// Its short name (abbreviation); also names the file.
    #[arg(long, value_name = "SHORT", value_parser = Checked(name))]
    pub short: Option<String>,
    /// Write to this file instead of `inputs/<slug>.toml`.
    #[arg(short, long, value_name = "PATH")]
    pub output: Option<PathBuf>,
}

/// `jointly draft`
#[derive(Debug, Args)]
pub struct DraftArgs {
    /// The organisation: its short name, name (any case) or input file. A name with no input
    /// file yet starts a new one.
    #[arg(long, value_name = "ORG", value_parser = Checked(name))]
    pub org: Option<String>,
}

/// `jointly answer`
#[derive(Debug, Args)]
pub struct AnswerArgs {
    /// The organisation: its short name, name (any case) or input file.
    #[arg(long, value_name = "ORG", value_parser = Checked(name))]
    pub org: String,
    /// The question id (`q3`).
    pub question: String,
    /// The action line to answer (`C2`, `C7.e-health`), for action-line questions.
    #[arg(long, value_name = "CODE", conflicts_with = "closing")]
    pub line: Option<String>,
    /// Set the text after the action-line bullets instead of the text before them.
    #[arg(long)]
    pub closing: bool,
    /// For a choice question, the option chosen (repeat it for a multiple choice); any text
    /// from --file or standard input is then not read.
    #[arg(long, value_name = "OPTION", conflicts_with_all = ["line", "closing", "file", "clear"])]
    pub choice: Vec<String>,
    /// Read the answer (Markdown) from this file; `-` or no --file reads standard input.
    #[arg(long, value_name = "FILE", conflicts_with = "clear")]
    pub file: Option<PathBuf>,
    /// Remove the answer instead.
    #[arg(long)]
    pub clear: bool,
}

/// `jointly check`
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// How to print the findings.
    #[arg(long, value_enum, default_value_t = CheckFormat::Human)]
    pub format: CheckFormat,
    /// Exit with 1 on warnings too (for CI).
    #[arg(long)]
    pub deny_warnings: bool,
}

/// `jointly status`
#[derive(Debug, Args)]
pub struct StatusArgs {
    /// How to print the table.
    #[arg(long, value_enum, default_value_t = ReportFormat::Human)]
    pub format: ReportFormat,
}

/// `jointly diff`
#[derive(Debug, Args)]
pub struct DiffArgs {
    /// The approval to compare with: an organisation (short name, name or input file) or an
    /// approved text's fingerprint (`sha256:…`, or its first digits). Default: the newest
    /// approval of an older text.
    #[arg(long, value_name = "ORG|FINGERPRINT", value_parser = Checked(name))]
    pub since: Option<String>,
    /// How to print it: coloured words on a terminal, or Markdown to paste into an email.
    #[arg(long, value_enum, default_value_t = DiffFormat::Human)]
    pub format: DiffFormat,
}

/// How `diff` prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DiffFormat {
    /// Removed words struck through in red, added words in green ([-…-] and {+…+} without
    /// colours).
    Human,
    /// Markdown: removed words ~~struck through~~, added words **in bold**.
    Markdown,
}

/// How `check` prints its findings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CheckFormat {
    /// For people: each finding with its file, line, column and the text it points at.
    Human,
    /// A JSON array, for scripts.
    Json,
    /// GitHub Actions workflow commands: each finding marked on its line in a pull request.
    Github,
    /// A GitLab Code Quality report (JSON), for merge requests.
    Gitlab,
}

/// Human-readable or JSON output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    /// For people.
    Human,
    /// For scripts and CI.
    Json,
}

/// `jointly import`
#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The document: .docx, .md or .txt.
    pub file: PathBuf,
    /// The organisation whose input receives the answers (short name, name or input file);
    /// a new one is created when there is none.
    #[arg(long, value_name = "ORG", value_parser = Checked(name))]
    pub org: String,
    /// A new organisation's full name (default: the --org value).
    #[arg(long, value_name = "NAME", value_parser = Checked(name))]
    pub name: Option<String>,
    /// Overwrite answers the organisation already has (otherwise they are kept, and the
    /// imported text is stored under `[[unplaced]]`).
    #[arg(long)]
    pub replace: bool,
    /// Show where each text would go (question and first words), and write nothing.
    #[arg(long)]
    pub dry_run: bool,
}

/// `jointly approve`
#[derive(Debug, Args)]
pub struct ApproveArgs {
    /// The organisation: its short name, name (any case) or input file.
    #[arg(long, value_name = "ORG", value_parser = Checked(name))]
    pub org: String,
    /// Take the approval back.
    #[arg(long)]
    pub withdraw: bool,
}

/// `jointly merge`
#[derive(Debug, Args)]
pub struct MergeArgs {
    /// Show what would change without writing draft.toml.
    #[arg(long)]
    pub dry_run: bool,
}

/// `jointly build`
#[derive(Debug, Args)]
pub struct BuildArgs {
    /// The format to write.
    #[arg(long, short, value_enum, default_value_t = FormatArg::Markdown)]
    pub format: FormatArg,
    /// The output file (`-` for standard output); default: `out/submission.<ext>`. With
    /// `--format all`, the Markdown goes here and the Word file beside it.
    #[arg(short, long, value_name = "PATH")]
    pub output: Option<PathBuf>,
    /// Take the styles of this Word file (your house style), like pandoc's --reference-doc.
    #[arg(long, value_name = "FILE")]
    pub reference_doc: Option<PathBuf>,
    /// The copy for submission: refused unless every co-signer approved the current text.
    /// Other builds say "Draft – not for submission".
    #[arg(long = "final", conflicts_with = "review")]
    pub final_copy: bool,
    /// With --format text: print only this question's answer (`q3`) to standard output.
    #[arg(long, value_name = "ID")]
    pub question: Option<String>,
    /// The copy the coalition comments on (submission-review.*): who wrote each part, word
    /// counts against limits, unanswered questions flagged, and an annex of left-out parts.
    #[arg(long)]
    pub review: bool,
}

/// Output formats on the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FormatArg {
    /// CommonMark (.md).
    Markdown,
    /// Word (.docx).
    Docx,
    /// Plain text for web forms (.txt): no markup, links written out, counts per answer.
    Text,
    /// Markdown and Word.
    All,
}

/// `jointly templates ...`
#[derive(Debug, Subcommand)]
pub enum TemplatesCommand {
    /// Write the built-in templates to templates/ in the project, to edit them.
    Export {
        /// Overwrite templates that are already there.
        #[arg(long)]
        force: bool,
    },
}

/// `jointly questionnaire …`
#[derive(Debug, Subcommand)]
pub enum QuestionnaireCommand {
    /// Read a call for inputs (.docx, .md or .txt) and write a questionnaire file to review:
    /// its numbered questions and parts, the limits it states, its title and issuer.
    From {
        /// The call.
        call: PathBuf,
        /// Where to write the questionnaire (`-` for standard output).
        #[arg(short, long, value_name = "FILE", default_value = "questionnaire.toml")]
        output: PathBuf,
    },
    /// Check a questionnaire file, with the usual diagnostics.
    Check {
        /// The questionnaire file.
        file: PathBuf,
    },
}

/// An organisation named on the command line: never blank, so that an unset shell variable
/// (`--org "$ORG"`) is an error rather than a match with some organisation, and on one line.
fn name(value: &str) -> Result<String, String> {
    match one_line(value)?.trim() {
        "" => {
            Err("an organisation cannot be blank: give its short name, name or input file".into())
        }
        v => Ok(v.to_string()),
    }
}

/// A name or title: shown in every format and on the terminal, so without control characters
/// (a line break, a tab, an escape sequence).
fn one_line(value: &str) -> Result<String, String> {
    match value.chars().find(|c| c.is_control()) {
        Some(c) => Err(format!(
            "it holds a control character (U+{:04X}); names and titles are one line of text",
            u32::from(c)
        )),
        None => Ok(value.to_string()),
    }
}

/// A value checked by `check`. Unlike clap's own function parsers, its error does not repeat
/// the value, which could hold the very escape sequences it refuses.
#[derive(Clone)]
struct Checked(fn(&str) -> Result<String, String>);

impl clap::builder::TypedValueParser for Checked {
    type Value = String;

    fn parse_ref(
        &self,
        cmd: &clap::Command,
        arg: Option<&clap::Arg>,
        value: &std::ffi::OsStr,
    ) -> Result<String, clap::Error> {
        let arg = arg.map_or_else(String::new, |a| format!(" for {a}"));
        let fail = |why: String| {
            let message = format!("invalid value{arg}: {why}\n");
            clap::Error::raw(clap::error::ErrorKind::InvalidValue, message).with_cmd(cmd)
        };
        let value = value
            .to_str()
            .ok_or_else(|| fail("it is not UTF-8".into()))?;
        (self.0)(value).map_err(fail)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn cli_is_well_formed() {
        Cli::command().debug_assert();
    }
}
