with

company_yearly_metrics as (

    select * from {{ ref('company_yearly_metrics') }}

),

company_releases_by_genre_by_year as (

    select * from {{ ref('company_releases_by_genre_by_year') }}

),

movies as (

    -- only what the counts read
    select
        movie_id,
        release_year,
        has_budget,
        has_revenue,
        has_financials
    from {{ ref('fct_movie') }}

),

movie_companies as (

    select * from {{ ref('bridge_movie_company') }}

),

companies as (

    select * from {{ ref('dim_company') }}

),

figures_summed_by_company as (

    select
        company_id,
        sum(movie_count) as movie_count,
        sum(total_budget) as total_budget,
        sum(total_budget_real) as total_budget_real,
        sum(total_revenue) as total_revenue,
        sum(total_revenue_real) as total_revenue_real,
        sum(total_profit) as total_profit,
        sum(total_profit_real) as total_profit_real
    from company_yearly_metrics
    group by company_id

),

genre_releases_summed_by_company as (

    select
        company_id,
        sum(release_count) as release_count
    from company_releases_by_genre_by_year
    group by company_id

),

-- Each ranking orders every company that has its measure; ties go to the nominal total
-- (money), then to the smaller company_id, so a rank is never shared.
companies_ranked as (

    select
        'budget' as ranked_by,
        company_id,
        row_number() over (
            order by total_budget_real desc nulls last, total_budget desc, company_id asc
        ) as company_rank
    from figures_summed_by_company
    where total_budget is not null

    union all

    select
        'revenue' as ranked_by,
        company_id,
        row_number() over (
            order by total_revenue_real desc nulls last, total_revenue desc, company_id asc
        ) as company_rank
    from figures_summed_by_company
    where total_revenue is not null

    union all

    select
        'profit' as ranked_by,
        company_id,
        row_number() over (
            order by total_profit_real desc nulls last, total_profit desc, company_id asc
        ) as company_rank
    from figures_summed_by_company
    where total_profit is not null

    union all

    select
        'releases' as ranked_by,
        company_id,
        row_number() over (order by movie_count desc, company_id asc) as company_rank
    from figures_summed_by_company

    union all

    select
        'genre_releases' as ranked_by,
        company_id,
        row_number() over (order by release_count desc, company_id asc) as company_rank
    from genre_releases_summed_by_company

),

leaders as (

    select * from companies_ranked
    where company_rank <= {{ var('company_leader_count') }}

),

-- The movies a ranking's charts rest on, each with the best rank among its leading
-- companies: a dated movie, with the ranking's money known (both amounts for profit).
leader_movies as (

    select
        leaders.ranked_by,
        movie_companies.movie_id,
        min(leaders.company_rank) as first_company_rank
    from leaders
    inner join movie_companies
        on leaders.company_id = movie_companies.company_id
    inner join movies
        on movie_companies.movie_id = movies.movie_id
    where
        movies.release_year is not null
        and case leaders.ranked_by
            when 'budget' then movies.has_budget
            when 'revenue' then movies.has_revenue
            when 'profit' then movies.has_financials
            else true
        end
    group by leaders.ranked_by, movie_companies.movie_id

),

first_movies_counted_by_rank as (

    select
        ranked_by,
        first_company_rank,
        count(*) as movie_count
    from leader_movies
    group by ranked_by, first_company_rank

),

final as (

    select
        -- the ranking and the company
        leaders.ranked_by,
        -- bigint, as DuckDB's row_number is (Spark's is int)
        cast(leaders.company_rank as bigint) as company_rank,
        leaders.company_id,
        companies.company_name,

        -- a co-produced movie of two leaders counts once, at the better rank
        cast(sum(coalesce(first_movies_counted_by_rank.movie_count, 0)) over (
            partition by leaders.ranked_by
            order by leaders.company_rank
            rows between unbounded preceding and current row
        ) as bigint) as leaders_movie_count

    from leaders
    inner join companies
        on leaders.company_id = companies.company_id
    left join first_movies_counted_by_rank
        on
            leaders.ranked_by = first_movies_counted_by_rank.ranked_by
            and leaders.company_rank = first_movies_counted_by_rank.first_company_rank

)

select * from final
