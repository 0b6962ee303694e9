{# A list (array) of the given SQL expressions, in order. #}
{% macro list_of(items) -%}
    {{ return(adapter.dispatch('list_of', 'movies')(items)) }}
{%- endmacro %}

{% macro duckdb__list_of(items) -%}
    [{{ items | join(', ') }}]
{%- endmacro %}

{% macro spark__list_of(items) -%}
    array({{ items | join(', ') }})
{%- endmacro %}
