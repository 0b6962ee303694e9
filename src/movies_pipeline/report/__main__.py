"""python -m movies_pipeline.report [--warehouse PATH] [--out PATH]"""

from movies_pipeline.report.command import main

raise SystemExit(main())
