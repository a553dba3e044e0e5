# SPDX-License-Identifier: EUPL-1.2
"""Country rule packs. Each is registered under the entry point group ``kooperativ.countries``."""
