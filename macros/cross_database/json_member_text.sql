{# One member of a JSON object text as text: a string unquoted, any other value as JSON; NULL when absent or JSON null. #}
{% macro json_member_text(json_text, member_name) -%}
    {{ return(adapter.dispatch('json_member_text', 'movies')(json_text, member_name)) }}
{%- endmacro %}

{% macro duckdb__json_member_text(json_text, member_name) -%}
    json_extract_string({{ json_text }}, '$.' || {{ member_name }})
{%- endmacro %}

{% macro spark__json_member_text(json_text, member_name) -%}
    cast({{ json_member_variant(json_text, member_name) }} as string)
{%- endmacro %}
