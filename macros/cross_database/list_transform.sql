{# A list with an expression of the lambda variable applied to each element, in order. #}
{% macro list_transform(list, variable, expression) -%}
    {{ return(adapter.dispatch('list_transform', 'movies')(list, variable, expression)) }}
{%- endmacro %}

{% macro duckdb__list_transform(list, variable, expression) -%}
    list_transform({{ list }}, lambda {{ variable }}: {{ expression }})
{%- endmacro %}

{% macro spark__list_transform(list, variable, expression) -%}
    transform({{ list }}, {{ variable }} -> {{ expression }})
{%- endmacro %}
