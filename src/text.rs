//! Small text utilities shared by merge, rendering and file naming.

use sha2::{Digest, Sha256};
use unicode_normalization::UnicodeNormalization;

/// Normalises a contribution for comparison: line endings, trailing spaces, runs of spaces
/// inside a line, runs of blank lines and surrounding blank lines do not make two texts differ.
/// Leading indentation is kept, since it carries meaning in Markdown (nested lists, code).
pub(crate) fn normalize(text: &str) -> String {
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    let mut out = String::with_capacity(text.len());
    let mut blank_run = false;
    for line in text.lines() {
        let line = line.trim_end();
        if line.is_empty() {
            blank_run = !out.is_empty();
            continue;
        }
        if blank_run {
            out.push_str("\n\n");
        } else if !out.is_empty() {
            out.push('\n');
        }
        blank_run = false;
        let indent = line.len() - line.trim_start().len();
        out.push_str(&line[..indent]);
        // Each run of spaces and tabs becomes one space.
        let mut prev_space = false;
        for c in line[indent..].chars() {
            let space = c == ' ' || c == '\t';
            if !(space && prev_space) {
                out.push(if space { ' ' } else { c });
            }
            prev_space = space;
        }
    }
    out
}

/// How an organisation's name or short name is compared with another: the same letters after
/// Unicode normalisation (NFKC: "Ａ" and "A", "é" typed either way), in any case.
pub(crate) fn name_key(name: &str) -> String {
    name.trim().nfkc().collect::<String>().to_lowercase()
}

/// A text without its surrounding blank lines and trailing spaces, but with the indentation
/// of its first line: in Markdown, four leading spaces make code, not a list.
pub(crate) fn trim_block(text: &str) -> &str {
    let mut start = 0;
    for line in text.split_inclusive('\n') {
        if !line.trim().is_empty() {
            break;
        }
        start += line.len();
    }
    text[start..].trim_end()
}

/// Which version of an organisation's contribution a text is: the first 16 hex digits of the
/// SHA-256 of the normalised text, so a change of spacing alone is the same version. Merge
/// records it for each input a part holds.
pub(crate) fn content_hash(text: &str) -> String {
    short_hash(&normalize(text))
}

/// The fingerprint of a text exactly as written, line endings and the end of the text aside: a
/// hard line break or a realigned code block makes another fingerprint. Merge records it as a
/// part's `source`, to tell when the lead has edited the part.
pub(crate) fn exact_hash(text: &str) -> String {
    short_hash(text.replace("\r\n", "\n").trim_end())
}

fn short_hash(text: &str) -> String {
    let digest = Sha256::digest(text.as_bytes());
    digest[..8].iter().map(|b| format!("{b:02x}")).collect()
}

/// A file-name-safe slug: lowercase ASCII letters and digits separated by single dashes,
/// with every other script transliterated ("Ştefan" gives `stefan`, "日本" gives `ri-ben`).
/// Never empty.
pub(crate) fn slug(name: &str) -> String {
    let mut out = String::new();
    for c in deunicode::deunicode(name).chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    // Long names are cut at a word, short enough for any system's path limits.
    let mut out = out.trim_end_matches('-');
    if out.len() > MAX_SLUG {
        let cut = out[..MAX_SLUG]
            .rfind('-')
            .filter(|i| *i > 0)
            .unwrap_or(MAX_SLUG);
        out = out[..cut].trim_end_matches('-');
    }
    if out.is_empty() {
        return "organisation".to_string();
    }
    // Windows reserves these names in every folder, whatever the extension.
    if is_reserved_on_windows(out) {
        return format!("{out}-org");
    }
    out.to_string()
}

/// The longest file name stem a slug gives.
const MAX_SLUG: usize = 60;

/// `CON`, `PRN`, `AUX`, `NUL`, `COM0`–`COM9`, `LPT0`–`LPT9`, in any case.
fn is_reserved_on_windows(stem: &str) -> bool {
    let lower = stem.to_ascii_lowercase();
    matches!(lower.as_str(), "con" | "prn" | "aux" | "nul")
        || ((lower.starts_with("com") || lower.starts_with("lpt"))
            && lower.len() == 4
            && lower.as_bytes()[3].is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalize_ignores_spacing_but_keeps_paragraphs_and_indent() {
        assert_eq!(
            normalize("\n a  b \r\n\n\n\n  - c\t\td\n"),
            " a b\n\n  - c d"
        );
        assert_eq!(content_hash("One  two.\n"), content_hash("One two."));
        assert_ne!(content_hash("One two."), content_hash("One\n\ntwo."));
        assert_eq!(exact_hash("One two.\r\n"), exact_hash("One two."));
        assert_ne!(exact_hash("One  two."), exact_hash("One two."));
        assert_ne!(exact_hash("One  \ntwo."), exact_hash("One\ntwo."));
    }

    #[test]
    fn names_compare_after_normalisation_in_any_case() {
        assert_eq!(name_key(" Apc "), name_key("APC"));
        assert_eq!(name_key("Cafe\u{301}"), name_key("CAFÉ"));
        assert_eq!(name_key("ＡＤＣ"), name_key("adc"));
        assert_ne!(name_key("ADC"), name_key("ADC2"));
    }

    #[test]
    fn slugs_are_safe() {
        assert_eq!(slug("Ágora Digital Cidadã"), "agora-digital-cidada");
        assert_eq!(slug("../../etc/passwd"), "etc-passwd");
        assert_eq!(slug("ARTICLE 19"), "article-19");
        assert_eq!(slug("Ştefan Ionuţ Asociaţia"), "stefan-ionut-asociatia");
        assert_eq!(slug("Türkiye Bilişim Derneği"), "turkiye-bilisim-dernegi");
        assert_eq!(slug("日本"), "ri-ben");
        assert_eq!(slug("«»"), "organisation");
        assert_eq!(slug("CON"), "con-org");
        assert_eq!(slug("aux"), "aux-org");
        assert_eq!(slug("Com1"), "com1-org");
        assert_eq!(slug("Console"), "console");
        let long = slug(&"Network for Digital Rights ".repeat(12));
        assert!(long.len() <= 60 && !long.ends_with('-'), "{long}");
    }

    #[test]
    fn trimming_keeps_indentation() {
        assert_eq!(trim_block("\n  \n    * a\n\n"), "    * a");
        assert_eq!(trim_block("  \n"), "");
    }
}
