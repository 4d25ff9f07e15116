"""Shared language machinery, computed once per conversation."""

# Every analyzer reads the shared sentences and question parses, so a change in what the
# layer finds can change any of their outputs. Its version is recorded beside the
# analyzers' own in each report (``"language"`` in ``analyzers``); raising it makes
# ``ingest`` and ``reanalyze`` recompute stored calls. History: 1 up to the eval round of
# 2026-11-22; 2 (2026-11-23) reads more question forms without "?" ("what about your
# finance team.", "which vendor did you pick.", "…, have you."), skips abandoned starts
# ("how do, what do you think…"), reads a tag said alone by the claim before it, cuts
# runs without punctuation where a question starts or a statement opens
# (``sentence_openers.txt``) and finds no tag in "…pretend it isn't there"; 3
# (2026-11-23, later) leaves prepositions and adverbs such as "around", "often", "back"
# out of content words (``stopwords.txt``), and reads "Let me make sure I understand."
# as announcing the check its next sentence makes (one question, not two), the question
# after "Imagine…" as exploratory, and "what's your budget" as factual; 4 (2026-11-24)
# puts back apostrophes that speech-to-text left out ("dont", "youre"), types a polite
# yes/no request by what it asks ("could you walk me through…" open), reads "why" and a
# bare verb ("why wait?") as leading, a tag after the listener's "mm-hm" as closing the
# speaker's own claim, "I mean" before a yes/no question as still asking, and, without
# punctuation, invitations ("any questions so far"), "does procurement need…", a
# wh-question after a preamble ("in your experience what works") and more run cuts
# ("who else…", "i thought…").
# 5 (2026-11-24): "can you say more / expand / describe…" are open requests, "am I hearing
# you correctly…" checks understanding, "doesn't that sound like…" and "no-brainer" lead;
# "can you walk me through…" after a preamble clause is the request it is; "picture" the
# noun is no hypothetical; a run is cut at "what do…" after "what i see"; the stemmer
# matches a verb's "-ed"/"-ing" forms with it ("hated"/"hate", "planned"/"plan"); a run is
# cut before "what's changed…", "what if…", "what would X look like", and after an
# acknowledgement that opens a question ("perfect so | what's the timeline"); a tag
# question whose statement sells leads ("that would be a huge win, wouldn't it?"); a
# request to the listener after a preamble asks ("Aisha, tell me more about…"); a run is
# cut before "what are new clients asking", "what made this…" and a filler "like" that
# opens a question ("…right now | like what prompted you to reach out"), and before a
# closing "is that still the main worry"; "where is it still falling short?" is open;
# "would it help if I shared…" is an offer (closed), not a need-payoff question.
# 6 (2026-11-24, later): with '?', a wh-question in a middle clause asks ("Raj, if we went
# ahead, who would own this, not just during rollout?"), and a yes/no clause after "but"
# asks ("We use Salesforce, but is it worth it?"); adverbs of degree and certainty
# ("mostly", "probably", "exactly") are no content words; the period of a title, an
# initial or "vs." ends no sentence ("Can we meet with Dr. Okafor this week?"); "fair" and
# "understood" are backchannels, and without punctuation a run is cut after them before
# "which of…"; "share"/"hear" embed a wh-clause ("can i share what we've seen…"); "part",
# "side", "fact", "piece" and "whether" are no content words; without '?' in a punctuated
# transcript "how much the front desk changed." marvels, it does not ask; without
# punctuation a closing "is that fair" checks, and "how would next march feel…" opens a
# question mid-run; "what other firms your size tell us is that…" says, it does not ask;
# "do you have a sense of what…" asks what the wh-question asks; "where do you land?"
# asks for a position (open).
# 7 (2026-11-24, a new round): "where did it land…", "where does that leave you" ask for a
# position or a consequence (open), not a place; leave asked after a preamble ("Before we
# talk about the number, can I ask what it was built on?") asks its wh-question, and
# without punctuation a run is cut before "can i ask"; "where are you with the plan?" asks
# where things stand; "tell me the…", "tell me your…" request; without punctuation "what
# does/did" + a name or a noun opens a question mid-run ("…what does dana spend…"), and
# so does "who on your team would…", "wouldn't you agree…", and "how many providers do
# you have" (not cut again at its own "do you").
LANGUAGE_VERSION = "7"
