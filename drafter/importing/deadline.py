"""Deadlines written out: a date, a time and a time zone in words, in English, French or Spanish.

"by 23:59 UTC on 31 January 2026", "midnight CEST, 15 July 2025", "31 January 2026, 23:59 (Geneva
time)", "15/07/2025 17:00 CET", "January 31, 2026 at 11:59 p.m. EST", "23:59 AoE", "COB".

Named zones ("Geneva time", "Eastern Time") are IANA zones, so the offset is the one in force on that
date (summer time included). An abbreviation ("CEST", "EST") stands for a fixed offset; when it
contradicts the date (CEST in January) the stated offset is kept and the result says so. Whatever
is assumed — no year, no time, no zone, "midnight", "COB", day/month order — is a note for a
`# check:` comment.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

MONTHS = {
    # English
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7, "august": 8,
    "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
    # French
    "janvier": 1, "février": 2, "fevrier": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6, "juillet": 7, "août": 8, "aout": 8,
    "septembre": 9, "octobre": 10, "novembre": 11, "décembre": 12, "decembre": 12,
    # Spanish
    "enero": 1, "febrero": 2, "marzo": 3, "abril": 4, "mayo": 5, "junio": 6, "julio": 7, "agosto": 8,
    "septiembre": 9, "setiembre": 9, "octubre": 10, "noviembre": 11, "diciembre": 12,
}
_MONTH = "(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"

_DATE_PATTERNS = [
    ("iso", re.compile(r"\b(?P<year>\d{4})-(?P<mnum>\d{1,2})-(?P<day>\d{1,2})\b")),
    ("dmy", re.compile(r"\b(?P<day>\d{1,2})(?:st|nd|rd|th|er|º|°)?\s+(?:de\s+|of\s+)?" + _MONTH + r"(?:,?\s+(?:de\s+|del\s+)?(?P<year>\d{4}))?\b", re.IGNORECASE)),
    ("mdy", re.compile(r"\b" + _MONTH + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?\b(?:,?\s+(?P<year>\d{4}))?", re.IGNORECASE)),
    ("num", re.compile(r"\b(?P<a>\d{1,2})[/.](?P<b>\d{1,2})[/.](?P<year>\d{4}|\d{2})\b")),
]

# abbreviation → (fixed offset in minutes, the IANA zone it names)
ABBREVIATIONS: dict[str, tuple[int, str]] = {
    "UTC": (0, "UTC"), "GMT": (0, "UTC"), "Z": (0, "UTC"),
    "CET": (60, "Europe/Brussels"), "CEST": (120, "Europe/Brussels"), "MEZ": (60, "Europe/Berlin"), "MESZ": (120, "Europe/Berlin"),
    "EET": (120, "Europe/Athens"), "EEST": (180, "Europe/Athens"), "WET": (0, "Europe/Lisbon"), "WEST": (60, "Europe/Lisbon"),
    "BST": (60, "Europe/London"),
    "EST": (-300, "America/New_York"), "EDT": (-240, "America/New_York"),
    "CST": (-360, "America/Chicago"), "CDT": (-300, "America/Chicago"),
    "MST": (-420, "America/Denver"), "MDT": (-360, "America/Denver"),
    "PST": (-480, "America/Los_Angeles"), "PDT": (-420, "America/Los_Angeles"),
    "IST": (330, "Asia/Kolkata"), "JST": (540, "Asia/Tokyo"), "KST": (540, "Asia/Seoul"), "SGT": (480, "Asia/Singapore"),
    "HKT": (480, "Asia/Hong_Kong"), "AEST": (600, "Australia/Sydney"), "AEDT": (660, "Australia/Sydney"),
    "NZST": (720, "Pacific/Auckland"), "NZDT": (780, "Pacific/Auckland"), "SAST": (120, "Africa/Johannesburg"),
    "EAT": (180, "Africa/Nairobi"), "WAT": (60, "Africa/Lagos"), "CAT": (120, "Africa/Maputo"), "BRT": (-180, "America/Sao_Paulo"),
    "ART": (-180, "America/Argentina/Buenos_Aires"),
}
_US_ZONES = {"EST", "EDT", "CST", "CDT", "MST", "MDT", "PST", "PDT", "ET", "PT"}

# zone names and cities in words → IANA zone (the offset follows the date: summer time is right)
NAMED_ZONES: dict[str, str] = {
    "eastern time": "America/New_York", "eastern standard time": "America/New_York", "eastern daylight time": "America/New_York",
    "et": "America/New_York", "new york time": "America/New_York", "new york": "America/New_York", "washington": "America/New_York",
    "pacific time": "America/Los_Angeles", "pt": "America/Los_Angeles", "central time": "America/Chicago",
    "heure de l'est": "America/Toronto", "heure de l’est": "America/Toronto", "hora peninsular": "Europe/Madrid", "hora de madrid": "Europe/Madrid",
    "central european time": "Europe/Brussels", "central european summer time": "Europe/Brussels", "heure d'europe centrale": "Europe/Brussels",
    "geneva": "Europe/Zurich", "genève": "Europe/Zurich", "geneve": "Europe/Zurich", "ginebra": "Europe/Zurich",
    "brussels": "Europe/Brussels", "bruxelles": "Europe/Brussels", "bruselas": "Europe/Brussels",
    "paris": "Europe/Paris", "parís": "Europe/Paris", "vienna": "Europe/Vienna", "vienne": "Europe/Vienna", "berlin": "Europe/Berlin",
    "madrid": "Europe/Madrid", "rome": "Europe/Rome", "london": "Europe/London", "londres": "Europe/London",
    "nairobi": "Africa/Nairobi", "addis ababa": "Africa/Addis_Ababa", "tokyo": "Asia/Tokyo", "bangkok": "Asia/Bangkok",
    "riyadh": "Asia/Riyadh", "oslo": "Europe/Oslo", "the hague": "Europe/Amsterdam", "amsterdam": "Europe/Amsterdam",
    "los angeles": "America/Los_Angeles", "ottawa": "America/Toronto", "mexico": "America/Mexico_City", "santiago": "America/Santiago",
    "buenos aires": "America/Argentina/Buenos_Aires", "brasília": "America/Sao_Paulo", "brasilia": "America/Sao_Paulo",
    "canberra": "Australia/Sydney", "sydney": "Australia/Sydney", "singapore": "Asia/Singapore", "delhi": "Asia/Kolkata",
}
# countries that keep one time zone (a deadline given without a zone is read in the organiser's,
# as a guess) → IANA zone; names in English, French and Spanish
COUNTRY_ZONES: dict[str, str] = {
    "india": "Asia/Kolkata", "inde": "Asia/Kolkata", "spain": "Europe/Madrid", "espagne": "Europe/Madrid", "españa": "Europe/Madrid",
    "france": "Europe/Paris", "francia": "Europe/Paris", "germany": "Europe/Berlin", "allemagne": "Europe/Berlin", "alemania": "Europe/Berlin",
    "switzerland": "Europe/Zurich", "suisse": "Europe/Zurich", "suiza": "Europe/Zurich", "italy": "Europe/Rome", "italie": "Europe/Rome",
    "italia": "Europe/Rome", "belgium": "Europe/Brussels", "belgique": "Europe/Brussels", "bélgica": "Europe/Brussels",
    "netherlands": "Europe/Amsterdam", "pays-bas": "Europe/Amsterdam", "países bajos": "Europe/Amsterdam", "austria": "Europe/Vienna",
    "autriche": "Europe/Vienna", "sweden": "Europe/Stockholm", "suède": "Europe/Stockholm", "suecia": "Europe/Stockholm",
    "norway": "Europe/Oslo", "denmark": "Europe/Copenhagen", "finland": "Europe/Helsinki", "poland": "Europe/Warsaw",
    "ireland": "Europe/Dublin", "irlande": "Europe/Dublin", "irlanda": "Europe/Dublin", "united kingdom": "Europe/London",
    "royaume-uni": "Europe/London", "reino unido": "Europe/London", "japan": "Asia/Tokyo", "japon": "Asia/Tokyo", "japón": "Asia/Tokyo",
    "korea": "Asia/Seoul", "singapore": "Asia/Singapore", "kenya": "Africa/Nairobi", "nigeria": "Africa/Lagos",
    "south africa": "Africa/Johannesburg", "afrique du sud": "Africa/Johannesburg", "sudáfrica": "Africa/Johannesburg",
    "egypt": "Africa/Cairo", "pakistan": "Asia/Karachi", "bangladesh": "Asia/Dhaka", "sri lanka": "Asia/Colombo",
    "nepal": "Asia/Kathmandu", "philippines": "Asia/Manila", "filipinas": "Asia/Manila", "thailand": "Asia/Bangkok",
    "new zealand": "Pacific/Auckland", "colombia": "America/Bogota", "colombie": "America/Bogota", "peru": "America/Lima",
    "perú": "America/Lima", "argentina": "America/Argentina/Buenos_Aires", "argentine": "America/Argentina/Buenos_Aires",
    "uruguay": "America/Montevideo", "costa rica": "America/Costa_Rica", "israel": "Asia/Jerusalem", "turkey": "Europe/Istanbul",
    "türkiye": "Europe/Istanbul", "ghana": "Africa/Accra", "senegal": "Africa/Dakar", "sénégal": "Africa/Dakar",
    "rwanda": "Africa/Kigali", "ethiopia": "Africa/Addis_Ababa", "china": "Asia/Shanghai", "chine": "Asia/Shanghai",
}
_COUNTRY = re.compile(r"(?<![\w-])(?P<country>" + "|".join(re.escape(k) for k in sorted(COUNTRY_ZONES, key=len, reverse=True)) + r")(?![\w-])",
                      re.IGNORECASE)


def country_zone(text: str) -> tuple[str, str] | None:
    """(the country named first in `text`, its IANA zone), for countries with one time zone."""
    m = _COUNTRY.search(text)
    if m is None:
        return None
    name = m.group("country")
    return name, COUNTRY_ZONES[name.lower()]


def in_zone(found: FoundDeadline, zone: str, why: str) -> FoundDeadline:
    """A deadline read without a time zone, read again in `zone` (the offset in force that day), as
    a guess whose note says `why`."""
    from zoneinfo import ZoneInfo

    naive = found.value.replace(tzinfo=None)
    offset = dt.datetime.combine(naive.date(), naive.time(), tzinfo=ZoneInfo(zone)).utcoffset()
    assert offset is not None
    notes = [n for n in found.notes if not n.startswith("no time zone given")]
    notes.append(f"no time zone given: {zone} assumed ({why})")
    return FoundDeadline(naive.replace(tzinfo=dt.timezone(offset)), notes, found.has_time, False)


_CITY_TIME = re.compile(
    r"\b(?P<city>" + "|".join(re.escape(k) for k in sorted(NAMED_ZONES, key=len, reverse=True) if k not in ("et", "pt")) + r")\s*(?:time|local time|\(?local\)?)\b"
    r"|\b(?:heure|hora)\s+(?:de\s+|d'|locale\s+de\s+|local\s+de\s+)?(?P<city2>" + "|".join(re.escape(k) for k in NAMED_ZONES) + r")\b"
    r"|\b(?P<name>eastern (?:standard |daylight )?time|pacific time|central time|central european (?:summer )?time|heure d'europe centrale|"
    r"heure de l'est|heure de l’est|hora peninsular|hora de madrid)(?!\w)",
    re.IGNORECASE,
)
_OFFSET = re.compile(r"\b(?:UTC|GMT)\s*(?P<sign>[+\-−–])\s*(?P<h>\d{1,2})(?::?(?P<m>\d{2}))?\b")
_AOE = re.compile(r"\b(?:AoE|anywhere on earth)\b", re.IGNORECASE)
_ABBR = re.compile(r"(?<![\w-])(?P<abbr>" + "|".join(sorted(ABBREVIATIONS, key=len, reverse=True)) + r"|ET|PT)(?![\w-])")

_TIME = re.compile(
    r"(?<![\d.,:/])(?P<h>\d{1,2})\s*(?:[:.]|h)\s*(?P<m>\d{2})(?![\d/])\s*(?P<ampm>a\.?\s?m\.?|p\.?\s?m\.?)?"
    r"|(?<![\d.,:/])(?P<h2>\d{1,2})\s*(?P<ampm2>a\.?\s?m\.?|p\.?\s?m\.?)(?!\w)"
    r"|(?<![\d.,:/])(?P<h3>\d{1,2})\s?h(?:rs|eures?)?\b",
    re.IGNORECASE,
)
_MIDNIGHT = re.compile(r"\b(midnight|minuit|medianoche)\b", re.IGNORECASE)
_NOON = re.compile(r"\b(noon|midday|midi|mediod[ií]a)\b", re.IGNORECASE)
_COB = re.compile(r"\b(COB|close of business|end of (?:the )?(?:business|working) day|fin de (?:la )?journée|cierre de la jornada)\b", re.IGNORECASE)

KEYWORDS = re.compile(
    r"\b(deadline|due|closes?|closing|close date|submit|submission|submissions|no later than|not later than|by|before|until|"
    r"date limite|au plus tard|avant le|jusqu'au|délai|plazo|fecha l[ií]mite|a m[aá]s tardar|antes del|hasta el)\b",
    re.IGNORECASE,
)
_NOT_DEADLINE = re.compile(r"\b(published|issued|adopted|dated|launched|opened|opens|meeting|session|held|resolution \d|publi[ée]|adopt[ée])\b", re.IGNORECASE)


_RANGE_TO = re.compile(r"\s*(?:[-–—]|to|until|till|through|au|jusqu'au|al|hasta el|hasta)\s*", re.IGNORECASE)
"""What joins the two dates of a period (the deadline is its end)."""


@dataclass
class FoundDeadline:
    value: dt.datetime
    notes: list[str] = field(default_factory=list)
    """What was assumed (each becomes a `# check:` comment)."""
    has_time: bool = False
    has_zone: bool = False


def _find_date(text: str, today: dt.date, us_order: bool) -> tuple[dt.date, tuple[int, int], list[str]] | None:
    """The first date in `text`, its span, and what was assumed."""
    found: list[tuple[int, dt.date, tuple[int, int], list[str]]] = []
    for kind, pattern in _DATE_PATTERNS:
        for m in pattern.finditer(text):
            notes: list[str] = []
            g = m.groupdict()
            year = int(g["year"]) if g.get("year") else None
            if year is not None and year < 100:
                year += 2000
            if kind == "num":
                a, b = int(g["a"]), int(g["b"])
                if a > 12 or (b <= 12 and not us_order):
                    day, month = a, b
                    if a <= 12 and b <= 12 and a != b:
                        notes.append(f"'{m.group(0)}' read as day/month")
                else:
                    month, day = a, b
                    if a <= 12 and b <= 12 and a != b:
                        notes.append(f"'{m.group(0)}' read as month/day (a US time zone is given)")
            elif kind == "iso":
                day, month = int(g["day"]), int(g["mnum"])
            else:
                day, month = int(g["day"]), MONTHS[g["month"].lower().rstrip(".")]
                if g["month"].lower() == "may" and kind == "mdy" and not g.get("year"):
                    continue  # "may 5" is too often the verb
            if year is None:
                year = today.year
                try:
                    if dt.date(year, month, day) < today:
                        year += 1
                except ValueError:
                    continue
                notes.append(f"no year given: {year}, the next {day} {dt.date(2000, month, 1):%B} after {today.isoformat()}")
            try:
                date = dt.date(year, month, day)
            except ValueError:
                continue
            found.append((m.start(), date, m.span(), notes))
            break
    if not found:
        return None
    found.sort(key=lambda f: (f[0], -(f[2][1] - f[2][0])))
    _, date, span, notes = found[0]
    # a period ("23 February 2023 - 19 May 2023", "from 1 March to 30 April"): it ends on the second date
    if (joint := _RANGE_TO.match(text, span[1])) and (end := _find_date(text[joint.end():], today, us_order)) is not None:
        end_date, (s0, s1), end_notes = end
        if s0 == 0 and (end_date >= date or (end_date.month, end_date.day) >= (date.month, date.day)):  # start's year may be a guess
            return end_date, (span[0], joint.end() + s1), end_notes
    return date, span, notes


def _find_time(text: str) -> tuple[dt.time, list[str]] | None:
    if _MIDNIGHT.search(text):
        return dt.time(23, 59), ["'midnight' read as 23:59 on the date given"]
    for m in _TIME.finditer(text):
        h = int(m.group("h") or m.group("h2") or m.group("h3"))
        minute = int(m.group("m") or 0)
        ampm = (m.group("ampm") or m.group("ampm2") or "").lower().replace(".", "").replace(" ", "")
        if ampm == "pm" and h < 12:
            h += 12
        elif ampm == "am" and h == 12:
            h = 0
        if h == 24 and minute == 0:
            return dt.time(23, 59), ["24:00 read as 23:59 on the date given"]
        if h > 23 or minute > 59:
            continue
        if m.group("h3") and not re.search(r"\d\s?h\b", m.group(0)):
            continue
        return dt.time(h, minute), []
    if _NOON.search(text):
        return dt.time(12, 0), []
    if _COB.search(text):
        return dt.time(17, 0), ["'close of business' read as 17:00"]
    return None


def _zone_at(zone: str, day: dt.date, clock: dt.time) -> dt.timedelta:
    from zoneinfo import ZoneInfo

    offset = dt.datetime.combine(day, clock, tzinfo=ZoneInfo(zone)).utcoffset()
    assert offset is not None
    return offset


def _find_zone(text: str, day: dt.date, clock: dt.time) -> tuple[dt.timezone, str, list[str]] | None:
    """The offset the text's time zone has on that day, the zone as written, and notes."""
    if m := _AOE.search(text):
        return dt.timezone(dt.timedelta(hours=-12)), m.group(0), []
    if m := _OFFSET.search(text):
        sign = -1 if m.group("sign") in "-−–" else 1
        h, mi = int(m.group("h")), int(m.group("m") or 0)
        if h <= 14 and mi < 60:
            return dt.timezone(sign * dt.timedelta(hours=h, minutes=mi)), m.group(0), []
    if m := _CITY_TIME.search(text):
        key = (m.group("city") or m.group("city2") or m.group("name")).lower()
        zone = NAMED_ZONES[key]
        return dt.timezone(_zone_at(zone, day, clock)), m.group(0), []
    if m := _ABBR.search(text):
        abbr = m.group("abbr")
        if abbr in ("ET", "PT"):
            zone = NAMED_ZONES[abbr.lower()]
            return dt.timezone(_zone_at(zone, day, clock)), abbr, []
        minutes, zone = ABBREVIATIONS[abbr]
        stated = dt.timedelta(minutes=minutes)
        notes = []
        actual = _zone_at(zone, day, clock)
        if actual != stated:
            notes.append(
                f"{abbr} (UTC{_fmt(stated)}) is stated, but on {day.isoformat()} {zone} is at UTC{_fmt(actual)}: the stated offset is kept"
            )
        return dt.timezone(stated), abbr, notes
    return None


def _fmt(offset: dt.timedelta) -> str:
    minutes = int(offset.total_seconds() // 60)
    sign = "+" if minutes >= 0 else "-"
    return f"{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


def parse_deadline(text: str, today: dt.date, *, context: str = "") -> FoundDeadline | None:
    """The deadline a line states (None: it states no date). `context` is nearby text where a time or
    zone may stand (the line before or after)."""
    us = bool(_ABBR.search(text) and _ABBR.search(text).group("abbr") in _US_ZONES)  # type: ignore[union-attr]
    found = _find_date(text, today, us)
    if found is None:
        return None
    day, (start, end), notes = found
    rest = text[:start] + " " + text[end:]
    timed = _find_time(rest) or (_find_time(context) if context else None)
    if timed is None:
        clock, has_time = dt.time(23, 59), False
        notes.append("no time given: 23:59 assumed")
    else:
        clock, more = timed
        notes += more
        has_time = True
    zoned = _find_zone(rest, day, clock) or (_find_zone(context, day, clock) if context else None)
    if zoned is None:
        tz, has_zone = dt.UTC, False
        notes.append("no time zone given: UTC assumed")
    else:
        tz, _, more = zoned
        notes += more
        has_zone = True
    return FoundDeadline(dt.datetime.combine(day, clock, tzinfo=tz), notes, has_time, has_zone)


_ABBREVIATED = re.compile(r"(?:\b[ap]\.\s?m|\be\.g|\bi\.e|\bNos?|\bRev|\bparas?|\bart|\bMrs?|\bMs|\bDr|\bSt|\bvs|\bcf|\bet al|\b[A-Z])\.$",
                          re.IGNORECASE)


def sentences(text: str) -> list[str]:
    """The sentences of a line, split after "." or ";" before a capital letter, but not after an
    abbreviation ("10:00 a.m. EST", "e.g. Geneva", "Rev. 2")."""
    out: list[str] = []
    start = 0
    for m in re.finditer(r"(?<=[.;])\s+(?=[A-ZÀ-Ý])", text):
        before = text[start: m.start()]
        if before.endswith(".") and _ABBREVIATED.search(before[-8:]):
            continue
        out.append(before)
        start = m.end()
    out.append(text[start:])
    return [s for s in out if s.strip()]


def deadline_score(text: str) -> int:
    """How likely a line with a date states the deadline: a keyword, a time and a zone count for it;
    "published", "meeting" against it."""
    score = 0
    if re.search(r"\b(deadline|date limite|fecha l[ií]mite|plazo|closing date|due date)\b", text, re.IGNORECASE):
        score += 4
    if KEYWORDS.search(text):
        score += 2
    if _NOT_DEADLINE.search(text):
        score -= 3
    return score
