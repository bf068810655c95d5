#!/usr/bin/env python3
"""Writes the import corpus: one submission laid out the ways organisations lay it out.

Run from the repository root: `python3 tests/import/make_corpus.py`. It also writes
`tests/calls/`: one call for inputs as Word, Markdown and text, for `jointly questionnaire from`. Each document goes with
NAME.expected.toml: the words a reader sees in it (Word's automatic numbers, list markers and
Markdown markup are not words; deleted text and comments are not seen), and the answer text
expected for each question (for action-line questions, the intro, the lines and the closing,
without the codes). `tests/it/import_corpus.rs` imports each document and compares.
"""

import re
import zipfile
from pathlib import Path

from content import (ANSWERS, ANSWERS_ES, ANSWERS_FR, PARAPHRASES, QUESTIONS, QUESTIONS_ES,
                     QUESTIONS_FR, SECTIONS)

OUT = Path(__file__).parent
TITLE = "Call for Inputs: WSIS+20 Review"
INTRO = "Submitted jointly by the following organisations (in alphabetical order):"
NAMES = ["Ágora Digital Cidadã (ADC)", "Kasuku Rural Connectivity Network (KRCN)"]
ACTION_LINES = {5, 6, 7}


def words(text):
    """Words a reader sees in a text: footnote references are marks, not words."""
    return len(re.sub(r"\[\^[^\]]*\]", "", text).split())


def blocks_of(answer):
    """An answer as (kind, text) blocks: action lines become ("line", code, label, text)."""
    if isinstance(answer, list):
        return answer
    out = []
    if answer["intro"]:
        out.append(("p", answer["intro"]))
    for code, label, text in answer["lines"]:
        out.append(("line", code, label, text))
    if answer["closing"]:
        out.append(("p", answer["closing"]))
    return out


def expected_text(answer):
    parts = []
    for b in blocks_of(answer):
        if b[0] in ("p", "note"):
            parts.append(b[-1])
        elif b[0] in ("ul", "ol"):
            parts.extend(b[1])
        elif b[0] == "line":
            parts.append(b[3])
    return re.sub(r"\[\^[^\]]*\]", "", " ".join(parts))


def codes_of(answer):
    return [] if isinstance(answer, list) else [code for code, _, _ in answer["lines"]]


def toml_string(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def write_expected(name, seen, answers, skip=()):
    lines = [f"# What {name} holds; written by make_corpus.py.", f"words = {seen}", "", "[answers]"]
    for n, answer in answers.items():
        if n not in skip:
            lines.append(f"q{n} = {toml_string(expected_text(answer))}")
    lines += ["", "[codes]"]
    for n, answer in answers.items():
        if codes_of(answer) and n not in skip:
            lines.append(f"q{n} = [{', '.join(toml_string(c) for c in codes_of(answer))}]")
    (OUT / f"{name}.expected.toml").write_text("\n".join(lines) + "\n", encoding="utf-8")


# Markdown and plain text ------------------------------------------------------------------

class Text:
    """A document written line by line, counting the words a reader sees."""

    def __init__(self):
        self.lines = []
        self.seen = 0

    def add(self, line, visible=None):
        self.lines.append(line)
        self.seen += words(line if visible is None else visible)

    def blank(self):
        self.lines.append("")

    def text(self):
        return "\n".join(self.lines) + "\n"


def md_answer(doc, answer, line_style):
    """An answer in Markdown; `line_style` writes an action line (code, label, text)."""
    notes = []
    for b in blocks_of(answer):
        if b[0] == "p":
            doc.add(b[1])
            doc.blank()
        elif b[0] == "ul":
            for item in b[1]:
                doc.add(f"- {item}", item)
            doc.blank()
        elif b[0] == "ol":
            for i, item in enumerate(b[1], 1):
                doc.add(f"{i}. {item}", item)
            doc.blank()
        elif b[0] == "note":
            notes.append(b)
        elif b[0] == "line":
            line, visible = line_style(*b[1:])
            doc.add(line, visible)
            doc.blank()
    for _, label, text in notes:
        doc.add(f"[^{label}]: {text}", text)
        doc.blank()


def bold_line(code, label, text):
    display = code.split(".")[0]
    return f"- **{display} {label}** – {text}", f"{display} {label} – {text}"


def md_header(doc):
    doc.add(f"# {TITLE}", TITLE)
    doc.blank()
    doc.add(INTRO)
    doc.blank()
    for name in NAMES:
        doc.add(f"- {name}", name)
    doc.blank()


def markdown_doc(name, statement, answers=ANSWERS, sections=True, line_style=bold_line,
                 header=md_header, skip=(), footer=None):
    """A Markdown document: `statement(n)` gives the lines stating question n, each as
    (markdown, visible text)."""
    doc = Text()
    header(doc)
    for title, numbers in SECTIONS:
        if sections:
            doc.add(f"## {title}", title)
            doc.blank()
        for n in numbers:
            for line, visible in statement(n):
                doc.add(line, visible)
                doc.blank()
            if n not in skip:
                md_answer(doc, answers[n], line_style)
    if footer:
        footer(doc)
    (OUT / name).write_text(doc.text(), encoding="utf-8")
    write_expected(name, doc.seen, answers, skip)
    return doc


# Word -------------------------------------------------------------------------------------

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def esc(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def run(text, bold=False):
    props = "<w:rPr><w:b/></w:rPr>" if bold else ""
    return f'<w:r>{props}<w:t xml:space="preserve">{esc(text)}</w:t></w:r>'


class Word:
    """A Word document: paragraphs, lists, a table, footnotes, comments and links."""

    def __init__(self):
        self.body = []
        self.seen = 0
        self.footnotes = []
        self.comments = []
        self.links = []
        # numId -> (format, level text); 1 is the bullet list every document has.
        self.lists = {1: ("bullet", "●")}

    def para(self, runs, style=None, num=None, visible=""):
        props = ""
        if style or num:
            props = "<w:pPr>"
            if style:
                props += f'<w:pStyle w:val="{style}"/>'
            if num:
                props += f'<w:numPr><w:ilvl w:val="0"/><w:numId w:val="{num}"/></w:numPr>'
            props += "</w:pPr>"
        self.seen += words(visible)
        return f"<w:p>{props}{runs}</w:p>"

    def add(self, text, style=None, num=None, bold=False):
        self.body.append(self.para(run(text, bold), style, num, text))

    def new_list(self, fmt="decimal", text="%1."):
        num = max(self.lists) + 1
        self.lists[num] = (fmt, text)
        return num

    def footnote_run(self, text):
        note_id = len(self.footnotes) + 5  # Word's ids need not start at 1
        self.footnotes.append((note_id, text))
        self.seen += words(text)
        return f'<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteReference w:id="{note_id}"/></w:r>'

    def link_run(self, text, url):
        rid = f"rIdLink{len(self.links) + 1}"
        self.links.append((rid, url))
        return f'<w:hyperlink r:id="{rid}">{run(text)}</w:hyperlink>'

    def answer(self, answer, line_runs=None):
        """An answer: paragraphs, lists (a numbered list restarts at 1), footnotes."""
        notes = {b[1]: b[2] for b in blocks_of(answer) if b[0] == "note"}
        for b in blocks_of(answer):
            if b[0] == "p":
                text = b[1]
                refs = re.findall(r"\[\^([^\]]*)\]", text)
                pieces = re.split(r"\[\^[^\]]*\]", text)
                runs = run(pieces[0])
                for ref, piece in zip(refs, pieces[1:]):
                    runs += self.footnote_run(notes[ref]) + run(piece)
                self.body.append(self.para(runs, visible=text))
            elif b[0] == "ul":
                for item in b[1]:
                    self.add(item, "ListParagraph", 1)
            elif b[0] == "ol":
                num = self.new_list()
                for item in b[1]:
                    self.add(item, "ListParagraph", num)
            elif b[0] == "line":
                code, label, text = b[1:]
                display = code.split(".")[0]
                lead = f"{display} {label}"
                self.body.append(self.para(run(lead, True) + run(f" – {text}"), "ListParagraph", 1,
                                           f"{lead} – {text}"))

    def save(self, name, folder=OUT):
        numbering = [f'<w:numbering xmlns:w="{W_NS}">']
        for num, (fmt, text) in self.lists.items():
            numbering.append(
                f'<w:abstractNum w:abstractNumId="{num}"><w:lvl w:ilvl="0"><w:start w:val="1"/>'
                f'<w:numFmt w:val="{fmt}"/><w:lvlText w:val="{esc(text)}"/></w:lvl></w:abstractNum>')
        for num in self.lists:
            numbering.append(f'<w:num w:numId="{num}"><w:abstractNumId w:val="{num}"/></w:num>')
        numbering.append("</w:numbering>")
        styles = [f'<w:styles xmlns:w="{W_NS}">']
        for sid, sname in [("Normal", "Normal"), ("Title", "Title"), ("Heading1", "heading 1"),
                           ("Heading2", "heading 2"), ("ListParagraph", "List Paragraph"),
                           ("FootnoteReference", "footnote reference")]:
            kind = "character" if sid == "FootnoteReference" else "paragraph"
            styles.append(f'<w:style w:type="{kind}" w:styleId="{sid}"><w:name w:val="{sname}"/></w:style>')
        styles.append("</w:styles>")
        footnotes = [f'<w:footnotes xmlns:w="{W_NS}">'
                     '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
                     '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>']
        for note_id, text in self.footnotes:
            footnotes.append(f'<w:footnote w:id="{note_id}"><w:p>{run(text)}</w:p></w:footnote>')
        footnotes.append("</w:footnotes>")
        comments = [f'<w:comments xmlns:w="{W_NS}">']
        for cid, text in self.comments:
            comments.append(f'<w:comment w:id="{cid}" w:author="Reviewer"><w:p>{run(text)}</w:p></w:comment>')
        comments.append("</w:comments>")
        rels = ['<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">']
        base = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
        for rid, target, kind in [("rIdStyles", "styles.xml", "styles"),
                                  ("rIdNumbering", "numbering.xml", "numbering"),
                                  ("rIdFootnotes", "footnotes.xml", "footnotes"),
                                  ("rIdComments", "comments.xml", "comments")]:
            rels.append(f'<Relationship Id="{rid}" Type="{base}/{kind}" Target="{target}"/>')
        for rid, url in self.links:
            rels.append(f'<Relationship Id="{rid}" Type="{base}/hyperlink" Target="{esc(url)}" TargetMode="External"/>')
        rels.append("</Relationships>")
        document = (f'<w:document xmlns:w="{W_NS}" xmlns:r="{R_NS}"><w:body>'
                    + "".join(self.body) + "<w:sectPr/></w:body></w:document>")
        main = "application/vnd.openxmlformats-officedocument.wordprocessingml"
        types = ('<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                 '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                 '<Default Extension="xml" ContentType="application/xml"/>'
                 f'<Override PartName="/word/document.xml" ContentType="{main}.document.main+xml"/>'
                 f'<Override PartName="/word/styles.xml" ContentType="{main}.styles+xml"/>'
                 f'<Override PartName="/word/numbering.xml" ContentType="{main}.numbering+xml"/>'
                 f'<Override PartName="/word/footnotes.xml" ContentType="{main}.footnotes+xml"/>'
                 f'<Override PartName="/word/comments.xml" ContentType="{main}.comments+xml"/>'
                 "</Types>")
        package_rels = ('<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                        f'<Relationship Id="rId1" Type="{base}/officeDocument" Target="word/document.xml"/>'
                        "</Relationships>")
        xml = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        with zipfile.ZipFile(folder / name, "w", zipfile.ZIP_DEFLATED) as z:
            for part, text in [("[Content_Types].xml", types), ("_rels/.rels", package_rels),
                               ("word/document.xml", document),
                               ("word/_rels/document.xml.rels", "".join(rels)),
                               ("word/styles.xml", "".join(styles)),
                               ("word/numbering.xml", "".join(numbering)),
                               ("word/footnotes.xml", "".join(footnotes)),
                               ("word/comments.xml", "".join(comments))]:
                info = zipfile.ZipInfo(part, (2025, 11, 3, 0, 0, 0))
                z.writestr(info, xml + text, zipfile.ZIP_DEFLATED)


def word_header(doc):
    doc.add(TITLE, "Title")
    doc.add(INTRO)
    for n in NAMES:
        doc.add(n, "ListParagraph", 1)


# The documents ----------------------------------------------------------------------------

def headings_docx():
    """Questions as headings with their number typed; a link and a footnote."""
    doc = Word()
    word_header(doc)
    for title, numbers in SECTIONS:
        doc.add(title, "Heading1")
        for n in numbers:
            doc.add(f"{n}. {QUESTIONS[n]}", "Heading2")
            if n == 2:
                first, second = ANSWERS[2]
                doc.body.append(doc.para(run(first[1]), visible=first[1]))
                before, after = second[1].split("the stocktaking of projects")
                runs = run(before) + doc.link_run("the stocktaking of projects",
                                                  "https://example.org/stocktaking") + run(after)
                doc.body.append(doc.para(runs, visible=second[1]))
            else:
                doc.answer(ANSWERS[n])
    doc.save("headings.docx")
    write_expected("headings.docx", doc.seen, ANSWERS)


def word_numbering_docx():
    """Questions numbered with Word's numbering button: no number in their text."""
    doc = Word()
    word_header(doc)
    questions = doc.new_list()
    for title, numbers in SECTIONS:
        doc.add(title, "Heading1")
        for n in numbers:
            doc.add(QUESTIONS[n], num=questions, bold=True)
            doc.answer(ANSWERS[n])
    doc.save("word-numbering.docx")
    write_expected("word-numbering.docx", doc.seen, ANSWERS)


def table_docx():
    """Questions and answers in a two-column table."""
    doc = Word()
    word_header(doc)

    def cell(paragraphs):
        return f"<w:tc>{''.join(paragraphs)}</w:tc>"

    rows = [f"<w:tr>{cell([doc.para(run('Question', True), visible='Question')])}"
            f"{cell([doc.para(run('Answer', True), visible='Answer')])}</w:tr>"]
    for n in QUESTIONS:
        question = doc.para(run(f"{n}. {QUESTIONS[n]}"), visible=f"{n}. {QUESTIONS[n]}")
        saved, doc.body = doc.body, []
        doc.answer(ANSWERS[n])
        answer, doc.body = doc.body, saved
        rows.append(f"<w:tr>{cell([question])}{cell(answer)}</w:tr>")
    doc.body.append(f"<w:tbl>{''.join(rows)}</w:tbl>")
    doc.save("table.docx")
    write_expected("table.docx", doc.seen, ANSWERS)


def tracked_changes_docx():
    """Insertions, a deletion, a paragraph moved from one answer to another, and a comment."""
    doc = Word()
    word_header(doc)
    moved = ANSWERS[3][1][1]
    for n in QUESTIONS:
        doc.add(f"{n}. {QUESTIONS[n]}", "Heading2")
        if n == 1:
            doc.answer(ANSWERS[1])
            # Where the moved paragraph was: not seen once the changes are accepted.
            doc.body.append(f'<w:p><w:moveFrom w:id="11" w:author="Ana">{run(moved)}</w:moveFrom></w:p>')
        elif n == 2:
            first, second = ANSWERS[2]
            text = first[1]
            before, after = text.split(" honest.")
            runs = (run(before) + f'<w:ins w:id="12" w:author="Ana">{run(" honest")}</w:ins>'
                    + f'<w:del w:id="13" w:author="Ana"><w:r><w:delText> and fair</w:delText></w:r></w:del>'
                    + run("." + after))
            doc.body.append(doc.para(runs, visible=text))
            doc.body.append(doc.para(run(second[1]), visible=second[1]))
        elif n == 3:
            doc.answer([ANSWERS[3][0]])
            doc.body.append(f'<w:p><w:moveTo w:id="14" w:author="Ana">{run(moved)}</w:moveTo></w:p>')
            doc.seen += words(moved)
        elif n == 9:
            text = ANSWERS[9][0][1]
            doc.comments.append((21, "Check the wording with the board."))
            runs = ('<w:commentRangeStart w:id="21"/>' + run(text) + '<w:commentRangeEnd w:id="21"/>'
                    '<w:r><w:commentReference w:id="21"/></w:r>')
            doc.body.append(doc.para(runs, visible=text))
        else:
            doc.answer(ANSWERS[n])
    doc.save("tracked-changes.docx")
    write_expected("tracked-changes.docx", doc.seen, ANSWERS)


def toc_docx():
    """A list of the questions at the top, then the questions with their answers."""
    doc = Word()
    word_header(doc)
    doc.add("Contents", "Heading1")
    for n in QUESTIONS:
        doc.add(f"{n}. {QUESTIONS[n]}")
    for n in QUESTIONS:
        doc.add(f"Question {n}", "Heading2")
        doc.add(QUESTIONS[n], bold=True)
        doc.answer(ANSWERS[n])
    doc.save("toc.docx")
    write_expected("toc.docx", doc.seen, ANSWERS)


def french_numbered_docx():
    """A French document: "1. <question in French>" typed, found by number alone."""
    doc = Word()
    doc.add("Appel à contributions : examen SMSI+20", "Title")
    for n in QUESTIONS_FR:
        doc.add(f"{n}. {QUESTIONS_FR[n]}", bold=True)
        doc.answer(ANSWERS_FR[n])
    doc.save("french-numbered.docx")
    write_expected("french-numbered.docx", doc.seen, ANSWERS_FR)


def q_dot_md():
    def statement(n):
        if n % 2:
            return [(f"**Q.{n}** {QUESTIONS[n]}", f"Q.{n} {QUESTIONS[n]}")]
        return [(f"Q{n}: {QUESTIONS[n]}", None)]
    markdown_doc("q-dot.md", statement)


NUMBER_WORDS = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
                "eleven"]


def question_words_md():
    def statement(n):
        word = NUMBER_WORDS[n - 1]
        return [(f"**Question {word}:** {QUESTIONS[n]}", f"Question {word}: {QUESTIONS[n]}")]
    markdown_doc("question-words.md", statement, sections=False)


def numbered_list_md():
    """Questions as items of numbered lists, as a Word document saved as Markdown gives them."""
    markdown_doc("numbered-list.md", lambda n: [(f"{n}.  {QUESTIONS[n]}", QUESTIONS[n])])


def paraphrase_headings_md():
    """Headings that paraphrase the question; question 8 left unanswered."""
    def statement(n):
        return [(f"### Q{n} – {PARAPHRASES[n]}", f"Q{n} – {PARAPHRASES[n]}")]
    markdown_doc("paraphrase-headings.md", statement, skip={8})


def signed_md():
    """A cover note, footnotes defined at the end, and signatures and contacts after the
    last answer."""
    def header(doc):
        doc.add("Dear colleagues, please find our joint input below.")
        doc.blank()
        md_header(doc)

    def footer(doc):
        doc.add("Signed: ARTICLE 19, Ágora Digital Cidadã, Kasuku Rural Connectivity Network")
        doc.blank()
        doc.add("Contact: Ana Lima, ana.lima@example.org, +55 11 5555 0100")
        doc.blank()

    answers = {n: [b for b in a if b[0] != "note"] if isinstance(a, list) else a
               for n, a in ANSWERS.items()}
    doc = markdown_doc("signed.md", lambda n: [(f"## {n}. {QUESTIONS[n]}", f"{n}. {QUESTIONS[n]}")],
                       answers=answers, sections=False, header=header, footer=footer)
    # The footnote goes at the very end, as Markdown writers put it.
    note = ANSWERS[1][2]
    with open(OUT / "signed.md", "a", encoding="utf-8") as f:
        f.write(f"[^{note[1]}]: {note[2]}\n")
    write_expected("signed.md", doc.seen + words(note[2]), ANSWERS)


def action_lines_md():
    """Action lines written every way people write them."""
    styles = {
        "C2": lambda code, label, text: (f"**C2 – {label}** – {text}", f"C2 – {label} – {text}"),
        "C9": lambda code, label, text: (f"C9 {label.upper()}: {text}", None),
        "C3": lambda code, label, text: (f"C3 {label}: {text}", None),
        "C10": lambda code, label, text: (f"- C10 ETHICAL DIMENSIONS OF THE INFORMATION SOCIETY – {text}",
                                          f"C10 ETHICAL DIMENSIONS OF THE INFORMATION SOCIETY – {text}"),
        "C4": lambda code, label, text: (f"● C4 Capacity building – {text}", None),
        "C7.e-government": lambda code, label, text: (f"● C7.e-government – {text}", None),
        "C7.e-health": lambda code, label, text: (f"C7 (e-health): {text}", None),
    }
    markdown_doc("action-lines.md",
                 lambda n: [(f"### {n}. {QUESTIONS[n]}", f"{n}. {QUESTIONS[n]}")],
                 line_style=lambda code, label, text: styles[code](code, label, text))


def french_md():
    """'Question 4 :' on its line, the question in French under it."""
    def header(doc):
        doc.add("# Appel à contributions : examen SMSI+20", "Appel à contributions : examen SMSI+20")
        doc.blank()

    def statement(n):
        return [(f"**Question {n} :**", f"Question {n} :"), (QUESTIONS_FR[n], None)]
    markdown_doc("french.md", statement, answers=ANSWERS_FR, sections=False, header=header)


def german_md():
    """'Frage 4:' headings over English answers, and no question text at all."""
    markdown_doc("german.md", lambda n: [(f"## Frage {n}:", f"Frage {n}:")], sections=False)


def plain_answer(doc, answer, width=78):
    """An answer as plain text, wrapped as a mail program wraps it."""
    for b in blocks_of(answer):
        if b[0] in ("p", "note"):
            text = b[-1] if b[0] == "p" else f"Note {b[1]}: {b[2]}"
            text = re.sub(r"\[\^[^\]]*\]", "", text)
            for line in wrap(text, width):
                doc.add(line)
            doc.blank()
        elif b[0] in ("ul", "ol"):
            for i, item in enumerate(b[1], 1):
                marker = "-" if b[0] == "ul" else f"{i})"
                doc.add(f"{marker} {item}", item if b[0] == "ul" else None)
                doc.blank()
        elif b[0] == "line":
            code, label, text = b[1:]
            for line in wrap(f"{code.split('.')[0]} {label} – {text}", width):
                doc.add(line)
            doc.blank()


def wrap(text, width):
    lines, line = [], ""
    for w in text.split():
        if line and len(line) + 1 + len(w) > width:
            lines.append(line)
            line = w
        else:
            line = f"{line} {w}".strip()
    if line:
        lines.append(line)
    return lines


def plain_expected(answers):
    """Plain text writes the footnote as a sentence of the answer, and a numbered list's
    numbers as words."""
    def plain(b):
        if b[0] == "note":
            return [("p", f"Note {b[1]}: {b[2]}")]
        if b[0] == "ol":
            return [("p", f"{i}) {item}") for i, item in enumerate(b[1], 1)]
        return [b]
    return {n: [p for b in a for p in plain(b)] if isinstance(a, list) else a
            for n, a in answers.items()}


def paren_numbers_txt():
    """"3) …" numbering, wrapped lines, as text copied out of a PDF."""
    doc = Text()
    doc.add(TITLE)
    doc.blank()
    for n in QUESTIONS:
        for line in wrap(f"{n}) {QUESTIONS[n]}", 78):
            doc.add(line)
        doc.blank()
        plain_answer(doc, ANSWERS[n])
    (OUT / "paren-numbers.txt").write_text(doc.text(), encoding="utf-8")
    write_expected("paren-numbers.txt", doc.seen, plain_expected(ANSWERS))


def email_inline_txt():
    """A reply that quotes each question and answers under it."""
    doc = Text()
    for line in ["Hi Maria,", "", "Thanks for coordinating this. Our answers are inline below.", "",
                 "On Mon, 3 Nov 2025 at 09:12, Maria Costa <maria.costa@example.org> wrote:"]:
        doc.add(line) if line else doc.blank()
    doc.add("> Dear all, please answer the questions of the call below.",
            "Dear all, please answer the questions of the call below.")
    doc.blank()
    for n in QUESTIONS:
        for line in wrap(f"{n}. {QUESTIONS[n]}", 76):
            doc.add(f"> {line}", line)
        doc.blank()
        plain_answer(doc, ANSWERS[n])
    for line in ["Best regards,", "Ana Lima", "Policy Officer, Kasuku Rural Connectivity Network",
                 "ana.lima@example.org"]:
        doc.add(line)
    (OUT / "email-inline.txt").write_text(doc.text(), encoding="utf-8")
    write_expected("email-inline.txt", doc.seen, plain_expected(ANSWERS))


def email_quoted_md():
    """The whole submission quoted under 'On … wrote:', with a note and a signature on top."""
    inner = markdown_doc("email-quoted.md", lambda n: [(f"### {n}. {QUESTIONS[n]}",
                                                        f"{n}. {QUESTIONS[n]}")])
    doc = Text()
    for line in ["Dear colleagues,", "", "Please find our contribution below, as we sent it to the secretariat.",
                 "", "Kind regards,", "Ana", "",
                 "On Tue, 4 Nov 2025, Ana Lima <ana.lima@example.org> wrote:"]:
        doc.add(line) if line else doc.blank()
    quoted = "".join(f"> {line}\n" if line else ">\n" for line in inner.lines)
    (OUT / "email-quoted.md").write_text(doc.text() + quoted, encoding="utf-8")
    write_expected("email-quoted.md", doc.seen + inner.seen, ANSWERS)


def spanish_txt():
    """'Pregunta 4.' on its line, the question in Spanish under it."""
    doc = Text()
    doc.add("Convocatoria de contribuciones: examen CMSI+20")
    doc.blank()
    for n in QUESTIONS_ES:
        doc.add(f"Pregunta {n}.")
        doc.blank()
        doc.add(QUESTIONS_ES[n])
        doc.blank()
        plain_answer(doc, ANSWERS_ES[n])
    (OUT / "spanish.txt").write_text(doc.text(), encoding="utf-8")
    write_expected("spanish.txt", doc.seen, ANSWERS_ES)


# Calls for inputs, for `jointly questionnaire from` --------------------------------------

CALL_TITLE = "Call for input: privacy and digital public infrastructure (EXAMPLE)"
CALL_ISSUER = "Special Rapporteur on the right to privacy (a fictional example)"
CALL_INTRO = ("The Special Rapporteur invites States, civil society and others to share their "
              "experience. Submissions should not exceed 2,500 words in total. More at "
              "https://example.org/call.")
CALL_QUESTIONS = [
    (1, "What legal safeguards apply to digital identity systems in your country?", "(max. 500 words)", []),
    (2, "Concerning data sharing between public bodies:", "", [
        ("a", "Which data are shared, and on what legal basis?", ""),
        ("b", "How are individuals informed?", "(300 words maximum)"),
    ]),
    (3, "Have you documented cases of exclusion from public services due to digital systems? Please give examples.", "", []),
    (4, "What recommendations would you make to States?", "(limit: 1,000 characters)", []),
]


def calls():
    """The same call as Markdown, plain text and Word."""
    out = OUT.parent / "calls"
    out.mkdir(exist_ok=True)
    md = [f"# {CALL_TITLE}", "", CALL_ISSUER, "", CALL_INTRO, "", "## Questions", ""]
    txt = [CALL_TITLE, "", CALL_ISSUER, "", CALL_INTRO, "", "Questions", ""]
    doc = Word()
    doc.add(CALL_TITLE, "Title")
    doc.add(CALL_ISSUER)
    doc.add(CALL_INTRO)
    doc.add("Questions", "Heading1")
    numbered = doc.new_list()
    for n, text, limit, parts in CALL_QUESTIONS:
        line = f"{text} {limit}".strip()
        md += [f"{n}. {line}", ""]
        txt += [f"{n}. {line}", ""]
        # In Word, the questions are numbered with Word's numbering button.
        doc.add(line, num=numbered)
        for mark, part, plimit in parts:
            pline = f"({mark}) {part} {plimit}".strip()
            md += [pline, ""]
            txt += [pline, ""]
            doc.add(pline)
    (out / "call.md").write_text("\n".join(md) + "\n", encoding="utf-8")
    (out / "call.txt").write_text("\n".join(txt) + "\n", encoding="utf-8")
    doc.save("call.docx", out)


if __name__ == "__main__":
    headings_docx()
    word_numbering_docx()
    table_docx()
    tracked_changes_docx()
    toc_docx()
    french_numbered_docx()
    q_dot_md()
    question_words_md()
    numbered_list_md()
    paraphrase_headings_md()
    signed_md()
    action_lines_md()
    french_md()
    german_md()
    paren_numbers_txt()
    email_inline_txt()
    email_quoted_md()
    spanish_txt()
    calls()
