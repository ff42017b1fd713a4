//! A small element tree built from quick-xml's events: MSPDI files are a few megabytes at
//! most, and a tree makes the mapping code plain. Each element remembers the byte offset of
//! its start tag so that errors can name the line. The tree lives in an arena (`bumpalo`)
//! that the caller owns: a 5k-task file has some 200k elements, and allocating and freeing a
//! list of children for each cost about 7 ms of an 89 ms import (docs/benchmarks.md). A file
//! of 256 KiB or more is parsed on two threads, each into an arena of its own ([`parse`]).

use crate::error::InteropError;
use bumpalo::Bump;
use quick_xml::errors::IllFormedError;
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
    /// The length of the name as the start tag has it (with any prefix), right after the
    /// `<` at `pos`: its end tag must repeat it.
    raw_len: usize,
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
    /// The text whose lines these are.
    pub fn src(&self) -> &'a str {
        self.src
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

/// Files from this size on are parsed on two threads ([`parse`]).
const TWO_THREADS_FROM: usize = 256 * 1024;

/// Parses `xml` and checks that its root is an MSPDI `<Project>`; returns the root, whose
/// tree is in `arena` and `spare`.
///
/// A large file is parsed on two threads. The second starts at a `<Task>` tag near the middle
/// of the file and parses the elements from there to the end tag of the element they are in
/// (the `</Tasks>`), into `spare`, while this thread parses from the start. When this thread's
/// next event begins exactly there, inside an element, it takes the second's elements and
/// goes on after them: the same events, read by the same rules, make the same tree. Anything
/// else (the guess fell inside a comment or CDATA, or the second thread met an error) and
/// this thread parses on alone, so every error is the one a single pass gives.
pub(crate) fn parse<'a>(
    xml: &'a str,
    arena: &'a Bump,
    spare: &'a mut Bump,
) -> Result<Element<'a>, InteropError> {
    let at = (xml.len() >= TWO_THREADS_FROM)
        .then(|| split_guess(xml))
        .flatten();
    parse_split(xml, arena, spare, at)
}

/// The `<Task>` tag nearest the middle of `xml`, if it has one.
fn split_guess(xml: &str) -> Option<usize> {
    let (bytes, mid) = (xml.as_bytes(), xml.len() / 2);
    let after = memchr::memmem::find(&bytes[mid..], b"<Task>").map(|i| mid + i);
    let before = memchr::memmem::rfind(&bytes[..mid], b"<Task>");
    match (before, after) {
        (Some(b), Some(a)) => Some(if mid - b < a - mid { b } else { a }),
        (b, a) => a.or(b),
    }
}

/// [`parse`] with the second thread started at `at` (any offset: one that is not where an
/// event begins inside an element is only wasted work; one inside a character, none), or none.
fn parse_split<'a>(
    xml: &'a str,
    arena: &'a Bump,
    spare: &'a mut Bump,
    at: Option<usize>,
) -> Result<Element<'a>, InteropError> {
    let at = at.filter(|&at| xml.is_char_boundary(at));
    let quit = std::sync::atomic::AtomicBool::new(false);
    std::thread::scope(|s| {
        let quit = &quit;
        let mut ahead = at.and_then(|at| {
            // `Bump` is not `Sync`: the second thread gets the spare arena itself.
            let spare = Spare(spare);
            // When no thread can be started, this one parses alone.
            std::thread::Builder::new()
                .spawn_scoped(s, move || fragment(xml, at, spare.shared(), quit))
                .ok()
                .map(|h| (at, h))
        });
        let whole = whole(xml, arena, &mut ahead, quit);
        quit.store(true, std::sync::atomic::Ordering::Relaxed);
        whole
    })
}

/// The arena of the second thread, sent to it.
struct Spare<'a>(&'a mut Bump);

impl<'a> Spare<'a> {
    fn shared(self) -> &'a Bump {
        self.0
    }
}

type Ahead<'s, 'a> = Option<(
    usize,
    std::thread::ScopedJoinHandle<'s, Option<Fragment<'a>>>,
)>;

/// The single pass over the whole file, taking over the second thread's part if it can (and
/// telling it to `quit` once it has passed its start without).
fn whole<'a>(
    xml: &'a str,
    arena: &'a Bump,
    ahead: &mut Ahead<'_, 'a>,
    quit: &std::sync::atomic::AtomicBool,
) -> Result<Element<'a>, InteropError> {
    let lines = Lines::new(xml);
    let mut tree = Tree::new(xml, arena, false);
    let (mut base, mut reader) = (0, reader_at(xml, 0));
    loop {
        let start = base + usize::try_from(reader.buffer_position()).unwrap_or(usize::MAX);
        if let Some((at, _)) = ahead {
            if start >= *at {
                let taken = (start == *at)
                    .then(|| ahead.take().and_then(|(_, h)| h.join().ok().flatten()))
                    .flatten()
                    .and_then(|f| tree.take(f));
                quit.store(true, std::sync::atomic::Ordering::Relaxed);
                *ahead = None;
                if let Some(stop) = taken {
                    #[cfg(test)]
                    tests::TAKEN.with(|n| n.set(n.get() + 1));
                    (base, reader) = (stop, reader_at(xml, stop));
                    continue;
                }
            }
        }
        let event = match reader.read_event() {
            Ok(e) => e,
            Err(e) => {
                let pos = base + usize::try_from(reader.error_position()).unwrap_or(usize::MAX);
                return Err(InteropError::NotXml {
                    line: lines.line(pos),
                    message: e.to_string(),
                });
            }
        };
        if tree.event(event, start, &lines)? == Step::Eof {
            break;
        }
    }
    tree.root(&lines)
}

/// The second thread's part: the elements from `at` to the end tag of the element they are
/// in (or the end of the file), with the text between them. `None` when anything there is
/// not well formed, nests too deep, or the first thread said to stop.
fn fragment<'a>(
    xml: &'a str,
    at: usize,
    arena: &'a Bump,
    quit: &std::sync::atomic::AtomicBool,
) -> Option<Fragment<'a>> {
    let lines = Lines::new(xml);
    let mut tree = Tree::new(xml, arena, true);
    let mut reader = reader_at(xml, at);
    loop {
        if quit.load(std::sync::atomic::Ordering::Relaxed) {
            return None;
        }
        let start = at + usize::try_from(reader.buffer_position()).ok()?;
        match tree.event(reader.read_event().ok()?, start, &lines).ok()? {
            Step::On => {}
            // Elements it opened and never closed are the single pass's error to give.
            Step::Eof => return tree.stack.is_empty().then(|| tree.fragment(xml.len())),
            Step::Closed => return Some(tree.fragment(start)),
        }
    }
}

/// A reader of `xml` from `from`. End tags are matched by [`Tree::event`], not by
/// quick-xml, which cannot know the elements opened before `from`.
fn reader_at(xml: &str, from: usize) -> Reader<&[u8]> {
    let mut reader = Reader::from_str(&xml[from..]);
    let cfg = reader.config_mut();
    cfg.check_end_names = false;
    cfg.allow_unmatched_ends = true;
    cfg.expand_empty_elements = false;
    reader
}

/// What the second thread parsed.
struct Fragment<'a> {
    /// The elements, in order, whose parent was open where it started.
    children: Vec<Element<'a>>,
    /// The text between them (character data, CDATA, references), piece by piece.
    text: Vec<Cow<'a, str>>,
    /// How many elements were open, at most, around a start tag it read.
    depth: usize,
    /// Where it stopped: the end tag that closes their parent, or the end of the file.
    stop: usize,
}

#[derive(PartialEq)]
enum Step {
    On,
    /// An end tag with no element open: in a fragment, its parent's.
    Closed,
    Eof,
}

/// The tree being built from events.
struct Tree<'a> {
    xml: &'a str,
    arena: &'a Bump,
    /// The open elements, each with where its children start in `done`: the finished
    /// elements whose parent is still open. An element's children move out of `done` into
    /// the arena, as one slice, when it ends.
    stack: Vec<Open<'a>>,
    done: Vec<Element<'a>>,
    root: Option<Element<'a>>,
    /// Only in a fragment: the text outside the elements it opened.
    loose: Option<Vec<Cow<'a, str>>>,
    depth: usize,
}

impl<'a> Tree<'a> {
    fn new(xml: &'a str, arena: &'a Bump, fragment: bool) -> Self {
        Tree {
            xml,
            arena,
            stack: Vec::new(),
            done: Vec::new(),
            root: None,
            loose: fragment.then(Vec::new),
            depth: 0,
        }
    }

    fn event(
        &mut self,
        event: Event<'a>,
        start: usize,
        lines: &Lines<'_>,
    ) -> Result<Step, InteropError> {
        let not_xml = |message: String| InteropError::NotXml {
            line: lines.line(start),
            message,
        };
        match event {
            Event::Start(ref e) | Event::Empty(ref e) => {
                let raw = e.name();
                let el = Element {
                    name: local(self.xml, raw.as_ref(), self.arena),
                    text: "",
                    children: &[],
                    pos: start,
                };
                if self.root.is_some() {
                    return Err(not_xml("content after the root element".into()));
                }
                if self.stack.is_empty() && self.loose.is_none() {
                    check_root(e, &el, lines)?;
                }
                if self.stack.len() >= MAX_DEPTH {
                    return Err(InteropError::NotMspdi {
                        line: lines.line(start),
                        message: format!("elements nest deeper than {MAX_DEPTH} levels"),
                    });
                }
                self.depth = self.depth.max(self.stack.len());
                match event {
                    Event::Empty(_) => self.finished(el),
                    _ => self.stack.push(Open {
                        name: el.name,
                        raw_len: raw.as_ref().len(),
                        text: Cow::Borrowed(""),
                        pos: start,
                        first: self.done.len(),
                    }),
                }
            }
            Event::End(e) => {
                let found = e.name();
                let Some(open) = self.stack.pop() else {
                    if self.loose.is_some() {
                        return Ok(Step::Closed);
                    }
                    let found = String::from_utf8_lossy(found.as_ref()).into_owned();
                    return Err(not_xml(ill_formed(IllFormedError::UnmatchedEndTag(found))));
                };
                let raw = &self.xml.as_bytes()[open.pos + 1..][..open.raw_len];
                if found.as_ref() != raw {
                    return Err(not_xml(ill_formed(IllFormedError::MismatchedEndTag {
                        expected: String::from_utf8_lossy(raw).into_owned(),
                        found: String::from_utf8_lossy(found.as_ref()).into_owned(),
                    })));
                }
                let el = Element {
                    name: open.name,
                    text: trim(open.text, self.arena),
                    children: (self.arena).alloc_slice_fill_iter(self.done.drain(open.first..)),
                    pos: open.pos,
                };
                self.finished(el);
            }
            Event::Text(t) => {
                let s = match in_source(self.xml, &t) {
                    Some(s) => Cow::Borrowed(s),
                    None => t.xml_content().map_err(|e| not_xml(e.to_string()))?,
                };
                match (self.stack.last_mut(), &mut self.loose) {
                    (Some(open), _) => add_text(&mut open.text, s),
                    (None, Some(loose)) => loose.push(s),
                    (None, None) if s.trim().is_empty() => {}
                    (None, None) => return Err(not_xml("text outside the root element".into())),
                }
            }
            Event::CData(t) => {
                let s = t.xml_content().map_err(|e| not_xml(e.to_string()))?;
                match (self.stack.last_mut(), &mut self.loose) {
                    (Some(open), _) => add_text(&mut open.text, s),
                    (None, Some(loose)) => loose.push(s),
                    (None, None) => return Err(not_xml("CDATA outside the root".into())),
                }
            }
            Event::GeneralRef(r) => {
                let resolved = resolve(&r).map_err(not_xml)?;
                match (self.stack.last_mut(), &mut self.loose) {
                    (Some(open), _) => add_text(&mut open.text, Cow::Owned(resolved)),
                    (None, Some(loose)) => loose.push(Cow::Owned(resolved)),
                    (None, None) => {}
                }
            }
            Event::Eof => return Ok(Step::Eof),
            Event::Decl(_) | Event::PI(_) | Event::Comment(_) | Event::DocType(_) => {}
        }
        Ok(Step::On)
    }

    /// An element ended: the root, or a child of the element open around it.
    fn finished(&mut self, el: Element<'a>) {
        if self.stack.is_empty() && self.loose.is_none() {
            self.root = Some(el);
        } else {
            self.done.push(el);
        }
    }

    /// What a fragment read, once it stopped at `stop`.
    fn fragment(self, stop: usize) -> Fragment<'a> {
        Fragment {
            children: self.done,
            text: self.loose.unwrap_or_default(),
            depth: self.depth,
            stop,
        }
    }

    /// Takes the elements and text of a fragment that started where this tree's next event
    /// begins, as children of the element open here; where to read on. `None` (nothing
    /// taken) when no element is open here, or when the fragment's elements, this deep,
    /// would nest deeper than [`MAX_DEPTH`] (a single pass gives that error).
    fn take(&mut self, f: Fragment<'a>) -> Option<usize> {
        if self.stack.len() + f.depth >= MAX_DEPTH {
            return None;
        }
        let open = self.stack.last_mut()?;
        for piece in f.text {
            add_text(&mut open.text, piece);
        }
        self.done.extend(f.children);
        Some(f.stop)
    }

    /// The root, once the file is read: an error if an element is still open or there is
    /// none.
    fn root(self, lines: &Lines<'_>) -> Result<Element<'a>, InteropError> {
        if let Some(open) = self.stack.last() {
            return Err(InteropError::NotXml {
                line: lines.line(self.xml.len()),
                message: format!(
                    "the file ends before <{}> (line {}) is closed",
                    open.name,
                    lines.line(open.pos)
                ),
            });
        }
        self.root.ok_or_else(|| InteropError::NotXml {
            line: lines.line(self.xml.len()),
            message: "no root element".into(),
        })
    }
}

/// quick-xml's message for an ill-formed document.
fn ill_formed(e: IllFormedError) -> String {
    quick_xml::Error::IllFormed(e).to_string()
}

/// The text a character or entity reference stands for.
fn resolve(r: &quick_xml::events::BytesRef<'_>) -> Result<String, String> {
    match r.resolve_char_ref() {
        Ok(Some(c)) => Ok(c.to_string()),
        Ok(None) => {
            let name = r.decode().map_err(|e| e.to_string())?;
            match quick_xml::escape::resolve_predefined_entity(&name) {
                Some(s) => Ok(s.to_string()),
                None => Err(format!("unknown entity &{name};")),
            }
        }
        Err(e) => Err(e.to_string()),
    }
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
        let (arena, mut spare) = (Bump::new(), Bump::new());
        let root = parse(&xml, &arena, &mut spare).unwrap();
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
        let (arena, mut spare) = (Bump::new(), Bump::new());
        let root = parse(&xml, &arena, &mut spare).unwrap();
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

    thread_local! {
        /// How many fragments [`whole`] took on this thread.
        pub(super) static TAKEN: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
    }

    /// The tree as text: each element's name, offset and text, its children indented.
    fn dump(el: &Element, depth: usize, out: &mut String) {
        use std::fmt::Write;
        writeln!(out, "{:depth$}{} @{} {:?}", "", el.name, el.pos, el.text).unwrap();
        for c in el.children {
            dump(c, depth + 1, out);
        }
    }

    /// What a parse gives, as text: the tree or the error.
    fn outcome(xml: &str, at: Option<usize>) -> String {
        let (arena, mut spare) = (Bump::new(), Bump::new());
        match parse_split(xml, &arena, &mut spare, at) {
            Ok(root) => {
                let mut out = String::new();
                dump(&root, 0, &mut out);
                out
            }
            Err(e) => format!("error: {e:?}"),
        }
    }

    /// Files whose tasks hold what a split must get right (their names have characters of
    /// two and three bytes, which an offset can fall inside): text, references and CDATA
    /// between and in tasks, a comment and a CDATA with `<Task>` in them, prefixes, empty
    /// tags, nesting to the limit; and files broken after the middle, each with (a part of)
    /// the error a single pass gives: a wrong end tag, an unknown entity, no end, content
    /// after the root, nesting too deep.
    fn split_cases() -> Vec<(String, Option<&'static str>)> {
        let task = |uid: u32| {
            format!("<Task><UID>{uid}</UID><Name>T{uid} &amp; Zürich — co</Name><Flag/></Task>")
        };
        let tasks = |n: u32| (1..=n).map(task).collect::<Vec<_>>().join("\n  ");
        let nest = |n: usize| format!("{}x{}", "<N>".repeat(n), "</N>".repeat(n));
        let p = |body: String| {
            format!("<?xml version=\"1.0\"?>\n<Project {NS}><Name>P</Name>\n<Tasks>\n  {body}\n</Tasks><Resources/></Project>\n")
        };
        vec![
            (p(tasks(6)), None),
            (
                p(format!(
                    "{} loose &lt;text&gt; <![CDATA[<Task>]]> {}",
                    tasks(3),
                    tasks(3)
                )),
                None,
            ),
            (
                p(format!(
                    "{}<!-- <Task><UID>9</UID></Task> -->{}",
                    tasks(3),
                    tasks(3)
                )),
                None,
            ),
            (
                p(format!(
                    "{}<Task><Notes><![CDATA[a <Task> b]]></Notes></Task>{}",
                    tasks(2),
                    tasks(3)
                )),
                None,
            ),
            (
                format!(
                    "<m:Project xmlns:m=\"{MSPDI_NS}\"><m:Tasks>{}</m:Tasks></m:Project>",
                    (1..=5)
                        .map(|i| format!("<m:Task><m:UID>{i}</m:UID></m:Task><Task>{i}</Task>"))
                        .collect::<String>()
                ),
                None,
            ),
            // Project, Tasks, Task, then N to the deepest level allowed.
            (
                p(format!("{}<Task>{}</Task>", tasks(3), nest(MAX_DEPTH - 3))),
                None,
            ),
            (
                p(format!("{}<Task>{}</Task>", tasks(3), nest(MAX_DEPTH - 2))),
                Some("nest deeper than 64"),
            ),
            (
                p(format!("{}<Task><UID>4</UID></Tsak>{}", tasks(3), tasks(1))),
                Some("expected `</Task>`, but `</Tsak>` was found"),
            ),
            (
                p(format!("{}</Taskz>", tasks(4))).replace("</Tasks>", ""),
                Some("expected `</Tasks>`, but `</Taskz>` was found"),
            ),
            (
                p(format!("{}<Task><Name>&nosuch;</Name></Task>", tasks(4))),
                Some("unknown entity &nosuch;"),
            ),
            (
                format!("<Project {NS}><Tasks>{}", tasks(5)),
                Some("the file ends before <Tasks>"),
            ),
            (
                format!(
                    "<Project {NS}><Tasks>{}</Tasks></Project><Project {NS}/>",
                    tasks(4)
                ),
                Some("content after the root"),
            ),
            (
                format!(
                    "<Project {NS}><Tasks>{}</Tasks></Project></Tasks>",
                    tasks(4)
                ),
                Some("close tag `</Tasks>` does not match any open tag"),
            ),
        ]
    }

    /// Started anywhere, the second thread changes nothing: at every offset of every case,
    /// the tree (or the error) is the one a single pass makes. Where the offset is a task's
    /// start tag inside `<Tasks>`, its part is taken.
    #[test]
    fn a_split_anywhere_gives_the_tree_or_error_of_a_single_pass() {
        for (xml, error) in split_cases() {
            let single = outcome(&xml, None);
            match error {
                Some(e) => assert!(
                    single.starts_with("error") && single.contains(e),
                    "{single}"
                ),
                None => assert!(!single.starts_with("error"), "{single}"),
            }
            let before = TAKEN.with(|n| n.get());
            for at in 0..=xml.len() {
                assert_eq!(outcome(&xml, Some(at)), single, "split at {at} of {xml}");
            }
            let taken = TAKEN.with(|n| n.get()) - before;
            if error.is_none() {
                assert!(taken >= 4, "{taken} parts taken in {xml}");
            }
        }
    }

    /// The guess is the `<Task>` tag nearest the middle, on either side; none without one.
    #[test]
    fn the_split_is_guessed_at_the_task_tag_nearest_the_middle() {
        let xml = format!("<Task>{}<Task>{}<Task>", "a".repeat(40), "b".repeat(10));
        assert_eq!(split_guess(&xml), Some(46));
        let xml = format!("<Task>{}<Task>{}", "a".repeat(10), "b".repeat(40));
        assert_eq!(split_guess(&xml), Some(16));
        assert_eq!(split_guess("<Tasks><TaskUID>1</TaskUID></Tasks>"), None);
    }

    /// The MS Project files of the tests (the nine fixtures and the 87 of the corpus): split
    /// where [`parse`] guesses and at up to eight other `<Task>` tags of each, the tree is the
    /// one a single pass makes.
    #[test]
    fn ms_project_files_split_at_their_tasks_parse_as_in_one_pass() {
        use std::io::Read;
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures");
        let mut files = Vec::new();
        for sub in ["mspdi", "mspdi-corpus"] {
            for e in std::fs::read_dir(dir.join(sub)).unwrap() {
                let path = e.unwrap().path();
                let name = path.to_string_lossy().into_owned();
                if name.ends_with(".xml") {
                    files.push(std::fs::read_to_string(&path).unwrap());
                } else if name.ends_with(".xml.gz") {
                    let mut text = String::new();
                    flate2::read::GzDecoder::new(std::fs::File::open(&path).unwrap())
                        .read_to_string(&mut text)
                        .unwrap();
                    files.push(text);
                }
            }
        }
        assert!(files.len() >= 96, "{} files", files.len());
        let mut taken = 0;
        for xml in &files {
            let single = outcome(xml, None);
            let tags: Vec<usize> = memchr::memmem::find_iter(xml.as_bytes(), b"<Task>").collect();
            let step = tags.len().div_ceil(8).max(1);
            let before = TAKEN.with(|n| n.get());
            for at in split_guess(xml)
                .into_iter()
                .chain(tags.into_iter().step_by(step))
            {
                assert_eq!(outcome(xml, Some(at)), single, "split at {at}");
            }
            taken += TAKEN.with(|n| n.get()) - before;
        }
        assert!(taken > 500, "only {taken} parts taken");
    }
}
