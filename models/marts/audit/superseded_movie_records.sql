with

movie_versions as (

    select * from {{ ref('int_movie_versions_ranked') }}

),

final as (

    select
        source_file,
        record_number,
        movie_id,
        ingest_hour,
        latest_source_file as superseded_by_source_file,
        latest_record_number as superseded_by_record_number,
        version_rank,
        version_count
    from movie_versions
    where version_rank > 1

)

select * from final
