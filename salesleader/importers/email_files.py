"""Emails in: ``.eml`` files and ``.mbox`` archives, parsed with the standard library.

Plain and HTML bodies (HTML reduced to text with BeautifulSoup), quoted replies,
forwarded history and signatures separated from the author's own words, character sets
decoded (an unknown charset falls back to Latin-1 with a note), and Message-IDs kept so
threads can be rebuilt. A file that is not an email is an ``InputError`` naming it.
"""

from __future__ import annotations

import email
import email.policy
import hashlib
import mailbox
import re
from collections.abc import Iterator
from email.errors import MessageError
from email.header import decode_header, make_header
from email.message import EmailMessage
from email.utils import getaddresses, parsedate_to_datetime
from pathlib import Path

from ..errors import EmptyInputError, InputError, MalformedInputError
from ..model import Email, Participant

__all__ = ["EMAIL_SUFFIXES", "load_emails", "parse_email_bytes", "split_reply"]

EMAIL_SUFFIXES = (".eml", ".mbox")
_HEADER_LINE = re.compile(rb"^[!-9;-~]+:[ \t]")
_FOLD = re.compile(r"\r?\n[ \t]+")
_REPLY_HEADER = re.compile(
    r"^(?:On .{4,300}?(?:wrote|écrit|schrieb):\s*$"
    r"|-{2,}\s*Original Message\s*-{2,}"
    r"|-{2,}\s*Forwarded message\s*-{2,}"
    r"|Begin forwarded message:"
    r"|From:\s.+$(?=\n(?:Sent|Date|To):))",
    re.IGNORECASE | re.MULTILINE | re.DOTALL,
)
_SIGN_OFF = re.compile(
    r"^(?:best|best wishes|thanks|thank you|many thanks|thanks again|regards|best regards|"
    r"kind regards|warm regards|cheers|all the best|sincerely|talk soon|speak soon)[,.!]?\s*$",
    re.IGNORECASE,
)
_MOBILE = re.compile(r"^Sent from my \w+", re.IGNORECASE)
EXPECTED = "an email (.eml, RFC 5322 headers then a body) or an mbox archive"


def _text_of_html(html: str) -> tuple[str, str]:
    """(own text, quoted text) of an HTML body: quoted blocks are set apart."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(html, "html.parser")
    for tag in soup(["style", "script", "head"]):
        tag.decompose()
    quoted_parts = []
    for tag in soup.select("blockquote, div.gmail_quote, div.yahoo_quoted, #divRplyFwdMsg, "
                           "div.moz-cite-prefix"):
        quoted_parts.append(tag.get_text("\n"))
        tag.decompose()
    for br in soup.find_all("br"):
        br.replace_with("\n")
    text = soup.get_text("\n")
    return _tidy(text), _tidy("\n".join(quoted_parts))


def _tidy(text: str) -> str:
    lines = [line.rstrip() for line in text.replace("\r\n", "\n").replace("\xa0", " ").split("\n")]
    out: list[str] = []
    for line in lines:
        if line.strip() or (out and out[-1].strip()):
            out.append(line.strip() if not line.startswith(">") else line)
    return "\n".join(out).strip()


def split_reply(text: str) -> tuple[str, str, str]:
    """(own words, quoted history, signature) of a plain-text body."""
    text = _tidy(text)
    quoted = ""
    match = _REPLY_HEADER.search(text)
    if match:
        text, quoted = text[:match.start()], text[match.start():]
    own_lines, quoted_lines = [], []
    for line in text.split("\n"):
        (quoted_lines if line.lstrip().startswith(">") else own_lines).append(line)
    if quoted_lines:
        quoted = "\n".join(quoted_lines) + ("\n" + quoted if quoted else "")
    lines = own_lines
    signature: list[str] = []
    for position, line in enumerate(lines):
        stripped = line.strip()
        if stripped in ("--", "-- ") or _MOBILE.match(stripped) or (
            _SIGN_OFF.match(stripped) and len(lines) - position <= 8
        ):
            signature = lines[position:]
            lines = lines[:position]
            break
    return _tidy("\n".join(lines)), _tidy(quoted), _tidy("\n".join(signature))


def _decoded(part: EmailMessage) -> tuple[str, bool]:
    """A text part's content; ``True`` when its charset was unknown and Latin-1 was used."""
    try:
        return str(part.get_content()), False
    except (LookupError, UnicodeDecodeError):
        payload = part.get_payload(decode=True) or b""
        return payload.decode("latin-1", errors="replace"), True


def _headers(message: EmailMessage, name: str, *, decode: bool = True) -> list[str]:
    """Every value of header ``name``, unfolded and (``decode``) with its encoded words
    decoded, read from the raw header: the structured parsing of ``email.policy.default``
    raises on some malformed headers (IndexError, AttributeError), and one bad header must
    not make the whole email unreadable."""
    values = []
    for key, raw in message.raw_items():
        if key.lower() != name.lower():
            continue
        # 8-bit bytes in a raw header arrive as surrogates: UTF-8, else Latin-1, as mail
        # clients write them
        text = _FOLD.sub(" ", str(raw)).strip().encode("utf-8", "surrogateescape")
        try:
            decoded = text.decode("utf-8")
        except UnicodeDecodeError:
            decoded = text.decode("latin-1")
        values.append(_encoded_words(decoded) if decode else decoded)
    return values


def _encoded_words(text: str) -> str:
    """RFC 2047 encoded words (``=?utf-8?q?Jos=C3=A9?=``) decoded; a word in an unknown
    charset as UTF-8, else Latin-1; a broken one left as written."""
    if "=?" not in text:
        return text
    try:
        chunks = decode_header(text)
    except (ValueError, MessageError):
        return text
    try:
        return str(make_header(chunks))
    except (LookupError, UnicodeError, ValueError, MessageError):
        pass  # a charset Python does not know: each word by hand
    out = []
    for chunk, charset in chunks:
        if isinstance(chunk, str):
            out.append(chunk)
            continue
        try:
            out.append(chunk.decode(charset or "ascii"))
        except (LookupError, UnicodeDecodeError):
            try:
                out.append(chunk.decode("utf-8"))
            except UnicodeDecodeError:
                out.append(chunk.decode("latin-1"))
    return "".join(out)


def _header(message: EmailMessage, name: str) -> str:
    found = _headers(message, name)
    return found[0] if found else ""


def _people(message: EmailMessage, *headers: str) -> tuple[Participant, ...]:
    """The addresses, split before their names are decoded (an encoded name may hold a
    comma: "=?utf-8?q?Lee=2C_Ann?=")."""
    values = [value for h in headers for value in _headers(message, h, decode=False)]
    return tuple(Participant(name=(_encoded_words(name) or address).strip(),
                             email=address.lower() or None)
                 for name, address in getaddresses(values) if address or name)


def _ids(value: str | None) -> tuple[str, ...]:
    return tuple(re.findall(r"<[^<>\s]+>", value or ""))


def parse_email_bytes(data: bytes, source: str) -> Email:
    """One RFC 5322 message; ``InputError`` when it is not one."""
    if not data.strip():
        raise EmptyInputError(source, "the file is empty", expected=EXPECTED)
    first = data.lstrip(b"\xef\xbb\xbf\r\n").split(b"\n", 1)[0]
    if not _HEADER_LINE.match(first) and not first.startswith(b"From "):
        raise MalformedInputError(source, "no email headers at the top", line=1,
                                  expected=EXPECTED)
    message = email.message_from_bytes(data, policy=email.policy.default)
    assert isinstance(message, EmailMessage)
    from_header = _header(message, "From")
    if not from_header:
        raise MalformedInputError(source, "no From header", expected=EXPECTED)
    sender = _people(message, "From")
    if not sender:
        raise MalformedInputError(source, f"unreadable From header {from_header!r}",
                                  expected="From: Name <address>")
    try:
        plain = message.get_body(preferencelist=("plain",))
        html = message.get_body(preferencelist=("html",))
        charset = (plain or html).get_content_charset() if plain or html else None
    except (IndexError, AttributeError, ValueError, TypeError, MessageError) as error:
        # The standard library's MIME structure parsing, on a malformed Content-Type
        raise MalformedInputError(source, f"unreadable MIME structure ({type(error).__name__})",
                                  expected=EXPECTED) from None
    html_only = plain is None and html is not None
    quoted = signature = ""
    fallback = False
    if plain is not None:
        text, fallback = _decoded(plain)  # type: ignore[arg-type]
        body, quoted, signature = split_reply(text)
    elif html is not None:
        markup, fallback = _decoded(html)  # type: ignore[arg-type]
        text, html_quoted = _text_of_html(markup)
        body, quoted, signature = split_reply(text)
        quoted = "\n".join(q for q in (quoted, html_quoted) if q)
    else:
        body = ""
    date = None
    if date_header := _header(message, "Date"):
        try:
            date = parsedate_to_datetime(date_header)
        except (TypeError, ValueError, IndexError):
            date = None
    message_id = (_ids(_header(message, "Message-ID")) or
                  (f"<{hashlib.sha256(data).hexdigest()[:24]}@salesleader.generated>",))[0]
    in_reply_to = _ids(_header(message, "In-Reply-To"))
    return Email(
        message_id=message_id,
        subject=_header(message, "Subject").strip(),
        sender=sender[0],
        recipients=_people(message, "To", "Cc"),
        date=date,
        body=body,
        quoted=quoted,
        signature=signature,
        in_reply_to=in_reply_to[0] if in_reply_to else None,
        references=_ids(_header(message, "References")),
        source=source,
        html_only=html_only,
        notes=(f"unknown charset {charset!r}: decoded as Latin-1",) if fallback else (),
    )


def _mbox(path: Path) -> Iterator[Email]:
    data = path.read_bytes()
    if not data.strip():
        raise EmptyInputError(path, "the file is empty", expected=EXPECTED)
    if not data.lstrip().startswith(b"From "):
        raise MalformedInputError(path, "an mbox archive starts with a 'From ' line", line=1,
                                  expected=EXPECTED)
    box = mailbox.mbox(str(path), create=False)
    try:
        for position, key in enumerate(box.iterkeys()):
            yield parse_email_bytes(box.get_bytes(key), f"{path}#{position + 1}")
    finally:
        box.close()


def load_emails(path: str | Path) -> list[Email]:
    """Every email in one ``.eml`` or ``.mbox`` file (content decides, not the name)."""
    path = Path(path)
    try:
        head = path.read_bytes()[:5]
    except FileNotFoundError:
        raise InputError(path, "no such file", expected=EXPECTED) from None
    except IsADirectoryError:
        raise InputError(path, "is a directory", expected=EXPECTED) from None
    if b"\x00" in path.read_bytes()[:4096]:
        raise MalformedInputError(path, "this is a binary file, not an email", expected=EXPECTED)
    if head.startswith(b"From ") or path.suffix == ".mbox":
        return list(_mbox(path))
    return [parse_email_bytes(path.read_bytes(), str(path))]
