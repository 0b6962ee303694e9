{#- Per movie: in an hourly run, only the movies the run touched (dbt_project.yml). #}
{#- Built after the rows the yearly models take out are read (the *_replaced models). #}
-- depends_on: {{ ref('int_movie_companies_replaced') }}
-- depends_on: {{ ref('int_movie_genres_replaced') }}
with

latest_versions as (

    select * from {{ ref('int_movie_versions_latest') }}
    {{ only_touched_movies() }}

),

list_elements as (

    select * from {{ ref('int_movie_list_elements_latest') }}
    {{ only_touched_movies() }}

),

collections as (

    select
        movie_id,
        cast(element_key as bigint) as collection_id
    from list_elements
    where column_name = 'belongs_to_collection' and element_status = 'kept'

),

final as (

    select
        -- ids
        latest_versions.movie_id,
        latest_versions.imdb_id,
        collections.collection_id,
        latest_versions.source_file,
        latest_versions.record_number,

        -- strings
        latest_versions.title,
        latest_versions.original_title,
        latest_versions.original_language,
        latest_versions.status,
        latest_versions.tagline,
        latest_versions.overview,
        latest_versions.homepage,
        latest_versions.poster_path,

        -- numerics
        latest_versions.budget,
        latest_versions.revenue,
        latest_versions.revenue - latest_versions.budget as profit,
        latest_versions.popularity,
        latest_versions.runtime_minutes,
        latest_versions.vote_average,
        latest_versions.vote_count,
        latest_versions.version_count,

        -- booleans
        latest_versions.budget is not null as has_budget,
        latest_versions.revenue is not null as has_revenue,
        latest_versions.budget is not null
        and latest_versions.revenue is not null as has_financials,
        latest_versions.popularity is not null as has_popularity,
        latest_versions.is_adult,
        latest_versions.is_video,

        -- dates
        latest_versions.release_date,
        cast(extract(year from latest_versions.release_date) as integer) as release_year,
        latest_versions.ingest_hour

    from latest_versions
    left join collections
        on latest_versions.movie_id = collections.movie_id

)

select * from final
