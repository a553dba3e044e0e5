# SPDX-License-Identifier: EUPL-1.2
"""What a member does: registers an assignment, reports hours, keeps their details, gets
their employer's certificate (*arbetsgivarintyg*), and submits a motion to a meeting.

Every handler calls a service with the signed-in :class:`~kooperativ.security.Actor`:
``coop.assignments.add`` (the new assignment is *planned* until the board approves it),
``coop.employment.add_hours``, ``coop.members.update``, ``coop.certificates.pdf`` and
``coop.governance.submit_motion``. The services decide what is allowed; the pages only
read the form's text into the values the services take (a date, a month, an amount), and
show a bad value or a refusal next to its field with nothing written. A number in a form
that names none of the member's own records (an assignment, a client not in the register)
is a bad value, answered the same whether the record is someone else's or does not exist.

The bank account is never printed in full: the profile shows it masked, and its field is
empty; a member who types a new account changes it, an empty field keeps it.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Any
from uuid import UUID

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from kooperativ.employment.dates import month_end, month_start
from kooperativ.errors import ConflictError, InputError, KooperativError, NotFoundError
from kooperativ.governance.meeting import Meeting, MeetingState
from kooperativ.i18n import translator
from kooperativ.members.models import MemberStatus
from kooperativ.security import Actor
from kooperativ.web.forms import menu_texts, typed_amount

if TYPE_CHECKING:
    from kooperativ.employment.models import EmploymentContract
    from kooperativ.web.app import Handler, MemberHandler, _Pages

__all__ = ["work_routes"]

#: The profile form's fields, in the order shown.
PROFILE_FIELDS = (
    "email",
    "phone",
    "street",
    "postal_code",
    "city",
    "bank_account",
    "tax_table",
    "tax_column",
)
#: The address fields of the profile form.
ADDRESS_FIELDS = ("street", "postal_code", "city")


def _texts(lang: str) -> Any:
    return translator(lang, "web_work")


def _required(fields: dict[str, str], name: str) -> str:
    value = fields.get(name, "").strip()
    if not value:
        raise InputError(name, "is required")
    return value


def _day(value: str, field: str) -> date:
    text = value.strip()
    if not text:
        raise InputError(field, "is required")
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise InputError(field, "{value} is not a date (use YYYY-MM-DD)", value=value) from None


def _month(value: str) -> date:
    text = value.strip()
    if not text:
        raise InputError("month", "is required")
    try:
        year, month = text.split("-")
        if len(year) != 4 or len(month) != 2:
            raise ValueError(text)
        return date(int(year), int(month), 1)
    except ValueError:
        raise InputError("month", "{value!r} is not a month (use YYYY-MM)", value=value) from None


def _whole(value: str, field: str) -> int:
    text = value.strip()
    if not text.isdigit():
        raise InputError(field, "{value!r} is not a number", value=value)
    return int(text)


def _amount(value: str, field: str) -> str:
    """An amount as typed (``1 234,50``) in the form the services read (``1234.50``)."""
    text = typed_amount(value)
    if not text:
        raise InputError(field, "is required")
    return text


def _problems(request: Request, pages: _Pages, error: KooperativError) -> dict[str, str]:
    """The error as ``{field: message}`` for the form's fields."""
    field = getattr(error, "field", "") or "form"
    if field == "tax_mode":
        which = str(getattr(error, "params", {}).get("field", ""))
        field = "tax_column" if which == "column" else "tax_table"
    elif field.startswith("address."):
        field = field.removeprefix("address.")
    return {field: pages.error(request, error)}


class _WorkPages:
    """The handlers of the member's work pages over the app's :class:`_Pages`."""

    def __init__(self, pages: _Pages) -> None:
        self.pages = pages
        self.coop = pages.coop

    def show(
        self, request: Request, template: str, actor: Actor, status: int = 200, **context: Any
    ) -> Response:
        lang = self.pages.language(request)
        return self.pages.render(request, template, actor, status=status, w=_texts(lang), **context)

    @staticmethod
    def _me(actor: Actor) -> UUID:
        from kooperativ.web.app import _member_id

        found: UUID = _member_id(actor)
        return found

    def _back(self, target: str) -> Response:
        from kooperativ.web.app import _secured

        return _secured(RedirectResponse(target, status_code=303))

    # -- assignments ------------------------------------------------------------------------

    async def assignments(
        self,
        request: Request,
        actor: Actor,
        status: int = 200,
        problems: dict[str, str] | None = None,
        given: dict[str, str] | None = None,
    ) -> Response:
        me = self._me(actor)
        mine = self.coop.assignments.list(actor, member=me)
        return self.show(
            request,
            "work_assignments.html",
            actor,
            status=status,
            assignments=self.coop.assignments.views(actor, mine),
            clients=self.coop.clients.list(actor),
            problems=problems or {},
            given=given or {},
        )

    async def assignments_page(self, request: Request, actor: Actor) -> Response:
        return await self.assignments(request, actor)

    async def add_assignment(self, request: Request, actor: Actor) -> Response:
        fields = await self.pages.form(request)
        if fields is None:
            return self.pages.refused(request)
        me = self._me(actor)
        try:
            client = _whole(_required(fields, "client"), "client")
            known = {c.number for c in self.coop.clients.list(actor)}
            if client not in known:
                raise InputError("client", "there is no client {number}", number=client)
            description = _required(fields, "description")
            start = _day(fields.get("start", ""), "start")
            end = _day(fields.get("end", ""), "end")
            amount = _amount(fields.get("agreed_amount", ""), "agreed_amount")
            self.coop.assignments.add(
                actor,
                member=me,
                client=client,
                description=description,
                start=start,
                end=end,
                agreed_amount=amount,
                status="planned",
            )
        except (InputError, ConflictError) as error:
            return await self.assignments(
                request,
                actor,
                status=400 if isinstance(error, InputError) else 409,
                problems=_problems(request, self.pages, error),
                given=fields,
            )
        return self._back("/assignments")

    # -- hours ------------------------------------------------------------------------------

    def _with_contracts(self, actor: Actor) -> list[Any]:
        """The member's assignments that an employment contract covers (hours need one)."""
        me = self._me(actor)
        covered = {i for c in self.coop.contracts.list(actor, member=me) for i in c.assignment_ids}
        mine = self.coop.assignments.list(actor, member=me)
        return [a for a in mine if a.id in covered]

    async def hours(
        self,
        request: Request,
        actor: Actor,
        status: int = 200,
        problems: dict[str, str] | None = None,
        given: dict[str, str] | None = None,
    ) -> Response:
        me = self._me(actor)
        numbers = {a.id: a.number for a in self.coop.assignments.list(actor, member=me)}
        reports = sorted(
            self.coop.employment.list_hours(actor, member=me),
            key=lambda h: (h.month, h.number),
            reverse=True,
        )
        return self.show(
            request,
            "work_hours.html",
            actor,
            status=status,
            reports=reports,
            numbers=numbers,
            choices=self._with_contracts(actor),
            problems=problems or {},
            given=given or {},
        )

    async def hours_page(self, request: Request, actor: Actor) -> Response:
        return await self.hours(request, actor)

    async def add_hours(self, request: Request, actor: Actor) -> Response:
        fields = await self.pages.form(request)
        if fields is None:
            return self.pages.refused(request)
        try:
            number = _whole(_required(fields, "assignment"), "assignment")
            if number not in {a.number for a in self._with_contracts(actor)}:
                raise InputError(
                    "assignment",
                    "you have no assignment {number} with an employment contract",
                    number=number,
                )
            month = _month(fields.get("month", ""))
            hours = _amount(fields.get("hours", ""), "hours")
            note = fields.get("note", "").strip() or None
            self.coop.employment.add_hours(
                actor, assignment=number, month=month, hours=hours, note=note
            )
        except (InputError, ConflictError) as error:
            return await self.hours(
                request,
                actor,
                status=400 if isinstance(error, InputError) else 409,
                problems=_problems(request, self.pages, error),
                given=fields,
            )
        return self._back("/hours")

    # -- profile ----------------------------------------------------------------------------

    async def profile(
        self,
        request: Request,
        actor: Actor,
        status: int = 200,
        problems: dict[str, str] | None = None,
        given: dict[str, str] | None = None,
        saved: bool = False,
    ) -> Response:
        me = self.coop.members.get(actor, self._me(actor))
        mode = me.tax.mode or ""
        kind, *parts = mode.split(":")
        table = parts if kind == "table" and len(parts) == 2 else None
        current = {
            "email": me.email or "",
            "phone": me.phone or "",
            "street": me.address.street if me.address else "",
            "postal_code": me.address.postal_code if me.address else "",
            "city": me.address.city if me.address else "",
            "bank_account": "",  # never printed in full: typed anew to change it
            "tax_table": table[0] if table else "",
            "tax_column": table[1] if table else "",
        }
        return self.show(
            request,
            "work_profile.html",
            actor,
            status=status,
            member=self.coop.members.masked(me),
            tax_mode=mode,
            own_table=table is not None or not mode,
            values={**current, **(given or {})},
            problems=problems or {},
            saved=saved or request.query_params.get("saved") == "1",
        )

    async def profile_page(self, request: Request, actor: Actor) -> Response:
        return await self.profile(request, actor)

    async def update_profile(self, request: Request, actor: Actor) -> Response:
        fields = await self.pages.form(request)
        if fields is None:
            return self.pages.refused(request)
        me = self._me(actor)
        try:
            had_email = self.coop.members.get(actor, me).email is not None
            changes = _profile_changes(fields, keep_email=had_email)
            self.coop.members.update(actor, me, **changes)
        except (InputError, ConflictError) as error:
            given = {name: fields.get(name, "") for name in PROFILE_FIELDS}
            return await self.profile(
                request,
                actor,
                status=400 if isinstance(error, InputError) else 409,
                problems=_problems(request, self.pages, error),
                given=given,
            )
        return self._back("/profile?saved=1")

    # -- the employer's certificate ---------------------------------------------------------

    async def certificate(
        self,
        request: Request,
        actor: Actor,
        status: int = 200,
        problems: dict[str, str] | None = None,
    ) -> Response:
        today = self.coop.now().date()
        first = date(today.year - 1, today.month, 1)
        given = dict(request.query_params)
        return self.show(
            request,
            "work_certificate.html",
            actor,
            status=status,
            values={
                "from": given.get("from", first.isoformat()),
                "to": given.get("to", today.isoformat()),
            },
            problems=problems or {},
        )

    async def certificate_page(self, request: Request, actor: Actor) -> Response:
        return await self.certificate(request, actor)

    async def certificate_pdf(self, request: Request, actor: Actor) -> Response:
        from kooperativ.web.app import _pdf

        query = request.query_params
        try:
            first = _day(query.get("from", ""), "from")
            last = _day(query.get("to", ""), "to")
            data = self.coop.certificates.pdf(
                actor,
                self._me(actor),
                first=first,
                last=last,
                lang=self.pages.language(request),
                show_personal_data=query.get("personal") == "1",
            )
        except InputError as error:
            return await self.certificate(
                request, actor, status=400, problems=_problems(request, self.pages, error)
            )
        return _pdf(data, f"arbetsgivarintyg-{first.isoformat()}-{last.isoformat()}.pdf")

    # -- a member's motion ------------------------------------------------------------------

    async def submit_motion(self, request: Request, actor: Actor) -> Response:
        fields = await self.pages.form(request)
        if fields is None:
            return self.pages.refused(request)
        number = int(request.path_params["number"])
        self.coop.governance.get(actor, number)  # not readable: 404 before anything
        try:
            self.coop.governance.submit_motion(
                actor, number, title=fields.get("title", ""), text=fields.get("text", "")
            )
        except NotFoundError:
            raise
        except (InputError, ConflictError) as error:
            from kooperativ.web.meetings import _MeetingPages

            meetings = _MeetingPages(self.pages)
            field = getattr(error, "field", "") or "title"
            return meetings._page(
                request,
                actor,
                self.coop.governance.get(actor, number),
                status=400 if isinstance(error, InputError) else 409,
                problem=self.pages.error(request, error),
                problem_item="new-motion",
                motion_given={
                    "title": fields.get("title", ""),
                    "text": fields.get("text", ""),
                    "field": "text" if field == "text" else "title",
                },
            )
        return self._back(f"/meetings/{number}#motions")

    # -- for the templates ------------------------------------------------------------------

    def motion_deadline(self, actor: Actor | None, meeting: Meeting) -> date | None:
        """The last day for the member's own motion to ``meeting``, while it is open to
        them (open, a general meeting, the deadline not passed); ``None`` otherwise. The
        service decides again when the motion is submitted."""
        if actor is None or actor.member_id is None or meeting.state != MeetingState.OPEN:
            return None
        person = meeting.person(actor.member_id)
        if person is None or person.status is not MemberStatus.MEMBER:
            return None
        deadline = self.coop.governance.motion_deadline(actor, meeting.number)
        return deadline if self.coop.now().date() <= deadline else None

    def hours_to_report(self, actor: Actor | None) -> list[tuple[int, str, date]]:
        """``(assignment number, description, month)`` of the member's contracts covering
        this month or the last with no hours reported for that month."""
        if actor is None or actor.member_id is None:
            return []
        me = actor.member_id
        today = self.coop.now().date()
        this = month_start(today)
        months = [month_start(date.fromordinal(this.toordinal() - 1)), this]
        jobs = {a.id: a for a in self.coop.assignments.list(actor, member=me)}
        reported = {
            (h.assignment_id, h.month) for h in self.coop.employment.list_hours(actor, member=me)
        }
        found: list[tuple[int, str, date]] = []
        contracts: list[EmploymentContract] = self.coop.contracts.list(actor, member=me)
        for contract in contracts:
            for month in months:
                if not contract.covers(month, month_end(month)):
                    continue
                for job_id in contract.assignment_ids:
                    job = jobs.get(job_id)
                    if job is not None and (job_id, month) not in reported:
                        found.append((job.number, job.description, month))
        return sorted(set(found), key=lambda x: (x[2], x[0]))


def _profile_changes(fields: dict[str, str], keep_email: bool) -> dict[str, Any]:
    """The profile form as :meth:`MemberService.update`'s arguments.

    An empty telephone clears it; an empty e-mail is refused when the member has one
    (``keep_email``: they sign in and get notices with it; the administrator can still
    clear it); an empty address (all three fields) clears it, a partial one is refused;
    an empty bank account keeps the one registered; empty tax table and column keep the
    tax mode.
    """
    email = fields.get("email", "").strip() or None
    if email is None and keep_email:
        raise InputError("email", "give an e-mail address: you sign in and get notices with it")
    changes: dict[str, Any] = {
        "email": email,
        "phone": fields.get("phone", "").strip() or None,
    }
    address = {name: fields.get(name, "").strip() for name in ADDRESS_FIELDS}
    if any(address.values()):
        for name in ADDRESS_FIELDS:
            if not address[name]:
                raise InputError(name, "is required")
        changes["address"] = address
    else:
        changes["address"] = None
    account = fields.get("bank_account", "").strip()
    if account:
        changes["bank_account"] = account
    table = fields.get("tax_table", "").strip()
    column = fields.get("tax_column", "").strip()
    if table or column:
        changes["tax_mode"] = (
            f"table:{_whole(_required(fields, 'tax_table'), 'tax_table')}"
            f":{_whole(_required(fields, 'tax_column'), 'tax_column')}"
        )
    return changes


def work_routes(pages: _Pages, member: Callable[[MemberHandler], Handler]) -> list[Route]:
    """The member's work pages' routes (``member`` wraps a handler for signed-in members)."""
    work = _WorkPages(pages)
    pages.templates.globals["t_work"] = menu_texts("web_work")
    pages.templates.globals["work_texts"] = _texts
    pages.templates.globals["hours_to_report"] = work.hours_to_report
    pages.templates.globals["motion_deadline"] = work.motion_deadline
    return [
        Route("/assignments", member(work.assignments_page)),
        Route("/assignments/new", member(work.add_assignment), methods=["POST"]),
        Route("/hours", member(work.hours_page)),
        Route("/hours/new", member(work.add_hours), methods=["POST"]),
        Route("/profile", member(work.profile_page)),
        Route("/profile", member(work.update_profile), methods=["POST"]),
        Route("/certificate", member(work.certificate_page)),
        Route("/certificate.pdf", member(work.certificate_pdf)),
        Route("/meetings/{number:int}/motions", member(work.submit_motion), methods=["POST"]),
    ]
