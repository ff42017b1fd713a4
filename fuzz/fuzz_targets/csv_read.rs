//! Any bytes into the CSV reader, strict and skipping bad rows: an error or a valid plan,
//! never a panic. A plan that was read must also export, and the export must read back.
#![no_main]

use admiral_interop::{read_csv, write_csv, CsvOptions};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let start = chrono::NaiveDate::from_ymd_opt(2027, 1, 4).and_then(|d| d.and_hms_opt(8, 0, 0));
    for skip_bad_rows in [false, true] {
        let opts = CsvOptions {
            skip_bad_rows,
            start,
        };
        if let Ok(imp) = read_csv(text, "Fuzz", &opts) {
            imp.plan.validate().expect("the reader returns valid plans");
            let export = write_csv(&imp.plan, None).expect("a plan that was read exports");
            let csv = String::from_utf8(export.bytes).expect("the writer writes UTF-8");
            let back = read_csv(&csv, "Fuzz", &opts).expect("an export reads back");
            assert_eq!(back.plan.tasks.len(), imp.plan.tasks.len());
            assert_eq!(back.plan.links.len(), imp.plan.links.len());
        }
    }
});
