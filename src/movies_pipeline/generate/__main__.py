"""`python -m movies_pipeline.generate`: the `generate` subcommand on its own."""

import sys

from movies_pipeline.generate.command import main

sys.exit(main())
