"""A guarded work-around for a typo in solara 1.64.1 that makes every page log a console warning.

solara's router template (``solara/widgets/vue/navigator.vue``) assigns ``modules.export``
instead of ``module.exports``, so ipyvue logs "Failed to evaluate Vue script and find
module.exports, falling back to old method" on every page load. ``viz/navigator.vue`` is that
file with the one-word fix. It is used only while the installed file is byte-identical to the
known faulty one (checked by SHA-256), so a solara upgrade silently turns this off.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

FIXED_TEMPLATE = Path(__file__).resolve().with_name("navigator.vue")
FAULTY_SHA256 = "a2cad33a14456d334aacfa120c816d27e45cc22ca45e07a9c66c0a2703cd0e82"


def apply() -> bool:
    """Point solara's Navigator at the fixed template; True if applied (or already)."""
    from solara.widgets import widgets

    current = Path(widgets.Navigator.template_file)
    if current == FIXED_TEMPLATE:
        return True
    if hashlib.sha256(current.read_bytes()).hexdigest() != FAULTY_SHA256:
        return False
    widgets.Navigator.template_file = str(FIXED_TEMPLATE)
    return True
