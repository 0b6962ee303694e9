{# Select-list items that turn one row per list into one row per element, with the element's position in the list (from 1). #}
{% macro unnest_with_position(list, element_name, position_name) -%}
    {{ return(adapter.dispatch('unnest_with_position', 'movies')(list, element_name, position_name)) }}
{%- endmacro %}

{% macro duckdb__unnest_with_position(list, element_name, position_name) -%}
    unnest({{ list }}) as {{ element_name }},
    cast(generate_subscripts({{ list }}, 1) as integer) as {{ position_name }}
{%- endmacro %}

{# Spark: one generator per select list, so element and position come out of inline()
   over structs made by transform(), whose second lambda argument is the 0-based index. #}
{% macro spark__unnest_with_position(list, element_name, position_name) -%}
    inline(
        transform(
            {{ list }},
            (list_element, list_index) -> named_struct(
                '{{ element_name }}', list_element,
                '{{ position_name }}', cast(list_index + 1 as int)
            )
        )
    )
{%- endmacro %}
