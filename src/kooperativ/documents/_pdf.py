# SPDX-License-Identifier: EUPL-1.2
"""Small reportlab building blocks shared by kooperativ's documents.

Every document (contract, payslip, minutes, statements) is an A4 page flow with the same
frame: the cooperative's letterhead at the top (name, organisation number, address), a
footer with the document's name and "page X of Y", and in between headings, key/value
tables and, where parties sign, signature lines. These helpers draw that frame so each
document module only builds its story (the list of flowables).

Only reportlab's built-in Helvetica is used, which covers Swedish letters (å, ä, ö, é)
and the signs the documents use (§, –, %); no font files are needed. Output is
deterministic (``invariant``): the same input gives the same bytes.

Examples:
    >>> story = [heading("Parter"), key_value_table([("Arbetsgivare", "Interim kultur")])]
    >>> pdf = render_pdf(story, letterhead=Letterhead("Interim kultur", "769640-1236"),
    ...                  title="Anställningsavtal", footer="Anställningsavtal nr 1",
    ...                  page_label="Sida {page} av {pages}")
    >>> pdf[:5]
    b'%PDF-'
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, StyleSheet1, getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    Flowable,
    KeepTogether,
    PageBreak,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

__all__ = [
    "CONTENT_WIDTH",
    "Letterhead",
    "PartStart",
    "SignatureLine",
    "heading",
    "key_value_table",
    "paragraph",
    "render_parts",
    "render_pdf",
    "section",
    "signature_table",
    "styles",
]

PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN = 20 * mm
_FRAME_PADDING = 6  # reportlab's default frame padding, in points, on each side
#: Width available for content inside the page frame.
CONTENT_WIDTH = PAGE_WIDTH - 2 * MARGIN - 2 * _FRAME_PADDING
_HEADER_HEIGHT = 22 * mm
_FOOTER_HEIGHT = 14 * mm
_GREY = colors.HexColor("#555555")
_RULE = colors.HexColor("#BBBBBB")
_SHADE = colors.HexColor("#F2F2F2")


@dataclass(frozen=True, slots=True)
class Letterhead:
    """Who issues the document, drawn at the top of every page.

    Attributes:
        name: The cooperative's name.
        orgnr: Its organisation number, shown as ``Org.nr`` (label translated by caller).
        address: Its address on one line.
        extra: Another line (e-mail, website), optional.
        orgnr_label: The label in front of the organisation number.
    """

    name: str
    orgnr: str | None = None
    address: str | None = None
    extra: str | None = None
    orgnr_label: str = "Org.nr"


@dataclass(frozen=True, slots=True)
class SignatureLine:
    """One party's signature block.

    Attributes:
        role: The party (``Arbetsgivare``/``Employer``).
        name: The party's name, printed under the line.
        signed: A recorded signature in words (who and when), or ``None`` for an empty
            line to sign by hand.
        place_date: Label for the place-and-date line (used when not signed).
        clarification: Label under the line (``Namnförtydligande``).
    """

    role: str
    name: str
    signed: str | None = None
    place_date: str = "Ort och datum"
    clarification: str = "Namnförtydligande"


def styles() -> StyleSheet1:
    """The paragraph styles of kooperativ's documents (Helvetica, 9.5 pt body)."""
    sheet = getSampleStyleSheet()
    base = ParagraphStyle(
        "KBody", parent=sheet["BodyText"], fontName="Helvetica", fontSize=9.5, leading=12.5
    )
    result = StyleSheet1()
    result.add(base, alias="body")
    result.add(
        ParagraphStyle(
            "KTitle",
            parent=base,
            fontName="Helvetica-Bold",
            fontSize=17,
            leading=21,
            spaceAfter=2 * mm,
        ),
        alias="title",
    )
    result.add(
        ParagraphStyle("KSubtitle", parent=base, textColor=_GREY, spaceAfter=4 * mm),
        alias="subtitle",
    )
    result.add(
        ParagraphStyle(
            "KHeading",
            parent=base,
            fontName="Helvetica-Bold",
            fontSize=11,
            leading=14,
            spaceBefore=4 * mm,
            spaceAfter=1.5 * mm,
        ),
        alias="heading",
    )
    result.add(
        ParagraphStyle("KLabel", parent=base, fontName="Helvetica-Bold", fontSize=8.5, leading=11),
        alias="label",
    )
    result.add(
        ParagraphStyle("KSmall", parent=base, fontSize=8, leading=10, textColor=_GREY),
        alias="small",
    )
    return result


_STYLES = styles()


def paragraph(text: str, style: str = "body", *, markup: bool = False) -> Paragraph:
    """A paragraph of ``text`` in one of :func:`styles`' styles.

    Args:
        text: The text; escaped unless ``markup`` (then reportlab's mini-HTML is kept).
        style: ``body``, ``title``, ``subtitle``, ``heading``, ``label`` or ``small``.
        markup: Whether ``text`` already is reportlab markup.
    """
    body = text if markup else escape(text).replace("\n", "<br/>")
    # Keep "LAS 4 §" and "§ 5" together on one line.
    body = body.replace(" §", "\u00a0§").replace("§ ", "§\u00a0")
    return Paragraph(body, _STYLES[style])


def heading(text: str) -> Paragraph:
    """A section heading."""
    return paragraph(text, "heading")


def key_value_table(
    rows: Sequence[tuple[str, str]],
    *,
    label_width: float = 48 * mm,
    width: float = CONTENT_WIDTH,
) -> Table:
    """A two-column table: bold labels on the left, wrapped values on the right.

    Args:
        rows: ``(label, value)`` pairs; values may hold line breaks.
        label_width: Width of the label column.
        width: Total width.
    """
    data = [[paragraph(label, "label"), paragraph(value)] for label, value in rows]
    table = Table(data, colWidths=[label_width, width - label_width])
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LINEBELOW", (0, 0), (-1, -1), 0.4, _RULE),
                ("BACKGROUND", (0, 0), (0, -1), _SHADE),
                ("TOPPADDING", (0, 0), (-1, -1), 3),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
                ("LEFTPADDING", (0, 0), (-1, -1), 4),
            ]
        )
    )
    return table


def section(title: str, rows: Sequence[tuple[str, str]]) -> Flowable:
    """A heading with its key/value table, kept on one page where it fits."""
    return KeepTogether([heading(title), key_value_table(rows)])


def signature_table(
    lines: Sequence[SignatureLine], *, width: float = CONTENT_WIDTH, align: str = "CENTER"
) -> Flowable:
    """Signature blocks side by side: role, recorded signature or a line to sign, name.

    A recorded signature is printed in place of the empty line, so the document shows who
    signed and when; an unsigned party gets a place-and-date line and a signature line.
    ``align`` places a table narrower than the page (``LEFT``, ``CENTER``, ``RIGHT``).
    """
    column = width / max(1, len(lines))
    cells: list[list[Any]] = [[], [], [], []]
    for line in lines:
        cells[0].append(paragraph(line.role, "label"))
        if line.signed is not None:
            cells[1].append(paragraph(line.signed))
            cells[2].append(Spacer(1, 6 * mm))
        else:
            cells[1].append(paragraph(f"{line.place_date}: ______________________", "small"))
            cells[2].append(Spacer(1, 12 * mm))
        cells[3].append(
            paragraph(
                f"{line.name}<br/><font size=7>{escape(line.clarification)}</font>", markup=True
            )
        )
    table = Table(cells, colWidths=[column] * len(lines), hAlign=align)
    commands: list[tuple[Any, ...]] = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 2),
        ("RIGHTPADDING", (0, 0), (-1, -1), 10 * mm),
    ]
    for index, line in enumerate(lines):
        if line.signed is None:
            commands.append(("LINEABOVE", (index, 3), (index, 3), 0.6, colors.black))
    table.setStyle(TableStyle(commands))
    return KeepTogether([table])


def _draw_frame(canvas: Canvas, letterhead: Letterhead, footer: str, page_text: str) -> None:
    """Draw the letterhead, the rules and the footer of one page on ``canvas``."""
    top = PAGE_HEIGHT - MARGIN + 4 * mm
    canvas.setFont("Helvetica-Bold", 10.5)
    left = MARGIN + _FRAME_PADDING
    canvas.drawString(left, top, letterhead.name)
    canvas.setFont("Helvetica", 8)
    canvas.setFillColor(_GREY)
    right = PAGE_WIDTH - MARGIN - _FRAME_PADDING
    lines = [
        f"{letterhead.orgnr_label} {letterhead.orgnr}" if letterhead.orgnr else "",
        letterhead.address or "",
        letterhead.extra or "",
    ]
    y = top
    for text in (t for t in lines if t):
        canvas.drawRightString(right, y, text)
        y -= 3.6 * mm
    canvas.setStrokeColor(_RULE)
    canvas.setLineWidth(0.6)
    rule = PAGE_HEIGHT - MARGIN - _HEADER_HEIGHT + 8 * mm
    canvas.line(left, rule, right, rule)
    canvas.line(left, MARGIN, right, MARGIN)
    canvas.drawString(left, MARGIN - 5 * mm, footer)
    canvas.drawRightString(right, MARGIN - 5 * mm, page_text)
    canvas.setFillColor(colors.black)


def _canvas_class(letterhead: Letterhead, footer: str, page_label: str) -> Callable[..., Canvas]:
    """A canvas that draws the letterhead and "page X of Y" once the page count is known."""

    class _NumberedCanvas(Canvas):  # type: ignore[misc] # reportlab has no type hints
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []

        def showPage(self) -> None:
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            for state in self._pages:
                self.__dict__.update(state)
                text = page_label.format(page=self._pageNumber, pages=total)
                _draw_frame(self, letterhead, footer, text)
                Canvas.showPage(self)
            Canvas.save(self)

    return _NumberedCanvas


class PartStart(Flowable):  # type: ignore[misc] # reportlab has no type hints
    """An invisible mark where a part of a combined document begins (see
    :func:`render_parts`): the pages from here on carry ``footer`` and are numbered
    within the part."""

    def __init__(self, index: int, footer: str) -> None:
        super().__init__()
        self.index = index
        self.footer = footer

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return (0, 0)

    def draw(self) -> None:
        self.canv._part = (self.index, self.footer)


def _parts_canvas_class(letterhead: Letterhead, page_label: str) -> Callable[..., Canvas]:
    """A canvas that numbers the pages of each part ("page X of Y" within the part)."""

    class _PartsCanvas(Canvas):  # type: ignore[misc] # reportlab has no type hints
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._part: tuple[int, str] = (0, "")
            self._pages: list[dict[str, Any]] = []

        def showPage(self) -> None:
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            totals: dict[int, int] = {}
            for state in self._pages:
                index = state["_part"][0]
                totals[index] = totals.get(index, 0) + 1
            seen: dict[int, int] = {}
            for state in self._pages:
                self.__dict__.update(state)
                index, footer = self._part
                seen[index] = seen.get(index, 0) + 1
                text = page_label.format(page=seen[index], pages=totals[index])
                _draw_frame(self, letterhead, footer, text)
                Canvas.showPage(self)
            Canvas.save(self)

    return _PartsCanvas


def _document(buffer: io.BytesIO, *, title: str, author: str, lang: str) -> SimpleDocTemplate:
    return SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN + _HEADER_HEIGHT - 6 * mm,
        bottomMargin=MARGIN + _FOOTER_HEIGHT - 8 * mm,
        title=title,
        author=author,
        creator="kooperativ",
        lang=lang,
        invariant=True,
    )


def render_parts(
    parts: Sequence[tuple[Sequence[Flowable], str]],
    *,
    letterhead: Letterhead,
    title: str,
    page_label: str = "{page} / {pages}",
    author: str | None = None,
    lang: str = "sv",
) -> bytes:
    """Lay out several documents in one PDF, each from a new page, numbered on its own.

    Each part is ``(story, footer)``: its flowables and its left footer text; its pages
    say "page X of Y" counted within the part (a month's payslips in one file, each
    payslip still "page 1 of 1").

    Args:
        parts: The parts, in order.
        letterhead: Drawn at the top of each page.
        title: The PDF's title (metadata).
        page_label: Right footer with ``{page}`` and ``{pages}`` placeholders.
        author: PDF author metadata (default: the letterhead's name).
        lang: The document's language (metadata).
    """
    story: list[Flowable] = []
    for index, (flowables, footer) in enumerate(parts):
        if index:
            story.append(PageBreak())
        story.append(PartStart(index, footer))
        story.extend(flowables)
    buffer = io.BytesIO()
    document = _document(buffer, title=title, author=author or letterhead.name, lang=lang)
    document.build(story, canvasmaker=_parts_canvas_class(letterhead, page_label))
    return buffer.getvalue()


def render_pdf(
    story: Sequence[Flowable],
    *,
    letterhead: Letterhead,
    title: str,
    footer: str,
    page_label: str = "{page} / {pages}",
    author: str | None = None,
    lang: str = "sv",
) -> bytes:
    """Lay out ``story`` on A4 pages with letterhead and footer and return the PDF bytes.

    Args:
        story: The flowables (use :func:`paragraph`, :func:`section`, …).
        letterhead: Drawn at the top of each page.
        title: The PDF's title (metadata).
        footer: Left footer text (e.g. the document's name and number).
        page_label: Right footer with ``{page}`` and ``{pages}`` placeholders.
        author: PDF author metadata (default: the letterhead's name).
        lang: The document's language (metadata).
    """
    buffer = io.BytesIO()
    document = _document(buffer, title=title, author=author or letterhead.name, lang=lang)
    document.build(list(story), canvasmaker=_canvas_class(letterhead, footer, page_label))
    return buffer.getvalue()
