"""B13: emails in (MIME, charsets, HTML, quotes, threads) and leadership in follow-ups."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from salesleader.cli import app
from salesleader.config import Config, Team
from salesleader.email_analysis import analyze_emails, build_threads, reading_ease
from salesleader.errors import EmptyInputError, InputError, MalformedInputError
from salesleader.importers.email_files import load_emails, split_reply

runner = CliRunner()
ROSTER = Config(team=Team(domains=("northwind.example",)))


@pytest.fixture
def mail(data) -> Path:
    return data / "email"


def test_email_mbox_thread_quotes_and_signature_are_separated(mail):
    emails = load_emails(mail / "two_threads.mbox")
    assert [e.message_id for e in emails] == ["<a1@northwind.example>", "<a2@northwind.example>",
                                              "<a3@northwind.example>", "<b1@northwind.example>",
                                              "<b2@alderlogistics.example>"]
    bump = emails[1]
    assert bump.body.startswith("Hi Priya,\n\nJust checking in on my last email.")
    assert "leading AI-powered" not in bump.body and "leading AI-powered" in bump.quoted
    assert bump.signature == "Thanks,\nGreg"
    assert bump.in_reply_to == "<a1@northwind.example>"
    assert emails[0].signature.startswith("Best,\nGreg Walsh\nAccount Executive")


def test_email_html_only_in_windows_1252_with_gmail_quote(mail):
    reply = load_emails(mail / "two_threads.mbox")[4]
    assert reply.html_only
    assert reply.body.startswith("Maya – that’s a useful way to look at it.")
    assert "p{margin" not in reply.body  # styles dropped
    assert "walking me through" in reply.quoted and "walking me through" not in reply.body


def test_email_base64_multipart_with_attachment(mail):
    (message,) = load_emails(mail / "multipart_base64.eml")
    assert message.body.startswith("Hi Ellen,\n\nIt sounds like the no-shows")
    assert "%PDF" not in message.body
    assert message.signature == "Best regards,\nMaya"


def test_email_quoted_printable_latin1_and_encoded_headers(mail):
    (message,) = load_emails(mail / "latin1_quoted_printable.eml")
    assert message.sender.name == "Zoë Laurent"
    assert message.subject == "Suite à notre appel"
    assert "café chain: what would success look like for your franchisees" in message.body


def test_email_unknown_charset_falls_back_to_latin1_and_says_so(mail):
    (message,) = load_emails(mail / "unknown_charset.eml")
    assert message.body == "Priya, any update on café pricing?"
    assert message.notes and "x-unknown-8bit" in message.notes[0]


def test_email_forwarded_chain_is_history_not_the_authors_words(mail):
    (message,) = load_emails(mail / "forwarded_chain.eml")
    assert message.body == ("Sam, this is the thread I mentioned. Who on your side has seen this "
                            "kind of launch delay before?")
    assert "Brightpath launch slipped" in message.quoted


def test_email_malformed_headers_do_not_make_the_email_unreadable():
    """The standard library's structured header parsing raised on a cut address
    (IndexError); headers are read raw now: the rest of the email is kept, 8-bit header
    bytes are decoded as UTF-8 or Latin-1, an encoded name may hold a comma, and a word in
    an unknown charset is decoded as UTF-8."""
    from salesleader.importers.email_files import parse_email_bytes

    cut = parse_email_bytes(b"From: Ann Lee <ann@vendor.example>\nTo: Dana Ruiz <dana@\n"
                            b"Subject: Next steps\nDate: Mon, 1 Jun 2026 10:00:00 +0000\n\n"
                            b"What would change for your team?\n", "cut.eml")
    assert (cut.sender.email, cut.subject, cut.date.day) == ("ann@vendor.example", "Next steps", 1)
    assert [(p.name, p.email) for p in cut.recipients] == [("Dana Ruiz", None)]
    assert cut.body.startswith("What would change")
    latin1 = parse_email_bytes("From: Jos\xe9 Ruiz <jose@client.example>\nSubject: Caf\xe9\n\n"
                               "Hi\n".encode("latin-1"), "latin1.eml")
    assert (latin1.sender.name, latin1.subject) == ("José Ruiz", "Café")
    encoded = parse_email_bytes(b"From: =?utf-8?q?Lee=2C_Ann?= <ann@v.example>\nTo: "
                                b"=?utf-8x?q?Jos=C3=A9?= <j@c.example>, \"Ruiz, Dana\" "
                                b"<dana@c.example>\nSubject: =?bogus?q?Caf=C3=A9?=\n\nHi\n",
                                "encoded.eml")
    assert encoded.sender.name == "Lee, Ann" and encoded.subject == "Café"
    assert [p.name for p in encoded.recipients] == ["José", "Ruiz, Dana"]


def test_email_split_reply_outlook_header_and_mobile_signature():
    body, quoted, signature = split_reply(
        "Sounds good, see you then.\n\nSent from my iPhone\n\n-----Original Message-----\n"
        "From: Ann\nSent: Monday\nSubject: hi\n\nOld text")
    assert body == "Sounds good, see you then."
    assert quoted.startswith("-----Original Message-----")
    assert signature == "Sent from my iPhone"


@pytest.mark.parametrize("name,kind,line", [
    ("empty.eml", EmptyInputError, None),
    ("not_an_email.eml", MalformedInputError, 1),
    ("attachment.eml", MalformedInputError, None),
    ("no_from_line.mbox", MalformedInputError, 1),
    ("no_sender.eml", MalformedInputError, None),
])
def test_email_malformed_files_are_one_line_errors(mail, name, kind, line):
    with pytest.raises(kind) as caught:
        load_emails(mail / "bad" / name)
    message = str(caught.value)
    assert "\n" not in message and message.startswith(str(mail / "bad" / name))
    assert caught.value.line == line
    assert "expected an email" in message
    with pytest.raises(InputError):
        load_emails(mail / "bad" / "missing.eml")


def test_email_threads_from_references_with_subject_fallback(mail):
    emails = load_emails(mail / "long_thread.mbox") + load_emails(mail / "two_threads.mbox")
    threads = build_threads(emails)
    assert {threads[f"<g{k}@thread.example>"] for k in range(6)} == {"<g0@thread.example>"}
    assert threads["<a3@northwind.example>"] == "<a1@northwind.example>"
    assert threads["<b2@alderlogistics.example>"] == "<b1@northwind.example>"
    # No references at all: the normalised subject joins "Re: Beacon..." to its thread.
    from dataclasses import replace

    orphan = replace(emails[-3], message_id="<x@y>", in_reply_to=None, references=())
    assert build_threads([*emails, orphan])["<x@y>"] == "<a1@northwind.example>"


def test_email_scores_checking_in_low_and_insight_high_with_reasons(mail):
    report = analyze_emails(load_emails(mail / "two_threads.mbox"), ROSTER)
    by_id = {e["message_id"]: e for e in report["emails"]}
    bump, insight = by_id["<a3@northwind.example>"], by_id["<b1@northwind.example>"]
    assert bump["checking_in"] is True
    assert bump["evidence"]["checking_in"][0]["quote"] == "Bumping this to the top of your inbox."
    assert insight["checking_in"] is False and insight["insight_statements"] >= 1
    assert insight["score"] - bump["score"] >= 50
    assert "-25 checking in without bringing anything new" in bump["reasons"]
    assert any("insight" in r for r in insight["reasons"])
    assert by_id["<a2@northwind.example>"]["pressure_statements"] == 1
    assert by_id["<b2@alderlogistics.example>"]["side"] == "customer"
    assert by_id["<b2@alderlogistics.example>"]["score"] is None


def one_email(body: str) -> dict:
    """The analysed entry of one seller email to a customer, with ``body`` as written."""
    from salesleader.model import Email, Participant

    seller = Participant("Sam Roe", email="sam@northwind.example")
    buyer = Participant("Kim Wu", email="kim@alder.example")
    item = Email("<x@northwind.example>", "Churn", seller, (buyer,), None, body)
    return analyze_emails([item], ROSTER)["emails"][0]


def test_email_insight_about_a_feature_word_counts_but_not_about_our_product():
    text = "Across our customers, pricing is rarely the real reason for churn."
    assert one_email(text)["insight_statements"] == 1
    assert one_email("Across our customers, our pricing is the lowest.")[
        "insight_statements"] == 0


def test_email_customer_focus_quotes_the_sentences_behind_it(mail):
    """Evidence for every number: the focus ratio quotes the sentences most about the
    customer and most about the sender, the side the ratio leans to first."""
    leaning = one_email("We built our platform for teams like yours. We think we can help. "
                        "What would change for you?")
    assert leaning["customer_focus_ratio"] < 0.5
    assert [(q["label"], q["quote"]) for q in leaning["evidence"]["customer_focus_ratio"]] == [
        ("i/we", "We think we can help."),
        ("i/we", "We built our platform for teams like yours."),
        ("you", "What would change for you?")]
    even = one_email("We can help you.")
    assert even["customer_focus_ratio"] == 0.5
    assert even["evidence"]["customer_focus_ratio"] == [
        {"quote": "We can help you.", "label": "you and i/we"}]
    report = analyze_emails(load_emails(mail / "two_threads.mbox"), ROSTER)
    assert all(e["evidence"]["customer_focus_ratio"] for e in report["emails"]
               if e["customer_focus_ratio"] is not None)


def test_email_a_name_in_the_salutation_is_no_personalisation():
    text = "Hi Kim,\n\nJust checking in on the proposal.\n\nThanks,\nSam"
    assert one_email(text)["personalisation"] == 0
    text = "Hi Kim,\n\nKim, your team at Alder mentioned the backlog."
    assert one_email(text)["personalisation"] >= 1


def test_email_personalisation_includes_their_words_reported_back():
    # What the customer said on a call, reported back: personal though the thread holds
    # none of it; the reason says so in plain words.
    email = one_email("Hi Kim,\n\nYou said your dispatchers have worked eleven Saturdays "
                      "since the peak. Here is what I'd measure.\n\nSam")
    assert email["personalisation"] == 1
    assert email["evidence"]["personalisation"][0]["quote"].startswith("You said your")
    assert '+10 personal: reports their words ("you said")' in email["reasons"]
    assert one_email("Hi Kim,\n\nWe said we would send the deck.")["personalisation"] == 0


def test_email_personalisation_reuses_the_customers_earlier_words(mail):
    report = analyze_emails(load_emails(mail / "long_thread.mbox"), ROSTER)
    last = report["emails"][-1]
    assert "rachel" in last["evidence"]["personal_terms"]
    assert last["personalisation"] >= 1


def test_email_threads_reply_speed_and_what_came_before_the_reply(mail):
    report = analyze_emails(load_emails(mail / "two_threads.mbox")
                            + load_emails(mail / "long_thread.mbox"), ROSTER)
    threads = {t["subject"]: t for t in report["threads"]}
    alder = threads["Repeat contacts at Alder"]
    assert alder["customer_replied"] is True and alder["reply_hours"] == 5.5
    assert alder["replied_after"] == "insight"
    beacon = threads["Beacon for Harbor Fitness"]
    assert beacon["customer_replied"] is False and beacon["reply_hours"] is None
    # The weakest: checking in and pushing the price, "Hi Priya," its only reference to her
    # (a salutation is no personalisation).
    assert beacon["rewrite"]["message_id"] == "<a2@northwind.example>"
    assert beacon["rewrite"]["cut"] == [
        "Just checking in on my last email.", "Did you get a chance to look at Beacon?",
        "Our pricing goes up in January, so you need to move quickly if you want the discount."]
    assert threads["Claims proposal"]["replied_after"] == "insight"


def test_email_sides_inferred_without_roster(mail):
    report = analyze_emails(load_emails(mail / "two_threads.mbox"))
    assert report["seller"]["how"] == "inferred"
    assert report["seller"]["addresses"] == ["greg.walsh@northwind.example",
                                             "maya.chen@northwind.example"]


def test_email_reading_ease():
    easy = reading_ease([["the", "cat", "sat", "on", "the", "mat"]])
    hard = reading_ease([["notwithstanding", "organisational", "considerations", "comprehensive",
                          "implementation", "necessitates", "coordination"]])
    assert easy is not None and hard is not None and easy > 90 > 0 > hard


def test_email_cli_json_schema_and_bad_files_keep_going(mail, tmp_path):
    config = tmp_path / "salesleader.toml"
    config.write_text('[team]\ndomains = ["northwind.example"]\n')
    result = runner.invoke(app, ["email", "analyze", str(mail / "two_threads.mbox"),
                                 str(mail / "bad" / "empty.eml"), "--format", "json",
                                 "--config", str(config)])
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    assert report["schema"] == "salesleader.email-report/1"
    fields = {"message_id", "thread_id", "from", "side", "date", "checking_in", "questions",
              "insight_statements", "customer_focus_ratio", "personalisation",
              "pressure_statements", "words", "score", "reasons", "evidence"}
    assert all(fields <= set(e) for e in report["emails"])
    assert all({"thread_id", "subject", "emails", "customer_replied", "reply_hours"} <= set(t)
               for t in report["threads"])
    assert "empty.eml: the file is empty" in result.stderr


def test_email_cli_folder_text_and_html(mail):
    text = runner.invoke(app, ["email", "analyze", str(mail / "long_thread.mbox")])
    assert text.exit_code == 0 and "Threads" in text.stdout
    page = runner.invoke(app, ["email", "analyze", str(mail / "long_thread.mbox"), "--format",
                               "html"])
    assert page.exit_code == 0
    assert page.stdout.startswith("<!doctype html>") and "Claims proposal" in page.stdout
    assert "<script" not in page.stdout


def test_email_ingest_links_accounts_counts_reach_and_feeds_the_panels(store_url, mail, data,
                                                                        tmp_path):
    from salesleader.store.database import open_engine
    from salesleader.store.email_store import load_emails_stored
    from salesleader.store.ingest import ingest
    from salesleader.store.repository import load_calls
    from salesleader.team import account_view, rep_view

    engine = open_engine(store_url)
    calls = tmp_path / "calls"
    calls.mkdir()
    for name in ("discovery_well_led.vtt", "discovery_well_led.vtt.meta.json"):
        (calls / name).write_bytes((Path(__file__).parents[1] / "salesleader" / "samples" /
                                    name).read_bytes())
    first = ingest(engine, [calls, mail / "two_threads.mbox", mail / "long_thread.mbox"],
                   config=ROSTER)
    assert len(first.new) == 3 and not first.failed
    assert len(ingest(engine, [mail / "two_threads.mbox"], config=ROSTER).unchanged) == 1
    # Emails stored under an older language layer (or before it was recorded) are redone.
    import sqlalchemy as sa

    from salesleader.store.email_store import EMAIL_ANALYZER_VERSION
    from salesleader.store.schema import emails as email_table

    with engine.begin() as connection:
        connection.execute(sa.update(email_table).values(analyzer_version=EMAIL_ANALYZER_VERSION))
    assert len(ingest(engine, [mail / "two_threads.mbox"], config=ROSTER).new) == 1
    assert len(ingest(engine, [mail / "two_threads.mbox"], config=ROSTER).unchanged) == 1
    # Another roster decides sides differently: the emails are analysed again with it.
    inferred = ingest(engine, [mail / "two_threads.mbox"], config=Config())
    assert len(inferred.new) == 1
    with engine.connect() as connection:
        sides = {e.message_id: e.entry["side"] for e in load_emails_stored(connection)}
    assert sides["<b1@northwind.example>"] == "seller"
    assert len(ingest(engine, [mail / "two_threads.mbox"], config=ROSTER).new) == 1
    with engine.connect() as connection:
        stored, emails = load_calls(connection), load_emails_stored(connection)
    assert {e.account_key for e in emails if "alder" in (e.entry["from"]["email"] or "")} == {
        "alder logistics"}
    view = account_view(stored, "Alder Logistics", emails)
    assert view["emails"]["sent"] >= 1 and view["emails"]["threads_replied"] >= 1
    daniel = next(p for p in view["multi_threading"]["people"] if p["name"] == "Daniel Ortiz")
    assert daniel["spoke"] and daniel["wrote"] and daniel["emailed"]
    rep = rep_view(stored, "Maya Chen", emails)
    assert rep["emails"]["sent"] == 6  # one in two_threads.mbox, five in the long thread
    assert rep["emails"]["weakest"][0]["score"] <= rep["emails"]["mean_score"]


@pytest.mark.parametrize("nudge", ["Just pinging you on this.", "Floating this back up.",
                                   "In case this got buried: did you see the proposal?"])
def test_email_nudges_in_other_words_are_checking_in(tmp_path, nudge):
    message = (f"From: Greg Walsh <greg.walsh@northwind.example>\n"
               f"To: Priya Nair <priya.nair@harborfitness.example>\n"
               f"Subject: Re: Beacon\nMessage-ID: <n1@northwind.example>\n\n"
               f"Hi Priya,\n\n{nudge}\n\nThanks,\nGreg\n")
    path = tmp_path / "nudge.eml"
    path.write_text(message, encoding="utf-8")
    report = analyze_emails(load_emails(path), ROSTER)
    assert report["emails"][0]["checking_in"] is True

