# SPDX-License-Identifier: EUPL-1.2
"""The board's and the treasurer's pages under ``/board``: what waits, the register,
assignments to approve, contracts to sign for the employer, hours to confirm, invoices,
payments and payroll runs.

Every page is for those who manage the cooperative (board, treasurer, administrator);
anyone else is answered *404 Not found* with no data, for a form as for a page. Every
handler calls a service with the signed-in :class:`~kooperativ.security.Actor`, and the
services decide the rest: the treasurer (not every board member) confirms hours and
registers payments, nobody confirms their own hours nor signs their own contract for the
employer. A refusal is shown next to the row or the form it concerns; a bad value next to
its field, with the answer *400* and nothing written. Signing a contract for the employer
asks for the password again, as the member's own signature does.

The overview lists what waits and the findings of ``kooperativ check`` for today, each
with a link to the page where it is put right (:data:`FIX_PAGES`, by the finding's code).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from typing import Any
from urllib.parse import urlencode

from starlette.datastructures import UploadFile
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from kooperativ.errors import (
    ConflictError,
    InputError,
    KooperativError,
    NotFoundError,
    PermissionDenied,
)
from kooperativ.i18n import messages, plural, translator
from kooperativ.problems import Problem
from kooperativ.security import Actor
from kooperativ.web.app import Handler, MemberHandler, _Pages, _pdf, _secured
from kooperativ.web.forms import menu_texts, require_officer, typed_amount

__all__ = ["FIX_PAGES", "MAX_BANK_FILE_BYTES", "board_routes", "fix_page"]

#: The largest bank file taken by ``/board/payments/import`` (bytes); a month's camt.054
#: notification is a few hundred kilobytes.
MAX_BANK_FILE_BYTES = 5 * 1024 * 1024

#: Where a finding of ``kooperativ check`` is put right, by the first part of its code
#: (``assignment.no_contract`` → ``assignment``). Unknown codes lead to the overview.
FIX_PAGES: dict[str, str] = {
    "assignment": "/board/assignments",
    "contract": "/board/contracts",
    "information": "/board/contracts",
    "probation": "/board/contracts",
    "form": "/board/contracts",
    "employment": "/board/contracts",
    "hours": "/board/hours",
    "member": "/board/members",
    "fees": "/board/members",
    "payroll": "/board/runs",
    "invoice": "/board/invoices",
    "payment": "/board/payments",
    "bylaws": "/board/meetings",
    "meeting": "/board/meetings",
    "notice": "/board/meetings",
    "motion": "/board/meetings",
    "proxy": "/board/meetings",
    "vote": "/board/meetings",
    "election": "/board/meetings",
    "reading": "/board/meetings",
    "outcome": "/board/meetings",
    "extra_meeting": "/board/meetings",
}

#: The board's pages, in the order the overview and the menu show them.
BOARD_PAGES: tuple[tuple[str, str], ...] = (
    ("/board/members", "Members"),
    ("/board/assignments", "Assignments"),
    ("/board/contracts", "Contracts"),
    ("/board/hours", "Hours"),
    ("/board/invoices", "Invoices"),
    ("/board/payments", "Payments"),
    ("/board/runs", "Payroll runs"),
    ("/board/meetings", "Meetings"),
)


def fix_page(code: str) -> str:
    """The page where a finding with ``code`` is put right (``/board`` when unknown)."""
    return FIX_PAGES.get(code.split(".", 1)[0], "/board")


def _day(value: str, field: str) -> date:
    text = value.strip()
    if not text:
        raise InputError(field, "give a date (YYYY-MM-DD)")
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise InputError(field, "{value} is not a date (use YYYY-MM-DD)", value=value) from None


def _field_of(error: KooperativError, fields: tuple[str, ...], default: str) -> str:
    """The form field a refusal is shown at: a bad value's own field when the form has it,
    otherwise ``default``."""
    field = error.field if isinstance(error, InputError) else default
    return field if field in fields else default


def _year(value: str) -> int:
    """A calendar year as typed in the form field ``year``."""
    text = value.strip()
    if not text:
        raise InputError("year", "give the year")
    if not text.isdigit() or not 1900 <= int(text) <= 2999:
        raise InputError("year", "{value} is not a year", value=value)
    return int(text)


def _whole(value: str, field: str, what: str) -> int:
    """A record's number as typed in a form field."""
    text = value.strip()
    if not text:
        raise InputError(field, "give the {what}'s number", what=what)
    if not text.isdigit() or int(text) < 1:
        raise InputError(field, "{value} is not a {what}'s number", value=value, what=what)
    return int(text)


class _BoardPages:
    """The board pages' handlers over the app's :class:`_Pages`."""

    def __init__(self, pages: _Pages) -> None:
        self.pages = pages
        self.coop = pages.coop

    # -- helpers ---------------------------------------------------------------------------

    def show(
        self, request: Request, template: str, actor: Actor, status: int = 200, **context: Any
    ) -> Response:
        lang = self.pages.language(request)
        return self.pages.render(
            request,
            template,
            actor,
            status=status,
            t=translator(lang, "web_board"),
            n=plural(lang, "web_board"),
            board_pages=BOARD_PAGES,
            **context,
        )

    def problem(self, request: Request, error: KooperativError) -> str:
        return self.pages.error(request, error)

    async def posted(self, request: Request, actor: Actor) -> dict[str, str] | None:
        """The form of a board page: ``None`` when its CSRF token is wrong (after the
        check that the page is the actor's, so that others learn nothing)."""
        require_officer(actor)
        return await self.pages.form(request)

    def today(self) -> date:
        return self.coop.now().date()

    def names(self, actor: Actor) -> dict[Any, str]:
        return {m.id: m.name for m in self.coop.members.list(actor)}

    @staticmethod
    def back(path: str) -> Response:
        return _secured(RedirectResponse(path, status_code=303))

    @staticmethod
    def status_of(error: KooperativError) -> int:
        if isinstance(error, InputError):
            return 400
        if isinstance(error, PermissionDenied):
            return 403
        return 409

    # -- the overview ----------------------------------------------------------------------

    async def overview(self, request: Request, actor: Actor) -> Response:
        require_officer(actor)
        lang = self.pages.language(request)
        texts = messages(lang)
        findings = [
            (problem, *problem.text(texts), fix_page(problem.code)) for problem in self._findings()
        ]
        runs = self.coop.payroll_runs.list(actor)
        waiting = {
            "planned": len(self.coop.assignments.list(actor, status="planned")),
            "unsigned": sum(
                1
                for c in self.coop.contracts.list(actor)
                if c.signed_by_employee is None or c.signed_by_employer is None
            ),
            "hours": sum(1 for h in self.coop.employment.list_hours(actor) if not h.confirmed),
            "invoices": len(self.coop.payments.open_items(actor)),
            "payments": len(self.coop.payments.unmatched(actor)),
            "drafts": sum(1 for r in runs if r.status.value == "draft"),
            "unpaid": sum(1 for r in runs if r.status.value == "approved"),
        }
        return self.show(
            request, "board.html", actor, waiting=waiting, findings=findings, today=self.today()
        )

    def _findings(self) -> list[Problem]:
        """``kooperativ check`` for today (the board's own view of the whole state)."""
        return self.coop.check(self.today())

    # -- the register ----------------------------------------------------------------------

    async def members(
        self,
        request: Request,
        actor: Actor,
        status: int = 200,
        problems: dict[str, str] | None = None,
        given: dict[str, str] | None = None,
    ) -> Response:
        require_officer(actor)
        shown = [self.coop.members.masked(m) for m in self.coop.members.list(actor)]
        year = self.today().year
        paid = {f.member_id: f for f in self.coop.governance.fees(actor) if f.year == year}
        return self.show(
            request,
            "board_members.html",
            actor,
            status=status,
            members=shown,
            year=year,
            paid=paid,
            problems=problems or {},
            given=given or {"year": str(year)},
        )

    async def members_page(self, request: Request, actor: Actor) -> Response:
        return await self.members(request, actor)

    async def fee_new(self, request: Request, actor: Actor) -> Response:
        """Record a membership fee paid (form: ``member``, ``year``, ``amount``,
        ``paid_on``)."""
        fields = await self.posted(request, actor)
        if fields is None:
            return self.pages.refused(request)
        try:
            number = _whole(fields.get("member", ""), "member", "member")
            year = _year(fields.get("year", ""))
            amount = typed_amount(fields.get("amount", ""))
            if not amount:
                raise InputError("amount", "give the amount paid")
            paid_on = _day(fields.get("paid_on", ""), "paid_on")
            try:
                self.coop.governance.pay_fee(
                    actor, number, year=year, amount=amount, paid_on=paid_on
                )
            except NotFoundError:
                raise InputError("member", "there is no member {number}", number=number) from None
        except (InputError, ConflictError, PermissionDenied) as error:
            field = _field_of(error, ("member", "year", "amount", "paid_on"), "member")
            return await self.members(
                request,
                actor,
                status=self.status_of(error),
                problems={field: self.problem(request, error)},
                given=fields,
            )
        return self.back("/board/members")

    # -- assignments -----------------------------------------------------------------------

    async def assignments(
        self,
        request: Request,
        actor: Actor,
        status: int = 200,
        problem: str | None = None,
        problem_at: int | None = None,
    ) -> Response:
        require_officer(actor)
        found = self.coop.assignments.views(actor, self.coop.assignments.list(actor))
        found.sort(key=lambda a: (a.status.value != "planned", a.number))
        return self.show(
            request,
            "board_assignments.html",
            actor,
            status=status,
            assignments=found,
            problem=problem,
            problem_at=problem_at,
        )

    async def assignments_page(self, request: Request, actor: Actor) -> Response:
        return await self.assignments(request, actor)

    async def assignment_decide(self, request: Request, actor: Actor, decision: str) -> Response:
        fields = await self.posted(request, actor)
        if fields is None:
            return self.pages.refused(request)
        number = int(request.path_params["number"])
        self.coop.assignments.get(actor, number)  # none such: 404
        try:
            if decision == "approve":
                self.coop.assignments.approve(actor, number, made_on=self.today())
            else:
                self.coop.assignments.set_status(actor, number, "cancelled")
        except (InputError, ConflictError, PermissionDenied) as error:
            return await self.assignments(
                request,
                actor,
                status=self.status_of(error),
                problem=self.problem(request, error),
                problem_at=number,
            )
        return self.back("/board/assignments")

    async def assignment_approve(self, request: Request, actor: Actor) -> Response:
        return await self.assignment_decide(request, actor, "approve")

    async def assignment_reject(self, request: Request, actor: Actor) -> Response:
        return await self.assignment_decide(request, actor, "reject")

    # -- contracts -------------------------------------------------------------------------

    async def contracts(
        self,
        request: Request,
        actor: Actor,
        status: int = 200,
        problem: str | None = None,
        problem_at: int | None = None,
    ) -> Response:
        require_officer(actor)
        found = self.coop.contracts.list(actor)
        found.sort(key=lambda c: (c.signed_by_employer is not None, c.number))
        return self.show(
            request,
            "board_contracts.html",
            actor,
            status=status,
            contracts=found,
            names=self.names(actor),
            problem=problem,
            problem_at=problem_at,
        )

    async def contracts_page(self, request: Request, actor: Actor) -> Response:
        return await self.contracts(request, actor)

    async def contract_sign(self, request: Request, actor: Actor) -> Response:
        fields = await self.posted(request, actor)
        if fields is None:
            return self.pages.refused(request)
        number = int(request.path_params["number"])
        self.coop.contracts.get(actor, number)  # none such: 404
        try:
            confirmed = await self.pages.reauthenticate(request, fields)
        except PermissionDenied as error:
            return await self.contracts(request, actor, 401, self.problem(request, error), number)
        try:
            # The signature is the signed-in officer's own; the service refuses the
            # contract's employee and anyone not on the board.
            self.coop.contracts.sign(confirmed, number, "employer")
        except (InputError, ConflictError, PermissionDenied) as error:
            return await self.contracts(
                request, actor, self.status_of(error), self.problem(request, error), number
            )
        return self.back("/board/contracts")

    # -- hours -----------------------------------------------------------------------------

    async def hours(
        self,
        request: Request,
        actor: Actor,
        status: int = 200,
        problem: str | None = None,
        problem_at: int | None = None,
    ) -> Response:
        require_officer(actor)
        reports = self.coop.employment.list_hours(actor)
        reports.sort(key=lambda h: (h.confirmed, h.month, h.number))
        jobs = {a.id: a.number for a in self.coop.assignments.list(actor)}
        return self.show(
            request,
            "board_hours.html",
            actor,
            status=status,
            reports=reports,
            names=self.names(actor),
            jobs=jobs,
            problem=problem,
            problem_at=problem_at,
        )

    async def hours_page(self, request: Request, actor: Actor) -> Response:
        return await self.hours(request, actor)

    async def hours_confirm(self, request: Request, actor: Actor) -> Response:
        fields = await self.posted(request, actor)
        if fields is None:
            return self.pages.refused(request)
        number = int(request.path_params["number"])
        if not any(h.number == number for h in self.coop.employment.list_hours(actor)):
            raise NotFoundError("hours report", str(number))
        try:
            self.coop.employment.confirm_hours(actor, number)
        except (ConflictError, PermissionDenied) as error:
            return await self.hours(
                request, actor, self.status_of(error), self.problem(request, error), number
            )
        return self.back("/board/hours")

    # -- invoices --------------------------------------------------------------------------

    async def invoices(
        self,
        request: Request,
        actor: Actor,
        status: int = 200,
        problems: dict[str, str] | None = None,
        given: dict[str, str] | None = None,
    ) -> Response:
        require_officer(actor)
        found = self.coop.invoices.list(actor)
        balances = {
            i.id: self.coop.payments.balance(actor, i.id)
            for i in found
            if i.kind.value == "invoice"
        }
        peppol = {c.id for c in self.coop.clients.list(actor) if c.peppol_id}
        # As the service decides: an invoice not credited in full (a credit note names the
        # assignments of the invoice it credits, and invoices nothing).
        invoiced = {
            job
            for i in found
            if i.kind.value == "invoice" and i.status.value != "credited"
            for job in i.assignment_ids
        }
        ready = [
            a
            for a in self.coop.assignments.list(actor)
            if a.id not in invoiced and a.status.value in ("active", "completed")
        ]
        return self.show(
            request,
            "board_invoices.html",
            actor,
            status=status,
            invoices=found,
            balances=balances,
            peppol=peppol,
            ready=ready,
            problems=problems or {},
            given=given or {},
        )

    async def invoices_page(self, request: Request, actor: Actor) -> Response:
        return await self.invoices(request, actor)

    async def invoice_new(self, request: Request, actor: Actor) -> Response:
        fields = await self.posted(request, actor)
        if fields is None:
            return self.pages.refused(request)
        try:
            number = _whole(fields.get("assignment", ""), "assignment", "assignment")
            text = fields.get("issue_date", "").strip()
            issue_date = _day(text, "issue_date") if text else None
            try:
                self.coop.invoices.create(actor, assignments=[number], issue_date=issue_date)
            except NotFoundError:
                raise InputError(
                    "assignment", "there is no assignment {number}", number=number
                ) from None
            except InputError as error:
                if error.field == "assignments":
                    raise InputError("assignment", error.reason_template, **error.params) from None
                raise
        except (InputError, ConflictError, PermissionDenied) as error:
            field = error.field if isinstance(error, InputError) else "assignment"
            return await self.invoices(
                request,
                actor,
                status=self.status_of(error),
                problems={field: self.problem(request, error)},
                given=fields,
            )
        return self.back("/board/invoices")

    async def invoice_credit(self, request: Request, actor: Actor) -> Response:
        """Credit an invoice in full (form: ``invoice``, ``reason``, ``credit_date``)."""
        fields = await self.posted(request, actor)
        if fields is None:
            return self.pages.refused(request)
        try:
            typed = fields.get("invoice", "").strip()
            if not typed:
                raise InputError("invoice", "give the invoice's number")
            try:
                # By number or label only, as on the payments page.
                invoice = self.coop.invoices.get(actor, typed)
            except (NotFoundError, InputError):
                raise InputError("invoice", "there is no invoice {value}", value=typed) from None
            text = fields.get("credit_date", "").strip()
            day = _day(text, "credit_date") if text else None
            self.coop.invoices.credit(
                actor, invoice.id, reason=fields.get("reason", ""), issue_date=day
            )
        except (InputError, ConflictError, PermissionDenied) as error:
            field = _field_of(error, ("invoice", "reason", "credit_date"), "invoice")
            return await self.invoices(
                request,
                actor,
                status=self.status_of(error),
                problems={field: self.problem(request, error)},
                given=fields,
            )
        return self.back("/board/invoices")

    async def invoice_pdf(self, request: Request, actor: Actor) -> Response:
        require_officer(actor)
        number = int(request.path_params["number"])
        data = self.coop.invoices.pdf(actor, number, lang=self.pages.language(request))
        return _pdf(data, f"invoice-{number}.pdf")

    async def invoice_xml(self, request: Request, actor: Actor) -> Response:
        require_officer(actor)
        number = int(request.path_params["number"])
        try:
            data = self.coop.invoices.peppol(actor, number, lang=self.pages.language(request))
        except InputError:
            # The client takes no Peppol invoices (or the cooperative has no Peppol id).
            raise NotFoundError("Peppol invoice", str(number)) from None
        response = Response(data, media_type="application/xml")
        response.headers["Content-Disposition"] = f'attachment; filename="invoice-{number}.xml"'
        return _secured(response)

    # -- payments --------------------------------------------------------------------------

    async def payments(
        self,
        request: Request,
        actor: Actor,
        status: int = 200,
        problems: dict[str, str] | None = None,
        given: dict[str, str] | None = None,
        problem_at: int | None = None,
    ) -> Response:
        require_officer(actor)
        return self.show(
            request,
            "board_payments.html",
            actor,
            status=status,
            unmatched=self.coop.payments.unmatched(actor),
            open_items=self.coop.payments.open_items(actor),
            recent=self.coop.payments.list(actor)[-20:],
            problems=problems or {},
            given=given or {},
            problem_at=problem_at,
            imported=None if problems else _imported(request),
        )

    async def payments_page(self, request: Request, actor: Actor) -> Response:
        return await self.payments(request, actor)

    def _payee(self, actor: Actor, fields: dict[str, str]) -> tuple[str, Any]:
        """The field that names the invoice paid, and what the service is given for it."""
        invoice = fields.get("invoice", "").strip()
        ocr = fields.get("ocr", "").strip().replace(" ", "")
        if invoice and ocr:
            raise InputError("invoice", "give the invoice's number or its OCR reference, not both")
        if ocr:
            if not ocr.isdigit():
                raise InputError("ocr", "{value} is not an OCR reference (digits only)", value=ocr)
            if not any(item.ocr == ocr for item in self.coop.payments.open_items(actor)):
                raise InputError("ocr", "no open invoice has the OCR reference {value}", value=ocr)
            return "ocr", ocr
        if not invoice:
            raise InputError("invoice", "give the invoice's number or its OCR reference")
        try:
            # By number or label only: a number typed here is never read as an OCR.
            return "invoice", self.coop.invoices.get(actor, invoice).id
        except (NotFoundError, InputError):
            raise InputError("invoice", "there is no invoice {value}", value=invoice) from None

    async def payment_new(self, request: Request, actor: Actor) -> Response:
        fields = await self.posted(request, actor)
        if fields is None:
            return self.pages.refused(request)
        field = "invoice"
        try:
            field, payee = self._payee(actor, fields)
            amount = typed_amount(fields.get("amount", ""))
            if not amount:
                raise InputError("amount", "give the amount paid")
            paid_on = _day(fields.get("date", ""), "date")
            self.coop.payments.register(actor, payee, amount, paid_on)
        except (InputError, ConflictError, PermissionDenied) as error:
            at = _field_of(error, ("invoice", "ocr", "amount", "date"), field)
            return await self.payments(
                request,
                actor,
                status=self.status_of(error),
                problems={at: self.problem(request, error)},
                given=fields,
            )
        return self.back("/board/payments")

    async def payment_resolve(self, request: Request, actor: Actor) -> Response:
        fields = await self.posted(request, actor)
        if fields is None:
            return self.pages.refused(request)
        try:
            payment = self.coop.payments.get(actor, str(request.path_params["id"]))
        except InputError:  # neither a number nor an id: none such
            raise NotFoundError("payment", str(request.path_params["id"])) from None
        invoice = fields.get("invoice", "").strip()
        try:
            if not invoice:
                raise InputError("invoice", "give the invoice's number")
            try:
                target = self.coop.invoices.get(actor, invoice).id
            except (NotFoundError, InputError):
                raise InputError("invoice", "there is no invoice {value}", value=invoice) from None
            self.coop.payments.resolve(actor, payment.id, target)
        except (InputError, ConflictError, PermissionDenied) as error:
            return await self.payments(
                request,
                actor,
                status=self.status_of(error),
                problems={"resolve": self.problem(request, error)},
                given=fields,
                problem_at=payment.number,
            )
        return self.back("/board/payments")

    async def payment_import(self, request: Request, actor: Actor) -> Response:
        """Import the bank's camt.054 notification (a file field ``file``) and match its
        payments; back to the payments page with what the import did."""
        fields = await self.posted(request, actor)
        if fields is None:
            return self.pages.refused(request)
        upload = (await request.form()).get("file")
        try:
            if not isinstance(upload, UploadFile) or not upload.filename:
                raise InputError("file", "choose the bank's camt.054 file")
            data = await upload.read(MAX_BANK_FILE_BYTES + 1)
            if len(data) > MAX_BANK_FILE_BYTES:
                raise InputError("file", "the bank file is larger than 5 MB")
            name = re.split(r"[\\/]", upload.filename)[-1]
            report = self.coop.payments.import_camt054(actor, data, name)
        except (InputError, ConflictError, PermissionDenied) as error:
            return await self.payments(
                request,
                actor,
                status=self.status_of(error),
                problems={"file": self.problem(request, error)},
            )
        query = urlencode(
            {
                "file": report.source,
                "matched": len(report.matched),
                "unmatched": len(report.unmatched),
                "before": report.already_imported,
            }
        )
        return self.back(f"/board/payments?{query}#import")

    # -- payroll runs ----------------------------------------------------------------------

    async def runs(
        self,
        request: Request,
        actor: Actor,
        status: int = 200,
        problems: dict[str, str] | None = None,
        given: dict[str, str] | None = None,
        problem_at: int | None = None,
    ) -> Response:
        require_officer(actor)
        found = self.coop.payroll_runs.list(actor)
        mine = set()
        if actor.member_id is not None:
            for run in found:
                if run.status.value == "draft" and self.coop.payroll_runs.payslips(
                    actor, run.id, member=actor.member_id
                ):
                    mine.add(run.number)
        return self.show(
            request,
            "board_runs.html",
            actor,
            status=status,
            runs=sorted(found, key=lambda r: r.number, reverse=True),
            paid_in=mine,
            problems=problems or {},
            given=given or {},
            problem_at=problem_at,
        )

    async def runs_page(self, request: Request, actor: Actor) -> Response:
        return await self.runs(request, actor)

    async def run_new(self, request: Request, actor: Actor) -> Response:
        fields = await self.posted(request, actor)
        if fields is None:
            return self.pages.refused(request)
        try:
            period = fields.get("period", "").strip()
            if not period:
                raise InputError("period", "give the pay period (YYYY-MM)")
            pay_date = _day(fields.get("pay_date", ""), "pay_date")
            self.coop.payroll_runs.run(actor, period, pay_date)
        except (InputError, ConflictError, PermissionDenied) as error:
            at = _field_of(error, ("period", "pay_date"), "period")
            return await self.runs(
                request,
                actor,
                status=self.status_of(error),
                problems={at: self.problem(request, error)},
                given=fields,
            )
        return self.back("/board/runs")

    async def run_paid(self, request: Request, actor: Actor) -> Response:
        fields = await self.posted(request, actor)
        if fields is None:
            return self.pages.refused(request)
        number = int(request.path_params["number"])
        self.coop.payroll_runs.show(actor, number)  # none such: 404
        try:
            paid_on = _day(fields.get("paid_on", ""), "paid_on")
            self.coop.payroll_runs.mark_paid(actor, number, paid_on)
        except (InputError, ConflictError, PermissionDenied) as error:
            return await self.runs(
                request,
                actor,
                status=self.status_of(error),
                problems={"paid_on": self.problem(request, error)},
                given=fields,
                problem_at=number,
            )
        return self.back("/board/runs")

    async def run_pain001(self, request: Request, actor: Actor) -> Response:
        require_officer(actor)
        number = int(request.path_params["number"])
        try:
            data = self.coop.payroll_runs.payment_file(actor, number)
        except ConflictError as error:  # a draft: approve it first
            t = translator(self.pages.language(request), "web_board")
            return self.pages.render(
                request,
                "message.html",
                actor,
                status=409,
                title=t("No payment file yet"),
                text=self.problem(request, error),
            )
        response = Response(data, media_type="application/xml")
        response.headers["Content-Disposition"] = f'attachment; filename="pain001-run-{number}.xml"'
        return _secured(response)


def board_routes(pages: _Pages, member: Callable[[MemberHandler], Handler]) -> list[Route]:
    """The board pages' routes (``member`` wraps a handler for signed-in members)."""
    board = _BoardPages(pages)
    pages.templates.globals["t_board"] = menu_texts("web_board")
    post = ["POST"]
    return [
        Route("/board", member(board.overview)),
        Route("/board/members", member(board.members_page)),
        Route("/board/members/fees", member(board.fee_new), methods=post),
        Route("/board/assignments", member(board.assignments_page)),
        Route(
            "/board/assignments/{number:int}/approve",
            member(board.assignment_approve),
            methods=post,
        ),
        Route(
            "/board/assignments/{number:int}/reject", member(board.assignment_reject), methods=post
        ),
        Route("/board/contracts", member(board.contracts_page)),
        Route("/board/contracts/{number:int}/sign", member(board.contract_sign), methods=post),
        Route("/board/hours", member(board.hours_page)),
        Route("/board/hours/{number:int}/confirm", member(board.hours_confirm), methods=post),
        Route("/board/invoices", member(board.invoices_page)),
        Route("/board/invoices/new", member(board.invoice_new), methods=post),
        Route("/board/invoices/credit", member(board.invoice_credit), methods=post),
        Route("/board/invoices/{number:int}.pdf", member(board.invoice_pdf)),
        Route("/board/invoices/{number:int}.xml", member(board.invoice_xml)),
        Route("/board/payments", member(board.payments_page)),
        Route("/board/payments/new", member(board.payment_new), methods=post),
        Route("/board/payments/import", member(board.payment_import), methods=post),
        Route("/board/payments/{id}/resolve", member(board.payment_resolve), methods=post),
        Route("/board/runs", member(board.runs_page)),
        Route("/board/runs/new", member(board.run_new), methods=post),
        Route("/board/runs/{number:int}/paid", member(board.run_paid), methods=post),
        Route("/board/runs/{number:int}/pain001.xml", member(board.run_pain001)),
    ]


def _imported(request: Request) -> dict[str, Any] | None:
    """What the last import did, from the address the import sent the browser to
    (``?file=…&matched=…&unmatched=…&before=…``); ``None`` when it holds no such thing."""
    query = request.query_params
    counts = [query.get(key, "") for key in ("matched", "unmatched", "before")]
    if not query.get("file") or not all(count.isdigit() for count in counts):
        return None
    matched, unmatched, before = (int(count) for count in counts)
    return {"file": query["file"], "matched": matched, "unmatched": unmatched, "before": before}
