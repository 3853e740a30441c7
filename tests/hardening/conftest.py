from __future__ import annotations

import os

import pytest

from lint.rule_loading import Rule, builtin_rules_dir, load_rules

SLOW_ENV = "COPYDESK_SLOW_TESTS"


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", f"slow: takes minutes; runs only when {SLOW_ENV}=1")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if os.environ.get(SLOW_ENV) == "1":
        return
    skip = pytest.mark.skip(reason=f"slow; set {SLOW_ENV}=1 to run it")
    for item in items:
        if item.get_closest_marker("slow") is not None:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def default_rules() -> tuple[Rule, ...]:
    """The rules ``copydesk check`` runs when nothing is configured."""
    return load_rules([builtin_rules_dir()]).rules
