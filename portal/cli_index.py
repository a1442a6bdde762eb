"""`portal index ...`: follow, rebuild, check and prune the search index from the command line."""

import os
import sys
from datetime import timedelta

import click
from flask.cli import with_appcontext
from sqlmodel import Session

import search_index

from . import db
from .cli_follow import follow_options, repeat
from .matching.index import FEED, get_store
from .models import utcnow

workers_option = click.option(
    "--workers",
    type=click.IntRange(1, 16),
    default=min(2, os.cpu_count() or 1),
    show_default=True,
    help="Processes building the index's kinds (vacancies, participants) at once.",
)


@click.group("index", help="The search index: sync with the database, rebuild, check.")
def index_group():
    pass


@index_group.command("sync", help="Apply the pending changes of the feed to the index.")
@follow_options(0.3, "Seconds between polls.", "Keep following the feed until SIGTERM/Ctrl+C.")
@with_appcontext
def index_sync(follow, interval):
    def one_pass():
        result = search_index.sync(get_store(), db.engine())
        if result.applied or result.rebuilt or not follow:
            click.echo(
                f"applied {result.applied} changes"
                + (", rebuilt" if result.rebuilt else "")
                + (", index busy: try again" if result.skipped else "")
                + f", last_change_id {get_store().last_change_id}"
            )

    repeat(one_pass, follow, interval, "sync")


@index_group.command("rebuild", help="Build the index from the database and swap it in.")
@workers_option
@click.option(
    "--nice",
    type=click.IntRange(0, 19),
    default=10,
    show_default=True,
    help="Lower the rebuild's CPU priority (its workers' too) so requests go first; 0: keep.",
)
@with_appcontext
def index_rebuild(workers, nice):
    if nice:
        os.nice(nice)  # a rebuild is background work: writes meanwhile must not queue behind it
    with Session(db.engine()) as session:
        total = search_index.expected_total(session)

    with click.progressbar(length=total, label="indexing", show_pos=True) as bar:

        def progress(written):
            bar.update(written - bar.pos)

        result = search_index.rebuild(
            get_store(), db.engine(), lock_timeout=60, workers=workers, progress=progress
        )
    if result is None:
        raise click.ClickException("another writer kept the index lock for 60 s; try again")
    click.echo(
        f"rebuilt {result.documents} documents in {result.seconds:.2f} s "
        f"({result.docs_per_second:.0f} docs/s, {workers} worker(s)), "
        f"last_change_id {result.last_change_id}, "
        f"{result.caught_up} changes applied after the swap"
    )


@index_group.command("check", help="Compare index and database; exit code 1 on a difference.")
@with_appcontext
def index_check():
    search_index.sync(get_store(), db.engine())
    differences = search_index.compare(get_store(), db.engine())
    for kind in differences:
        click.echo(
            f"{kind.kind}: missing {len(kind.missing)} extra {len(kind.extra)} "
            f"stale {len(kind.stale)}"
        )
        for label in ("missing", "extra", "stale"):
            for key in getattr(kind, label)[:20]:
                click.echo(f"  {label} {key}")
    if not all(kind.clean for kind in differences):
        sys.exit(1)
    click.echo("index and database agree")


@index_group.command("status", help="Index folder, documents, last applied change and lag.")
@with_appcontext
def index_status():
    for key, value in search_index.health(get_store(), db.engine()).items():
        click.echo(f"{key} {value}")


@index_group.command(
    "prune", help="Remove change-feed rows older than --keep-days (indexes behind are rebuilt)."
)
@click.option("--keep-days", type=click.IntRange(1, 3650), default=30, show_default=True)
@with_appcontext
def index_prune(keep_days):
    removed, through = search_index.prune(FEED, db.engine(), utcnow() - timedelta(days=keep_days))
    click.echo(
        f"removed {removed} change rows older than {keep_days} days; "
        f"the feed now starts after change {through}"
    )
