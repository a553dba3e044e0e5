# SPDX-License-Identifier: EUPL-1.2
"""Matching payments to open items: the rules, the reasons, idempotency, and properties."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from stdnum import luhn

from kooperativ.bank.camt054 import IncomingPayment, read_camt054_file
from kooperativ.bank.matching import (
    MatchResult,
    OpenItem,
    is_valid_reference,
    match_payments,
)
from kooperativ.errors import InputError
from kooperativ.i18n import translator

DATA = Path(__file__).resolve().parent / "data"
DUE = date(2026, 12, 27)


def item(id: str, number: str, ocr: str | None, open: str, currency: str = "SEK") -> OpenItem:
    return OpenItem(
        id=id, number=number, ocr=ocr, amount_open=Decimal(open), currency=currency,
        due_date=DUE, client_name=f"client of {number}",
    )  # fmt: skip


def payment(
    key: str, amount: str, *refs: str, text: str | None = None, **extra: Any
) -> IncomingPayment:
    data: dict[str, Any] = {
        "key": key,
        "path": f"Ntry/{key}",
        "account": "SE4550000000058398257466",
        "amount": Decimal(amount),
        "currency": "SEK",
        "credit": True,
        "booking_date": date(2026, 11, 27),
        "structured_references": refs,
        "remittance_text": text,
        "entry_amount": Decimal(amount),
    }
    data.update(extra)
    return IncomingPayment(**data)


def ocr(base: int) -> str:
    digits = str(base)
    return digits + luhn.calc_check_digit(digits)


# -- the SEB file against a ledger's open items ----------------------------------------------

SEB_ITEMS = [
    item("inv-42", "2026-0042", "202600490", "12500.00"),  # paid in full by OCR
    item("inv-5", "2026-0005", "202600599", "5000.00"),  # Riksteatern pays 3 750: partial
    item("inv-6", "2026-0006", "202600698", "800.00"),  # Anna pays 1 000: 200 credit
    item("inv-11", "2026-0011", "202601191", "4800.00"),  # Lyran: number in the message
]


def seb_result(imported: frozenset[str] = frozenset()) -> MatchResult:
    return match_payments(read_camt054_file(DATA / "seb_v02.xml").transactions, SEB_ITEMS, imported)


def test_seb_file_is_matched_by_the_rules() -> None:
    result = seb_result()
    assert [
        (a.item_id, a.rule, a.status, a.paid, a.amount, a.credit) for a in result.allocations
    ] == [
        ("inv-42", "ocr", "paid", Decimal("12500.00"), Decimal("12500.00"), Decimal("0.00")),
        ("inv-5", "ocr", "partial", Decimal("3750.00"), Decimal("3750.00"), Decimal("0.00")),
        ("inv-6", "ocr", "overpaid", Decimal("1000.00"), Decimal("800.00"), Decimal("200.00")),
        (
            "inv-11",
            "number_and_amount",
            "paid",
            Decimal("4800.00"),
            Decimal("4800.00"),
            Decimal("0.00"),
        ),
    ]
    partial = result.allocations[1]
    assert (partial.open_before, partial.open_after) == (Decimal("5000.00"), Decimal("1250.00"))
    assert result.allocations[0].day == date(2026, 11, 27)
    assert result.allocations[1].day == date(2026, 11, 28)  # the batch's value date
    (unmatched,) = result.unmatched
    assert unmatched.reason == "unknown_reference"
    assert unmatched.payment.debtor_name == "Region Västerbotten"
    assert unmatched.message() == "the reference 202600797 matches no open invoice"
    assert unmatched.message(translator("sv", "bank")) == (
        "referensen 202600797 stämmer inte med någon obetald faktura"
    )
    assert [(n.reason, n.transaction.amount) for n in result.not_payments] == [
        ("debit", Decimal("450.00")),
        ("reversal", Decimal("1000.00")),
    ]
    assert result.not_payments[1].message(translator("sv", "bank")).startswith("återför")
    # Every öre of the payments is allocated, kept as credit or left for a person.
    totals = result.totals("SEK")
    assert totals == {
        "allocated": Decimal("21850.00"),
        "credit": Decimal("200.00"),
        "unmatched": Decimal("6250.50"),
    }
    assert sum(totals.values()) == Decimal("28300.50")
    assert result.open_amounts(SEB_ITEMS) == {
        "inv-42": Decimal("0.00"), "inv-5": Decimal("1250.00"),
        "inv-6": Decimal("0.00"), "inv-11": Decimal("0.00"),
    }  # fmt: skip
    assert len(result.imported_keys) == 7


def test_importing_the_same_file_twice_changes_nothing() -> None:
    first = seb_result()
    second = match_payments(
        read_camt054_file(DATA / "seb_v02.xml").transactions,
        first.remaining(SEB_ITEMS),
        first.imported_keys,
    )
    assert second.allocations == () and second.unmatched == () and second.not_payments == ()
    assert len(second.already_imported) == 7
    assert second.imported_keys == frozenset()
    assert second.remaining(first.remaining(SEB_ITEMS)) == first.remaining(SEB_ITEMS)


def test_a_payment_twice_in_one_batch_counts_once() -> None:
    one = payment("k1", "100.00", "202600490")
    result = match_payments([one, one], [item("a", "1", "202600490", "100.00")])
    assert len(result.allocations) == 1 and len(result.already_imported) == 1


# -- each reason ---------------------------------------------------------------------------


def test_two_items_with_one_ocr_are_ambiguous() -> None:
    items = [item("a", "2026-1", "202600490", "100"), item("b", "2026-2", "202600490", "100")]
    (left,) = match_payments([payment("k", "100", "202600490")], items).unmatched
    assert left.reason == "ambiguous" and left.candidates == ("a", "b")
    assert left.message() == "more than one open invoice could be meant (2026-1, 2026-2)"


def test_a_message_naming_two_invoices_is_ambiguous_even_if_one_amount_fits() -> None:
    items = [item("a", "2026-0011", None, "100.00"), item("b", "2026-0012", None, "250.00")]
    result = match_payments([payment("k", "250.00", text="Fakt 2026-0011 och 2026-0012")], items)
    assert result.allocations == ()
    assert result.unmatched[0].reason == "ambiguous"


def test_named_invoice_with_another_amount_is_left() -> None:
    items = [item("a", "2026-0011", None, "4800.00")]
    (left,) = match_payments([payment("k", "4000.00", text="Faktura 2026-0011")], items).unmatched
    assert left.reason == "amount_differs" and left.candidates == ("a",)
    assert left.message() == (
        "the message names invoice 2026-0011, but 4000.00 SEK is not its open amount 4800.00 SEK"
    )


def test_wrong_check_digit_falls_back_to_the_number_rule() -> None:
    items = [item("a", "2026-0011", "202601191", "4800.00")]
    bad = "202601190"
    assert not is_valid_reference(bad)
    by_text = match_payments([payment("k", "4800.00", bad, text="2026-0011")], items)
    assert [(a.item_id, a.rule) for a in by_text.allocations] == [("a", "number_and_amount")]
    (left,) = match_payments([payment("k", "4800.00", bad)], items).unmatched
    assert left.reason == "invalid_reference"


def test_several_references_are_left() -> None:
    items = [item("a", "1", "202600490", "100"), item("b", "2", "202600599", "100")]
    (left,) = match_payments([payment("k", "200", "202600490", "202600599")], items).unmatched
    assert left.reason == "several_references"
    assert left.message() == "the payment names several references (202600490, 202600599)"


def test_no_reference_and_no_number() -> None:
    # An invoice "11" is not found inside a date.
    items = [item("a", "11", None, "300.00")]
    (left,) = match_payments([payment("k", "300.00", text="Betalning 2026-11-27")], items).unmatched
    assert left.reason == "no_reference"


def test_currency_must_agree() -> None:
    document = read_camt054_file(DATA / "swedbank_eur_v08.xml")
    in_sek = [item("a", "FDL-118", "RF18539007547034", "1500.00", "SEK")]
    (left,) = match_payments(document.payments, in_sek).unmatched
    assert left.reason == "currency_differs"
    assert left.message() == "paid in EUR, but invoice FDL-118 is in SEK"
    in_eur = [item("a", "FDL-118", "rf18 5390 0754 7034", "1500.00", "EUR")]
    (allocation,) = match_payments(document.payments, in_eur).allocations
    assert (allocation.status, allocation.currency) == ("paid", "EUR")


def test_a_batch_that_does_not_add_up_is_left_for_a_person() -> None:
    document = read_camt054_file(DATA / "batch_mismatch_v02.xml")
    items = [item("a", "1", "202600896", "400.00"), item("b", "2", "202600995", "500.00")]
    result = match_payments(document.payments, items)
    assert result.allocations == ()
    assert {u.reason for u in result.unmatched} == {"entry_does_not_add_up"}


def test_pending_entries_are_not_recorded() -> None:
    document = read_camt054_file(DATA / "bankgirot_v08.xml")
    result = match_payments(document.transactions, [item("a", "1", "202601191", "990.00")])
    assert [n.reason for n in result.not_payments] == ["pending"]
    pending = result.not_payments[0].transaction
    assert pending.key not in result.imported_keys
    assert result.allocations == ()  # a pending credit pays nothing yet
    booked = pending.model_copy(update={"status": "BOOK"})
    (allocation,) = match_payments(
        [booked], [item("a", "1", "202601191", "990.00")], result.imported_keys
    ).allocations
    assert allocation.status == "paid"


def test_a_settled_invoice_paid_again_becomes_a_credit() -> None:
    settled = [item("a", "1", "202600490", "0")]
    (allocation,) = match_payments([payment("k", "100.00", "202600490")], settled).allocations
    assert (allocation.status, allocation.amount, allocation.credit) == (
        "overpaid", Decimal("0"), Decimal("100.00"),
    )  # fmt: skip


def test_duplicate_item_ids_are_refused() -> None:
    with pytest.raises(InputError) as info:
        match_payments([], [item("a", "1", None, "1"), item("a", "2", None, "1")])
    assert info.value.field == "items"


# -- properties ----------------------------------------------------------------------------

ORE = st.integers(min_value=1, max_value=5_000_000).map(lambda n: Decimal(n).scaleb(-2))


@st.composite
def scenarios(
    draw: st.DrawFn, distinct: bool = False
) -> tuple[list[OpenItem], list[IncomingPayment]]:
    """Open items with distinct OCRs and numbers, and payments that reference them (or
    an unknown OCR, an invalid one, an invoice number in the text, or nothing)."""
    count = draw(st.integers(min_value=1, max_value=8))
    items = [item(f"i{n}", f"2026-{n:04d}", ocr(1000 + n), str(draw(ORE))) for n in range(count)]
    targets = (
        draw(st.permutations(range(count)))[: draw(st.integers(0, count))]
        if distinct
        else draw(st.lists(st.integers(0, count - 1), max_size=12))
    )
    payments = []
    for index, target in enumerate(targets):
        way = draw(
            st.sampled_from(
                ["ocr", "text", "unknown", "invalid", "none"]
                if not distinct
                else ["ocr", "unknown", "invalid"]
            )
        )
        chosen = items[target]
        amount = draw(st.one_of(ORE, st.just(chosen.amount_open)))
        if way == "ocr":
            refs: tuple[str, ...] = (str(chosen.ocr),)
            text = None
        elif way == "text":
            refs, text = (), f"Faktura {chosen.number}"
        elif way == "unknown":
            refs, text = (ocr(900000 + index),), None
        elif way == "invalid":
            refs, text = (str(chosen.ocr)[:-1] + str((int(str(chosen.ocr)[-1]) + 1) % 10),), None
        else:
            refs, text = (), None
        payments.append(payment(f"p{index}", str(amount), *refs, text=text))
    return items, payments


def conserved(result: MatchResult, payments: list[IncomingPayment]) -> bool:
    totals = result.totals("SEK")
    return sum(totals.values()) == sum((p.amount for p in payments), Decimal(0))


@settings(max_examples=200, deadline=None)
@given(scenarios())
def test_each_payment_goes_to_one_item_at_most_and_every_ore_is_kept(
    scenario: tuple[list[OpenItem], list[IncomingPayment]],
) -> None:
    items, payments = scenario
    result = match_payments(payments, items)
    keys = [a.payment_key for a in result.allocations]
    assert len(keys) == len(set(keys)), "a payment assigned twice"
    unmatched = {u.payment.key for u in result.unmatched}
    assert not unmatched & set(keys)
    assert set(keys) | unmatched == {p.key for p in payments}
    assert conserved(result, payments)
    for allocation in result.allocations:
        assert Decimal(0) <= allocation.amount <= allocation.open_before
        assert allocation.open_after == allocation.open_before - allocation.amount >= 0
        assert allocation.amount + allocation.credit == allocation.paid
    assert all(v >= 0 for v in result.open_amounts(items).values())


@settings(max_examples=200, deadline=None)
@given(scenarios(distinct=True), st.randoms(use_true_random=False))
def test_order_does_not_matter_for_distinct_ocrs(
    scenario: tuple[list[OpenItem], list[IncomingPayment]], random: Any
) -> None:
    items, payments = scenario
    shuffled = list(payments)
    random.shuffle(shuffled)
    first, second = match_payments(payments, items), match_payments(shuffled, items)
    assert sorted(first.allocations, key=lambda a: a.payment_key) == sorted(
        second.allocations, key=lambda a: a.payment_key
    )
    assert sorted(first.unmatched, key=lambda u: u.payment.key) == sorted(
        second.unmatched, key=lambda u: u.payment.key
    )


@settings(max_examples=200, deadline=None)
@given(scenarios())
def test_importing_twice_changes_nothing(
    scenario: tuple[list[OpenItem], list[IncomingPayment]],
) -> None:
    items, payments = scenario
    first = match_payments(payments, items)
    after = first.remaining(items)
    second = match_payments(payments, after, first.imported_keys)
    assert second.allocations == () and second.unmatched == ()
    assert len(second.already_imported) == len(payments)
    assert second.remaining(after) == after
    assert second.imported_keys == frozenset()
