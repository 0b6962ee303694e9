{# A valid JSON text as a JSON value, minified (DuckDB's json type; a text on Spark). #}
{% macro as_json(json_text) -%}
    {{ return(adapter.dispatch('as_json', 'movies')(json_text)) }}
{%- endmacro %}

{% macro duckdb__as_json(json_text) -%}
    json({{ json_text }})
{%- endmacro %}

{% macro spark__as_json(json_text) -%}
    try_element_at({{ json_array_elements("concat('[', " ~ json_text ~ ", ']')") }}, 1)
{%- endmacro %}
