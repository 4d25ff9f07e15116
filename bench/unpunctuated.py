"""How far do the conversation counts move when a call comes without punctuation?

    python bench/unpunctuated.py

Speech-to-text often writes no '.', '?' or ',' and no capitals. Each bundled sample call
(the demo's three, with their sidecars and the demo's ``salesleader.toml``) is analysed
as written and again with its punctuation stripped and its text lower-cased (what
``salesleader eval`` does to its unpunctuated condition). For the twelve B2-B11 counts
below, each line prints the two values where they differ; the last line is
``off: X of Y``: the sum of the absolute differences against the sum of the punctuated
values (0 would be a transcript read the same with or without punctuation).
"""

from __future__ import annotations

import dataclasses
import sys
from importlib import resources
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from salesleader.analysis import analyze_conversation
from salesleader.config import load_config
from salesleader.evaluation import strip_punctuation
from salesleader.importers import load

COUNTS = ("seller_questions", "customer_questions", "follow_up_questions", "advice_requests",
          "empowering_statements", "pressure_statements", "insight_statements",
          "grounded_vision_statements", "ungrounded_vision_statements",
          "reasoning_statements", "acknowledged_concerns", "reflective_statements")
CALLS = ("discovery_well_led.vtt", "feature_dump_pitch.srt", "multiparty_no_timestamps.txt")


def main() -> None:
    samples = Path(str(resources.files("salesleader").joinpath("samples")))
    config = load_config(samples / "salesleader.toml")
    off = total = 0
    for name in CALLS:
        call = load(samples / name)
        flat = dataclasses.replace(call, utterances=tuple(
            dataclasses.replace(u, text=strip_punctuation(u.text)) for u in call.utterances))
        marked = analyze_conversation(call, config).metrics
        unmarked = analyze_conversation(flat, config).metrics
        for metric in COUNTS:
            total += marked[metric]
            off += abs(marked[metric] - unmarked[metric])
            if marked[metric] != unmarked[metric]:
                print(f"{name:32} {metric:30} {marked[metric]:3} -> {unmarked[metric]}")
    print(f"off: {off} of {total}")


if __name__ == "__main__":
    main()
