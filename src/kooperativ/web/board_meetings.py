# SPDX-License-Identifier: EUPL-1.2
"""The board's meeting pages: create a meeting, send the notice by e-mail with each
member's röstlängd entry, record officers, attendance and proxies, put motions and
elections, count the votes, record decisions by acclamation and reservations, and close
the meeting (the minutes are then at ``/meetings/N/minutes.pdf``).

Every handler calls :attr:`Cooperative.governance` with the signed-in
:class:`~kooperativ.security.Actor`. The pages are for the board (``actor.can_manage``):
anyone else gets *404* for every address here, and nothing is written. The library's
polls need no opening: a motion or election takes votes from the moment it is put (after
each counted counter-poll on an amendment, the next poll takes votes), and counting it is
closing the vote, as ``kooperativ meeting close N --motion M`` does. A refusal of the
service (a closed meeting, no quorum, votes still needed) is shown next to the form; a
bad value next to its field, with status 400, and nothing is written.
"""

from __future__ import annotations

import smtplib
from collections.abc import Callable
from datetime import date
from email.message import EmailMessage
from typing import TYPE_CHECKING, Any, Literal

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
from kooperativ.governance.bylaws import DecisionType
from kooperativ.governance.findings import problem_text
from kooperativ.governance.meeting import Meeting, MeetingKind, MeetingState
from kooperativ.governance.notice import notice_findings
from kooperativ.i18n import format_day, plural, translator
from kooperativ.security import Actor

if TYPE_CHECKING:
    from kooperativ.members.models import Member
    from kooperativ.web.app import Handler, MemberHandler, _Pages

__all__ = ["board_meeting_routes"]

DOMAIN = "web_board_meetings"
#: The languages the pages and the notices are written in.
_LANGUAGES = ("sv", "en")
#: A service's field name → the form's field, where they differ.
_FIELD_OF = {"office": "title", "date": "held_on", "on": "held_on", "type": "type"}


def _texts(lang: str) -> Any:
    return translator(lang, DOMAIN)


def _day(value: str, field: str) -> date:
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise InputError(field, "{value!r} is not a date (use YYYY-MM-DD)", value=value) from None


def _lines(value: str) -> list[str]:
    return [line.strip() for line in value.splitlines() if line.strip()]


def _number(value: str, field: str) -> int | None:
    given = value.strip()
    if not given:
        return None
    try:
        return int(given)
    except ValueError:
        raise InputError(field, "{value!r} is not a whole number", value=given) from None


def _required(value: str, field: str) -> str:
    if not value.strip():
        raise InputError(field, "this field is needed")
    return value.strip()


class _Refused(Exception):
    """Bad values found on a form: ``problems`` by field (or form)."""

    def __init__(self, problems: dict[str, str]) -> None:
        super().__init__(problems)
        self.problems = problems


class _BoardMeetingPages:
    """The handlers of the board's meeting pages."""

    def __init__(self, pages: _Pages) -> None:
        self.pages = pages
        self.coop = pages.coop

    # -- helpers ------------------------------------------------------------------------

    @staticmethod
    def _board(actor: Actor) -> None:
        """Anyone but the board: 404, as for a page that is not there."""
        if not actor.can_manage:
            raise NotFoundError("page", "board meetings")

    def _render(
        self, request: Request, template: str, actor: Actor, status: int = 200, **context: Any
    ) -> Response:
        lang = self.pages.language(request)
        return self.pages.render(
            request,
            template,
            actor,
            status=status,
            b=_texts(lang),
            w=translator(lang, "web_meetings"),
            g=translator(lang, "governance"),
            nb=plural(lang, DOMAIN),
            **context,
        )

    def _problem(self, request: Request, error: KooperativError) -> str:
        return self.pages.error(request, error)

    def _where(self, error: KooperativError, fields: tuple[str, ...], form: str) -> str:
        """The form field a service's error belongs next to (else the form)."""
        if isinstance(error, InputError):
            field = _FIELD_OF.get(error.field, error.field)
            if field in fields:
                return field
        return form

    def _meeting(self, request: Request, actor: Actor) -> Meeting:
        return self.coop.governance.get(actor, int(request.path_params["number"]))

    async def _fields(self, request: Request, actor: Actor) -> dict[str, str] | None:
        self._board(actor)
        return await self.pages.form(request)

    # -- the list and a new meeting -----------------------------------------------------------

    async def meetings(
        self,
        request: Request,
        actor: Actor,
        status: int = 200,
        problems: dict[str, str] | None = None,
        given: dict[str, str] | None = None,
    ) -> Response:
        self._board(actor)
        found = sorted(
            self.coop.governance.list(actor), key=lambda x: (x.held_on, x.number), reverse=True
        )
        return self._render(
            request,
            "board_meetings.html",
            actor,
            status=status,
            meetings=found,
            kinds=[kind.value for kind in MeetingKind],
            problems=problems or {},
            given=given or {"kind": MeetingKind.ANNUAL.value},
        )

    async def meetings_page(self, request: Request, actor: Actor) -> Response:
        return await self.meetings(request, actor)

    async def create(self, request: Request, actor: Actor) -> Response:
        fields = await self._fields(request, actor)
        if fields is None:
            return self.pages.refused(request)
        names = ("kind", "held_on", "title", "location")
        problems: dict[str, str] = {}
        held_on: date | None = None
        try:
            held_on = _day(fields.get("held_on", ""), "held_on")
        except InputError as error:
            problems["held_on"] = self._problem(request, error)
        try:
            title = _required(fields.get("title", ""), "title")
        except InputError as error:
            problems["title"] = self._problem(request, error)
        kind = fields.get("kind", "").strip()
        if kind not in {k.value for k in MeetingKind}:
            problems["kind"] = self._problem(
                request, InputError("kind", "{value!r} is not a kind of meeting", value=kind)
            )
        if not problems and held_on is not None:
            try:
                meeting = self.coop.governance.create(
                    actor,
                    kind=kind,
                    held_on=held_on,
                    title=title,
                    location=fields.get("location", "").strip() or None,
                )
            except (InputError, ConflictError) as error:
                problems[self._where(error, names, "new")] = self._problem(request, error)
            else:
                return RedirectResponse(f"/board/meetings/{meeting.number}", status_code=303)
        return await self.meetings(request, actor, 400, problems, fields)

    # -- the manage page ------------------------------------------------------------------------

    async def meeting_page(self, request: Request, actor: Actor) -> Response:
        self._board(actor)
        meeting = self._meeting(request, actor)
        sent = request.query_params.get("sent", "")
        failed = request.query_params.get("failed", "")
        return self._manage(
            request,
            actor,
            meeting,
            sent=int(sent) if sent.isdigit() else None,
            failed=int(failed) if failed.isdigit() else 0,
        )

    def _manage(
        self,
        request: Request,
        actor: Actor,
        meeting: Meeting,
        status: int = 200,
        problems: dict[str, str] | None = None,
        given: dict[str, str] | None = None,
        sent: int | None = None,
        failed: int = 0,
    ) -> Response:
        lang = self.pages.language(request)
        rules = self.coop.governance.rules_on(meeting.held_on)
        warnings = (
            [problem_text(p, lang) for p in notice_findings(meeting, rules, meeting.notice)]
            if meeting.notice is not None
            else []
        )
        gettext = translator(lang, "governance")
        present = set(meeting.present)
        represented = meeting.represented()
        roll = [
            {
                "entry": entry,
                "reasons": [r.text(gettext) for r in entry.reasons],
                "present": entry.member_id in present,
                "proxy": represented[entry.member_id].proxy_name
                if entry.member_id in represented
                else None,
            }
            for entry in meeting.roll.entries
        ]
        is_open = meeting.state == MeetingState.OPEN
        motions = []
        for motion in meeting.motions:
            poll = None if motion.decided or not is_open else motion.next_poll()
            motions.append(
                {
                    "motion": motion,
                    "poll": poll,
                    "amendment": motion.amendment(poll.amendment)
                    if poll is not None and poll.amendment
                    else None,
                    "casting": ("proposal", "amendment")
                    if poll is not None and poll.kind == "counter"
                    else ("yes", "no"),
                    "wording": motion.decision.wording(lang) if motion.decided else None,
                }
            )
        elections = [
            {
                "election": election,
                "wording": election.decision.wording(lang) if election.decided else None,
            }
            for election in meeting.elections
        ]
        return self._render(
            request,
            "board_meeting.html",
            actor,
            status=status,
            meeting=meeting,
            is_open=is_open,
            warnings=warnings,
            roll=roll,
            motions=motions,
            elections=elections,
            reservations=meeting.reservations,
            people=[(e.number, f"{e.number} {e.name}") for e in meeting.roll.entries],
            sent=sent,
            failed=failed,
            today=self.coop.now().date().isoformat(),
            problems=problems or {},
            given=given or {},
        )

    async def _step(
        self,
        request: Request,
        actor: Actor,
        form: str,
        names: tuple[str, ...],
        action: Callable[[dict[str, str], Meeting], str | None],
    ) -> Response:
        """Run ``action`` on the posted form; its errors go next to the field or the form."""
        fields = await self._fields(request, actor)
        if fields is None:
            return self.pages.refused(request)
        meeting = self._meeting(request, actor)  # a missing meeting: 404
        kind, _sep, number = form.partition("-")
        if number:  # a missing motion or election: 404 too
            try:
                meeting.motion(int(number)) if kind == "motion" else meeting.election(int(number))
            except InputError:
                raise NotFoundError(kind, number) from None
        try:
            anchor = action(fields, meeting)
        except _Refused as refused:
            return self._manage(request, actor, meeting, 400, refused.problems, fields)
        except NotFoundError:
            raise
        except KooperativError as error:
            where = self._where(error, names, form)
            status = 409 if isinstance(error, ConflictError) else 400
            current = self._meeting(request, actor)
            problems = {where: self._problem(request, error)}
            return self._manage(request, actor, current, status, problems, fields)
        return RedirectResponse(f"/board/meetings/{meeting.number}{anchor or ''}", status_code=303)

    # -- notice ------------------------------------------------------------------------------

    async def notice(self, request: Request, actor: Actor) -> Response:
        fields = await self._fields(request, actor)
        if fields is None:
            return self.pages.refused(request)
        meeting = self._meeting(request, actor)
        try:
            sent_on = _day(fields.get("sent_on", ""), "sent_on")
            found, _problems = self.coop.governance.notice(
                actor,
                meeting.number,
                sent_on=sent_on,
                method="email",
                matters=_lines(fields.get("matters", "")),
            )
        except NotFoundError:
            raise
        except KooperativError as error:
            where = self._where(error, ("sent_on", "matters"), "notice")
            status = 409 if isinstance(error, ConflictError) else 400
            return self._manage(
                request, actor, meeting, status, {where: self._problem(request, error)}, fields
            )
        base = str(request.base_url).rstrip("/")
        sent, failed = self._send_notices(actor, found, base)
        return RedirectResponse(
            f"/board/meetings/{found.number}?sent={sent}&failed={failed}#notice", status_code=303
        )

    def _send_notices(self, actor: Actor, meeting: Meeting, base: str) -> tuple[int, int]:
        """One e-mail to each member on the register who has an address and may read the
        meeting (a board meeting: the officers only); how many were sent, and failed."""
        register = {m.id: m for m in self.coop.members.list(actor)}
        sent = failed = 0
        for entry in meeting.roll.entries:
            member = register.get(entry.member_id)
            if member is None or not member.email:
                continue
            try:  # the service decides who may read the meeting, as on the pages
                self.coop.governance.get(self.coop.actor_for_member(member.id), meeting.id)
            except (PermissionDenied, NotFoundError):
                continue
            try:
                self.pages.deliver(self._notice_mail(meeting, member, base))
            except (OSError, smtplib.SMTPException):
                failed += 1
            else:
                sent += 1
        return sent, failed

    def _notice_mail(self, meeting: Meeting, member: Member, base: str) -> EmailMessage:
        """The notice to ``member`` in their language, with their own röstlängd entry only."""
        own = self.coop.config.language
        lang = member.language or own
        if lang not in _LANGUAGES:
            lang = own if own in _LANGUAGES else "sv"
        b = _texts(lang)
        w = translator(lang, "web_meetings")
        g = translator(lang, "governance")
        coop = self.coop.config.governing_body.name
        kind = w(f"kind:{meeting.kind.value}")
        when = format_day(meeting.held_on, lang)
        lines = [
            b("Hello {name},").format(name=member.first_name),
            "",
            (
                b("You are called to the {kind} of {coop} on {date} at {location}.")
                if meeting.location
                else b("You are called to the {kind} of {coop} on {date}.")
            ).format(kind=kind, coop=coop, date=when, location=meeting.location),
        ]
        if meeting.title:
            lines.append(meeting.title)
        if meeting.notice is not None and meeting.notice.matters:
            lines += ["", b("Matters:")]
            lines += [f"- {matter}" for matter in meeting.notice.matters]
        lines += ["", b("Agenda:")]
        lines += [f"{item.number}. {g(item.title)}" for item in meeting.agenda]
        lines += ["", b("The voting register (röstlängd):")]
        entry = meeting.roll.entry(member.id)
        if entry is not None and entry.votes:
            lines.append(b("You have a vote at this meeting."))
        else:
            lines.append(b("You have no vote at this meeting, because:"))
            reasons = entry.reasons if entry is not None else ()
            lines += [f"- {reason.text(g)}" for reason in reasons]
        lines += [
            "",
            b("The meeting's page, where you vote: {url}").format(
                url=f"{base}/meetings/{meeting.number}"
            ),
            "",
            coop,
        ]
        message = EmailMessage()
        message["Subject"] = b("Notice: {kind} of {coop}, {date}").format(
            kind=kind, coop=coop, date=when
        )
        message["To"] = str(member.email)
        message["From"] = str(self.coop.config.employer.email or "no-reply@localhost")
        message.set_content("\n".join(lines) + "\n")
        message["Content-Language"] = lang  # after the content, which resets Content-*
        return message

    # -- officers, attendance, proxies ---------------------------------------------------------

    async def officers(self, request: Request, actor: Actor) -> Response:
        def action(fields: dict[str, str], meeting: Meeting) -> str:
            problems: dict[str, str] = {}
            try:
                chair_member = _number(fields.get("chair_member", ""), "chair_member")
            except InputError as error:
                problems["chair_member"] = self._problem(request, error)
            if problems:
                raise _Refused(problems)
            self.coop.governance.officers(
                actor,
                meeting.number,
                chair=fields.get("chair", "").strip() or None,
                secretary=fields.get("secretary", "").strip() or None,
                adjusters=_lines(fields.get("adjusters", "")) or None,
                chair_member=chair_member,
            )
            return "#officers"

        names = ("chair", "secretary", "adjusters", "chair_member")
        return await self._step(request, actor, "officers", names, action)

    async def attend(self, request: Request, actor: Actor) -> Response:
        def action(fields: dict[str, str], meeting: Meeting) -> str:
            numbers = [
                entry.number
                for entry in meeting.roll.entries
                if fields.get(f"present-{entry.number}")
            ]
            if not numbers:
                raise _Refused(
                    {
                        "attend": self._problem(
                            request, InputError("present", "tick the members who are present")
                        )
                    }
                )
            self.coop.governance.attend(actor, meeting.number, numbers)
            return "#attend"

        return await self._step(request, actor, "attend", (), action)

    async def proxy(self, request: Request, actor: Actor) -> Response:
        def action(fields: dict[str, str], meeting: Meeting) -> str:
            problems: dict[str, str] = {}
            principal = proxy = None
            dated = None
            try:
                principal = _number(fields.get("principal", ""), "principal")
                if principal is None:
                    raise InputError("principal", "this field is needed")
            except InputError as error:
                problems["principal"] = self._problem(request, error)
            try:
                proxy = _number(fields.get("proxy", ""), "proxy")
            except InputError as error:
                problems["proxy"] = self._problem(request, error)
            try:
                dated = _day(fields.get("dated", ""), "dated")
            except InputError as error:
                problems["dated"] = self._problem(request, error)
            name = fields.get("proxy_name", "").strip() or None
            if not problems and proxy is None and name is None:
                problems["proxy"] = self._problem(
                    request, InputError("proxy", "name the proxy: a member or a name")
                )
            if problems or principal is None or dated is None:
                raise _Refused(problems)
            self.coop.governance.proxy(
                actor,
                meeting.number,
                principal=principal,
                proxy=proxy,
                proxy_name=name,
                dated=dated,
            )
            return "#proxy"

        names = ("principal", "proxy", "proxy_name", "dated")
        return await self._step(request, actor, "proxy", names, action)

    # -- motions -----------------------------------------------------------------------------

    def _item_page(
        self,
        request: Request,
        actor: Actor,
        meeting: Meeting,
        template: str,
        status: int = 200,
        problems: dict[str, str] | None = None,
        given: dict[str, str] | None = None,
    ) -> Response:
        rules = self.coop.governance.rules_on(meeting.held_on)
        return self._render(
            request,
            template,
            actor,
            status=status,
            meeting=meeting,
            types=[t.value for t in DecisionType],
            methods=[rules.elections.method.value],
            secret_rule=rules.elections.secret,
            voters=[(e.number, f"{e.number} {e.name}") for e in meeting.roll.voters],
            problems=problems or {},
            given=given or {},
        )

    async def motion_page(self, request: Request, actor: Actor) -> Response:
        self._board(actor)
        meeting = self._meeting(request, actor)
        return self._item_page(request, actor, meeting, "board_meeting_motion.html")

    async def motion(self, request: Request, actor: Actor) -> Response:
        fields = await self._fields(request, actor)
        if fields is None:
            return self.pages.refused(request)
        meeting = self._meeting(request, actor)
        names = ("title", "text", "type", "item")
        problems: dict[str, str] = {}
        try:
            title = _required(fields.get("title", ""), "title")
        except InputError as error:
            problems["title"] = self._problem(request, error)
        kind = fields.get("type", "").strip() or DecisionType.ORDINARY.value
        if kind not in {t.value for t in DecisionType}:
            problems["type"] = self._problem(
                request, InputError("type", "{value!r} is not a kind of decision", value=kind)
            )
        if not problems:
            try:
                found = self.coop.governance.motion(
                    actor,
                    meeting.number,
                    title=title,
                    text=fields.get("text", "").strip(),
                    decision_type=kind,
                    item=fields.get("item", "").strip() or None,
                )
            except NotFoundError:
                raise
            except KooperativError as error:
                problems[self._where(error, names, "motion")] = self._problem(request, error)
            else:
                number = found.motions[-1].number
                return RedirectResponse(
                    f"/board/meetings/{found.number}#motion-{number}", status_code=303
                )
        return self._item_page(
            request, actor, meeting, "board_meeting_motion.html", 400, problems, fields
        )

    async def amend(self, request: Request, actor: Actor) -> Response:
        item = int(request.path_params["item"])

        def action(fields: dict[str, str], meeting: Meeting) -> str:
            field = f"amendment-{item}"
            try:
                text = _required(fields.get(field, ""), "amendment")
            except InputError as error:
                raise _Refused({field: self._problem(request, error)}) from None
            proposer = fields.get(f"proposer-{item}", "").strip() or None
            self.coop.governance.amend(actor, meeting.number, item, text, proposer)
            return f"#motion-{item}"

        return await self._step(request, actor, f"motion-{item}", (), action)

    async def acclaim(self, request: Request, actor: Actor) -> Response:
        item = int(request.path_params["item"])

        def action(fields: dict[str, str], meeting: Meeting) -> str:
            given = fields.get("outcome", "")
            if given not in ("adopted", "rejected"):
                raise InputError("outcome", "{value!r}: adopted or rejected", value=given)
            outcome: Literal["adopted", "rejected"] = (
                "adopted" if given == "adopted" else "rejected"
            )
            self.coop.governance.acclaim(actor, meeting.number, item, outcome)
            return f"#motion-{item}"

        return await self._step(request, actor, f"motion-{item}", (), action)

    async def count_motion(self, request: Request, actor: Actor) -> Response:
        item = int(request.path_params["item"])

        def action(fields: dict[str, str], meeting: Meeting) -> str:
            chair_vote = fields.get(f"chair_vote-{item}", "").strip() or None
            self.coop.governance.count(actor, meeting.number, motion=item, chair_vote=chair_vote)
            return f"#motion-{item}"

        return await self._step(request, actor, f"motion-{item}", (), action)

    # -- elections ---------------------------------------------------------------------------

    async def election_page(self, request: Request, actor: Actor) -> Response:
        self._board(actor)
        meeting = self._meeting(request, actor)
        return self._item_page(request, actor, meeting, "board_meeting_election.html")

    async def election(self, request: Request, actor: Actor) -> Response:
        fields = await self._fields(request, actor)
        if fields is None:
            return self.pages.refused(request)
        meeting = self._meeting(request, actor)
        names = ("title", "seats", "method", "candidates", "secret", "requested_by")
        problems: dict[str, str] = {}
        seats: int | None = None
        requested_by: int | None = None
        try:
            title = _required(fields.get("title", ""), "title")
        except InputError as error:
            problems["title"] = self._problem(request, error)
        try:
            seats = _number(fields.get("seats", ""), "seats")
            if seats is None or seats < 1:
                raise InputError("seats", "at least one seat is needed")
        except InputError as error:
            problems["seats"] = self._problem(request, error)
        candidates = _lines(fields.get("candidates", ""))
        if not candidates:
            problems["candidates"] = self._problem(
                request, InputError("candidates", "at least one candidate is needed")
            )
        try:
            requested_by = _number(fields.get("requested_by", ""), "requested_by")
        except InputError as error:
            problems["requested_by"] = self._problem(request, error)
        if not problems and seats is not None:
            try:
                found = self.coop.governance.election(
                    actor,
                    meeting.number,
                    office=title,
                    seats=seats,
                    candidates=candidates,
                    method=fields.get("method", "").strip() or None,
                    secret=bool(fields.get("secret")),
                    requested_by=requested_by,
                )
            except NotFoundError:
                raise
            except KooperativError as error:
                problems[self._where(error, names, "election")] = self._problem(request, error)
            else:
                number = found.elections[-1].number
                return RedirectResponse(
                    f"/board/meetings/{found.number}#election-{number}", status_code=303
                )
        return self._item_page(
            request, actor, meeting, "board_meeting_election.html", 400, problems, fields
        )

    async def count_election(self, request: Request, actor: Actor) -> Response:
        item = int(request.path_params["item"])

        def action(fields: dict[str, str], meeting: Meeting) -> str:
            self.coop.governance.count(actor, meeting.number, election=item)
            return f"#election-{item}"

        return await self._step(request, actor, f"election-{item}", (), action)

    # -- reservations and closing --------------------------------------------------------------

    async def reserve(self, request: Request, actor: Actor) -> Response:
        kind = "election" if "/elections/" in request.url.path else "motion"
        item = int(request.path_params["item"])
        key = f"{kind}-{item}"

        def action(fields: dict[str, str], meeting: Meeting) -> str:
            field = f"reserver-{key}"
            try:
                who = _number(fields.get(field, ""), "member")
                if who is None:
                    raise InputError("member", "this field is needed")
            except InputError as error:
                raise _Refused({field: self._problem(request, error)}) from None
            text = fields.get(f"reservation-{key}", "").strip()
            self.coop.governance.reserve(actor, meeting.number, f"{kind} {item}", text, who)
            return f"#{key}"

        return await self._step(request, actor, key, (), action)

    async def close(self, request: Request, actor: Actor) -> Response:
        def action(fields: dict[str, str], meeting: Meeting) -> str:
            self.coop.governance.close(actor, meeting.number)
            return ""

        return await self._step(request, actor, "close", (), action)


def board_meeting_routes(pages: _Pages, member: Callable[[MemberHandler], Handler]) -> list[Route]:
    """The board's meeting pages' routes (for the board only; anyone else: 404)."""
    h = _BoardMeetingPages(pages)
    base = "/board/meetings/{number:int}"
    post = ["POST"]
    return [
        Route("/board/meetings", member(h.meetings_page)),
        Route("/board/meetings/new", member(h.create), methods=post),
        Route(base, member(h.meeting_page)),
        Route(f"{base}/notice", member(h.notice), methods=post),
        Route(f"{base}/officers", member(h.officers), methods=post),
        Route(f"{base}/attend", member(h.attend), methods=post),
        Route(f"{base}/proxy", member(h.proxy), methods=post),
        Route(f"{base}/motions", member(h.motion_page)),
        Route(f"{base}/motions", member(h.motion), methods=post),
        Route(f"{base}/motions/{{item:int}}/amend", member(h.amend), methods=post),
        Route(f"{base}/motions/{{item:int}}/acclaim", member(h.acclaim), methods=post),
        Route(f"{base}/motions/{{item:int}}/count", member(h.count_motion), methods=post),
        Route(f"{base}/motions/{{item:int}}/reserve", member(h.reserve), methods=post),
        Route(f"{base}/elections", member(h.election_page)),
        Route(f"{base}/elections", member(h.election), methods=post),
        Route(f"{base}/elections/{{item:int}}/count", member(h.count_election), methods=post),
        Route(f"{base}/elections/{{item:int}}/reserve", member(h.reserve), methods=post),
        Route(f"{base}/close", member(h.close), methods=post),
    ]
