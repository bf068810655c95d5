//! Writing to disk, so that nothing is ever half-written or clobbered: a temporary file in the
//! same folder, flushed to disk, then renamed over the target in one step. With
//! [`crate::load`], the only module that touches the disk.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::error::Error;
use crate::input_edit::InputDoc;

/// Held while a file is being replaced, so that an interrupt handler can wait for the save to
/// finish before the process exits.
pub(crate) static SAVING: std::sync::Mutex<()> = std::sync::Mutex::new(());

/// Replaces (or creates) `path` with `bytes` atomically, keeping the old file's permissions.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), Error> {
    stage(path, bytes)?.commit()
}

/// A file written in full and flushed to disk next to where it goes, but not yet in place:
/// [`Staged::commit`] puts it there, dropping it removes it. A command that writes several
/// files can write each as soon as it is ready and put them all in place once every one is.
pub(crate) struct Staged {
    path: PathBuf,
    how: How,
}

enum How {
    /// A temporary file in the same folder, renamed over `path` on commit.
    Replace(tempfile::NamedTempFile),
    /// A device or pipe (`-o /dev/stdout`) is written to, never renamed over: on commit.
    Device(Vec<u8>),
}

/// Writes `bytes` next to `path` (see [`Staged`]), keeping the old file's permissions.
pub(crate) fn stage(path: &Path, bytes: &[u8]) -> Result<Staged, Error> {
    let _saving = SAVING
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    let staged = |how| Staged {
        path: path.to_path_buf(),
        how,
    };
    if let Ok(meta) = std::fs::metadata(path)
        && !meta.is_file()
        && !meta.is_dir()
    {
        return Ok(staged(How::Device(bytes.to_vec())));
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
        .tempfile_in(folder_of(path))
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
    Ok(staged(How::Replace(tmp)))
}

impl Staged {
    /// Where the file goes.
    pub(crate) fn path(&self) -> &Path {
        &self.path
    }

    /// Puts the file in place: renames it over its path (and makes the rename durable), or
    /// writes a device.
    pub(crate) fn commit(self) -> Result<(), Error> {
        commit_all(vec![self])
    }
}

/// Puts files in place, in order ([`Staged::commit`]), then makes the renames durable with one
/// sync of each folder. A file that cannot be put in place stops the others after it; those
/// before it stay in place, and durable.
pub(crate) fn commit_all(files: Vec<Staged>) -> Result<(), Error> {
    let _saving = SAVING
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    let mut folders: Vec<PathBuf> = Vec::new();
    let mut result = Ok(());
    for file in files {
        let path = &file.path;
        let replaced = matches!(file.how, How::Replace(_));
        let done = match file.how {
            How::Device(bytes) => std::fs::write(path, bytes).map_err(|e| Error::io(path, e)),
            How::Replace(tmp) => tmp
                .persist(path)
                .map(|_| ())
                .map_err(|e| Error::io(path, e.error)),
        };
        if let Err(e) = done {
            result = Err(e);
            break;
        }
        let folder = folder_of(path).to_path_buf();
        if replaced && !folders.contains(&folder) {
            folders.push(folder);
        }
    }
    for folder in folders {
        if let Ok(d) = std::fs::File::open(&folder) {
            let _ = d.sync_all();
        }
    }
    result
}

/// The folder `path` is in (`.` for a bare name).
fn folder_of(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

/// Holds an exclusive lock on a folder while a file in it is read, changed and written back,
/// so that two processes saving to the same folder at once cannot lose each other's change.
/// (The lock is on the folder, not the file: the file itself is replaced by a rename.)
pub(crate) struct FolderLock {
    _file: Option<std::fs::File>,
}

impl FolderLock {
    /// Waits for and takes the lock on `dir`.
    pub(crate) fn acquire(dir: &Path) -> Result<FolderLock, Error> {
        #[cfg(unix)]
        {
            let file = std::fs::File::open(dir).map_err(|e| Error::io(dir, e))?;
            file.lock().map_err(|e| Error::io(dir, e))?;
            Ok(FolderLock { _file: Some(file) })
        }
        // Windows cannot open a folder as a file: a lock file in it stands for the folder.
        #[cfg(not(unix))]
        {
            let path = dir.join(".jointly.lock");
            let file = std::fs::OpenOptions::new()
                .create(true)
                .truncate(false)
                .write(true)
                .open(&path)
                .map_err(|e| Error::io(&path, e))?;
            file.lock().map_err(|e| Error::io(&path, e))?;
            Ok(FolderLock { _file: Some(file) })
        }
    }
}

/// Applies one change to an input file as it is on disk now and saves it, holding the folder's
/// lock from reading to renaming: a change another process saved meanwhile is kept, not
/// overwritten. A file that does not exist yet is created with `doc`'s text and the change.
pub(crate) fn update_input(
    doc: &mut InputDoc,
    change: impl FnOnce(&mut InputDoc),
) -> Result<(), Error> {
    let folder = folder_of(doc.path());
    let _lock = FolderLock::acquire(folder)?;
    remove_leftovers(folder);
    if doc.path().exists() {
        *doc = crate::load::input_doc(doc.path(), doc.path())?;
    }
    change(doc);
    let text = doc.text();
    // jointly would refuse to read a larger file: it is not written.
    if text.len() as u64 > crate::load::MAX_FILE {
        return Err(Error::Usage {
            message: format!(
                "this change would make `{}` {} MB, more than the {} MB jointly reads; nothing was written",
                doc.path().display(),
                text.len() >> 20,
                crate::load::MAX_FILE >> 20
            ),
            help: "import or paste less at once: split the document, or leave out what is not an answer".into(),
        });
    }
    write_atomic(doc.path(), text.as_bytes())
}

/// Removes the temporary files that saves of input files killed halfway left in `folder`
/// (`.adc.toml.Xy12Ab.tmp`). Only with the folder's lock held: every save of an input holds
/// it, so none of them is still being written.
fn remove_leftovers(folder: &Path) {
    let Ok(entries) = std::fs::read_dir(folder) else {
        return;
    };
    for entry in entries.filter_map(Result::ok) {
        let name = entry.file_name().to_string_lossy().into_owned();
        let ours = name.starts_with('.') && name.ends_with(".tmp") && name.contains(".toml.");
        if ours && entry.file_type().is_ok_and(|t| t.is_file()) {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// Creates `path` with `bytes`, failing if it exists (with `help` to say what to do): never
/// clobbers, even a file another process creates meanwhile.
pub(crate) fn write_new(path: &Path, bytes: &[u8], help: &str) -> Result<(), Error> {
    let exists = || Error::Exists {
        path: path.to_path_buf(),
        help: help.to_string(),
    };
    if path.exists() {
        return Err(exists());
    }
    let How::Replace(tmp) = stage(path, bytes)?.how else {
        return Err(exists());
    };
    tmp.persist_noclobber(path)
        .map_err(|e| match e.error.kind() {
            std::io::ErrorKind::AlreadyExists => exists(),
            _ => Error::io(path, e.error),
        })?;
    if let Ok(folder) = std::fs::File::open(folder_of(path)) {
        let _ = folder.sync_all();
    }
    Ok(())
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
pub(crate) fn create_dir(path: &Path) -> Result<(), Error> {
    std::fs::create_dir_all(path).map_err(|e| Error::io(path, e))
}

/// Keeps the text an organisation approved in the project's `.jointly/approved/` folder
/// (one file per approved text, which git can track), for `jointly diff`.
pub(crate) fn keep_approved(root: &Path, text: &crate::signoff::ApprovedText) -> Result<(), Error> {
    let dir = root.join(crate::signoff::APPROVED_DIR);
    create_dir(&dir)?;
    let path = dir.join(crate::signoff::ApprovedText::file_name(&text.fingerprint));
    let toml = toml::to_string(text).map_err(|e| Error::Usage {
        message: format!("could not keep the approved text: {e}"),
        help: "this is a bug in jointly; please report it".into(),
    })?;
    let header = "# The joint text as an organisation approved it, kept by `jointly approve` so that\n# `jointly diff` can show what changed since. Do not edit.\n\n";
    write_atomic(&path, format!("{header}{toml}").as_bytes())
}

/// Keeps where a drafting session is (`text`, a small TOML table), so that the next one
/// resumes there.
pub(crate) fn keep_place(path: &Path, text: &str) -> Result<(), Error> {
    if let Some(dir) = path.parent() {
        create_dir(dir)?;
    }
    write_atomic(path, text.as_bytes())
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
        assert!(write_new(&path, b"three", "help").is_err());
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "two");
    }

    #[test]
    fn a_staged_file_is_in_place_only_once_committed() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.md");
        std::fs::write(&path, "old").unwrap();
        let staged = stage(&path, b"new").unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "old");
        staged.commit().unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "new");
        // Dropped without a commit: the old file stays, no temporary file is left.
        drop(stage(&path, b"newer").unwrap());
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "new");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn files_committed_together_go_in_place_in_order() {
        let dir = tempfile::tempdir().unwrap();
        let (a, b, c) = (
            dir.path().join("a.md"),
            dir.path().join("b.docx"),
            dir.path().join("c.txt"),
        );
        let staged = vec![stage(&a, b"A").unwrap(), stage(&b, b"B").unwrap()];
        commit_all(staged).unwrap();
        assert_eq!(std::fs::read(&a).unwrap(), b"A");
        assert_eq!(std::fs::read(&b).unwrap(), b"B");
        // One that cannot be put in place (its target became a folder meanwhile) stops those
        // after it; those before it are in place, and no temporary file is left.
        let staged = vec![
            stage(&a, b"A2").unwrap(),
            stage(&c, b"C").unwrap(),
            stage(&b, b"B2").unwrap(),
        ];
        std::fs::create_dir(&c).unwrap();
        std::fs::write(c.join("inside"), "x").unwrap();
        assert!(commit_all(staged).is_err());
        assert_eq!(std::fs::read(&a).unwrap(), b"A2");
        assert_eq!(std::fs::read(&b).unwrap(), b"B");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 3);
    }
}
