//! `admiral audit`, `undo`, `redo`.

use crate::error::CliError;
use crate::output::Table;
use admiral_store::{AuditProblemKind, AuditReport, PlanFile};
use std::io::Write;
use std::process::ExitCode;

pub fn run(
    file: &PlanFile,
    verify: bool,
    json: bool,
    out: &mut dyn Write,
) -> Result<ExitCode, CliError> {
    if verify {
        let report = file.verify_audit()?;
        if json {
            serde_json::to_writer_pretty(&mut *out, &report)?;
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
                match p.kind {
                    // "the plan's content does not match what entry N commits to: task 20 …"
                    AuditProblemKind::ContentMismatch => {
                        eprintln!("admiral: {} (--json lists every difference)", p.message)
                    }
                    AuditProblemKind::BadSignature | AuditProblemKind::Unsigned => eprintln!(
                        "admiral: audit signature check failed at entry {}: {}",
                        p.seq, p.message
                    ),
                    _ => eprintln!(
                        "admiral: audit chain broken at entry {}: {}",
                        p.seq, p.message
                    ),
                }
                ExitCode::from(1)
            }
        });
    }
    let entries = file.audit()?;
    if json {
        serde_json::to_writer_pretty(&mut *out, &entries)?;
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
            format!("{} {}", e.entity_kind, short(&e.entity_id)),
            describe(e),
        ]);
    }
    write!(out, "{}", t.render())?;
    writeln!(out, "{} entries", entries.len())?;
    Ok(ExitCode::SUCCESS)
}

/// The entity's name before → after, when it has one, else the change label.
fn describe(e: &admiral_store::AuditEntry) -> String {
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

fn short(id: &str) -> &str {
    id.get(..8).unwrap_or(id)
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
            "{verb} change {} '{}' ({} audit entries, recorded as change {})",
            s.target, s.label, s.entries, s.recorded_as
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
        writeln!(
            out,
            "entries 1 to {u} predate signing (file upgraded at entry {u}): hash chain only; \
             content anchored from entry {u}"
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
            "note: keys NOT in your trust list signed entries; anyone can make a key (add \
             trusted ones to {}/trusted-keys)",
            admiral_store::config_dir()
                .map(|d| d.display().to_string())
                .unwrap_or_else(|_| "~/.config/admiral".into())
        )?;
    }
    Ok(())
}
