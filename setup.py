"""The package list and the one folder mapping that pyproject.toml cannot say alone.

Everything else (metadata, dependencies, entry points) is in pyproject.toml. The project's data
files live in the top-level ``resources/`` folder and are shipped as the package
``verging_desktop.resources`` (``package_dir`` maps it), so ``importlib.resources`` and
``verging_desktop.core.resources.resource_path`` find them in a wheel, an editable install and a
source checkout alike. ``[tool.setuptools.packages.find]`` cannot add a package that is not under
``verging_desktop/``, hence this file.
"""

from setuptools import find_namespace_packages, setup

packages = find_namespace_packages(include=["verging_desktop", "verging_desktop.*"], exclude=["*.__pycache__"])
# resources/ and its data folders (icons/app, linux, translations, ...) as packages, so every file is
# shipped as package data (a data folder that is no package is "ignored" by newer setuptools)
resource_packages = ["verging_desktop.resources"] + [
    f"verging_desktop.resources.{name}"
    for name in find_namespace_packages(where="resources", exclude=["__pycache__", "*.__pycache__"])
]

setup(
    packages=[*packages, *resource_packages],
    package_dir={"verging_desktop.resources": "resources"},
    # every file in each of those folders: pricing tables, icons, translations, the desktop entry
    package_data={name: ["*"] for name in resource_packages},
    exclude_package_data={name: ["*.pyc"] for name in resource_packages},
)
