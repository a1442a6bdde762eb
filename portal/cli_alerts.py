"""`portal alerts send [--follow]`: match alerts and due digests, the production way (the
embedded default also finds alerts right after each request). Safe on several hosts at
once: each change and each digest is claimed by one process. Kept apart from cli.py so
each command module stays small."""

import click
from flask.cli import with_appcontext

from . import db
from .cli_follow import follow_options, repeat


@click.group("alerts", help="Match alerts and notification digests.")
def alerts_group():
    pass


@alerts_group.command("send", help="Announce new matches and send the digests that are due.")
@follow_options(5.0, "Seconds between passes.", "Keep going until SIGTERM/Ctrl+C.")
@with_appcontext
def alerts_send(follow, interval):
    from .services import alerts

    def one_pass():
        try:
            summary = alerts.send(db.session())
        except Exception:
            db.session().rollback()
            raise
        if summary.changes or summary.digests or not follow:
            click.echo(summary.line())

    repeat(one_pass, follow, interval, "alerts")
