{#- Per genre and year. An hourly run keeps the groups by delta (touched_groups,
    macros/hourly/touched_groups.sql): it adds what the touched movies are now, takes out what
    they were, and sums that with the held rows of the groups they fall in. -#}
{#- ref() outside the hourly branch, so that dbt sees the dependency when it parses. -#}
{%- set replaced_movie_genres = ref('int_movie_genres_replaced') -%}
with

movies as (

    select * from {{ ref('fct_movie') }}
    {{ only_touched_movies() }}

),

movie_genres as (

    select * from {{ ref('bridge_movie_genre') }}
    {{ only_touched_movies() }}

),

genres as (

    select * from {{ ref('dim_genre') }}

),

shares_of_movies_by_genre_year as (

    -- what each (movie, genre) pair of a dated movie adds to its group
    select
        movie_genres.genre_id,
        movies.release_year,
        {{ yearly_figures_of_a_movie(sign=1) }}
    from movie_genres
    inner join movies
        on movie_genres.movie_id = movies.movie_id
    where movies.release_year is not null
    {%- if is_incremental() %}

        union all

        -- an hourly run takes out what the touched movies were before it
        select
            genre_id,
            release_year,
            {{ yearly_figures_of_a_movie(sign=-1) }}
        from {{ replaced_movie_genres }} as replaced_movie_genres
        where release_year is not null
    {%- endif %}

),

{% if is_incremental() %}

    changed_genre_years as (

        select distinct
            genre_id,
            release_year
        from shares_of_movies_by_genre_year

    ),

    held_genre_years as (

        -- the held groups the shares fall in, and those whose genre is named otherwise now
        select
            held.genre_id,
            held.release_year,
            {{ held_yearly_figures('held') }}
        from {{ this }} as held
        left join changed_genre_years
            on
                held.genre_id = changed_genre_years.genre_id
                and held.release_year = changed_genre_years.release_year
        left join genres
            on held.genre_id = genres.genre_id
        where
            changed_genre_years.genre_id is not null
            or held.genre_name is distinct from genres.genre_name

    ),

{% endif %}

figures_summed_by_genre_year as (

    select
        genre_id,
        release_year,
        {{ summed_yearly_figures() }}
    from (
        select * from shares_of_movies_by_genre_year
        {%- if is_incremental() %}
            union all
            select * from held_genre_years
        {%- endif %}
    ) as group_shares
    group by genre_id, release_year

),

final as (

    select
        -- the genre and the year
        figures_summed_by_genre_year.genre_id,
        genres.genre_name,
        figures_summed_by_genre_year.release_year,

        -- figures in nominal dollars, each beside the count of movies it rests on
        figures_summed_by_genre_year.movie_count,
        figures_summed_by_genre_year.movies_with_budget,
        figures_summed_by_genre_year.total_budget,
        figures_summed_by_genre_year.movies_with_revenue,
        figures_summed_by_genre_year.total_revenue,
        figures_summed_by_genre_year.movies_with_financials,
        figures_summed_by_genre_year.total_profit,
        figures_summed_by_genre_year.movies_with_popularity,
        figures_summed_by_genre_year.total_popularity,
        cast(figures_summed_by_genre_year.total_popularity as double)
        / figures_summed_by_genre_year.movies_with_popularity as avg_popularity,

        -- money in dollars of the latest year of the us_cpi_by_year seed
        {{ to_constant_dollars(
            'figures_summed_by_genre_year.total_budget',
            'figures_summed_by_genre_year.release_year',
        ) }} as total_budget_real,
        {{ to_constant_dollars(
            'figures_summed_by_genre_year.total_revenue',
            'figures_summed_by_genre_year.release_year',
        ) }} as total_revenue_real,
        {{ to_constant_dollars(
            'figures_summed_by_genre_year.total_profit',
            'figures_summed_by_genre_year.release_year',
        ) }} as total_profit_real

    from figures_summed_by_genre_year
    left join genres
        on figures_summed_by_genre_year.genre_id = genres.genre_id
    -- a group the delta emptied stays in the batch (so delete+insert removes its held row)
    -- until the post-hook deletes it; any other group has its genre in dim_genre
    where genres.genre_id is not null or figures_summed_by_genre_year.movie_count = 0

)

select * from final
