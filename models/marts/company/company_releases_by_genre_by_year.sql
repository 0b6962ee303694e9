with

movies as (

    select * from {{ ref('fct_movie') }}

),

movie_companies as (

    select * from {{ ref('bridge_movie_company') }}

),

movie_genres as (

    select * from {{ ref('bridge_movie_genre') }}

),

companies as (

    select * from {{ ref('dim_company') }}

),

genres as (

    select * from {{ ref('dim_genre') }}

),

releases_counted_by_company_genre_year as (

    select
        movie_companies.company_id,
        movie_genres.genre_id,
        movies.release_year,
        -- a movie is one row here: the bridges hold a (movie, company) and a (movie,
        -- genre) pair once each (their unique tests), so no distinct count is needed
        count(*) as release_count
    from movies
    inner join movie_companies
        on movies.movie_id = movie_companies.movie_id
    inner join movie_genres
        on movies.movie_id = movie_genres.movie_id
    where movies.release_year is not null
    group by movie_companies.company_id, movie_genres.genre_id, movies.release_year

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
    inner join companies
        on releases_counted_by_company_genre_year.company_id = companies.company_id
    inner join genres
        on releases_counted_by_company_genre_year.genre_id = genres.genre_id

)

select * from final
