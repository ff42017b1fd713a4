//! `admiral evm`: earned value at a status date against a baseline, for the plan, each release
//! and each project (`admiral_core::evm`); the JSON is a contract.

use super::baseline::{at, find};
use super::open;
use crate::error::CliError;
use crate::output::{human, iso, parse_when, Table};
use admiral_core::evm::{earned_value, EarnedValue};
use chrono::NaiveDateTime;
use serde::Serialize;
use std::io::Write;
use std::path::Path;

/// The earned-value figures, as the JSON contract names them; money in currency units.
#[derive(Serialize)]
struct JsonEv {
    bac: f64,
    bcws: f64,
    bcwp: f64,
    acwp: f64,
    sv: f64,
    cv: f64,
    spi: Option<f64>,
    cpi: Option<f64>,
    eac: f64,
    vac: f64,
    tcpi: Option<f64>,
}

impl From<EarnedValue> for JsonEv {
    fn from(e: EarnedValue) -> Self {
        Self {
            bac: e.bac.as_units(),
            bcws: e.bcws.as_units(),
            bcwp: e.bcwp.as_units(),
            acwp: e.acwp.as_units(),
            sv: e.sv.as_units(),
            cv: e.cv.as_units(),
            spi: e.spi,
            cpi: e.cpi,
            eac: e.eac.as_units(),
            vac: e.vac.as_units(),
            tcpi: e.tcpi,
        }
    }
}

#[derive(Serialize)]
struct JsonNamedEv {
    code: Option<String>,
    name: String,
    #[serde(flatten)]
    ev: JsonEv,
}

#[derive(Serialize)]
struct JsonEvm {
    status_date: String,
    baseline: u8,
    currency: String,
    plan: JsonEv,
    releases: Vec<JsonNamedEv>,
    projects: Vec<JsonNamedEv>,
}

pub fn evm(
    path: &Path,
    status_date: &str,
    n: u8,
    json: bool,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    let p = open(path)?.load()?;
    let status: NaiveDateTime = parse_when(status_date, "status date", at(17))?;
    let b = find(&p, n)?;
    let r = earned_value(&p, b, status);
    let releases: Vec<JsonNamedEv> = r
        .releases
        .iter()
        .zip(&p.releases)
        .map(|((_, ev), rel)| JsonNamedEv {
            code: Some(rel.code.clone()),
            name: rel.name.clone(),
            ev: (*ev).into(),
        })
        .collect();
    let projects: Vec<JsonNamedEv> = r
        .projects
        .iter()
        .zip(&p.projects)
        .map(|((_, ev), pr)| JsonNamedEv {
            code: p
                .releases
                .iter()
                .find(|x| x.id == pr.release_id)
                .map(|x| x.code.clone()),
            name: pr.name.clone(),
            ev: (*ev).into(),
        })
        .collect();
    if json {
        let doc = JsonEvm {
            status_date: iso(status),
            baseline: n,
            currency: p.settings.currency.clone(),
            plan: r.plan.into(),
            releases,
            projects,
        };
        crate::output::write_json(&mut *out, &doc)?;
        writeln!(out)?;
        return Ok(());
    }
    let ratio = |x: Option<f64>| x.map_or_else(|| "–".into(), |v| format!("{v:.2}"));
    let money = |m: f64| format!("{m:.2}");
    let mut t = Table::new(&[
        "", "BCWS", "BCWP", "ACWP", "SV", "CV", "SPI", "CPI", "EAC", "VAC", "TCPI",
    ])
    .right(&[1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    let mut row = |label: String, e: &JsonEv| {
        t.row(vec![
            label,
            money(e.bcws),
            money(e.bcwp),
            money(e.acwp),
            money(e.sv),
            money(e.cv),
            ratio(e.spi),
            ratio(e.cpi),
            money(e.eac),
            money(e.vac),
            ratio(e.tcpi),
        ])
    };
    let plan_ev: JsonEv = r.plan.into();
    row("Plan".into(), &plan_ev);
    for x in &releases {
        row(
            format!("Release {}", x.code.clone().unwrap_or_default()),
            &x.ev,
        );
    }
    for x in &projects {
        row(format!("  {}", x.name), &x.ev);
    }
    writeln!(
        out,
        "Earned value at {} against {} ({})",
        human(status),
        b.label(),
        p.settings.currency
    )?;
    write!(out, "{}", t.render())?;
    Ok(())
}
