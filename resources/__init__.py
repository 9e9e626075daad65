"""The application's data files, shipped as the package ``verging_desktop.resources``.

This folder is the project's top-level ``resources/`` (setup.py maps it): the pricing tables, the
icons (``icons/app/``, ``icons/tools/``), the translations, and the freedesktop desktop entry and
AppStream metainfo (``linux/``). Code finds a file with
``verging_desktop.core.resources.resource_path(...)``.
"""
