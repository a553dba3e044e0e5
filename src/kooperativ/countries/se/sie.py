# SPDX-License-Identifier: EUPL-1.2
"""SIE 4: the Swedish file format for moving a ledger between bookkeeping programs.

SIE (*Standard Import och Export*, SIE-gruppen's "SIE filformat", version 4B) is a text
file of records, one a line, ``#LABEL field field …``, in code page 437 (``#FORMAT
PC8``). Almost every Swedish bookkeeping program reads it, so it is how a cooperative
gives its bookkeeper or auditor the year's vouchers. Two kinds of type 4 file exist:

* **4E** (export, ``.se``): the company, the financial years, the chart of accounts, the
  opening and closing balances (``#IB``/``#UB``), the results (``#RES``) and every voucher
  (``#VER`` with its ``#TRANS`` rows) — a whole year for another program or the auditor;
* **4I** (import, ``.si``): the vouchers only, for a program that keeps the books and
  takes kooperativ's vouchers in (no balances, as the specification's table of labels
  per file type says).

kooperativ writes both (:func:`write_sie`), with ``#KSUMMA``, the optional CRC-32
checksum over the records, and reads SIE 1–4 files (:func:`read_sie`): its own back,
identically, and other programs' (tolerant where the specification allows: unknown labels
are ignored, optional fields may be missing, ``#FORMAT "PC8"`` may be quoted). A voucher
whose rows do not add up to zero is refused, naming the voucher, its line in the file and
the difference.

A member's sub-ledger is written as the objects of a dimension of kooperativ's own,
:data:`MEMBER_DIMENSION` (20, "Medlem"): SIE reserves dimensions 1–19 for its own
meanings, so a cooperative's members get the first free number; each member is an object
whose code is the member's number. Projects are objects of SIE's own dimension 6
(*Projekt*), coded by the project's number.

Examples:
    >>> from kooperativ.countries.se.sie import read_sie
    >>> sie = read_sie(b'#FLAGGA 0\\r\\n#SIETYP 4\\r\\n#FNAMN "AB"\\r\\n'
    ...     b'#VER A 1 20260504 "Fika"\\r\\n{\\r\\n#TRANS 7690 {} 100.00\\r\\n'
    ...     b'#TRANS 1930 {} -100.00\\r\\n}\\r\\n')
    >>> sie.company.name, sie.vouchers[0].label, str(sie.vouchers[0].transactions[1].amount)
    ('AB', 'A 1', '-100.00')

References:
    - SIE-gruppen, "SIE filformat", utgåva 4B (the record rules, the labels and their
      fields, the table of labels per file type, ``#KSUMMA``).
    - BAS-kontoplanen (account types by the account's first digits).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
import zlib
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Literal, TypeVar
from uuid import UUID
from zoneinfo import ZoneInfo

from kooperativ.accounts.export import BookkeepingFile, ExportObject, LedgerExport, YearBalances
from kooperativ.errors import InputError, Phrase, Term
from kooperativ.money import ORE, ZERO

__all__ = [
    "ENCODING",
    "MEDIA_TYPE",
    "MEMBER_DIMENSION",
    "PROJECT_DIMENSION",
    "SIE_KINDS",
    "SieAccount",
    "SieAddress",
    "SieBalance",
    "SieCompany",
    "SieDimension",
    "SieError",
    "SieFile",
    "SieKind",
    "SieObject",
    "SiePeriodBalance",
    "SieTransaction",
    "SieVoucher",
    "SieYear",
    "UnbalancedVoucher",
    "account_type",
    "checksum",
    "export_file",
    "file_name",
    "read_sie",
    "sie_text",
    "write_sie",
]

#: The code page of ``#FORMAT PC8`` (IBM PC 8-bit, code page 437): SIE's only encoding.
ENCODING = "cp437"
#: The media type of a SIE file.
MEDIA_TYPE = "text/plain; charset=IBM437"
#: The dimension (``#DIM``) of the members' sub-ledgers: the first number after the
#: dimensions 1–19 that SIE reserves for meanings of its own.
MEMBER_DIMENSION = 20
#: SIE's own dimension of projects (*Projekt*).
PROJECT_DIMENSION = 6
#: The kind of chart of accounts written in ``#KPTYP``: the newest BAS type the SIE
#: reference names; the account names themselves are BAS Kontoplan 2026's.
CHART_TYPE = "BAS2014"
#: The two type 4 files kooperativ writes: 4E (export, balances and vouchers) and 4I
#: (import, vouchers only).
SIE_KINDS = ("4E", "4I")

SieKind = Literal["4E", "4I"]
_T = TypeVar("_T")

#: The time zone of the registration date (``regdatum``) of a voucher.
_SWEDEN = ZoneInfo("Europe/Stockholm")
#: SIE's line end as written; the reader takes CR LF, LF or CR.
_NEWLINE = "\r\n"

#: ``#FTYP`` codes of the legal forms a cooperative may have (SIE 4B's company types).
_COMPANY_TYPES = {
    "aktiebolag": "AB",
    "ab": "AB",
    "ekonomisk förening": "EK",
    "ideell förening": "I",
    "handelsbolag": "HB",
    "kommanditbolag": "KB",
    "enskild firma": "E",
    "enskild näringsidkare": "E",
    "stiftelse": "S",
}

#: Characters outside code page 437 that have an obvious stand-in.
_STAND_INS = {
    "\u2013": "-",
    "\u2014": "-",
    "\u2212": "-",
    "\u2018": "'",
    "\u2019": "'",
    "\u201a": "'",
    "\u201c": '"',
    "\u201d": '"',
    "\u201e": '"',
    "\u2026": "...",
    "\u20ac": "EUR",
    "\u00a0": " ",
    "\u202f": " ",
}


class SieError(InputError):
    """A SIE file that cannot be read: the file, the line and what is wrong.

    Attributes:
        source: The file's name as the caller knows it.
        line: The line of the file (1 is the first), if the problem has one.
    """

    def __init__(self, source: str, line: int | None, reason: str, /, **params: object) -> None:
        problem = Phrase(reason, **params)
        if line is not None:
            super().__init__(source, "line {line}: {problem}", line=line, problem=problem)
        else:
            super().__init__(source, "{problem}", problem=problem)
        self.source = source
        self.line = line
        self.problem = problem


class UnbalancedVoucher(SieError):
    """A voucher whose rows do not add up to zero.

    Attributes:
        voucher: The voucher's series and number (``B 1``).
        difference: What its rows add up to.
    """

    def __init__(self, source: str, line: int, voucher: str, difference: Decimal) -> None:
        super().__init__(
            source,
            line,
            "voucher {voucher} does not balance: its rows add up to {difference}",
            voucher=voucher,
            difference=difference,
        )
        self.voucher = voucher
        self.difference = difference


# -- the records --------------------------------------------------------------------------


@dataclass(frozen=True)
class _Objects:
    """An object list ``{dim obj dim obj …}`` as a field of a record."""

    items: tuple[str, ...]


_Field = str | _Objects


@dataclass(frozen=True)
class _Record:
    """One line of the file: its label (``#TRANS``, or ``{`` / ``}``), fields and line."""

    label: str
    fields: tuple[_Field, ...]
    line: int

    def content(self) -> str:
        """What the record adds to ``#KSUMMA``: the label and each field's content, with
        no separators, quotes or braces."""
        if self.label in ("{", "}"):
            return ""
        parts = [self.label]
        for value in self.fields:
            parts.extend(value.items if isinstance(value, _Objects) else (value,))
        return "".join(parts)


#: A quoted field: ``\\"`` is a quote; any other backslash is itself.
_QUOTED = r'"(?P<quoted>(?:\\"|[^"\\]|\\(?!"))*)"'
#: One field of a record and the spaces before it: a quoted or bare word, or a brace of
#: an object list (a bare word ends at a space or a closing brace).
_FIELD = re.compile(r"[ \t]*(?:" + _QUOTED + r"|(?P<open>\{)|(?P<close>\})|(?P<bare>[^ \t}]+))")


def _tokens(text: str, source: str, line: int) -> list[_Field]:
    """The fields of one line: bare words, quoted strings (``\\"`` a quote) and object
    lists in braces."""
    found: list[_Field] = []
    group: list[str] | None = None
    index, size = 0, len(text)
    while index < size:
        match = _FIELD.match(text, index)
        if match is None:  # only spaces are left
            break
        index = match.end()
        kind = match.lastgroup
        if kind == "quoted":
            word = match.group("quoted").replace('\\"', '"')
        elif kind == "bare":
            word = match.group("bare")
            if word.startswith('"'):
                raise SieError(source, line, "a quoted field is not closed")
        elif kind == "open" and group is None:
            group = []
            continue
        elif kind == "close" and group is not None:
            found.append(_Objects(tuple(group)))
            group = None
            continue
        else:
            word = match.group(kind or 0).strip(" \t")  # a stray brace: a word of its own
        if group is not None:
            group.append(word)
        else:
            found.append(word)
    if group is not None:
        raise SieError(source, line, "an object list is not closed with '}'")
    return found


def _records(text: str, source: str) -> Iterator[_Record]:
    """The records of the file, skipping blank lines."""
    for number, raw in enumerate(re.split(r"\r\n|\n|\r", text), start=1):
        stripped = raw.strip(" \t\x00\x1a")
        if not stripped:
            continue
        if stripped in ("{", "}"):
            yield _Record(stripped, (), number)
            continue
        if not stripped.startswith("#"):
            continue  # not a record: text SIE does not define, ignored
        fields = _tokens(stripped, source, number)
        label = fields[0]
        if not isinstance(label, str):  # pragma: no cover - a line starting with '#'
            continue
        yield _Record(label, tuple(fields[1:]), number)


def checksum(contents: Iterable[str]) -> int:
    """``#KSUMMA`` of records given by their content (see :meth:`_Record.content`): one
    running CRC-32 over each content encoded in code page 437."""
    value = 0
    for content in contents:
        value = zlib.crc32(content.encode(ENCODING), value)
    return value & 0xFFFFFFFF


# -- writing ------------------------------------------------------------------------------


def sie_text(value: str) -> str:
    """``value`` as a SIE file carries it.

    Code page 437 has the Swedish letters but not every character: a few common ones get
    a stand-in (dashes, typographic quotes, the euro sign), accented letters lose the
    accent they cannot keep (``š`` → ``s``), anything else becomes ``?``. Control
    characters become spaces. A trailing backslash, which SIE cannot tell from an escaped
    quote, becomes a slash.

    Examples:
        >>> sie_text("Lön maj – Šárka")
        'Lön maj - Sárka'
    """
    chars: list[str] = []
    for char in unicodedata.normalize("NFC", value):
        if unicodedata.category(char) == "Cc" or char in "\u2028\u2029":
            chars.append(" ")
            continue
        char = _STAND_INS.get(char, char)
        try:
            char.encode(ENCODING)
        except UnicodeEncodeError:
            base = "".join(
                c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c)
            )
            try:
                base.encode(ENCODING)
            except UnicodeEncodeError:
                base = ""
            char = base or "?"
        chars.append(char)
    text = "".join(chars)
    if text.endswith("\\"):
        text = text[:-1] + "/"
    return text


def _quoted(text: str) -> str:
    return '"' + sie_text(text).replace('"', '\\"') + '"'


def _amount(value: Decimal) -> str:
    """An amount with two decimals and a point: ``-1234.50``."""
    return f"{value.quantize(ORE) + ZERO:f}"


def _date(day: date) -> str:
    return day.strftime("%Y%m%d")


def account_type(number: int) -> str:
    """``#KTYP`` of a BAS account: ``T`` asset (1), ``S`` equity and liability (2),
    ``I`` income (3, and the financial income of 80–83), ``K`` cost (4–7, and 84–89).

    Examples:
        >>> [account_type(n) for n in (1930, 2890, 3041, 7010, 8313, 8423)]
        ['T', 'S', 'I', 'K', 'I', 'K']
    """
    text = str(number)
    first = text[0]
    if first == "1":
        return "T"
    if first == "2":
        return "S"
    if first == "3":
        return "I"
    if first in "4567":
        return "K"
    # BAS 80–83: financial income; 84–89: financial costs, appropriations and taxes.
    return "I" if len(text) > 1 and text[1] in "0123" else "K"


class _Writer:
    """Records in order, rendered as lines and as their ``#KSUMMA`` content."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.contents: list[str] = []

    def record(self, label: str, *fields: str | _Objects, indent: str = "") -> None:
        written = [label]
        content = [label]
        for value in fields:
            if isinstance(value, _Objects):
                pairs = [
                    f"{value.items[i]} {_quoted(value.items[i + 1])}"
                    for i in range(0, len(value.items), 2)
                ]
                written.append("{" + " ".join(pairs) + "}")
                content.extend(value.items)
            else:
                written.append(value)
                content.append(_unquote(value))
        self.lines.append(indent + " ".join(written))
        self.contents.append("".join(content))

    def block(self, char: str) -> None:
        self.lines.append(char)
        self.contents.append("")

    def render(self) -> bytes:
        lines = ["#FLAGGA 0", "#KSUMMA", *self.lines, f"#KSUMMA {checksum(self.contents)}"]
        return (_NEWLINE.join(lines) + _NEWLINE).encode(ENCODING)


def _word(text: str) -> str:
    """``text`` bare if it is one word SIE reads as it is, else quoted."""
    if text and not re.search(r'[\s"{}\\]', text) and text == sie_text(text):
        return text
    return _quoted(text)


def _unquote(value: str) -> str:
    if len(value) >= 2 and value.startswith('"') and value.endswith('"'):
        return value[1:-1].replace('\\"', '"')
    return value


def _object_code(number: int) -> str:
    return str(number)


def write_sie(ledger: LedgerExport, kind: SieKind = "4E") -> bytes:
    """The year of ``ledger`` as a SIE 4 file of ``kind``, encoded in code page 437.

    Args:
        ledger: The year's vouchers and balances (gathered by the ledger service).
        kind: ``4E`` (balances and vouchers, for another program or the auditor) or
            ``4I`` (vouchers only, to be imported into the program that keeps the books).

    Returns:
        The file: CR LF line ends, ``#KSUMMA`` as the second and the last record.

    Raises:
        InputError: ``kind`` is not 4E or 4I.
    """
    if kind not in SIE_KINDS:
        raise InputError("type", "{kind!r} is not a SIE 4 file type (4E or 4I)", kind=kind)
    out = _Writer()
    out.record("#PROGRAM", _quoted("kooperativ"), _quoted(ledger.program_version))
    out.record("#FORMAT", "PC8")
    out.record("#GEN", _date(ledger.generated_on), _quoted(ledger.generated_by))
    out.record("#SIETYP", "4")
    out.record("#FNAMN", _quoted(ledger.name))
    out.record("#ORGNR", _word(ledger.organisation_id))
    company_type = _COMPANY_TYPES.get((ledger.legal_form or "").strip().lower())
    if company_type:
        out.record("#FTYP", company_type)
    if ledger.address is not None or ledger.phone:
        address = ledger.address
        out.record(
            "#ADRESS",
            _quoted(""),
            _quoted(address.street if address else ""),
            _quoted(f"{address.postal_code} {address.city}" if address else ""),
            _quoted(ledger.phone or ""),
        )
    years = [(0, ledger.year, ledger.balances)]
    if ledger.previous_year is not None and ledger.previous_balances is not None:
        years.append((-1, ledger.previous_year, ledger.previous_balances))
    for index, year, _ in years:
        out.record("#RAR", str(index), _date(year.start), _date(year.end))
    out.record("#KPTYP", CHART_TYPE)
    out.record("#VALUTA", _word(ledger.currency))

    used = {line.account for voucher in ledger.vouchers for line in voucher.lines}
    if kind == "4E":
        for _, _, balances in years:
            used |= set(balances.opening) | set(balances.closing) | set(balances.results)
        accounts = set(ledger.accounts) | used
    else:
        accounts = used
    for number in sorted(accounts):
        out.record("#KONTO", str(number), _quoted(ledger.accounts.get(number, "")))
        out.record("#KTYP", str(number), account_type(number))

    members = {member.id: member for member in ledger.members}
    projects = {project.id: project for project in ledger.projects}
    named_projects = _named(ledger, "project_id", projects)
    named_members = _named(ledger, "member_id", members)
    if kind == "4E":
        for _, _, balances in years:
            balanced = set(balances.member_opening) | set(balances.member_closing)
            named_members |= balanced & set(members)
    if named_projects:
        out.record("#DIM", str(PROJECT_DIMENSION), _quoted("Projekt"))
        for project in sorted((projects[i] for i in named_projects), key=lambda p: p.number):
            out.record(
                "#OBJEKT",
                str(PROJECT_DIMENSION),
                _quoted(_object_code(project.number)),
                _quoted(project.name),
            )
    if named_members:
        out.record("#DIM", str(MEMBER_DIMENSION), _quoted("Medlem"))
        for member in sorted((members[i] for i in named_members), key=lambda m: m.number):
            out.record(
                "#OBJEKT",
                str(MEMBER_DIMENSION),
                _quoted(_object_code(member.number)),
                _quoted(member.name),
            )

    if kind == "4E":
        for index, _, balances in years:
            _balances(out, str(index), balances, ledger.member_account, members)

    for voucher in ledger.vouchers:
        registered = voucher.booked_at.astimezone(_SWEDEN).date()
        out.record(
            "#VER",
            voucher.series,
            str(voucher.serial),
            _date(voucher.date),
            _quoted(voucher.text),
            _date(registered),
            _quoted(voucher.booked_by),
        )
        out.block("{")
        for line in voucher.lines:
            items: list[str] = []
            if line.project_id is not None and line.project_id in projects:
                items += [str(PROJECT_DIMENSION), _object_code(projects[line.project_id].number)]
            if line.member_id is not None and line.member_id in members:
                items += [str(MEMBER_DIMENSION), _object_code(members[line.member_id].number)]
            fields: list[str | _Objects] = [
                str(line.account),
                _Objects(tuple(items)),
                _amount(line.amount),
            ]
            if line.text:
                fields += [_quoted(""), _quoted(line.text)]
            out.record("#TRANS", *fields, indent="   ")
        out.block("}")
    return out.render()


def _named(ledger: LedgerExport, attribute: str, known: Mapping[UUID, ExportObject]) -> set[UUID]:
    found: set[UUID] = set()
    for voucher in ledger.vouchers:
        for line in voucher.lines:
            value = getattr(line, attribute)
            if value is not None and value in known:
                found.add(value)
    return found


def _balances(
    out: _Writer,
    index: str,
    balances: YearBalances,
    member_account: int | None,
    members: Mapping[UUID, ExportObject],
) -> None:
    for number in sorted(set(balances.opening) | set(balances.closing)):
        out.record("#IB", index, str(number), _amount(balances.opening.get(number, ZERO)))
    for number in sorted(set(balances.opening) | set(balances.closing)):
        out.record("#UB", index, str(number), _amount(balances.closing.get(number, ZERO)))
    if member_account is not None:
        ids = sorted(
            (set(balances.member_opening) | set(balances.member_closing)) & set(members),
            key=lambda i: members[i].number,
        )
        for label, sums in (("#OIB", balances.member_opening), ("#OUB", balances.member_closing)):
            for member_id in ids:
                objects = _Objects((str(MEMBER_DIMENSION), _object_code(members[member_id].number)))
                out.record(
                    label, index, str(member_account), objects, _amount(sums.get(member_id, ZERO))
                )
    for number in sorted(balances.results):
        out.record("#RES", index, str(number), _amount(balances.results[number]))


def file_name(organisation_id: str, year: int, kind: SieKind) -> str:
    """The usual name of the file: ``5569876543_2026.se`` (4E) or ``….si`` (4I).

    Examples:
        >>> file_name("556987-6543", 2026, "4I")
        '5569876543_2026.si'
    """
    digits = re.sub(r"\D", "", organisation_id) or "sie"
    return f"{digits}_{year}.{'se' if kind == '4E' else 'si'}"


def export_file(ledger: LedgerExport, kind: str) -> BookkeepingFile:
    """:func:`write_sie` with the file's name and media type (Sweden's bookkeeping
    export; ``kind`` is 4E or 4I, in either case)."""
    chosen = kind.strip().upper()
    if chosen not in SIE_KINDS:
        raise InputError("type", "{kind!r} is not a SIE 4 file type (4E or 4I)", kind=kind)
    sie_kind: SieKind = "4E" if chosen == "4E" else "4I"
    data = write_sie(ledger, sie_kind)
    return BookkeepingFile(
        file_name(ledger.organisation_id, ledger.year.start.year, sie_kind), data, MEDIA_TYPE
    )


# -- reading ------------------------------------------------------------------------------


@dataclass(frozen=True)
class SieAddress:
    """``#ADRESS``: contact person, street address, post code and town, telephone."""

    contact: str = ""
    street: str = ""
    postal: str = ""
    phone: str = ""


@dataclass(frozen=True)
class SieCompany:
    """The company the file is of.

    Attributes:
        name: ``#FNAMN``.
        organisation_id: ``#ORGNR`` as written (``556639-1537``), if given.
        number: ``#FNR``, the program's own company code.
        company_type: ``#FTYP`` (``AB``, ``EK`` …).
        address: ``#ADRESS``.
        sni: ``#BKOD``, the branch code.
    """

    name: str = ""
    organisation_id: str | None = None
    number: str | None = None
    company_type: str | None = None
    address: SieAddress | None = None
    sni: str | None = None


@dataclass(frozen=True)
class SieYear:
    """``#RAR``: a financial year by its index (0 this year, -1 the year before …)."""

    index: int
    start: date
    end: date


@dataclass(frozen=True)
class SieAccount:
    """``#KONTO`` with its ``#KTYP``, ``#ENHET`` and ``#SRU``."""

    number: str
    name: str = ""
    type: str | None = None
    unit: str | None = None
    sru: str | None = None


@dataclass(frozen=True)
class SieDimension:
    """``#DIM`` (or ``#UNDERDIM`` with its ``parent``)."""

    number: int
    name: str
    parent: int | None = None


@dataclass(frozen=True)
class SieObject:
    """``#OBJEKT``: an object (a member, a project, a cost centre) of a dimension."""

    dimension: int
    code: str
    name: str


@dataclass(frozen=True)
class SieBalance:
    """``#IB``, ``#UB``, ``#RES`` (``objects`` empty) or ``#OIB``/``#OUB`` (with objects).

    Attributes:
        year: The year's index (``#RAR``).
        account: The account number as written.
        amount: Debit positive, credit negative.
        objects: ``(dimension, code)`` pairs of an object balance.
        quantity: The quantity, if given.
    """

    year: int
    account: str
    amount: Decimal
    objects: tuple[tuple[int, str], ...] = ()
    quantity: Decimal | None = None


@dataclass(frozen=True)
class SiePeriodBalance:
    """``#PSALDO`` (or ``#PBUDGET``): an account's balance (or budget) for a month."""

    year: int
    period: str
    account: str
    amount: Decimal
    objects: tuple[tuple[int, str], ...] = ()
    quantity: Decimal | None = None


@dataclass(frozen=True)
class SieTransaction:
    """A row of a voucher (``#TRANS``; ``#RTRANS`` added, ``#BTRANS`` removed later).

    Attributes:
        account: The account number as written.
        amount: Debit positive, credit negative.
        objects: ``(dimension, code)`` pairs.
        date: The row's own date, if given.
        text: The row's own text, if given.
        quantity: The quantity, if given.
        sign: Who made the row, if given.
        kind: ``normal`` (``#TRANS``), ``added`` (``#RTRANS``) or ``removed``
            (``#BTRANS``; not part of the voucher any more).
        line: The row's line in the file.
    """

    account: str
    amount: Decimal
    objects: tuple[tuple[int, str], ...] = ()
    date: dt.date | None = None
    text: str | None = None
    quantity: Decimal | None = None
    sign: str | None = None
    kind: Literal["normal", "added", "removed"] = "normal"
    line: int = 0

    def object(self, dimension: int) -> str | None:
        """The code of the row's object of ``dimension``, if it has one."""
        for number, code in self.objects:
            if number == dimension:
                return code
        return None


@dataclass(frozen=True)
class SieVoucher:
    """``#VER`` with its rows.

    Attributes:
        series: The series as written (may be empty).
        number: The voucher number, if given.
        date: The voucher's date.
        text: Its text.
        registered: When it was registered (``regdatum``), if given.
        sign: Who registered it, if given.
        transactions: Its rows, in file order (removed rows included, marked).
        line: The line of ``#VER`` in the file.
    """

    series: str
    number: int | None
    date: dt.date
    text: str = ""
    registered: dt.date | None = None
    sign: str | None = None
    transactions: tuple[SieTransaction, ...] = ()
    line: int = 0

    @property
    def label(self) -> str:
        """``A 12``: series and number."""
        return f"{self.series} {'' if self.number is None else self.number}".strip()

    @property
    def rows(self) -> tuple[SieTransaction, ...]:
        """The rows that make the voucher: ``#TRANS`` and ``#RTRANS``, not ``#BTRANS``."""
        return tuple(t for t in self.transactions if t.kind != "removed")

    @property
    def difference(self) -> Decimal:
        """What the rows add up to: zero for a voucher that balances."""
        return sum((t.amount for t in self.rows), ZERO)


@dataclass(frozen=True)
class SieFile:
    """A SIE file, read.

    Attributes:
        flag: ``#FLAGGA`` (0 not yet imported, 1 imported).
        sie_type: ``#SIETYP`` (1–4); SIE 4 files of type 4E and 4I both say 4.
        format: ``#FORMAT`` (``PC8``).
        program: ``#PROGRAM``: name and version.
        generated: ``#GEN``: the day the file was written, if given.
        generated_by: ``#GEN``'s sign.
        company: ``#FNAMN``, ``#ORGNR``, ``#ADRESS`` …
        years: ``#RAR`` by index.
        tax_year: ``#TAXAR``.
        chart_type: ``#KPTYP``.
        currency: ``#VALUTA``.
        comments: ``#PROSA``.
        accounts: ``#KONTO`` (with ``#KTYP`` …) by number as written.
        dimensions: ``#DIM`` / ``#UNDERDIM`` by number.
        objects: ``#OBJEKT`` by ``(dimension, code)``.
        opening: ``#IB`` rows.
        closing: ``#UB`` rows.
        results: ``#RES`` rows.
        object_opening: ``#OIB`` rows.
        object_closing: ``#OUB`` rows.
        period_balances: ``#PSALDO`` rows.
        budgets: ``#PBUDGET`` rows.
        vouchers: ``#VER`` in file order.
        checksum: ``#KSUMMA``'s value, if the file has one (it has been verified).
        unbalanced: The vouchers that do not balance, when read with
            ``allow_unbalanced=True`` (otherwise the first of them is raised).
    """

    flag: int | None = None
    sie_type: int | None = None
    format: str | None = None
    program: tuple[str, ...] = ()
    generated: date | None = None
    generated_by: str | None = None
    company: SieCompany = field(default_factory=SieCompany)
    years: Mapping[int, SieYear] = field(default_factory=dict)
    tax_year: int | None = None
    chart_type: str | None = None
    currency: str | None = None
    comments: tuple[str, ...] = ()
    accounts: Mapping[str, SieAccount] = field(default_factory=dict)
    dimensions: Mapping[int, SieDimension] = field(default_factory=dict)
    objects: Mapping[tuple[int, str], SieObject] = field(default_factory=dict)
    opening: tuple[SieBalance, ...] = ()
    closing: tuple[SieBalance, ...] = ()
    results: tuple[SieBalance, ...] = ()
    object_opening: tuple[SieBalance, ...] = ()
    object_closing: tuple[SieBalance, ...] = ()
    period_balances: tuple[SiePeriodBalance, ...] = ()
    budgets: tuple[SiePeriodBalance, ...] = ()
    vouchers: tuple[SieVoucher, ...] = ()
    checksum: int | None = None
    unbalanced: tuple[UnbalancedVoucher, ...] = ()

    def balance(
        self, kind: Literal["IB", "UB", "RES"], account: str | int, year: int = 0
    ) -> Decimal | None:
        """The ``#IB``, ``#UB`` or ``#RES`` of ``account`` in year ``year``, if given."""
        rows = {"IB": self.opening, "UB": self.closing, "RES": self.results}[kind]
        for row in rows:
            if row.year == year and row.account == str(account):
                return row.amount
        return None


_AMOUNT = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)$")


class _Reader:
    """Turns the records into a :class:`SieFile`, field by field."""

    def __init__(self, source: str) -> None:
        self.source = source

    def fail(self, record: _Record, reason: str, **params: object) -> SieError:
        return SieError(self.source, record.line, reason, **params)

    def text(self, record: _Record, index: int, default: str = "") -> str:
        if index >= len(record.fields):
            return default
        value = record.fields[index]
        if isinstance(value, _Objects):
            raise self.fail(
                record,
                "{label}: field {n} is an object list, not a text",
                label=record.label,
                n=index + 1,
            )
        return value

    def optional(self, record: _Record, index: int) -> str | None:
        value = self.text(record, index)
        return value or None

    def required(self, record: _Record, index: int, what: str) -> str:
        value = self.text(record, index)
        if not value:
            raise self.fail(record, "{label} lacks its {what}", label=record.label, what=Term(what))
        return value

    def integer(self, record: _Record, index: int, what: str) -> int:
        value = self.required(record, index, what)
        try:
            return int(value)
        except ValueError:
            raise self.fail(
                record,
                "{label}: {what} {value!r} is not a whole number",
                label=record.label,
                what=Term(what),
                value=value,
            ) from None

    def amount(self, record: _Record, index: int, what: str = "amount") -> Decimal:
        value = self.required(record, index, what)
        if not _AMOUNT.match(value):
            raise self.fail(
                record,
                "{label}: {what} {value!r} is not an amount (e.g. -1234.50)",
                label=record.label,
                what=Term(what),
                value=value,
            )
        return Decimal(value)

    def quantity(self, record: _Record, index: int) -> Decimal | None:
        value = self.text(record, index)
        if not value:
            return None
        if not _AMOUNT.match(value):
            raise self.fail(
                record,
                "{label}: quantity {value!r} is not a number",
                label=record.label,
                value=value,
            )
        return Decimal(value)

    def required_day(self, record: _Record, index: int, what: str) -> date:
        found = self.day(record, index, what)
        if found is None:
            raise self.fail(record, "{label} lacks its {what}", label=record.label, what=Term(what))
        return found

    def day(self, record: _Record, index: int, what: str) -> date | None:
        value = self.text(record, index)
        if not value:
            return None
        try:
            if not re.fullmatch(r"\d{8}", value):
                raise ValueError(value)
            return date(int(value[:4]), int(value[4:6]), int(value[6:]))
        except ValueError:
            raise self.fail(
                record,
                "{label}: {what} {value!r} is not a date (YYYYMMDD)",
                label=record.label,
                what=Term(what),
                value=value,
            ) from None

    def objects(self, record: _Record, index: int) -> tuple[tuple[int, str], ...]:
        if index >= len(record.fields):
            return ()
        value = record.fields[index]
        if isinstance(value, str):
            if value in ("", "{}"):
                return ()
            raise self.fail(
                record,
                "{label}: field {n} must be an object list {{…}}",
                label=record.label,
                n=index + 1,
            )
        items = value.items
        if len(items) % 2:
            raise self.fail(
                record,
                "{label}: an object list holds pairs of dimension and object",
                label=record.label,
            )
        pairs: list[tuple[int, str]] = []
        for at in range(0, len(items), 2):
            try:
                pairs.append((int(items[at]), items[at + 1]))
            except ValueError:
                raise self.fail(
                    record,
                    "{label}: dimension {value!r} is not a number",
                    label=record.label,
                    value=items[at],
                ) from None
        return tuple(pairs)

    def balance(self, record: _Record, with_objects: bool) -> SieBalance:
        year = self.integer(record, 0, "year")
        account = self.required(record, 1, "account")
        # Some programs write an object list in #IB/#UB/#RES too (usually empty).
        listed = len(record.fields) > 2 and isinstance(record.fields[2], _Objects)
        if with_objects or listed:
            return SieBalance(
                year,
                account,
                self.amount(record, 3),
                self.objects(record, 2),
                self.quantity(record, 4),
            )
        return SieBalance(year, account, self.amount(record, 2), (), self.quantity(record, 3))

    def period_balance(self, record: _Record) -> SiePeriodBalance:
        return SiePeriodBalance(
            self.integer(record, 0, "year"),
            self.required(record, 1, "period"),
            self.required(record, 2, "account"),
            self.amount(record, 4),
            self.objects(record, 3),
            self.quantity(record, 5),
        )

    def transaction(self, record: _Record) -> SieTransaction:
        kinds: dict[str, Literal["normal", "added", "removed"]] = {
            "#TRANS": "normal",
            "#RTRANS": "added",
            "#BTRANS": "removed",
        }
        fields = record.fields
        if len(fields) > 1 and isinstance(fields[1], str) and _AMOUNT.match(fields[1]):
            # The object list left out (older programs): the amount follows the account.
            record = _Record(record.label, (fields[0], _Objects(()), *fields[1:]), record.line)
        return SieTransaction(
            account=self.required(record, 0, "account"),
            objects=self.objects(record, 1),
            amount=self.amount(record, 2),
            date=self.day(record, 3, "date"),
            text=self.optional(record, 4),
            quantity=self.quantity(record, 5),
            sign=self.optional(record, 6),
            kind=kinds[record.label],
            line=record.line,
        )


def read_sie(data: bytes, source: str = "SIE file", *, allow_unbalanced: bool = False) -> SieFile:
    """Read a SIE file of type 1–4 (code page 437).

    Args:
        data: The file's bytes.
        source: The file's name, for errors.
        allow_unbalanced: Keep vouchers whose rows do not add up to zero and list them in
            :attr:`SieFile.unbalanced`, instead of refusing the file (to look at another
            program's damaged file; never to import it).

    Returns:
        The file's company, years, accounts, dimensions and objects, balances and vouchers.

    Raises:
        SieError: The first record is not ``#FLAGGA``; ``#KSUMMA`` does not match the
            records (or is misplaced); a field that must be a date, an amount or a number
            is not; a voucher is not closed; a voucher's rows do not add up to zero
            (:class:`UnbalancedVoucher`, naming the voucher, its line and the difference).
    """
    text = data.decode(ENCODING)
    records = list(_records(text, source))
    reader = _Reader(source)
    if not records or records[0].label != "#FLAGGA":
        line = records[0].line if records else None
        raise SieError(source, line, "a SIE file starts with #FLAGGA")
    found_checksum = _verify_checksum(records, source)

    values: dict[str, object] = {}
    company: dict[str, object] = {}
    years: dict[int, SieYear] = {}
    comments: list[str] = []
    accounts: dict[str, dict[str, str | None]] = {}
    dimensions: dict[int, SieDimension] = {}
    objects: dict[tuple[int, str], SieObject] = {}
    balances: dict[str, list[SieBalance]] = {k: [] for k in ("#IB", "#UB", "#RES", "#OIB", "#OUB")}
    periods: dict[str, list[SiePeriodBalance]] = {"#PSALDO": [], "#PBUDGET": []}
    vouchers: list[SieVoucher] = []
    unbalanced: list[UnbalancedVoucher] = []

    def account(number: str) -> dict[str, str | None]:
        return accounts.setdefault(number, {"name": "", "type": None, "unit": None, "sru": None})

    index = 0
    while index < len(records):
        record = records[index]
        index += 1
        label = record.label
        if label == "#FLAGGA":
            values["flag"] = reader.integer(record, 0, "flag")
        elif label == "#FORMAT":
            values["format"] = reader.text(record, 0)
        elif label == "#SIETYP":
            values["sie_type"] = reader.integer(record, 0, "type")
        elif label == "#PROGRAM":
            values["program"] = tuple(reader.text(record, i) for i in range(len(record.fields)))
        elif label == "#GEN":
            values["generated"] = reader.day(record, 0, "date")
            values["generated_by"] = reader.optional(record, 1)
        elif label == "#PROSA":
            comments.append(reader.text(record, 0))
        elif label == "#FNAMN":
            company["name"] = reader.text(record, 0)
        elif label == "#ORGNR":
            company["organisation_id"] = reader.optional(record, 0)
        elif label == "#FNR":
            company["number"] = reader.optional(record, 0)
        elif label == "#FTYP":
            company["company_type"] = reader.optional(record, 0)
        elif label == "#BKOD":
            company["sni"] = reader.optional(record, 0)
        elif label == "#ADRESS":
            company["address"] = SieAddress(*(reader.text(record, i) for i in range(4)))
        elif label == "#RAR":
            year = reader.integer(record, 0, "year")
            start = reader.required_day(record, 1, "start date")
            years[year] = SieYear(year, start, reader.required_day(record, 2, "end date"))
        elif label == "#TAXAR":
            values["tax_year"] = reader.integer(record, 0, "year")
        elif label == "#KPTYP":
            values["chart_type"] = reader.optional(record, 0)
        elif label == "#VALUTA":
            values["currency"] = reader.optional(record, 0)
        elif label == "#KONTO":
            account(reader.required(record, 0, "account"))["name"] = reader.text(record, 1)
        elif label in ("#KTYP", "#ENHET", "#SRU"):
            key = {"#KTYP": "type", "#ENHET": "unit", "#SRU": "sru"}[label]
            account(reader.required(record, 0, "account"))[key] = reader.optional(record, 1)
        elif label == "#DIM":
            number = reader.integer(record, 0, "dimension")
            dimensions[number] = SieDimension(number, reader.text(record, 1))
        elif label == "#UNDERDIM":
            number = reader.integer(record, 0, "dimension")
            parent = reader.integer(record, 2, "superior dimension")
            dimensions[number] = SieDimension(number, reader.text(record, 1), parent)
        elif label == "#OBJEKT":
            number = reader.integer(record, 0, "dimension")
            code = reader.text(record, 1)
            objects[(number, code)] = SieObject(number, code, reader.text(record, 2))
        elif label in ("#IB", "#UB", "#RES"):
            balances[label].append(reader.balance(record, with_objects=False))
        elif label in ("#OIB", "#OUB"):
            balances[label].append(reader.balance(record, with_objects=True))
        elif label in periods:
            periods[label].append(reader.period_balance(record))
        elif label == "#VER":
            voucher, index = _voucher(reader, records, record, index)
            if voucher.difference != ZERO:
                problem = UnbalancedVoucher(source, record.line, voucher.label, voucher.difference)
                if not allow_unbalanced:
                    raise problem
                unbalanced.append(problem)
            vouchers.append(voucher)
        elif label in ("#TRANS", "#RTRANS", "#BTRANS"):
            raise reader.fail(record, "{label} outside a voucher", label=label)
        # Anything else (#KSUMMA, #OMFATTN, labels of later versions) is not needed here.

    return SieFile(
        flag=_get(values, "flag", int),
        sie_type=_get(values, "sie_type", int),
        format=_get(values, "format", str),
        program=_tuple(values.get("program")),
        generated=_get(values, "generated", date),
        generated_by=_get(values, "generated_by", str),
        company=SieCompany(
            name=str(company.get("name", "")),
            organisation_id=_get(company, "organisation_id", str),
            number=_get(company, "number", str),
            company_type=_get(company, "company_type", str),
            address=_get(company, "address", SieAddress),
            sni=_get(company, "sni", str),
        ),
        years=years,
        tax_year=_get(values, "tax_year", int),
        chart_type=_get(values, "chart_type", str),
        currency=_get(values, "currency", str),
        comments=tuple(comments),
        accounts={
            number: SieAccount(number, str(v["name"] or ""), v["type"], v["unit"], v["sru"])
            for number, v in accounts.items()
        },
        dimensions=dimensions,
        objects=objects,
        opening=tuple(balances["#IB"]),
        closing=tuple(balances["#UB"]),
        results=tuple(balances["#RES"]),
        object_opening=tuple(balances["#OIB"]),
        object_closing=tuple(balances["#OUB"]),
        period_balances=tuple(periods["#PSALDO"]),
        budgets=tuple(periods["#PBUDGET"]),
        vouchers=tuple(vouchers),
        checksum=found_checksum,
        unbalanced=tuple(unbalanced),
    )


def _get(values: Mapping[str, object], key: str, kind: type[_T]) -> _T | None:
    value = values.get(key)
    return value if isinstance(value, kind) else None


def _tuple(value: object) -> tuple[str, ...]:
    return tuple(str(v) for v in value) if isinstance(value, tuple) else ()


def _voucher(
    reader: _Reader, records: Sequence[_Record], record: _Record, index: int
) -> tuple[SieVoucher, int]:
    """The voucher of ``record`` with its rows between ``{`` and ``}``, and the index of
    the record after it. Refuses a voucher that does not balance."""
    series = reader.text(record, 0)
    number_text = reader.text(record, 1)
    try:
        number = int(number_text) if number_text else None
    except ValueError:
        raise reader.fail(
            record, "#VER: voucher number {value!r} is not a whole number", value=number_text
        ) from None
    day = reader.required_day(record, 2, "date")
    text = reader.text(record, 3)
    registered = reader.day(record, 4, "registration date")
    sign = reader.optional(record, 5)
    label = f"{series} {'' if number is None else number}".strip()
    if index >= len(records) or records[index].label != "{":
        raise reader.fail(
            record, "voucher {voucher}: its rows must follow between '{{' and '}}'", voucher=label
        )
    index += 1
    rows: list[SieTransaction] = []
    while True:
        if index >= len(records):
            raise reader.fail(record, "voucher {voucher} is not closed with '}}'", voucher=label)
        row = records[index]
        index += 1
        if row.label == "}":
            break
        if row.label == "#TRANS" and rows and rows[-1].kind == "added":
            # SIE 4B: an #RTRANS is followed by the same row as #TRANS, for programs that
            # do not know #RTRANS; the row is counted once.
            copy = reader.transaction(row)
            previous = rows[-1]
            if (copy.account, copy.amount, copy.objects) == (
                previous.account,
                previous.amount,
                previous.objects,
            ):
                continue
            rows.append(copy)
        elif row.label in ("#TRANS", "#RTRANS", "#BTRANS"):
            rows.append(reader.transaction(row))
        elif row.label in ("#VER", "{"):
            raise reader.fail(row, "voucher {voucher} is not closed with '}}'", voucher=label)
        # Other labels inside a voucher are not SIE 4's; ignored.
    return SieVoucher(series, number, day, text, registered, sign, tuple(rows), record.line), index


def _verify_checksum(records: Sequence[_Record], source: str) -> int | None:
    """``#KSUMMA``'s value after checking it against the records, or ``None`` if the
    file has none. The bare ``#KSUMMA`` follows ``#FLAGGA``; the valued one ends the file."""
    marks = [i for i, record in enumerate(records) if record.label == "#KSUMMA"]
    if not marks:
        return None
    if len(marks) != 2 or marks[0] != 1 or marks[1] != len(records) - 1:
        line = records[marks[-1]].line
        raise SieError(
            source,
            line,
            "#KSUMMA must come twice: bare right after #FLAGGA, and with the sum as the "
            "last record",
        )
    last = records[marks[1]]
    written = last.fields[0] if last.fields else ""
    if records[marks[0]].fields or not isinstance(written, str) or not written.isdigit():
        raise SieError(source, last.line, "#KSUMMA: the last one carries the sum, the first none")
    computed = checksum(record.content() for record in records[marks[0] + 1 : marks[1]])
    if computed != int(written):
        raise SieError(
            source,
            last.line,
            "#KSUMMA {written} does not match the records ({computed}): the file was "
            "changed or damaged",
            written=written,
            computed=computed,
        )
    return computed
