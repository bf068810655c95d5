//! Child element order of the WordprocessingML elements jointly emits, from the ECMA-376
//! schema (wml.xsd, transitional). Word rejects a document whose property elements are out of
//! order even where LibreOffice forgives it, and docx-rs writes several of them in its own
//! order; [`reorder`] puts every known parent's children in schema order and [`check`] reports
//! any that are not.

use quick_xml::events::{BytesStart, Event};
use quick_xml::{Reader, Writer};

const RPR: &[&str] = &[
    "w:ins",
    "w:del",
    "w:moveFrom",
    "w:moveTo",
    "w:rStyle",
    "w:rFonts",
    "w:b",
    "w:bCs",
    "w:i",
    "w:iCs",
    "w:caps",
    "w:smallCaps",
    "w:strike",
    "w:dstrike",
    "w:outline",
    "w:shadow",
    "w:emboss",
    "w:imprint",
    "w:noProof",
    "w:snapToGrid",
    "w:vanish",
    "w:webHidden",
    "w:color",
    "w:spacing",
    "w:w",
    "w:kern",
    "w:position",
    "w:sz",
    "w:szCs",
    "w:highlight",
    "w:u",
    "w:effect",
    "w:bdr",
    "w:shd",
    "w:fitText",
    "w:vertAlign",
    "w:rtl",
    "w:cs",
    "w:em",
    "w:lang",
    "w:eastAsianLayout",
    "w:specVanish",
    "w:oMath",
    "w:rPrChange",
];

const PPR: &[&str] = &[
    "w:pStyle",
    "w:keepNext",
    "w:keepLines",
    "w:pageBreakBefore",
    "w:framePr",
    "w:widowControl",
    "w:numPr",
    "w:suppressLineNumbers",
    "w:pBdr",
    "w:shd",
    "w:tabs",
    "w:suppressAutoHyphens",
    "w:kinsoku",
    "w:wordWrap",
    "w:overflowPunct",
    "w:topLinePunct",
    "w:autoSpaceDE",
    "w:autoSpaceDN",
    "w:bidi",
    "w:adjustRightInd",
    "w:snapToGrid",
    "w:spacing",
    "w:ind",
    "w:contextualSpacing",
    "w:mirrorIndents",
    "w:suppressOverlap",
    "w:jc",
    "w:textDirection",
    "w:textAlignment",
    "w:textboxTightWrap",
    "w:outlineLvl",
    "w:divId",
    "w:cnfStyle",
    "w:rPr",
    "w:sectPr",
    "w:pPrChange",
];

const STYLE: &[&str] = &[
    "w:name",
    "w:aliases",
    "w:basedOn",
    "w:next",
    "w:link",
    "w:autoRedefine",
    "w:hidden",
    "w:uiPriority",
    "w:semiHidden",
    "w:unhideWhenUsed",
    "w:qFormat",
    "w:locked",
    "w:personal",
    "w:personalCompose",
    "w:personalReply",
    "w:rsid",
    "w:pPr",
    "w:rPr",
    "w:tblPr",
    "w:trPr",
    "w:tcPr",
    "w:tblStylePr",
];

const SECTPR: &[&str] = &[
    // Header and footer references may come in any order among themselves: same rank.
    "w:headerReference|w:footerReference",
    "w:footnotePr",
    "w:endnotePr",
    "w:type",
    "w:pgSz",
    "w:pgMar",
    "w:paperSrc",
    "w:pgBorders",
    "w:lnNumType",
    "w:pgNumType",
    "w:cols",
    "w:formProt",
    "w:vAlign",
    "w:noEndnote",
    "w:titlePg",
    "w:textDirection",
    "w:bidi",
    "w:rtlGutter",
    "w:docGrid",
    "w:printerSettings",
    "w:sectPrChange",
];

const LVL: &[&str] = &[
    "w:start",
    "w:numFmt",
    "w:lvlRestart",
    "w:pStyle",
    "w:isLgl",
    "w:suff",
    "w:lvlText",
    "w:lvlPicBulletId",
    "w:legacy",
    "w:lvlJc",
    "w:pPr",
    "w:rPr",
];

const SETTINGS: &[&str] = &[
    "w:writeProtection",
    "w:view",
    "w:zoom",
    "w:removePersonalInformation",
    "w:removeDateAndTime",
    "w:doNotDisplayPageBoundaries",
    "w:displayBackgroundShape",
    "w:printPostScriptOverText",
    "w:printFractionalCharacterWidth",
    "w:printFormsData",
    "w:embedTrueTypeFonts",
    "w:embedSystemFonts",
    "w:saveSubsetFonts",
    "w:saveFormsData",
    "w:mirrorMargins",
    "w:alignBordersAndEdges",
    "w:bordersDoNotSurroundHeader",
    "w:bordersDoNotSurroundFooter",
    "w:gutterAtTop",
    "w:hideSpellingErrors",
    "w:hideGrammaticalErrors",
    "w:activeWritingStyle",
    "w:proofState",
    "w:formsDesign",
    "w:attachedTemplate",
    "w:linkStyles",
    "w:stylePaneFormatFilter",
    "w:stylePaneSortMethod",
    "w:documentType",
    "w:mailMerge",
    "w:revisionView",
    "w:trackRevisions",
    "w:doNotTrackMoves",
    "w:doNotTrackFormatting",
    "w:documentProtection",
    "w:autoFormatOverride",
    "w:styleLockTheme",
    "w:styleLockQFSet",
    "w:defaultTabStop",
    "w:autoHyphenation",
    "w:consecutiveHyphenLimit",
    "w:hyphenationZone",
    "w:doNotHyphenateCaps",
    "w:showEnvelope",
    "w:summaryLength",
    "w:clickAndTypeStyle",
    "w:defaultTableStyle",
    "w:evenAndOddHeaders",
    "w:bookFoldRevPrinting",
    "w:bookFoldPrinting",
    "w:bookFoldPrintingSheets",
    "w:drawingGridHorizontalSpacing",
    "w:drawingGridVerticalSpacing",
    "w:displayHorizontalDrawingGridEvery",
    "w:displayVerticalDrawingGridEvery",
    "w:doNotUseMarginsForDrawingGridOrigin",
    "w:drawingGridHorizontalOrigin",
    "w:drawingGridVerticalOrigin",
    "w:doNotShadeFormData",
    "w:noPunctuationKerning",
    "w:characterSpacingControl",
    "w:printTwoOnOne",
    "w:strictFirstAndLastChars",
    "w:noLineBreaksAfter",
    "w:noLineBreaksBefore",
    "w:savePreviewPicture",
    "w:doNotValidateAgainstSchema",
    "w:saveInvalidXml",
    "w:ignoreMixedContent",
    "w:alwaysShowPlaceholderText",
    "w:doNotDemarcateInvalidXml",
    "w:saveXmlDataOnly",
    "w:useXSLTWhenSaving",
    "w:saveThroughXslt",
    "w:showXMLTags",
    "w:alwaysMergeEmptyNamespace",
    "w:updateFields",
    "w:hdrShapeDefaults",
    "w:footnotePr",
    "w:endnotePr",
    "w:compat",
    "w:docVars",
    "w:rsids",
    "m:mathPr",
    "w:attachedSchema",
    "w:themeFontLang",
    "w:clrSchemeMapping",
    "w:doNotIncludeSubdocsInStats",
    "w:doNotAutoCompressPictures",
    "w:forceUpgrade",
    "w:captions",
    "w:readModeInkLockDown",
    "w:smartTagType",
    "sl:schemaLibrary",
    "w:shapeDefaults",
    "w:doNotEmbedSmartTags",
    "w:decimalSymbol",
    "w:listSeparator",
];

/// Parents whose children have a fixed order, with that order.
const ORDERS: &[(&str, &[&str])] = &[
    ("w:rPr", RPR),
    ("w:pPr", PPR),
    ("w:style", STYLE),
    ("w:sectPr", SECTPR),
    ("w:lvl", LVL),
    ("w:settings", SETTINGS),
    (
        "w:numPr",
        &["w:ilvl", "w:numId", "w:numberingChange", "w:ins"],
    ),
    ("w:lvlOverride", &["w:startOverride", "w:lvl"]),
    ("w:num", &["w:abstractNumId", "w:lvlOverride"]),
    (
        "w:abstractNum",
        &[
            "w:nsid",
            "w:multiLevelType",
            "w:tmpl",
            "w:name",
            "w:styleLink",
            "w:numStyleLink",
            "w:lvl",
        ],
    ),
    (
        "w:numbering",
        &[
            "w:numPicBullet",
            "w:abstractNum",
            "w:num",
            "w:numIdMacAtCleanup",
        ],
    ),
    ("w:styles", &["w:docDefaults", "w:latentStyles", "w:style"]),
    ("w:docDefaults", &["w:rPrDefault", "w:pPrDefault"]),
];

fn rank(order: &[&str], child: &str) -> Option<usize> {
    order
        .iter()
        .position(|names| names.split('|').any(|n| n == child))
}

fn order_of(parent: &str) -> Option<&'static [&'static str]> {
    ORDERS.iter().find(|(p, _)| *p == parent).map(|(_, o)| *o)
}

/// An XML tree just detailed enough to reorder elements and write everything else back as it
/// was read.
enum Node {
    Element {
        start: BytesStart<'static>,
        children: Vec<Node>,
        empty: bool,
    },
    Other(Event<'static>),
}

impl Node {
    fn name(&self) -> Option<&str> {
        match self {
            Node::Element { start, .. } => Some(start.name().into_inner()),
            Node::Other(_) => None,
        }
    }
}

fn parse(xml: &[u8]) -> Result<Vec<Node>, String> {
    let mut reader = Reader::from_reader(xml);
    let mut stack: Vec<(BytesStart<'static>, Vec<Node>)> = Vec::new();
    let mut top: Vec<Node> = Vec::new();
    let mut buf = Vec::new();
    loop {
        let event = reader
            .read_event_into(&mut buf)
            .map_err(|e| format!("at byte {}: {e}", reader.buffer_position()))?;
        let node = match event {
            Event::Eof => break,
            Event::Start(s) => {
                stack.push((s.into_owned(), Vec::new()));
                buf.clear();
                continue;
            }
            Event::End(_) => {
                let (start, children) = stack.pop().ok_or("unbalanced end tag")?;
                Node::Element {
                    start,
                    children,
                    empty: false,
                }
            }
            Event::Empty(s) => Node::Element {
                start: s.into_owned(),
                children: Vec::new(),
                empty: true,
            },
            other => Node::Other(other.into_owned()),
        };
        match stack.last_mut() {
            Some((_, children)) => children.push(node),
            None => top.push(node),
        }
        buf.clear();
    }
    if stack.is_empty() {
        Ok(top)
    } else {
        Err("unclosed element".into())
    }
}

fn write(nodes: &[Node], w: &mut Writer<Vec<u8>>) -> std::io::Result<()> {
    for node in nodes {
        match node {
            Node::Element {
                start,
                children,
                empty: true,
            } if children.is_empty() => w.write_event(Event::Empty(start.borrow()))?,
            Node::Element {
                start, children, ..
            } => {
                w.write_event(Event::Start(start.borrow()))?;
                write(children, w)?;
                w.write_event(Event::End(start.to_end()))?;
            }
            Node::Other(e) => w.write_event(e.borrow())?,
        }
    }
    Ok(())
}

fn sort(nodes: &mut [Node], parent: Option<&str>) {
    if let Some(order) = parent.and_then(order_of) {
        // Stable: equal ranks (and unknown children, ranked last) keep their order.
        nodes.sort_by_key(|n| {
            n.name().map_or(usize::MAX, |name| {
                rank(order, name).unwrap_or(usize::MAX - 1)
            })
        });
    }
    for node in nodes {
        if let Node::Element {
            start, children, ..
        } = node
        {
            let name = start.name().as_ref().to_string();
            sort(children, Some(&name));
        }
    }
}

/// Puts the children of every element with a schema order into that order.
///
/// Streams: only the subtrees of elements with an order (property elements, small) are held
/// in memory and sorted; everything else goes straight through, so a large document costs
/// little more than copying it.
pub fn reorder(xml: &[u8]) -> Result<Vec<u8>, String> {
    let mut reader = Reader::from_reader(xml);
    let mut w = Writer::new(Vec::with_capacity(xml.len() + 64));
    let mut buf = Vec::new();
    // The subtree being collected: its open elements, outermost first.
    let mut open: Vec<(BytesStart<'static>, Vec<Node>)> = Vec::new();
    let io = |e: std::io::Error| e.to_string();
    loop {
        let event = reader
            .read_event_into(&mut buf)
            .map_err(|e| format!("at byte {}: {e}", reader.buffer_position()))?;
        match event {
            Event::Eof => break,
            Event::Start(s) if !open.is_empty() || order_of(s.name().into_inner()).is_some() => {
                open.push((s.into_owned(), Vec::new()));
            }
            Event::End(e) if !open.is_empty() => {
                let _ = e;
                let (start, children) = open.pop().ok_or("unbalanced end tag")?;
                let node = Node::Element {
                    start,
                    children,
                    empty: false,
                };
                match open.last_mut() {
                    Some((_, siblings)) => siblings.push(node),
                    None => {
                        let mut nodes = [node];
                        sort(&mut nodes, None);
                        write(&nodes, &mut w).map_err(io)?;
                    }
                }
            }
            Event::Empty(s) if !open.is_empty() => {
                let node = Node::Element {
                    start: s.into_owned(),
                    children: Vec::new(),
                    empty: true,
                };
                open.last_mut().expect("not empty").1.push(node);
            }
            other if !open.is_empty() => open
                .last_mut()
                .expect("not empty")
                .1
                .push(Node::Other(other.into_owned())),
            other => w.write_event(other).map_err(io)?,
        }
        buf.clear();
    }
    if !open.is_empty() {
        return Err("unclosed element".into());
    }
    Ok(w.into_inner())
}

/// Every place where a child element is out of schema order or unknown to its parent's order,
/// as `parent > child` descriptions. Empty when the part is in order.
pub fn check(xml: &[u8]) -> Result<Vec<String>, String> {
    fn walk(nodes: &[Node], parent: Option<&str>, out: &mut Vec<String>) {
        if let Some(order) = parent.and_then(order_of) {
            let p = parent.unwrap_or_default();
            let mut last = 0;
            for name in nodes.iter().filter_map(Node::name) {
                let n = name;
                match rank(order, name) {
                    None => out.push(format!("{p} > {n}: not a child the schema allows here")),
                    Some(r) if r < last => out.push(format!("{p} > {n}: out of order")),
                    Some(r) => last = r,
                }
            }
        }
        for node in nodes {
            if let Node::Element {
                start, children, ..
            } = node
            {
                walk(children, Some(start.name().into_inner()), out);
            }
        }
    }
    let nodes = parse(xml)?;
    let mut out = Vec::new();
    walk(&nodes, None, &mut out);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_and_fixes_out_of_order_properties() {
        let xml = br#"<w:p><w:pPr><w:rPr/><w:numPr><w:numId w:val="2"/><w:ilvl w:val="0"/></w:numPr><w:pStyle w:val="Quote"/></w:pPr><w:r><w:rPr><w:sz w:val="20"/><w:rStyle w:val="Strong"/></w:rPr><w:t xml:space="preserve">a &amp; b</w:t></w:r></w:p>"#;
        let problems = check(xml).unwrap();
        assert_eq!(problems.len(), 4, "{problems:?}");
        let fixed = reorder(xml).unwrap();
        assert_eq!(check(&fixed).unwrap(), Vec::<String>::new());
        let text = String::from_utf8(fixed).unwrap();
        assert!(text.starts_with(r#"<w:p><w:pPr><w:pStyle w:val="Quote"/><w:numPr><w:ilvl w:val="0"/><w:numId w:val="2"/></w:numPr><w:rPr/></w:pPr>"#), "{text}");
        assert!(
            text.contains(r#"<w:rStyle w:val="Strong"/><w:sz w:val="20"/>"#),
            "{text}"
        );
        assert!(text.contains("a &amp; b"), "{text}");
    }

    #[test]
    fn unknown_children_are_reported() {
        assert_eq!(check(br#"<w:rPr><w:bogus/></w:rPr>"#).unwrap().len(), 1);
    }
}
