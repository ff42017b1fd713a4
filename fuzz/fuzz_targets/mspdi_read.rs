//! Any bytes into the MSPDI reader: an error or a valid plan, never a panic. A plan that was
//! read must also export, and the export must read back.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(imp) = admiral_interop::read_mspdi(text, "Fuzz") {
        imp.plan.validate().expect("the reader returns valid plans");
        if let Ok(export) = admiral_interop::write_mspdi(&imp.plan, None) {
            let xml = String::from_utf8(export.bytes).expect("the writer writes UTF-8");
            admiral_interop::read_mspdi(&xml, "Fuzz").expect("an export reads back");
        }
    }
});
