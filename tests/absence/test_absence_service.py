# SPDX-License-Identifier: EUPL-1.2
"""``coop.absence``: report (a member their own, sick leave only on days of employment),
confirm (an officer, never their own), list by member and period, and the sick pay of a
pay period through the country (Sweden), with hand-worked figures."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

import pytest

from kooperativ import Actor, Cooperative
from kooperativ.errors import ConflictError, InputError, PermissionDenied
from kooperativ.i18n import messages
from kooperativ.members.models import Role

FIXED_NOW = datetime(2026, 6, 1, 9, 0, tzinfo=UTC)


@pytest.fixture
def coop(tmp_path: Path, database_url: str) -> Iterator[Cooperative]:
    folder = Cooperative.init(tmp_path / "coop", "interim_kultur")
    with Cooperative.open(folder, database_url, clock=lambda: FIXED_NOW) as coop:
        admin = Actor.admin()
        coop.members.add(
            admin, first_name="Tove", last_name="Berg", person_id="19580211-9809",
            status="member", joined_on=date(2024, 3, 1), roles=frozenset({Role.TREASURER}),
        )  # fmt: skip
        for first, pnr in (("Ada", "198503129804"), ("Bo", "199107049802")):
            coop.members.add(
                admin, first_name=first, last_name="Lind", person_id=pnr, status="member",
                joined_on=date(2024, 3, 1),
            )  # fmt: skip
        coop.clients.add(admin, name="Stadsteatern", orgnr="5560360793")
        # Ada: employed 1 April – 30 June 2026 (three months: sick pay from day 1).
        coop.assignments.add(
            admin, member=2, client=1, description="Scenografi", start=date(2026, 4, 1),
            end=date(2026, 6, 30), agreed_amount="60000",
        )  # fmt: skip
        coop.contracts.create(admin, assignment=1, made_on=date(2026, 3, 20))
        yield coop


def tove(coop: Cooperative) -> Actor:
    return coop.actor_for_member(1)


def ada(coop: Cooperative) -> Actor:
    return coop.actor_for_member(2)


def test_a_member_reports_her_sickness_and_an_officer_confirms_it(coop: Cooperative) -> None:
    absence = coop.absence.report(
        ada(coop), member=2, kind="sick", first_day=date(2026, 5, 4), last_day=date(2026, 5, 6)
    )
    assert (absence.number, absence.days, absence.confirmed) == (1, 3, False)
    assert absence.reported_by == "Ada Lind" and absence.reported_at == FIXED_NOW
    (contract,) = coop.contracts.list(Actor.admin())
    assert absence.contract_ids == (contract.id,)
    confirmed = coop.absence.confirm(tove(coop), 1, certificate=True)
    assert confirmed.confirmed and confirmed.confirmed_by == "Tove Berg" and confirmed.certificate
    with pytest.raises(ConflictError):
        coop.absence.confirm(tove(coop), 1)
    events = [e.action for e in coop.audit.events(Actor.admin())][-2:]
    assert events == ["absence.report", "absence.confirm"]


def test_sick_leave_only_on_days_of_employment_naming_the_day(coop: Cooperative) -> None:
    with pytest.raises(InputError) as refusal:
        coop.absence.report(
            ada(coop), member=2, kind="sick", first_day=date(2026, 6, 29),
            last_day=date(2026, 7, 2),
        )  # fmt: skip
    assert refusal.value.field == "last_day"
    assert "2026-07-01 is not a day of employment" in str(refusal.value)
    assert "2026-07-01 är ingen anställningsdag" in refusal.value.render(messages("sv"))
    with pytest.raises(InputError, match="2026-03-31"):
        coop.absence.report(ada(coop), member=2, kind="sick", first_day=date(2026, 3, 31))
    # Bo has no contract at all; parental leave needs none.
    with pytest.raises(InputError, match="2026-05-04"):
        coop.absence.report(tove(coop), member=3, kind="sick", first_day=date(2026, 5, 4))
    leave = coop.absence.report(
        tove(coop), member=3, kind="parental_leave", first_day=date(2026, 5, 4),
        last_day=date(2026, 8, 31),
    )  # fmt: skip
    assert leave.contract_ids == () and leave.days == 120
    assert [a.number for a in coop.absence.list(Actor.admin())] == [1]


def test_refusals(coop: Cooperative) -> None:
    bo = coop.actor_for_member(3)
    with pytest.raises(PermissionDenied):
        coop.absence.report(bo, member=2, kind="sick", first_day=date(2026, 5, 4))
    absence = coop.absence.report(ada(coop), member=2, kind="sick", first_day=date(2026, 5, 4))
    with pytest.raises(PermissionDenied):
        coop.absence.confirm(ada(coop), absence.number)  # not even an officer her own
    with pytest.raises(ConflictError, match="already away on 2026-05-04"):
        coop.absence.report(
            tove(coop), member=2, kind="unpaid_leave", first_day=date(2026, 5, 1),
            last_day=date(2026, 5, 10),
        )  # fmt: skip
    with pytest.raises(InputError) as bad:
        coop.absence.report(ada(coop), member=2, kind="holiday", first_day=date(2026, 5, 4))
    assert bad.value.field == "kind"
    with pytest.raises(InputError) as backwards:
        coop.absence.report(
            ada(coop), member=2, kind="sick", first_day=date(2026, 5, 8),
            last_day=date(2026, 5, 7),
        )  # fmt: skip
    assert backwards.value.field == "last_day"
    with pytest.raises(InputError) as outside:
        coop.absence.report(
            ada(coop), member=2, kind="sick", first_day=date(2026, 5, 11),
            work_days=[date(2026, 5, 12)],
        )  # fmt: skip
    assert outside.value.field == "work_days"
    with pytest.raises(InputError) as certificate:
        coop.absence.report(
            ada(coop), member=2, kind="unpaid_leave", first_day=date(2026, 5, 20),
            certificate=True,
        )  # fmt: skip
    assert certificate.value.field == "certificate"
    assert [a.number for a in coop.absence.list(Actor.admin())] == [1]


def test_list_by_member_and_period(coop: Cooperative) -> None:
    admin = Actor.admin()
    coop.absence.report(ada(coop), member=2, kind="sick", first_day=date(2026, 4, 28),
                        last_day=date(2026, 5, 2))  # fmt: skip
    coop.absence.report(admin, member=2, kind="temporary_parental_leave",
                        first_day=date(2026, 5, 20))  # fmt: skip
    coop.absence.report(admin, member=3, kind="unpaid_leave", first_day=date(2026, 5, 1),
                        last_day=date(2026, 5, 31))  # fmt: skip
    may = coop.absence.list(admin, from_=date(2026, 5, 1), to=date(2026, 5, 31))
    assert [a.number for a in may] == [1, 2, 3]
    assert [a.number for a in coop.absence.list(admin, member=2, from_=date(2026, 5, 3))] == [2]
    assert [a.number for a in coop.absence.list(admin, to=date(2026, 4, 30))] == [1]
    assert [a.number for a in coop.absence.list(admin, kind="unpaid_leave")] == [3]
    assert [a.number for a in coop.absence.list(ada(coop))] == [1, 2]
    assert coop.absence.list(admin, confirmed=True) == []
    # Her absences are in her copy of her personal data (GDPR art. 15), not Bo's.
    assert [a.number for a in coop.privacy.export(ada(coop), 2).absences] == [1, 2]
    with pytest.raises(InputError):
        coop.absence.list(admin, from_=date(2026, 5, 2), to=date(2026, 5, 1))


def test_sick_pay_of_a_pay_period_hand_worked(coop: Cooperative) -> None:
    """Ada (daily pay 1 000.00, a week 5 000.00) is ill Thursday 30 April – Tuesday 5 May
    2026: weekdays 30 Apr, 1 May, 4 May, 5 May. April: 80 % of 1 000.00 = 800.00, less the
    karensavdrag 20 % × 80 % × 5 000.00 = 800.00, all of it taken from that day. May:
    3 × 800.00 = 2 400.00, no deduction left. Unconfirmed sickness pays nothing."""
    admin = Actor.admin()
    coop.absence.report(ada(coop), member=2, kind="sick", first_day=date(2026, 4, 30),
                        last_day=date(2026, 5, 5))  # fmt: skip
    nothing = coop.absence.sick_pay(admin, member=2, period="2026-05", daily_pay="1000.00")
    assert nothing.lines == ()
    coop.absence.confirm(tove(coop), 1)
    april = coop.absence.sick_pay(admin, member=2, period="2026-04", daily_pay="1000.00")
    may = coop.absence.sick_pay(admin, member=2, period="2026-05", daily_pay=Decimal("1000"))
    assert [(ln.kind, ln.text, ln.amount, ln.quantity) for ln in april.lines] == [
        ("sick_pay", "Sjuklön 80 %", Decimal("800.00"), 1),
        ("sick_deduction", "Karensavdrag", Decimal("-800.00"), 1),
    ]
    assert [(ln.kind, ln.amount, ln.quantity) for ln in may.lines] == [
        ("sick_pay", Decimal("2400.00"), 3)
    ]
    assert may.days == 3 and may.lost_pay == Decimal("3000.00")
    english = coop.absence.sick_pay(
        admin, member=2, period="2026-04", daily_pay="1000.00", language="en"
    )
    assert [ln.text for ln in english.lines] == [
        "Sick pay 80 %",
        "Qualifying-day deduction (karensavdrag)",
    ]
    trace = april.trace_dicts()
    assert trace[1]["rule"] == "karensavdrag" and "6 §" in str(trace[1]["reference"])
    with pytest.raises(PermissionDenied):
        coop.absence.sick_pay(coop.actor_for_member(3), member=2, period="2026-05",
                              daily_pay="1000")  # fmt: skip
    with pytest.raises(InputError) as bad:
        coop.absence.sick_pay(admin, member=2, period="2026-13", daily_pay="1000")
    assert bad.value.field == "period"


def test_sick_pay_by_the_agreed_pay_of_the_assignment(coop: Cooperative) -> None:
    """Without a daily pay given, a sick day loses the gross salary Ada's assignment pays
    (1 April – 30 June 2026: 65 weekdays, 91 calendar days) spread evenly: G / 65 a day,
    rounded down; the average week is G × 7 / 91. Ill Tuesday–Thursday 12–14 May:
    3 × 80 % of the daily pay, less 20 % × 80 % of the week."""
    admin = Actor.admin()
    gross = coop.payroll.preview(admin, 1).gross_salary
    daily = (gross / 65).quantize(Decimal("0.01"), rounding="ROUND_DOWN")
    week = (gross * 7 / 91).quantize(Decimal("0.01"), rounding="ROUND_DOWN")
    coop.absence.report(ada(coop), member=2, kind="sick", first_day=date(2026, 5, 12),
                        last_day=date(2026, 5, 14))  # fmt: skip
    coop.absence.confirm(tove(coop), 1)
    result = coop.absence.sick_pay(admin, member=2, period="2026-05")
    day_pay = (daily * Decimal("0.8")).quantize(Decimal("0.01"), rounding="ROUND_DOWN")
    karens = (week * Decimal("0.16")).quantize(Decimal("0.01"), rounding="ROUND_DOWN")
    assert gross > 0 and result.lost_pay == 3 * daily
    assert [(ln.kind, ln.amount, ln.quantity) for ln in result.lines] == [
        ("sick_pay", 3 * day_pay, 3),
        ("sick_deduction", -karens, 1),
    ]
    assert result.trace_dicts()[1]["parameters"]["weekly_pay"] == str(week)
