"""Bad input: one line naming the file, the line where it applies, and what was expected."""

from __future__ import annotations

import pytest

from salesleader import load
from salesleader.errors import (
    BinaryInputError,
    EmptyInputError,
    EncodingInputError,
    InputError,
    MalformedInputError,
    UnknownFormatError,
)

CASES = [
    ("empty.vtt", EmptyInputError, None, "empty"),
    ("blank.txt", EmptyInputError, None, "empty"),
    ("recording.wav", BinaryInputError, None, "binary"),
    ("undecodable.txt", EncodingInputError, 1, "neither UTF-8 nor cp1252"),
    ("prose.txt", UnknownFormatError, None, "no transcript format"),
    ("broken_timestamp.vtt", MalformedInputError, 6, "broken cue timing"),
    ("end_before_start.vtt", MalformedInputError, 6, "ends before it starts"),
    ("broken.srt", MalformedInputError, 6, "broken cue timing"),
    ("invalid.json", MalformedInputError, 4, "invalid JSON"),
    ("broken_stamp.txt", MalformedInputError, 2, "broken timestamp"),
    ("stamps_backwards.txt", MalformedInputError, 2, "earlier than the one before"),
]


@pytest.mark.parametrize("name,kind,line,words", CASES, ids=[c[0] for c in CASES])
def test_bad_input_names_file_line_and_expectation(data, name, kind, line, words):
    path = data / "bad" / name
    with pytest.raises(kind) as caught:
        load(path)
    error = caught.value
    message = str(error)
    assert "\n" not in message
    assert error.line == line
    prefix = f"{path}:{line}: " if line else f"{path}: "
    assert message.startswith(prefix)
    assert words in message
    assert "; expected " in message


def test_bad_input_missing_file_and_directory(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        load(tmp_path / "nope.vtt")
    with pytest.raises(InputError, match="is a directory"):
        load(tmp_path)


def test_bad_input_generic_json_semantic_errors_name_the_item(tmp_path):
    path = tmp_path / "call.json"
    path.write_text('{"utterances": [{"speaker": "A", "text": "hi", "start": 3, "end": 1}]}')
    with pytest.raises(MalformedInputError, match=r"utterances\[0\] ends \(1.0\) before it starts"):
        load(path)
    path.write_text('{"utterances": [{"speaker": "A", "text": "hi", "start": "soon"}]}')
    with pytest.raises(MalformedInputError, match="non-negative number of seconds"):
        load(path)


def test_bad_input_sidecar_errors_name_the_sidecar(data, tmp_path):
    transcript = tmp_path / "call.srt"
    transcript.write_bytes((data / "srt" / "named_cues.srt").read_bytes())
    (tmp_path / "call.srt.meta.json").write_text('{"started_at": "last tuesday"}')
    with pytest.raises(MalformedInputError) as caught:
        load(transcript)
    assert str(caught.value).startswith(f"{transcript}.meta.json: ")
    assert "ISO 8601" in str(caught.value)
