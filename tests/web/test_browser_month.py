# SPDX-License-Identifier: EUPL-1.2
"""A month and an annual meeting run entirely in the browser (issue 13).

Interim kultur (conftest's three members) with a fourth, Siv, on the board: she approves
assignments, signs contracts for the employer, invoices and runs meetings; Tove the
treasurer confirms hours, registers payments and runs the payroll (the library leaves
those to the treasurer). Each person has a browser context of their own.

The month: Ada signs in by an e-mail link, registers an assignment, the board approves it
(a draft contract), Ada signs the contract with her password and Siv for the employer, Ada
reports her hours, Tove confirms them, Siv invoices, Tove registers the client's payment,
Ada asks for her salary, Tove approves it, computes the payroll run and approves it with her
password, and Ada downloads her payslip.

The meeting: Siv creates an annual meeting, sends the notice (e-mail in the outbox), adds
a motion and a secret election by ranked ballots (STV, as the bylaws from 21 March 2027
say), records who is present; the members vote on their phones; Siv counts and closes,
and the minutes show the result. No page shows who voted what.

Every step is a page and a form as a person uses them; what the pages did is then read
back from the library. Screenshots of the main pages at 390 and 1280 px go to
``KOOPERATIV_SCREENSHOTS`` (or the test's folder).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from email import message_from_bytes
from pathlib import Path
from typing import Any

import pytest

from kooperativ import Cooperative
from kooperativ.i18n import format_amount
from kooperativ.members.models import Role

from .browser import (
    chromium,
    download,
    pdf_text,
    person,
    screenshot_folder,
    screenshots,
    serve,
    sign_in_by_link,
    sign_in_by_password,
)
from .conftest import ADMIN, PASSWORD, Clock, populate

pytestmark = pytest.mark.browser

#: Siv, the board member (member 4).
SIV = {"email": "siv@example.se", "name": "Siv Styrelse"}
TOVE = {"email": "tove@example.se", "name": "Tove Kassör"}
ADA = {"email": "ada@example.se", "name": "Ada Lind"}
BO = {"email": "bo@example.se", "name": "Bo Ek"}
#: The election's candidates, in ballot-paper order.
CANDIDATES = ["Cilla Berg", "Dan Holm", "Eva Ström"]


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """One chromium for the module's tests (each person gets a context of their own)."""
    with chromium() as launched:
        yield launched


@pytest.fixture
def people(browser: Any) -> Iterator[list[Any]]:
    """The browser contexts a test opens, closed after it."""
    contexts: list[Any] = []
    yield contexts
    for context in contexts:
        context.close()


@dataclass
class Town:
    """The cooperative, its clock, the app's address and its outbox."""

    coop: Cooperative
    clock: Clock
    base: str
    outbox: Path
    shots: Path
    browser: Any
    contexts: list[Any]

    def person(self, *, phone: bool = False) -> Any:
        """A page in a new browser context: one person, their own cookies."""
        page = person(self.browser, self.base, phone=phone)
        self.contexts.append(page.context)
        return page


@pytest.fixture
def town(tmp_path: Path, browser: Any, people: list[Any]) -> Iterator[Town]:
    """conftest's cooperative with Siv on the board, served on SQLite in a thread."""
    folder = Cooperative.init(tmp_path / "coop", "interim_kultur")
    outbox = tmp_path / "outbox"
    clock = Clock()
    with Cooperative.open(folder, f"sqlite:///{tmp_path / 'web.db'}", clock=clock) as coop:
        populate(coop)
        siv = coop.members.add(
            ADMIN, first_name="Siv", last_name="Styrelse", person_id="198807129807",
            email=SIV["email"], roles=frozenset({Role.BOARD}), status="member",
            joined_on=date(2024, 3, 1),
        )  # fmt: skip
        coop.access.set_password(ADMIN, siv.number, PASSWORD)
        with serve(coop, outbox) as base:
            yield Town(coop, clock, base, outbox, screenshot_folder(tmp_path), browser, people)


# -- forms ------------------------------------------------------------------------------------


def _fill(form: Any, fields: dict[str, str | bool]) -> None:
    """Fill ``form``'s fields by name: text, date, number, select, checkbox, radio."""
    for name, value in fields.items():
        field = form.locator(f"[name='{name}']")
        if field.count() == 0:
            raise AssertionError(f"the form has no field named {name!r}")
        kind = field.first.evaluate("e => e.tagName.toLowerCase() + ':' + (e.type || '')")
        if kind.endswith(":radio"):
            form.locator(f"[name='{name}'][value='{value}']").check()
        elif kind.endswith(":checkbox"):
            field.first.set_checked(bool(value))
        elif kind.startswith("select"):
            field.select_option(str(value))
        else:
            field.fill(str(value))


def _problems(page: Any) -> str:
    return " | ".join(page.locator(".problem").all_inner_texts())


def _submit(page: Any, action: str, fields: dict[str, str | bool], on: str | None) -> Any:
    """Fill and submit the form posting to ``action`` (on the page ``on``, else the
    current one); the response of the page it leads to."""
    if on is not None:
        page.goto(on)
    form = page.locator(f"form[action='{action}']")
    if form.count() == 0:
        raise AssertionError(f"no form posting to {action} on {page.url}")
    _fill(form.first, fields)
    with page.expect_navigation() as navigation:
        form.first.locator("button[type=submit], button:not([type])").first.click()
    return navigation.value


def post(
    page: Any, action: str, fields: dict[str, str | bool] | None = None, *, on: str | None = None
) -> str:
    """Submit the form posting to ``action`` and wait for the page it leads to.

    The answer must be a redirect (303: the pages' "done"); anything else fails with the
    page's problems. Returns the address the redirect led to (with its fragment).
    """
    answer = _submit(page, action, fields or {}, on)
    if answer.request.redirected_from is None:
        raise AssertionError(
            f"POST {action} answered {answer.status}, not a redirect: {_problems(page)!r}"
        )
    assert answer.ok, f"{answer.url} answered {answer.status}"
    return str(page.url)


def refused(
    page: Any, action: str, fields: dict[str, str | bool], *, field: str, on: str | None = None
) -> str:
    """Submit a form that must be refused: 400, the same page again, and the problem next
    to ``field`` (which names it in ``aria-describedby``). Returns the problem's text."""
    answer = _submit(page, action, fields, on)
    assert answer.request.redirected_from is None and answer.status == 400, answer.status
    described = page.locator(f"[name='{field}']").first.get_attribute("aria-describedby") or ""
    problems = [
        page.locator(f"[id='{name}']")
        for name in described.split()
        if page.locator(f"[id='{name}'].problem").count()
    ]
    assert problems, f"no problem next to {field!r}: {_problems(page)!r}"
    return " ".join(problem.inner_text() for problem in problems)


def sign_in_again(page: Any, who: dict[str, str]) -> None:
    """Sign in by password when the session has run out (the clock moved on)."""
    page.context.clear_cookies()
    sign_in_by_password(page, who["email"], who["name"])


# -- the month --------------------------------------------------------------------------------


def test_a_month_in_the_browser(town: Town, tmp_path: Path) -> None:
    coop, base, shots = town.coop, town.base, town.shots
    ada = town.person()
    siv = town.person()
    tove = town.person()

    # Ada signs in by a link from her e-mail and registers an assignment.
    ada.goto("/assignments")
    assert ada.url.startswith(f"{base}/sign-in")
    sign_in_by_link(ada, town.outbox, ADA["email"], ADA["name"])
    given = {
        "client": "1",
        "description": "Ljussättning av julspelet",
        "start": "2026-11-30",
        "end": "2026-11-20",  # a slip: before the first day
        "agreed_amount": "20000",
    }
    before = coop.assignments.list(ADMIN, member=2)
    problem = refused(ada, "/assignments/new", given, on="/assignments", field="end")
    assert "2026-11-20" in problem
    assert coop.assignments.list(ADMIN, member=2) == before  # nothing written
    post(ada, "/assignments/new", {"end": "2026-12-11"})  # the rest is kept in the form
    mine = coop.assignments.list(ADMIN, member=2)
    job = max(mine, key=lambda a: a.number)
    assert job.description == "Ljussättning av julspelet"
    assert job.status.value == "planned" and job.agreed_amount == 20000
    ada.get_by_text("Ljussättning av julspelet").first.wait_for()
    screenshots(ada, shots, "assignments")

    # The board approves it: the assignment is active and has a draft contract.
    sign_in_by_password(siv, SIV["email"], SIV["name"])
    post(siv, f"/board/assignments/{job.number}/approve", on="/board/assignments")
    assert coop.assignments.get(ADMIN, job.number).status.value == "active"
    (contract,) = [c for c in coop.contracts.list(ADMIN, member=2) if c.start == job.start]
    assert contract.signed_by_employee is None and contract.signed_by_employer is None

    # Ada signs it with her password; Siv signs for the employer with hers.
    ada.goto("/contracts")
    screenshots(ada, shots, "contracts")
    post(ada, f"/contracts/{contract.number}/sign", {"password": PASSWORD})
    post(
        siv,
        f"/board/contracts/{contract.number}/sign",
        {"password": PASSWORD},
        on="/board/contracts",
    )
    contract = coop.contracts.get(ADMIN, contract.number)
    assert contract.signed_by_employee is not None
    assert contract.signed_by_employer is not None
    assert {s.name for s in contract.signatures} == {ADA["name"], SIV["name"]}

    # Ada reports her hours; Tove (the treasurer) confirms them.
    post(
        ada,
        "/hours/new",
        {"assignment": str(job.number), "month": "2026-12", "hours": "64",
         "note": "Repetitioner"},
        on="/hours",
    )  # fmt: skip
    (hours,) = coop.employment.list_hours(ADMIN, assignment=job.number)
    assert hours.hours == 64 and hours.confirmed_by is None
    screenshots(ada, shots, "hours")
    sign_in_by_password(tove, TOVE["email"], TOVE["name"])
    post(tove, f"/board/hours/{hours.number}/confirm", on="/board/hours")
    hours = coop.employment.list_hours(ADMIN, assignment=job.number)[0]
    assert hours.confirmed_by == TOVE["name"]

    # Siv invoices the assignment; Tove registers the client's payment.
    post(siv, "/board/invoices/new", {"assignment": str(job.number)}, on="/board/invoices")
    (invoice,) = [i for i in coop.invoices.list(ADMIN, member=2) if job.id in i.assignment_ids]
    assert invoice.total == 25000  # 20 000 kr and 25 % VAT
    post(
        tove,
        "/board/payments/new",
        {"invoice": str(invoice.number), "amount": str(invoice.total), "date": "2026-11-27"},
        on="/board/payments",
    )
    assert coop.invoices.get(ADMIN, invoice.number).status.value == "paid"
    available = coop.salary_requests.availability(ADMIN, 2).available
    assert available > 0

    # Ada asks for all that is available, paid on Christmas Day; Tove approves.
    post(ada, "/pay/requests", {"pay_date": "2026-12-25"}, on="/pay")
    (request,) = coop.salary_requests.list(ADMIN, member=2, status="requested")
    assert request.budget == available
    screenshots(ada, shots, "pay")
    post(tove, f"/approvals/requests/{request.number}/approve", on="/approvals")

    # Tove computes December's payroll run and approves it with her password.
    post(
        tove,
        "/board/runs/new",
        {"period": "2026-12", "pay_date": "2026-12-25"},
        on="/board/runs",
    )
    (run,) = coop.payroll_runs.list(ADMIN, period="2026-12")
    assert run.status.value == "draft" and run.payslips == 1
    screenshots(tove, shots, "board-runs")
    post(tove, f"/approvals/runs/{run.number}/approve", {"password": PASSWORD}, on="/approvals")
    run = coop.payroll_runs.show(ADMIN, run.number)
    assert run.status.value == "approved" and run.approved_by == TOVE["name"]
    (slip,) = coop.payroll_runs.payslips(ADMIN, run.number, member=2)

    # Ada downloads her payslip: her name and her pay are on it.
    ada.goto("/payslips")
    screenshots(ada, shots, "payslips")
    saved = download(
        ada,
        ada.get_by_role("link", name="Lönespecifikation för 2026-12 (PDF)"),
        tmp_path / "payslip-2026-12.pdf",
    )
    text = pdf_text(saved)
    assert ADA["name"] in text and BO["name"] not in text
    assert " ".join(format_amount(slip.payout, "sv").split()) in text  # e.g. 12 205,76

    ada.goto("/")
    screenshots(ada, shots, "home")
    siv.goto("/board")
    screenshots(siv, shots, "board")


# -- the annual meeting -----------------------------------------------------------------------


def test_an_annual_meeting_with_a_secret_ranked_election(town: Town, tmp_path: Path) -> None:
    coop, clock, shots = town.coop, town.clock, town.shots
    # 25 March 2027: the bylaws in force from 21 March elect by STV; the annual meeting on
    # 20 April is called between six and two weeks ahead. Every member has paid their fees
    # (registered from the bank, not in the browser).
    clock.now = datetime(2027, 3, 25, 9, 0, tzinfo=UTC)
    for member in (1, 2, 3, 4):
        for year in (2024, 2025, 2026, 2027):
            coop.governance.pay_fee(
                ADMIN, member, year=year, amount="200", paid_on=date(year, 1, 10)
            )
    siv = town.person()
    sign_in_by_password(siv, SIV["email"], SIV["name"])

    # Siv creates the meeting and sends the notice.
    post(
        siv,
        "/board/meetings/new",
        {"kind": "annual", "held_on": "2027-04-20", "title": "Årsmöte 2027",
         "location": "Kulturhuset"},
        on="/board/meetings",
    )  # fmt: skip
    (meeting,) = coop.governance.list(ADMIN)
    assert meeting.kind.value == "annual" and meeting.held_on == date(2027, 4, 20)
    page = f"/board/meetings/{meeting.number}"
    sent_before = set(town.outbox.glob("*.eml"))
    post(siv, f"{page}/notice", on=page)
    notices = set(town.outbox.glob("*.eml")) - sent_before
    assert len(notices) == 4  # every member on the register has an e-mail address
    to_ada = _mail_to(notices, ADA["email"])
    assert "Du har rösträtt vid mötet." in to_ada  # her own line of the röstlängd
    link = re.search(r"https?://[^/\s]+(/meetings/\d+)", to_ada)
    assert link is not None and link.group(1) == f"/meetings/{meeting.number}"
    vote_page = link.group(1)
    meeting = coop.governance.get(ADMIN, meeting.number)
    assert meeting.notice is not None and meeting.notice.sent_on == date(2027, 3, 25)

    # A board proposal and the election of the board, secret (asked for by Ada).
    post(
        siv,
        f"{page}/motions",
        {"title": "Ny logotyp", "text": "Föreningen byter logotyp."},
        on=f"{page}/motions",
    )
    post(
        siv,
        f"{page}/elections",
        {"title": "Styrelse", "seats": "2", "method": "stv",
         "candidates": "\n".join(CANDIDATES), "secret": True},
        on=f"{page}/elections",
    )  # fmt: skip
    meeting = coop.governance.get(ADMIN, meeting.number)
    (election,) = meeting.elections
    assert election.method.value == "stv" and election.box.secret
    assert list(election.candidates) == CANDIDATES

    # The meeting day: all four are present.
    clock.now = datetime(2027, 4, 20, 18, 0, tzinfo=UTC)
    sign_in_again(siv, SIV)
    siv.goto(page)
    attend = siv.locator(f"form[action='{page}/attend']")
    for box in attend.locator("input[type=checkbox]").all():
        box.check()
    post(siv, f"{page}/attend")
    assert len(coop.governance.get(ADMIN, meeting.number).present) == 4

    # The members vote on their phones: the motion, and the candidates ranked.
    ballots = {
        "ada": (ADA, "yes", {0: 1, 1: 2}),  # Cilla, Dan
        "bo": (BO, "no", {1: 1, 2: 2}),  # Dan, Eva
        "tove": (TOVE, "yes", {0: 1, 1: 2}),  # Cilla, Dan
        "siv": (SIV, "yes", {0: 1, 2: 2}),  # Cilla, Eva
    }
    phones = {}
    for key, (who, choice, ranks) in ballots.items():
        phone = town.person(phone=True)
        phones[key] = phone
        sign_in_by_link(phone, town.outbox, who["email"], who["name"])
        # The meeting's page, from the link in the notice.
        post(phone, f"{vote_page}/motions/1/vote", {"choice": choice}, on=vote_page)
        if key == "ada":
            screenshots(phone, shots, "meeting-vote")
        ranking = {f"rank-{index}": str(rank) for index, rank in ranks.items()}
        landed = post(phone, f"{vote_page}/elections/1/vote", ranking)
        # The address names no choice, and the page keeps none.
        assert landed.endswith(f"{vote_page}#election-1"), landed
        assert phone.get_by_text("Du har röstat.").count() >= 1
        # Her vote is in: no form offers to vote again (she holds no proxy).
        assert phone.locator("input[name^='rank-']").count() == 0
        assert phone.locator("input[name='choice']").count() == 0

    # Nobody's page shows who voted what: the secret box keeps no voter beside a ballot.
    siv.goto(page)
    screenshots(siv, shots, "board-meeting")
    voters = {ADA["name"], BO["name"], TOVE["name"], SIV["name"]}
    for phone in phones.values():
        phone.reload()
        _no_ballot_beside_a_name(phone.content(), voters)
    _no_ballot_beside_a_name(siv.content(), voters)
    box = coop.governance.get(ADMIN, meeting.number).election(1).box
    # Secret: who has voted, and no ballot in the record until the count.
    assert len(box.voters) == 4 and not box.votes and not box.choices

    # Siv counts and closes; the minutes show the result.
    post(siv, f"{page}/motions/1/count", on=page)
    post(siv, f"{page}/elections/1/count", on=page)
    post(siv, f"{page}/close", on=page)
    meeting = coop.governance.get(ADMIN, meeting.number)
    assert meeting.state.value == "closed"
    assert meeting.motion(1).outcome == "adopted"
    opened = meeting.election(1).box
    # Counted: the ballots in the record, sorted, beside no one.
    assert opened.opened and len(opened.choices) == 4 and not opened.votes
    assert list(opened.choices) == sorted(opened.choices)
    elected = meeting.election(1).decision.elected
    assert list(elected) == ["Cilla Berg", "Dan Holm"]

    ada = phones["ada"]
    ada.goto(f"/meetings/{meeting.number}")
    minutes = download(
        ada,
        ada.get_by_role("link", name="Protokollet (PDF)"),
        tmp_path / "minutes.pdf",
    )
    text = pdf_text(minutes)
    assert "Utfall: valda i ordning Cilla Berg, Dan Holm." in text
    assert "Utfall: förslaget är bifallet." in text
    election_part = text.split("§ 9 Val")[1].split("§ 10")[0]
    assert "sluten omröstning" in election_part
    for name in voters:  # the secret ballots name no voter
        assert name not in election_part, name


def _mail_to(paths: set[Path], email: str) -> str:
    """The text of the one message among ``paths`` to ``email``."""
    found = [
        message
        for message in (message_from_bytes(path.read_bytes()) for path in paths)
        if email in str(message["To"])
    ]
    assert len(found) == 1, f"{len(found)} messages to {email}"
    body = found[0].get_payload(decode=True)
    assert isinstance(body, bytes)
    return body.decode()


def _no_ballot_beside_a_name(html: str, voters: set[str]) -> None:
    """No voter's name on the page is followed by a ranking or a ballot's content."""
    for name in voters:
        start = 0
        while (found := html.find(name, start)) >= 0:
            nearby = html[found : found + len(name) + 80]
            for candidate in CANDIDATES:
                assert candidate not in nearby.replace(name, ""), (name, nearby)
            start = found + len(name)
