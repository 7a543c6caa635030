"""The SQL the clinic's owner role runs for everyone: the row policies, and the functions
through which people see and change only their own rows (row-level security's other half).

Kept apart from :mod:`upperback.store.access`, which sets a clinic up and adds its people.
"""

from upperback.rules.safety import URGENT_FLAGS

__all__ = [
    "CHANGE_FUNCTIONS",
    "FUNCTIONS",
    "POLICIES",
    "SEARCH_PATH",
    "VISIBLE_FUNCTIONS",
    "clear_check_function",
]

# All run as the owner (SECURITY DEFINER), so the membership tables stay unreadable to
# people; session_user is the role that logged in, which SET ROLE cannot change. Each pins
# its search_path (pg_temp last), so no one's own objects stand in for the log's.
SEARCH_PATH = "SET search_path = pg_catalog, public, pg_temp"
VISIBLE_FUNCTIONS = f"""
CREATE OR REPLACE FUNCTION upperback_visible_clients() RETURNS SETOF text
LANGUAGE sql STABLE SECURITY DEFINER {SEARCH_PATH} AS $$
    SELECT p.name FROM clinic_people p
    WHERE p.role_name = session_user AND p.kind = 'client'
    UNION
    SELECT c.client FROM clinic_coaching c JOIN clinic_people p ON p.name = c.coach
    WHERE p.role_name = session_user AND p.kind = 'coach'
$$;
CREATE OR REPLACE FUNCTION upperback_visible_client_ids() RETURNS SETOF bigint
LANGUAGE sql STABLE SECURITY DEFINER {SEARCH_PATH} AS $$
    SELECT id FROM clients WHERE name_key IN (SELECT upperback_visible_clients())
$$;
CREATE OR REPLACE FUNCTION upperback_sender() RETURNS text
LANGUAGE sql STABLE SECURITY DEFINER {SEARCH_PATH} AS $$
    SELECT kind FROM clinic_people WHERE role_name = session_user
$$;
"""
# What the Store changes for a person (upperback.store.changes calls these), each only on
# rows of the clients the person may see, as the row policies would allow.
CHANGE_FUNCTIONS = f"""
CREATE OR REPLACE FUNCTION upperback_correct_session(
    p_id bigint, p_same_client boolean, p_new_client_id bigint, p_new_uid text,
    p_new_routine text, p_new_prescription text, p_new_started_at timestamptz,
    p_new_ended_at timestamptz, p_new_pain_before smallint, p_new_pain_after smallint,
    p_new_effort double precision, p_new_notes text
) RETURNS boolean LANGUAGE plpgsql SECURITY DEFINER {SEARCH_PATH} AS $$
BEGIN
    IF p_new_client_id NOT IN (SELECT upperback_visible_client_ids()) THEN
        RETURN false;
    END IF;
    UPDATE sessions SET client_id = p_new_client_id, uid = p_new_uid, routine = p_new_routine,
        prescription = p_new_prescription, started_at = p_new_started_at,
        ended_at = p_new_ended_at, pain_before = p_new_pain_before,
        pain_after = p_new_pain_after, effort = p_new_effort, notes = p_new_notes
    WHERE id = p_id AND client_id IN (SELECT upperback_visible_client_ids())
        AND (NOT p_same_client OR client_id = p_new_client_id);
    IF NOT FOUND THEN
        RETURN false;
    END IF;
    DELETE FROM set_logs WHERE session_id = p_id;
    RETURN true;
END $$;
CREATE OR REPLACE FUNCTION upperback_delete_session(p_id bigint, p_client_id bigint)
RETURNS boolean LANGUAGE plpgsql SECURITY DEFINER {SEARCH_PATH} AS $$
BEGIN
    DELETE FROM sessions  -- its sets go with it (ON DELETE CASCADE)
    WHERE id = p_id AND client_id IN (SELECT upperback_visible_client_ids())
        AND (p_client_id IS NULL OR client_id = p_client_id);
    RETURN FOUND;
END $$;
CREATE OR REPLACE FUNCTION upperback_sent_by_role() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER {SEARCH_PATH} AS $$
BEGIN
    NEW.sent_by := coalesce(upperback_sender(), NEW.sent_by);  -- the admin's stays as sent
    RETURN NEW;
END $$;
DROP TRIGGER IF EXISTS sent_by_role ON routine_versions;
CREATE TRIGGER sent_by_role BEFORE INSERT ON routine_versions
    FOR EACH ROW EXECUTE FUNCTION upperback_sent_by_role();
"""


def clear_check_function(zone: str) -> str:
    """The SQL of the all-clear, judging "the same day" in the clinic's time zone ``zone``
    (a name PostgreSQL knows, such as "Europe/London").

    Whoever connects clears as who they are (their own all-clear, or their coach's; only the
    admin's own role says which). A client's own word can't clear an urgent sign on the day
    it was ticked, and the day seen can't be before the check or in the future: the same
    rules as :func:`upperback.store.checks.clearance_problem`, here for raw SQL.
    """
    urgent = " OR ".join(
        f"coalesce((answers::jsonb ->> {_literal(flag)})::boolean, false)" for flag in URGENT_FLAGS
    )
    return f"""
DROP FUNCTION IF EXISTS upperback_clear_check(bigint);
CREATE OR REPLACE FUNCTION upperback_clear_check(p_id bigint, p_by text, p_seen_on date)
RETURNS boolean LANGUAGE plpgsql SECURITY DEFINER {SEARCH_PATH} SET TimeZone = {_literal(zone)}
AS $$
DECLARE
    who text := coalesce(upperback_sender(), p_by);
    urgent boolean;
    checked date;
BEGIN
    SELECT {urgent}, checked_at::date INTO urgent, checked FROM red_flag_checks
    WHERE id = p_id AND any_yes AND client_id IN (SELECT upperback_visible_client_ids());
    IF NOT FOUND OR p_seen_on IS NULL OR p_seen_on < checked OR p_seen_on > now()::date
        OR (who = 'client' AND urgent AND now()::date <= checked) THEN
        RETURN false;
    END IF;
    UPDATE red_flag_checks SET cleared_at = now(), cleared_by = who, seen_on = p_seen_on
    WHERE id = p_id;
    RETURN true;
END $$;
"""


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


FUNCTIONS = (
    "upperback_visible_clients()",
    "upperback_visible_client_ids()",
    "upperback_sender()",
    "upperback_correct_session(bigint, boolean, bigint, text, text, text, timestamptz, "
    "timestamptz, smallint, smallint, double precision, text)",
    "upperback_delete_session(bigint, bigint)",
    "upperback_clear_check(bigint, text, date)",
    "upperback_sent_by_role()",
)
POLICIES = {
    "clients": "name_key IN (SELECT upperback_visible_clients())",
    "sessions": "client_id IN (SELECT upperback_visible_client_ids())",
    "red_flag_checks": "client_id IN (SELECT upperback_visible_client_ids())",
    "routine_versions": "client_id IN (SELECT upperback_visible_client_ids())",
    "function_scores": "client_id IN (SELECT upperback_visible_client_ids())",
    # sessions is filtered by its own policy, so this keeps to the visible sessions' sets.
    "set_logs": "session_id IN (SELECT id FROM sessions)",
}
