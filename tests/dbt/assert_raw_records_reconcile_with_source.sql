-- Every data record read from the source is accounted for: counted in the base model, the
-- one copy of what the reader returned (headers excluded), which every later model reads
-- (the Python tests count the file's records independently). A full build: accepted
-- movies + superseded duplicates + rejected records. An hourly run (load_mode: hourly):
-- the records this run loaded. Returns a row when the counts differ.
with

source_records as (

    select count(*) as raw_record_count
    from {{ ref('base_movies__movies_metadata') }}

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
