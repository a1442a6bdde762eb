"""Demo data is never part of the web process: the app and every service load without
`portal.demo` (only the `demo` and `start` commands and the tests import it)."""

import subprocess
import sys

PROBE = """
import pkgutil, sys
import portal.services
from portal import create_app
create_app()
for module in pkgutil.walk_packages(portal.services.__path__, "portal.services."):
    __import__(module.name)
print("portal.demo" in sys.modules)
"""


def test_the_app_and_all_services_load_without_the_demo(tmp_path):
    result = subprocess.run(
        [sys.executable, "-c", PROBE],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={"DATABASE_URL": f"sqlite:///{tmp_path / 'probe.sqlite3'}", "PATH": ""},
        check=True,
    )
    assert result.stdout.strip() == "False"
