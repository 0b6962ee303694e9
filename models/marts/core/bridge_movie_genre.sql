{#- Per movie: in an hourly run, only the movies the run touched (dbt_project.yml). #}
{#- Built after the rows the yearly models take out are read (the *_replaced models). #}
-- depends_on: {{ ref('int_movie_genres_replaced') }}
with

list_elements as (

    select * from {{ ref('int_movie_list_elements_latest') }}
    {{ only_touched_movies() }}

),

final as (

    select
        movie_id,
        cast(element_key as bigint) as genre_id,
        element_name as genre_name,
        element_position as listed_position
    from list_elements
    where column_name = 'genres' and element_status = 'kept'

)

select * from final
