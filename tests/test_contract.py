"""One contract, every registered analyzer (scikit-learn style)."""

from __future__ import annotations

import copy

import pytest

from salesleader import load
from salesleader.analysis import run_analyzers
from salesleader.analyzers import Call, registered
from salesleader.analyzers.base import REQUIREMENTS, analyzer
from salesleader.config import Config
from salesleader.errors import AnalyzerError
from salesleader.roles import assign_sellers

SAMPLES = ["vtt/teams_voice_tags.vtt", "text/plain_no_timestamps.txt",
           "generic_json/call_with_metadata.json", "srt/named_cues.srt"]
SPECS = registered()


def calls(data):
    return [Call(assign_sellers(load(data / name)), Config()) for name in SAMPLES]


@pytest.mark.parametrize("spec", SPECS, ids=[s.name for s in SPECS])
def test_contract_analyzer_declares_itself(spec):
    assert spec.name and spec.version and spec.produces
    assert spec.requires <= REQUIREMENTS.keys()
    assert all(b.startswith("B") for b in spec.behaviours)
    assert spec.description, "the first docstring line says what it measures"


@pytest.mark.parametrize("spec", SPECS, ids=[s.name for s in SPECS])
def test_contract_analyzer_is_deterministic_pure_and_evidenced(spec, data):
    for call in calls(data):
        if not spec.requires <= call.available():
            continue
        before = copy.deepcopy(call.conversation)
        first, second = spec(call), spec(call)
        assert first == second
        assert call.conversation == before, "analyzers never change their input"
        assert set(spec.produces) <= set(first.metrics), "every declared metric is present"
        assert set(first.metrics) <= set(spec.produces), "no undeclared metric"
        for name, items in first.evidence.items():
            assert name in spec.produces
            for item in items:
                utterance = call.utterances[item.utterance]
                assert item.speaker == utterance.speaker
                assert item.start == utterance.start
                assert item.quote.rstrip(" …")[:40] in " ".join(
                    call.utterances[i].text for i in range(item.utterance, len(call.utterances)))


def test_contract_engine_checks_requirements_before_running(data):
    call = Call(assign_sellers(load(data / "text" / "plain_no_timestamps.txt")), Config())
    metrics, _, notes, versions = run_analyzers(call)
    assert "patience" in versions
    assert metrics["patience_s"] is None
    assert any(n.startswith("patience_s: not computed") for n in notes)


def test_contract_registry_rejects_unknown_requirements_and_duplicates():
    with pytest.raises(AnalyzerError, match="unknown"):
        analyzer("bad", version="1", produces=("x",), requires=("telepathy",))
    with pytest.raises(AnalyzerError, match="already registered"):
        analyzer("talk", version="9", produces=("x",))(lambda call: None)


def test_contract_report_order_does_not_depend_on_import_order():
    """A process that imports one analyzer module before the others (a test, a plugin)
    lists the analyzers, and so the report's notes, in the same order as any other."""
    import subprocess
    import sys

    def order(first_import: str) -> list[str]:
        code = (f"import {first_import}\n"
                "from salesleader.analyzers import registered\n"
                "print(' '.join(spec.name for spec in registered()))")
        return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                              check=True).stdout.split()

    usual = order("salesleader")
    assert usual[:2] == ["talk", "questions"] and len(usual) >= 10
    assert order("salesleader.analyzers.listening") == usual
    assert order("salesleader.analyzers.turns") == usual
