//! `admiral audit`, `undo`, `redo`.

use crate::cli::KeysAction;
use crate::error::CliError;
use crate::output::Table;
use admiral_store::{AuditProblemKind, AuditReport, PlanFile};
use std::io::Write;
use std::process::ExitCode;

/// What `audit` checks: nothing (list the trail), the trail, and the head against a noted one.
pub struct Check<'a> {
    pub verify: bool,
    pub expect_head: Option<&'a str>,
}

pub fn run(
    file: &PlanFile,
    check: &Check,
    json: bool,
    out: &mut dyn Write,
) -> Result<ExitCode, CliError> {
    if let Some(h) = check.expect_head {
        let h = h.trim();
        if h.len() != 64 || !h.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(CliError::Input(format!(
                "--expect-head takes a chain head of 64 hex digits, as `audit --verify` prints it; got '{h}'"
            )));
        }
    }
    if check.verify {
        let report = match check.expect_head {
            Some(h) => file.verify_audit_expecting(h)?,
            None => file.verify_audit()?,
        };
        if json {
            crate::output::write_json(&mut *out, &report)?;
            writeln!(out)?;
        } else if report.is_ok() {
            write_verified(&report, out)?;
        }
        return Ok(match report.problem {
            None => ExitCode::SUCCESS,
            Some(p) => {
                if !json {
                    out.flush()?;
                }
                let message = crate::terminal::safe_line(&p.message);
                match p.kind {
                    // "the plan's content does not match what entry N commits to: task 20 …"
                    AuditProblemKind::ContentMismatch => {
                        eprintln!("admiral: {message} (--json lists every difference)")
                    }
                    AuditProblemKind::HeadMismatch => {
                        eprintln!("admiral: audit head check failed: {message}")
                    }
                    AuditProblemKind::BadSignature | AuditProblemKind::Unsigned => eprintln!(
                        "admiral: audit signature check failed at entry {}: {message}",
                        p.seq
                    ),
                    _ => eprintln!("admiral: audit chain broken at entry {}: {message}", p.seq),
                }
                ExitCode::from(1)
            }
        });
    }
    let entries = file.audit()?;
    if json {
        crate::output::write_json(&mut *out, &entries)?;
        writeln!(out)?;
        return Ok(ExitCode::SUCCESS);
    }
    let mut t = Table::new(&[
        "Seq",
        "When (UTC)",
        "Who",
        "Change",
        "Action",
        "Entity",
        "What",
    ])
    .right(&[0, 3]);
    for e in &entries {
        t.row(vec![
            e.seq.to_string(),
            e.at.clone(),
            e.actor.clone(),
            e.change.to_string(),
            e.action.clone(),
            entity(e),
            describe(e),
        ]);
    }
    write!(out, "{}", t.render())?;
    writeln!(out, "{} entries", entries.len())?;
    Ok(ExitCode::SUCCESS)
}

/// The entity's name before → after, when it has one, else the change label; for a bulk
/// entry (kind "rows"), the label and the rows it counts ("Import x.xml: 2000 tasks, …").
fn describe(e: &admiral_store::AuditEntry) -> String {
    if e.entity_kind == "rows" {
        let counts = e
            .after
            .as_ref()
            .or(e.before.as_ref())
            .and_then(|v| v.get("summary"))
            .and_then(|v| v.as_object())
            .map(|m| {
                m.iter()
                    .map(|(k, n)| format!("{n} {k}"))
                    .collect::<Vec<_>>()
                    .join(", ")
            })
            .unwrap_or_default();
        return format!("{}: {counts}", e.label);
    }
    let name = |v: &Option<serde_json::Value>| {
        v.as_ref().and_then(|v| {
            ["name", "title", "code"]
                .iter()
                .find_map(|k| v.get(k).and_then(|n| n.as_str()).map(str::to_string))
        })
    };
    match (name(&e.before), name(&e.after)) {
        (Some(b), Some(a)) if a != b => format!("'{b}' → '{a}'"),
        (_, Some(a)) => format!("'{a}' ({})", e.label),
        (Some(b), None) => format!("'{b}' ({})", e.label),
        (None, None) => e.label.clone(),
    }
}

/// "task 19" by its number when the entity has one (tasks), else its kind and a short id.
fn entity(e: &admiral_store::AuditEntry) -> String {
    let number = [&e.after, &e.before]
        .iter()
        .find_map(|v| v.as_ref()?.get("number")?.as_u64());
    match number {
        Some(n) => format!("{} {n}", e.entity_kind),
        None => format!("{} {}", e.entity_kind, short(&e.entity_id)),
    }
}

/// The first 8 characters of an id, or its last 8 when the first are all zeros (the demo's
/// ids, numbered from the end, all began "00000000").
fn short(id: &str) -> &str {
    let head = id.get(..8).unwrap_or(id);
    if head.chars().all(|c| c == '0') {
        id.get(id.len().saturating_sub(8)..).unwrap_or(id)
    } else {
        head
    }
}

pub fn undo_redo(file: &mut PlanFile, undo: bool, out: &mut dyn Write) -> Result<(), CliError> {
    let (done, verb) = if undo {
        (file.undo()?, "undid")
    } else {
        (file.redo()?, "redid")
    };
    match done {
        Some(s) => writeln!(
            out,
            "{verb} change {} '{}' ({}, recorded as change {})",
            s.target,
            s.label,
            match s.entries {
                1 => "1 audit entry".to_string(),
                n => format!("{n} audit entries"),
            },
            s.recorded_as
        )?,
        None => {
            return Err(CliError::Input(format!(
                "nothing to {}",
                if undo { "undo" } else { "redo" }
            )))
        }
    }
    Ok(())
}

/// What a successful verification checked, in plain words (the store decides; this prints).
fn write_verified(r: &AuditReport, out: &mut dyn Write) -> Result<(), CliError> {
    writeln!(out, "audit chain intact: {} entries verified", r.entries)?;
    match r.content.committed_by {
        Some(n) => writeln!(
            out,
            "plan content matches: the tables equal what entry {n} commits to"
        )?,
        None => writeln!(out, "plan content NOT checked: no entry commits to it")?,
    }
    let s = &r.signatures;
    writeln!(out, "signatures: {} entries validly signed", s.signed)?;
    for line in r.signer_lines() {
        writeln!(out, "  {line}")?;
    }
    if let Some(u) = s.upgraded_at {
        let old = s.unsigned_before_upgrade;
        writeln!(
            out,
            "entries 1 to {old} predate signing (file upgraded at entry {u}{}): hash chain \
             only; content anchored from entry {u}",
            if old < u as u64 {
                ", a signed entry"
            } else {
                ", unsigned: no key was at hand"
            }
        )?;
    }
    if let Some(h) = &r.head {
        writeln!(out, "chain head: entry {} {}", h.seq, h.hash)?;
    }
    if let Some(k) = admiral_store::own_public_key() {
        writeln!(out, "your signing key: {k}")?;
    }
    if r.untrusted_signers().next().is_some() {
        writeln!(
            out,
            "note: keys NOT in your trust list signed entries; anyone can make a key. Check \
             with their owner, then trust one with `admiral keys add KEY --name NAME`:"
        )?;
        for k in r.untrusted_signers() {
            writeln!(out, "  {} {}", k.public_key, k.names.join(" / "))?;
        }
    }
    Ok(())
}

/// `admiral keys list|add|remove`: the trust list is the store's; this prints.
pub fn keys(action: KeysAction, out: &mut dyn Write) -> Result<(), CliError> {
    match action {
        KeysAction::List { json } => {
            let keys = admiral_store::trust_list()?;
            if json {
                crate::output::write_json(&mut *out, &keys)?;
                writeln!(out)?;
                return Ok(());
            }
            if keys.is_empty() {
                writeln!(
                    out,
                    "no trusted keys, and no signing key of your own yet (one is made at your first change)"
                )?;
            }
            for k in &keys {
                let name = if k.own { "(your own key)" } else { &k.name };
                writeln!(out, "{} {name}", k.public_key)?;
            }
            writeln!(
                out,
                "trust list: {}",
                admiral_store::trust_file()?.display()
            )?;
        }
        KeysAction::Add { key, name } => {
            if admiral_store::trust_add(&key, &name)? {
                writeln!(out, "trusted {}", key.trim().to_ascii_lowercase())?;
            } else {
                writeln!(out, "already trusted: {}", key.trim().to_ascii_lowercase())?;
            }
        }
        KeysAction::Remove { key_or_name } => {
            let removed = admiral_store::trust_remove(&key_or_name)?;
            if removed.is_empty() {
                let own = admiral_store::own_public_key()
                    .is_some_and(|k| k.eq_ignore_ascii_case(key_or_name.trim()));
                return Err(CliError::Input(if own {
                    "that is your own signing key, which is always trusted".into()
                } else {
                    format!("no trusted key is '{}'", key_or_name.trim())
                }));
            }
            for k in removed {
                writeln!(out, "no longer trusted: {} {}", k.public_key, k.name)?;
            }
        }
    }
    Ok(())
}
