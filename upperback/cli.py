"""The `upperback` command: tasks done outside a notebook."""

from __future__ import annotations

import argparse
import os
import sys

__all__ = ["main"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="upperback", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    demo = commands.add_parser("demo", help="write the synthetic demo clinic into the session log")
    demo.add_argument("--database", help="a database URL (default: the workbook's own log)")
    report = commands.add_parser("report", help="write a client's progress report as HTML")
    report.add_argument("--client", required=True, help="the client's name as logged")
    report.add_argument("--output", help="where to write (default: reports/ in the workbook)")
    report.add_argument("--database", help="a database URL (default: the workbook's own log)")
    _add_clinic_commands(commands)
    arguments = parser.parse_args(argv)

    if arguments.command == "clinic":
        return _clinic(arguments)

    from upperback.queries import Library
    from upperback.store import Store, StoreError

    if arguments.command == "report":
        from upperback.report import ReportError, write_report

        try:
            path = write_report(arguments.client, arguments.output, database=arguments.database)
        except ReportError as error:
            print(f"upperback report: {error}", file=sys.stderr)
            return 1
        print(f"Wrote {path}")
        return 0

    if arguments.command == "demo":
        from upperback.demo import make_demo

        try:
            store = Store(arguments.database)
            written = make_demo(store, Library.load())
        except StoreError as error:
            print(f"upperback demo: {error}", file=sys.stderr)
            return 1
        if written:
            print(f"Wrote {written} synthetic demo sessions to {store.url}")
        else:
            print(f"The demo clinic is already in {store.url}")
    return 0


ADMIN_URL_VARIABLE = "UPPERBACK_CLINIC_ADMIN_URL"
CREDENTIALS_VARIABLE = "UPPERBACK_CLINIC_CREDENTIALS"


def _add_clinic_commands(commands) -> None:
    clinic = commands.add_parser(
        "clinic",
        help="a shared PostgreSQL log where each person reaches only their own rows",
        description="Run these as the clinic's admin, with a PostgreSQL superuser's URL.",
    )
    steps = clinic.add_subparsers(dest="step", required=True)
    init = steps.add_parser("init", help="make the log private: owner, grants, row policies")
    coach = steps.add_parser("add-coach", help="give a coach a database role of their own")
    coach.add_argument("name", help="the coach's login name on the hub")
    client = steps.add_parser("add-client", help="give a client a database role of their own")
    client.add_argument("name", help="the client's login name on the hub")
    client.add_argument("--coach", required=True, help="the coach who may see their rows")
    listing = steps.add_parser("list", help="everyone in the clinic, and who coaches whom")
    merge = steps.add_parser(
        "merge-names",
        help="join two spellings of one person into one client (sessions, checks, routines)",
        description="Everything the log keeps for OLD becomes NEW's, in one transaction. "
        "Works on any log: the default is $UPPERBACK_CLINIC_ADMIN_URL, else the workbook's own.",
    )
    merge.add_argument("old", help="the spelling to give up, as the log shows it")
    merge.add_argument("new", help="the spelling to keep, as the log shows it")
    for step in (init, coach, client, listing, merge):
        step.add_argument(
            "--database",
            default=os.environ.get(ADMIN_URL_VARIABLE),
            help=f"the admin's PostgreSQL URL (default: ${ADMIN_URL_VARIABLE})",
        )
    for step in (coach, client):
        step.add_argument(
            "--credentials",
            default=os.environ.get(CREDENTIALS_VARIABLE),
            help="the folder, readable by the hub only, where each person's database URL "
            f"is kept (default: ${CREDENTIALS_VARIABLE}, else clinic-credentials in the "
            "workbook folder)",
        )


def _clinic(arguments) -> int:
    from upperback.store.access import ClinicError, add_person, init_clinic, people
    from upperback.workbook import workbook_folder

    shown = f"upperback clinic {arguments.step}"
    if arguments.step == "merge-names":
        return _merge_names(arguments, shown)
    if not arguments.database:
        print(f"{shown}: give the admin's database URL with --database or "
              f"${ADMIN_URL_VARIABLE}.", file=sys.stderr)  # fmt: skip
        return 2
    try:
        if arguments.step == "init":
            init_clinic(arguments.database)
            print("The clinic's log is private by design: each person reaches only their rows.")
        elif arguments.step == "list":
            for name, (kind, coach) in sorted(people(arguments.database).items()):
                print(f"{name}\t{kind}" + (f"\tcoached by {coach}" if coach else ""))
        else:
            from upperback.store.access import write_credentials

            kind = "coach" if arguments.step == "add-coach" else "client"
            person = add_person(
                arguments.database,
                arguments.name,
                kind=kind,
                coach=getattr(arguments, "coach", None),
            )
            folder = arguments.credentials or workbook_folder() / "clinic-credentials"
            path = write_credentials(folder, person)
            print(f"Added {kind} {person.name}. Their database URL is in {path} (readable by "
                  f"you only); the hub hands it to {person.name}'s server alone.")  # fmt: skip
    except ClinicError as error:
        print(f"{shown}: {error}", file=sys.stderr)
        return 1
    return 0


def _merge_names(arguments, shown: str) -> int:
    import warnings

    from upperback.store import NameCollisionWarning, Store, StoreError

    try:
        with warnings.catch_warnings():  # the ones left are listed below, plainly
            warnings.simplefilter("ignore", NameCollisionWarning)
            store = Store(arguments.database)
        moved = store.merge_names(arguments.old, arguments.new)
    except StoreError as error:
        print(f"{shown}: {error}", file=sys.stderr)
        return 1
    print(f"'{arguments.old}' is now part of '{arguments.new}': {moved} rows moved.")
    left = store.name_collisions()
    if left:
        print("Still two spellings of one person: " + "; ".join(" and ".join(g) for g in left))
    return 0


if __name__ == "__main__":
    sys.exit(main())
