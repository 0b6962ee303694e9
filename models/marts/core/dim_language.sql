with

list_elements as (

    select * from {{ ref('int_movie_list_elements_latest') }}

),

kept_languages as (

    select
        element_key as language_code,
        element_name as language_name
    from list_elements
    where column_name = 'spoken_languages' and element_status = 'kept'

),

names_counted as (

    select
        language_code,
        language_name,
        count(*) as movie_count
    from kept_languages
    group by language_code, language_name

),

names_ranked as (

    select
        language_code,
        language_name,
        row_number() over (
            partition by language_code
            order by movie_count desc, language_name asc
        ) as name_rank,
        sum(movie_count) over (partition by language_code) as total_movie_count
    from names_counted

),

final as (

    select
        language_code,
        language_name,
        cast(total_movie_count as bigint) as movie_count
    from names_ranked
    where name_rank = 1

)

select * from final
