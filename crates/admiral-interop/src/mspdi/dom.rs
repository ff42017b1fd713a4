//! A small element tree built from quick-xml's events: MSPDI files are a few megabytes at
//! most, and a tree makes the mapping code plain. Each element remembers the byte offset of
//! its start tag so that errors can name the line. The tree lives in an arena (`bumpalo`)
//! that the caller owns: a 5k-task file has some 200k elements, and allocating and freeing a
//! list of children for each cost about 7 ms of an 89 ms import (docs/benchmarks.md).

use crate::error::InteropError;
use bumpalo::Bump;
use quick_xml::events::Event;
use quick_xml::Reader;
use std::borrow::Cow;
use std::cell::OnceCell;

/// MSPDI files nest about six levels deep; anything far deeper is not an MSPDI file and
/// would only cost stack in the code that walks the tree.
pub(crate) const MAX_DEPTH: usize = 64;

/// The MSPDI namespace.
pub(crate) const MSPDI_NS: &str = "http://schemas.microsoft.com/project";

/// An element of the tree. Its name and (usually) its text are slices of the file read; a
/// text with references resolved, and the lists of children, are in the arena.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Element<'a> {
    /// Local name (any prefix stripped).
    pub name: &'a str,
    /// Text content (character data, CDATA and resolved references), trimmed.
    pub text: &'a str,
    pub children: &'a [Element<'a>],
    /// Byte offset of the start tag.
    pub pos: usize,
}

/// An element whose end tag is still to come.
struct Open<'a> {
    name: &'a str,
    text: Cow<'a, str>,
    pos: usize,
    /// Where its children start among the finished elements whose parent is still open.
    first: usize,
}

impl<'a> Element<'a> {
    /// The first child called `name`.
    pub fn child(&self, name: &str) -> Option<&Element<'a>> {
        self.children.iter().find(|c| c.name == name)
    }
    /// All children called `name`.
    pub fn children<'s>(&'s self, name: &'s str) -> impl Iterator<Item = &'s Element<'a>> + 's {
        self.children.iter().filter(move |c| c.name == name)
    }
    /// The text of the first child called `name`, when present and not blank.
    pub fn text_of(&self, name: &str) -> Option<&str> {
        self.child(name).map(|c| c.text).filter(|t| !t.is_empty())
    }
}

/// Maps byte offsets to 1-based line numbers. The offsets of the file's line breaks are found
/// once, when the first line is asked for (an import that notes nothing never reads them);
/// counting the breaks before each offset instead made an import that notes every task
/// quadratic (5k notes in a 3 MB file: 2.7 s).
pub(crate) struct Lines<'a> {
    src: &'a str,
    breaks: OnceCell<Vec<usize>>,
}

impl<'a> Lines<'a> {
    pub fn new(src: &'a str) -> Self {
        Self {
            src,
            breaks: OnceCell::new(),
        }
    }
    pub fn line(&self, pos: usize) -> usize {
        let breaks =
            (self.breaks).get_or_init(|| memchr::memchr_iter(b'\n', self.src.as_bytes()).collect());
        breaks.partition_point(|&b| b < pos) + 1
    }
}

/// `bytes` as a slice of `xml` when it is one (quick-xml's events borrow from the text they
/// read), else a copy in `arena`.
fn within<'a>(xml: &'a str, bytes: &[u8], arena: &'a Bump) -> &'a str {
    slice_of(xml, bytes).unwrap_or_else(|| arena.alloc_str(&String::from_utf8_lossy(bytes)))
}

/// `bytes` as the slice of `xml` it is, if it is one.
fn slice_of<'a>(xml: &'a str, bytes: &[u8]) -> Option<&'a str> {
    let start = (bytes.as_ptr() as usize).wrapping_sub(xml.as_ptr() as usize);
    start
        .checked_add(bytes.len())
        .and_then(|end| xml.get(start..end))
        .filter(|s| s.as_bytes().as_ptr() == bytes.as_ptr())
}

/// The local name (any prefix stripped) of a raw tag name.
fn local<'a>(xml: &'a str, name: &[u8], arena: &'a Bump) -> &'a str {
    let local = match name.iter().rposition(|&b| b == b':') {
        Some(i) => &name[i + 1..],
        None => name,
    };
    within(xml, local, arena)
}

/// Text content as an element gathers it: pieces joined, then trimmed once the element ends
/// (see [`trim`]). Blank pieces before any other text are left out, which the trim would
/// remove anyway: the whitespace between a parent's children costs nothing.
fn add_text<'a>(text: &mut Cow<'a, str>, piece: Cow<'a, str>) {
    if text.is_empty() {
        if !piece.trim().is_empty() {
            *text = piece;
        }
    } else {
        text.to_mut().push_str(&piece);
    }
}

/// A text event's bytes as the slice of the file they are ([`slice_of`]), when
/// `xml_content` would give that slice back unchanged: no carriage return to normalise (the
/// file is a `str`, and an event ends at `<`, so the slice is whole UTF-8). Saves decoding
/// again the ~110k short values of a 5k-task file (`xml_content` was a tenth of the parse).
fn in_source<'a>(xml: &'a str, bytes: &[u8]) -> Option<&'a str> {
    match memchr::memchr(b'\r', bytes) {
        Some(_) => None,
        None => slice_of(xml, bytes),
    }
}

/// The text gathered, trimmed, as a slice of the file or a copy in `arena`.
fn trim<'a>(text: Cow<'a, str>, arena: &'a Bump) -> &'a str {
    match text {
        Cow::Borrowed(s) => s.trim(),
        Cow::Owned(s) => arena.alloc_str(s.trim()),
    }
}

fn prefix(name: &[u8]) -> Option<&[u8]> {
    name.iter().rposition(|&b| b == b':').map(|i| &name[..i])
}

/// Parses `xml` and checks that its root is an MSPDI `<Project>`; returns the root, whose
/// tree is in `arena`.
pub(crate) fn parse<'a>(xml: &'a str, arena: &'a Bump) -> Result<Element<'a>, InteropError> {
    let lines = Lines::new(xml);
    let mut reader = Reader::from_str(xml);
    let cfg = reader.config_mut();
    cfg.check_end_names = true;
    cfg.expand_empty_elements = false;

    let not_xml = |pos: u64, message: String| InteropError::NotXml {
        line: lines.line(usize::try_from(pos).unwrap_or(usize::MAX)),
        message,
    };

    // The open elements, each with where its children start in `done`: the finished
    // elements whose parent is still open. An element's children move out of `done` into
    // the arena, as one slice, when it ends.
    let mut stack: Vec<Open> = Vec::new();
    let mut done: Vec<Element> = Vec::new();
    let mut root: Option<Element> = None;
    loop {
        let start = usize::try_from(reader.buffer_position()).unwrap_or(usize::MAX);
        let event = match reader.read_event() {
            Ok(e) => e,
            Err(e) => return Err(not_xml(reader.error_position(), e.to_string())),
        };
        match event {
            Event::Start(ref e) | Event::Empty(ref e) => {
                let is_empty = matches!(event, Event::Empty(_));
                let raw = e.name();
                let el = Element {
                    name: local(xml, raw.as_ref(), arena),
                    text: "",
                    children: &[],
                    pos: start,
                };
                if root.is_some() {
                    return Err(not_xml(
                        start as u64,
                        "content after the root element".into(),
                    ));
                }
                if stack.is_empty() {
                    check_root(e, &el, &lines)?;
                }
                if stack.len() >= MAX_DEPTH {
                    return Err(InteropError::NotMspdi {
                        line: lines.line(start),
                        message: format!("elements nest deeper than {MAX_DEPTH} levels"),
                    });
                }
                if is_empty {
                    if stack.is_empty() {
                        root = Some(el);
                    } else {
                        done.push(el);
                    }
                } else {
                    stack.push(Open {
                        name: el.name,
                        text: Cow::Borrowed(""),
                        pos: start,
                        first: done.len(),
                    });
                }
            }
            Event::End(_) => {
                let Some(open) = stack.pop() else {
                    return Err(not_xml(start as u64, "unexpected end tag".into()));
                };
                let el = Element {
                    name: open.name,
                    text: trim(open.text, arena),
                    children: arena.alloc_slice_fill_iter(done.drain(open.first..)),
                    pos: open.pos,
                };
                if stack.is_empty() {
                    root = Some(el);
                } else {
                    done.push(el);
                }
            }
            Event::Text(t) => {
                let s = match in_source(xml, &t) {
                    Some(s) => Cow::Borrowed(s),
                    None => t
                        .xml_content()
                        .map_err(|e| not_xml(start as u64, e.to_string()))?,
                };
                match stack.last_mut() {
                    Some(open) => add_text(&mut open.text, s),
                    None if s.trim().is_empty() => {}
                    None => {
                        return Err(not_xml(
                            start as u64,
                            "text outside the root element".into(),
                        ))
                    }
                }
            }
            Event::CData(t) => {
                let s = t
                    .xml_content()
                    .map_err(|e| not_xml(start as u64, e.to_string()))?;
                match stack.last_mut() {
                    Some(open) => add_text(&mut open.text, s),
                    None => return Err(not_xml(start as u64, "CDATA outside the root".into())),
                }
            }
            Event::GeneralRef(r) => {
                let resolved: String = match r.resolve_char_ref() {
                    Ok(Some(c)) => c.to_string(),
                    Ok(None) => {
                        let name = r
                            .decode()
                            .map_err(|e| not_xml(start as u64, e.to_string()))?;
                        match quick_xml::escape::resolve_predefined_entity(&name) {
                            Some(s) => s.to_string(),
                            None => {
                                return Err(not_xml(
                                    start as u64,
                                    format!("unknown entity &{name};"),
                                ))
                            }
                        }
                    }
                    Err(e) => return Err(not_xml(start as u64, e.to_string())),
                };
                if let Some(open) = stack.last_mut() {
                    add_text(&mut open.text, Cow::Owned(resolved));
                }
            }
            Event::Eof => break,
            Event::Decl(_) | Event::PI(_) | Event::Comment(_) | Event::DocType(_) => {}
        }
    }
    if let Some(open) = stack.last() {
        return Err(InteropError::NotXml {
            line: lines.line(xml.len()),
            message: format!(
                "the file ends before <{}> (line {}) is closed",
                open.name,
                lines.line(open.pos)
            ),
        });
    }
    root.ok_or_else(|| InteropError::NotXml {
        line: lines.line(xml.len()),
        message: "no root element".into(),
    })
}

fn check_root(
    e: &quick_xml::events::BytesStart<'_>,
    el: &Element,
    lines: &Lines<'_>,
) -> Result<(), InteropError> {
    let line = lines.line(el.pos);
    if el.name != "Project" {
        return Err(InteropError::NotMspdi {
            line,
            message: format!(
                "the root element is <{}>, expected <Project xmlns=\"{MSPDI_NS}\">",
                el.name
            ),
        });
    }
    let name = e.name();
    let wanted: Vec<u8> = match prefix(name.as_ref()) {
        Some(p) => [b"xmlns:".as_slice(), p].concat(),
        None => b"xmlns".to_vec(),
    };
    let mut ns = None;
    for a in e.attributes() {
        let a = a.map_err(|err| InteropError::NotXml {
            line,
            message: err.to_string(),
        })?;
        if a.key.as_ref() == wanted.as_slice() {
            let v = a.unescape_value().map_err(|err| InteropError::NotXml {
                line,
                message: err.to_string(),
            })?;
            ns = Some(v.into_owned());
        }
    }
    match ns {
        Some(ns) if ns == MSPDI_NS => Ok(()),
        Some(ns) => Err(InteropError::NotMspdi {
            line,
            message: format!("<Project> is in namespace \"{ns}\", expected \"{MSPDI_NS}\""),
        }),
        None => Err(InteropError::NotMspdi {
            line,
            message: format!("<Project> has no xmlns=\"{MSPDI_NS}\""),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const NS: &str = r#"xmlns="http://schemas.microsoft.com/project""#;

    /// The line of an offset is one more than the line breaks before it, at every offset of
    /// texts with blank lines, a break first and last, none at all, and past the end.
    #[test]
    fn a_line_is_one_more_than_the_breaks_before_the_offset() {
        for src in ["", "a", "\n", "a\nb\n\nc", "\n\nx\n", "é\nü\n"] {
            let lines = Lines::new(src);
            for pos in 0..=src.len() + 2 {
                let end = pos.min(src.len());
                let want = src.as_bytes()[..end]
                    .iter()
                    .filter(|&&b| b == b'\n')
                    .count()
                    + 1;
                assert_eq!(lines.line(pos), want, "{src:?} at {pos}");
            }
        }
    }

    #[test]
    fn text_is_joined_across_references_and_trimmed_and_names_borrow_the_file() {
        let xml = format!(
            "<Project {NS}>\n  <Name>  A &amp;&#32;B <![CDATA[<c>]]> </Name>\n  \
             <Tasks>\n    <Task><UID>1</UID></Task>\n  </Tasks>\n  <Empty/>\n  \
             <p:Title xmlns:p=\"x\">&#x20;T</p:Title>\n</Project>"
        );
        let arena = Bump::new();
        let root = parse(&xml, &arena).unwrap();
        assert!(is_in(&xml, root.name));
        assert_eq!(root.name, "Project");
        assert_eq!(root.text, "", "the whitespace between children is no text");
        assert_eq!(root.text_of("Name"), Some("A & B <c>"));
        // A blank reference before the text is trimmed away like blank text.
        assert_eq!(root.text_of("Title"), Some("T"));
        let tasks = root.child("Tasks").unwrap();
        assert_eq!(tasks.text, "");
        assert_eq!(tasks.children.len(), 1);
        let uid = tasks.children[0].child("UID").unwrap().text;
        assert!(
            is_in(&xml, uid),
            "a text without references is a slice of the file"
        );
        assert_eq!(uid, "1");
        assert_eq!(root.child("Empty").unwrap().children.len(), 0);
        let names: Vec<&str> = root.children.iter().map(|c| c.name).collect();
        assert_eq!(names, ["Name", "Tasks", "Empty", "Title"]);
        assert_eq!(&xml[root.child("Tasks").unwrap().pos..][..7], "<Tasks>");
    }

    /// Line ends in a value are normalised as XML says (CR LF and a lone CR become LF), so a
    /// value with a CR is decoded, not borrowed; one without is the file's own slice.
    #[test]
    fn a_value_with_a_carriage_return_is_normalised() {
        let xml = format!("<Project {NS}>\r\n<Notes>a\r\nb\rc</Notes><Name>n</Name></Project>");
        let arena = Bump::new();
        let root = parse(&xml, &arena).unwrap();
        assert_eq!(root.text_of("Notes"), Some("a\nb\nc"));
        assert!(is_in(&xml, root.text_of("Name").unwrap()));
        assert_eq!(
            in_source(&xml, b"n"),
            None,
            "bytes from elsewhere are not the file's"
        );
    }

    /// Whether `s` is a slice of `xml` (not a copy).
    fn is_in(xml: &str, s: &str) -> bool {
        let range = xml.as_bytes().as_ptr_range();
        range.contains(&s.as_ptr())
    }

    #[test]
    fn a_name_from_elsewhere_is_copied() {
        let xml = "<a/>";
        let arena = Bump::new();
        let copied = within(xml, b"a", &arena);
        assert_eq!(copied, "a");
        assert!(!is_in(xml, copied));
        let borrowed = within(xml, &xml.as_bytes()[1..2], &arena);
        assert_eq!(borrowed, "a");
        assert!(is_in(xml, borrowed));
    }
}
