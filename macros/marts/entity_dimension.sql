{# Select one row per element key of a list column, named by the spelling seen on the most movies (ties: the most recent record). #}
{% macro entity_dimension(column_name, key_column, name_column, key_type) -%}
with

list_elements as (

    select * from {{ ref('int_movie_list_elements_parsed') }}
    where column_name = '{{ column_name }}' and element_status = 'kept'

),

names_counted as (

    select
        cast(element_key as {{ key_type }}) as {{ key_column }},
        element_name as {{ name_column }},
        count(*) as movie_count,
        max(record_number) as latest_record_number
    from list_elements
    group by 1, 2

),

names_ranked as (

    select
        *,
        row_number() over (
            partition by {{ key_column }}
            order by movie_count desc, latest_record_number desc
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
