"""`portal eval`: ranking quality on the hand-graded cases, kept apart from the other
commands (cli.py) so each command module stays small."""

import sys
from pathlib import Path

import click


@click.command("eval", help="Ranking quality on the hand-graded cases (eval_cases.toml).")
@click.option("--cases", "path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
def eval_command(path):
    from .matching import eval as ranking_eval

    line, violations = ranking_eval.run(
        echo=lambda text: click.echo(text, err=True), path=path or ranking_eval.CASES
    )
    click.echo(line)
    if violations:
        sys.exit(1)
