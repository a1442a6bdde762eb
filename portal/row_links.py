"""The links of a list's rows, from one url_for per page and endpoint: the rows' links differ
only in one id, and werkzeug's URL building (rule lookup, converters, query encoding) was a
fifteenth of a ranked page of twenty rows with two links each. The link is built once with a
marker number in the id's place; each row's id is put where the marker was."""

from collections.abc import Callable

from flask import url_for

ROW = object()  # the value of row_link's one argument that each row fills in
# Any number serves: each row's id takes its place by position. A long one, so that another
# value rarely holds its digits (checked below; then url_for for every row).
_MARK = 7_390_218_645


def row_link(endpoint: str, **values) -> Callable[[int], str]:
    """id -> url_for(endpoint, **values) with the id in place of the one value given as ROW,
    the same text url_for would give (arguments in the order given). When the marker is not
    found exactly once (another value holds its digits), it asks url_for for every row."""
    [name] = [key for key, value in values.items() if value is ROW]
    built = url_for(endpoint, **(values | {name: _MARK}))
    mark = str(_MARK)
    if built.count(mark) != 1:
        return lambda value: url_for(endpoint, **(values | {name: value}))
    head, _mark, tail = built.partition(mark)
    return lambda value: f"{head}{int(value)}{tail}"
