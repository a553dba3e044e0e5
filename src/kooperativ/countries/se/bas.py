# SPDX-License-Identifier: EUPL-1.2
"""Names of the BAS accounts kooperativ books to (BAS Kontoplan 2026).

A subset of the BAS chart (*BAS-kontoplanen*): the accounts of the roles in
:data:`kooperativ.countries.se.BAS_ACCOUNTS` and those an employment cooperative
typically uses for invoices, VAT, payments, payroll, allowances and interest. The names
are BAS's own (Swedish). Source: BAS Kontoplan 2026 v1.0 as transcribed in the public
repository ``erp-mafia/gnubok`` (``lib/bookkeeping/bas-data``), usage corroborated by
``reference/invoicing-and-payroll-2026.md`` §6.3; 2999 *OBS-konto* (the suspense account
for what cannot be placed yet) as in Odoo's Swedish chart, ``odoo/odoo``
``addons/l10n_se/data/template/account.account-se.csv``. A cooperative adds accounts of its own
under ``[ledger.accounts]`` in ``cooperative.toml``.
"""

from __future__ import annotations

from types import MappingProxyType

__all__ = ["BAS_NAMES"]

#: Account number → BAS name.
BAS_NAMES = MappingProxyType(
    {
        1510: "Kundfordringar",
        1610: "Kortfristiga fordringar hos anställda",
        1611: "Reseförskott",
        1613: "Övriga förskott",
        1630: "Avräkning för skatter och avgifter (skattekonto)",
        1910: "Kassa",
        1930: "Företagskonto/checkkonto/affärskonto",
        2098: "Vinst eller förlust från föregående år",
        2420: "Förskott från kunder",
        2440: "Leverantörsskulder",
        2514: "Beräknad särskild löneskatt på pensionskostnader",
        2611: "Utgående moms på försäljning inom Sverige, 25 %",
        2614: "Utgående moms omvänd betalningsskyldighet, 25 %",
        2621: "Utgående moms på försäljning inom Sverige, 12 %",
        2631: "Utgående moms på försäljning inom Sverige, 6 %",
        2641: "Debiterad ingående moms",
        2645: "Beräknad ingående moms på förvärv från utlandet",
        2650: "Redovisningskonto för moms",
        2710: "Personalskatt",
        2730: "Lagstadgade sociala avgifter och särskild löneskatt",
        2731: "Avräkning lagstadgade sociala avgifter",
        2732: "Avräkning särskild löneskatt",
        2820: "Kortfristiga skulder till anställda",
        2890: "Övriga kortfristiga skulder",
        2910: "Upplupna löner",
        2920: "Upplupna semesterlöner",
        2999: "OBS-konto",
        2940: "Upplupna lagstadgade sociala och andra avgifter",
        2990: "Övriga upplupna kostnader och förutbetalda intäkter",
        3001: "Försäljning inom Sverige, 25 % moms",
        3002: "Försäljning inom Sverige, 12 % moms",
        3003: "Försäljning inom Sverige, 6 % moms",
        3004: "Försäljning inom Sverige, momsfri",
        3041: "Försäljning tjänst inom Sverige, 25 % moms",
        3305: "Försäljning tjänster till land utanför EU",
        3308: "Försäljning tjänster till annat EU-land",
        3540: "Faktureringsavgifter",
        3590: "Övriga fakturerade kostnader",
        3740: "Öres- och kronutjämning",
        3981: "Erhållna EU-bidrag",
        3985: "Erhållna statliga bidrag",
        3987: "Erhållna kommunala bidrag",
        3989: "Övriga erhållna offentliga bidrag",
        3990: "Övriga ersättningar och intäkter",
        6990: "Övriga externa kostnader",
        7010: "Löner till kollektivanställda",
        7081: "Sjuklöner till kollektivanställda",
        7082: "Semesterlöner till kollektivanställda",
        7090: "Förändring av semesterlöneskuld",
        7210: "Löner till tjänstemän",
        7281: "Sjuklöner till tjänstemän",
        7285: "Semesterlöner till tjänstemän",
        7290: "Förändring av semesterlöneskuld",
        7321: "Skattefria traktamenten, Sverige",
        7322: "Skattepliktiga traktamenten, Sverige",
        7323: "Skattefria traktamenten, utlandet",
        7331: "Skattefria bilersättningar",
        7332: "Skattepliktiga bilersättningar",
        7385: "Kostnader för fri bil",
        7389: "Övriga kostnader för förmåner",
        7410: "Pensionsförsäkringspremier",
        7510: "Arbetsgivaravgifter",
        7511: "Sociala avgifter för löner och ersättningar",
        7512: "Sociala avgifter för förmånsvärden",
        7515: "Sociala avgifter på skattepliktiga kostnadsersättningar",
        7519: "Sociala avgifter för semester- och löneskulder",
        7530: "Särskild löneskatt",
        7533: "Särskild löneskatt för pensionskostnader",
        7690: "Övriga personalkostnader",
        8313: "Ränteintäkter från kortfristiga fordringar",
        8422: "Dröjsmålsräntor för leverantörsskulder",
        8423: "Räntekostnader för skatter och avgifter",
    }
)
