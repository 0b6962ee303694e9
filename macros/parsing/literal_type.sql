{# The type of a list cell's literal, from its JSON text: OBJECT, ARRAY, NULL, VARCHAR, BIGINT,
    UBIGINT, DOUBLE or BOOLEAN, as DuckDB's json_type names it; NULL when the text is not valid
    JSON. #}
{% macro literal_type(json_text) -%}
    {{ return(adapter.dispatch('literal_type', 'movies')(json_text)) }}
{%- endmacro %}

{% macro duckdb__literal_type(json_text) -%}
    case
        when json_valid({{ json_text }}) then json_type({{ json_text }}::json)
    end
{%- endmacro %}

{# Spark: the text read as a VARIANT (try_parse_json, NULL when not valid JSON; it also
   refuses an object with a repeated key), its type named as DuckDB names it. #}
{% macro spark__literal_type(json_text) -%}
    {{ variant_json_type('try_parse_json(' ~ json_text ~ ')') }}
{%- endmacro %}
