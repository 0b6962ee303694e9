{#- Per year. An hourly run keeps the counts by delta (touched_groups,
    macros/hourly/touched_groups.sql): it adds the touched movies with a genre as they are now,
    takes them out as they were, and sums that with the held rows of the years they fall in. -#}
{#- ref() outside the hourly branch, so that dbt sees the dependency when it parses. -#}
{%- set replaced_movie_genres = ref('int_movie_genres_replaced') -%}
with

movies as (

    -- only what the counts read
    select
        movie_id,
        release_year,
        budget,
        revenue,
        profit
    from {{ ref('fct_movie') }}
    {{ only_touched_movies() }}

),

movie_genres as (

    select * from {{ ref('bridge_movie_genre') }}
    {{ only_touched_movies() }}

),

movies_with_a_genre as (

    select distinct movie_id
    from movie_genres

),

counts_of_movies as (

    -- each movie once, however many genres it has: these are the genre charts' totals
    select
        movies.release_year,
        1 as movie_count,
        case when movies.budget is not null then 1 else 0 end as movies_with_budget,
        case when movies.revenue is not null then 1 else 0 end as movies_with_revenue,
        case when movies.profit is not null then 1 else 0 end as movies_with_financials
    from movies
    inner join movies_with_a_genre
        on movies.movie_id = movies_with_a_genre.movie_id
    where movies.release_year is not null
    {%- if is_incremental() %}

        union all

        -- an hourly run takes out what the touched movies with a genre were before it
        select
            release_year,
            -1 as movie_count,
            case when budget is not null then -1 else 0 end as movies_with_budget,
            case when revenue is not null then -1 else 0 end as movies_with_revenue,
            case when profit is not null then -1 else 0 end as movies_with_financials
        from (
            select distinct
                movie_id,
                release_year,
                budget,
                revenue,
                profit
            from {{ replaced_movie_genres }}
        ) as replaced_movies_with_a_genre
        where release_year is not null
    {%- endif %}

),

{% if is_incremental() %}

    held_years as (

        select
            release_year,
            movie_count,
            movies_with_budget,
            movies_with_revenue,
            movies_with_financials
        from {{ this }}
        where release_year in (select release_year from counts_of_movies)

    ),

{% endif %}

movies_counted_by_year as (

    select
        release_year,
        cast(sum(movie_count) as bigint) as movie_count,
        cast(sum(movies_with_budget) as bigint) as movies_with_budget,
        cast(sum(movies_with_revenue) as bigint) as movies_with_revenue,
        cast(sum(movies_with_financials) as bigint) as movies_with_financials
    from (
        select * from counts_of_movies
        {%- if is_incremental() %}
            union all
            select * from held_years
        {%- endif %}
    ) as year_counts
    group by release_year

),

final as (

    -- a year the delta emptied stays here (so delete+insert removes its held row) until the
    -- post-hook deletes it
    select
        release_year,
        movie_count,
        movies_with_budget,
        movies_with_revenue,
        movies_with_financials
    from movies_counted_by_year

)

select * from final
