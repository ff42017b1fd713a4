//! The "Admiral …" task text fields: what MS Project has no element for, written into custom
//! task text fields (declared with an alias in `<ExtendedAttributes>`) and read back from them.
//!
//! | Field  | Alias                   | Value                                                   |
//! |--------|-------------------------|---------------------------------------------------------|
//! | Text1  | `Admiral kind`          | `task`, `milestone`, `gate` or `deployment`             |
//! | Text2  | `Admiral owner`         | the task's owner, as is (trimmed, like task names)     |
//! | Text3  | `Admiral gate`          | the gate's state and its approvers (below)              |
//! | Text4  | `Admiral estimate`      | `5d/8d/12d`: optimistic/most likely/pessimistic         |
//! | Text5  | `Admiral project`       | `name`, or `name \| department \| owner`                |
//! | Text6  | `Admiral gate criteria` | `[x] Scope baselined; [ ] UAT signed off`               |
//! | Text7… | `Admiral gate (2)` …    | continuations of a value longer than 255 characters     |
//!
//! **Gate:** `state[ — approver; approver; …]`, each approver
//! `name[ (role)]: decision[ YYYY-MM-DD HH:MM][ "comment"]`, e.g.
//! `rejected — Chloé Lefèvre (Enterprise architect): approved 2027-01-15 11:00 "Keep the
//! retry policy"; Jan Nowak (QA lead): pending`. The state is the gate's derived state, for
//! reading in MS Project; the reader recomputes it from the decisions. A backslash escapes the
//! next character: `\(`, `\:` and `\\` in a name; `\)`/`\(` in a role whose parentheses are
//! not balanced; `\"` in a comment.
//!
//! In every escaped text a leading or trailing space, tab or line break is written `\s`, `\t`,
//! `\n` or `\r` (MS Project trims field values).
//!
//! **Criteria:** `[x] met criterion; [ ] open criterion`; `\;` and `\\` escape in the text.
//!
//! **Project:** the name alone when the project has no department and no owner (what earlier
//! versions wrote) and the name needs no escape, else `name | department | owner`; `\|` and
//! `\\` escape in each part. (A name holding `|` or `\` written by an earlier version is
//! read with those as separators and escapes.)
//!
//! **Length:** MS Project's text fields hold 255 characters. A longer value is split (never
//! next to a space, which MS Project would trim) into the main field and continuation fields
//! aliased `<alias> (2)`, `<alias> (3)`…, taken from Text7–Text30 as needed; the reader
//! concatenates them in order.
//!
//! A file declares a field as Admiral's by its alias (case and surrounding spaces ignored);
//! the FieldID the alias is declared with is the one read, so a user who moves the fields in
//! MS Project keeps them. A file without such declarations is read as plain MS Project.

use admiral_core::notation::{format_duration, parse_duration};
use admiral_core::*;
use chrono::{NaiveDate, NaiveDateTime, NaiveTime};

/// MS Project's custom text fields hold at most 255 characters.
pub(crate) const TEXT_FIELD_MAX: usize = 255;

pub(crate) const KIND: usize = 0;
pub(crate) const OWNER: usize = 1;
pub(crate) const GATE: usize = 2;
pub(crate) const ESTIMATE: usize = 3;
pub(crate) const PROJECT: usize = 4;
pub(crate) const CRITERIA: usize = 5;

/// The main fields' aliases; the field at index `i` is written to Text`i+1`.
pub(crate) const ALIASES: [&str; 6] = [
    "Admiral kind",
    "Admiral owner",
    "Admiral gate",
    "Admiral estimate",
    "Admiral project",
    "Admiral gate criteria",
];

/// How many Text fields MS Project has for tasks.
pub(crate) const TEXT_FIELDS: usize = 30;

/// FieldID and FieldName of task field Text`n` (1–30).
pub(crate) fn text_field(n: usize) -> Option<(u32, String)> {
    let id = match n {
        1..=5 => 188_743_731 + 3 * (n as u32 - 1),
        6..=10 => 188_743_746 + (n as u32 - 6),
        11..=30 => 188_743_997 + (n as u32 - 11),
        _ => return None,
    };
    Some((id, format!("Text{n}")))
}

/// The alias of the `k`th part (2, 3, …) of field `field`.
pub(crate) fn continuation_alias(field: usize, k: usize) -> String {
    format!("{} ({k})", ALIASES[field])
}

/// Which Admiral field and which part (1 = the main field) an alias names.
pub(crate) fn parse_alias(alias: &str) -> Option<(usize, usize)> {
    let a = alias.trim();
    if let Some(i) = ALIASES.iter().position(|x| x.eq_ignore_ascii_case(a)) {
        return Some((i, 1));
    }
    let (head, tail) = a.rsplit_once(" (")?;
    let k: usize = tail.strip_suffix(')')?.parse().ok()?;
    let i = ALIASES.iter().position(|x| x.eq_ignore_ascii_case(head))?;
    (2..=TEXT_FIELDS).contains(&k).then_some((i, k))
}

/// Splits `s` into parts of at most 255 characters, none starting or ending with whitespace
/// at a split (MS Project and the reader trim field values).
pub(crate) fn split(s: &str) -> Vec<String> {
    let chars: Vec<char> = s.chars().collect();
    let mut out = Vec::new();
    let mut start = 0;
    while chars.len() - start > TEXT_FIELD_MAX {
        let mut end = start + TEXT_FIELD_MAX;
        while end > start + 1 && (chars[end - 1].is_whitespace() || chars[end].is_whitespace()) {
            end -= 1;
        }
        if end == start + 1 {
            end = start + TEXT_FIELD_MAX;
        }
        out.push(chars[start..end].iter().collect());
        start = end;
    }
    out.push(chars[start..].iter().collect());
    out
}

// ------------------------------------------------------------------------- kind

pub(crate) fn kind_text(k: TaskKind) -> &'static str {
    match k {
        TaskKind::Task => "task",
        TaskKind::Milestone => "milestone",
        TaskKind::Gate => "gate",
        TaskKind::Deployment => "deployment",
    }
}

pub(crate) fn parse_kind(s: &str) -> Result<TaskKind, String> {
    match s.trim().to_ascii_lowercase().as_str() {
        "task" => Ok(TaskKind::Task),
        "milestone" => Ok(TaskKind::Milestone),
        "gate" => Ok(TaskKind::Gate),
        "deployment" => Ok(TaskKind::Deployment),
        _ => Err(format!(
            "\"{s}\" is not a task kind (task, milestone, gate, deployment)"
        )),
    }
}

// ------------------------------------------------------------------------- estimate

pub(crate) fn estimate_text(e: ThreePoint) -> String {
    let f = |m: WorkMinutes| format_duration(Duration::Working(m));
    format!(
        "{}/{}/{}",
        f(e.optimistic),
        f(e.most_likely),
        f(e.pessimistic)
    )
}

pub(crate) fn parse_estimate(s: &str) -> Result<ThreePoint, String> {
    let parts: Vec<&str> = s.split('/').collect();
    let [o, m, p] = parts.as_slice() else {
        return Err(format!(
            "\"{s}\" is not optimistic/most likely/pessimistic, e.g. 5d/8d/12d"
        ));
    };
    let d = |t: &str| match parse_duration(t) {
        Ok(Duration::Working(m)) => Ok(m),
        Ok(Duration::Elapsed(_)) => Err(format!("\"{}\" is elapsed time", t.trim())),
        Err(e) => Err(e.to_string()),
    };
    let e = ThreePoint {
        optimistic: d(o)?,
        most_likely: d(m)?,
        pessimistic: d(p)?,
    };
    admiral_core::validate_estimate("the estimate", e).map_err(|e| e.to_string())?;
    Ok(e)
}

// ------------------------------------------------------------------------- escapes

fn escape(s: &str, special: &[char]) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if c == '\\' || special.contains(&c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// `s` with a leading and a trailing space, tab or line break written `\s`, `\t`, `\n`,
/// `\r`, so that trimming the field (as MS Project and the reader do) keeps them.
fn escape_ends(s: String) -> String {
    let code = |c: char| match c {
        ' ' => Some("\\s"),
        '\t' => Some("\\t"),
        '\n' => Some("\\n"),
        '\r' => Some("\\r"),
        _ => None,
    };
    let mut chars = s.chars();
    let first = chars.next();
    let last = chars.next_back();
    let mut out = String::with_capacity(s.len() + 4);
    match first {
        Some(c) => out.push_str(code(c).unwrap_or(&c.to_string())),
        None => return s,
    }
    out.push_str(chars.as_str());
    if let Some(c) = last {
        out.push_str(code(c).unwrap_or(&c.to_string()));
    }
    out
}

/// A cursor over a field value that understands backslash escapes.
struct Scan<'a> {
    chars: Vec<char>,
    at: usize,
    text: &'a str,
}

impl<'a> Scan<'a> {
    fn new(text: &'a str) -> Self {
        Self {
            chars: text.chars().collect(),
            at: 0,
            text,
        }
    }
    fn peek(&self) -> Option<char> {
        self.chars.get(self.at).copied()
    }
    fn done(&self) -> bool {
        self.at >= self.chars.len()
    }
    fn eat(&mut self, s: &str) -> bool {
        let n = s.chars().count();
        if self.chars.len() >= self.at + n
            && self.chars[self.at..self.at + n]
                .iter()
                .copied()
                .eq(s.chars())
        {
            self.at += n;
            true
        } else {
            false
        }
    }
    fn expect(&mut self, s: &str, what: &str) -> Result<(), String> {
        if self.eat(s) {
            Ok(())
        } else {
            Err(self.error(&format!("expected {what}")))
        }
    }
    fn error(&self, what: &str) -> String {
        format!("{what} at character {} of \"{}\"", self.at + 1, self.text)
    }
    /// Unescaped text up to (not including) the first unescaped character of `stops`.
    fn until(&mut self, stops: &[char]) -> String {
        let mut out = String::new();
        while let Some(c) = self.peek() {
            if c == '\\' {
                if let Some(&n) = self.chars.get(self.at + 1) {
                    out.push(match n {
                        's' => ' ',
                        't' => '\t',
                        'n' => '\n',
                        'r' => '\r',
                        n => n,
                    });
                    self.at += 2;
                    continue;
                }
            } else if stops.contains(&c) {
                break;
            }
            out.push(c);
            self.at += 1;
        }
        out
    }
    /// A run of characters matching `f`.
    fn word(&mut self, f: impl Fn(char) -> bool) -> String {
        let mut out = String::new();
        while let Some(c) = self.peek().filter(|&c| f(c)) {
            out.push(c);
            self.at += 1;
        }
        out
    }
}

// ------------------------------------------------------------------------- gate

pub(crate) fn decision_text(d: Decision) -> &'static str {
    match d {
        Decision::Pending => "pending",
        Decision::Approved => "approved",
        Decision::Rejected => "rejected",
        Decision::Waived => "waived",
    }
}

fn parse_decision(s: &str) -> Option<Decision> {
    match s.to_ascii_lowercase().as_str() {
        "pending" => Some(Decision::Pending),
        "approved" => Some(Decision::Approved),
        "rejected" => Some(Decision::Rejected),
        "waived" => Some(Decision::Waived),
        _ => None,
    }
}

fn balanced(s: &str) -> bool {
    let mut depth = 0i32;
    for c in s.chars() {
        match c {
            '(' => depth += 1,
            ')' => depth -= 1,
            _ => {}
        }
        if depth < 0 {
            return false;
        }
    }
    depth == 0
}

fn approver_text(a: &Approver) -> String {
    let mut p = escape(&a.name, &['(', ':']);
    if !a.role.is_empty() {
        let role = if balanced(&a.role) {
            escape(&a.role, &[])
        } else {
            escape(&a.role, &['(', ')'])
        };
        p.push_str(&format!(" ({role})"));
    }
    p.push_str(&format!(": {}", decision_text(a.decision)));
    if let Some(at) = a.decided_at {
        let time = if at.format("%S").to_string() == "00" {
            at.format(" %Y-%m-%d %H:%M")
        } else {
            at.format(" %Y-%m-%d %H:%M:%S")
        };
        p.push_str(&time.to_string());
    }
    if !a.comment.is_empty() {
        p.push_str(&format!(" \"{}\"", escape(&a.comment, &['"'])));
    }
    p
}

/// `rejected — Chloé Lefèvre (Enterprise architect): approved 2027-01-15 11:00 "…"; …`.
pub(crate) fn gate_text(g: &Gate) -> String {
    let mut s = decision_text(g.state()).to_string();
    if !g.approvers.is_empty() {
        let parts: Vec<String> = g.approvers.iter().map(approver_text).collect();
        s.push_str(" — ");
        s.push_str(&parts.join("; "));
    }
    s
}

/// The state written in the field and the approvers.
pub(crate) fn parse_gate(s: &str) -> Result<(Decision, Vec<Approver>), String> {
    let (head, rest) = match s.split_once(" — ") {
        Some((h, r)) => (h, Some(r)),
        None => (s, None),
    };
    let state = parse_decision(head.trim()).ok_or_else(|| {
        format!(
            "\"{}\" is not a gate state (pending, approved, rejected, waived)",
            head.trim()
        )
    })?;
    let mut approvers = Vec::new();
    let Some(rest) = rest else {
        return Ok((state, approvers));
    };
    let mut sc = Scan::new(rest);
    loop {
        approvers.push(parse_approver(&mut sc)?);
        if sc.done() {
            break;
        }
        sc.expect("; ", "\"; \" before the next approver")?;
    }
    Ok((state, approvers))
}

fn parse_approver(sc: &mut Scan<'_>) -> Result<Approver, String> {
    let mut name = sc.until(&['(', ':']);
    let mut role = String::new();
    if sc.eat("(") {
        if !name.ends_with(' ') {
            return Err(sc.error("expected a space before the role"));
        }
        name.pop();
        let mut depth = 0;
        loop {
            let part = sc.until(&['(', ')']);
            role.push_str(&part);
            match sc.peek() {
                Some('(') => {
                    depth += 1;
                    role.push('(');
                    sc.at += 1;
                }
                Some(')') if depth > 0 => {
                    depth -= 1;
                    role.push(')');
                    sc.at += 1;
                }
                Some(')') => {
                    sc.at += 1;
                    break;
                }
                _ => return Err(sc.error("the role has no closing parenthesis")),
            }
        }
    }
    sc.expect(": ", "\": \" and a decision after the approver's name")?;
    let word = sc.word(|c| c.is_alphabetic());
    let decision = parse_decision(&word).ok_or_else(|| {
        sc.error(&format!(
            "\"{word}\" is not a decision (pending, approved, rejected, waived)"
        ))
    })?;
    let mut decided_at = None;
    if sc.peek() == Some(' ') && sc.chars.get(sc.at + 1).is_some_and(char::is_ascii_digit) {
        sc.at += 1;
        let date = sc.word(|c| c.is_ascii_digit() || c == '-');
        let date = NaiveDate::parse_from_str(&date, "%Y-%m-%d")
            .map_err(|_| sc.error(&format!("\"{date}\" is not a date (YYYY-MM-DD)")))?;
        let mut time = NaiveTime::MIN;
        if sc.peek() == Some(' ') && sc.chars.get(sc.at + 1).is_some_and(char::is_ascii_digit) {
            sc.at += 1;
            let t = sc.word(|c| c.is_ascii_digit() || c == ':');
            time = NaiveTime::parse_from_str(&t, "%H:%M")
                .or_else(|_| NaiveTime::parse_from_str(&t, "%H:%M:%S"))
                .map_err(|_| sc.error(&format!("\"{t}\" is not a time (HH:MM)")))?;
        }
        decided_at = Some(NaiveDateTime::new(date, time));
    }
    let mut comment = String::new();
    if sc.eat(" \"") {
        comment = sc.until(&['"']);
        sc.expect("\"", "a closing quote after the comment")?;
    }
    if !sc.done() && sc.peek() != Some(';') {
        return Err(sc.error("unexpected text after the decision"));
    }
    Ok(Approver {
        name,
        role,
        decision,
        decided_at,
        comment,
    })
}

// ------------------------------------------------------------------------- criteria

pub(crate) fn criteria_text(c: &[Criterion]) -> String {
    c.iter()
        .map(|c| {
            format!(
                "[{}] {}",
                if c.met { 'x' } else { ' ' },
                escape_ends(escape(&c.text, &[';']))
            )
        })
        .collect::<Vec<_>>()
        .join("; ")
}

pub(crate) fn parse_criteria(s: &str) -> Result<Vec<Criterion>, String> {
    let mut sc = Scan::new(s);
    let mut out = Vec::new();
    while !sc.done() {
        let met = if sc.eat("[x]") || sc.eat("[X]") {
            true
        } else if sc.eat("[ ]") {
            false
        } else {
            return Err(sc.error("expected \"[x]\" or \"[ ]\""));
        };
        let text = if sc.eat(" ") {
            sc.until(&[';'])
        } else {
            String::new()
        };
        out.push(Criterion { text, met });
        if !sc.done() {
            sc.expect(";", "\"; \" before the next criterion")?;
            sc.eat(" ");
        }
    }
    Ok(out)
}

// ------------------------------------------------------------------------- project

/// `name`, or `name | department | owner` when either of the last two is set.
pub(crate) fn project_text(p: &Project) -> String {
    let plain = p.name.trim() == p.name && !p.name.contains(['|', '\\']);
    if p.department.is_empty() && p.owner.is_empty() && plain {
        return p.name.clone();
    }
    let e = |s: &str| escape_ends(escape(s, &['|']));
    format!("{} | {} | {}", e(&p.name), e(&p.department), e(&p.owner))
}

/// Name, department and owner.
pub(crate) fn parse_project(s: &str) -> Result<(String, String, String), String> {
    if !s.contains(['|', '\\']) {
        return Ok((s.to_string(), String::new(), String::new()));
    }
    let mut sc = Scan::new(s);
    let mut parts = vec![sc.until(&['|'])];
    while sc.eat("|") {
        parts.push(sc.until(&['|']));
    }
    let trim = |s: &str| s.strip_prefix(' ').unwrap_or(s).to_string();
    let trim_end = |s: &str| s.strip_suffix(' ').unwrap_or(s).to_string();
    match parts.as_slice() {
        [n] => Ok((n.clone(), String::new(), String::new())),
        [n, d, o] => Ok((trim_end(n), trim_end(&trim(d)), trim(o))),
        _ => Err(format!(
            "\"{s}\" is not a project name or \"name | department | owner\""
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn at(d: u32, h: u32, m: u32) -> Option<NaiveDateTime> {
        NaiveDate::from_ymd_opt(2027, 1, d)
            .unwrap()
            .and_hms_opt(h, m, 0)
    }

    fn approver(
        name: &str,
        role: &str,
        decision: Decision,
        at: Option<NaiveDateTime>,
        c: &str,
    ) -> Approver {
        Approver {
            name: name.into(),
            role: role.into(),
            decision,
            decided_at: at,
            comment: c.into(),
        }
    }

    #[test]
    fn gate_texts_round_trip_with_awkward_characters() {
        let g = Gate {
            id: GateId::from_u128(1),
            task_id: TaskId::from_u128(1),
            criteria: vec![],
            approvers: vec![
                approver(
                    "Chloé Lefèvre",
                    "Enterprise architect",
                    Decision::Approved,
                    at(15, 11, 0),
                    "Keep it; \"quoted\" \\ done",
                ),
                approver(
                    "A (B): C",
                    "Change manager (CAB chair)",
                    Decision::Pending,
                    None,
                    "",
                ),
                approver("D", "odd ) role (", Decision::Rejected, at(18, 15, 45), ""),
                approver(
                    "",
                    "",
                    Decision::Waived,
                    Some(at(1, 0, 0).unwrap() + chrono::Duration::seconds(7)),
                    "x",
                ),
            ],
        };
        let text = gate_text(&g);
        assert!(text.starts_with("rejected — Chloé Lefèvre (Enterprise architect): approved 2027-01-15 11:00 \"Keep it; \\\"quoted\\\" \\\\ done\"; "), "{text}");
        assert!(
            text.contains("(Change manager (CAB chair)): pending"),
            "{text}"
        );
        let (state, approvers) = parse_gate(&text).unwrap();
        assert_eq!(state, Decision::Rejected);
        assert_eq!(approvers, g.approvers);
        // What the earlier writer wrote: dates without times.
        let (_, old) = parse_gate("approved — Jan (QA): approved 2027-01-11").unwrap();
        assert_eq!(old[0].decided_at, at(11, 0, 0));
        for bad in [
            "maybe",
            "pending — Jan: perhaps",
            "pending — Jan (QA: approved",
            "pending — Jan: approved 2027-13-01",
            "pending — Jan: approved \"open",
        ] {
            assert!(parse_gate(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn criteria_projects_estimates_and_aliases() {
        let c = vec![
            Criterion {
                text: "Scope; baselined \\".into(),
                met: true,
            },
            Criterion {
                text: String::new(),
                met: false,
            },
            Criterion {
                text: "UAT".into(),
                met: false,
            },
            Criterion {
                text: " spaced ".into(),
                met: true,
            },
        ];
        let text = criteria_text(&c);
        assert_eq!(
            text,
            "[x] Scope\\; baselined \\\\; [ ] ; [ ] UAT; [x] \\sspaced\\s"
        );
        assert_eq!(parse_criteria(text.trim()).unwrap(), c);
        assert!(parse_criteria("Scope").is_err());

        let p = Project {
            id: ProjectId::from_u128(1),
            release_id: ReleaseId::from_u128(1),
            name: "Pay | ments".into(),
            department: "Eng".into(),
            owner: String::new(),
        };
        assert_eq!(project_text(&p), "Pay \\| ments | Eng | ");
        assert_eq!(
            parse_project(&project_text(&p)).unwrap(),
            ("Pay | ments".into(), "Eng".into(), String::new())
        );
        assert_eq!(parse_project("Billing").unwrap().0, "Billing");
        assert!(parse_project("a | b").is_err());
        let spaced = Project {
            name: " x ".into(),
            owner: "o ".into(),
            ..p.clone()
        };
        let text = project_text(&spaced);
        assert_eq!(
            parse_project(text.trim()).unwrap(),
            (" x ".into(), "Eng".into(), "o ".into())
        );

        let e = ThreePoint {
            optimistic: WorkMinutes(90),
            most_likely: WorkMinutes(480),
            pessimistic: WorkMinutes(1440),
        };
        assert_eq!(estimate_text(e), "90m/1d/3d");
        assert_eq!(parse_estimate("90m/1d/3d").unwrap(), e);
        assert!(parse_estimate("3d/1d/5d").is_err());
        assert!(parse_estimate("1d/2ed/3d").is_err());
        assert!(parse_estimate("1d/2d").is_err());

        assert_eq!(parse_alias(" admiral GATE "), Some((GATE, 1)));
        assert_eq!(parse_alias("Admiral gate (3)"), Some((GATE, 3)));
        assert_eq!(parse_alias("Admiral gate criteria"), Some((CRITERIA, 1)));
        assert_eq!(parse_alias("Department"), None);
        assert_eq!(text_field(6).unwrap().0, 188_743_746);
        assert_eq!(text_field(11).unwrap().0, 188_743_997);
        assert_eq!(text_field(30).unwrap().0, 188_744_016);
    }

    #[test]
    fn long_values_split_away_from_spaces() {
        let s = "word ".repeat(120) + "end";
        let parts = split(&s);
        assert!(parts.len() == 3, "{parts:?}");
        for p in &parts {
            assert!(p.chars().count() <= TEXT_FIELD_MAX);
            assert_eq!(p.trim(), p);
        }
        assert_eq!(parts.concat(), s);
        assert_eq!(split("short"), vec!["short".to_string()]);
    }
}
