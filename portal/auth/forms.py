"""Forms for signing in, registering and changing a password."""

from flask_wtf import FlaskForm
from wtforms import EmailField, HiddenField, PasswordField, RadioField, StringField
from wtforms.validators import DataRequired, Email, EqualTo, Length

from ..forms import PlainDateField, choices
from ..i18n import _l

PASSWORD_RULE = Length(
    min=10, max=128, message=_l("A password needs between %(min)d and %(max)d characters.")
)


def email_field(*extra_validators) -> EmailField:
    return EmailField(
        _l("E-mail address"),
        validators=[
            DataRequired(_l("Fill in your e-mail address.")),
            Length(max=254, message=_l("This e-mail address is too long.")),
            *extra_validators,
        ],
    )


def existing_password_field(label, required_message) -> PasswordField:
    """A password the user already has: only a length cap, no strength rule."""
    return PasswordField(
        label,
        validators=[
            DataRequired(required_message),
            Length(max=128, message=_l("This password is too long.")),
        ],
    )


def new_password_fields(label, required_message, confirm_label, confirm_message, name):
    """A new password and its repetition, with the strength rule."""
    new = PasswordField(
        label,
        description=_l("At least 10 characters."),
        validators=[DataRequired(required_message), PASSWORD_RULE],
    )
    confirm = PasswordField(
        confirm_label,
        validators=[
            DataRequired(confirm_message),
            EqualTo(name, _l("The two passwords are not the same.")),
        ],
    )
    return new, confirm


class LoginForm(FlaskForm):
    email = email_field()
    password = existing_password_field(_l("Password"), _l("Fill in your password."))
    next = HiddenField()


class RegisterForm(FlaskForm):
    role = RadioField(
        _l("I register as"),
        choices=choices(
            [
                ("employer", _l("Employer: I want to hire and mentor someone")),
                ("mentor", _l("Mentor at a social enterprise (WISE)")),
            ]
        ),
        validators=[DataRequired(_l("Choose how you register."))],
    )
    display_name = StringField(
        _l("Your name"),
        validators=[
            DataRequired(_l("Fill in your name.")),
            Length(max=120, message=_l("Use at most %(max)d characters.")),
        ],
    )
    organisation_name = StringField(
        _l("Organisation"),
        description=_l("The company, or the social enterprise you work for."),
        validators=[
            DataRequired(_l("Fill in the name of your organisation.")),
            Length(max=200, message=_l("Use at most %(max)d characters.")),
        ],
    )
    email = email_field(Email(_l("This is not a valid e-mail address.")))
    password, confirm = new_password_fields(
        _l("Password"),
        _l("Choose a password."),
        _l("Password again"),
        _l("Type the password a second time."),
        "password",
    )


class PasswordChangeForm(FlaskForm):
    current_password = existing_password_field(
        _l("Current password"), _l("Fill in your current password.")
    )
    new_password, confirm = new_password_fields(
        _l("New password"),
        _l("Choose a new password."),
        _l("New password again"),
        _l("Type the new password a second time."),
        "new_password",
    )


class StartForm(FlaskForm):
    """Sign-in for participants: the code on the card from the mentor, and the birthday."""

    code = StringField(
        _l("Code on your card"),
        description=_l("8 letters and numbers. For example: ACDE-3467."),
        validators=[
            DataRequired(_l("Type the code from your card.")),
            Length(max=20, message=_l("This code is too long.")),
        ],
    )
    date_of_birth = PlainDateField(
        _l("Your date of birth"),
        validators=[DataRequired(_l("Fill in your date of birth."))],
    )
