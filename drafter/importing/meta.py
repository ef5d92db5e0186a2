"""What a call says about itself and its respondent: the respondent fields it asks for, consent to
publish, required/optional marks and their legend, the organiser, the language, the document's
revision. Pure functions over text.
"""

from __future__ import annotations

import re

# respondent field → what a form prints for it (checked in this order: "Name of organisation" is the
# organisation, not the name)
_FIELDS: list[tuple[str, re.Pattern[str]]] = [
    ("capacity", re.compile(r"\b(individual|personal capacity|in (?:a|your) personal)\b.*\b(organi[sz]ation|behalf)\b|\bcapacity\b|"
                            r"\bresponding (?:as|on behalf)\b|\bà titre (?:individuel|personnel)\b|\ba t[ií]tulo (?:personal|individual)\b", re.I)),
    ("transparency_register", re.compile(r"\btransparency regist(?:er|ry)\b|\bregistre de transparence\b|\bregistro de transparencia\b", re.I)),
    ("stakeholder_group", re.compile(r"\b(?:giving|submitting|sending) (?:my|our|this) (?:contribution|response|feedback) as\b|"
                                     r"\bje (?:contribue|participe) en tant que\b|\bparticipo como\b|\bstakeholder\s*(?:group|category|type|constituency)?\b|\bsector\b|\btype of (?:organi[sz]ation|respondent|entity)\b|"
                                     r"\bgroupe de parties prenantes\b|\bpartes interesadas\b|\bcat[ée]gor[íi]e?a?\b", re.I)),
    ("organisation", re.compile(r"\borgani[sz]ation\b|\baffiliation\b|\binstitution\b|\bentity\b|\bcompany\b|\borganisme\b|\borganizaci[oó]n\b|\bentidad\b|\binstituci[oó]n\b", re.I)),
    ("email", re.compile(r"\be-?mail\b|\bcourriel\b|\bcorreo\b|\badresse électronique\b", re.I)),
    ("country", re.compile(r"\bcountry\b|\bpays\b|\bpa[ií]s\b|\bnationality\b", re.I)),
    ("region", re.compile(r"\bregion\b|\brégion\b|\bregi[oó]n\b", re.I)),
    ("role", re.compile(r"\brole\b|\bjob title\b|\bposition\b|^title\b(?! of)|/\s*title\b|\bfonction\b|\bcargo\b|\bpuesto\b", re.I)),
    ("name", re.compile(r"\bname\b|\bnom\b|\bnombre\b|\bprénom\b|\bapellido\b|\bsurname\b", re.I)),
]
_CONSENT = re.compile(
    r"\b(consent|agree|authori[sz]e|accept)\b.{0,80}\b(publi(?:sh|cation|shed)|made public|posted)\b|\bmay be (?:made )?publi(?:shed|c)\b|"
    r"\bwill be (?:made )?publi(?:shed|c)\b|\bconsent to publish\b|\bconsen[st]\w* .{0,40}publica\w*|\bautoris\w* .{0,40}publication\b|"
    r"\bpublicaci[oó]n\b.{0,40}\bautoriz\w*|^\W*publication privacy settings\b|^\W*param[eè]tres de confidentialit[ée] de la publication\b",
    re.I,
)
_REQUIRED = re.compile(r"[(\[]\s*(required|mandatory|compulsory|obligatoire|obligatorio|obligatoria|requerido|requis)\s*[)\]]|\*\s*$|^\s*\*", re.I)
_OPTIONAL = re.compile(r"[(\[]\s*(optional|facultati(?:f|ve)|opcional|optionnel(?:le)?)\s*[)\]]", re.I)
_LEGEND = re.compile(
    r"(questions?|fields?|items?|champs|preguntas|campos)\b.{0,40}(marked|with an? (?:asterisk|\*)|indicated|marqu[ée]s?|marcad[oa]s?|signal[ée]s?)"
    r".{0,40}(\*|asterisk|ast[ée]risque|asterisco).{0,40}(required|mandatory|compulsory|obligatoires?|obligatori[oa]s?|must)"
    r"|\*\s*(=|:|indicates|denotes|means|signale|indica)\s*(a\s+)?(required|mandatory|obligatoire|obligatorio)",
    re.I,
)
_ALL_OPTIONAL = re.compile(r"\b(all questions are optional|answering any question is optional|you (?:may|can) answer (?:any|some|only)|"
                           r"respond to (?:any|some|all or some)|toutes les questions sont facultatives|todas las preguntas son opcionales)\b", re.I)
_ALL_REQUIRED = re.compile(r"\b(all (?:the )?(?:questions|fields) (?:are|must be) (?:required|mandatory|compulsory|answered|completed|filled(?: in)?)|"
                           r"(?:answers? to )?(?:all|every) (?:questions?|fields?) (?:is|are) (?:required|mandatory|compulsory)|"
                           r"(?:toutes les questions|tous les champs) sont obligatoires|"
                           r"(?:todas las preguntas|todos los campos) son obligatori[oa]s)\b", re.I)

ORGANISERS = [
    ("Internet Governance Forum", r"\bInternet Governance Forum\b|\bIGF\b(?! [Ss]upport)"),
    ("ICANN", r"\bICANN\b"),
    ("European Commission", r"\bEuropean Commission\b|\bCommission européenne\b|\bComisi[oó]n Europea\b"),
    ("UN DESA", r"\bUN ?DESA\b|\bDepartment of Economic and Social Affairs\b"),
    ("CSTD", r"\bCSTD\b|\bCommission on Science and Technology for Development\b"),
    ("Office for Digital and Emerging Technologies", r"\bOffice for Digital and Emerging Technologies\b|\bODET\b"),
    ("ITU", r"\bInternational Telecommunication Union\b|\bITU\b"),
    ("UNESCO", r"\bUNESCO\b"),
    ("OECD", r"\bOECD\b"),
    ("Co-facilitators of the WSIS+20 Review, UN General Assembly", r"\bco-?facilitators?\b.{0,80}\bWSIS\b|\bWSIS\b.{0,80}\bco-?facilitators?\b"),
    ("Co-facilitators, UN General Assembly", r"\bco-?facilitators?\b"),
    ("UN General Assembly", r"\bGeneral Assembly\b"),
    ("RIPE NCC", r"\bRIPE NCC\b"),
    ("Internet Society", r"\bInternet Society\b"),
]
_GOVERNMENT = re.compile(
    r"\b((?:(?!(?:The|La|Le|Les|El|Los|Las|A|An|By|From|To)\b)[A-Z][\w'’-]*[ \u00a0]){0,3}(?:Government|Ministry|Department|Office|Agency|Authority|Commission|Ministère|Ministerio|Secretar[ií]a|Gouvernement|Gobierno)"
    r"\s+(?:of|for|de|del|de la|du|des)\s+[A-Z][\w'’-]*(?:\s+(?:and|of|for|the|de|et|y|la|del|des|du)?\s*[A-Z][\w'’-]*){0,6})"
)

_STOP = {
    "en": {"the", "and", "of", "to", "in", "is", "for", "on", "with", "that", "this", "be", "are", "by", "your", "what", "how", "which"},
    "fr": {"le", "la", "les", "et", "des", "du", "de", "est", "une", "pour", "dans", "sur", "que", "qui", "vous", "votre", "au", "aux"},
    "es": {"el", "la", "los", "las", "y", "del", "de", "es", "una", "para", "en", "que", "por", "con", "su", "sus", "se", "al"},
}

_REVISION = [
    (re.compile(r"\bzero[- ]draft\b|\bavant-projet\b|\bborrador cero\b|\bprojet z[ée]ro\b", re.I), "zero-draft"),
    (re.compile(r"\belements? paper\b|\bdocument d'[ée]l[ée]ments\b|\bdocumento de elementos\b", re.I), "elements"),
    (re.compile(r"\bfinal draft\b", re.I), "final-draft"),
]
_REV_N = re.compile(r"\bRev(?:ision)?\.?\s*(\d+)\b|\b(first|second|third|fourth|fifth) revis(?:ion|ed draft)\b|\brevised draft\b", re.I)


def respondent_field(text: str) -> str | None:
    """The respondent field a short form line asks for ("Name of organisation:" → organisation),
    or None when the line is not such a field."""
    plain = text.strip().rstrip(":*_. ").strip()
    if not plain or len(plain.split()) > 14 or len(plain) > 110:
        return None
    if ("?" in plain or (len(plain.split()) >= 4 and is_question_text(plain))) and not _FIELDS[0][1].search(plain):
        if len(plain.split()) > 10 or not re.search(r"\b(your|you|votre|vous|su|usted)\b", plain, re.I):
            return None  # a question, unless it asks in which capacity one answers, or who one is
    if re.search(r"\b(describe|explain|how|why|views?|comment|think|should|propose|suggest|priorit|challenges?|would|could|role (?:in|of|for))\b", plain, re.I) and not _FIELDS[0][1].search(plain):
        return None
    for name, pattern in _FIELDS:
        if pattern.search(plain):
            if name == "role" and re.search(r"\btitle of (?:the|your) (?:submission|contribution|proposal|session)\b", plain, re.I):
                return None
            return name
    return None


_ASK_FOR = re.compile(
    r"\b(?:give|gives|giving|provide|provides|providing|indicate|indicates|indicating|include|includes|including|state|states|"
    r"supply|specify|mention|enter|submit with|ask(?:s|ed)? for|requested to give|"
    r"indiquer|indiquant|indiquez|fournir|fournissant|fournissez|préciser|précisant|précisez|mentionner|mentionnant|inclure|"
    r"indicar|indicando|indique|incluir|incluyendo|facilitar|facilitando|proporcionar|proporcionando|hacer constar|consignar)\b",
    re.I,
)
_DETERMINERS = re.compile(
    r"^(?:(?:the|your|their|his|her|its|our|a|an|each|le|la|les|l'|l’|leur|leurs|votre|vos|son|sa|ses|un|une|el|los|las|su|sus|"
    r"uno|una|[\w-]+(?:'s|’s))\s+|l['’])+",
    re.I,
)
_NAME_OF = re.compile(
    r"^(?:full\s+)?(?:name|nom|nombre|denominaci[oó]n)\s+(?:of|de|du|del|de la|de l['’])\s*(?:(?:your|the|their|votre|leur|su|la)\s+)?"
    r"(?=(?:organi[sz]ation|organisme|organizaci[oó]n|institution|instituci[oó]n|entity|entidad|entit[ée]|company|empresa|soci[ée]t[ée]))",
    re.I,
)
_LIST_SPLIT = re.compile(r"\s*[,;]\s*(?:(?:and|or|et|ou|y|o|as well as)\s+)?|\s+(?:and|or|et|ou|y|e|o|u|as well as|together with)\s+", re.I)
_HEAD_WORDS = 3


def _field_of_item(item: str) -> str | None:
    """The respondent field one item of a list names ("their name" → name, "the name of your
    organization" → organisation, "country where the organization is based" → country): the field
    word must head the item (within its first words, after a determiner)."""
    text = _DETERMINERS.sub("", item.strip(" .:()")).strip()
    text = _NAME_OF.sub("", text)
    head = " ".join(text.split()[:_HEAD_WORDS])
    best: tuple[int, int, str] | None = None
    for rank, (name, pattern) in enumerate(_FIELDS):
        if name == "capacity":
            continue
        if m := pattern.search(head):
            if best is None or (m.start(), rank) < best[:2]:
                best = (m.start(), rank, name)
    return best[2] if best else None


def respondent_fields_in_prose(sentence: str) -> list[str]:
    """The respondent fields a sentence asks respondents to give, in a list after a verb of asking:
    "Submitters are asked to give their name, affiliation and e-mail address", "indicando el nombre o
    razón social y un correo electrónico", "indiquer leur nom et leur adresse courriel". At least two
    fields must be listed (one field word in a sentence is too often about something else)."""
    m = _ASK_FOR.search(sentence)
    if m is None or len(sentence) > 400:
        return []
    tail = sentence[m.end():]
    if ":" in tail:
        tail = tail.split(":", 1)[1]
    tail = re.split(r"[.(](?:\s|$)|\s+(?:to|for|à|a|para|por|in|en|on|before|by|avant|antes)\s+(?=\S+@|the\b|la\b|le\b|el\b)", tail, maxsplit=1)[0]
    fields: list[str] = []
    for item in _LIST_SPLIT.split(tail):
        name = _field_of_item(item) if item.strip() else None
        if name is not None and name not in fields:
            fields.append(name)
    return fields if len(fields) >= 2 else []


def is_consent(text: str) -> bool:
    return bool(_CONSENT.search(text)) and len(text) < 600


def required_mark(text: str) -> tuple[bool | None, str]:
    """(True, text without the mark) for "…*" or "(required)", (False, …) for "(optional)", (None, text)."""
    if m := _OPTIONAL.search(text):
        return False, (text[: m.start()] + text[m.end():]).strip()
    if m := _REQUIRED.search(text):
        return True, (text[: m.start()] + text[m.end():]).strip()
    return None, text


def legend(text: str) -> str | None:
    """What a line says about required questions: "star" (marked * are required), "all-optional",
    "all-required", or None."""
    if _LEGEND.search(text):
        return "star"
    if _ALL_OPTIONAL.search(text):
        return "all-optional"
    if _ALL_REQUIRED.search(text):
        return "all-required"
    return None


def organiser(text: str) -> str | None:
    """The organiser named first in `text` (a known one, or a government body)."""
    best: tuple[int, int, str] | None = None
    for rank, (name, pattern) in enumerate(ORGANISERS):
        if m := re.search(pattern, text):
            if best is None or (m.start(), rank) < best[:2]:
                best = (m.start(), rank, name)
    if m := _GOVERNMENT.search(text):
        if best is None or m.start() < best[0]:
            return m.group(1).strip()
    return best[2] if best else None


def language(text: str) -> str:
    """en, fr or es by counts of common words (en when nothing says otherwise)."""
    words = re.findall(r"[a-zà-ÿ]+", text.lower()[:200_000])
    counts = {lang: sum(1 for w in words if w in stop) for lang, stop in _STOP.items()}
    best = max(counts, key=lambda k: counts[k])
    return best if counts[best] > counts["en"] else "en"


def revision(text: str) -> str | None:
    """The revision a document's heading names: zero-draft, rev1, elements…"""
    m = _REV_N.search(text)
    if m:
        if m.group(1):
            return f"rev{int(m.group(1))}"
        if m.group(2):
            return "rev" + str(["first", "second", "third", "fourth", "fifth"].index(m.group(2).lower()) + 1)
        return "revised-draft"
    for pattern, name in _REVISION:
        if pattern.search(text):
            return name
    return None


def slug(text: str, limit: int = 60) -> str:
    """An id from a title: lower-case ASCII letters, digits and '-'."""
    import unicodedata

    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", ascii_text.lower().replace("+", " plus "))
    out = ""
    for w in words:
        if len(out) + len(w) + 1 > limit:
            break
        out = f"{out}-{w}" if out else w
    return out or "imported-consultation"


def is_question_text(text: str) -> bool:
    """A line that reads as a question: ends with '?' or asks for something ("Please describe…")."""
    t = text.strip().rstrip("*").strip()
    if t.endswith(("?", "?)", "¿")) or re.search(r"\?\s*\*?\s*(\(|\[|$)", t):
        return True
    return bool(re.match(
        r"(please\s+)?(describe|explain|provide|share|list|identify|outline|indicate|give|tell|suggest|propose|comment|elaborate|specify|state|"
        r"summari[sz]e|discuss|detail|name|what|how|which|why|who|where|when|to what extent|in what|veuillez|décrivez|expliquez|indiquez|"
        r"quel(?:le)?s?|comment|pourquoi|dans quelle|por favor|describa|explique|indique|cu[aá]l(?:es)?|c[oó]mo|qu[eé]|en qu[eé])\b",
        t, re.I,
    ))
