{{ config(materialized='view') }}

with

movie_versions as (

    select * from {{ ref('int_movie_versions_ranked') }}

),

loaded_records as (

    select * from {{ ref('int_movie_records_loaded') }}

),

latest_versions as (

    select
        source_file,
        record_number,
        version_count
    from movie_versions
    where version_rank = 1

),

final as (

    select
        loaded_records.*,
        latest_versions.version_count
    from loaded_records
    inner join latest_versions
        on
            loaded_records.source_file = latest_versions.source_file
            and loaded_records.record_number = latest_versions.record_number

)

select * from final
