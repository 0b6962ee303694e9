{# The partition_by config that goes with incremental_replace_strategy: none on DuckDB (delete+insert works on the unique key); the given columns on Spark, so that insert_overwrite replaces exactly the partitions of the files a run loads. #}
{% macro incremental_replace_partitions(columns) -%}
    {{ return(adapter.dispatch('incremental_replace_partitions', 'movies')(columns)) }}
{%- endmacro %}

{% macro default__incremental_replace_partitions(columns) -%}
    {{ return(none) }}
{%- endmacro %}

{% macro spark__incremental_replace_partitions(columns) -%}
    {{ return(columns) }}
{%- endmacro %}
