"""SubmissionDoc + its DOCX → an e-mail message (.eml) to the consultation's `submission.address`.

Invariant: the message is reproducible and safe. Its Date comes from the submission's date, its
Message-ID and MIME boundary from a hash of its content — never the clock or a random source — so
the same draft gives the same bytes; and no text from a YAML file reaches a header with a line break
in it (each header value is made one line first), so a crafted organisation or subject cannot add a
header (a Bcc, say). Lines end in CRLF (`email.policy.SMTP`); the body and attachment are 7-bit clean.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import textwrap
import unicodedata
from email.errors import MessageError
from email.headerregistry import Address
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import format_datetime

from ..labels import labels_for
from ..submission import SubmissionDoc
from .errors import RenderError

DOCX_TYPE = ("application", "vnd.openxmlformats-officedocument.wordprocessingml.document")
POLICY = SMTP.clone(cte_type="7bit")
"""CRLF line ends; non-ASCII text is quoted-printable or base64, never raw 8-bit."""
NO_ADDRESS = "the consultation gives no e-mail address to send to (submission.address)"
NO_SENDER = "the draft gives no e-mail address to send from (respondent.email)"
FALLBACK_DOMAIN = "drafter.invalid"

_ADDR_SPEC = re.compile(r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+")
"""An ASCII address: one local part, one dotted domain; no spaces, commas or angle brackets (one recipient)."""
_BREAKS = re.compile(r"[\x00-\x1f\x7f\x85\u2028\u2029]+")


def one_line(text: str | None) -> str:
    """Header-safe text: line breaks and other control characters become a space, runs of space one."""
    return " ".join(_BREAKS.sub(" ", text or "").split())


def address(text: str | None) -> str | None:
    """`text` as a bare address (a `mailto:` prefix dropped) when it is exactly one e-mail address, else None."""
    value = (text or "").strip()
    if value.lower().startswith("mailto:"):
        value = value[len("mailto:"):]
    return value if _ADDR_SPEC.fullmatch(value) and ".." not in value else None


def slug(text: str | None, limit: int = 60) -> str:
    """ASCII lower-case words joined by hyphens ("Example Registry & Co" → "example-registry-co")."""
    ascii_text = unicodedata.normalize("NFKD", text or "").encode("ascii", "ignore").decode()
    return "-".join(re.findall(r"[a-z0-9]+", ascii_text.lower()))[:limit].strip("-")


def attachment_name(doc: SubmissionDoc) -> str:
    """`<organisation>-response.docx` (else the respondent's name, else `response.docx`)."""
    who = slug(doc.respondent.organisation) or slug(doc.respondent.name)
    return f"{who}-response.docx" if who else "response.docx"


def subject(doc: SubmissionDoc) -> str:
    """The consultation's `submission.subject`, else "Response of ORGANISATION to TITLE" (in the
    consultation's language: `labels`)."""
    given = one_line(doc.consultation.submission.subject)
    if given:
        return given
    label = labels_for(doc.consultation.language)
    who = one_line(doc.respondent.organisation) or one_line(doc.respondent.name)
    title = one_line(doc.consultation.title)
    return label("email_subject", who=who, title=title) if who else label("email_subject_unnamed", title=title)


def body(doc: SubmissionDoc, filename: str) -> str:
    """The short covering note, in the consultation's language: who responds, to which consultation,
    and what is attached (lines of at most 76 characters where the words allow, so plain ASCII goes
    as 7bit)."""
    r, con = doc.respondent, doc.consultation
    label = labels_for(con.language)
    who = one_line(r.organisation) or one_line(r.name) or label("respondent")
    title = one_line(con.title) + (f" ({one_line(con.url)})" if con.url else "")
    paragraphs = [
        label("email_greeting", organiser=one_line(con.organiser)),
        label("email_body", who=who, title=title),
        label("email_attachment", filename=filename),
        "\n".join([label("email_closing"), *[x for x in (one_line(r.name), one_line(r.role), one_line(r.organisation), one_line(r.email)) if x]]),
    ]
    wrap = lambda text: "\n".join(textwrap.fill(line, 76, break_long_words=False, break_on_hyphens=False) for line in text.split("\n"))
    return "\n\n".join(wrap(p) for p in paragraphs) + "\n"


def render_eml(doc: SubmissionDoc, docx: bytes) -> bytes:
    """The message's bytes: to `submission.address`, from the respondent, with `docx` attached.
    RenderError when either address is missing or is not one e-mail address."""
    to = address(doc.consultation.submission.address)
    if to is None:
        raise RenderError(NO_ADDRESS)
    sender = address(doc.respondent.email)
    if sender is None:
        raise RenderError(NO_SENDER)
    filename = attachment_name(doc)
    title = subject(doc)
    date = format_datetime(dt.datetime.combine(doc.date, dt.time(), tzinfo=dt.UTC))
    seed = hashlib.sha256("\n".join((to, sender, one_line(doc.respondent.name), title, date, filename)).encode() + docx).hexdigest()
    domain = sender.rpartition("@")[2] or FALLBACK_DOMAIN
    try:
        msg = EmailMessage(policy=POLICY)
        msg["From"] = Address(display_name=one_line(doc.respondent.name), addr_spec=sender)
        msg["To"] = Address(addr_spec=to)
        msg["Subject"] = title
        msg["Date"] = date
        msg["Message-ID"] = f"<{seed[:32]}@{domain}>"
        msg.set_content(body(doc, filename))
        msg.add_attachment(docx, maintype=DOCX_TYPE[0], subtype=DOCX_TYPE[1], filename=filename)
        for part in msg.iter_attachments():
            del part["MIME-Version"]  # (the message's own header says it once)
        msg.set_boundary(f"==drafter-{seed[32:56]}==")  # (otherwise a random one)
        return msg.as_bytes(policy=POLICY)
    except (MessageError, ValueError, TypeError) as exc:  # a value the email package refuses
        raise RenderError(f"cannot write the e-mail: {one_line(str(exc))}") from None
