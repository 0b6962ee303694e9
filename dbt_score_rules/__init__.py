"""This project's own dbt-score rules: the conventions of docs/conventions.md that dbt-score lacks.

dbt-score loads every rule in this package (its default custom namespace, named in
pyproject.toml's [tool.dbt-score]) when run from the project folder.
"""
