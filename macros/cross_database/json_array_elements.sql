{# The elements of a JSON array text, in order, as a list of JSON values (json[] on DuckDB; minified JSON texts on Spark). #}
{% macro json_array_elements(json_text) -%}
    {{ return(adapter.dispatch('json_array_elements', 'movies')(json_text)) }}
{%- endmacro %}

{% macro duckdb__json_array_elements(json_text) -%}
    {{ json_text }}::json[]
{%- endmacro %}

{# Spark: from_json with array<string> gives each element as minified JSON in its
   original key order (as DuckDB prints it) but strips the quotes off a string element
   and turns JSON null into NULL, so those scalars are re-encoded from a VARIANT (whose
   objects would come out with their keys sorted, hence not used for objects). #}
{% macro spark__json_array_elements(json_text) -%}
    zip_with(
        from_json({{ json_text }}, 'array<string>'),
        try_cast(try_parse_json({{ json_text }}) as array<variant>),
        (element_text, element_value) -> case
            when {{ variant_json_type('element_value') }} in ('OBJECT', 'ARRAY')
                then element_text
            else to_json(element_value)
        end
    )
{%- endmacro %}
