"""Only what pyproject.toml cannot say: templates/ and translations/ stay at the top of the
repository (the agreed layout), and the wheel carries them inside the package as
portal/templates and portal/translations, where portal.paths finds them once installed."""

from setuptools import find_namespace_packages, setup

DATA_FOLDERS = {"portal.templates": "templates", "portal.translations": "translations"}
# Each folder under a data folder is a package too: setuptools warns that it will stop
# carrying the files of a folder that is not listed as one.
TEMPLATES, TRANSLATIONS = (
    [package] + [f"{package}.{sub}" for sub in find_namespace_packages(where=folder)]
    for package, folder in DATA_FOLDERS.items()
)

setup(
    # Namespace packages too: portal/static and portal/migrations have no __init__.py.
    packages=find_namespace_packages(
        include=["portal*", "search_index*"], exclude=["*.__pycache__"]
    )
    + TEMPLATES
    + TRANSLATIONS,
    package_dir=DATA_FOLDERS,
    package_data={
        "": ["*.json", "*.ini", "*.mako", "*.css", "*.js", "*.svg", "*.csv", "*.toml"],
        **{package: ["*.html"] for package in TEMPLATES},
        # Catalogs only: `portal translations compile` writes the .mo files after install.
        **{package: ["messages.pot", "messages.po"] for package in TRANSLATIONS},
    },
)
