{# True when a text is valid JSON. #}
{% macro json_valid(json_text) -%}
    {{ return(adapter.dispatch('json_valid', 'movies')(json_text)) }}
{%- endmacro %}

{% macro duckdb__json_valid(json_text) -%}
    json_valid({{ json_text }})
{%- endmacro %}

{% macro spark__json_valid(json_text) -%}
    (try_parse_json({{ json_text }}) is not null)
{%- endmacro %}
