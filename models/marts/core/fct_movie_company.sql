{#- The grain MetricFlow's company metrics sum at (semantic_models in _core__semantic.yml): a
    metric grouped by company adds each movie once per company, as the company marts do. #}
with

movies as (

    select * from {{ ref('fct_movie') }}

),

movie_companies as (

    select * from {{ ref('bridge_movie_company') }}

),

final as (

    select
        -- ids
        movie_companies.movie_id,
        movie_companies.company_id,

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

    from movie_companies
    inner join movies
        on movie_companies.movie_id = movies.movie_id

)

select * from final
