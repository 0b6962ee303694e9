{# The elements of a list cell, in order, as JSON values: an array's elements, an object as a
    one-element list, JSON null as an empty list; a cell that is not valid JSON takes the repair
    path (repaired_list_elements); any other literal gives NULL. #}
{#- In: [{"id": 1}, {"id": 2}] -> two elements; {"id": 10} -> one; null -> [];
    42 -> NULL (a literal that is not a list) -#}
{% macro cell_elements(json_text, literal_type, raw_value) -%}
    {{ return(adapter.dispatch('cell_elements', 'movies')(json_text, literal_type, raw_value)) }}
{%- endmacro %}

{% macro duckdb__cell_elements(json_text, literal_type, raw_value) -%}
    case
        when {{ literal_type }} = 'ARRAY' then {{ json_text }}::json[]
        when {{ literal_type }} = 'OBJECT' then [json({{ json_text }})]
        when {{ literal_type }} = 'NULL' then []::json[]
        when {{ literal_type }} is null then {{ repaired_list_elements(raw_value) }}
    end
{%- endmacro %}

{# Spark has no JSON type: an element is its minified JSON text, as DuckDB prints it.
   from_json with array<string> gives each element in its original key order (a VARIANT
   would sort an object's keys) but unquotes a string and turns JSON null into NULL, so
   a scalar element is re-encoded from its VARIANT instead. #}
{% macro spark__cell_elements(json_text, literal_type, raw_value) -%}
    case
        when {{ literal_type }} = 'ARRAY'
            then zip_with(
                from_json({{ json_text }}, 'array<string>'),
                try_cast(try_parse_json({{ json_text }}) as array<variant>),
                (element_text, element_value) -> case
                    when {{ variant_json_type('element_value') }} in ('OBJECT', 'ARRAY')
                        then element_text
                    else to_json(element_value)
                end
            )
        when {{ literal_type }} = 'OBJECT'
            then from_json(concat('[', {{ json_text }}, ']'), 'array<string>')
        when {{ literal_type }} = 'NULL' then cast(array() as array<string>)
        when {{ literal_type }} is null then {{ repaired_list_elements(raw_value) }}
    end
{%- endmacro %}
