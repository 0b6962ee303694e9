"""`python -m movies_pipeline.report [--warehouse PATH] [--out PATH]`: the `report` subcommand on
its own, through the command's entry point (cli.main) and its error boundary."""

import sys

from movies_pipeline.cli import main

sys.exit(main(["report", *sys.argv[1:]]))
