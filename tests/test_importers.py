"""Importers on real-looking exports: every format, speakers, timings, encodings, lines."""

from __future__ import annotations

import pytest

from salesleader import load
from salesleader.importers import detect_format
from salesleader.importers.common import UNKNOWN_SPEAKER


def speakers_and_text(conversation):
    return [(u.speaker, u.text) for u in conversation.utterances]


def test_importers_vtt_teams_voice_tags_bom_crlf_notes_and_styles(data):
    c = load(data / "vtt" / "teams_voice_tags.vtt")
    assert c.source.format == "vtt"
    assert c.speakers == ("Carla Mendes", "Ivan Petrov")
    # Unclosed <v> tag and a multi-line cue are one utterance; <v.loud Name> keeps the name.
    assert c.utterances[1].text == "Morning. We have about thirty minutes, then I have our board prep."
    assert c.utterances[3].speaker == "Ivan Petrov"
    assert "NOTE" not in " ".join(u.text for u in c.utterances)
    assert "color" not in " ".join(u.text for u in c.utterances)
    assert c.utterances[0].start == pytest.approx(3.12)
    assert c.utterances[0].end == pytest.approx(6.88)
    assert c.has_timestamps
    # Evidence can point back at the cue's timing line in the file.
    assert c.utterances[0].line == 10


def test_importers_vtt_zoom_prefixes_and_unprefixed_cue_continues_speaker(data):
    c = load(data / "vtt" / "zoom_speaker_prefix.vtt")
    assert [u.speaker for u in c.utterances] == [
        "Jordan Blake", "Sofia Ruiz", "Jordan Blake", "Jordan Blake", "Sofia Ruiz"]
    assert c.utterances[2].text.endswith("questions about the rollout.")
    assert c.utterances[3].text.startswith("continuing from before")


def test_importers_vtt_hourless_timings_and_cues_without_voice(data):
    c = load(data / "vtt" / "hourless_no_speaker.vtt")
    assert [u.speaker for u in c.utterances] == ["Lee Wong", "Lee Wong", "Amara Obi", "Amara Obi"]
    assert c.utterances[3].start == pytest.approx(11.2)
    assert c.duration_s == pytest.approx(14.9)


def test_importers_vtt_utf16_without_bom_and_crlf(data):
    c = load(data / "vtt" / "crlf_utf16.vtt")
    assert speakers_and_text(c) == [("Zoë", "Salut."), ("Rémi", "Hello!")]
    assert c.source.encoding == "utf-16-le"


def test_importers_vtt_two_voices_in_one_cue_split_the_cue_time():
    from salesleader import parse_bytes

    text = "WEBVTT\n\n00:00:00.000 --> 00:00:04.000\n<v Ann>one two three</v> <v Bob>four</v>\n"
    c = parse_bytes(text.encode(), "two.vtt")
    assert speakers_and_text(c) == [("Ann", "one two three"), ("Bob", "four")]
    assert c.utterances[0].end == pytest.approx(3.0)
    assert c.utterances[1].start == pytest.approx(3.0)


def test_importers_cue_text_escapes_are_read_as_characters():
    from salesleader import parse_bytes

    vtt = ("WEBVTT\n\n00:00:00.000 --> 00:00:04.000\n"
           "<v Ann>What does <i>success</i> look like for R&amp;D?</v>\n\n"
           "00:00:04.000 --> 00:00:06.000\n<v Bob>Fewer&nbsp;bugs &lt;b&gt; &gt; speed&lrm;.</v>\n")
    assert speakers_and_text(parse_bytes(vtt.encode(), "e.vtt")) == [
        ("Ann", "What does success look like for R&D?"), ("Bob", "Fewer bugs <b> > speed.")]
    srt = ("1\n00:00:00,000 --> 00:00:03,000\nAnn: <i>R&amp;D</i> first?\n\n"
           "2\n00:00:03,000 --> 00:00:05,000\nBob: Sure &amp; fast.\n\n"
           "3\n00:00:05,000 --> 00:00:06,000\nBob: Fewer&nbsp;bugs &lt;b&gt; &gt; speed&lrm;.\n")
    assert speakers_and_text(parse_bytes(srt.encode(), "e.srt")) == [
        ("Ann", "R&D first?"), ("Bob", "Sure & fast."), ("Bob", "Fewer bugs <b> > speed.")]


def test_importers_srt_prefixes_and_multiline_cues(data):
    c = load(data / "srt" / "named_cues.srt")
    assert c.source.format == "srt"
    assert c.speakers == ("Nadia Hassan", "Ken Walsh")
    assert c.utterances[1].text == "Of course. I only have twenty minutes because of a board call."
    assert c.utterances[3].end == pytest.approx(26.0)


def test_importers_whisperx_speakers_and_unlabelled_segment_continues(data):
    c = load(data / "whisper_json" / "whisperx_diarized.json")
    assert c.source.format == "whisper_json"
    assert [u.speaker for u in c.utterances] == ["SPEAKER_00", "SPEAKER_01", "SPEAKER_01",
                                                  "SPEAKER_00"]
    assert c.utterances[0].text == "Thanks for making time, Dana. How's the pilot going so far?"


def test_importers_plain_whisper_without_speakers_is_one_speaker_with_a_note(data):
    c = load(data / "whisper_json" / "whisper_plain.json")
    assert c.speakers == (UNKNOWN_SPEAKER,)
    assert any("no speaker labels" in note for note in c.notes)


def test_importers_generic_json_metadata_and_participants(data):
    c = load(data / "generic_json" / "call_with_metadata.json")
    assert c.source.format == "generic_json"
    assert c.title == "Fernwood Clinics: second call"
    assert c.metadata["deal_id"] == "OPP-2291"
    assert c.metadata["account"] == "Fernwood Clinics"
    assert c.started_at is not None and c.started_at.year == 2026
    stein = c.participant("Dr. Malik Stein")
    assert stein is not None and stein.title == "Chief Medical Officer"
    assert c.participant("Rosa Alvarez").side == "seller"


def test_importers_text_bracket_stamps_and_continuation_lines(data):
    c = load(data / "text" / "stamped_brackets.txt")
    assert c.source.format == "text"
    assert [u.speaker for u in c.utterances] == ["Hannah Kim", "Victor Adeyemi", "Hannah Kim",
                                                  "Victor Adeyemi", "Hannah Kim"]
    assert c.utterances[1].text.endswith("It has been for two quarters now.")
    assert c.utterances[1].start == 9.0 and c.utterances[1].end == 21.0
    assert c.has_timestamps
    assert any("start times only" in note for note in c.notes)


def test_importers_text_without_timestamps_is_normal(data):
    c = load(data / "text" / "plain_no_timestamps.txt")
    assert not c.has_timestamps
    assert c.speakers == ("Owen Price", "Lucia Ferreira", "Marco Ferreira")
    assert c.utterances[1].text == ("Our renewals team is drowning. We have two people covering "
                                    "four hundred accounts.")
    # "Note:" inside a line is text, not a speaker.
    assert c.utterances[3].text.startswith("Note: that's the part")


def test_importers_text_otter_style_headings(data):
    c = load(data / "text" / "otter_headings.txt")
    assert [u.speaker for u in c.utterances] == ["Priya Shah", "Tomás Vidal", "Priya Shah"]
    assert c.utterances[1].text == (
        "Sure. I run procurement for the eastern region. I've been here about six years.")
    assert c.utterances[1].start == 7.0


@pytest.mark.parametrize("name,encoding", [("utf16_le_bom.txt", "utf-16-le"),
                                           ("cp1252_quotes.txt", "cp1252")])
def test_importers_text_encodings(data, name, encoding):
    c = load(data / "text" / name)
    assert c.source.encoding == encoding
    assert c.speakers == ("Zoë Laurent", "Rémi Dubois")
    assert any(f"decoded as {encoding}" in note for note in c.notes)
    if encoding == "cp1252":
        assert "“great”" in c.utterances[0].text


def test_importers_detect_format_ignores_extension(data, tmp_path):
    disguised = tmp_path / "call.txt"
    disguised.write_bytes((data / "srt" / "named_cues.srt").read_bytes())
    assert load(disguised).source.format == "srt"
    assert detect_format("[00:00:01] Ann: hi") == "text"
    assert detect_format('[{"start": 0, "end": 1, "text": "hi"}]') == "json"


def test_importers_sidecar_metadata_sets_title_sides_and_titles(data, tmp_path):
    transcript = tmp_path / "call.vtt"
    transcript.write_bytes((data / "vtt" / "zoom_speaker_prefix.vtt").read_bytes())
    (tmp_path / "call.vtt.meta.json").write_text(
        '{"title": "Rollout check-in", "account": "Sofia Co", "deal_id": "D-7",'
        ' "participants": [{"name": "Jordan Blake", "side": "seller"},'
        ' {"name": "Sofia Ruiz", "title": "COO"}, {"name": "Sam Silent", "title": "CFO"}]}'
    )
    c = load(transcript)
    assert c.title == "Rollout check-in"
    assert c.metadata["deal_id"] == "D-7"
    assert c.participant("Jordan Blake").side == "seller"
    assert c.participant("Sofia Ruiz").title == "COO"
    assert c.participant("Sam Silent") is not None  # listed but silent


def test_importers_speaker_labels_named_from_the_metadata(data, tmp_path):
    """Diarization writes SPEAKER_00: a sidecar (or the generic JSON) names each label,
    its people then described under those names; a label nobody speaks under is an error
    naming the sidecar, as is anything but an object of names."""
    import json

    from salesleader import analyze
    from salesleader.errors import MalformedInputError

    transcript = tmp_path / "call.json"
    transcript.write_bytes((data / "whisper_json" / "whisperx_diarized.json").read_bytes())
    sidecar = tmp_path / "call.json.meta.json"
    sidecar.write_text(json.dumps({
        "speakers": {"speaker_00": "Ann Lee", "SPEAKER_01": "Dana Ruiz"},
        "participants": [{"name": "Ann Lee", "side": "seller"},
                         {"name": "Dana Ruiz", "title": "COO"}]}))
    c = load(transcript)
    assert {u.speaker for u in c.utterances} == {"Ann Lee", "Dana Ruiz"}
    assert c.participant("Ann Lee").side == "seller"
    assert c.participant("Dana Ruiz").title == "COO"
    assert c.participant("SPEAKER_00") is None
    assert "speakers named from the metadata: speaker_00 → Ann Lee, SPEAKER_01 → Dana Ruiz" \
        in c.notes
    assert analyze(transcript).to_dict()["call"]["seller"]["names"] == ["Ann Lee"]
    # One person split in two by diarization: both labels name them, one participant.
    sidecar.write_text(json.dumps({"speakers": {"SPEAKER_00": "Ann Lee",
                                                "SPEAKER_01": "Ann Lee"}}))
    assert [p.name for p in load(transcript).participants] == ["Ann Lee"]
    for speakers, words in (({"SPEAKER_07": "Bo"}, '"speakers" names SPEAKER_07, who never '
                                                   "speaks here; expected labels among "
                                                   "SPEAKER_00, SPEAKER_01"),
                            (["Ann"], '"speakers" is not an object of names')):
        sidecar.write_text(json.dumps({"speakers": speakers}))
        with pytest.raises(MalformedInputError) as caught:
            load(transcript)
        assert str(caught.value).startswith(f"{sidecar}: ") and words in str(caught.value)
    # The generic JSON carries the same key.
    generic = tmp_path / "generic.json"
    generic.write_text(json.dumps({"speakers": {"S1": "Ann Lee"}, "utterances": [
        {"speaker": "S1", "text": "What matters most to you?"},
        {"speaker": "S2", "text": "Speed."}]}))
    assert [u.speaker for u in load(generic).utterances] == ["Ann Lee", "S2"]


def test_importers_conversation_id_is_content_hash(data, tmp_path):
    copy = tmp_path / "same.srt"
    copy.write_bytes((data / "srt" / "named_cues.srt").read_bytes())
    assert load(copy).id == load(data / "srt" / "named_cues.srt").id
