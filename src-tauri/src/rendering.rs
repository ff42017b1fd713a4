//! How the webview draws on a machine without a GPU.
//!
//! WebKitGTK composites pages with OpenGL. Without a GPU (no DRM render node: most virtual
//! machines, remote desktops, CI under Xvfb) Mesa runs that OpenGL on the CPU (llvmpipe), and
//! the compositing costs more than it saves. Measured on a 2-core VM under Xvfb with the
//! 10k-task plan: opening it took 5.3 s of CPU in the web process with compositing and 1.0 s
//! without (372 → 237 MB resident); idle frames came every 28–33 ms instead of 16 ms; an edit
//! of a duration repainted in ~60 ms instead of ~40 ms. So without a render node the app asks
//! WebKit for its CPU path. A user's own `WEBKIT_DISABLE_COMPOSITING_MODE` (`0` keeps
//! compositing on) always wins.

use std::path::Path;

const VAR: &str = "WEBKIT_DISABLE_COMPOSITING_MODE";

/// Chooses WebKit's CPU rendering when the machine has no GPU. Call before any thread starts.
pub fn prefer_cpu_rendering_without_gpu() {
    if cfg!(target_os = "linux")
        && std::env::var_os(VAR).is_none()
        && !has_render_node(Path::new("/dev/dri"))
    {
        std::env::set_var(VAR, "1");
    }
}

/// Whether `dri` (normally /dev/dri) holds a GPU render node (`renderD128`, …).
fn has_render_node(dri: &Path) -> bool {
    std::fs::read_dir(dri)
        .map(|entries| {
            entries
                .flatten()
                .any(|e| e.file_name().to_string_lossy().starts_with("renderD"))
        })
        .unwrap_or(false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_render_node_means_a_gpu() {
        let dir = tempfile::tempdir().unwrap();
        assert!(!has_render_node(&dir.path().join("missing")));
        assert!(!has_render_node(dir.path()));
        std::fs::write(dir.path().join("card0"), "").unwrap();
        assert!(
            !has_render_node(dir.path()),
            "a display card alone is not a render node"
        );
        std::fs::write(dir.path().join("renderD128"), "").unwrap();
        assert!(has_render_node(dir.path()));
    }
}
