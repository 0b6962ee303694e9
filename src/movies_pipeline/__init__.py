"""Command-line pipeline around the movies dbt project."""
