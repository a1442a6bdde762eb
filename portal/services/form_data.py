"""Form posts turned into the plain dataclasses the services take, one way for every area."""

from dataclasses import fields


def pick(cls, mapping):
    """A field missing from the post (None) takes its default, as if it were left empty."""
    values = {f.name: mapping.get(f.name) for f in fields(cls)}
    return cls(
        **{f.name: f.default if values[f.name] is None else values[f.name] for f in fields(cls)}
    )


class TextData:
    """Base of all-text dataclasses: a missing field is empty and surrounding spaces go, so a
    name typed with a trailing space is the same name."""

    @classmethod
    def from_mapping(cls, mapping):
        return cls(**{f.name: str(mapping.get(f.name) or "").strip() for f in fields(cls)})
