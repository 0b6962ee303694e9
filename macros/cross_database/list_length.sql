{# The number of elements of a list; NULL when the list is NULL. #}
{% macro list_length(list) -%}
    {{ return(adapter.dispatch('list_length', 'movies')(list)) }}
{%- endmacro %}

{% macro duckdb__list_length(list) -%}
    len({{ list }})
{%- endmacro %}

{# Spark: array_size, not size (size(NULL) is -1 unless ANSI mode is on). #}
{% macro spark__list_length(list) -%}
    array_size({{ list }})
{%- endmacro %}
