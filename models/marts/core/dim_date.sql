{#- MetricFlow's time spine (time_spine in _core__models.yml): every day a valid release date
    can fall on (fct_movie.release_date: 1874 to 2100), from numbers made by cross joins of
    ten digits, so the same SQL runs on DuckDB and Spark. #}
with

digits as (

    select 0 as digit
    union all
    select 1
    union all
    select 2
    union all
    select 3
    union all
    select 4
    union all
    select 5
    union all
    select 6
    union all
    select 7
    union all
    select 8
    union all
    select 9

),

day_numbers as (

    select
        ones.digit
        + 10 * tens.digit
        + 100 * hundreds.digit
        + 1000 * thousands.digit
        + 10000 * ten_thousands.digit as day_number
    from digits as ones
    cross join digits as tens
    cross join digits as hundreds
    cross join digits as thousands
    cross join digits as ten_thousands

),

days as (

    select
        cast(
            {{ dbt.dateadd('day', 'day_numbers.day_number', "cast('1874-01-01' as date)") }}
            as date
        ) as date_day
    from day_numbers

),

final as (

    select date_day
    from days
    where date_day <= cast('2100-12-31' as date)

)

select * from final
