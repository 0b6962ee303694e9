{#- Per movie: in an hourly run, only the movies the run touched (dbt_project.yml). #}
-- depends_on: {{ ref('int_movie_versions_touched') }}
with

latest_versions as (

    select * from {{ ref('int_movie_versions_latest') }}
    {{ only_touched_movies() }}

),

list_elements as (

    select * from {{ ref('int_movie_list_elements_parsed') }}

),

final as (

    select list_elements.*
    from list_elements
    -- the latest version of each movie, as int_movie_versions_latest decides it
    inner join latest_versions
        on
            list_elements.source_file = latest_versions.source_file
            and list_elements.record_number = latest_versions.record_number

)

select * from final
