"""A second process for the index tests: `python -m tests.search_index_worker MODE DB INDEX`.

write N      add N organisations, each in its own app context, so the embedded sync runs
             after each one (as after a request)
hold-write   take the writer lock, open a Whoosh writer, write a document, print "ready" and
             wait to be killed (a writer killed mid-commit)
hold-rebuild start a rebuild, print "ready" half-way and wait to be killed
follow       run `portal index sync --follow` until SIGTERM"""

import sys
import time

from portal import create_app
from portal import db as portal_db
from portal.matching.index import get_store
from search_index import rebuild

from . import search_index_kinds


def _ready_then_wait():
    print("ready", flush=True)
    time.sleep(600)


def main(mode: str, database_url: str, index_dir: str, *args: str) -> None:
    app = create_app(
        {
            "DATABASE_URL": database_url,
            "INDEX_DIR": index_dir,
            "INSTANCE_PATH": index_dir + "-instance",
            "SECRET_KEY": "worker",
        }
    )
    search_index_kinds.register()
    store = get_store(app)
    with app.app_context():
        bind = portal_db.engine()
    if mode == "write":
        for number in range(int(args[0])):
            with app.app_context():
                search_index_kinds.add_organisation(portal_db.session(), f"{args[1]} {number}")
    elif mode == "hold-write":
        with store.lock() as acquired:
            assert acquired
            writer = store.engine().ix.writer()
            writer.add_document(doc_key="organisation:999999", kind="organisation")
            _ready_then_wait()
    elif mode == "hold-rebuild":

        def stall(docs):
            for number, doc in enumerate(docs):
                if number == 2:
                    _ready_then_wait()
                yield doc

        rebuild(store, bind, wrap=stall)
    elif mode == "follow":
        print("ready", flush=True)
        result = app.test_cli_runner().invoke(args=["index", "sync", "--follow", *args])
        print(result.output, flush=True)
        raise SystemExit(result.exit_code)
    else:
        raise SystemExit(f"unknown mode {mode}")


if __name__ == "__main__":
    main(*sys.argv[1:])
