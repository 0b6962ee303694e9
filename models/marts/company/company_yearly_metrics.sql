with

movies as (

    select * from {{ ref('fct_movie') }}

),

movie_companies as (

    select * from {{ ref('bridge_movie_company') }}

),

companies as (

    select * from {{ ref('dim_company') }}

),

dated_movies_by_company as (

    select
        movie_companies.company_id,
        movies.release_year,
        movies.movie_id,
        movies.budget,
        movies.revenue,
        movies.profit,
        movies.popularity
    from movie_companies
    inner join movies
        on movie_companies.movie_id = movies.movie_id
    where movies.release_year is not null

),

figures_summed_by_company_year as (

    select
        company_id,
        release_year,
        count(*) as movie_count,
        count(budget) as movies_with_budget,
        sum(budget) as total_budget,
        count(revenue) as movies_with_revenue,
        sum(revenue) as total_revenue,
        count(profit) as movies_with_financials,
        sum(profit) as total_profit,
        count(popularity) as movies_with_popularity,
        avg(popularity) as avg_popularity
    from dated_movies_by_company
    group by company_id, release_year

),

final as (

    select
        -- the company and the year
        figures_summed_by_company_year.company_id,
        companies.company_name,
        figures_summed_by_company_year.release_year,

        -- figures in nominal dollars, each beside the count of movies it rests on
        figures_summed_by_company_year.movie_count,
        figures_summed_by_company_year.movies_with_budget,
        figures_summed_by_company_year.total_budget,
        figures_summed_by_company_year.movies_with_revenue,
        figures_summed_by_company_year.total_revenue,
        figures_summed_by_company_year.movies_with_financials,
        figures_summed_by_company_year.total_profit,
        figures_summed_by_company_year.movies_with_popularity,
        figures_summed_by_company_year.avg_popularity,

        -- money in dollars of the latest year of the us_cpi_by_year seed
        {{ to_constant_dollars(
            'figures_summed_by_company_year.total_budget',
            'figures_summed_by_company_year.release_year',
        ) }} as total_budget_real,
        {{ to_constant_dollars(
            'figures_summed_by_company_year.total_revenue',
            'figures_summed_by_company_year.release_year',
        ) }} as total_revenue_real,
        {{ to_constant_dollars(
            'figures_summed_by_company_year.total_profit',
            'figures_summed_by_company_year.release_year',
        ) }} as total_profit_real

    from figures_summed_by_company_year
    inner join companies
        on figures_summed_by_company_year.company_id = companies.company_id

)

select * from final
