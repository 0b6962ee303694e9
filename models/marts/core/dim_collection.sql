with

list_elements as (

    select * from {{ ref('int_movie_list_elements_latest') }}

),

kept_collections as (

    select
        cast(element_key as bigint) as collection_id,
        element_name as collection_name
    from list_elements
    where column_name = 'belongs_to_collection' and element_status = 'kept'

),

names_counted as (

    select
        collection_id,
        collection_name,
        count(*) as movie_count
    from kept_collections
    group by collection_id, collection_name

),

names_ranked as (

    select
        collection_id,
        collection_name,
        row_number() over (
            partition by collection_id
            order by movie_count desc, collection_name asc
        ) as name_rank,
        sum(movie_count) over (partition by collection_id) as total_movie_count
    from names_counted

),

final as (

    select
        collection_id,
        collection_name,
        cast(total_movie_count as bigint) as movie_count
    from names_ranked
    where name_rank = 1

)

select * from final
