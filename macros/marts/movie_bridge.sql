{# Select one row per movie per well-formed, first-seen element of a list column, with the name as written on that movie. #}
{% macro movie_bridge(column_name, key_column, name_column, key_type) -%}
with

list_elements as (

    select * from {{ ref('int_movie_list_elements_latest') }}
    where column_name = '{{ column_name }}' and element_status = 'kept'

),

final as (

    select
        movie_id,
        cast(element_key as {{ type_name(key_type) }}) as {{ key_column }},
        element_name as {{ name_column }},
        element_position as listed_position
    from list_elements

)

select * from final
{%- endmacro %}
