//! The `jointly` command: parse arguments, run, print the error.

use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = match jointly::commands::parse_args() {
        Ok(cli) => cli,
        Err(code) => return code,
    };
    match jointly::commands::run(cli) {
        Ok(code) => code,
        Err(err) => {
            // A closed pipe (`jointly build -o - | head`) is not worth a message.
            if let jointly::Error::Io { source, .. } = &err
                && source.kind() == std::io::ErrorKind::BrokenPipe
            {
                return ExitCode::SUCCESS;
            }
            if let jointly::Error::Interrupted(message) = &err {
                eprintln!("\n{message}");
                return ExitCode::from(130);
            }
            anstream::eprintln!("{}", jointly::commands::format_error(&err));
            ExitCode::from(1)
        }
    }
}
