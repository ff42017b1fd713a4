//! The author's signing key and trust list, in the user's config directory.
//!
//! Where: `$ADMIRAL_CONFIG_DIR` if set (tests, CI), else `$XDG_CONFIG_HOME/admiral`, else
//! `~/.config/admiral`. Files:
//! - `signing-key`: the ed25519 secret seed as 64 hex digits, created on first use (mode 0600
//!   in a 0700 folder); a key file readable by others is refused, as SSH does;
//! - `trusted-keys`: optional, one public key per line (64 hex digits, then an optional name);
//!   `#` starts a comment. The user's own key is always trusted.
//!
//! Nothing here is a rule of release planning; it is the file I/O that signing needs.

use crate::error::StoreError;
use ed25519_dalek::{Signature, Signer, SigningKey, VerifyingKey};
use std::io::Write;
use std::path::{Path, PathBuf};

/// The variable that overrides the config directory.
pub const CONFIG_DIR_VAR: &str = "ADMIRAL_CONFIG_DIR";
const KEY_FILE: &str = "signing-key";
const TRUST_FILE: &str = "trusted-keys";

/// The directory holding the key and the trust list.
pub fn config_dir() -> Result<PathBuf, StoreError> {
    let var = |name: &str| std::env::var_os(name).filter(|v| !v.is_empty());
    if let Some(d) = var(CONFIG_DIR_VAR) {
        return Ok(PathBuf::from(d));
    }
    if let Some(d) = var("XDG_CONFIG_HOME") {
        return Ok(PathBuf::from(d).join("admiral"));
    }
    if let Some(h) = var("HOME") {
        return Ok(PathBuf::from(h).join(".config").join("admiral"));
    }
    Err(key_error(
        Path::new("~/.config/admiral"),
        format!("there is no config directory to keep your signing key in (set {CONFIG_DIR_VAR}, XDG_CONFIG_HOME or HOME)"),
    ))
}

/// The files of the config directory that no export may replace: the signing key and the
/// trust list, with what each is (none when there is no config directory).
pub(crate) fn own_files() -> Vec<(PathBuf, &'static str)> {
    config_dir()
        .map(|d| {
            vec![
                (d.join(KEY_FILE), "your signing key"),
                (d.join(TRUST_FILE), "your list of trusted keys"),
            ]
        })
        .unwrap_or_default()
}

fn key_error(path: &Path, message: impl Into<String>) -> StoreError {
    StoreError::Key {
        path: path.to_path_buf(),
        message: message.into(),
    }
}

/// An author's key pair, as the audit writer uses it.
#[derive(Clone)]
pub(crate) struct AuthorKey {
    signing: SigningKey,
    /// The public key, 64 hex digits.
    pub(crate) public_hex: String,
}

impl AuthorKey {
    pub(crate) fn from_seed(seed: [u8; 32]) -> Self {
        let signing = SigningKey::from_bytes(&seed);
        let public_hex = hex::encode(signing.verifying_key().to_bytes());
        Self {
            signing,
            public_hex,
        }
    }

    /// The signature of an entry's hash (its 32 bytes), 128 hex digits.
    pub(crate) fn sign(&self, hash: &[u8; 32]) -> String {
        hex::encode(self.signing.sign(&hash[..]).to_bytes())
    }
}

/// Whether `signature` (hex) is `public` (hex)'s signature of `hash`. Malformed keys or
/// signatures are simply not valid.
pub(crate) fn signature_valid(public: &str, hash: &[u8; 32], signature: &str) -> bool {
    let key = hex::decode(public)
        .ok()
        .and_then(|b| <[u8; 32]>::try_from(b).ok())
        .and_then(|b| VerifyingKey::from_bytes(&b).ok());
    let sig = hex::decode(signature)
        .ok()
        .and_then(|b| <[u8; 64]>::try_from(b).ok())
        .map(|b| Signature::from_bytes(&b));
    match (key, sig) {
        (Some(k), Some(s)) => k.verify_strict(&hash[..], &s).is_ok(),
        _ => false,
    }
}

/// The user's key, created on first use.
pub(crate) fn load_or_create() -> Result<AuthorKey, StoreError> {
    let dir = config_dir()?;
    let path = dir.join(KEY_FILE);
    if let Some(k) = read_key(&path)? {
        return Ok(k);
    }
    create_dir_private(&dir)?;
    let mut seed = [0u8; 32];
    getrandom::fill(&mut seed)
        .map_err(|e| key_error(&path, format!("no randomness to create a signing key: {e}")))?;
    // Written whole under a temporary name, then linked into place: another process (or
    // thread) creating a key at the same moment never reads a half-written file, and the
    // first link wins.
    let tmp = dir.join(format!(
        ".{KEY_FILE}.{}-{}",
        std::process::id(),
        hex::encode(&seed[..4])
    ));
    let mut opts = std::fs::OpenOptions::new();
    opts.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut opts, 0o600);
    let written = opts.open(&tmp).and_then(|mut f| {
        f.write_all(format!("{}\n", hex::encode(seed)).as_bytes())?;
        f.sync_all()
    });
    if let Err(e) = written {
        let _ = std::fs::remove_file(&tmp);
        return Err(key_error(
            &path,
            format!("cannot create your signing key: {e}"),
        ));
    }
    let linked = std::fs::hard_link(&tmp, &path);
    let _ = std::fs::remove_file(&tmp);
    match linked {
        Ok(()) => {
            // The link made durable: a key that signed entries must not vanish in a crash.
            crate::output::sync_folder_of(&path);
            Ok(AuthorKey::from_seed(seed))
        }
        // Another process created it meanwhile: use theirs.
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => read_key(&path)?
            .ok_or_else(|| key_error(&path, "the signing key vanished while being created")),
        Err(e) => Err(key_error(
            &path,
            format!("cannot create your signing key: {e}"),
        )),
    }
}

fn create_dir_private(dir: &Path) -> Result<(), StoreError> {
    let mut b = std::fs::DirBuilder::new();
    b.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut b, 0o700);
    b.create(dir)
        .map_err(|e| key_error(dir, format!("cannot create the config directory: {e}")))
}

/// The text of a key or trust-list file: small by nature, so anything that is not a regular
/// file (a symlink to `/dev/zero`, whose reading would never end) or holds more than 1 MiB is
/// refused as unreadable (`InvalidData`).
fn read_small(path: impl AsRef<Path>) -> std::io::Result<String> {
    use std::io::Read;
    const MAX: u64 = 1 << 20;
    let path = path.as_ref();
    let bad = |why: &str| std::io::Error::new(std::io::ErrorKind::InvalidData, why.to_string());
    if !std::fs::metadata(path)?.is_file() {
        return Err(bad("it is not a regular file"));
    }
    let mut text = String::new();
    std::fs::File::open(path)?
        .take(MAX + 1)
        .read_to_string(&mut text)?;
    if text.len() as u64 > MAX {
        return Err(bad("it holds more than 1 MiB"));
    }
    Ok(text)
}

/// The key at `path`, `None` when there is no file.
fn read_key(path: &Path) -> Result<Option<AuthorKey>, StoreError> {
    let text = match read_small(path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => {
            return Err(key_error(
                path,
                format!("cannot read your signing key: {e}"),
            ))
        }
    };
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(path)
            .map_err(|e| key_error(path, e.to_string()))?
            .permissions()
            .mode();
        if mode & 0o077 != 0 {
            return Err(key_error(
                path,
                format!(
                    "your signing key is readable by others (mode {:o}); run chmod 600 on it",
                    mode & 0o777
                ),
            ));
        }
    }
    let seed = hex::decode(text.trim())
        .ok()
        .and_then(|b| <[u8; 32]>::try_from(b).ok())
        .ok_or_else(|| key_error(path, "the signing key file does not hold 64 hex digits"))?;
    Ok(Some(AuthorKey::from_seed(seed)))
}

/// The public keys this user trusts (hex, lower case): their own key (if they have one)
/// and every key in `trusted-keys`. Unreadable or malformed lines are skipped; a missing
/// config directory means an empty list.
pub(crate) fn trusted_keys() -> Vec<String> {
    let Ok(dir) = config_dir() else {
        return Vec::new();
    };
    let mut keys = Vec::new();
    if let Ok(Some(k)) = read_key(&dir.join(KEY_FILE)) {
        keys.push(k.public_hex);
    }
    if let Ok(text) = read_small(dir.join(TRUST_FILE)) {
        keys.extend(text.lines().filter_map(trust_line).map(|(k, _)| k));
    }
    keys
}

/// The user's own public key (hex), if they have a key yet; never creates one.
pub fn own_public_key() -> Option<String> {
    let dir = config_dir().ok()?;
    read_key(&dir.join(KEY_FILE))
        .ok()
        .flatten()
        .map(|k| k.public_hex)
}

/// A key the user trusts: their own, or a line of `trusted-keys`.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct TrustedKey {
    /// The ed25519 public key, 64 hex digits, lower case.
    pub public_key: String,
    /// The name given on its line ("" when none); "(your own key)" is not stored.
    pub name: String,
    /// Whether this is the user's own signing key (always trusted, never in the file).
    pub own: bool,
}

/// The trust list file's path.
pub fn trust_file() -> Result<PathBuf, StoreError> {
    Ok(config_dir()?.join(TRUST_FILE))
}

/// A well-formed public key of `text` (64 hex digits that decode to an ed25519 point), lower
/// case; `None` otherwise.
fn parse_public(text: &str) -> Option<String> {
    let k = text.trim().to_ascii_lowercase();
    let bytes = <[u8; 32]>::try_from(hex::decode(&k).ok()?).ok()?;
    VerifyingKey::from_bytes(&bytes).ok()?;
    Some(k)
}

/// A line of `trusted-keys` as (key, name), when it holds a key.
fn trust_line(line: &str) -> Option<(String, String)> {
    let body = line.split('#').next().unwrap_or("").trim();
    let mut parts = body.splitn(2, char::is_whitespace);
    let key = parts.next().filter(|k| !k.is_empty())?.to_ascii_lowercase();
    if key.len() != 64 || !key.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    Some((key, parts.next().unwrap_or("").trim().to_string()))
}

/// The trust list: the user's own key first (when they have one), then every key in
/// `trusted-keys` in file order.
pub fn trust_list() -> Result<Vec<TrustedKey>, StoreError> {
    let dir = config_dir()?;
    let mut out = Vec::new();
    if let Some(k) = read_key(&dir.join(KEY_FILE))? {
        out.push(TrustedKey {
            public_key: k.public_hex,
            name: String::new(),
            own: true,
        });
    }
    let path = dir.join(TRUST_FILE);
    let text = match read_small(&path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(e) => return Err(key_error(&path, format!("cannot read the trust list: {e}"))),
    };
    for (public_key, name) in text.lines().filter_map(trust_line) {
        if !out.iter().any(|k| k.public_key == public_key) {
            out.push(TrustedKey {
                public_key,
                name,
                own: false,
            });
        }
    }
    Ok(out)
}

/// Adds `key` (64 hex digits) to `trusted-keys` under `name`. Returns `false` when it was
/// trusted already (the file is then left as it is). A malformed key is refused.
pub fn trust_add(key: &str, name: &str) -> Result<bool, StoreError> {
    let path = trust_file()?;
    let key = parse_public(key).ok_or_else(|| {
        key_error(
            &path,
            format!(
                "'{}' is not an ed25519 public key (64 hex digits, as `admiral audit --verify` prints them)",
                key.trim()
            ),
        )
    })?;
    if name.contains(['\n', '\r', '#']) {
        return Err(key_error(
            &path,
            "a key's name cannot hold a line break or '#'",
        ));
    }
    if trust_list()?.iter().any(|k| k.public_key == key) {
        return Ok(false);
    }
    let mut text = read_trust_text(&path)?;
    if !text.is_empty() && !text.ends_with('\n') {
        text.push('\n');
    }
    let name = name.trim();
    text.push_str(&if name.is_empty() {
        format!("{key}\n")
    } else {
        format!("{key} {name}\n")
    });
    write_trust_text(&path, &text)?;
    Ok(true)
}

/// Removes every line of `trusted-keys` whose key or name is `key_or_name`; returns the keys
/// removed (none: nothing matched, and the file is left as it is). The user's own key is not
/// in the file and cannot be removed.
pub fn trust_remove(key_or_name: &str) -> Result<Vec<TrustedKey>, StoreError> {
    let path = trust_file()?;
    let want = key_or_name.trim();
    let text = read_trust_text(&path)?;
    let mut kept = String::with_capacity(text.len());
    let mut removed = Vec::new();
    for line in text.split_inclusive('\n') {
        match trust_line(line) {
            Some((k, n)) if k.eq_ignore_ascii_case(want) || (!n.is_empty() && n == want) => removed
                .push(TrustedKey {
                    public_key: k,
                    name: n,
                    own: false,
                }),
            _ => kept.push_str(line),
        }
    }
    if !removed.is_empty() {
        write_trust_text(&path, &kept)?;
    }
    Ok(removed)
}

fn read_trust_text(path: &Path) -> Result<String, StoreError> {
    match read_small(path) {
        Ok(t) => Ok(t),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(String::new()),
        Err(e) => Err(key_error(path, format!("cannot read the trust list: {e}"))),
    }
}

/// Replaces the trust list whole ([`crate::output::replace_whole`]: synced, then renamed
/// over it), so that neither a reader nor a crash ever sees half a list (or an empty one,
/// which would distrust every colleague).
fn write_trust_text(path: &Path, text: &str) -> Result<(), StoreError> {
    create_dir_private(&crate::output::folder_of(path))?;
    crate::output::replace_whole(path, text.as_bytes())
        .map_err(|e| key_error(path, format!("cannot write the trust list: {e}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A key or trust file that is a device, or larger than any key file, is refused, not
    /// read for ever.
    #[test]
    fn a_key_file_is_read_only_when_small_and_regular() {
        let e = read_small("/dev/zero").unwrap_err();
        assert_eq!(e.kind(), std::io::ErrorKind::InvalidData, "{e}");
        let dir = tempfile::tempdir().unwrap();
        let big = dir.path().join("trusted-keys");
        std::fs::write(&big, vec![b'a'; (1 << 20) + 1]).unwrap();
        assert_eq!(
            read_small(&big).unwrap_err().kind(),
            std::io::ErrorKind::InvalidData
        );
        std::fs::write(&big, b"abc\n").unwrap();
        assert_eq!(read_small(&big).unwrap(), "abc\n");
        assert_eq!(
            read_small(dir.path().join("none")).unwrap_err().kind(),
            std::io::ErrorKind::NotFound
        );
    }

    #[test]
    fn a_signature_verifies_only_for_its_hash_and_key() {
        let a = AuthorKey::from_seed([1; 32]);
        let b = AuthorKey::from_seed([2; 32]);
        let h = [7u8; 32];
        let s = a.sign(&h);
        assert!(signature_valid(&a.public_hex, &h, &s));
        assert!(!signature_valid(&b.public_hex, &h, &s));
        assert!(!signature_valid(&a.public_hex, &[8u8; 32], &s));
        assert!(!signature_valid(&a.public_hex, &h, "00"));
        assert!(!signature_valid("zz", &h, &s));
    }
}
