with

movie_records as (

    select * from {{ ref('stg_movies__movies_metadata') }}

),

accepted_records as (

    select * exclude (raw_fields, reject_code, reject_reason, is_accepted)
    from movie_records
    where is_accepted

),

versions_ranked as (

    select
        *,
        row_number() over (
            partition by movie_id
            order by record_number desc
        ) as version_rank,
        max(record_number) over (partition by movie_id) as latest_record_number,
        count(*) over (partition by movie_id) as version_count
    from accepted_records

)

select * from versions_ranked
