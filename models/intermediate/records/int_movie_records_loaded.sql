{#- Every raw record loaded so far, typed. A full build (the default) rebuilds it from
    the source; with `--vars '{load_mode: hourly}'` a run appends the records of the
    files it reads, replacing any earlier load of the same file (delete+insert on the
    record key), so reloading a drop is idempotent. Incremental, as the whole records/
    folder is (dbt_project.yml). -#}

with

movie_records as (

    select * from {{ ref('stg_movies__movies_metadata') }}

),

final as (

    select
        {{ star_except(['raw_fields']) }},
        case when not is_accepted then raw_fields end as raw_fields,
        '{{ invocation_id }}' as loaded_by_invocation_id
    from movie_records

)

select * from final
