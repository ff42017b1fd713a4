//! Declares our commands to Tauri's ACL, so that a capability must grant each one by name.

const COMMANDS: &[&str] = &[
    "create_plan",
    "open_plan",
    "open_demo",
    "startup_plan",
    "save_plan_as",
    "close_plan",
    "recent_files",
    "update_task",
    "set_duration",
    "set_start",
    "set_predecessors",
    "insert_task",
    "delete_task",
    "indent_task",
    "put_link",
    "delete_link",
    "put_calendar",
    "delete_calendar",
    "put_blackout",
    "delete_blackout",
    "put_gate",
    "delete_gate",
    "put_risk",
    "delete_risk",
    "put_resource",
    "delete_resource",
    "undo",
    "redo",
    "why_date",
    "check_duration",
    // schedule risk, report export and import
    "run_simulation",
    "cancel_simulation",
    "report_sections",
    "export_report",
    "import_new_plan",
    "import_into_plan",
    // gates and audit log
    "decide_gate",
    "set_gate_criterion",
    "audit_log",
    "audit_overview",
    "verify_audit",
    // calendars and resources
    "calendar_days",
    "resource_workload",
    "put_assignment",
    "delete_assignment",
    // risks and scenarios
    "risk_register",
    "add_risk",
    "create_contingency_scenario",
    "add_scenario",
    "put_scenario",
    "delete_scenario",
    "compare_scenarios",
    "scenario_overlay",
];

fn main() {
    tauri_build::try_build(
        tauri_build::Attributes::new()
            .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS)),
    )
    .expect("tauri build script failed");
}
