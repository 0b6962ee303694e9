{# The JSON type of a JSON text, named as DuckDB's json_type names it (OBJECT, ARRAY, VARCHAR, BIGINT, UBIGINT, DOUBLE, BOOLEAN, NULL); NULL when the text is not valid JSON. #}
{% macro json_type_of(json_text) -%}
    {{ return(adapter.dispatch('json_type_of', 'movies')(json_text)) }}
{%- endmacro %}

{% macro duckdb__json_type_of(json_text) -%}
    case
        when json_valid({{ json_text }}) then json_type({{ json_text }}::json)
    end
{%- endmacro %}

{% macro spark__json_type_of(json_text) -%}
    {{ variant_json_type('try_parse_json(' ~ json_text ~ ')') }}
{%- endmacro %}
