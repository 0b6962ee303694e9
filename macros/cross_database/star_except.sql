{# Every column of the relation in the from clause except the named ones. #}
{% macro star_except(columns) -%}
    {{ return(adapter.dispatch('star_except', 'movies')(columns)) }}
{%- endmacro %}

{% macro duckdb__star_except(columns) -%}
    * exclude ({{ columns | join(', ') }})
{%- endmacro %}

{% macro spark__star_except(columns) -%}
    * except ({{ columns | join(', ') }})
{%- endmacro %}
