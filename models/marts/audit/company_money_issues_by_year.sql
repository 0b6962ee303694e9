with

movie_money_issues as (

    select * from {{ ref('movie_money_issues') }}

),

movies as (

    -- only what the report's totals read: which of the movie's money is known
    select
        movie_id,
        has_budget,
        has_revenue,
        has_financials
    from {{ ref('fct_movie') }}

),

movie_companies as (

    select * from {{ ref('bridge_movie_company') }}

),

final as (

    select
        -- the company, the year and the flagged amount
        movie_companies.company_id,
        movie_money_issues.release_year,
        movie_money_issues.movie_id,
        movie_money_issues.column_name,

        -- the amount and the rule it breaks, as movie_money_issues has them
        movie_money_issues.title,
        movie_money_issues.amount,
        movie_money_issues.issue_code,
        movie_money_issues.issue,

        -- which of the company's yearly totals include it
        movies.has_budget,
        movies.has_revenue,
        movies.has_financials

    from movie_money_issues
    inner join movies
        on movie_money_issues.movie_id = movies.movie_id
    inner join movie_companies
        on movie_money_issues.movie_id = movie_companies.movie_id
    where movie_money_issues.release_year is not null

)

select * from final
