{# Select-list items that turn one row per list cell into one row per element, with the element's
    position in its list (from 1, an integer). #}
{% macro elements_with_position(elements, element_name, position_name) -%}
    {%- set implementation = adapter.dispatch('elements_with_position', 'movies') -%}
    {{ return(implementation(elements, element_name, position_name)) }}
{%- endmacro %}

{% macro duckdb__elements_with_position(elements, element_name, position_name) -%}
    unnest({{ elements }}) as {{ element_name }},
    cast(generate_subscripts({{ elements }}, 1) as integer) as {{ position_name }}
{%- endmacro %}

{# Spark: one generator per select list, so element and position come out of inline()
   over structs made by transform(), whose second lambda argument is the 0-based index. #}
{% macro spark__elements_with_position(elements, element_name, position_name) -%}
    inline(
        transform(
            {{ elements }},
            (list_element, list_index) -> named_struct(
                '{{ element_name }}', list_element,
                '{{ position_name }}', cast(list_index + 1 as int)
            )
        )
    )
{%- endmacro %}
