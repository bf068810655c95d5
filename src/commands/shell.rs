//! `jointly completions` and the manual page: both generated from the same clap definitions
//! as the command line itself, so they can never describe another version.

use std::io::Write;
use std::path::Path;

use clap::CommandFactory;

use crate::cli::{Cli, Shell};
use crate::error::Error;

/// Prints the completion script for `shell` to standard output.
pub(super) fn completions(shell: Shell) -> Result<(), Error> {
    let shell = match shell {
        Shell::Bash => clap_complete::Shell::Bash,
        Shell::Zsh => clap_complete::Shell::Zsh,
        Shell::Fish => clap_complete::Shell::Fish,
        Shell::Powershell => clap_complete::Shell::PowerShell,
    };
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "jointly", &mut out);
    print(&out)
}

/// Prints the manual page, in roff.
pub(super) fn man() -> Result<(), Error> {
    let mut out = Vec::new();
    // The version without the commit, so that the page in the repository is the same for every
    // commit of a release.
    clap_mangen::Man::new(Cli::command().version(env!("CARGO_PKG_VERSION")))
        .render(&mut out)
        .map_err(|e| Error::io(Path::new("<stdout>"), e))?;
    print(&out)
}

fn print(bytes: &[u8]) -> Result<(), Error> {
    let mut stdout = std::io::stdout().lock();
    stdout
        .write_all(bytes)
        .and_then(|()| stdout.flush())
        .map_err(|e| Error::io(Path::new("<stdout>"), e))
}
