# SPDX-License-Identifier: EUPL-1.2
"""Salary: from an invoice (or a budget, a gross salary or a wanted net pay) to the payout.

A member of an employment cooperative invoices a client through the cooperative. The
cooperative keeps its fee and reimburses the member's expenses (*utlägg*); what is left is
the *budget* for the salary. The budget pays for everything the salary costs the
employer: the gross salary, holiday pay (*semesterersättning*), employer contributions
(*arbetsgivaravgifter*) and, if the cooperative pays one, an occupational pension with its
special payroll tax (*särskild löneskatt*). The member receives the net pay (after
preliminary tax) plus the expenses.

The calculation is pure: no I/O, no clock; the payment date is an input.

>>> from datetime import date
>>> from decimal import Decimal
>>> salary = SalaryInput.create(invoiced="30000", fee_rate="0.06", birth_date=date(1985, 3, 1),
...                             paid_on=date(2026, 11, 25), tax="side-income")
>>> result = calculate_salary(salary)
>>> result.gross_salary, result.budget == result.total_cost + result.remainder
(Decimal('19158.00'), True)

Rounding (named steps only):

* fee, holiday pay, contributions, pension and pension tax: half up to öre;
* preliminary tax: by the tax rules (whole kronor);
* from a budget the gross salary is a **whole number of kronor**: the largest whose total
  cost fits the budget. What is left (under a couple of kronor) is the ``remainder``, so
  ``total cost + remainder == budget`` to the öre. Whole kronor keep payslips readable
  and make the net pay never fall when the budget grows in flat-rate tax modes.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_CEILING, ROUND_FLOOR, ROUND_HALF_UP, Decimal, Inexact, localcontext
from enum import StrEnum
from functools import lru_cache
from typing import Annotated, Any, NamedTuple

from pydantic import BaseModel, BeforeValidator, ConfigDict, model_validator
from pydantic import ValidationError as PydanticValidationError

from kooperativ.countries.se.contributions import ContributionRule, contribution_rule
from kooperativ.countries.se.parameters import load_swedish_parameters
from kooperativ.countries.se.tax import (
    ComputedTables,
    NoInformation,
    TableSource,
    TableTax,
    TaxMode,
    parse_tax_mode,
)
from kooperativ.countries.se.tax.preliminary import _withheld_from
from kooperativ.errors import InputError, ValidationFailed
from kooperativ.money import ORE, to_decimal
from kooperativ.payroll.trace import TraceLine
from kooperativ.rules.parameters import ParameterSet

__all__ = [
    "FIELDS",
    "HolidayPayPolicy",
    "SalaryInput",
    "SalaryResult",
    "calculate_salary",
    "invoice_for_net",
]

_ZERO = Decimal(0)
_ZERO_ORE = Decimal("0.00")
_ONE = Decimal(1)
_HUNDRED = Decimal(100)

HOLIDAY_RATE = "holiday.rate"
PENSION_TAX = "pension.special_payroll_tax"

#: The amount fields of :class:`SalaryResult`, in payslip order (also the trace order).
FIELDS = (
    "fee",
    "expenses",
    "budget",
    "gross_salary",
    "holiday_pay",
    "taxable_pay",
    "employer_contributions",
    "pension",
    "pension_tax",
    "preliminary_tax",
    "net_pay",
    "payout",
    "remainder",
)


class HolidayPayPolicy(StrEnum):
    """How holiday pay is given with the salary."""

    #: 12 % *semesterersättning* on top of the pay, shown separately (Semesterlag 16 b §).
    SEMESTERERSATTNING = "semesterersattning"
    #: No holiday pay with the salary (e.g. it is included in an agreed pay, or paid later).
    NONE = "none"


def _amount(value: Any) -> Decimal:
    return to_decimal(value, "amount")


Amount = Annotated[Decimal, BeforeValidator(_amount)]


class SalaryInput(BaseModel):
    """What a salary calculation needs. Exactly one way of setting the pay is given.

    Build with :meth:`create` to get kooperativ's own errors (``InputError``) instead of
    pydantic's.

    Attributes:
        invoiced: Invoiced amount excluding VAT (needs ``fee_rate``).
        fee_rate: The cooperative's fee as a share of the invoiced amount (``0.06``).
        expenses: Outlays to reimburse tax-free (*utlägg*), taken out of the invoice.
        budget: A budget for the total salary cost, instead of an invoice.
        gross: A gross salary (excluding holiday pay), instead of an invoice.
        net: A wanted net pay; with ``fee_rate`` the invoice needed is computed.
        birth_date: The member's birth date (decides the contribution band).
        paid_on: The day the salary is paid out (decides every rate; no hidden clock).
        tax: Tax mode: ``table:33:1``, ``side-income``, ``sink``, ``adjusted:PCT`` or
            ``one-off:ANNUAL``.
        holiday_pay: Holiday-pay policy (``semesterersattning`` by default, or ``none``).
        pension_rate: Occupational pension as a share of the taxable pay (0 = none).
        paid_this_month: Taxable pay already given out to the member this calendar month.
        paid_this_year: Taxable pay already given out this calendar year (incl. this month).
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    invoiced: Amount | None = None
    fee_rate: Amount | None = None
    expenses: Amount = _ZERO
    budget: Amount | None = None
    gross: Amount | None = None
    net: Amount | None = None
    birth_date: date
    paid_on: date
    tax: str
    holiday_pay: HolidayPayPolicy = HolidayPayPolicy.SEMESTERERSATTNING
    pension_rate: Amount = _ZERO
    paid_this_month: Amount = _ZERO
    paid_this_year: Amount = _ZERO

    @model_validator(mode="after")
    def _check(self) -> SalaryInput:
        given = [
            name
            for name in ("invoiced", "budget", "gross", "net")
            if getattr(self, name) is not None
        ]
        if not given:
            raise InputError("pay", "give one of invoiced, budget, gross or net")
        if len(given) > 1:
            raise InputError(
                "pay", f"give only one of invoiced, budget, gross or net (got {given})"
            )
        for name in (
            "invoiced",
            "expenses",
            "budget",
            "gross",
            "net",
            "paid_this_month",
            "paid_this_year",
        ):
            value = getattr(self, name)
            if value is None:
                continue
            if value < 0:
                raise InputError(name, f"must not be negative (got {value})")
            if value != value.quantize(ORE):
                raise InputError(name, f"{value} has more than two decimals (whole öre only)")
        if self.invoiced is not None and self.fee_rate is None:
            raise InputError("fee_rate", "an invoiced amount needs the cooperative's fee rate")
        if self.fee_rate is not None and not (_ZERO <= self.fee_rate < _ONE):
            raise InputError("fee_rate", f"must be at least 0 and below 1 (got {self.fee_rate})")
        if self.pension_rate < 0 or self.pension_rate >= _ONE:
            raise InputError(
                "pension_rate", f"must be at least 0 and below 1 (got {self.pension_rate})"
            )
        if self.birth_date > self.paid_on:
            raise InputError(
                "birth_date", f"{self.birth_date} is after the payment date {self.paid_on}"
            )
        if self.paid_this_month > self.paid_this_year:
            raise InputError(
                "paid_this_month",
                f"{self.paid_this_month} is more than the year's pay so far "
                f"({self.paid_this_year})",
            )
        _tax_mode(self.tax)
        return self

    @property
    def mode(self) -> str:
        """How the pay is set: ``invoice``, ``budget``, ``gross`` or ``net``."""
        if self.invoiced is not None:
            return "invoice"
        if self.budget is not None:
            return "budget"
        if self.gross is not None:
            return "gross"
        return "net"

    @classmethod
    def create(cls, **fields: Any) -> SalaryInput:
        """Validate ``fields`` into a :class:`SalaryInput`.

        Raises:
            ValidationFailed: Naming every bad field (an :class:`InputError`).
        """
        try:
            return cls.model_validate(fields)
        except PydanticValidationError as exc:
            raise _as_input_error(exc) from None


def _as_input_error(exc: PydanticValidationError) -> InputError:
    problems: list[tuple[str, str]] = []
    for error in exc.errors():
        cause = (error.get("ctx") or {}).get("error")
        if isinstance(cause, InputError):
            loc = ".".join(str(p) for p in error["loc"])
            field = loc if loc and cause.field == "amount" else cause.field
            problems.append((field, cause.reason))
        else:
            loc = ".".join(str(p) for p in error["loc"]) or "input"
            problems.append((loc, error["msg"]))
    if len(problems) == 1:
        return InputError(*problems[0])
    return ValidationFailed(problems)


@lru_cache(maxsize=256)
def _tax_mode(text: str) -> TaxMode:
    return parse_tax_mode(text)


def _default_parameters() -> ParameterSet:
    return load_swedish_parameters()  # cached by the loader


@dataclass(frozen=True, slots=True)
class SalaryResult:
    """The result of a salary calculation. Every amount is a Decimal in kronor.

    Attributes:
        fee: The cooperative's fee on the invoiced amount.
        expenses: Outlays reimbursed tax-free.
        budget: What the salary may cost: invoiced − fee − expenses.
        gross_salary: Gross salary, excluding holiday pay.
        holiday_pay: *Semesterersättning*, shown separately.
        taxable_pay: gross_salary + holiday_pay.
        employer_contributions: *Arbetsgivaravgifter* on the taxable pay.
        pension: Occupational pension premium paid by the cooperative.
        pension_tax: *Särskild löneskatt* on the pension premium.
        preliminary_tax: Tax withheld from the taxable pay.
        net_pay: taxable_pay − preliminary_tax.
        payout: net_pay + expenses: what reaches the member's bank account.
        remainder: What is left of the budget after rounding (budget − total cost).
        trace: One :class:`TraceLine` per amount, in the order of :data:`FIELDS`.
    """

    fee: Decimal
    expenses: Decimal
    budget: Decimal
    gross_salary: Decimal
    holiday_pay: Decimal
    taxable_pay: Decimal
    employer_contributions: Decimal
    pension: Decimal
    pension_tax: Decimal
    preliminary_tax: Decimal
    net_pay: Decimal
    payout: Decimal
    remainder: Decimal
    trace: tuple[TraceLine, ...]

    @property
    def total_cost(self) -> Decimal:
        """What the salary costs the cooperative: taxable pay, contributions, pension, tax."""
        return self.taxable_pay + self.employer_contributions + self.pension + self.pension_tax

    def line(self, field: str) -> TraceLine:
        """The trace line of ``field``.

        Raises:
            KeyError: If there is no line for ``field``.
        """
        for line in self.trace:
            if line.field == field:
                return line
        raise KeyError(field)

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready data: every amount as a string, plus the trace."""
        data: dict[str, Any] = {name: str(getattr(self, name)) for name in FIELDS}
        data["trace"] = [line.as_dict() for line in self.trace]
        return data


@lru_cache(maxsize=1024)
def _pct(rate: Decimal) -> str:
    return f"{(rate * _HUNDRED).normalize():f} %"


class _Cost(NamedTuple):
    gross: Decimal
    holiday: Decimal
    taxable: Decimal
    contributions: Decimal
    pension: Decimal
    pension_tax: Decimal
    total: Decimal


_RATES: dict[tuple[int, date], tuple[ParameterSet, tuple[Decimal, str, Decimal, str]]] = {}


def _rates(params: ParameterSet, on: date) -> tuple[Decimal, str, Decimal, str]:
    """Holiday-pay rate and pension tax rate with references, resolved once per day."""
    key = (id(params), on)
    cached = _RATES.get(key)
    if cached is not None and cached[0] is params:
        return cached[1]
    at = params.at(on)
    rates = (
        at.decimal(HOLIDAY_RATE),
        at.reference(HOLIDAY_RATE),
        at.decimal(PENSION_TAX),
        at.reference(PENSION_TAX),
    )
    if len(_RATES) > 4096:
        _RATES.clear()
    _RATES[key] = (params, rates)
    return rates


#: Whole kronor below this are solved with the exact shortcuts of :class:`_Setup` (their
#: products stay far inside the 28 digits of the Decimal context).
_EXACT_BELOW = 10**15


class _Setup(NamedTuple):
    """Everything an engine needs that does not depend on the amounts: made once per
    parameter set, source, payment day, birth year, holiday policy, pension rate, pay
    earlier this year and tax mode, then shared by every calculation with those."""

    params: ParameterSet
    source_given: TableSource | None
    holiday_rate: Decimal
    holiday_ref: str
    holiday_text: str
    holiday_pct: str
    #: ``1 + holiday rate`` to the öre when ``kronor × scale`` equals ``kronor`` plus
    #: the holiday pay rounded to öre (the rate has at most two decimals), else ``None``.
    scale: Decimal | None
    #: ``scale × (1 + contribution rate)`` when the total cost of ``kronor`` is that
    #: product rounded half up to öre (exact scale, one contribution rate, no pension).
    combined: Decimal | None
    pension_pct: str
    pension_tax_rate: Decimal
    pension_tax_ref: str
    pension_tax_text: str
    pension_tax_pct: str
    rule: ContributionRule
    flat_rate: Decimal | None
    flat_from: Decimal
    tax_mode: TaxMode
    source: TableSource
    factor_max: Decimal
    factor_min: Decimal


_SETUPS: dict[tuple[Any, ...], _Setup] = {}


def _setup(
    inp: SalaryInput, params: ParameterSet, source: TableSource | None, key: tuple[Any, ...]
) -> _Setup:
    rates = _rates(params, inp.paid_on)
    if inp.holiday_pay is HolidayPayPolicy.SEMESTERERSATTNING:
        holiday_rate, holiday_ref = rates[0], rates[1]
    else:
        holiday_rate = _ZERO
        holiday_ref = ""
    pension_rate = inp.pension_rate
    if pension_rate:
        pension_tax_rate, pension_tax_ref = rates[2], rates[3]
    else:
        pension_tax_rate = _ZERO
        pension_tax_ref = ""
    rule = contribution_rule(inp.birth_date, inp.paid_on, params=params)
    # One rate on the whole pay (no youth cap, the 1 000 kr threshold already passed):
    # the solver's hot path can skip the general rule.
    # With nothing paid earlier this year there is no catch-up either: the rate applies
    # from the threshold on.
    passed = inp.paid_this_year >= rule.threshold
    flat = rule.youth_cap is None and (passed or not inp.paid_this_year)
    flat_rate = rule.full_rate if flat else None
    # kronor × (1 + rate) has the rate's decimals; with at most two it is exact to the öre
    # and equals kronor + (kronor × rate) rounded to öre (the trailing zeros included).
    exponent = holiday_rate.as_tuple().exponent
    scale = (
        (_ONE + holiday_rate).quantize(ORE)
        if isinstance(exponent, int) and exponent >= -2
        else None
    )
    # The cost of an öre-exact taxable pay t is t + round(t × rate) = round(t × (1 + rate))
    # (t is a whole number of öre and nothing is negative), so with one rate and no
    # pension the total is one product, rounded once. The product must be exact.
    combined = None
    if scale is not None and flat_rate is not None and not pension_rate:
        with localcontext() as exact:
            exact.traps[Inexact] = True
            try:
                combined = scale * (_ONE + flat_rate)
            except Inexact:  # pragma: no cover - rates with more than 20 digits
                combined = None
    on_pay = _ONE + pension_rate * (_ONE + pension_tax_rate)
    factor = _ONE + holiday_rate
    setup = _Setup(
        params=params,
        source_given=source,
        holiday_rate=holiday_rate,
        holiday_ref=holiday_ref,
        holiday_text=str(holiday_rate),
        holiday_pct=_pct(holiday_rate),
        scale=scale,
        combined=combined,
        pension_pct=_pct(pension_rate),
        pension_tax_rate=pension_tax_rate,
        pension_tax_ref=pension_tax_ref,
        pension_tax_text=str(pension_tax_rate),
        pension_tax_pct=_pct(pension_tax_rate),
        rule=rule,
        flat_rate=flat_rate,
        flat_from=_ZERO if passed else rule.threshold,
        tax_mode=_tax_mode(inp.tax),
        source=source or ComputedTables.shared(params),
        # Bounds of the cost of one more krona of gross (the 1 000 kr rule and rounding
        # are handled by the solver's checks).
        factor_max=factor * (on_pay + rule.full_rate),
        factor_min=factor * (on_pay + rule.rate),
    )
    if len(_SETUPS) > 4096:
        _SETUPS.clear()
    _SETUPS[key] = setup
    return setup


class _Engine:
    """Rates resolved once for one input; the cost function for the solvers."""

    __slots__ = (
        "combined",
        "factor_max",
        "factor_min",
        "flat_from",
        "flat_rate",
        "holiday_rate",
        "inp",
        "params",
        "pension_rate",
        "pension_tax_rate",
        "rule",
        "scale",
        "setup",
        "source",
        "tax_mode",
    )

    def __init__(
        self, inp: SalaryInput, params: ParameterSet, source: TableSource | None = None
    ) -> None:
        self.inp = inp
        self.params = params
        self.pension_rate = pension_rate = inp.pension_rate
        # Equal pension rates and pay earlier this year give equal setups (the rate's own
        # digits are taken from the input where they are shown).
        key = (
            id(params),
            id(source),
            inp.paid_on,
            inp.birth_date.year,
            inp.holiday_pay is HolidayPayPolicy.SEMESTERERSATTNING,
            pension_rate,
            inp.paid_this_year,
            inp.tax,
        )
        setup = _SETUPS.get(key)
        if setup is None or setup.params is not params or setup.source_given is not source:
            setup = _setup(inp, params, source, key)
        self.setup = setup
        self.holiday_rate = setup.holiday_rate
        self.pension_tax_rate = setup.pension_tax_rate
        self.rule = setup.rule
        self.flat_rate = setup.flat_rate
        self.flat_from = setup.flat_from
        self.scale = setup.scale
        self.combined = setup.combined
        self.tax_mode = setup.tax_mode
        self.source = setup.source
        self.factor_max = setup.factor_max
        self.factor_min = setup.factor_min

    def cost(self, gross: Decimal) -> _Cost:
        gross = gross + _ZERO_ORE
        holiday = (gross * self.holiday_rate).quantize(ORE, ROUND_HALF_UP)
        taxable = gross + holiday
        flat_rate = self.flat_rate
        if flat_rate is not None:
            # The rule's amount when one rate applies from flat_from on (see _setup).
            if taxable >= self.flat_from:
                contributions = (taxable * flat_rate).quantize(ORE, ROUND_HALF_UP)
            else:
                contributions = _ZERO_ORE
        else:
            inp = self.inp
            contributions = self.rule.amount(taxable, inp.paid_this_month, inp.paid_this_year)
        if self.pension_rate:
            pension = (taxable * self.pension_rate).quantize(ORE, ROUND_HALF_UP)
            pension_tax = (pension * self.pension_tax_rate).quantize(ORE, ROUND_HALF_UP)
        else:
            pension = pension_tax = _ZERO_ORE
        total = taxable + contributions + pension + pension_tax
        return _Cost(gross, holiday, taxable, contributions, pension, pension_tax, total)

    def total(self, kronor: int) -> Decimal:
        # The hot path of the budget solver: cost() without building the tuple.
        gross = Decimal(kronor)
        scale = self.scale
        if scale is not None and kronor < _EXACT_BELOW:
            combined = self.combined
            if combined is not None:
                # One rate, no pension: the total is one product rounded once (_setup).
                if self.flat_from and gross * scale < self.flat_from:
                    return gross * scale
                return (gross * combined).quantize(ORE, ROUND_HALF_UP)
            taxable = gross * scale
        else:
            taxable = gross + (gross * self.holiday_rate).quantize(ORE, ROUND_HALF_UP)
        if self.flat_rate is not None:
            if taxable >= self.flat_from:
                total = taxable + (taxable * self.flat_rate).quantize(ORE, ROUND_HALF_UP)
            else:
                total = taxable
        else:
            total = taxable + self.rule.amount(
                taxable, self.inp.paid_this_month, self.inp.paid_this_year
            )
        if self.pension_rate:
            pension = (taxable * self.pension_rate).quantize(ORE, ROUND_HALF_UP)
            total += pension + (pension * self.pension_tax_rate).quantize(ORE, ROUND_HALF_UP)
        return total

    def tax(self, taxable: Decimal) -> tuple[Decimal, str, str, dict[str, str], str]:
        """The preliminary tax on ``taxable``: amount, rule, reference, parameters, formula."""
        # The taxable pay is a finite Decimal, never negative: no checks needed.
        return _withheld_from(self.tax_mode, taxable, self.inp.paid_on, self.params, self.source)

    def net(self, kronor: int) -> Decimal:
        taxable = self.cost(Decimal(kronor)).taxable
        return taxable - self.tax(taxable)[0]

    # -- solvers -------------------------------------------------------------------
    def largest_gross(self, budget: Decimal) -> int:
        """The largest whole-krona gross salary whose total cost is at most ``budget``."""
        return _largest_fitting(self.total, budget, self.factor_min, self.factor_max)

    def smallest_gross_for_net(self, wanted: Decimal) -> int:
        """The smallest whole-krona gross salary whose net pay is at least ``wanted``."""
        if wanted <= 0:
            return 0
        scale = _ONE + self.holiday_rate
        # net ≤ taxable = gross × (1 + holiday rate) (+ rounding), so below this it's short.
        lo = max(int((wanted / scale).to_integral_value(ROUND_FLOOR)) - 2, 0)
        if self.net(lo) >= wanted:
            return _scan_down(self.net, wanted, lo, 0)
        hi = max(lo * 2, lo + 100)
        while self.net(hi) < wanted:
            lo, hi = hi, hi * 2
            if hi > 10**12:
                raise InputError("net", f"no salary gives a net pay of {wanted}")
        while hi - lo > 1:
            mid = (lo + hi) // 2
            if self.net(mid) >= wanted:
                hi = mid
            else:
                lo = mid
        if _is_table_based(self.tax_mode):
            # Skatteverket's tables charge each 100/200 kr row's tax from its first krona,
            # so net pay drops at every row start; a smaller gross at the top of an earlier
            # row may already reach the wanted net. Look back far enough to cover a drop
            # of one percentage point in the percent rows.
            window = max(3000, hi * 3 // 100)
            return _scan_down(self.net, wanted, hi, max(hi - window, 0))
        return hi


def _is_table_based(mode: Any) -> bool:
    return isinstance(mode, TableTax | NoInformation)


def _scan_down(net: Callable[[int], Decimal], wanted: Decimal, start: int, stop: int) -> int:
    """The smallest ``g`` in ``[stop, start]`` with ``net(g) >= wanted`` (``start`` qualifies)."""
    best = start
    for g in range(start - 1, stop - 1, -1):
        if net(g) >= wanted:
            best = g
    return best


def _largest_fitting(
    total: Callable[[int], Decimal], budget: Decimal, factor_min: Decimal, factor_max: Decimal
) -> int:
    """Largest integer ``g >= 0`` with ``total(g) <= budget``, for a non-decreasing ``total``.

    ``total(g)`` grows by between ``factor_min`` and ``factor_max`` per unit (plus rounding
    and the one-off jump of the 1 000 kr rule), so the answer is bracketed by
    ``budget / factor_max`` and ``budget / factor_min`` and found by interpolation, with
    bisection as a fallback.
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


# -- public API ------------------------------------------------------------------------
def calculate_salary(
    inp: SalaryInput, *, params: ParameterSet | None = None, source: TableSource | None = None
) -> SalaryResult:
    """Calculate a salary from invoice, budget, gross salary or wanted net pay.

    Args:
        inp: The input (see :class:`SalaryInput`).
        params: Parameters to use; Sweden's own by default (a cooperative may overlay
            its own, e.g. a collective agreement's holiday-pay rate).
        source: Where tax tables come from: computed from ``params`` (the default) or
            Skatteverket's published files (``LoadedTables.from_file(...)``).

    Returns:
        The amounts and a trace line for each.

    Raises:
        InputError: If the fee and expenses exceed the invoice, or no salary reaches a
            wanted net pay.
        RulesError: If a parameter has no value on the payment date.
    """
    if params is None:
        params = _default_parameters()
    engine = _Engine(inp, params, source)
    fee = _ZERO_ORE
    invoiced = inp.invoiced
    if inp.net is not None and inp.fee_rate is not None and inp.mode == "net":
        invoiced = _invoice_for_net(engine, inp.net)
    if invoiced is not None:
        fee_rate = inp.fee_rate if inp.fee_rate is not None else _ZERO
        fee = (invoiced * fee_rate).quantize(ORE, ROUND_HALF_UP)
        budget = invoiced - fee - inp.expenses
        if budget < 0:
            raise InputError(
                "expenses",
                f"fee {fee} and expenses {inp.expenses} are more than the invoiced {invoiced}",
            )
        cost = engine.cost(Decimal(engine.largest_gross(budget)))
        gross_rule = "largest-gross-within-budget"
    elif inp.budget is not None:
        budget = inp.budget
        cost = engine.cost(Decimal(engine.largest_gross(budget)))
        gross_rule = "largest-gross-within-budget"
    elif inp.gross is not None:
        cost = engine.cost(inp.gross)
        budget = cost.total
        gross_rule = "given-gross"
    else:
        wanted = inp.net if inp.net is not None else _ZERO
        cost = engine.cost(Decimal(engine.smallest_gross_for_net(wanted)))
        budget = cost.total
        gross_rule = "smallest-gross-for-net"
    return _result(engine, invoiced, fee, budget, cost, gross_rule)


def invoice_for_net(
    inp: SalaryInput, *, params: ParameterSet | None = None, source: TableSource | None = None
) -> Decimal:
    """The invoice amount (excl. VAT) needed for the wanted net pay ``inp.net``.

    It is the smallest invoice, to the öre, whose salary gives a net pay of at least
    ``inp.net``, with the fee rate, expenses and everything else taken from ``inp``.

    Args:
        inp: An input with ``net`` and ``fee_rate`` set.
        params: Parameters to use; Sweden's own by default.
        source: Where tax tables come from (see :func:`calculate_salary`).

    Raises:
        InputError: If ``net`` or ``fee_rate`` is missing.
    """
    if inp.net is None:
        raise InputError("net", "give the wanted net pay")
    if inp.fee_rate is None:
        raise InputError("fee_rate", "the invoice needed depends on the cooperative's fee rate")
    if params is None:
        params = _default_parameters()
    return _invoice_for_net(_Engine(inp, params, source), inp.net)


def _invoice_for_net(engine: _Engine, wanted: Decimal) -> Decimal:
    fee_rate = engine.inp.fee_rate if engine.inp.fee_rate is not None else _ZERO
    expenses = engine.inp.expenses
    gross = engine.smallest_gross_for_net(wanted)
    needed = engine.total(gross)

    def budget_of(invoice: Decimal) -> Decimal:
        fee = (invoice * fee_rate).quantize(ORE, ROUND_HALF_UP)
        return invoice - fee - expenses

    invoice = ((needed + expenses) / (_ONE - fee_rate)).quantize(ORE, rounding=ROUND_CEILING)
    while budget_of(invoice) < needed:
        invoice += ORE
    while invoice > 0 and budget_of(invoice - ORE) >= needed:
        invoice -= ORE
    return invoice


_POLICY = "cooperative policy (cooperative.toml)"
_FEE_REF = f"{_POLICY} [fees] rate"
_NO_HOLIDAY_REF = f"{_POLICY} [payroll] holiday_pay = none"
_PENSION_REF = f"{_POLICY} [payroll] pension_rate"
_EXPENSES_REF = (
    "Outlays made for the employer and repaid against receipts (utlägg) are not pay: "
    "no tax, no contributions"
)
_TAXABLE_REF = "Inkomstskattelag (1999:1229) 11 kap. 1 §; Socialavgiftslag (2000:980) 2 kap. 10 §"
_NET_REF = "Skatteförfarandelag (2011:1244) 10 kap. (skatteavdrag)"
_PENSION_TAX_LAW = "Lag (1991:687) om särskild löneskatt på pensionskostnader"

_ZERO_ORE_TEXT = str(_ZERO_ORE)
_NO_PENSION_FORMULA = f"no pension = {_ZERO_ORE_TEXT}"
_NO_PENSION_TAX_FORMULA = f"no pension premium = {_ZERO_ORE_TEXT}"

# TraceLine(...) without the named tuple's Python-level __new__ (same tuple, one call less
# for each of the 13 lines of every result).
_line = tuple.__new__


def _result(
    engine: _Engine,
    invoiced: Decimal | None,
    fee: Decimal,
    budget: Decimal,
    cost: _Cost,
    gross_rule: str,
) -> SalaryResult:
    inp = engine.inp
    setup = engine.setup
    gross, holiday, taxable, _, pension, pension_tax, total = cost
    tax_amount, tax_rule, tax_reference, tax_parameters, tax_formula = engine.tax(taxable)
    net = taxable - tax_amount
    expenses = inp.expenses + _ZERO_ORE
    payout = net + expenses
    remainder = budget - total
    # Each figure is turned into text once; the formulas below reuse the strings.
    s_fee, s_exp, s_budget = str(fee), str(expenses), str(budget)
    s_gross, s_hol, s_taxable = str(gross), str(holiday), str(taxable)
    s_net = str(net)
    if invoiced is not None:
        fee_rate = inp.fee_rate if inp.fee_rate is not None else _ZERO
        s_invoiced = str(invoiced)
        fee_line = _line(
            TraceLine,
            (
                "fee",
                fee,
                "cooperative-fee",
                {"fees.rate": str(fee_rate)},
                _FEE_REF,
                f"{s_invoiced} × {_pct(fee_rate)} = {s_fee}",
            ),
        )
        budget_formula = f"{s_invoiced} − {s_fee} − {s_exp} = {s_budget}"
    else:
        fee_line = _line(TraceLine, ("fee", fee, "no-invoice", {}, _POLICY, f"no invoice: {s_fee}"))
        budget_formula = (
            f"given budget = {s_budget}" if inp.mode == "budget" else f"total cost = {s_budget}"
        )
    if gross_rule == "largest-gross-within-budget":
        gross_formula = (
            f"largest whole-krona gross with total cost ≤ {s_budget}: {s_gross} "
            f"(total cost {total!s})"
        )
    elif gross_rule == "smallest-gross-for-net":
        gross_formula = f"smallest whole-krona gross with net pay ≥ {inp.net!s}: {s_gross}"
    else:
        gross_formula = f"given gross = {s_gross}"
    if setup.holiday_rate:
        holiday_line = _line(
            TraceLine,
            (
                "holiday_pay",
                holiday,
                "semesterersattning",
                {HOLIDAY_RATE: setup.holiday_text},
                setup.holiday_ref,
                f"{s_gross} × {setup.holiday_pct} = {s_hol}",
            ),
        )
    else:
        holiday_line = _line(
            TraceLine,
            ("holiday_pay", holiday, "none", {}, _NO_HOLIDAY_REF, f"no holiday pay = {s_hol}"),
        )
    contrib_amount, _, contrib_rule, contrib_parameters, contrib_reference, contrib_formula = (
        engine.rule._explained(taxable, inp.paid_this_month, inp.paid_this_year)
    )
    if engine.pension_rate:
        s_pension, s_ptax = str(pension), str(pension_tax)
        pension_line = _line(
            TraceLine,
            (
                "pension",
                pension,
                "occupational-pension",
                {"payroll.pension_rate": str(engine.pension_rate)},
                _PENSION_REF,
                f"{s_taxable} × {setup.pension_pct} = {s_pension}",
            ),
        )
        pension_tax_line = _line(
            TraceLine,
            (
                "pension_tax",
                pension_tax,
                "sarskild-loneskatt",
                {PENSION_TAX: setup.pension_tax_text},
                setup.pension_tax_ref,
                f"{s_pension} × {setup.pension_tax_pct} = {s_ptax}",
            ),
        )
    else:
        # cost() gives _ZERO_ORE for both without a pension.
        s_pension = s_ptax = _ZERO_ORE_TEXT
        pension_line = _line(
            TraceLine, ("pension", pension, "none", {}, _POLICY, _NO_PENSION_FORMULA)
        )
        pension_tax_line = _line(
            TraceLine,
            ("pension_tax", pension_tax, "none", {}, _PENSION_TAX_LAW, _NO_PENSION_TAX_FORMULA),
        )
    trace = (
        fee_line,
        _line(
            TraceLine,
            (
                "expenses",
                expenses,
                "reimbursed-outlays",
                {},
                _EXPENSES_REF,
                f"{s_exp} reimbursed tax-free",
            ),
        ),
        _line(TraceLine, ("budget", budget, "budget", {}, _POLICY, budget_formula)),
        _line(TraceLine, ("gross_salary", gross, gross_rule, {}, _POLICY, gross_formula)),
        holiday_line,
        _line(
            TraceLine,
            (
                "taxable_pay",
                taxable,
                "taxable-pay",
                {},
                _TAXABLE_REF,
                f"{s_gross} + {s_hol} = {s_taxable}",
            ),
        ),
        _line(
            TraceLine,
            (
                "employer_contributions",
                contrib_amount,
                contrib_rule,
                contrib_parameters,
                contrib_reference,
                contrib_formula,
            ),
        ),
        pension_line,
        pension_tax_line,
        # The tax's parameters are a new dict, made for this result.
        _line(
            TraceLine,
            (
                "preliminary_tax",
                tax_amount,
                tax_rule,
                tax_parameters,
                tax_reference,
                tax_formula,
            ),
        ),
        _line(
            TraceLine,
            ("net_pay", net, "net-pay", {}, _NET_REF, f"{s_taxable} − {tax_amount!s} = {s_net}"),
        ),
        _line(
            TraceLine,
            ("payout", payout, "payout", {}, _POLICY, f"{s_net} + {s_exp} = {payout!s}"),
        ),
        _line(
            TraceLine,
            (
                "remainder",
                remainder,
                "budget-remainder",
                {},
                _POLICY,
                f"{s_budget} − ({s_taxable} + {contrib_amount!s} + {s_pension} + {s_ptax}) "
                f"= {remainder!s}",
            ),
        ),
    )
    return SalaryResult(  # positional (faster), in the order of the fields
        fee,
        expenses,
        budget,
        gross,
        holiday,
        taxable,
        contrib_amount,
        pension,
        pension_tax,
        tax_amount,
        net,
        payout,
        remainder,
        trace,
    )
