# SPDX-License-Identifier: EUPL-1.2
"""Swedish preliminary tax (*skatteavdrag*): tax tables, tax modes and the withholding.

*Skatteavdrag* is the preliminary income tax an employer withholds from pay. For the main
employer it comes from Skatteverket's monthly tax tables (*skattetabeller*), which this
package computes from the law (SKV 433) or loads from Skatteverket's published files;
other cases use flat rates (side income 30 %, SINK), a jämkning decision or the
engångstabell.

>>> from datetime import date
>>> from decimal import Decimal
>>> preliminary_tax(parse_tax_mode("table:33:1"), Decimal("35000"), date(2026, 1, 25)).amount
Decimal('7134')
"""

from .loader import LoadedTables, PublishedFile, PublishedRow, TableFileError, read_published
from .modes import (
    TAX_MODE_ADAPTER,
    Adjusted,
    NoInformation,
    OneOff,
    SideIncome,
    Sink,
    TableTax,
    TaxMode,
    known_columns,
    known_tables,
    parse_tax_mode,
)
from .preliminary import TaxResult, preliminary_tax
from .tables import (
    COMPUTABLE_COLUMNS,
    AnnualTax,
    ComputedTables,
    TableSource,
    TaxRow,
    TaxTable,
    annual_tax,
    compute_table,
    table_parameters,
)

__all__ = [
    "COMPUTABLE_COLUMNS",
    "TAX_MODE_ADAPTER",
    "Adjusted",
    "AnnualTax",
    "ComputedTables",
    "LoadedTables",
    "NoInformation",
    "OneOff",
    "PublishedFile",
    "PublishedRow",
    "SideIncome",
    "Sink",
    "TableFileError",
    "TableSource",
    "TableTax",
    "TaxMode",
    "TaxResult",
    "TaxRow",
    "TaxTable",
    "annual_tax",
    "compute_table",
    "known_columns",
    "known_tables",
    "parse_tax_mode",
    "preliminary_tax",
    "read_published",
    "table_parameters",
]
