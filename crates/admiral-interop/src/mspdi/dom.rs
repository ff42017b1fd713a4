//! A small element tree built from quick-xml's events: MSPDI files are a few megabytes at
//! most, and a tree makes the mapping code plain. Each element remembers the byte offset of
//! its start tag so that errors can name the line.

use crate::error::InteropError;
use quick_xml::events::Event;
use quick_xml::Reader;

/// MSPDI files nest about six levels deep; anything far deeper is not an MSPDI file and
/// would only cost stack in the code that walks the tree.
pub(crate) const MAX_DEPTH: usize = 64;

/// The MSPDI namespace.
pub(crate) const MSPDI_NS: &str = "http://schemas.microsoft.com/project";

#[derive(Debug, Default)]
pub(crate) struct Element {
    /// Local name (any prefix stripped).
    pub name: String,
    /// Text content (character data, CDATA and resolved references), trimmed.
    pub text: String,
    pub children: Vec<Element>,
    /// Byte offset of the start tag.
    pub pos: usize,
}

impl Element {
    /// The first child called `name`.
    pub fn child(&self, name: &str) -> Option<&Element> {
        self.children.iter().find(|c| c.name == name)
    }
    /// All children called `name`.
    pub fn children<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a Element> + 'a {
        self.children.iter().filter(move |c| c.name == name)
    }
    /// The text of the first child called `name`, when present and not blank.
    pub fn text_of(&self, name: &str) -> Option<&str> {
        self.child(name)
            .map(|c| c.text.as_str())
            .filter(|t| !t.is_empty())
    }
}

/// Maps byte offsets to 1-based line numbers.
pub(crate) struct Lines<'a> {
    src: &'a str,
}

impl<'a> Lines<'a> {
    pub fn new(src: &'a str) -> Self {
        Self { src }
    }
    pub fn line(&self, pos: usize) -> usize {
        let end = pos.min(self.src.len());
        self.src.as_bytes()[..end]
            .iter()
            .filter(|&&b| b == b'\n')
            .count()
            + 1
    }
}

fn local(name: &[u8]) -> String {
    let local = match name.iter().rposition(|&b| b == b':') {
        Some(i) => &name[i + 1..],
        None => name,
    };
    String::from_utf8_lossy(local).into_owned()
}

fn prefix(name: &[u8]) -> Option<&[u8]> {
    name.iter().rposition(|&b| b == b':').map(|i| &name[..i])
}

/// Parses `xml` and checks that its root is an MSPDI `<Project>`; returns the root.
pub(crate) fn parse(xml: &str) -> Result<Element, InteropError> {
    let lines = Lines::new(xml);
    let mut reader = Reader::from_str(xml);
    let cfg = reader.config_mut();
    cfg.check_end_names = true;
    cfg.expand_empty_elements = false;

    let not_xml = |pos: u64, message: String| InteropError::NotXml {
        line: lines.line(usize::try_from(pos).unwrap_or(usize::MAX)),
        message,
    };

    let mut stack: Vec<Element> = Vec::new();
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
                    name: local(raw.as_ref()),
                    pos: start,
                    ..Element::default()
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
                    match stack.last_mut() {
                        Some(parent) => parent.children.push(el),
                        None => root = Some(el),
                    }
                } else {
                    stack.push(el);
                }
            }
            Event::End(_) => {
                let mut el = match stack.pop() {
                    Some(el) => el,
                    None => return Err(not_xml(start as u64, "unexpected end tag".into())),
                };
                let trimmed = el.text.trim();
                if trimmed.len() != el.text.len() {
                    el.text = trimmed.to_string();
                }
                match stack.last_mut() {
                    Some(parent) => parent.children.push(el),
                    None => root = Some(el),
                }
            }
            Event::Text(t) => {
                let s = t
                    .xml_content()
                    .map_err(|e| not_xml(start as u64, e.to_string()))?;
                match stack.last_mut() {
                    Some(el) => el.text.push_str(&s),
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
                    Some(el) => el.text.push_str(&s),
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
                if let Some(el) = stack.last_mut() {
                    el.text.push_str(&resolved);
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
