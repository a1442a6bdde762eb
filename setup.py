"""Only what pyproject.toml cannot say: templates/ and translations/ stay at the top of the
repository (the agreed layout), and the wheel carries them inside the package as
portal/templates and portal/translations, where portal.paths finds them once installed."""

from setuptools import find_namespace_packages, setup

DATA_FOLDERS = {"portal.templates": "templates", "portal.translations": "translations"}

setup(
    # Namespace packages too: portal/static and portal/migrations have no __init__.py.
    packages=find_namespace_packages(
        include=["portal*", "search_index*"], exclude=["*.__pycache__"]
    )
    + list(DATA_FOLDERS),
    package_dir=DATA_FOLDERS,
    package_data={
        "": ["*.json", "*.ini", "*.mako", "*.css", "*.js", "*.svg", "*.csv", "*.toml"],
        "portal.templates": ["**/*.html"],
        # Catalogs only: `portal translations compile` writes the .mo files after install.
        "portal.translations": ["messages.pot", "*/LC_MESSAGES/messages.po"],
    },
)
