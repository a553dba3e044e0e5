# SPDX-License-Identifier: EUPL-1.2
"""``python -m kooperativ.cli``: the ``kooperativ`` command."""

from kooperativ.cli import main

main()
