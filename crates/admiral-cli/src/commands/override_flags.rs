//! The override flags of `admiral scenario set` (`--duration 88=15d`, `--delay 79=DATE`, …):
//! their grammar, read against the plan. What each override does, and the names and time a
//! new one starts with, are core's (`admiral_core::scenario`).

use crate::cli::OverrideArgs;
use crate::error::CliError;
use crate::output::parse_when;
use admiral_core::notation::{parse_duration, parse_predecessors};
use admiral_core::progress::{task_by_key, TaskKeys};
use admiral_core::scenario::{defaults, Override};
use admiral_core::{
    Blackout, BlackoutId, CalendarException, Duration, Link, LinkId, Plan, Resource, Risk, Task,
    TaskId, TaskNumber, ThreePoint, WorkMinutes,
};
use chrono::NaiveDate;
use std::collections::HashMap;

pub fn input(msg: impl Into<String>) -> CliError {
    CliError::Input(msg.into())
}

/// The task `key` names (core's `task_by_key`).
pub fn find_task<'a>(plan: &'a Plan, key: &str) -> Result<&'a Task, CliError> {
    task_by_key(plan, key).ok_or_else(|| no_task(key))
}

fn no_task(key: &str) -> CliError {
    input(format!("the plan has no task with key '{}'", key.trim()))
}

/// The plan as the flags look it up: tasks by key and by number, links by their two tasks,
/// each in a map made once (a search per flag made thousands of flags quadratic).
struct Lookup<'a> {
    keys: TaskKeys<'a>,
    by_number: HashMap<TaskNumber, TaskId>,
    links: HashMap<(TaskId, TaskId), LinkId>,
}

impl<'a> Lookup<'a> {
    fn new(plan: &'a Plan) -> Self {
        let mut links = HashMap::with_capacity(plan.links.len());
        for l in &plan.links {
            links.entry((l.predecessor, l.successor)).or_insert(l.id);
        }
        Lookup {
            keys: TaskKeys::new(plan),
            // Reversed, so that the first task with a number is the one kept.
            by_number: plan.tasks.iter().rev().map(|t| (t.number, t.id)).collect(),
            links,
        }
    }

    fn task(&self, key: &str) -> Result<&'a Task, CliError> {
        self.keys
            .get(key)
            .map(|(_, t)| t)
            .ok_or_else(|| no_task(key))
    }
}

pub fn find_risk<'a>(plan: &'a Plan, r: &str) -> Result<&'a Risk, CliError> {
    let r = r.trim();
    plan.risks
        .iter()
        .find(|x| x.title == r || x.id.to_string() == r)
        .or_else(|| plan.risks.iter().find(|x| x.title.eq_ignore_ascii_case(r)))
        .ok_or_else(|| input(format!("the plan has no risk '{r}' (give its title or id)")))
}

fn find_resource<'a>(plan: &'a Plan, r: &str) -> Result<&'a Resource, CliError> {
    let r = r.trim();
    plan.resources
        .iter()
        .find(|x| x.name == r || x.id.to_string() == r)
        .or_else(|| {
            plan.resources
                .iter()
                .find(|x| x.name.eq_ignore_ascii_case(r))
        })
        .ok_or_else(|| input(format!("the plan has no resource '{r}'")))
}

/// Splits `LEFT=RIGHT`.
fn pair<'a>(s: &'a str, flag: &str, form: &str) -> Result<(&'a str, &'a str), CliError> {
    s.split_once('=')
        .map(|(a, b)| (a.trim(), b.trim()))
        .ok_or_else(|| input(format!("--{flag} '{s}' is not of the form {form}")))
}

fn date_range(s: &str, flag: &str) -> Result<(NaiveDate, NaiveDate), CliError> {
    let parse = |d: &str| {
        NaiveDate::parse_from_str(d.trim(), "%Y-%m-%d")
            .map_err(|_| input(format!("--{flag} '{s}': '{d}' is not a date (YYYY-MM-DD)")))
    };
    let (a, b) = match s.split_once("..") {
        Some((a, b)) => (parse(a)?, parse(b)?),
        None => (parse(s)?, parse(s)?),
    };
    if b < a {
        return Err(input(format!("--{flag} '{s}' ends before it starts")));
    }
    Ok((a, b))
}

/// Parses the override flags against `plan`.
pub fn overrides(plan: &Plan, a: &OverrideArgs) -> Result<Vec<Override>, CliError> {
    let look = Lookup::new(plan);
    let mut out = Vec::new();
    for d in &a.duration {
        let (task, dur) = pair(d, "duration", "TASK=5d")?;
        let task = look.task(task)?.id;
        let duration = parse_duration(dur).map_err(|e| input(format!("--duration {d}: {e}")))?;
        out.push(Override::SetDuration { task, duration });
    }
    for e in &a.estimate {
        out.push(estimate_flag(&look, e)?);
    }
    for d in &a.delay {
        let (task, when) = pair(d, "delay", "TASK=2027-03-01")?;
        let task = look.task(task)?.id;
        let until = parse_when(when, "--delay date", defaults::delay_time())?;
        out.push(Override::Delay { task, until });
    }
    for r in &a.remove {
        out.push(Override::RemoveTask {
            task: look.task(r)?.id,
            bridge: a.bridge,
        });
    }
    for l in &a.add_link {
        add_link_flag(&look, l, &mut out)?;
    }
    for l in &a.remove_link {
        out.push(remove_link_flag(&look, l)?);
    }
    for h in &a.holiday {
        let (start, finish) = date_range(h, "holiday")?;
        out.push(Override::CalendarException {
            calendar: None,
            exception: CalendarException {
                name: defaults::HOLIDAY_NAME.into(),
                start,
                finish,
                working: Vec::new(),
            },
        });
    }
    for b in &a.blackout {
        out.push(blackout_flag(plan, b)?);
    }
    for r in &a.risk {
        out.push(Override::FireRisk {
            risk: find_risk(plan, r)?.id,
        });
    }
    for u in &a.units {
        let (res, units) = pair(u, "units", "RESOURCE=0.5")?;
        let resource = find_resource(plan, res)?.id;
        let max_units: f64 = units
            .parse()
            .ok()
            .filter(|v: &f64| v.is_finite() && *v >= 0.0)
            .ok_or_else(|| input(format!("--units {u}: '{units}' is not a number ≥ 0")))?;
        out.push(Override::ResourceUnits {
            resource,
            max_units,
        });
    }
    Ok(out)
}

/// `--estimate TASK=3d/5d/8d`: a three-point estimate in working time.
fn estimate_flag(look: &Lookup, e: &str) -> Result<Override, CliError> {
    let (task, est) = pair(e, "estimate", "TASK=3d/5d/8d")?;
    let t = look.task(task)?;
    let parts: Vec<&str> = est.split('/').collect();
    if parts.len() != 3 {
        return Err(input(format!(
            "--estimate {e}: give optimistic/most likely/pessimistic, e.g. 3d/5d/8d"
        )));
    }
    let mut w = [WorkMinutes::ZERO; 3];
    for (slot, p) in w.iter_mut().zip(&parts) {
        *slot = match parse_duration(p).map_err(|x| input(format!("--estimate {e}: {x}")))? {
            Duration::Working(m) => m,
            Duration::Elapsed(_) => {
                return Err(input(format!(
                    "--estimate {e}: estimates are in working time (d, h, m, w); on a task with \
                     an elapsed duration a working day is drawn as a clock day (3d for 3ed)"
                )))
            }
        };
    }
    let estimate = ThreePoint {
        optimistic: w[0],
        most_likely: w[1],
        pessimistic: w[2],
    };
    admiral_core::validate_estimate(&admiral_core::task_label(t), estimate)?;
    Ok(Override::SetEstimate {
        task: t.id,
        estimate: Some(estimate),
    })
}

/// `--add-link '3FS+2d>7'`: links in predecessor notation into a successor.
fn add_link_flag(look: &Lookup, l: &str, out: &mut Vec<Override>) -> Result<(), CliError> {
    let (pred, succ) = l.split_once('>').ok_or_else(|| {
        input(format!(
            "--add-link '{l}' is not of the form PREDECESSOR>SUCCESSOR, e.g. '3FS+2d>7'"
        ))
    })?;
    let successor = look.task(succ)?;
    let exists = |n: TaskNumber| look.by_number.contains_key(&n);
    let preds = parse_predecessors(pred, Some(successor.number), &exists)
        .map_err(|e| input(format!("--add-link '{l}': {e}")))?;
    for p in preds {
        let predecessor = (look.by_number.get(&p.number).copied())
            .ok_or_else(|| input(format!("--add-link '{l}': no task {}", p.number)))?;
        out.push(Override::AddLink {
            link: Link {
                id: LinkId::new(),
                predecessor,
                successor: successor.id,
                kind: p.kind,
                lag: p.lag,
            },
        });
    }
    Ok(())
}

/// `--remove-link '3>7'`: an existing link between two tasks.
fn remove_link_flag(look: &Lookup, l: &str) -> Result<Override, CliError> {
    let (p, s) = l.split_once('>').ok_or_else(|| {
        input(format!(
            "--remove-link '{l}' is not of the form PREDECESSOR>SUCCESSOR, e.g. '3>7'"
        ))
    })?;
    let (p, s) = (look.task(p)?, look.task(s)?);
    let link = look.links.get(&(p.id, s.id)).ok_or_else(|| {
        input(format!(
            "--remove-link '{l}': task {} does not link to task {}",
            p.key(),
            s.key()
        ))
    })?;
    Ok(Override::RemoveLink { link: *link })
}

/// `--blackout [RELEASE:]2027-03-01..2027-03-05`: a blackout window of a release (the first
/// by default).
fn blackout_flag(plan: &Plan, b: &str) -> Result<Override, CliError> {
    let (release, range) = match b.rsplit_once(':') {
        Some((r, range)) if !r.trim().is_empty() && !r.contains('-') => {
            let rel = plan
                .releases
                .iter()
                .find(|x| x.code == r.trim() || x.name == r.trim())
                .ok_or_else(|| input(format!("--blackout '{b}': no release '{r}'")))?;
            (rel, range)
        }
        _ => (
            plan.releases
                .first()
                .ok_or_else(|| input("the plan has no release"))?,
            b,
        ),
    };
    let (start, finish) = date_range(range, "blackout")?;
    Ok(Override::Blackout {
        blackout: Blackout {
            id: BlackoutId::new(),
            release_id: release.id,
            name: defaults::BLACKOUT_NAME.into(),
            start,
            finish,
        },
    })
}
