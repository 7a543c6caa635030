"""The `upperback` command: tasks done outside a notebook."""

from __future__ import annotations

import argparse
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
    arguments = parser.parse_args(argv)

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


if __name__ == "__main__":
    sys.exit(main())
