# SPDX-License-Identifier: EUPL-1.2
"""Writing and reading a year of a 1 000-member cooperative as SIE 4.

Run: ``python benchmarks/bench_sie.py [--vouchers 20000] [--members 1000]``.

The year: as in ``bench_ledger.py``, invoice vouchers of three lines (receivable, output
VAT, the member's share on the member account with the member as an object of dimension
20), spread over the members and the days of 2026, with the whole BAS chart and opening
and closing balances. Timed (median of three runs each): ``write_sie`` (4E) of the year,
and ``read_sie`` of that file (tokenising, ``#KSUMMA`` verified, every voucher checked to
balance). Pure functions only: the store's part is measured by ``bench_ledger.py``.
Figures from the development machine are in ``docs/sie.md``.
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
import uuid
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

from kooperativ.accounts.export import ExportObject, FinancialYear, LedgerExport, YearBalances
from kooperativ.accounts.models import Voucher, VoucherLine
from kooperativ.countries.se.bas import BAS_NAMES
from kooperativ.countries.se.sie import read_sie, write_sie


def year(vouchers: int, members: int) -> LedgerExport:
    rng = random.Random(2026)
    people = tuple(ExportObject(uuid.uuid4(), n, f"Medlem {n}") for n in range(1, members + 1))
    built = []
    for number in range(1, vouchers + 1):
        member = rng.choice(people)
        net = Decimal(rng.randint(1_000, 5_000_000)) / 100
        vat = (net * Decimal("0.25")).quantize(Decimal("0.01"))
        day = date(2026, 1, 1) + timedelta(days=rng.randrange(365))
        built.append(
            Voucher(
                number=number,
                series="A",
                serial=number,
                date=day,
                text=f"Faktura {number}, kund {rng.randrange(500)}",
                booked_at=datetime.combine(day, datetime.min.time(), tzinfo=UTC),
                booked_by="kassör",
                lines=[
                    VoucherLine(account=1510, amount=net + vat),
                    VoucherLine(account=2611, amount=-vat),
                    VoucherLine(account=2890, amount=-net, member_id=member.id),
                ],
            )
        )
    return LedgerExport(
        name="Interim kultur AB",
        organisation_id="559876-5435",
        currency="SEK",
        generated_on=date(2027, 1, 10),
        generated_by="kassör",
        program_version="bench",
        year=FinancialYear.calendar(2026),
        balances=YearBalances(
            {n: Decimal("0.00") for n in (1510, 2611, 2890)},
            {n: Decimal("1.00") for n in (1510, 2611, 2890)},
            {3041: Decimal("-1.00")},
        ),
        accounts=dict(BAS_NAMES),
        vouchers=tuple(built),
        member_account=2890,
        members=people,
    )


def timed(work: object, runs: int = 3) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()  # type: ignore[operator]
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--vouchers", type=int, default=20_000)
    parser.add_argument("--members", type=int, default=1_000)
    args = parser.parse_args()
    ledger = year(args.vouchers, args.members)
    data = write_sie(ledger, "4E")
    write = timed(lambda: write_sie(ledger, "4E"))
    read = timed(lambda: read_sie(data))
    lines = data.count(b"\r\n")
    print(f"{args.vouchers} vouchers, {args.vouchers * 3} rows, {args.members} members")
    print(f"file: {len(data) / 1e6:.1f} MB, {lines} lines")
    print(f"write_sie 4E: {write:.2f} s ({args.vouchers / write:,.0f} vouchers/s)")
    print(f"read_sie:     {read:.2f} s ({args.vouchers / read:,.0f} vouchers/s)")


if __name__ == "__main__":
    main()
