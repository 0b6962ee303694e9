{# The adapter's spelling of a DuckDB type name the models cast to (varchar, bigint, ...). #}
{% macro type_name(duckdb_type) -%}
    {{ return(adapter.dispatch('type_name', 'movies')(duckdb_type)) }}
{%- endmacro %}

{% macro default__type_name(duckdb_type) -%}
    {{ duckdb_type }}
{%- endmacro %}

{# Spark: varchar needs a length there; string is the unbounded text type. #}
{% macro spark__type_name(duckdb_type) -%}
    {%- set spark_names = {'varchar': 'string'} -%}
    {{ spark_names.get(duckdb_type | trim | lower, duckdb_type) }}
{%- endmacro %}
