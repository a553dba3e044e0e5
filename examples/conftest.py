# SPDX-License-Identifier: EUPL-1.2
"""What pytest collects under ``examples/`` when it runs kooperativ's tests.

``country_package/`` is a package of its own: its tests run where it is installed.
kooperativ runs them from the source tree in ``tests/examples/test_country_package.py``,
which installs the package first; collected here, they would find no country ``XE``.
"""

collect_ignore = ["country_package"]
