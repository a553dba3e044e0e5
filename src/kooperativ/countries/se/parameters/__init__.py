# SPDX-License-Identifier: EUPL-1.2
"""Sweden's dated legal parameters (*parametrar*): the TOML files in this folder.

Every legal figure the Swedish rules use (prisbasbelopp, skiktgräns, grundavdrag steps,
SINK rate, …) lives in a TOML file next to this module, with its validity dates and its
source. The name of a parameter is its file path plus the table key, e.g.
``tax/state.toml`` ``[skiktgrans]`` → ``tax.state.skiktgrans``.

Examples:
    >>> from datetime import date
    >>> params = load_swedish_parameters()
    >>> params.at(date(2026, 1, 1)).decimal("base_amounts.prisbasbelopp")
    Decimal('59200')
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from kooperativ.rules.parameters import ParameterSet

__all__ = ["PARAMETER_FOLDER", "load_swedish_parameters"]

#: The folder holding Sweden's parameter files.
PARAMETER_FOLDER = Path(__file__).resolve().parent


@cache
def load_swedish_parameters() -> ParameterSet:
    """Load (once) every Swedish parameter file in :data:`PARAMETER_FOLDER`.

    Returns:
        The parameter set; resolve a day with ``.at(date)``.

    Raises:
        ConfigError: If a file is malformed (naming the file and key).
    """
    return ParameterSet.load(PARAMETER_FOLDER)
