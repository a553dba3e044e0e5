# SPDX-License-Identifier: EUPL-1.2
"""Docstring examples run, and every CLI text has a Swedish translation."""

from __future__ import annotations

import ast
import doctest
import importlib
import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

import kooperativ

SRC = Path(kooperativ.__file__).parent
LOCALES = SRC / "i18n" / "locales"


def _modules_with_examples() -> list[str]:
    """Every module of the package whose source holds a docstring example (``>>>``)."""
    found = []
    for path in sorted(SRC.rglob("*.py")):
        relative = path.relative_to(SRC.parent).with_suffix("")
        if "migrations" in relative.parts or relative.name == "__main__":
            continue
        if ">>>" in path.read_text(encoding="utf-8"):
            parts = relative.parts[:-1] if relative.name == "__init__" else relative.parts
            found.append(".".join(parts))
    return found


DOCTEST_MODULES = _modules_with_examples()


def test_the_examples_are_found() -> None:
    assert {"kooperativ.money", "kooperativ.i18n", "kooperativ.accounts.ledger"} <= set(
        DOCTEST_MODULES
    )


@pytest.mark.parametrize("name", DOCTEST_MODULES)
def test_docstring_examples(name: str) -> None:
    """Every example in a docstring runs and prints what it says (each module's own)."""
    module = importlib.import_module(name)
    result = doctest.testmod(
        module, optionflags=doctest.NORMALIZE_WHITESPACE | doctest.ELLIPSIS, report=False
    )
    assert result.failed == 0, f"{result.failed} of {result.attempted} examples fail"


def _catalog(lang: str, domain: str) -> dict[str, str]:
    """msgid → text; an entry with a context (``msgctxt``) as ``context\x04msgid``, as
    gettext keys it (it cannot clash with the same words elsewhere)."""
    with (LOCALES / lang / "LC_MESSAGES" / f"{domain}.po").open("rb") as handle:
        catalog = read_po(handle)
    found = {}
    for m in catalog:
        if not m.id:
            continue
        msgid = m.id if isinstance(m.id, str) else m.id[0]
        text = m.string if isinstance(m.string, str) else m.string[0]
        found[f"{m.context}\x04{msgid}" if m.context else msgid] = str(text)
    return found


def test_every_cli_text_is_translated() -> None:
    used: set[str] = set()
    for name in ("member", "client", "assignment", "payroll", "init", "demo", "check"):
        path = SRC / "cli" / f"{name}.py"
        used |= set(re.findall(r'_\(\s*"((?:[^"\\]|\\.)*)"\s*\)', path.read_text("utf-8")))
    assert used, "no texts found: the pattern is stale"
    swedish = _catalog("sv", "cli")
    english = _catalog("en", "cli")
    missing = sorted(used - {k for k, v in swedish.items() if v})
    assert not missing, f"texts without Swedish translation: {missing}"
    assert set(swedish) == set(english)
    # Placeholders survive translation.
    for msgid, msgstr in swedish.items():
        assert set(re.findall(r"{\w+}", msgid)) == set(re.findall(r"{\w+}", msgstr)), msgid


DOMAINS = sorted(p.stem for p in (LOCALES / "sv" / "LC_MESSAGES").glob("*.po"))


@pytest.mark.parametrize("domain", DOMAINS)
def test_catalogs_match_and_keep_placeholders(domain: str) -> None:
    swedish = _catalog("sv", domain)
    english = _catalog("en", domain)
    assert swedish, f"{domain}: empty Swedish catalog"
    assert set(swedish) == set(english), f"{domain}: sv and en catalogs differ"
    untranslated = sorted(k for k, v in swedish.items() if not v)
    assert not untranslated, f"{domain}: no Swedish text for {untranslated}"
    for msgid, msgstr in swedish.items():
        wanted = set(re.findall(r"{\w*}", msgid))
        assert wanted == set(re.findall(r"{\w*}", msgstr)), f"{domain}: {msgid!r}"


def test_problem_texts_are_in_the_catalog() -> None:
    used: set[str] = set()
    for path in [*(SRC / "services").glob("*.py"), SRC / "cooperative.py"]:
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr == "of"
                and isinstance(node.func.value, ast.Name)
                and node.func.value.id == "Problem"
            ):
                template = node.args[2]
                assert isinstance(template, ast.Constant), f"{path.name}: not a literal"
                used.add(str(template.value))
                place = node.args[1]
                if isinstance(place, ast.Tuple) and isinstance(place.elts[0], ast.Constant):
                    used.add(str(place.elts[0].value))
    assert len(used) > 5, "too few Problem.of texts found: the scan is stale"
    swedish = _catalog("sv", "problems")
    missing = sorted(u for u in used if not swedish.get(u))
    assert not missing, f"problem texts without Swedish translation: {missing}"


def test_one_answer_for_a_text_shown_from_any_catalog() -> None:
    """Where two catalogs translate a text differently, ``errors.po`` decides.

    Errors and ``check`` findings are rendered with :func:`kooperativ.i18n.messages`,
    which looks a text up in every catalog: without a decision the answer would depend on
    the order of the files.
    """
    for lang in ("sv", "en"):
        shared = _catalog(lang, "errors")
        seen: dict[str, dict[str, str]] = {}
        for path in sorted((LOCALES / lang / "LC_MESSAGES").glob("*.po")):
            if path.stem == "errors":
                continue
            for msgid, text in _catalog(lang, path.stem).items():
                if text:
                    seen.setdefault(msgid, {})[path.stem] = text
        undecided = {
            msgid: by_domain
            for msgid, by_domain in seen.items()
            if len(set(by_domain.values())) > 1 and msgid not in shared
        }
        assert not undecided, f"{lang}: decide these in errors.po: {undecided}"
        for msgid, text in shared.items():
            if "\x04" not in msgid:
                assert kooperativ.i18n.messages(lang)(msgid) == text


def test_messages_leaves_each_domain_catalog_alone() -> None:
    from kooperativ.i18n import messages, translator

    messages("sv")("Members")
    # The errors catalog does not fall back to another domain's texts.
    assert translator("sv", "errors")("Members") == "Members"
    assert translator("sv", "cli")("Members") == "Medlemmar"


#: The argument that is a message template, by the name of the error (or phrase) called.
_TEMPLATE_ARGUMENT = {
    "KooperativError": 0,
    "RulesError": 0,
    "ConflictError": 0,
    "ConcurrencyError": 0,
    "PermissionDenied": 0,
    "StorageError": 0,
    "AuditError": 0,
    "Phrase": 0,
    "InputError": 1,
    "ConfigError": 2,
    "TableFileError": 2,
    "ValueError": 0,  # in a validator: pydantic keeps it as the reason
    "Term": 0,
}


def _error_texts() -> tuple[set[str], list[str]]:
    """Every literal template, field name and term passed to an error, a phrase or a
    validator's ValueError in the library, and every f-string passed instead (with where)."""
    texts: set[str] = set()
    formatted: list[str] = []
    for path in SRC.rglob("*.py"):
        if "migrations" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)
            index = _TEMPLATE_ARGUMENT.get(str(name))
            if index is None or len(node.args) <= index:
                continue
            places = [node.args[index]]
            if name == "InputError":
                places.append(node.args[0])  # the field
            for argument in places:
                if isinstance(argument, ast.JoinedStr):
                    formatted.append(f"{path.relative_to(SRC)}:{node.lineno}")
                elif (
                    isinstance(argument, ast.Constant)
                    and isinstance(argument.value, str)
                    and argument.value
                    and not argument.value.startswith("--")
                ):
                    texts.add(argument.value)
    return texts, formatted


def test_every_error_text_has_a_swedish_translation() -> None:
    """An error's template and field name, a phrase, a term: each is looked up in the
    catalogs when the error is shown (``messages``), so each needs a Swedish text. A
    template built with an f-string cannot be translated at all."""
    texts, formatted = _error_texts()
    assert len(texts) > 400, "too few error texts found: the scan is stale"
    assert not formatted, f"f-strings as error templates (use a template and values): {formatted}"
    swedish: dict[str, str] = {}
    for domain in DOMAINS:
        swedish.update({k: v for k, v in _catalog("sv", domain).items() if v})
    missing = sorted(text for text in texts if text not in swedish)
    assert not missing, f"error texts without a Swedish translation: {missing}"
