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
