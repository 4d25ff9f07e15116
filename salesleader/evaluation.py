"""Measure the question detector and the question-type classifier on labelled speech.

Input: JSONL with ``text`` and ``label`` (open, closed, confirmation, rhetorical, none),
optionally ``dialogue_id`` and ``speaker``. Utterances of one dialogue are analysed as
one conversation, in file order, through the same language layer an analysed call uses
(so the previous turns serve as context exactly as they would in a call).

Scored twice: on the original text, and with punctuation stripped and text lower-cased
(speech-to-text often has neither). Question F1 and type macro-F1 come with a 95 %
interval from a bootstrap over whole dialogues (``confidence``): how far the figures
could move on another sample of the same kind of speech.
"""

from __future__ import annotations

import json
import random
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import Any

from .errors import InputError, MalformedInputError
from .language.document import LanguageView
from .model import Utterance

__all__ = ["BOOTSTRAP_RESAMPLES", "CLASSES", "QUESTION_CLASSES", "SCHEMA", "LabelledUtterance",
           "confidence", "disagreements", "evaluate", "read_jsonl"]

SCHEMA = "salesleader.eval/1"
QUESTION_CLASSES = ("open", "closed", "confirmation", "rhetorical")
CLASSES = (*QUESTION_CLASSES, "none")
_PUNCTUATION = re.compile(r"[^\w\s'\-]")


@dataclass(frozen=True, slots=True)
class LabelledUtterance:
    dialogue: str
    speaker: str
    text: str
    label: str
    line: int


def read_jsonl(path: str | Path) -> list[LabelledUtterance]:
    """Read labelled utterances; a bad line is an ``InputError`` naming it."""
    path = Path(path)
    try:
        lines = path.read_text(encoding="utf-8-sig").splitlines()
    except FileNotFoundError:
        raise InputError(path, "no such file", expected="a JSONL file") from None
    except UnicodeDecodeError:
        raise InputError(path, "not UTF-8 text", expected="UTF-8 JSONL") from None
    items = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as error:
            raise MalformedInputError(path, f"invalid JSON ({error.msg})", line=number,
                                      expected='one object a line: {"text", "label"}') from None
        if not isinstance(row, dict) or not isinstance(row.get("text"), str):
            raise MalformedInputError(path, 'no "text" string', line=number,
                                      expected='an object with "text" and "label"')
        written = row.get("label")
        label = written.strip().lower() if isinstance(written, str) else written  # "Closed"
        if label not in CLASSES:
            raise MalformedInputError(path, f"label {written!r}", line=number,
                                      expected=f"one of {', '.join(CLASSES)}")
        dialogue, speaker = row.get("dialogue_id"), row.get("speaker")
        items.append(LabelledUtterance("" if dialogue is None else str(dialogue),  # null: none
                                       "?" if speaker is None else str(speaker), row["text"],
                                       label, number))
    if not items:
        raise InputError(path, "no labelled utterances", expected='lines like {"text", "label"}')
    return items


def strip_punctuation(text: str) -> str:
    return " ".join(_PUNCTUATION.sub(" ", text.lower()).split())


def predict(items: Sequence[LabelledUtterance], *, punctuated: bool = True) -> list[str]:
    """The coarse class salesleader gives each utterance, dialogue by dialogue. Lines
    without a ``dialogue_id`` stand alone (no context), and whether the text marks its
    questions with '?' is then judged on the whole file, not on each line."""
    predictions: list[str] = [""] * len(items)
    by_dialogue: dict[str, list[int]] = defaultdict(list)
    for position, item in enumerate(items):
        by_dialogue[item.dialogue or f"\0line {item.line}"].append(position)
    file_marks = punctuated and any("?" in item.text for item in items)
    for positions in by_dialogue.values():
        utterances = [
            Utterance(index=n, speaker=items[p].speaker,
                      text=items[p].text if punctuated else strip_punctuation(items[p].text))
            for n, p in enumerate(positions)
        ]
        alone = not items[positions[0]].dialogue
        view = LanguageView(utterances, punctuated=file_marks if alone else None)
        for n, position in enumerate(positions):
            question = view.first_question(n)
            predictions[position] = question.question.coarse if question else "none"
    return predictions


def _f1(tp: int, fp: int, fn: int) -> float:
    """F1 from the counts (the harmonic mean of precision and recall); 0 with no hit."""
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def _prf(tp: int, fp: int, fn: int) -> dict[str, float]:
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    return {"precision": round(precision, 4), "recall": round(recall, 4),
            "f1": round(_f1(tp, fp, fn), 4)}


def score(gold: Sequence[str], predicted: Sequence[str]) -> dict[str, Any]:
    """Question vs not (P/R/F1), per-class F1, macro-F1 over the question classes, confusion."""
    pairs = list(zip(gold, predicted, strict=True))
    tp = sum(1 for g, p in pairs if g != "none" and p != "none")
    fp = sum(1 for g, p in pairs if g == "none" and p != "none")
    fn = sum(1 for g, p in pairs if g != "none" and p == "none")
    per_class = {}
    for label in QUESTION_CLASSES:
        c_tp = sum(1 for g, p in pairs if g == label and p == label)
        c_fp = sum(1 for g, p in pairs if g != label and p == label)
        c_fn = sum(1 for g, p in pairs if g == label and p != label)  # a miss counts here
        per_class[label] = {**_prf(c_tp, c_fp, c_fn), "support": sum(1 for g in gold if g == label)}
    macro = sum(per_class[c]["f1"] for c in QUESTION_CLASSES) / len(QUESTION_CLASSES)
    counts = Counter(pairs)
    confusion = {g: {p: counts[(g, p)] for p in CLASSES} for g in CLASSES}
    return {
        "question": _prf(tp, fp, fn),
        "types": {"macro_f1": round(macro, 4), "per_class": per_class, "confusion": confusion},
    }


BOOTSTRAP_RESAMPLES = 1000
BOOTSTRAP_SEED = 20261123  # the same file gives the same interval on every run
MAX_BOOTSTRAP_UNITS = 1000  # lines without dialogues are resampled in blocks of file order


def _units(items: Sequence[LabelledUtterance], gold: Sequence[str],
           predicted: Sequence[str]) -> tuple[list[tuple[int, ...]], dict[str, Any]]:
    """What one resample draws: each dialogue's counts (lines without one in blocks of
    consecutive lines, at most ``MAX_BOOTSTRAP_UNITS``): question tp, fp, fn, then tp,
    fp, fn of each question class."""
    keys: list[str] = []
    unit: dict[str, Any]
    if all(item.dialogue for item in items):
        keys = [item.dialogue for item in items]
        unit = {"unit": "dialogue"}
    else:
        size = -(-len(items) // MAX_BOOTSTRAP_UNITS)
        keys = [str(position // size) for position in range(len(items))]
        unit = {"unit": "block", "block_lines": size}
    counts: dict[str, list[int]] = {}
    for key, g, p in zip(keys, gold, predicted, strict=True):
        row = counts.setdefault(key, [0] * (3 + 3 * len(QUESTION_CLASSES)))
        row[0] += g != "none" and p != "none"
        row[1] += g == "none" and p != "none"
        row[2] += g != "none" and p == "none"
        for k, label in enumerate(QUESTION_CLASSES, start=1):
            row[3 * k] += g == label and p == label
            row[3 * k + 1] += g != label and p == label
            row[3 * k + 2] += g == label and p != label
    return [tuple(row) for row in counts.values()], unit


def confidence(items: Sequence[LabelledUtterance], gold: Sequence[str],
               predicted: Sequence[str], resamples: int = BOOTSTRAP_RESAMPLES
               ) -> tuple[dict[str, list[float]], dict[str, Any]]:
    """95 % intervals (2.5th and 97.5th percentiles) of question F1 and type macro-F1 over
    ``resamples`` bootstrap samples of whole dialogues: lines of one dialogue depend on
    each other, so they are drawn together. Also says what was resampled."""
    units, unit = _units(items, gold, predicted)
    rng = random.Random(BOOTSTRAP_SEED)
    f1s, macros = [], []
    for _ in range(resamples):
        total = [sum(column) for column in zip(*rng.choices(units, k=len(units)), strict=True)]
        f1s.append(_f1(total[0], total[1], total[2]))
        macros.append(sum(_f1(*total[3 * k:3 * k + 3])
                          for k in range(1, len(QUESTION_CLASSES) + 1)) / len(QUESTION_CLASSES))

    def interval(values: list[float]) -> list[float]:
        values.sort()
        return [round(values[int(0.025 * (len(values) - 1))], 4),
                round(values[int(0.975 * (len(values) - 1))], 4)]

    return ({"question_f1": interval(f1s), "macro_f1": interval(macros)},
            {"resamples": resamples, **unit, "units": len(units)})


def evaluate(items: Sequence[LabelledUtterance], *, errors: int = 0) -> dict[str, Any]:
    """The ``salesleader.eval/1`` result for labelled utterances; with ``errors``, each
    condition also lists its first ``errors`` disagreements (``disagreements``)."""
    gold = [item.label for item in items]
    result: dict[str, Any] = {"schema": SCHEMA, "n": len(items)}
    for mode, punctuated in (("punctuated", True), ("unpunctuated", False)):
        predicted = predict(items, punctuated=punctuated)
        result[mode] = score(gold, predicted)
        if items:
            intervals, result["bootstrap"] = confidence(items, gold, predicted)
            result[mode]["question"]["f1_ci95"] = intervals["question_f1"]
            result[mode]["types"]["macro_f1_ci95"] = intervals["macro_f1"]
        if errors:
            result[mode]["errors"] = list(islice(
                disagreements(items, predicted, punctuated=punctuated), errors))
    return result


def disagreements(items: Sequence[LabelledUtterance], predicted: Sequence[str], *,
                  punctuated: bool = True) -> Iterable[dict[str, Any]]:
    """Every utterance whose predicted class is not its label, in file order, with its
    line and the text as the detector read it: for finding blind spots."""
    for item, guess in zip(items, predicted, strict=True):
        if guess != item.label:
            yield {"line": item.line, "gold": item.label, "predicted": guess,
                   "text": item.text if punctuated else strip_punctuation(item.text)}
