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

),

movie_genres as (

    select * from {{ ref('bridge_movie_genre') }}

),

movies_with_a_genre as (

    select distinct movie_id
    from movie_genres

),

movies_counted_by_year as (

    -- each movie once, however many genres it has: these are the genre charts' totals
    select
        movies.release_year,
        count(*) as movie_count,
        count(movies.budget) as movies_with_budget,
        count(movies.revenue) as movies_with_revenue,
        count(movies.profit) as movies_with_financials
    from movies
    inner join movies_with_a_genre
        on movies.movie_id = movies_with_a_genre.movie_id
    where movies.release_year is not null
    group by movies.release_year

),

final as (

    select
        release_year,
        movie_count,
        movies_with_budget,
        movies_with_revenue,
        movies_with_financials
    from movies_counted_by_year

)

select * from final
