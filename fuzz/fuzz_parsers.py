"""atheris fuzz target: raw bytes through decoding, the three markup
parsers, the engine with every shipped pack but the grammar engine, and
the fixer.

The first byte picks the markup; the rest is a file's content. For every
input: decoding fails with one line naming the file, or the text parses
into blocks whose offset maps stay inside the source (a verbatim segment is
a copy of its source), and every alert's span lies within the source and
slices out its match, with no rule failing; fixing settles.

    python3 -m pip install atheris
    corpus=$(mktemp -d)
    python3 fuzz/fuzz_parsers.py -max_total_time=3600 -max_len=4096 \
        -artifact_prefix="$corpus/" "$corpus" fuzz/seeds

New inputs are kept in the corpus folder (the first one named; keep it
outside the checkout); a crash or hang is written to ``crash-*`` or
``timeout-*`` under ``-artifact_prefix`` (by default the current folder).
``-max_len=65536 -len_control=0 -timeout=10`` tries large inputs from the
start instead of growing them slowly. The ``lint`` package is imported
from the checkout this file is in.
"""

from __future__ import annotations

import functools
import sys
from pathlib import Path
from typing import Any

MARKUPS = ("markdown", "html", "text")
CHECKED_FIXES_BELOW = 2_000  # characters; fixing re-lints, so keep it to small inputs


@functools.cache
def _rules() -> tuple[Any, ...]:
    from lint.rule_loading import builtin_rules_dir, discover_rule_files, load_rules

    root = builtin_rules_dir()
    packs = sorted({pack for pack, _ in discover_rule_files(root)} - {"Grammar"})
    return load_rules([root], packs=packs).rules


def TestOneInput(data: bytes) -> None:  # noqa: N802 - the name atheris calls
    from lint.engine import lint_text
    from lint.files import SourceError, decode
    from lint.fixes import apply_fixes_until_stable
    from lint.markup import parse
    from tests.helpers import check_alerts, check_document

    if not data:
        return
    markup = MARKUPS[data[0] % len(MARKUPS)]
    try:
        source = decode(data[1:], "story").text
    except SourceError as exc:
        assert str(exc).startswith("story") and "\n" not in str(exc), exc
        return
    doc = parse(source, markup)
    check_document(doc, source)
    rules = _rules()
    alerts = lint_text(source, markup, rules)
    check_alerts(source, alerts)
    if len(source) < CHECKED_FIXES_BELOW:

        def lint(text: str) -> list[Any]:
            return lint_text(text, markup, rules)

        outcome = apply_fixes_until_stable(source, lint, unsafe=True)
        check_alerts(outcome.text, lint(outcome.text))


def main() -> None:
    import atheris

    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # this checkout's lint, not an installed one

    with atheris.instrument_imports(include=["lint"]):
        import lint.engine  # noqa: F401
        import lint.files  # noqa: F401
        import lint.fixes  # noqa: F401
        import lint.markup.html  # noqa: F401
        import lint.markup.markdown  # noqa: F401
        import lint.markup.text  # noqa: F401
        import lint.sentences  # noqa: F401
        import lint.suppression  # noqa: F401
    _rules()
    atheris.Setup(sys.argv, TestOneInput)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
