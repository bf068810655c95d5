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
}
