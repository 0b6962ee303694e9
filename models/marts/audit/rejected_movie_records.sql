with

movie_records as (

    select * from {{ ref('stg_movies__movies_metadata') }}

),

final as (

    select
        record_number,
        source_file,
        raw_id,
        field_count,
        reject_code,
        reject_reason,
        raw_fields
    from movie_records
    where not is_accepted

)

select * from final
