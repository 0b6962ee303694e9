{# The JSON type (DuckDB's json_type names) of one member of a JSON object text; NULL when the text is not an object or has no such member. #}
{% macro json_member_type(json_text, member_name) -%}
    {{ return(adapter.dispatch('json_member_type', 'movies')(json_text, member_name)) }}
{%- endmacro %}

{% macro duckdb__json_member_type(json_text, member_name) -%}
    json_type({{ json_text }}, '$.' || {{ member_name }})
{%- endmacro %}

{% macro spark__json_member_type(json_text, member_name) -%}
    {{ variant_json_type(json_member_variant(json_text, member_name)) }}
{%- endmacro %}
