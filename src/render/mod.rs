//! Renderers: each turns a [`Submission`](crate::submission::Submission) into one format.

pub mod docx;
pub mod markdown;
pub mod text;

/// An output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Format {
    /// CommonMark.
    Markdown,
    /// Word.
    Docx,
    /// Plain text for web forms.
    Text,
}

impl Format {
    /// The file extension.
    pub(crate) fn extension(self) -> &'static str {
        match self {
            Format::Markdown => "md",
            Format::Docx => "docx",
            Format::Text => "txt",
        }
    }
}
