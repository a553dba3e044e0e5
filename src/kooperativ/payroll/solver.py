# SPDX-License-Identifier: EUPL-1.2
"""The salary solver: invoice, budget, gross salary or wanted net pay → every amount.

Common to every country. The country's payroll rules give the cost model and the
withholding (:class:`~kooperativ.rules.payroll.SalaryModel`); the solver finds the salary:

* from an **invoice**: the fee (rate, within the minimum and maximum), the budget
  (invoice − fee − expenses) and then as from a budget;
* from a **budget**: the largest whole-unit gross salary whose total cost fits. What is
  left (under a couple of kronor) is the ``remainder``, so ``total cost + remainder ==
  budget`` to the öre;
* from a **gross** salary: its cost is the budget;
* from a wanted **net** pay: the smallest whole-unit gross whose net pay reaches it, and
  with a fee rate the smallest invoice (to the öre) that pays for it.

The calculation is pure: no I/O, no clock; the payment date is an input.

>>> from datetime import date
>>> from kooperativ.rules.country import get_country
>>> sweden = get_country("SE").payroll()
>>> salary = SalaryInput.create(invoiced="30000", fee_rate="0.06", birth_date=date(1985, 3, 1),
...                             paid_on=date(2026, 11, 25), tax="side-income")
>>> result = calculate_salary(salary, sweden)
>>> result.gross_salary, result.budget == result.total_cost + result.remainder
(Decimal('19158.00'), True)

How fast: a budget needs a handful of cost evaluations (the first guess from the cost
per unit is nearly always right). A net pay needs a few dozen tax evaluations at most,
whatever the amount: the tax withheld never falls when the pay grows, so the least gross
that can reach the net pay is found by raising a lower bound — the gross whose taxable pay
covers the net pay plus the tax on the bound — until the net pay is reached (each step
closes the gap by the share of the marginal tax rate). Net pay falling at the start of a
tax-table row needs no search of its own: the bound never passes a smaller answer.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import ROUND_CEILING, ROUND_FLOOR, ROUND_HALF_UP, Decimal

from kooperativ.errors import InputError
from kooperativ.money import ONE, ORE, ZERO, ZERO_ORE
from kooperativ.payroll.model import AMOUNT_LIMIT, SalaryInput, SalaryResult
from kooperativ.payroll.trace import salary_result
from kooperativ.rules.payroll import PayrollRules, SalaryModel

__all__ = ["calculate_salary", "fee_on", "invoice_for_net"]

#: No gross salary is searched above this many units: far above the input limit.
_SEARCH_LIMIT = int(AMOUNT_LIMIT) * 1000


def fee_on(inp: SalaryInput, invoiced: Decimal) -> Decimal:
    """The cooperative's fee on ``invoiced``: the rate, rounded half up to öre, raised to
    the minimum and lowered to the maximum (``[fees]``)."""
    rate = inp.fee_rate if inp.fee_rate is not None else ZERO
    fee = (invoiced * rate).quantize(ORE, ROUND_HALF_UP)
    if not inp.fee_minimum and inp.fee_maximum is None:
        return fee
    if fee < inp.fee_minimum:
        fee = inp.fee_minimum + ZERO_ORE
    if inp.fee_maximum is not None and fee > inp.fee_maximum:
        fee = inp.fee_maximum + ZERO_ORE
    return fee


def calculate_salary(inp: SalaryInput, rules: PayrollRules) -> SalaryResult:
    """Calculate a salary from invoice, budget, gross salary or wanted net pay.

    Args:
        inp: The input (see :class:`~kooperativ.payroll.SalaryInput`).
        rules: The country's payroll rules, bound to the parameters to use
            (``country.payroll(parameters, settings)``; a cooperative's come from
            ``coop.payroll.rules()``).

    Returns:
        The amounts and a trace line for each.

    Raises:
        InputError: If the fee and expenses exceed the invoice, no salary reaches a wanted
            net pay, or the country refuses the tax mode or holiday-pay policy.
        RulesError: If a parameter has no value on the payment date.
    """
    model = rules.model(inp)
    fee = ZERO_ORE
    invoiced = inp.invoiced
    if inp.net is not None and inp.fee_rate is not None:
        invoiced = _invoice_for_net(inp, model, inp.net)
    if invoiced is not None:
        if inp.fee_minimum or inp.fee_maximum is not None:
            fee = fee_on(inp, invoiced)
        else:  # the common case: the rate alone (fee_on, inline)
            rate = inp.fee_rate if inp.fee_rate is not None else ZERO
            fee = (invoiced * rate).quantize(ORE, ROUND_HALF_UP)
        budget = invoiced - fee - inp.expenses
        if budget < 0:
            raise InputError(
                "expenses",
                "fee {fee} and expenses {expenses} are more than the invoiced {invoiced}",
                fee=fee,
                expenses=inp.expenses,
                invoiced=invoiced,
            )
        units = _largest_fitting(model.total, budget, model.factor_min, model.factor_max)
        cost = model.cost(Decimal(units))
        gross_rule = "largest-gross-within-budget"
    elif inp.budget is not None:
        budget = inp.budget
        cost = model.cost(Decimal(_largest_gross(model, budget)))
        gross_rule = "largest-gross-within-budget"
    elif inp.gross is not None:
        cost = model.cost(inp.gross)
        budget = cost.total
        gross_rule = "given-gross"
    else:
        wanted = inp.net if inp.net is not None else ZERO
        cost = model.cost(Decimal(_smallest_gross_for_net(model, wanted)))
        budget = cost.total
        gross_rule = "smallest-gross-for-net"
    return salary_result(inp, model.explain(cost), invoiced, fee, budget, cost, gross_rule)


def invoice_for_net(inp: SalaryInput, rules: PayrollRules) -> Decimal:
    """The invoice amount (excl. VAT) needed for the wanted net pay ``inp.net``.

    It is the smallest invoice, to the öre, whose salary gives a net pay of at least
    ``inp.net``, with the fee rate, expenses and everything else taken from ``inp``.

    Args:
        inp: An input with ``net`` and ``fee_rate`` set.
        rules: The country's payroll rules (see :func:`calculate_salary`).

    Raises:
        InputError: If ``net`` or ``fee_rate`` is missing.
    """
    if inp.net is None:
        raise InputError("net", "give the wanted net pay")
    if inp.fee_rate is None:
        raise InputError("fee_rate", "the invoice needed depends on the cooperative's fee rate")
    return _invoice_for_net(inp, rules.model(inp), inp.net)


def _invoice_for_net(inp: SalaryInput, model: SalaryModel, wanted: Decimal) -> Decimal:
    needed = model.total(_smallest_gross_for_net(model, wanted))
    expenses = inp.expenses

    def budget_of(invoice: Decimal) -> Decimal:
        return invoice - fee_on(inp, invoice) - expenses

    fee_rate = inp.fee_rate if inp.fee_rate is not None else ZERO
    # Without a minimum or maximum in the way the estimate is right to an öre or two.
    invoice = ((needed + expenses) / (ONE - fee_rate)).quantize(ORE, rounding=ROUND_CEILING)
    for _ in range(3):
        if budget_of(invoice) < needed:
            invoice += ORE
        elif invoice > 0 and budget_of(invoice - ORE) >= needed:
            invoice -= ORE
        else:
            return invoice
    # The fee's minimum or maximum moved the answer: the budget never falls when the
    # invoice grows, so bisect over whole öre. The invoice is at least what the salary
    # and expenses cost (no fee) and at most that plus the largest fee.
    low = int((needed + expenses) / ORE) - 1
    high = int(
        ((needed + expenses + inp.fee_minimum) / (ONE - fee_rate)).to_integral_value(ROUND_CEILING)
        / ORE
    )
    while budget_of(Decimal(high) * ORE) < needed:
        high *= 2
    while high - low > 1:
        middle = (low + high) // 2
        if budget_of(Decimal(middle) * ORE) >= needed:
            high = middle
        else:
            low = middle
    return Decimal(high) * ORE


def _largest_gross(model: SalaryModel, budget: Decimal) -> int:
    """The largest whole-unit gross salary whose total cost is at most ``budget``."""
    return _largest_fitting(model.total, budget, model.factor_min, model.factor_max)


def _largest_fitting(
    total: Callable[[int], Decimal], budget: Decimal, factor_min: Decimal, factor_max: Decimal
) -> int:
    """Largest integer ``g >= 0`` with ``total(g) <= budget``, for a non-decreasing ``total``.

    ``total(g)`` grows by between ``factor_min`` and ``factor_max`` per unit (plus rounding
    and one-off thresholds), so the answer is bracketed by ``budget / factor_max`` and
    ``budget / factor_min`` and found by interpolation, with bisection as a fallback.
    """
    # Usually the nominal rate is exact up to rounding: try the estimate and its neighbour.
    guess = int((budget / factor_max).to_integral_value(ROUND_FLOOR))
    c_guess = total(guess)
    if c_guess <= budget:
        c_next = total(guess + 1)
        if c_next > budget:
            return guess
        # Short of the budget: each further unit costs at least factor_min (up to
        # rounding), which bounds the answer from above.
        lo, c_lo = guess + 1, c_next
        hi = lo + int(((budget - c_lo) / factor_min).to_integral_value(ROUND_CEILING)) + 2
        c_hi = total(hi)
        while c_hi <= budget:
            lo, c_lo = hi, c_hi
            hi = hi * 2 + 1
            c_hi = total(hi)
    elif guess == 0:
        return 0  # nothing fits (total is non-decreasing)
    else:
        c_prev = total(guess - 1)
        if c_prev <= budget:
            return guess - 1
        lo, c_lo = 0, total(0)
        hi, c_hi = guess - 1, c_prev
    rounds = 0
    while hi - lo > 1:
        rounds += 1
        if rounds <= 6 and c_hi > c_lo:
            guess = lo + int((budget - c_lo) * (hi - lo) / (c_hi - c_lo))
        else:
            guess = (lo + hi) // 2
        guess = min(max(guess, lo + 1), hi - 1)
        c = total(guess)
        if c <= budget:
            lo, c_lo = guess, c
            if guess + 1 < hi:
                c_next = total(guess + 1)
                if c_next > budget:
                    hi, c_hi = guess + 1, c_next
                else:
                    lo, c_lo = guess + 1, c_next
        else:
            hi, c_hi = guess, c
            if guess - 1 > lo:
                c_prev = total(guess - 1)
                if c_prev <= budget:
                    lo, c_lo = guess - 1, c_prev
                else:
                    hi, c_hi = guess - 1, c_prev
    return lo


def _least_gross_with_taxable(model: SalaryModel, needed: Decimal) -> tuple[int, Decimal]:
    """The smallest whole-unit gross whose taxable pay is at least ``needed``, and that
    taxable pay."""
    if needed <= 0:
        return 0, model.taxable(0)
    taxable = model.taxable
    # The first guess is nearly always right: taxable pay is the gross times the factor,
    # up to rounding.
    guess = max(int((needed / model.taxable_factor).to_integral_value(ROUND_CEILING)), 0)
    pay = taxable(guess)
    if pay >= needed:
        while guess > 0:
            below = taxable(guess - 1)
            if below < needed:
                break
            guess, pay = guess - 1, below
        return guess, pay
    low, step = guess, 1
    while True:
        high = guess + step
        if high > _SEARCH_LIMIT:  # pragma: no cover - taxable pay grows with the gross
            raise InputError("net", "no salary gives a taxable pay of {needed}", needed=needed)
        pay = taxable(high)
        if pay >= needed:
            break
        low, step = high, step * 2
    while high - low > 1:
        middle = (low + high) // 2
        middle_pay = taxable(middle)
        if middle_pay >= needed:
            high, pay = middle, middle_pay
        else:
            low = middle
    return high, pay


def _smallest_gross_for_net(model: SalaryModel, wanted: Decimal) -> int:
    """The smallest whole-unit gross salary whose net pay is at least ``wanted``.

    Net pay is ``taxable(g) − withheld(taxable(g))``. A gross ``g`` reaches ``wanted``
    only if ``taxable(g) ≥ wanted + withheld(taxable(g))``; since the tax never falls when
    the pay grows, for any lower bound ``b`` of the answer the answer's taxable pay is at
    least ``wanted + withheld(taxable(b))``, which gives a new, higher lower bound. When the
    bound stops rising its own net pay reaches ``wanted``: it is the answer.
    """
    if wanted <= 0:
        return 0
    withheld = model.withheld
    bound, pay = _least_gross_with_taxable(model, wanted)
    for _ in range(10_000):
        needed = wanted + withheld(pay)
        if pay >= needed:
            return bound
        if bound > _SEARCH_LIMIT:
            break
        bound, pay = _least_gross_with_taxable(model, needed)
    raise InputError("net", "no salary gives a net pay of {wanted}", wanted=wanted)
