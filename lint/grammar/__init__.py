"""Grammar backends: Harper in process, LanguageTool over HTTP when configured.

The ``grammar`` rule type (:mod:`lint.checks.grammar`) hands a backend the
prose of a document, never its markup, and turns the backend's matches into
ordinary findings with the rule id ``Pack.Rule/BackendRuleId``. Nothing here
imports a backend library at import time: Harper is created lazily, once per
process, and LanguageTool is only contacted when a server is configured.
"""

from __future__ import annotations
