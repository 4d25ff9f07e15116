"""Bad input: one line naming the file, the line where it applies, and what was expected."""

from __future__ import annotations

from pathlib import Path

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


def test_bad_input_a_huge_file_is_refused_without_being_read_whole(tmp_path):
    """Over MAX_TRANSCRIPT_BYTES: one line from analyze, nothing stored by ingest, an error
    row from batch; a file of exactly the limit is still read (and judged on its content)."""
    import pyarrow.parquet as pq
    import sqlalchemy as sa
    from typer.testing import CliRunner

    from salesleader.cli import app
    from salesleader.importers import MAX_TRANSCRIPT_BYTES, read_transcript
    from salesleader.store.database import open_engine
    from salesleader.store.schema import conversations

    folder = tmp_path / "in"
    folder.mkdir()
    huge = folder / "huge.txt"
    with huge.open("wb") as handle:  # sparse: no disk used, and the test reads 64 MiB once
        handle.write(b"Ann: Hello there.\n")
        handle.truncate(MAX_TRANSCRIPT_BYTES + 1)
    assert len(read_transcript(huge)) == MAX_TRANSCRIPT_BYTES + 1  # read no further
    with pytest.raises(InputError) as caught:
        load(huge)
    assert str(caught.value) == (f"{huge}: larger than 64 MiB; expected a transcript (a "
                                 "one-hour call is about 0.1 MiB); split a longer recording")
    runner = CliRunner()
    analysed = runner.invoke(app, ["analyze", str(huge)])
    assert analysed.exit_code == 1 and f"{huge}: larger than 64 MiB" in analysed.stderr
    db = f"sqlite:///{tmp_path / 'store.db'}"
    stored = runner.invoke(app, ["ingest", str(huge), "--db", db])
    assert stored.exit_code == 1 and "larger than 64 MiB" in stored.output
    with open_engine(db).connect() as connection:
        assert connection.execute(sa.select(sa.func.count()).select_from(conversations)
                                  ).scalar() == 0
    (folder / "ok.txt").write_text("Ann Lee: What matters most to you?\nDee: Speed.\n")
    batch = runner.invoke(app, ["batch", str(folder), "--out", str(tmp_path / "out.parquet")])
    rows = {Path(r["source"]).name: r for r in pq.read_table(tmp_path / "out.parquet").to_pylist()}
    assert "larger than 64 MiB" in rows["huge.txt"]["error"] and rows["ok.txt"]["error"] is None
    assert batch.exit_code == 1, batch.output  # a file could not be analysed
    with huge.open("r+b") as handle:  # exactly the limit: read, then judged as text
        handle.truncate(MAX_TRANSCRIPT_BYTES)
    with pytest.raises(InputError) as caught:
        load(huge)
    assert "larger than" not in str(caught.value)
