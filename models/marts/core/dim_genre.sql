with

list_elements as (

    select * from {{ ref('int_movie_list_elements_latest') }}

),

kept_genres as (

    select
        cast(element_key as bigint) as genre_id,
        element_name as genre_name
    from list_elements
    where column_name = 'genres' and element_status = 'kept'

),

names_counted as (

    select
        genre_id,
        genre_name,
        count(*) as movie_count
    from kept_genres
    group by genre_id, genre_name

),

names_ranked as (

    select
        genre_id,
        genre_name,
        row_number() over (
            partition by genre_id
            order by movie_count desc, genre_name asc
        ) as name_rank,
        sum(movie_count) over (partition by genre_id) as total_movie_count
    from names_counted

),

final as (

    select
        genre_id,
        genre_name,
        cast(total_movie_count as bigint) as movie_count
    from names_ranked
    where name_rank = 1

)

select * from final
