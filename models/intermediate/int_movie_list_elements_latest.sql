{{ config(materialized='view') }}

with

movie_versions as (

    select * from {{ ref('int_movie_versions_ranked') }}

),

list_elements as (

    select * from {{ ref('int_movie_list_elements_parsed') }}

),

final as (

    select list_elements.*
    from list_elements
    inner join movie_versions
        on
            list_elements.source_file = movie_versions.source_file
            and list_elements.record_number = movie_versions.record_number
    where movie_versions.version_rank = 1

)

select * from final
