"""One client's handle on the session log: all a client's page is given.

The handle passes every call to the :class:`~upperback.store.log.Store` with the client
fixed, so a page cannot read, change or delete anyone else's rows whatever it passes: a
session of another name is refused, another's session id is not found, and another's name
reads as nobody. On a shared PostgreSQL server row-level security keeps the same promise
underneath; here it holds for a laptop's SQLite file too.
"""

from __future__ import annotations

import os
from dataclasses import replace
from typing import TYPE_CHECKING

from upperback.sessions import SessionRecord
from upperback.store.client_names import checked_name, name_key
from upperback.store.schema import StoreError

if TYPE_CHECKING:  # the Store makes these handles, so this module sits below it
    from datetime import date

    from upperback.function_checks import FunctionCheck
    from upperback.routine_history import Sent, Version
    from upperback.routines import Routine
    from upperback.store.log import Store

__all__ = ["ClientStore"]


class ClientStore:
    """The session log as one client may use it.

    Made by :meth:`Store.for_client`; has the Store's methods for one client's own rows.

    Parameters
    ----------
    store : Store
        The whole log.
    client : str
        The client whose rows this handle reaches.

    Examples
    --------
    >>> import tempfile
    >>> from upperback.sessions import SessionRecord, now_utc
    >>> from upperback.store import Store
    >>> store = Store(f"sqlite:///{tempfile.mkdtemp()}/log.db")
    >>> _ = store.save_session(SessionRecord("Kim", "Daily bridge", now_utc()))
    >>> mine = store.for_client("Sam")
    >>> _ = mine.save_session(SessionRecord("Sam", "Daily bridge", now_utc()))
    >>> mine.clients(), [s.client for s in mine.sessions()], mine.sessions("Kim")
    (['Sam'], ['Sam'], [])
    """

    def __init__(self, store: Store, client: str):
        if not client.strip():
            raise StoreError("A client's page needs the client's name.")
        # "sam " is Sam: the client as the log already knows them, else as the name is kept.
        self.store = store
        known = store.clients(matching=client)
        self.client = known[0] if known else checked_name(client).shown
        self.url = store.url

    def __repr__(self) -> str:
        return f"<the session log of {self.client}>"

    def _own(self, client: str | None) -> bool:
        """Whether ``client`` (None meaning "everyone") asks for this client's rows."""
        return client is None or name_key(client) == name_key(self.client)

    # -- writing -------------------------------------------------------------------------

    def save_session(self, session: SessionRecord) -> SessionRecord:
        """Save or correct one of this client's sessions; anyone else's is refused."""
        return self.store.save_session(session, only_client=self.client)

    def delete_session(self, session_id: int) -> bool:
        """Delete one of this client's sessions; False for an id that is not theirs."""
        return self.store.delete_session(session_id, only_client=self.client)

    def record_red_flag_check(self, client: str, answers: dict[str, bool]) -> bool:
        """Store this client's answers to the warning signs; True when any is yes."""
        self._refuse_other(client)
        return self.store.record_red_flag_check(self.client, answers)

    def record_professional_clearance(self, client: str, *, seen_on: date) -> bool:
        """Keep this client's word that a professional saw them on ``seen_on``, since their
        latest yes. (A client's page has no coach's all-clear to give.)"""
        self._refuse_other(client)
        return self.store.record_professional_clearance(self.client, seen_on=seen_on)

    def record_function_scores(self, check: FunctionCheck) -> None:
        """Keep this client's ratings of their activities; anyone else's are refused."""
        self._refuse_other(check.client)
        self.store.record_function_scores(replace(check, client=self.client))

    def send_routine(self, routine: Routine, version: Version) -> None:
        """Keep a version of this client's own routine (planning their own next week)."""
        self._refuse_other(routine.client)
        self.store.send_routine(replace(routine, client=self.client), version, sent_by="client")

    def _refuse_other(self, client: str) -> None:
        if not self._own(client):
            raise StoreError(
                f"This page keeps {self.client}'s answers only, not {client}'s. Nothing was saved."
            )

    # -- reading -------------------------------------------------------------------------

    def clients(self) -> list[str]:
        """This client's name, as the log keeps it (the only name a client's page lists)."""
        return self.store.clients(matching=self.client) or [self.client]

    def sessions(self, client: str | None = None) -> list[SessionRecord]:
        """This client's sessions, oldest first; none for another name."""
        return self.store.sessions(self.client) if self._own(client) else []

    def sessions_frame(self, client: str | None = None):
        """This client's sessions as a DataFrame; empty for another name."""
        frame = self.store.sessions_frame(self.client)
        return frame if self._own(client) else frame.iloc[0:0]

    def sets_frame(self, client: str | None = None):
        """This client's sets as a DataFrame; empty for another name."""
        frame = self.store.sets_frame(self.client)
        return frame if self._own(client) else frame.iloc[0:0]

    def sent_routines(self, client: str | None = None) -> list[Sent]:
        """The versions of this client's routines the log keeps; none for another name."""
        return self.store.sent_routines(self.client) if self._own(client) else []

    def function_scores(self, client: str | None = None) -> list[FunctionCheck]:
        """This client's ratings of their activities, oldest first; none for another name."""
        return self.store.function_scores(self.client) if self._own(client) else []

    def last_red_flag_check(self, client: str | None = None) -> dict | None:
        """This client's latest warning-signs check; None for another name."""
        return self.store.last_red_flag_check(self.client) if self._own(client) else None

    def export_csv(self, path: str | os.PathLike | None = None, client: str | None = None) -> str:
        """This client's sets as CSV (written to ``path``, private, if given)."""
        if not self._own(client):
            raise StoreError(f"This page exports {self.client}'s sessions only.")
        return self.store.export_csv(path, client=self.client)

    def export_function_csv(
        self, path: str | os.PathLike | None = None, client: str | None = None
    ) -> str:
        """This client's ratings of activities as CSV (written to ``path``, private, if given)."""
        if not self._own(client):
            raise StoreError(f"This page exports {self.client}'s ratings only.")
        return self.store.export_function_csv(path, client=self.client)
