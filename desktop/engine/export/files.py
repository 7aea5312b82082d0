"""Where an export may go and how it gets there: target checks and atomic writes."""

from __future__ import annotations

import contextlib
import errno
import os
import stat
from pathlib import Path
from collections.abc import Callable, Iterable, Sequence

from desktop.paths import (
    display_name,
    export_temp_name,
    sweep_stale_temp_files,
)

from ..errors import InputError

def check_target(path: Path | str, input_paths: Iterable[Path | str] = (),
                 suffixes: Sequence[str] = (".xlsx", ".csv")) -> Path:
    """Return the absolute target path after checking that it can be written: not one of the input
    files, in an existing folder, with a known extension, a name and path the system can hold,
    not read-only and not open in Excel or LibreOffice (their lock files). Raises
    InputError with one sentence otherwise."""
    target = Path(path).expanduser()
    if target.suffix.lower() not in suffixes:
        raise InputError("export_save_name_must_end", target=_shown(target), suffixes=list(suffixes[:-1]),
                         last=suffixes[-1])
    target = Path(os.path.abspath(target))
    try:
        return _check_target(target, list(input_paths))
    except OSError as exc:  # e.g. a path longer than the system allows, a folder we may not read
        raise InputError("export_save_choose_shorter_name", target=_shown(target), error=_reason(exc)) from None


def _check_target(target: Path, input_paths: list) -> Path:
    folder = target.parent
    name_max, path_max = _name_limits(folder)
    if len(os.fsencode(target.name)) > name_max or len(os.fsencode(str(target))) >= path_max:
        raise OSError(errno.ENAMETOOLONG, os.strerror(errno.ENAMETOOLONG))
    resolved = target.resolve()
    from ..project import is_network_path

    # The input paths of an analysis opened from a project come from that (untrusted) file: a
    # network path is never looked at, so the system never contacts a host for it.
    for source in (s for s in input_paths if not is_network_path(str(s))):
        src = Path(source).expanduser()
        same = Path(os.path.abspath(src)).resolve() == resolved
        if not same and src.exists() and target.exists():
            try:
                same = os.path.samefile(src, target)
            except OSError:
                same = False
        if same:
            raise InputError("export_save_over_one_files", target=_shown(target))
    if not folder.is_dir():
        raise InputError("export_save_folder_does_exist", target=_shown(target), folder=display_name(folder))
    for lock in ("~$" + target.name, "~$" + target.name[2:], ".~lock." + target.name + "#"):
        if len(lock) > 2 and len(os.fsencode(lock)) <= name_max and (folder / lock).exists():
            raise InputError("export_save_locked", target=_shown(target))
    if target.exists() and not target.is_dir():
        mode = target.stat().st_mode
        # Checked on the mode bits, not os.access, so a read-only file is respected even as root.
        if not mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH):
            raise InputError("export_save_file_read_only", target=_shown(target))
    return target


def _name_limits(folder: Path) -> tuple[int, int]:
    """Return the longest file name and path (in bytes) the folder's file system takes."""
    name_max, path_max = 255, (32767 if os.name == "nt" else 4096)
    if hasattr(os, "pathconf"):
        for key, default in (("PC_NAME_MAX", name_max), ("PC_PATH_MAX", path_max)):
            try:
                value = os.pathconf(folder, key)
            except (OSError, ValueError):
                value = default
            if key == "PC_NAME_MAX":
                name_max = value if value > 0 else default
            else:
                path_max = value if value > 0 else default
    return name_max, path_max


def _shown(target: Path) -> str:
    """The target's name for a sentence: escaped (display_name) and at most 80 characters."""
    name = display_name(target.name)
    return name if len(name) <= 80 else name[:60] + "…" + name[-15:]


def atomic_write(target: Path, write: Callable[[Path], None]) -> Path:
    """Call `write(tmp)` for a temporary file in the target's folder, then move it onto `target`.
    On any failure the temporary file is removed and `target` is untouched; OS errors become an
    InputError the user can act on. Returns `target`."""
    return atomic_write_all([(target, write)])[0]


def atomic_write_all(jobs: Sequence[tuple[Path, Callable[[Path], None]]]) -> list[Path]:
    """Write several files as one unit (e.g. a list and its campaign record): each `write(tmp)`
    fills a temporary file in its target's folder; only when all are written and synced are they
    moved into place, the last one first. If anything fails, every target keeps its old content
    (or stays absent) and no temporary file is left. Returns the targets."""
    temps: list[Path] = []
    done: list[tuple[Path, Path | None]] = []  # (target, its old content kept aside)
    try:
        for target, write in jobs:
            tmp = _create_temp(target)
            temps.append(tmp)
            try:
                write(tmp)
                with open(tmp, "rb+") as handle:
                    os.fsync(handle.fileno())
            except OSError as exc:
                raise _save_error(target, exc) from exc
        # The last job (the campaign record) goes first: if the list cannot be moved into place
        # after it, the record is put back, so a list never stands without its record.
        for (target, _), tmp in reversed(list(zip(jobs, temps))):
            old = _keep_aside(target) if len(jobs) > 1 else None
            try:
                os.replace(tmp, target)
            except OSError as exc:
                if old is not None:
                    _unlink_quietly(old)
                raise InputError("export_save_locked", target=_shown(target)) from exc
            done.append((target, old))
    except BaseException:
        for target, old in reversed(done):
            with contextlib.suppress(OSError):
                if old is not None:
                    os.replace(old, target)
                else:
                    os.unlink(target)
        for tmp in temps:
            _unlink_quietly(tmp)
        raise
    for _, old in done:
        if old is not None:
            _unlink_quietly(old)
    # What an export killed earlier (kill -9, power cut) left in these folders goes now.
    sweep_stale_temp_files({target.parent for target, _ in jobs})
    return [target for target, _ in jobs]


def _keep_aside(target: Path) -> Path | None:
    """Return a hidden hard link (or copy) of the file at `target` to put back if the unit fails;
    None when there is no file there yet."""
    if not os.path.lexists(target):
        return None
    keep = _create_temp(target)
    try:
        os.unlink(keep)
        try:
            os.link(target, keep)
        except OSError:  # no hard links here (FAT, some network shares): copy instead
            import shutil

            shutil.copy2(target, keep)
    except OSError as exc:
        _unlink_quietly(keep)
        raise _save_error(target, exc) from exc
    return keep


def _unlink_quietly(path: Path) -> None:
    with contextlib.suppress(OSError):
        os.unlink(path)


def _save_error(target: Path, exc: OSError) -> InputError:
    name = _shown(target)
    return InputError("export_save_free_some_space", name=name, error=_reason(exc))


def _create_temp(target: Path) -> Path:
    # os.open with 0o666 lets the umask decide the final permissions, as for a normal save.
    for _ in range(100):
        tmp = target.parent / export_temp_name(target.suffix.lower())
        try:
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        except FileExistsError:
            continue
        except OSError as exc:
            raise InputError("export_save_folder_writable_save", target=_shown(target), error=_reason(exc)) from exc
        os.close(fd)
        return tmp
    raise InputError("export_save_temporary_file_created", target=_shown(target))


def _reason(exc: BaseException) -> str:
    inner = exc
    while getattr(inner, "__cause__", None) is not None and not isinstance(inner, OSError):
        inner = inner.__cause__  # type: ignore[assignment]
    code = getattr(inner, "errno", None)
    if code == errno.ENAMETOOLONG:
        return "the name or the folder path is longer than the system allows"
    if code in (errno.ENOSPC, getattr(errno, "EDQUOT", -1)):
        return "the disk is full"
    if code == errno.EFBIG:
        return "the file is larger than this disk or folder allows"
    text = getattr(inner, "strerror", None) or str(inner) or type(inner).__name__
    return text[:1].lower() + text[1:]
