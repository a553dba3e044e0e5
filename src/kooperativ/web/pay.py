# SPDX-License-Identifier: EUPL-1.2
"""The pay pages: what an assignment gives, salary requests, expenses, and the officers'
approvals (salary requests, expenses, payroll runs).

Every handler calls a service with the signed-in :class:`~kooperativ.security.Actor`;
the services decide who may see and do what (a member's own records only; an officer
never decides their own request or expense, nor approves a run they are paid in). A
service's refusal of a decision is shown next to the form; a bad value next to its field,
and nothing is written. Approving a payroll run asks for the password again (or a sign-in
by link within the last minutes), as signing a contract does.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from starlette.datastructures import UploadFile
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from kooperativ.errors import ConflictError, InputError, KooperativError, PermissionDenied
from kooperativ.i18n import translator
from kooperativ.security import Actor
from kooperativ.web.app import (
    Handler,
    MemberHandler,
    _member_id,
    _Pages,
    _secured,
)
from kooperativ.web.forms import menu_texts, require_officer, typed_amount

__all__ = ["pay_routes"]

#: The largest receipt file accepted (bytes).
MAX_RECEIPT_BYTES = 10 * 1024 * 1024
#: The receipt files accepted, by suffix.
RECEIPT_SUFFIXES = (".pdf", ".jpg", ".jpeg", ".png")


def _day(value: str, field: str) -> date:
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise InputError(field, "{value} is not a date (use YYYY-MM-DD)", value=value) from None


class _PayPages:
    """The pay pages' handlers over the app's :class:`_Pages`."""

    def __init__(self, pages: _Pages) -> None:
        self.pages = pages
        self.coop = pages.coop

    def show(
        self, request: Request, template: str, actor: Actor, status: int = 200, **context: Any
    ) -> Response:
        lang = self.pages.language(request)
        return self.pages.render(
            request, template, actor, status=status, t=translator(lang, "web_pay"), **context
        )

    def problem(self, request: Request, error: KooperativError) -> str:
        return self.pages.error(request, error)

    # -- salary --------------------------------------------------------------------------

    async def pay(
        self,
        request: Request,
        actor: Actor,
        status: int = 200,
        problems: dict[str, str] | None = None,
        given: dict[str, str] | None = None,
    ) -> Response:
        member = _member_id(actor)
        return self.show(
            request,
            "pay.html",
            actor,
            status=status,
            availability=self.coop.salary_requests.availability(actor, member),
            requests=self.coop.salary_requests.list(actor, member=member),
            assignments=self.coop.assignments.list(actor, member=member),
            problems=problems or {},
            given=given or {},
        )

    async def pay_page(self, request: Request, actor: Actor) -> Response:
        return await self.pay(request, actor)

    async def preview(self, request: Request, actor: Actor) -> Response:
        number = int(request.path_params["number"])
        job = self.coop.assignments.get(actor, number)
        result = self.coop.payroll.preview(actor, number)
        return self.show(request, "pay_preview.html", actor, assignment=job, result=result)

    async def request_salary(self, request: Request, actor: Actor) -> Response:
        fields = await self.pages.form(request)
        if fields is None:
            return self.pages.refused(request)
        member = _member_id(actor)
        try:
            pay_date = _day(fields.get("pay_date", ""), "pay_date")
            amount = fields.get("amount", "").strip().replace(" ", "").replace(",", ".")
            self.coop.salary_requests.request(actor, member, pay_date, amount or None)
        except InputError as error:
            return await self.pay(
                request,
                actor,
                status=400,
                problems={error.field: self.problem(request, error)},
                given=fields,
            )
        return _secured(RedirectResponse("/pay", status_code=303))

    # -- expenses ------------------------------------------------------------------------

    async def expenses(
        self,
        request: Request,
        actor: Actor,
        status: int = 200,
        problems: dict[str, str] | None = None,
        given: dict[str, str] | None = None,
    ) -> Response:
        member = _member_id(actor)
        return self.show(
            request,
            "expenses.html",
            actor,
            status=status,
            expenses=self.coop.expenses.list(actor, member=member),
            problems=problems or {},
            given=given or {},
        )

    async def expenses_page(self, request: Request, actor: Actor) -> Response:
        return await self.expenses(request, actor)

    async def add_expense(self, request: Request, actor: Actor) -> Response:
        fields = await self.pages.form(request)
        if fields is None:
            return self.pages.refused(request)
        data = await request.form()
        upload = data.get("file")
        member = _member_id(actor)
        try:
            day = _day(fields.get("date", ""), "date")
            receipt = fields.get("receipt", "").strip()
            stored: Path | None = None
            if isinstance(upload, UploadFile) and upload.filename:
                suffix = Path(upload.filename).suffix.lower()
                if suffix not in RECEIPT_SUFFIXES:
                    raise InputError(
                        "file", "a receipt is a PDF, JPEG or PNG file (got {suffix})", suffix=suffix
                    )
                content = await upload.read(MAX_RECEIPT_BYTES + 1)
                if len(content) > MAX_RECEIPT_BYTES:
                    raise InputError("file", "the receipt file is larger than 10 MB")
                # A name of our own, never the uploaded one: it becomes the reference.
                name = f"{day.isoformat()}-{secrets.token_hex(6)}{suffix}"
                receipt = f"{receipt} ({name})" if receipt else name
                folder = Path(self.coop.folder or ".") / "receipts"
                folder.mkdir(parents=True, exist_ok=True)
                stored = folder / name
                stored.write_bytes(content)
            try:
                self.coop.expenses.add(
                    actor,
                    member=member,
                    date=day,
                    description=fields.get("description", ""),
                    receipt=receipt,
                    amount=typed_amount(fields.get("amount", "")),
                    vat=typed_amount(fields.get("vat", "")) or "0",
                )
            except BaseException:
                if stored is not None:  # nothing half-written: no file without its expense
                    stored.unlink(missing_ok=True)
                raise
        except InputError as error:
            return await self.expenses(
                request,
                actor,
                status=400,
                problems={error.field: self.problem(request, error)},
                given=fields,
            )
        return _secured(RedirectResponse("/expenses", status_code=303))

    # -- the officers' approvals ---------------------------------------------------------

    async def approvals(
        self,
        request: Request,
        actor: Actor,
        status: int = 200,
        problem: str | None = None,
        problem_at: str | None = None,
    ) -> Response:
        require_officer(actor)
        names = {m.id: m.name for m in self.coop.members.list(actor)}
        return self.show(
            request,
            "approvals.html",
            actor,
            status=status,
            requests=self.coop.salary_requests.list(actor, status="requested"),
            expenses=self.coop.expenses.list(actor, status="submitted"),
            runs=self.coop.payroll_runs.list(actor),
            names=names,
            problem=problem,
            problem_at=problem_at,
        )

    async def approvals_page(self, request: Request, actor: Actor) -> Response:
        return await self.approvals(request, actor)

    async def decide(self, request: Request, actor: Actor) -> Response:
        require_officer(actor)
        fields = await self.pages.form(request)
        if fields is None:
            return self.pages.refused(request)
        kind = str(request.path_params["kind"])
        number = int(request.path_params["number"])
        decision = str(request.path_params["decision"])
        if kind not in ("requests", "expenses") or decision not in ("approve", "reject"):
            raise PermissionDenied("{actor} asked for no such decision", actor=actor.name)
        service: Any = self.coop.salary_requests if kind == "requests" else self.coop.expenses
        service.get(actor, number)  # none such: 404
        try:
            if decision == "approve":
                service.approve(actor, number)
            else:
                service.reject(actor, number, fields.get("reason", ""))
        except (InputError, PermissionDenied, ConflictError) as error:
            return await self.approvals(
                request,
                actor,
                status=400 if isinstance(error, InputError) else 409,
                problem=self.problem(request, error),
                problem_at=f"{kind}-{number}",
            )
        return _secured(RedirectResponse("/approvals", status_code=303))

    async def approve_run(self, request: Request, actor: Actor) -> Response:
        require_officer(actor)
        fields = await self.pages.form(request)
        if fields is None:
            return self.pages.refused(request)
        number = int(request.path_params["number"])
        self.coop.payroll_runs.show(actor, number)  # none such: 404
        try:
            confirmed = await self.pages.reauthenticate(request, fields)
            self.coop.payroll_runs.approve(confirmed, number)
        except (InputError, PermissionDenied, ConflictError) as error:
            return await self.approvals(
                request,
                actor,
                status=401 if isinstance(error, PermissionDenied) else 409,
                problem=self.problem(request, error),
                problem_at=f"runs-{number}",
            )
        return _secured(RedirectResponse("/approvals", status_code=303))


def pay_routes(pages: _Pages, member: Callable[[MemberHandler], Handler]) -> list[Route]:
    """The pay pages' routes (``member`` wraps a handler for signed-in members)."""
    pay = _PayPages(pages)
    pages.templates.globals["t_pay"] = menu_texts("web_pay")
    return [
        Route("/pay", member(pay.pay_page)),
        Route("/pay/assignments/{number:int}", member(pay.preview)),
        Route("/pay/requests", member(pay.request_salary), methods=["POST"]),
        Route("/expenses", member(pay.expenses_page)),
        Route("/expenses/new", member(pay.add_expense), methods=["POST"]),
        Route("/approvals", member(pay.approvals_page)),
        Route("/approvals/runs/{number:int}/approve", member(pay.approve_run), methods=["POST"]),
        Route(
            "/approvals/{kind:str}/{number:int}/{decision:str}",
            member(pay.decide),
            methods=["POST"],
        ),
    ]
