//! Writing files so that nothing is ever half-written: a temporary file in the same folder,
//! flushed to disk, then renamed over the target in one step.

use std::io::Write;
use std::path::Path;

use crate::error::Error;

/// Held while a file is being replaced, so that an interrupt handler can wait for the save to
/// finish before the process exits.
pub static SAVING: std::sync::Mutex<()> = std::sync::Mutex::new(());

/// Replaces (or creates) `path` with `bytes` atomically, keeping the old file's permissions.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), Error> {
    let _saving = SAVING
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    // A device or pipe (`-o /dev/stdout`) is written to, never renamed over.
    if let Ok(meta) = std::fs::metadata(path)
        && !meta.is_file()
        && !meta.is_dir()
    {
        return std::fs::write(path, bytes).map_err(|e| Error::io(path, e));
    }
    if path.is_dir() {
        return Err(Error::Usage {
            message: format!("`{}` is a folder, not a file", path.display()),
            help: "give the path of a file to write, e.g. out/submission.md".to_string(),
        });
    }
    let mut tmp = tempfile::Builder::new()
        .prefix(&format!(
            ".{}.",
            path.file_name()
                .and_then(|n| n.to_str())
                .unwrap_or("jointly")
        ))
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(|e| Error::io(path, e))?;
    tmp.write_all(bytes).map_err(|e| Error::io(path, e))?;
    if let Ok(meta) = std::fs::metadata(path) {
        tmp.as_file()
            .set_permissions(meta.permissions())
            .map_err(|e| Error::io(path, e))?;
    } else {
        set_default_permissions(tmp.as_file()).map_err(|e| Error::io(path, e))?;
    }
    tmp.as_file().sync_all().map_err(|e| Error::io(path, e))?;
    tmp.persist(path).map_err(|e| Error::io(path, e.error))?;
    // Make the rename itself durable.
    if let Ok(d) = std::fs::File::open(dir) {
        let _ = d.sync_all();
    }
    Ok(())
}

/// Holds an exclusive lock on a folder while a file in it is read, changed and written back,
/// so that two processes saving to the same folder at once cannot lose each other's change.
/// (The lock is on the folder, not the file: the file itself is replaced by a rename.)
pub struct FolderLock {
    _file: Option<std::fs::File>,
}

impl FolderLock {
    /// Waits for and takes the lock on `dir`.
    pub fn acquire(dir: &Path) -> Result<FolderLock, Error> {
        #[cfg(unix)]
        {
            let file = std::fs::File::open(dir).map_err(|e| Error::io(dir, e))?;
            file.lock().map_err(|e| Error::io(dir, e))?;
            Ok(FolderLock { _file: Some(file) })
        }
        #[cfg(not(unix))]
        {
            let _ = dir;
            Ok(FolderLock { _file: None })
        }
    }
}

/// Creates `path` with `bytes`, failing if it exists (never clobbers).
pub fn write_new(path: &Path, bytes: &[u8]) -> Result<(), Error> {
    if path.exists() {
        return Err(Error::Exists {
            path: path.to_path_buf(),
            help: "move it away first, or choose another name".into(),
        });
    }
    write_atomic(path, bytes)
}

/// New files get the permissions an ordinary `create` would give (0666 less the umask), not
/// the 0600 of a temporary file.
#[cfg(unix)]
fn set_default_permissions(file: &std::fs::File) -> std::io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    // The umask cannot be read without changing it; 0644 is what nearly every umask gives.
    file.set_permissions(std::fs::Permissions::from_mode(0o644))
}

#[cfg(not(unix))]
fn set_default_permissions(_file: &std::fs::File) -> std::io::Result<()> {
    Ok(())
}

/// Creates a folder and its parents.
pub fn create_dir(path: &Path) -> Result<(), Error> {
    std::fs::create_dir_all(path).map_err(|e| Error::io(path, e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_atomically_and_keeps_permissions() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.toml");
        write_atomic(&path, b"one").unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).unwrap();
            write_atomic(&path, b"two").unwrap();
            assert_eq!(
                std::fs::metadata(&path).unwrap().permissions().mode() & 0o777,
                0o640
            );
        }
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "two");
        assert_eq!(
            std::fs::read_dir(dir.path()).unwrap().count(),
            1,
            "no temporary file left behind"
        );
        assert!(write_new(&path, b"three").is_err());
    }
}
