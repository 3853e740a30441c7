from __future__ import annotations

import pytest

from lint.rule_loading import Rule, builtin_rules_dir, load_rules


@pytest.fixture(scope="session")
def default_rules() -> tuple[Rule, ...]:
    """The rules ``copydesk check`` runs when nothing is configured."""
    return load_rules([builtin_rules_dir()]).rules
