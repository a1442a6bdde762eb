"""Accounts: sign-in with a lock after repeated failures, registration that waits for a
coordinator, password changes that end other sessions, coordinator decisions."""

import secrets
from dataclasses import dataclass
from datetime import timedelta

from sqlmodel import Session, col, delete, func, select

from ..i18n import _, _l, ngettext
from ..models import (
    AccountStatus,
    LoginFailure,
    Organisation,
    OrganisationKind,
    Role,
    User,
    new_session_token,
    utcnow,
)
from . import audit, memberships, notifications, onboarding, settings
from .errors import ServiceError
from .passwords import burn_time, hash_password, needs_rehash, verify_password, weakness

REGISTERED = (
    _l("Your registration"),
    _l(
        "Thank you for registering. A coordinator checks your account; you can use the "
        "portal as soon as it is approved.",
    ),
)
REGISTER_TAKEN = (
    _l("Someone tried to register with your address"),
    _l(
        "Someone tried to register a new account with your e-mail address, which already has "
        "an account. If that was you, sign in, or ask a coordinator for a new password. If "
        "not, you need not do anything.",
    ),
)

SELF_REGISTRATION_ROLES = {
    Role.EMPLOYER: OrganisationKind.EMPLOYER,
    Role.MENTOR: OrganisationKind.WISE,
}


def normalise_email(email: str) -> str:
    return (email or "").strip().lower()


def find_user(db: Session, email: str) -> User | None:
    return db.exec(select(User).where(User.email == normalise_email(email))).first()


@dataclass
class SignInResult:
    user: User | None = None
    error: str | None = None


def _recent_failures(db: Session, key: str) -> int:
    since = utcnow() - timedelta(minutes=settings.login_lock_minutes())
    query = select(func.count()).where(LoginFailure.email == key, LoginFailure.at >= since)
    return db.exec(query).one()


def sign_in_locked(db: Session, key: str, message=None) -> str | None:
    """The lock message when this key (an e-mail address, or another sign-in key such as a
    participant's login code) failed too often recently; the count lives in the database,
    so the lock holds across every worker process. `message(minutes)` words it for the key."""
    if _recent_failures(db, key) >= settings.login_max_failures():
        return (message or _locked_message)(settings.login_lock_minutes())
    return None


def note_sign_in_failure(db: Session, key: str, message=None) -> str | None:
    """Count one failure; returns the lock message when this failure locks the key."""
    db.add(LoginFailure(email=key))
    db.commit()
    return sign_in_locked(db, key, message)


def clear_sign_in_failures(db: Session, key: str) -> None:
    db.exec(delete(LoginFailure).where(col(LoginFailure.email) == key))


def authenticate(db: Session, email: str, password: str) -> SignInResult:
    """Check a login. A locked account is not even checked (no guessing while locked)."""
    email = normalise_email(email)
    locked = sign_in_locked(db, email)
    if locked:
        return SignInResult(error=locked)
    user = find_user(db, email)
    if user is None:
        burn_time(password)
        ok = False
    else:
        ok = verify_password(user.password_hash, password)
    if not ok:
        locked = note_sign_in_failure(db, email)
        return SignInResult(error=locked or _("The e-mail address or the password is not correct."))
    if user.status == AccountStatus.DISABLED:
        return SignInResult(error=_("This account is switched off. Ask a coordinator for help."))
    clear_sign_in_failures(db, email)
    if needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
    user.last_login_at = utcnow()
    db.add(user)
    db.commit()
    return SignInResult(user=user)


def _locked_message(minutes: int) -> str:
    return ngettext(
        "Too many wrong passwords for this account. Signing in is blocked for %(num)d "
        "minute. Try again later or ask a coordinator to reset your password.",
        "Too many wrong passwords for this account. Signing in is blocked for %(num)d "
        "minutes. Try again later or ask a coordinator to reset your password.",
        minutes,
    )


def card_locked_message(minutes: int) -> str:
    """Card sign-in has no password: the lock speaks of the code and the mentor. Unknown codes
    lock too, so the message never tells which codes exist."""
    return ngettext(
        "You tried this code too often. Wait %(num)d minute and try again, or ask your mentor "
        "for a new card.",
        "You tried this code too often. Wait %(num)d minutes and try again, or ask your mentor "
        "for a new card.",
        minutes,
    )


def end_all_sessions(db: Session, user: User) -> None:
    """Replace the session token: every cookie that carries the old one stops working."""
    user.session_token = new_session_token()
    db.add(user)
    db.commit()


def change_password(db: Session, user: User, current: str, new: str) -> None:
    if not verify_password(user.password_hash, current):
        raise ServiceError(_("Your current password is not correct."), field="current_password")
    if current == new:
        raise ServiceError(
            _("Choose a new password that differs from the old one."), field="new_password"
        )
    organisation = db.get(Organisation, user.organisation_id) if user.organisation_id else None
    problem = weakness(
        new, user.email, organisation.name if organisation else "", user.display_name
    )
    if problem:
        raise ServiceError(problem, field="new_password")
    user.password_hash = hash_password(new)
    user.must_change_password = False
    audit.record(db, user.id, "password.changed", "user", user.id)
    end_all_sessions(db, user)


def reset_password(db: Session, coordinator: User, user: User) -> str:
    """A coordinator gives a temporary password; the user must choose a new one at once."""
    temporary = "-".join(secrets.token_hex(3) for _ in range(3))
    user.password_hash = hash_password(temporary)
    user.must_change_password = True
    clear_sign_in_failures(db, user.email)
    audit.record(db, coordinator.id, "password.reset", "user", user.id)
    end_all_sessions(db, user)
    return temporary


def create_user(
    db: Session,
    *,
    email: str,
    password: str,
    role: str,
    display_name: str,
    organisation: Organisation | None = None,
    status: str = AccountStatus.ACTIVE,
    locale: str | None = None,
) -> User:
    """Create a login; used by registration, the CLI and the demo data."""
    email = normalise_email(email)
    if role not in set(Role):
        raise ServiceError(_("Unknown role."), field="role")
    if find_user(db, email) is not None:
        raise ServiceError(_("An account with this e-mail address already exists."), field="email")
    user = User(
        email=email,
        password_hash=hash_password(password),
        role=role,
        display_name=display_name.strip(),
        organisation_id=organisation.id if organisation else None,
        status=status,
        locale=locale,
    )
    db.add(user)
    db.flush()
    return user


def find_or_create_organisation(db: Session, name: str, kind: str, status: str) -> Organisation:
    name = " ".join(name.split())
    existing = memberships.same_name(db, name, kind)
    if existing:
        return existing
    organisation = Organisation(name=name, kind=kind, status=status)
    db.add(organisation)
    db.flush()
    return organisation


def register(
    db: Session,
    *,
    role: str,
    email: str,
    password: str,
    display_name: str,
    organisation_name: str,
    locale: str,
) -> User | None:
    """Employers and mentors sign themselves up; a coordinator approves before they act.
    An address that already has an account gets the same answer (no enumeration) and its
    holder an e-mail; a name that is an existing organisation's asks its holders to accept."""
    if role not in SELF_REGISTRATION_ROLES:
        raise ServiceError(_("Only employers and mentors can register themselves."), field="role")
    problem = weakness(password, email, organisation_name, display_name)
    if problem:
        raise ServiceError(problem, field="password")
    holder = find_user(db, email)
    if holder is not None:
        burn_time(password)  # as long as a new account's hashing
        audit.record(db, None, "account.register_taken", "user", holder.id)
        db.commit()
        notifications.notify(db, [holder], "register_taken", REGISTER_TAKEN)
        return None
    organisation = find_or_create_organisation(
        db, organisation_name, SELF_REGISTRATION_ROLES[role], AccountStatus.PENDING
    )
    user = create_user(
        db,
        email=email,
        password=password,
        role=role,
        display_name=display_name,
        organisation=organisation,
        status=AccountStatus.PENDING,
        locale=locale,
    )
    audit.record(db, user.id, "account.registered", "user", user.id, f"org={organisation.id}")
    db.commit()
    notifications.notify(db, [user], "registered", REGISTERED)
    memberships.ask_to_join(db, user)
    return user


def pending_accounts(db: Session) -> list[tuple[User, Organisation | None]]:
    query = (
        select(User, Organisation)
        .join(Organisation, isouter=True)
        .where(User.status == AccountStatus.PENDING)
        .order_by(User.created_at)
    )
    return list(db.exec(query).all())


def decide(db: Session, coordinator: User, user: User, approve: bool, link=False) -> None:
    """Approve (the organisation too, when it is new) or refuse a self-registration; into an
    organisation others already use only with `link` (see memberships.check_join)."""
    if user.status != AccountStatus.PENDING:
        raise ServiceError(_("This account has already been handled."))
    if approve:
        memberships.check_join(db, user, link)
        user.status = AccountStatus.ACTIVE
        user.approved_at = utcnow()
        user.approved_by_id = coordinator.id
        organisation = db.get(Organisation, user.organisation_id) if user.organisation_id else None
        if organisation and organisation.status == AccountStatus.PENDING:
            organisation.status = AccountStatus.ACTIVE
            db.add(organisation)
    else:
        user.status = AccountStatus.DISABLED
    db.add(user)
    audit.record(
        db, coordinator.id, "account.approved" if approve else "account.refused", "user", user.id
    )
    end_all_sessions(db, user)
    if approve:
        onboarding.account_approved(db, user)


def set_locale(db: Session, user: User, locale: str) -> None:
    user.locale = locale
    db.add(user)
    db.commit()
