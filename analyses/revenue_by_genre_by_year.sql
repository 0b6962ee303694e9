-- Revenue by genre by year, answered from the star schema itself (fct_movie joined to
-- its genres), not from the genre_revenue_by_year mart. Compile with
-- `dbt compile --select revenue_by_genre_by_year` and run the SQL in target/compiled/.
-- Only known revenues are summed; a movie with several genres counts in full for each.
with

movies as (

    select * from {{ ref('fct_movie') }}

),

movie_genres as (

    select * from {{ ref('bridge_movie_genre') }}

),

genres as (

    select * from {{ ref('dim_genre') }}

),

revenue_summed_by_genre_year as (

    select
        genres.genre_id,
        genres.genre_name,
        movies.release_year,
        count(*) as movie_count,
        count(movies.revenue) as movies_with_revenue,
        sum(movies.revenue) as total_revenue
    from movies
    inner join movie_genres
        on movies.movie_id = movie_genres.movie_id
    inner join genres
        on movie_genres.genre_id = genres.genre_id
    where movies.release_year is not null
    group by genres.genre_id, genres.genre_name, movies.release_year

)

select * from revenue_summed_by_genre_year
order by release_year asc, total_revenue desc nulls last
