"""Plain functions behind the commands that change files: ``fix`` and ``init``."""
