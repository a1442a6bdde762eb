"""`portal privacy`: the retention sweep and the reminder for data requests, kept apart
from the other commands (cli.py) so each command module stays small."""

import sys

import click
from flask.cli import with_appcontext

from . import db
from .services import data_requests, retention


@click.group("privacy", help="Retention and data requests.")
def privacy_group():
    pass


@privacy_group.command(
    "sweep", help="List participants due for erasure (no activity for the retention period)."
)
@click.option("--apply", is_flag=True, help="Erase them (every row, the login, the mail files).")
@with_appcontext
def privacy_sweep(apply):
    session = db.session()
    due = retention.due_for_erasure(session)
    for row in due:
        click.echo(
            f"due participant={row.participant_id} mentor={row.mentor_id} "
            f"last_activity={row.last_activity.isoformat()}"
        )
    erased = 0
    if apply and due:
        with click.progressbar(length=len(due), label="erasing", file=sys.stderr) as bar:
            erased = retention.erase_due(session, due, progress=lambda done: bar.update(1))
    click.echo(f"privacy sweep due={len(due)} erased={erased}")


@privacy_group.command(
    "remind", help="Remind the coordinators of data requests due within 7 days (each once)."
)
@with_appcontext
def privacy_remind():
    click.echo(f"privacy remind notified={data_requests.remind_due(db.session())}")
