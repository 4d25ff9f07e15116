"""Shared language machinery, computed once per conversation."""

# Every analyzer reads the shared sentences and question parses, so a change in what the
# layer finds can change any of their outputs. Its version is recorded beside the
# analyzers' own in each report (``"language"`` in ``analyzers``); raising it makes
# ``ingest`` and ``reanalyze`` recompute stored calls. History: 1 up to the eval round of
# 2026-11-22; 2 reads "what about your finance team." as a question without "?", finds
# more questions inside unpunctuated runs ("…for a week what happens to…", "…walk me
# through…", "…is that okay with you"), cuts such runs before sentence openers too
# (``sentence_openers.txt``) and finds no tag in "…pretend it isn't there".
LANGUAGE_VERSION = "2"
