"""The `--follow` loop of the production followers (`portal index sync`, `portal alerts
send`) and its two options: one pass, or a pass every interval until SIGTERM/Ctrl+C."""

import signal
import threading

import click


def follow_options(interval: float, interval_help: str, follow_help: str):
    """`--follow` and `--interval` (seconds, `interval` by default) of a follower command,
    declared once for every follower."""

    def decorate(command):
        every = click.option("--interval", default=interval, show_default=True, help=interval_help)
        return click.option("--follow", is_flag=True, help=follow_help)(every(command))

    return decorate


def repeat(step, follow: bool, interval: float, what: str) -> None:
    """Run `step` once, or with `follow` every `interval` seconds until stopped. A failing
    pass stops a single run; a follower reports it and tries again (it outlives a database
    hiccup)."""
    stop = threading.Event()
    if follow:
        for signum in (signal.SIGTERM, signal.SIGINT):
            signal.signal(signum, lambda *_: stop.set())
    while True:
        try:
            step()
        except Exception as error:  # noqa: BLE001 - reported; the next pass tries again
            if not follow:
                raise
            click.echo(f"{what} failed ({type(error).__name__}: {error}); retrying", err=True)
        if not follow or stop.wait(interval):
            return
