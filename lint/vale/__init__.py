"""Vale compatibility: ``.vale.ini`` projects, Vale styles and built-ins.

* :mod:`lint.vale.ini` reads ``.vale.ini``/``_vale.ini``/``vale.ini``;
* :mod:`lint.vale.regex_translate` turns RE2 patterns into ``regex`` ones;
* :mod:`lint.vale.styles` loads ``StylesPath`` styles as copydesk rules;
* ``builtin/Vale/`` holds the built-in style: ``Vale.Spelling``,
  ``Vale.Repetition``, ``Vale.Terms`` and ``Vale.Avoid``;
* :mod:`lint.vale.unsupported` stands in for ``sequence`` and ``script`` rules;
* :mod:`lint.vale.project` turns a Vale project into per-file settings.

Nothing here is imported by copydesk's own start-up path.
"""
