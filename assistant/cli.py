"""The `shopassist` command line: parses arguments into Settings and calls the library."""

from __future__ import annotations

import json
import logging
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from assistant.config import DEMO_SHOP_DIR, get_settings
from assistant.runtime import NotIngestedError
from retrieval.money import format_money

app = typer.Typer(help="shopassist: a conversational shopping assistant.", no_args_is_help=True)
console = Console(stderr=True, soft_wrap=True)


@app.callback()
def _main(verbose: Annotated[bool, typer.Option("--verbose", "-v")] = False) -> None:
    logging.basicConfig(level=logging.INFO if verbose else logging.WARNING)


@app.command()
def ingest(
    directory: Annotated[Path, typer.Argument(help="Shop directory")] = DEMO_SHOP_DIR,
    reset: Annotated[bool, typer.Option(help="Drop everything loaded before")] = False,
    skip_invalid: Annotated[bool, typer.Option(help="Load valid rows, write rejects")] = False,
) -> None:
    """Validate and load a shop (default: the bundled demo shop); idempotent."""
    from retrieval.ingest import IngestError, ingest_shop

    settings = get_settings()
    try:
        report = ingest_shop(
            directory,
            settings,
            reset=reset,
            skip_invalid=skip_invalid,
            show_progress=sys.stderr.isatty(),
            on_stage=lambda msg: console.print(f"[dim]{msg}…[/dim]"),
        )
    except FileNotFoundError as exc:
        console.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(2) from exc
    except IngestError as exc:
        for err in exc.errors[:200]:
            console.print(str(err), markup=False, highlight=False)
        if len(exc.errors) > 200:
            console.print(f"… and {len(exc.errors) - 200} more")
        console.print(
            f"[red]{exc}[/red]. Fix the rows, or pass --skip-invalid to load the valid ones."
        )
        raise typer.Exit(1) from exc
    for err in report.errors[:50]:
        console.print(str(err), markup=False, highlight=False)
    if report.rejects_file:
        console.print(
            f"[yellow]{len(report.errors)} row(s) rejected[/yellow]: {report.rejects_file}"
        )
    table = Table("table", "read", "written", "unchanged", "total")
    for kind, total in report.totals.items():
        table.add_row(
            kind,
            str(report.read.get(kind, 0)),
            str(report.written.get(kind, 0)),
            str(report.unchanged.get(kind, 0)),
            str(total),
        )
    Console().print(table)
    embedded = ", ".join(
        f"{k}: {v} embedded, {report.vectors[k]} stored" for k, v in report.embedded.items()
    )
    Console().print(f"vectors: {embedded}\nhome: {settings.home}")


@app.command()
def search(
    query: Annotated[str | None, typer.Argument(help="What to look for")] = None,
    k: Annotated[int, typer.Option("-k", help="How many results")] = 10,
    as_json: Annotated[bool, typer.Option("--json", help="JSON output")] = False,
    batch: Annotated[Path | None, typer.Option(help="One query per line, or JSONL")] = None,
    mode: Annotated[str, typer.Option(help="hybrid | lexical | vector")] = "hybrid",
) -> None:
    """Hybrid product search; filters ("under $80", "4+ stars", "in stock") come from the query."""
    from assistant.runtime import open_searcher

    if (query is None) == (batch is None):
        console.print("[red]error:[/red] give a QUERY or --batch FILE")
        raise typer.Exit(2)
    try:
        searcher = open_searcher(get_settings())
    except NotIngestedError as exc:
        console.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(2) from exc
    queries = [query] if query is not None else _batch_queries(batch)
    for text in queries:
        result = searcher.search(text, k=k, mode=mode)  # type: ignore[arg-type]
        if as_json or batch is not None:
            print(result.model_dump_json())
            continue
        table = Table("#", "id", "title", "price", "rating", "stock", "why", title=text)
        for n, hit in enumerate(result.hits, start=1):
            rating = f"{hit.rating:.1f} ({hit.rating_count})" if hit.rating is not None else "-"
            stock = "in stock" if hit.in_stock else "out"
            price = format_money(hit.price, hit.currency)
            why = hit.why[0] if hit.matched else f"near miss (not every constraint): {hit.why[0]}"
            table.add_row(str(n), hit.product_id, hit.title, price, rating, stock, why)
        Console().print(table)
        applied = result.filters.model_dump(exclude_none=True)
        if applied:
            Console().print(f"filters: {applied}")


@app.command()
def chat(
    message: Annotated[str | None, typer.Argument(help="One message; omit for a REPL")] = None,
    customer: Annotated[str | None, typer.Option(help="Signed-in customer id")] = None,
    agent: Annotated[bool, typer.Option("--agent", help="Support-agent role")] = False,
    session: Annotated[str | None, typer.Option(help="Continue this session id")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the turn's trace as JSON")] = False,
) -> None:
    """Chat with the assistant: one turn with MESSAGE, or a REPL without it."""
    from assistant.chat_cli import run_chat

    try:
        code = run_chat(get_settings(), message, customer, agent, session, as_json)
    except NotIngestedError as exc:
        console.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(2) from exc
    raise typer.Exit(code)


@app.command("tool")
def call_tool_command(
    name: Annotated[str, typer.Argument(help="Tool name, e.g. get_order")],
    args: Annotated[str, typer.Option("--args", help="Arguments as a JSON object")] = "{}",
    customer: Annotated[str | None, typer.Option(help="Act as this customer")] = None,
    agent: Annotated[bool, typer.Option("--agent", help="Act as a support agent")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="JSON output")] = False,
) -> None:
    """Call one tool directly, as a customer, a support agent or an anonymous visitor."""
    from assistant.runtime import open_shop
    from tools.context import SessionState, ToolContext
    from tools.registry import call_tool

    try:
        parsed = json.loads(args)
    except json.JSONDecodeError as exc:
        console.print(f"[red]error:[/red] --args is not valid JSON: {exc.msg}")
        raise typer.Exit(2) from exc
    role = "agent" if agent else ("customer" if customer else "visitor")
    state = SessionState(id="cli", role=role, customer_id=customer)
    outcome = call_tool(name, parsed, ToolContext(shop=open_shop(get_settings()), session=state))
    if as_json:
        print(outcome.model_dump_json(indent=2))
    elif outcome.ok:
        Console().print_json(data=outcome.result)
    else:
        console.print(f"[red]{outcome.error}[/red]")
    raise typer.Exit(0 if outcome.ok else 1)


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="Interface to listen on")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port")] = 8000,
) -> None:
    """Start the API and the web UI (customer widget at /, support console at /console)."""
    import uvicorn

    from assistant.guardrails import install_log_redaction, redacting_log_config
    from ui.web import web_app

    settings = get_settings()
    try:
        app_ = web_app(settings)
        _ = app_.state.server.agent  # load the shop now, not on the first message
    except (NotIngestedError, RuntimeError) as exc:
        console.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(2) from exc
    console.print(f"widget:  http://{host}:{port}/")
    console.print(
        f"console: http://{host}:{port}/console  (user {settings.agent_username!r}"
        + (
            ", password in $SHOPASSIST_HOME/agent_password)"
            if settings.agent_password is None
            else ")"
        )
    )
    install_log_redaction()
    # Keep idle connections longer than a client's or proxy's pause between messages (60 s is
    # the usual proxy idle timeout): uvicorn's 5 s default races clients reusing a connection.
    # uvicorn's own handlers (the access log prints each URL, a widget token included) redact too.
    log_config = redacting_log_config(uvicorn.config.LOGGING_CONFIG)
    uvicorn.run(
        app_, host=host, port=port, log_level="info", timeout_keep_alive=65, log_config=log_config
    )


@app.command()
def token(
    customer: Annotated[str | None, typer.Option(help="Customer id to mint a token for")] = None,
    agent: Annotated[str | None, typer.Option(help="Agent name (role agent)")] = None,
    ttl: Annotated[int, typer.Option(help="Lifetime in seconds")] = 3600,
) -> None:
    """Mint a signed session token (what a shop's own login would hand the widget)."""
    from ui.auth import mint_token, secret_key

    if (customer is None) == (agent is None):
        console.print("[red]error:[/red] give --customer ID or --agent NAME")
        raise typer.Exit(2)
    key = secret_key(get_settings())
    print(mint_token(key, customer or agent or "", "customer" if customer else "agent", ttl))


@app.command()
def recommend(
    customer: Annotated[str | None, typer.Option(help="Recommend for this customer")] = None,
    product: Annotated[str | None, typer.Option(help="Recommend around this product")] = None,
    k: Annotated[int, typer.Option("-k", help="How many")] = 5,
    as_json: Annotated[bool, typer.Option("--json", help="JSON output")] = False,
) -> None:
    """Hybrid recommendations (co-purchase, content similarity, popularity) with reasons."""
    from assistant.runtime import open_shop
    from tools.context import SessionState, ToolContext
    from tools.registry import call_tool

    if (customer is None) == (product is None):
        console.print("[red]error:[/red] give --customer ID or --product ID")
        raise typer.Exit(2)
    args = {"for_customer": customer} if customer else {"for_product_id": product}
    state = SessionState(id="cli", role="agent")
    try:
        context = ToolContext(shop=open_shop(get_settings()), session=state)
    except NotIngestedError as exc:
        console.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(2) from exc
    outcome = call_tool("recommend_products", args | {"k": k}, context)
    if not outcome.ok:
        console.print(f"[red]{outcome.error}[/red]")
        raise typer.Exit(1)
    if as_json:
        print(json.dumps(outcome.result))
        return
    table = Table("#", "id", "title", "price", "why", title=f"for {customer or product}")
    for n, item in enumerate(outcome.result["products"], start=1):
        table.add_row(
            str(n),
            item["product_id"],
            item["title"],
            format_money(item["price"], item.get("currency")),
            item["reason"],
        )
    Console().print(table)


def _batch_queries(path: Path | None) -> list[str]:
    assert path is not None
    queries = []
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line:
            continue
        queries.append(json.loads(line)["query"] if line.startswith("{") else line)
    return queries


def _register_commands() -> None:
    from assistant.commands.sentiment import sentiment_command
    from eval.command import eval_command, eval_diff_command

    app.command("eval")(eval_command)
    app.command("eval-diff")(eval_diff_command)
    app.command("sentiment")(sentiment_command)


_register_commands()

import_app = typer.Typer(
    help="Convert outside formats into a shop directory for `shopassist ingest`.",
    no_args_is_help=True,
)
app.add_typer(import_app, name="import")


@import_app.command("amazon2023")
def import_amazon2023_command(
    meta: Annotated[Path, typer.Argument(help="meta_<Category>.jsonl[.gz]", exists=True)],
    out: Annotated[Path, typer.Option("--out", help="Shop directory to write")],
    reviews: Annotated[
        Path | None, typer.Argument(help="<Category>.jsonl[.gz] reviews", exists=True)
    ] = None,
    default_price: Annotated[
        float | None, typer.Option(help="Price for items without one (else skipped)", min=0)
    ] = None,
    limit: Annotated[int | None, typer.Option(help="Import at most N products", min=1)] = None,
) -> None:
    """Convert Amazon Reviews 2023 (McAuley lab) meta and review files into a shop directory."""
    from retrieval.importers import import_amazon2023

    progress = sys.stderr.isatty()
    report = import_amazon2023(
        meta, reviews, out, default_price=default_price, limit=limit, show_progress=progress
    )
    _print_import(report)


@import_app.command("csv")
def import_csv_command(
    file: Annotated[Path, typer.Argument(help="CSV file (.csv or .csv.gz)", exists=True)],
    kind: Annotated[str, typer.Option(help="products | reviews | customers | orders")],
    out: Annotated[Path, typer.Option("--out", help="Shop directory to write")],
    maps: Annotated[
        list[str] | None, typer.Option("--map", help="FIELD=COLUMN, repeatable")
    ] = None,
    mapping: Annotated[Path | None, typer.Option(help="JSON {field: column}", exists=True)] = None,
    encoding: Annotated[str, typer.Option(help="Text encoding of the CSV")] = "utf-8-sig",
    delimiter: Annotated[str | None, typer.Option(help="Default: guessed from the header")] = None,
) -> None:
    """Convert a CSV into <kind>.jsonl with FIELD=COLUMN mappings (same-named columns map too)."""
    from retrieval.importers import import_csv

    try:
        fields = _csv_mapping(mapping, maps or [])
        report = import_csv(
            file,
            kind,
            fields,
            out,
            encoding=encoding,
            delimiter=delimiter,
            show_progress=sys.stderr.isatty(),
        )
    except ValueError as exc:
        console.print("[red]error:[/red]", end=" ")
        console.print(str(exc), markup=False, highlight=False)
        raise typer.Exit(2) from exc
    _print_import(report)


def _format_command(name: str):  # a typer command for one registered import format
    def command(
        src: Annotated[Path, typer.Argument(help="Source file or folder", exists=True)],
        out: Annotated[Path, typer.Argument(help="Shop directory to write")],
    ) -> None:
        from retrieval.importers import run_import

        try:
            report = run_import(name, src, out, show_progress=sys.stderr.isatty())
        except ValueError as exc:
            console.print("[red]error:[/red]", end=" ")
            console.print(str(exc), markup=False, highlight=False)
            raise typer.Exit(2) from exc
        _print_import(report)

    return command


def _register_importers() -> None:
    from retrieval.importers import IMPORTERS

    for importer in IMPORTERS.values():
        import_app.command(importer.name, help=importer.summary)(_format_command(importer.name))


_register_importers()


def _csv_mapping(path: Path | None, maps: list[str]) -> dict[str, str]:
    fields: dict[str, str] = {}
    if path is not None:
        loaded = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(loaded, dict):
            raise ValueError(f"{path}: expected a JSON object {{field: column}}")
        fields |= {str(k): str(v) for k, v in loaded.items()}
    for item in maps:
        name, eq, column = item.partition("=")
        if not eq or not name.strip():
            raise ValueError(f"--map {item!r}: expected FIELD=COLUMN")
        fields[name.strip()] = column
    return fields


def _print_import(report) -> None:  # a retrieval.importers.ImportReport (imported lazily)
    out = Console(soft_wrap=True, highlight=False)
    if report.mapping:
        out.print("mapping: " + ", ".join(f"{k}={v}" for k, v in report.mapping.items()))
    for err in report.problems[:20]:
        console.print(str(err), markup=False, highlight=False)
    if report.problem_count:
        more = f" ({report.problem_count - 20} more problems)" if report.problem_count > 20 else ""
        console.print(f"[yellow]{sum(report.skipped.values())} row(s) skipped[/yellow]{more}")
        console.print(f"all problems: {report.problems_file}", markup=False, highlight=False)
    for note in report.notes:
        console.print(note, markup=False, highlight=False)
    written = ", ".join(f"{name}: {n} row(s)" for name, n in report.written.items())
    out.print(f"wrote {report.out_dir} ({written})", markup=False)
    if not any(report.written.values()):
        raise typer.Exit(1)
    out.print(f"next: shopassist ingest {report.out_dir}", markup=False)


if __name__ == "__main__":
    app()
