{# The elements of a list for which a condition on the lambda variable holds, in order. #}
{% macro list_filter(list, variable, condition) -%}
    {{ return(adapter.dispatch('list_filter', 'movies')(list, variable, condition)) }}
{%- endmacro %}

{% macro duckdb__list_filter(list, variable, condition) -%}
    list_filter({{ list }}, lambda {{ variable }}: {{ condition }})
{%- endmacro %}

{% macro spark__list_filter(list, variable, condition) -%}
    filter({{ list }}, {{ variable }} -> {{ condition }})
{%- endmacro %}
