"""Who is using the workbook: the person the hub logged in, else the folder's own profile.

On a shared JupyterHub the hub has already checked who the person is and says so in
``$JUPYTERHUB_USER``; nobody may claim another name there. On a laptop the workbook
folder belongs to one person, who is asked their name once; it is kept in ``profile.json``
in that folder.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass

from upperback.person_names import PersonNameError, person_name
from upperback.workbook import workbook_folder, write_private

__all__ = ["Identity", "ProfileError", "current_identity", "profile_path", "save_profile"]

HUB_VARIABLE = "JUPYTERHUB_USER"
PROFILE_FILE = "profile.json"


class ProfileError(ValueError):
    """A name that cannot be kept, or a profile that cannot be read; the message says why."""


@dataclass(frozen=True)
class Identity:
    """A person's name and how the workbook knows it.

    Attributes
    ----------
    name : str
        Their name in the session log.
    source : str
        ``"hub"`` (logged in by JupyterHub: fixed) or ``"profile"`` (told once on this
        computer, kept in the workbook folder).
    """

    name: str
    source: str

    @property
    def from_hub(self) -> bool:
        return self.source == "hub"


def profile_path():
    """The workbook folder's profile: ``profile.json``."""
    return workbook_folder() / PROFILE_FILE


def current_identity() -> Identity | None:
    """The person using the workbook, or None when nobody has said yet.

    Raises
    ------
    ProfileError
        When the profile exists but cannot be read (it is left as it is).

    Examples
    --------
    >>> import os
    >>> os.environ["JUPYTERHUB_USER"] = "alice"
    >>> current_identity()
    Identity(name='alice', source='hub')
    >>> del os.environ["JUPYTERHUB_USER"]
    """
    hub_user = os.environ.get(HUB_VARIABLE, "").strip()
    if hub_user:
        return Identity(check_name(hub_user), "hub")
    path = profile_path()
    if not path.is_file():
        return None
    try:
        name = json.loads(path.read_text(encoding="utf-8"))["name"]
        return Identity(check_name(name), "profile")
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise ProfileError(
            f"{path} cannot be read as your profile ({error}). It should hold your name, "
            'like {"name": "Sam"}; fix or delete the file and open the workbook again.'
        ) from None


def check_name(name: object) -> str:
    """The name as the workbook keeps it (trimmed, one space between words), or a
    :class:`ProfileError` saying why it cannot be a name (upperback.person_names)."""
    if not isinstance(name, str) or not name.strip():
        raise ProfileError("Type your name first: a name of at least one letter.")
    try:
        return person_name(name).shown
    except PersonNameError as error:
        raise ProfileError(str(error)) from None


def save_profile(name: str) -> Identity:
    """Keep ``name`` as this workbook folder's person (private to its owner).

    Raises
    ------
    ProfileError
        On a hub, where the hub says who the person is; or for an empty or too long name.
    """
    if os.environ.get(HUB_VARIABLE, "").strip():
        raise ProfileError("On the hub your name is the one you logged in with.")
    name = check_name(name)
    write_private(profile_path(), json.dumps({"name": name}, ensure_ascii=False) + "\n")
    return Identity(name, "profile")
