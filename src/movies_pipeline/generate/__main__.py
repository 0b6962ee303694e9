"""`python -m movies_pipeline.generate`: the `generate` subcommand on its own, through the
command's entry point (cli.main) and its error boundary."""

import sys

from movies_pipeline.cli import main

sys.exit(main(["generate", *sys.argv[1:]]))
