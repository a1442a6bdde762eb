"""The `portal` command (also reachable as `flask --app wsgi ...`): database, accounts,
demo data, search index, translations and a one-step start for the embedded default."""

import sys
from pathlib import Path

import click
from flask import current_app
from flask.cli import FlaskGroup, with_appcontext
from werkzeug.serving import run_simple

import search_index

from . import db
from .cli_alerts import alerts_group
from .cli_eval import eval_command
from .cli_index import index_group, workers_option
from .cli_privacy import privacy_group
from .cli_translations import compile_catalogs, translations_group
from .matching.index import get_store
from .models import Organisation, Role
from .services import accounts
from .services.checkins import reminders
from .services.errors import ServiceError
from .services.vacancies import lifecycle


def register(app) -> None:
    groups = (
        db_group,
        users_group,
        index_group,
        translations_group,
        vacancies_group,
        vocabulary_group,
        checkins_group,
        privacy_group,
        alerts_group,
    )
    for group in groups:
        app.cli.add_command(group)
    app.cli.add_command(demo_command)
    app.cli.add_command(bench_command)
    app.cli.add_command(eval_command)
    app.cli.add_command(outcomes_command)
    app.cli.add_command(start_command)


# -- database -----------------------------------------------------------------------------
@click.group("db", help="Database migrations.")
def db_group():
    pass


@db_group.command("upgrade", help="Apply migrations up to REVISION (default: head).")
@click.argument("revision", default="head")
@with_appcontext
def db_upgrade(revision):
    db.upgrade(current_app.config["DATABASE_URL"], revision)
    click.echo(f"database at {db.current_revision(db.engine())}")


@db_group.command("downgrade", help="Undo migrations down to REVISION (for example: base).")
@click.argument("revision")
@with_appcontext
def db_downgrade(revision):
    db.downgrade(current_app.config["DATABASE_URL"], revision)
    click.echo(f"database at {db.current_revision(db.engine())}")


@db_group.command("current", help="Show the database revision and the newest one.")
@with_appcontext
def db_current():
    click.echo(f"current {db.current_revision(db.engine())} head {db.migration_head()}")


# -- accounts ------------------------------------------------------------------------------
@click.group("users", help="Accounts.")
def users_group():
    pass


@users_group.command("create", help="Create an active account (for example the first coordinator).")
@click.option("--role", type=click.Choice([r.value for r in Role]), required=True)
@click.option("--email", required=True)
@click.option("--name", "display_name", required=True)
@click.option("--organisation", "organisation_id", type=int, default=None)
@click.password_option()
@with_appcontext
def users_create(role, email, display_name, organisation_id, password):
    session = db.session()
    organisation = session.get(Organisation, organisation_id) if organisation_id else None
    if organisation_id and organisation is None:
        raise click.ClickException(f"no organisation with id {organisation_id}")
    try:
        user = accounts.create_user(
            session,
            email=email,
            password=password,
            role=role,
            display_name=display_name,
            organisation=organisation,
        )
    except ServiceError as error:
        raise click.ClickException(str(error.message)) from error
    session.commit()
    click.echo(f"created {user.role} {user.email}")


# -- demo data -----------------------------------------------------------------------------
@click.command("demo", help="Fill an empty database with demo data and print the logins.")
@click.option("--reset", is_flag=True, help="Wipe all existing data first.")
@with_appcontext
def demo_command(reset):
    _load_demo(reset)


def _load_demo(reset: bool) -> None:
    from . import demo  # here, not at the top: demo data stays out of the web process

    session = db.session()
    try:
        logins = demo.fill(session, reset_first=reset, progress=lambda m: click.echo(m, err=True))
    except ServiceError as error:
        raise click.ClickException(str(error.message)) from error
    # The index is a cache of the database: build it from the new rows in one go.
    search_index.rebuild(get_store(), db.engine(), lock_timeout=60)
    lines = [f"{login.role} {login.email} {login.password}" for login in logins]
    logins_file = Path(current_app.instance_path) / "demo-logins.txt"
    logins_file.parent.mkdir(parents=True, exist_ok=True)
    logins_file.write_text("\n".join(lines) + "\n")
    logins_file.chmod(0o600)
    click.echo("\n".join(lines))


# -- vacancies and vocabulary -------------------------------------------------------------
@click.group("vacancies", help="Vacancies.")
def vacancies_group():
    pass


@vacancies_group.command("expire", help="Mark published vacancies past their closing date.")
@with_appcontext
def vacancies_expire():
    expired = lifecycle.expire_due(db.session())
    click.echo(f"{len(expired)} vacancies expired")


# -- aftercare and outcomes ---------------------------------------------------------------
@click.group("checkins", help="Aftercare check-ins after a hire.")
def checkins_group():
    pass


@checkins_group.command("notify", help="Send a reminder for every due check-in (each once).")
@with_appcontext
def checkins_notify():
    sent = reminders.notify_due(db.session())
    click.echo(f"checkins notified={sent}")


@click.command("outcomes", help="Recompute and print the headline outcome figures.")
@with_appcontext
def outcomes_command():
    from .services import outcomes
    from .services import outcomes_formats as formats

    figures = outcomes.figures(db.session())
    click.echo(f"endorsed participants: {figures.endorsed}")
    click.echo(f"proposed participants: {figures.proposed}")
    click.echo(f"hires agreed (participants): {figures.agreed}")
    click.echo(f"hired participants (started): {figures.hired}")
    click.echo(f"transition rate (hired / endorsed): {formats.rate_text(figures.transition_rate)}")
    click.echo(f"median days from endorsement to hire: {figures.median_days_to_hire}")
    for r in figures.retention:
        click.echo(
            f"retention at {r.months} months: {r.retained} of {r.cohort} "
            f"({formats.rate_text(r.rate)})"
        )
    click.echo(formats.summary_line(figures))


@click.group("vocabulary", help="Occupation and skill vocabulary.")
def vocabulary_group():
    pass


@vocabulary_group.command("import-esco", help="Import the ESCO CSV download in FOLDER.")
@click.argument("folder", type=click.Path(exists=True, file_okay=False))
@with_appcontext
def vocabulary_import_esco(folder):
    from .services import vocabulary

    bars: dict = {}

    def progress(kind: str, done: int, total: int) -> None:
        if kind not in bars:
            bars[kind] = click.progressbar(length=total, label=f"ESCO {kind}", file=sys.stderr)
            bars[kind].__enter__()
        bar = bars[kind]
        bar.update(done - bar.pos)
        if done >= total:
            bar.__exit__(None, None, None)

    try:
        counts = vocabulary.import_esco(db.session(), folder, progress=progress)
    except (OSError, ValueError) as error:
        raise click.ClickException(str(error)) from error
    click.echo(
        "occupations: {occupations_added} added, {occupations_updated} updated, "
        "{occupations_linked} linked; skills: {skills_added} added, {skills_updated} updated, "
        "{skills_linked} linked".format(**counts)
    )
    click.echo("Run `portal index rebuild` so matching uses the new links.")


# -- benchmark ----------------------------------------------------------------------------
@click.group(
    "bench",
    invoke_without_command=True,
    help="Benchmark matching on N synthetic vacancies and participants (`bench pages`: the pages).",
)
@click.option("--n", "n", default=2000, show_default=True, help="Vacancies and participants.")
@click.option("--queries", default=200, show_default=True, help="Queries per direction.")
@click.option("--seed", default=1, show_default=True)
@click.option(
    "--engine",
    type=click.Choice(sorted(search_index.ENGINES)),
    default="whoosh",
    show_default=True,
    help="The search engine behind the index (memory: the simple one, small N only).",
)
@workers_option
@click.pass_context
def bench_command(ctx, n, queries, seed, engine, workers):
    if ctx.invoked_subcommand:
        return
    from .matching import bench

    summary, mismatches, violations = bench.run(
        n,
        queries=queries,
        seed=seed,
        echo=lambda line: click.echo(line, err=True),
        workers=workers,
        engine=engine,
    )
    click.echo(summary)
    if mismatches or violations:
        sys.exit(1)


@bench_command.command("pages", help="List pages under load beside a bare Flask app.")
@click.option("--n", "n", default=1000, show_default=True, help="Vacancies and participants.")
@click.option("--seconds", default=10.0, show_default=True, help="Load time per page and round.")
@click.option("--connections", default=32, show_default=True)
@click.option("--web-workers", default=4, show_default=True, help="gunicorn workers of both apps.")
@click.option(
    "--instructions",
    is_flag=True,
    help="Count each page's CPU instructions per request with valgrind instead (repeatable).",
)
@click.option("--repeat", default=10, show_default=True, help="Requests counted per page.")
def bench_pages_command(n, seconds, connections, web_workers, instructions, repeat):
    from .matching import bench_instructions, bench_pages

    echo = lambda line: click.echo(line, err=True)  # noqa: E731
    if instructions:
        click.echo(bench_instructions.run(n, repeat, echo=echo))
        return
    click.echo(bench_pages.run(n, seconds, connections, web_workers, echo=echo))


# -- one-step start ------------------------------------------------------------------------
@click.command("start", help="Compile catalogs, migrate, add demo data if empty, and serve.")
@click.option("--host", default="127.0.0.1")
@click.option("--port", default=5000, type=int)
@click.option("--no-demo", is_flag=True, help="Do not load demo data into an empty database.")
@with_appcontext
def start_command(host, port, no_demo):
    from . import demo  # here, not at the top: demo data stays out of the web process

    compile_catalogs()
    db.upgrade(current_app.config["DATABASE_URL"])
    logins_file = Path(current_app.instance_path) / "demo-logins.txt"
    if not no_demo and demo.database_is_empty(db.session()):
        _load_demo(reset=False)
    elif logins_file.exists():
        click.echo(logins_file.read_text(), nl=False)
    click.echo(f"Portal on http://{host}:{port}/  (stop with Ctrl+C)", err=True)
    app = current_app._get_current_object()
    app.extensions["portal_schema_ok"] = False
    run_simple(host, port, app, threaded=True)


def main() -> None:
    from . import create_app

    FlaskGroup(create_app=create_app, add_version_option=False, load_dotenv=False).main()
