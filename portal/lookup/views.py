"""JSON suggestions for the combobox script (portal/static/typeahead.js). Forms work without
it: typed text is resolved to an entry on save."""

from flask import abort, jsonify, request

from .. import db
from ..access import roles
from ..i18n import current_language
from ..services import vocabulary as vocab
from . import bp

MAX_QUERY = 100


@bp.route("/vocabulary/<kind>")
@roles("employer", "mentor", "coordinator")
def suggest(kind: str):
    """The best matches for `q` (a prefix or word in any language), labelled in the
    reader's language; an empty or over-long query gets an empty list, never an error."""
    if kind not in vocab.KINDS:
        abort(404)
    query = (request.args.get("q") or "")[:MAX_QUERY]
    items = vocab.suggest(db.session(), kind, query, current_language())
    response = jsonify({"items": items})
    response.headers["Cache-Control"] = "private, max-age=60"
    return response
