# SPDX-License-Identifier: EUPL-1.2
"""Projects on every backend: the worked example of docs/projects.md (a grant of
120 000 kr received in two parts, salary budget moved to two owners, a report that adds
up to the öre), and bad input refused with a clear error and nothing written."""

from __future__ import annotations

import json
import re
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from kooperativ import Actor, Cooperative
from kooperativ.errors import ConflictError, InputError, PermissionDenied, ValidationFailed
from kooperativ.members.models import Member
from kooperativ.projects import Grant, Project

D = Decimal
DOC = Path(__file__).parents[2] / "docs" / "projects.md"


def _as(member: Member) -> Actor:
    return Actor.for_member(member.id, member.name, frozenset())


def _written(coop: Cooperative) -> tuple[int, int, int]:
    """(vouchers, audit events, grant receipts) in the store."""
    with coop.store.unit_of_work(write=False) as uow:
        receipts = sum(len(g.receipts) for g in uow.grants.list())
        return uow.vouchers.count(), len(list(uow.audit.events())), receipts


def setup_project(
    coop: Cooperative, board: Actor, ada: Member, bo: Member
) -> tuple[Project, Grant]:
    project = coop.projects.create(
        board,
        name="Sommarturné",
        owners=[ada.number, bo.number],
        start=date(2026, 6, 1),
        end=date(2026, 8, 31),
        budget={"salaries": "90000.00", "expenses": "25000.00", "other": "5000.00"},
        rules=[
            {"member": ada.number, "limit": "50000.00"},
            {"member": bo.number, "limit": "40000"},
        ],
        status="active",
    )
    grant = coop.projects.add_grant(
        board,
        project.number,
        grantor="Konstnärsnämnden",
        decision="KN 2026/1234",
        decided_on=date(2026, 4, 15),
        amount="120000.00",
        start=date(2026, 6, 1),
        end=date(2026, 8, 31),
        conditions="Ekonomisk redovisning senast 2026-10-31",
        report_due=date(2026, 10, 31),
    )
    return project, grant


#: A car allowance (an expense) and late interest (another cost) of the project.
EXPENSES = (
    (date(2026, 7, 10), 7331, "1234.50", "Bilersättning turné"),
    (date(2026, 7, 30), 8422, "12.35", "Dröjsmålsränta hyrbil"),
)


def book_expenses(
    coop: Cooperative, treasurer: Actor, project: Project, which: slice = slice(None)
) -> None:
    """Book :data:`EXPENSES` (or some of them) on the project."""
    for day, account, amount, text in EXPENSES[which]:
        coop.ledger.book(
            treasurer,
            {
                "series": "M",
                "date": day,
                "text": text,
                "lines": [
                    {"account": account, "amount": amount, "project_id": project.id},
                    {"account": 1930, "amount": f"-{amount}"},
                ],
            },
        )


def worked_example(
    coop: Cooperative, board: Actor, treasurer: Actor, ada: Member, bo: Member
) -> tuple[Project, Grant]:
    project, grant = setup_project(coop, board, ada, bo)
    coop.projects.receive(treasurer, grant.number, "72000.00", on=date(2026, 6, 2))
    coop.projects.move_to_member(
        _as(ada), project.number, ada.number, "30000", on=date(2026, 6, 25)
    )
    book_expenses(coop, treasurer, project, slice(0, 1))
    coop.projects.move_to_member(_as(bo), project.number, bo.number, "25000", on=date(2026, 7, 25))
    book_expenses(coop, treasurer, project, slice(1, 2))
    coop.projects.receive(treasurer, grant.number, "48000.00", on=date(2026, 8, 20))
    coop.projects.move_to_member(
        _as(ada), project.number, ada.number, "20000", on=date(2026, 8, 25)
    )
    return project, grant


def _documented_report() -> dict[str, Any]:
    text = DOC.read_text("utf-8")
    found = re.search(r"<!-- report -->\s*```json\n(.*?)```", text, re.S)
    assert found, "docs/projects.md has no report block"
    data: dict[str, Any] = json.loads(found.group(1))
    return data


def test_the_worked_example_adds_up_to_the_ore(
    coop: Cooperative, board: Actor, treasurer: Actor, ada: Member, bo: Member
) -> None:
    project, grant = worked_example(coop, board, treasurer, ada, bo)
    report = coop.projects.report(treasurer, project.number, grant=grant.number)
    # Hand-worked: 72 000 + 48 000 received; 30 000 + 25 000 + 20 000 moved;
    # 1 234.50 car allowance; 12.35 late interest.
    assert report.grants_received == D("120000.00")
    assert report.other_income == D("0.00")
    assert report.salaries == D("75000.00")
    assert report.expenses == D("1234.50")
    assert report.other_costs == D("12.35")
    assert report.costs == D("76246.85")
    assert report.remaining == D("43753.15")
    assert report.income - report.costs == report.remaining
    assert report.as_dict() == _documented_report()
    # The receipts are on the grant, each naming its voucher.
    (stored,) = coop.projects.grants(treasurer, project.number)
    assert [(r.date, r.amount, r.voucher) for r in stored.receipts] == [
        (date(2026, 6, 2), D("72000.00"), "B1"),
        (date(2026, 8, 20), D("48000.00"), "B2"),
    ]
    assert stored.outstanding == D("0.00")
    labels = [v.label for v in coop.ledger.list(treasurer)]
    assert labels == ["B1", "M1", "M2", "M3", "M4", "B2", "M5"]  # as docs/projects.md
    # The ledger agrees: the members' accounts hold what was moved, the trial balance is 0.
    assert coop.ledger.member_account(treasurer, ada.number).closing == D("50000.00")
    assert coop.ledger.member_account(treasurer, bo.number).closing == D("25000.00")
    trial = coop.ledger.trial_balance(treasurer)
    assert trial.total == D("0.00")
    sums = {row.account: row.balance for row in trial.rows}
    assert sums[3985] == D("-120000.00") and sums[7010] == D("75000.00")
    # A month's report counts only that month.
    june = coop.projects.report(treasurer, project.number, "2026-06")
    assert (june.grants_received, june.salaries, june.remaining) == (
        D("72000.00"),
        D("30000.00"),
        D("42000.00"),
    )


def test_bad_input_is_refused_and_nothing_is_written(
    coop: Cooperative,
    board: Actor,
    treasurer: Actor,
    ada: Member,
    bo: Member,
    cay: Member,
) -> None:
    project, grant = setup_project(coop, board, ada, bo)
    coop.projects.receive(treasurer, grant.number, "72000.00", on=date(2026, 6, 2))
    coop.projects.move_to_member(
        _as(ada), project.number, ada.number, "30000", on=date(2026, 6, 25)
    )
    book_expenses(coop, treasurer, project)
    coop.projects.move_to_member(_as(bo), project.number, bo.number, "25000", on=date(2026, 7, 25))
    before = _written(coop)

    # A grant with VAT.
    with pytest.raises(ValidationFailed) as vat:
        coop.projects.add_grant(
            board,
            project.number,
            grantor="Kulturrådet",
            decision="KUR 2026/9",
            decided_on=date(2026, 5, 2),
            amount="10000",
            start=date(2026, 6, 1),
            end=date(2026, 8, 31),
            vat_rate="0.25",
        )
    assert "carries no VAT" in str(vat.value) and "vat_rate" in str(vat.value)
    # More than the project's remaining funds: 72 000 − 55 000 − 1 246.85 = 15 753.15.
    with pytest.raises(InputError, match=r"remaining funds \(15753\.15\)") as funds:
        coop.projects.move_to_member(
            _as(ada), project.number, ada.number, "20000", on=date(2026, 8, 10)
        )
    assert funds.value.field == "amount"
    # More than the rule's limit left: 40 000 − 25 000.
    with pytest.raises(InputError, match=r"limit left for member 2 \(15000\.00\)"):
        coop.projects.move_to_member(
            _as(bo), project.number, bo.number, "15000.01", on=date(2026, 8, 10)
        )
    # A member who owns no project moves budget.
    with pytest.raises(PermissionDenied, match="owners and officers"):
        coop.projects.move_to_member(
            _as(cay), project.number, ada.number, "10", on=date(2026, 8, 10)
        )
    # A member without a rule receives budget.
    with pytest.raises(InputError, match="no rule names them"):
        coop.projects.move_to_member(board, project.number, cay.number, "10", on=date(2026, 8, 10))
    # More received than granted; not a treasurer; öre fractions.
    with pytest.raises(InputError, match=r"still to be received .*48000\.00"):
        coop.projects.receive(treasurer, grant.number, "48000.01", on=date(2026, 8, 20))
    with pytest.raises(PermissionDenied):
        coop.projects.receive(board, grant.number, "100", on=date(2026, 8, 20))
    with pytest.raises(InputError, match="whole öre"):
        coop.projects.receive(treasurer, grant.number, "1.005", on=date(2026, 8, 20))
    # A project without owners, or ending before it starts.
    with pytest.raises(ValidationFailed, match="owner_ids"):
        coop.projects.create(
            board, name="X", owners=[], start=date(2026, 1, 1), end=date(2026, 2, 1)
        )
    with pytest.raises(ValidationFailed, match="ends before it starts"):
        coop.projects.create(
            board, name="X", owners=[ada.number], start=date(2026, 2, 1), end=date(2026, 1, 1)
        )
    assert _written(coop) == before
    # A closed project takes nothing more.
    coop.projects.close(board, project.number)
    with pytest.raises(ConflictError, match="closed"):
        coop.projects.receive(treasurer, grant.number, "100", on=date(2026, 9, 1))


def test_members_see_only_their_own_projects(
    coop: Cooperative, board: Actor, ada: Member, bo: Member, cay: Member
) -> None:
    project, _ = setup_project(coop, board, ada, bo)
    assert [p.number for p in coop.projects.list(_as(ada))] == [project.number]
    assert coop.projects.list(_as(cay)) == []
    assert coop.projects.get(_as(bo), project.number) == project
    with pytest.raises(PermissionDenied):
        coop.projects.get(_as(cay), project.number)
    with pytest.raises(PermissionDenied):
        coop.projects.report(_as(cay), project.number)
    with pytest.raises(PermissionDenied):
        coop.projects.grants(_as(cay), project.number)
    with pytest.raises(PermissionDenied):
        coop.projects.create(
            _as(ada), name="Y", owners=[ada.number], start=date(2026, 1, 1), end=date(2026, 1, 2)
        )
    changed = coop.projects.update(board, project.number, owners=[bo.number], name="Turné")
    assert changed.name == "Turné" and coop.projects.list(_as(ada)) == []


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_the_report_as_pdf(
    coop: Cooperative, board: Actor, treasurer: Actor, ada: Member, bo: Member, lang: str
) -> None:
    from io import BytesIO

    from pypdf import PdfReader

    project, grant = worked_example(coop, board, treasurer, ada, bo)
    pdf = coop.projects.report_pdf(treasurer, project.number, grant=grant.number, lang=lang)
    assert pdf.startswith(b"%PDF-")
    text = " ".join(page.extract_text() for page in PdfReader(BytesIO(pdf)).pages)
    text = re.sub(r"[\u00a0\u202f,]", " ", text)
    for figure in ("120 000", "75 000", "1 234", "76 246", "43 753"):
        assert figure in text, figure
    assert ("Återstående medel" if lang == "sv" else "Remaining funds") in text
    assert "Konstnärsnämnden" in text and "KN 2026/1234" in text
