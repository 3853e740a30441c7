"""Code actions: the rule's fix, disabling a rule for a line, adding a word
to the vocabulary and fixing everything safe; each edit is applied and the
document linted again."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import pytest_lsp
import pyromark
from lsprotocol import types

from tests.lsp.conftest import (
    RecordingClient,
    apply_edits,
    by_code,
    capabilities,
    codes,
    doc_uri,
    edits_of,
    initialize,
    open_document,
    published,
    replace_all,
    rng,
    server_config,
)

pytestmark = pytest.mark.asyncio(loop_scope="module")


@pytest_lsp.fixture(config=server_config(), scope="module")
async def client(lsp_client: RecordingClient, project: Path):  # type: ignore[no-untyped-def]
    await initialize(lsp_client, project, caps=capabilities(versioned=True))
    yield
    await lsp_client.shutdown_session()


async def actions_at(
    client: RecordingClient,
    uri: str,
    where: types.Range,
    diagnostics: list[types.Diagnostic] | None = None,
    only: list[str] | None = None,
) -> list[types.CodeAction]:
    result = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            range=where,
            context=types.CodeActionContext(diagnostics=diagnostics or [], only=only),
        )
    )
    assert result is not None
    return [a for a in result if isinstance(a, types.CodeAction)]


def titled(actions: list[types.CodeAction], title: str) -> types.CodeAction:
    found = [a for a in actions if a.title == title]
    assert found, f"no action {title!r} in {[a.title for a in actions]}"
    return found[0]


async def apply_and_relint(
    client: RecordingClient, uri: str, text: str, action: types.CodeAction, version: int
) -> tuple[str, list[types.Diagnostic]]:
    """Apply the action's edit the way an editor does, send the new text and
    return it with its diagnostics."""
    assert action.edit is not None and action.edit.document_changes
    change = action.edit.document_changes[0]
    assert isinstance(change, types.TextDocumentEdit)
    assert change.text_document.version == version - 1  # versioned against the text it was made for
    new_text = apply_edits(text, edits_of(action.edit, uri))
    replace_all(client, uri, version, new_text)
    return new_text, await published(client, uri, version)


async def test_quick_fix_applies_the_rules_fix(client: RecordingClient, project: Path) -> None:
    uri = doc_uri(project, "fix.md")
    text = "😀 It was the the end.\n"
    open_document(client, uri, text)
    doubled = by_code(await published(client, uri, 1), "News.DoubledWord")
    actions = await actions_at(client, uri, doubled.range, [doubled])
    fix = titled(actions, "Remove the repeated 'the' (News.DoubledWord)")
    assert fix.kind == types.CodeActionKind.QuickFix
    assert fix.is_preferred
    assert fix.diagnostics and fix.diagnostics[0].code == "News.DoubledWord"
    new_text, after = await apply_and_relint(client, uri, text, fix, 2)
    assert new_text == "😀 It was the end.\n"
    assert "News.DoubledWord" not in codes(after)


async def test_disable_for_a_line_in_a_wrapped_paragraph(client: RecordingClient, project: Path) -> None:
    # A comment on a line of its own would split the paragraph when
    # published; the directive goes at the end of the line above instead.
    uri = doc_uri(project, "wrapped.md")
    text = "Councillors said on Tuesday that\nthe the wall would be rebuilt.\n"
    open_document(client, uri, text)
    doubled = by_code(await published(client, uri, 1), "News.DoubledWord")
    action = titled(await actions_at(client, uri, doubled.range), "Disable News.DoubledWord for this line")
    new_text, after = await apply_and_relint(client, uri, text, action, 2)
    assert new_text == (
        "Councillors said on Tuesday that <!-- copydesk-disable-next-line News.DoubledWord -->\n"
        "the the wall would be rebuilt.\n"
    )
    assert "News.DoubledWord" not in codes(after)


@pytest.mark.parametrize(
    ("name", "language", "text", "expected"),
    [
        (
            "own-line.md",
            "markdown",
            "Intro.\n\nThe the wall.\n",
            "Intro.\n\n<!-- copydesk-disable-next-line News.DoubledWord -->\nThe the wall.\n",
        ),
        (
            "quoted.md",
            "markdown",
            "> The the wall.\r\n",
            "> <!-- copydesk-disable-next-line News.DoubledWord -->\r\n> The the wall.\r\n",
        ),
        (
            "plain.txt",
            "plaintext",
            "Intro.\n  The the wall.\n",
            "Intro.\n  <!-- copydesk-disable-next-line News.DoubledWord -->\n  The the wall.\n",
        ),
        (
            "page.html",
            "html",
            "<p>The the wall.</p>\n",
            "<!-- copydesk-disable-next-line News.DoubledWord -->\n<p>The the wall.</p>\n",
        ),
        (
            "extend.md",
            "markdown",
            "<!-- copydesk-disable-next-line Demo.Hedge -->\nThe the wall was very old.\n",
            "<!-- copydesk-disable-next-line Demo.Hedge, News.DoubledWord -->\nThe the wall was very old.\n",
        ),
    ],
)
async def test_disable_for_a_line(
    client: RecordingClient, project: Path, name: str, language: str, text: str, expected: str
) -> None:
    uri = doc_uri(project, name)
    open_document(client, uri, text, language=language)
    doubled = by_code(await published(client, uri, 1), "News.DoubledWord")
    action = titled(await actions_at(client, uri, doubled.range), "Disable News.DoubledWord for this line")
    new_text, after = await apply_and_relint(client, uri, text, action, 2)
    assert new_text == expected
    assert "News.DoubledWord" not in codes(after)


@pytest.mark.parametrize(
    ("name", "text", "expected"),
    [
        (
            "list.md",
            "- One.\n- The past history.\n- Three.\n",
            "- One.\n- The past history. <!-- copydesk-disable-line Redundancy.Pleonasm -->\n- Three.\n",
        ),
        (
            "ordered.md",
            "1. One.\n2. The past history.  \n   More.\n",
            "1. One.\n2. The past history. <!-- copydesk-disable-line Redundancy.Pleonasm -->  \n   More.\n",
        ),
        (
            "break.md",
            "- The past history.\\\n  More.\n",
            "- The past history. <!-- copydesk-disable-line Redundancy.Pleonasm -->\\\n  More.\n",
        ),
        (
            "table.md",
            "| Year | Note |\n| --- | --- |\n| 1990 | The past history |\n| 1991 | Calm |\n",
            "| Year | Note |\n| --- | --- |\n"
            "| 1990 | The past history <!-- copydesk-disable-line Redundancy.Pleonasm --> |\n| 1991 | Calm |\n",
        ),
        (
            "open-table.md",
            "Year | Note\n--- | ---\n1990 | The past history\n",
            "Year | Note\n--- | ---\n1990 | The past history <!-- copydesk-disable-line Redundancy.Pleonasm -->\n",
        ),
        (
            "merged.md",
            "- The past history. <!-- copydesk-disable-line Demo.Hedge -->\n",
            "- The past history. <!-- copydesk-disable-line Demo.Hedge, Redundancy.Pleonasm -->\n",
        ),
    ],
)
async def test_disable_for_a_line_keeps_lists_and_tables_whole(
    client: RecordingClient, project: Path, name: str, text: str, expected: str
) -> None:
    """A directive on a line of its own would end the list or the table; on
    the finding's own line it leaves both as they were."""
    uri = doc_uri(project, name)
    open_document(client, uri, text)
    found = by_code(await published(client, uri, 1), "Redundancy.Pleonasm")
    action = titled(await actions_at(client, uri, found.range), "Disable Redundancy.Pleonasm for this line")
    new_text, after = await apply_and_relint(client, uri, text, action, 2)
    assert new_text == expected
    assert "Redundancy.Pleonasm" not in codes(after)
    assert rendered(new_text) == rendered(text)  # the same lists, items, rows and cells


def rendered(markdown: str) -> str:
    """The HTML a Markdown renderer makes of ``markdown``, comments and the
    spaces around them left out."""
    html = pyromark.html(markdown, options=pyromark.Options.ENABLE_TABLES | pyromark.Options.ENABLE_STRIKETHROUGH)
    return re.sub(r"\s*<!--.*?-->\s*", "", html)


async def test_fix_all_applies_every_safe_fix(client: RecordingClient, project: Path) -> None:
    uri = doc_uri(project, "fix-all.md")
    text = "# Report\n\nIt was the the end result.\n\nUnchanged line.\n\nThe past history of in in the town.\n"
    open_document(client, uri, text)
    await published(client, uri, 1)
    quick_only = await actions_at(client, uri, rng(0, 0), only=[types.CodeActionKind.QuickFix])
    assert all(a.kind == types.CodeActionKind.QuickFix for a in quick_only)
    actions = await actions_at(client, uri, rng(0, 0), only=[types.CodeActionKind.SourceFixAll])
    assert [a.title for a in actions] == ["Fix all safe problems in this file"]
    assert actions[0].kind == types.CodeActionKind.SourceFixAll
    edits = edits_of(actions[0].edit, uri)
    assert all(e.range.start.line != 4 for e in edits)  # unchanged lines are not rewritten
    new_text, after = await apply_and_relint(client, uri, text, actions[0], 2)
    assert new_text == "# Report\n\nIt was the result.\n\nUnchanged line.\n\nThe history of in the town.\n"
    assert not [d for d in after if d.data and d.data.get("fix", {}).get("applicability") == "safe"]


async def test_no_actions_away_from_findings(client: RecordingClient, project: Path) -> None:
    uri = doc_uri(project, "clean-line.md")
    open_document(client, uri, "A quiet day.\n\nIt was the the end.\n")
    await published(client, uri, 1)
    actions = await actions_at(client, uri, rng(0, 2), only=[types.CodeActionKind.QuickFix])
    assert actions == []


def _names_rules_available() -> bool:
    from lint.rule_loading import builtin_rules_dir, load_rules

    return any(r.spec.extends == "names" for r in load_rules([builtin_rules_dir()]).rules)


@pytest.mark.skipif(not _names_rules_available(), reason="no shipped names rule")
async def test_add_to_vocabulary_writes_the_accept_list(client: RecordingClient, project: Path) -> None:
    uri = doc_uri(project, "begorod.md")
    open_document(client, uri, "Thousands of people in Russia's Begorod region were without power.\n")
    place = by_code(await published(client, uri, 1), "News.PlaceName")
    actions = await actions_at(client, uri, place.range, [place])
    add = titled(actions, "Add 'Begorod' to the vocabulary")
    assert add.command is not None and add.edit is None
    await client.workspace_execute_command_async(
        types.ExecuteCommandParams(command=add.command.command, arguments=add.command.arguments)
    )
    accept = project / ".copydesk" / "vocabulary" / "accept.txt"
    assert accept.read_text(encoding="utf-8").splitlines() == ["Begorod"]
    await published(client, uri, 1, where=lambda d: "News.PlaceName" not in codes(d))
