//! Word's numbering (`numbering.xml`): the number a paragraph shows, such as "3." or "Q3:",
//! computed as Word does, since a question numbered with Word's numbering button has no
//! number in its text.

use std::collections::{HashMap, HashSet};

use roxmltree::{Document, Node};

use super::docx::W;

/// Word's lists have nine levels, 0 to 8.
pub(super) const LEVELS: usize = 9;

/// One level of a list definition.
#[derive(Debug, Clone)]
struct Level {
    /// `decimal`, `lowerLetter`, `bullet`…
    format: String,
    /// What the paragraph shows, with `%1` to `%9` for the levels' numbers: "%1.", "Q%1:".
    text: String,
    /// The first number.
    start: u32,
}

/// The lists of a document, and where each stands as the document goes.
#[derive(Debug, Default)]
pub(super) struct Numbering {
    /// Each list (`w:num`): its definition (`w:abstractNum`) and the levels it restarts at
    /// another number.
    lists: HashMap<String, (String, HashMap<usize, u32>)>,
    /// Each definition's levels.
    definitions: HashMap<String, Vec<Level>>,
    /// The numbers reached, per definition and level (lists of one definition count on).
    counters: HashMap<String, [Option<u32>; LEVELS]>,
    /// Lists already used (their restarts apply once, at their first paragraph).
    started: HashSet<String>,
}

impl Numbering {
    /// Reads `numbering.xml`.
    pub(super) fn new(numbering: Option<&Document>) -> Numbering {
        let mut out = Numbering::default();
        let Some(doc) = numbering else {
            return out;
        };
        fn child<'a, 'i>(n: Node<'a, 'i>, name: &str) -> Option<Node<'a, 'i>> {
            n.children().find(|x| x.has_tag_name((W, name)))
        }
        let val = |n: Option<Node>| n.and_then(|x| x.attribute((W, "val"))).map(str::to_string);
        for a in doc
            .root_element()
            .children()
            .filter(|x| x.has_tag_name((W, "abstractNum")))
        {
            let mut levels = vec![
                Level {
                    format: "decimal".into(),
                    text: String::new(),
                    start: 1,
                };
                LEVELS
            ];
            for l in a.children().filter(|x| x.has_tag_name((W, "lvl"))) {
                let Some(i) = l
                    .attribute((W, "ilvl"))
                    .and_then(|v| v.parse::<usize>().ok())
                else {
                    continue;
                };
                if i >= LEVELS {
                    continue;
                }
                levels[i] = Level {
                    format: val(child(l, "numFmt")).unwrap_or_else(|| "decimal".into()),
                    text: val(child(l, "lvlText")).unwrap_or_default(),
                    start: val(child(l, "start"))
                        .and_then(|v| v.parse().ok())
                        .unwrap_or(1),
                };
            }
            let id = a.attribute((W, "abstractNumId")).unwrap_or_default();
            out.definitions.insert(id.to_string(), levels);
        }
        for num in doc
            .root_element()
            .children()
            .filter(|x| x.has_tag_name((W, "num")))
        {
            let Some(abs) = val(child(num, "abstractNumId")) else {
                continue;
            };
            let restarts = num
                .children()
                .filter(|x| x.has_tag_name((W, "lvlOverride")))
                .filter_map(|o| {
                    let level = o.attribute((W, "ilvl"))?.parse::<usize>().ok()?;
                    let start = val(child(o, "startOverride"))?.parse().ok()?;
                    (level < LEVELS).then_some((level, start))
                })
                .collect();
            let id = num.attribute((W, "numId")).unwrap_or_default();
            out.lists.insert(id.to_string(), (abs, restarts));
        }
        out
    }

    /// The next paragraph of list `num_id` at `level`: what it shows, and whether that is a
    /// bullet rather than a number. `None` for a list the document does not define.
    pub(super) fn next(&mut self, num_id: &str, level: usize) -> Option<(String, bool)> {
        let (abs, restarts) = self.lists.get(num_id)?;
        let levels = self.definitions.get(abs)?;
        let level = level.min(LEVELS - 1);
        let counters = self.counters.entry(abs.clone()).or_insert([None; LEVELS]);
        if self.started.insert(num_id.to_string()) {
            for &l in restarts.keys() {
                counters[l] = None;
            }
        }
        let start = |l: usize| restarts.get(&l).copied().unwrap_or(levels[l].start);
        counters[level] = Some(counters[level].map_or(start(level), |n| n.saturating_add(1)));
        for deeper in &mut counters[level + 1..] {
            *deeper = None;
        }
        let this = &levels[level];
        if this.format == "bullet" {
            return Some((this.text.clone(), true));
        }
        let mut shown = String::new();
        let mut rest = this.text.as_str();
        while let Some(at) = rest.find('%') {
            shown.push_str(&rest[..at]);
            let digit = rest[at + 1..].chars().next().and_then(|c| c.to_digit(10));
            match digit {
                Some(d @ 1..=9) => {
                    let l = d as usize - 1;
                    let n = counters[l].unwrap_or(start(l));
                    shown.push_str(&format_number(n, &levels[l].format));
                    rest = &rest[at + 2..];
                }
                _ => {
                    shown.push('%');
                    rest = &rest[at + 1..];
                }
            }
        }
        shown.push_str(rest);
        Some((shown, this.format == "none"))
    }
}

/// A number as a list format writes it.
fn format_number(n: u32, format: &str) -> String {
    match format {
        "lowerLetter" => letters(n).to_lowercase(),
        "upperLetter" => letters(n),
        "lowerRoman" => roman(n).to_lowercase(),
        "upperRoman" => roman(n),
        "decimalZero" => format!("{n:02}"),
        "none" => String::new(),
        _ => n.to_string(),
    }
}

/// 1 → A, 26 → Z, 27 → AA (Word repeats the letter).
fn letters(n: u32) -> String {
    if n == 0 {
        return String::new();
    }
    let letter = char::from(b'A' + ((n - 1) % 26) as u8);
    std::iter::repeat_n(letter, ((n - 1) / 26 + 1).min(10) as usize).collect()
}

fn roman(mut n: u32) -> String {
    const NUMERALS: [(u32, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut out = String::new();
    n = n.min(3999);
    for (value, numeral) in NUMERALS {
        while n >= value {
            out.push_str(numeral);
            n -= value;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_count_on_restart_and_nest_as_in_word() {
        let xml = format!(
            r#"<w:numbering xmlns:w="{W}">
              <w:abstractNum w:abstractNumId="1">
                <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="Q%1:"/></w:lvl>
                <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%1(%2)"/></w:lvl>
              </w:abstractNum>
              <w:abstractNum w:abstractNumId="2">
                <w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/><w:lvlText w:val="●"/></w:lvl>
              </w:abstractNum>
              <w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num>
              <w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>
              <w:num w:numId="3"><w:abstractNumId w:val="1"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>
              <w:num w:numId="4"><w:abstractNumId w:val="2"/></w:num>
            </w:numbering>"#
        );
        let doc = Document::parse(&xml).unwrap();
        let mut n = Numbering::new(Some(&doc));
        let mut shown = |id: &str, level| n.next(id, level).unwrap().0;
        assert_eq!(shown("1", 0), "Q1:");
        assert_eq!(shown("1", 1), "1(a)");
        assert_eq!(shown("1", 1), "1(b)");
        assert_eq!(shown("1", 0), "Q2:");
        assert_eq!(shown("1", 1), "2(a)");
        // Another list of the same definition counts on; one that restarts does not.
        assert_eq!(shown("2", 0), "Q3:");
        assert_eq!(shown("3", 0), "Q1:");
        assert_eq!(shown("3", 0), "Q2:");
        assert_eq!(n.next("4", 0), Some(("●".into(), true)));
        assert_eq!(n.next("9", 0), None);
        assert_eq!(roman(14), "XIV");
        assert_eq!(letters(28), "BB");
    }
}
