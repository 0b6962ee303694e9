{# Select one row per element key of a list column, named by the spelling seen on the most movies (ties: the first in alphabetical order). #}
{% macro entity_dimension(column_name, key_column, name_column, key_type) -%}
with

list_elements as (

    select * from {{ ref('int_movie_list_elements_latest') }}
    where column_name = '{{ column_name }}' and element_status = 'kept'

),

names_counted as (

    select
        cast(element_key as {{ type_name(key_type) }}) as {{ key_column }},
        element_name as {{ name_column }},
        count(*) as movie_count
    from list_elements
    group by 1, 2

),

names_ranked as (

    select
        *,
        row_number() over (
            partition by {{ key_column }}
            order by movie_count desc, {{ name_column }} asc
        ) as name_rank,
        sum(movie_count) over (partition by {{ key_column }}) as total_movie_count
    from names_counted

),

final as (

    select
        {{ key_column }},
        {{ name_column }},
        cast(total_movie_count as bigint) as movie_count
    from names_ranked
    where name_rank = 1

)

select * from final
{%- endmacro %}
