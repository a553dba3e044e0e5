# SPDX-License-Identifier: EUPL-1.2
"""``coop.ledger.sie``: the year read from the store on every backend, written as SIE 4
and read back with the hand-worked balances; who may have it."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from kooperativ import Actor, Cooperative
from kooperativ.countries.se.sie import read_sie
from kooperativ.errors import InputError, PermissionDenied
from kooperativ.members.models import Member, Role

from .test_ledger_service import _lines, book_may

D = Decimal


def book_2025(coop: Cooperative, actor: Actor, ada: Member) -> None:
    """A first year: an invoice of 1 000 kr, of which 500 kr is set aside for Ada."""
    coop.ledger.book(
        actor,
        {
            "series": "M",
            "date": date(2025, 9, 1),
            "text": "Faktura 2025",
            "lines": _lines(
                (1510, "1000.00"), (3041, "-1000.00"), (7690, "500.00"), (2890, "-500.00", ada)
            ),
        },
    )


def test_a_year_with_a_year_before(coop: Cooperative, treasurer: Actor, ada: Member) -> None:
    book_2025(coop, treasurer, ada)
    book_may(coop, treasurer, ada)
    sie = read_sie(coop.ledger.sie(treasurer, 2026), "2026.se")

    assert [(v.series, v.number, v.date, v.text) for v in sie.vouchers] == [
        ("A", 1, date(2026, 5, 4), "Faktura 1, Kulturhuset"),
        ("B", 1, date(2026, 5, 25), "Inbetalning faktura 1"),
        ("L", 1, date(2026, 5, 25), "Lön maj, Ada Lind"),
    ]
    assert all(v.sign == "kassör" and v.registered == date(2026, 11, 27) for v in sie.vouchers)
    assert [(t.account, t.amount, t.objects) for t in sie.vouchers[2].rows] == [
        ("2890", D("6571.00"), ((20, str(ada.number)),)),
        ("2710", D("-1200.00"), ()),
        ("2731", D("-1571.00"), ()),
        ("1930", D("-3800.00"), ()),
    ]
    assert sie.objects[(20, str(ada.number))].name == "Ada Lind"
    assert sie.company.name == "Interim kultur AB"
    assert sie.company.organisation_id == coop.config.employer.orgnr
    assert sie.years[0].start == date(2026, 1, 1) and sie.years[-1].end == date(2025, 12, 31)

    # By hand: 2025 left 1510 +1 000, 2890 -500 (Ada) and a result of -500 (a profit),
    # carried on 2098; May 2026 as in docs/ledger.md.
    def year(rows: tuple, index: int) -> dict[str, Decimal]:  # type: ignore[type-arg]
        return {r.account: r.amount for r in rows if r.year == index}

    assert year(sie.opening, 0) == {
        "1510": D("1000.00"), "2890": D("-500.00"), "2098": D("-500.00"),
        "1930": D("0.00"), "2611": D("0.00"), "2710": D("0.00"), "2731": D("0.00"),
    }  # fmt: skip
    assert year(sie.closing, 0) == {
        "1510": D("1000.00"), "1930": D("8700.00"), "2611": D("-2500.00"),
        "2710": D("-1200.00"), "2731": D("-1571.00"), "2890": D("-3329.00"),
        "2098": D("-500.00"),
    }  # fmt: skip
    assert year(sie.results, 0) == {"3041": D("-600.00")}
    assert year(sie.opening, -1) == {"1510": D("0.00"), "2890": D("0.00")}
    assert year(sie.closing, -1) == {"1510": D("1000.00"), "2890": D("-500.00")}
    assert year(sie.results, -1) == {"3041": D("-1000.00"), "7690": D("500.00")}
    member = ("2890", ((20, str(ada.number)),))
    assert {(r.account, r.objects): r.amount for r in sie.object_opening if r.year == 0} == {
        member: D("-500.00")
    }
    assert {(r.account, r.objects): r.amount for r in sie.object_closing if r.year == 0} == {
        member: D("-3329.00")
    }
    # Ada's statement says the same, from her side.
    assert coop.ledger.member_account(treasurer, ada.number, "2026").closing == D("3329.00")
    # The trial balance to the end of the year: UB plus this year's RES.
    trial = coop.ledger.trial_balance(treasurer, until=date(2026, 12, 31))
    assert sum(year(sie.closing, 0).values()) + sum(year(sie.results, 0).values()) == 0
    assert trial.total == 0


def test_4i_and_the_file_name(coop: Cooperative, treasurer: Actor, ada: Member) -> None:
    book_may(coop, treasurer, ada)
    written = coop.ledger.bookkeeping_export(treasurer, 2026, "4i")
    digits = coop.config.employer.orgnr.replace("-", "")
    assert written.name == f"{digits}_2026.si"
    sie = read_sie(written.data)
    assert len(sie.vouchers) == 3
    assert not sie.opening and not sie.results
    assert 0 in sie.years and -1 not in sie.years  # no voucher before 2026


def test_an_empty_year(coop: Cooperative, treasurer: Actor, ada: Member) -> None:
    book_may(coop, treasurer, ada)
    sie = read_sie(coop.ledger.sie(treasurer, 2027))
    assert sie.vouchers == ()
    assert sie.balance("IB", 1930) == D("8700.00")
    assert sie.balance("IB", 2098) == D("-600.00")  # 2026's result, carried
    assert sie.balance("UB", 1930, -1) == D("8700.00")


@pytest.mark.parametrize("role", [Role.BOARD, Role.AUDITOR, Role.TREASURER])
def test_who_may_have_it(coop: Cooperative, role: Role, ada: Member) -> None:
    assert coop.ledger.sie(Actor(name="x", roles=frozenset({role})), 2026).startswith(b"#FLAGGA 0")


def test_a_member_may_not(coop: Cooperative, ada: Member) -> None:
    member = Actor.for_member(ada.id, ada.name, frozenset())
    with pytest.raises(PermissionDenied):
        coop.ledger.sie(member, 2026)


def test_bad_requests(coop: Cooperative, treasurer: Actor) -> None:
    with pytest.raises(InputError) as caught:
        coop.ledger.sie(treasurer, 2026, "4X")
    assert caught.value.field == "type"
    assert "known: 4E, 4I" in str(caught.value)
    with pytest.raises(InputError) as caught:
        coop.ledger.sie(treasurer, 26)
    assert caught.value.field == "year"
