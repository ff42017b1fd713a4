//! A whole plan sent to the page as a script instead of in the command's answer.
//!
//! Tauri answers a command through a custom URI scheme, and WebKitGTK is slow to hand a large
//! answer's body to the page: a 100k-task plan is 50 MB of JSON, and reading it there took
//! 0.5–1.2 s before `JSON.parse` began (timed in the page, docs/benchmarks.md, session 42).
//! The same JSON evaluated as `window.__admiralParcel({...})` arrives as one message, and
//! JavaScriptCore parses a script of that shape (one call, one JSON argument) with its JSON
//! parser: 0.35–0.45 s for both. (Tauri's own `Channel` is no way round: it evaluates data
//! under 8 kB the same way and sends anything larger by the same URI scheme.) The 100k plan
//! opens to a painted Gantt 150–220 ms sooner (release builds run alternately). So a
//! snapshot's whole plan goes by the webview's script
//! channel, numbered; the answer names the number (`Snapshot::plan_sent`), and the UI takes
//! the plan from what arrived under it (`ui/src/lib/parcels.ts`), in whichever order the two
//! come.
//!
//! It is safe to run: the script is a call with a JSON text, which JSON's grammar keeps a
//! value (serde_json escapes every quote, backslash and control character in a string), and
//! JavaScript has taken every JSON text as an expression since ES2019. Without a courier
//! (the command tests, the examples) or when the script cannot be handed to the webview, the
//! plan stays in the answer.

use crate::view::Snapshot;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::OnceLock;

/// Hands a script to the page; false when it could not.
pub type Deliver = Box<dyn Fn(String) -> bool + Send + Sync>;

/// What the page calls a parcel by.
const RECEIVER: &str = "window.__admiralParcel";

/// The shell's way of sending whole plans to the page; installed once the window exists.
#[derive(Default)]
pub struct Courier {
    deliver: OnceLock<Deliver>,
    last: AtomicU32,
}

impl Courier {
    /// Sends whole plans by `deliver` from now on (only the first call counts).
    pub fn install(&self, deliver: Deliver) {
        let _ = self.deliver.set(deliver);
    }

    /// Sends `snap`'s whole plan ahead of it, when it has one and a courier is installed:
    /// the plan leaves `snap`, whose `plan_sent` gives its number. Otherwise, or when the
    /// script cannot be serialised or handed over, `snap` is left as it was.
    pub fn carry(&self, snap: &mut Snapshot) {
        let (Some(deliver), Some(plan)) = (self.deliver.get(), snap.plan.as_ref()) else {
            return;
        };
        let n = self.last.fetch_add(1, Ordering::Relaxed) + 1;
        let mut script = format!("{RECEIVER}({{\"n\":{n},\"plan\":").into_bytes();
        let mut json = serde_json::Serializer::with_formatter(&mut script, Ascii);
        if serde::Serialize::serialize(plan, &mut json).is_err() {
            return;
        }
        script.extend_from_slice(b"})");
        // ASCII only.
        let Ok(script) = String::from_utf8(script) else {
            return;
        };
        if deliver(script) {
            snap.plan = None;
            snap.plan_sent = Some(n);
        }
    }
}

/// serde_json's compact JSON in ASCII alone: a character past it goes as `\u` escapes (two
/// for one past U+FFFF). WebKit holds a string with any character past U+00FF (a name such
/// as "Łukasz", a typographic dash) in two bytes a character, one byte otherwise. The 100k
/// demo plan names a few owners so; in ASCII it opens to a painted Gantt 0.2–0.7 s sooner
/// (release builds run alternately, docs/benchmarks.md, session 46).
struct Ascii;

impl serde_json::ser::Formatter for Ascii {
    fn write_string_fragment<W: ?Sized + std::io::Write>(
        &mut self,
        writer: &mut W,
        fragment: &str,
    ) -> std::io::Result<()> {
        if fragment.is_ascii() {
            return writer.write_all(fragment.as_bytes());
        }
        let mut rest = fragment;
        while let Some(at) = rest.bytes().position(|b| !b.is_ascii()) {
            writer.write_all(&rest.as_bytes()[..at])?;
            let c = rest[at..].chars().next().expect("a character starts here");
            for unit in c.encode_utf16(&mut [0; 2]) {
                write!(writer, "\\u{unit:04x}")?;
            }
            rest = &rest[at + c.len_utf8()..];
        }
        writer.write_all(rest.as_bytes())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::{Arc, Mutex};

    fn demo_snapshot(name: &str) -> Snapshot {
        let mut plan = admiral_core::demo::demo_plan_sized(12, 1);
        plan.tasks[3].name = name.into();
        let rows = crate::view::schedule_view(
            &plan,
            &admiral_core::schedule::schedule(&plan, &Default::default()).unwrap(),
            0,
        );
        let path = std::path::Path::new("/tmp/a.admiral");
        let body = crate::view::Body::Whole(None);
        crate::view::snapshot(path, &plan, rows, (0, 0), body, None, 0)
    }

    /// A courier that keeps what it is handed; `accept` says whether the handing succeeds.
    fn keeping(accept: bool) -> (Courier, Arc<Mutex<Vec<String>>>) {
        let kept = Arc::new(Mutex::new(Vec::new()));
        let c = Courier::default();
        let k = kept.clone();
        c.install(Box::new(move |s| {
            k.lock().unwrap().push(s);
            accept
        }));
        (c, kept)
    }

    /// The JSON argument of a parcel script, parsed.
    fn argument(script: &str) -> serde_json::Value {
        let inner = script
            .strip_prefix("window.__admiralParcel(")
            .and_then(|s| s.strip_suffix(')'))
            .expect("one call of the receiver");
        serde_json::from_str(inner).expect("a JSON text")
    }

    #[test]
    fn a_whole_plan_goes_ahead_numbered_and_leaves_the_answer() {
        // A name that would end the call or the string if it were not escaped.
        // And characters past ASCII, one of them past U+FFFF.
        let name = "\"}); window.evil = 1; ({\"a\":\"\\ </script>\u{2028}\u{0} Łukasz – 🚢";
        let (c, kept) = keeping(true);
        for n in 1..=2 {
            let mut snap = demo_snapshot(name);
            let whole = serde_json::to_value(snap.plan.as_ref().unwrap()).unwrap();
            c.carry(&mut snap);
            assert!(snap.plan.is_none());
            assert_eq!(snap.plan_sent, Some(n));
            let script = kept.lock().unwrap().last().unwrap().clone();
            assert!(script.is_ascii(), "a script in one byte a character");
            assert!(script.contains(r"\u0141ukasz \u2013 \ud83d\udea2"));
            let sent = argument(&script);
            assert_eq!(sent["n"], n);
            assert_eq!(sent["plan"], whole);
            assert_eq!(sent["plan"]["tasks"]["name"][3], name);
        }
    }

    #[test]
    fn the_plan_stays_in_the_answer_without_a_courier_or_when_it_cannot_deliver() {
        let mut snap = demo_snapshot("x");
        Courier::default().carry(&mut snap);
        assert!(snap.plan.is_some() && snap.plan_sent.is_none());
        let (c, kept) = keeping(false);
        c.carry(&mut snap);
        assert_eq!(kept.lock().unwrap().len(), 1);
        assert!(snap.plan.is_some() && snap.plan_sent.is_none());
    }

    #[test]
    fn a_delta_sends_nothing_ahead() {
        let (c, kept) = keeping(true);
        let mut snap = demo_snapshot("x");
        snap.plan = None;
        c.carry(&mut snap);
        assert!(kept.lock().unwrap().is_empty() && snap.plan_sent.is_none());
    }
}
