//! An organisation's input file (`inputs/<slug>.toml`): who it is and what it answers.

use std::collections::BTreeMap;

use serde::Deserialize;
use toml::Spanned;

/// The whole input file, as written by the organisation.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct InputFile {
    /// Who the organisation is.
    pub organisation: Spanned<Organisation>,
    /// Answers by question id.
    #[serde(default)]
    pub answers: BTreeMap<Spanned<String>, Spanned<RawAnswer>>,
    /// The organisation's approval of the joint text (`jointly approve` writes it).
    #[serde(default)]
    pub signoff: Option<Signoff>,
    /// Text `jointly import` could not place in an answer, kept so nothing is lost.
    #[serde(default)]
    pub unplaced: Vec<Spanned<UnplacedText>>,
}

/// `[[unplaced]]`. Its fields are only checked as the file is read (all must be text, and
/// `source` and `text` must be there): the text stays in the file until the user moves it.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
#[expect(dead_code, reason = "read by serde only, to check the entry's shape")]
pub(crate) struct UnplacedText {
    /// Where it came from ("report.docx, paragraph 12").
    pub source: String,
    /// Why it was not placed.
    #[serde(default)]
    pub reason: Option<String>,
    /// The text, as Markdown.
    pub text: String,
}

/// `[signoff]`
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Signoff {
    /// The fingerprint of the approved text (`sha256:…`).
    pub text: String,
    /// When it was approved.
    #[serde(default)]
    pub date: Option<toml::value::Datetime>,
    /// The fingerprint of each aspect of the approved text, to tell what changed since.
    #[serde(default)]
    pub covers: std::collections::BTreeMap<String, String>,
}

/// `[organisation]`
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Organisation {
    /// The full name, as it appears in the list of signatories.
    pub name: Spanned<String>,
    /// An abbreviation; the signatory line then reads "Name (SHORT)".
    #[serde(default)]
    pub short_name: Option<Spanned<String>>,
    /// Whether the organisation co-signs (default true); false contributes text only.
    #[serde(default = "yes")]
    pub signs: bool,
    /// Country or region.
    #[serde(default)]
    pub country: Option<String>,
    /// Stakeholder group.
    #[serde(default)]
    pub stakeholder: Option<Stakeholder>,
    /// Who to ask about this input.
    #[serde(default)]
    pub contact: Option<String>,
    /// The organisation's website.
    #[serde(default)]
    pub website: Option<String>,
    /// The key the signatory list is sorted by, when the name should sort differently.
    #[serde(default)]
    pub sort_as: Option<String>,
}

fn yes() -> bool {
    true
}

/// The stakeholder groups of the WSIS process.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
#[allow(missing_docs)]
pub enum Stakeholder {
    CivilSociety,
    PrivateSector,
    TechnicalCommunity,
    Academia,
    Government,
    Intergovernmental,
}

impl Stakeholder {
    /// Every group, in the order prompts list them.
    pub const ALL: [Stakeholder; 6] = [
        Stakeholder::CivilSociety,
        Stakeholder::PrivateSector,
        Stakeholder::TechnicalCommunity,
        Stakeholder::Academia,
        Stakeholder::Government,
        Stakeholder::Intergovernmental,
    ];

    /// The value written in the file.
    pub fn as_str(self) -> &'static str {
        match self {
            Stakeholder::CivilSociety => "civil-society",
            Stakeholder::PrivateSector => "private-sector",
            Stakeholder::TechnicalCommunity => "technical-community",
            Stakeholder::Academia => "academia",
            Stakeholder::Government => "government",
            Stakeholder::Intergovernmental => "intergovernmental",
        }
    }
}

/// One answer as written: text, closing text and action lines are all optional here; whether
/// they fit the question is checked against the questionnaire when the project is loaded.
#[derive(Debug, Clone, Default)]
pub(crate) struct RawAnswer {
    /// The answer (for action-line questions: the text before the bullets).
    pub text: Option<Spanned<String>>,
    /// Text after the action-line bullets.
    pub closing: Option<Spanned<String>>,
    /// Text per catalogue code.
    pub action_lines: Option<Spanned<BTreeMap<Spanned<String>, Spanned<String>>>>,
    /// For a choice question, the option or options chosen.
    pub choice: Option<Spanned<Choice>>,
}

/// `choice = "Agree"`, or `choice = ["Option A", "Option B"]` for a multiple choice.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Choice {
    /// One option.
    One(String),
    /// Several options.
    Many(Vec<String>),
}

impl<'de> Deserialize<'de> for Choice {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = Choice;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("an option, as the questionnaire words it, or a list of options")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Choice, E> {
                Ok(Choice::One(v.to_string()))
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                mut seq: A,
            ) -> Result<Choice, A::Error> {
                let mut options = Vec::new();
                while let Some(o) = seq.next_element::<String>()? {
                    options.push(o);
                }
                Ok(Choice::Many(options))
            }
        }
        d.deserialize_any(Visitor)
    }
}

impl Choice {
    /// The options, as written.
    pub(crate) fn options(&self) -> Vec<&str> {
        match self {
            Choice::One(o) => vec![o.as_str()],
            Choice::Many(v) => v.iter().map(String::as_str).collect(),
        }
    }
}

/// `answers.q1 = "..."` is short for `[answers.q1] text = "..."`.
impl<'de> Deserialize<'de> for RawAnswer {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(deny_unknown_fields)]
        struct Table {
            #[serde(default)]
            text: Option<Spanned<String>>,
            #[serde(default)]
            closing: Option<Spanned<String>>,
            #[serde(default)]
            action_lines: Option<Spanned<BTreeMap<Spanned<String>, Spanned<String>>>>,
            #[serde(default)]
            choice: Option<Spanned<Choice>>,
        }

        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = RawAnswer;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("an answer: a table with `text` (and, for action-line questions, `closing` and `action_lines`; for choice questions, `choice`), or a string")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<RawAnswer, E> {
                // The string's own span is not available here; the caller's Spanned<RawAnswer>
                // carries it.
                Ok(RawAnswer {
                    text: Some(Spanned::new(0..0, v.to_string())),
                    ..RawAnswer::default()
                })
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                map: A,
            ) -> Result<RawAnswer, A::Error> {
                let t = Table::deserialize(serde::de::value::MapAccessDeserializer::new(map))?;
                Ok(RawAnswer {
                    text: t.text,
                    closing: t.closing,
                    action_lines: t.action_lines,
                    choice: t.choice,
                })
            }
        }
        d.deserialize_any(Visitor)
    }
}
/// Where each organisation's drafting session keeps its place, by input file name.
pub(crate) const PLACES_DIR: &str = ".jointly/draft";

/// Where a session is: a question, and the action line being written.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub(crate) struct Place {
    /// The question's id.
    pub question: String,
    /// The action line's code, while one is written.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub line: Option<String>,
}
