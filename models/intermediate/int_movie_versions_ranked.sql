with

loaded_records as (

    select * from {{ ref('int_movie_records_loaded') }}

),

accepted_records as (

    select
        source_file,
        record_number,
        movie_id,
        ingest_hour
    from loaded_records
    where is_accepted

),

versions_ranked as (

    select
        source_file,
        record_number,
        movie_id,
        ingest_hour,
        -- bigint, as DuckDB's row_number is (Spark's is int)
        cast(row_number() over (
            partition by movie_id
            order by ingest_hour desc nulls last, record_number desc
        ) as bigint) as version_rank,
        count(*) over (partition by movie_id) as version_count
    from accepted_records

),

latest_versions as (

    select
        movie_id,
        source_file as latest_source_file,
        record_number as latest_record_number
    from versions_ranked
    where version_rank = 1

),

final as (

    select
        versions_ranked.source_file,
        versions_ranked.record_number,
        versions_ranked.movie_id,
        versions_ranked.ingest_hour,
        versions_ranked.version_rank,
        versions_ranked.version_count,
        latest_versions.latest_source_file,
        latest_versions.latest_record_number
    from versions_ranked
    inner join latest_versions
        on versions_ranked.movie_id = latest_versions.movie_id

)

select * from final
