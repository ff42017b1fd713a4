//! The PDF release report for executives.
//!
//! [`render`] turns a plan, its schedule, and optionally admiral-core's Monte Carlo result and
//! scenario comparison and the store's audit summary, into a PDF: an executive summary, a Gantt chart, gates, the critical path,
//! schedule risk, scenarios, the risk register and an appendix. Text is set in DejaVu Sans,
//! embedded as a subset, so every name prints as written; every chart is vector graphics.
//! The same input gives the same text: the creation date is the report's as-of date.

mod bidi;
mod canvas;
mod ctx;
pub mod facts;
mod font;
mod from_plan;
mod input;
mod layout;
mod portfolio;
mod sections;

pub use from_plan::{
    analyse_for_report, export_description, portfolio_description, render_analysed, render_plan,
    render_plan_with_snapshot, render_portfolio_plan, PlanReport, PortfolioReport,
};
pub use input::{AuditSummary, ReportInput};
pub use portfolio::{render_portfolio, PortfolioInput};

use canvas::FontIds;
use chrono::{Datelike, Timelike};
use printpdf::{PdfDocument, PdfPage, PdfSaveOptions, Pt};
use std::fmt;
use std::str::FromStr;

/// A section of the report, in the order the caller lists them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Section {
    Summary,
    Gantt,
    Gates,
    Critical,
    Risk,
    Scenarios,
    Register,
    Appendix,
}

impl Section {
    /// Every section in the report's standard order.
    pub const ALL: [Section; 8] = [
        Section::Summary,
        Section::Gantt,
        Section::Gates,
        Section::Critical,
        Section::Risk,
        Section::Scenarios,
        Section::Register,
        Section::Appendix,
    ];

    /// The name used on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Section::Summary => "summary",
            Section::Gantt => "gantt",
            Section::Gates => "gates",
            Section::Critical => "critical",
            Section::Risk => "risk",
            Section::Scenarios => "scenarios",
            Section::Register => "register",
            Section::Appendix => "appendix",
        }
    }
}

impl fmt::Display for Section {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Section {
    type Err = ReportError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let want = s.trim().to_ascii_lowercase();
        Section::ALL
            .into_iter()
            .find(|x| x.name() == want)
            .ok_or_else(|| ReportError::UnknownSection {
                name: s.to_string(),
                known: Section::ALL.map(Section::name).join(", "),
            })
    }
}

/// Paper size. Gantt pages are printed landscape on it, the rest portrait.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Paper {
    #[default]
    A4,
    Letter,
}

impl Paper {
    /// Portrait width and height in points.
    pub fn size(self) -> (f32, f32) {
        match self {
            Paper::A4 => (595.28, 841.89),
            Paper::Letter => (612.0, 792.0),
        }
    }
}

impl FromStr for Paper {
    type Err = ReportError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "a4" => Ok(Paper::A4),
            "letter" | "us-letter" => Ok(Paper::Letter),
            _ => Err(ReportError::UnknownPaper(s.to_string())),
        }
    }
}

/// How to render.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReportOptions {
    /// Sections to include, in this order (duplicates are printed once).
    pub sections: Vec<Section>,
    pub paper: Paper,
    /// Printed in every footer, e.g. "CONFIDENTIAL — internal use only".
    pub confidentiality: String,
}

impl Default for ReportOptions {
    fn default() -> Self {
        Self {
            sections: Section::ALL.to_vec(),
            paper: Paper::A4,
            confidentiality: "Confidential".into(),
        }
    }
}

/// Why a report could not be made or written.
#[derive(Debug, thiserror::Error)]
pub enum ReportError {
    #[error("unknown report section '{name}' (known: {known})")]
    UnknownSection { name: String, known: String },
    #[error("unknown paper size '{0}' (known: a4, letter)")]
    UnknownPaper(String),
    #[error("the plan has no release to report on")]
    NoRelease,
    #[error("release '{release}' has no tasks to report on: {hint}")]
    NoTasks { release: String, hint: String },
    #[error("release {0} is not in the plan")]
    UnknownRelease(String),
    #[error("no report section selected")]
    NoSections,
    #[error("the embedded DejaVu Sans font could not be read")]
    Font,
    #[error(transparent)]
    Schedule(#[from] admiral_core::schedule::ScheduleError),
    #[error(transparent)]
    Simulation(#[from] admiral_core::monte_carlo::SimulationError),
    #[error(transparent)]
    Scenario(#[from] admiral_core::scenario::ScenarioError),
}

/// The release a report is about: the one asked for, else the plan's first release that has
/// tasks. A release without tasks is refused (a report of it could only invent dates), naming
/// the releases that have some.
pub fn release_to_report(
    plan: &admiral_core::Plan,
    release: Option<admiral_core::ReleaseId>,
) -> Result<&admiral_core::Release, ReportError> {
    let has_tasks = |r: &admiral_core::Release| {
        let projects: std::collections::HashSet<_> = plan
            .projects
            .iter()
            .filter(|p| p.release_id == r.id)
            .map(|p| p.id)
            .collect();
        plan.tasks.iter().any(|t| projects.contains(&t.project_id))
    };
    let chosen = match release {
        Some(id) => plan
            .releases
            .iter()
            .find(|r| r.id == id)
            .ok_or_else(|| ReportError::UnknownRelease(id.to_string()))?,
        None => plan
            .releases
            .iter()
            .find(|r| has_tasks(r))
            .or(plan.releases.first())
            .ok_or(ReportError::NoRelease)?,
    };
    if has_tasks(chosen) {
        return Ok(chosen);
    }
    let others: Vec<String> = plan
        .releases
        .iter()
        .filter(|r| has_tasks(r))
        .map(|r| format!("'{}'", r.code))
        .collect();
    Err(ReportError::NoTasks {
        release: chosen.code.clone(),
        hint: if others.is_empty() {
            "add tasks or import a task list first".into()
        } else {
            format!("report on {} instead (--release)", others.join(", "))
        },
    })
}

/// Renders the report to PDF bytes.
pub fn render(input: &ReportInput, opts: &ReportOptions) -> Result<Vec<u8>, ReportError> {
    let fonts = font::fonts().ok_or(ReportError::Font)?;
    let plan = input.plan;
    let release = release_to_report(plan, input.release)?;
    let mut sections: Vec<Section> = Vec::new();
    for s in &opts.sections {
        if !sections.contains(s) {
            sections.push(*s);
        }
    }
    if sections.is_empty() {
        return Err(ReportError::NoSections);
    }

    let release_label = if release.code.is_empty() {
        release.name.clone()
    } else if release.name.is_empty() {
        release.code.clone()
    } else {
        format!("{} ({})", release.name, release.code)
    };
    let title = format!("{release_label} — Release report");
    let (mut doc, ids) = new_document(&title, fonts);
    let ctx = ctx::Ctx::new(input, release);
    let mut w = layout::Writer::new(ids.clone(), opts.paper.size());
    for s in sections {
        sections::render(s, &ctx, &mut w);
    }
    if w.pages.is_empty() {
        // Every selected section was without input: say so rather than print nothing.
        w.section("Release report");
        w.paragraph(
            "None of the selected sections has data to show for this release.",
            font::Face::Regular,
            layout::TEXT,
            canvas::palette::GREY,
        );
    }
    let as_of = input.as_of.format("%d %b %Y").to_string();
    layout::furnish(
        &mut w.pages,
        &ids,
        &layout::Furniture {
            release: &release_label,
            report_title: &format!("Release report · {}", plan.portfolio.name),
            as_of: &as_of,
            confidentiality: &opts.confidentiality,
        },
    );

    let author = if input.author.trim().is_empty() {
        release.owner.clone()
    } else {
        input.author.clone()
    };
    let info = &mut doc.metadata.info;
    info.author = author;
    info.producer = "Admiral release report".into();
    info.subject = format!("Release report for {release_label}, as of {as_of}");
    info.identifier = release.code.clone();
    Ok(save_pdf(doc, w.pages, input.as_of))
}

/// A new PDF document titled `title`, with the two faces the report draws in.
pub(crate) fn new_document(title: &str, fonts: &'static font::Fonts) -> (PdfDocument, FontIds) {
    let mut doc = PdfDocument::new(title);
    let ids = FontIds {
        fonts,
        regular: doc.add_font(&fonts.regular.parsed),
        bold: doc.add_font(&fonts.bold.parsed),
    };
    (doc, ids)
}

/// The PDF's bytes: `pages` drawn, Admiral as the creator, the report's date as every date
/// of the document (so the same input gives the same bytes), fonts subset.
pub(crate) fn save_pdf(
    mut doc: PdfDocument,
    pages: Vec<canvas::Page>,
    as_of: chrono::NaiveDateTime,
) -> Vec<u8> {
    // The faces from the system's fonts that the pages use (for characters DejaVu Sans
    // lacks), each under the id the pages name it by.
    let system: std::collections::BTreeSet<usize> =
        pages.iter().flat_map(|p| p.system_faces()).collect();
    for n in system {
        if let Some(face) = font::system_face_number(n) {
            doc.resources.fonts.map.insert(
                canvas::system_font_id(n),
                printpdf::PdfFont::new(face.parsed.clone()),
            );
        }
    }
    let pages: Vec<PdfPage> = pages
        .into_iter()
        .map(|p| {
            let (pw, ph) = (p.width, p.height);
            PdfPage::new(Pt(pw).into(), Pt(ph).into(), p.into_ops())
        })
        .collect();
    let stamp = pdf_date(as_of);
    let info = &mut doc.metadata.info;
    info.creator = "Admiral".into();
    info.creation_date = stamp;
    info.modification_date = stamp;
    info.metadata_date = stamp;
    let save = PdfSaveOptions {
        subset_fonts: true,
        optimize: false,
        ..PdfSaveOptions::default()
    };
    let mut pdf = doc
        .with_pages(pages)
        .to_lopdf_document(&save, &mut Vec::new());
    compress_streams(&mut pdf, flate2::Compression::default());
    let mut bytes = Vec::new();
    // Writing into memory cannot fail (printpdf's `save` ignores this result too).
    let _ = pdf.save_to(&mut bytes);
    bytes
}

/// Deflates every stream that may be compressed and is not yet, as lopdf's `compress` does
/// but at `level`. lopdf's is zlib's best, a third of a report's time outside Monte Carlo:
/// on the 500-task report the default level saves 20 ms for 0.3 % more bytes, where the
/// fastest would save 20 ms more for 42 % more bytes. A stream deflate would not shrink
/// stays as it is.
fn compress_streams(pdf: &mut lopdf::Document, level: flate2::Compression) {
    use rayon::prelude::*;
    use std::io::Write as _;
    // Each stream on its own, so on every core (deflate was a sixth of a report without
    // Monte Carlo); the bytes are the same as one after the other.
    let streams: Vec<&mut lopdf::Stream> = pdf
        .objects
        .values_mut()
        .filter_map(|object| match object {
            lopdf::Object::Stream(stream)
                if stream.allows_compression && stream.dict.get(b"Filter").is_err() =>
            {
                Some(stream)
            }
            _ => None,
        })
        .collect();
    admiral_core::par::ready();
    streams.into_par_iter().for_each(|stream| {
        let mut z = flate2::write::ZlibEncoder::new(Vec::new(), level);
        let Ok(packed) = z.write_all(&stream.content).and_then(|()| z.finish()) else {
            return;
        };
        if packed.len() + 19 < stream.content.len() {
            stream.dict.set("Filter", "FlateDecode");
            stream.set_content(packed);
        }
    });
}

/// The report's date as the PDF's creation date (no zone: UTC offset 0).
pub(crate) fn pdf_date(a: chrono::NaiveDateTime) -> printpdf::DateTime {
    printpdf::DateTime::new_in_offset(
        printpdf::Date {
            year: a.year(),
            month: a.month() as u8,
            day: a.day() as u8,
        },
        printpdf::Time {
            hour: a.hour() as u8,
            minute: a.minute() as u8,
            second: a.second() as u8,
            millisecond: 0,
        },
        printpdf::Offset {
            hours: 0,
            minutes: 0,
            seconds: 0,
            milliseconds: 0,
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn streams_are_deflated_unless_that_does_not_shrink_them_or_they_have_a_filter() {
        use lopdf::{Dictionary, Object, Stream};
        use std::io::Read as _;
        let text = b"0 0 m 100 100 l S ".repeat(200);
        let noise: Vec<u8> = (0u32..64)
            .map(|i| (i.wrapping_mul(2_654_435_761) >> 24) as u8)
            .collect();
        let mut filtered = Dictionary::new();
        filtered.set("Filter", "DCTDecode");
        let mut doc = lopdf::Document::with_version("1.3");
        let a = doc.add_object(Stream::new(Dictionary::new(), text.clone()));
        let b = doc.add_object(Stream::new(Dictionary::new(), noise.clone()));
        let c = doc.add_object(Stream::new(filtered, text.clone()));
        compress_streams(&mut doc, flate2::Compression::default());
        let stream = |id| match doc.get_object(id) {
            Ok(Object::Stream(s)) => s.clone(),
            other => panic!("{other:?}"),
        };
        let (a, b, c) = (stream(a), stream(b), stream(c));
        assert_eq!(
            a.dict.get(b"Filter").unwrap().as_name().unwrap(),
            b"FlateDecode"
        );
        assert!(a.content.len() < text.len() / 10);
        let mut back = Vec::new();
        flate2::read::ZlibDecoder::new(&a.content[..])
            .read_to_end(&mut back)
            .unwrap();
        assert_eq!(back, text);
        assert!(b.dict.get(b"Filter").is_err());
        assert_eq!(b.content, noise);
        assert_eq!(c.content, text);
    }

    #[test]
    fn sections_parse_by_name_and_unknown_names_are_refused() {
        assert_eq!("Gantt".parse::<Section>().unwrap(), Section::Gantt);
        let e = "gnatt".parse::<Section>().unwrap_err().to_string();
        assert!(e.contains("'gnatt'") && e.contains("summary, gantt"), "{e}");
        assert_eq!("letter".parse::<Paper>().unwrap(), Paper::Letter);
        assert!("a3".parse::<Paper>().is_err());
    }
}
