# SPDX-License-Identifier: EUPL-1.2
"""Employer contributions (*arbetsgivaravgifter*) on one payment of pay.

*Arbetsgivaravgifter* are the social security contributions an employer pays on top of the
pay it gives out, together with the *allmän löneavgift* (a payroll tax charged with them).
For most people they are 31.42 % of the pay (*avgiftspliktig ersättning*). The rate depends
on the person's birth year and on the day the pay is given out:

* born 1937 or earlier: no contributions;
* older people (66 at the start of 2025, 67 at the start of 2026): only the
  *ålderspensionsavgift*, 10.21 %;
* young people who had turned 18 but not 23 at the start of the year, for pay given out
  1 April 2026 – 30 September 2027: 20.81 % on at most 25 000 kr per calendar month;
* everyone else: the full rate.

No contributions are due while the payer's total pay to the person in the calendar year is
below 1 000 kr; once the total reaches 1 000 kr they are due from the first krona, so the
payment that crosses the threshold also carries the contributions on the earlier pay of
the year (the *catch-up*).

Every figure is dated data in ``parameters/contributions.toml``.

>>> from datetime import date
>>> from decimal import Decimal
>>> result = employer_contributions(date(1985, 6, 1), date(2026, 11, 25), Decimal("30000"))
>>> result.amount
Decimal('9426.00')

Rounding: the amount is rounded half up to whole öre for each payment (the rule the
project uses for contributions; Skatteverket computes the month's total from the AGI, so
a month with several payments may differ by an öre or two).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from kooperativ.errors import InputError
from kooperativ.money import ORE, ZERO, ZERO_ORE
from kooperativ.payroll.trace import percent_text
from kooperativ.rules.parameters import ParameterSet

__all__ = [
    "ContributionResult",
    "ContributionRule",
    "contribution_rule",
    "employer_contributions",
]


FULL_RATE = "contributions.full_rate"
PENSION_RATE = "contributions.components.alderspensionsavgift"
SENIOR_MIN_AGE = "contributions.senior.min_age"
EXEMPT_BORN_UNTIL = "contributions.exempt.born_until"
YOUTH_APPLIES = "contributions.youth.applies"
YOUTH_RATE = "contributions.youth.rate"
YOUTH_CAP = "contributions.youth.monthly_cap"
YOUTH_MIN_AGE = "contributions.youth.min_age"
YOUTH_BELOW_AGE = "contributions.youth.below_age"
YEARLY_THRESHOLD = "contributions.yearly_threshold"


def _default_parameters() -> ParameterSet:
    from kooperativ.countries.se.parameters import load_swedish_parameters

    return load_swedish_parameters()


def _percent(rate: Decimal) -> str:
    """``0.3142`` → ``31.42 %`` (for formulas)."""
    return percent_text(rate)


@dataclass(frozen=True, slots=True)
class ContributionResult:
    """Employer contributions on one payment, with the explanation of how they were found.

    Attributes:
        amount: The contributions in kronor, rounded half up to öre.
        base: The pay the contributions were charged on (this payment, plus the year's
            earlier pay when this payment reaches the 1 000 kr threshold).
        rule: Short name of the rule applied (``full``, ``senior``, ``exempt``, ``youth``,
            ``below-threshold``).
        parameters: Parameter names and the values used.
        reference: The legal reference of the rule.
        formula: The arithmetic, written out.
    """

    amount: Decimal
    base: Decimal
    rule: str
    parameters: dict[str, str]
    reference: str
    formula: str


@dataclass(frozen=True, slots=True)
class ContributionRule:
    """The contribution rule for one person on one payment day, resolved once.

    Build with :func:`contribution_rule`; call :meth:`amount` in loops (it does only a
    few Decimal operations) and :meth:`explain` for the trace.

    Attributes:
        band: ``full``, ``senior``, ``exempt`` or ``youth``.
        rate: The band's rate (for ``youth``, the reduced rate below the monthly cap).
        full_rate: The rate above the youth cap (equal to ``rate`` outside the youth band).
        youth_cap: The monthly amount the youth rate applies to, or ``None``.
        threshold: The yearly amount below which no contributions are due.
        parameters: Parameter names and values that chose this rule.
        reference: Legal references of the rule.
    """

    band: str
    rate: Decimal
    full_rate: Decimal
    youth_cap: Decimal | None
    threshold: Decimal
    parameters: dict[str, str] = field(default_factory=dict)
    reference: str = ""
    # Texts of the explanation, made once per rule (rules are cached and reused).
    _threshold_text: str = field(init=False, repr=False, compare=False)
    _rate_text: str = field(init=False, repr=False, compare=False)
    _full_rate_text: str = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_threshold_text", str(self.threshold))
        object.__setattr__(self, "_rate_text", _percent(self.rate))
        object.__setattr__(self, "_full_rate_text", _percent(self.full_rate))

    def _bases(
        self, pay: Decimal, paid_this_month: Decimal, paid_this_year: Decimal
    ) -> tuple[Decimal, Decimal, Decimal]:
        """(total base, catch-up part, part at the reduced youth rate)."""
        if paid_this_year + pay < self.threshold:
            return ZERO, ZERO, ZERO
        # Socialavgiftslag 2 kap. 14 § (Skatteverket RV): once the year's pay reaches the
        # threshold, contributions are due from the first krona — also on earlier pay.
        catch_up = paid_this_year if paid_this_year < self.threshold else ZERO
        base = pay + catch_up
        if self.youth_cap is None:
            return base, catch_up, ZERO
        # Lag (2026:100) 2 § andra stycket: the reduced rate only on the first
        # 25 000 kr given out to the person in the calendar month.
        cap = self.youth_cap
        month_before = min(paid_this_month, cap)
        month_after = min(paid_this_month + pay, cap)
        if catch_up:
            # Earlier pay of the year was below 1 000 kr, so under the cap in its month.
            reduced = month_after + (catch_up - paid_this_month)
        else:
            reduced = month_after - month_before
        return base, catch_up, reduced

    def amount(
        self, pay: Decimal, paid_this_month: Decimal = ZERO, paid_this_year: Decimal = ZERO
    ) -> Decimal:
        """Contributions on ``pay`` (rounded half up to öre); no validation, for loops.

        Args:
            pay: This payment's avgiftspliktig ersättning.
            paid_this_month: Pay already given out to the person this calendar month.
            paid_this_year: Pay already given out to the person this calendar year
                (including ``paid_this_month``).
        """
        base, _, reduced = self._bases(pay, paid_this_month, paid_this_year)
        if not base:
            return ZERO_ORE
        if reduced:
            exact = reduced * self.rate + (base - reduced) * self.full_rate
        else:
            exact = base * self.full_rate
        return exact.quantize(ORE, ROUND_HALF_UP)

    def explain(
        self, pay: Decimal, paid_this_month: Decimal = ZERO, paid_this_year: Decimal = ZERO
    ) -> ContributionResult:
        """Contributions on ``pay`` with the rule, parameters, reference and formula."""
        return ContributionResult(*self.explained(pay, paid_this_month, paid_this_year))

    def explained(
        self, pay: Decimal, paid_this_month: Decimal = ZERO, paid_this_year: Decimal = ZERO
    ) -> tuple[Decimal, Decimal, str, dict[str, str], str, str]:
        """:meth:`explain` as a plain tuple, in the order of :class:`ContributionResult`:
        ``(amount, base, rule, parameters, reference, formula)``.

        The same values without building the result object: for the salary trace, which
        copies them into its own line.
        """
        base, catch_up, reduced = self._bases(pay, paid_this_month, paid_this_year)
        parameters = {**self.parameters, YEARLY_THRESHOLD: self._threshold_text}
        if not base:
            amount = ZERO_ORE
            return (
                amount,
                base,
                "below-threshold",
                parameters,
                _BELOW_THRESHOLD_REF,
                f"{paid_this_year!s} + {pay!s} < {self._threshold_text} "
                f"→ no contributions = {amount!s}",
            )
        if reduced:
            exact = reduced * self.rate + (base - reduced) * self.full_rate
        else:
            exact = base * self.full_rate
        amount = exact.quantize(ORE, ROUND_HALF_UP)
        catch_text = f" (incl. {catch_up!s} given out earlier this year)" if catch_up else ""
        if reduced and reduced != base:
            formula = (
                f"{reduced!s} × {self._rate_text} + {base - reduced!s} × "
                f"{self._full_rate_text}{catch_text} = {amount!s}"
            )
        else:
            rate = self._rate_text if reduced else self._full_rate_text
            formula = f"{base!s} × {rate}{catch_text} = {amount!s}"
        return amount, base, self.band, parameters, self.reference, formula


_BELOW_THRESHOLD_REF = (
    "Socialavgiftslag (2000:980) 2 kap. 14 § (pay to the person in the year "
    "below the yearly threshold)"
)

_CACHE: dict[tuple[int, date, int], tuple[ParameterSet, ContributionRule]] = {}


def _age_at_year_start(birth_date: date, on: date) -> int:
    # "Vid årets ingång har fyllt N år" is applied by birth year, as Skatteverket's
    # published birth-year bands do (2026: born 1938–1958 reduced, 2003–2007 youth).
    return on.year - birth_date.year - 1


def contribution_rule(
    birth_date: date, paid_on: date, *, params: ParameterSet | None = None
) -> ContributionRule:
    """The contribution rule for a person born ``birth_date`` paid on ``paid_on``.

    Args:
        birth_date: The person's birth date.
        paid_on: The day the pay is given out (decides the year and the youth period).
        params: Parameters to use; Sweden's own by default.

    Raises:
        InputError: If the birth date is after the payment date.
        MissingParameterError: If no parameters are in force on ``paid_on``.
    """
    if birth_date > paid_on:
        raise InputError(
            "birth_date", "{birth} is after the payment date {paid}", birth=birth_date, paid=paid_on
        )
    if params is None:
        params = _default_parameters()
    key = (id(params), paid_on, birth_date.year)
    cached = _CACHE.get(key)
    if cached is not None and cached[0] is params:
        return cached[1]
    rule = _build_rule(birth_date, paid_on, params)
    if len(_CACHE) > 4096:
        _CACHE.clear()
    _CACHE[key] = (params, rule)
    return rule


def _build_rule(birth_date: date, paid_on: date, params: ParameterSet) -> ContributionRule:
    at = params.at(paid_on)
    full = at.decimal(FULL_RATE)
    threshold = at.decimal(YEARLY_THRESHOLD)
    used: dict[str, Any] = {FULL_RATE: full}
    age = _age_at_year_start(birth_date, paid_on)
    exempt_until = at.decimal(EXEMPT_BORN_UNTIL)
    senior_age = at.decimal(SENIOR_MIN_AGE)
    if birth_date.year <= exempt_until:
        # Socialavgiftslag 2 kap. 27 §: no contributions for people born 1937 or earlier.
        used = {EXEMPT_BORN_UNTIL: exempt_until}
        return ContributionRule(
            band="exempt",
            rate=ZERO,
            full_rate=ZERO,
            youth_cap=None,
            threshold=threshold,
            parameters={k: str(v) for k, v in used.items()},
            reference=at.reference(EXEMPT_BORN_UNTIL),
        )
    if age >= senior_age:
        # Socialavgiftslag 2 kap. 27 §; lag (1994:1920) 2 §: only the ålderspensionsavgift.
        pension = at.decimal(PENSION_RATE)
        used = {SENIOR_MIN_AGE: senior_age, PENSION_RATE: pension}
        return ContributionRule(
            band="senior",
            rate=pension,
            full_rate=pension,
            youth_cap=None,
            threshold=threshold,
            parameters={k: str(v) for k, v in used.items()},
            reference=at.reference(SENIOR_MIN_AGE),
        )
    if at[YOUTH_APPLIES] is True:
        low = at.decimal(YOUTH_MIN_AGE)
        high = at.decimal(YOUTH_BELOW_AGE)
        if low <= age < high:
            # Lag (2026:100) 2 §: reduced rate for 18–22 at the start of the year,
            # on pay given out 1 April 2026 – 30 September 2027.
            youth = at.decimal(YOUTH_RATE)
            cap = at.decimal(YOUTH_CAP)
            used.update({YOUTH_RATE: youth, YOUTH_CAP: cap, YOUTH_MIN_AGE: low})
            used[YOUTH_BELOW_AGE] = high
            return ContributionRule(
                band="youth",
                rate=youth,
                full_rate=full,
                youth_cap=cap,
                threshold=threshold,
                parameters={k: str(v) for k, v in used.items()},
                reference=f"{at.reference(YOUTH_RATE)}; {at.reference(FULL_RATE)}",
            )
    # Socialavgiftslag 2 kap. 26 §; lag (1994:1920) 3 §: the full rate.
    return ContributionRule(
        band="full",
        rate=full,
        full_rate=full,
        youth_cap=None,
        threshold=threshold,
        parameters={k: str(v) for k, v in used.items()},
        reference=at.reference(FULL_RATE),
    )


def employer_contributions(
    birth_date: date,
    paid_on: date,
    taxable_pay: Decimal,
    *,
    paid_this_month: Decimal = ZERO,
    paid_this_year: Decimal = ZERO,
    params: ParameterSet | None = None,
) -> ContributionResult:
    """Employer contributions (*arbetsgivaravgifter*) on one payment.

    Args:
        birth_date: The person's birth date.
        paid_on: The day the pay is given out.
        taxable_pay: This payment's pay subject to contributions (salary plus holiday pay).
        paid_this_month: Pay already given out to the person this calendar month (before
            this payment); used for the youth cap of 25 000 kr per month.
        paid_this_year: Pay already given out to the person this calendar year (before
            this payment, including ``paid_this_month``); used for the 1 000 kr rule.
        params: Parameters to use; Sweden's own by default.

    Returns:
        The amount rounded half up to öre, with rule, parameters, reference and formula.

    Raises:
        InputError: If an amount is negative, the month's pay exceeds the year's, or the
            birth date is after the payment date.
        MissingParameterError: If no parameters are in force on ``paid_on``.
    """
    for name, value in (
        ("taxable_pay", taxable_pay),
        ("paid_this_month", paid_this_month),
        ("paid_this_year", paid_this_year),
    ):
        if not isinstance(value, Decimal | int) or isinstance(value, bool):
            raise InputError(name, "expected a Decimal, got {kind}", kind=type(value).__name__)
        if value < 0:
            raise InputError(name, "must not be negative (got {value})", value=value)
    if paid_this_month > paid_this_year:
        raise InputError(
            "paid_this_month",
            "{month} is more than the year's pay so far ({year})",
            month=paid_this_month,
            year=paid_this_year,
        )
    rule = contribution_rule(birth_date, paid_on, params=params)
    return rule.explain(Decimal(taxable_pay), Decimal(paid_this_month), Decimal(paid_this_year))
