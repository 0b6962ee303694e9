{#- The columns of the file (the var movies_raw_columns: a record should have that many
    fields), then the room the reader leaves for over-wide records. -#}
{%- set raw_columns = raw_movie_columns() -%}
{%- set expected_field_count = var('movies_raw_columns') | length -%}

with

source as (

    select * from {{ ref('base_movies__movies_metadata') }}

),

renamed as (

    select
        -- ids
        record_number,
        coalesce(
            nullif(regexp_extract(filename, '(ingest_hour=[^/\\]+[/\\][^/\\]+)$', 1), ''),
            {{ input_label_or('filename') }}
        ) as source_file,
        {{ whole_number_id('id') }} as movie_id,

        -- strings
        nullif(trim(imdb_id), '') as imdb_id,
        nullif(title, '') as title,
        nullif(original_title, '') as original_title,
        nullif(trim(original_language), '') as original_language,
        nullif(overview, '') as overview,
        nullif(tagline, '') as tagline,
        nullif(trim(homepage), '') as homepage,
        nullif(trim(poster_path), '') as poster_path,
        {#- A closed list (var movie_statuses); any other text is unknown here and an
            unknown_category field issue (movie_field_issues), kept in raw_status. #}
        {{ closed_list_value('status', var('movie_statuses')) }} as status,
        status as raw_status,
        adult as raw_adult,
        video as raw_video,
        id as raw_id,
        budget as raw_budget,
        revenue as raw_revenue,
        popularity as raw_popularity,
        runtime as raw_runtime,
        release_date as raw_release_date,
        vote_average as raw_vote_average,
        vote_count as raw_vote_count,
        nullif(trim(genres), '') as genres,
        nullif(trim(production_companies), '') as production_companies,
        nullif(trim(production_countries), '') as production_countries,
        nullif(trim(spoken_languages), '') as spoken_languages,
        nullif(trim(belongs_to_collection), '') as belongs_to_collection,
        {{ present_fields(raw_columns) }} as raw_fields,

        -- numerics
        {{ count_present_fields(raw_columns) }} as field_count,
        {{ known_amount('budget') }} as budget,
        {{ known_amount('revenue') }} as revenue,
        {# At most 10^6: the full file's highest is 547.5, TMDB's own a few thousand;
            the bound keeps averages far from a double's range (docs/modeling.md). #}
        {{ non_negative_number('popularity', at_most=1000000) }} as popularity,
        {{ non_negative_number('runtime') }} as runtime_minutes,
        {{ finite_double('vote_average') }} as vote_average,
        {{ whole_number('vote_count') }} as vote_count,

        -- booleans: the file writes True or False; any other text is unknown (NULL)
        case trim(adult) when 'True' then true when 'False' then false end as is_adult,
        case trim(video) when 'True' then true when 'False' then false end as is_video,

        -- dates
        {# A valid date from 1874 (the oldest film) to 2100: year 0 or 9999
            is a field issue, not a year of the marts (docs/modeling.md). #}
        case
            when
                {{ has_iso_date_shape('release_date') }}
                and try_cast(trim(release_date) as date)
                between date '1874-01-01' and date '2100-12-31'
                then try_cast(trim(release_date) as date)
        end as release_date,
        {{ ingest_hour_of('filename') }} as ingest_hour

    from source

),

classified as (

    select
        *,
        case
            when field_count <> {{ expected_field_count }} then 'wrong_field_count'
            when trim(raw_id) = '' then 'missing_id'
            when movie_id is null or movie_id <= 0 then 'invalid_id'
        end as reject_code,
        case
            when field_count >= {{ raw_columns | length }}
                then
                    'the record has {{ raw_columns | length }} or more fields; '
                    || 'expected {{ expected_field_count }}'
            when field_count <> {{ expected_field_count }}
                then
                    'the record has ' || field_count || ' fields; '
                    || 'expected {{ expected_field_count }}'
            when trim(raw_id) = '' then 'the id is empty'
            when movie_id is null
                then
                    'the id ' || chr(39) || raw_id || chr(39)
                    || ' is not a whole number of at most 18 digits'
            when movie_id <= 0 then 'the id must be greater than 0'
        end as reject_reason,
        field_count = {{ expected_field_count }} and coalesce(movie_id, 0) > 0 as is_accepted
    from renamed

)

select * from classified
