"""portal.html_attributes draws WTForms' attributes byte for byte as WTForms' own
html_params does (generated keys and values: quotes, ampersands, markup, booleans, numbers,
`class_`, `data_`/`aria_` keys), and a built app draws its forms with it."""

from hypothesis import given, settings
from hypothesis import strategies as st
from markupsafe import Markup
from wtforms import widgets
from wtforms.widgets import core

from portal import html_attributes
from portal.auth.forms import LoginForm

KEYS = st.builds(
    lambda prefix, name, tail: prefix + name + tail,
    st.sampled_from(["", "data_", "aria_", "x-"]),
    st.text(alphabet="abcdefghijklmnopqrstuvwxyz_-:<>\"'&0123456789", min_size=1, max_size=12),
    st.sampled_from(["", "_", "__"]),
)
VALUES = st.one_of(
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=False),
    st.text(max_size=40),
    st.text(alphabet="<>&\"' aé\u202e", max_size=20),
    st.text(max_size=20).map(Markup),
    st.just(None),
)


@settings(max_examples=400, deadline=None)
@given(st.dictionaries(KEYS, VALUES, max_size=8))
def test_same_as_wtforms(attributes):
    ours = html_attributes.attributes(**attributes)
    assert ours == html_attributes.ORIGINAL(**attributes)
    assert isinstance(ours, Markup)


def test_an_app_draws_its_forms_with_it(app):
    assert core.html_params is html_attributes.attributes
    assert core.TextInput.html_params is html_attributes.attributes
    with app.test_request_context("/login?lang=ar"):
        form = LoginForm(data={"email": 'a"b@example.org'})
        drawn = [form.email(autocomplete="username"), form.password(), str(form.email.label)]
        core.html_params = widgets.html_params = html_attributes.ORIGINAL
        core.Input.html_params = staticmethod(html_attributes.ORIGINAL)
        try:
            by_wtforms = [
                form.email(autocomplete="username"),
                form.password(),
                str(form.email.label),
            ]
        finally:
            html_attributes.install()
    assert drawn == by_wtforms
    assert 'value="a&#34;b@example.org"' in drawn[0]
