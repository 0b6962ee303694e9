with

movie_versions as (

    select * from {{ ref('int_movie_versions_ranked') }}

),

final as (

    select
        record_number,
        movie_id,
        latest_record_number as superseded_by_record_number,
        version_rank,
        version_count
    from movie_versions
    where version_rank > 1

)

select * from final
