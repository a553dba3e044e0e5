# SPDX-License-Identifier: EUPL-1.2
"""Trace lines: how each amount of a salary calculation was found.

Every amount on a payslip can explain itself: the rule that produced it, the parameter
values used (by name, as in ``parameters/*.toml``), the legal reference and the
arithmetic written out. A :class:`TraceLine` holds that explanation for one field.

The lines of what is national law (holiday pay, employer contributions, the tax on a
pension premium, preliminary tax) come from the country as a :class:`NationalTrace`;
:func:`salary_result` writes the cooperative's own lines (fee, budget, gross salary,
pension, net pay, payout, remainder) around them and builds the
:class:`~kooperativ.payroll.model.SalaryResult`.

>>> from decimal import Decimal
>>> line = TraceLine("holiday_pay", Decimal("3000.00"), "semesterersattning",
...                  {"holiday.rate": "0.12"}, "Semesterlag (1977:480) 16 b §",
...                  "25000 × 12 % = 3000.00")
>>> line.as_dict()["amount"]
'3000.00'

The texts of a line are English, with numbers written plainly (``1800.00``): the machine
form, kept in JSON. :func:`localise` gives the same lines for a reader in another
language: every sentence of the formula, the rule, the references and worded parameter
values looked up in the catalogs (a formula's numbers are replaced by ``{0}``, ``{1}`` …
for the lookup, so one catalog entry serves every amount), and the numbers written the
language's way.

>>> localise([line], "sv")[0].formula
'25\xa0000 × 12 % = 3\xa0000,00'
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from decimal import Decimal
from functools import lru_cache
from typing import Any, NamedTuple

from kooperativ.money import HUNDRED, ZERO, ZERO_ORE
from kooperativ.payroll.model import Cost, SalaryInput, SalaryResult

__all__ = [
    "POLICY_REFERENCE",
    "NationalTrace",
    "TraceLine",
    "localise",
    "percent_text",
    "salary_result",
    "tax_mode_text",
    "trace_as_dicts",
]


class TraceLine(NamedTuple):
    """The explanation of one computed amount (an immutable named tuple: cheap to build).

    Attributes:
        field: The result field explained (``employer_contributions`` …).
        amount: The amount, in the currency.
        rule: Short name of the rule applied (``full``, ``table``, ``semesterersattning`` …).
        parameters: Parameter names and the values used, as strings.
        reference: The legal reference (or the cooperative policy) behind the rule.
        formula: The arithmetic, written out with the actual figures.
    """

    field: str
    amount: Decimal
    rule: str
    parameters: dict[str, str]
    reference: str
    formula: str

    def as_dict(self, lang: str | None = None) -> dict[str, object]:
        """The line as JSON-ready data (the amount as a string).

        Args:
            lang: With a language, ``text`` holds the rule, reference and formula as a
                reader of that language sees them (:func:`localise`), beside the machine
                form.
        """
        data: dict[str, object] = {
            "field": self.field,
            "amount": str(self.amount),
            "rule": self.rule,
            "parameters": dict(self.parameters),
            "reference": self.reference,
            "formula": self.formula,
        }
        if lang is not None:
            shown = localise((self,), lang)[0]
            data["text"] = {
                "rule": shown.rule,
                "reference": shown.reference,
                "formula": shown.formula,
                "parameters": shown.parameters,
            }
        return data


class NationalTrace(NamedTuple):
    """The lines of a salary that national law decides, from the country's cost model.

    Attributes:
        holiday_pay: How the holiday pay was found (or why there is none).
        employer_contributions: How the employer contributions were found.
        pension_tax: How the tax on the pension premium was found (or why there is none).
        preliminary_tax: How the tax withheld was found; its amount is the tax.
        taxable_reference: The law that makes gross salary and holiday pay taxable pay.
        net_reference: The law under which tax is withheld from the pay.
        expenses_reference: Why reimbursed outlays are neither taxed nor charged.
    """

    holiday_pay: TraceLine
    employer_contributions: TraceLine
    pension_tax: TraceLine
    preliminary_tax: TraceLine
    taxable_reference: str
    net_reference: str
    expenses_reference: str


def trace_as_dicts(lines: Iterable[TraceLine], lang: str | None = None) -> list[dict[str, object]]:
    """Every line as JSON-ready data, in order (with ``text`` in ``lang``, if given)."""
    return [line.as_dict(lang) for line in lines]


# -- the lines in the reader's language ---------------------------------------------------

#: A sentence of a formula ends with a full stop followed by a capital letter.
_SENTENCE = re.compile(r"(?<=\.)\s+(?=[A-ZÅÄÖ])")
#: The figures of a formula: ISO dates (kept as they are) and plain decimal numbers.
_FIGURE = re.compile(r"(?P<day>\d{4}-\d{2}-\d{2})|(?<![\w.])(?P<number>\d+(?:\.\d+)?)(?![\w])")


def _skeleton(text: str) -> tuple[str, list[str]]:
    """``text`` with each figure replaced by ``{0}``, ``{1}`` …, and the figures."""
    figures: list[str] = []

    def placeholder(found: re.Match[str]) -> str:
        figures.append(found.group(0))
        return "{" + str(len(figures) - 1) + "}"

    escaped = text.replace("{", "{{").replace("}", "}}")
    return _FIGURE.sub(placeholder, escaped), figures


def _filled(template: str, figures: list[str], original: str) -> str:
    try:
        return template.format(*figures)
    except (IndexError, KeyError, ValueError):  # a broken translation: show the original
        return original


def _figure(text: str, lang: str) -> str:
    from kooperativ.i18n import format_number

    if "-" in text:  # a date
        return text
    return format_number(Decimal(text), lang)


def _sentence(text: str, lang: str, translate: Callable[[str], str]) -> str:
    skeleton, figures = _skeleton(text)
    shown = [_figure(figure, lang) for figure in figures]
    return _filled(translate(skeleton), shown, text)


def _words(text: str, lang: str, translate: Callable[[str], str]) -> str:
    """A rule's name, a reference or a parameter value: the catalog's text (looked up as
    it is, else with its figures as placeholders), decimal figures in the language's form
    and whole numbers (years, table numbers) as they are."""
    if not text:
        return text
    found = translate(text)
    if found != text:
        return found
    skeleton, figures = _skeleton(text)
    if not figures:
        return text
    shown = [_figure(figure, lang) if "." in figure else figure for figure in figures]
    return _filled(translate(skeleton), shown, text)


def _reference(text: str, lang: str, translate: Callable[[str], str]) -> str:
    """A reference: each ``;``-separated part from the catalogs, else as written."""
    return "; ".join(_words(part, lang, translate) for part in text.split("; "))


#: The catalog context of a rule's short name (``none``, ``full``): words other catalogs
#: translate differently.
RULE_CONTEXT = "trace rule"
#: The catalog context of the name of a value a rule used that is not a parameter
#: (``year``, ``row``); parameters keep their names (``holiday.rate``).
VALUE_CONTEXT = "trace value"


def _value_name(name: str, translate: Any) -> str:
    return name if "." in name else str(translate.pgettext(VALUE_CONTEXT, name))


def _rule(text: str, lang: str, translate: Any) -> str:
    found = translate.pgettext(RULE_CONTEXT, text)
    return found if found != text else _words(text, lang, translate)


def localise(lines: Iterable[TraceLine], lang: str) -> tuple[TraceLine, ...]:
    """``lines`` as a reader of ``lang`` sees them: words from the catalogs, numbers in
    the language's form (``1 800,00`` in Swedish). Field, amount and parameter names stay
    as they are (they are machine names), and so do the names of parameters
    (``holiday.rate``); the names of other values a rule used (``year``, ``row``) are
    translated.

    Every installed catalog is consulted (:func:`kooperativ.i18n.messages`), so a country
    package's catalog translates its own trace texts. A text without a translation is
    shown in English, with its numbers in the language's form.

    Raises:
        InputError: ``lang`` has no catalogs.
    """
    from kooperativ.i18n import messages

    translate = messages(lang)
    return tuple(
        TraceLine(
            line.field,
            line.amount,
            _rule(line.rule, lang, translate),
            {
                _value_name(name, translate): _words(value, lang, translate)
                for name, value in line.parameters.items()
            },
            _reference(line.reference, lang, translate),
            " ".join(_sentence(part, lang, translate) for part in _SENTENCE.split(line.formula))
            if line.formula
            else "",
        )
        for line in lines
    )


@lru_cache(maxsize=1024)
def percent_text(rate: Decimal) -> str:
    """A rate as a percentage for formulas: ``0.3142`` → ``31.42 %``."""
    return f"{(rate * HUNDRED).normalize():f} %"


#: The reference of every amount the cooperative's own policy decides.
POLICY_REFERENCE = "cooperative policy (cooperative.toml)"
_FEE_REF = f"{POLICY_REFERENCE} [fees] rate"
_FEE_LIMIT_REF = f"{POLICY_REFERENCE} [fees] rate, minimum, maximum"
_PENSION_REF = f"{POLICY_REFERENCE} [payroll] pension_rate"
_NO_PENSION_FORMULA = f"no pension = {ZERO_ORE}"

# TraceLine(...) without the named tuple's Python-level __new__ (same tuple, one call less
# for each of the 13 lines of every result).
_line = tuple.__new__


def _fee_line(inp: SalaryInput, invoiced: Decimal, fee: Decimal) -> TraceLine:
    if inp.fee_rule is not None:
        return _named_fee_line(_fee_line_of(inp, invoiced, fee), inp.fee_rule)
    return _fee_line_of(inp, invoiced, fee)


def _named_fee_line(line: TraceLine, rule: str) -> TraceLine:
    """``line`` naming the rule of the fee policy that applied (``fees.periods[1]: …``).

    The flat terms of ``[fees]`` are the ones its reference names already: only their note
    is added."""
    key, _, note = rule.partition(": ")
    if key == "fees":
        return line._replace(reference=f"{line.reference}; {note}") if note else line
    parameters = {**line.parameters, "fees.rule": key}
    return line._replace(parameters=parameters, reference=f"{line.reference}; {rule}")


def _fee_line_of(inp: SalaryInput, invoiced: Decimal, fee: Decimal) -> TraceLine:
    fee_rate = inp.fee_rate if inp.fee_rate is not None else ZERO
    s_invoiced, s_fee = str(invoiced), str(fee)
    base = f"{s_invoiced} × {percent_text(fee_rate)}"
    if not inp.fee_minimum and inp.fee_maximum is None:
        return _line(
            TraceLine,
            ("fee", fee, "cooperative-fee", {"fees.rate": str(fee_rate)}, _FEE_REF,
             f"{base} = {s_fee}"),
        )  # fmt: skip
    parameters = {"fees.rate": str(fee_rate), "fees.minimum": str(inp.fee_minimum)}
    if inp.fee_maximum is not None:
        parameters["fees.maximum"] = str(inp.fee_maximum)
    if fee == inp.fee_minimum and fee != 0 and (invoiced * fee_rate) < fee:
        formula = f"{base} is below the minimum fee: {s_fee}"
        rule = "cooperative-fee-minimum"
    elif inp.fee_maximum is not None and fee == inp.fee_maximum and (invoiced * fee_rate) > fee:
        formula = f"{base} is above the maximum fee: {s_fee}"
        rule = "cooperative-fee-maximum"
    else:
        formula = f"{base} = {s_fee}"
        rule = "cooperative-fee"
    return _line(TraceLine, ("fee", fee, rule, parameters, _FEE_LIMIT_REF, formula))


def salary_result(
    inp: SalaryInput,
    national: NationalTrace,
    invoiced: Decimal | None,
    fee: Decimal,
    budget: Decimal,
    cost: Cost,
    gross_rule: str,
) -> SalaryResult:
    """The result of one calculation, with its trace: the cooperative's lines around the
    country's.

    Args:
        inp: The input calculated.
        national: The country's lines for ``cost`` (its cost model's ``explain``).
        invoiced: The invoice behind the budget, if there is one.
        fee: The cooperative's fee on it.
        budget: The budget for the salary cost.
        cost: The cost of the gross salary chosen.
        gross_rule: How the gross salary was chosen (``largest-gross-within-budget``,
            ``smallest-gross-for-net`` or ``given-gross``).
    """
    gross, holiday, taxable, _, pension, pension_tax, total = cost
    (
        holiday_line,
        contributions_line,
        pension_tax_line,
        tax_line,
        taxable_reference,
        net_reference,
        expenses_reference,
    ) = national
    tax_amount = tax_line[1]
    contrib_amount = contributions_line[1]
    net = taxable - tax_amount
    expenses = inp.expenses + ZERO_ORE
    payout = net + expenses
    remainder = budget - total
    # Each figure is turned into text once; the formulas below reuse the strings.
    s_fee, s_exp, s_budget = str(fee), str(expenses), str(budget)
    s_gross, s_hol, s_taxable = str(gross), str(holiday), str(taxable)
    s_net = str(net)
    if invoiced is not None:
        if not inp.fee_minimum and inp.fee_maximum is None and inp.fee_rule is None:
            # the common case, inline
            fee_rate = inp.fee_rate if inp.fee_rate is not None else ZERO
            fee_line = _line(
                TraceLine,
                ("fee", fee, "cooperative-fee", {"fees.rate": str(fee_rate)}, _FEE_REF,
                 f"{invoiced!s} × {percent_text(fee_rate)} = {s_fee}"),
            )  # fmt: skip
        else:
            fee_line = _fee_line(inp, invoiced, fee)
        budget_formula = f"{invoiced!s} − {s_fee} − {s_exp} = {s_budget}"
    else:
        fee_line = _line(
            TraceLine, ("fee", fee, "no-invoice", {}, POLICY_REFERENCE, f"no invoice: {s_fee}")
        )
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
    pension_rate = inp.pension_rate
    if pension_rate:
        s_pension = str(pension)
        pension_line = _line(
            TraceLine,
            (
                "pension",
                pension,
                "occupational-pension",
                {"payroll.pension_rate": str(pension_rate)},
                _PENSION_REF,
                f"{s_taxable} × {percent_text(pension_rate)} = {s_pension}",
            ),
        )
    else:
        s_pension = str(pension)
        pension_line = _line(
            TraceLine, ("pension", pension, "none", {}, POLICY_REFERENCE, _NO_PENSION_FORMULA)
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
                expenses_reference,
                f"{s_exp} reimbursed tax-free",
            ),
        ),
        _line(TraceLine, ("budget", budget, "budget", {}, POLICY_REFERENCE, budget_formula)),
        _line(TraceLine, ("gross_salary", gross, gross_rule, {}, POLICY_REFERENCE, gross_formula)),
        holiday_line,
        _line(
            TraceLine,
            (
                "taxable_pay",
                taxable,
                "taxable-pay",
                {},
                taxable_reference,
                f"{s_gross} + {s_hol} = {s_taxable}",
            ),
        ),
        contributions_line,
        pension_line,
        pension_tax_line,
        tax_line,
        _line(
            TraceLine,
            (
                "net_pay",
                net,
                "net-pay",
                {},
                net_reference,
                f"{s_taxable} − {tax_amount!s} = {s_net}",
            ),
        ),
        _line(
            TraceLine,
            ("payout", payout, "payout", {}, POLICY_REFERENCE, f"{s_net} + {s_exp} = {payout!s}"),
        ),
        _line(
            TraceLine,
            (
                "remainder",
                remainder,
                "budget-remainder",
                {},
                POLICY_REFERENCE,
                f"{s_budget} − ({s_taxable} + {contrib_amount!s} + {s_pension} + "
                f"{pension_tax!s}) = {remainder!s}",
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


#: The catalog context of a tax mode's short form (``table:{0}:{1}``, ``side-income``).
TAX_MODE_CONTEXT = "tax mode"


def tax_mode_text(mode: str | None, lang: str) -> str:
    """A tax mode's short form (``table:33:1``) in words of ``lang`` (``skattetabell 33,
    kolumn 1``), through the catalogs (context ``tax mode``, figures as ``{0}``, ``{1}``
    …, written the language's way). A mode without words is shown as it is; no mode as
    ``–``.

    Examples:
        >>> tax_mode_text("table:33:1", "sv")
        'skattetabell 33, kolumn 1'
        >>> tax_mode_text("one-off:300000", "en")
        'one-off amount (expected yearly income 300,000 kr)'
    """
    from kooperativ.i18n import messages

    if not mode:
        return "–"
    translate = messages(lang)
    found = translate.pgettext(TAX_MODE_CONTEXT, mode)
    if found != mode:
        return found
    skeleton, figures = _skeleton(mode)
    if not figures:
        return mode
    template = translate.pgettext(TAX_MODE_CONTEXT, skeleton)
    if template == skeleton:
        return mode
    return _filled(template, [_figure(figure, lang) for figure in figures], mode)
