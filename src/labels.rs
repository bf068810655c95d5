//! The words jointly itself puts into a submission, in the submission's language, so that every
//! format says the same thing, and so that import recognises them as a submission's own
//! structure, not an organisation's text. Each built-in language is a data file in
//! `src/labels/`; a project overrides any label under `[labels]`. A leaf.

use serde::{Deserialize, Serialize};

/// The built-in label sets, by primary language subtag: the UN's six languages.
const BUILTIN: &[(&str, &str)] = &[
    ("ar", include_str!("labels/ar.toml")),
    ("en", ENGLISH),
    ("es", include_str!("labels/es.toml")),
    ("fr", include_str!("labels/fr.toml")),
    ("ru", include_str!("labels/ru.toml")),
    ("zh", include_str!("labels/zh.toml")),
];

const ENGLISH: &str = include_str!("labels/en.toml");

/// Every label of one language. The field names are the keys of `[labels]` in `jointly.toml`
/// and of the data files; a word in braces (`{page}`) is filled in by jointly.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
#[allow(missing_docs)]
pub struct Labels {
    pub draft_notice: String,
    pub signatories_intro: String,
    pub no_joint_answer: String,
    pub no_answer_yet: String,
    pub no_answer: String,
    pub respondent: String,
    pub answer: String,
    pub tick: String,
    pub yes: String,
    pub no: String,
    pub chose_differently: String,
    pub executive_summary: String,
    pub introduction: String,
    pub annex: String,
    pub from: String,
    pub edited: String,
    pub also_from: String,
    pub conflict: String,
    pub left_out: String,
    pub question: String,
    pub closing: String,
    pub choice: String,
    pub count: String,
    pub count_with_limits: String,
    pub separator: String,
    pub limit_words: String,
    pub limit_words_over: String,
    pub limit_characters: String,
    pub limit_characters_over: String,
    pub counting_rule: String,
    pub over_limit: String,
    pub whole_submission: String,
    pub page: String,
    pub form_intro: String,
    pub form_placeholder: String,
    pub form_before_lines: String,
    pub form_after_lines: String,
    pub form_choose: String,
    pub form_choose_many: String,
    pub form_explain: String,
}

impl Labels {
    /// The built-in labels of a language (a BCP 47 tag: `fr`, `fr-CA`, `zh-Hans`), by its
    /// primary subtag; `None` for a language without built-in labels.
    pub fn builtin(language: &str) -> Option<Labels> {
        let primary = primary_subtag(language);
        let (_, text) = BUILTIN.iter().find(|(l, _)| *l == primary)?;
        Some(parse_builtin(text))
    }

    /// English, the labels of a language jointly has none for until a project gives its own.
    pub fn english() -> Labels {
        parse_builtin(ENGLISH)
    }

    /// Every built-in language with its labels, read once: import looks for them in every
    /// line of a document.
    pub(crate) fn all_builtin() -> impl Iterator<Item = (&'static str, &'static Labels)> {
        static ALL: std::sync::OnceLock<Vec<(&'static str, Labels)>> = std::sync::OnceLock::new();
        let all = ALL.get_or_init(|| {
            (BUILTIN.iter())
                .map(|(l, text)| (*l, parse_builtin(text)))
                .collect()
        });
        all.iter().map(|(l, labels)| (*l, labels))
    }

    /// The label keys, in the data files' order.
    pub(crate) fn keys() -> Vec<String> {
        Labels::english().as_table().keys().cloned().collect()
    }

    /// The words in braces a label is filled in with; every other brace is the label's own.
    pub(crate) fn placeholders(key: &str) -> &'static [&'static str] {
        match key {
            "annex" => &["number", "title"],
            "from" | "also_from" | "conflict" => &["organisations"],
            "question" => &["place"],
            "count" => &["words", "characters"],
            "count_with_limits" => &["count", "limits"],
            "limit_words" | "limit_characters" => &["limit"],
            "limit_words_over" | "limit_characters_over" => &["limit", "over"],
            "whole_submission" => &["count"],
            "page" => &["page", "pages"],
            _ => &[],
        }
    }

    /// These labels with some replaced: `(key, text)` pairs whose keys are [`Labels::keys`].
    /// An unknown key is ignored here; the project check reports it.
    pub(crate) fn with_overrides<'a>(
        &self,
        overrides: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> Labels {
        let mut table = self.as_table();
        for (key, text) in overrides {
            if table.contains_key(key) {
                table.insert(key.to_string(), text.into());
            }
        }
        table.try_into().unwrap_or_else(|_| self.clone())
    }

    fn as_table(&self) -> toml::Table {
        toml::Table::try_from(self).unwrap_or_default()
    }

    /// "Annex 2: Cases".
    pub fn annex_title(&self, number: usize, title: &str) -> String {
        fill(
            &self.annex,
            &[("number", &number.to_string()), ("title", title)],
        )
    }

    /// "from APC, KICTANet".
    pub fn from_organisations(&self, organisations: &[String]) -> String {
        fill(&self.from, &[("organisations", &organisations.join(", "))])
    }

    /// "Question 7, C2".
    pub fn question_place(&self, place: &str) -> String {
        fill(&self.question, &[("place", place)])
    }

    /// "The whole submission: …".
    pub fn whole(&self, count: &str) -> String {
        fill(&self.whole_submission, &[("count", count)])
    }

    /// The page footer's text around its two numbers: before the page, between, after.
    pub fn page_pieces(&self) -> [String; 3] {
        let (before, rest) = self.page.split_once("{page}").unwrap_or(("", &self.page));
        let (between, after) = rest.split_once("{pages}").unwrap_or((rest, ""));
        [before.into(), between.into(), after.into()]
    }
}

/// Which of jointly's own yes/no options a word is in any built-in language: 0 for yes, 1 for
/// no. An input written as "Oui" stays an answer when the submission's language changes.
pub(crate) fn yes_or_no(word: &str) -> Option<usize> {
    let word = word.trim().to_lowercase();
    Labels::all_builtin().find_map(|(_, l)| match () {
        _ if l.yes.to_lowercase() == word => Some(0),
        _ if l.no.to_lowercase() == word => Some(1),
        _ => None,
    })
}

/// A built-in data file, which the test suite checks for every language.
fn parse_builtin(text: &str) -> Labels {
    toml::from_str(text).unwrap_or_else(|e| panic!("built-in labels are invalid: {e}"))
}

/// A label with its words in braces filled in; any other text stays as it is.
pub(crate) fn fill(template: &str, values: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(start) = rest.find('{') {
        out.push_str(&rest[..start]);
        let after = &rest[start + 1..];
        let value = (after.find('}'))
            .and_then(|end| Some((end, values.iter().find(|(k, _)| *k == &after[..end])?.1)));
        match value {
            Some((end, value)) => {
                out.push_str(value);
                rest = &after[end + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// The words in braces a label uses, in order: `{page}` gives `page`.
pub(crate) fn used_placeholders(template: &str) -> Vec<&str> {
    let mut used = Vec::new();
    let mut rest = template;
    while let Some(start) = rest.find('{') {
        let after = &rest[start + 1..];
        let Some(end) = after.find('}') else { break };
        let word = &after[..end];
        if !word.is_empty() && word.chars().all(|c| c.is_ascii_lowercase() || c == '_') {
            used.push(word);
        }
        rest = &after[end + 1..];
    }
    used
}

/// `fr` for `fr-CA`, lower-cased.
pub(crate) fn primary_subtag(language: &str) -> String {
    language
        .split(['-', '_'])
        .next()
        .unwrap_or("")
        .to_ascii_lowercase()
}

/// True when a language is written right to left: Arabic, Persian, Hebrew, Urdu and the other
/// languages in Arabic or Hebrew script, or any tag naming those scripts (`az-Arab`).
pub(crate) fn is_right_to_left(language: &str) -> bool {
    const RTL: &[&str] = &[
        "ar", "arc", "ckb", "dv", "fa", "he", "iw", "ks", "ps", "sd", "ug", "ur", "yi",
    ];
    let lower = language.to_ascii_lowercase();
    RTL.contains(&primary_subtag(language).as_str())
        || lower
            .split(['-', '_'])
            .any(|s| matches!(s, "arab" | "hebr" | "syrc" | "thaa" | "nkoo" | "adlm"))
}

/// True when `tag` has the shape of a BCP 47 language tag: a 2–3 letter language, then
/// subtags of 1–8 letters or digits (`fr`, `es-419`, `zh-Hans-CN`).
pub(crate) fn is_language_tag(tag: &str) -> bool {
    let mut parts = tag.split('-');
    let language = parts.next().unwrap_or("");
    (2..=3).contains(&language.len())
        && language.chars().all(|c| c.is_ascii_alphabetic())
        && parts.all(|p| (1..=8).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphanumeric()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_label_exists_in_all_six_languages_with_its_placeholders() {
        let languages: Vec<&str> = Labels::all_builtin().map(|(l, _)| l).collect();
        assert_eq!(languages, ["ar", "en", "es", "fr", "ru", "zh"]);
        let keys = Labels::keys();
        assert_eq!(keys.len(), 40);
        for (language, labels) in Labels::all_builtin() {
            let table = labels.as_table();
            for key in &keys {
                let text = table[key].as_str().unwrap();
                assert!(!text.trim().is_empty(), "{language}: {key} is empty");
                let mut used = used_placeholders(text);
                used.sort_unstable();
                let mut wanted = Labels::placeholders(key).to_vec();
                wanted.sort_unstable();
                assert_eq!(used, wanted, "{language}: {key} = {text:?}");
            }
            // Only English says English: no label is left untranslated by mistake.
            if language != "en" {
                let english = Labels::english().as_table();
                let same: Vec<&String> = (keys.iter())
                    .filter(|k| table[*k] == english[*k])
                    .filter(|k| !matches!(k.as_str(), "count_with_limits" | "separator"))
                    .collect();
                let allowed: &[&str] = match language {
                    "fr" => &["introduction", "question", "page"],
                    "es" => &["no"],
                    _ => &[],
                };
                assert!(
                    same.iter().all(|k| allowed.contains(&k.as_str())),
                    "{language} keeps English for {same:?}"
                );
            }
        }
    }

    #[test]
    fn overrides_replace_one_label_and_leave_the_rest() {
        let fr = Labels::builtin("fr-CA").unwrap();
        let house = fr.with_overrides([("draft_notice", "Version de travail"), ("nope", "x")]);
        assert_eq!(house.draft_notice, "Version de travail");
        assert_eq!(house.page, fr.page);
        assert!(Labels::builtin("pt").is_none());
    }

    #[test]
    fn fills_its_placeholders_and_leaves_other_braces() {
        assert_eq!(
            fill("{a} and {b} {c} {", &[("a", "1"), ("b", "{a}")]),
            "1 and {a} {c} {"
        );
        let zh = Labels::builtin("zh-Hans").unwrap();
        assert_eq!(
            zh.page_pieces(),
            ["第 ", " 页，共 ", " 页"].map(String::from)
        );
    }

    #[test]
    fn knows_the_direction_and_shape_of_a_tag() {
        assert!(is_right_to_left("ar") && is_right_to_left("fa-IR") && is_right_to_left("az-Arab"));
        assert!(!is_right_to_left("fr") && !is_right_to_left("en-GB"));
        assert!(is_language_tag("es-419") && is_language_tag("zh-Hans-CN"));
        assert!(!is_language_tag("french") && !is_language_tag("fr_FR") && !is_language_tag(""));
    }
}
