# SPDX-License-Identifier: EUPL-1.2
"""The meetings pages: the meetings a member may read, a meeting's notice, agenda,
motions, elections and decisions, the minutes, and the member's votes.

Every handler calls :attr:`Cooperative.governance` with the signed-in
:class:`~kooperativ.security.Actor`; who may vote, for whom, and how often is the
service's to decide, and its refusal is shown next to the form. The pages store nothing
about a vote: the choice travels in the POST body only, the answer is a redirect to the
meeting page (whose address names no choice), and in a secret ballot the ballot goes
into the library's ballot box as it would from the CLI.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any
from uuid import UUID

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from kooperativ.errors import ConflictError, InputError, KooperativError, NotFoundError
from kooperativ.governance.meeting import Election, Meeting, MeetingState, Motion
from kooperativ.governance.tally.results import ElectionMethod
from kooperativ.i18n import translator
from kooperativ.security import Actor

if TYPE_CHECKING:
    from kooperativ.web.app import Handler, MemberHandler, _Pages

__all__ = ["RANKED_METHODS", "meeting_routes"]

#: The election methods whose ballots rank the candidates.
RANKED_METHODS = frozenset({ElectionMethod.STV, ElectionMethod.SCHULZE})


def _texts(lang: str) -> Any:
    return translator(lang, "web_meetings")


class _MeetingPages:
    """The handlers of the meetings pages."""

    def __init__(self, pages: _Pages) -> None:
        self.pages = pages
        self.coop = pages.coop

    def _render(
        self, request: Request, template: str, actor: Actor, status: int = 200, **context: Any
    ) -> Response:
        lang = self.pages.language(request)
        return self.pages.render(
            request,
            template,
            actor,
            status=status,
            m=_texts(lang),
            g=translator(lang, "governance"),
            **context,
        )

    async def meetings(self, request: Request, actor: Actor) -> Response:
        found = sorted(
            self.coop.governance.list(actor), key=lambda x: (x.held_on, x.number), reverse=True
        )
        return self._render(request, "meetings.html", actor, meetings=found)

    async def meeting(self, request: Request, actor: Actor) -> Response:
        meeting = self.coop.governance.get(actor, int(request.path_params["number"]))
        return self._page(request, actor, meeting)

    def _page(
        self,
        request: Request,
        actor: Actor,
        meeting: Meeting,
        status: int = 200,
        problem: str | None = None,
        problem_item: str | None = None,
        **extra: Any,
    ) -> Response:
        lang = self.pages.language(request)
        me = actor.member_id
        entry = meeting.roll.entry(me) if me is not None else None
        gettext = translator(lang, "governance")
        reasons = [r.text(gettext) for r in entry.reasons] if entry is not None else []
        principals = [
            (meeting.roll.entry(mandate.principal_id), meeting.name_of(mandate.principal_id))
            for mandate in meeting.mandates
            if me is not None and mandate.proxy_id == me
        ]
        voters = [(0, actor.name)] + [(e.number, name) for e, name in principals if e is not None]
        is_open = meeting.state == MeetingState.OPEN
        motions = [_motion_view(meeting, motion, me, is_open, lang) for motion in meeting.motions]
        elections = [
            _election_view(meeting, election, me, is_open, lang) for election in meeting.elections
        ]
        return self._render(
            request,
            "meeting.html",
            actor,
            status=status,
            meeting=meeting,
            entry=entry,
            reasons=reasons,
            voters=voters,
            motions=motions,
            elections=elections,
            closed=not is_open,
            problem=problem,
            problem_item=problem_item,
            **extra,
        )

    async def minutes(self, request: Request, actor: Actor) -> Response:
        number = int(request.path_params["number"])
        meeting = self.coop.governance.get(actor, number)
        if meeting.state != MeetingState.CLOSED:
            raise NotFoundError("minutes", str(number))
        data = self.coop.governance.minutes(actor, number, lang=self.pages.language(request))
        response = Response(data, media_type="application/pdf")
        response.headers["Content-Disposition"] = f'attachment; filename="minutes-{number}.pdf"'
        return response

    async def vote_motion(self, request: Request, actor: Actor) -> Response:
        return await self._vote(request, actor, "motion")

    async def vote_election(self, request: Request, actor: Actor) -> Response:
        return await self._vote(request, actor, "election")

    async def _vote(self, request: Request, actor: Actor, kind: str) -> Response:
        fields = await self.pages.form(request)
        if fields is None:
            return self.pages.refused(request)
        number = int(request.path_params["number"])
        item = int(request.path_params["item"])
        meeting = self.coop.governance.get(actor, number)  # not readable: 404
        try:
            election = meeting.election(item) if kind == "election" else None
            if kind == "motion":
                meeting.motion(item)
        except InputError:
            raise NotFoundError(kind, str(item)) from None
        try:
            on_behalf = _principal(fields.get("for", ""))
            if election is None:
                self.coop.governance.vote(
                    actor, number, motion=item, choice=fields.get("choice", ""), member=on_behalf
                )
            else:
                self.coop.governance.vote(
                    actor, number, election=item, choice=_ballot(election, fields), member=on_behalf
                )
        except NotFoundError:
            raise
        except KooperativError as error:
            return self._page(
                request,
                actor,
                self.coop.governance.get(actor, number),
                status=409 if isinstance(error, ConflictError) else 400,
                problem=self.pages.error(request, error),
                problem_item=f"{kind}-{item}",
            )
        return RedirectResponse(f"/meetings/{number}#{kind}-{item}", status_code=303)


def _principal(given: str) -> int | None:
    """The member number a proxy votes for (``None``: the voter themself)."""
    given = given.strip()
    if given in ("", "0"):
        return None
    try:
        return int(given)
    except ValueError:
        raise InputError("for", "{value!r} is not a member number", value=given) from None


def _ballot(election: Election, fields: dict[str, str]) -> list[str]:
    """The ballot from the form: ranks (``rank-N``) or marks (``mark-N``), by candidate."""
    candidates = election.candidates
    if election.method in RANKED_METHODS:
        ranked: list[tuple[int, str]] = []
        for index, name in enumerate(candidates):
            given = fields.get(f"rank-{index}", "").strip()
            if not given:
                continue
            try:
                rank = int(given)
            except ValueError:
                raise InputError(
                    "rank", "{value!r} is not a number (candidate {name})", value=given, name=name
                ) from None
            if rank < 1:
                raise InputError("rank", "ranks start at 1 (candidate {name})", name=name)
            ranked.append((rank, name))
        ranks = [rank for rank, _ in ranked]
        if len(set(ranks)) != len(ranks):
            raise InputError("rank", "two candidates have the same rank")
        return [name for _, name in sorted(ranked)]
    return [name for index, name in enumerate(candidates) if fields.get(f"mark-{index}")]


def _voted(box_voters: frozenset[UUID], me: UUID | None) -> bool:
    return me is not None and me in box_voters


def _motion_view(
    meeting: Meeting, motion: Motion, me: UUID | None, is_open: bool, lang: str
) -> dict[str, Any]:
    decision = motion.decision if motion.decided else None
    poll = None if motion.decided or not is_open else motion.next_poll()
    amendment = motion.amendment(poll.amendment) if poll is not None and poll.amendment else None
    return {
        "motion": motion,
        "open": poll is not None,
        "counter": poll is not None and poll.kind == "counter",
        "amendment": amendment,
        "secret": poll is not None and poll.box.secret,
        "voted": poll is not None and _voted(poll.box.voters, me),
        "wording": decision.wording(lang) if decision is not None else None,
        "explanation": _explain(decision, lang),
    }


def _election_view(
    meeting: Meeting, election: Election, me: UUID | None, is_open: bool, lang: str
) -> dict[str, Any]:
    decision = election.decision if election.decided else None
    is_voting = is_open and not election.decided
    return {
        "election": election,
        "open": is_voting,
        "ranked": election.method in RANKED_METHODS,
        "secret": election.box.secret,
        "voted": is_voting and _voted(election.box.voters, me),
        "wording": decision.wording(lang) if decision is not None else None,
        "explanation": _explain(decision, lang),
    }


def _explain(decision: Any, lang: str) -> str | None:
    if decision is None or decision.explanation is None:
        return None
    text: str = decision.explanation.text(lang)
    return text


def meeting_routes(pages: _Pages, member: Callable[[MemberHandler], Handler]) -> list[Route]:
    """The meetings pages' routes (every one for signed-in members only)."""
    pages.templates.globals["meetings_texts"] = _texts
    handlers = _MeetingPages(pages)
    return [
        Route("/meetings", member(handlers.meetings)),
        Route("/meetings/{number:int}", member(handlers.meeting)),
        Route("/meetings/{number:int}/minutes.pdf", member(handlers.minutes)),
        Route(
            "/meetings/{number:int}/motions/{item:int}/vote",
            member(handlers.vote_motion),
            methods=["POST"],
        ),
        Route(
            "/meetings/{number:int}/elections/{item:int}/vote",
            member(handlers.vote_election),
            methods=["POST"],
        ),
    ]
