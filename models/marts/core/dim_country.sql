with

list_elements as (

    select * from {{ ref('int_movie_list_elements_latest') }}

),

kept_countries as (

    select
        element_key as country_code,
        element_name as country_name
    from list_elements
    where column_name = 'production_countries' and element_status = 'kept'

),

names_counted as (

    select
        country_code,
        country_name,
        count(*) as movie_count
    from kept_countries
    group by country_code, country_name

),

names_ranked as (

    select
        country_code,
        country_name,
        row_number() over (
            partition by country_code
            order by movie_count desc, country_name asc
        ) as name_rank,
        sum(movie_count) over (partition by country_code) as total_movie_count
    from names_counted

),

final as (

    select
        country_code,
        country_name,
        cast(total_movie_count as bigint) as movie_count
    from names_ranked
    where name_rank = 1

)

select * from final
