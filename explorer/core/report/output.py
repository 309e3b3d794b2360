"""Writing a file whole or not at all (the report page, the activations archive)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import BinaryIO, Callable

from explorer.core.errors import ExplorerError


def write_whole(path: str | Path, write: Callable[[BinaryIO], None]) -> None:
    """Call ``write(fh)`` on a temporary file beside ``path``, then put it in place; on any
    failure nothing is left. The file gets the usual permissions (the umask's).

    Raises:
        ExplorerError: the folder is missing or the file cannot be written.
    """
    path = Path(path)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.part")
    try:
        with open(tmp, "wb") as fh:
            write(fh)
        os.replace(tmp, path)
    except OSError as error:
        tmp.unlink(missing_ok=True)
        raise ExplorerError(f"Cannot write {path}: {error.strerror or error}",
                            "Pick a folder that exists and that you may write to") from error
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
