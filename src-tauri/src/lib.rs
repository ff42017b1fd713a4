//! Admiral's desktop shell: Tauri wiring between the Svelte UI and admiral-core /
//! admiral-store. Only this crate knows IPC; it decides no rule of release planning.

pub mod commands;
pub mod courier;
mod delta;
pub mod error;
mod iso;
pub mod list_delta;
mod rendering;
mod row_baseline;
pub mod row_patch;
mod row_segments;
mod row_texts;
mod rows;
pub mod state;
pub mod view;
pub mod wire;

use state::{AppState, Dirs};
use std::path::PathBuf;
use tauri::{Manager, Runtime};
use tauri_specta::{collect_commands, Builder};

/// Every command by name, as `build.rs` declares them to Tauri's ACL. A test checks that it
/// lists exactly the commands of [`specta_builder`] and those `capabilities/main.json` grants.
pub const COMMAND_NAMES: &[&str] = include!("command_names.in");

/// Where the generated TypeScript bindings live, relative to this crate.
pub const BINDINGS_PATH: &str = "../ui/src/lib/bindings.ts";

/// Every command, with the types the UI sees; the source of `ui/src/lib/bindings.ts`.
pub fn specta_builder<R: Runtime>() -> Builder<R> {
    use commands::{edit::*, file::*, query::*};
    Builder::<R>::new()
        .commands(collect_commands![
            create_plan,
            open_plan,
            open_demo,
            startup_plan,
            save_plan_as,
            close_plan,
            recent_files,
            update_task,
            set_task_name,
            set_task_owner,
            set_duration,
            set_start,
            set_task_mode,
            set_task_effort,
            set_predecessors,
            insert_task,
            delete_task,
            indent_task,
            put_link,
            delete_link,
            put_calendar,
            delete_calendar,
            put_blackout,
            delete_blackout,
            put_gate,
            delete_gate,
            put_risk,
            delete_risk,
            put_resource,
            delete_resource,
            undo,
            redo,
            why_date,
            driven_tasks,
            check_duration,
            // risks and scenarios
            commands::scenarios::risk_register,
            commands::scenarios::add_risk,
            commands::scenarios::create_contingency_scenario,
            commands::scenarios::add_scenario,
            commands::scenarios::put_scenario,
            commands::scenarios::delete_scenario,
            commands::scenarios::compare_scenarios,
            commands::scenarios::scenario_overlay,
            // schedule risk, report export and import
            commands::analysis::run_simulation,
            commands::analysis::cancel_simulation,
            commands::export::report_sections,
            commands::export::export_report,
            commands::export::import_new_plan,
            commands::export::import_into_plan,
            // gates and audit log
            commands::gates::decide_gate,
            commands::gates::set_gate_criterion,
            commands::audit::audit_log,
            commands::audit::audit_overview,
            commands::audit::verify_audit,
            // calendars and resources
            commands::resources::calendar_days,
            commands::resources::resource_workload,
            commands::resources::put_assignment,
            commands::resources::set_assignment_work,
            commands::resources::add_vacation,
            commands::resources::delete_assignment,
            // the admiral's portfolio view
            commands::portfolio::portfolio_view,
            commands::portfolio::add_commitment,
            commands::portfolio::delete_commitment,
            commands::portfolio::set_release_budget,
            commands::portfolio::forget_report,
            // the weekly routine: baselines, progress, earned value
            commands::baselines::save_baseline,
            commands::baselines::clear_baseline,
            commands::baselines::list_baselines,
            commands::baselines::show_baseline,
            commands::baselines::update_progress,
            commands::baselines::import_status,
            commands::edit::set_fixed_cost,
            commands::edit::split_task,
            commands::edit::split_task_at,
            commands::edit::join_task,
            commands::baselines::update_through,
            commands::baselines::earned_value_at,
        ])
        // What every front end shares with core: the working day, the kinds of scenario
        // override and what a new one starts with.
        .constant("MINUTES_PER_DAY", admiral_core::MINUTES_PER_DAY)
        .constant(
            "OVERRIDE_KINDS",
            admiral_core::scenario::defaults::OVERRIDE_KINDS,
        )
        .constant(
            "OVERRIDE_DEFAULTS",
            admiral_core::scenario::defaults::override_defaults(),
        )
        // Minutes and cents are i64 in Rust; plans stay far below 2^53, where JS numbers are
        // exact.
        .dangerously_cast_bigints_to_number()
        // Our types serialise and deserialise alike: one TypeScript type each.
        .disable_serde_phases()
}

/// Writes the TypeScript bindings to `path`.
pub fn export_bindings(path: &std::path::Path) -> Result<(), String> {
    specta_builder::<tauri::Wry>()
        .export(
            specta_typescript::Typescript::default().header(
                "// Generated by `cargo test -p admiral-desktop export_bindings`. Do not edit.\n",
            ),
            path,
        )
        .map_err(|e| e.to_string())
}

/// What the real app and the command tests share: the commands and the plan state.
pub fn configure<R: Runtime>(builder: tauri::Builder<R>) -> tauri::Builder<R> {
    configure_with(builder, AppState::default())
}

/// [`configure`] with the plan state `state`.
fn configure_with<R: Runtime>(builder: tauri::Builder<R>, state: AppState) -> tauri::Builder<R> {
    builder
        .invoke_handler(specta_builder::<R>().invoke_handler())
        .manage(state)
        .manage(commands::analysis::Simulations::default())
}

/// Runs the desktop app. `admiral-desktop PLAN.admiral` opens that plan; without an argument
/// the start screen shows.
pub fn run() {
    rendering::prefer_cpu_rendering_without_gpu();
    // Rayon's pool at most four threads a processor, whatever `RAYON_NUM_THREADS` asks.
    let asked = std::env::var("RAYON_NUM_THREADS").ok();
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    admiral_core::par::limit_threads(asked.as_deref(), cores);
    let state = AppState::default();
    if let Some(p) = std::env::args_os().nth(1).map(PathBuf::from) {
        // Read and scheduled while GTK, the window and the page start.
        state.open_at_start(std::path::absolute(&p).unwrap_or(p));
    }
    let app = configure_with(tauri::Builder::default(), state)
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_window_state::Builder::default().build())
        .setup(move |app| {
            let paths = app.path();
            let dirs = Dirs {
                config: paths.app_config_dir()?,
                data: paths.app_data_dir()?,
            };
            app.manage(dirs);
            let window =
                tauri::WebviewWindowBuilder::new(app, "main", tauri::WebviewUrl::default())
                    .title("Admiral")
                    .inner_size(1440.0, 900.0)
                    .min_inner_size(900.0, 560.0)
                    .build()?;
            let state = app.state::<AppState>();
            state
                .courier
                .install(Box::new(move |script| window.eval(script).is_ok()));
            Ok(())
        })
        .build(tauri::generate_context!());
    match app {
        Ok(app) => app.run(|_, _| {}),
        Err(e) => {
            eprintln!("admiral-desktop: could not start: {e}");
            std::process::exit(1);
        }
    }
}
