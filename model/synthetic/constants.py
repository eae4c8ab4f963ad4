"""Names every part of a synthetic world shares: the one source that each row and event
cites, the note that marks its numbers as drawn, and the two norms of the story."""

SOURCE_ID = "synthetic"
NOTE = "estimate: synthetic"
REGIME = "un_sanctions"  # the UN-style sanctions regime on the pariah
WAR_NORM = "territorial_integrity"  # invasions and annexations violate it (event default)
