{#- The hourly path's public face: the files the warehouse has loaded and their record
    counts. The command reads this model, never the intermediate layer, to choose the
    drops an hourly run loads and to feed the circuit breaker. -#}

with

movie_records as (

    select * from {{ ref('int_movie_records_loaded') }}

),

records_counted_by_file as (

    select
        source_file,
        max(ingest_hour) as ingest_hour,
        count(*) as record_count,
        count(*) filter (where is_accepted) as accepted_record_count,
        count(*) filter (where not is_accepted) as rejected_record_count
    from movie_records
    group by source_file

),

final as (

    select
        source_file,
        ingest_hour,
        -- a prefix, not like 'ingest_hour=%': like's _ would match any character
        left(source_file, length('ingest_hour=')) = 'ingest_hour=' as is_drop,
        record_count,
        accepted_record_count,
        rejected_record_count
    from records_counted_by_file

)

select * from final
