{#- The grain MetricFlow counts a company's releases by genre at (_core__semantic.yml): one row
    per movie per company per genre, so each movie counts once in each of its pairs. #}
with

movie_companies as (

    select * from {{ ref('bridge_movie_company') }}

),

movie_genres as (

    select * from {{ ref('bridge_movie_genre') }}

),

movies as (

    select * from {{ ref('fct_movie') }}

),

final as (

    select
        -- ids
        movie_companies.movie_id,
        movie_companies.company_id,
        movie_genres.genre_id,

        -- dates
        movies.release_date

    from movie_companies
    inner join movie_genres
        on movie_companies.movie_id = movie_genres.movie_id
    inner join movies
        on movie_companies.movie_id = movies.movie_id

)

select * from final
