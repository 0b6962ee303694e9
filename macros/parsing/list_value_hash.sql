{# The hash that names a list cell's text: int_movie_list_cells_loaded points at
    int_movie_list_values_parsed by it. #}
{% macro list_value_hash(text) -%}
    {{ return(adapter.dispatch('list_value_hash', 'movies')(text)) }}
{%- endmacro %}

{#- DuckDB: md5 as a 128-bit number, not dbt's hash() (md5 as 32 hex characters): half
    the bytes in 18.9 M cell rows at 100x, and a join on a number. -#}
{% macro duckdb__list_value_hash(text) -%}
    md5_number({{ text }})
{%- endmacro %}

{% macro spark__list_value_hash(text) -%}
    {{ dbt.hash(text) }}
{%- endmacro %}
