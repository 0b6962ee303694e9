{#- Per company, genre and year. An hourly run keeps the counts by delta (touched_groups,
    macros/hourly/touched_groups.sql): it adds the touched movies as they are now, takes them
    out as they were, and sums that with the held counts of the groups they fall in. -#}
{#- ref() outside the hourly branch, so that dbt sees the dependency when it parses. -#}
{%- set replaced_movie_companies = ref('int_movie_companies_replaced') -%}
{%- set replaced_movie_genres = ref('int_movie_genres_replaced') -%}
with

movies as (

    select * from {{ ref('fct_movie') }}
    {{ only_touched_movies() }}

),

movie_companies as (

    select * from {{ ref('bridge_movie_company') }}
    {{ only_touched_movies() }}

),

movie_genres as (

    select * from {{ ref('bridge_movie_genre') }}
    {{ only_touched_movies() }}

),

companies as (

    select * from {{ ref('dim_company') }}

),

genres as (

    select * from {{ ref('dim_genre') }}

),

releases_of_movies as (

    -- a dated movie once per (company, genre) pair: the bridges hold a (movie, company)
    -- and a (movie, genre) pair once each (their unique tests), so no distinct is needed
    select
        movie_companies.company_id,
        movie_genres.genre_id,
        movies.release_year,
        1 as release_count
    from movies
    inner join movie_companies
        on movies.movie_id = movie_companies.movie_id
    inner join movie_genres
        on movies.movie_id = movie_genres.movie_id
    where movies.release_year is not null
    {%- if is_incremental() %}

        union all

        -- an hourly run takes out what the touched movies were before it
        select
            replaced_movie_companies.company_id,
            replaced_movie_genres.genre_id,
            replaced_movie_companies.release_year,
            -1 as release_count
        from {{ replaced_movie_companies }} as replaced_movie_companies
        inner join {{ replaced_movie_genres }} as replaced_movie_genres
            on replaced_movie_companies.movie_id = replaced_movie_genres.movie_id
        where replaced_movie_companies.release_year is not null
    {%- endif %}

),

{% if is_incremental() %}

    changed_groups as (

        select distinct
            company_id,
            genre_id,
            release_year
        from releases_of_movies

    ),

    held_releases as (

        -- the held groups the releases fall in, and those whose company or genre is named
        -- otherwise now
        select
            held.company_id,
            held.genre_id,
            held.release_year,
            held.release_count
        from {{ this }} as held
        left join changed_groups
            on
                held.company_id = changed_groups.company_id
                and held.genre_id = changed_groups.genre_id
                and held.release_year = changed_groups.release_year
        left join companies
            on held.company_id = companies.company_id
        left join genres
            on held.genre_id = genres.genre_id
        where
            changed_groups.company_id is not null
            or held.company_name is distinct from companies.company_name
            or held.genre_name is distinct from genres.genre_name

    ),

{% endif %}

releases_counted_by_company_genre_year as (

    select
        company_id,
        genre_id,
        release_year,
        cast(sum(release_count) as bigint) as release_count
    from (
        select * from releases_of_movies
        {%- if is_incremental() %}
            union all
            select * from held_releases
        {%- endif %}
    ) as releases
    group by company_id, genre_id, release_year

),

final as (

    select
        releases_counted_by_company_genre_year.company_id,
        companies.company_name,
        releases_counted_by_company_genre_year.genre_id,
        genres.genre_name,
        releases_counted_by_company_genre_year.release_year,
        releases_counted_by_company_genre_year.release_count
    from releases_counted_by_company_genre_year
    left join companies
        on releases_counted_by_company_genre_year.company_id = companies.company_id
    left join genres
        on releases_counted_by_company_genre_year.genre_id = genres.genre_id
    -- a group the delta emptied stays in the batch (so delete+insert removes its held row)
    -- until the post-hook deletes it; any other group has its company and genre in the
    -- dimensions
    where
        (companies.company_id is not null and genres.genre_id is not null)
        or releases_counted_by_company_genre_year.release_count = 0

)

select * from final
