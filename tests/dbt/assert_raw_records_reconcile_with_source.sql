-- Every data record read from the source (counted straight from it: all records minus
-- one header per file) is accounted for. A full build: accepted movies + superseded
-- duplicates + rejected records. An hourly run (load_mode: hourly): the records this
-- run loaded. Returns a row when the counts differ.
with

source_records as (

    select count(*) - count(distinct filename) as raw_record_count
    from {{ source('movies', 'movies_metadata') }}

),

accounted_records as (

    {% if var('load_mode', 'full') == 'hourly' -%}
        select count(*) as accounted_record_count
        from {{ ref('int_movie_records_loaded') }}
        where loaded_by_invocation_id = '{{ invocation_id }}'
    {%- else -%}
        select
            (
                (select count(*) from {{ ref('fct_movie') }})
                + (select count(*) from {{ ref('superseded_movie_records') }})
                + (select count(*) from {{ ref('rejected_movie_records') }})
            ) as accounted_record_count
    {%- endif %}

)

select
    source_records.raw_record_count,
    accounted_records.accounted_record_count
from source_records
cross join accounted_records
where source_records.raw_record_count <> accounted_records.accounted_record_count
