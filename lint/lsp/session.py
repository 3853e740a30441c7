"""The server's state and behaviour, behind the thin handlers in
:mod:`lint.lsp.server`: open documents, settings, scheduling, and the
answers to requests."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Coroutine, Sequence
from pathlib import Path
from typing import Any

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.uris import from_fs_path

from lint.alerts import Alert
from lint.lsp import actions
from lint.lsp.accept import add_accepted_word
from lint.lsp.diagnostics import problem_diagnostic
from lint.lsp.documents import document_markup, uri_to_path
from lint.lsp.hover import hover
from lint.lsp.linting import LintResult, Snapshot, lint_source, takes_vocabulary, warm_rules
from lint.lsp.scheduler import LintScheduler
from lint.lsp.settings import DEFAULT_DEBOUNCE_MS, ClientSettings, Problem, SettingsProvider

log = logging.getLogger(__name__)

SECTION = "copydesk"
CONFIGURATION_TIMEOUT = 5.0  # seconds to wait for the editor's settings
# Copy that makes the rules load what they load lazily (the spelling
# dictionary, the gazetteer) before the first keystroke needs it.
WARM_UP = "# Warm up\n\nOfficials in Begorod said teh talks would resume on March 07, 2026.\n"
WATCHED_GLOBS = (
    "**/copydesk.toml",
    "**/.copydesk.toml",
    "**/pyproject.toml",
    "**/{.vale.ini,_vale.ini,vale.ini}",
    "**/.copydesk/**",
    "**/*.{yml,yaml}",
    "**/{accept,reject}*.txt",
)


class Session:
    def __init__(self, server: LanguageServer) -> None:
        self.server = server
        self.settings = SettingsProvider()
        self.scheduler = LintScheduler(self.settings, self.snapshot, lambda: server.workspace.position_codec)
        self.markups: dict[str, str] = {}
        self.pull = False
        self.markdown_hover = True
        self.versioned_edits = False
        self.refresh_support = False
        self.configuration_support = False
        self.watch_registration = False
        self.debounce = DEFAULT_DEBOUNCE_MS / 1000
        self.folders: list[Path] = []
        self._problem_files: set[str] = set()
        self._shown: frozenset[Problem] = frozenset()
        self._warm: asyncio.Future[Any] | None = None
        self._initial = ClientSettings()
        self._background: set[asyncio.Future[None]] = set()
        self._problems: dict[str, tuple[Problem, ...]] = {}

    # -- lifecycle -----------------------------------------------------------
    def initialize(self, params: types.InitializeParams) -> None:
        caps = params.capabilities
        text = caps.text_document
        self.pull = text is not None and text.diagnostic is not None
        if text is not None and text.hover is not None and text.hover.content_format:
            self.markdown_hover = types.MarkupKind.Markdown in text.hover.content_format
        workspace = caps.workspace
        if workspace is not None:
            edit = workspace.workspace_edit
            self.versioned_edits = bool(edit and edit.document_changes)
            self.refresh_support = bool(workspace.diagnostics and workspace.diagnostics.refresh_support)
            self.configuration_support = bool(workspace.configuration)
            watch = workspace.did_change_watched_files
            self.watch_registration = bool(watch and watch.dynamic_registration)
        uris = [f.uri for f in params.workspace_folders or []] or ([params.root_uri] if params.root_uri else [])
        self.folders = [p for p in (uri_to_path(u) for u in uris) if p is not None]
        if not self.folders and params.root_path:
            self.folders = [Path(params.root_path)]
        self.settings.set_folders(self.folders)
        # No worker runs yet: the settings can be set in place.
        self._initial = self._parse_client_settings(params.initialization_options, ClientSettings())
        self._set_client_settings([(self._initial, None)])()

    async def initialized(self) -> None:
        try:
            if self.configuration_support:
                await self.pull_configuration()
        finally:
            self.scheduler.release()
        self._warm = asyncio.ensure_future(self.scheduler.run(self._warm_up))
        if self.watch_registration:
            watchers = [types.FileSystemWatcher(glob_pattern=g) for g in WATCHED_GLOBS]
            registration = types.Registration(
                id="copydesk-watched-files",
                method=types.WORKSPACE_DID_CHANGE_WATCHED_FILES,
                register_options=types.DidChangeWatchedFilesRegistrationOptions(watchers=watchers),
            )
            try:
                await self.server.client_register_capability_async(types.RegistrationParams(registrations=[registration]))
            except Exception as exc:  # noqa: BLE001 - the client may refuse
                self.log(f"could not watch settings files: {exc}", types.MessageType.Warning)

    def _warm_up(self) -> None:
        """Load the engine and the default rules before the first document,
        and what the rules build on first use (Harper's linter)."""
        try:
            settings = self.settings.for_document(self.folders[0] / "x.md" if self.folders else None)
            lint_source(WARM_UP, "markdown", settings)
            warm_rules(settings)
        except Exception:  # noqa: BLE001 - only a head start
            log.exception("warming up failed")

    def shutdown(self) -> None:
        self.scheduler.shutdown()

    # -- settings --------------------------------------------------------------
    # Settings change off the event loop: a worker thread may hold them for a
    # while as it loads rules, and the loop must keep answering meanwhile.

    def _spawn(self, coroutine: Coroutine[Any, Any, None]) -> None:
        task = asyncio.ensure_future(coroutine)
        self._background.add(task)
        task.add_done_callback(self._background.discard)

    async def _update_settings(self, change: Callable[[], object]) -> None:
        """Apply ``change`` to the settings, then lint the open documents
        again if it changed anything."""
        before = self.settings.generation
        self.scheduler.hold()
        try:
            await self.scheduler.run(change)
        finally:
            self.scheduler.release()
        if self.settings.generation != before:
            self.relint_all()

    def _parse_client_settings(self, value: object, base: ClientSettings) -> ClientSettings:
        settings, warnings = ClientSettings.parse(value, base)
        for warning in warnings:
            self.log(f"settings: {warning}", types.MessageType.Warning)
        return settings

    def _set_client_settings(self, settings: Sequence[tuple[ClientSettings, Path | None]]) -> Callable[[], None]:
        for value, folder in settings:
            if folder is None:
                self.debounce = value.debounce_ms / 1000

        def change() -> None:
            for value, folder in settings:
                self.settings.set_client_settings(value, folder)

        return change

    async def pull_configuration(self) -> None:
        items = [types.ConfigurationItem(section=SECTION)]
        items += [types.ConfigurationItem(scope_uri=from_fs_path(str(f)), section=SECTION) for f in self.folders]
        try:
            values = await asyncio.wait_for(
                self.server.workspace_configuration_async(types.ConfigurationParams(items=items)), CONFIGURATION_TIMEOUT
            )
        except Exception as exc:  # noqa: BLE001 - keep the settings we have
            self.log(f"could not read the editor's settings: {exc}", types.MessageType.Warning)
            return
        if not values:
            return
        # The editor's settings are laid over the initialization options,
        # and a folder's over the global ones.
        general = self._parse_client_settings(values[0], self._initial)
        settings: list[tuple[ClientSettings, Path | None]] = [(general, None)]
        for folder, value in zip(self.folders, values[1:]):
            settings.append((self._parse_client_settings(value, general), folder))
        await self._update_settings(self._set_client_settings(settings))

    def configuration_changed(self, value: object) -> None:
        if self.configuration_support:
            self._spawn(self.pull_configuration())
            return
        general = self._parse_client_settings(value, self._initial)
        self._spawn(self._update_settings(self._set_client_settings([(general, None)])))

    def folders_changed(self, event: types.WorkspaceFoldersChangeEvent) -> None:
        removed = {uri_to_path(f.uri) for f in event.removed}
        added = [p for p in (uri_to_path(f.uri) for f in event.added) if p is not None]
        self.folders = [f for f in self.folders if f not in removed] + added
        folders = list(self.folders)

        async def update() -> None:
            await self._update_settings(lambda: self.settings.set_folders(folders))
            if self.configuration_support:
                await self.pull_configuration()

        self._spawn(update())

    def files_changed(self, changes: Sequence[types.FileEvent]) -> None:
        """A settings, rule or vocabulary file changed on disk: reload and relint."""
        if changes:
            self._spawn(self._update_settings(self.settings.invalidate))

    def check_settings_files(self) -> None:
        """For clients that do not report file changes: reload when a file the
        settings were read from changed (cheap, done on open and save)."""
        self._spawn(self._update_settings(self.settings.refresh))

    def relint_all(self) -> None:
        for uri in list(self.markups):
            self.scheduler.schedule(uri, 0, self.publish)
        if self.pull and self.refresh_support:
            self._spawn(self._refresh())

    async def _refresh(self) -> None:
        try:
            await self.server.workspace_diagnostic_refresh_async(None)
        except Exception as exc:  # noqa: BLE001
            log.warning("diagnostic refresh failed: %s", exc)

    # -- documents -------------------------------------------------------------
    def snapshot(self, uri: str) -> Snapshot | None:
        markup = self.markups.get(uri)
        if markup is None:
            return None
        document = self.server.workspace.get_text_document(uri)
        return Snapshot(uri, document.version, document.source, markup, uri_to_path(uri))

    def opened(self, document: types.TextDocumentItem) -> None:
        markup = document_markup(document.uri, document.language_id)
        if markup is None:
            return
        self.markups[document.uri] = markup
        self.check_settings_files()
        self.scheduler.schedule(document.uri, 0, self.publish)

    def changed(self, uri: str) -> None:
        if uri in self.markups:
            self.scheduler.schedule(uri, self.debounce, self.publish)

    def saved(self, uri: str) -> None:
        if uri in self.markups:
            self.check_settings_files()
            self.scheduler.schedule(uri, 0, self.publish)

    def closed(self, uri: str) -> None:
        if self.markups.pop(uri, None) is None:
            return
        self.scheduler.forget(uri)
        self._spawn(self._forget_settings(uri))
        self.server.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=uri, diagnostics=[]))
        if self._problems.pop(uri, None):
            self.report_problems()

    async def _forget_settings(self, uri: str) -> None:
        """Drop the closed document's settings (off the event loop: a worker
        may hold them while it loads rules), unless it was opened again."""
        path = uri_to_path(uri)

        def forget() -> None:
            if uri not in self.markups:
                self.settings.forget(path)

        try:
            await self.scheduler.run(forget)
        except RuntimeError:  # shutting down: nothing is kept for long
            pass

    def publish(self, result: LintResult) -> None:
        self.note_problems(result.snapshot.uri, result.settings.problems)
        if self.pull:
            return
        self.server.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(
                uri=result.snapshot.uri, diagnostics=list(result.diagnostics), version=result.snapshot.version
            )
        )

    def note_problems(self, uri: str, problems: Sequence[Problem]) -> None:
        """Record the settings problems behind one document's findings."""
        if tuple(problems) != self._problems.get(uri, ()):
            self._problems[uri] = tuple(problems)
            self.report_problems()

    def report_problems(self) -> None:
        """Show settings files that could not be used, as diagnostics on those
        files and once as a message; clear them once they load again."""
        current = frozenset(p for problems in self._problems.values() for p in problems)
        if current == self._shown:
            return
        new = current - self._shown
        self._shown = current
        by_file: dict[str, list[types.Diagnostic]] = {}
        for problem in sorted(current, key=lambda p: (p.path, p.line or 0, p.message)):
            uri = from_fs_path(problem.path) or problem.path
            by_file.setdefault(uri, []).append(problem_diagnostic(problem.line, problem.message))
        for uri in self._problem_files - set(by_file):
            self.server.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=uri, diagnostics=[]))
        for uri, diagnostics in by_file.items():
            self.server.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=uri, diagnostics=diagnostics))
        self._problem_files = set(by_file)
        for problem in sorted(new, key=lambda p: (p.path, p.line or 0, p.message)):
            self.show(f"copydesk: {problem} (the settings that loaded last stay in use)", types.MessageType.Error)

    # -- requests --------------------------------------------------------------
    async def current(self, uri: str) -> LintResult | None:
        """The findings for the document's current version (None: not ours)."""
        for _ in range(5):
            snapshot = self.snapshot(uri)
            if snapshot is None:
                return None
            result = await self.scheduler.result(snapshot)
            latest = self.snapshot(uri)
            if latest is None or latest.version == snapshot.version:
                return result
        return result

    async def pull_diagnostics(self, params: types.DocumentDiagnosticParams) -> types.DocumentDiagnosticReport:
        result = await self.current(params.text_document.uri)
        if result is None:
            return types.RelatedFullDocumentDiagnosticReport(items=[])
        self.note_problems(params.text_document.uri, result.settings.problems)
        if params.previous_result_id == result.result_id:
            return types.RelatedUnchangedDocumentDiagnosticReport(result_id=result.result_id)
        return types.RelatedFullDocumentDiagnosticReport(items=list(result.diagnostics), result_id=result.result_id)

    async def hover(self, params: types.HoverParams) -> types.Hover | None:
        result = await self.current(params.text_document.uri)
        if result is None:
            return None
        offset = result.positions.offset(params.position)
        found = [a for a in result.alerts if a.offset <= offset <= a.end_offset]
        if not found:
            return None
        start = min(a.offset for a in found)
        end = max(a.end_offset for a in found)
        findings = [(a, result.settings.rule(a.rule)) for a in found]
        return hover(findings, self.markdown_hover, result.positions.range(start, end))

    async def code_actions(self, params: types.CodeActionParams) -> list[types.CodeAction] | None:
        uri = params.text_document.uri
        result = await self.current(uri)
        if result is None:
            return None
        only = params.context.only
        snapshot = result.snapshot
        positions = result.positions
        target = actions.DocumentTarget(uri, snapshot.version, self.versioned_edits)
        start = positions.offset(params.range.start)
        end = positions.offset(params.range.end)
        out: list[types.CodeAction] = []
        if actions.wanted(types.CodeActionKind.QuickFix, only):
            found = actions.diagnostics_in_range(result.alerts, result.diagnostics, start, end)
            if found:
                # Off the event loop: the Markdown structure is parsed again.
                out.extend(await self.scheduler.run(self._quick_fixes, result, found, target))
        if actions.wanted(types.CodeActionKind.SourceFixAll, only) and _has_safe_fix(result):
            fixed = await self._fix_all(result)
            action = actions.fix_all(snapshot.source, fixed, positions, target)
            if action is not None:
                out.append(action)
        return out

    def _quick_fixes(
        self, result: LintResult, found: Sequence[tuple[Alert, types.Diagnostic]], target: actions.DocumentTarget
    ) -> list[types.CodeAction]:
        snapshot = result.snapshot
        positions = result.positions
        markup = result.settings.markup or snapshot.markup
        out: list[types.CodeAction] = []
        document = None
        for alert, diagnostic in found:
            fix = actions.quick_fix(alert, diagnostic, positions, target)
            if fix is not None:
                out.append(fix)
            if takes_vocabulary(result.settings, alert.rule) and alert.match.strip():
                out.append(actions.add_to_vocabulary(alert, diagnostic, snapshot.uri))
            continues = False
            container = None
            if markup == "markdown":
                if document is None:
                    from lint.markup import parse

                    document = parse(snapshot.source, "markdown")
                continues = actions.continues_paragraph(document, alert.offset, positions.line_start(alert.line - 1))
                container = actions.markdown_container(document, alert.offset)
            out.append(actions.disable_for_line(alert, diagnostic, positions, markup, target, continues, container))
        return out

    async def _fix_all(self, result: LintResult) -> str:
        from lint.fixes import apply_fixes_until_stable

        snapshot = result.snapshot
        settings = result.settings

        def lint(text: str) -> Sequence[Any]:
            if text == snapshot.source:
                return result.alerts
            return lint_source(text, snapshot.markup, settings)

        outcome = await self.scheduler.run(apply_fixes_until_stable, snapshot.source, lint)
        text: str = outcome.text
        return text

    async def add_to_vocabulary(self, uri: str, word: str) -> bool:
        """Write ``word`` into the accept list of ``uri``'s project."""
        settings = await self.scheduler.run(self.settings.for_document, uri_to_path(uri))
        target = settings.accept_path
        if target is None:
            self.show(
                "copydesk: this document is not in a project folder, so there is no vocabulary to add to",
                types.MessageType.Warning,
            )
            return False
        added = await self.scheduler.run(add_accepted_word, target, word)
        await self._update_settings(self.settings.invalidate)
        return added

    # -- messages --------------------------------------------------------------
    def log(self, message: str, kind: types.MessageType = types.MessageType.Info) -> None:
        self.server.window_log_message(types.LogMessageParams(type=kind, message=message))

    def show(self, message: str, kind: types.MessageType) -> None:
        self.server.window_show_message(types.ShowMessageParams(type=kind, message=message))


def _has_safe_fix(result: LintResult) -> bool:
    from lint.fixes import allowed

    return any(a.fix is not None and allowed(a.fix, unsafe=False) for a in result.alerts)
