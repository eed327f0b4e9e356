"""Names that only look different: the characters a name may not contain, and the key that
duplicate checks compare.

Zero-width and bidirectional control characters are invisible, so two names that differ only
by them look the same to the user and may be made to look like another (a bidi override turns
text around). They are refused in names. Duplicate checks compare `name_key`: trimmed, runs of
whitespace folded to one space, zero-width characters removed and compatibility forms folded
(NFKC: full-width ＡＢＣ１２３ is ABC123), so 诸城市财政局 and 诸城市财政局\u200b, or
诸城市　财政局 and 诸城市 财政局, are the same name. Chinese text is left as it is.
"""

from __future__ import annotations

import re
import unicodedata

ZERO_WIDTH = frozenset("\u200b\u200c\u200d\u2060\ufeff")
BIDI_CONTROLS = frozenset(
    "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"
)
INVISIBLE = ZERO_WIDTH | BIDI_CONTROLS

_SPACES = re.compile(r"\s+")


def invisible_in(text: str) -> list[str]:
    """The zero-width and bidi control characters in `text`, as U+XXXX, in order, once each."""
    return list(dict.fromkeys(f"U+{ord(c):04X}" for c in text if c in INVISIBLE))


def name_key(text: str) -> str:
    """What two names are compared by: equal keys mean the same name."""
    visible = "".join(c for c in text if c not in INVISIBLE)
    folded = unicodedata.normalize("NFKC", visible)
    return _SPACES.sub(" ", folded).strip()
