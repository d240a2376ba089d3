"""The `strength` command: build plans and check catalogs without a browser.

Exit status: 0 done, 1 the catalog has problems, 2 the input (profile, options)
is wrong. Domain errors print as messages, never as tracebacks.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from .catalog import DATA_ENV, OVERLAY_ENV, check_catalog, default_folders, load_catalog
from .errors import CatalogError, StrengthError
from .exports import BINARY, PAPERS, render, summary_pdf, week_sheet_pdf
from .planning import build_plan
from .profile import read_profile
from .schema import SCHEMA_FILE, schema_text

EXIT_OK, EXIT_CATALOG, EXIT_INPUT = 0, 1, 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="strength",
        description="Strength programs for runners: build plans, check exercise catalogs.",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    build = commands.add_parser(
        "build",
        help="build a plan from a runner's profile (YAML)",
        description="Build a strength plan from a runner's profile and print or save it.",
    )
    build.add_argument("profile", type=Path, help="the runner's profile, a YAML file")
    _catalog_options(build, several=False)
    build.add_argument(
        "--format",
        choices=("json", "csv", "md", "pdf", "ics"),
        default="json",
        help="output format (default: json)",
    )
    build.add_argument(
        "--paper",
        choices=tuple(PAPERS),
        default="a4",
        help="page size of the PDF (default: a4)",
    )
    build.add_argument(
        "--week",
        type=int,
        metavar="N",
        help="with --format pdf: only week N, its sessions on one page to pin up",
    )
    build.add_argument(
        "--summary",
        action="store_true",
        help="with --format pdf: the whole plan on one page, exercise by week",
    )
    build.add_argument(
        "-o",
        "--output",
        type=Path,
        help="write to this file instead of stdout (a PDF goes to stdout only when it is "
        "piped or redirected, never to a terminal)",
    )

    catalog = commands.add_parser("catalog", help="check or describe an exercise catalog")
    catalog_commands = catalog.add_subparsers(
        dest="catalog_command", required=True, metavar="ACTION"
    )
    check = catalog_commands.add_parser(
        "check",
        help="validate catalog folders; exit 1 with every problem listed",
        description="Validate catalog folders, layered in the order given (later ones "
        "override earlier ones). Without folders: the bundled catalog plus the coach's "
        f"folder (${OVERLAY_ENV}, or 'catalog' in ${DATA_ENV}'s folder) when there is one.",
    )
    check.add_argument("folders", nargs="*", type=Path, metavar="DIR")
    check.add_argument(
        "--coach", type=Path, help="a coach's overlay folder, layered over the folders"
    )
    schema = catalog_commands.add_parser(
        "schema", help=f"print the JSON Schema for catalog files (exercises/{SCHEMA_FILE})"
    )
    schema.add_argument("-o", "--output", type=Path, help="write to this file")
    return parser


def _catalog_options(parser: argparse.ArgumentParser, several: bool) -> None:
    parser.add_argument(
        "--catalog",
        type=Path,
        help="catalog folder (default: the bundled exercises/)",
    )
    parser.add_argument(
        "--coach",
        type=Path,
        help=f"a coach's overlay folder (default: ${OVERLAY_ENV}, or the data folder's "
        "'catalog' when it exists)",
    )


def _folders(base: Sequence[Path] | Path | None, coach: Path | None) -> tuple[Path, ...]:
    defaults = default_folders()
    if isinstance(base, Path):
        base = [base]
    folders = tuple(base) if base else defaults[:1]
    if coach is not None:
        return (*folders, coach)
    return folders + defaults[1:] if not base else folders


def _refusal(args: argparse.Namespace) -> str | None:
    """What is wrong with the options of `build`, before anything is built."""
    if args.week is not None and args.summary:
        return (
            "choose one: --week N prints one week on a page, --summary the whole plan on a "
            "page; for both, run the command twice"
        )
    wanted = "--week" if args.week is not None else "--summary" if args.summary else None
    if wanted and args.format != "pdf":
        return (
            f"{wanted} makes a printed page, so it needs --format pdf (not --format {args.format})"
        )
    return None


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        if args.command == "catalog" and args.catalog_command == "check":
            return _check(_folders(args.folders, args.coach))
        if args.command == "catalog" and args.catalog_command == "schema":
            return _write(args.output, schema_text())
        if args.command == "build":
            refusal = _refusal(args)
            if refusal:
                print(f"strength: {refusal}", file=sys.stderr)
                return EXIT_INPUT
            if args.format in BINARY and args.output is None and sys.stdout.isatty():
                print(
                    f"strength: a {args.format.upper()} is binary and would garble the "
                    f"terminal; write it to a file with -o plan.{args.format} "
                    f"(or redirect: > plan.{args.format})",
                    file=sys.stderr,
                )
                return EXIT_INPUT
            folders = _folders(args.catalog, args.coach)
            catalog = load_catalog(*folders)
            plan = build_plan(read_profile(args.profile), catalog)
            if args.week is not None:
                content: str | bytes = week_sheet_pdf(plan, args.week, args.paper)
            elif args.summary:
                content = summary_pdf(plan, args.paper)
            else:
                content = render(plan, args.format, paper=args.paper)
            return _write(args.output, content)
    except CatalogError as error:
        print(f"strength: {error}", file=sys.stderr)
        return EXIT_CATALOG
    except StrengthError as error:
        print(f"strength: {error}", file=sys.stderr)
        return EXIT_INPUT
    except OSError as error:
        print(f"strength: {error.filename or ''}: {error.strerror}", file=sys.stderr)
        return EXIT_INPUT
    return EXIT_OK  # pragma: no cover - argparse requires a command


def _check(folders: tuple[Path, ...]) -> int:
    problems = check_catalog(*folders)
    shown = ", ".join(str(f) for f in folders)
    if problems:
        for problem in problems:
            print(problem)
        count = len(problems)
        print(f"\n{count} problem{'s' if count != 1 else ''} in {shown}", file=sys.stderr)
        return EXIT_CATALOG
    catalog = load_catalog(*folders)
    print(
        f"ok: {len(catalog)} exercises, {len(catalog.vocabulary.areas)} areas, "
        f"{len(catalog.ladders())} ladders in {shown}"
    )
    return EXIT_OK


def _write(output: Path | None, content: str | bytes) -> int:
    if output is None:
        if isinstance(content, bytes):
            sys.stdout.flush()
            sys.stdout.buffer.write(content)
            sys.stdout.buffer.flush()
        else:
            sys.stdout.write(content)
        return EXIT_OK
    if isinstance(content, bytes):
        output.write_bytes(content)
    else:
        output.write_text(content, encoding="utf-8")
    print(f"wrote {output}", file=sys.stderr)
    return EXIT_OK


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
