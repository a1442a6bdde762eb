"""The `--follow` loop of the production followers (`portal index sync`, `portal alerts
send`): one pass, or a pass every interval until SIGTERM/Ctrl+C."""

import signal
import threading

import click


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
