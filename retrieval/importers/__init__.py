"""Convert outside formats (Amazon Reviews 2023, CSV with a column mapping) into a shop directory.

Both importers stream their input line by line (plain or gzip), validate every converted row with
the contract models and write `products.jsonl`, `reviews.jsonl`, … for `shopassist ingest DIR`.
A row is never dropped silently: each skipped row becomes a `file:line: field: message` problem.

Modules: `common` (report, writer, validation, value parsers), `amazon` (Amazon Reviews 2023 JSONL),
`tabular` (CSV with a column mapping), `registry` (FORMAT of `shopassist import FORMAT SRC OUT`):
each format module below registers itself there when imported.
"""

from retrieval.importers import flipkart, myntra, olist  # noqa: F401  (formats register themselves)
from retrieval.importers.amazon import import_amazon2023
from retrieval.importers.common import ImportReport, parse_number
from retrieval.importers.home_depot import import_home_depot
from retrieval.importers.registry import IMPORTERS, Importer, register, run_import
from retrieval.importers.tabular import import_csv, parse_mapping, plan_csv

__all__ = [
    "IMPORTERS",
    "ImportReport",
    "Importer",
    "import_amazon2023",
    "import_csv",
    "import_home_depot",
    "parse_mapping",
    "parse_number",
    "plan_csv",
    "register",
    "run_import",
]
