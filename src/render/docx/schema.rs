//! Child element order of the WordprocessingML elements jointly writes, from the ECMA-376
//! schema (wml.xsd, transitional). Word refuses a document whose property elements are out of
//! order even where LibreOffice forgives it, and docx-rs writes several in its own order:
//! `reorder` puts every known parent's children in schema order, and [`check`] (for tests and
//! fuzzing) reports any that are not.
//!
//! Each order lists local names, one rank per name; names joined by `|` share a rank.

use roxmltree::{Document, Node};

/// `w:rPr`.
const RUN: &str = "\
    ins del moveFrom moveTo rStyle rFonts b bCs i iCs caps smallCaps strike dstrike outline \
    shadow emboss imprint noProof snapToGrid vanish webHidden color spacing w kern position sz \
    szCs highlight u effect bdr shd fitText vertAlign rtl cs em lang eastAsianLayout specVanish \
    oMath rPrChange";
/// `w:pPr`.
const PARAGRAPH: &str = "\
    pStyle keepNext keepLines pageBreakBefore framePr widowControl numPr suppressLineNumbers \
    pBdr shd tabs suppressAutoHyphens kinsoku wordWrap overflowPunct topLinePunct autoSpaceDE \
    autoSpaceDN bidi adjustRightInd snapToGrid spacing ind contextualSpacing mirrorIndents \
    suppressOverlap jc textDirection textAlignment textboxTightWrap outlineLvl divId cnfStyle \
    rPr sectPr pPrChange";
/// `w:style`.
const STYLE: &str = "\
    name aliases basedOn next link autoRedefine hidden uiPriority semiHidden unhideWhenUsed \
    qFormat locked personal personalCompose personalReply rsid pPr rPr tblPr trPr tcPr \
    tblStylePr";
/// `w:sectPr`. Header and footer references come in any order among themselves.
const SECTION: &str = "\
    headerReference|footerReference footnotePr endnotePr type pgSz pgMar paperSrc pgBorders \
    lnNumType pgNumType cols formProt vAlign noEndnote titlePg textDirection bidi rtlGutter \
    docGrid printerSettings sectPrChange";
/// `w:lvl`, a list level.
const LEVEL: &str = "\
    start numFmt lvlRestart pStyle isLgl suff lvlText lvlPicBulletId legacy lvlJc pPr rPr";
/// `w:settings`.
const SETTINGS: &str = "\
    writeProtection view zoom removePersonalInformation removeDateAndTime \
    doNotDisplayPageBoundaries displayBackgroundShape printPostScriptOverText \
    printFractionalCharacterWidth printFormsData embedTrueTypeFonts embedSystemFonts \
    saveSubsetFonts saveFormsData mirrorMargins alignBordersAndEdges bordersDoNotSurroundHeader \
    bordersDoNotSurroundFooter gutterAtTop hideSpellingErrors hideGrammaticalErrors \
    activeWritingStyle proofState formsDesign attachedTemplate linkStyles stylePaneFormatFilter \
    stylePaneSortMethod documentType mailMerge revisionView trackRevisions doNotTrackMoves \
    doNotTrackFormatting documentProtection autoFormatOverride styleLockTheme styleLockQFSet \
    defaultTabStop autoHyphenation consecutiveHyphenLimit hyphenationZone doNotHyphenateCaps \
    showEnvelope summaryLength clickAndTypeStyle defaultTableStyle evenAndOddHeaders \
    bookFoldRevPrinting bookFoldPrinting bookFoldPrintingSheets drawingGridHorizontalSpacing \
    drawingGridVerticalSpacing displayHorizontalDrawingGridEvery displayVerticalDrawingGridEvery \
    doNotUseMarginsForDrawingGridOrigin drawingGridHorizontalOrigin drawingGridVerticalOrigin \
    doNotShadeFormData noPunctuationKerning characterSpacingControl printTwoOnOne \
    strictFirstAndLastChars noLineBreaksAfter noLineBreaksBefore savePreviewPicture \
    doNotValidateAgainstSchema saveInvalidXml ignoreMixedContent alwaysShowPlaceholderText \
    doNotDemarcateInvalidXml saveXmlDataOnly useXSLTWhenSaving saveThroughXslt showXMLTags \
    alwaysMergeEmptyNamespace updateFields hdrShapeDefaults footnotePr endnotePr compat docVars \
    rsids mathPr attachedSchema themeFontLang clrSchemeMapping doNotIncludeSubdocsInStats \
    doNotAutoCompressPictures forceUpgrade captions readModeInkLockDown smartTagType \
    schemaLibrary shapeDefaults doNotEmbedSmartTags decimalSymbol listSeparator";

const ABSTRACT_NUMBERING: &str = "nsid multiLevelType tmpl name styleLink numStyleLink lvl";
const NUMBERING: &str = "numPicBullet abstractNum num numIdMacAtCleanup";

/// Parents whose children have a fixed order, with that order.
const ORDERS: &[(&str, &str)] = &[
    ("rPr", RUN),
    ("pPr", PARAGRAPH),
    ("style", STYLE),
    ("sectPr", SECTION),
    ("lvl", LEVEL),
    ("settings", SETTINGS),
    ("numPr", "ilvl numId numberingChange ins"),
    ("lvlOverride", "startOverride lvl"),
    ("num", "abstractNumId lvlOverride"),
    ("abstractNum", ABSTRACT_NUMBERING),
    ("numbering", NUMBERING),
    ("styles", "docDefaults latentStyles style"),
    ("docDefaults", "rPrDefault pPrDefault"),
];

/// The order of `parent`'s children, if the schema fixes one.
fn order_of(parent: Node) -> Option<&'static str> {
    let name = parent.tag_name().name();
    ORDERS.iter().find(|(p, _)| *p == name).map(|(_, o)| *o)
}

/// Where `child` ranks in `order`; `None` when the order does not know it.
fn rank(order: &str, child: Node) -> Option<usize> {
    let name = child.tag_name().name();
    order
        .split_whitespace()
        .position(|names| names.split('|').any(|n| n == name))
}

fn parse(xml: &[u8]) -> Result<(&str, Document<'_>), String> {
    let text = std::str::from_utf8(xml).map_err(|e| e.to_string())?;
    let doc = Document::parse(text).map_err(|e| e.to_string())?;
    Ok((text, doc))
}

/// `xml` with the children of every element that has a schema order put in that order.
/// Everything else is copied as it was written.
pub(crate) fn reorder(xml: &[u8]) -> Result<Vec<u8>, String> {
    let (text, doc) = parse(xml)?;
    let root = doc.root_element().range();
    let mut out = String::with_capacity(text.len());
    out.push_str(&text[..root.start]);
    write(doc.root_element(), text, &mut out);
    out.push_str(&text[root.end..]);
    Ok(out.into_bytes())
}

/// Copies `node` out of `text` into `out`, its children reordered where the schema says.
fn write(node: Node, text: &str, out: &mut String) {
    let children: Vec<Node> = node.children().filter(Node::is_element).collect();
    let (Some(first), Some(last)) = (children.first(), children.last()) else {
        out.push_str(&text[node.range()]);
        return;
    };
    out.push_str(&text[node.range().start..first.range().start]);
    match order_of(node) {
        // Property elements hold only elements: nothing is lost between them.
        Some(order) => {
            let mut sorted = children.clone();
            // Stable: equal ranks keep their order, and children the order does not know
            // go last.
            sorted.sort_by_key(|&c| rank(order, c).unwrap_or(usize::MAX));
            for child in sorted {
                write(child, text, out);
            }
        }
        None => {
            let mut from = first.range().start;
            for child in &children {
                out.push_str(&text[from..child.range().start]);
                write(*child, text, out);
                from = child.range().end;
            }
        }
    }
    out.push_str(&text[last.range().end..node.range().end]);
}

/// Every place where a child element is out of schema order or unknown to its parent's order,
/// as `parent > child` descriptions. Empty when the part is in order.
pub fn check(xml: &[u8]) -> Result<Vec<String>, String> {
    let (_, doc) = parse(xml)?;
    let mut out = Vec::new();
    for parent in doc.descendants().filter(Node::is_element) {
        let Some(order) = order_of(parent) else {
            continue;
        };
        let p = parent.tag_name().name();
        let mut last = 0;
        for child in parent.children().filter(Node::is_element) {
            let c = child.tag_name().name();
            match rank(order, child) {
                None => out.push(format!("{p} > {c}: not a child the schema allows here")),
                Some(r) if r < last => out.push(format!("{p} > {c}: out of order")),
                Some(r) => last = r,
            }
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_and_fixes_out_of_order_properties() {
        let xml = br#"<w:p xmlns:w="w"><w:pPr><w:rPr/><w:numPr><w:numId w:val="2"/><w:ilvl w:val="0"/></w:numPr><w:pStyle w:val="Quote"/></w:pPr><w:r><w:rPr><w:sz w:val="20"/><w:rStyle w:val="Strong"/></w:rPr><w:t xml:space="preserve">a &amp; b</w:t></w:r></w:p>"#;
        let problems = check(xml).unwrap();
        assert_eq!(problems.len(), 4, "{problems:?}");
        let fixed = reorder(xml).unwrap();
        assert_eq!(check(&fixed).unwrap(), Vec::<String>::new());
        let text = String::from_utf8(fixed).unwrap();
        assert!(text.starts_with(r#"<w:p xmlns:w="w"><w:pPr><w:pStyle w:val="Quote"/><w:numPr><w:ilvl w:val="0"/><w:numId w:val="2"/></w:numPr><w:rPr/></w:pPr>"#), "{text}");
        assert!(
            text.contains(r#"<w:rStyle w:val="Strong"/><w:sz w:val="20"/>"#),
            "{text}"
        );
        assert!(text.contains("a &amp; b"), "{text}");
    }

    #[test]
    fn unknown_children_are_reported() {
        assert_eq!(
            check(br#"<w:rPr xmlns:w="w"><w:bogus/></w:rPr>"#)
                .unwrap()
                .len(),
            1
        );
    }
}
