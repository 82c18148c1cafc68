//! Which folder `ponte build` may replace, and one build at a time into it.
//!
//! In: the site root, the `--out` folder and `--force`. Out: a [`Claim`] on the folder (its
//! normalised path and a lock held until the new site is in place), or a [`Refusal`] saying why
//! the folder cannot be the output. ponte replaces only a folder it made itself (it carries the
//! [`STAMP`] file), an empty one or one that does not exist yet; `--force` adopts any other
//! folder, but never the site's own folders, a file, `/`, the home folder or a folder that
//! contains the site.
use std::fs::{self, File};
use std::io;
use std::path::{Component, Path, PathBuf};

/// The file ponte puts in every output folder it makes; its presence means "ponte made this".
pub const STAMP: &str = ".ponte-output";
/// What the stamp file says.
pub const STAMP_TEXT: &str =
    "This folder was made by `ponte build`, which replaces it whole at every build.\n";

/// Folders of a site that hold its sources: never an output, even with `--force`.
const SOURCE_FOLDERS: &[&str] = &[
    "content",
    "locales",
    "themes",
    "templates",
    "sass",
    "static",
    "templates-public",
    "documents",
    "fonts",
    "bench",
    "src",
    "tests",
];

/// Why a folder cannot be the output.
#[derive(Debug)]
pub struct Refusal {
    pub message: String,
    pub hint: String,
}

fn refuse(message: String, hint: &str) -> Refusal {
    Refusal {
        message,
        hint: hint.to_string(),
    }
}

/// The right to replace one output folder, held until dropped.
#[derive(Debug)]
pub struct Claim {
    /// The folder, absolute and normalised (symbolic links resolved).
    pub target: PathBuf,
    _lock: File,
}

/// Checks that `out` may be replaced by the site at `root` and takes its lock. When another
/// build holds the lock, `waiting` is called once and this waits for it.
pub fn claim(root: &Path, out: &Path, force: bool, waiting: &dyn Fn()) -> Result<Claim, Refusal> {
    let target = check(root, out, force)?;
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let parent = target.parent().unwrap_or(Path::new("/"));
    fs::create_dir_all(parent).map_err(|e| {
        refuse(
            format!("cannot create the folder `{}`: {e}", parent.display()),
            "check the path and your permissions",
        )
    })?;
    let lock_path = parent.join(format!(".{name}.ponte-lock"));
    let lock = fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&lock_path)
        .map_err(|e| {
            refuse(
                format!("cannot create `{}`: {e}", lock_path.display()),
                "check your permissions on the folder that holds the output",
            )
        })?;
    match lock.try_lock() {
        Ok(()) => {}
        Err(fs::TryLockError::WouldBlock) => {
            waiting();
            lock.lock().map_err(|e| lock_failed(&lock_path, &e))?;
        }
        Err(fs::TryLockError::Error(e)) => return Err(lock_failed(&lock_path, &e)),
    }
    // The other build may have changed the folder while this one waited: look again.
    let target = check(root, out, force)?;
    Ok(Claim {
        target,
        _lock: lock,
    })
}

fn lock_failed(path: &Path, e: &io::Error) -> Refusal {
    refuse(
        format!("cannot lock `{}`: {e}", path.display()),
        "another build may be writing there; try again when it has finished",
    )
}

/// The checks of [`claim`], without the lock: the normalised output folder, or why not.
pub fn check(root: &Path, out: &Path, force: bool) -> Result<PathBuf, Refusal> {
    let shown = out.display().to_string();
    let root = fs::canonicalize(root).map_err(|e| {
        refuse(
            format!("cannot open the site's folder `{}`: {e}", root.display()),
            "check that you are in the site's folder, or pass --root DIR",
        )
    })?;
    let target = normalise(out).map_err(|e| {
        refuse(
            format!("cannot use `{shown}` as the output folder: {e}"),
            "pass --out with a folder that only holds the built site, e.g. --out public",
        )
    })?;
    let pick = "pass --out with a new or empty folder, or the folder of an earlier build, e.g. --out public";
    if target.parent().is_none() {
        return Err(refuse(
            format!(
                "`{shown}` is the root of the file system; ponte replaces its output folder whole"
            ),
            pick,
        ));
    }
    let exists = match fs::symlink_metadata(&target) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => false,
        Err(e) => {
            return Err(refuse(
                format!("cannot look at `{shown}`: {e}"),
                "check the path and your permissions",
            ))
        }
        Ok(meta) if !meta.is_dir() => {
            return Err(refuse(
                format!("`{shown}` is a file, not a folder; ponte would replace it with the site"),
                pick,
            ))
        }
        Ok(_) => true,
    };
    if root.starts_with(&target) {
        return Err(refuse(
            format!("the output folder `{shown}` contains the site itself; ponte replaces its output folder whole"),
            pick,
        ));
    }
    if let Some(home) = std::env::var_os("HOME").filter(|h| !h.is_empty()) {
        let home = fs::canonicalize(&home).unwrap_or_else(|_| PathBuf::from(home));
        if home.starts_with(&target) {
            return Err(refuse(
                format!("`{shown}` is your home folder or contains it; ponte replaces its output folder whole"),
                pick,
            ));
        }
    }
    if let Ok(inside) = target.strip_prefix(&root) {
        let top = inside
            .components()
            .next()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .unwrap_or_default();
        if SOURCE_FOLDERS.contains(&top.as_str()) || top.starts_with('.') {
            return Err(refuse(
                format!("`{shown}` is inside the site's own folder `{top}`; the build would replace the site's sources"),
                "build into a folder of its own, e.g. --out public (the default)",
            ));
        }
        // Inside an earlier output: the next build into that one would delete this one.
        let mut above = target.parent();
        while let Some(dir) = above.filter(|d| d.starts_with(&root) && *d != root.as_path()) {
            if dir.join(STAMP).is_file() {
                return Err(refuse(
                    format!(
                        "`{shown}` is inside `{}`, which ponte made and replaces at every build",
                        dir.display()
                    ),
                    pick,
                ));
            }
            above = dir.parent();
        }
    }
    if !exists {
        return Ok(target);
    }
    let mut entries = fs::read_dir(&target).map_err(|e| {
        refuse(
            format!("cannot read the folder `{shown}`: {e}"),
            "check your permissions",
        )
    })?;
    if entries.next().is_none() || target.join(STAMP).is_file() {
        return Ok(target);
    }
    // Another site or a repository is never adopted, even with --force.
    if let Some(what) = ["ponte.toml", ".git", "content"]
        .into_iter()
        .find(|name| target.join(name).exists())
    {
        return Err(refuse(
            format!(
                "`{shown}` holds `{what}`: it looks like a site or a repository, not a built site"
            ),
            pick,
        ));
    }
    if force {
        return Ok(target);
    }
    Err(refuse(
        format!("`{shown}` already holds files that ponte did not make; a build replaces the whole folder, so they would be lost"),
        "pass --out with a new or empty folder; if the folder is an old build you may delete, delete it or pass --force",
    ))
}

/// An absolute path with `.` and `..` resolved and the symbolic links of its existing part
/// followed, so that `content/.` and `x/../content` are both `ROOT/content`.
fn normalise(path: &Path) -> io::Result<PathBuf> {
    let absolute = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir()?.join(path)
    };
    let mut out = PathBuf::new();
    for part in absolute.components() {
        match part {
            Component::Prefix(_) | Component::RootDir => out.push(part.as_os_str()),
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            Component::Normal(name) => {
                out.push(name);
                if let Ok(real) = fs::canonicalize(&out) {
                    out = real;
                }
            }
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalise_removes_dots_and_follows_links() {
        let dir = tempfile::tempdir().unwrap();
        let base = fs::canonicalize(dir.path()).unwrap();
        fs::create_dir(base.join("content")).unwrap();
        assert_eq!(
            normalise(&base.join("content/.")).unwrap(),
            base.join("content")
        );
        assert_eq!(
            normalise(&base.join("x/../content/./")).unwrap(),
            base.join("content")
        );
        assert_eq!(
            normalise(&base.join("new/out")).unwrap(),
            base.join("new/out")
        );
    }
}
