//! Renderers: each turns a [`Submission`](crate::submission::Submission) into one format.

pub mod docx;
pub mod markdown;

/// An output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// CommonMark.
    Markdown,
    /// Word.
    Docx,
}

impl Format {
    /// The file extension.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Markdown => "md",
            Format::Docx => "docx",
        }
    }
}
