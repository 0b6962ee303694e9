{#- Per movie: in an hourly run, only the movies the run touched (dbt_project.yml). #}
with

movies as (

    -- only what the rule reads: a CTE read twice is materialised with every column
    select
        movie_id,
        title,
        release_year,
        budget,
        revenue
    from {{ ref('fct_movie') }}
    {{ only_touched_movies() }}

),

-- The one place the plausibility rule's thresholds live (docs/modeling.md says why these):
-- the data test movie_money_is_plausible and the report both read this model.
plausibility_limits as (

    select
        cast(1000 as decimal(38, 2)) as minimum_amount,
        cast(800000000 as decimal(38, 2)) as maximum_budget_real

),

known_amounts as (

    select
        movies.movie_id,
        movies.title,
        movies.release_year,
        'budget' as column_name,
        movies.budget as amount,
        {{ to_constant_dollars('movies.budget', 'movies.release_year') }} as amount_real
    from movies
    where movies.budget is not null

    union all

    select
        movies.movie_id,
        movies.title,
        movies.release_year,
        'revenue' as column_name,
        movies.revenue as amount,
        {{ to_constant_dollars('movies.revenue', 'movies.release_year') }} as amount_real
    from movies
    where movies.revenue is not null

),

amounts_judged as (

    select
        known_amounts.movie_id,
        known_amounts.column_name,
        known_amounts.title,
        known_amounts.release_year,
        known_amounts.amount,
        known_amounts.amount_real,
        case
            when known_amounts.amount < plausibility_limits.minimum_amount
                then 'below_minimum'
            when
                known_amounts.column_name = 'budget'
                and known_amounts.amount_real > plausibility_limits.maximum_budget_real
                then 'above_maximum_budget'
        end as issue_code
    from known_amounts
    cross join plausibility_limits

),

final as (

    select
        amounts_judged.movie_id,
        amounts_judged.column_name,
        amounts_judged.title,
        amounts_judged.release_year,
        amounts_judged.amount,
        amounts_judged.amount_real,
        amounts_judged.issue_code,
        case amounts_judged.issue_code
            when 'below_minimum'
                then 'under $1,000: too small to be real (often an amount in millions)'
            when 'above_maximum_budget'
                then 'over $800M in constant dollars: more than any film has cost'
        end as issue
    from amounts_judged
    where amounts_judged.issue_code is not null

)

select * from final
