//! Sorting names the way people expect: Unicode collation (CLDR root order), so "Ágora" sorts
//! with the A's and case or accents only break ties.

use std::cmp::Ordering;

/// A reusable collator (feruca keeps scratch buffers between comparisons).
pub(crate) struct Collator(feruca::Collator);

impl Collator {
    /// A collator for the CLDR root order.
    pub(crate) fn new() -> Self {
        Collator(feruca::Collator::default())
    }

    /// A collator for a language (a BCP 47 tag): CLDR's tailoring where the collator has one
    /// (Arabic, whose script sorts before Latin), else the root order.
    pub(crate) fn for_language(language: &str) -> Self {
        use feruca::{Locale, Tailoring};
        let arabic_script = language.split('-').any(|s| s.eq_ignore_ascii_case("arab"));
        let tailoring = match language
            .split('-')
            .next()
            .unwrap_or("")
            .to_ascii_lowercase()
            .as_str()
        {
            "ar" | "fa" | "ur" | "ps" | "ckb" | "sd" | "ug" => {
                Tailoring::Cldr(Locale::ArabicScript)
            }
            _ if arabic_script => Tailoring::Cldr(Locale::ArabicScript),
            _ => Tailoring::Cldr(Locale::Root),
        };
        Collator(feruca::Collator::new(tailoring, true, true))
    }

    /// Compares two names.
    pub(crate) fn compare(&mut self, a: &str, b: &str) -> Ordering {
        self.0.collate(a, b)
    }
}

impl Default for Collator {
    fn default() -> Self {
        Collator::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accents_sort_with_their_letter_and_the_sorts_under_t() {
        let mut names = vec![
            "The Wikimedia Foundation",
            "Zeta",
            "ARTICLE 19",
            "Ärzte ohne Grenzen",
            "apc",
            "Derechos Digitales",
            "Éire Digital",
        ];
        let mut c = Collator::new();
        names.sort_by(|a, b| c.compare(a, b));
        assert_eq!(
            names,
            [
                "apc",
                "ARTICLE 19",
                "Ärzte ohne Grenzen",
                "Derechos Digitales",
                "Éire Digital",
                "The Wikimedia Foundation",
                "Zeta"
            ]
        );
    }

    #[test]
    fn an_arabic_submission_lists_arabic_names_before_latin_ones() {
        let mut names = vec!["Access Now", "مؤسسة سمكس", "7amleh", "الجمعية التونسية"];
        let mut root = Collator::new();
        names.sort_by(|a, b| root.compare(a, b));
        assert_eq!(
            names,
            ["7amleh", "Access Now", "الجمعية التونسية", "مؤسسة سمكس"]
        );
        let mut arabic = Collator::for_language("ar-EG");
        names.sort_by(|a, b| arabic.compare(a, b));
        assert_eq!(
            names,
            ["7amleh", "الجمعية التونسية", "مؤسسة سمكس", "Access Now"]
        );
    }
}
