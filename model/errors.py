"""The one exception type for bad user input.

Every loader raises :class:`InputError` naming the file and the field; the CLI turns it
into a single line on stderr and exit code 2 (no traceback, nothing written).
"""

from __future__ import annotations


class InputError(ValueError):
    """Bad input: ``file`` and ``field`` locate it, ``message`` says what is wrong."""

    def __init__(self, file: str, field: str, message: str) -> None:
        self.file = str(file)
        self.field = field
        self.message = message
        super().__init__(f"{self.file}: {field}: {message}")


def read_user_text(path, field: str = "file") -> str:
    """The text of a user's file, or :class:`InputError` naming it: missing, a folder,
    unreadable or not UTF-8 (binary)."""
    from pathlib import Path

    path = Path(path)
    if path.is_dir():
        raise InputError(path, field, "is a folder; expected a file")
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError(path, field, "missing") from None
    except UnicodeDecodeError:
        raise InputError(path, field, "not UTF-8 text (a binary file?)") from None
    except OSError as exc:
        raise InputError(path, field, f"cannot be read ({exc.strerror})") from None
