with

list_elements as (

    select * from {{ ref('int_movie_list_elements_latest') }}

),

kept_companies as (

    select
        cast(element_key as bigint) as company_id,
        element_name as company_name
    from list_elements
    where column_name = 'production_companies' and element_status = 'kept'

),

names_counted as (

    select
        company_id,
        company_name,
        count(*) as movie_count
    from kept_companies
    group by company_id, company_name

),

names_ranked as (

    select
        company_id,
        company_name,
        row_number() over (
            partition by company_id
            order by movie_count desc, company_name asc
        ) as name_rank,
        sum(movie_count) over (partition by company_id) as total_movie_count
    from names_counted

),

final as (

    select
        company_id,
        company_name,
        cast(total_movie_count as bigint) as movie_count
    from names_ranked
    where name_rank = 1

)

select * from final
