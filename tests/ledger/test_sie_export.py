# SPDX-License-Identifier: EUPL-1.2
"""``coop.ledger.sie``: the year read from the store on every backend, written as SIE 4
and read back with the hand-worked balances; who may have it; and for random ledgers,
the file agrees with the trial balance and the members' accounts."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

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


# -- random ledgers --------------------------------------------------------------------------

ACCOUNTS = (1510, 1930, 2611, 2710, 2890, 3041, 6990, 7010, 7690)


@st.composite
def ledgers(draw: st.DrawFn) -> list[dict[str, object]]:
    """Balanced vouchers over 2025 and 2026, some lines on a member's sub-ledger."""
    found = []
    for _ in range(draw(st.integers(0, 12))):
        amounts = draw(st.lists(st.integers(-(10**7), 10**7).filter(bool), min_size=1, max_size=4))
        if sum(amounts) == 0:
            amounts.append(1)
        amounts.append(-sum(amounts))
        lines = []
        for cents in amounts:
            line: dict[str, object] = {
                "account": draw(st.sampled_from(ACCOUNTS)),
                "amount": str(D(cents) / 100),
            }
            if draw(st.booleans()):
                line["member"] = draw(st.sampled_from([1, 2]))
            lines.append(line)
        day = date(2025, 1, 1) + timedelta(days=draw(st.integers(0, 729)))
        found.append(
            {
                "series": draw(st.sampled_from(["A", "B", "M"])),
                "date": day,
                "text": draw(st.sampled_from(["Faktura", "Lön", "Bankavgift – maj"])),
                "lines": lines,
            }
        )
    return found


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return Cooperative.init(tmp_path_factory.mktemp("sie") / "coop", "interim_kultur")


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(drafts=ledgers())
def test_a_random_ledger_agrees_with_its_file(
    template: Path, drafts: list[dict[str, object]]
) -> None:
    now = datetime(2027, 2, 1, 12, tzinfo=UTC)
    treasurer = Actor(name="kassör", roles=frozenset({Role.TREASURER}))
    with Cooperative.open(template, "memory://", clock=lambda: now) as coop:
        for first, pid in (("Ada", "198503129804"), ("Bo", "197809239804")):
            coop.members.add(Actor.admin(), first_name=first, last_name="Lind", person_id=pid)
        for draft in drafts:
            coop.ledger.book(treasurer, draft)
        sie = read_sie(coop.ledger.sie(treasurer, 2026))
        booked = coop.ledger.list(treasurer, period="2026")
        numbers = {m.id: str(m.number) for m in coop.members.list(Actor.admin())}
        assert [
            (v.series, v.number, v.date, [(t.account, t.amount, t.objects) for t in v.rows])
            for v in sie.vouchers
        ] == [
            (
                v.series, v.serial, v.date,
                [
                    (str(line.account), line.amount,
                     ((20, numbers[line.member_id]),) if line.member_id else ())
                    for line in v.lines
                ],
            )
            for v in booked
        ]  # fmt: skip
        # The balances are the trial balance's sums, split into balance and result accounts.
        before = coop.ledger.trial_balance(treasurer, until=date(2025, 12, 31))
        after = coop.ledger.trial_balance(treasurer, until=date(2026, 12, 31))
        moved = coop.ledger.trial_balance(treasurer, period="2026")
        balance_accounts = {1510, 1930, 2611, 2710, 2890}
        carried = sum((r.balance for r in before.rows if r.account not in balance_accounts), D(0))

        def rows(kind: tuple, year: int = 0) -> dict[str, Decimal]:  # type: ignore[type-arg]
            return {r.account: r.amount for r in kind if r.year == year}

        expected_ub = {
            str(r.account): r.balance for r in after.rows if r.account in balance_accounts
        }
        if carried:
            expected_ub["2098"] = carried
        assert {k: v for k, v in rows(sie.closing).items() if v} == {
            k: v for k, v in expected_ub.items() if v
        }
        assert rows(sie.results) == {
            str(r.account): r.balance for r in moved.rows if r.account not in balance_accounts
        }
        assert sum(rows(sie.opening).values()) == 0
        assert sum(rows(sie.closing).values()) + sum(rows(sie.results).values()) == 0
        # Each member's closing balance is their account's, from the cooperative's side.
        for member in coop.members.list(Actor.admin()):
            key = ("2890", ((20, str(member.number)),))
            found = {(r.account, r.objects): r.amount for r in sie.object_closing if r.year == 0}
            statement = coop.ledger.member_account(treasurer, member.number)
            own = statement.closing
            assert found.get(key, D(0)) == -own
        assert (-1 in sie.years) == any(d["date"] < date(2026, 1, 1) for d in drafts)  # type: ignore[operator]
