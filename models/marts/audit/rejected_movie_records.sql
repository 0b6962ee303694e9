with

movie_records as (

    select * from {{ ref('int_movie_records_loaded') }}

),

final as (

    select
        source_file,
        record_number,
        ingest_hour,
        raw_id,
        field_count,
        reject_code,
        reject_reason,
        raw_fields
    from movie_records
    where not is_accepted

)

select * from final
