"""`python -m movies_pipeline` is the same as `movies-pipeline`."""

import sys

from movies_pipeline.cli import main

sys.exit(main())
