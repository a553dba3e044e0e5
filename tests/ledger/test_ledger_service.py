# SPDX-License-Identifier: EUPL-1.2
"""The ledger service on every backend: a hand-worked month, corrections, closed periods,
member accounts, and bad input refused with nothing written."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from kooperativ import Actor, Cooperative
from kooperativ.errors import (
    ConflictError,
    InputError,
    NotFoundError,
    PermissionDenied,
    ValidationFailed,
)
from kooperativ.members.models import Member
from kooperativ.services.ledger import LedgerService

D = Decimal


def _lines(*pairs: tuple[int, str] | tuple[int, str, Member]) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []
    for pair in pairs:
        line: dict[str, Any] = {"account": pair[0], "amount": pair[1]}
        if len(pair) == 3:
            line["member"] = pair[2].number
        found.append(line)
    return found


def book_may(coop: Cooperative, actor: Actor, ada: Member) -> None:
    """The worked example of docs/ledger.md: Ada's invoice, its payment, her salary."""
    coop.ledger.book(
        actor,
        {
            "series": "A",
            "date": date(2026, 5, 4),
            "text": "Faktura 1, Kulturhuset",
            "document": {"kind": "invoice", "key": "1"},
            "lines": _lines(
                (1510, "12500.00"),
                (2611, "-2500.00"),
                (3041, "-10000.00"),
                (3041, "9400.00"),
                (2890, "-9400.00", ada),
            ),
        },
    )
    coop.ledger.book(
        actor,
        {
            "series": "B",
            "date": date(2026, 5, 25),
            "text": "Inbetalning faktura 1",
            "document": {"kind": "payment", "key": "OCR 10016"},
            "lines": _lines((1930, "12500.00"), (1510, "-12500.00")),
        },
    )
    coop.ledger.book(
        actor,
        {
            "series": "L",
            "date": date(2026, 5, 25),
            "text": "Lön maj, Ada Lind",
            "document": {"kind": "payroll", "key": "2026-05"},
            "lines": _lines(
                (2890, "6571.00", ada),
                (2710, "-1200.00"),
                (2731, "-1571.00"),
                (1930, "-3800.00"),
            ),
        },
    )


def test_a_hand_worked_month(coop: Cooperative, treasurer: Actor, ada: Member) -> None:
    book_may(coop, treasurer, ada)
    vouchers = coop.ledger.list(treasurer)
    assert [(v.number, v.label) for v in vouchers] == [(1, "A1"), (2, "B1"), (3, "L1")]
    assert vouchers[0].booked_by == "kassör"
    trial = coop.ledger.trial_balance(treasurer)
    assert {row.account: row.balance for row in trial.rows} == {
        1510: D("0.00"),
        1930: D("8700.00"),
        2611: D("-2500.00"),
        2710: D("-1200.00"),
        2731: D("-1571.00"),
        2890: D("-2829.00"),
        3041: D("-600.00"),
    }
    assert trial.total == 0
    names = {row.account: row.name for row in trial.rows}
    assert names[2890] == "Övriga kortfristiga skulder"
    assert sum(row.debit for row in trial.rows) == sum(row.credit for row in trial.rows)
    assert sum(row.debit for row in trial.rows) == D("8700.00")

    account = coop.ledger.member_account(treasurer, ada.number, "2026-05")
    assert account.opening == D("0.00")
    assert [(s.entry.label, s.amount, s.balance) for s in account.lines] == [
        ("A1", D("9400.00"), D("9400.00")),
        ("L1", D("-6571.00"), D("2829.00")),
    ]
    assert account.closing == D("2829.00")
    assert coop.ledger.balance(treasurer, 2890, member=ada.number) == D("-2829.00")
    assert coop.ledger.balance(treasurer, 1930, until=date(2026, 5, 24)) == D("0.00")
    # June: nothing yet, the opening balance is May's closing one.
    june = coop.ledger.member_account(treasurer, ada.number, "2026-06")
    assert (june.opening, june.lines, june.closing) == (D("2829.00"), (), D("2829.00"))
    # The period's movements only.
    may = coop.ledger.trial_balance(treasurer, period="2026-05")
    assert may.total == 0 and may.since == date(2026, 5, 1)
    assert coop.ledger.trial_balance(treasurer, period="2026-04").rows == ()


def test_every_booking_is_on_the_audit_trail(
    coop: Cooperative, treasurer: Actor, ada: Member
) -> None:
    book_may(coop, treasurer, ada)
    coop.ledger.correct(treasurer, "B", 1, "fel belopp")
    coop.ledger.close_period(treasurer, "2026-05")
    events = [e for e in coop.audit.events(Actor.admin()) if e.entity != "config"]
    actions = [e.action for e in events]
    assert actions[-5:] == [
        "voucher.book",
        "voucher.book",
        "voucher.book",
        "voucher.correct",
        "period.close",
    ]
    assert coop.audit.verify(Actor.admin()).ok


def test_a_correction_reverses_and_refers(coop: Cooperative, treasurer: Actor, ada: Member) -> None:
    book_may(coop, treasurer, ada)
    correction = coop.ledger.correct(treasurer, "A", 1, "fel kund", on=date(2026, 6, 2))
    assert correction.label == "A2" and correction.number == 4
    assert correction.corrects is not None and correction.corrects.label == "A1"
    assert correction.text == "A1: fel kund"
    original = coop.ledger.get(treasurer, "A", 1)
    assert [line.amount for line in correction.lines] == [-line.amount for line in original.lines]
    assert coop.ledger.get(treasurer, "A", 1) == original  # untouched
    # After the correction only the payment and the salary remain.
    sums = {r.account: r.balance for r in coop.ledger.trial_balance(treasurer).rows}
    assert sums[1510] == D("-12500.00") and sums[3041] == D("0.00")
    assert coop.ledger.member_account(treasurer, ada.number).closing == D("-6571.00")
    with pytest.raises(ConflictError, match="A1 is corrected already by A2"):
        coop.ledger.correct(treasurer, "A", 1, "igen")
    with pytest.raises(NotFoundError):
        coop.ledger.correct(treasurer, "A", 9, "finns inte")
    with pytest.raises(InputError, match="reason"):
        coop.ledger.correct(treasurer, "A", 2, "  ")


def test_a_closed_period_accepts_no_voucher(
    coop: Cooperative, treasurer: Actor, ada: Member
) -> None:
    book_may(coop, treasurer, ada)
    closed = coop.ledger.close_period(treasurer, "2026-05")
    assert (closed.start, closed.end, closed.label) == (
        date(2026, 5, 1),
        date(2026, 5, 31),
        "2026-05",
    )
    draft = {
        "series": "M",
        "date": date(2026, 5, 31),
        "text": "Sen bankavgift",
        "lines": _lines((1930, "-45.00"), (3041, "45.00")),
    }
    with pytest.raises(InputError, match="closed period 2026-05"):
        coop.ledger.book(treasurer, draft)
    with pytest.raises(InputError, match="closed period 2026-05"):
        coop.ledger.correct(treasurer, "B", 1, "fel", on=date(2026, 5, 31))
    # A correction is booked in the open period in which the error is found.
    assert coop.ledger.correct(treasurer, "B", 1, "fel", on=date(2026, 6, 1)).label == "B2"
    assert coop.ledger.book(treasurer, {**draft, "date": date(2026, 6, 1)}).label == "M1"
    with pytest.raises(ConflictError, match="closed already"):
        coop.ledger.close_period(treasurer, "2026-05")
    coop.ledger.close_period(treasurer, "2025")
    with pytest.raises(ConflictError, match="closed already"):
        coop.ledger.close_period(treasurer, "2025-03")
    with pytest.raises(InputError, match="not ended yet"):
        coop.ledger.close_period(treasurer, "2026-11")
    with pytest.raises(InputError, match="not a month"):
        coop.ledger.close_period(treasurer, "maj")
    with pytest.raises(InputError, match="no month 13"):
        coop.ledger.close_period(treasurer, "2026-13")
    assert [p.label for p in coop.ledger.closed_periods(treasurer)] == ["2026-05", "2025"]


GOOD = {
    "series": "M",
    "date": date(2026, 6, 3),
    "text": "Bankavgift juni",
    "lines": [{"account": 1930, "amount": "-45.00"}, {"account": 3041, "amount": "45.00"}],
}


def _with_lines(*lines: dict[str, Any]) -> dict[str, Any]:
    return {**GOOD, "lines": list(lines)}


BAD: list[tuple[str, dict[str, Any], type[Exception], str]] = [
    (
        "unbalanced",
        _with_lines({"account": 1930, "amount": "-45.00"}, {"account": 3041, "amount": "45.01"}),
        InputError,
        "'Bankavgift juni' does not balance: debit and credit differ by 0.01",
    ),
    (
        "unknown account",
        _with_lines({"account": 1930, "amount": "-45.00"}, {"account": 6571, "amount": "45.00"}),
        InputError,
        "line 2: account 6571 is not in the chart of accounts",
    ),
    ("unknown series", {**GOOD, "series": "Q"}, InputError, "series 'Q' is not one of"),
    ("lower-case series", {**GOOD, "series": "m"}, ValidationFailed, "series"),
    (
        "three decimals",
        _with_lines({"account": 1930, "amount": "-45.005"}, {"account": 3041, "amount": "45.005"}),
        ValidationFailed,
        "two decimals",
    ),
    (
        "a float",
        _with_lines({"account": 1930, "amount": -45.0}, {"account": 3041, "amount": 45.0}),
        ValidationFailed,
        "amount",
    ),
    ("one line", _with_lines({"account": 1930, "amount": "0.01"}), ValidationFailed, "lines"),
    (
        "a zero line",
        _with_lines(
            {"account": 1930, "amount": "-45.00"},
            {"account": 3041, "amount": "45.00"},
            {"account": 3041, "amount": "0"},
        ),
        ValidationFailed,
        "zero",
    ),
    ("no text", {**GOOD, "text": " "}, ValidationFailed, "text"),
    (
        "unknown member",
        _with_lines(
            {"account": 1930, "amount": "-45.00"},
            {"account": 2890, "amount": "45.00", "member": 77},
        ),
        InputError,
        "line 2: no member 77",
    ),
    (
        "unknown member id",
        _with_lines(
            {"account": 1930, "amount": "-45.00"},
            {
                "account": 2890,
                "amount": "45.00",
                "member_id": "00000000-0000-0000-0000-000000000077",
            },
        ),
        InputError,
        "no member has the id",
    ),
    ("correcting nothing", {**GOOD, "corrects": {"series": "A", "serial": 5}}, NotFoundError, "A5"),
    ("an unknown field", {**GOOD, "amount": "45"}, ValidationFailed, "amount"),
]


@pytest.mark.parametrize(("case", "data", "error", "message"), BAD, ids=[b[0] for b in BAD])
def test_bad_input_is_refused_and_nothing_is_written(
    coop: Cooperative,
    treasurer: Actor,
    ada: Member,
    case: str,
    data: dict[str, Any],
    error: type[Exception],
    message: str,
) -> None:
    book_may(coop, treasurer, ada)
    events = len(list(coop.audit.events(Actor.admin())))
    with pytest.raises(error) as caught:
        coop.ledger.book(treasurer, data)
    assert message in str(caught.value)
    assert len(coop.ledger.list(treasurer)) == 3
    assert len(list(coop.audit.events(Actor.admin()))) == events
    # The series goes on without a gap.
    assert coop.ledger.book(treasurer, GOOD).label == "M1"


def test_a_booked_voucher_is_never_edited(coop: Cooperative, treasurer: Actor, ada: Member) -> None:
    book_may(coop, treasurer, ada)
    original = coop.ledger.get(treasurer, "A", 1)
    changed = original.evolve(text="Ändrad")
    refused = pytest.raises(ConflictError, match="A1 is booked and is never changed")
    with refused, coop.store.unit_of_work() as uow:
        uow.vouchers.update(changed)
    assert coop.ledger.get(treasurer, "A", 1) == original


def test_a_failed_write_leaves_no_gap(
    coop: Cooperative, treasurer: Actor, ada: Member, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A voucher numbered and stored, then refused later in the same transaction (here the
    audit event fails): nothing is written and the next voucher takes the same number."""
    book_may(coop, treasurer, ada)
    real = LedgerService._record

    def failing(*args: Any, **kwargs: Any) -> None:
        raise ConflictError("the audit trail refused the event")

    monkeypatch.setattr(LedgerService, "_record", failing)
    with pytest.raises(ConflictError):
        coop.ledger.book(treasurer, GOOD)
    monkeypatch.setattr(LedgerService, "_record", real)
    assert [v.label for v in coop.ledger.list(treasurer)] == ["A1", "B1", "L1"]
    voucher = coop.ledger.book(treasurer, GOOD)
    assert (voucher.label, voucher.number) == ("M1", 4)
    assert coop.ledger.trial_balance(treasurer).total == 0


def test_who_may_do_what(coop: Cooperative, treasurer: Actor, ada: Member, bo: Member) -> None:
    book_may(coop, treasurer, ada)
    as_ada = coop.actor_for_member(ada.number)
    as_bo = coop.actor_for_member(bo.number)
    board = Actor(name="styrelsen", roles=frozenset({"board"}))  # type: ignore[arg-type]
    auditor = Actor(name="revisor", roles=frozenset({"auditor"}))  # type: ignore[arg-type]
    # A member sees their own account, and no other.
    assert coop.ledger.member_account(as_ada, ada.number).closing == D("2829.00")
    with pytest.raises(PermissionDenied):
        coop.ledger.member_account(as_bo, ada.number)
    with pytest.raises(PermissionDenied):
        coop.ledger.balance(as_bo, 2890, member=ada.number)
    assert coop.ledger.balance(as_ada, 2890, member=ada.number) == D("-2829.00")
    for reader in (as_ada, as_bo):
        with pytest.raises(PermissionDenied):
            coop.ledger.trial_balance(reader)
        with pytest.raises(PermissionDenied):
            coop.ledger.list(reader)
    # The board and the auditor read; only the treasurer and the admin book.
    assert coop.ledger.trial_balance(auditor).total == 0
    assert len(coop.ledger.list(board)) == 3
    for other in (as_ada, board, auditor):
        with pytest.raises(PermissionDenied, match="treasurer or admin only"):
            coop.ledger.book(other, GOOD)
        with pytest.raises(PermissionDenied):
            coop.ledger.correct(other, "A", 1, "fel")
        with pytest.raises(PermissionDenied):
            coop.ledger.close_period(other, "2026-05")
    assert coop.ledger.book(Actor.admin(), GOOD).label == "M1"


def test_the_chart_names_every_role_account(coop: Cooperative) -> None:
    chart = coop.ledger.chart()
    for number in coop.config.accounts.values():
        assert number in chart
    assert chart[1930].startswith("Företagskonto")
    assert coop.ledger.member_account_number() == 2890
