{#- The grain MetricFlow's genre metrics sum at (semantic_models in _core__semantic.yml): a
    metric grouped by genre adds each movie once per genre, as the genre marts do. #}
with

movies as (

    select * from {{ ref('fct_movie') }}

),

movie_genres as (

    select * from {{ ref('bridge_movie_genre') }}

),

final as (

    select
        -- ids
        movie_genres.movie_id,
        movie_genres.genre_id,

        -- numerics: nominal US dollars, then dollars of the seed's latest year
        movies.budget,
        movies.revenue,
        movies.profit,
        movies.popularity,
        {{ to_constant_dollars('movies.budget', 'movies.release_year') }} as budget_real,
        {{ to_constant_dollars('movies.revenue', 'movies.release_year') }} as revenue_real,
        {{ to_constant_dollars('movies.profit', 'movies.release_year') }} as profit_real,

        -- dates
        movies.release_date

    from movie_genres
    inner join movies
        on movie_genres.movie_id = movies.movie_id

)

select * from final
