"""Command line: parses arguments and calls plain functions.

Exit codes: 0 no alert at or above ``--fail-level``; 1 there are (or a file
could not be linted); 2 usage error, missing path, unreadable rule file.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, NoReturn

from lint import __version__
from lint.alerts import LEVEL_NAMES, Level
from lint.formatters import FORMATS

if TYPE_CHECKING:
    from lint.config import SettingsResolver
    from lint.engine import LintOptions
    from lint.report import Report
    from lint.rule_loading import Rule, RuleSet

EXIT_OK = 0
EXIT_ALERTS = 1
EXIT_USAGE = 2


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="copydesk",
        description="An editorial linter for news copy in Markdown, HTML and plain text.",
    )
    parser.add_argument("--version", action="version", version=f"copydesk {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    check = commands.add_parser("check", help="lint files and report problems")
    check.add_argument("paths", nargs="*", default=["."], metavar="PATH", help="files or folders (default: .)")
    check.add_argument("--format", default="text", choices=list(FORMATS), help="output format")
    check.add_argument("--output", metavar="FILE", help="write the report to FILE; the terminal gets the summary")
    check.add_argument("--markup", help="force the markup: md, html or text (default: from the file extension)")
    check.add_argument(
        "--min-level", choices=LEVEL_NAMES, help="report alerts at or above (default: suggestion, or the configuration's)"
    )
    check.add_argument(
        "--fail-level", choices=LEVEL_NAMES, help="exit 1 on alerts at or above (default: error, or the configuration's)"
    )
    check.add_argument("--color", default="auto", choices=["auto", "always", "never"], help="colour in text output")
    add_rule_options(check)
    check.add_argument("--only", action="append", default=[], metavar="RULE", help="only these rules or packs")
    check.add_argument("--ignore", action="append", default=[], metavar="RULE", help="skip these rules or packs")
    add_scale_options(check)
    add_fix_options(check)
    commands.add_parser(
        "fix",
        parents=[check],
        conflict_handler="resolve",
        help="apply safe fixes (and unsafe ones with --unsafe-fixes), then report what remains",
        description="Apply fixes to the files, then report the alerts that remain. Same options as 'check'.",
    )
    init = commands.add_parser("init", help="write a commented starter copydesk.toml")
    init.add_argument("folder", nargs="?", default=".", metavar="DIR", help="where to write it (default: .)")
    init.add_argument("--force", action="store_true", help="replace an existing configuration")

    rules = commands.add_parser("rules", help="list the rules with level, type and description")
    add_rule_options(rules)

    explain = commands.add_parser("explain", help="print a rule's documentation and examples")
    explain.add_argument("rule", metavar="RULE", help="a rule id such as News.PlaceholderLink")
    add_rule_options(explain)

    test_rules = commands.add_parser("test-rules", help="run every rule's bad/good/fixed examples")
    test_rules.add_argument("folders", nargs="*", metavar="DIR", help="rule folders (default: the shipped packs)")

    lsp = commands.add_parser("lsp", help="run the language server for editors (needs the 'lsp' extra)")
    lsp.add_argument("--stdio", action="store_true", help="talk over stdin and stdout (the default)")
    lsp.add_argument("--tcp", metavar="HOST:PORT", help="listen on a TCP socket instead")
    return parser


def add_scale_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--jobs", "-j", type=int, default=0, metavar="N", help="worker processes (default: all cores)")
    parser.add_argument("--no-cache", action="store_true", help="neither read nor write the result cache")
    parser.add_argument(
        "--cache-dir", default=".copydesk_cache", metavar="DIR", help="result cache folder (default: .copydesk_cache)"
    )
    parser.add_argument("--diff-base", metavar="REV", help="report only alerts on lines changed since git REV")
    parser.add_argument("--no-progress", action="store_true", help="never show a progress bar")


def add_fix_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--fix", action="store_true", help="apply safe fixes, then report what remains")
    parser.add_argument("--unsafe-fixes", action="store_true", help="also apply unsafe fixes (with --fix or --diff)")
    parser.add_argument("--diff", action="store_true", help="print the fixes as a unified diff and write nothing")
    parser.add_argument("--config", metavar="FILE", help="use this configuration for every file (default: found per file)")
    parser.add_argument("--baseline", metavar="FILE", help="report only alerts not recorded in this baseline FILE")
    parser.add_argument("--update-baseline", action="store_true", help="record every current alert in the --baseline FILE")


def add_rule_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--rules", action="append", default=[], metavar="DIR", help="extra rule packs (repeatable)")


def split_names(values: Sequence[str]) -> frozenset[str]:
    return frozenset(name.strip() for value in values for name in value.split(",") if name.strip())


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return int(exc.code) if isinstance(exc.code, int) else EXIT_USAGE
    if args.command is None:
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    try:
        if args.command == "fix":
            args.fix = True
        if args.command in ("check", "fix"):
            return command_check(args)
        if args.command == "init":
            return command_init(args)
        if args.command == "rules":
            return command_rules(args)
        if args.command == "explain":
            return command_explain(args)
        if args.command == "test-rules":
            return command_test_rules(args)
        if args.command == "lsp":
            return command_lsp(args)
    except BrokenPipeError:
        return EXIT_ALERTS
    except Exception as exc:
        if not isinstance(exc, _usage_errors()):
            raise
        print(f"copydesk: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    parser.error(f"unknown command {args.command!r}")
    return EXIT_USAGE  # pragma: no cover


def run() -> NoReturn:
    """The ``copydesk`` command as a process: :func:`main` on the command
    line, then exit without tearing the interpreter down. Freeing every
    rule, pattern and word list one object at a time took longer than some
    whole runs (about 40 ms of a 5-file check); the exit handlers still
    run and the output is flushed. :func:`main` itself always returns, so
    callers in process keep their interpreter."""
    code = main()
    import threading

    if threading.active_count() > 1:  # a thread still working: exit normally
        sys.exit(code)
    try:
        atexit_handlers()
        sys.stdout.flush()
        sys.stderr.flush()
    except BrokenPipeError:
        code = code or EXIT_ALERTS
    except Exception:
        sys.exit(code)
    os._exit(code)


def atexit_handlers() -> None:
    import atexit

    atexit._run_exitfuncs()


def _usage_errors() -> tuple[type[Exception], ...]:
    """Errors reported as a usage error (exit 2). Imported only once one is
    raised: a run that goes well never imports the baseline or init code."""
    from lint.baseline import BaselineError
    from lint.commands.init import InitError
    from lint.config import ConfigError
    from lint.rule_loading import RuleFileError
    from lint.writing import WriteError

    return (RuleFileError, ConfigError, BaselineError, InitError, WriteError)


def load_every_pack(args: argparse.Namespace) -> tuple[RuleSet, frozenset[str]]:
    """Every rule of every pack, opt-in ones included, and the opt-in pack names
    (``rules`` and ``explain`` document what could be turned on too)."""
    from lint.rule_loading import default_rule_folders, discover_rule_files, load_rules, pack_enabled_by_default

    folders = default_rule_folders(args.rules)
    enabled: dict[str, bool] = {}
    for folder in folders:
        for pack, path in discover_rule_files(folder):
            if pack not in enabled:
                enabled[pack] = pack_enabled_by_default(path.parent)
    ruleset = load_rules(folders, packs=sorted(enabled))
    for warning in ruleset.warnings:
        print(f"copydesk: warning: {warning}", file=sys.stderr)
    return ruleset, frozenset(pack for pack, on in enabled.items() if not on)


def command_check(args: argparse.Namespace) -> int:
    from lint.engine import LintOptions
    from lint.formatters import render_report
    from lint.markup import normalize_markup
    from lint.run import CheckRequest, run_check

    markup = None
    if args.markup:
        try:
            markup = normalize_markup(args.markup)
        except ValueError as exc:
            print(f"copydesk: error: --markup: {exc}", file=sys.stderr)
            return EXIT_USAGE
    options = LintOptions(
        min_level=Level.parse(args.min_level or "suggestion"),
        only=split_names(args.only),
        ignore=split_names(args.ignore),
    )
    resolver = settings_resolver(args, markup)
    known = known_rule_names(resolver, args.paths)
    # A grammar backend's rule (Pack.Rule/Sub) is known when its rule is.
    for name in sorted(n for n in options.only | options.ignore if n.split("/", 1)[0] not in known):
        print(f"copydesk: warning: no rule or pack named {name!r}", file=sys.stderr)
    if args.jobs < 0:
        print("copydesk: error: --jobs: must be 0 (all cores) or more", file=sys.stderr)
        return EXIT_USAGE
    changed = None
    if args.diff_base:
        from lint.git_diff import GitDiffError, changed_lines

        try:
            changed = changed_lines(args.diff_base)
        except GitDiffError as exc:
            print(f"copydesk: error: --diff-base: {exc}", file=sys.stderr)
            return EXIT_USAGE
    request = CheckRequest(
        tuple(args.paths), (), options, markup,
        jobs=args.jobs or None,
        cache_dir=None if args.no_cache else args.cache_dir,
        progress=not args.no_progress,
        changed=changed,
        settings=resolver,
    )  # fmt: skip
    if args.diff:
        return command_diff(args, resolver)
    report = fix_report(args, resolver) if args.fix else run_check(request)
    if args.baseline or args.update_baseline:
        report = baseline_report(args, report)
    for error in report.errors:
        print(f"copydesk: error: {error}", file=sys.stderr)
    rules = described_rules(args.format, resolver, options)
    if args.output:
        if not write_report(args.output, render_report(args.format, report, rules)):
            return EXIT_USAGE
        from lint.formatters.text import summary_line

        sys.stdout.write(summary_line(report, colour=use_colour(args.color)))
        sys.stdout.write(f"Report written to {args.output}.\n")
    elif args.format == "text":
        from lint.formatters.text import render

        sys.stdout.write(render(report, colour=use_colour(args.color)))
    else:
        sys.stdout.write(render_report(args.format, report, rules))
    sys.stdout.flush()
    missing = any("no such file or directory" in e for e in report.errors)
    if missing:
        return EXIT_USAGE
    # A file without alerts cannot fail, whatever its settings.
    if any(f.alerts and resolver.settings_for(f.path).fails(f.alerts) for f in report.files):
        return EXIT_ALERTS
    return EXIT_ALERTS if report.errors else EXIT_OK


def described_rules(name: str, resolver: SettingsResolver, options: LintOptions) -> list[Rule]:
    """The rules that ran, for the formats that describe them (SARIF); the
    others never need the list."""
    import importlib

    if not getattr(importlib.import_module(FORMATS[name]), "USES_RULES", False):
        return []
    return [rule for rule in resolver.loaded_rules() if options.wants(rule)]


def settings_resolver(args: argparse.Namespace, markup: str | None) -> SettingsResolver:
    from lint.config import SettingsOverrides, SettingsResolver

    overrides = SettingsOverrides(
        config=args.config,
        rule_folders=tuple(args.rules),
        markup=markup,
        min_level=Level.parse(args.min_level) if args.min_level else None,
        fail_level=Level.parse(args.fail_level) if args.fail_level else None,
        only=split_names(args.only),
        ignore=split_names(args.ignore),
    )
    return SettingsResolver(overrides)


def known_rule_names(resolver: SettingsResolver, paths: Sequence[str]) -> frozenset[str]:
    """Rule ids and packs the configurations of ``paths`` load (this also
    reports an invalid configuration before any file is linted)."""
    for path in paths:
        resolver.settings_for(os.path.join(path, "-") if os.path.isdir(path) else path)
    for warning in resolver.warnings:
        print(f"copydesk: warning: {warning}", file=sys.stderr)
    resolver.warnings.clear()
    return resolver.known_names()


def command_diff(args: argparse.Namespace, resolver: SettingsResolver) -> int:
    from lint.commands.fix import fix_files, summary

    files, errors = resolver.select_files(args.paths)
    result = fix_files(files, resolver.settings_for, unsafe=args.unsafe_fixes, diff=True, errors=errors)
    sys.stdout.write(result.diff())
    sys.stdout.flush()
    for error in result.report.errors:
        print(f"copydesk: error: {error}", file=sys.stderr)
    print(summary(result, diff=True), file=sys.stderr)
    if any("no such file or directory" in e for e in result.report.errors):
        return EXIT_USAGE
    return EXIT_ALERTS if result.changed_files or result.report.errors else EXIT_OK


def fix_report(args: argparse.Namespace, resolver: SettingsResolver) -> Report:
    from lint.commands.fix import fix_files, summary

    files, errors = resolver.select_files(args.paths)
    result = fix_files(files, resolver.settings_for, unsafe=args.unsafe_fixes, errors=errors)
    print(summary(result, diff=False), file=sys.stderr)
    return result.report


def baseline_report(args: argparse.Namespace, report: Report) -> Report:
    from lint.baseline import BaselineError, apply_baseline

    if not args.baseline:
        raise BaselineError("--update-baseline needs --baseline FILE")
    filtered, note = apply_baseline(report, args.baseline, update=args.update_baseline)
    if note:
        print(f"copydesk: {note}", file=sys.stderr)
    return filtered


def command_init(args: argparse.Namespace) -> int:
    from lint.commands.init import write_starter
    from lint.config import SettingsResolver

    packs = SettingsResolver().available_packs()
    path = write_starter(args.folder, packs, force=args.force)
    print(f"Wrote {path}. Uncomment the settings you want; 'copydesk check' finds it from any file below.")
    return EXIT_OK


def write_report(path: str, text: str) -> bool:
    try:
        with open(path, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
    except OSError as exc:
        print(f"copydesk: error: --output: {path}: {exc.strerror or exc}", file=sys.stderr)
        return False
    return True


def use_colour(setting: str) -> bool:
    if setting == "always":
        return True
    if setting == "never" or "NO_COLOR" in os.environ:
        return False
    return sys.stdout.isatty() and os.environ.get("TERM") != "dumb"


def command_rules(args: argparse.Namespace) -> int:
    from lint.rule_docs import list_rules

    ruleset, opt_in = load_every_pack(args)
    sys.stdout.write(list_rules(ruleset.rules, opt_in))
    return EXIT_OK


def command_explain(args: argparse.Namespace) -> int:
    from lint.rule_docs import explain_rule

    ruleset, opt_in = load_every_pack(args)
    rules = ruleset.by_id()
    rule = rules.get(args.rule)
    if rule is None:
        close = [r for r in sorted(rules) if args.rule.lower() in r.lower()]
        hint = f" Did you mean: {', '.join(close[:5])}?" if close else " Run 'copydesk rules' to list them."
        print(f"copydesk: error: no rule named {args.rule!r}.{hint}", file=sys.stderr)
        return EXIT_USAGE
    sys.stdout.write(explain_rule(rule, opt_in=rule.pack in opt_in))
    return EXIT_OK


def command_test_rules(args: argparse.Namespace) -> int:
    from pathlib import Path

    from lint.rule_loading import builtin_rules_dir, discover_rule_files, load_rules
    from lint.rule_tests import check_all_examples

    folders = [Path(f) for f in args.folders] or [builtin_rules_dir()]
    # Every pack, opt-in ones too: their examples must hold as well.
    packs = sorted({pack for folder in folders if folder.is_dir() for pack, _ in discover_rule_files(folder)})
    ruleset = load_rules(folders, packs=packs)
    failures = check_all_examples(ruleset.rules)
    for failure in failures:
        print(f"FAIL {failure}")
    examples = sum(len(r.spec.examples.bad) + len(r.spec.examples.good) + len(r.spec.examples.fixed) for r in ruleset.rules)
    print(f"{len(ruleset.rules)} rules, {examples} examples, {len(failures)} failures")
    return EXIT_ALERTS if failures else EXIT_OK


def command_lsp(args: argparse.Namespace) -> int:
    from lint import lsp

    tcp = None
    if args.tcp:
        host, _, port = args.tcp.rpartition(":")
        if not host or not port.isdigit() or not 0 < int(port) < 65536:
            print("copydesk: error: --tcp: expected HOST:PORT, such as 127.0.0.1:2087", file=sys.stderr)
            return EXIT_USAGE
        tcp = (host.strip("[]"), int(port))
    if not lsp.available():
        print(f"copydesk: error: {lsp.MISSING_EXTRA}", file=sys.stderr)
        return EXIT_USAGE
    return lsp.serve(tcp)
