{# Each element of a list cell (JSON values, in order) checked on its own: its key and name as
    text, its JSON text, and whether it is well formed (is_well_formed_element). A list of structs,
    in the cell's order; NULL for a NULL list. #}
{% macro list_element_checks(elements, key_name, has_integer_key) -%}
    {%- set implementation = adapter.dispatch('list_element_checks', 'movies') -%}
    {{ return(implementation(elements, key_name, has_integer_key)) }}
{%- endmacro %}

{% macro duckdb__list_element_checks(elements, key_name, has_integer_key) -%}
    list_transform(
        {{ elements }},
        lambda element: {
            'element_key': {{ element_member_text('element', key_name) }},
            'element_name': {{ element_member_text('element', "'name'") }},
            'element_json': cast(element as varchar),
            'is_well_formed': {{ is_well_formed_element('element', key_name, has_integer_key) }}
        }
    )
{%- endmacro %}

{# Spark: an element is already its JSON text. #}
{% macro spark__list_element_checks(elements, key_name, has_integer_key) -%}
    transform(
        {{ elements }},
        element -> named_struct(
            'element_key', {{ element_member_text('element', key_name) }},
            'element_name', {{ element_member_text('element', "'name'") }},
            'element_json', element,
            'is_well_formed', {{ is_well_formed_element('element', key_name, has_integer_key) }}
        )
    )
{%- endmacro %}
