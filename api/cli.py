"""`thirdlink`: the command line for running the local Neo4j, the schema and the API.

thirdlink db start|stop|status [--instance NAME]
thirdlink migrate
thirdlink load-demo [--if-empty]
thirdlink load-synthetic --deputies N --seed S
thirdlink export-schema [FILE]
thirdlink serve [--host H] [--port P]
thirdlink setup-local           # db start + migrate + load-demo --if-empty (make run)
thirdlink token create --role R --name N [--deputy ID] | list | revoke ID|NAME | ensure-local
thirdlink feed create --kind deputy|committee|group --id ID | list | revoke ID
thirdlink export FILE | import FILE   # the whole graph as JSON Lines (graph/kernel/transfer.py)
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import sys
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import TypeVar

from api.settings import from_env
from graph.kernel.db import Database, open_driver
from graph.kernel.errors import DomainError
from graph.kernel.settings import Settings
from launcher import server

T = TypeVar("T")


def _say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def _with_db(settings: Settings, work: Callable[[Database], Awaitable[T]]) -> T:
    async def main() -> T:
        async with open_driver(settings) as driver:
            return await work(Database(driver, settings.database))

    return asyncio.run(main())


def _progress(label: str) -> Callable[[int, int], None]:
    """Progress on stderr: one updating line on a terminal; in a log, a line every 10%."""
    interactive = sys.stderr.isatty()
    shown = {"step": -1}

    def show(done: int, total: int) -> None:
        pct = 100.0 * done / total if total else 100.0
        if interactive:
            end = "\n" if done >= total else ""
            print(
                f"\r{label}: {done:,}/{total:,} ({pct:5.1f}%)", end=end, file=sys.stderr, flush=True
            )
        elif int(pct // 10) > shown["step"]:
            shown["step"] = int(pct // 10)
            print(f"{label}: {done:,}/{total:,} ({pct:5.1f}%)", file=sys.stderr, flush=True)

    return show


def cmd_db(args: argparse.Namespace) -> int:
    if args.action == "start":
        instance = server.start(args.instance, log=_say)
        _say(f"Neo4j '{args.instance}' is ready at {instance.uri}")
    elif args.action == "stop":
        server.stop(args.instance, log=_say)
    else:
        info = server.status(args.instance)
        print(json.dumps(info, indent=2, ensure_ascii=False))
        return 0 if info["answers"] else 3
    return 0


def cmd_migrate(args: argparse.Namespace) -> int:
    from graph import migrations

    applied = _with_db(from_env(args.instance), lambda db: migrations.migrate(db, log=_say))
    _say(f"Schema at version {migrations.latest_version()} (applied now: {applied or 'none'}).")
    return 0


def cmd_load_demo(args: argparse.Namespace) -> int:
    from datasets.demo import compose as demo
    from graph.kernel import loading

    async def work(db: Database) -> None:
        if args.if_empty and not await loading.is_empty(db):
            _say("The graph already holds data; demo data not loaded (--if-empty).")
            return
        stats = await loading.load_dataset(db, demo.demo_dataset(), progress=_progress("demo"))
        _say(f"Demo data loaded: {stats.nodes:,} nodes, {stats.relationships:,} relationships.")

    _with_db(from_env(args.instance), work)
    return 0


def cmd_load_synthetic(args: argparse.Namespace) -> int:
    """A deterministic synthetic city; optionally a year of trips and a stream of suggestions
    (raised by their own synthetic groups, bulk-loaded: the suggestion benchmark's data)."""
    import time

    from datasets.synthetic import (
        base as synthetic,
    )
    from datasets.synthetic import (
        proposals as synthetic_proposals,
    )
    from datasets.synthetic import (
        trips as synthetic_trips,
    )
    from graph.kernel import loading
    from graph.proposals import bulk as proposals

    dataset = (
        synthetic_trips.synthetic_with_trips(args.deputies, args.seed, args.activities)
        if args.activities
        else synthetic.synthetic_dataset(deputies=args.deputies, seed=args.seed)
    )

    async def work(db: Database) -> None:
        stats = await loading.load_dataset(
            db, dataset, batch_size=args.batch_size, progress=_progress("synthetic")
        )
        rate = (stats.nodes + stats.relationships) / stats.seconds if stats.seconds else 0.0
        _say(
            f"Loaded {stats.nodes:,} nodes and {stats.relationships:,} relationships "
            f"in {stats.seconds:.1f}s ({rate:,.0f} nodes+relationships/s)."
        )
        if not args.proposals:
            return
        await loading.load_dataset(db, synthetic_proposals.base_dataset())
        show = _progress("suggestions")
        started, done = time.perf_counter(), 0
        for rows in synthetic_proposals.proposal_batches(args.proposals, seed=args.seed):
            await proposals.bulk_create(db, rows)
            done += len(rows)
            show(done, args.proposals)
        seconds = time.perf_counter() - started
        _say(f"Loaded {done:,} suggestions in {seconds:.1f}s ({done / seconds:,.0f}/s).")

    _with_db(from_env(args.instance), work)
    return 0


def cmd_export_schema(args: argparse.Namespace) -> int:
    from schema import schema

    text = schema.as_str() + "\n"
    if args.file == "-":
        sys.stdout.write(text)
    else:
        Path(args.file).write_text(text, encoding="utf-8")
        _say(f"Wrote {args.file}")
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    import uvicorn

    from api import logging as api_logging
    from api.app import create_app

    api_logging.configure()
    # `make run` sets THIRDLINK_GRAPHIQL_TOKEN so its GraphiQL page comes with the local token.
    # The page carries it only for the loopback host:port bound here (DNS rebinding).
    app = create_app(
        instance=args.instance,
        graphiql_token=os.environ.get("THIRDLINK_GRAPHIQL_TOKEN"),
        bind=(args.host, args.port),
    )
    # No uvicorn access log: it would write query strings (feed keys) into the log. The app
    # logs every request itself, path only (api/metrics.py RequestObserver).
    uvicorn.run(app, host=args.host, port=args.port, access_log=False)
    return 0


def cmd_feed(args: argparse.Namespace) -> int:
    """Calendar feed keys. A key is printed once (in the feed's URL path), on stdout."""
    from graph.trips import feeds

    settings = from_env(args.instance)
    if args.action == "create":
        if not args.kind or not args.id:
            _say("thirdlink feed create needs --kind and --id")
            return 2
        feed, key = _with_db(
            settings, lambda db: feeds.create(db, args.kind, args.id, created_by_name="cli")
        )
        _say(f"Created calendar feed {feed.id} for {feed.kind} {feed.owner_id}; shown only once:")
        print(feed.path(key), flush=True)
    elif args.action == "list":
        for feed in _with_db(settings, feeds.list_feeds):
            state = "revoked" if feed.revoked else "active"
            created = feed.created.isoformat() if feed.created else "?"
            print(
                f"{feed.id}\t{feed.kind}\t{feed.owner_id}\t{state}\tcreated {created}"
                f"\tby {feed.created_by_name or '?'}"
            )
    else:
        if not args.ref:
            _say("thirdlink feed revoke needs the feed id")
            return 2
        feed = _with_db(settings, lambda db: feeds.revoke(db, args.ref))
        _say(f"Revoked calendar feed {feed.id} ({feed.kind} {feed.owner_id}).")
    return 0


def cmd_token(args: argparse.Namespace) -> int:
    """API tokens. A secret is printed once, on stdout, and never stored."""
    from graph.kernel import tokens

    settings = from_env(args.instance)
    if args.action == "create":
        if not args.role or not args.name:
            _say("thirdlink token create needs --role and --name")
            return 2
        token, secret = _with_db(
            settings, lambda db: tokens.create(db, args.name, args.role, args.deputy or "")
        )
        _say(f"Created {token.role} token '{token.name}' (id {token.id}); shown only once:")
        print(secret, flush=True)
    elif args.action == "ensure-local":
        token, secret = _with_db(settings, tokens.ensure_local_admin)
        _say(f"Local ADMIN token '{token.name}' (previous one revoked); shown only once:")
        print(secret, flush=True)
    elif args.action == "list":
        for token in _with_db(settings, tokens.list_tokens):
            state = "revoked" if token.revoked else "active"
            used = token.last_used.isoformat() if token.last_used else "never"
            created = token.created.isoformat() if token.created else "?"
            print(
                f"{token.id}\t{token.name}\t{token.role}\t{state}\tcreated {created}\tused {used}"
            )
    else:
        if not args.ref:
            _say("thirdlink token revoke needs the token id or name")
            return 2
        token = _with_db(settings, lambda db: tokens.revoke(db, args.ref))
        _say(f"Revoked token '{token.name}' ({token.id}).")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from graph.kernel import transfer

    lines = _with_db(from_env(args.instance), transfer.export_lines)
    Path(args.file).write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    _say(f"Wrote {len(lines):,} lines to {args.file}")
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    from graph.kernel import transfer

    with open(args.file, encoding="utf-8") as handle:
        lines = handle.readlines()
    stats = _with_db(from_env(args.instance), lambda db: transfer.import_lines(db, lines))
    _say(f"Imported {stats.nodes:,} nodes and {stats.relationships:,} relationships.")
    return 0


def cmd_setup_local(args: argparse.Namespace) -> int:
    """What `make run` does before serving: a ready database with the demo data."""
    import os

    if not os.environ.get("NEO4J_URI"):
        server.start(args.instance, log=_say)
    cmd_migrate(args)
    args.if_empty = True
    return cmd_load_demo(args)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="thirdlink", description=__doc__.splitlines()[0])
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--instance",
        default="dev",
        help="local Neo4j instance name (ignored when NEO4J_URI is set; default: dev)",
    )
    sub = parser.add_subparsers(dest="command", required=True)

    db = sub.add_parser("db", parents=[common], help="start, stop or inspect the local Neo4j")
    db.add_argument("action", choices=("start", "stop", "status"))
    db.set_defaults(func=cmd_db)

    sub.add_parser("migrate", parents=[common], help="apply schema migrations").set_defaults(
        func=cmd_migrate
    )

    demo = sub.add_parser(
        "load-demo", parents=[common], help="load the Zhucheng demo dataset (idempotent)"
    )
    demo.add_argument("--if-empty", action="store_true", help="only when the graph is empty")
    demo.set_defaults(func=cmd_load_demo)

    synth = sub.add_parser(
        "load-synthetic", parents=[common], help="load a deterministic synthetic city"
    )
    synth.add_argument("--deputies", type=int, default=2000)
    synth.add_argument("--seed", type=int, default=1)
    synth.add_argument("--batch-size", type=int, default=5000)
    synth.add_argument(
        "--activities", type=int, default=0, help="also a year of N inspection/research trips"
    )
    synth.add_argument(
        "--proposals", type=int, default=0, help="also N suggestions with their histories"
    )
    synth.set_defaults(func=cmd_load_synthetic)

    export = sub.add_parser(
        "export-schema", parents=[common], help="write the GraphQL SDL (default schema.graphql)"
    )
    export.add_argument("file", nargs="?", default="schema.graphql")
    export.set_defaults(func=cmd_export_schema)

    serve = sub.add_parser("serve", parents=[common], help="serve the GraphQL API")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
    serve.set_defaults(func=cmd_serve)

    token = sub.add_parser("token", parents=[common], help="create, list or revoke API tokens")
    token.add_argument("action", choices=("create", "list", "revoke", "ensure-local"))
    token.add_argument("ref", nargs="?", help="revoke: the token id or name")
    token.add_argument("--role", choices=("VIEWER", "PLANNER", "CLERK", "ADMIN", "DEPUTY"))
    token.add_argument("--name")
    token.add_argument("--deputy", help="create --role DEPUTY: the id of the deputy it signs in as")
    token.set_defaults(func=cmd_token)

    feed = sub.add_parser(
        "feed", parents=[common], help="create, list or revoke calendar feed keys"
    )
    feed.add_argument("action", choices=("create", "list", "revoke"))
    feed.add_argument("ref", nargs="?", help="revoke: the feed id")
    feed.add_argument("--kind", choices=("deputy", "committee", "group"))
    feed.add_argument("--id", help="create: the deputy's, committee's or group's id")
    feed.set_defaults(func=cmd_feed)

    exp = sub.add_parser("export", parents=[common], help="write the whole graph as JSON Lines")
    exp.add_argument("file")
    exp.set_defaults(func=cmd_export)

    imp = sub.add_parser(
        "import", parents=[common], help="load a JSON Lines export into an empty graph"
    )
    imp.add_argument("file")
    imp.set_defaults(func=cmd_import)

    sub.add_parser(
        "setup-local",
        parents=[common],
        help="start the local Neo4j, migrate, load demo data when empty",
    ).set_defaults(func=cmd_setup_local)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return int(args.func(args))
    except (server.ServerError, DomainError) as exc:
        _say(f"thirdlink: {exc}")
        return 2
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
