-- Every data record of the raw file, counted straight from the source, is an accepted
-- movie, a superseded duplicate or a rejected record. Returns a row when it is not.
with

source_records as (

    select count(*) - 1 as raw_record_count
    from {{ source('movies', 'movies_metadata') }}

),

movies as (

    select count(*) as accepted_movie_count from {{ ref('fct_movie') }}

),

superseded as (

    select count(*) as superseded_record_count from {{ ref('superseded_movie_records') }}

),

rejected as (

    select count(*) as rejected_record_count from {{ ref('rejected_movie_records') }}

)

select
    source_records.raw_record_count,
    movies.accepted_movie_count,
    superseded.superseded_record_count,
    rejected.rejected_record_count
from source_records
cross join movies
cross join superseded
cross join rejected
where
    source_records.raw_record_count
    <> movies.accepted_movie_count
    + superseded.superseded_record_count
    + rejected.rejected_record_count
