{# The incremental strategy that replaces the rows of the keys (files) a run loads again: delete+insert on DuckDB; on Spark, whose parquet tables have no delete+insert, insert_overwrite of their partitions. #}
{% macro incremental_replace_strategy() -%}
    {{ return(adapter.dispatch('incremental_replace_strategy', 'movies')()) }}
{%- endmacro %}

{% macro default__incremental_replace_strategy() -%}
    {{ return('delete+insert') }}
{%- endmacro %}

{% macro spark__incremental_replace_strategy() -%}
    {{ return('insert_overwrite') }}
{%- endmacro %}
