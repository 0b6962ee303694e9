with

genre_yearly_metrics as (

    select * from {{ ref('genre_yearly_metrics') }}

),

contenders as (

    select * from genre_yearly_metrics
    where
        avg_popularity is not null
        and movie_count >= {{ var('most_popular_genre_min_movies') }}

),

genres_ranked_by_year as (

    select
        *,
        row_number() over (
            partition by release_year
            order by round(avg_popularity, 6) desc, movie_count desc, genre_name asc
        ) as popularity_rank,
        count(*) over (partition by release_year) as contender_count
    from contenders

),

final as (

    select
        release_year,
        genre_id,
        genre_name,
        movie_count,
        movies_with_popularity,
        avg_popularity,
        contender_count
    from genres_ranked_by_year
    where popularity_rank = 1

)

select * from final
