with

movie_records as (

    select * from {{ ref('int_movie_records_loaded') }}

),

movie_versions as (

    select * from {{ ref('int_movie_versions_ranked') }}

),

records_counted as (

    select
        count(*) as raw_record_count,
        count(*) filter (where not is_accepted) as rejected_record_count
    from movie_records

),

versions_counted as (

    select
        count(*) filter (where version_rank = 1) as accepted_movie_count,
        count(*) filter (where version_rank > 1) as superseded_record_count
    from movie_versions

),

final as (

    select
        records_counted.raw_record_count,
        versions_counted.accepted_movie_count,
        versions_counted.superseded_record_count,
        records_counted.rejected_record_count,
        records_counted.raw_record_count
        = versions_counted.accepted_movie_count
        + versions_counted.superseded_record_count
        + records_counted.rejected_record_count as is_reconciled
    from records_counted
    cross join versions_counted

)

select * from final
