"""Command-line pipeline around the movies dbt project."""

from importlib import metadata

try:
    __version__ = metadata.version("movies-pipeline")
except metadata.PackageNotFoundError:  # running from a source tree that was not installed
    __version__ = "0.0.0"
